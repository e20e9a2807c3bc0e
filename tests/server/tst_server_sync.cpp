// The sync feed as consoles see it: live pushes to whoever may see a change, hides when a
// ticket leaves a console's sight, paged snapshots, catch-up, and a restored server.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

class ServerSyncTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aChangeIsPushedToEveryoneWhoMaySeeIt();
    void pushesDoNotReachThoseWhoMayNotSeeTheTicket();
    void anEscalationHidesTheTicketFromTheOldGroupAndBringsItWithItsConversationToTheNew();
    void aNewConsolePullsAPagedSnapshotThenCatchesUp();
    void whatIsPushedEqualsWhatIsPulled();
    void aServerRestoredFromAnOlderBackupIsNoticeable();
    void pagesOfAMegabyteInSpanishArriveWholeAndBounded();

private:
    QJsonObject create(TestClient &c, const QString &subject, qint64 groupId = 0);
    static QHash<QString, QJsonObject> applyChanges(
        QHash<QString, QJsonObject> state, const QJsonArray &changes);
    static QHash<QString, QJsonObject> pullAll(
        TestClient &c, qint64 since, int limit, qint64 *revision, int *pages = nullptr);

    ServerProcess *m_server = nullptr;
    Desk m_desk;
};

void ServerSyncTest::init()
{
    m_server = new ServerProcess;
    QString error;
    QVERIFY2(seedDesk(m_server->dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));
}

void ServerSyncTest::cleanup()
{
    delete m_server;
}

QJsonObject ServerSyncTest::create(TestClient &c, const QString &subject, qint64 groupId)
{
    QJsonObject params { { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"), subject },
        { QStringLiteral("description"), QStringLiteral("about ") + subject },
        { QStringLiteral("opId"), newOpId() } };
    if (groupId)
        params.insert(QStringLiteral("groupId"), double(groupId));
    const auto r = c.call(QStringLiteral("tickets.create"), params);
    if (!r.ok)
        qWarning() << r.error.message;
    return r.object().value(QStringLiteral("ticket")).toObject();
}

QHash<QString, QJsonObject> ServerSyncTest::applyChanges(
    QHash<QString, QJsonObject> state, const QJsonArray &changes)
{
    QHash<QString, qint64> revs;
    for (auto it = state.cbegin(); it != state.cend(); ++it)
        revs.insert(it.key(), qint64(it.value().value(QStringLiteral("_rev")).toDouble()));
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        const QString key = c.value(QStringLiteral("entity")).toString() + QLatin1Char(':')
            + QString::number(c.value(QStringLiteral("id")).toInteger());
        const qint64 rev = c.value(QStringLiteral("rev")).toInteger();
        if (revs.value(key) >= rev)
            continue; // older than what we hold
        const QString op = c.value(QStringLiteral("op")).toString();
        if (op == QLatin1String("upsert")) {
            QJsonObject data = c.value(QStringLiteral("data")).toObject();
            data.insert(QStringLiteral("_rev"), double(rev));
            state.insert(key, data);
            revs.insert(key, rev);
        } else if (op == QLatin1String("hide") || op == QLatin1String("delete")) {
            state.remove(key);
            revs.insert(key, rev);
            if (c.value(QStringLiteral("entity")).toString() == QLatin1String("ticket")) {
                const qint64 ticket = c.value(QStringLiteral("id")).toInteger();
                for (auto it = state.begin(); it != state.end();) {
                    if (it.key().startsWith(QLatin1String("article:"))
                        && it.value().value(QStringLiteral("ticketId")).toInteger() == ticket)
                        it = state.erase(it);
                    else
                        ++it;
                }
            }
        }
    }
    return state;
}

QHash<QString, QJsonObject> ServerSyncTest::pullAll(
    TestClient &c, qint64 since, int limit, qint64 *revision, int *pages)
{
    QHash<QString, QJsonObject> state;
    int n = 0;
    for (;;) {
        const auto r = c.call(QStringLiteral("sync.pull"),
            { { QStringLiteral("since"), double(since) }, { QStringLiteral("limit"), limit } });
        if (!r.ok)
            break;
        ++n;
        state = applyChanges(state, r.object().value(QStringLiteral("changes")).toArray());
        since = qint64(r.object().value(QStringLiteral("revision")).toDouble());
        if (!r.object().value(QStringLiteral("more")).toBool())
            break;
    }
    *revision = since;
    if (pages)
        *pages = n;
    return state;
}

