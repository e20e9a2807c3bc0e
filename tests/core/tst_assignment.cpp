// Auto-assignment: who is eligible, each strategy's choice, and fairness of round-robin and
// least-open over many tickets (seeded, the seed in every failure message).

#include "core/routing/assignment.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>

using namespace Atiende::Core;

namespace {

AgentLoad agent(qint64 id, Presence presence = Presence::Available, int open = 0,
    QStringList skills = {}, qint64 lastAssignedAt = 0)
{
    return AgentLoad { id, presence, open, std::move(skills), lastAssignedAt };
}

// Seven available agents, in no particular order, and one of each other presence.
QList<AgentLoad> group()
{
    return { agent(17), agent(3), agent(40, Presence::Busy), agent(8), agent(25),
        agent(41, Presence::Away), agent(11), agent(2), agent(42, Presence::Offline), agent(30) };
}

int spread(const QHash<qint64, int> &open, const QList<qint64> &among)
{
    int lo = INT_MAX;
    int hi = INT_MIN;
    for (qint64 id : among) {
        lo = std::min(lo, open.value(id));
        hi = std::max(hi, open.value(id));
    }
    return hi - lo;
}

} // namespace

class AssignmentTest : public QObject
{
    Q_OBJECT
private slots:
    void presenceNames_data();
    void presenceNames();
    void choices_data();
    void choices();
    void manualLeavesTheTicketInTheQueue();
    void nobodyAvailableLeavesTheTicketInTheQueue_data();
    void nobodyAvailableLeavesTheTicketInTheQueue();
    void roundRobinIsFairOverManyTickets();
    void roundRobinKeepsItsTurnWhenAgentsComeAndGo();
    void leastOpenStaysBalancedAsTicketsComeAndGo_data();
    void leastOpenStaysBalancedAsTicketsComeAndGo();
    void leastOpenNeverWidensTheSpread();
    void skillsNarrowTheChoice();
    void anAgentLeavingHandsTheirTicketsBack();
};

void AssignmentTest::presenceNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::newRow("available") << "available" << true;
    QTest::newRow("busy") << "busy" << true;
    QTest::newRow("away") << "away" << true;
    QTest::newRow("offline") << "offline" << true;
    QTest::newRow("capitalised") << "Available" << false;
    QTest::newRow("unknown") << "lunch" << false;
}

void AssignmentTest::presenceNames()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    const auto p = fromString<Presence>(name);
    QCOMPARE(bool(p), known);
    if (p)
        QCOMPARE(wireName(*p), name);
    QCOMPARE(wireNames<AssignmentStrategy>(),
        (QStringList { QStringLiteral("manual"), QStringLiteral("round_robin"),
            QStringLiteral("least_open"), QStringLiteral("skills") }));
    QCOMPARE(fromString<AssignmentStrategy>(QStringLiteral("least_open")),
        AssignmentStrategy::LeastOpen);
    QCOMPARE(wireName(AssignmentStrategy::RoundRobin), QStringLiteral("round_robin"));
}

