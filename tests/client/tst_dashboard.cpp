// The console's dashboard client against a real atiended: a lead subscribes and follows the
// figures live; the last figures stay in the local cache with when they came, so a console
// opened with the server down shows them; after a reconnect the subscription is made again
// by itself; agents are refused; reports come back or say why not.

#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;

class DashboardClientTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void aLeadFollowsTheFiguresLive();
    void theLastFiguresStayForOfflineUseAndComeBackLive();
    void agentsAreRefused();
    void reportsComeBackOrSayWhyNot();

private:
    bool waitOnline(Workspace &w)
    {
        QDeadlineTimer d(20000);
        while (!d.hasExpired() && w.state() != SyncEngine::State::Online)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.state() == SyncEngine::State::Online;
    }
    Workspace::Options options(const QString &user) const
    {
        return { m_server.url(), user, QStringLiteral("pw-") + user, m_dirs.filePath(user), false };
    }
    static int created(const Dashboard *d) { return int(d->figures().current.created); }
    qint64 createTicket(qint64 groupId);
    bool controlSawTwoTickets(qint64 groupId);
    static bool roundTrip(Workspace &w);

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
};

void DashboardClientTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
}

qint64 DashboardClientTest::createTicket(qint64 groupId)
{
    TestClient admin;
    if (!admin.open(m_server.url())
        || !admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")))
        return 0;
    const Client::RpcReply r = admin.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("El monitor parpadea") },
            { QStringLiteral("groupId"), double(groupId) },
            { QStringLiteral("opId"), newOpId() } });
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

// "No more figures" is checked against a control instead of a wait: an admin subscribed to the
// group is pushed a ticket at once, which opens its 200 ms window, and a second one at the end
// of it; by then the server has sent any push of the same changes to a connection whose
// window opened earlier.
bool DashboardClientTest::controlSawTwoTickets(qint64 groupId)
{
    TestClient control;
    if (!control.open(m_server.url())
        || !control.login(QStringLiteral("admin"), QStringLiteral("pw-admin")))
        return false;
    const Client::RpcReply first = control.call(QStringLiteral("dashboard.subscribe"),
        { { QStringLiteral("groupIds"), QJsonArray { double(groupId) } } });
    const int before = first.object()
                           .value(QStringLiteral("current"))
                           .toObject()
                           .value(QStringLiteral("created"))
                           .toInt();
    for (int n = 1; n <= 2; ++n) {
        if (!first.ok || createTicket(groupId) <= 0)
            return false;
        const auto seen = control.waitForNotification(
            [&](const Notification &note) {
                return note.method == QLatin1String("dashboard.changed")
                    && note.params.value(QStringLiteral("current"))
                           .toObject()
                           .value(QStringLiteral("created"))
                           .toInt()
                    == before + n;
            },
            5000);
        if (!seen)
            return false;
    }
    return true;
}

