// The SLA agenda: the earliest event is always at hand, moves and cancellations keep it right,
// takeDue() hands out exactly what is due in a fixed order, build() equals inserting, and a
// long random run agrees with a trivially correct model. Then SlaTimer on a ManualClock:
// firing in order, clock jumps either way, re-arming.

#include "server/sla/slaclock.h"
#include "server/sla/slaschedule.h"
#include "server/sla/slatimer.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include <map>
#include <set>
#include <tuple>

using namespace Atiende::Server;
using Due = SlaSchedule::Due;

namespace Atiende::Server {
// Readable failures for QCOMPARE on Due and on lists of them.
char *toString(const SlaSchedule::Due &d)
{
    static const char *const names[] = { "frWarning", "frBreach", "resWarning", "resBreach" };
    return QTest::toString(QStringLiteral("(ticket %1, %2, at %3)")
                               .arg(d.ticketId)
                               .arg(QLatin1String(names[int(d.event) & 3]))
                               .arg(d.at));
}
} // namespace Atiende::Server

namespace {

constexpr SlaEvent FrW = SlaEvent::FirstResponseWarning;
constexpr SlaEvent FrB = SlaEvent::FirstResponseBreach;
constexpr SlaEvent ResW = SlaEvent::ResolutionWarning;
constexpr SlaEvent ResB = SlaEvent::ResolutionBreach;

constexpr qint64 kHuge = qint64(1) << 40; // ids far from dense, to exercise the hash table

Due due(qint64 ticket, SlaEvent event, qint64 at)
{
    return Due { ticket, event, at };
}

// Applies the rows' operations with set(), which is also how cancellations (at <= 0) arrive.
SlaSchedule scheduleOf(const QList<Due> &ops)
{
    SlaSchedule s;
    for (const Due &op : ops)
        s.set(op.ticketId, op.event, op.at);
    return s;
}

// Everything in the schedule, in order, leaving it untouched.
QList<Due> contents(const SlaSchedule &s)
{
    SlaSchedule copy = s;
    return copy.takeDue(std::numeric_limits<qint64>::max());
}

} // namespace

class SlaScheduleTest : public QObject
{
    Q_OBJECT
private slots:
    void earliestIsTheMinimum_data();
    void earliestIsTheMinimum();
    void moves_data();
    void moves();
    void cancels_data();
    void cancels();
    void clearTicket();
    void takeDue_data();
    void takeDue();
    void tiesDoNotDependOnInsertOrder();
    void buildEqualsInserting_data();
    void buildEqualsInserting();
    void buildReplacesEverything();
    void memoryIsAccountedFor();
    void randomOperationsMatchAReferenceModel();
    void aBigScheduleIsBuiltInDueOrder();

    void timerFiresInOrderAsTheClockAdvances();
    void clockJumpForwardFiresEverythingOverdueAtOnce();
    void clockJumpBackwardFiresNothingEarly();
    void timerRearmsWhenTheEarliestMoves();
    void overdueEventsFireFromTheEventLoop();
    void receiversMayRescheduleWhileHandlingDue();
    void realTimerFiresOnTheSystemClock();
};

