#include "presencehandlers.h"

#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/ids.h"

#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
// A look-up whose snapshot is older than a change already handled here is made again (see
// lookUp); this many times at most, which a real server never comes near.
constexpr int kMaxPresenceLookUps = 8;
} // namespace

PresenceHandlers::PresenceHandlers(
    RpcServices &services, Operations &operations, Sessions &sessions, QObject *parent)
    : QObject(parent)
    , HandlerUnit(services, operations, sessions)
{
    // Whoever sees its ticket hears it is gone (a closed console, a dead link, a log-out).
    connect(&sessions, &Sessions::signingOut, this, &PresenceHandlers::leave);
    connect(&sessions, &Sessions::membershipChanged, this, &PresenceHandlers::membershipChanged);
}

void PresenceHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("presence.viewing"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &PresenceHandlers::viewing));
    d.add(QStringLiteral("presence.typing"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &PresenceHandlers::typing));
    d.add(QStringLiteral("presence.list"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &PresenceHandlers::list));
}

void PresenceHandlers::viewing(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), false); // absent or null: none
    if (!p.ok())
        return reply.error(p.error());
    ask(c, Ask { c.caller.agentId, ticketId, std::nullopt, 0, 0 }, reply);
}

void PresenceHandlers::typing(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    if (!p.ok())
        return reply.error(p.error());
    const QJsonValue typing = params.value(QStringLiteral("typing"));
    if (!typing.isBool())
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
            QStringLiteral("\"typing\" is required (true or false)."),
            { { QStringLiteral("param"), QStringLiteral("typing") } }));
    ask(c, Ask { c.caller.agentId, ticketId, typing.toBool(), 0, 0 }, reply);
}

void PresenceHandlers::list(CallContext &c, const QJsonObject &, const Reply &reply)
{
    QJsonArray tickets;
    for (qint64 ticketId : m_s.presence->tickets()) {
        const TicketScope scope = m_s.presence->scope(ticketId);
        if (c.caller.canSeeTicket(scope.groupId, scope.assigneeId))
            tickets.append(presenceOf(ticketId));
    }
    reply.result(QJsonObject { { QStringLiteral("tickets"), tickets } });
}

void PresenceHandlers::ask(CallContext &c, Ask ask, const Reply &reply)
{
    // Requests of one session may be answered out of order (look-ups run on several reader
    // threads); the last one asked is the one that counts.
    ask.serial = ++c.presenceAsks;
    if (ask.ticketId == 0 || ask.ticketId == m_s.presence->viewing(c.id)) {
        // No ticket, or the one the session shows already: the board keeps its scope current
        // and drops sessions that lose sight of it, so there is nothing to look up.
        apply(c, ask, m_s.presence->scope(ask.ticketId));
        return reply.result(presenceOf(ask.ticketId));
    }
    auto release = m_ops.admit(c, reply, false);
    if (!release)
        return;
    lookUp(c.weak(), std::move(ask), reply, *release);
}

void PresenceHandlers::lookUp(
    std::weak_ptr<CallContext> weak, Ask ask, Reply reply, std::function<void()> release)
{
    m_s.readers->run([this, weak, ask, reply, release](Store &store) {
        const std::optional<SyncStore::TicketSight> sight = store.sync().ticketSight(ask.ticketId);
        QMetaObject::invokeMethod(
            this,
            [this, weak, ask, reply, release, sight] {
                const auto c = weak.lock();
                if (!c)
                    return release();
                if (!c->authenticated || c->caller.agentId != ask.agentId) {
                    release();
                    return reply.error(JsonRpc::makeError(ErrorCode::Unauthenticated));
                }
                if (!sight) {
                    release();
                    return reply.error(JsonRpc::makeError(ErrorCode::NotFound,
                        QStringLiteral("There is no ticket with id %1.").arg(ask.ticketId)));
                }
                if (!c->caller.canSeeTicket(sight->groupId, sight->assigneeId)) {
                    release();
                    return reply.error(JsonRpc::makeError(ErrorCode::Forbidden,
                        QStringLiteral("Ticket %1 belongs to a group you are not in.")
                            .arg(ask.ticketId)));
                }
                // The board follows each ticket's group and assignee from the committed changes
                // handled here. A snapshot older than a change handled since would put back a
                // scope the board already moved on from, so such a look-up is made again; one
                // not older is brought up to date by the changes still to come.
                if (sight->revision < m_pushedRevision && ask.attempt + 1 < kMaxPresenceLookUps) {
                    Ask again = ask;
                    ++again.attempt;
                    return lookUp(weak, std::move(again), reply, release);
                }
                release();
                if (ask.serial == c->presenceAsks)
                    apply(*c, ask, TicketScope { sight->groupId, sight->assigneeId });
                reply.result(presenceOf(ask.ticketId));
            },
            Qt::QueuedConnection);
    });
}

