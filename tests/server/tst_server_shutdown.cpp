// The server stopped and destroyed while log-ins are being checked (Argon2id on the password
// pool): it waits for the checks under way, answers none of them, and nothing crashes; the
// consoles are disconnected. Run under ./dev.sh test-asan this also shows that no
// answer touches the server's parts after they are gone.

#include "deskfixture.h"

#include "server/rpc/rpcserver.h"

#include "core/protocol/protocol.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <vector>

using namespace Atiende;

class ServerShutdownTest : public QObject
{
    Q_OBJECT

private slots:
    void destroyedWhileLogInsAreCheckedAnswersNoneAndEndsCleanly();
};

namespace {
QString frame(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString request(int id, const QString &method, const QJsonObject &params)
{
    return frame(
        { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("id"), id },
            { QStringLiteral("method"), method }, { QStringLiteral("params"), params } });
}
} // namespace

void ServerShutdownTest::destroyedWhileLogInsAreCheckedAnswersNoneAndEndsCleanly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Test::Desk desk;
    QString error;
    QVERIFY2(Test::seedDesk(dir.path(), &desk, &error), qPrintable(error));
    Server::ServerConfig config;
    config.databasePath = dir.filePath(QStringLiteral("atiende.db"));
    config.port = 0;
    config.passwordCheckThreads = 1; // one check at a time: the others wait in the pool
    config.passwordCheckQueue = 32;
    config.passwordChecksPerAddress = 32;
    auto server = std::make_unique<Server::RpcServer>(config);
    QVERIFY2(server->start(&error), qPrintable(error));
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1%2")
                       .arg(server->port())
                       .arg(QLatin1String(Core::Protocol::kPath)));

    // One console per agent: parallel log-ins of one user would be throttled before their check.
    const QStringList users { QStringLiteral("admin"), QStringLiteral("ana"),
        QStringLiteral("bruno"), QStringLiteral("lola") };
    const int kConsoles = int(users.size());
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    int greeted = 0;
    int loginAnswers = 0;
    int closed = 0;
    for (int i = 0; i < kConsoles; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        connect(socket.get(), &QWebSocket::textMessageReceived, this, [&](const QString &text) {
            const int id = QJsonDocument::fromJson(text.toUtf8())
                               .object()
                               .value(QStringLiteral("id"))
                               .toInt();
            if (id == 1)
                ++greeted;
            else if (id == 2)
                ++loginAnswers;
        });
        connect(socket.get(), &QWebSocket::disconnected, this, [&] { ++closed; });
        socket->open(url);
        sockets.push_back(std::move(socket));
    }
    for (auto &socket : sockets)
        QTRY_COMPARE(socket->state(), QAbstractSocket::ConnectedState);
    for (auto &socket : sockets)
        socket->sendTextMessage(request(1, QStringLiteral("hello"),
            { { QStringLiteral("protocol"), Core::Protocol::kVersion } }));
    QTRY_COMPARE(greeted, kConsoles);
    for (int i = 0; i < kConsoles; ++i)
        sockets.at(size_t(i))->sendTextMessage(request(2, QStringLiteral("auth.login"),
            { { QStringLiteral("user"), users.at(i) },
                { QStringLiteral("password"), QStringLiteral("pw-") + users.at(i) } }));
    // The first answer means the checks have started; the others are running or waiting.
    QTRY_VERIFY_WITH_TIMEOUT(loginAnswers >= 1, 30000);
    server->stop();
    QVERIFY2(
        loginAnswers < kConsoles, "every check had ended before the stop: nothing was under way");
    server.reset();
    QTRY_COMPARE(closed, kConsoles);
}

QTEST_GUILESS_MAIN(ServerShutdownTest)
#include "tst_server_shutdown.moc"
