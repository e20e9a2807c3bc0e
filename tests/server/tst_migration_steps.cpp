// Each schema migration of the server's store (server/store/migrations) on its own: a
// database brought to step N-1 with the migrations shipped in the binary and filled with rows
// a desk of that age would hold, then migrated to N; the rows survive, with the values step N
// means for them (new columns' defaults, counted or moved data, new tables and indexes).
// The Migrator is given the first N steps only: no test hook in the server.

#include "server/store/dialect.h"
#include "server/store/migrator.h"
#include "server/store/sqlcontext.h"

#include "core/domain/articlemail.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace Atiende::Server;

namespace {

// Instants of the fixture (milliseconds since the epoch): 2026-03-02 09:00 UTC and later.
constexpr qint64 kT0 = 1772442000000;
constexpr qint64 kMinute = 60 * 1000;

class Fixture
{
public:
    explicit Fixture(const QString &name)
        : m_name(name)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        m_db.setDatabaseName(m_dir.filePath(QStringLiteral("atiende.db")));
        m_ok = m_db.open();
        m_dialect = Dialect::sqlite();
        m_ctx = std::make_unique<SqlContext>(m_db, m_dialect.get());
    }
    ~Fixture()
    {
        m_ctx.reset();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_ok; }

    // Applies the shipped migrations up to and including `version`.
    bool migrateTo(int version, QString *error)
    {
        QList<Migrator::Step> steps;
        for (const Migrator::Step &s : Migrator::builtIn(QStringLiteral("sqlite"))) {
            if (s.version <= version)
                steps << s;
        }
        Migrator m(*m_ctx, steps);
        if (!m.migrate(error))
            return false;
        if (m.currentVersion() != version) {
            *error = QStringLiteral("at version %1, not %2").arg(m.currentVersion()).arg(version);
            return false;
        }
        return true;
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

    // A statement the schema must refuse (a constraint): true when it fails.
    bool refuses(const QString &sql)
    {
        QSqlQuery q(m_db);
        return !q.exec(sql);
    }

    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(m_db);
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }

    // One row as column -> value.
    QVariantMap row(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(m_db);
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        QVariantMap out;
        if (!q.exec() || !q.next())
            return out;
        const QSqlRecord r = q.record();
        for (int i = 0; i < r.count(); ++i)
            out.insert(r.fieldName(i), q.value(i));
        return out;
    }