void PresenceHandlers::apply(CallContext &c, const Ask &ask, const TicketScope &scope)
{
    const PresenceBoard::Session session { c.id, c.caller.agentId, c.agentName };
    publish(ask.typing ? m_s.presence->type(session, ask.ticketId, scope, *ask.typing)
                       : m_s.presence->view(session, ask.ticketId, scope));
}

QJsonObject PresenceHandlers::presenceOf(qint64 ticketId) const
{
    if (ticketId == 0)
        return { { QStringLiteral("ticketId"), QJsonValue(QJsonValue::Null) },
            { QStringLiteral("viewers"), QJsonArray() } };
    return PresenceChange { ticketId, {}, m_s.presence->viewers(ticketId) }.toJson();
}

void PresenceHandlers::publish(const QList<PresenceChange> &changes)
{
    for (const PresenceChange &change : changes) {
        const QString frame = QString::fromUtf8(
            JsonRpc::notification(QStringLiteral("presence.changed"), change.toJson()));
        for (CallContext *c : m_sessions.callers()) {
            if (c->authenticated
                && c->caller.canSeeTicket(change.scope.groupId, change.scope.assigneeId))
                c->push(frame);
        }
    }
}

void PresenceHandlers::leave(CallContext &c)
{
    if (m_s.presence)
        publish(m_s.presence->remove(c.id));
}

void PresenceHandlers::noteCommitted(const QList<Change> &changes)
{
    for (const Change &c : changes)
        m_pushedRevision = qMax(m_pushedRevision, c.rev);
}

void PresenceHandlers::followTickets(const QList<Change> &changes)
{
    QList<qint64> moved;
    if (m_s.presence) {
        for (const Change &c : changes) {
            if (c.entity == QLatin1String("ticket")
                && m_s.presence->setScope(c.id, TicketScope { c.groupId, c.assigneeId }))
                moved << c.id;
        }
    }
    if (!moved.isEmpty())
        recheck(moved, true);
}

void PresenceHandlers::membershipChanged(qint64 groupId)
{
    // Those who left the group stop showing its tickets; those who joined hear who is there.
    QList<qint64> inGroup;
    if (m_s.presence) {
        for (qint64 ticketId : m_s.presence->tickets()) {
            if (m_s.presence->scope(ticketId).groupId == groupId)
                inGroup << ticketId;
        }
    }
    recheck(inGroup, true);
}

void PresenceHandlers::recheck(const QList<qint64> &ticketIds, bool announce)
{
    if (!m_s.presence)
        return;
    for (qint64 ticketId : ticketIds) {
        if (!m_s.presence->contains(ticketId))
            continue;
        const TicketScope scope = m_s.presence->scope(ticketId);
        const QList<PresenceViewer> before = m_s.presence->viewers(ticketId);
        for (quint64 sessionId : m_s.presence->sessionsOn(ticketId)) {
            const CallContext *c = m_sessions.caller(sessionId);
            if (!c || !c->caller.canSeeTicket(scope.groupId, scope.assigneeId))
                m_s.presence->remove(sessionId);
        }
        PresenceChange now { ticketId, scope, m_s.presence->viewers(ticketId) };
        if (announce || now.viewers != before)
            publish({ now });
    }
}

} // namespace Atiende::Server
