// Presence: which ticket each console shows and whether its agent is typing in it, relayed to
// every session that may see the ticket (docs/protocol.md, presence.viewing, presence.typing,
// presence.list, presence.changed). Nothing here is stored: it lives on the PresenceBoard.

#include "params.h"
#include "rpcserver.h"

#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <QWebSocket>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
// A look-up whose snapshot is older than a change already handled here is made again (see
// lookUpPresence); this many times at most, which a real server never comes near.
constexpr int kMaxPresenceLookUps = 8;
} // namespace

void RpcServer::presenceViewing(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), false); // absent or null: none
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    askPresence(peer, PresenceAsk{id, peer->caller.agentId, ticketId, std::nullopt, 0, 0});
}

void RpcServer::presenceTyping(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const QJsonValue typing = params.value(QStringLiteral("typing"));
    if (!typing.isBool())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"typing\" is required (true or false)."),
                                                               {{QStringLiteral("param"), QStringLiteral("typing")}}));
    askPresence(peer, PresenceAsk{id, peer->caller.agentId, ticketId, typing.toBool(), 0, 0});
}

void RpcServer::presenceList(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    QJsonArray tickets;
    for (qint64 ticketId : m_presence->tickets()) {
        const TicketScope scope = m_presence->scope(ticketId);
        if (peer->caller.canSeeTicket(scope.groupId, scope.assigneeId))
            tickets.append(presenceOf(ticketId));
    }
    replyResult(peer->socket, id, QJsonObject{{QStringLiteral("tickets"), tickets}});
}

void RpcServer::askPresence(Peer *peer, PresenceAsk ask)
{
    // Requests of one session may be answered out of order (look-ups run on several reader
    // threads); the last one asked is the one that counts.
    ask.serial = ++peer->presenceAsks;
    if (ask.ticketId == 0 || ask.ticketId == m_presence->viewing(peer->id)) {
        // No ticket, or the one the session shows already: the board keeps its scope current
        // and drops sessions that lose sight of it, so there is nothing to look up.
        applyPresence(peer, ask, m_presence->scope(ask.ticketId));
        return replyResult(peer->socket, ask.requestId, presenceOf(ask.ticketId));
    }
    auto release = admit(peer, ask.requestId, false);
    if (!release)
        return;
    lookUpPresence(peer->socket, std::move(ask), *release);
}

void RpcServer::lookUpPresence(QPointer<QWebSocket> socket, PresenceAsk ask, std::function<void()> release)
{
    m_readers->run([this, socket, ask, release](Store &store) {
        const std::optional<SyncStore::TicketSight> sight = store.sync().ticketSight(ask.ticketId);
        QMetaObject::invokeMethod(this, [this, socket, ask, release, sight] {
            Peer *peer = socket ? m_peers.value(socket) : nullptr;
            if (!peer)
                return release();
            if (!peer->authenticated || peer->caller.agentId != ask.agentId) {
                release();
                return replyError(socket, ask.requestId, JsonRpc::makeError(ErrorCode::Unauthenticated));
            }
            if (!sight) {
                release();
                return replyError(socket, ask.requestId,
                                  JsonRpc::makeError(ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ask.ticketId)));
            }
            if (!peer->caller.canSeeTicket(sight->groupId, sight->assigneeId)) {
                release();
                return replyError(socket, ask.requestId,
                                  JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Ticket %1 belongs to a group you are not in.").arg(ask.ticketId)));
            }
            // The board follows each ticket's group and assignee from the committed changes
            // handled here. A snapshot older than a change handled since would put back a
            // scope the board already moved on from, so such a look-up is made again; one
            // not older is brought up to date by the changes still to come.
            if (sight->revision < m_pushedRevision && ask.attempt + 1 < kMaxPresenceLookUps) {
                PresenceAsk again = ask;
                ++again.attempt;
                return lookUpPresence(socket, std::move(again), release);
            }
            release();
            if (ask.serial == peer->presenceAsks)
                applyPresence(peer, ask, TicketScope{sight->groupId, sight->assigneeId});
            replyResult(socket, ask.requestId, presenceOf(ask.ticketId));
        }, Qt::QueuedConnection);
    });
}

void RpcServer::applyPresence(Peer *peer, const PresenceAsk &ask, const TicketScope &scope)
{
    const PresenceBoard::Session session{peer->id, peer->caller.agentId, peer->agentName};
    publishPresence(ask.typing ? m_presence->type(session, ask.ticketId, scope, *ask.typing)
                               : m_presence->view(session, ask.ticketId, scope));
}

QJsonObject RpcServer::presenceOf(qint64 ticketId) const
{
    if (ticketId == 0)
        return {{QStringLiteral("ticketId"), QJsonValue(QJsonValue::Null)}, {QStringLiteral("viewers"), QJsonArray()}};
    return PresenceChange{ticketId, {}, m_presence->viewers(ticketId)}.toJson();
}

void RpcServer::publishPresence(const QList<PresenceChange> &changes)
{
    for (const PresenceChange &change : changes) {
        const QString frame = QString::fromUtf8(JsonRpc::notification(QStringLiteral("presence.changed"), change.toJson()));
        for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
            const Peer *peer = it.value();
            if (peer->authenticated && peer->caller.canSeeTicket(change.scope.groupId, change.scope.assigneeId))
                it.key()->sendTextMessage(frame);
        }
    }
}

void RpcServer::leavePresence(Peer *peer)
{
    if (m_presence)
        publishPresence(m_presence->remove(peer->id));
}

void RpcServer::recheckPresence(const QList<qint64> &ticketIds, bool announce)
{
    if (!m_presence)
        return;
    for (qint64 ticketId : ticketIds) {
        if (!m_presence->contains(ticketId))
            continue;
        const TicketScope scope = m_presence->scope(ticketId);
        const QList<PresenceViewer> before = m_presence->viewers(ticketId);
        for (quint64 sessionId : m_presence->sessionsOn(ticketId)) {
            const Peer *peer = m_peersById.value(sessionId);
            if (!peer || !peer->caller.canSeeTicket(scope.groupId, scope.assigneeId))
                m_presence->remove(sessionId);
        }
        PresenceChange now{ticketId, scope, m_presence->viewers(ticketId)};
        if (announce || now.viewers != before)
            publishPresence({now});
    }
}

} // namespace Atiende::Server
