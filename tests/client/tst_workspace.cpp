// The facade the console's screens use: instant from the cache, live, and honest about
// conflicts, which the agent settles one way or the other.

#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;

class WorkspaceTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void itSaysExactlyWhatChanged();
    void itOpensInstantlyFromItsCacheWithNoServer();
    void aConflictIsSettledEitherWay();

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
        return { m_server.url(), user, QStringLiteral("pw-") + user, m_dirs.filePath(user), false };
    }
    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
};

void WorkspaceTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
}

void WorkspaceTest::itSaysExactlyWhatChanged()
{
    Workspace w;
    QString error;
    QVERIFY2(w.open(options(QStringLiteral("ana")), &error), qPrintable(error));
    QVERIFY(waitOnline(w));
    QCOMPARE(w.me().login, QStringLiteral("ana"));
    QCOMPARE(w.groups().size(), 2);
    QVERIFY(w.customer(m_desk.customer).has_value());

    QSignalSpy changed(&w, &Workspace::ticketsChanged);
    QSignalSpy conversation(&w, &Workspace::conversationChanged);
    TestClient lola;
    QVERIFY(
        lola.open(m_server.url()) && lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    const auto r = lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("signal me") },
            { QStringLiteral("customerId"), double(m_desk.customer) } });
    const qint64 id = r.object()
                          .value(QStringLiteral("ticket"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toInteger();
    QTRY_VERIFY(!changed.isEmpty());
    QVERIFY(changed.last().first().value<QSet<qint64>>().contains(id));
    QCOMPARE(w.customerHistory(m_desk.customer).size(), 1);

    QSignalSpy outbox(&w, &Workspace::outboxSizeChanged);
    w.reply(id, QStringLiteral("on it"));
    QVERIFY(!outbox.isEmpty()); // the edit is queued first...
    QTRY_COMPARE(w.outboxSize(), 0); // ...then answered
    QTRY_VERIFY(!conversation.isEmpty());
    QCOMPARE(w.conversation(id).size(), 1);
    w.close();
}

void WorkspaceTest::itOpensInstantlyFromItsCacheWithNoServer()
{
    {
        Workspace w;
        QString error;
        QVERIFY(w.open(options(QStringLiteral("lola")), &error));
        QVERIFY(waitOnline(w));
        QVERIFY(w.tickets({}).size() >= 1);
    }
    Workspace::Options offline = options(QStringLiteral("lola"));
    offline.server.setPort(1); // nothing listens there
    // A different server address means a different cache: use the same one on purpose.
    QFile::copy(Workspace::cachePath(options(QStringLiteral("lola")).dataDir,
                    options(QStringLiteral("lola")).server, QStringLiteral("lola")),
        Workspace::cachePath(offline.dataDir, offline.server, QStringLiteral("lola")));
    Workspace w;
    QString error;
    QVERIFY(w.open(offline, &error));
    QVERIFY(w.tickets({}).size() >= 1); // at once, from the cache
    QVERIFY(w.state() != SyncEngine::State::Online);
    LocalCache::Query q;
    q.text = QStringLiteral("signal");
    const QList<Atiende::Core::Ticket> found = w.tickets(q);
    QCOMPARE(found.size(), 1);
    // Work goes on offline and waits in the outbox.
    w.addNote(found.first().id, QStringLiteral("written offline"));
    QCOMPARE(w.outboxSize(), 1);
}

void WorkspaceTest::aConflictIsSettledEitherWay()
{
    Workspace ana;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(ana));
    LocalCache::Query q;
    q.text = QStringLiteral("signal me");
    const Atiende::Core::Ticket t = ana.tickets(q).first();
    const qint64 id = t.id;
    ana.connection()->stop();
    ana.setImpact(id, Atiende::Core::Level::Low);
    ana.setSubject(id, QStringLiteral("mine"));
    TestClient lola;
    QVERIFY(
        lola.open(m_server.url()) && lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    QVERIFY(lola.call(QStringLiteral("tickets.update"),
                    { { QStringLiteral("id"), double(id) },
                        { QStringLiteral("baseVersion"), t.version },
                        { QStringLiteral("opId"), newOpId() },
                        { QStringLiteral("fields"),
                            QJsonObject { { QStringLiteral("impact"), QStringLiteral("high") },
                                { QStringLiteral("subject"), QStringLiteral("theirs") } } } })
                .ok);
    QSignalSpy conflicts(&ana, &Workspace::conflictsChanged);
    ana.connection()->start();
    QVERIFY(waitOnline(ana));
    QTRY_VERIFY(!conflicts.isEmpty());
    QList<EditConflict> list = ana.conflicts(id);
    QCOMPARE(list.size(), 2);
    QCOMPARE(ana.ticket(id)->impact, Atiende::Core::Level::High);
    // Subject: the agent keeps the other one. Impact: the agent insists on theirs.
    for (const EditConflict &c : list) {
        QVERIFY(c.isFieldConflict());
        if (c.field == Atiende::Core::TicketField::Subject) {
            QCOMPARE(c.yours.text, QStringLiteral("mine"));
            QCOMPARE(c.theirs.text, QStringLiteral("theirs"));
        } else {
            QCOMPARE(c.field,
                std::optional<Atiende::Core::TicketField>(Atiende::Core::TicketField::Impact));
            QCOMPARE(c.yours.text, QStringLiteral("low"));
            QCOMPARE(c.theirs.text, QStringLiteral("high"));
        }
    }
    for (const EditConflict &c : list) {
        if (c.field == Atiende::Core::TicketField::Subject)
            ana.keepTheirs(c.id);
        else
            ana.applyMine(c);
    }
    QVERIFY(waitOnline(ana));
    QVERIFY(ana.conflicts(id).isEmpty());
    const QJsonObject server
        = lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } })
              .object()
              .value(QStringLiteral("ticket"))
              .toObject();
    QCOMPARE(server.value(QStringLiteral("impact")).toString(), QStringLiteral("low"));
    QCOMPARE(server.value(QStringLiteral("subject")).toString(), QStringLiteral("theirs"));
    QTRY_COMPARE(ana.ticket(id)->impact, Atiende::Core::Level::Low);
}

QTEST_GUILESS_MAIN(WorkspaceTest)
#include "tst_workspace.moc"
