// atiended demo-data: a desk as big as the issue asks for, made through the store's own rules,
// the same for the same seed, with the demo users and a backlog in every status.

#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/demo/demodata.h"
#include "server/store/store.h"

#include "core/domain/enums.h"
#include "core/domain/ticketlifecycle.h"
#include "core/text/placeholders.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;

namespace {

constexpr qint64 kNow = 1767225600000; // 2026-01-01T00:00:00Z
constexpr qint64 kDay = 24 * 3600 * 1000;

std::unique_ptr<Store> openStore(const QTemporaryDir &dir, QString *error)
{
    return Store::open(dir.filePath(QStringLiteral("atiende.db")), true, error);
}

DemoData::Options smallDesk(quint32 seed = 7)
{
    DemoData::Options o;
    o.seed = seed;
    o.customers = 100;
    o.organisations = 10;
    o.tickets = 300;
    o.kbArticles = 40;
    o.now = kNow;
    return o;
}

int count(Store &store, const QString &sql, const QVariantList &values = {})
{
    return store.sql().scalar(sql, values).toInt();
}

// Every row of a query, each row's columns joined by '|': easy to compare and to print.
QStringList rows(Store &store, const QString &sql)
{
    QStringList out;
    QSqlQuery *q = store.sql().run(sql);
    while (q && q->next()) {
        QStringList columns;
        for (int i = 0; i < q->record().count(); ++i)
            columns << q->value(i).toString();
        out << columns.join(QLatin1Char('|'));
    }
    return out;
}

} // namespace

class DemoDataTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fillsTheDeskWithEverythingTheIssueAsksFor();
    void isTheSameForTheSameSeed();
    void demoUsersLogInWithDemo();
    void buildsOnAFreshlyInitialisedStore();
    void refusesAStoreWithTickets();
    void ticketsFollowTheLifecycle();
    void ticketsHappenBeforeNowInOrder();
    void isBilingual();
    void cannedResponsesComeInBothLanguagesAndFillIn();
    void kbSearchFoldsAccents();
    void openBacklogInEveryStatus();
    void aSmallDeskStillHasEveryStatus();
    void otherSizesWork_data();
    void otherSizesWork();

private:
    QTemporaryDir m_fullDir;
    std::unique_ptr<Store> m_full; // the default desk, made once
    QString m_fullSummary;
    qint64 m_fullNow = 0;
};

void DemoDataTest::initTestCase()
{
    QVERIFY(PasswordHasher::initialise());
    QVERIFY(m_fullDir.isValid());
    QString error;
    m_full = openStore(m_fullDir, &error);
    QVERIFY2(m_full, qPrintable(error));
    m_fullNow = QDateTime::currentMSecsSinceEpoch();
    DemoData demo(*m_full, DemoData::Options {});
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(demo.generate(&error), qPrintable(error));
    m_fullSummary = demo.summary();
    qInfo("%s (measured %lld ms)", qPrintable(m_fullSummary), timer.elapsed());
}