void SlaScheduleTest::earliestIsTheMinimum_data()
{
    QTest::addColumn<QList<Due>>("ops");
    QTest::addColumn<Due>("earliest");

    QTest::newRow("one") << QList<Due> { due(7, ResB, 500) } << due(7, ResB, 500);
    QTest::newRow("ascending") << QList<Due> { due(1, FrW, 100), due(2, FrW, 200),
        due(3, FrW, 300) } << due(1, FrW, 100);
    QTest::newRow("descending") << QList<Due> { due(1, FrW, 300), due(2, FrW, 200),
        due(3, FrW, 100) } << due(3, FrW, 100);
    QTest::newRow("one ticket's four events") << QList<Due> { due(9, ResB, 40), due(9, ResW, 30),
        due(9, FrB, 20), due(9, FrW, 10) } << due(9, FrW, 10);
    QTest::newRow("minimum in the middle of many") << QList<Due> { due(1, FrB, 90), due(2, FrB, 80),
        due(3, FrB, 70), due(4, FrB, 5), due(5, FrB, 60), due(6, FrB, 50), due(7, FrB, 40),
        due(8, FrB, 30) } << due(4, FrB, 5);
    QTest::newRow("tie: lower ticket id wins") << QList<Due> { due(20, FrW, 100),
        due(10, ResB, 100), due(30, FrW, 100) } << due(10, ResB, 100);
    QTest::newRow("tie in one ticket: lower event wins")
        << QList<Due> { due(5, ResB, 100), due(5, FrB, 100) } << due(5, FrB, 100);
    QTest::newRow("sparse ids") << QList<Due> { due(kHuge + 3, FrW, 30), due(kHuge, FrW, 20),
        due(1, FrW, 25) } << due(kHuge, FrW, 20);
}

void SlaScheduleTest::earliestIsTheMinimum()
{
    QFETCH(QList<Due>, ops);
    QFETCH(Due, earliest);
    const SlaSchedule s = scheduleOf(ops);
    QVERIFY(s.next().has_value());
    QCOMPARE(*s.next(), earliest);
    QCOMPARE(s.size(), ops.size());
}

void SlaScheduleTest::moves_data()
{
    QTest::addColumn<QList<Due>>("ops");
    QTest::addColumn<QList<Due>>("expected"); // everything, in order, after the ops

    const QList<Due> three { due(1, FrW, 100), due(2, FrW, 200), due(3, FrW, 300) };
    QTest::newRow("earliest moved later")
        << (three + QList<Due> { due(1, FrW, 250) })
        << QList<Due> { due(2, FrW, 200), due(1, FrW, 250), due(3, FrW, 300) };
    QTest::newRow("earliest moved past all")
        << (three + QList<Due> { due(1, FrW, 999) })
        << QList<Due> { due(2, FrW, 200), due(3, FrW, 300), due(1, FrW, 999) };
    QTest::newRow("latest moved earliest")
        << (three + QList<Due> { due(3, FrW, 50) })
        << QList<Due> { due(3, FrW, 50), due(1, FrW, 100), due(2, FrW, 200) };
    QTest::newRow("moved to the same time") << (three + QList<Due> { due(2, FrW, 200) }) << three;
    QTest::newRow("moved onto a tie, id decides")
        << (three + QList<Due> { due(3, FrW, 100) })
        << QList<Due> { due(1, FrW, 100), due(3, FrW, 100), due(2, FrW, 200) };
    QTest::newRow("one event of a ticket moved, its other stays")
        << QList<Due> { due(1, FrW, 100), due(1, ResB, 400), due(2, FrW, 200), due(1, FrW, 500) }
        << QList<Due> { due(2, FrW, 200), due(1, ResB, 400), due(1, FrW, 500) };
    QTest::newRow("moved back and forth")
        << (three + QList<Due> { due(2, FrW, 10), due(2, FrW, 1000), due(2, FrW, 150) })
        << QList<Due> { due(1, FrW, 100), due(2, FrW, 150), due(3, FrW, 300) };
}

void SlaScheduleTest::moves()
{
    QFETCH(QList<Due>, ops);
    QFETCH(QList<Due>, expected);
    const SlaSchedule s = scheduleOf(ops);
    QVERIFY(s.isConsistent());
    QCOMPARE(s.size(), expected.size());
    QCOMPARE(*s.next(), expected.first());
    QCOMPARE(contents(s), expected);
}

