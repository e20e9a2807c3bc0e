#include "kpiengine.h"

#include "server/logging.h"

#include "instanttext.h"

#include "server/sla/slaclock.h"

#include "core/domain/directory.h"
#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <algorithm>

namespace Atiende::Server {

using namespace Atiende::Core;

QString wireName(KpiPeriod p)
{
    switch (p) {
    case KpiPeriod::Today:
        return QStringLiteral("today");
    case KpiPeriod::Last7Days:
        return QStringLiteral("7d");
    case KpiPeriod::Last30Days:
        return QStringLiteral("30d");
    }
    return QString();
}

std::optional<KpiPeriod> kpiPeriodFromString(const QString &s)
{
    for (KpiPeriod p : { KpiPeriod::Today, KpiPeriod::Last7Days, KpiPeriod::Last30Days }) {
        if (s == wireName(p))
            return p;
    }
    return std::nullopt;
}

int periodDays(KpiPeriod p)
{
    switch (p) {
    case KpiPeriod::Today:
        return 1;
    case KpiPeriod::Last7Days:
        return 7;
    case KpiPeriod::Last30Days:
        return 30;
    }
    return 1;
}

KpiEngine::KpiEngine(const Clock *clock, const QTimeZone &zone, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_zone(zone)
    , m_state(windowFor(zone, clock->now()), true)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &KpiEngine::poll);
    armTimer();
}

DayIndex KpiEngine::windowFor(const QTimeZone &zone, qint64 now)
{
    const QDate today = DayIndex::localDate(zone, now);
    return DayIndex(zone, today.addDays(-(kHistoryDays - 1)), kHistoryDays + 1);
}

void KpiEngine::build(KpiSnapshot snapshot)
{
    QElapsedTimer timer;
    timer.start();
    m_state = KpiState(windowFor(m_zone, m_clock->now()), true);
    m_facts.clear();
    m_facts.reserve(qsizetype(snapshot.tickets.size()));
    for (TicketFacts &f : snapshot.tickets) {
        const qint64 id = f.id;
        const auto it = m_facts.insert(id, std::move(f));
        m_state.apply(*it, +1);
    }
    m_agents.clear();
    for (const AgentFacts &a : std::as_const(snapshot.agents))
        m_agents.insert(a.id, a);
    m_groups = QSet<qint64>(snapshot.groups.cbegin(), snapshot.groups.cend());
    qCInfo(lcKpi) << "following" << m_facts.size() << "tickets for the dashboard (" << m_zone.id()
                  << "), built in" << timer.elapsed() << "ms";
    armTimer();
    Q_EMIT changed({}, true);
}

void KpiEngine::keepOrForget(qint64 id)
{
    const auto it = m_facts.find(id);
    if (it != m_facts.end() && !it->isOpen() && !m_state.touches(*it))
        m_facts.erase(it); // counts for no day kept and for nothing now: its contribution is nil
}

void KpiEngine::replace(TicketFacts next, QSet<qint64> *touched)
{
    const qint64 id = next.id;
    auto it = m_facts.find(id);
    if (it != m_facts.end()) {
        m_state.apply(*it, -1);
        touched->insert(it->groupId);
        next.ratings = std::move(it->ratings);
        *it = std::move(next);
    } else {
        it = m_facts.insert(id, std::move(next));
    }
    m_state.apply(*it, +1);
    touched->insert(it->groupId);
    keepOrForget(id);
}

void KpiEngine::addRating(
    qint64 ticketId, qint64 groupId, const Rating &rating, QSet<qint64> *touched)
{
    if (m_state.days().dayOf(rating.at) < 0)
        return; // counts for no day kept
    auto it = m_facts.find(ticketId);
    if (it == m_facts.end()) {
        // A ticket the engine does not follow (it counted for nothing here): its rating counts
        // for the ticket's group; the rest of it is learnt from its next change.
        TicketFacts f;
        f.id = ticketId;
        f.groupId = groupId;
        f.known = false;
        it = m_facts.insert(ticketId, std::move(f));
    } else {
        // The same answer again: the conversation was sent once more (an escalation).
        const bool seen = std::any_of(it->ratings.begin(), it->ratings.end(),
            [&](const Rating &r) { return r.at == rating.at; });
        if (seen)
            return;
        m_state.apply(*it, -1);
    }
    it->ratings.push_back(rating);
    m_state.apply(*it, +1);
    touched->insert(it->groupId);
}

