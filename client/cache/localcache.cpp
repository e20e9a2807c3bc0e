#include "localcache.h"

#include "client/logging.h"

#include "core/domain/timestamp.h"
#include "core/search/ftsquery.h"
#include "core/text/fold.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <limits>

namespace Atiende::Client {

namespace {

QAtomicInteger<quint64> s_connections;

QString toText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
QJsonObject toObject(const QString &s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}
qint64 idOf(const QJsonObject &o, const QString &key = QStringLiteral("id"))
{
    return qint64(o.value(key).toDouble());
}
QVariant nullable(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

using Core::Text::fold;

QString likePattern(const QString &text)
{
    QString s = fold(text.trimmed());
    s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + s + QLatin1Char('%');
}

// A null QString would bind as SQL NULL; text columns want '' for "nothing".
void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i, QString(QLatin1String("")));
        else
            q.bindValue(i, v);
    }
}

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

// The SLA clock the queue shows: first response while it runs, then resolution.
struct SlaColumns
{
    qint64 dueAt = 0;
    qint64 warnAt = 0;
    QString state;
};

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

using MigrationStep = bool (*)(QSqlDatabase &, QString *);
const MigrationStep kSteps[] = { migrateTo1, migrateTo2 };

} // namespace

void CacheDelta::merge(const CacheDelta &o)
{
    tickets += o.tickets;
    removedTickets += o.removedTickets;
    articleTickets += o.articleTickets;
    directory += o.directory;
    kb = kb || o.kb;
    conflicts = conflicts || o.conflicts;
    outbox = outbox || o.outbox;
}

QList<qint64> OutboxOp::dependsOn() const
{
    QList<qint64> ids;
    for (const char *key : { "id", "ticketId" }) {
        const qint64 v = qint64(params.value(QLatin1String(key)).toDouble());
        if (v < 0)
            ids << v;
    }
    return ids;
}

// ---------------------------------------------------------------------------------------------
// Opening, and surviving a file we cannot use.

namespace {

enum class FileState { Missing, Usable, Newer, Broken };

FileState inspect(const QString &path, QString *why)
{
    if (!QFileInfo::exists(path))
        return FileState::Missing;
    const QString name
        = QStringLiteral("atiende-cache-inspect-%1").arg(s_connections.fetchAndAddRelaxed(1));
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
            if (version > LocalCache::kSchemaVersion) {
                *why = QStringLiteral(
                    "the cache was written by a newer Atiende (schema %1, this one knows %2)")
                           .arg(version)
                           .arg(LocalCache::kSchemaVersion);
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
    const QString name
        = QStringLiteral("atiende-cache-salvage-%1").arg(s_connections.fetchAndAddRelaxed(1));
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

std::unique_ptr<LocalCache> LocalCache::open(
    const QString &path, OpenReport *report, QString *error)
{
    OpenReport r;
    QList<OutboxOp> rescued;
    QString why;
    const FileState state = inspect(path, &why);
    if (state == FileState::Missing)
        r.created = true;
    if (state == FileState::Newer || state == FileState::Broken) {
        rescued = salvageOutbox(path);
        r.movedAside = true;
        r.reason = why;
        r.movedTo = path + QStringLiteral(".unusable-")
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        for (const QString &suffix :
            { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
            if (QFileInfo::exists(path + suffix)
                && !QFile::rename(path + suffix, r.movedTo + suffix))
                QFile::remove(path + suffix);
        }
        r.created = true;
        qCWarning(lcCache).noquote() << "moved the cache aside to" << r.movedTo << "because" << why
                                     << "- rescued" << rescued.size() << "unsent edits";
    }
    QDir().mkpath(QFileInfo(path).absolutePath());

    std::unique_ptr<LocalCache> cache(new LocalCache);
    cache->m_path = path;
    cache->m_connection
        = QStringLiteral("atiende-cache-%1").arg(s_connections.fetchAndAddRelaxed(1));
    cache->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), cache->m_connection);
    cache->m_db.setDatabaseName(path);
    if (!cache->m_db.open()) {
        *error = QStringLiteral("cannot open the cache %1: %2")
                     .arg(path, cache->m_db.lastError().text());
        return nullptr;
    }
    // WAL for readers beside the writer; FULL so an edit in the outbox survives a power cut.
    // NORMAL by default: what the server sent can be fetched again after a power cut. The
    // agent's own edits commit with FULL (beginEdit), which also makes everything written
    // before them durable.
    for (const char *pragma :
        { "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=OFF",
            "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-32000", "PRAGMA temp_store=MEMORY" }) {
        if (!cache->exec(QString::fromLatin1(pragma))) {
            *error = QStringLiteral("cannot use the cache %1: %2")
                         .arg(path, cache->m_db.lastError().text());
            return nullptr;
        }
    }
    if (!cache->migrate(error) || !cache->endBulkLoad()) {
        if (error->isEmpty())
            *error = QStringLiteral("cannot index the cache %1").arg(path);
        return nullptr;
    }
    for (const OutboxOp &op : std::as_const(rescued)) {
        const qint64 ticketId = qint64(
            op.params
                .value(op.method == QLatin1String("tickets.create")    ? QStringLiteral("tempId")
                        : op.method == QLatin1String("tickets.update") ? QStringLiteral("id")
                                                                       : QStringLiteral("ticketId"))
                .toDouble());
        if (cache->exec(QStringLiteral("INSERT OR IGNORE INTO outbox (op_id, method, ticket_id, "
                                       "params, created_at) VALUES (?, ?, ?, ?, ?)"),
                { op.opId, op.method, ticketId, toText(op.params), op.createdAt }))
            ++r.outboxSalvaged;
    }
    if (!rescued.isEmpty()) {
        // Temporary ids in rescued edits must not collide with new ones.
        qint64 lowest = -1;
        for (const OutboxOp &op : std::as_const(rescued)) {
            for (qint64 id : op.dependsOn())
                lowest = qMin(lowest, id);
            lowest = qMin(lowest, qint64(op.params.value(QStringLiteral("tempId")).toDouble()));
        }
        cache->setMeta(QStringLiteral("next_temp_id"), QString::number(lowest - 1));
    }
    if (report)
        *report = r;
    return cache;
}

LocalCache::~LocalCache()
{
    m_statements.clear(); // statements before their connection
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

bool LocalCache::migrate(QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    const int current = q.value(0).toInt();
    q.finish();
    for (int v = current; v < kSchemaVersion; ++v) {
        if (!m_db.transaction()) {
            *error = m_db.lastError().text();
            return false;
        }
        QString stepError;
        QSqlQuery setVersion(m_db);
        if (!kSteps[v](m_db, &stepError)
            || !setVersion.exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1))
            || !m_db.commit()) {
            m_db.rollback();
            *error = QStringLiteral("cache migration to %1 failed: %2")
                         .arg(v + 1)
                         .arg(stepError.isEmpty() ? m_db.lastError().text() : stepError);
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Small SQL helpers.

QSqlQuery *LocalCache::run(const QString &sql, const QVariantList &values)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            qCWarning(lcCache) << "cache statement failed to prepare:" << sql
                               << q.lastError().text();
            return nullptr;
        }
        it = m_statements.insert(sql, q);
    } else {
        it->finish();
    }
    bindAll(*it, values);
    if (!it->exec()) {
        qCWarning(lcCache) << "cache statement failed:" << sql << it->lastError().text();
        return nullptr;
    }
    return &*it;
}

bool LocalCache::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (q)
        q->finish();
    return q != nullptr;
}

