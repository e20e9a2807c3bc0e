#pragma once
// The queue's rows, read straight from the cache's columns: what the queue view shows, sorts
// and filters on for every ticket held, without parsing a ticket's JSON, so that 100,000 of
// them load in a blink. Its own files so that the row's shape can change without touching the
// rest of the cache.

#include <QList>
#include <QString>

QT_FORWARD_DECLARE_CLASS(QSqlDatabase)

namespace Atiende::Client {

class CacheDb;
class UnreadMarks;

// One row of the queue: what the queue view shows, sorts and filters on, read without the
// ticket's JSON so that 100,000 of them load in a blink.
struct QueueRow
{
    qint64 id = 0;
    QString number;
    QString subject;
    QString status; // wire names
    QString priority;
    QString type;
    qint64 groupId = 0;
    qint64 assigneeId = 0;
    qint64 customerId = 0;
    qint64 organisationId = 0;
    qint64 categoryId = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // The SLA clock that counts now: first response until it stops, then resolution.
    qint64 slaDueAt = 0; // 0: no running clock (none, paused or stopped)
    qint64 slaWarnAt = 0;
    QString slaState; // that clock's state (see Ticket.sla), empty without an SLA
    bool pending = false; // the agent's edits not yet confirmed by the server
    bool unread = false; // something happened since the agent last opened it
};

class QueueRows
{
public:
    QueueRows(CacheDb &db, UnreadMarks &marks);

    // The queue: every ticket (ids empty) or just these.
    QList<QueueRow> queueRows(const QList<qint64> &ids = {});

private:
    qint64 seenBaseline();
    int count(const QString &what);

    CacheDb &m_cache;
    UnreadMarks &m_marks;
    QSqlDatabase &m_db;
};

} // namespace Atiende::Client