void ServerSyncTest::aChangeIsPushedToEveryoneWhoMaySeeIt()
{
    TestClient ana, lola, admin;
    QVERIFY(ana.open(m_server->url()) && lola.open(m_server->url()) && admin.open(m_server->url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    QVERIFY(admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const QJsonObject t = create(ana, QStringLiteral("printer on fire"));
    const qint64 id = t.value(QStringLiteral("id")).toInteger();
    auto isTicket = [id](const Notification &n) {
        for (const QJsonValue &c : n.params.value(QStringLiteral("changes")).toArray()) {
            if (c.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("ticket")
                && c.toObject().value(QStringLiteral("id")).toInteger() == id)
                return true;
        }
        return false;
    };
    for (TestClient *c : { &ana, &lola, &admin }) {
        const auto n = c->waitForNotification(isTicket);
        QVERIFY(n);
        QCOMPARE(n->method, QStringLiteral("sync.changed"));
        QVERIFY(n->params.value(QStringLiteral("revision")).toDouble() > 0);
    }
    // Lola answers; Ana sees the reply arrive.
    ana.clearNotifications();
    QVERIFY(
        lola.call(QStringLiteral("tickets.addArticle"),
                { { QStringLiteral("ticketId"), double(id) },
                    { QStringLiteral("kind"), QStringLiteral("reply") },
                    { QStringLiteral("body"), QStringLiteral("On my way with an extinguisher") } })
            .ok);
    const auto reply = ana.waitForNotification([](const Notification &n) {
        for (const QJsonValue &c : n.params.value(QStringLiteral("changes")).toArray()) {
            if (c.toObject()
                    .value(QStringLiteral("data"))
                    .toObject()
                    .value(QStringLiteral("body"))
                    .toString()
                    .contains(QLatin1String("extinguisher")))
                return true;
        }
        return false;
    });
    QVERIFY(reply);
}

void ServerSyncTest::pushesDoNotReachThoseWhoMayNotSeeTheTicket()
{
    TestClient ana, bruno;
    QVERIFY(ana.open(m_server->url()) && bruno.open(m_server->url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    create(ana, QStringLiteral("secret service desk matter"));
    const QJsonObject net = create(bruno, QStringLiteral("network matter"));
    // Bruno's own ticket reaches him; by then Ana's would have too, had it been sent.
    QVERIFY(bruno.waitForNotification([&](const Notification &n) {
        return n.params.value(QStringLiteral("changes"))
                   .toArray()
                   .first()
                   .toObject()
                   .value(QStringLiteral("id"))
            == net.value(QStringLiteral("id"));
    }));
    for (const QJsonValue &c : bruno.pushedChanges()) {
        const QJsonObject data = c.toObject().value(QStringLiteral("data")).toObject();
        QVERIFY(
            !data.value(QStringLiteral("subject")).toString().contains(QLatin1String("secret")));
        QVERIFY(!data.value(QStringLiteral("body")).toString().contains(QLatin1String("secret")));
    }
}

void ServerSyncTest::
    anEscalationHidesTheTicketFromTheOldGroupAndBringsItWithItsConversationToTheNew()
{
    TestClient ana, bruno;
    QVERIFY(ana.open(m_server->url()) && bruno.open(m_server->url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    const QJsonObject t = create(ana, QStringLiteral("core switch down"));
    const double id = t.value(QStringLiteral("id")).toDouble();
    QVERIFY(ana.call(QStringLiteral("tickets.addArticle"),
                   { { QStringLiteral("ticketId"), id },
                       { QStringLiteral("kind"), QStringLiteral("note") },
                       { QStringLiteral("body"), QStringLiteral("looks like tier 2") } })
                .ok);
    const auto r = ana.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 2 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("groupId"), double(m_desk.network) } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));

    const auto hide = ana.waitForNotification([&](const Notification &n) {
        for (const QJsonValue &c : n.params.value(QStringLiteral("changes")).toArray()) {
            if (c.toObject().value(QStringLiteral("op")).toString() == QLatin1String("hide")
                && c.toObject().value(QStringLiteral("id")).toDouble() == id)
                return true;
        }
        return false;
    });
    QVERIFY(hide);
    QCOMPARE(ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } }).error.code,
        ErrorCode::Forbidden);

    const auto arrived = bruno.waitForNotification([&](const Notification &n) {
        return n.params.value(QStringLiteral("changes"))
                   .toArray()
                   .first()
                   .toObject()
                   .value(QStringLiteral("id"))
                   .toDouble()
            == id;
    });
    QVERIFY(arrived);
    QStringList bodies;
    for (const QJsonValue &c : arrived->params.value(QStringLiteral("changes")).toArray()) {
        if (c.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("article"))
            bodies << c.toObject()
                          .value(QStringLiteral("data"))
                          .toObject()
                          .value(QStringLiteral("body"))
                          .toString();
    }
    QCOMPARE(bodies.size(), 3);
    QVERIFY(bodies.contains(QStringLiteral("looks like tier 2")));
    QVERIFY(bodies.contains(QStringLiteral("about core switch down")));
}

void ServerSyncTest::aNewConsolePullsAPagedSnapshotThenCatchesUp()
{
    TestClient ana;
    QVERIFY(ana.open(m_server->url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QSet<qint64> created;
    for (int i = 0; i < 60; ++i)
        created.insert(create(ana, QStringLiteral("snapshot %1").arg(i))
                           .value(QStringLiteral("id"))
                           .toInteger());

    TestClient console;
    QVERIFY(console.open(m_server->url()));
    QVERIFY(console.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    qint64 revision = 0;
    int pages = 0;
    const QHash<QString, QJsonObject> snapshot = pullAll(console, 0, 25, &revision, &pages);
    QVERIFY(pages >= 5);
    QSet<qint64> tickets;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        if (it.key().startsWith(QLatin1String("ticket:")))
            tickets.insert(it.value().value(QStringLiteral("id")).toInteger());
    }
    QCOMPARE(tickets, created);
    QVERIFY(snapshot.contains(QStringLiteral("customer:%1").arg(m_desk.customer)));
    QVERIFY(snapshot.contains(QStringLiteral("group:%1").arg(m_desk.network)));
    QVERIFY(snapshot.contains(QStringLiteral("agent:%1").arg(m_desk.bruno)));

    // Nothing new: nothing to catch up.
    auto r = console.call(
        QStringLiteral("sync.pull"), { { QStringLiteral("since"), double(revision) } });
    QVERIFY(r.object().value(QStringLiteral("changes")).toArray().isEmpty());
    QCOMPARE(qint64(r.object().value(QStringLiteral("revision")).toDouble()), revision);

    // Three changes later, catching up brings exactly those tickets.
    const qint64 a = create(ana, QStringLiteral("later 1")).value(QStringLiteral("id")).toInteger();
    const qint64 b = created.values().first();
    QVERIFY(
        ana.call(QStringLiteral("tickets.update"),
               { { QStringLiteral("id"), double(b) }, { QStringLiteral("baseVersion"), 1 },
                   { QStringLiteral("opId"), newOpId() },
                   { QStringLiteral("fields"),
                       QJsonObject { { QStringLiteral("urgency"), QStringLiteral("high") } } } })
            .ok);
    r = console.call(
        QStringLiteral("sync.pull"), { { QStringLiteral("since"), double(revision) } });
    QSet<qint64> changedTickets;
    for (const QJsonValue &c : r.object().value(QStringLiteral("changes")).toArray()) {
        if (c.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("ticket"))
            changedTickets.insert(c.toObject().value(QStringLiteral("id")).toInteger());
    }
    QCOMPARE(changedTickets, (QSet<qint64> { a, b }));
}

void ServerSyncTest::whatIsPushedEqualsWhatIsPulled()
{
    TestClient watcher, ana, lola;
    QVERIFY(
        watcher.open(m_server->url()) && ana.open(m_server->url()) && lola.open(m_server->url()));
    QVERIFY(watcher.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    qint64 start = 0;
    QHash<QString, QJsonObject> live = pullAll(watcher, 0, 500, &start);

    // A mixed stream of work, including tickets leaving and entering Ana's sight.
    QList<qint64> ids;
    for (int i = 0; i < 12; ++i)
        ids << create(
            i % 3 ? ana : lola, QStringLiteral("stream %1").arg(i), i % 3 ? 0 : m_desk.network)
                   .value(QStringLiteral("id"))
                   .toInteger();
    for (int i = 0; i < ids.size(); ++i) {
        TestClient &who = lola;
        const auto t
            = who.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(ids[i]) } })
                  .object()
                  .value(QStringLiteral("ticket"))
                  .toObject();
        QJsonObject fields;
        if (i % 4 == 0)
            fields.insert(QStringLiteral("groupId"),
                double(t.value(QStringLiteral("groupId")).toInteger() == m_desk.network
                        ? m_desk.serviceDesk
                        : m_desk.network));
        else
            fields.insert(QStringLiteral("subject"), QStringLiteral("renamed %1").arg(i));
        QVERIFY(who.call(QStringLiteral("tickets.update"),
                       { { QStringLiteral("id"), double(ids[i]) },
                           { QStringLiteral("baseVersion"), t.value(QStringLiteral("version")) },
                           { QStringLiteral("opId"), newOpId() },
                           { QStringLiteral("fields"), fields } })
                    .ok);
    }
    // A last change Ana can see: once its push is in, every earlier push is too.
    const double marker
        = create(ana, QStringLiteral("marker")).value(QStringLiteral("id")).toDouble();
    QVERIFY(watcher.waitForNotification([&](const Notification &n) {
        for (const QJsonValue &c : n.params.value(QStringLiteral("changes")).toArray()) {
            if (c.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("ticket")
                && c.toObject().value(QStringLiteral("id")).toDouble() == marker)
                return true;
        }
        return false;
    }));
    for (const Notification &n : watcher.notifications())
        live = applyChanges(live, n.params.value(QStringLiteral("changes")).toArray());

    TestClient fresh;
    QVERIFY(fresh.open(m_server->url()));
    QVERIFY(fresh.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    qint64 rev = 0;
    const QHash<QString, QJsonObject> pulled = pullAll(fresh, 0, 500, &rev);
    // Compare the data, not the bookkeeping revisions.
    auto strip = [](QHash<QString, QJsonObject> s) {
        for (auto &o : s)
            o.remove(QStringLiteral("_rev"));
        return s;
    };
    const auto a = strip(live), b = strip(pulled);
    QCOMPARE(a.keys().size(), b.keys().size());
    for (auto it = b.cbegin(); it != b.cend(); ++it)
        QVERIFY2(a.value(it.key()) == it.value(), qPrintable(it.key()));
}

void ServerSyncTest::aServerRestoredFromAnOlderBackupIsNoticeable()
{
    TestClient ana;
    QVERIFY(ana.open(m_server->url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    create(ana, QStringLiteral("before the backup"));
    m_server->stop();
    const QString db = m_server->dataDir() + QStringLiteral("/atiende.db");
    QVERIFY(QFile::copy(db, db + QStringLiteral(".bak")));
    QVERIFY(m_server->start());
    TestClient again;
    QVERIFY(again.open(m_server->url()));
    QVERIFY(again.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    create(again, QStringLiteral("after the backup"));
    qint64 consoleRevision = 0;
    pullAll(again, 0, 500, &consoleRevision);
    m_server->stop();
    QVERIFY(QFile::remove(db));
    QFile::remove(db + QStringLiteral("-wal"));
    QFile::remove(db + QStringLiteral("-shm"));
    QVERIFY(QFile::rename(db + QStringLiteral(".bak"), db));
    QVERIFY(m_server->start());
    TestClient restored;
    QVERIFY(restored.open(m_server->url()));
    QVERIFY(restored.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const auto r = restored.call(
        QStringLiteral("sync.pull"), { { QStringLiteral("since"), double(consoleRevision) } });
    QVERIFY(r.ok);
    QVERIFY(qint64(r.object().value(QStringLiteral("revision")).toDouble()) < consoleRevision);
}

void ServerSyncTest::pagesOfAMegabyteInSpanishArriveWholeAndBounded()
{
    // Qt's WebSocket client refuses a message whose fragments split a multi-byte character;
    // the server must send big pages so that a Qt console can read them. Pages stop near their
    // byte budget (hello's maxPageBytes), so 2.4 MB of conversation comes over a few of them.
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QString body;
    while (body.size() < 60000)
        body += QStringLiteral(
            "La configuración de la señal no llegó; pedí ayuda al técnico de la oficina. ");
    for (int i = 0; i < 40; ++i) {
        QVERIFY(ana.call(QStringLiteral("tickets.create"),
                       { { QStringLiteral("type"), QStringLiteral("incident") },
                           { QStringLiteral("subject"), QStringLiteral("página %1").arg(i) },
                           { QStringLiteral("description"), body + QString::number(i) } })
                    .ok);
    }
    TestClient console;
    QVERIFY(console.open(m_server->url())
        && console.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    int articles = 0;
    int pages = 0;
    qint64 largest = 0;
    QJsonObject params { { QStringLiteral("since"), 0 }, { QStringLiteral("limit"), 2000 } };
    for (bool more = true; more && pages < 50; ++pages) {
        const auto r = console.call(QStringLiteral("sync.pull"), params);
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QVERIFY(console.isOpen());
        const QJsonObject page = r.object();
        largest = qMax<qint64>(largest, QJsonDocument(page).toJson(QJsonDocument::Compact).size());
        for (const QJsonValue &c : page.value(QStringLiteral("changes")).toArray())
            articles += c.toObject()
                            .value(QStringLiteral("data"))
                            .toObject()
                            .value(QStringLiteral("body"))
                            .toString()
                            .startsWith(body);
        more = page.value(QStringLiteral("more")).toBool();
        params = { { QStringLiteral("since"), page.value(QStringLiteral("revision")) },
            { QStringLiteral("limit"), 2000 } };
        if (page.contains(QStringLiteral("cursor")))
            params.insert(QStringLiteral("cursor"), page.value(QStringLiteral("cursor")));
    }
    QCOMPARE(articles, 40);
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    QVERIFY2(largest > 800 * 1024 && largest < 1400 * 1024, qPrintable(QString::number(largest)));
}

QTEST_GUILESS_MAIN(ServerSyncTest)
#include "tst_server_sync.moc"
