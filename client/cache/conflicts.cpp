#include "conflicts.h"

#include "cachedb.h"
#include "cachejson.h"

#include <QSqlQuery>

namespace Atiende::Client {

using namespace CacheJson;

Conflicts::Conflicts(CacheDb &db)
    : m_db(db)
{
}

bool Conflicts::add(qint64 ticketId, const QString &field, const QJsonValue &yours,
    const QJsonValue &theirs, const QString &message, int code, qint64 now)
{
    return m_db.exec(QStringLiteral("INSERT INTO conflicts (ticket_id, field, yours, theirs, "
                                    "message, code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { ticketId, field, toText(QJsonObject { { QStringLiteral("v"), yours } }),
            toText(QJsonObject { { QStringLiteral("v"), theirs } }), message, code, now });
}

QList<Conflict> Conflicts::list(qint64 ticketId)
{
    QList<Conflict> out;
    QSqlQuery q(m_db.db());
    q.prepare(ticketId
            ? QStringLiteral("SELECT id, ticket_id, field, yours, theirs, message, code, "
                             "created_at FROM conflicts WHERE ticket_id = ? ORDER BY id")
            : QStringLiteral("SELECT id, ticket_id, field, yours, theirs, message, code, "
                             "created_at FROM conflicts ORDER BY id"));
    if (ticketId)
        q.addBindValue(ticketId);
    if (!q.exec())
        return out;
    while (q.next()) {
        out << Conflict { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
            toObject(q.value(3).toString()).value(QStringLiteral("v")),
            toObject(q.value(4).toString()).value(QStringLiteral("v")), q.value(5).toString(),
            q.value(6).toInt(), q.value(7).toLongLong() };
    }
    return out;
}

bool Conflicts::resolve(qint64 conflictId)
{
    return m_db.exec(QStringLiteral("DELETE FROM conflicts WHERE id = ?"), { conflictId });
}

bool Conflicts::renumber(qint64 tempId, qint64 realId)
{
    return m_db.exec(QStringLiteral("UPDATE conflicts SET ticket_id = ? WHERE ticket_id = ?"),
        { realId, tempId });
}

} // namespace Atiende::Client