// A request on the workspace's own connection, answered after whatever the server sent it before.
bool DashboardClientTest::roundTrip(Workspace &w)
{
    bool answered = false;
    w.connection()->rpc().call(QStringLiteral("presence.list"), {},
        [&answered](const Client::RpcReply &) { answered = true; });
    QDeadlineTimer d(10000);
    while (!answered && !d.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return answered;
}

void DashboardClientTest::aLeadFollowsTheFiguresLive()
{
    Workspace w;
    QString error;
    QVERIFY2(w.open(options(QStringLiteral("lola")), &error), qPrintable(error));
    QVERIFY(waitOnline(w));
    Dashboard *d = w.dashboard();
    QVERIFY(d);
    QSignalSpy live(d, &Dashboard::liveChanged);
    d->subscribe({}, QStringLiteral("today"));
    QVERIFY(d->isSubscribed());
    QTRY_VERIFY_WITH_TIMEOUT(d->isLive(), 5000);
    QCOMPARE(d->figures().groupIds, (QList<qint64> { m_desk.serviceDesk, m_desk.network }));
    QVERIFY(d->receivedAt() > 0);
    const int before = created(d);
    QSignalSpy changed(d, &Dashboard::figuresChanged);
    QVERIFY(createTicket(m_desk.network) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(created(d), before + 1, 5000);
    QVERIFY(changed.count() >= 1);
    // Another period: its own figures.
    d->subscribe({ m_desk.network }, QStringLiteral("30d"));
    QTRY_COMPARE_WITH_TIMEOUT(d->figures().period, QStringLiteral("30d"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(d->isLive(), 5000);
    QCOMPARE(d->figures().groupIds, QList<qint64> { m_desk.network });
    d->unsubscribe();
    QVERIFY(!d->isLive() && !d->isSubscribed());
    const Core::DashboardFigures last = d->figures();
    QVERIFY(controlSawTwoTickets(m_desk.network));
    QVERIFY(roundTrip(w));
    QCOMPARE(d->figures(), last);
}

void DashboardClientTest::theLastFiguresStayForOfflineUseAndComeBackLive()
{
    Core::DashboardFigures seen;
    qint64 receivedAt = 0;
    {
        Workspace w;
        QString error;
        QVERIFY2(w.open(options(QStringLiteral("lola")), &error), qPrintable(error));
        QVERIFY(waitOnline(w));
        w.dashboard()->subscribe({ m_desk.serviceDesk }, QStringLiteral("7d"));
        QTRY_VERIFY_WITH_TIMEOUT(w.dashboard()->isLive(), 5000);
        seen = w.dashboard()->figures();
        receivedAt = w.dashboard()->receivedAt();
    }
    m_server.stop();
    // Opened with the server down: the same figures, and when they came, at once.
    Workspace w;
    QString error;
    QVERIFY2(w.open(options(QStringLiteral("lola")), &error), qPrintable(error));
    Dashboard *d = w.dashboard();
    d->subscribe({ m_desk.serviceDesk }, QStringLiteral("7d"));
    QCOMPARE(d->figures(), seen);
    QCOMPARE(d->receivedAt(), receivedAt);
    QVERIFY(!d->isLive());
    // Nothing kept for a scope never shown.
    d->subscribe({ m_desk.network }, QStringLiteral("today"));
    QVERIFY(d->figures().isEmpty());
    QCOMPARE(d->receivedAt(), qint64(0));
    d->subscribe({ m_desk.serviceDesk }, QStringLiteral("7d"));
    // The server comes back: the console subscribes again by itself.
    QVERIFY(m_server.start());
    QTRY_VERIFY_WITH_TIMEOUT(d->isLive(), 30000);
    QVERIFY(d->receivedAt() > receivedAt);
    // And a dropped link likewise.
    w.connection()->dropLink();
    QTRY_VERIFY_WITH_TIMEOUT(!d->isLive(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(d->isLive(), 30000);
    const int before = created(d);
    QVERIFY(createTicket(m_desk.serviceDesk) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(created(d), before + 1, 5000);
}

void DashboardClientTest::agentsAreRefused()
{
    Workspace w;
    QString error;
    QVERIFY2(w.open(options(QStringLiteral("ana")), &error), qPrintable(error));
    QVERIFY(waitOnline(w));
    QSignalSpy refused(w.dashboard(), &Dashboard::refused);
    w.dashboard()->subscribe({}, QStringLiteral("today"));
    QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 5000);
    QCOMPARE(refused.at(0).at(0).toInt(), int(Core::Protocol::ErrorCode::Forbidden));
    QVERIFY(!w.dashboard()->isSubscribed());
    QVERIFY(!w.dashboard()->isLive());
}

void DashboardClientTest::reportsComeBackOrSayWhyNot()
{
    Workspace w;
    QString error;
    QVERIFY2(w.open(options(QStringLiteral("lola")), &error), qPrintable(error));
    QVERIFY(waitOnline(w));
    std::optional<Dashboard::ReportReply> week, decade;
    const QDate today = QDate::currentDate();
    w.dashboard()->requestReport(today.addDays(-6), today.addDays(1), { m_desk.serviceDesk },
        [&](const Dashboard::ReportReply &r) { week = r; });
    w.dashboard()->requestReport(
        today.addYears(-10), today, {}, [&](const Dashboard::ReportReply &r) { decade = r; });
    QTRY_VERIFY_WITH_TIMEOUT(week && decade, 10000);
    QVERIFY2(week->ok, qPrintable(week->error.message));
    QCOMPARE(week->report.days.size(), 7);
    QVERIFY(week->report.totals.created >= 1);
    QVERIFY(!decade->ok);
    QCOMPARE(decade->error.code, Core::Protocol::ErrorCode::ValidationFailed);
    // Offline: said at once, not left hanging.
    m_server.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!w.connection()->isOnline(), 5000);
    std::optional<Dashboard::ReportReply> offline;
    w.dashboard()->requestReport(
        today, today.addDays(1), {}, [&](const Dashboard::ReportReply &r) { offline = r; });
    QTRY_VERIFY_WITH_TIMEOUT(offline.has_value(), 2000);
    QVERIFY(!offline->ok);
    QVERIFY(m_server.start());
}

QTEST_GUILESS_MAIN(DashboardClientTest)
#include "tst_dashboard.moc"
