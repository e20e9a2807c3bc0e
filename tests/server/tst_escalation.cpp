// Escalation on real tickets: rules an admin saves, applied by the SLA engine when a clock warns
// or breaches (driven by a manual clock, no sleeping), on P1, and by hand from the console.
// Every escalation, done or not possible, is an event in the ticket's conversation.

#include "deskfixture.h"

#include "server/sla/slaclock.h"
#include "server/sla/slaengine.h"
#include "server/store/storethreads.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

namespace {
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kStart = 1795000000000; // an arbitrary instant; the policy runs around the clock
} // namespace

class EscalationTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aBreachSendsTheTicketToTheNextTier();
    void aWarningNamesTheGroupLeads();
    void aP1RuleFiresOnCreation();
    void applyingTwiceEscalatesOnce();
    void anAgentEscalatesByHand();
    void withNoTierAboveItIsRecordedNotMoved();
    void badRulesAreRefused_data();
    void badRulesAreRefused();
    void theNextTierIsTheLowestAbove();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    void saveRule(const QJsonObject &rule);
    qint64 create(
        qint64 agent, qint64 groupId, Level impact = Level::Medium, Level urgency = Level::Medium);
    // The escalation events of a ticket, oldest first.
    QList<Article> escalations(qint64 ticketId);
    QJsonObject escalationData(const Article &a);
    SlaEngine::Submit runNow()
    {
        return [this](WriteJob job) {
            const OpResult r = write([&] { return job.apply(*m_store); });
            if (job.done)
                job.done(r);
            if (r.ok)
                m_engine->onCommitted(r.changes);
        };
    }

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    ManualClock m_clock;
    std::unique_ptr<SlaEngine> m_engine;
};

void EscalationTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    // P3: first response in 60 minutes (warning at 45), resolution in 240.
    const QJsonObject policy { { QStringLiteral("name"), QStringLiteral("Standard") },
        { QStringLiteral("targets"),
            QJsonObject { { QStringLiteral("P3"),
                QJsonObject { { QStringLiteral("firstResponseMinutes"), 60 },
                    { QStringLiteral("resolutionMinutes"), 240 } } } } } };
    const OpResult pol = write(
        [&] { return m_store->slaConfig().savePolicy(caller(m_desk.admin), policy, kStart); });
    QVERIFY2(pol.ok, qPrintable(pol.error.message));
    m_clock.setNow(kStart);
    m_engine = std::make_unique<SlaEngine>(&m_clock, runNow());
}

void EscalationTest::cleanup()
{
    m_engine.reset();
    m_store.reset();
    delete m_dir;
}

OpResult EscalationTest::write(const std::function<OpResult()> &fn)
{
    return Test::commit(*m_store, fn);
}

void EscalationTest::saveRule(const QJsonObject &rule)
{
    const OpResult r
        = write([&] { return m_store->escalation().saveRule(caller(m_desk.admin), rule); });
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

qint64 EscalationTest::create(qint64 agent, qint64 groupId, Level impact, Level urgency)
{
    NewTicket n;
    n.subject = QStringLiteral("no llega a la VPN");
    n.groupId = groupId;
    n.impact = impact;
    n.urgency = urgency;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(agent), n, m_clock.now()); });
    if (!r.ok)
        qWarning() << r.error.message;
    m_engine->onCommitted(r.changes);
    return r.result.toObject()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QList<Article> EscalationTest::escalations(qint64 ticketId)
{
    QList<Article> out;
    for (const Article &a : m_store->tickets().articles(ticketId)) {
        if (a.kind == ArticleKind::SystemEvent && !escalationData(a).isEmpty())
            out << a;
    }
    return out;
}

QJsonObject EscalationTest::escalationData(const Article &a)
{
    const QVariant data
        = m_store->sql().scalar(QStringLiteral("SELECT data FROM articles WHERE id = ?"), { a.id });
    return QJsonDocument::fromJson(data.toString().toUtf8())
        .object()
        .value(QStringLiteral("escalation"))
        .toObject();
}

void EscalationTest::aBreachSendsTheTicketToTheNextTier()
{
    saveRule({ { QStringLiteral("name"), QStringLiteral("Late resolution") },
        { QStringLiteral("on"), QStringLiteral("breach") },
        { QStringLiteral("clock"), QStringLiteral("resolution") },
        { QStringLiteral("kind"), QStringLiteral("functional") } });
    const qint64 id = create(m_desk.ana, m_desk.serviceDesk);
    m_clock.setNow(kStart + 239 * kMinute);
    m_engine->timer().poll();
    QCOMPARE(m_store->tickets().ticket(id)->groupId, m_desk.serviceDesk);
    QVERIFY(escalations(id).isEmpty()); // the first-response breach matches no rule
    m_clock.setNow(kStart + 240 * kMinute);
    m_engine->timer().poll();
    QCOMPARE(m_store->tickets().ticket(id)->groupId, m_desk.network);
    const QList<Article> done = escalations(id);
    QCOMPARE(done.size(), 1);
    QVERIFY2(done.first().body.startsWith(QLatin1String(
                 "Escalated to Network (functional, rule Late resolution, on breach resolution)")),
        qPrintable(done.first().body));
    const QJsonObject e = escalationData(done.first());
    QCOMPARE(e.value(QStringLiteral("trigger")).toString(), QStringLiteral("breach"));
    QCOMPARE(e.value(QStringLiteral("fromGroupId")).toInteger(), m_desk.serviceDesk);
    QCOMPARE(e.value(QStringLiteral("toGroupId")).toInteger(), m_desk.network);
    QCOMPARE(e.value(QStringLiteral("moved")).toBool(), true);
}