void KpiEngine::onCommitted(const QList<Change> &changes)
{
    QSet<qint64> touched;
    for (const Change &c : changes) {
        if (c.entity == QLatin1String("ticket")) {
            replace(TicketFacts::fromTicketJson(c.data), &touched);
        } else if (c.entity == QLatin1String("article")) {
            if (c.data.value(QLatin1String("kind")).toString() != QLatin1String("event"))
                continue;
            const QJsonObject survey = c.data.value(QLatin1String("data"))
                                           .toObject()
                                           .value(QLatin1String("survey"))
                                           .toObject();
            const QString rating = survey.value(QLatin1String("rating")).toString();
            if (rating != QLatin1String("good") && rating != QLatin1String("bad"))
                continue;
            qint64 ticketId = 0;
            idFromJson(c.data.value(QLatin1String("ticketId")), &ticketId);
            const qint64 at = InstantText::fromJson(c.data.value(QLatin1String("createdAt")));
            if (ticketId > 0 && at > 0)
                addRating(ticketId, c.groupId, { at, rating == QLatin1String("good") }, &touched);
        } else if (c.entity == QLatin1String("agent")) {
            const Agent a = Agent::fromJson(c.data);
            AgentFacts &known = m_agents[a.id];
            for (qint64 g : std::as_const(known.groupIds))
                touched.insert(g);
            for (qint64 g : a.groupIds)
                touched.insert(g);
            known.id = a.id;
            known.name = a.name;
            known.role = a.role;
            known.active = a.active;
            known.groupIds = a.groupIds;
        } else if (c.entity == QLatin1String("group")) {
            m_groups.insert(c.id);
        }
    }
    if (!touched.isEmpty())
        Q_EMIT changed(touched, false);
}

void KpiEngine::setPresence(qint64 agentId, const QString &presence)
{
    auto it = m_agents.find(agentId);
    if (it == m_agents.end() || it->presence == presence)
        return;
    it->presence = presence;
    Q_EMIT changed(QSet<qint64>(it->groupIds.cbegin(), it->groupIds.cend()), false);
}

void KpiEngine::armTimer()
{
    const DayIndex &w = m_state.days();
    const qint64 now = m_clock->now();
    // Wake at the next local midnight, but look at the clock at least once a minute: it can
    // jump, and a suspended host's timers stop.
    const qint64 untilMidnight = w.start(w.count() - 1) - now;
    m_timer.start(int(qBound<qint64>(1000, untilMidnight, qint64(60000))));
}

void KpiEngine::poll()
{
    const qint64 now = m_clock->now();
    const DayIndex &w = m_state.days();
    if (now >= w.start(w.count() - 1)) {
        DayIndex next = windowFor(m_zone, now);
        if (next.first() > w.first()) {
            m_state.setDays(std::move(next));
            for (auto it = m_facts.begin(); it != m_facts.end();) {
                if (!it->isOpen() && !m_state.touches(*it))
                    it = m_facts.erase(it);
                else
                    ++it;
            }
            qCInfo(lcKpi) << "a new day in" << m_zone.id() << "; following" << m_facts.size()
                          << "tickets";
            Q_EMIT changed({}, true);
        }
    }
    armTimer();
}

