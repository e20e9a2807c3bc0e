#include "localedits.h"

#include "cachedb.h"
#include "cachedelta.h"
#include "cachejson.h"
#include "directoryrows.h"
#include "filerows.h"
#include "ticketrows.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QList>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

namespace Atiende::Client {

using namespace CacheJson;

LocalEdits::LocalEdits(CacheDb &db, TicketRows &rows, DirectoryRows &directory, FileRows &files)
    : m_db(db)
    , m_rows(rows)
    , m_directory(directory)
    , m_files(files)
{
}

qint64 LocalEdits::nextTempId()
{
    const qint64 id = m_db.meta(QStringLiteral("next_temp_id")).toLongLong();
    m_db.setMeta(QStringLiteral("next_temp_id"), QString::number(id - 1));
    return id;
}

QJsonObject LocalEdits::applyFields(QJsonObject t, const QJsonObject &fields) const
{
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        t.insert(it.key(), it.value());
    // Show what the server will decide, so the screen does not jump when it answers.
    const auto impact = Core::fromString<Core::Level>(t.value(QStringLiteral("impact")).toString());
    const auto urgency
        = Core::fromString<Core::Level>(t.value(QStringLiteral("urgency")).toString());
    if (impact && urgency)
        t.insert(QStringLiteral("priority"), Core::wireName(m_matrix.priority(*impact, *urgency)));
    const QString status = t.value(QStringLiteral("status")).toString();
    if (!fields.contains(QStringLiteral("status"))) {
        if (!t.value(QStringLiteral("assigneeId")).isNull() && status == QLatin1String("new"))
            t.insert(QStringLiteral("status"), QStringLiteral("assigned"));
        else if (t.value(QStringLiteral("assigneeId")).isNull()
            && status == QLatin1String("assigned"))
            t.insert(QStringLiteral("status"), QStringLiteral("new"));
    }
    return t;
}

QSet<qint64> LocalEdits::ticketsWithPendingEdits()
{
    QSet<qint64> ids;
    if (QSqlQuery *q
        = m_db.run(QStringLiteral("SELECT DISTINCT ticket_id FROM outbox WHERE "
                                  "method IN ('tickets.update', 'tickets.escalate')"))) {
        while (q->next())
            ids.insert(q->value(0).toLongLong());
        q->finish();
    }
    return ids;
}

bool LocalEdits::hasPendingEdits(qint64 ticketId)
{
    return m_db
        .scalar(QStringLiteral("SELECT 1 FROM outbox WHERE method IN ('tickets.update', "
                               "'tickets.escalate') AND ticket_id = ? LIMIT 1"),
            { ticketId })
        .isValid();
}

void LocalEdits::reapplyPending(qint64 ticketId)
{
    // The agent's unsent edits stay visible on top of whatever the server says; an
    // escalation moves nothing here but keeps the ticket marked pending until answered.
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT method, params FROM outbox WHERE method IN ('tickets.update', "
                             "'tickets.escalate') AND ticket_id = ? ORDER BY seq"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return;
    QList<QJsonObject> fields;
    bool escalating = false;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("tickets.escalate"))
            escalating = true;
        else
            fields << toObject(q.value(1).toString()).value(QStringLiteral("fields")).toObject();
    }
    q.finish();
    const std::optional<QJsonObject> base = m_rows.serverOrShownTicket(ticketId);
    if (!base)
        return;
    QJsonObject t = *base;
    for (const QJsonObject &f : std::as_const(fields))
        t = applyFields(t, f);
    const qint64 rev = m_rows.rev(ticketId);
    m_rows.upsertTicket(t, rev, !fields.isEmpty() || escalating || ticketId < 0);
}

QString LocalEdits::createTicket(
    const QJsonObject &params, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    if (!m_db.beginEdit())
        return QString();
    const qint64 id = nextTempId();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject p = params;
    p.insert(QStringLiteral("opId"), opId);
    // Ours only (the server ignores unknown params): which local rows stand for this create.
    p.insert(QStringLiteral("tempId"), double(id));
    if (!params.value(QStringLiteral("description")).toString().trimmed().isEmpty())
        p.insert(QStringLiteral("descriptionTempId"), double(nextTempId()));
    QJsonObject t { { QStringLiteral("id"), double(id) }, { QStringLiteral("number"), QString() },
        { QStringLiteral("type"), params.value(QStringLiteral("type")).toString() },
        { QStringLiteral("subject"), params.value(QStringLiteral("subject")).toString() },
        { QStringLiteral("status"),
            params.contains(QStringLiteral("assigneeId")) ? QStringLiteral("assigned")
                                                          : QStringLiteral("new") },
        { QStringLiteral("impact"),
            params.value(QStringLiteral("impact")).toString(QStringLiteral("medium")) },
        { QStringLiteral("urgency"),
            params.value(QStringLiteral("urgency")).toString(QStringLiteral("medium")) },
        { QStringLiteral("channel"),
            params.value(QStringLiteral("channel")).toString(QStringLiteral("console")) },
        { QStringLiteral("categoryId"), params.value(QStringLiteral("categoryId")) },
        { QStringLiteral("groupId"), params.value(QStringLiteral("groupId")) },
        { QStringLiteral("assigneeId"), params.value(QStringLiteral("assigneeId")) },
        { QStringLiteral("customerId"), params.value(QStringLiteral("customerId")) },
        { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) },
        { QStringLiteral("updatedAt"), Core::Timestamp::toJson(now) },
        { QStringLiteral("version"), 0 } };
    for (const char *key : { "categoryId", "groupId", "assigneeId", "customerId" }) {
        if (t.value(QLatin1String(key)).isUndefined())
            t.insert(QLatin1String(key), QJsonValue(QJsonValue::Null));
    }
    if (const auto c = m_directory.entity(
            QStringLiteral("customer"), idOf(params, QStringLiteral("customerId"))))
        t.insert(QStringLiteral("organisationId"), c->value(QStringLiteral("organisationId")));
    t = applyFields(t, {});
    bool ok = m_rows.upsertTicket(t, 0, true)
        && m_db.exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                    "created_at) VALUES (?, 'tickets.create', ?, ?, ?)"),
            { opId, id, toText(p), now });
    const QString description = params.value(QStringLiteral("description")).toString();
    if (ok && !description.trimmed().isEmpty()) {
        const qint64 articleId = qint64(p.value(QStringLiteral("descriptionTempId")).toDouble());
        ok = m_rows.upsertArticle(
            { { QStringLiteral("id"), double(articleId) },
                { QStringLiteral("ticketId"), double(id) },
                { QStringLiteral("kind"), QStringLiteral("reply") },
                { QStringLiteral("authorCustomerId"), params.value(QStringLiteral("customerId")) },
                { QStringLiteral("body"), description },
                { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) } },
            0, true);
    }
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        return QString();
    }
    *tempId = id;
    delta->tickets.insert(id);
    delta->articleTickets.insert(id);
    delta->outbox = true;
    return opId;
}

