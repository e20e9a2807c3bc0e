#pragma once
// The queue's rows, read straight from the cache's columns: what the queue view shows, sorts
// and filters on for every ticket held, without parsing a ticket's JSON, so that 100,000 of
// them load in a blink. Its own files so that the row's shape can change without touching the
// rest of the cache.

#include "queuerow.h"

#include <QList>
#include <QString>

QT_FORWARD_DECLARE_CLASS(QSqlDatabase)

namespace Atiende::Client {

class CacheDb;
class UnreadMarks;

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
