#include "kpistate.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

namespace Atiende::Server {

using namespace Atiende::Core;

namespace {
void addTo(QHash<qint64, qint64> &map, qint64 key, int sign)
{
    auto it = map.find(key);
    if (it == map.end()) {
        if (sign > 0)
            map.insert(key, sign);
        return;
    }
    *it += sign;
    if (*it == 0)
        map.erase(it);
}

void mergeInto(QHash<qint64, qint64> &into, const QHash<qint64, qint64> &from)
{
    for (auto it = from.cbegin(); it != from.cend(); ++it)
        into[it.key()] += it.value();
}

QList<RankedCount> ranked(const QHash<qint64, qint64> &counts, int limit)
{
    QList<RankedCount> all;
    all.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > 0)
            all.append({ it.key(), it.value() });
    }
    const auto before = [](const RankedCount &a, const RankedCount &b) {
        return a.count != b.count ? a.count > b.count : a.id < b.id;
    };
    if (all.size() > limit) {
        std::partial_sort(all.begin(), all.begin() + limit, all.end(), before);
        all.resize(limit);
    } else {
        std::sort(all.begin(), all.end(), before);
    }
    return all;
}
} // namespace

bool SortedValues::remove(qint64 v)
{
    const auto it = std::lower_bound(m_values.begin(), m_values.end(), v);
    if (it == m_values.end() || *it != v)
        return false;
    m_values.erase(it);
    return true;
}

