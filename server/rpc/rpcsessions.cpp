// Who is on the other end: hello, log-in (throttled, device tokens, bounded password checks),
// resume, local administration, log-out, and sessions that end while connections use them.
// docs/protocol.md ("Session") and docs/admin-guide.md ("Log-in protection", "Sessions").

#include "params.h"
#include "rpcserver.h"

#include "server/admin/adminops.h"
#include "server/auth/passwordchecks.h"
#include "server/auth/passwordhasher.h"
#include "server/kpi/dashboardfeed.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QWebSocket>

#include <sodium.h>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
// The close code after auth.ended: the session this connection used is over (4000-4999 are
// the application's own codes in RFC 6455).
constexpr quint16 kSessionEndedCloseCode = 4001;

RpcError sessionExpired(const QString &reason)
{
    return JsonRpc::makeError(ErrorCode::SessionExpired, SessionEnd::describe(reason) + QStringLiteral(" Log in again."),
                              {{QStringLiteral("reason"), reason}});
}
} // namespace

void RpcServer::hello(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 version = p.integer(QStringLiteral("protocol"), true, 0, 1000000);
    const QString client = p.string(QStringLiteral("client"), false, 200);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (version != kVersion) {
        return replyError(peer->socket, id,
                          JsonRpc::makeError(ErrorCode::UnsupportedProtocol,
                                             QStringLiteral("This server speaks protocol %1; the client asked for %2.").arg(kVersion).arg(version),
                                             {{QStringLiteral("supported"), QJsonArray{kVersion}}}));
    }
    peer->greeted = true;
    peer->client = client;
    replyResult(peer->socket, id,
                QJsonObject{{QStringLiteral("protocol"), kVersion},
                            {QStringLiteral("server"), QStringLiteral("atiended/%1").arg(QCoreApplication::applicationVersion())},
                            {QStringLiteral("serverTime"), Timestamp::toJson(Timestamp::now())},
                            {QStringLiteral("revision"), double(m_writer->committedRevision())},
                            {QStringLiteral("maxFrameBytes"), double(kMaxFrameBytes)},
                            {QStringLiteral("maxFrameBytesBeforeLogin"), double(m_config.maxPendingFrameBytes)},
                            {QStringLiteral("maxPageSize"), kMaxPageSize},
                            {QStringLiteral("maxPageBytes"), double(Store::kMaxPullPageBytes)},
                            {QStringLiteral("heartbeatMs"), m_config.heartbeatIntervalMs},
                            {QStringLiteral("loginTimeoutMs"), m_config.loginTimeoutMs}});
}

void RpcServer::beginSession(Peer *peer, const QJsonValue &id, const SessionStart &start)
{
    QPointer<QWebSocket> socket = peer->socket;
    m_readers->run([this, socket, id, start](Store &store) {
        const std::optional<Agent> agent = store.directory().agent(start.agentId);
        QMetaObject::invokeMethod(this, [=] {
            Peer *p = socket ? m_peers.value(socket) : nullptr;
            if (!p)
                return;
            p->pendingAuth = 0;
            if (!agent || !agent->active)
                return replyError(socket, id, sessionExpired(SessionEnd::Disabled));
            if (p->authenticated)
                signOut(p); // logged in again on this connection: what it showed was someone's
            if (p->pending) {
                p->pending = false;
                releasePending(p->address);
            }
            // Signed in: the frame limit of the protocol applies from now on.
            p->socket->setMaxAllowedIncomingMessageSize(quint64(4 * kMaxFrameBytes));
            p->socket->setMaxAllowedIncomingFrameSize(quint64(4 * kMaxFrameBytes));
            p->authenticated = true;
            p->caller = Caller{agent->id, agent->role, agent->groupIds};
            p->agentName = agent->name;
            p->tokenHash = start.tokenHash;
            p->sessionId = start.sessionId;
            p->expiresAt = start.expiresAt;
            scheduleExpiry();
            QJsonObject result{{QStringLiteral("agent"), agent->toJson()},
                               {QStringLiteral("expiresAt"), Timestamp::toJson(start.expiresAt)},
                               {QStringLiteral("sessionId"), double(start.sessionId)}};
            if (!start.token.isEmpty())
                result.insert(QStringLiteral("token"), start.token);
            if (!start.device.isEmpty())
                result.insert(QStringLiteral("device"), start.device);
            replyResult(socket, id, result);
        }, Qt::QueuedConnection);
    });
}

