// "Who else is here" as the console sees it: two real Workspaces against a real atiended,
// each showing the agent the other one on a ticket, typing told sparingly, the picture
// restored after a lost link, and nobody at all offline.

#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;

namespace Atiende::Client {
char *toString(const Viewer &v)
{
    return qstrdup(QStringLiteral("{%1 %2%3}")
                       .arg(v.agentId)
                       .arg(v.name, v.typing ? QStringLiteral(", typing") : QString())
                       .toUtf8()
                       .constData());
}
} // namespace Atiende::Client

class PresenceTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void twoConsolesSeeEachOtherButNeverThemselves();
    void typingGoesOutSparinglyAndStopsByItself();
    void aConsoleBackFromALostLinkShowsItsTicketAgainAndSeesWhoIsThere();
    void aTicketThatLeavesSightTakesItsViewersAlong();
    void offlineThereIsNobodyAndNothingFails();

private:
    bool waitOnline(Workspace &w)
    {
        QDeadlineTimer d(20000);
        while (!d.hasExpired() && !(w.state() == SyncEngine::State::Online && w.outboxSize() == 0))
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.state() == SyncEngine::State::Online;
    }
    Workspace::Options options(const QString &user) const
    {
        Workspace::Options o;
        o.server = m_server.url();
        o.user = user;
        o.password = QStringLiteral("pw-") + user;
        o.dataDir = m_dirs.filePath(user);
        o.useKeychain = false;
        return o;
    }
    // A ticket in Service Desk, made by Lola, that both Ana and Lola may see.
    qint64 sharedTicket(const QString &subject)
    {
        TestClient lola;
        if (!lola.open(m_server.url())
            || !lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")))
            return 0;
        const auto r = lola.call(QStringLiteral("tickets.create"),
            { { QStringLiteral("type"), QStringLiteral("incident") },
                { QStringLiteral("subject"), subject },
                { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
                { QStringLiteral("opId"), newOpId() } });
        return r.object()
            .value(QStringLiteral("ticket"))
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger();
    }
    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
};

void PresenceTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
}

void PresenceTest::twoConsolesSeeEachOtherButNeverThemselves()
{
    Workspace ana, lola;
    QString error;
    QVERIFY2(ana.open(options(QStringLiteral("ana")), &error), qPrintable(error));
    QVERIFY2(lola.open(options(QStringLiteral("lola")), &error), qPrintable(error));
    QVERIFY(waitOnline(ana) && waitOnline(lola));
    const qint64 id = sharedTicket(QStringLiteral("El proyector de la sala 4 no enciende"));
    QVERIFY(id > 0);

    QSignalSpy lolaHears(&lola, &Workspace::presenceChanged);
    ana.setViewing(id);
    QTRY_COMPARE(
        lola.viewers(id), (QList<Viewer> { { m_desk.ana, QStringLiteral("Ana"), false } }));
    QCOMPARE(lolaHears.last().first().toLongLong(), id);
    QVERIFY(ana.viewers(id).isEmpty()); // she is there, but nobody else

    QSignalSpy anaHears(&ana, &Workspace::presenceChanged);
    lola.setViewing(id);
    QTRY_COMPARE(
        ana.viewers(id), (QList<Viewer> { { m_desk.lola, QStringLiteral("Lola"), false } }));
    QCOMPARE(anaHears.size(), 1);
    QCOMPARE(lola.viewers(id), (QList<Viewer> { { m_desk.ana, QStringLiteral("Ana"), false } }));

    lola.setTyping(id, true);
    QTRY_VERIFY(!ana.viewers(id).isEmpty() && ana.viewers(id).first().typing);
    lola.setTyping(id, false);
    QTRY_VERIFY(!ana.viewers(id).first().typing);

    // Ana moves on to nothing: Lola is alone on it, and hears so.
    lolaHears.clear();
    ana.setViewing(0);
    QTRY_VERIFY(lola.viewers(id).isEmpty());
    QCOMPARE(lolaHears.size(), 1);
    // Closing a console takes its agent off the ticket for the others.
    ana.setViewing(id);
    QTRY_COMPARE(lola.viewers(id).size(), 1);
    ana.close();
    QTRY_VERIFY(lola.viewers(id).isEmpty());
}

void PresenceTest::typingGoesOutSparinglyAndStopsByItself()
{
    Workspace ana, lola;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana")), &error)
        && lola.open(options(QStringLiteral("lola")), &error));
    QVERIFY(waitOnline(ana) && waitOnline(lola));
    const qint64 id = sharedTicket(QStringLiteral("Solicitud de portátil nuevo"));
    lola.setViewing(id);
    QTRY_COMPARE(ana.viewers(id).size(), 1);

    // A burst of keystrokes is one request: nothing is answered in between, so every
    // request sent is still pending.
    RpcConnection &rpc = ana.connection()->rpc();
    const int before = rpc.pendingCalls();
    for (int key = 0; key < 40; ++key)
        ana.setTyping(id, true);
    QCOMPARE(rpc.pendingCalls() - before, 1);
    QTRY_VERIFY(!lola.viewers(id).isEmpty() && lola.viewers(id).first().typing);
    QCOMPARE(lola.viewers(id).first().agentId, m_desk.ana);

    // Ana stops striking keys without saying so (she went for a coffee): the console says
    // she stopped by itself, long before the server's own 10 s would.
    QElapsedTimer quiet;
    quiet.start();
    QTRY_VERIFY_WITH_TIMEOUT(
        !lola.viewers(id).first().typing, TicketPresence::kTypingIdleMs + 4000);
    QVERIFY(quiet.elapsed() >= TicketPresence::kTypingIdleMs - 500);
    QCOMPARE(lola.viewers(id).first().agentId, m_desk.ana); // still has it open

    // Stopping when not typing sends nothing; typing again goes out at once.
    const int idle = rpc.pendingCalls();
    ana.setTyping(id, false);
    QCOMPARE(rpc.pendingCalls(), idle);
    ana.setTyping(id, true);
    QCOMPARE(rpc.pendingCalls(), idle + 1);
    QTRY_VERIFY(lola.viewers(id).first().typing);
    const int typing = rpc.pendingCalls();
    ana.setTyping(id, false);
    QCOMPARE(rpc.pendingCalls(), typing + 1);
    QTRY_VERIFY(!lola.viewers(id).first().typing);
}