QVariant LocalCache::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (!q || !q->next())
        return {};
    const QVariant v = q->value(0);
    q->finish();
    return v;
}

int LocalCache::changedRows(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (!q)
        return -1;
    const int n = q->numRowsAffected();
    q->finish();
    return n;
}

QString LocalCache::nameOf(const QString &kind, qint64 id)
{
    if (!id)
        return QString();
    return names(kind).value(id);
}

const QHash<qint64, QString> &LocalCache::names(const QString &kind)
{
    auto names = m_names.find(kind);
    if (names == m_names.end()) {
        names = m_names.insert(kind, {});
        if (QSqlQuery *q
            = run(QStringLiteral("SELECT id, name FROM entities WHERE entity = ?"), { kind })) {
            while (q->next())
                names->insert(q->value(0).toLongLong(), q->value(1).toString());
            q->finish();
        }
    }
    return *names;
}

bool LocalCache::begin()
{
    return m_db.transaction();
}
bool LocalCache::commit()
{
    const bool ok = m_db.commit();
    if (m_durable) {
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        m_durable = false;
    }
    return ok;
}
void LocalCache::rollback()
{
    m_db.rollback();
    if (m_durable) {
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        m_durable = false;
    }
}

bool LocalCache::beginEdit()
{
    // An edit the agent made must survive a power cut the moment it shows on screen.
    m_durable = exec(QStringLiteral("PRAGMA synchronous=FULL"));
    return begin();
}

qint64 LocalCache::revision()
{
    return scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
        .toString()
        .toLongLong();
}

bool LocalCache::setRevision(qint64 revision)
{
    return setMeta(QStringLiteral("revision"), QString::number(revision));
}

QString LocalCache::meta(const QString &key)
{
    return scalar(QStringLiteral("SELECT value FROM meta WHERE key = ?"), { key }).toString();
}

bool LocalCache::setMeta(const QString &key, const QString &value)
{
    return exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                               "UPDATE SET value = excluded.value"),
        { key, value });
}

qint64 LocalCache::nextTempId()
{
    const qint64 id = meta(QStringLiteral("next_temp_id")).toLongLong();
    setMeta(QStringLiteral("next_temp_id"), QString::number(id - 1));
    return id;
}

// ---------------------------------------------------------------------------------------------
// Server changes.

bool LocalCache::upsertTicket(const QJsonObject &t, qint64 rev, bool pending)
{
    return upsertTicketIfNewer(t, rev, pending, false) >= 0;
}

int LocalCache::upsertTicketIfNewer(
    const QJsonObject &t, qint64 rev, bool pending, bool onlyIfNewer)
{
    if (idOf(t) == 0) {
        qCWarning(lcCache) << "refusing to store a ticket without an id";
        return -1;
    }
    const qint64 customer = idOf(t, QStringLiteral("customerId"));
    const qint64 org = idOf(t, QStringLiteral("organisationId"));
    const QString search = fold(t.value(QStringLiteral("number")).toString() + QLatin1Char(' ')
        + t.value(QStringLiteral("subject")).toString() + QLatin1Char(' ')
        + nameOf(QStringLiteral("customer"), customer) + QLatin1Char(' ')
        + nameOf(QStringLiteral("organisation"), org));
    const qint64 created = Core::Timestamp::fromJson(t.value(QStringLiteral("createdAt")));
    const qint64 updated = Core::Timestamp::fromJson(t.value(QStringLiteral("updatedAt")));
    const QString json = toText(t);
    const SlaColumns sla = slaColumns(t);
    // A ticket someone else made is news to the agent (until they open it).
    const qint64 activity = idOf(t, QStringLiteral("createdBy")) != m_ownAgent || m_ownAgent == 0
        ? qMax<qint64>(0, created)
        : 0;
    // Server changes land only when newer than what the cache holds (a push may overtake
    // the pull that was running): one statement decides and writes.
    return changedRows(
        QStringLiteral("INSERT INTO tickets (id, number, subject, status, priority, group_id, "
                       "assignee_id, customer_id, organisation_id,"
                       " created_at, updated_at, rev, pending, search, json, server_json, type, "
                       "category_id, sla_due, sla_warn,"
                       " sla_state, activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET number = excluded.number, subject = "
                       "excluded.subject, status = excluded.status,"
                       " priority = excluded.priority, group_id = excluded.group_id, assignee_id = "
                       "excluded.assignee_id,"
                       " customer_id = excluded.customer_id, organisation_id = "
                       "excluded.organisation_id, created_at = excluded.created_at,"
                       " updated_at = excluded.updated_at, rev = MAX(tickets.rev, excluded.rev), "
                       "pending = excluded.pending,"
                       " search = excluded.search, json = excluded.json,"
                       " server_json = COALESCE(excluded.server_json, tickets.server_json), type = "
                       "excluded.type,"
                       " category_id = excluded.category_id, sla_due = excluded.sla_due, sla_warn "
                       "= excluded.sla_warn,"
                       " sla_state = excluded.sla_state, activity_at = MAX(tickets.activity_at, "
                       "excluded.activity_at)"
                       " WHERE ? = 0 OR tickets.rev = 0 OR excluded.rev > tickets.rev"),
        { idOf(t), t.value(QStringLiteral("number")).toString(),
            t.value(QStringLiteral("subject")).toString(),
            t.value(QStringLiteral("status")).toString(),
            t.value(QStringLiteral("priority")).toString(),
            nullable(idOf(t, QStringLiteral("groupId"))),
            nullable(idOf(t, QStringLiteral("assigneeId"))), nullable(customer), nullable(org),
            qMax<qint64>(0, created), qMax<qint64>(0, updated), rev, pending ? 1 : 0, search, json,
            pending ? QVariant() : QVariant(json), // invalid QVariant: SQL NULL
            t.value(QStringLiteral("type")).toString(QStringLiteral("incident")),
            nullable(idOf(t, QStringLiteral("categoryId"))), sla.dueAt, sla.warnAt, sla.state,
            activity, onlyIfNewer ? 1 : 0 });
}