QString LocalEdits::updateTicket(
    qint64 ticketId, const QJsonObject &fields, qint64 now, CacheDelta *delta)
{
    const std::optional<QJsonObject> t = m_rows.ticket(ticketId);
    if (!t || !m_db.beginEdit())
        return QString();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The base is the server's version the agent was looking at (1 for a ticket made offline:
    // that is the version it will have when created).
    const int base = ticketId < 0 ? 1 : qMax(1, t->value(QStringLiteral("version")).toInt());
    const QJsonObject params { { QStringLiteral("id"), double(ticketId) },
        { QStringLiteral("baseVersion"), base }, { QStringLiteral("opId"), opId },
        { QStringLiteral("fields"), fields } };
    QJsonObject shown = applyFields(*t, fields);
    shown.insert(QStringLiteral("updatedAt"), Core::Timestamp::toJson(now));
    const bool ok
        = m_db.exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                   "created_at) VALUES (?, 'tickets.update', ?, ?, ?)"),
              { opId, ticketId, toText(params), now })
        && m_rows.upsertTicket(shown, m_rows.rev(ticketId), true);
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        return QString();
    }
    delta->tickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QString LocalEdits::addArticle(qint64 ticketId, const QString &kind, const QString &body,
    qint64 authorId, qint64 now, qint64 *tempId, CacheDelta *delta,
    const QList<OutgoingFile> &files)
{
    if (!m_rows.ticket(ticketId) || !m_db.beginEdit())
        return QString();
    const qint64 id = nextTempId();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject params { { QStringLiteral("ticketId"), double(ticketId) },
        { QStringLiteral("kind"), kind }, { QStringLiteral("body"), body },
        { QStringLiteral("opId"), opId }, { QStringLiteral("tempId"), double(id) } };
    QJsonObject a { { QStringLiteral("id"), double(id) },
        { QStringLiteral("ticketId"), double(ticketId) }, { QStringLiteral("kind"), kind },
        { QStringLiteral("authorAgentId"), double(authorId) },
        { QStringLiteral("authorCustomerId"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("body"), body },
        { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) } };
    QStringList uploadIds;
    if (!files.isEmpty()) {
        QJsonArray ids, attachments;
        for (const OutgoingFile &f : files) {
            uploadIds << f.uploadId;
            ids.append(f.uploadId);
            attachments.append(f.file.toJson());
        }
        params.insert(QStringLiteral("attachments"), ids);
        // Ours only, like tempId: the files themselves, so that an upload can be made again
        // from them when the server has forgotten it (OutboxOp::files()).
        params.insert(QStringLiteral("localFiles"), OutgoingFile::listToJson(files));
        a.insert(QStringLiteral("attachments"), attachments); // shown with the entry at once
    }
    const bool ok = m_rows.upsertArticle(a, 0, true)
        && m_db.exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                    "created_at) VALUES (?, 'tickets.addArticle', ?, ?, ?)"),
            { opId, ticketId, toText(params), now })
        && (uploadIds.isEmpty() || m_files.assignToOp(uploadIds, opId));
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        return QString();
    }
    *tempId = id;
    delta->articleTickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QString LocalEdits::escalate(
    qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta)
{
    if (!m_rows.ticket(ticketId) || !m_db.beginEdit())
        return QString();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject p = params;
    p.insert(QStringLiteral("id"), double(ticketId));
    p.insert(QStringLiteral("opId"), opId);
    const bool ok
        = m_db.exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                   "created_at) VALUES (?, 'tickets.escalate', ?, ?, ?)"),
              { opId, ticketId, toText(p), now })
        && m_rows.markPending(ticketId);
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        return QString();
    }
    delta->tickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

} // namespace Atiende::Client