void EscalationTest::aWarningNamesTheGroupLeads()
{
    saveRule({ { QStringLiteral("name"), QStringLiteral("Tell the lead") },
        { QStringLiteral("on"), QStringLiteral("warning") },
        { QStringLiteral("clock"), QStringLiteral("firstResponse") },
        { QStringLiteral("kind"), QStringLiteral("hierarchical") } });
    const qint64 id = create(m_desk.ana, m_desk.serviceDesk);
    m_clock.setNow(kStart + 45 * kMinute);
    m_engine->timer().poll();
    const QList<Article> done = escalations(id);
    QCOMPARE(done.size(), 1);
    QVERIFY2(done.first().body.startsWith(QLatin1String("Escalated to the group lead(s) Lola")),
        qPrintable(done.first().body));
    QCOMPARE(escalationData(done.first()).value(QStringLiteral("leads")).toArray(),
        (QJsonArray { double(m_desk.lola) }));
    QCOMPARE(m_store->tickets().ticket(id)->groupId, m_desk.serviceDesk); // told, not moved
}

void EscalationTest::aP1RuleFiresOnCreation()
{
    saveRule({ { QStringLiteral("name"), QStringLiteral("Major incident") },
        { QStringLiteral("on"), QStringLiteral("p1") },
        { QStringLiteral("kind"), QStringLiteral("hierarchical") } });
    const qint64 p3 = create(m_desk.ana, m_desk.serviceDesk);
    const qint64 p1 = create(m_desk.ana, m_desk.serviceDesk, Level::High, Level::High);
    // As the tickets.create writer job does after the store call.
    for (qint64 id : { p3, p1 }) {
        if (m_store->tickets().ticket(id)->priority == Priority::P1)
            QVERIFY(write([&] {
                return m_store->escalation().apply(
                    id, QStringLiteral("p1"), QStringLiteral("any"), m_clock.now());
            }).ok);
    }
    QCOMPARE(escalations(p1).size(), 1);
    QCOMPARE(escalationData(escalations(p1).first()).value(QStringLiteral("trigger")).toString(),
        QStringLiteral("p1"));
    QVERIFY(escalations(p3).isEmpty());
}

void EscalationTest::applyingTwiceEscalatesOnce()
{
    saveRule({ { QStringLiteral("name"), QStringLiteral("Tell the lead") },
        { QStringLiteral("on"), QStringLiteral("breach") },
        { QStringLiteral("kind"), QStringLiteral("hierarchical") } });
    const qint64 id = create(m_desk.ana, m_desk.serviceDesk);
    for (int i = 0; i < 2; ++i) {
        const OpResult r = write([&] {
            return m_store->escalation().apply(
                id, QStringLiteral("breach"), QStringLiteral("resolution"), m_clock.now());
        });
        QVERIFY(r.ok);
        QCOMPARE(r.result.toObject().value(QStringLiteral("escalated")).toInt(), i == 0 ? 1 : 0);
    }
    QCOMPARE(escalations(id).size(), 1);
    // The other clock is another trigger: the same rule ("any" clock) applies once more.
    QVERIFY(write([&] {
        return m_store->escalation().apply(
            id, QStringLiteral("breach"), QStringLiteral("firstResponse"), m_clock.now());
    }).ok);
    QCOMPARE(escalations(id).size(), 2);
}

