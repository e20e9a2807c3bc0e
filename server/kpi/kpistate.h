#pragma once
// The KPI figures as a sum of every ticket's contribution (docs/kpis.md), kept per group:
// what is true now (the open backlog by priority and status, open tickets per agent, the
// tickets at SLA risk) and, per local day of a DayIndex, what happened that day (tickets
// created and resolved, SLA clocks stopped met or missed with their business time, first
// contact resolutions, reopened resolutions, satisfaction ratings, demand per category,
// customer and organisation, resolutions per agent; per hour as well when asked for).
//
// apply(facts, +1) adds a ticket's contribution, apply(facts, -1) takes it away again, so a
// change of a ticket is apply(old, -1) then apply(new, +1), whatever changed. Contributions
// to instants outside the index's days are not kept. Figures of any run of days and set of
// groups are sums over their buckets; medians are selected from the buckets' sorted values
// without merging them.

#include "dayindex.h"
#include "kpifigures.h"
#include "ticketfacts.h"

#include <QHash>
#include <QList>

#include <unordered_map>

#include <algorithm>
#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace Atiende::Server {

// A multiset of durations kept sorted: insert and remove are a binary search and a move of
// the values after it, which for one group's day (a few thousand values) is a memmove.
class SortedValues
{
public:
    void insert(qint64 v)
    {
        m_values.insert(std::upper_bound(m_values.begin(), m_values.end(), v), v);
    }
    bool remove(qint64 v);
    qsizetype size() const { return qsizetype(m_values.size()); }
    bool isEmpty() const { return m_values.empty(); }
    const std::vector<qint64> &values() const { return m_values; }

    // The k-th smallest (0-based) of the union of several sorted multisets; k < total size.
    static qint64 select(const std::vector<const SortedValues *> &sets, qint64 k);
    // The median of the union (the mean of the two middle values, rounded down, for an even
    // count); nullopt when the union is empty.
    static std::optional<qint64> median(const std::vector<const SortedValues *> &sets);

private:
    std::vector<qint64> m_values;
};

class KpiState
{
public:
    static constexpr int kOpenStatuses
        = 5; // new, assigned, in_progress, pending_customer, pending_third_party
    static constexpr int kHours = 25; // a day that repeats an hour

    struct HourCounters
    {
        std::array<qint32, kHours> created {}, resolved {}, firstResponseMet {},
            firstResponseBreached {}, resolutionMet {}, resolutionBreached {};
    };
    struct CategoryTimes
    {
        qint64 count = 0;
        qint64 sumMs = 0;
    };
    struct DayBucket
    {
        qint64 created = 0, resolved = 0, firstContact = 0, reopened = 0, good = 0, bad = 0;
        qint64 firstResponseMet = 0, firstResponseBreached = 0, firstResponseSumMs = 0;
        qint64 resolutionMet = 0, resolutionBreached = 0, resolutionSumMs = 0;
        SortedValues firstResponseTimes, resolutionTimes;
        QHash<qint64, qint64> createdByCategory, createdByCustomer, createdByOrganisation,
            resolvedByAssignee;
        QHash<qint64, CategoryTimes> resolutionByCategory;
        std::unique_ptr<HourCounters> hours;
    };
    struct GroupState
    {
        std::array<std::array<qint64, kOpenStatuses>, 4> open {}; // [priority][status]
        qint64 unassigned = 0;
        QHash<qint64, qint64> openByAssignee;
        QHash<qint64, TicketFacts::Risk> atRisk; // open tickets with a clock at warning or breached
        std::deque<DayBucket> days; // days[i]: day i of the index
    };

    struct Backlog
    {
        std::array<std::array<qint64, kOpenStatuses>, 4> byPriorityStatus {};
        qint64 unassigned = 0;
        qint64 total() const;
        QJsonObject toJson() const;
    };

    KpiState() = default;
    KpiState(DayIndex days, bool hourly);

    const DayIndex &days() const { return m_days; }

    void apply(const TicketFacts &f, int sign);
    // Whether the facts add anything to a day of the index (being open aside).
    bool touches(const TicketFacts &f) const;
    // Moves to another run of days of the same zone: the buckets of days in both are kept,
    // the others dropped, new days start empty.
    void setDays(DayIndex days);

    // Figures of the days [fromDay, toDay) of the index for the groups in scope (an empty
    // scope: every group).
    PeriodFigures period(const QList<qint64> &scope, int fromDay, int toDay) const;
    Breakdowns breakdowns(const QList<qint64> &scope, int fromDay, int toDay) const;
    struct SeriesPoint
    {
        qint64 start = 0;
        qint64 created = 0, resolved = 0, firstResponseMet = 0, firstResponseBreached = 0,
               resolutionMet = 0, resolutionBreached = 0;
        QJsonObject toJson() const;
    };
    QList<SeriesPoint> dailySeries(const QList<qint64> &scope, int fromDay, int toDay) const;
    // Hours of one day (needs an hourly state), up to and including lastHour.
    QList<SeriesPoint> hourlySeries(const QList<qint64> &scope, int day, int lastHour) const;

    Backlog backlog(const QList<qint64> &scope) const;
    QHash<qint64, qint64> openByAssignee(const QList<qint64> &scope) const;
    QHash<qint64, qint64> resolvedByAssignee(const QList<qint64> &scope, int day) const;
    // Open tickets at risk in scope: ticket id -> how.
    QHash<qint64, TicketFacts::Risk> atRisk(const QList<qint64> &scope) const;

private:
    GroupState &group(qint64 id);
    DayBucket *bucket(GroupState &g, qint64 at, int *day);
    template <typename Fn> void forEachGroup(const QList<qint64> &scope, Fn fn) const;

    DayIndex m_days;
    bool m_hourly = false;
    std::unordered_map<qint64, GroupState> m_groups; // buckets are moved, never copied
};

} // namespace Atiende::Server