bool LocalCache::upsertArticle(const QJsonObject &a, qint64 rev, bool pending)
{
    return upsertArticleIfNewer(a, rev, pending, false) >= 0;
}

int LocalCache::upsertArticleIfNewer(
    const QJsonObject &a, qint64 rev, bool pending, bool onlyIfNewer)
{
    const qint64 ticketId = idOf(a, QStringLiteral("ticketId"));
    const qint64 created
        = qMax<qint64>(0, Core::Timestamp::fromJson(a.value(QStringLiteral("createdAt"))));
    const int written = changedRows(
        QStringLiteral("INSERT INTO articles (id, ticket_id, created_at, rev, pending, json) "
                       "VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, created_at "
                       "= excluded.created_at,"
                       " rev = MAX(articles.rev, excluded.rev), pending = excluded.pending, json = "
                       "excluded.json"
                       " WHERE ? = 0 OR articles.rev = 0 OR excluded.rev > articles.rev"),
        { idOf(a), ticketId, created, rev, pending ? 1 : 0, toText(a), onlyIfNewer ? 1 : 0 });
    // A reply or note by someone else, newer than anything the agent could have read, makes
    // the ticket unread. (Older entries, such as a first snapshot's, do not.)
    if (written > 0 && !pending && created > seenBaseline()
        && a.value(QStringLiteral("kind")).toString() != QLatin1String("event")
        && (m_ownAgent == 0 || idOf(a, QStringLiteral("authorAgentId")) != m_ownAgent)) {
        if (!exec(
                QStringLiteral("UPDATE tickets SET activity_at = MAX(activity_at, ?) WHERE id = ?"),
                { created, ticketId }))
            return -1;
    }
    return written;
}

qint64 LocalCache::seenBaseline()
{
    if (m_seenBaseline < 0)
        m_seenBaseline = meta(QStringLiteral("seen_baseline")).toLongLong();
    return m_seenBaseline;
}

bool LocalCache::removeTicket(qint64 id)
{
    return exec(QStringLiteral("DELETE FROM articles WHERE ticket_id = ?"), { id })
        && exec(QStringLiteral("DELETE FROM tickets WHERE id = ?"), { id });
}

QJsonObject LocalCache::applyFields(QJsonObject t, const QJsonObject &fields) const
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

void LocalCache::reapplyPending(qint64 ticketId)
{
    // The agent's unsent edits stay visible on top of whatever the server says; an
    // escalation moves nothing here but keeps the ticket marked pending until answered.
    QSqlQuery q(m_db);
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
    const QVariant base = scalar(
        QStringLiteral("SELECT COALESCE(NULLIF(server_json, ''), json) FROM tickets WHERE id = ?"),
        { ticketId });
    if (!base.isValid())
        return;
    QJsonObject t = toObject(base.toString());
    for (const QJsonObject &f : std::as_const(fields))
        t = applyFields(t, f);
    const qint64 rev
        = scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { ticketId }).toLongLong();
    upsertTicket(t, rev, !fields.isEmpty() || escalating || ticketId < 0);
}

bool LocalCache::applyChanges(const QJsonArray &changes, qint64 revision, CacheDelta *delta)
{
    if (!begin())
        return false;
    // Tickets with unsent field edits (or an escalation), whose edits must stay on top of
    // what arrives.
    QSet<qint64> withPendingEdits;
    if (QSqlQuery *q = run(QStringLiteral("SELECT DISTINCT ticket_id FROM outbox WHERE method IN "
                                          "('tickets.update', 'tickets.escalate')"))) {
        while (q->next())
            withPendingEdits.insert(q->value(0).toLongLong());
        q->finish();
    }
    QSet<qint64> toReapply;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        const QString entity = c.value(QStringLiteral("entity")).toString();
        const qint64 id = idOf(c);
        const qint64 rev = qint64(c.value(QStringLiteral("rev")).toDouble());
        const bool upsert = c.value(QStringLiteral("op")).toString() == QLatin1String("upsert");
        const QJsonObject data = c.value(QStringLiteral("data")).toObject();
        int written = 0;
        if (entity == QLatin1String("ticket")) {
            if (upsert) {
                written = upsertTicketIfNewer(data, rev, false, true);
                if (written > 0) {
                    delta->tickets.insert(id);
                    if (withPendingEdits.contains(id))
                        toReapply.insert(id);
                }
            } else if (scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { id })
                           .toLongLong()
                < rev) {
                // Hidden or deleted: the ticket leaves with its conversation.
                written = removeTicket(id) ? 1 : -1;
                delta->removedTickets.insert(id);
            }
        } else if (entity == QLatin1String("article")) {
            if (upsert) {
                written = upsertArticleIfNewer(data, rev, false, true);
                if (written > 0)
                    delta->articleTickets.insert(idOf(data, QStringLiteral("ticketId")));
            } else {
                written = changedRows(
                    QStringLiteral("DELETE FROM articles WHERE id = ? AND rev < ?"), { id, rev });
            }
        } else if (entity == QLatin1String("kb")) {
            const QVariant held = scalar(QStringLiteral("SELECT rev FROM kb WHERE id = ?"), { id });
            if (held.isValid() && held.toLongLong() >= rev)
                continue;
            bool ok = exec(QStringLiteral("DELETE FROM kb_fts WHERE rowid = ?"), { id })
                && exec(QStringLiteral("DELETE FROM kb WHERE id = ?"), { id });
            if (ok && upsert) {
                QStringList keywords;
                for (const QJsonValue &k : data.value(QStringLiteral("keywords")).toArray())
                    keywords << k.toString();
                ok = exec(QStringLiteral("INSERT INTO kb (id, audience, language, updated_at, rev, "
                                         "json) VALUES (?, ?, ?, ?, ?, ?)"),
                         { id, data.value(QStringLiteral("audience")).toString(),
                             data.value(QStringLiteral("language")).toString(),
                             qMax<qint64>(0,
                                 Core::Timestamp::fromJson(
                                     data.value(QStringLiteral("updatedAt")))),
                             rev, toText(data) })
                    && exec(QStringLiteral("INSERT INTO kb_fts (rowid, title, keywords, body) "
                                           "VALUES (?, ?, ?, ?)"),
                        { id, data.value(QStringLiteral("title")).toString(),
                            keywords.join(QLatin1Char(' ')),
                            data.value(QStringLiteral("body")).toString() });
            }
            written = ok ? 1 : -1;
            delta->kb = true;
        } else if (!entity.isEmpty()) {
            if (upsert) {
                written = changedRows(
                    QStringLiteral("INSERT INTO entities (entity, id, rev, name, json) VALUES (?, "
                                   "?, ?, ?, ?) ON CONFLICT (entity, id) DO UPDATE"
                                   " SET rev = excluded.rev, name = excluded.name, json = "
                                   "excluded.json WHERE excluded.rev > entities.rev"),
                    { entity, id, rev, data.value(QStringLiteral("name")).toString(),
                        toText(data) });
                if (written > 0 && m_names.contains(entity))
                    m_names[entity].insert(id, data.value(QStringLiteral("name")).toString());
            } else {
                written = changedRows(
                    QStringLiteral("DELETE FROM entities WHERE entity = ? AND id = ? AND rev < ?"),
                    { entity, id, rev });
                if (m_names.contains(entity))
                    m_names[entity].remove(id);
            }
            if (written > 0)
                delta->directory.insert(entity);
        }
        if (written < 0) {
            rollback();
            m_names.clear(); // the in-memory copy may hold names the rollback undid
            return false;
        }
    }
    for (qint64 id : std::as_const(toReapply))
        reapplyPending(id);
    if (revision > 0 && !setRevision(revision)) {
        rollback();
        return false;
    }
    return commit();
}

