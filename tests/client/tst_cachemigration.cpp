// The console cache's schema steps (client/cache/cacheschema.cpp) one by one: an empty file
// becomes a cache at the latest schema; a cache at schema 1 holding what a console of that
// age held (tickets with their SLA clocks as JSON, a ticket made offline, conversations, the
// directory, KB, an outbox and a conflict) is migrated with every row kept and the queue's
// columns of schema 2 filled from the tickets' JSON; and a cache at schema 2 (with drafts and
// unread marks) gets schema 3's records of files on tickets with its drafts and outbox kept.
// Schemas 1 and 2 are written here as those versions of the console wrote them: the migration
// functions are private to the cache, and a fixture of a released schema does not change.

#include "client/cache/localcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende::Client;

namespace {

// The cache as schema 1 made it, tables and first rows.
const char *const kSchema1[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL, subject TEXT NOT NULL, "
    "status TEXT NOT NULL,"
    " priority TEXT NOT NULL, group_id INTEGER, assignee_id INTEGER, customer_id INTEGER, "
    "organisation_id INTEGER,"
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 0, "
    "pending INTEGER NOT NULL DEFAULT 0,"
    " search TEXT NOT NULL DEFAULT '', json TEXT NOT NULL, server_json TEXT)",
    "CREATE TABLE articles (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, created_at INTEGER "
    "NOT NULL,"
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
    "CREATE TABLE conflicts (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, field TEXT NOT "
    "NULL, yours TEXT, theirs TEXT,"
    " message TEXT NOT NULL DEFAULT '', code INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT "
    "NULL)",
    "INSERT INTO meta (key, value) VALUES ('revision', '0')",
    "INSERT INTO meta (key, value) VALUES ('next_temp_id', '-1')",
    "PRAGMA user_version = 1",
};

// What schema 2 added to schema 1.
const char *const kSchema2[] = {
    "ALTER TABLE tickets ADD COLUMN type TEXT NOT NULL DEFAULT 'incident'",
    "ALTER TABLE tickets ADD COLUMN category_id INTEGER",
    "ALTER TABLE tickets ADD COLUMN sla_due INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tickets ADD COLUMN sla_warn INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tickets ADD COLUMN sla_state TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE tickets ADD COLUMN activity_at INTEGER NOT NULL DEFAULT 0",
    "CREATE TABLE seen (ticket_id INTEGER PRIMARY KEY, seen_at INTEGER NOT NULL)",
    "CREATE TABLE drafts (ticket_id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT "
    "NULL, updated_at INTEGER NOT NULL)",
    "INSERT INTO meta (key, value) VALUES ('seen_baseline', '1795446795123')",
    "PRAGMA user_version = 2",
};

constexpr qint64 kCreated = 1795446795123; // 2026-11-23T15:13:15.123Z
const QString kDue = QStringLiteral("2026-11-23T15:43:15.123Z");
constexpr qint64 kDueMs = kCreated + 30 * 60 * 1000;
const QString kWarn = QStringLiteral("2026-11-23T15:35:45.123Z");
constexpr qint64 kWarnMs = kCreated + 22 * 60 * 1000 + 30 * 1000;

QJsonObject clock(const QString &state, const QJsonValue &dueAt, const QJsonValue &warnAt,
    const QJsonValue &stoppedAt, bool paused)
{
    return { { QStringLiteral("targetMs"), 1800000 }, { QStringLiteral("warnPercent"), 75 },
        { QStringLiteral("usedMs"), 0 }, { QStringLiteral("runningSince"), QJsonValue::Null },
        { QStringLiteral("stoppedAt"), stoppedAt }, { QStringLiteral("paused"), paused },
        { QStringLiteral("dueAt"), dueAt }, { QStringLiteral("warnAt"), warnAt },
        { QStringLiteral("state"), state } };
}

QJsonObject ticket(qint64 id, const QString &number, const QString &type,
    const QJsonValue &categoryId, const QJsonValue &sla)
{
    return { { QStringLiteral("id"), double(id) }, { QStringLiteral("number"), number },
        { QStringLiteral("type"), type },
        { QStringLiteral("subject"), QStringLiteral("VPN caída en %1").arg(number) },
        { QStringLiteral("status"), QStringLiteral("in_progress") },
        { QStringLiteral("priority"), QStringLiteral("P2") }, { QStringLiteral("groupId"), 1 },
        { QStringLiteral("categoryId"), categoryId },
        { QStringLiteral("createdAt"), QStringLiteral("2026-11-23T15:13:15.123Z") },
        { QStringLiteral("version"), 3 }, { QStringLiteral("sla"), sla } };
}

QString text(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

class RawDb
{
public:
    RawDb(const QString &path, const QString &name)
        : m_name(name)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(m_db);
        if (!q.prepare(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    QVariantList row(const QString &sql)
    {
        QSqlQuery q(m_db);
        QVariantList out;
        if (!q.exec(sql) || !q.next())
            return out;
        for (int i = 0; i < q.record().count(); ++i)
            out << q.value(i);
        return out;
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

class CacheMigrationTest : public QObject
{
    Q_OBJECT
private slots:
    void anEmptyFileBecomesACacheAtTheLatestSchema();
    void step2FillsTheQueueColumnsFromTheTicketsAndKeepsEveryRow();
    void step3AddsTheRecordsOfFilesAndKeepsDraftsAndTheOutbox();
    void step3IsTheLatestThisTestKnows();

private:
    QTemporaryDir m_dir;
};

void CacheMigrationTest::anEmptyFileBecomesACacheAtTheLatestSchema()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.db"));
    LocalCache::OpenReport report;
    QString error;
    auto cache = LocalCache::open(path, &report, &error);
    QVERIFY2(cache, qPrintable(error));
    QVERIFY(report.created && !report.movedAside);
    QCOMPARE(cache->revision(), qint64(0));
    cache.reset();
    RawDb db(path, QStringLiteral("empty"));
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), LocalCache::kSchemaVersion);
    QCOMPARE(
        db.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'next_temp_id'")).toString(),
        QStringLiteral("-1"));
    for (const char *t : { "tickets", "articles", "entities", "kb", "kb_fts", "outbox", "conflicts",
             "seen", "drafts", "files", "uploads" })
        QVERIFY2(db.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = '%1'")
                               .arg(QLatin1String(t)))
                     .toInt()
                == 1,
            t);
}

void CacheMigrationTest::step2FillsTheQueueColumnsFromTheTicketsAndKeepsEveryRow()
{
    const QString path = m_dir.filePath(QStringLiteral("schema1.db"));
    // 1: first response running (due and warning instants); 2: a service request without
    // clocks or category; 3: first response met, resolution paused (pending on the customer);
    // -1: made offline, not yet acknowledged (no server copy).
    const QJsonObject running { { QStringLiteral("policyId"), 1 },
        { QStringLiteral("firstResponse"),
            clock(QStringLiteral("running"), kDue, kWarn, QJsonValue::Null, false) },
        { QStringLiteral("resolution"),
            clock(QStringLiteral("running"), QStringLiteral("2026-11-24T15:13:15.123Z"),
                QJsonValue::Null, QJsonValue::Null, false) } };
    const QJsonObject paused { { QStringLiteral("policyId"), 1 },
        { QStringLiteral("firstResponse"),
            clock(QStringLiteral("met"), QJsonValue::Null, QJsonValue::Null,
                QStringLiteral("2026-11-23T15:20:00.000Z"), false) },
        { QStringLiteral("resolution"),
            clock(QStringLiteral("paused"), QJsonValue::Null, QJsonValue::Null, QJsonValue::Null,
                true) } };
    const QJsonObject t1
        = ticket(1, QStringLiteral("INC-000001"), QStringLiteral("incident"), 3, running);
    const QJsonObject t2 = ticket(2, QStringLiteral("REQ-000001"),
        QStringLiteral("service_request"), QJsonValue::Null, QJsonValue::Null);
    const QJsonObject t3
        = ticket(3, QStringLiteral("INC-000002"), QStringLiteral("incident"), 4, paused);
    const QJsonObject offline
        = ticket(-1, QString(), QStringLiteral("incident"), QJsonValue::Null, QJsonValue::Null);
    {
        RawDb db(path, QStringLiteral("schema1"));
        for (const char *sql : kSchema1)
            QVERIFY(db.exec(QString::fromLatin1(sql)));
        const QString insertTicket = QStringLiteral(
            "INSERT INTO tickets (id, number, subject, status, priority, group_id, assignee_id, "
            "customer_id, "
            "organisation_id, created_at, updated_at, rev, pending, search, json, server_json) "
            "VALUES (?, ?, ?, 'in_progress', 'P2', 1, 2, 7, 3, ?, ?, ?, ?, ?, ?, ?)");
        QVERIFY(db.exec(insertTicket,
            { 1, QStringLiteral("INC-000001"), t1.value(QStringLiteral("subject")).toString(),
                kCreated, kCreated + 1000, 50, 0, QStringLiteral("inc-000001 vpn caida"), text(t1),
                text(t1) }));
        QVERIFY(db.exec(insertTicket,
            { 2, QStringLiteral("REQ-000001"), t2.value(QStringLiteral("subject")).toString(),
                kCreated, kCreated + 2000, 51, 0, QStringLiteral("req-000001 vpn caida"), text(t2),
                text(t2) }));
        QVERIFY(db.exec(insertTicket,
            { 3, QStringLiteral("INC-000002"), t3.value(QStringLiteral("subject")).toString(),
                kCreated, kCreated + 3000, 52, 1, QStringLiteral("inc-000002 vpn caida"), text(t3),
                text(t3) }));
        QVERIFY(db.exec(insertTicket,
            { -1, QString(QLatin1String("")), QStringLiteral("Impresora sin tóner"), kCreated,
                kCreated, 0, 1, QStringLiteral("impresora sin toner"), text(offline),
                QVariant() }));
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO articles (id, ticket_id, created_at, rev, pending, json) VALUES "
                "(10, 1, ?, 50, 0, '{\"id\":10,\"ticketId\":1,\"kind\":\"reply\",\"body\":\"No "
                "conecta.\"}'), "
                "(11, 1, ?, 53, 0, '{\"id\":11,\"ticketId\":1,\"kind\":\"note\",\"body\":\"Revisar "
                "el concentrador.\"}')"),
            { kCreated, kCreated + 5000 }));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO entities (entity, id, rev, name, json) VALUES "
            "('customer', 7, 20, 'Núria Peña', '{\"id\":7,\"name\":\"Núria Peña\"}'), "
            "('group', 1, 2, 'Service Desk', '{\"id\":1,\"name\":\"Service Desk\"}')")));
        QVERIFY(db.exec(
            QStringLiteral(
                "INSERT INTO kb (id, audience, language, updated_at, rev, json) VALUES "
                "(5, 'public', 'es', ?, 30, '{\"id\":5,\"title\":\"Configuración de la VPN\"}')"),
            { kCreated }));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO kb_fts (rowid, title, keywords, body) VALUES "
                                       "(5, 'Configuración de la VPN', 'vpn', 'Pasos')")));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                       "created_at, attempts) VALUES "
                                       "('4b0c9a7e-5d1f-4c3e-9a53-1f2e3d4c5b6a', 'tickets.create', "
                                       "-1, '{\"subject\":\"Impresora sin tóner\"}', ?, 2), "
                                       "('6f7d2c1b-0a9e-4f3d-8c2b-1a0f9e8d7c6b', 'tickets.update', "
                                       "3, '{\"id\":3,\"fields\":{\"urgency\":\"high\"}}', ?, 0)"),
            { kCreated, kCreated + 100 }));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO conflicts (id, ticket_id, field, yours, "
                                       "theirs, message, code, created_at) VALUES "
                                       "(1, 2, 'status', '\"resolved\"', '\"pending_customer\"', "
                                       "'Changed by Bruno', -32012, ?)"),
            { kCreated }));
        QVERIFY(db.exec(QStringLiteral("UPDATE meta SET value = '57' WHERE key = 'revision'")));
        QVERIFY(db.exec(QStringLiteral("UPDATE meta SET value = '-2' WHERE key = 'next_temp_id'")));
    }

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    LocalCache::OpenReport report;
    QString error;
    auto cache = LocalCache::open(path, &report, &error);
    QVERIFY2(cache, qPrintable(error));
    QVERIFY2(!report.movedAside && !report.created, qPrintable(report.reason));
    QCOMPARE(cache->revision(), qint64(57));
    const auto outbox = cache->outbox();
    QCOMPARE(outbox.size(), 2);
    QCOMPARE(outbox.first().opId, QStringLiteral("4b0c9a7e-5d1f-4c3e-9a53-1f2e3d4c5b6a"));
    cache.reset();

    RawDb db(path, QStringLiteral("schema2"));
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), LocalCache::kSchemaVersion);
    // The queue's columns, read from each ticket's JSON.
    QCOMPARE(db.row(QStringLiteral("SELECT type, category_id, sla_due, sla_warn, sla_state, "
                                   "activity_at FROM tickets WHERE id = 1")),
        (QVariantList {
            QStringLiteral("incident"), 3, kDueMs, kWarnMs, QStringLiteral("running"), 0 }));
    const QVariantList request
        = db.row(QStringLiteral("SELECT type, category_id, sla_due, sla_warn, sla_state, "
                                "activity_at FROM tickets WHERE id = 2"));
    QCOMPARE(request.size(), 6);
    QCOMPARE(request.at(0).toString(), QStringLiteral("service_request"));
    QVERIFY(request.at(1).isNull());
    QCOMPARE((request.mid(2)), (QVariantList { 0, 0, QString(QLatin1String("")), 0 }));
    // First response met, so the resolution clock counts, and it is paused: no instants.
    QCOMPARE(db.row(QStringLiteral(
                 "SELECT category_id, sla_due, sla_warn, sla_state FROM tickets WHERE id = 3")),
        (QVariantList { 4, 0, 0, QStringLiteral("paused") }));
    QCOMPARE(db.row(QStringLiteral("SELECT type, sla_state, pending FROM tickets WHERE id = -1")),
        (QVariantList { QStringLiteral("incident"), QString(QLatin1String("")), 1 }));
    QVERIFY(db.scalar(QStringLiteral("SELECT server_json FROM tickets WHERE id = -1")).isNull());
    // Every row kept as it was.
    QCOMPARE(
        db.scalar(QStringLiteral("SELECT json FROM tickets WHERE id = 1")).toString(), text(t1));
    QCOMPARE(db.scalar(QStringLiteral("SELECT server_json FROM tickets WHERE id = 3")).toString(),
        text(t3));
    QCOMPARE(db.row(QStringLiteral("SELECT number, rev, pending, search, assignee_id, customer_id "
                                   "FROM tickets WHERE id = 3")),
        (QVariantList {
            QStringLiteral("INC-000002"), 52, 1, QStringLiteral("inc-000002 vpn caida"), 2, 7 }));
    QCOMPARE(
        db.scalar(QStringLiteral("SELECT COUNT(*) FROM articles WHERE ticket_id = 1")).toInt(), 2);
    QCOMPARE(
        db.scalar(QStringLiteral("SELECT name FROM entities WHERE entity = 'customer' AND id = 7"))
            .toString(),
        QStringLiteral("Núria Peña"));
    QCOMPARE(
        db.scalar(QStringLiteral("SELECT COUNT(*) FROM kb_fts WHERE kb_fts MATCH 'configuracion'"))
            .toInt(),
        1);
    QCOMPARE(db.row(QStringLiteral(
                 "SELECT method, ticket_id, attempts FROM outbox ORDER BY seq LIMIT 1")),
        (QVariantList { QStringLiteral("tickets.create"), -1, 2 }));
    QCOMPARE(db.row(QStringLiteral(
                 "SELECT ticket_id, field, yours, theirs, code FROM conflicts WHERE id = 1")),
        (QVariantList { 2, QStringLiteral("status"), QStringLiteral("\"resolved\""),
            QStringLiteral("\"pending_customer\""), -32012 }));
    QCOMPARE(
        db.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'next_temp_id'")).toString(),
        QStringLiteral("-2"));
    // What the agent has seen starts now: everything the cache held counts as read.
    QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM seen")).toInt(), 0);
    QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM drafts")).toInt(), 0);
    const qint64 baseline
        = db.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'seen_baseline'"))
              .toLongLong();
    QVERIFY2(baseline >= before, qPrintable(QString::number(baseline)));
    // And the queue's indexes are there.
    for (const char *index :
        { "tickets_status_updated", "tickets_updated", "tickets_assignee", "tickets_group",
            "tickets_customer", "tickets_org", "articles_ticket", "tickets_number" })
        QVERIFY2(
            db.scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '%1'")
                          .arg(QLatin1String(index)))
                    .toInt()
                == 1,
            index);
}

