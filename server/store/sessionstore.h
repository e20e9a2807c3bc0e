#pragma once
// Log-in sessions. Only a hash of each token is stored; a session also has a public id (what
// `sessions.list` shows and `sessions.revoke` takes), where and with what it was last used,
// and, once ended, when and why. Ended and expired sessions are kept a while so a console
// that comes back is told why ("the session was ended: password changed"), then pruned.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Atiende::Server {

class SqlContext;

// Why a session ended: stable names, told to the console in auth.ended and session_expired.
namespace SessionEnd {
inline const QString LoggedOut = QStringLiteral("logged_out");
inline const QString Revoked = QStringLiteral("revoked");
inline const QString PasswordChanged = QStringLiteral("password_changed");
inline const QString Disabled = QStringLiteral("disabled");
inline const QString Expired = QStringLiteral("expired");
// The sentence a person reads for a reason.
QString describe(const QString &reason);
} // namespace SessionEnd

class SessionStore
{
public:
    explicit SessionStore(SqlContext &ctx);

    struct Session
    {
        qint64 id = 0;
        qint64 agentId = 0;
        qint64 createdAt = 0;
        qint64 expiresAt = 0;
        qint64 lastSeenAt = 0;
        QString address;
        QString client;
        bool revoked = false;
        qint64 revokedAt = 0;
        QString revokedReason;
        QJsonObject toJson() const; // what sessions.list shows (never the token or its hash)
    };

    // A new session; its id, 0 on failure.
    qint64 create(const QString &tokenHash, qint64 agentId, qint64 now, qint64 expiresAt,
        const QString &address, const QString &client);
    std::optional<Session> byToken(const QString &tokenHash);
    // Marks a session used now, from this address and client.
    bool touch(qint64 id, qint64 now, const QString &address, const QString &client);

    // Ends sessions and gives the ids of those that were live. Each in the caller's transaction.
    QList<qint64> endToken(const QString &tokenHash, const QString &reason, qint64 now);
    QList<qint64> endAgent(qint64 agentId, const QString &reason, qint64 now);
    QList<qint64> endIds(const QList<qint64> &ids, const QString &reason, qint64 now);

    // Live sessions (not ended, not expired), of one agent or (0) of all, newest first.
    QList<Session> live(qint64 agentId, qint64 now, int limit = 1000);
    std::optional<Session> byId(qint64 id);

    // Deletes sessions that expired or ended more than keepMs ago; how many went.
    int prune(qint64 now, qint64 keepMs);

private:
    QList<qint64> end(
        const QString &where, const QVariantList &values, const QString &reason, qint64 now);
    SqlContext &m_ctx;
};

} // namespace Atiende::Server