    bool hasTable(const QString &name)
    {
        return scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"),
                   { name })
                   .toInt()
            == 1;
    }
    bool hasIndex(const QString &name)
    {
        return scalar(QStringLiteral(
                          "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"),
                   { name })
                   .toInt()
            == 1;
    }
    int count(const QString &table)
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table).toInt();
    }

    // What a small desk holds after schema 1: an organisation and its customers, two groups
    // and three agents, a category, three tickets with their conversations, a KB article,
    // sessions (one logged out), an applied operation and an audit line.
    bool seedSchema1()
    {
        const QString hash
            = QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo");
        return exec(QStringLiteral("INSERT INTO organisations (id, name, domain) VALUES (1, "
                                   "'Ferretería Norte', 'ferreteria.example')"))
            && exec(QStringLiteral(
                "INSERT INTO customers (id, name, email, phone, organisation_id, language) VALUES "
                "(1, 'Núria Peña', 'nuria@ferreteria.example', '+34 600 000 001', 1, 'es'), "
                "(2, 'Tom Baker', 'tom@ferreteria.example', '', 1, 'en')"))
            && exec(
                QStringLiteral("INSERT INTO groups_ (id, name, tier, description) VALUES (1, "
                               "'Service Desk', 1, 'first line'), (2, 'Redes', 2, 'redes y VPN')"))
            && exec(QStringLiteral(
                        "INSERT INTO agents (id, login, name, email, role, password_hash, active, "
                        "version) VALUES "
                        "(1, 'admin', 'Ada Admin', 'admin@desk.example', 'admin', ?, 1, 1), "
                        "(2, 'ana', 'Ana Ruiz', 'ana@desk.example', 'agent', ?, 1, 3), "
                        "(3, 'bruno', 'Bruno Díaz', 'bruno@desk.example', 'agent', ?, 0, 2)"),
                { hash, hash, hash })
            && exec(QStringLiteral(
                "INSERT INTO group_members (group_id, agent_id) VALUES (1, 1), (1, 2), (2, 3)"))
            && exec(QStringLiteral(
                "INSERT INTO categories (id, name) VALUES (1, 'VPN y acceso remoto')"))
            // 1: an incident answered twice by Ana (once at the very instant it was made, as a
            // description would be), 2: a request with only its description, 3: resolved.
            && exec(QStringLiteral(
                        "INSERT INTO tickets (id, number, type, subject, status, impact, urgency, "
                        "priority, channel, category_id, group_id, "
                        "assignee_id, customer_id, organisation_id, created_by, created_at, "
                        "updated_at, first_response_at, resolved_at, closed_at, "
                        "reopen_count, version) VALUES "
                        "(1, 'INC-000001', 'incident', 'VPN caída en Madrid', 'in_progress', "
                        "'high', 'high', 'P1', 'phone', 1, 1, 2, 1, 1, 2, ?, ?, ?, 0, 0, 0, 4), "
                        "(2, 'REQ-000001', 'service_request', 'Alta de usuario', 'new', 'low', "
                        "'medium', 'P4', 'email', NULL, 1, NULL, 2, 1, NULL, ?, ?, 0, 0, 0, 0, 1), "
                        "(3, 'INC-000002', 'incident', 'Impresora atascada', 'resolved', 'medium', "
                        "'medium', 'P3', 'portal', NULL, 2, 3, 1, 1, NULL, ?, ?, ?, ?, 0, 1, 6)"),
                { kT0, kT0 + 30 * kMinute, kT0 + 10 * kMinute, kT0 + 5 * kMinute, kT0 + 5 * kMinute,
                    kT0 + 60 * kMinute, kT0 + 200 * kMinute, kT0 + 90 * kMinute,
                    kT0 + 200 * kMinute })
            && exec(QStringLiteral(
                        "INSERT INTO articles (id, ticket_id, kind, author_agent_id, "
                        "author_customer_id, body, data, created_at) VALUES "
                        "(1, 1, 'reply', NULL, 1, 'No conecta desde esta mañana.', '', ?), "
                        "(2, 1, 'reply', 2, NULL, 'Llamada registrada por teléfono.', '', ?), "
                        "(3, 1, 'note', 2, NULL, 'Revisar el concentrador.', '', ?), "
                        "(4, 1, 'reply', 2, NULL, '¿Puede probar ahora?', '', ?), "
                        "(5, 1, 'event', NULL, NULL, 'status: assigned → in_progress', "
                        "'{\"changes\":[{\"field\":\"status\",\"from\":\"assigned\",\"to\":\"in_"
                        "progress\"}]}', ?), "
                        "(6, 1, 'reply', 2, NULL, 'Reiniciado, ya funciona.', '', ?), "
                        "(7, 2, 'reply', NULL, 2, 'Please create an account for Jo.', '', ?), "
                        "(8, 3, 'reply', NULL, 1, 'La impresora no imprime.', '', ?), "
                        "(9, 3, 'reply', 3, NULL, 'Desatascada.', '', ?)"),
                { kT0, kT0, kT0 + 5 * kMinute, kT0 + 10 * kMinute, kT0 + 11 * kMinute,
                    kT0 + 30 * kMinute, kT0 + 5 * kMinute, kT0 + 60 * kMinute, kT0 + 90 * kMinute })
            && exec(
                QStringLiteral("INSERT INTO kb_articles (id, title, body, category_id, audience, "
                               "keywords, language, author_id, created_at, updated_at) VALUES "
                               "(1, 'Configuración de la VPN', 'Pasos para configurar la VPN.', 1, "
                               "'public', 'vpn,acceso', 'es', 2, ?, ?)"),
                { kT0, kT0 })
            && exec(
                QStringLiteral(
                    "INSERT INTO sessions (token_hash, agent_id, created_at, expires_at, revoked) "
                    "VALUES "
                    "('aaaa1111', 2, ?, ?, 0), ('bbbb2222', 2, ?, ?, 1), ('cccc3333', 1, ?, ?, 0)"),
                { kT0, kT0 + 14 * 24 * 60 * kMinute, kT0 - 60 * kMinute,
                    kT0 + 14 * 24 * 60 * kMinute, kT0 + kMinute, kT0 + 14 * 24 * 60 * kMinute })
            && exec(QStringLiteral("INSERT INTO operations (op_id, agent_id, method, outcome, rev, "
                                   "applied_at) VALUES "
                                   "('4b0c9a7e-5d1f-4c3e-9a53-1f2e3d4c5b6a', 2, 'tickets.create', "
                                   "'{\"ok\":true}', 7, ?)"),
                { kT0 })
            && exec(
                QStringLiteral("INSERT INTO audit (rev, at, agent_id, entity, entity_id, version, "
                               "field, old_value, new_value) VALUES "
                               "(9, ?, 2, 'ticket', 1, 4, 'status', 'assigned', 'in_progress')"),
                { kT0 + 11 * kMinute })
            && exec(QStringLiteral(
                "INSERT INTO settings (key, value) VALUES ('desk.timeZone', 'Europe/Madrid')"))
            && exec(QStringLiteral("UPDATE meta SET value = '12' WHERE key = 'revision'"));
    }

    // Rows of the tables later steps added, for a database at `version`.
    bool seedLater(int version)
    {
        bool ok = true;
        if (version >= 2)
            ok = ok
                && exec(QStringLiteral("INSERT INTO calendars (id, name, definition) VALUES (1, "
                                       "'Madrid', '{\"timeZone\":\"Europe/Madrid\"}')"))
                && exec(QStringLiteral("UPDATE tickets SET sla = '{\"policyId\":1}', sla_fr_due_at "
                                       "= ? WHERE id = 1"),
                    { kT0 + 30 * kMinute });
        if (version >= 3)
            ok = ok
                && exec(QStringLiteral(
                            "INSERT INTO canned_responses (id, title, body, group_id, language, "
                            "keywords, active, version, created_at, updated_at) VALUES "
                            "(1, 'Contraseña restablecida', 'Hola {{customer.firstName}}', 1, "
                            "'es', 'contraseña', 1, 2, ?, ?)"),
                    { kT0, kT0 });
        if (version >= 4)
            ok = ok
                && exec(
                    QStringLiteral("INSERT INTO surveys (id, ticket_id, token_hash, created_at, "
                                   "close_at, expires_at, rating, comment, answered_at) VALUES "
                                   "(1, 3, 'dddd4444', ?, ?, ?, 'good', '¡Gracias!', ?)"),
                    { kT0 + 200 * kMinute, kT0 + 72 * 60 * kMinute, kT0 + 30 * 24 * 60 * kMinute,
                        kT0 + 300 * kMinute });
        if (version >= 5)
            ok = ok
                && exec(QStringLiteral(
                    "UPDATE agents SET presence = 'available', skills = 'vpn' WHERE id = 2"));
        if (version >= 7) // the server counts agent replies as they come from step 7 on
            ok = ok
                && exec(QStringLiteral("UPDATE tickets SET agent_replies = CASE id WHEN 1 THEN 2 "
                                       "WHEN 3 THEN 1 ELSE 0 END"));
        if (version >= 9)
            ok = ok
                && exec(QStringLiteral("UPDATE sessions SET revoked_at = created_at, "
                                       "revoked_reason = 'logged_out' WHERE revoked <> 0"));
        return ok;
    }

    bool prepare(int stepBefore, QString *error)
    {
        if (!migrateTo(stepBefore, error))
            return false;
        if (stepBefore >= 1 && (!seedSchema1() || !seedLater(stepBefore))) {
            *error = QStringLiteral("the fixture's rows could not be written at step %1")
                         .arg(stepBefore);
            return false;
        }
        return true;
    }

    // What every step must leave alone: the rows of schema 1.
    QStringList schema1Survived()
    {
        QStringList lost;
        auto expect = [&](const QString &what, const QVariant &actual, const QVariant &expected) {
            if (actual != expected)
                lost << QStringLiteral("%1: %2, expected %3")
                            .arg(what, actual.toString(), expected.toString());
        };
        expect(QStringLiteral("organisations"), count(QStringLiteral("organisations")), 1);
        expect(QStringLiteral("customers"), count(QStringLiteral("customers")), 2);
        expect(QStringLiteral("customer 1"),
            scalar(QStringLiteral(
                "SELECT name || '|' || email || '|' || language FROM customers WHERE id = 1")),
            QStringLiteral("Núria Peña|nuria@ferreteria.example|es"));
        expect(QStringLiteral("groups"), count(QStringLiteral("groups_")), 2);
        expect(QStringLiteral("agents"), count(QStringLiteral("agents")), 3);
        expect(QStringLiteral("agent 3"),
            scalar(QStringLiteral("SELECT login || '|' || name || '|' || active || '|' || version "
                                  "FROM agents WHERE id = 3")),
            QStringLiteral("bruno|Bruno Díaz|0|2"));
        expect(QStringLiteral("members"), count(QStringLiteral("group_members")), 3);
        expect(QStringLiteral("tickets"), count(QStringLiteral("tickets")), 3);
        expect(QStringLiteral("ticket 1"),
            scalar(QStringLiteral("SELECT number || '|' || subject || '|' || status || '|' || "
                                  "priority || '|' || version FROM tickets WHERE id = 1")),
            QStringLiteral("INC-000001|VPN caída en Madrid|in_progress|P1|4"));
        expect(QStringLiteral("ticket 3"),
            scalar(QStringLiteral("SELECT resolved_at FROM tickets WHERE id = 3")).toLongLong(),
            kT0 + 200 * kMinute);
        expect(QStringLiteral("articles"), count(QStringLiteral("articles")), 9);
        expect(QStringLiteral("event data"),
            scalar(QStringLiteral("SELECT data FROM articles WHERE id = 5")),
            QStringLiteral("{\"changes\":[{\"field\":\"status\",\"from\":\"assigned\",\"to\":\"in_"
                           "progress\"}]}"));
        expect(QStringLiteral("kb"),
            scalar(QStringLiteral("SELECT title FROM kb_articles WHERE id = 1")),
            QStringLiteral("Configuración de la VPN"));
        expect(QStringLiteral("sessions"), count(QStringLiteral("sessions")), 3);
        expect(QStringLiteral("operations"), count(QStringLiteral("operations")), 1);
        expect(QStringLiteral("audit"), count(QStringLiteral("audit")), 1);
        expect(QStringLiteral("revision"),
            scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'")),
            QStringLiteral("12"));
        expect(QStringLiteral("setting"),
            scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'desk.timeZone'")),
            QStringLiteral("Europe/Madrid"));
        return lost;
    }

    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
    std::unique_ptr<Dialect> m_dialect;
    std::unique_ptr<SqlContext> m_ctx;
    bool m_ok = false;
};

} // namespace