void RpcServer::authLogin(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString user = p.string(QStringLiteral("user"), true, 64).trimmed();
    const QString password = p.string(QStringLiteral("password"), true, AdminOps::kMaxPasswordLength);
    const QString device = p.string(QStringLiteral("device"), false, DeviceTokens::kMaxTokenLength);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (peer->pendingAuth)
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("A log-in is already under way on this connection."), {{QStringLiteral("retryAfterMs"), 1000}}));
    const qint64 now = Timestamp::now();
    const LoginThrottle::Attempt attempt{user, peer->address, m_deviceTokens.verify(device, user, now)};
    if (const qint64 wait = m_throttle.begin(attempt, now); wait > 0) {
        qCInfo(lcServer).noquote().nospace() << "throttled log-in for \"" << user << "\" from " << peer->address << " (wait " << wait << " ms"
                                             << (attempt.device.isEmpty() ? ")" : ", device token)");
        return replyError(peer->socket, id,
                          JsonRpc::makeError(ErrorCode::RateLimited,
                                             QStringLiteral("Too many failed log-ins; try again in %1 s.").arg((wait + 999) / 1000),
                                             {{QStringLiteral("retryAfterMs"), double(wait)}}));
    }
    // The check runs on its own bounded pool; when that is full the attempt is refused at once
    // and does not count.
    switch (m_passwordChecks->reserve(peer->address)) {
    case PasswordChecks::Admission::Reserved:
        break;
    case PasswordChecks::Admission::Full:
        m_throttle.abandon(attempt);
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Busy, QStringLiteral("Too many log-ins are being checked; retry in a moment."),
                                                               {{QStringLiteral("retryAfterMs"), 1000}}));
    case PasswordChecks::Admission::AddressFull:
        m_throttle.abandon(attempt);
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("Too many log-ins from this address at once; retry in a moment."),
                                                               {{QStringLiteral("retryAfterMs"), 1000}}));
    }
    peer->pendingAuth = 1;
    QPointer<QWebSocket> socket = peer->socket;
    const QString client = peer->client;
    const qint64 lifetime = m_config.sessionLifetimeMs;
    m_readers->run([this, socket, id, user, password, attempt, client, lifetime](Store &store) {
        const auto creds = store.directory().credentials(user);
        QMetaObject::invokeMethod(this, [=] {
            m_passwordChecks->run(
                attempt.address,
                [creds, password] {
                    return PasswordHasher::verify(creds ? creds->passwordHash : PasswordHasher::dummyHash(), password) && creds && creds->agent.active;
                },
                [this, socket, id, user, attempt, creds, client, lifetime](bool good) {
                    // Counted even when the asker has gone: hanging up does not undo a guess.
                    m_throttle.finish(attempt, good, Timestamp::now());
                    Peer *peer = socket ? m_peers.value(socket) : nullptr;
                    if (!good) {
                        qCInfo(lcServer).noquote().nospace() << "failed log-in for \"" << user << "\" from " << attempt.address
                                                             << (attempt.device.isEmpty() ? "" : " (with a device token)");
                        if (peer) {
                            peer->pendingAuth = 0;
                            replyError(socket, id, JsonRpc::makeError(ErrorCode::InvalidCredentials));
                        }
                        return;
                    }
                    if (!peer)
                        return;
                    const qint64 now = Timestamp::now();
                    SessionStart start;
                    start.agentId = creds->agent.id;
                    start.token = PasswordHasher::newToken();
                    start.tokenHash = PasswordHasher::tokenHash(start.token);
                    start.expiresAt = now + lifetime;
                    start.device = m_deviceTokens.issue(user, now);
                    auto sessionId = std::make_shared<qint64>(0);
                    WriteJob job;
                    job.apply = [start, now, sessionId, address = attempt.address, client](Store &store) {
                        *sessionId = store.sessions().create(start.tokenHash, start.agentId, now, start.expiresAt, address, client);
                        return *sessionId ? OpResult::success(QJsonValue()) : OpResult::failure(ErrorCode::InternalError);
                    };
                    job.done = [this, socket, id, start, sessionId](const OpResult &r) {
                        Peer *peer = socket ? m_peers.value(socket) : nullptr;
                        if (!peer)
                            return;
                        if (!r.ok) {
                            peer->pendingAuth = 0;
                            return replyError(socket, id, r.error);
                        }
                        SessionStart started = start;
                        started.sessionId = *sessionId;
                        beginSession(peer, id, started);
                    };
                    m_writer->submit(std::move(job));
                });
        }, Qt::QueuedConnection);
    });
}