void PresenceTest::aConsoleBackFromALostLinkShowsItsTicketAgainAndSeesWhoIsThere()
{
    Workspace ana, lola;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana")), &error)
        && lola.open(options(QStringLiteral("lola")), &error));
    QVERIFY(waitOnline(ana) && waitOnline(lola));
    ana.connection()->setBackoff(200, 400);
    const qint64 id = sharedTicket(QStringLiteral("Certificado de la intranet caducado"));
    ana.setViewing(id);
    lola.setViewing(id);
    QTRY_COMPARE(ana.viewers(id).size(), 1);
    QTRY_COMPARE(lola.viewers(id).size(), 1);

    QSignalSpy anaHears(&ana, &Workspace::presenceChanged);
    ana.connection()->dropLink();
    // Offline Ana knows of nobody; the server took her off the ticket for Lola.
    QVERIFY(ana.viewers(id).isEmpty());
    QVERIFY(!anaHears.isEmpty());
    QTRY_VERIFY(lola.viewers(id).isEmpty());
    // While offline she moves to another ticket: that is what she shows once back.
    const qint64 other = sharedTicket(QStringLiteral("Acceso a la carpeta de Finanzas"));
    ana.setViewing(other);
    QVERIFY(waitOnline(ana));
    QTRY_COMPARE(
        lola.viewers(other), (QList<Viewer> { { m_desk.ana, QStringLiteral("Ana"), false } }));
    QVERIFY(lola.viewers(id).isEmpty());
    // And she sees at once who is where, without anyone moving.
    QTRY_COMPARE(
        ana.viewers(id), (QList<Viewer> { { m_desk.lola, QStringLiteral("Lola"), false } }));
}

void PresenceTest::aTicketThatLeavesSightTakesItsViewersAlong()
{
    Workspace ana, lola;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana")), &error)
        && lola.open(options(QStringLiteral("lola")), &error));
    QVERIFY(waitOnline(ana) && waitOnline(lola));
    const qint64 id = sharedTicket(QStringLiteral("Fibra cortada en el almacén"));
    lola.setViewing(id);
    QTRY_COMPARE(ana.viewers(id).size(), 1);

    // Escalated to Network, where Ana is not: the ticket leaves her console, and with it
    // whoever was on it; Lola, in both groups, stays on it.
    QSignalSpy anaHears(&ana, &Workspace::presenceChanged);
    TestClient admin;
    QVERIFY(admin.open(m_server.url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const auto r = admin.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("groupId"), double(m_desk.network) } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QTRY_VERIFY(!ana.ticket(id).has_value());
    QVERIFY(ana.viewers(id).isEmpty());
    QVERIFY(!anaHears.isEmpty());
    QCOMPARE(anaHears.last().first().toLongLong(), id);
    lola.setTyping(id, true);
    QVERIFY(admin.waitForNotification([&](const Notification &n) {
        return n.method == QLatin1String("presence.changed")
            && n.params.value(QStringLiteral("ticketId")).toInteger() == id
            && n.params.value(QStringLiteral("viewers"))
                   .toArray()
                   .first()
                   .toObject()
                   .value(QStringLiteral("typing"))
                   .toBool();
    })); // the admin sees every ticket: by now Ana would have heard too, had it been sent
    QVERIFY(ana.viewers(id).isEmpty()); // nothing more reaches her about it
}

void PresenceTest::offlineThereIsNobodyAndNothingFails()
{
    Workspace::Options offline = options(QStringLiteral("ana"));
    offline.server.setPort(1); // nothing listens there
    Workspace w;
    QString error;
    QVERIFY(w.open(offline, &error));
    QSignalSpy heard(&w, &Workspace::presenceChanged);
    QSignalSpy failed(&w, &Workspace::connectionFailed);
    w.setViewing(42);
    w.setTyping(42, true);
    w.setTyping(42, false);
    w.setViewing(0);
    QVERIFY(w.viewers(42).isEmpty());
    // Until the connection has been tried and failed, then still nothing.
    QVERIFY(failed.count() > 0 || failed.wait(10000));
    QVERIFY(heard.isEmpty());
    QVERIFY(w.state() != SyncEngine::State::Online);

    Workspace closed; // never opened: the same calls are harmless
    closed.setViewing(7);
    closed.setTyping(7, true);
    QVERIFY(closed.viewers(7).isEmpty());
}

QTEST_GUILESS_MAIN(PresenceTest)
#include "tst_presence.moc"