void DemoDataTest::fillsTheDeskWithEverythingTheIssueAsksFor()
{
    Store &s = *m_full;
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM groups_")) >= 3);
    QCOMPARE(rows(s, QStringLiteral("SELECT DISTINCT tier FROM groups_ ORDER BY tier")),
        (QStringList { QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3") }));
    QCOMPARE(count(s,
                 QStringLiteral(
                     "SELECT COUNT(*) FROM agents WHERE login NOT IN ('agent', 'lead', 'admin')")),
        12);
    QCOMPARE(count(s,
                 QStringLiteral(
                     "SELECT COUNT(*) FROM agents WHERE login IN ('agent', 'lead', 'admin')")),
        3);
    QVERIFY(
        count(s,
            QStringLiteral("SELECT COUNT(*) FROM agents WHERE role = 'lead' AND login <> 'lead'"))
        >= 1);
    QCOMPARE(count(s, QStringLiteral("SELECT COUNT(*) FROM organisations")), 40);
    QCOMPARE(count(s, QStringLiteral("SELECT COUNT(*) FROM customers")), 500);
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM categories")) >= 12);
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM categories WHERE parent_id IS NOT NULL"))
        >= 3);
    QCOMPARE(count(s, QStringLiteral("SELECT COUNT(*) FROM kb_articles")), 300);
    QCOMPARE(count(s, QStringLiteral("SELECT COUNT(*) FROM tickets")), 5000);
    // Every organisation has people; domains are invented.
    QCOMPARE(count(s,
                 QStringLiteral("SELECT COUNT(*) FROM organisations o WHERE NOT EXISTS "
                                "(SELECT 1 FROM customers c WHERE c.organisation_id = o.id)")),
        0);
    QCOMPARE(
        count(s,
            QStringLiteral("SELECT COUNT(*) FROM organisations WHERE domain NOT LIKE '%.example'")),
        0);
    QCOMPARE(
        count(s,
            QStringLiteral(
                "SELECT COUNT(*) FROM customers c JOIN organisations o ON o.id = c.organisation_id "
                "WHERE c.email NOT LIKE '%@' || o.domain")),
        0);
    // Tickets spread over the twelve months before now, with conversations.
    const qint64 oldest
        = s.sql().scalar(QStringLiteral("SELECT MIN(created_at) FROM tickets")).toLongLong();
    QVERIFY(oldest >= m_fullNow - 366 * kDay);
    QVERIFY(oldest < m_fullNow - 330 * kDay);
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM articles WHERE kind = 'note'")) > 1000);
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE reopen_count > 0")) > 0);
    // Some subjects with emoji and quotes.
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE subject LIKE '%\"%'")) > 0);
    QVERIFY(count(s,
                QStringLiteral(
                    "SELECT COUNT(*) FROM tickets WHERE subject LIKE '%🔥%' OR subject LIKE '%😱%'"))
        > 0);

    QVERIFY2(m_fullSummary.startsWith(QStringLiteral(
                 "demo data: 4 groups, 15 agents (agent, lead, admin: password demo), "
                 "40 organisations, 500 customers, 15 categories, 300 KB articles, "
                 "26 canned responses, 5000 tickets (")),
        qPrintable(m_fullSummary));
    QVERIFY(m_fullSummary.endsWith(QStringLiteral(" s")));
}

void DemoDataTest::isTheSameForTheSameSeed()
{
    QString error;
    const QString tickets = QStringLiteral(
        "SELECT number, subject, status, created_at, updated_at, group_id, assignee_id, "
        "customer_id FROM tickets ORDER BY id");
    const QString articles
        = QStringLiteral("SELECT ticket_id, kind, created_at, body FROM articles ORDER BY id");
    QList<QStringList> seen;
    for (quint32 seed : { 7u, 7u, 8u }) {
        QTemporaryDir dir;
        auto store = openStore(dir, &error);
        QVERIFY2(store, qPrintable(error));
        DemoData demo(*store, smallDesk(seed));
        QVERIFY2(demo.generate(&error), qPrintable(error));
        seen << rows(*store, tickets) + rows(*store, articles)
                + rows(*store, QStringLiteral("SELECT name, email FROM customers"));
    }
    QCOMPARE(seen.at(0).size(), seen.at(1).size());
    QCOMPARE(seen.at(0), seen.at(1));
    QVERIFY(seen.at(0) != seen.at(2));
}

void DemoDataTest::demoUsersLogInWithDemo()
{
    Store &s = *m_full;
    const QList<Group> groups = s.directory().groups();
    qint64 serviceDesk = 0;
    for (const Group &g : groups) {
        if (g.name == QLatin1String("Service Desk"))
            serviceDesk = g.id;
    }
    QVERIFY(serviceDesk);
    for (const char *login : { "agent", "lead", "admin", "lucia.martin" }) {
        const auto creds = s.directory().credentials(QString::fromLatin1(login));
        QVERIFY2(creds, login);
        QVERIFY2(PasswordHasher::verify(creds->passwordHash, QStringLiteral("demo")), login);
        QVERIFY(!PasswordHasher::verify(creds->passwordHash, QStringLiteral("Demo")));
        QVERIFY(creds->agent.active);
    }
    const Agent agent = s.directory().credentials(QStringLiteral("agent"))->agent;
    QCOMPARE(agent.role, Role::Agent);
    QCOMPARE(agent.groupIds, QList<qint64> { serviceDesk });
    const Agent lead = s.directory().credentials(QStringLiteral("lead"))->agent;
    QCOMPARE(lead.role, Role::Lead);
    QCOMPARE(lead.groupIds.size(), 2);
    QVERIFY(lead.groupIds.contains(serviceDesk));
    QCOMPARE(
        s.directory()
            .group(lead.groupIds.at(0) == serviceDesk ? lead.groupIds.at(1) : lead.groupIds.at(0))
            ->tier,
        2);
    const Agent admin = s.directory().credentials(QStringLiteral("admin"))->agent;
    QCOMPARE(admin.role, Role::Admin);
    QCOMPARE(admin.groupIds.size(), groups.size());
    // The demo users have work waiting when they log in.
    const Caller caller = s.directory().callerFor(agent);
    TicketFilter mine;
    mine.assigneeId = agent.id;
    mine.openOnly = true;
    const OpResult r = s.tickets().query(caller, mine);
    QVERIFY(r.ok);
    QVERIFY(r.result.toObject().value(QStringLiteral("total")).toInt() > 0);
}

void DemoDataTest::buildsOnAFreshlyInitialisedStore()
{
    QTemporaryDir dir;
    QString error;
    auto store = openStore(dir, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY2(Setup(*store).init(QStringLiteral("admin"), QStringLiteral("Ana Admin"),
                 QStringLiteral("secret"), &error),
        qPrintable(error));
    DemoData demo(*store, smallDesk());
    QVERIFY2(demo.generate(&error), qPrintable(error));
    QVERIFY2(demo.summary().contains(QStringLiteral("admin kept its password")),
        qPrintable(demo.summary()));
    QCOMPARE(
        count(*store, QStringLiteral("SELECT COUNT(*) FROM groups_ WHERE name = 'Service Desk'")),
        1);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM agents WHERE login = 'admin'")), 1);
    const auto admin = store->directory().credentials(QStringLiteral("admin"));
    QVERIFY(PasswordHasher::verify(admin->passwordHash, QStringLiteral("secret")));
    QVERIFY(PasswordHasher::verify(
        store->directory().credentials(QStringLiteral("agent"))->passwordHash,
        QStringLiteral("demo")));
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM tickets")), 300);
}

void DemoDataTest::refusesAStoreWithTickets()
{
    QTemporaryDir dir;
    QString error;
    auto store = openStore(dir, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY2(DemoData(*store, smallDesk()).generate(&error), qPrintable(error));
    const qint64 revision = store->sync().committedRevision();

    DemoData again(*store, smallDesk(9));
    QVERIFY(!again.generate(&error));
    QVERIFY2(error.contains(QStringLiteral("tickets")), qPrintable(error));
    QVERIFY(again.summary().isEmpty());
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM tickets")), 300);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM agents")), 15);
    QCOMPARE(store->sync().committedRevision(), revision);
}

void DemoDataTest::ticketsFollowTheLifecycle()
{
    Store &s = *m_full;
    // Resolution and closing instants match the status.
    QCOMPARE(count(s,
                 QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status = 'closed' AND "
                                "(COALESCE(closed_at, 0) = 0 "
                                "OR COALESCE(resolved_at, 0) = 0 OR closed_at < resolved_at)")),
        0);
    QCOMPARE(count(s,
                 QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status = 'resolved' AND "
                                "(COALESCE(resolved_at, 0) = 0 "
                                "OR COALESCE(closed_at, 0) <> 0)")),
        0);
    QCOMPARE(count(s,
                 QStringLiteral(
                     "SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved', 'closed') "
                     "AND (COALESCE(resolved_at, 0) <> 0 OR COALESCE(closed_at, 0) <> 0)")),
        0);
    // Owners: every assignee is an active member of the ticket's group; working states have one.
    QCOMPARE(
        count(s,
            QStringLiteral(
                "SELECT COUNT(*) FROM tickets t WHERE t.assignee_id IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM group_members m JOIN agents a ON a.id = m.agent_id "
                "WHERE m.group_id = t.group_id AND m.agent_id = t.assignee_id AND a.active = 1)")),
        0);
    QCOMPARE(count(s,
                 QStringLiteral(
                     "SELECT COUNT(*) FROM tickets WHERE status IN ('assigned', 'in_progress', "
                     "'pending_customer', 'pending_third_party') AND assignee_id IS NULL")),
        0);
    QCOMPARE(
        count(s,
            QStringLiteral(
                "SELECT COUNT(*) FROM tickets WHERE status = 'new' AND assignee_id IS NOT NULL")),
        0);
    // Every status change in the journal is one the lifecycle allows.
    int changes = 0;
    QSqlQuery *q = s.sql().run(QStringLiteral(
        "SELECT old_value, new_value FROM audit WHERE entity = 'ticket' AND field = 'status'"));
    QVERIFY(q);
    while (q->next()) {
        const auto from = fromString<TicketStatus>(q->value(0).toString());
        const auto to = fromString<TicketStatus>(q->value(1).toString());
        QVERIFY(from && to);
        QVERIFY2(TicketLifecycle::canTransition(*from, *to),
            qPrintable(q->value(0).toString() + QStringLiteral(" -> ") + q->value(1).toString()));
        ++changes;
    }
    QVERIFY(changes > 10000);
    // Conversations: the description plus replies and notes, one to eight per ticket.
    QCOMPARE(rows(s,
                 QStringLiteral(
                     "SELECT MIN(n) >= 1, MAX(n) <= 8 FROM (SELECT COUNT(*) AS n FROM articles "
                     "WHERE kind <> 'event' GROUP BY ticket_id)")),
        QStringList { QStringLiteral("1|1") });
    QCOMPARE(
        count(s,
            QStringLiteral("SELECT COUNT(DISTINCT ticket_id) FROM articles WHERE kind <> 'event'")),
        5000);
    // Escalations happened, to second and third tier.
    QVERIFY(count(s,
                QStringLiteral("SELECT COUNT(*) FROM tickets t JOIN groups_ g ON g.id = t.group_id "
                               "WHERE g.tier = 2"))
        > 100);
    QVERIFY(count(s,
                QStringLiteral("SELECT COUNT(*) FROM tickets t JOIN groups_ g ON g.id = t.group_id "
                               "WHERE g.tier = 3"))
        > 50);
}