class MigrationStepsTest : public QObject
{
    Q_OBJECT
private slots:
    void theStepsAreNumberedOneToTheLatestWithoutGaps();
    void step1MakesTheSchemaOfAnEmptyDesk();
    void step2AddsSlaClocksIdleToEveryTicket();
    void step3AddsCannedResponses();
    void step4AddsSurveysAndTheReopenWindow();
    void step5GivesGroupsManualAssignmentAndAgentsNoPresence();
    void step6AddsEscalationRules();
    void step7CountsTheAgentRepliesOfEveryTicket();
    void step8GivesEveryTicketNoLinkedArticles();
    void step9GivesSessionsIdsAndTellsWhyLoggedOutOnesEnded();
    void step10IndexesArticlesByIdAndTicket();
    void step11AddsFilesAndArticlesCarryNoneYet();
    void step12AddsMailAndTheDeskKeepsItsTickets();
    void step13GivesMailArticlesTheirMailAndTicketsTheirCcList();

private:
    int m_fixtures = 0;
    QString nextName() { return QStringLiteral("migration-step-%1").arg(++m_fixtures); }
};

void MigrationStepsTest::theStepsAreNumberedOneToTheLatestWithoutGaps()
{
    const QList<Migrator::Step> steps = Migrator::builtIn(QStringLiteral("sqlite"));
    QVERIFY(steps.size() >= 10);
    for (int i = 0; i < steps.size(); ++i)
        QCOMPARE(steps.at(i).version, i + 1);
    // A step added later needs its own test here.
    QCOMPARE(steps.size(), 13);
}