void SlaScheduleTest::cancels_data()
{
    QTest::addColumn<QList<Due>>("ops");
    QTest::addColumn<QList<Due>>("expected");
    QTest::addColumn<int>("tickets");

    const QList<Due> three { due(1, FrW, 100), due(2, FrW, 200), due(3, FrW, 300) };
    QTest::newRow("the earliest") << (three + QList<Due> { due(1, FrW, 0) })
                                  << QList<Due> { due(2, FrW, 200), due(3, FrW, 300) } << 2;
    QTest::newRow("the latest") << (three + QList<Due> { due(3, FrW, 0) })
                                << QList<Due> { due(1, FrW, 100), due(2, FrW, 200) } << 2;
    QTest::newRow("negative time cancels too")
        << (three + QList<Due> { due(2, FrW, -5) })
        << QList<Due> { due(1, FrW, 100), due(3, FrW, 300) } << 2;
    QTest::newRow("never scheduled: nothing happens")
        << (three + QList<Due> { due(4, FrW, 0), due(1, ResB, 0) }) << three << 3;
    QTest::newRow("one of a ticket's events: the ticket stays")
        << QList<Due> { due(1, FrW, 100), due(1, FrB, 200), due(1, FrW, 0) }
        << QList<Due> { due(1, FrB, 200) } << 1;
    QTest::newRow("all of a ticket's events: the ticket goes") << QList<Due> {
        due(1, FrW, 100), due(1, FrB, 200), due(2, ResB, 150), due(1, FrB, 0), due(1, FrW, 0)
    } << QList<Due> { due(2, ResB, 150) } << 1;
    QTest::newRow("cancelled, then scheduled again")
        << QList<Due> { due(1, FrW, 100), due(1, FrW, 0), due(1, FrW, 70) }
        << QList<Due> { due(1, FrW, 70) } << 1;
    QTest::newRow("everything") << (three
        + QList<Due> { due(2, FrW, 0), due(1, FrW, 0), due(3, FrW, 0) })
                                << QList<Due> {} << 0;
}

void SlaScheduleTest::cancels()
{
    QFETCH(QList<Due>, ops);
    QFETCH(QList<Due>, expected);
    QFETCH(int, tickets);
    const SlaSchedule s = scheduleOf(ops);
    QVERIFY(s.isConsistent());
    QCOMPARE(contents(s), expected);
    QCOMPARE(s.size(), expected.size());
    QCOMPARE(s.ticketCount(), tickets);
    QCOMPARE(s.isEmpty(), expected.isEmpty());
    QCOMPARE(s.next().has_value(), !expected.isEmpty());
}

void SlaScheduleTest::clearTicket()
{
    SlaSchedule s = scheduleOf({ due(1, FrW, 10), due(2, FrW, 20), due(2, FrB, 40), due(2, ResW, 5),
        due(2, ResB, 80), due(3, ResB, 30) });
    s.clear(2);
    QVERIFY(s.isConsistent());
    QCOMPARE(contents(s), (QList<Due> { due(1, FrW, 10), due(3, ResB, 30) }));
    QCOMPARE(s.ticketCount(), 2);
    QCOMPARE(s.dueAt(2, FrB), 0);
    s.clear(2); // already clear
    s.clear(99); // never there
    QCOMPARE(s.size(), 2);
    s.clear(1);
    s.clear(3);
    QVERIFY(s.isEmpty());
    QCOMPARE(s.ticketCount(), 0);
}

