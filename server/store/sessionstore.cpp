#include "sessionstore.h"

#include "sqlcontext.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Server {

namespace {
const QString kColumns = QStringLiteral(
    "id, agent_id, created_at, expires_at, last_seen_at, address, client, revoked, "
    "COALESCE(revoked_at, 0), COALESCE(revoked_reason, '')");

SessionStore::Session read(const QSqlQuery &q)
{
    SessionStore::Session s;
    s.id = q.value(0).toLongLong();
    s.agentId = q.value(1).toLongLong();
    s.createdAt = q.value(2).toLongLong();
    s.expiresAt = q.value(3).toLongLong();
    s.lastSeenAt = q.value(4).toLongLong();
    s.address = q.value(5).toString();
    s.client = q.value(6).toString();
    s.revoked = q.value(7).toInt() != 0;
    s.revokedAt = q.value(8).toLongLong();
    s.revokedReason = q.value(9).toString();
    return s;
}
} // namespace

QString SessionEnd::describe(const QString &reason)
{
    if (reason == LoggedOut)
        return QStringLiteral("The session was ended by logging out.");
    if (reason == Revoked)
        return QStringLiteral("The session was ended by an administrator.");
    if (reason == PasswordChanged)
        return QStringLiteral("The session was ended because the password was changed.");
    if (reason == Disabled)
        return QStringLiteral("The session was ended because the account was disabled.");
    if (reason == Expired)
        return QStringLiteral("The session has expired.");
    return QStringLiteral("The session was ended.");
}

QJsonObject SessionStore::Session::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), double(id) },
        { QStringLiteral("agentId"), double(agentId) },
        { QStringLiteral("createdAt"), Core::Timestamp::toJson(createdAt) },
        { QStringLiteral("expiresAt"), Core::Timestamp::toJson(expiresAt) },
        { QStringLiteral("lastSeenAt"), Core::Timestamp::toJson(lastSeenAt) },
        { QStringLiteral("address"), address }, { QStringLiteral("client"), client } };
    if (revoked) {
        o.insert(QStringLiteral("endedAt"), Core::Timestamp::toJson(revokedAt));
        o.insert(QStringLiteral("endReason"), revokedReason);
    }
    return o;
}

SessionStore::SessionStore(SqlContext &ctx)
    : m_ctx(ctx)
{
}

qint64 SessionStore::create(const QString &tokenHash, qint64 agentId, qint64 now, qint64 expiresAt,
    const QString &address, const QString &client)
{
    return m_ctx.insert(QStringLiteral("INSERT INTO sessions (token_hash, agent_id, created_at, "
                                       "expires_at, last_seen_at, address, client, revoked) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, 0) RETURNING id"),
        { tokenHash, agentId, now, expiresAt, now, address.left(64), client.left(200) });
}

std::optional<SessionStore::Session> SessionStore::byToken(const QString &tokenHash)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kColumns
        + QStringLiteral(" FROM sessions WHERE token_hash = ?"));
    q.bindValue(0, tokenHash);
    std::optional<Session> s;
    if (q.exec() && q.next())
        s = read(q);
    q.finish();
    return s;
}

std::optional<SessionStore::Session> SessionStore::byId(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM sessions WHERE id = ?"));
    q.bindValue(0, id);
    std::optional<Session> s;
    if (q.exec() && q.next())
        s = read(q);
    q.finish();
    return s;
}

bool SessionStore::touch(qint64 id, qint64 now, const QString &address, const QString &client)
{
    return m_ctx.exec(
        QStringLiteral(
            "UPDATE sessions SET last_seen_at = ?, address = ?, client = ? WHERE id = ?"),
        { now, address.left(64), client.left(200), id });
}

QList<qint64> SessionStore::end(
    const QString &where, const QVariantList &values, const QString &reason, qint64 now)
{
    QList<qint64> ids;
    {
        QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT id FROM sessions WHERE revoked = 0 AND ") + where, values);
        if (!q)
            return ids;
        while (q->next())
            ids << q->value(0).toLongLong();
        q->finish();
    }
    for (qint64 id : std::as_const(ids)) {
        if (!m_ctx.exec(QStringLiteral("UPDATE sessions SET revoked = 1, revoked_at = ?, "
                                       "revoked_reason = ? WHERE id = ?"),
                { now, reason, id }))
            return {};
    }
    return ids;
}

QList<qint64> SessionStore::endToken(const QString &tokenHash, const QString &reason, qint64 now)
{
    return end(QStringLiteral("token_hash = ?"), { tokenHash }, reason, now);
}

QList<qint64> SessionStore::endAgent(qint64 agentId, const QString &reason, qint64 now)
{
    return end(QStringLiteral("agent_id = ?"), { agentId }, reason, now);
}

QList<qint64> SessionStore::endIds(const QList<qint64> &ids, const QString &reason, qint64 now)
{
    QJsonArray list;
    for (qint64 id : ids)
        list.append(double(id));
    return end(QStringLiteral("id IN (") + m_ctx.dialect().idSetSql() + QLatin1Char(')'),
        { QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)) }, reason, now);
}

QList<SessionStore::Session> SessionStore::live(qint64 agentId, qint64 now, int limit)
{
    QList<Session> out;
    QSqlQuery *q = agentId
        ? m_ctx.run(QStringLiteral("SELECT ") + kColumns
                + QStringLiteral(" FROM sessions WHERE revoked = 0 AND expires_at > ? AND agent_id "
                                 "= ? ORDER BY last_seen_at DESC, id DESC LIMIT ?"),
            { now, agentId, limit })
        : m_ctx.run(QStringLiteral("SELECT ") + kColumns
                + QStringLiteral(" FROM sessions WHERE revoked = 0 AND expires_at > ? ORDER BY "
                                 "last_seen_at DESC, id DESC LIMIT ?"),
            { now, limit });
    if (!q)
        return out;
    while (q->next())
        out << read(*q);
    q->finish();
    return out;
}

int SessionStore::prune(qint64 now, qint64 keepMs)
{
    const qint64 before = now - keepMs;
    QSqlQuery *q = m_ctx.run(
        QStringLiteral(
            "DELETE FROM sessions WHERE expires_at < ? OR (revoked <> 0 AND revoked_at < ?)"),
        { before, before });
    return q ? q->numRowsAffected() : -1;
}

} // namespace Atiende::Server