void AssignmentTest::choices_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<QList<AgentLoad>>("agents");
    QTest::addColumn<QStringList>("skills");
    QTest::addColumn<qint64>("cursor");
    QTest::addColumn<qint64>("chosen"); // 0: nobody

    const int rr = int(AssignmentStrategy::RoundRobin);
    const int lo = int(AssignmentStrategy::LeastOpen);
    const int sk = int(AssignmentStrategy::Skills);
    const QList<AgentLoad> loads { agent(1, Presence::Available, 4),
        agent(2, Presence::Available, 2, {}, 500), agent(3, Presence::Available, 2, {}, 100),
        agent(4, Presence::Busy, 0), agent(5, Presence::Away, 0), agent(6, Presence::Offline, 0) };
    QTest::newRow("round-robin: first turn goes to the lowest id")
        << rr << group() << QStringList() << qint64(0) << qint64(2);
    QTest::newRow("round-robin: the next id after the cursor")
        << rr << group() << QStringList() << qint64(8) << qint64(11);
    QTest::newRow("round-robin: cursor between ids")
        << rr << group() << QStringList() << qint64(12) << qint64(17);
    QTest::newRow("round-robin: wraps round")
        << rr << group() << QStringList() << qint64(30) << qint64(2);
    QTest::newRow("round-robin: skips busy, away, offline")
        << rr << group() << QStringList() << qint64(25) << qint64(30);
    QTest::newRow("round-robin: cursor on an agent who left")
        << rr << group() << QStringList() << qint64(9) << qint64(11);
    QTest::newRow("least-open: fewest open, then longest idle")
        << lo << loads << QStringList() << qint64(0) << qint64(3);
    QTest::newRow("least-open: busy with none open gets nothing")
        << lo << QList<AgentLoad> { agent(4, Presence::Busy), agent(9, Presence::Available, 30) }
        << QStringList() << qint64(0) << qint64(9);
    QTest::newRow("least-open: never assigned counts as longest idle")
        << lo
        << QList<AgentLoad> { agent(7, Presence::Available, 1, {}, 10),
               agent(8, Presence::Available, 1) }
        << QStringList() << qint64(0) << qint64(8);
    QTest::newRow("least-open: full tie goes to the lowest id")
        << lo << QList<AgentLoad> { agent(9), agent(5), agent(7) } << QStringList() << qint64(0)
        << qint64(5);
    const QList<AgentLoad> skilled { agent(1, Presence::Available, 0, { QStringLiteral("es") }),
        agent(2, Presence::Available, 5, { QStringLiteral("SAP"), QStringLiteral("es") }),
        agent(3, Presence::Available, 3,
            { QStringLiteral("sap"), QStringLiteral("es"), QStringLiteral("en") }),
        agent(4, Presence::Away, 0, { QStringLiteral("sap"), QStringLiteral("es") }) };
    QTest::newRow("skills: all tags, then least open")
        << sk << skilled << QStringList { QStringLiteral("sap"), QStringLiteral("es") } << qint64(0)
        << qint64(3);
    QTest::newRow("skills: one tag")
        << sk << skilled << QStringList { QStringLiteral("en") } << qint64(0) << qint64(3);
    QTest::newRow("skills: tags ignore case")
        << sk << skilled << QStringList { QStringLiteral("SAP") } << qint64(0) << qint64(3);
    QTest::newRow("skills: none required is least open")
        << sk << skilled << QStringList() << qint64(0) << qint64(1);
    QTest::newRow("skills: nobody has them")
        << sk << skilled << QStringList { QStringLiteral("fr") } << qint64(0) << qint64(0);
    QTest::newRow("skills: only an away agent has them")
        << sk << QList<AgentLoad> { skilled.at(0), skilled.at(3) }
        << QStringList { QStringLiteral("sap") } << qint64(0) << qint64(0);
}

void AssignmentTest::choices()
{
    QFETCH(int, strategy);
    QFETCH(QList<AgentLoad>, agents);
    QFETCH(QStringList, skills);
    QFETCH(qint64, cursor);
    QFETCH(qint64, chosen);
    qint64 c = cursor;
    const auto who = Assigner::choose(AssignmentStrategy(strategy), agents, skills, &c);
    QCOMPARE(who.value_or(0), chosen);
    // The cursor moves to whoever got work, and only for round-robin.
    QCOMPARE(c, strategy == int(AssignmentStrategy::RoundRobin) && who ? *who : cursor);
}

void AssignmentTest::manualLeavesTheTicketInTheQueue()
{
    qint64 cursor = 0;
    QVERIFY(!Assigner::choose(AssignmentStrategy::Manual, group(), {}, &cursor));
    QCOMPARE(cursor, qint64(0));
}

void AssignmentTest::nobodyAvailableLeavesTheTicketInTheQueue_data()
{
    QTest::addColumn<int>("strategy");
    for (auto s : { AssignmentStrategy::RoundRobin, AssignmentStrategy::LeastOpen,
             AssignmentStrategy::Skills })
        QTest::newRow(qPrintable(wireName(s))) << int(s);
}