#define PREPARE(f, before)                                                                         \
    Fixture f(nextName());                                                                         \
    QVERIFY(f.isOpen());                                                                           \
    {                                                                                              \
        QString prepareError;                                                                      \
        QVERIFY2(f.prepare(before, &prepareError), qPrintable(prepareError));                      \
        QVERIFY2(f.migrateTo((before) + 1, &prepareError), qPrintable(prepareError));              \
    }

void MigrationStepsTest::step1MakesTheSchemaOfAnEmptyDesk()
{
    PREPARE(f, 0);
    for (const char *t :
        { "meta", "settings", "organisations", "customers", "groups_", "agents", "group_members",
            "categories", "tickets", "articles", "kb_articles", "sessions", "operations", "audit",
            "sync_log", "visibility_log", "ticket_fts", "article_fts", "kb_fts" })
        QVERIFY2(f.hasTable(QLatin1String(t)), t);
    QCOMPARE(f.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'")).toString(),
        QStringLiteral("0"));
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'seq.incident'")).toString(),
        QStringLiteral("0"));
    QCOMPARE(f.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'seq.service_request'"))
                 .toString(),
        QStringLiteral("0"));
    QVERIFY(f.hasIndex(QStringLiteral("articles_ticket")));
    // The fixture's rows fit schema 1 (the later steps start from them).
    QVERIFY(f.seedSchema1());
    QCOMPARE(f.schema1Survived(), QStringList());
    // Full-text search folds accents.
    QVERIFY(f.exec(QStringLiteral(
        "INSERT INTO kb_fts (rowid, title, keywords, body) VALUES (1, 'Configuración', '', '')")));
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT COUNT(*) FROM kb_fts WHERE kb_fts MATCH 'configuracion'"))
            .toInt(),
        1);
}