void SlaScheduleTest::takeDue_data()
{
    QTest::addColumn<QList<Due>>("ops");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QList<Due>>("taken");
    QTest::addColumn<QList<Due>>("left");

    const QList<Due> mixed { due(4, ResB, 400), due(1, FrW, 100), due(3, FrB, 300),
        due(2, FrW, 200), due(1, FrB, 250), due(5, FrW, 200) };
    QTest::newRow("nothing due yet")
        << mixed << qint64(99) << QList<Due> {}
        << QList<Due> { due(1, FrW, 100), due(2, FrW, 200), due(5, FrW, 200), due(1, FrB, 250),
               due(3, FrB, 300), due(4, ResB, 400) };
    QTest::newRow("due at exactly now")
        << mixed << qint64(100) << QList<Due> { due(1, FrW, 100) }
        << QList<Due> { due(2, FrW, 200), due(5, FrW, 200), due(1, FrB, 250), due(3, FrB, 300),
               due(4, ResB, 400) };
    QTest::newRow("some, ties in id order")
        << mixed << qint64(260)
        << QList<Due> { due(1, FrW, 100), due(2, FrW, 200), due(5, FrW, 200), due(1, FrB, 250) }
        << QList<Due> { due(3, FrB, 300), due(4, ResB, 400) };
    QTest::newRow("all") << mixed << qint64(10'000)
                         << QList<Due> { due(1, FrW, 100), due(2, FrW, 200), due(5, FrW, 200),
                                due(1, FrB, 250), due(3, FrB, 300), due(4, ResB, 400) }
                         << QList<Due> {};
    QTest::newRow("empty schedule")
        << QList<Due> {} << qint64(10'000) << QList<Due> {} << QList<Due> {};
    QTest::newRow("a ticket's events in event order")
        << QList<Due> { due(8, ResB, 50), due(8, FrB, 50), due(8, ResW, 50), due(8, FrW, 50) }
        << qint64(50)
        << QList<Due> { due(8, FrW, 50), due(8, FrB, 50), due(8, ResW, 50), due(8, ResB, 50) }
        << QList<Due> {};
}

void SlaScheduleTest::takeDue()
{
    QFETCH(QList<Due>, ops);
    QFETCH(qint64, now);
    QFETCH(QList<Due>, taken);
    QFETCH(QList<Due>, left);
    SlaSchedule s = scheduleOf(ops);
    QCOMPARE(s.takeDue(now), taken);
    QVERIFY(s.isConsistent());
    QCOMPARE(contents(s), left);
    QCOMPARE(s.size(), left.size());
    QCOMPARE(s.takeDue(now), QList<Due> {}); // taken means gone
    for (const Due &d : taken)
        QCOMPARE(s.dueAt(d.ticketId, d.event), 0);
}

void SlaScheduleTest::tiesDoNotDependOnInsertOrder()
{
    // Every event at one of two instants: only ticket id and event can order them.
    QList<Due> events;
    for (qint64 ticket : { 3, 1, 4, 15, 9, 2, 6 }) {
        for (SlaEvent e : { ResB, FrW, ResW, FrB })
            events << due(ticket, e, ticket % 2 ? 1000 : 2000);
    }
    QList<Due> sorted = events;
    std::sort(sorted.begin(), sorted.end(), [](const Due &a, const Due &b) {
        return std::tuple(a.at, a.ticketId, int(a.event))
            < std::tuple(b.at, b.ticketId, int(b.event));
    });
    QRandomGenerator rng(20260101);
    for (int round = 0; round < 50; ++round) {
        std::shuffle(events.begin(), events.end(), rng);
        SlaSchedule s = scheduleOf(events);
        QCOMPARE(s.takeDue(1500), sorted.mid(0, sorted.size() / 2 + 2)); // 4 odd tickets x 4 events
        QCOMPARE(s.takeDue(2000), sorted.mid(sorted.size() / 2 + 2));
    }
}

void SlaScheduleTest::buildEqualsInserting_data()
{
    QTest::addColumn<QList<Due>>("entries");

    QTest::newRow("empty") << QList<Due> {};
    QTest::newRow("one") << QList<Due> { due(1, FrW, 5) };
    QTest::newRow("restart order: by ticket") << QList<Due> { due(1, FrW, 50), due(1, FrB, 90),
        due(2, ResW, 30), due(2, ResB, 60), due(3, FrB, 10) };
    QTest::newRow("any order") << QList<Due> { due(3, FrB, 10), due(1, FrW, 50), due(2, ResB, 60),
        due(1, FrB, 90), due(2, ResW, 30) };
    QTest::newRow("duplicate: the later wins")
        << QList<Due> { due(1, FrW, 50), due(2, FrW, 40), due(1, FrW, 20) };
    QTest::newRow("cancelled by a later entry")
        << QList<Due> { due(1, FrW, 50), due(2, FrW, 40), due(1, FrW, 0), due(3, FrW, 45) };
    QTest::newRow("a whole ticket cancelled") << QList<Due> { due(1, FrW, 50), due(1, FrB, 70),
        due(2, FrW, 40), due(1, FrB, 0), due(1, FrW, -1) };
    QTest::newRow("cancelling what is not there") << QList<Due> { due(1, FrW, 0), due(2, FrW, 40) };
    QTest::newRow("ties") << QList<Due> { due(5, FrW, 7), due(4, ResB, 7), due(4, FrW, 7),
        due(1, ResW, 7) };
    QTest::newRow("sparse ids") << QList<Due> { due(kHuge * 3, FrW, 8), due(2, FrW, 9),
        due(kHuge, ResB, 7) };

    QRandomGenerator rng(4242);
    QList<Due> many;
    for (int i = 0; i < 5000; ++i)
        many << due(1 + rng.bounded(800), SlaEvent(rng.bounded(4)),
            rng.bounded(3) ? 1 + rng.bounded(400) : 0);
    QTest::newRow("5000 random, with duplicates and cancellations") << many;
}

void SlaScheduleTest::buildEqualsInserting()
{
    QFETCH(QList<Due>, entries);
    const SlaSchedule inserted = scheduleOf(entries);
    SlaSchedule built;
    built.build(std::vector<Due>(entries.cbegin(), entries.cend()));
    QVERIFY(built.isConsistent());
    QCOMPARE(built.size(), inserted.size());
    QCOMPARE(built.ticketCount(), inserted.ticketCount());
    QCOMPARE(contents(built), contents(inserted));
    for (const Due &e : entries)
        QCOMPARE(built.dueAt(e.ticketId, e.event), inserted.dueAt(e.ticketId, e.event));

    // A built schedule keeps working like any other.
    SlaSchedule again = inserted;
    for (SlaSchedule *s : { &built, &again }) {
        s->set(2, FrW, 1);
        s->set(1, FrW, 0);
        s->clear(3);
    }
    QVERIFY(built.isConsistent());
    QCOMPARE(contents(built), contents(again));
}

void SlaScheduleTest::buildReplacesEverything()
{
    SlaSchedule s = scheduleOf({ due(1, FrW, 10), due(2, FrW, 20) });
    s.build({ due(3, ResB, 30) });
    QCOMPARE(contents(s), QList<Due> { due(3, ResB, 30) });
    QCOMPARE(s.dueAt(1, FrW), 0);
    QCOMPARE(s.ticketCount(), 1);
}

void SlaScheduleTest::memoryIsAccountedFor()
{
    SlaSchedule s;
    const qsizetype empty = s.memoryBytes();
    QVERIFY(empty > 0);

    std::vector<Due> entries;
    for (qint64 t = 1; t <= 10'000; ++t) {
        entries.push_back(due(t, FrB, 1000 + t));
        entries.push_back(due(t, ResB, 5000 + t));
    }
    s.build(entries);
    // At least the 16-byte nodes and a 24-byte slot per ticket; at most twice that (the
    // headroom build() leaves for growth).
    const qsizetype floor = 20'000 * 16 + 10'000 * 24;
    QVERIFY2(s.memoryBytes() >= floor, qPrintable(QString::number(s.memoryBytes())));
    QVERIFY2(s.memoryBytes() <= 2 * floor, qPrintable(QString::number(s.memoryBytes())));

    s.clearAll();
    QCOMPARE(s.memoryBytes(), empty);

    s.reserve(1000, 4);
    QVERIFY(s.memoryBytes() >= 1000 * 4 * 16 + 1000 * 24);
}

// 100,000 random operations against a model nobody can get wrong: a set ordered like the
// schedule plus a map from (ticket, event) to time. Ticket ids mix a dense range with far
// ones (hash collisions, growth, backward-shift deletion); times are drawn from a small
// range so ties are common.
void SlaScheduleTest::randomOperationsMatchAReferenceModel()
{
    // ATIENDE_TEST_SEED=<seed> replays a failure.
    bool fixed = false;
    const quint32 fixedSeed = qEnvironmentVariable("ATIENDE_TEST_SEED").toUInt(&fixed);
    const quint32 seed = fixed ? fixedSeed : QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    const QByteArray context
        = "seed " + QByteArray::number(seed) + " (replay with ATIENDE_TEST_SEED)";

    using Key = std::pair<qint64, int>;
    std::map<Key, qint64> times;
    std::set<std::tuple<qint64, qint64, int>> order;
    auto modelSet = [&](qint64 ticket, int event, qint64 at) {
        auto it = times.find({ ticket, event });
        if (it != times.end()) {
            order.erase({ it->second, ticket, event });
            times.erase(it);
        }
        if (at > 0) {
            times[{ ticket, event }] = at;
            order.insert({ at, ticket, event });
        }
    };
    auto modelContents = [&] {
        QList<Due> all;
        for (const auto &[at, ticket, event] : order)
            all << due(ticket, SlaEvent(event), at);
        return all;
    };
    auto randomTicket = [&]() -> qint64 {
        const quint32 pick = rng.bounded(3000);
        return pick < 2000 ? 1 + pick : kHuge * (pick - 1999) + pick;
    };

    SlaSchedule s;
    qint64 now = 0;
    for (int op = 0; op < 100'000; ++op) {
        const quint32 kind = rng.bounded(100);
        if (kind < 70) {
            const qint64 ticket = randomTicket();
            const int event = int(rng.bounded(4));
            const qint64 at = rng.bounded(10) == 0 ? 0 : now + 1 + rng.bounded(500);
            s.set(ticket, SlaEvent(event), at);
            modelSet(ticket, event, at);
            QVERIFY2(s.dueAt(ticket, SlaEvent(event)) == at, context);
        } else if (kind < 80) {
            const qint64 ticket = randomTicket();
            s.clear(ticket);
            for (int event = 0; event < 4; ++event)
                modelSet(ticket, event, 0);
        } else {
            now += rng.bounded(40);
            QList<Due> expected;
            while (!order.empty() && std::get<0>(*order.begin()) <= now) {
                const auto [at, ticket, event] = *order.begin();
                expected << due(ticket, SlaEvent(event), at);
                modelSet(ticket, event, 0);
            }
            const QList<Due> taken = s.takeDue(now);
            if (taken != expected) {
                qWarning("%s, op %d", context.constData(), op);
                QCOMPARE(taken, expected); // shows where they differ
            }
        }
        QVERIFY2(s.size() == qsizetype(order.size()), context);
        QVERIFY2(s.next().has_value() == !order.empty(), context);
        if (!order.empty()) {
            const auto [at, ticket, event] = *order.begin();
            QVERIFY2(*s.next() == due(ticket, SlaEvent(event), at),
                context + " at op " + QByteArray::number(op));
        }
        if (op % 10'000 == 9'999) {
            // The whole content, and build() from the model agrees as well.
            const QList<Due> all = modelContents();
            QVERIFY2(s.isConsistent(), context);
            QVERIFY2(contents(s) == all, context);
            SlaSchedule built;
            built.build(std::vector<Due>(all.cbegin(), all.cend()));
            QVERIFY2(built.isConsistent(), context);
            QVERIFY2(contents(built) == all, context);
            QVERIFY2(built.ticketCount() == s.ticketCount(), context);
        }
    }
}

// A restart-sized build, kept small enough to stay well under a second in any build type;
// the benchmark measures a million.
void SlaScheduleTest::aBigScheduleIsBuiltInDueOrder()
{
    constexpr qint64 tickets = 200'000;
    std::vector<Due> entries;
    entries.reserve(2 * tickets);
    QRandomGenerator rng(7);
    for (qint64 t = 1; t <= tickets; ++t) {
        entries.push_back(due(t, FrB, 1 + rng.bounded(1'000'000)));
        entries.push_back(due(t, ResB, 1'000'000 + rng.bounded(1'000'000)));
    }
    // How fast it builds is measured in bench/sla, not asserted here.
    SlaSchedule s;
    s.build(entries);
    QCOMPARE(s.size(), 2 * tickets);
    qint64 previous = 0;
    const QList<Due> first = s.takeDue(1'000'000);
    QCOMPARE(first.size(), tickets);
    for (const Due &d : first) {
        QVERIFY(d.at >= previous);
        previous = d.at;
    }
}

void SlaScheduleTest::timerFiresInOrderAsTheClockAdvances()
{
    ManualClock clock(1'000'000);
    SlaTimer timer(&clock);
    QList<QList<Due>> batches;
    connect(&timer, &SlaTimer::due, this, [&](const QList<Due> &d) { batches << d; });

    timer.set(1, FrW, 1'000'300);
    timer.set(2, FrW, 1'000'100);
    timer.set(3, FrB, 1'000'200);
    timer.set(1, FrB, 1'000'200);

    timer.poll();
    QVERIFY(batches.isEmpty());
    clock.advance(100);
    timer.poll();
    clock.advance(99);
    timer.poll(); // nothing at 1,000,199
    clock.advance(1);
    timer.poll();
    clock.advance(500);
    timer.poll();
    QCOMPARE(batches,
        (QList<QList<Due>> { { due(2, FrW, 1'000'100) },
            { due(1, FrB, 1'000'200), due(3, FrB, 1'000'200) }, { due(1, FrW, 1'000'300) } }));
    QVERIFY(!timer.isArmed());
    QCOMPARE(timer.armedIntervalMs(), -1);
}

void SlaScheduleTest::clockJumpForwardFiresEverythingOverdueAtOnce()
{
    ManualClock clock(1'000'000);
    SlaTimer timer(&clock);
    QList<QList<Due>> batches;
    connect(&timer, &SlaTimer::due, this, [&](const QList<Due> &d) { batches << d; });
    timer.set(5, ResB, 1'000'000 + 3'600'000);
    timer.set(4, FrB, 1'000'000 + 60'000);
    timer.set(6, FrW, 1'000'000 + 10 * 3'600'000);
    timer.set(3, ResW, 1'000'000 + 1'000);

    clock.advance(2 * 3'600'000); // suspended for two hours
    timer.poll();
    QCOMPARE(batches,
        (QList<QList<Due>> {
            { due(3, ResW, 1'001'000), due(4, FrB, 1'060'000), due(5, ResB, 4'600'000) } }));
    QCOMPARE(timer.schedule().size(), 1);
    QCOMPARE(timer.armedIntervalMs(), int(SlaTimer::kDefaultMaxSleepMs));
}

void SlaScheduleTest::clockJumpBackwardFiresNothingEarly()
{
    ManualClock clock(10'000'000);
    SlaTimer timer(&clock);
    int fired = 0;
    connect(&timer, &SlaTimer::due, this, [&](const QList<Due> &d) { fired += int(d.size()); });
    timer.set(1, FrB, 10'005'000);
    QCOMPARE(timer.armedIntervalMs(), 5000);

    clock.setNow(10'000'000 - 3'600'000); // NTP stepped back an hour
    timer.poll();
    QCOMPARE(fired, 0);
    QCOMPARE(timer.armedIntervalMs(), int(SlaTimer::kDefaultMaxSleepMs)); // capped; looks again
    clock.setNow(10'004'999);
    timer.poll();
    QCOMPARE(fired, 0);
    QCOMPARE(timer.armedIntervalMs(), 1);
    clock.advance(1);
    timer.poll();
    QCOMPARE(fired, 1);
}

void SlaScheduleTest::timerRearmsWhenTheEarliestMoves()
{
    ManualClock clock(50'000);
    SlaTimer timer(&clock);
    QVERIFY(!timer.isArmed());
    timer.set(1, ResB, 55'000);
    QCOMPARE(timer.armedIntervalMs(), 5000);
    timer.set(1, ResB, 52'000); // moved earlier
    QCOMPARE(timer.armedIntervalMs(), 2000);
    timer.set(1, ResB, 58'000); // moved later
    QCOMPARE(timer.armedIntervalMs(), 8000);
    timer.set(2, FrW, 53'000); // a new earliest
    QCOMPARE(timer.armedIntervalMs(), 3000);
    timer.set(3, FrW, 57'000); // not the earliest: unchanged
    QCOMPARE(timer.armedIntervalMs(), 3000);
    timer.clear(2);
    QCOMPARE(timer.armedIntervalMs(), 7000);
    timer.set(3, FrW, 0);
    timer.set(1, ResB, 50'000 + 10 * 3'600'000); // far away: capped
    QCOMPARE(timer.armedIntervalMs(), int(SlaTimer::kDefaultMaxSleepMs));
    timer.setMaxSleepMs(1000);
    QCOMPARE(timer.armedIntervalMs(), 1000);
    timer.build({ due(9, FrB, 50'400) });
    QCOMPARE(timer.armedIntervalMs(), 400);
    timer.clear(9);
    QVERIFY(!timer.isArmed());
}

void SlaScheduleTest::overdueEventsFireFromTheEventLoop()
{
    ManualClock clock(7'000);
    SlaTimer timer(&clock);
    QSignalSpy spy(&timer, &SlaTimer::due);
    timer.set(1, FrB, 6'000);
    timer.set(2, FrB, 7'000);
    QCOMPARE(spy.count(), 0); // never from inside set()
    QCOMPARE(timer.armedIntervalMs(), 0);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<QList<Due>>(),
        (QList<Due> { due(1, FrB, 6'000), due(2, FrB, 7'000) }));
    QVERIFY(!timer.isArmed());
}

void SlaScheduleTest::receiversMayRescheduleWhileHandlingDue()
{
    ManualClock clock(0);
    SlaTimer timer(&clock);
    QList<Due> seen;
    // What the engine will do: a warning that fires schedules nothing new, a breach of first
    // response re-schedules the resolution warning, all from inside the handler.
    connect(&timer, &SlaTimer::due, this, [&](const QList<Due> &events) {
        for (const Due &d : events) {
            seen << d;
            if (d.event == FrB)
                timer.set(d.ticketId, ResW, d.at + 100);
        }
    });
    timer.set(1, FrW, 10);
    timer.set(1, FrB, 20);
    clock.setNow(20);
    timer.poll();
    QCOMPARE(seen, (QList<Due> { due(1, FrW, 10), due(1, FrB, 20) }));
    QCOMPARE(timer.armedIntervalMs(), 100);
    clock.setNow(120);
    timer.poll();
    QCOMPARE(seen.last(), due(1, ResW, 120));
}

void SlaScheduleTest::realTimerFiresOnTheSystemClock()
{
    SystemClock clock;
    SlaTimer timer(&clock);
    QSignalSpy spy(&timer, &SlaTimer::due);
    const qint64 at = clock.now() + 30;
    timer.set(1, ResB, at);
    QTRY_COMPARE(spy.count(), 1);
    QVERIFY(clock.now() >= at);
}

QTEST_GUILESS_MAIN(SlaScheduleTest)
#include "tst_slaschedule.moc"