bool LocalCache::storeFetchedTicket(
    const QJsonObject &ticket, const QJsonArray &articles, qint64 rev, CacheDelta *delta)
{
    const qint64 id = idOf(ticket);
    if (id <= 0 || !begin())
        return false;
    // Under the rule sync follows: written only where the cache holds nothing as new, so a
    // push that overtook this answer is not undone, and later changes (greater revs) apply.
    // The conversation is stored under the ticket's rev: every entry of it changed with the
    // ticket, at that revision or before, and the answer was read after rev (see tickets.get).
    int written = upsertTicketIfNewer(ticket, rev, false, true);
    if (written > 0)
        delta->tickets.insert(id);
    for (const QJsonValue &v : articles) {
        const int a = written < 0 ? -1 : upsertArticleIfNewer(v.toObject(), rev, false, true);
        if (a < 0) {
            written = -1;
            break;
        }
        if (a > 0)
            delta->articleTickets.insert(id);
    }
    if (written < 0) {
        rollback();
        return false;
    }
    if (scalar(QStringLiteral("SELECT 1 FROM outbox WHERE method IN ('tickets.update', "
                              "'tickets.escalate') AND ticket_id = ? LIMIT 1"),
            { id })
            .isValid())
        reapplyPending(id);
    return commit();
}

bool LocalCache::forgetTicket(qint64 id, CacheDelta *delta)
{
    if (!holdsTicket(id) || !begin())
        return false;
    if (!removeTicket(id)) {
        rollback();
        return false;
    }
    if (!commit())
        return false;
    delta->removedTickets.insert(id);
    return true;
}

bool LocalCache::holdsTicket(qint64 id)
{
    return scalar(QStringLiteral("SELECT 1 FROM tickets WHERE id = ?"), { id }).isValid();
}

qint64 LocalCache::ticketIdByNumber(const QString &number)
{
    return scalar(QStringLiteral("SELECT id FROM tickets WHERE number = ?"), { number })
        .toLongLong();
}

bool LocalCache::beginBulkLoad()
{
    m_statements.clear(); // prepared statements may refer to the indexes
    for (const char *name : kIndexNames) {
        if (!exec(QStringLiteral("DROP INDEX IF EXISTS %1")
                      .arg(QLatin1String(name)))) // our own names
            return false;
    }
    return true;
}

bool LocalCache::endBulkLoad()
{
    m_statements.clear();
    for (const char *sql : kIndexes) {
        if (!exec(QString::fromLatin1(sql)))
            return false;
    }
    return true;
}

bool LocalCache::clearServerData()
{
    m_names.clear();
    if (!begin())
        return false;
    const bool ok = exec(QStringLiteral("DELETE FROM tickets WHERE id > 0"))
        && exec(QStringLiteral("DELETE FROM articles WHERE id > 0"))
        && exec(QStringLiteral("DELETE FROM entities")) && exec(QStringLiteral("DELETE FROM kb"))
        && exec(QStringLiteral("DELETE FROM kb_fts")) && setRevision(0)
        && setMeta(QStringLiteral("seen_baseline"), QString::number(Core::Timestamp::now()));
    m_seenBaseline = -1;
    if (!ok) {
        rollback();
        return false;
    }
    return commit();
}

// ---------------------------------------------------------------------------------------------
// Edits.

QString LocalCache::createTicket(
    const QJsonObject &params, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    if (!beginEdit())
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
    if (const auto c
        = entity(QStringLiteral("customer"), idOf(params, QStringLiteral("customerId"))))
        t.insert(QStringLiteral("organisationId"), c->value(QStringLiteral("organisationId")));
    t = applyFields(t, {});
    bool ok = upsertTicket(t, 0, true)
        && exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, created_at) "
                               "VALUES (?, 'tickets.create', ?, ?, ?)"),
            { opId, id, toText(p), now });
    const QString description = params.value(QStringLiteral("description")).toString();
    if (ok && !description.trimmed().isEmpty()) {
        const qint64 articleId = qint64(p.value(QStringLiteral("descriptionTempId")).toDouble());
        ok = upsertArticle(
            { { QStringLiteral("id"), double(articleId) },
                { QStringLiteral("ticketId"), double(id) },
                { QStringLiteral("kind"), QStringLiteral("reply") },
                { QStringLiteral("authorCustomerId"), params.value(QStringLiteral("customerId")) },
                { QStringLiteral("body"), description },
                { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) } },
            0, true);
    }
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    *tempId = id;
    delta->tickets.insert(id);
    delta->articleTickets.insert(id);
    delta->outbox = true;
    return opId;
}

