#include "sessions.h"

#include "server/logging.h"

#include "rpcservices.h"

#include "server/admin/adminops.h"
#include "server/auth/passwordchecks.h"
#include "server/auth/passwordhasher.h"
#include "server/kpi/kpiengine.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/protocol/protocol.h"

#include <QJsonArray>

#include <sodium.h>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
// The close code after auth.ended: the session this connection used is over (4000-4999 are
// the application's own codes in RFC 6455).
constexpr quint16 kSessionEndedCloseCode = 4001;

RpcError sessionExpired(const QString &reason)
{
    return JsonRpc::makeError(ErrorCode::SessionExpired,
        SessionEnd::describe(reason) + QStringLiteral(" Log in again."),
        { { QStringLiteral("reason"), reason } });
}

RpcError logInUnderWay()
{
    return JsonRpc::makeError(ErrorCode::RateLimited,
        QStringLiteral("A log-in is already under way on this connection."),
        { { QStringLiteral("retryAfterMs"), 1000 } });
}
} // namespace

Sessions::Sessions(RpcServices &services, QObject *parent)
    : QObject(parent)
    , m_s(services)
    , m_tokenThrottle(FailureBackoff::Policy { 10, 1000, 5 * 60 * 1000, 30 * 60 * 1000 })
{
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &Sessions::onExpired);
    connect(&m_prune, &QTimer::timeout, this, &Sessions::prune);
}

Sessions::~Sessions() = default;

bool Sessions::start(Store &store, QString *error)
{
    QByteArray key = QByteArray::fromBase64(
        store.directory().setting(QStringLiteral("auth.device_key")).toLatin1());
    if (key.size() != DeviceTokens::kKeyBytes) {
        key = DeviceTokens::newKey();
        const OpResult saved = store.transact([&] {
            return store.directory().setSetting(
                       QStringLiteral("auth.device_key"), QString::fromLatin1(key.toBase64()))
                ? OpResult::success(QJsonValue())
                : OpResult::failure(ErrorCode::InternalError, store.sql().lastError());
        });
        if (!saved.ok) {
            *error
                = QStringLiteral("cannot store the device-token key: %1").arg(saved.error.message);
            return false;
        }
    }
    m_deviceTokens.setKey(key);
    store.transact([&] {
        store.sessions().prune(Timestamp::now(), AdminOps::kKeepEndedSessionsMs);
        return OpResult::success(QJsonValue());
    });
    m_localAdminToken = PasswordHasher::newToken();
    m_localAdminTokenHash = PasswordHasher::tokenHash(m_localAdminToken);
    m_prune.start(3600 * 1000);
    return true;
}

void Sessions::stop()
{
    m_expiry.stop();
    m_prune.stop();
    m_callers.clear();
}

void Sessions::begin(CallContext &caller, const Reply &reply, const Start &start)
{
    m_s.readers->run([this, weak = caller.weak(), reply, start](Store &store) {
        const std::optional<Agent> agent = store.directory().agent(start.agentId);
        QMetaObject::invokeMethod(
            this,
            [=] {
                const auto c = weak.lock();
                if (!c)
                    return;
                c->pendingAuth = 0;
                if (!agent || !agent->active)
                    return reply.error(sessionExpired(SessionEnd::Disabled));
                if (c->authenticated)
                    signOut(*c); // logged in again on this connection: what it showed was someone's
                c->authenticated = true;
                c->caller = Caller { agent->id, agent->role, agent->groupIds };
                c->agentName = agent->name;
                c->tokenHash = start.tokenHash;
                c->sessionId = start.sessionId;
                c->expiresAt = start.expiresAt;
                m_callers.insert(c->id, c.get());
                c->signedIn();
                scheduleExpiry();
                QJsonObject result { { QStringLiteral("agent"), agent->toJson() },
                    { QStringLiteral("expiresAt"), Timestamp::toJson(start.expiresAt) },
                    { QStringLiteral("sessionId"), double(start.sessionId) } };
                if (!start.token.isEmpty())
                    result.insert(QStringLiteral("token"), start.token);
                if (!start.device.isEmpty())
                    result.insert(QStringLiteral("device"), start.device);
                reply.result(result);
            },
            Qt::QueuedConnection);
    });
}