void MigrationStepsTest::step2AddsSlaClocksIdleToEveryTicket()
{
    PREPARE(f, 1);
    QCOMPARE(f.schema1Survived(), QStringList());
    QVERIFY(f.hasTable(QStringLiteral("calendars")) && f.hasTable(QStringLiteral("sla_policies")));
    QCOMPARE(f.count(QStringLiteral("calendars")), 0);
    QCOMPARE(f.count(QStringLiteral("sla_policies")), 0);
    // No ticket had clocks: none has now, and nothing wakes the SLA engine.
    QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE sla = '' AND "
                                     "sla_fr_warn_at = 0 AND sla_fr_due_at = 0 "
                                     "AND sla_res_warn_at = 0 AND sla_res_due_at = 0"))
                 .toInt(),
        3);
    QVERIFY(
        f.exec(QStringLiteral("INSERT INTO calendars (name, definition) VALUES ('Madrid', '{}')")));
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT version FROM calendars WHERE name = 'Madrid'")).toInt(), 1);
    QVERIFY(f.refuses(QStringLiteral(
        "INSERT INTO calendars (name, definition) VALUES ('Madrid', '{}')"))); // names are unique
}

void MigrationStepsTest::step3AddsCannedResponses()
{
    PREPARE(f, 2);
    QCOMPARE(f.schema1Survived(), QStringList());
    QCOMPARE(f.scalar(QStringLiteral("SELECT name FROM calendars WHERE id = 1")).toString(),
        QStringLiteral("Madrid"));
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT sla_fr_due_at FROM tickets WHERE id = 1")).toLongLong(),
        kT0 + 30 * kMinute);
    QVERIFY(f.hasTable(QStringLiteral("canned_responses")));
    QVERIFY(f.hasIndex(QStringLiteral("canned_responses_group")));
    QVERIFY(f.exec(QStringLiteral("INSERT INTO canned_responses (title, body, created_at, "
                                  "updated_at) VALUES ('Hola', 'Hola {{customer.name}}', ?, ?)"),
        { kT0, kT0 }));
    const QVariantMap r
        = f.row(QStringLiteral("SELECT group_id, language, keywords, active, version FROM "
                               "canned_responses WHERE title = 'Hola'"));
    QVERIFY(r.value(QStringLiteral("group_id")).isNull()); // every agent's
    QCOMPARE(r.value(QStringLiteral("language")).toString(), QString());
    QCOMPARE(r.value(QStringLiteral("keywords")).toString(), QString());
    QCOMPARE(r.value(QStringLiteral("active")).toInt(), 1);
    QCOMPARE(r.value(QStringLiteral("version")).toInt(), 1);
}

void MigrationStepsTest::step4AddsSurveysAndTheReopenWindow()
{
    PREPARE(f, 3);
    QCOMPARE(f.schema1Survived(), QStringList());
    QCOMPARE(f.scalar(QStringLiteral("SELECT title FROM canned_responses WHERE id = 1")).toString(),
        QStringLiteral("Contraseña restablecida"));
    QVERIFY(f.hasTable(QStringLiteral("surveys")) && f.hasIndex(QStringLiteral("surveys_ticket")));
    QCOMPARE(
        f.count(QStringLiteral("surveys")), 0); // tickets resolved before surveys existed get none
    QCOMPARE(
        f.scalar(QStringLiteral(
                     "SELECT value FROM settings WHERE key = 'satisfaction.reopen_window_hours'"))
            .toString(),
        QStringLiteral("72"));
    QVERIFY(f.exec(QStringLiteral("INSERT INTO surveys (ticket_id, token_hash, created_at, "
                                  "close_at, expires_at) VALUES (3, 'eeee', 1, 2, 3)")));
    const QVariantMap r = f.row(QStringLiteral(
        "SELECT rating, comment, answered_at FROM surveys WHERE token_hash = 'eeee'"));
    QCOMPARE(r.value(QStringLiteral("rating")).toString(), QString()); // not answered
    QCOMPARE(r.value(QStringLiteral("comment")).toString(), QString());
    QCOMPARE(r.value(QStringLiteral("answered_at")).toLongLong(), qint64(0));
}

void MigrationStepsTest::step5GivesGroupsManualAssignmentAndAgentsNoPresence()
{
    PREPARE(f, 4);
    QCOMPARE(f.schema1Survived(), QStringList());
    QCOMPARE(f.scalar(QStringLiteral("SELECT rating FROM surveys WHERE id = 1")).toString(),
        QStringLiteral("good"));
    QVERIFY(f.hasTable(QStringLiteral("routing_rules")));
    QCOMPARE(
        f.scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM groups_ WHERE assignment = 'manual' AND rr_cursor = 0"))
            .toInt(),
        2);
    QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM agents WHERE presence = 'offline' AND "
                                     "skills = '' AND last_assigned_at = 0"))
                 .toInt(),
        3);
    QCOMPARE(f.scalar(QStringLiteral("SELECT password_hash FROM agents WHERE id = 2"))
                 .toString()
                 .left(9),
        QStringLiteral("$argon2id"));
}