QString LocalCache::updateTicket(
    qint64 ticketId, const QJsonObject &fields, qint64 now, CacheDelta *delta)
{
    const std::optional<QJsonObject> t = ticket(ticketId);
    if (!t || !beginEdit())
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
    const bool ok = exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                        "created_at) VALUES (?, 'tickets.update', ?, ?, ?)"),
                        { opId, ticketId, toText(params), now })
        && upsertTicket(shown,
            scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { ticketId })
                .toLongLong(),
            true);
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    delta->tickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QString LocalCache::addArticle(qint64 ticketId, const QString &kind, const QString &body,
    qint64 authorId, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    if (!ticket(ticketId) || !beginEdit())
        return QString();
    const qint64 id = nextTempId();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject params { { QStringLiteral("ticketId"), double(ticketId) },
        { QStringLiteral("kind"), kind }, { QStringLiteral("body"), body },
        { QStringLiteral("opId"), opId }, { QStringLiteral("tempId"), double(id) } };
    const QJsonObject a { { QStringLiteral("id"), double(id) },
        { QStringLiteral("ticketId"), double(ticketId) }, { QStringLiteral("kind"), kind },
        { QStringLiteral("authorAgentId"), double(authorId) },
        { QStringLiteral("authorCustomerId"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("body"), body },
        { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) } };
    const bool ok = upsertArticle(a, 0, true)
        && exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, created_at) "
                               "VALUES (?, 'tickets.addArticle', ?, ?, ?)"),
            { opId, ticketId, toText(params), now });
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    *tempId = id;
    delta->articleTickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QString LocalCache::escalate(
    qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta)
{
    if (!ticket(ticketId) || !beginEdit())
        return QString();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject p = params;
    p.insert(QStringLiteral("id"), double(ticketId));
    p.insert(QStringLiteral("opId"), opId);
    const bool ok = exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                        "created_at) VALUES (?, 'tickets.escalate', ?, ?, ?)"),
                        { opId, ticketId, toText(p), now })
        && exec(QStringLiteral("UPDATE tickets SET pending = 1 WHERE id = ?"), { ticketId });
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    delta->tickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QList<OutboxOp> LocalCache::outbox(int limit)
{
    QList<OutboxOp> ops;
    QSqlQuery *q = run(QStringLiteral("SELECT seq, op_id, method, params, created_at, attempts "
                                      "FROM outbox ORDER BY seq LIMIT ?"),
        { limit > 0 ? limit : std::numeric_limits<int>::max() });
    if (!q)
        return ops;
    while (q->next())
        ops << OutboxOp { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
            toObject(q->value(3).toString()), q->value(4).toLongLong(), q->value(5).toInt() };
    q->finish();
    return ops;
}

int LocalCache::outboxSize()
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt();
}

