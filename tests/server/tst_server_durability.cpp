// A server killed in the middle of writing loses nothing it acknowledged, applies nothing
// twice when consoles resend, and carries on counting where it stopped.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;

class ServerDurabilityTest : public QObject
{
    Q_OBJECT
private slots:
    void acknowledgedWritesSurviveAKillAndResendsApplyOnce();
    void aGracefulStopFinishesWhatWasQueued();
};

void ServerDurabilityTest::acknowledgedWritesSurviveAKillAndResendsApplyOnce()
{
    ServerProcess server;
    Desk desk;
    QString error;
    QVERIFY2(seedDesk(server.dataDir(), &desk, &error), qPrintable(error));
    QVERIFY(server.start());
    TestClient c;
    QVERIFY(c.open(server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));

    // Fire many creates without waiting, like a console replaying a long outbox.
    constexpr int kOps = 1500;
    QStringList ops;
    QHash<QString, QString> acknowledged; // op id -> ticket number
    qint64 highestRevisionSeen = 0;
    QObject::connect(&c.rpc(), &Client::RpcConnection::notificationReceived, &c.rpc(),
        [&](const QString &, const QJsonObject &p) {
            highestRevisionSeen
                = qMax(highestRevisionSeen, qint64(p.value(QStringLiteral("revision")).toDouble()));
        });
    for (int i = 0; i < kOps; ++i) {
        const QString op = newOpId();
        ops << op;
        c.rpc().call(QStringLiteral("tickets.create"),
            { { QStringLiteral("type"), QStringLiteral("incident") },
                { QStringLiteral("subject"), QStringLiteral("burst %1").arg(i) },
                { QStringLiteral("description"), QStringLiteral("written while the server dies") },
                { QStringLiteral("opId"), op } },
            [&acknowledged, &server, op](const Client::RpcReply &r) {
                if (!r.ok)
                    return;
                acknowledged.insert(op,
                    r.object()
                        .value(QStringLiteral("ticket"))
                        .toObject()
                        .value(QStringLiteral("number"))
                        .toString());
                if (acknowledged.size() == 100)
                    server.kill(); // SIGKILL, mid-stream
            });
    }
    QTRY_VERIFY_WITH_TIMEOUT(!server.isRunning(), 30000);
    QTRY_VERIFY(!c.isOpen());
    const QHash<QString, QString> before = acknowledged;
    qInfo("killed after %d of %d acknowledgements", int(before.size()), kOps);

    QVERIFY2(server.start(), qPrintable(server.log()));
    TestClient again;
    QVERIFY(again.open(server.url()));
    QVERIFY(again.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    // Everything acknowledged is there, under the same number.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const auto r = again.call(
            QStringLiteral("tickets.query"), { { QStringLiteral("text"), it.value() } });
        QCOMPARE(r.object().value(QStringLiteral("total")).toInt(), 1);
    }
    // The revision did not go backwards.
    const auto pull = again.call(QStringLiteral("sync.pull"),
        { { QStringLiteral("since"), 0 }, { QStringLiteral("limit"), 1 } });
    QVERIFY(qint64(pull.object().value(QStringLiteral("serverRevision")).toDouble())
        >= highestRevisionSeen);

    // The console resends its whole outbox: acknowledged ops answer the same, the rest apply once.
    for (const QString &op : std::as_const(ops)) {
        const int i = int(ops.indexOf(op));
        const auto r = again.call(QStringLiteral("tickets.create"),
            { { QStringLiteral("type"), QStringLiteral("incident") },
                { QStringLiteral("subject"), QStringLiteral("burst %1").arg(i) },
                { QStringLiteral("description"), QStringLiteral("written while the server dies") },
                { QStringLiteral("opId"), op } });
        QVERIFY2(r.ok, qPrintable(r.error.message));
        if (before.contains(op))
            QCOMPARE(r.object()
                         .value(QStringLiteral("ticket"))
                         .toObject()
                         .value(QStringLiteral("number"))
                         .toString(),
                before.value(op));
    }
    const auto all = again.call(QStringLiteral("tickets.query"),
        { { QStringLiteral("text"), QStringLiteral("burst") }, { QStringLiteral("limit"), 1 } });
    QCOMPARE(all.object().value(QStringLiteral("total")).toInt(), kOps);

    // Every ticket got its own number.
    QSet<QString> numbers;
    for (int offset = 0; offset < kOps; offset += 500) {
        const auto page = again.call(QStringLiteral("tickets.query"),
            { { QStringLiteral("limit"), 500 }, { QStringLiteral("offset"), offset } });
        for (const QJsonValue &t : page.object().value(QStringLiteral("tickets")).toArray())
            numbers.insert(t.toObject().value(QStringLiteral("number")).toString());
    }
    QCOMPARE(numbers.size(), kOps);
    server.stop();

    // The file is sound.
    auto store
        = Server::Store::open(server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->sql().scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
        QStringLiteral("ok"));
    QCOMPARE(store->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM tickets")).toInt(), kOps);
    QCOMPARE(store->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM operations")).toInt(), kOps);
}

void ServerDurabilityTest::aGracefulStopFinishesWhatWasQueued()
{
    ServerProcess server;
    Desk desk;
    QString error;
    QVERIFY2(seedDesk(server.dataDir(), &desk, &error), qPrintable(error));
    QVERIFY(server.start());
    TestClient c;
    QVERIFY(c.open(server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    int acknowledged = 0;
    for (int i = 0; i < 300; ++i) {
        c.rpc().call(QStringLiteral("tickets.create"),
            { { QStringLiteral("type"), QStringLiteral("service_request") },
                { QStringLiteral("subject"), QStringLiteral("queued %1").arg(i) },
                { QStringLiteral("opId"), newOpId() } },
            [&](const Client::RpcReply &r) { acknowledged += r.ok; });
    }
    QTRY_VERIFY(acknowledged >= 20);
    server.stop(); // SIGTERM
    QVERIFY(!server.isRunning());
    QVERIFY2(server.log().contains(QLatin1String("stopping")), qPrintable(server.log()));
    auto store
        = Server::Store::open(server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
    QVERIFY2(store, qPrintable(error));
    // Every answered request is stored; so is whatever the server had read before it stopped.
    QVERIFY(store->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM tickets")).toInt()
        >= acknowledged);
    QCOMPARE(store->sql().scalar(QStringLiteral("PRAGMA integrity_check")).toString(),
        QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(ServerDurabilityTest)
#include "tst_server_durability.moc"