void DemoDataTest::ticketsHappenBeforeNowInOrder()
{
    Store &s = *m_full;
    const qint64 done = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(
        count(s, QStringLiteral("SELECT COUNT(*) FROM articles WHERE created_at >= ?"), { done }),
        0);
    QCOMPARE(
        count(s,
            QStringLiteral(
                "SELECT COUNT(*) FROM tickets WHERE updated_at >= ? OR updated_at < created_at"),
            { done }),
        0);
    // Within a ticket, later articles never carry an earlier instant.
    QCOMPARE(count(s,
                 QStringLiteral(
                     "SELECT COUNT(*) FROM articles a JOIN articles b ON b.ticket_id = a.ticket_id "
                     "AND b.id > a.id AND b.created_at <= a.created_at")),
        0);
    QCOMPARE(
        count(s,
            QStringLiteral("SELECT COUNT(*) FROM articles a JOIN tickets t ON t.id = a.ticket_id "
                           "WHERE a.created_at < t.created_at")),
        0);
    // Tickets were opened in creation order, so numbers follow time.
    QCOMPARE(count(s,
                 QStringLiteral("SELECT COUNT(*) FROM tickets a JOIN tickets b ON b.id = a.id + 1 "
                                "AND b.created_at < a.created_at")),
        0);
    // KB articles too.
    QCOMPARE(count(s,
                 QStringLiteral("SELECT COUNT(*) FROM kb_articles WHERE updated_at < created_at OR "
                                "updated_at >= ?"),
                 { done }),
        0);
}