QJsonObject KpiEngine::figures(const QList<qint64> &scope, KpiPeriod period)
{
    poll();
    const qint64 now = m_clock->now();
    const DayIndex &days = m_state.days();
    const int today = days.count() - 2; // the last day kept is tomorrow
    const int n = periodDays(period);
    const int from = today - n + 1;
    const int to = today + 1;

    QJsonObject out { { QStringLiteral("period"), wireName(period) },
        { QStringLiteral("groupIds"), idListToJson(scope) },
        { QStringLiteral("timeZone"), QString::fromUtf8(m_zone.id()) },
        { QStringLiteral("asOf"), Timestamp::toJson(now) },
        { QStringLiteral("from"), Timestamp::toJson(days.start(from)) },
        { QStringLiteral("to"), Timestamp::toJson(now) },
        { QStringLiteral("previousFrom"), Timestamp::toJson(days.start(from - n)) },
        { QStringLiteral("previousTo"), Timestamp::toJson(days.start(from)) },
        { QStringLiteral("current"), m_state.period(scope, from, to).toJson() },
        { QStringLiteral("previous"), m_state.period(scope, from - n, from).toJson() } };
    m_state.breakdowns(scope, from, to).writeJson(&out);

    QJsonArray points;
    const QList<KpiState::SeriesPoint> series = period == KpiPeriod::Today
        ? m_state.hourlySeries(scope, today, days.hourOf(today, now))
        : m_state.dailySeries(scope, from, to);
    for (const KpiState::SeriesPoint &p : series)
        points.append(p.toJson());
    out.insert(QStringLiteral("series"),
        QJsonObject {
            { QStringLiteral("unit"),
                period == KpiPeriod::Today ? QStringLiteral("hour") : QStringLiteral("day") },
            { QStringLiteral("points"), points } });

    out.insert(QStringLiteral("backlog"), m_state.backlog(scope).toJson());

    // Tickets at risk, most urgent first: breached before warning, then the earlier due
    // instant (none: paused after breaching, first), then priority, then id.
    struct Risky
    {
        const TicketFacts *f;
        const ClockFacts *clock;
        bool resolution;
        TicketFacts::Risk risk;
    };
    std::vector<Risky> risky;
    const QHash<qint64, TicketFacts::Risk> atRisk = m_state.atRisk(scope);
    qint64 warning = 0, breached = 0;
    for (auto it = atRisk.cbegin(); it != atRisk.cend(); ++it) {
        (it.value() == TicketFacts::Risk::Breached ? breached : warning) += 1;
        const auto f = m_facts.constFind(it.key());
        if (f == m_facts.cend())
            continue;
        bool resolution = false;
        const ClockFacts *clock = f->riskClock(&resolution);
        if (clock)
            risky.push_back({ &*f, clock, resolution, it.value() });
    }
    const auto urgent = [](const Risky &a, const Risky &b) {
        if (a.risk != b.risk)
            return a.risk == TicketFacts::Risk::Breached;
        if (a.clock->dueAt != b.clock->dueAt)
            return a.clock->dueAt < b.clock->dueAt;
        if (a.f->priority != b.f->priority)
            return a.f->priority < b.f->priority;
        return a.f->id < b.f->id;
    };
    const size_t shown = qMin<size_t>(risky.size(), kMaxAtRisk);
    std::partial_sort(risky.begin(), risky.begin() + qsizetype(shown), risky.end(), urgent);
    QJsonArray riskList;
    for (size_t i = 0; i < shown; ++i) {
        const Risky &r = risky[i];
        riskList.append(QJsonObject { { QStringLiteral("id"), double(r.f->id) },
            { QStringLiteral("number"), r.f->number }, { QStringLiteral("subject"), r.f->subject },
            { QStringLiteral("priority"), Core::wireName(r.f->priority) },
            { QStringLiteral("status"), Core::wireName(r.f->status) },
            { QStringLiteral("groupId"), idToJson(r.f->groupId) },
            { QStringLiteral("assigneeId"), idToJson(r.f->assigneeId) },
            { QStringLiteral("state"), ClockFacts::wireName(r.clock->state) },
            { QStringLiteral("clock"),
                r.resolution ? QStringLiteral("resolution") : QStringLiteral("firstResponse") },
            { QStringLiteral("dueAt"), Timestamp::toJson(r.clock->dueAt) } });
    }
    out.insert(QStringLiteral("slaNow"),
        QJsonObject { { QStringLiteral("warning"), double(warning) },
            { QStringLiteral("breached"), double(breached) } });
    out.insert(QStringLiteral("atRisk"), riskList);
    out.insert(QStringLiteral("atRiskTotal"), double(atRisk.size()));

    // Agents: the active members of the groups in scope (every active agent with a group for
    // the whole desk), and anyone holding an open ticket in scope.
    const QHash<qint64, qint64> open = m_state.openByAssignee(scope);
    const QHash<qint64, qint64> resolvedToday = m_state.resolvedByAssignee(scope, today);
    std::vector<const AgentFacts *> listed;
    for (const AgentFacts &a : std::as_const(m_agents)) {
        bool member = false;
        for (qint64 g : a.groupIds)
            member = member || scope.isEmpty() || scope.contains(g);
        if ((member && a.active) || open.value(a.id) > 0)
            listed.push_back(&a);
    }
    std::sort(listed.begin(), listed.end(), [](const AgentFacts *a, const AgentFacts *b) {
        const int c = QString::localeAwareCompare(a->name, b->name);
        return c != 0 ? c < 0 : a->id < b->id;
    });
    QJsonArray agents;
    for (size_t i = 0; i < listed.size() && i < size_t(kMaxAgents); ++i) {
        const AgentFacts *a = listed[i];
        agents.append(QJsonObject { { QStringLiteral("agentId"), double(a->id) },
            { QStringLiteral("name"), a->name }, { QStringLiteral("presence"), a->presence },
            { QStringLiteral("openTickets"), double(open.value(a->id)) },
            { QStringLiteral("resolvedToday"), double(resolvedToday.value(a->id)) } });
    }
    out.insert(QStringLiteral("agents"), agents);
    return out;
}

} // namespace Atiende::Server