void Sessions::logIn(CallContext &caller, const QString &user, const QString &password,
    const QString &device, const Reply &reply)
{
    if (caller.pendingAuth)
        return reply.error(logInUnderWay());
    const qint64 now = Timestamp::now();
    const LoginThrottle::Attempt attempt { user, caller.address,
        m_deviceTokens.verify(device, user, now) };
    if (const qint64 wait = m_throttle.begin(attempt, now); wait > 0) {
        qCInfo(lcServer).noquote().nospace()
            << "throttled log-in for \"" << user << "\" from " << caller.address << " (wait "
            << wait << " ms" << (attempt.device.isEmpty() ? ")" : ", device token)");
        return reply.error(JsonRpc::makeError(ErrorCode::RateLimited,
            QStringLiteral("Too many failed log-ins; try again in %1 s.").arg((wait + 999) / 1000),
            { { QStringLiteral("retryAfterMs"), double(wait) } }));
    }
    // The check runs on its own bounded pool; when that is full the attempt is refused at once
    // and does not count.
    switch (m_s.passwordChecks->reserve(caller.address)) {
    case PasswordChecks::Admission::Reserved:
        break;
    case PasswordChecks::Admission::Full:
        m_throttle.abandon(attempt);
        return reply.error(JsonRpc::makeError(ErrorCode::Busy,
            QStringLiteral("Too many log-ins are being checked; retry in a moment."),
            { { QStringLiteral("retryAfterMs"), 1000 } }));
    case PasswordChecks::Admission::AddressFull:
        m_throttle.abandon(attempt);
        return reply.error(JsonRpc::makeError(ErrorCode::RateLimited,
            QStringLiteral("Too many log-ins from this address at once; retry in a moment."),
            { { QStringLiteral("retryAfterMs"), 1000 } }));
    }
    caller.pendingAuth = 1;
    const QString client = caller.client;
    const qint64 lifetime = m_s.config.sessionLifetimeMs;
    m_s.readers->run([this, weak = caller.weak(), reply, user, password, attempt, client, lifetime](
                         Store &store) {
        const auto creds = store.directory().credentials(user);
        QMetaObject::invokeMethod(
            this,
            [=] {
                m_s.passwordChecks->run(
                    attempt.address,
                    [creds, password] {
                        return PasswordHasher::verify(
                                   creds ? creds->passwordHash : PasswordHasher::dummyHash(),
                                   password)
                            && creds && creds->agent.active;
                    },
                    [this, weak, reply, user, attempt, creds, client, lifetime](bool good) {
                        // Counted even when the asker has gone: hanging up does not undo a guess.
                        m_throttle.finish(attempt, good, Timestamp::now());
                        const auto c = weak.lock();
                        if (!good) {
                            qCInfo(lcServer).noquote().nospace()
                                << "failed log-in for \"" << user << "\" from " << attempt.address
                                << (attempt.device.isEmpty() ? "" : " (with a device token)");
                            if (c) {
                                c->pendingAuth = 0;
                                reply.error(JsonRpc::makeError(ErrorCode::InvalidCredentials));
                            }
                            return;
                        }
                        if (!c)
                            return;
                        const qint64 now = Timestamp::now();
                        Start start;
                        start.agentId = creds->agent.id;
                        start.token = PasswordHasher::newToken();
                        start.tokenHash = PasswordHasher::tokenHash(start.token);
                        start.expiresAt = now + lifetime;
                        start.device = m_deviceTokens.issue(user, now);
                        auto sessionId = std::make_shared<qint64>(0);
                        WriteJob job;
                        job.apply = [start, now, sessionId, address = attempt.address, client](
                                        Store &store) {
                            *sessionId = store.sessions().create(start.tokenHash, start.agentId,
                                now, start.expiresAt, address, client);
                            return *sessionId ? OpResult::success(QJsonValue())
                                              : OpResult::failure(ErrorCode::InternalError);
                        };
                        job.done = [this, weak, reply, start, sessionId](const OpResult &r) {
                            const auto c = weak.lock();
                            if (!c)
                                return;
                            if (!r.ok) {
                                c->pendingAuth = 0;
                                return reply.error(r.error);
                            }
                            Start started = start;
                            started.sessionId = *sessionId;
                            begin(*c, reply, started);
                        };
                        m_s.writer->submit(std::move(job));
                    });
            },
            Qt::QueuedConnection);
    });
}