void DemoDataTest::isBilingual()
{
    Store &s = *m_full;
    const int spanish
        = count(s, QStringLiteral("SELECT COUNT(*) FROM customers WHERE language = 'es'"));
    const int english
        = count(s, QStringLiteral("SELECT COUNT(*) FROM customers WHERE language = 'en'"));
    QCOMPARE(spanish + english, 500);
    QVERIFY2(spanish >= 250 && spanish <= 350, qPrintable(QString::number(spanish))); // about 60 %
    QCOMPARE(
        count(s, QStringLiteral("SELECT COUNT(*) FROM kb_articles WHERE language = 'es'")), 150);
    QCOMPARE(
        count(s, QStringLiteral("SELECT COUNT(*) FROM kb_articles WHERE language = 'en'")), 150);
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM kb_articles WHERE audience = 'public'"))
        > 100);
    QVERIFY(
        count(s, QStringLiteral("SELECT COUNT(*) FROM kb_articles WHERE audience = 'agent'")) > 50);

    // Replies are in the customer's language: a Spanish greeting for Spanish speakers only.
    const QString repliesTo
        = QStringLiteral("SELECT COUNT(*) FROM articles a JOIN tickets t ON t.id = a.ticket_id "
                         "JOIN customers c ON c.id = t.customer_id WHERE a.kind = 'reply' "
                         "AND a.author_agent_id IS NOT NULL AND c.language = ? AND a.body LIKE ?");
    QVERIFY(count(s, repliesTo, { QStringLiteral("es"), QStringLiteral("Hola%") }) > 1000);
    QVERIFY(count(s, repliesTo, { QStringLiteral("en"), QStringLiteral("Hi %") }) > 500);
    QCOMPARE(count(s, repliesTo, { QStringLiteral("en"), QStringLiteral("Hola%") }), 0);
    QCOMPARE(count(s, repliesTo, { QStringLiteral("es"), QStringLiteral("Hi %") }), 0);

    // Spanish text keeps its accents; code blocks of several languages appear in the KB.
    QVERIFY(count(s,
                QStringLiteral(
                    "SELECT COUNT(*) FROM tickets WHERE subject LIKE '%ó%' OR subject LIKE '%ñ%'"))
        > 100);
    for (const char *fence : { "```powershell", "```bash", "```sql", "```text" })
        QVERIFY2(count(s, QStringLiteral("SELECT COUNT(*) FROM kb_articles WHERE body LIKE ?"),
                     { QStringLiteral("%") + QLatin1String(fence) + QStringLiteral("%") })
                > 0,
            fence);
}

