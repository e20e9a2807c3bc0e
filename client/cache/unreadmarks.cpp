#include "unreadmarks.h"

#include "cachedb.h"
#include "cachejson.h"

namespace Atiende::Client {

using namespace CacheJson;

UnreadMarks::UnreadMarks(CacheDb &db)
    : m_db(db)
{
}

qint64 UnreadMarks::ticketActivity(const QJsonObject &t, qint64 created) const
{
    return idOf(t, QStringLiteral("createdBy")) != m_ownAgent || m_ownAgent == 0
        ? qMax<qint64>(0, created)
        : 0;
}

bool UnreadMarks::isNews(const QJsonObject &a, qint64 created)
{
    return created > seenBaseline()
        && a.value(QStringLiteral("kind")).toString() != QLatin1String("event")
        && (m_ownAgent == 0 || idOf(a, QStringLiteral("authorAgentId")) != m_ownAgent);
}

qint64 UnreadMarks::seenBaseline()
{
    if (m_seenBaseline < 0)
        m_seenBaseline = m_db.meta(QStringLiteral("seen_baseline")).toLongLong();
    return m_seenBaseline;
}

bool UnreadMarks::setBaseline(qint64 at)
{
    return m_db.setMeta(QStringLiteral("seen_baseline"), QString::number(at));
}

bool UnreadMarks::markSeen(qint64 ticketId, qint64 now)
{
    return m_db.exec(
        QStringLiteral("INSERT OR REPLACE INTO seen (ticket_id, seen_at) VALUES (?, MAX(?, "
                       "COALESCE((SELECT activity_at FROM tickets WHERE id = ?), 0)))"),
        { ticketId, now, ticketId });
}

bool UnreadMarks::renumber(qint64 tempId, qint64 realId)
{
    return m_db.exec(QStringLiteral("UPDATE OR REPLACE seen SET ticket_id = ? WHERE ticket_id = ?"),
        { realId, tempId });
}

} // namespace Atiende::Client
