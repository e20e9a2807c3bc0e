// The dashboard and reports over the protocol, against atiended as a real process: who may
// subscribe to what (agents never, leads only to the groups they lead, admins to anything),
// the pushes that follow a change in scope and only then, a lead's dashboard following their
// group membership, presence, and reports with their bounds.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include "core/protocol/errorcode.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

class ServerDashboardTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void agentsAreRefused();
    void aLeadSeesTheGroupsTheyLeadAndNoOther();
    void adminsSeeAnyGroupOrTheWholeDesk();
    void badParamsGetTheDocumentedErrors();
    void aChangeInScopeIsPushedAndOnlyThen();
    void presenceReachesTheDashboard();
    void aLeadsDashboardFollowsTheirGroups();
    void reportsHaveTheSameRulesAndBounds();

private:
    std::unique_ptr<TestClient> login(const QString &user);
    qint64 create(TestClient &c, qint64 groupId);
    static int dashboardPushes(const TestClient &c);
    static QJsonObject lastPush(const TestClient &c);
    bool controlSawTwoTickets(TestClient &creator, qint64 groupId, const QString &stage);

    ServerProcess m_server;
    Desk m_desk;
    qint64 m_vendors = 0;
    qint64 m_vera = 0;
};

void ServerDashboardTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    {
        // A third group nobody of the seeded desk leads, with its own agent.
        auto store = Server::Store::open(
            QDir(m_server.dataDir()).filePath(QStringLiteral("atiende.db")), false, &error);
        QVERIFY2(store, qPrintable(error));
        Server::Setup setup(*store);
        QVERIFY(store->sync().loadRevision() && store->begin());
        m_vendors = setup.addGroup(
            Core::Group { 0, QStringLiteral("Vendors"), 3, QStringLiteral("third parties"), 0 },
            &error);
        Core::Agent vera;
        vera.login = QStringLiteral("vera");
        vera.name = QStringLiteral("Vera");
        vera.role = Core::Role::Lead;
        vera.groupIds = { m_vendors };
        m_vera = setup.addAgent(vera, QStringLiteral("pw-vera"), &error);
        QVERIFY2(m_vendors && m_vera && store->sync().saveRevision() && store->commit(),
            qPrintable(error));
    }
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
}

std::unique_ptr<TestClient> ServerDashboardTest::login(const QString &user)
{
    auto c = std::make_unique<TestClient>();
    if (!c->open(m_server.url()) || !c->login(user, QStringLiteral("pw-") + user))
        return nullptr;
    return c;
}

qint64 ServerDashboardTest::create(TestClient &c, qint64 groupId)
{
    const Client::RpcReply r = c.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("No imprime la impresora de la planta 2") },
            { QStringLiteral("groupId"), double(groupId) },
            { QStringLiteral("opId"), newOpId() } });
    if (!r.ok)
        qWarning() << r.error.message;
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

int ServerDashboardTest::dashboardPushes(const TestClient &c)
{
    int n = 0;
    for (const Notification &note : c.notifications())
        n += note.method == QLatin1String("dashboard.changed");
    return n;
}

// "Nothing is pushed" is checked against a control instead of a wait: an admin subscribed to
// the group sees a ticket of it pushed at once, which opens its 200 ms window, and a second one
// at the end of that window; by then any push of the same change to a connection whose window
// opened earlier has been sent too.
bool ServerDashboardTest::controlSawTwoTickets(
    TestClient &creator, qint64 groupId, const QString &stage)
{
    auto control = login(QStringLiteral("admin"));
    if (!control)
        return false;
    const Client::RpcReply first = control->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("groupIds"), QJsonArray { double(groupId) } } });
    if (!first.ok)
        return false;
    const int before = first.object()
                           .value(QStringLiteral("current"))
                           .toObject()
                           .value(QStringLiteral("created"))
                           .toInt();
    for (int n = 1; n <= 2; ++n) {
        if (create(creator, groupId) <= 0)
            return false;
        const auto seen = control->waitForNotification(
            [&](const Notification &note) {
                return note.method == QLatin1String("dashboard.changed")
                    && note.params.value(QStringLiteral("current"))
                           .toObject()
                           .value(QStringLiteral("created"))
                           .toInt()
                    == before + n;
            },
            5000);
        if (!seen) {
            qWarning("%s: the control saw no push for ticket %d", qPrintable(stage), n);
            return false;
        }
    }
    return true;
}

