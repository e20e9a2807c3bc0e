// Dashboard pushes: only to subscribers whose groups saw a change, at most one every 200 ms
// each, the first change after a quiet spell at once and the rest together at the end of the
// interval, one frame shared by subscribers with the same scope and period. Driven by a
// manual clock and changes made up here, as the writer would deliver them.

#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/sla/slaclock.h"

#include "core/domain/ticket.h"

#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;

namespace {
constexpr qint64 kStart = 1795000000000; // 2026-11-18, mid-morning UTC
}

class DashboardFeedTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void onlySubscribersWhoseGroupsChangedHearOfIt();
    void pushesAreCoalescedToFiveASecond();
    void theFirstChangeAfterAQuietSpellGoesOutAtOnce();
    void subscribersWithTheSameViewShareOneFrame();
    void unsubscribedAndNarrowedSubscribers();
    void theTimerDeliversWithoutBeingAsked();

private:
    void ticketChange(qint64 groupId);
    QList<QJsonObject> pushesTo(DashboardFeed::Subscriber who) const;

    ManualClock m_clock { kStart };
    std::unique_ptr<KpiEngine> m_engine;
    std::unique_ptr<DashboardFeed> m_feed;
    QList<std::pair<DashboardFeed::Subscriber, QByteArray>> m_sent;
    QList<qint64> m_sentAt;
    qint64 m_nextTicket = 1;
    qint64 m_rev = 1;
};

void DashboardFeedTest::init()
{
    m_clock.setNow(kStart);
    m_engine = std::make_unique<KpiEngine>(&m_clock, QTimeZone::utc());
    KpiSnapshot snapshot;
    snapshot.groups = { 1, 2 };
    m_engine->build(std::move(snapshot));
    m_sent.clear();
    m_sentAt.clear();
    m_feed = std::make_unique<DashboardFeed>(
        m_engine.get(), &m_clock, [this](DashboardFeed::Subscriber who, const QByteArray &frame) {
            m_sent.append({ who, frame });
            m_sentAt.append(m_clock.now());
        });
}

void DashboardFeedTest::cleanup()
{
    m_feed.reset();
    m_engine.reset();
}

void DashboardFeedTest::ticketChange(qint64 groupId)
{
    Ticket t;
    t.id = m_nextTicket++;
    t.number = QStringLiteral("INC-%1").arg(t.id, 6, 10, QLatin1Char('0'));
    t.subject = QStringLiteral("printer");
    t.groupId = groupId;
    t.createdAt = t.updatedAt = m_clock.now();
    t.version = 1;
    Change c;
    c.rev = m_rev++;
    c.entity = QStringLiteral("ticket");
    c.id = t.id;
    c.data = t.toJson();
    c.scoped = true;
    c.groupId = groupId;
    m_engine->onCommitted({ c });
}

QList<QJsonObject> DashboardFeedTest::pushesTo(DashboardFeed::Subscriber who) const
{
    QList<QJsonObject> out;
    for (const auto &[to, frame] : m_sent) {
        if (to != who)
            continue;
        const QJsonObject message = QJsonDocument::fromJson(frame).object();
        if (message.value(QStringLiteral("method")).toString() == QLatin1String("dashboard.changed")
            && !message.contains(QStringLiteral("id")))
            out << message.value(QStringLiteral("params")).toObject();
    }
    return out;
}

void DashboardFeedTest::onlySubscribersWhoseGroupsChangedHearOfIt()
{
    const QJsonObject first = m_feed->subscribe(1, { 1 }, KpiPeriod::Today);
    QCOMPARE(
        first.value(QStringLiteral("current")).toObject().value(QStringLiteral("created")).toInt(),
        0);
    m_feed->subscribe(2, { 2 }, KpiPeriod::Today);
    m_feed->subscribe(3, {}, KpiPeriod::Last7Days); // the whole desk
    m_clock.advance(1000);
    ticketChange(1);
    m_feed->poll();
    QCOMPARE(pushesTo(1).size(), 1);
    QCOMPARE(pushesTo(2).size(), 0);
    QCOMPARE(pushesTo(3).size(), 1);
    QCOMPARE(pushesTo(1)
                 .first()
                 .value(QStringLiteral("current"))
                 .toObject()
                 .value(QStringLiteral("created"))
                 .toInt(),
        1);
    QCOMPARE(pushesTo(3).first().value(QStringLiteral("period")).toString(), QStringLiteral("7d"));
    // Nothing changed since: nothing more, however often asked.
    m_clock.advance(5000);
    m_feed->poll();
    m_feed->poll();
    QCOMPARE(m_sent.size(), 2);
    // A new day is a change for everyone.
    m_clock.setNow(QDateTime(QDate(2026, 11, 19), QTime(0, 0, 1), Qt::UTC).toMSecsSinceEpoch());
    m_engine->poll();
    m_feed->poll();
    QCOMPARE(pushesTo(2).size(), 1);
    QCOMPARE(m_feed->pushes(), quint64(5));
}