bool LocalCache::markAttempt(const QString &opId)
{
    return exec(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1 WHERE op_id = ?"), { opId });
}

bool LocalCache::acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
    const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta)
{
    QSqlQuery find(m_db);
    find.prepare(QStringLiteral("SELECT method, params FROM outbox WHERE op_id = ?"));
    find.addBindValue(opId);
    if (!find.exec() || !find.next())
        return true; // already acknowledged (a duplicate answer): nothing to do
    const QString method = find.value(0).toString();
    const QJsonObject params = toObject(find.value(1).toString());
    find.finish();
    const QJsonObject r = result.toObject();
    const qint64 now = Core::Timestamp::now();
    auto addConflict = [&](qint64 ticketId, const QString &field, const QJsonValue &yours,
                           const QJsonValue &theirs, const QString &message, int code) {
        delta->conflicts = true;
        return exec(QStringLiteral("INSERT INTO conflicts (ticket_id, field, yours, theirs, "
                                   "message, code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            { ticketId, field, toText(QJsonObject { { QStringLiteral("v"), yours } }),
                toText(QJsonObject { { QStringLiteral("v"), theirs } }), message, code, now });
    };
    // Keeps the server's ticket unless the cache already holds a newer version of it.
    auto storeServerTicket = [&](const QJsonObject &t) {
        if (t.isEmpty())
            return true;
        const qint64 id = idOf(t);
        const std::optional<QJsonObject> held = [&]() -> std::optional<QJsonObject> {
            const QVariant s
                = scalar(QStringLiteral("SELECT server_json FROM tickets WHERE id = ?"), { id });
            if (!s.isValid() || s.isNull())
                return std::nullopt;
            return toObject(s.toString());
        }();
        if (held
            && held->value(QStringLiteral("version")).toInt()
                > t.value(QStringLiteral("version")).toInt())
            return true;
        const qint64 rev
            = scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { id }).toLongLong();
        delta->tickets.insert(id);
        return upsertTicket(t, rev, false);
    };

    if (!begin())
        return false;
    bool good = exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), { opId });
    delta->outbox = true;
    if (method == QLatin1String("tickets.create")) {
        const qint64 temp = qint64(params.value(QStringLiteral("tempId")).toDouble());
        // The local stand-ins go; articles the agent added offline stay and follow the ticket.
        good = good && exec(QStringLiteral("DELETE FROM tickets WHERE id = ?"), { temp })
            && exec(QStringLiteral("DELETE FROM articles WHERE id = ?"),
                { qint64(params.value(QStringLiteral("descriptionTempId")).toDouble()) });
        delta->removedTickets.insert(temp);
        if (!ok)
            good = good
                && exec(QStringLiteral("DELETE FROM articles WHERE ticket_id = ?"), { temp });
        if (ok) {
            const QJsonObject t = r.value(QStringLiteral("ticket")).toObject();
            const qint64 real = idOf(t);
            good = good && storeServerTicket(t);
            for (const QJsonValue &a : r.value(QStringLiteral("articles")).toArray())
                good = good && upsertArticle(a.toObject(), 0, false);
            delta->articleTickets.insert(real);
            // Later edits of the ticket made offline now name it by its real id.
            QSqlQuery later(m_db);
            if (later.exec(QStringLiteral("SELECT op_id, params FROM outbox"))) {
                QList<QPair<QString, QJsonObject>> rewrite;
                while (later.next()) {
                    QJsonObject p = toObject(later.value(1).toString());
                    bool changed = false;
                    for (const char *key : { "id", "ticketId" }) {
                        if (qint64(p.value(QLatin1String(key)).toDouble()) == temp) {
                            p.insert(QLatin1String(key), double(real));
                            changed = true;
                        }
                    }
                    if (changed)
                        rewrite.append({ later.value(0).toString(), p });
                }
                later.finish();
                for (const auto &[op, p] : std::as_const(rewrite))
                    good = good
                        && exec(QStringLiteral(
                                    "UPDATE outbox SET params = ?, ticket_id = ? WHERE op_id = ?"),
                            { toText(p), real, op });
                good = good
                    && exec(QStringLiteral("UPDATE articles SET ticket_id = ? WHERE ticket_id = ?"),
                        { real, temp });
                good = good
                    && exec(
                        QStringLiteral("UPDATE conflicts SET ticket_id = ? WHERE ticket_id = ?"),
                        { real, temp });
                good = good
                    && exec(QStringLiteral(
                                "UPDATE OR REPLACE drafts SET ticket_id = ? WHERE ticket_id = ?"),
                        { real, temp });
                good = good
                    && exec(QStringLiteral(
                                "UPDATE OR REPLACE seen SET ticket_id = ? WHERE ticket_id = ?"),
                        { real, temp });
                delta->renumbered.insert(temp, real);
                if (!rewrite.isEmpty())
                    reapplyPending(real);
            }
        } else {
            good = good && addConflict(0, QString(), params, QJsonValue(), errorMessage, errorCode);
            // Edits of the ticket that was never made cannot go anywhere: the agent gets them
            // back as refusals, texts included.
            QSqlQuery dependent(m_db);
            dependent.prepare(
                QStringLiteral("SELECT op_id, params FROM outbox WHERE ticket_id = ?"));
            dependent.addBindValue(temp);
            QList<QPair<QString, QJsonObject>> orphans;
            if (dependent.exec()) {
                while (dependent.next())
                    orphans.append(
                        { dependent.value(0).toString(), toObject(dependent.value(1).toString()) });
            }
            dependent.finish();
            for (const auto &[orphan, p] : std::as_const(orphans)) {
                const QJsonValue what = p.contains(QStringLiteral("body"))
                    ? p.value(QStringLiteral("body"))
                    : p.value(QStringLiteral("fields"));
                good = good
                    && exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), { orphan })
                    && addConflict(0, QString(), what, QJsonValue(), errorMessage, errorCode);
            }
        }
    } else if (method == QLatin1String("tickets.update")) {
        const qint64 id = idOf(params);
        if (ok) {
            good = good && storeServerTicket(r.value(QStringLiteral("ticket")).toObject());
            for (const QJsonValue &c : r.value(QStringLiteral("conflicts")).toArray()) {
                const QJsonObject o = c.toObject();
                good = good
                    && addConflict(id, o.value(QStringLiteral("field")).toString(),
                        o.value(QStringLiteral("yours")), o.value(QStringLiteral("theirs")),
                        QStringLiteral("changed by someone else"), 0);
            }
        } else {
            good = good && storeServerTicket(errorData.value(QStringLiteral("ticket")).toObject());
            const QJsonArray conflicts = errorData.value(QStringLiteral("conflicts")).toArray();
            for (const QJsonValue &c : conflicts) {
                const QJsonObject o = c.toObject();
                good = good
                    && addConflict(id, o.value(QStringLiteral("field")).toString(),
                        o.value(QStringLiteral("yours")), o.value(QStringLiteral("theirs")),
                        errorMessage, errorCode);
            }
            if (conflicts.isEmpty())
                good = good
                    && addConflict(id, QString(), params.value(QStringLiteral("fields")),
                        QJsonValue(), errorMessage, errorCode);
        }
        reapplyPending(id);
        delta->tickets.insert(id);
    } else if (method == QLatin1String("tickets.addArticle")) {
        const qint64 temp = qint64(params.value(QStringLiteral("tempId")).toDouble());
        const qint64 ticketId = idOf(params, QStringLiteral("ticketId"));
        good = good && exec(QStringLiteral("DELETE FROM articles WHERE id = ?"), { temp });
        if (ok) {
            good = good && upsertArticle(r.value(QStringLiteral("article")).toObject(), 0, false)
                && storeServerTicket(r.value(QStringLiteral("ticket")).toObject());
            reapplyPending(ticketId);
        } else {
            // The text the agent wrote is kept with the refusal, never thrown away.
            good = good
                && addConflict(ticketId, QString(), params.value(QStringLiteral("body")),
                    QJsonValue(), errorMessage, errorCode);
        }
        delta->articleTickets.insert(ticketId);
    } else if (method == QLatin1String("tickets.escalate")) {
        const qint64 id = idOf(params);
        // The outcome (the ticket moved, an event in its conversation, or the ticket leaving
        // the agent's sight) arrives as sync changes; storing the answer's ticket here could
        // bring back one that a hide has just removed.
        if (!ok) {
            QJsonObject request = params;
            request.remove(QStringLiteral("opId"));
            good = good
                && addConflict(id, QString(),
                    QJsonObject { { QStringLiteral("escalation"), request } }, QJsonValue(),
                    errorMessage, errorCode);
        }
        reapplyPending(id);
        delta->tickets.insert(id);
    }
    if (!good) {
        rollback();
        return false;
    }
    return commit();
}