void AssignmentTest::nobodyAvailableLeavesTheTicketInTheQueue()
{
    QFETCH(int, strategy);
    const QList<AgentLoad> nobody { agent(1, Presence::Busy), agent(2, Presence::Away),
        agent(3, Presence::Offline) };
    qint64 cursor = 2;
    QVERIFY(!Assigner::choose(AssignmentStrategy(strategy), nobody, {}, &cursor));
    QVERIFY(!Assigner::choose(AssignmentStrategy(strategy), {}, {}, &cursor));
    QCOMPARE(cursor, qint64(2));
}

void AssignmentTest::roundRobinIsFairOverManyTickets()
{
    const QList<AgentLoad> agents = group();
    qint64 cursor = 0;
    QHash<qint64, int> given;
    for (int i = 0; i < 10000; ++i) {
        const auto who = Assigner::choose(AssignmentStrategy::RoundRobin, agents, {}, &cursor);
        QVERIFY(who);
        ++given[*who];
    }
    QCOMPARE(given.size(), 7);
    for (qint64 never : { 40, 41, 42 })
        QVERIFY2(
            !given.contains(never), qPrintable(QStringLiteral("agent %1 got work").arg(never)));
    const auto [lo, hi] = std::minmax_element(given.begin(), given.end());
    QVERIFY2(*hi - *lo <= 1, qPrintable(QStringLiteral("counts from %1 to %2").arg(*lo).arg(*hi)));
    QCOMPARE(*hi, 10000 / 7 + 1);
}

void AssignmentTest::roundRobinKeepsItsTurnWhenAgentsComeAndGo()
{
    QList<AgentLoad> agents { agent(1), agent(2), agent(3), agent(4) };
    qint64 cursor = 0;
    QList<qint64> order;
    for (int i = 0; i < 3; ++i)
        order << *Assigner::choose(AssignmentStrategy::RoundRobin, agents, {}, &cursor);
    agents[3].presence = Presence::Away; // 4 steps out: 1 is next, not 4
    order << *Assigner::choose(AssignmentStrategy::RoundRobin, agents, {}, &cursor);
    agents[3].presence = Presence::Available; // back: takes the turn after 1's neighbours
    agents[1].presence = Presence::Busy;
    for (int i = 0; i < 3; ++i)
        order << *Assigner::choose(AssignmentStrategy::RoundRobin, agents, {}, &cursor);
    QCOMPARE(order, (QList<qint64> { 1, 2, 3, 1, 3, 4, 1 }));
}

void AssignmentTest::leastOpenStaysBalancedAsTicketsComeAndGo_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : { 1u, 42u, 2026u, 777777u })
        QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
}

// Tickets arrive; before some arrivals a random open ticket of a random agent is resolved.
// Each resolution is followed by an arrival, so least-open must keep the available agents
// within one ticket of each other after every assignment.
void AssignmentTest::leastOpenStaysBalancedAsTicketsComeAndGo()
{
    QFETCH(quint32, seed);
    QRandomGenerator rng(seed);
    QList<AgentLoad> agents = group();
    QList<qint64> available;
    for (const AgentLoad &a : agents) {
        if (a.presence == Presence::Available)
            available << a.agentId;
    }
    QHash<qint64, int> open;
    QList<qint64> holder; // one entry per open ticket: its assignee
    qint64 now = 1'000'000;
    for (int step = 0; step < 10000; ++step) {
        if (!holder.isEmpty() && rng.bounded(100) < 45) {
            const qint64 who = holder.takeAt(int(rng.bounded(quint32(holder.size()))));
            --open[who];
        }
        for (AgentLoad &a : agents)
            a.openTickets = open.value(a.agentId);
        const auto who = Assigner::choose(AssignmentStrategy::LeastOpen, agents, {}, nullptr);
        QVERIFY2(
            who, qPrintable(QStringLiteral("seed %1, step %2: nobody chosen").arg(seed).arg(step)));
        QVERIFY2(available.contains(*who),
            qPrintable(QStringLiteral("seed %1, step %2: %3 is not available")
                           .arg(seed)
                           .arg(step)
                           .arg(*who)));
        ++open[*who];
        holder << *who;
        for (AgentLoad &a : agents) {
            if (a.agentId == *who)
                a.lastAssignedAt = ++now;
        }
        const int s = spread(open, available);
        QVERIFY2(s <= 1,
            qPrintable(QStringLiteral("seed %1, step %2: open counts spread by %3")
                           .arg(seed)
                           .arg(step)
                           .arg(s)));
    }
}