void CacheMigrationTest::step3AddsTheRecordsOfFilesAndKeepsDraftsAndTheOutbox()
{
    const QString path = m_dir.filePath(QStringLiteral("schema2.db"));
    {
        RawDb db(path, QStringLiteral("schema2-fixture"));
        for (const char *sql : kSchema1)
            QVERIFY(db.exec(QString::fromLatin1(sql)));
        for (const char *sql : kSchema2)
            QVERIFY(db.exec(QString::fromLatin1(sql)));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO drafts (ticket_id, kind, body, updated_at) "
                                       "VALUES (7, 'reply', 'Le adjunto la guía.', ?)"),
            { kCreated }));
        QVERIFY(
            db.exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                   "created_at) VALUES ('0d1c9a7e-5d1f-4c3e-9a53-1f2e3d4c5b6a', "
                                   "'tickets.addArticle', 7, '{\"ticketId\":7,\"kind\":"
                                   "\"note\",\"body\":\"Llamé\"}', ?)"),
                { kCreated }));
        QVERIFY(db.exec(QStringLiteral("UPDATE meta SET value = '80' WHERE key = 'revision'")));
    }
    LocalCache::OpenReport report;
    QString error;
    auto cache = LocalCache::open(path, &report, &error);
    QVERIFY2(cache, qPrintable(error));
    QVERIFY2(!report.movedAside && !report.created, qPrintable(report.reason));
    QCOMPARE(cache->revision(), qint64(80));
    // The draft and the edit waiting are kept; the draft carries no files.
    const std::optional<Draft> draft = cache->draft(7);
    QVERIFY(draft);
    QCOMPARE(draft->body, QStringLiteral("Le adjunto la guía."));
    QVERIFY(draft->files.isEmpty());
    QCOMPARE(cache->outbox().size(), 1);
    // A draft now keeps its files, and one with files and no text yet is a draft all the same.
    const OutgoingFile file { QStringLiteral("8c2d4e6f-1a3b-4c5d-9e8f-0a1b2c3d4e5f"),
        { QString(64, QLatin1Char('a')), QStringLiteral("captura.png"), 1234,
            QStringLiteral("image/png") } };
    QVERIFY(cache->saveDraft(8, Draft { QStringLiteral("note"), QString(), kCreated, { file } }));
    QCOMPARE(cache->draft(8)->files, QList<OutgoingFile> { file });
    // The records of files start empty.
    QCOMPARE(cache->files().heldBytes(), qint64(0));
    QVERIFY(cache->files().unfinishedUploads().isEmpty());
    cache.reset();

    RawDb db(path, QStringLiteral("schema3"));
    QCOMPARE(db.scalar(QStringLiteral("PRAGMA user_version")).toInt(), 3);
    QCOMPARE(db.scalar(QStringLiteral("SELECT files FROM drafts WHERE ticket_id = 7")).toString(),
        QStringLiteral("[]"));
    for (const char *index : { "files_last_used", "uploads_sha256", "uploads_op" })
        QVERIFY2(
            db.scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '%1'")
                          .arg(QLatin1String(index)))
                    .toInt()
                == 1,
            index);
}

void CacheMigrationTest::step3IsTheLatestThisTestKnows()
{
    // A schema 4 needs its own test here, from a cache at schema 3.
    QCOMPARE(LocalCache::kSchemaVersion, 3);
}

QTEST_GUILESS_MAIN(CacheMigrationTest)
#include "tst_cachemigration.moc"