void DemoDataTest::cannedResponsesComeInBothLanguagesAndFillIn()
{
    Store &s = *m_full;
    // The same set in each language, at least ten, most for every agent and some per group.
    const int spanish = count(s,
        QStringLiteral(
            "SELECT COUNT(*) FROM canned_responses WHERE language = 'es' AND active = 1"));
    QVERIFY2(spanish >= 10, qPrintable(QString::number(spanish)));
    QCOMPARE(count(s,
                 QStringLiteral(
                     "SELECT COUNT(*) FROM canned_responses WHERE language = 'en' AND active = 1")),
        spanish);
    QVERIFY(count(s, QStringLiteral("SELECT COUNT(*) FROM canned_responses WHERE group_id IS NULL"))
        >= spanish);
    QVERIFY(
        count(s, QStringLiteral("SELECT COUNT(*) FROM canned_responses WHERE group_id IS NOT NULL"))
        >= 4);
    // What a user test asked for, in both languages.
    for (const char *title :
        { "Contraseña restablecida", "Password reset done", "VPN: reinstalar el perfil",
            "VPN: reinstall the profile", "A la espera de información", "Awaiting information",
            "Confirmación de resolución", "Resolution confirmation", "Sustitución de equipo",
            "Hardware replacement", "Solicitud de acceso recibida", "Access request received",
            "Incidencia general: la estamos atendiendo", "Outage acknowledged" })
        QVERIFY2(count(s, QStringLiteral("SELECT COUNT(*) FROM canned_responses WHERE title = ?"),
                     { QString::fromUtf8(title) })
                == 1,
            title);

    // The demo agent (Service Desk only) has most of them to use, and each fills in for one of
    // their tickets: the customer's name and the ticket's number, no placeholder left over.
    const auto agent = s.directory().credentials(QStringLiteral("agent"));
    QVERIFY(agent);
    const Caller caller = s.directory().callerFor(agent->agent);
    const QJsonArray usable = s.canned()
                                  .list(caller, 0, QString())
                                  .result.toObject()
                                  .value(QStringLiteral("responses"))
                                  .toArray();
    QVERIFY2(usable.size() >= 2 * 10, qPrintable(QString::number(usable.size())));
    const qint64 ticketId
        = s.sql()
              .scalar(QStringLiteral(
                          "SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id "
                          "WHERE t.group_id = ? AND c.language = 'es' AND c.organisation_id IS NOT "
                          "NULL ORDER BY t.id LIMIT 1"),
                  { double(caller.groupIds.value(0)) })
              .toLongLong();
    QVERIFY(ticketId);
    const Ticket ticket = *s.tickets().ticket(ticketId);
    const QString firstName
        = Placeholders::firstNameOf(s.directory().customer(ticket.customerId)->name);
    for (const QJsonValue &v : usable) {
        const QJsonObject o = v.toObject();
        const OpResult r
            = s.canned().render(caller, o.value(QStringLiteral("id")).toInteger(), ticketId);
        QVERIFY2(r.ok, qPrintable(r.error.message));
        const QString body = r.result.toObject().value(QStringLiteral("body")).toString();
        QVERIFY2(!body.contains(QStringLiteral("{{")), qPrintable(body));
        QVERIFY2(r.result.toObject().value(QStringLiteral("missing")).toArray().isEmpty(),
            qPrintable(o.value(QStringLiteral("title")).toString()));
        QVERIFY2(body.contains(firstName), qPrintable(body));
    }
}