void Sessions::resume(CallContext &caller, const QString &token, const Reply &reply)
{
    if (caller.pendingAuth)
        return reply.error(logInUnderWay());
    caller.pendingAuth = 1;
    const QString hash = PasswordHasher::tokenHash(token);
    m_s.readers->run([this, weak = caller.weak(), reply, hash](Store &store) {
        const auto s = store.sessions().byToken(hash);
        const qint64 now = Timestamp::now();
        QMetaObject::invokeMethod(
            this,
            [=] {
                const auto c = weak.lock();
                if (!c)
                    return;
                if (!s || s->revoked || s->expiresAt <= now) {
                    c->pendingAuth = 0;
                    if (!s)
                        return reply.error(JsonRpc::makeError(ErrorCode::SessionExpired,
                            QStringLiteral("Unknown session; log in again."),
                            { { QStringLiteral("reason"), QStringLiteral("unknown") } }));
                    return reply.error(
                        sessionExpired(s->revoked ? s->revokedReason : SessionEnd::Expired));
                }
                // Where and with what the session was last used, for sessions.list; nobody waits
                // for it.
                WriteJob touch;
                touch.apply = [sessionId = s->id, now, address = c->address, client = c->client](
                                  Store &store) {
                    return store.sessions().touch(sessionId, now, address, client)
                        ? OpResult::success(QJsonValue())
                        : OpResult::failure(ErrorCode::InternalError);
                };
                m_s.writer->submit(std::move(touch));
                Start start;
                start.agentId = s->agentId;
                start.sessionId = s->id;
                start.tokenHash = hash;
                start.expiresAt = s->expiresAt;
                begin(*c, reply, start);
            },
            Qt::QueuedConnection);
    });
}

void Sessions::signInLocal(CallContext &caller, const QString &token, const Reply &reply)
{
    const qint64 now = Timestamp::now();
    if (const qint64 wait = m_tokenThrottle.wait(caller.address, now); wait > 0) {
        return reply.error(JsonRpc::makeError(ErrorCode::RateLimited,
            QStringLiteral("Too many wrong tokens; try again in %1 s.").arg((wait + 999) / 1000),
            { { QStringLiteral("retryAfterMs"), double(wait) } }));
    }
    const QByteArray given = PasswordHasher::tokenHash(token).toLatin1();
    const QByteArray expected = m_localAdminTokenHash.toLatin1();
    const bool good = !m_localAdminTokenHash.isEmpty() && given.size() == expected.size()
        && sodium_memcmp(given.constData(), expected.constData(), size_t(given.size())) == 0;
    m_tokenThrottle.begin(caller.address, now);
    if (!good) {
        m_tokenThrottle.failed(caller.address, now);
        qCInfo(lcServer).noquote() << "wrong local administration token from" << caller.address;
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidCredentials,
            QStringLiteral("That is not this server's local administration token.")));
    }
    m_tokenThrottle.abandoned(caller.address);
    if (caller.authenticated)
        signOut(caller);
    caller.authenticated = true;
    caller.local = true;
    caller.caller = Caller { 0, Role::Admin, {} };
    caller.agentName = QStringLiteral("atiended (local administration)");
    m_callers.insert(caller.id, &caller);
    caller.signedIn();
    qCInfo(lcServer).noquote() << "local administration session from" << caller.address;
    reply.result(QJsonObject {
        { QStringLiteral("role"), wireName(Role::Admin) }, { QStringLiteral("local"), true } });
}

void Sessions::logOut(CallContext &caller, const Reply &reply)
{
    const QString hash = caller.tokenHash;
    const qint64 sessionId = caller.sessionId;
    const bool local = caller.local;
    signOut(caller);
    if (local || hash.isEmpty())
        return reply.result(QJsonObject {});
    WriteJob job;
    job.apply = [hash](Store &store) {
        const QList<qint64> ended
            = store.sessions().endToken(hash, SessionEnd::LoggedOut, Timestamp::now());
        QJsonArray ids;
        for (qint64 e : ended)
            ids.append(double(e));
        return OpResult::success(QJsonObject { { QStringLiteral("endedSessions"), ids } });
    };
    job.done = [this, weak = caller.weak(), reply, sessionId](const OpResult &r) {
        // The token is dead everywhere at once: every other connection that used it is told
        // and closed; this one answers its own request and stays open, signed out.
        if (r.ok) {
            const auto c = weak.lock();
            endSessions({ sessionId }, SessionEnd::LoggedOut, c.get());
        }
        reply.outcome(r.ok ? OpResult::success(QJsonObject {}) : r);
    };
    m_s.writer->submit(std::move(job));
}

