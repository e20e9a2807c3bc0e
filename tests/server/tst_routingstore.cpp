// Where new tickets go and who takes them: routing rules chosen by an admin, each group's
// assignment strategy, and only agents present given work.

#include "deskfixture.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

class RoutingStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void rulesSendNewTicketsToTheirGroup();
    void onlyAdminsChangeRulesAndBadOnesAreRefused();
    void roundRobinGivesWorkOnlyToAgentsPresent();
    void aManualGroupKeepsItsTicketsInTheQueue();
    void nobodyPresentMeansTheTicketWaits();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    Ticket create(qint64 agent, const QString &subject, qint64 groupId = 0);

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    qint64 m_now = 1767225600000;
};

void RoutingStoreTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
}

void RoutingStoreTest::cleanup()
{
    m_store.reset();
    delete m_dir;
}

OpResult RoutingStoreTest::write(const std::function<OpResult()> &fn)
{
    m_now += 1000;
    return Test::commit(*m_store, fn);
}

Ticket RoutingStoreTest::create(qint64 agent, const QString &subject, qint64 groupId)
{
    NewTicket n;
    n.subject = subject;
    n.description = QStringLiteral("Desde esta mañana.");
    n.groupId = groupId;
    const OpResult r = write([&] { return m_store->tickets().create(caller(agent), n, m_now); });
    if (!r.ok)
        qWarning() << r.error.message;
    return Ticket::fromJson(r.result.toObject().value(QStringLiteral("ticket")).toObject());
}

void RoutingStoreTest::rulesSendNewTicketsToTheirGroup()
{
    const QJsonObject rule { { QStringLiteral("name"), QStringLiteral("Network words") },
        { QStringLiteral("keywords"),
            QJsonArray {
                QStringLiteral("vpn"), QStringLiteral("conmutador"), QStringLiteral("wifi") } },
        { QStringLiteral("groupId"), double(m_desk.network) } };
    const OpResult saved
        = write([&] { return m_store->routing().saveRule(caller(m_desk.admin), rule); });
    QVERIFY2(saved.ok, qPrintable(saved.error.message));
    // Ana is only in Service Desk, yet the rule sends her report to Network.
    const Ticket vpn = create(m_desk.ana, QStringLiteral("La VPN no conecta"));
    QCOMPARE(vpn.groupId, m_desk.network);
    const Ticket other = create(m_desk.ana, QStringLiteral("La impresora no imprime"));
    QCOMPARE(other.groupId, m_desk.serviceDesk);
    // An explicit group is the agent's choice, not the rules'.
    const Ticket chosen
        = create(m_desk.ana, QStringLiteral("VPN, pero lo llevo yo"), m_desk.serviceDesk);
    QCOMPARE(chosen.groupId, m_desk.serviceDesk);
    QCOMPARE(
        m_store->sql()
            .scalar(QStringLiteral(
                        "SELECT COUNT(*) FROM audit WHERE field = 'routedBy' AND entity_id = ?"),
                { vpn.id })
            .toInt(),
        1);
    QCOMPARE(m_store->routing()
                 .rules()
                 .result.toObject()
                 .value(QStringLiteral("rules"))
                 .toArray()
                 .size(),
        1);
}

void RoutingStoreTest::onlyAdminsChangeRulesAndBadOnesAreRefused()
{
    const QJsonObject rule { { QStringLiteral("name"), QStringLiteral("x") },
        { QStringLiteral("groupId"), double(m_desk.network) } };
    QCOMPARE(
        write([&] { return m_store->routing().saveRule(caller(m_desk.lola), rule); }).error.code,
        ErrorCode::Forbidden);
    const QJsonObject ghost { { QStringLiteral("name"), QStringLiteral("ghost") },
        { QStringLiteral("groupId"), 999 } };
    QCOMPARE(
        write([&] { return m_store->routing().saveRule(caller(m_desk.admin), ghost); }).error.code,
        ErrorCode::ValidationFailed);
    const QJsonObject badChannel { { QStringLiteral("name"), QStringLiteral("fax") },
        { QStringLiteral("channels"), QJsonArray { QStringLiteral("fax") } },
        { QStringLiteral("groupId"), double(m_desk.network) } };
    const OpResult r
        = write([&] { return m_store->routing().saveRule(caller(m_desk.admin), badChannel); });
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    QVERIFY2(r.error.message.contains(QLatin1String("fax")), qPrintable(r.error.message));
    QCOMPARE(write([&] {
        return m_store->routing().setAssignment(
            caller(m_desk.ana), m_desk.network, AssignmentStrategy::RoundRobin);
    }).error.code,
        ErrorCode::Forbidden);
    QCOMPARE(write([&] {
        return m_store->routing().setPresence(caller(m_desk.ana), m_desk.bruno, Presence::Away);
    }).error.code,
        ErrorCode::Forbidden);
}

void RoutingStoreTest::roundRobinGivesWorkOnlyToAgentsPresent()
{
    QVERIFY(write([&] {
        return m_store->routing().setAssignment(
            caller(m_desk.admin), m_desk.network, AssignmentStrategy::RoundRobin);
    }).ok);
    QVERIFY(write([&] {
        return m_store->routing().setPresence(
            caller(m_desk.bruno), m_desk.bruno, Presence::Available);
    }).ok);
    QVERIFY(write([&] {
        return m_store->routing().setPresence(caller(m_desk.lola), m_desk.lola, Presence::Away);
    }).ok);
    for (int i = 0; i < 3; ++i) {
        const Ticket t = create(m_desk.lola, QStringLiteral("router %1").arg(i), m_desk.network);
        QCOMPARE(t.assigneeId, m_desk.bruno);
        QCOMPARE(t.status, TicketStatus::Assigned);
    }
    QVERIFY(write([&] {
        return m_store->routing().setPresence(
            caller(m_desk.lola), m_desk.lola, Presence::Available);
    }).ok);
    QHash<qint64, int> counts;
    for (int i = 0; i < 10; ++i)
        counts[create(m_desk.lola, QStringLiteral("switch %1").arg(i), m_desk.network).assigneeId]
            += 1;
    QCOMPARE(counts.value(m_desk.bruno), 5);
    QCOMPARE(counts.value(m_desk.lola), 5);
}

void RoutingStoreTest::aManualGroupKeepsItsTicketsInTheQueue()
{
    QVERIFY(write([&] {
        return m_store->routing().setPresence(caller(m_desk.ana), m_desk.ana, Presence::Available);
    }).ok);
    const Ticket t = create(m_desk.ana, QStringLiteral("manual queue"));
    QCOMPARE(t.assigneeId, 0);
    QCOMPARE(t.status, TicketStatus::New);
}

void RoutingStoreTest::nobodyPresentMeansTheTicketWaits()
{
    QVERIFY(write([&] {
        return m_store->routing().setAssignment(
            caller(m_desk.admin), m_desk.network, AssignmentStrategy::LeastOpen);
    }).ok);
    QVERIFY(write([&] {
        return m_store->routing().setPresence(caller(m_desk.bruno), m_desk.bruno, Presence::Busy);
    }).ok);
    const Ticket t = create(m_desk.lola, QStringLiteral("nobody here"), m_desk.network);
    QCOMPARE(t.assigneeId, 0);
    QCOMPARE(t.groupId, m_desk.network);
    QCOMPARE(t.status, TicketStatus::New);
}

QTEST_GUILESS_MAIN(RoutingStoreTest)
#include "tst_routingstore.moc"