QList<Conflict> LocalCache::conflicts(qint64 ticketId)
{
    QList<Conflict> out;
    QSqlQuery q(m_db);
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

bool LocalCache::resolveConflict(qint64 conflictId)
{
    return exec(QStringLiteral("DELETE FROM conflicts WHERE id = ?"), { conflictId });
}

// ---------------------------------------------------------------------------------------------
// Reads.

std::optional<QJsonObject> LocalCache::ticket(qint64 id)
{
    const QVariant v = scalar(QStringLiteral("SELECT json FROM tickets WHERE id = ?"), { id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

QJsonArray LocalCache::articles(qint64 ticketId)
{
    QJsonArray out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json, pending FROM articles WHERE ticket_id = ? ORDER BY "
                             "created_at, (id < 0), abs(id)"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject a = toObject(q.value(0).toString());
        if (q.value(1).toInt())
            a.insert(QStringLiteral("pending"), true);
        out.append(a);
    }
    return out;
}

QJsonArray LocalCache::tickets(const Query &f, int *total)
{
    QStringList where;
    QVariantList values;
    auto inList = [&](const QString &column, const QVariantList &items) {
        QStringList marks;
        for (const QVariant &v : items) {
            marks << QStringLiteral("?");
            values << v;
        }
        where << QStringLiteral("%1 IN (%2)").arg(column, marks.join(QLatin1Char(',')));
    };
    if (!f.statuses.isEmpty()) {
        QVariantList items;
        for (const QString &s : f.statuses)
            items << s;
        inList(QStringLiteral("status"), items);
    } else if (f.openOnly) {
        where << QStringLiteral("status NOT IN ('resolved', 'closed')");
    }
    if (!f.groupIds.isEmpty()) {
        QVariantList items;
        for (qint64 g : f.groupIds)
            items << g;
        inList(QStringLiteral("group_id"), items);
    }
    if (f.assigneeId) {
        if (*f.assigneeId == 0)
            where << QStringLiteral("assignee_id IS NULL");
        else {
            where << QStringLiteral("assignee_id = ?");
            values << *f.assigneeId;
        }
    }
    if (f.customerId) {
        where << QStringLiteral("customer_id = ?");
        values << f.customerId;
    }
    if (f.organisationId) {
        where << QStringLiteral("organisation_id = ?");
        values << f.organisationId;
    }
    if (!f.text.trimmed().isEmpty()) {
        where << QStringLiteral("search LIKE ? ESCAPE '\\'");
        values << likePattern(f.text);
    }
    static const QHash<QString, QString> kSort { { QStringLiteral("updatedAt"),
                                                     QStringLiteral("updated_at") },
        { QStringLiteral("createdAt"), QStringLiteral("created_at") },
        { QStringLiteral("priority"), QStringLiteral("priority") },
        { QStringLiteral("number"), QStringLiteral("number") },
        { QStringLiteral("status"), QStringLiteral("status") } };
    const QString whereSql = where.isEmpty()
        ? QString()
        : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    const QString order = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (total)
        *total = scalar(QStringLiteral("SELECT COUNT(*) FROM tickets") + whereSql, values).toInt();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT json, pending FROM tickets") + whereSql
        + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?")
              .arg(kSort.value(f.sort, QStringLiteral("updated_at")), order));
    int i = 0;
    for (; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    q.bindValue(i++, f.limit);
    q.bindValue(i, f.offset);
    QJsonArray out;
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject t = toObject(q.value(0).toString());
        if (q.value(1).toInt())
            t.insert(QStringLiteral("pending"), true);
        out.append(t);
    }
    return out;
}

QJsonArray LocalCache::ticketsOfCustomer(qint64 customerId, qint64 organisationId, int limit)
{
    QJsonArray out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json FROM tickets WHERE customer_id = ? OR (? <> 0 AND "
                             "organisation_id = ?) ORDER BY created_at DESC LIMIT ?"));
    q.addBindValue(customerId);
    q.addBindValue(organisationId);
    q.addBindValue(organisationId);
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next())
            out.append(toObject(q.value(0).toString()));
    }
    return out;
}