void MigrationStepsTest::step6AddsEscalationRules()
{
    PREPARE(f, 5);
    QCOMPARE(f.schema1Survived(), QStringList());
    QCOMPARE(f.scalar(QStringLiteral("SELECT presence || '|' || skills FROM agents WHERE id = 2"))
                 .toString(),
        QStringLiteral("available|vpn"));
    QVERIFY(f.hasTable(QStringLiteral("escalation_rules"))
        && f.hasTable(QStringLiteral("escalations_done")));
    QCOMPARE(f.count(QStringLiteral("escalation_rules")), 0);
    QCOMPARE(f.count(QStringLiteral("escalations_done")), 0);
    // A rule escalates a ticket once per trigger and clock.
    QVERIFY(f.exec(QStringLiteral("INSERT INTO escalations_done (ticket_id, rule_id, on_event, "
                                  "clock, done_at) VALUES (1, 1, 'breach', 'resolution', 5)")));
    QVERIFY(f.refuses(QStringLiteral("INSERT INTO escalations_done (ticket_id, rule_id, on_event, "
                                     "clock, done_at) VALUES (1, 1, 'breach', 'resolution', 6)")));
    QVERIFY(f.exec(QStringLiteral("INSERT INTO escalations_done (ticket_id, rule_id, on_event, "
                                  "clock, done_at) VALUES (1, 1, 'warning', 'resolution', 6)")));
}

void MigrationStepsTest::step7CountsTheAgentRepliesOfEveryTicket()
{
    PREPARE(f, 6);
    QCOMPARE(f.schema1Survived(), QStringList());
    // Ticket 1: the customer's description, Ana's reply logged at the instant the ticket was
    // made (counted as its description), a note, two later replies and an event: 2.
    QCOMPARE(f.scalar(QStringLiteral("SELECT agent_replies FROM tickets WHERE id = 1")).toInt(), 2);
    QCOMPARE(f.scalar(QStringLiteral("SELECT agent_replies FROM tickets WHERE id = 2")).toInt(), 0);
    QCOMPARE(f.scalar(QStringLiteral("SELECT agent_replies FROM tickets WHERE id = 3")).toInt(), 1);
    QVERIFY(f.hasIndex(QStringLiteral("surveys_answered")));
    QVERIFY(f.hasIndex(QStringLiteral("tickets_status_updated")));
    // The counts are the migration's: the ticket's own version did not move.
    QCOMPARE(f.scalar(QStringLiteral("SELECT version FROM tickets WHERE id = 1")).toInt(), 4);
}

void MigrationStepsTest::step8GivesEveryTicketNoLinkedArticles()
{
    PREPARE(f, 7);
    QCOMPARE(f.schema1Survived(), QStringList());
    QCOMPARE(f.scalar(QStringLiteral("SELECT agent_replies FROM tickets WHERE id = 1")).toInt(), 2);
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE kb_article_ids = ''")).toInt(),
        3);
}

void MigrationStepsTest::step9GivesSessionsIdsAndTellsWhyLoggedOutOnesEnded()
{
    PREPARE(f, 8);
    QCOMPARE(f.schema1Survived(), QStringList());
    QVERIFY(f.hasTable(QStringLiteral("revisions")));
    QVERIFY(f.hasIndex(QStringLiteral("sessions_agent"))
        && f.hasIndex(QStringLiteral("sessions_expires")));
    // Every session kept, each with its own id, its token hash still the key it is found by.
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT COUNT(DISTINCT id) FROM sessions WHERE id > 0")).toInt(),
        3);
    const QVariantMap live
        = f.row(QStringLiteral("SELECT agent_id, created_at, expires_at, last_seen_at, address, "
                               "client, revoked, revoked_at, revoked_reason "
                               "FROM sessions WHERE token_hash = 'aaaa1111'"));
    QCOMPARE(live.value(QStringLiteral("agent_id")).toLongLong(), qint64(2));
    QCOMPARE(live.value(QStringLiteral("last_seen_at")).toLongLong(),
        kT0); // last seen: when made, the best known
    QCOMPARE(live.value(QStringLiteral("expires_at")).toLongLong(), kT0 + 14 * 24 * 60 * kMinute);
    QCOMPARE(live.value(QStringLiteral("address")).toString(), QString());
    QCOMPARE(live.value(QStringLiteral("client")).toString(), QString());
    QCOMPARE(live.value(QStringLiteral("revoked")).toInt(), 0);
    QVERIFY(live.value(QStringLiteral("revoked_at")).isNull());
    QVERIFY(live.value(QStringLiteral("revoked_reason")).isNull());
    const QVariantMap ended = f.row(QStringLiteral(
        "SELECT revoked, revoked_at, revoked_reason FROM sessions WHERE token_hash = 'bbbb2222'"));
    QCOMPARE(ended.value(QStringLiteral("revoked")).toInt(), 1);
    QCOMPARE(ended.value(QStringLiteral("revoked_at")).toLongLong(), kT0 - 60 * kMinute);
    QCOMPARE(
        ended.value(QStringLiteral("revoked_reason")).toString(), QStringLiteral("logged_out"));
    QVERIFY(f.refuses(QStringLiteral("INSERT INTO sessions (token_hash, agent_id, created_at, "
                                     "expires_at) VALUES ('aaaa1111', 1, 1, 2)"))); // still unique
    // A revision is handed out once.
    QVERIFY(f.exec(QStringLiteral("INSERT INTO revisions (rev, at) VALUES (13, 1)")));
    QVERIFY(f.refuses(QStringLiteral("INSERT INTO revisions (rev, at) VALUES (13, 2)")));
}