void Sessions::signOut(CallContext &caller)
{
    const bool wasAgent = caller.authenticated && !caller.local;
    emit signingOut(
        caller); // whoever sees its ticket hears it is gone (a closed console, a dead link)
    const Caller who = caller.caller;
    caller.authenticated = false;
    caller.local = false;
    caller.caller = Caller();
    caller.tokenHash.clear();
    caller.sessionId = 0;
    caller.expiresAt = 0;
    m_callers.remove(caller.id);
    if (!wasAgent)
        return;
    for (const CallContext *other : std::as_const(m_callers)) {
        if (other->authenticated && other->caller.agentId == who.agentId)
            return; // still at another console
    }
    // The agent's last console went away: nobody gives work to someone not there.
    WriteJob job;
    job.apply = [who](Store &s) {
        return s.routing().setPresence(who, who.agentId, Core::Presence::Offline);
    };
    job.done = [this, agentId = who.agentId](const OpResult &r) {
        if (r.ok && m_s.kpi)
            m_s.kpi->setPresence(agentId, Core::wireName(Core::Presence::Offline));
    };
    m_s.writer->submit(std::move(job));
}

void Sessions::endSessions(
    const QList<qint64> &sessionIds, const QString &reason, const CallContext *except)
{
    if (sessionIds.isEmpty())
        return;
    QList<quint64> ending;
    for (const CallContext *c : std::as_const(m_callers)) {
        if (c != except && c->authenticated && !c->local && sessionIds.contains(c->sessionId))
            ending << c->id;
    }
    // Ending one may end others' connections at once (a close reported synchronously): each is
    // looked up again.
    for (quint64 id : std::as_const(ending)) {
        if (CallContext *c = m_callers.value(id))
            endCaller(*c, reason);
    }
}

void Sessions::endCaller(CallContext &caller, const QString &reason)
{
    qCInfo(lcServer).noquote() << "ending session" << caller.sessionId << "of agent"
                               << caller.caller.agentId << "on a connection from" << caller.address
                               << QStringLiteral("(%1)").arg(reason);
    const QString message = SessionEnd::describe(reason);
    caller.push(QString::fromUtf8(JsonRpc::notification(QStringLiteral("auth.ended"),
        { { QStringLiteral("reason"), reason }, { QStringLiteral("message"), message } })));
    signOut(caller);
    if (caller.closing())
        return;
    // The front may report the connection gone at once, and with it the caller: nothing of it
    // is touched after this.
    caller.endSession(kSessionEndedCloseCode, message.left(120));
}

void Sessions::setGroupMembers(qint64 groupId, const QList<qint64> &agentIds)
{
    for (CallContext *c : std::as_const(m_callers)) {
        QList<qint64> &groups = c->caller.groupIds;
        const bool member = agentIds.contains(c->caller.agentId);
        if (member && !groups.contains(groupId)) {
            groups << groupId;
            std::sort(groups.begin(), groups.end());
        } else if (!member) {
            groups.removeAll(groupId);
        }
    }
    emit membershipChanged(groupId);
}

void Sessions::broadcast(const QString &frame)
{
    for (CallContext *c : std::as_const(m_callers)) {
        if (c->authenticated && !c->local && !c->closing())
            c->push(frame);
    }
}

void Sessions::scheduleExpiry()
{
    qint64 next = 0;
    for (const CallContext *c : std::as_const(m_callers)) {
        if (c->authenticated && c->expiresAt > 0 && (next == 0 || c->expiresAt < next))
            next = c->expiresAt;
    }
    if (next == 0) {
        m_expiry.stop();
        return;
    }
    // QTimer takes an int: a far expiry is looked at again within a day.
    const qint64 in = qBound<qint64>(0, next - Timestamp::now() + 1, 24LL * 3600 * 1000);
    m_expiry.start(int(in));
}

void Sessions::onExpired()
{
    const qint64 now = Timestamp::now();
    QList<quint64> expired;
    for (const CallContext *c : std::as_const(m_callers)) {
        if (c->authenticated && c->expiresAt > 0 && c->expiresAt <= now)
            expired << c->id;
    }
    for (quint64 id : std::as_const(expired)) {
        if (CallContext *c = m_callers.value(id))
            endCaller(*c, SessionEnd::Expired);
    }
    scheduleExpiry();
}

void Sessions::prune()
{
    WriteJob job;
    job.apply = [](Store &store) {
        const int pruned = store.sessions().prune(Timestamp::now(), AdminOps::kKeepEndedSessionsMs);
        return pruned >= 0 ? OpResult::success(pruned)
                           : OpResult::failure(ErrorCode::InternalError);
    };
    job.done = [](const OpResult &r) {
        if (r.ok && r.result.toInt() > 0)
            qCInfo(lcServer) << "pruned" << r.result.toInt() << "ended or expired sessions";
    };
    m_s.writer->submit(std::move(job));
}

} // namespace Atiende::Server