// Bursts of resolutions may unbalance the group; assignments then go to the least loaded,
// so the spread never grows with an assignment and is back within one once enough arrive.
void AssignmentTest::leastOpenNeverWidensTheSpread()
{
    const quint32 seed = 9001;
    QRandomGenerator rng(seed);
    QList<AgentLoad> agents;
    QList<qint64> ids;
    for (qint64 id = 1; id <= 7; ++id) {
        agents << agent(id);
        ids << id;
    }
    QHash<qint64, int> open;
    QList<qint64> holder;
    for (int step = 0; step < 20000; ++step) {
        if (!holder.isEmpty() && rng.bounded(100) < 48) {
            --open[holder.takeAt(int(rng.bounded(quint32(holder.size()))))];
            continue;
        }
        for (AgentLoad &a : agents)
            a.openTickets = open.value(a.agentId);
        const int before = spread(open, ids);
        const qint64 who = *Assigner::choose(AssignmentStrategy::LeastOpen, agents, {}, nullptr);
        int least = INT_MAX;
        for (qint64 id : ids)
            least = std::min(least, open.value(id));
        QVERIFY2(open.value(who) == least,
            qPrintable(QStringLiteral("seed %1, step %2: %3 has %4 open, the least is %5")
                           .arg(seed)
                           .arg(step)
                           .arg(who)
                           .arg(open.value(who))
                           .arg(least)));
        ++open[who];
        holder << who;
        const int after = spread(open, ids);
        QVERIFY2(after <= std::max(before, 1),
            qPrintable(QStringLiteral("seed %1, step %2: spread %3 -> %4")
                           .arg(seed)
                           .arg(step)
                           .arg(before)
                           .arg(after)));
    }
    // Arrivals only: within one again after at most spread x agents of them.
    for (int i = 0; i < 7 * spread(open, ids) + 1; ++i) {
        for (AgentLoad &a : agents)
            a.openTickets = open.value(a.agentId);
        ++open[*Assigner::choose(AssignmentStrategy::LeastOpen, agents, {}, nullptr)];
    }
    QVERIFY2(spread(open, ids) <= 1,
        qPrintable(
            QStringLiteral("seed %1: spread %2 after the drain").arg(seed).arg(spread(open, ids))));
}

void AssignmentTest::skillsNarrowTheChoice()
{
    // Only 2 and 5 speak German; they share the German tickets evenly, nobody else gets one.
    QList<AgentLoad> agents;
    for (qint64 id = 1; id <= 6; ++id)
        agents << agent(id, Presence::Available, 0,
            id == 2 || id == 5 ? QStringList { QStringLiteral("de"), QStringLiteral("network") }
                               : QStringList { QStringLiteral("network") });
    QHash<qint64, int> given;
    for (int i = 0; i < 100; ++i) {
        const auto who = Assigner::choose(AssignmentStrategy::Skills, agents,
            { QStringLiteral("network"), QStringLiteral(" de ") });
        QVERIFY(who);
        ++given[*who];
        agents[int(*who - 1)].openTickets++;
    }
    QCOMPARE(given.value(2), 50);
    QCOMPARE(given.value(5), 50);
    QCOMPARE(given.size(), 2);
}

void AssignmentTest::anAgentLeavingHandsTheirTicketsBack()
{
    const QHash<qint64, qint64> assignees { { 101, 7 }, { 102, 8 }, { 103, 0 }, { 104, 7 },
        { 99, 7 } };
    QCOMPARE(Assigner::onAgentLeftGroup(7, assignees), (QList<qint64> { 99, 101, 104 }));
    QCOMPARE(Assigner::onAgentLeftGroup(9, assignees), QList<qint64>());
    // "Nobody" leaving hands back nothing, not the unassigned tickets.
    QCOMPARE(Assigner::onAgentLeftGroup(0, assignees), QList<qint64>());
}

QTEST_APPLESS_MAIN(AssignmentTest)
#include "tst_assignment.moc"
