#include "syncstore.h"

#include "sqlcontext.h"

#include "core/domain/timestamp.h"

#include <QJsonDocument>

namespace Atiende::Server {

namespace {
// "(group_id IN (<set>) OR assignee_id = ?)" with the caller's values appended to *values:
// one statement shape for callers with any number of groups.
QString visibilityClause(const SqlContext &ctx, const Caller &caller, QVariantList *values)
{
    if (caller.groupIds.isEmpty()) {
        values->append(caller.agentId);
        return QStringLiteral("(assignee_id = ?)");
    }
    values->append(SqlContext::idSet(caller.groupIds));
    values->append(caller.agentId);
    return QStringLiteral("(group_id IN (%1) OR assignee_id = ?)").arg(ctx.dialect().idSetSql());
}
} // namespace

SyncStore::SyncStore(SqlContext &ctx)
    : m_ctx(ctx)
{
}

bool SyncStore::loadRevision()
{
    const QVariant v
        = m_ctx.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"));
    if (!v.isValid())
        return false;
    m_revision = v.toString().toLongLong();
    m_savedRevision = m_revision;
    return true;
}

bool SyncStore::saveRevision()
{
    const qint64 at = Core::Timestamp::now();
    if (m_revision == m_savedRevision)
        return true;
    for (qint64 rev = m_savedRevision + 1; rev <= m_revision; ++rev) {
        if (!m_ctx.exec(
                QStringLiteral("INSERT INTO revisions (rev, at) VALUES (?, ?)"), { rev, at }))
            return false;
    }
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("UPDATE meta SET value = ? WHERE key = 'revision' AND value = ?"),
        { QString::number(m_revision), QString::number(m_savedRevision) });
    if (!q)
        return false;
    if (q->numRowsAffected() != 1) {
        m_ctx.setLastError(QStringLiteral(
            "the revision counter moved under this writer (another process wrote the database)"));
        return false;
    }
    m_savedRevision = m_revision;
    return true;
}

qint64 SyncStore::committedRevision()
{
    return m_ctx.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
        .toString()
        .toLongLong();
}

std::optional<SyncStore::TicketSight> SyncStore::ticketSight(qint64 ticketId)
{
    // One statement, so the ticket and the revision come from one snapshot of the database.
    QSqlQuery &q = m_ctx.prepared(QStringLiteral(
        "SELECT group_id, COALESCE(assignee_id, 0), "
        "(SELECT value FROM meta WHERE key = 'revision') FROM tickets WHERE id = ?"));
    q.bindValue(0, ticketId);
    std::optional<TicketSight> sight;
    if (q.exec() && q.next())
        sight = TicketSight { q.value(0).toLongLong(), q.value(1).toLongLong(),
            q.value(2).toString().toLongLong() };
    q.finish();
    return sight;
}

bool SyncStore::record(const Change &c)
{
    const QVariant group = c.scoped ? nullableId(c.groupId) : nullableId(0);
    const QVariant assignee = c.scoped ? nullableId(c.assigneeId) : nullableId(0);
    if (!m_ctx.exec(
            QStringLiteral("INSERT INTO sync_log (entity, entity_id, rev, group_id, assignee_id) "
                           "VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT (entity, entity_id) DO UPDATE SET rev = excluded.rev, "
                           "group_id = excluded.group_id, assignee_id = excluded.assignee_id"),
            { c.entity, c.id, c.rev, group, assignee }))
        return false;
    if (c.visibilityChanged) {
        return m_ctx.exec(QStringLiteral("INSERT INTO visibility_log (rev, ticket_id, group_id, "
                                         "assignee_id) VALUES (?, ?, ?, ?)"),
            { c.rev, c.id, nullableId(c.prevGroupId), nullableId(c.prevAssigneeId) });
    }
    return true;
}

bool SyncStore::audit(qint64 rev, qint64 at, qint64 agentId, const QString &entity, qint64 entityId,
    int version, const QString &field, const QString &oldValue, const QString &newValue)
{
    return m_ctx.exec(QStringLiteral("INSERT INTO audit (rev, at, agent_id, entity, entity_id, "
                                     "version, field, old_value, new_value) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { rev, at, nullableId(agentId), entity, entityId, version, field, oldValue, newValue });
}

int SyncStore::lastFieldVersion(
    const QString &entity, qint64 entityId, const QString &field, qint64 agentId)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM audit WHERE entity = ? AND "
                               "entity_id = ? AND field = ? "
                               "AND (agent_id IS NULL OR agent_id <> ?)"),
            { entity, entityId, field, agentId })
        .toInt();
}

