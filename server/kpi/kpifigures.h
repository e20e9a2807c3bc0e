#pragma once
// The figures of a period (docs/kpis.md, "Figures of a period") as plain values, and their
// JSON form, shared by the dashboard (dashboard.subscribe) and reports (reports.get).
// Rates and means whose denominator is zero are absent (std::nullopt) and travel as null.

#include <QJsonObject>
#include <QList>

#include <optional>

namespace Atiende::Server {

struct ClockFigures
{
    qint64 met = 0;
    qint64 breached = 0;
    qint64 sumMs = 0; // business time used, over met + breached
    std::optional<qint64> medianMs;

    qint64 measured() const { return met + breached; }
    std::optional<double> compliance() const;
    std::optional<qint64> meanMs() const;
    // {"met", "breached", "compliance", "meanMs", "medianMs"}
    QJsonObject toJson() const;
};

struct PeriodFigures
{
    qint64 created = 0;
    qint64 resolved = 0;
    qint64 firstContact = 0; // of resolved
    qint64 reopened = 0; // of resolved
    qint64 good = 0;
    qint64 bad = 0;
    ClockFigures firstResponse;
    ClockFigures resolution;

    // {"created", "resolved", "firstResponse", "resolution",
    //  "firstContactResolution": {"count", "rate"}, "reopened": {"count", "rate"},
    //  "csat": {"good", "bad", "count", "goodShare"}}
    QJsonObject toJson() const;
};

// A count per id (a category, customer, organisation), ranked.
struct RankedCount
{
    qint64 id = 0;
    qint64 count = 0;
};

struct CategoryTime
{
    qint64 categoryId = 0;
    qint64 resolved = 0;
    qint64 meanMs = 0;
};

// The period's breakdowns, each ranked and bounded.
struct Breakdowns
{
    static constexpr int kTopCategories = 10;
    static constexpr int kSlowestCategories = 5;
    static constexpr int kTopRequesters = 10;

    QList<RankedCount> categories; // tickets created, by category (id 0: none)
    QList<CategoryTime> slowestCategories;
    QList<RankedCount> customers; // tickets created, by customer
    QList<RankedCount> organisations; // tickets created, by organisation

    // {"categories": [{"categoryId", "created"}], "slowestCategories": [{"categoryId",
    //  "resolved", "meanResolutionMs"}], "topCustomers": [{"customerId", "created"}],
    //  "topOrganisations": [{"organisationId", "created"}]}, merged into `into`.
    void writeJson(QJsonObject *into) const;
};

// Rates and means as the protocol writes them: null when nothing was counted.
QJsonValue nullableRate(qint64 count, qint64 of);

} // namespace Atiende::Server