void DemoDataTest::kbSearchFoldsAccents()
{
    const OpResult r = m_full->kb().search(QStringLiteral("configuracion"), false, 0, 10);
    QVERIFY(r.ok);
    const QJsonArray results = r.result.toObject().value(QStringLiteral("results")).toArray();
    QVERIFY(!results.isEmpty());
    bool accented = false;
    for (const QJsonValue &v : results) {
        const auto a
            = m_full->kb().article(qint64(v.toObject().value(QStringLiteral("id")).toDouble()));
        QVERIFY(a);
        accented = accented || (a->title + a->body).contains(QStringLiteral("configuración"));
    }
    QVERIFY(accented);
}

void DemoDataTest::openBacklogInEveryStatus()
{
    Store &s = *m_full;
    for (const QString &status : wireNames<TicketStatus>())
        QVERIFY2(
            count(s, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status = ?"), { status })
                >= 3,
            qPrintable(status));
    // Unassigned work waits in the queue, also beyond the first line.
    QVERIFY(
        count(s, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE assignee_id IS NULL")) >= 3);
    // The backlog is recent; what is older than a month is, but for a few, closed.
    const qint64 monthAgo = m_fullNow - 30 * kDay;
    const int old = count(
        s, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE created_at < ?"), { monthAgo });
    const int oldOpen = count(s,
        QStringLiteral("SELECT COUNT(*) FROM tickets WHERE created_at < ? AND status <> 'closed'"),
        { monthAgo });
    QVERIFY2(oldOpen * 100 < old, qPrintable(QStringLiteral("%1 of %2").arg(oldOpen).arg(old)));
    const int open = count(s,
        QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status NOT IN ('resolved', 'closed')"));
    QVERIFY(open >= 50);
    QVERIFY2(m_fullSummary.contains(QStringLiteral("5000 tickets (%1 open)").arg(open)),
        qPrintable(m_fullSummary));
}

void DemoDataTest::aSmallDeskStillHasEveryStatus()
{
    QTemporaryDir dir;
    QString error;
    auto store = openStore(dir, &error);
    QVERIFY2(store, qPrintable(error));
    DemoData::Options o = smallDesk();
    o.groups = 3;
    o.agents = 5;
    o.tickets = 60;
    QVERIFY2(DemoData(*store, o).generate(&error), qPrintable(error));
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM groups_")), 3);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM agents")), 8);
    for (const QString &status : wireNames<TicketStatus>())
        QVERIFY2(count(*store, QStringLiteral("SELECT COUNT(*) FROM tickets WHERE status = ?"),
                     { status })
                >= 1,
            qPrintable(status));
}

void DemoDataTest::otherSizesWork_data()
{
    QTest::addColumn<int>("groups");
    QTest::addColumn<int>("agents");
    QTest::addColumn<int>("organisations");
    QTest::addColumn<int>("customers");
    QTest::addColumn<int>("kbArticles");
    QTest::addColumn<int>("tickets");
    QTest::newRow("every group, more agents, organisations and articles than the tables")
        << 6 << 20 << 45 << 120 << 400 << 200;
    QTest::newRow("no organisations") << 4 << 12 << 0 << 30 << 10 << 50;
    QTest::newRow("no tickets") << 4 << 12 << 5 << 10 << 0 << 0;
    QTest::newRow("asks for fewer groups than the minimum") << 1 << 3 << 3 << 10 << 5 << 40;
}

void DemoDataTest::otherSizesWork()
{
    QFETCH(int, groups);
    QFETCH(int, agents);
    QFETCH(int, organisations);
    QFETCH(int, customers);
    QFETCH(int, kbArticles);
    QFETCH(int, tickets);
    QTemporaryDir dir;
    QString error;
    auto store = openStore(dir, &error);
    QVERIFY2(store, qPrintable(error));
    DemoData::Options o = smallDesk();
    o.groups = groups;
    o.agents = agents;
    o.organisations = organisations;
    o.customers = customers;
    o.kbArticles = kbArticles;
    o.tickets = tickets;
    QVERIFY2(DemoData(*store, o).generate(&error), qPrintable(error));
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM groups_")), qMax(3, groups));
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM agents")), agents + 3);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(DISTINCT login) FROM agents")), agents + 3);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM organisations")), organisations);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(DISTINCT domain) FROM organisations")),
        organisations);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM customers")), customers);
    QCOMPARE(
        count(*store, QStringLiteral("SELECT COUNT(DISTINCT email) FROM customers")), customers);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM kb_articles")), kbArticles);
    QCOMPARE(
        count(*store, QStringLiteral("SELECT COUNT(DISTINCT title) FROM kb_articles")), kbArticles);
    QCOMPARE(count(*store, QStringLiteral("SELECT COUNT(*) FROM tickets")), tickets);
    // Every group has somebody to work its queue.
    QCOMPARE(count(*store,
                 QStringLiteral("SELECT COUNT(*) FROM groups_ g WHERE NOT EXISTS "
                                "(SELECT 1 FROM group_members m WHERE m.group_id = g.id)")),
        0);
}

QTEST_GUILESS_MAIN(DemoDataTest)
#include "tst_demodata.moc"