void RpcServer::authResume(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (peer->pendingAuth)
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("A log-in is already under way on this connection."), {{QStringLiteral("retryAfterMs"), 1000}}));
    peer->pendingAuth = 1;
    const QString hash = PasswordHasher::tokenHash(token);
    QPointer<QWebSocket> socket = peer->socket;
    m_readers->run([this, socket, id, hash](Store &store) {
        const auto s = store.sessions().byToken(hash);
        const qint64 now = Timestamp::now();
        QMetaObject::invokeMethod(this, [=] {
            Peer *peer = socket ? m_peers.value(socket) : nullptr;
            if (!peer)
                return;
            if (!s || s->revoked || s->expiresAt <= now) {
                peer->pendingAuth = 0;
                if (!s)
                    return replyError(socket, id, JsonRpc::makeError(ErrorCode::SessionExpired, QStringLiteral("Unknown session; log in again."), {{QStringLiteral("reason"), QStringLiteral("unknown")}}));
                return replyError(socket, id, sessionExpired(s->revoked ? s->revokedReason : SessionEnd::Expired));
            }
            // Where and with what the session was last used, for sessions.list; nobody waits for it.
            WriteJob touch;
            touch.apply = [sessionId = s->id, now, address = peer->address, client = peer->client](Store &store) {
                return store.sessions().touch(sessionId, now, address, client) ? OpResult::success(QJsonValue()) : OpResult::failure(ErrorCode::InternalError);
            };
            m_writer->submit(std::move(touch));
            SessionStart start;
            start.agentId = s->agentId;
            start.sessionId = s->id;
            start.tokenHash = hash;
            start.expiresAt = s->expiresAt;
            beginSession(peer, id, start);
        }, Qt::QueuedConnection);
    });
}

void RpcServer::authLocal(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const qint64 now = Timestamp::now();
    if (const qint64 wait = m_tokenThrottle.wait(peer->address, now); wait > 0) {
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("Too many wrong tokens; try again in %1 s.").arg((wait + 999) / 1000),
                                                               {{QStringLiteral("retryAfterMs"), double(wait)}}));
    }
    const QByteArray given = PasswordHasher::tokenHash(token).toLatin1();
    const QByteArray expected = m_localAdminTokenHash.toLatin1();
    const bool good = !m_localAdminTokenHash.isEmpty() && given.size() == expected.size()
                   && sodium_memcmp(given.constData(), expected.constData(), size_t(given.size())) == 0;
    m_tokenThrottle.begin(peer->address, now);
    if (!good) {
        m_tokenThrottle.failed(peer->address, now);
        qCInfo(lcServer).noquote() << "wrong local administration token from" << peer->address;
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidCredentials, QStringLiteral("That is not this server's local administration token.")));
    }
    m_tokenThrottle.abandoned(peer->address);
    if (peer->authenticated)
        signOut(peer);
    if (peer->pending) {
        peer->pending = false;
        releasePending(peer->address);
    }
    peer->socket->setMaxAllowedIncomingMessageSize(quint64(4 * kMaxFrameBytes));
    peer->socket->setMaxAllowedIncomingFrameSize(quint64(4 * kMaxFrameBytes));
    peer->authenticated = true;
    peer->local = true;
    peer->caller = Caller{0, Role::Admin, {}};
    peer->agentName = QStringLiteral("atiended (local administration)");
    qCInfo(lcServer).noquote() << "local administration session from" << peer->address;
    replyResult(peer->socket, id, QJsonObject{{QStringLiteral("role"), wireName(Role::Admin)}, {QStringLiteral("local"), true}});
}

