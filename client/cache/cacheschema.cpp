#include "cacheschema.h"

#include "cachedb.h"
#include "cachejson.h"

#include "client/logging.h"

#include "core/domain/timestamp.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <iterator>

namespace Atiende::Client {

using namespace CacheJson;

namespace {

// One function per schema step, each run in its own transaction (see migrate()).
bool migrateTo1(QSqlDatabase &db, QString *error)
{
    const char *statements[] = {
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        // json: what the agent sees (server state with pending local edits on top);
        // server_json: the server's last word (NULL for tickets made offline).
        "CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL, subject TEXT NOT "
        "NULL, status TEXT NOT NULL,"
        " priority TEXT NOT NULL, group_id INTEGER, assignee_id INTEGER, customer_id INTEGER, "
        "organisation_id INTEGER,"
        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT "
        "0, pending INTEGER NOT NULL DEFAULT 0,"
        " search TEXT NOT NULL DEFAULT '', json TEXT NOT NULL, server_json TEXT)",

        "CREATE TABLE articles (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, created_at "
        "INTEGER NOT NULL,"
        " rev INTEGER NOT NULL DEFAULT 0, pending INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL)",

        "CREATE TABLE entities (entity TEXT NOT NULL, id INTEGER NOT NULL, rev INTEGER NOT NULL "
        "DEFAULT 0, name TEXT NOT NULL DEFAULT '',"
        " json TEXT NOT NULL, PRIMARY KEY (entity, id))",
        "CREATE TABLE kb (id INTEGER PRIMARY KEY, audience TEXT NOT NULL, language TEXT NOT NULL, "
        "updated_at INTEGER NOT NULL,"
        " rev INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL)",
        "CREATE VIRTUAL TABLE kb_fts USING fts5(title, keywords, body, tokenize = 'unicode61 "
        "remove_diacritics 2')",
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL UNIQUE, "
        "method TEXT NOT NULL,"
        " ticket_id INTEGER NOT NULL DEFAULT 0, params TEXT NOT NULL, created_at INTEGER NOT NULL, "
        "attempts INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX outbox_ticket ON outbox (ticket_id)",
        "CREATE TABLE conflicts (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, field TEXT "
        "NOT NULL, yours TEXT, theirs TEXT,"
        " message TEXT NOT NULL DEFAULT '', code INTEGER NOT NULL DEFAULT 0, created_at INTEGER "
        "NOT NULL)",
        "INSERT INTO meta (key, value) VALUES ('revision', '0')",
        "INSERT INTO meta (key, value) VALUES ('next_temp_id', '-1')",
    };
    for (const char *sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(QString::fromLatin1(sql))) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

// The secondary indexes live outside the migrations: a first snapshot drops them while it
// fills an empty cache (maintaining six indexes row by row costs more than building them
// once), and every open makes sure they exist, so a snapshot cut short leaves none missing.
const char *const kIndexes[] = {
    "CREATE INDEX IF NOT EXISTS tickets_status_updated ON tickets (status, updated_at)",
    "CREATE INDEX IF NOT EXISTS tickets_updated ON tickets (updated_at)",
    "CREATE INDEX IF NOT EXISTS tickets_assignee ON tickets (assignee_id)",
    "CREATE INDEX IF NOT EXISTS tickets_group ON tickets (group_id)",
    "CREATE INDEX IF NOT EXISTS tickets_customer ON tickets (customer_id)",
    "CREATE INDEX IF NOT EXISTS tickets_org ON tickets (organisation_id)",
    "CREATE INDEX IF NOT EXISTS articles_ticket ON articles (ticket_id, id)",
    "CREATE INDEX IF NOT EXISTS tickets_number ON tickets (number)",
};
const char *const kIndexNames[] = { "tickets_status_updated", "tickets_updated", "tickets_assignee",
    "tickets_group", "tickets_customer", "tickets_org", "articles_ticket", "tickets_number" };

// Schema 2: what the queue view reads without parsing JSON, what the agent has seen, and
// drafts. Everything a cache held before the upgrade counts as read.
bool migrateTo2(QSqlDatabase &db, QString *error)
{
    const char *const statements[] = {
        "ALTER TABLE tickets ADD COLUMN type TEXT NOT NULL DEFAULT 'incident'",
        "ALTER TABLE tickets ADD COLUMN category_id INTEGER",
        "ALTER TABLE tickets ADD COLUMN sla_due INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tickets ADD COLUMN sla_warn INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tickets ADD COLUMN sla_state TEXT NOT NULL DEFAULT ''",
        // The last time someone other than the agent did something worth a look.
        "ALTER TABLE tickets ADD COLUMN activity_at INTEGER NOT NULL DEFAULT 0",
        "CREATE TABLE seen (ticket_id INTEGER PRIMARY KEY, seen_at INTEGER NOT NULL)",
        "CREATE TABLE drafts (ticket_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT "
        "NULL, updated_at INTEGER NOT NULL)",
    };
    QSqlQuery q(db);
    for (const char *sql : statements) {
        if (!q.exec(QString::fromLatin1(sql))) {
            *error = q.lastError().text();
            return false;
        }
    }
    QSqlQuery read(db);
    read.setForwardOnly(true);
    QSqlQuery write(db);
    if (!read.exec(QStringLiteral("SELECT id, json FROM tickets"))
        || !write.prepare(QStringLiteral("UPDATE tickets SET type = ?, category_id = ?, sla_due = "
                                         "?, sla_warn = ?, sla_state = ? WHERE id = ?"))) {
        *error = read.lastError().text() + write.lastError().text();
        return false;
    }
    while (read.next()) {
        const QJsonObject t = toObject(read.value(1).toString());
        const SlaColumns sla = slaColumns(t);
        write.addBindValue(t.value(QStringLiteral("type")).toString(QStringLiteral("incident")));
        write.addBindValue(nullable(idOf(t, QStringLiteral("categoryId"))));
        write.addBindValue(sla.dueAt);
        write.addBindValue(sla.warnAt);
        write.addBindValue(sla.state.isNull() ? QString(QLatin1String("")) : sla.state);
        write.addBindValue(read.value(0));
        if (!write.exec()) {
            *error = write.lastError().text();
            return false;
        }
    }
    if (!q.exec(QStringLiteral(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('seen_baseline', '%1')")
                    .arg(Core::Timestamp::now()))) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

// Schema 3: files on tickets. The copies this computer holds (the bytes are in a folder beside
// the cache, by content), the agent's uploads, and the files a draft carries.
bool migrateTo3(QSqlDatabase &db, QString *error)
{
    const char *const statements[] = {
        "CREATE TABLE files (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT "
        "NULL DEFAULT '', last_used INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0,"
        " modified_at INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX files_last_used ON files (last_used)",
        // state: sending, complete or failed; op_id: the outbox op of the reply or note that
        // carries it (NULL while the agent is still writing it).
        "CREATE TABLE uploads (upload_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, name TEXT NOT "
        "NULL, size INTEGER NOT NULL, media_type TEXT NOT NULL DEFAULT '', received INTEGER NOT "
        "NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'sending', op_id TEXT, created_at INTEGER NOT "
        "NULL)",
        "CREATE INDEX uploads_sha256 ON uploads (sha256)",
        "CREATE INDEX uploads_op ON uploads (op_id)",
        "ALTER TABLE drafts ADD COLUMN files TEXT NOT NULL DEFAULT '[]'",
    };
    QSqlQuery q(db);
    for (const char *sql : statements) {
        if (!q.exec(QString::fromLatin1(sql))) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

using MigrationStep = bool (*)(QSqlDatabase &, QString *);
const MigrationStep kSteps[] = { migrateTo1, migrateTo2, migrateTo3 };
static_assert(std::size(kSteps) == CacheSchema::kVersion, "one step per schema version");

// ---------------------------------------------------------------------------------------------
// Surviving a file we cannot use.

enum class FileState { Missing, Usable, Newer, Broken };

FileState inspect(const QString &path, QString *why)
{
    if (!QFileInfo::exists(path))
        return FileState::Missing;
    const QString name = CacheDb::connectionName(QStringLiteral("atiende-cache-inspect"));
    FileState state = FileState::Usable;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (!db.open() || !q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            *why = QStringLiteral("the cache file cannot be read (%1)")
                       .arg(db.lastError().text().isEmpty() ? q.lastError().text()
                                                            : db.lastError().text());
            state = FileState::Broken;
        } else {
            const int version = q.value(0).toInt();
            q.finish();
            QSqlQuery size(db);
            qint64 pages = 0, pageSize = 0;
            if (size.exec(QStringLiteral("PRAGMA page_count")) && size.next())
                pages = size.value(0).toLongLong();
            if (size.exec(QStringLiteral("PRAGMA page_size")) && size.next())
                pageSize = size.value(0).toLongLong();
            QSqlQuery meta(db);
            const bool hasWal = QFileInfo::exists(path + QStringLiteral("-wal"));
            if (version > CacheSchema::kVersion) {
                *why = QStringLiteral(
                    "the cache was written by a newer Atiende (schema %1, this one knows %2)")
                           .arg(version)
                           .arg(CacheSchema::kVersion);
                state = FileState::Newer;
            } else if (!hasWal && pages * pageSize > QFileInfo(path).size()) {
                *why = QStringLiteral("the cache file is truncated (%1 of %2 bytes)")
                           .arg(QFileInfo(path).size())
                           .arg(pages * pageSize);
                state = FileState::Broken;
            } else if (version > 0
                && (!meta.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
                    || !meta.next())) {
                *why
                    = QStringLiteral("the cache file is damaged (%1)").arg(meta.lastError().text());
                state = FileState::Broken;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return state;
}

// Reads whatever outbox rows can still be read from a file we are giving up on.
QList<OutboxOp> salvageOutbox(const QString &path)
{
    QList<OutboxOp> ops;
    const QString name = CacheDb::connectionName(QStringLiteral("atiende-cache-salvage"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral(
                    "SELECT op_id, method, params, created_at FROM outbox ORDER BY seq"))) {
                while (q.next()) {
                    OutboxOp op;
                    op.opId = q.value(0).toString();
                    op.method = q.value(1).toString();
                    op.params = toObject(q.value(2).toString());
                    op.createdAt = q.value(3).toLongLong();
                    if (!op.opId.isEmpty() && !op.method.isEmpty())
                        ops << op;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ops;
}

} // namespace

SlaColumns slaColumns(const QJsonObject &ticket)
{
    const QJsonObject sla = ticket.value(QStringLiteral("sla")).toObject();
    if (sla.isEmpty())
        return {};
    auto stopped = [](const QJsonObject &clock) {
        return Core::Timestamp::fromJson(clock.value(QStringLiteral("stoppedAt"))) > 0;
    };
    auto hasTarget = [](const QJsonObject &clock) {
        return clock.value(QStringLiteral("targetMs")).toDouble() > 0;
    };
    const QJsonObject first = sla.value(QStringLiteral("firstResponse")).toObject();
    const QJsonObject resolution = sla.value(QStringLiteral("resolution")).toObject();
    const QJsonObject &counting = hasTarget(first) && !stopped(first) ? first : resolution;
    SlaColumns c;
    c.state = counting.value(QStringLiteral("state")).toString();
    if (!stopped(counting) && !counting.value(QStringLiteral("paused")).toBool()) {
        c.dueAt
            = qMax<qint64>(0, Core::Timestamp::fromJson(counting.value(QStringLiteral("dueAt"))));
        c.warnAt
            = qMax<qint64>(0, Core::Timestamp::fromJson(counting.value(QStringLiteral("warnAt"))));
    }
    return c;
}

QList<OutboxOp> CacheSchema::setAsideIfUnusable(const QString &path, CacheOpenReport *r)
{
    QList<OutboxOp> rescued;
    QString why;
    const FileState state = inspect(path, &why);
    if (state == FileState::Missing)
        r->created = true;
    if (state == FileState::Newer || state == FileState::Broken) {
        rescued = salvageOutbox(path);
        r->movedAside = true;
        r->reason = why;
        r->movedTo = path + QStringLiteral(".unusable-")
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        for (const QString &suffix :
            { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
            if (QFileInfo::exists(path + suffix)
                && !QFile::rename(path + suffix, r->movedTo + suffix))
                QFile::remove(path + suffix);
        }
        r->created = true;
        qCWarning(lcCache).noquote() << "moved the cache aside to" << r->movedTo << "because" << why
                                     << "- rescued" << rescued.size() << "unsent edits";
    }
    return rescued;
}

CacheSchema::CacheSchema(CacheDb &db)
    : m_db(db)
{
}

bool CacheSchema::open(const QString &path, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!m_db.db().open()) {
        *error = QStringLiteral("cannot open the cache %1: %2")
                     .arg(path, m_db.db().lastError().text());
        return false;
    }
    // WAL for readers beside the writer; FULL so an edit in the outbox survives a power cut.
    // NORMAL by default: what the server sent can be fetched again after a power cut. The
    // agent's own edits commit with FULL (CacheDb::beginEdit), which also makes everything
    // written before them durable.
    for (const char *pragma :
        { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=OFF",
            "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-32000", "PRAGMA temp_store=MEMORY" }) {
        if (!m_db.exec(QString::fromLatin1(pragma))) {
            *error = QStringLiteral("cannot use the cache %1: %2")
                         .arg(path, m_db.db().lastError().text());
            return false;
        }
    }
    if (!migrate(error) || !buildIndexes()) {
        if (error->isEmpty())
            *error = QStringLiteral("cannot index the cache %1").arg(path);
        return false;
    }
    return true;
}

bool CacheSchema::migrate(QString *error)
{
    QSqlDatabase &db = m_db.db();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    const int current = q.value(0).toInt();
    q.finish();
    for (int v = current; v < kVersion; ++v) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        QString stepError;
        QSqlQuery setVersion(db);
        if (!kSteps[v](db, &stepError)
            || !setVersion.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1))
            || !db.commit()) {
            db.rollback();
            *error = QStringLiteral("cache migration to %1 failed: %2")
                         .arg(v + 1)
                         .arg(stepError.isEmpty() ? db.lastError().text() : stepError);
            return false;
        }
    }
    return true;
}

bool CacheSchema::dropIndexes()
{
    m_db.clear(); // prepared statements may refer to the indexes
    for (const char *name : kIndexNames) {
        if (!m_db.exec(QStringLiteral("DROP INDEX IF EXISTS %1")
                           .arg(QLatin1String(name)))) // our own names
            return false;
    }
    return true;
}

bool CacheSchema::buildIndexes()
{
    m_db.clear();
    for (const char *sql : kIndexes) {
        if (!m_db.exec(QString::fromLatin1(sql)))
            return false;
    }
    return true;
}

} // namespace Atiende::Client