void MigrationStepsTest::step10IndexesArticlesByIdAndTicket()
{
    PREPARE(f, 9);
    QCOMPARE(f.schema1Survived(), QStringList());
    QCOMPARE(f.scalar(QStringLiteral(
                          "SELECT revoked_reason FROM sessions WHERE token_hash = 'bbbb2222'"))
                 .toString(),
        QStringLiteral("logged_out"));
    QVERIFY(f.hasIndex(QStringLiteral("articles_id_ticket")));
    QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM articles INDEXED BY articles_id_ticket "
                                     "WHERE id > 0 AND ticket_id = 1"))
                 .toInt(),
        6);
}

void MigrationStepsTest::step11AddsFilesAndArticlesCarryNoneYet()
{
    PREPARE(f, 10);
    QCOMPARE(f.schema1Survived(), QStringList());
    for (const char *t : { "files", "uploads", "article_files" })
        QVERIFY2(f.hasTable(QLatin1String(t)), t);
    QVERIFY(f.hasIndex(QStringLiteral("article_files_sha256")));
    QVERIFY(f.hasIndex(QStringLiteral("uploads_expires")));
    // Every article of the desk is still there, carrying no files.
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT COUNT(*) FROM articles WHERE ticket_id = 1")).toInt(), 6);
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT COUNT(*) FROM articles WHERE attachments <> ''")).toInt(),
        0);
}

void MigrationStepsTest::step12AddsMailAndTheDeskKeepsItsTickets()
{
    PREPARE(f, 11);
    QCOMPARE(f.schema1Survived(), QStringList());
    for (const char *t :
        { "mail_accounts", "mail_messages", "mail_raw", "ticket_mail_addresses", "mail_outbox" })
        QVERIFY2(f.hasTable(QLatin1String(t)), t);
    QVERIFY(f.hasIndex(QStringLiteral("mail_outbox_due")));
    QVERIFY(f.hasIndex(QStringLiteral("mail_messages_sender")));
    // The desk's tickets and conversations are untouched; no mail is known yet.
    QCOMPARE(
        f.scalar(QStringLiteral("SELECT COUNT(*) FROM articles WHERE ticket_id = 1")).toInt(), 6);
    QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM mail_messages")).toInt(), 0);
}

