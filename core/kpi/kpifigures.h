#pragma once
// The KPI figures a console receives, as typed values: the dashboard figures of
// dashboard.subscribe and dashboard.changed, and the report of reports.get (docs/protocol.md,
// docs/kpis.md), with their JSON form both ways. The console's dashboard, its charts and its
// report export read these instead of the wire's field names.
//
// A rate, mean or median with nothing to count travels as null and is std::nullopt here
// (never 0). Ids are 0 for none (null on the wire: a ticket without a category). Vocabulary
// (priorities, statuses, presence) becomes the core enums; a value this console does not know
// (a newer server) is left out of the maps, or read as the closest safe value where a single
// value is needed (named at each field).

#include "core/domain/enums.h"
#include "core/routing/assignment.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Atiende::Core {

// One SLA clock's figures for a period: {"met", "breached", "compliance", "meanMs", "medianMs"}.
struct KpiClock
{
    qint64 met = 0;
    qint64 breached = 0;
    std::optional<double> compliance; // met / (met + breached)
    std::optional<qint64> meanMs; // business milliseconds
    std::optional<qint64> medianMs;

    QJsonObject toJson() const;
    static KpiClock fromJson(const QJsonObject &o);
};

// A count and its share of the period's resolved tickets: {"count", "rate"}.
struct KpiShare
{
    qint64 count = 0;
    std::optional<double> rate;

    QJsonObject toJson() const;
    static KpiShare fromJson(const QJsonObject &o);
};

// Satisfaction ratings: {"good", "bad", "count", "goodShare"}.
struct KpiCsat
{
    qint64 good = 0;
    qint64 bad = 0;
    qint64 count = 0;
    std::optional<double> goodShare;

    QJsonObject toJson() const;
    static KpiCsat fromJson(const QJsonObject &o);
};

// The protocol's "period figures": a dashboard's current and previous period, each day and
// the totals of a report.
struct KpiPeriodFigures
{
    qint64 created = 0;
    qint64 resolved = 0;
    KpiClock firstResponse;
    KpiClock resolution;
    KpiShare firstContactResolution;
    KpiShare reopened;
    KpiCsat csat;

    QJsonObject toJson() const;
    static KpiPeriodFigures fromJson(const QJsonObject &o);
};

// One point of the dashboard's series (an hour of today, or a day).
struct KpiSeriesPoint
{
    qint64 start = 0; // ms since the epoch
    qint64 created = 0;
    qint64 resolved = 0;
    qint64 firstResponseMet = 0;
    qint64 firstResponseBreached = 0;
    qint64 resolutionMet = 0;
    qint64 resolutionBreached = 0;

    QJsonObject toJson() const;
    static KpiSeriesPoint fromJson(const QJsonObject &o);
};

struct KpiSeries
{
    enum class Unit { Hour, Day }; // "hour" (today: the hours so far) or "day"
    Unit unit = Unit::Day; // anything but "hour" reads as days
    QList<KpiSeriesPoint> points;

    QJsonObject toJson() const;
    static KpiSeries fromJson(const QJsonObject &o);
};

// Open tickets now, by priority and status (the open statuses only).
struct KpiBacklog
{
    qint64 total = 0;
    qint64 unassigned = 0;
    QMap<Priority, qint64> byPriority;
    QMap<TicketStatus, qint64> byStatus;
    QMap<Priority, QMap<TicketStatus, qint64>> byPriorityAndStatus;

    qint64 open(Priority p) const { return byPriority.value(p); }
    qint64 open(Priority p, TicketStatus s) const { return byPriorityAndStatus.value(p).value(s); }

    QJsonObject toJson() const;
    static KpiBacklog fromJson(const QJsonObject &o);
};

// A ticket with an SLA clock at warning or breached now.
struct KpiAtRiskTicket
{
    enum class State { Warning, Breached }; // anything but "breached" reads as a warning
    enum class Clock {
        FirstResponse,
        Resolution
    }; // anything but "firstResponse" reads as resolution