std::optional<QJsonObject> LocalCache::entity(const QString &kind, qint64 id)
{
    const QVariant v = scalar(
        QStringLiteral("SELECT json FROM entities WHERE entity = ? AND id = ?"), { kind, id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

QJsonArray LocalCache::entities(const QString &kind)
{
    QJsonArray out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json FROM entities WHERE entity = ? ORDER BY name, id"));
    q.addBindValue(kind);
    if (q.exec()) {
        while (q.next())
            out.append(toObject(q.value(0).toString()));
    }
    return out;
}

QJsonArray LocalCache::kbSearch(const QString &text, int limit)
{
    return kbMatch(Core::FtsQuery::toFts5(text), limit);
}

QJsonArray LocalCache::kbRelated(const QString &text, int limit)
{
    return kbMatch(Core::FtsQuery::toFts5AnyOf(Core::FtsQuery::keywords(text)), limit);
}

QJsonArray LocalCache::kbMatch(const QString &match, int limit)
{
    QJsonArray out;
    if (match.isEmpty())
        return out;
    // The server's weights and snippet, so offline results rank as online ones do.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT kb.id, kb.json, snippet(kb_fts, 2, char(2), char(3), '…', "
                             "24), bm25(kb_fts, 10.0, 5.0, 1.0) AS score "
                             "FROM kb_fts JOIN kb ON kb.id = kb_fts.rowid WHERE kb_fts MATCH ? "
                             "ORDER BY score, kb.id LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        const QJsonObject a = toObject(q.value(1).toString());
        out.append(QJsonObject { { QStringLiteral("id"), double(q.value(0).toLongLong()) },
            { QStringLiteral("title"), a.value(QStringLiteral("title")) },
            { QStringLiteral("snippet"), Core::FtsQuery::snippetToHtml(q.value(2).toString()) },
            { QStringLiteral("score"), q.value(3).toDouble() },
            { QStringLiteral("audience"), a.value(QStringLiteral("audience")) },
            { QStringLiteral("categoryId"), a.value(QStringLiteral("categoryId")) },
            { QStringLiteral("language"), a.value(QStringLiteral("language")) },
            { QStringLiteral("updatedAt"), a.value(QStringLiteral("updatedAt")) } });
    }
    return out;
}

std::optional<QJsonObject> LocalCache::kbArticle(qint64 id)
{
    const QVariant v = scalar(QStringLiteral("SELECT json FROM kb WHERE id = ?"), { id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

int LocalCache::count(const QString &what)
{
    if (what == QLatin1String("tickets") || what == QLatin1String("articles")
        || what == QLatin1String("kb") || what == QLatin1String("outbox")
        || what == QLatin1String("conflicts"))
        return scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(what))
            .toInt(); // a fixed table name, never user text
    return scalar(QStringLiteral("SELECT COUNT(*) FROM entities WHERE entity = ?"), { what })
        .toInt();
}

QList<QueueRow> LocalCache::queueRows(const QList<qint64> &ids)
{
    // 100,000 rows must load in a fraction of a second, and most of the cost is per column
    // (a QVariant each, a UTF-16 conversion per text): the short wire names travel packed
    // into one integer, and as text only when this console does not know them.
    static const QStringList statuses { QStringLiteral("new"), QStringLiteral("assigned"),
        QStringLiteral("in_progress"), QStringLiteral("pending_customer"),
        QStringLiteral("pending_third_party"), QStringLiteral("resolved"),
        QStringLiteral("closed") };
    static const QStringList priorities { QStringLiteral("P1"), QStringLiteral("P2"),
        QStringLiteral("P3"), QStringLiteral("P4") };
    static const QStringList types { QStringLiteral("incident"),
        QStringLiteral("service_request") };
    static const QStringList slaStates { QString(QLatin1String("")), QStringLiteral("none"),
        QStringLiteral("running"), QStringLiteral("paused"), QStringLiteral("warning"),
        QStringLiteral("breached"), QStringLiteral("met") };
    static const QString sqlPrefix = [] {
        auto code = [](const QString &column, const QStringList &names) {
            QString e = QStringLiteral("(CASE %1").arg(column);
            for (int i = 0; i < names.size(); ++i)
                e += QStringLiteral(" WHEN '%1' THEN %2").arg(names.at(i)).arg(i);
            return e + QStringLiteral(" ELSE 15 END)");
        };
        auto known = [](const QString &column, const QStringList &names) {
            QStringList quoted;
            for (const QString &n : names)
                quoted << QStringLiteral("'%1'").arg(n);
            return QStringLiteral("%1 IN (%2)").arg(column, quoted.join(QLatin1Char(',')));
        };
        return QStringLiteral("SELECT t.id, t.number, t.subject, %1 | (%2 << 4) | (%3 << 8) | (%4 "
                              "<< 12) | ((t.pending <> 0) << 16)"
                              " | ((t.activity_at > MAX(COALESCE(s.seen_at, 0), ?)) << 17),"
                              " CASE WHEN %5 AND %6 AND %7 AND %8 THEN NULL ELSE t.status || '|' "
                              "|| t.priority || '|' || t.type || '|' || t.sla_state END,"
                              " t.group_id, t.assignee_id, t.customer_id, t.organisation_id, "
                              "t.category_id, t.created_at, t.updated_at, t.sla_due,"
                              " t.sla_warn FROM tickets t LEFT JOIN seen s ON s.ticket_id = t.id")
            .arg(code(QStringLiteral("t.status"), statuses),
                code(QStringLiteral("t.priority"), priorities),
                code(QStringLiteral("t.type"), types),
                code(QStringLiteral("t.sla_state"), slaStates),
                known(QStringLiteral("t.status"), statuses),
                known(QStringLiteral("t.priority"), priorities),
                known(QStringLiteral("t.type"), types),
                known(QStringLiteral("t.sla_state"), slaStates));
    }();
    QList<QueueRow> rows;
    QString sql = sqlPrefix;
    QVariantList values { seenBaseline() };
    if (!ids.isEmpty()) {
        QStringList marks;
        for (qint64 id : ids) {
            marks << QStringLiteral("?");
            values << id;
        }
        sql += QStringLiteral(" WHERE t.id IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindAll(q, values);
    if (!q.exec()) {
        qCWarning(lcCache) << "cannot read the queue:" << q.lastError().text();
        return rows;
    }
    rows.reserve(ids.isEmpty() ? count(QStringLiteral("tickets")) : int(ids.size()));
    while (q.next()) {
        QueueRow r;
        r.id = q.value(0).toLongLong();
        r.number = q.value(1).toString();
        r.subject = q.value(2).toString();
        const qint64 flags = q.value(3).toLongLong();
        const QVariant unknown = q.value(4);
        if (unknown.isNull()) {
            // Each code is a place in the lists above, which follow the enums' order (SLA
            // states after "": none); tst_localcache reads back every value.
            r.status = Core::TicketStatus(flags & 15);
            r.priority = Core::Priority((flags >> 4) & 15);
            r.type = Core::TicketType((flags >> 8) & 15);
            if (const int sla = int((flags >> 12) & 15); sla > 0)
                r.slaState = Core::SlaTimeline::State(sla - 1);
        } else {
            const QStringList parts = unknown.toString().split(QLatin1Char('|'));
            r.status = Core::fromString<Core::TicketStatus>(parts.value(0))
                           .value_or(Core::TicketStatus::New);
            r.priority
                = Core::fromString<Core::Priority>(parts.value(1)).value_or(Core::Priority::P3);
            r.type = Core::fromString<Core::TicketType>(parts.value(2))
                         .value_or(Core::TicketType::Incident);
            if (!parts.value(3).isEmpty())
                r.slaState = Core::slaStateFromWireName(parts.value(3));
        }
        r.pending = (flags >> 16) & 1;
        r.unread = (flags >> 17) & 1;
        r.groupId = q.value(5).toLongLong();
        r.assigneeId = q.value(6).toLongLong();
        r.customerId = q.value(7).toLongLong();
        r.organisationId = q.value(8).toLongLong();
        r.categoryId = q.value(9).toLongLong();
        r.createdAt = q.value(10).toLongLong();
        r.updatedAt = q.value(11).toLongLong();
        r.slaDueAt = q.value(12).toLongLong();
        r.slaWarnAt = q.value(13).toLongLong();
        rows.append(std::move(r));
    }
    return rows;
}

bool LocalCache::markSeen(qint64 ticketId, qint64 now)
{
    return exec(QStringLiteral("INSERT OR REPLACE INTO seen (ticket_id, seen_at) VALUES (?, MAX(?, "
                               "COALESCE((SELECT activity_at FROM tickets WHERE id = ?), 0)))"),
        { ticketId, now, ticketId });
}

bool LocalCache::saveDraft(qint64 ticketId, const Draft &d)
{
    if (d.body.isEmpty())
        return clearDraft(ticketId);
    return exec(QStringLiteral("INSERT OR REPLACE INTO drafts (ticket_id, kind, body, updated_at) "
                               "VALUES (?, ?, ?, ?)"),
        { ticketId, d.kind, d.body, d.updatedAt });
}

std::optional<Draft> LocalCache::draft(qint64 ticketId)
{
    QSqlQuery *q
        = run(QStringLiteral("SELECT kind, body, updated_at FROM drafts WHERE ticket_id = ?"),
            { ticketId });
    if (!q || !q->next())
        return std::nullopt;
    Draft d { q->value(0).toString(), q->value(1).toString(), q->value(2).toLongLong() };
    q->finish();
    return d;
}

bool LocalCache::clearDraft(qint64 ticketId)
{
    return exec(QStringLiteral("DELETE FROM drafts WHERE ticket_id = ?"), { ticketId });
}

} // namespace Atiende::Client
