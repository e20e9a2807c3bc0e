#include "drafts.h"

#include "cachedb.h"

#include <QJsonDocument>

namespace Atiende::Client {

Drafts::Drafts(CacheDb &db)
    : m_db(db)
{
}

bool Drafts::save(qint64 ticketId, const Draft &d)
{
    if (d.body.isEmpty() && d.files.isEmpty())
        return clear(ticketId);
    return m_db.exec(
        QStringLiteral("INSERT OR REPLACE INTO drafts (ticket_id, kind, body, updated_at, files) "
                       "VALUES (?, ?, ?, ?, ?)"),
        { ticketId, d.kind, d.body, d.updatedAt,
            QString::fromUtf8(
                QJsonDocument(OutgoingFile::listToJson(d.files)).toJson(QJsonDocument::Compact)) });
}

std::optional<Draft> Drafts::draft(qint64 ticketId)
{
    QSqlQuery *q = m_db.run(
        QStringLiteral("SELECT kind, body, updated_at, files FROM drafts WHERE ticket_id = ?"),
        { ticketId });
    if (!q || !q->next())
        return std::nullopt;
    Draft d { q->value(0).toString(), q->value(1).toString(), q->value(2).toLongLong(),
        OutgoingFile::listFromJson(
            QJsonDocument::fromJson(q->value(3).toString().toUtf8()).array()) };
    q->finish();
    return d;
}

bool Drafts::clear(qint64 ticketId)
{
    return m_db.exec(QStringLiteral("DELETE FROM drafts WHERE ticket_id = ?"), { ticketId });
}

bool Drafts::renumber(qint64 tempId, qint64 realId)
{
    return m_db.exec(
        QStringLiteral("UPDATE OR REPLACE drafts SET ticket_id = ? WHERE ticket_id = ?"),
        { realId, tempId });
}

} // namespace Atiende::Client