    qint64 id = 0;
    QString number;
    QString subject;
    Priority priority = Priority::P4; // an unknown one reads as P4
    TicketStatus status = TicketStatus::New; // an unknown one reads as new
    qint64 groupId = 0;
    qint64 assigneeId = 0; // 0: unassigned
    State state = State::Warning;
    Clock clock = Clock::Resolution;
    qint64 dueAt = 0; // 0: paused after breaching

    QJsonObject toJson() const;
    static KpiAtRiskTicket fromJson(const QJsonObject &o);
};

// "warning" / "breached", as Labels::slaState and the protocol name them.
QString wireName(KpiAtRiskTicket::State v);

// Tickets created in the period by one category (0: none), customer or organisation.
struct KpiCount
{
    qint64 id = 0;
    qint64 created = 0;
};

struct KpiSlowCategory
{
    qint64 categoryId = 0;
    qint64 resolved = 0;
    qint64 meanResolutionMs = 0;
};

// The period's breakdowns: "categories", "slowestCategories", "topCustomers",
// "topOrganisations" (fields of the dashboard figures and of a report).
struct KpiBreakdowns
{
    QList<KpiCount> categories;
    QList<KpiSlowCategory> slowestCategories;
    QList<KpiCount> topCustomers;
    QList<KpiCount> topOrganisations;

    // Writes the four lists into `into`.
    void writeJson(QJsonObject *into) const;
    static KpiBreakdowns fromJson(const QJsonObject &o);
};

// An agent on the dashboard: their presence and load.
struct KpiAgentLoad
{
    qint64 agentId = 0;
    QString name;
    Presence presence = Presence::Offline; // an unknown one reads as offline
    qint64 openTickets = 0;
    qint64 resolvedToday = 0;

    QJsonObject toJson() const;
    static KpiAgentLoad fromJson(const QJsonObject &o);
};

// The dashboard figures (dashboard.subscribe's result, dashboard.changed's params).
struct DashboardFigures
{
    QString period; // "today", "7d" or "30d"; empty: no figures at all
    QList<qint64> groupIds; // []: the whole desk
    QString timeZone; // IANA name
    qint64 asOf = 0;
    qint64 from = 0;
    qint64 to = 0;
    qint64 previousFrom = 0;
    qint64 previousTo = 0;
    KpiPeriodFigures current;
    KpiPeriodFigures previous;
    KpiSeries series;
    KpiBacklog backlog;
    qint64 slaWarning = 0; // slaNow.warning
    qint64 slaBreached = 0; // slaNow.breached
    QList<KpiAtRiskTicket> atRisk; // most urgent first
    qint64 atRiskTotal = 0;
    KpiBreakdowns breakdowns;
    QList<KpiAgentLoad> agents;

    bool isEmpty() const { return period.isEmpty(); }
    // Equal in every figure (compared through the JSON form, which holds all of them).
    bool operator==(const DashboardFigures &o) const { return toJson() == o.toJson(); }
    bool operator!=(const DashboardFigures &o) const { return !(*this == o); }

    // {} for empty figures.
    QJsonObject toJson() const;
    static DashboardFigures fromJson(const QJsonObject &o);
};

// One day of a report.
struct KpiDayFigures
{
    QDate date;
    KpiPeriodFigures figures;
};

// A report (reports.get's result): the days [from, to), per day and in total.
struct KpiReportFigures
{
    QDate from;
    QDate to; // the day after the last one
    QString timeZone;
    QList<qint64> groupIds;
    qint64 generatedAt = 0;
    QList<KpiDayFigures> days;
    KpiPeriodFigures totals;
    KpiBreakdowns breakdowns;

    bool operator==(const KpiReportFigures &o) const { return toJson() == o.toJson(); }
    bool operator!=(const KpiReportFigures &o) const { return !(*this == o); }

    QJsonObject toJson() const;
    static KpiReportFigures fromJson(const QJsonObject &o);
};

} // namespace Atiende::Core
