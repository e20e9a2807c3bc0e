#pragma once
// What a cache file is on disk and how one becomes usable: a file that cannot be read, is
// damaged or truncated, or was written by a newer Atiende is moved aside with the edits of its
// outbox rescued; the connection's settings (WAL, durability); the numbered schema steps; and
// the secondary indexes a first snapshot drops while it fills an empty cache and builds once at
// the end (every open makes sure they exist).

#include "outbox.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Atiende::Client {

class CacheDb;

// What opening the cache found and did (LocalCache::OpenReport).
struct CacheOpenReport
{
    bool created = false; // a new, empty cache
    bool movedAside = false; // the old file was unreadable or from a newer version
    QString movedTo; // where it went
    QString reason; // why, for the log and the status bar
    int outboxSalvaged = 0; // edits rescued from the old file
};

// The columns a ticket's row derives from its SLA clocks (sla_due, sla_warn, sla_state): the
// clock the queue shows, first response while it runs, then resolution. Written with every
// ticket (ticketrows.h) and filled in by the schema step that added them.
struct SlaColumns
{
    qint64 dueAt = 0;
    qint64 warnAt = 0;
    QString state;
};
SlaColumns slaColumns(const QJsonObject &ticket);

class CacheSchema
{
public:
    static constexpr int kVersion = 3;

    // Looks at the file at path before it is opened: missing (report->created), usable, or
    // not (moved aside, with report saying where and why; the edits of its outbox that can
    // still be read are returned for the fresh cache).
    static QList<OutboxOp> setAsideIfUnusable(const QString &path, CacheOpenReport *report);

    explicit CacheSchema(CacheDb &db);

    // Opens the connection, configures it, brings the schema to kVersion and makes sure every
    // index exists. False with *error on failure.
    bool open(const QString &path, QString *error);

    // A first snapshot into an empty cache: drop the secondary indexes while rows pour in,
    // build them once at the end.
    bool dropIndexes();
    bool buildIndexes();

private:
    bool migrate(QString *error);

    CacheDb &m_db;
};

} // namespace Atiende::Client