void DashboardFeedTest::pushesAreCoalescedToFiveASecond()
{
    constexpr qint64 interval = DashboardFeed::kMinIntervalMs;
    m_feed->subscribe(1, { 1 }, KpiPeriod::Today);
    // Within the interval after the first answer: the change waits for its end.
    m_clock.advance(interval / 2);
    ticketChange(1);
    m_feed->poll();
    QCOMPARE(pushesTo(1).size(), 0);
    m_clock.advance(interval / 2 - 1);
    ticketChange(1);
    ticketChange(1);
    m_feed->poll();
    QCOMPARE(pushesTo(1).size(), 0);
    m_clock.advance(1); // the interval is over
    m_feed->poll();
    QCOMPARE(pushesTo(1).size(), 1);
    QCOMPARE(pushesTo(1)
                 .last()
                 .value(QStringLiteral("current"))
                 .toObject()
                 .value(QStringLiteral("created"))
                 .toInt(),
        3);
    // A burst: 40 changes over one second make at most one push per interval, the last with all.
    for (int i = 0; i < 40; ++i) {
        m_clock.advance(25);
        ticketChange(1);
        m_feed->poll();
    }
    m_clock.advance(interval);
    m_feed->poll();
    QVERIFY2(pushesTo(1).size() <= 1 + 1000 / interval + 1,
        qPrintable(QString::number(pushesTo(1).size())));
    QCOMPARE(pushesTo(1)
                 .last()
                 .value(QStringLiteral("current"))
                 .toObject()
                 .value(QStringLiteral("created"))
                 .toInt(),
        43);
    // Never two within the interval.
    for (int i = 1; i < m_sentAt.size(); ++i)
        QVERIFY2(m_sentAt.at(i) - m_sentAt.at(i - 1) >= interval,
            qPrintable(QString::number(m_sentAt.at(i) - m_sentAt.at(i - 1))));
}

void DashboardFeedTest::theFirstChangeAfterAQuietSpellGoesOutAtOnce()
{
    m_feed->subscribe(1, { 2 }, KpiPeriod::Last30Days);
    m_clock.advance(10 * 1000);
    ticketChange(2);
    m_feed->poll(); // no time has passed since the change
    QCOMPARE(pushesTo(1).size(), 1);
}

void DashboardFeedTest::subscribersWithTheSameViewShareOneFrame()
{
    m_feed->subscribe(1, { 1 }, KpiPeriod::Today);
    m_feed->subscribe(2, { 1 }, KpiPeriod::Today);
    m_feed->subscribe(3, { 1 }, KpiPeriod::Last7Days);
    m_clock.advance(1000);
    ticketChange(1);
    m_feed->poll();
    QCOMPARE(m_sent.size(), 3);
    QByteArray one, two, three;
    for (const auto &[who, frame] : m_sent)
        (who == 1 ? one : who == 2 ? two : three) = frame;
    QCOMPARE(one, two);
    QVERIFY(one != three);
}

void DashboardFeedTest::unsubscribedAndNarrowedSubscribers()
{
    m_feed->subscribe(1, { 1, 2 }, KpiPeriod::Today);
    QVERIFY(m_feed->isSubscribed(1));
    QVERIFY(m_feed->unsubscribe(1));
    QVERIFY(!m_feed->unsubscribe(1));
    m_clock.advance(1000);
    ticketChange(1);
    m_feed->poll();
    QVERIFY(m_sent.isEmpty());
    // A lead who leaves group 1 keeps seeing group 2 only, and is told at once.
    m_feed->subscribe(2, { 1, 2 }, KpiPeriod::Today);
    m_clock.advance(1000);
    m_feed->setScope(2, { 2 });
    m_feed->poll();
    QCOMPARE(pushesTo(2).size(), 1);
    QCOMPARE(pushesTo(2).first().value(QStringLiteral("groupIds")).toArray(), QJsonArray { 2 });
    QCOMPARE(pushesTo(2)
                 .first()
                 .value(QStringLiteral("current"))
                 .toObject()
                 .value(QStringLiteral("created"))
                 .toInt(),
        0);
    m_clock.advance(1000);
    ticketChange(1);
    m_feed->poll();
    QCOMPARE(pushesTo(2).size(), 1);
}

void DashboardFeedTest::theTimerDeliversWithoutBeingAsked()
{
    m_feed->subscribe(1, { 1 }, KpiPeriod::Today);
    m_clock.advance(1000);
    ticketChange(1);
    QTRY_COMPARE_WITH_TIMEOUT(pushesTo(1).size(), 1, 2000);
    // Inside the interval: the timer comes back for it once the clock has moved on.
    ticketChange(1);
    // The feed looks at it on the next turn of the event loop (a zero timer, started before
    // this one) and, the interval not being over, pushes nothing yet.
    bool turned = false;
    QTimer::singleShot(0, this, [&turned] { turned = true; });
    QTRY_VERIFY(turned);
    QCOMPARE(pushesTo(1).size(), 1);
    m_clock.advance(DashboardFeed::kMinIntervalMs);
    QTRY_COMPARE_WITH_TIMEOUT(pushesTo(1).size(), 2, 2000);
}

QTEST_GUILESS_MAIN(DashboardFeedTest)
#include "tst_dashboardfeed.moc"