void EscalationTest::anAgentEscalatesByHand()
{
    const qint64 id = create(m_desk.ana, m_desk.serviceDesk);
    const OpResult denied = write([&] {
        return m_store->escalation().escalate(
            caller(m_desk.bruno), id, QStringLiteral("functional"), 0, QString(), m_clock.now());
    });
    QCOMPARE(denied.error.code, ErrorCode::Forbidden);
    const OpResult r = write([&] {
        return m_store->escalation().escalate(caller(m_desk.ana), id, QStringLiteral("functional"),
            0, QStringLiteral("the switch is down"), m_clock.now());
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(m_store->tickets().ticket(id)->groupId, m_desk.network);
    const QList<Article> done = escalations(id);
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.first().body,
        QStringLiteral("Escalated to Network (functional, by Ana: the switch is down)"));
    const QJsonObject e = escalationData(done.first());
    QCOMPARE(e.value(QStringLiteral("trigger")).toString(), QStringLiteral("manual"));
    QCOMPARE(e.value(QStringLiteral("byAgentId")).toInteger(), m_desk.ana);
    // Ana no longer sees it; bruno now does, and calls his lead.
    const OpResult lead = write([&] {
        return m_store->escalation().escalate(
            caller(m_desk.bruno), id, QStringLiteral("hierarchical"), 0, QString(), m_clock.now());
    });
    QVERIFY2(lead.ok, qPrintable(lead.error.message));
    QCOMPARE(escalations(id).size(), 2);
}

void EscalationTest::withNoTierAboveItIsRecordedNotMoved()
{
    saveRule({ { QStringLiteral("name"), QStringLiteral("Up") },
        { QStringLiteral("on"), QStringLiteral("breach") },
        { QStringLiteral("kind"), QStringLiteral("functional") },
        { QStringLiteral("groupIds"), QJsonArray { double(m_desk.network) } } });
    const qint64 id = create(m_desk.bruno, m_desk.network);
    m_clock.setNow(kStart + 240 * kMinute);
    m_engine->timer().poll();
    QCOMPARE(m_store->tickets().ticket(id)->groupId, m_desk.network);
    const QList<Article> done = escalations(id); // one per clock
    QCOMPARE(done.size(), 2);
    QVERIFY2(done.first().body.startsWith(
                 QLatin1String("Not escalated: there is no group above Network")),
        qPrintable(done.first().body));
    QCOMPARE(escalationData(done.first()).value(QStringLiteral("moved")).toBool(), false);
    QVERIFY(escalationData(done.first()).value(QStringLiteral("toGroupId")).isNull());
}

void EscalationTest::badRulesAreRefused_data()
{
    QTest::addColumn<QJsonObject>("rule");
    QTest::addColumn<QString>("message");
    const auto rule = [](std::initializer_list<QPair<QString, QJsonValue>> extra) {
        QJsonObject o { { QStringLiteral("name"), QStringLiteral("r") },
            { QStringLiteral("on"), QStringLiteral("breach") },
            { QStringLiteral("kind"), QStringLiteral("functional") } };
        for (const auto &[k, v] : extra)
            o.insert(k, v);
        return o;
    };
    QTest::newRow("no name") << rule({ { QStringLiteral("name"), QStringLiteral("  ") } })
                             << QStringLiteral("needs a name");
    QTest::newRow("unknown trigger") << rule({ { QStringLiteral("on"), QStringLiteral("late") } })
                                     << QStringLiteral("\"on\" must be one of");
    QTest::newRow("unknown clock") << rule({ { QStringLiteral("clock"), QStringLiteral("total") } })
                                   << QStringLiteral("\"clock\" must be one of");
    QTest::newRow("p1 with a clock") << rule({ { QStringLiteral("on"), QStringLiteral("p1") },
        { QStringLiteral("clock"), QStringLiteral("resolution") } })
                                     << QStringLiteral("no clock");
    QTest::newRow("unknown kind") << rule(
        { { QStringLiteral("kind"), QStringLiteral("sideways") } })
                                  << QStringLiteral("\"kind\" must be one of");
    QTest::newRow("hierarchical with a target")
        << rule({ { QStringLiteral("kind"), QStringLiteral("hierarchical") },
               { QStringLiteral("toGroupId"), 2 } })
        << QStringLiteral("no target group");
    QTest::newRow("bad group list") << rule({ { QStringLiteral("groupIds"), QJsonArray { 0 } } })
                                    << QStringLiteral("\"groupIds\"");
    QTest::newRow("unknown target")
        << rule({ { QStringLiteral("toGroupId"), 999 } }) << QStringLiteral("no group with id 999");
}

void EscalationTest::badRulesAreRefused()
{
    QFETCH(QJsonObject, rule);
    QFETCH(QString, message);
    const OpResult r
        = write([&] { return m_store->escalation().saveRule(caller(m_desk.admin), rule); });
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
    // Whatever the rule, only admins save.
    QCOMPARE(
        write([&] { return m_store->escalation().saveRule(caller(m_desk.lola), rule); }).error.code,
        ErrorCode::Forbidden);
    QCOMPARE(m_store->escalation()
                 .rules()
                 .result.toObject()
                 .value(QStringLiteral("rules"))
                 .toArray()
                 .size(),
        0);
}

void EscalationTest::theNextTierIsTheLowestAbove()
{
    const QList<Group> groups { { 1, QStringLiteral("desk"), 1, {}, 0 },
        { 2, QStringLiteral("apps"), 3, {}, 0 }, { 3, QStringLiteral("network"), 2, {}, 0 },
        { 4, QStringLiteral("servers"), 2, {}, 0 } };
    QCOMPARE(EscalationRule::nextTier(groups, 1), 3); // tier 2, lower id of the two
    QCOMPARE(EscalationRule::nextTier(groups, 4), 2);
    QCOMPARE(EscalationRule::nextTier(groups, 2), 0);
    QCOMPARE(EscalationRule::nextTier(groups, 99), 0);
}

QTEST_GUILESS_MAIN(EscalationTest)
#include "tst_escalation.moc"
