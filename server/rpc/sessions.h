#pragma once
// Who is signed in on what: log-in (throttled, device tokens, the bounded password-check
// pool), resume, local administration, log-out, and sessions that end while callers use them
// (logged out elsewhere, revoked, password changed, disabled, expired): each caller on one
// hears auth.ended, is signed out and its front ends the connection. Expiry is one timer
// armed for the earliest expiry among signed-in callers. Nothing here knows a socket: callers
// are CallContexts, so an HTTP front signs in through the same rules.
// docs/protocol.md ("Session") and docs/admin-guide.md ("Log-in protection", "Sessions").

#include "callcontext.h"

#include "server/auth/devicetokens.h"
#include "server/auth/failurebackoff.h"
#include "server/auth/loginthrottle.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace Atiende::Server {

class Store;
struct RpcServices;

class Sessions : public QObject
{
    Q_OBJECT
public:
    explicit Sessions(RpcServices &services, QObject *parent = nullptr);
    ~Sessions() override;

    // Before the writer starts, while nothing else writes: the key that signs device tokens
    // (made once per desk, kept in its settings), ended sessions pruned, and a fresh local
    // administration token. Then the timers run.
    bool start(Store &store, QString *error);
    // Timers stopped and every caller forgotten (their fronts are closing them).
    void stop();

    // The token of local administration sessions (auth.local), made at start.
    QString localAdminToken() const { return m_localAdminToken; }

    // auth.login, auth.resume, auth.local, auth.logout with their params read; each answers reply.
    void logIn(CallContext &caller, const QString &user, const QString &password,
        const QString &device, const Reply &reply);
    void resume(CallContext &caller, const QString &token, const Reply &reply);
    void signInLocal(CallContext &caller, const QString &token, const Reply &reply);
    void logOut(CallContext &caller, const Reply &reply);

    // The caller stops being signed in: it leaves presence and its dashboard (signingOut), and
    // when it was the agent's last console, the agent is offline.
    void signOut(CallContext &caller);
    // Sessions that ended: each signed-in caller on one of them hears auth.ended with the
    // reason, is signed out and its connection ended. `except` is spared (the caller that
    // logged out answers its own request).
    void endSessions(const QList<qint64> &sessionIds, const QString &reason,
        const CallContext *except = nullptr);
    // Permissions follow group membership at once: the callers of the agents concerned get the
    // new groups, then membershipChanged.
    void setGroupMembers(qint64 groupId, const QList<qint64> &agentIds);

    // Signed-in callers by CallContext::id (local administration sessions included).
    const QHash<quint64, CallContext *> &callers() const { return m_callers; }
    CallContext *caller(quint64 id) const { return m_callers.value(id); }
    // A notification to every signed-in console (not local administration sessions).
    void broadcast(const QString &frame);

    // Wrong survey and local administration tokens, by address.
    FailureBackoff &tokenThrottle() { return m_tokenThrottle; }

signals:
    // Before a caller's sign-out clears it, while it is still among callers().
    void signingOut(Atiende::Server::CallContext &caller);
    // After setGroupMembers changed who is in the group.
    void membershipChanged(qint64 groupId);

private:
    struct Start
    {
        qint64 agentId = 0;
        qint64 sessionId = 0;
        QString tokenHash;
        qint64 expiresAt = 0;
        QString token; // only after a log-in (auth.resume knows it already)
        QString device; // a fresh device token, after a log-in
    };
    void begin(CallContext &caller, const Reply &reply, const Start &start);
    void endCaller(CallContext &caller, const QString &reason);
    void scheduleExpiry();
    void onExpired();
    void prune();

    RpcServices &m_s;
    QHash<quint64, CallContext *> m_callers;
    LoginThrottle m_throttle;
    FailureBackoff m_tokenThrottle;
    DeviceTokens m_deviceTokens;
    QString m_localAdminToken;
    QString m_localAdminTokenHash;
    QTimer m_expiry; // the next session to expire among signed-in callers
    QTimer m_prune; // ended and expired sessions leave the database
};

} // namespace Atiende::Server