void MigrationStepsTest::step13GivesMailArticlesTheirMailAndTicketsTheirCcList()
{
    Fixture f(nextName());
    QVERIFY(f.isOpen());
    QString error;
    QVERIFY2(f.prepare(12, &error), qPrintable(error));
    // A desk of schema 12 with mail: Tom's request (ticket 2, article 7) came in by mail with
    // his boss in CC; two of Ana's replies on ticket 1 went out by mail, one failed for good
    // (article 4) and one sent (article 6).
    QVERIFY(f.exec(QStringLiteral(
        "INSERT INTO mail_accounts (id, name, address, display_name, group_id, imap, created_at) "
        "VALUES (1, 'soporte', 'soporte@desk.example', 'Soporte', 1, '{}', 1)")));
    QVERIFY(
        f.exec(QStringLiteral(
                   "INSERT INTO mail_messages (id, message_id, direction, account_id, "
                   "ticket_id, article_id, threaded_by, automatic, from_address, recipients, "
                   "subject, note, quoted, html, created_at) VALUES "
                   "(1, 'alta@ferreteria.example', 'in', 1, 2, 7, 'new', '', "
                   "'tom@ferreteria.example', "
                   "'{\"to\":[\"soporte@desk.example\"],\"cc\":[\"jefa@ferreteria.example\"]}', "
                   "'Alta de usuario', '', '> earlier', '<p>hi</p>', ?), "
                   "(2, 'atd.1.6.abc@desk.example', 'out', NULL, 1, 6, 'sent', '', '', "
                   "'{\"to\":[\"nuria@ferreteria.example\"],\"cc\":[]}', "
                   "'Re: [INC-000001] VPN caída en Madrid', '', '', '', ?)"),
            { kT0 + 5 * kMinute, kT0 + 31 * kMinute }));
    QVERIFY(f.exec(QStringLiteral(
        "INSERT INTO ticket_mail_addresses (ticket_id, address, role) VALUES "
        "(2, 'jefa@ferreteria.example', 'cc'), (2, 'tom@ferreteria.example', 'from')")));
    QVERIFY(f.exec(
        QStringLiteral("INSERT INTO mail_outbox (id, account_id, ticket_id, article_id, kind, "
                       "to_address, recipients, state, attempts, next_at, last_error, "
                       "message_id, created_at, sent_at) VALUES "
                       "(1, 1, 1, 4, 'reply', 'nuria@ferreteria.example', "
                       "'{\"to\":[\"nuria@ferreteria.example\"],\"cc\":[]}', 'failed', 6, ?, "
                       "'connection refused', '', ?, NULL), "
                       "(2, 1, 1, 6, 'reply', 'nuria@ferreteria.example', "
                       "'{\"to\":[\"nuria@ferreteria.example\"],\"cc\":[]}', 'sent', 1, ?, "
                       "'', 'atd.1.6.abc@desk.example', ?, ?), "
                       "(3, 1, 2, NULL, 'ack', 'tom@ferreteria.example', "
                       "'{\"to\":[\"tom@ferreteria.example\"],\"cc\":[]}', 'sent', 1, ?, "
                       "'', '', ?, ?)"),
        { kT0 + 10 * kMinute, kT0 + 10 * kMinute, kT0 + 30 * kMinute, kT0 + 30 * kMinute,
            kT0 + 31 * kMinute + 7, kT0 + 5 * kMinute, kT0 + 5 * kMinute, kT0 + 6 * kMinute }));
    QVERIFY2(f.migrateTo(13, &error), qPrintable(error));
    QCOMPARE(f.schema1Survived(), QStringList());

    const auto mailOf = [&](int article) {
        const QString text
            = f.scalar(QStringLiteral("SELECT mail FROM articles WHERE id = ?"), { article })
                  .toString();
        return Atiende::Core::ArticleMail::fromJson(
            QJsonDocument::fromJson(text.toUtf8()).object());
    };
    using Atiende::Core::ArticleMail;
    const ArticleMail in = mailOf(7);
    QCOMPARE(in.direction, ArticleMail::Direction::In);
    QCOMPARE(in.from, QStringLiteral("Tom Baker <tom@ferreteria.example>"));
    QCOMPARE(in.to, QStringList { QStringLiteral("soporte@desk.example") });
    QCOMPARE(in.cc, QStringList { QStringLiteral("jefa@ferreteria.example") });
    QCOMPARE(in.subject, QStringLiteral("Alta de usuario"));
    QCOMPARE(in.threadedBy, QStringLiteral("new"));
    QVERIFY(in.hasQuoted && in.hasHtml);
    const ArticleMail failed = mailOf(4);
    QCOMPARE(failed.direction, ArticleMail::Direction::Out);
    QCOMPARE(failed.from, QStringLiteral("soporte@desk.example"));
    QCOMPARE(failed.to, QStringList { QStringLiteral("nuria@ferreteria.example") });
    QCOMPARE(failed.state, ArticleMail::State::Failed);
    QCOMPARE(failed.attempts, 6);
    QCOMPARE(failed.error, QStringLiteral("connection refused"));
    QCOMPARE(failed.subject, QStringLiteral("Re: [INC-000001] VPN caída en Madrid"));
    QCOMPARE(failed.sentAt, qint64(0));
    const ArticleMail sent = mailOf(6);
    QCOMPARE(sent.state, ArticleMail::State::Sent);
    QCOMPARE(sent.sentAt, kT0 + 31 * kMinute + 7);
    // Articles that were no mail carry none.
    QCOMPARE(f.scalar(QStringLiteral("SELECT COUNT(*) FROM articles WHERE mail <> ''")).toInt(), 3);
    // The CC list moved to the ticket, its requester left out; the old table is gone.
    QCOMPARE(f.scalar(QStringLiteral("SELECT cc FROM tickets WHERE id = 2")).toString(),
        QStringLiteral("[\"jefa@ferreteria.example\"]"));
    QCOMPARE(f.scalar(QStringLiteral("SELECT cc FROM tickets WHERE id = 1")).toString(), QString());
    QVERIFY(!f.hasTable(QStringLiteral("ticket_mail_addresses")));
}

QTEST_GUILESS_MAIN(MigrationStepsTest)
#include "tst_migration_steps.moc"