QJsonObject ServerDashboardTest::lastPush(const TestClient &c)
{
    QJsonObject last;
    for (const Notification &note : c.notifications()) {
        if (note.method == QLatin1String("dashboard.changed"))
            last = note.params;
    }
    return last;
}

void ServerDashboardTest::agentsAreRefused()
{
    auto ana = login(QStringLiteral("ana"));
    QVERIFY(ana);
    const Client::RpcReply r = ana->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("period"), QStringLiteral("today") } });
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
    QVERIFY2(
        r.error.message.contains(QLatin1String("leads and admins")), qPrintable(r.error.message));
    QCOMPARE(ana->call(QStringLiteral("reports.get"),
                    { { QStringLiteral("from"), QStringLiteral("2026-01-01") },
                        { QStringLiteral("to"), QStringLiteral("2026-02-01") } })
                 .error.code,
        ErrorCode::Forbidden);
    // Not logged in: unauthenticated, as every method.
    TestClient anonymous;
    QVERIFY(anonymous.open(m_server.url()) && anonymous.hello());
    QCOMPARE(anonymous.call(QStringLiteral("dashboard.subscribe")).error.code,
        ErrorCode::Unauthenticated);
}

void ServerDashboardTest::aLeadSeesTheGroupsTheyLeadAndNoOther()
{
    auto lola = login(QStringLiteral("lola"));
    QVERIFY(lola);
    // No groups asked for: the groups she leads.
    const Client::RpcReply mine = lola->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("period"), QStringLiteral("7d") } });
    QVERIFY2(mine.ok, qPrintable(mine.error.message));
    QCOMPARE(mine.object().value(QStringLiteral("groupIds")).toArray(),
        (QJsonArray { double(m_desk.serviceDesk), double(m_desk.network) }));
    QCOMPARE(mine.object().value(QStringLiteral("period")).toString(), QStringLiteral("7d"));
    for (const char *key : { "current", "previous", "backlog", "slaNow", "atRisk", "series",
             "agents", "categories", "timeZone", "asOf" })
        QVERIFY2(mine.object().contains(QLatin1String(key)), key);
    // One of hers: fine. Another's: forbidden, naming it.
    QVERIFY(lola->call(QStringLiteral("dashboard.subscribe"),
                    { { QStringLiteral("groupIds"), QJsonArray { double(m_desk.network) } } })
                .ok);
    const Client::RpcReply other = lola->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("groupIds"),
            QJsonArray { double(m_desk.network), double(m_vendors) } } });
    QCOMPARE(other.error.code, ErrorCode::Forbidden);
    QVERIFY2(
        other.error.message.contains(QStringLiteral("group %1 is not one of them").arg(m_vendors)),
        qPrintable(other.error.message));
    QCOMPARE(other.error.data.value(QStringLiteral("groupIds")).toArray(),
        QJsonArray { double(m_vendors) });
    // A group that does not exist is no different for a lead: not theirs.
    QCOMPARE(lola->call(QStringLiteral("dashboard.subscribe"),
                     { { QStringLiteral("groupIds"), 987654 } })
                 .error.code,
        ErrorCode::Forbidden);
}

void ServerDashboardTest::adminsSeeAnyGroupOrTheWholeDesk()
{
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(admin);
    const Client::RpcReply desk = admin->call(QStringLiteral("dashboard.subscribe"), {});
    QVERIFY2(desk.ok, qPrintable(desk.error.message));
    QCOMPARE(desk.object().value(QStringLiteral("groupIds")).toArray(), QJsonArray());
    QCOMPARE(desk.object().value(QStringLiteral("period")).toString(), QStringLiteral("today"));
    QVERIFY(admin
                ->call(QStringLiteral("dashboard.subscribe"),
                    { { QStringLiteral("groupIds"), QJsonArray { double(m_vendors) } } })
                .ok);
    const Client::RpcReply ghost = admin->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("groupIds"), QJsonArray { 987654 } } });
    QCOMPARE(ghost.error.code, ErrorCode::ValidationFailed);
    QVERIFY(ghost.error.message.contains(QLatin1String("987654")));
    QVERIFY(admin->call(QStringLiteral("dashboard.unsubscribe")).ok);
    QVERIFY(admin->call(QStringLiteral("dashboard.unsubscribe")).ok); // twice is fine
}