void RpcServer::authLogout(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    const QString hash = peer->tokenHash;
    const qint64 sessionId = peer->sessionId;
    const bool local = peer->local;
    signOut(peer);
    if (local || hash.isEmpty())
        return replyResult(peer->socket, id, QJsonObject{});
    QPointer<QWebSocket> socket = peer->socket;
    const quint64 peerId = peer->id;
    WriteJob job;
    job.apply = [hash](Store &store) {
        const QList<qint64> ended = store.sessions().endToken(hash, SessionEnd::LoggedOut, Timestamp::now());
        QJsonArray ids;
        for (qint64 e : ended)
            ids.append(double(e));
        return OpResult::success(QJsonObject{{QStringLiteral("endedSessions"), ids}});
    };
    job.done = [this, socket, id, sessionId, peerId](const OpResult &r) {
        // The token is dead everywhere at once: every other connection that used it is told
        // and closed; this one answers its own request and stays open, signed out.
        if (r.ok)
            endSessions({sessionId}, SessionEnd::LoggedOut, m_peersById.value(peerId));
        replyOutcome(socket, id, r.ok ? OpResult::success(QJsonObject{}) : r);
    };
    m_writer->submit(std::move(job));
}

void RpcServer::endSessions(const QList<qint64> &sessionIds, const QString &reason, const Peer *except)
{
    if (sessionIds.isEmpty())
        return;
    QList<Peer *> ending;
    for (Peer *peer : std::as_const(m_peers)) {
        if (peer != except && peer->authenticated && !peer->local && sessionIds.contains(peer->sessionId))
            ending << peer;
    }
    for (Peer *peer : std::as_const(ending))
        endPeer(peer, reason);
}

void RpcServer::endPeer(Peer *peer, const QString &reason)
{
    qCInfo(lcServer).noquote() << "ending session" << peer->sessionId << "of agent" << peer->caller.agentId << "on a connection from" << peer->address
                               << QStringLiteral("(%1)").arg(reason);
    const QString message = SessionEnd::describe(reason);
    sendFrame(peer, QString::fromUtf8(JsonRpc::notification(QStringLiteral("auth.ended"),
                                                            {{QStringLiteral("reason"), reason}, {QStringLiteral("message"), message}})));
    signOut(peer);
    if (peer->dropping)
        return;
    peer->dropping = true; // nothing more goes out before the close
    // close() may report the disconnection at once, and with it the peer is gone: only the
    // socket, guarded, is touched from here on.
    QPointer<QWebSocket> socket = peer->socket;
    socket->close(QWebSocketProtocol::CloseCode(kSessionEndedCloseCode), message.left(120));
    QTimer::singleShot(5000, this, [socket] {
        if (socket)
            socket->abort(); // a peer that never answers the close
    });
}

void RpcServer::scheduleExpiry()
{
    qint64 next = 0;
    for (const Peer *peer : std::as_const(m_peers)) {
        if (peer->authenticated && peer->expiresAt > 0 && (next == 0 || peer->expiresAt < next))
            next = peer->expiresAt;
    }
    if (next == 0) {
        m_expiry.stop();
        return;
    }
    // QTimer takes an int: a far expiry is looked at again within a day.
    const qint64 in = qBound<qint64>(0, next - Timestamp::now() + 1, 24LL * 3600 * 1000);
    m_expiry.start(int(in));
}

void RpcServer::onSessionsExpired()
{
    const qint64 now = Timestamp::now();
    QList<Peer *> expired;
    for (Peer *peer : std::as_const(m_peers)) {
        if (peer->authenticated && peer->expiresAt > 0 && peer->expiresAt <= now)
            expired << peer;
    }
    for (Peer *peer : std::as_const(expired))
        endPeer(peer, SessionEnd::Expired);
    scheduleExpiry();
}

void RpcServer::pruneSessions()
{
    WriteJob job;
    job.apply = [](Store &store) {
        const int pruned = store.sessions().prune(Timestamp::now(), AdminOps::kKeepEndedSessionsMs);
        return pruned >= 0 ? OpResult::success(pruned) : OpResult::failure(ErrorCode::InternalError);
    };
    job.done = [](const OpResult &r) {
        if (r.ok && r.result.toInt() > 0)
            qCInfo(lcServer) << "pruned" << r.result.toInt() << "ended or expired sessions";
    };
    m_writer->submit(std::move(job));
}

} // namespace Atiende::Server