qint64 SortedValues::select(const std::vector<const SortedValues *> &sets, qint64 k)
{
    // Binary search over the values: the smallest v with more than k values <= v.
    qint64 lo = std::numeric_limits<qint64>::max();
    qint64 hi = std::numeric_limits<qint64>::min();
    for (const SortedValues *s : sets) {
        if (s->isEmpty())
            continue;
        lo = qMin(lo, s->m_values.front());
        hi = qMax(hi, s->m_values.back());
    }
    while (lo < hi) {
        const qint64 mid = lo + (hi - lo) / 2;
        qint64 atMost = 0;
        for (const SortedValues *s : sets)
            atMost += std::upper_bound(s->m_values.begin(), s->m_values.end(), mid)
                - s->m_values.begin();
        if (atMost > k)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

std::optional<qint64> SortedValues::median(const std::vector<const SortedValues *> &sets)
{
    qint64 n = 0;
    for (const SortedValues *s : sets)
        n += s->size();
    if (n == 0)
        return std::nullopt;
    if (n % 2)
        return select(sets, n / 2);
    const qint64 low = select(sets, n / 2 - 1);
    const qint64 high = select(sets, n / 2);
    return low + (high - low) / 2;
}

KpiState::KpiState(DayIndex days, bool hourly)
    : m_days(std::move(days))
    , m_hourly(hourly)
{
}

qint64 KpiState::Backlog::total() const
{
    qint64 n = 0;
    for (const auto &row : byPriorityStatus) {
        for (qint64 v : row)
            n += v;
    }
    return n;
}

QJsonObject KpiState::Backlog::toJson() const
{
    QJsonObject byPriority, byStatus, byBoth;
    std::array<qint64, kOpenStatuses> statusTotals {};
    for (int p = 0; p < 4; ++p) {
        QJsonObject row;
        qint64 sum = 0;
        for (int s = 0; s < kOpenStatuses; ++s) {
            row.insert(wireName(TicketStatus(s)), double(byPriorityStatus[size_t(p)][size_t(s)]));
            sum += byPriorityStatus[size_t(p)][size_t(s)];
            statusTotals[size_t(s)] += byPriorityStatus[size_t(p)][size_t(s)];
        }
        byPriority.insert(wireName(Priority(p)), double(sum));
        byBoth.insert(wireName(Priority(p)), row);
    }
    for (int s = 0; s < kOpenStatuses; ++s)
        byStatus.insert(wireName(TicketStatus(s)), double(statusTotals[size_t(s)]));
    return { { QStringLiteral("total"), double(total()) },
        { QStringLiteral("unassigned"), double(unassigned) },
        { QStringLiteral("byPriority"), byPriority }, { QStringLiteral("byStatus"), byStatus },
        { QStringLiteral("byPriorityAndStatus"), byBoth } };
}

KpiState::GroupState &KpiState::group(qint64 id)
{
    auto it = m_groups.find(id);
    if (it == m_groups.end()) {
        it = m_groups.emplace(id, GroupState()).first;
        it->second.days.resize(size_t(m_days.count()));
    }
    return it->second;
}

KpiState::DayBucket *KpiState::bucket(GroupState &g, qint64 at, int *day)
{
    const int d = at > 0 ? m_days.dayOf(at) : -1;
    if (d < 0)
        return nullptr;
    *day = d;
    DayBucket *b = &g.days[size_t(d)];
    if (m_hourly && !b->hours)
        b->hours = std::make_unique<HourCounters>();
    return b;
}

void KpiState::apply(const TicketFacts &f, int sign)
{
    GroupState &g = group(f.groupId);
    if (f.isOpen()) {
        g.open[size_t(f.priority)][size_t(f.status)] += sign;
        if (f.assigneeId)
            addTo(g.openByAssignee, f.assigneeId, sign);
        else
            g.unassigned += sign;
        const TicketFacts::Risk risk = f.risk();
        if (risk != TicketFacts::Risk::None) {
            if (sign > 0)
                g.atRisk.insert(f.id, risk);
            else
                g.atRisk.remove(f.id);
        }
    }
    int day = 0;
    auto hour = [&](DayBucket *b, qint64 at, std::array<qint32, kHours> HourCounters::*counter) {
        if (b->hours)
            (b->hours.get()->*counter)[size_t(qBound(0, m_days.hourOf(day, at), kHours - 1))]
                += sign;
    };
    if (f.known) {
        if (DayBucket *b = bucket(g, f.createdAt, &day)) {
            b->created += sign;
            addTo(b->createdByCategory, f.categoryId, sign);
            if (f.customerId)
                addTo(b->createdByCustomer, f.customerId, sign);
            if (f.organisationId)
                addTo(b->createdByOrganisation, f.organisationId, sign);
            hour(b, f.createdAt, &HourCounters::created);
        }
        if (f.isResolved()) {
            if (DayBucket *b = bucket(g, f.resolvedAt, &day)) {
                b->resolved += sign;
                if (f.firstContact())
                    b->firstContact += sign;
                if (f.reopenCount > 0)
                    b->reopened += sign;
                if (f.assigneeId)
                    addTo(b->resolvedByAssignee, f.assigneeId, sign);
                hour(b, f.resolvedAt, &HourCounters::resolved);
            }
        }
        if (f.firstResponse.measured()) {
            if (DayBucket *b = bucket(g, f.firstResponse.stoppedAt, &day)) {
                const bool met = f.firstResponse.met();
                (met ? b->firstResponseMet : b->firstResponseBreached) += sign;
                b->firstResponseSumMs += sign * f.firstResponse.usedMs;
                if (sign > 0)
                    b->firstResponseTimes.insert(f.firstResponse.usedMs);
                else
                    b->firstResponseTimes.remove(f.firstResponse.usedMs);
                hour(b, f.firstResponse.stoppedAt,
                    met ? &HourCounters::firstResponseMet : &HourCounters::firstResponseBreached);
            }
        }
        if (f.resolution.measured()) {
            if (DayBucket *b = bucket(g, f.resolution.stoppedAt, &day)) {
                const bool met = f.resolution.met();
                (met ? b->resolutionMet : b->resolutionBreached) += sign;
                b->resolutionSumMs += sign * f.resolution.usedMs;
                if (sign > 0)
                    b->resolutionTimes.insert(f.resolution.usedMs);
                else
                    b->resolutionTimes.remove(f.resolution.usedMs);
                auto it = b->resolutionByCategory.find(f.categoryId);
                if (it == b->resolutionByCategory.end())
                    it = b->resolutionByCategory.insert(f.categoryId, CategoryTimes());
                it->count += sign;
                it->sumMs += sign * f.resolution.usedMs;
                if (it->count == 0)
                    b->resolutionByCategory.erase(it);
                hour(b, f.resolution.stoppedAt,
                    met ? &HourCounters::resolutionMet : &HourCounters::resolutionBreached);
            }
        }
    }
    for (const Rating &r : f.ratings) {
        if (DayBucket *b = bucket(g, r.at, &day))
            (r.good ? b->good : b->bad) += sign;
    }
}

bool KpiState::touches(const TicketFacts &f) const
{
    auto inside = [&](qint64 at) { return at > 0 && m_days.dayOf(at) >= 0; };
    if (f.known) {
        if (inside(f.createdAt) || (f.isResolved() && inside(f.resolvedAt)))
            return true;
        if ((f.firstResponse.measured() && inside(f.firstResponse.stoppedAt))
            || (f.resolution.measured() && inside(f.resolution.stoppedAt)))
            return true;
    }
    return std::any_of(
        f.ratings.begin(), f.ratings.end(), [&](const Rating &r) { return inside(r.at); });
}

void KpiState::setDays(DayIndex days)
{
    const qint64 shift = m_days.count() > 0 ? m_days.first().daysTo(days.first()) : 0;
    const size_t count = size_t(days.count());
    for (auto &[id, g] : m_groups) {
        if (shift >= qint64(g.days.size())) {
            g.days.clear();
        } else if (shift > 0) {
            g.days.erase(g.days.begin(), g.days.begin() + shift);
        } else if (shift < 0) {
            for (qint64 i = 0; i < -shift; ++i)
                g.days.emplace_front();
        }
        g.days.resize(count);
    }
    m_days = std::move(days);
}

template <typename Fn> void KpiState::forEachGroup(const QList<qint64> &scope, Fn fn) const
{
    if (scope.isEmpty()) {
        for (const auto &[id, g] : m_groups)
            fn(g);
        return;
    }
    for (qint64 id : scope) {
        const auto it = m_groups.find(id);
        if (it != m_groups.end())
            fn(it->second);
    }
}

PeriodFigures KpiState::period(const QList<qint64> &scope, int fromDay, int toDay) const
{
    PeriodFigures p;
    std::vector<const SortedValues *> firstResponse, resolution;
    fromDay = qMax(0, fromDay);
    toDay = qMin(toDay, m_days.count());
    forEachGroup(scope, [&](const GroupState &g) {
        for (int d = fromDay; d < toDay; ++d) {
            const DayBucket &b = g.days[size_t(d)];
            p.created += b.created;
            p.resolved += b.resolved;
            p.firstContact += b.firstContact;
            p.reopened += b.reopened;
            p.good += b.good;
            p.bad += b.bad;
            p.firstResponse.met += b.firstResponseMet;
            p.firstResponse.breached += b.firstResponseBreached;
            p.firstResponse.sumMs += b.firstResponseSumMs;
            p.resolution.met += b.resolutionMet;
            p.resolution.breached += b.resolutionBreached;
            p.resolution.sumMs += b.resolutionSumMs;
            if (!b.firstResponseTimes.isEmpty())
                firstResponse.push_back(&b.firstResponseTimes);
            if (!b.resolutionTimes.isEmpty())
                resolution.push_back(&b.resolutionTimes);
        }
    });
    p.firstResponse.medianMs = SortedValues::median(firstResponse);
    p.resolution.medianMs = SortedValues::median(resolution);
    return p;
}

Breakdowns KpiState::breakdowns(const QList<qint64> &scope, int fromDay, int toDay) const
{
    QHash<qint64, qint64> categories, customers, organisations;
    QHash<qint64, CategoryTimes> times;
    fromDay = qMax(0, fromDay);
    toDay = qMin(toDay, m_days.count());
    forEachGroup(scope, [&](const GroupState &g) {
        for (int d = fromDay; d < toDay; ++d) {
            const DayBucket &b = g.days[size_t(d)];
            mergeInto(categories, b.createdByCategory);
            mergeInto(customers, b.createdByCustomer);
            mergeInto(organisations, b.createdByOrganisation);
            for (auto it = b.resolutionByCategory.cbegin(); it != b.resolutionByCategory.cend();
                 ++it) {
                CategoryTimes &t = times[it.key()];
                t.count += it->count;
                t.sumMs += it->sumMs;
            }
        }
    });
    Breakdowns out;
    out.categories = ranked(categories, Breakdowns::kTopCategories);
    out.customers = ranked(customers, Breakdowns::kTopRequesters);
    out.organisations = ranked(organisations, Breakdowns::kTopRequesters);
    QList<CategoryTime> slowest;
    for (auto it = times.cbegin(); it != times.cend(); ++it) {
        if (it->count > 0)
            slowest.append({ it.key(), it->count, (it->sumMs + it->count / 2) / it->count });
    }
    std::sort(slowest.begin(), slowest.end(), [](const CategoryTime &a, const CategoryTime &b) {
        if (a.meanMs != b.meanMs)
            return a.meanMs > b.meanMs;
        if (a.resolved != b.resolved)
            return a.resolved > b.resolved;
        return a.categoryId < b.categoryId;
    });
    if (slowest.size() > Breakdowns::kSlowestCategories)
        slowest.resize(Breakdowns::kSlowestCategories);
    out.slowestCategories = slowest;
    return out;
}

QJsonObject KpiState::SeriesPoint::toJson() const
{
    return { { QStringLiteral("start"), Timestamp::toJson(start) },
        { QStringLiteral("created"), double(created) },
        { QStringLiteral("resolved"), double(resolved) },
        { QStringLiteral("firstResponseMet"), double(firstResponseMet) },
        { QStringLiteral("firstResponseBreached"), double(firstResponseBreached) },
        { QStringLiteral("resolutionMet"), double(resolutionMet) },
        { QStringLiteral("resolutionBreached"), double(resolutionBreached) } };
}

QList<KpiState::SeriesPoint> KpiState::dailySeries(
    const QList<qint64> &scope, int fromDay, int toDay) const
{
    QList<SeriesPoint> points;
    fromDay = qMax(0, fromDay);
    toDay = qMin(toDay, m_days.count());
    for (int d = fromDay; d < toDay; ++d) {
        SeriesPoint p;
        p.start = m_days.start(d);
        forEachGroup(scope, [&](const GroupState &g) {
            const DayBucket &b = g.days[size_t(d)];
            p.created += b.created;
            p.resolved += b.resolved;
            p.firstResponseMet += b.firstResponseMet;
            p.firstResponseBreached += b.firstResponseBreached;
            p.resolutionMet += b.resolutionMet;
            p.resolutionBreached += b.resolutionBreached;
        });
        points.append(p);
    }
    return points;
}

QList<KpiState::SeriesPoint> KpiState::hourlySeries(
    const QList<qint64> &scope, int day, int lastHour) const
{
    QList<SeriesPoint> points;
    if (day < 0 || day >= m_days.count())
        return points;
    lastHour = qBound(-1, lastHour, kHours - 1);
    for (int h = 0; h <= lastHour; ++h) {
        SeriesPoint p;
        p.start = m_days.start(day) + qint64(h) * 3600000;
        forEachGroup(scope, [&](const GroupState &g) {
            const HourCounters *c = g.days[size_t(day)].hours.get();
            if (!c)
                return;
            p.created += c->created[size_t(h)];
            p.resolved += c->resolved[size_t(h)];
            p.firstResponseMet += c->firstResponseMet[size_t(h)];
            p.firstResponseBreached += c->firstResponseBreached[size_t(h)];
            p.resolutionMet += c->resolutionMet[size_t(h)];
            p.resolutionBreached += c->resolutionBreached[size_t(h)];
        });
        points.append(p);
    }
    return points;
}

KpiState::Backlog KpiState::backlog(const QList<qint64> &scope) const
{
    Backlog b;
    forEachGroup(scope, [&](const GroupState &g) {
        for (size_t p = 0; p < 4; ++p) {
            for (size_t s = 0; s < kOpenStatuses; ++s)
                b.byPriorityStatus[p][s] += g.open[p][s];
        }
        b.unassigned += g.unassigned;
    });
    return b;
}

QHash<qint64, qint64> KpiState::openByAssignee(const QList<qint64> &scope) const
{
    QHash<qint64, qint64> out;
    forEachGroup(scope, [&](const GroupState &g) { mergeInto(out, g.openByAssignee); });
    return out;
}

QHash<qint64, qint64> KpiState::resolvedByAssignee(const QList<qint64> &scope, int day) const
{
    QHash<qint64, qint64> out;
    if (day < 0 || day >= m_days.count())
        return out;
    forEachGroup(scope,
        [&](const GroupState &g) { mergeInto(out, g.days[size_t(day)].resolvedByAssignee); });
    return out;
}

QHash<qint64, TicketFacts::Risk> KpiState::atRisk(const QList<qint64> &scope) const
{
    QHash<qint64, TicketFacts::Risk> out;
    forEachGroup(scope, [&](const GroupState &g) { out.insert(g.atRisk); });
    return out;
}

} // namespace Atiende::Server
