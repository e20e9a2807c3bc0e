#include "presenceboard.h"

#include "server/sla/slaclock.h"

#include <algorithm>
#include <limits>

namespace Atiende::Server {

QJsonObject PresenceViewer::toJson() const
{
    return { { QStringLiteral("agentId"), double(agentId) }, { QStringLiteral("name"), name },
        { QStringLiteral("typing"), typing } };
}

QJsonObject PresenceChange::toJson() const
{
    QJsonArray list;
    for (const PresenceViewer &v : viewers)
        list.append(v.toJson());
    return { { QStringLiteral("ticketId"), double(ticketId) },
        { QStringLiteral("viewers"), list } };
}

PresenceBoard::PresenceBoard(const Clock *clock, qint64 typingTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_typingTimeoutMs(qMax<qint64>(1, typingTimeoutMs))
{
    Q_ASSERT(m_clock);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PresenceBoard::onTimer);
}

qint64 PresenceBoard::viewing(quint64 sessionId) const
{
    const auto it = m_sessions.constFind(sessionId);
    return it == m_sessions.constEnd() ? 0 : it->ticketId;
}

QList<PresenceViewer> PresenceBoard::viewers(qint64 ticketId) const
{
    QList<PresenceViewer> out;
    const auto t = m_tickets.constFind(ticketId);
    if (t == m_tickets.constEnd())
        return out;
    for (quint64 sessionId : t->sessions) {
        const auto found = m_sessions.constFind(sessionId);
        if (found == m_sessions.constEnd())
            continue;
        const Entry &e = *found;
        auto same = std::find_if(out.begin(), out.end(),
            [&](const PresenceViewer &v) { return v.agentId == e.agentId; });
        if (same == out.end())
            out.append({ e.agentId, e.name, e.typingUntil != 0 });
        else
            same->typing = same->typing || e.typingUntil != 0;
    }
    std::sort(out.begin(), out.end(),
        [](const PresenceViewer &a, const PresenceViewer &b) { return a.agentId < b.agentId; });
    return out;
}

QList<qint64> PresenceBoard::tickets() const
{
    QList<qint64> ids = m_tickets.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

PresenceBoard::Snapshot PresenceBoard::snapshot(const QList<qint64> &ticketIds) const
{
    Snapshot before;
    for (qint64 id : ticketIds) {
        if (id == 0 || std::any_of(before.cbegin(), before.cend(), [id](const PresenceChange &c) {
                return c.ticketId == id;
            }))
            continue;
        before.append({ id, m_tickets.value(id).scope, viewers(id) });
    }
    return before;
}

QList<PresenceChange> PresenceBoard::changedSince(const Snapshot &before) const
{
    QList<PresenceChange> changes;
    for (const PresenceChange &was : before) {
        const auto t = m_tickets.constFind(was.ticketId);
        PresenceChange now { was.ticketId, t == m_tickets.constEnd() ? was.scope : t->scope,
            viewers(was.ticketId) };
        if (now.viewers != was.viewers)
            changes.append(now);
    }
    return changes;
}

PresenceBoard::Entry &PresenceBoard::place(
    const Session &session, qint64 ticketId, const TicketScope &scope)
{
    Entry &e = m_sessions[session.id];
    e.agentId = session.agentId;
    e.name = session.name;
    if (e.ticketId != ticketId) {
        if (e.ticketId)
            detach(session.id, e.ticketId);
        e.ticketId = ticketId;
        e.typingUntil = 0; // typing was in the other ticket
        auto t = m_tickets.find(ticketId);
        if (t == m_tickets.end())
            t = m_tickets.insert(ticketId, TicketEntry { scope, {} });
        t->sessions.append(session.id);
    }
    return e;
}

void PresenceBoard::detach(quint64 sessionId, qint64 ticketId)
{
    const auto t = m_tickets.find(ticketId);
    if (t == m_tickets.end())
        return;
    t->sessions.removeOne(sessionId);
    if (t->sessions.isEmpty())
        m_tickets.erase(t);
}

QList<PresenceChange> PresenceBoard::view(
    const Session &session, qint64 ticketId, const TicketScope &scope)
{
    if (ticketId == 0)
        return remove(session.id);
    const Snapshot before = snapshot({ viewing(session.id), ticketId });
    place(session, ticketId, scope);
    return changedSince(before);
}

QList<PresenceChange> PresenceBoard::type(
    const Session &session, qint64 ticketId, const TicketScope &scope, bool typing)
{
    if (ticketId == 0)
        return {};
    if (!typing) {
        const auto it = m_sessions.find(session.id);
        if (it == m_sessions.end() || it->ticketId != ticketId || it->typingUntil == 0)
            return {}; // not typing there: nothing to end
        const Snapshot before = snapshot({ ticketId });
        it->typingUntil = 0;
        return changedSince(before);
    }
    const Snapshot before = snapshot({ viewing(session.id), ticketId });
    Entry &e = place(session, ticketId, scope);
    e.typingUntil = m_clock->now() + m_typingTimeoutMs;
    armFor(e.typingUntil);
    return changedSince(before);
}

QList<PresenceChange> PresenceBoard::remove(quint64 sessionId)
{
    const auto it = m_sessions.find(sessionId);
    if (it == m_sessions.end())
        return {};
    const Snapshot before = snapshot({ it->ticketId });
    detach(sessionId, it->ticketId);
    m_sessions.erase(it);
    return changedSince(before);
}

bool PresenceBoard::setScope(qint64 ticketId, const TicketScope &scope)
{
    const auto t = m_tickets.find(ticketId);
    if (t == m_tickets.end() || t->scope == scope)
        return false;
    t->scope = scope;
    return true;
}

QList<PresenceChange> PresenceBoard::expire()
{
    const qint64 now = m_clock->now();
    QList<qint64> touched;
    qint64 next = 0;
    for (const Entry &e : std::as_const(m_sessions)) {
        if (e.typingUntil == 0)
            continue;
        if (e.typingUntil <= now)
            touched.append(e.ticketId);
        else if (next == 0 || e.typingUntil < next)
            next = e.typingUntil;
    }
    QList<PresenceChange> changes;
    if (!touched.isEmpty()) {
        const Snapshot before = snapshot(touched);
        for (Entry &e : m_sessions) {
            if (e.typingUntil != 0 && e.typingUntil <= now)
                e.typingUntil = 0;
        }
        changes = changedSince(before);
    }
    m_armedFor = 0;
    m_timer.stop();
    if (next)
        armFor(next);
    return changes;
}

void PresenceBoard::armFor(qint64 until)
{
    // An earlier wake-up than needed only costs a look; a later one would keep a lapsed flag.
    if (m_armedFor != 0 && m_armedFor <= until)
        return;
    m_armedFor = until;
    const qint64 wait
        = std::clamp<qint64>(until - m_clock->now(), 0, std::numeric_limits<int>::max());
    m_timer.start(int(wait));
}

void PresenceBoard::onTimer()
{
    const QList<PresenceChange> changes = expire();
    if (!changes.isEmpty())
        Q_EMIT typingLapsed(changes);
}

} // namespace Atiende::Server