void ServerDashboardTest::badParamsGetTheDocumentedErrors()
{
    auto lola = login(QStringLiteral("lola"));
    QVERIFY(lola);
    const Client::RpcReply period = lola->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("period"), QStringLiteral("yesterday") } });
    QCOMPARE(period.error.code, ErrorCode::InvalidParams);
    QCOMPARE(period.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("period"));
    const Client::RpcReply groups = lola->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("groupIds"), QStringLiteral("all") } });
    QCOMPARE(groups.error.code, ErrorCode::InvalidParams);
    QCOMPARE(
        groups.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("groupIds"));
}

void ServerDashboardTest::aChangeInScopeIsPushedAndOnlyThen()
{
    auto lola = login(QStringLiteral("lola"));
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(lola && admin);
    const Client::RpcReply first = lola->call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("groupIds"), QJsonArray { double(m_desk.serviceDesk) } } });
    QVERIFY(first.ok);
    const int before = first.object()
                           .value(QStringLiteral("current"))
                           .toObject()
                           .value(QStringLiteral("created"))
                           .toInt();
    QVERIFY(create(*admin, m_desk.serviceDesk) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(dashboardPushes(*lola), 1, 5000);
    QCOMPARE(lastPush(*lola)
                 .value(QStringLiteral("current"))
                 .toObject()
                 .value(QStringLiteral("created"))
                 .toInt(),
        before + 1);
    QCOMPARE(lastPush(*lola).value(QStringLiteral("groupIds")).toArray(),
        QJsonArray { double(m_desk.serviceDesk) });
    // Other groups' tickets: nothing for her.
    QVERIFY(controlSawTwoTickets(*admin, m_vendors, QStringLiteral("another group")));
    QCOMPARE(dashboardPushes(*lola), 1);
    // A burst of five: coalesced into fewer pushes, the last with all of them.
    for (int i = 0; i < 5; ++i)
        QVERIFY(create(*admin, m_desk.serviceDesk) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(lastPush(*lola)
                                  .value(QStringLiteral("current"))
                                  .toObject()
                                  .value(QStringLiteral("created"))
                                  .toInt(),
        before + 6, 5000);
    QVERIFY(dashboardPushes(*lola) < 1 + 5);
    // Unsubscribed: no more.
    QVERIFY(lola->call(QStringLiteral("dashboard.unsubscribe")).ok);
    const int pushes = dashboardPushes(*lola);
    QVERIFY(controlSawTwoTickets(*admin, m_desk.serviceDesk, QStringLiteral("unsubscribed")));
    QCOMPARE(dashboardPushes(*lola), pushes);
}

void ServerDashboardTest::presenceReachesTheDashboard()
{
    auto lola = login(QStringLiteral("lola"));
    auto ana = login(QStringLiteral("ana"));
    QVERIFY(lola && ana);
    QVERIFY(lola->call(QStringLiteral("dashboard.subscribe"),
                    { { QStringLiteral("groupIds"), QJsonArray { double(m_desk.serviceDesk) } } })
                .ok);
    QVERIFY(ana->call(QStringLiteral("presence.set"),
                   { { QStringLiteral("presence"), QStringLiteral("busy") } })
                .ok);
    auto presenceOfAna = [&] {
        for (const QJsonValue &a : lastPush(*lola).value(QStringLiteral("agents")).toArray()) {
            if (a.toObject().value(QStringLiteral("agentId")).toInteger() == m_desk.ana)
                return a.toObject().value(QStringLiteral("presence")).toString();
        }
        return QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(presenceOfAna(), QStringLiteral("busy"), 5000);
    // Her console goes away: offline.
    ana.reset();
    QTRY_COMPARE_WITH_TIMEOUT(presenceOfAna(), QStringLiteral("offline"), 5000);
}

void ServerDashboardTest::aLeadsDashboardFollowsTheirGroups()
{
    auto vera = login(QStringLiteral("vera"));
    auto own = login(QStringLiteral("vera"));
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(vera && own && admin);
    // One console watches "my groups", the other Vendors by name.
    QVERIFY(own->call(QStringLiteral("dashboard.subscribe"), {}).ok);
    QVERIFY(vera->call(QStringLiteral("dashboard.subscribe"),
                    { { QStringLiteral("groupIds"), QJsonArray { double(m_vendors) } } })
                .ok);
    // Vera joins Network and leaves Vendors.
    QVERIFY(admin
                ->call(QStringLiteral("groups.members.set"),
                    { { QStringLiteral("groupId"), double(m_desk.network) },
                        { QStringLiteral("agentIds"),
                            QJsonArray {
                                double(m_desk.bruno), double(m_desk.lola), double(m_vera) } } })
                .ok);
    QVERIFY(admin
                ->call(QStringLiteral("groups.members.set"),
                    { { QStringLiteral("groupId"), double(m_vendors) },
                        { QStringLiteral("agentIds"), QJsonArray() } })
                .ok);
    QTRY_COMPARE_WITH_TIMEOUT(lastPush(*own).value(QStringLiteral("groupIds")).toArray(),
        QJsonArray { double(m_desk.network) }, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        vera->waitForNotification(
                [](const Notification &n) { return n.method == QLatin1String("dashboard.ended"); },
                100)
            .has_value(),
        5000);
    // Asking again for Vendors is now refused.
    QCOMPARE(vera->call(QStringLiteral("dashboard.subscribe"),
                     { { QStringLiteral("groupIds"), QJsonArray { double(m_vendors) } } })
                 .error.code,
        ErrorCode::Forbidden);
}

void ServerDashboardTest::reportsHaveTheSameRulesAndBounds()
{
    auto lola = login(QStringLiteral("lola"));
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(lola && admin);
    const QDate today = QDate::currentDate();
    auto report = [&](TestClient &c, const QDate &from, const QDate &to,
                      const QJsonValue &groups = QJsonValue()) {
        QJsonObject params { { QStringLiteral("from"), from.toString(Qt::ISODate) },
            { QStringLiteral("to"), to.toString(Qt::ISODate) } };
        if (!groups.isUndefined())
            params.insert(QStringLiteral("groupIds"), groups);
        return c.call(QStringLiteral("reports.get"), params, 60000);
    };
    const Client::RpcReply week = report(*lola, today.addDays(-6), today.addDays(1));
    QVERIFY2(week.ok, qPrintable(week.error.message));
    QCOMPARE(week.object().value(QStringLiteral("days")).toArray().size(), 7);
    QVERIFY(week.object()
                .value(QStringLiteral("totals"))
                .toObject()
                .value(QStringLiteral("created"))
                .toInt()
        >= 7);
    QCOMPARE(report(*lola, today, today.addDays(1), QJsonArray { double(m_vendors) }).error.code,
        ErrorCode::Forbidden);
    QVERIFY(report(*admin, today, today.addDays(1), QJsonArray { double(m_vendors) }).ok);
    // Ten years: refused at once, saying why.
    QElapsedTimer timer;
    timer.start();
    const Client::RpcReply decade = report(*admin, today.addYears(-10), today);
    QCOMPARE(decade.error.code, ErrorCode::ValidationFailed);
    QVERIFY2(decade.error.message.contains(QLatin1String("at most 1096 days")),
        qPrintable(decade.error.message));
    QVERIFY(timer.elapsed() < 5000);
    // A range with no data: zeros and nulls.
    const Client::RpcReply empty = report(*admin, QDate(2001, 1, 1), QDate(2001, 1, 8));
    QVERIFY(empty.ok);
    QVERIFY(empty.object()
                .value(QStringLiteral("totals"))
                .toObject()
                .value(QStringLiteral("resolution"))
                .toObject()
                .value(QStringLiteral("compliance"))
                .isNull());
    // Bad days.
    QCOMPARE(admin
                 ->call(QStringLiteral("reports.get"),
                     { { QStringLiteral("from"), QStringLiteral("1 May") },
                         { QStringLiteral("to"), QStringLiteral("2026-06-01") } })
                 .error.code,
        ErrorCode::InvalidParams);
    QCOMPARE(report(*admin, today, today).error.code, ErrorCode::ValidationFailed);
    QCOMPARE(admin
                 ->call(QStringLiteral("reports.get"),
                     { { QStringLiteral("from"), QStringLiteral("2026-01-01") } })
                 .error.code,
        ErrorCode::InvalidParams);
}

QTEST_GUILESS_MAIN(ServerDashboardTest)
#include "tst_server_dashboard.moc"