QList<SyncStore::FieldChange> SyncStore::fieldChangesSince(
    const QString &entity, qint64 entityId, const QString &field, int version)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral(
        "SELECT version, COALESCE(agent_id, 0), old_value, new_value FROM audit "
        "WHERE entity = ? AND entity_id = ? AND field = ? AND version > ? ORDER BY version, id"));
    q.bindValue(0, entity);
    q.bindValue(1, entityId);
    q.bindValue(2, field);
    q.bindValue(3, version);
    QList<FieldChange> changes;
    if (q.exec()) {
        while (q.next())
            changes.append({ q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toString(),
                q.value(3).toString() });
    }
    q.finish();
    return changes;
}

std::optional<SyncStore::StoredOp> SyncStore::findOperation(const QString &opId)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT outcome, agent_id, method FROM operations WHERE op_id = ?"));
    q.bindValue(0, opId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    StoredOp op { QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object(),
        q.value(1).toLongLong(), q.value(2).toString() };
    q.finish();
    return op;
}

bool SyncStore::recordOperation(const QString &opId, qint64 agentId, const QString &method,
    const QJsonObject &outcome, qint64 rev, qint64 at)
{
    return m_ctx.exec(QStringLiteral("INSERT INTO operations (op_id, agent_id, method, outcome, "
                                     "rev, applied_at) VALUES (?, ?, ?, ?, ?, ?)"),
        { opId, agentId, method,
            QString::fromUtf8(QJsonDocument(outcome).toJson(QJsonDocument::Compact)), rev, at });
}

QList<SyncStore::Row> SyncStore::rows(
    const Caller &caller, const Position &after, qint64 upTo, int limit)
{
    QVariantList values;
    QString sql = QStringLiteral("SELECT entity, entity_id, rev FROM sync_log WHERE rev <= ? AND ");
    values << upTo;
    if (after.entity.isEmpty()) {
        sql += QStringLiteral("rev > ?");
        values << after.rev;
    } else {
        // "rev >= ?" first, so the index on rev seeks to the cursor instead of scanning from the
        // start of the feed for every page.
        sql += QStringLiteral(
            "rev >= ? AND (rev > ? OR entity > ? OR (entity = ? AND entity_id > ?))");
        values << after.rev << after.rev << after.entity << after.entity << after.id;
    }
    if (!caller.isAdmin())
        sql += QStringLiteral(" AND (group_id IS NULL OR ")
            + visibilityClause(m_ctx, caller, &values) + QLatin1Char(')');
    sql += QStringLiteral(" ORDER BY rev, entity, entity_id LIMIT ?");
    values << limit;
    QList<Row> out;
    QSqlQuery *q = m_ctx.run(sql, values);
    if (!q)
        return out;
    while (q->next())
        out.append(Row {
            q->value(0).toString(), q->value(1).toLongLong(), q->value(2).toLongLong(), false });
    q->finish();
    return out;
}

QList<SyncStore::Row> SyncStore::hides(const Caller &caller, qint64 fromRev, qint64 toRev)
{
    QList<Row> out;
    if (caller.isAdmin() || toRev <= fromRev)
        return out; // admins see every ticket: nothing ever leaves their sight
    QVariantList hv { fromRev, toRev };
    const QString hsql = QStringLiteral("SELECT v.ticket_id, MAX(v.rev) FROM visibility_log v "
                                        "WHERE v.rev > ? AND v.rev <= ? AND ")
        + visibilityClause(m_ctx, caller, &hv)
              .replace(QLatin1String("group_id"), QLatin1String("v.group_id"))
              .replace(QLatin1String("assignee_id"), QLatin1String("v.assignee_id"))
        + QStringLiteral(" GROUP BY v.ticket_id");
    QList<Row> candidates;
    if (QSqlQuery *q = m_ctx.run(hsql, hv)) {
        while (q->next())
            candidates.append(Row { QStringLiteral("ticket"), q->value(0).toLongLong(),
                q->value(1).toLongLong(), true });
        q->finish();
    }
    for (const Row &h : std::as_const(candidates)) {
        QSqlQuery &q = m_ctx.prepared(
            QStringLiteral("SELECT group_id, assignee_id FROM tickets WHERE id = ?"));
        q.bindValue(0, h.id);
        bool visible = false;
        if (q.exec() && q.next())
            visible = caller.canSeeTicket(q.value(0).toLongLong(), q.value(1).toLongLong());
        q.finish();
        if (!visible)
            out.append(h);
    }
    return out;
}

} // namespace Atiende::Server
