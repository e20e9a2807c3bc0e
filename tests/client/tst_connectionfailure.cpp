// Why the console cannot connect or sign in, as the connection reports it: what retrying
// cannot fix stops the retries and says so; a server that is away is named and retried. And a
// session the agent did not want remembered leaves nothing behind. The desk is an in-process
// one (FakeDesk) where the point is the console's policy; a refused port and a silent listener
// are real sockets, to hold the WebSocket transport to the errors the policy expects.

#include "connection/connection.h"
#include "connection/tokenstore.h"
#include "workspace/workspace.h"

#include "core/protocol/errorcode.h"

#include "fakedesk.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;
using Kind = ConnectionFailure::Kind;

class ConnectionFailureTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void aWrongPasswordStopsTheRetriesAndSaysSo();
    void tooManyWrongPasswordsSayWhenToTryAgain();
    void aServerNobodyListensOnIsNamedAndRetried();
    void aServerThatNeverAnswersTimesOut();
    void aSessionNotToBeRememberedLeavesNoToken();
    void signingOutEndsTheSessionOnTheServer();

private:
    Workspace::Options options(const QString &user, const QString &password) const
    {
        Workspace::Options o;
        o.server = FakeDesk::url();
        o.user = user;
        o.password = password;
        o.dataDir = m_dirs->filePath(user);
        o.useKeychain = false;
        o.transport = m_desk->factory();
        return o;
    }
    static bool waitSession(Workspace &w)
    {
        QDeadlineTimer d(20000);
        while (!d.hasExpired() && w.state() != SyncEngine::State::Online)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.state() == SyncEngine::State::Online;
    }
    std::unique_ptr<FakeDesk> m_desk;
    std::unique_ptr<QTemporaryDir> m_dirs;
};

void ConnectionFailureTest::init()
{
    m_dirs = std::make_unique<QTemporaryDir>();
    m_desk = std::make_unique<FakeDesk>();
    m_desk->addAgent(QStringLiteral("ana"), QStringLiteral("pw-ana"));
    m_desk->addAgent(QStringLiteral("bruno"), QStringLiteral("pw-bruno"));
    m_desk->addAgent(QStringLiteral("lola"), QStringLiteral("pw-lola"));
}

void ConnectionFailureTest::aWrongPasswordStopsTheRetriesAndSaysSo()
{
    Workspace w;
    QSignalSpy failed(&w, &Workspace::connectionFailed);
    QSignalSpy signIn(&w, &Workspace::signInNeeded);
    QString error;
    QVERIFY(w.open(options(QStringLiteral("bruno"), QStringLiteral("not-his")), &error));
    w.connection()->setBackoff(1, 1); // a retry, were there one, would go out at once
    QVERIFY(failed.wait(10000));
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::WrongCredentials);
    QVERIFY(f.fatal);
    QCOMPARE(f.code, int(Core::Protocol::ErrorCode::InvalidCredentials));
    QCOMPARE(f.endpoint(), QStringLiteral("desk.test:8765"));
    QCOMPARE(signIn.count(), 1); // the older, coarser signal still comes
    QCOMPARE(w.lastFailure().kind, Kind::WrongCredentials);
    QVERIFY(!failed.wait(300)); // and nothing more: no retry with a password known to be wrong
    QCOMPARE(m_desk->attempts(), 1);
    QCOMPARE(m_desk->count(QStringLiteral("auth.login")), 1);
    QCOMPARE(w.state(), SyncEngine::State::Offline);
}

void ConnectionFailureTest::tooManyWrongPasswordsSayWhenToTryAgain()
{
    // The server slows a user name down after 4 failures (docs/protocol.md, auth.login).
    int failures = 0;
    m_desk->on(QStringLiteral("auth.login"), [&failures](const FakeDesk::Call &) {
        return ++failures <= 4
            ? FakeDesk::Answer::fail(Core::Protocol::ErrorCode::InvalidCredentials,
                QStringLiteral("Wrong user name or password."))
            : FakeDesk::Answer::fail(Core::Protocol::ErrorCode::RateLimited,
                QStringLiteral("Too many failed sign-ins; wait."),
                { { QStringLiteral("retryAfterMs"), 4000 } });
    });
    ConnectionFailure f;
    for (int i = 0; i < 8 && f.kind != Kind::Throttled; ++i) {
        Workspace w;
        QSignalSpy failed(&w, &Workspace::connectionFailed);
        QString error;
        QVERIFY(
            w.open(options(QStringLiteral("admin"), QStringLiteral("guess-%1").arg(i)), &error));
        QVERIFY(failed.wait(10000));
        f = failed.first().first().value<ConnectionFailure>();
        QVERIFY(f.fatal);
    }
    QCOMPARE(f.kind, Kind::Throttled);
    QCOMPARE(f.code, int(Core::Protocol::ErrorCode::RateLimited));
    QVERIFY(f.retryAfterMs > 0);
    QCOMPARE(f.retryAfterMs, qint64(4000));
    QCOMPARE(failures, 5);
}

void ConnectionFailureTest::aServerNobodyListensOnIsNamedAndRetried()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close(); // a port that was free a moment ago, with nobody on it now
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    url.setPath(QStringLiteral("/ws"));
    const auto tokens = TokenStore::memory();
    Connection c(url, QStringLiteral("ana"), tokens.get());
    c.setPassword(QStringLiteral("pw-ana"));
    c.setBackoff(50, 100);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy fatal(&c, &Connection::fatalError);
    c.start();
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 2, 10000); // tried again, and said so again
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::Unreachable);
    QVERIFY(!f.fatal);
    QCOMPARE(f.socketError, QAbstractSocket::ConnectionRefusedError);
    QCOMPARE(f.endpoint(), QStringLiteral("127.0.0.1:%1").arg(port));
    QVERIFY(fatal.isEmpty());
    c.stop();
}

void ConnectionFailureTest::aServerThatNeverAnswersTimesOut()
{
    // It takes the connection and then says nothing, as a hung host or a wrong service might.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(silent.serverPort());
    url.setPath(QStringLiteral("/ws"));
    const auto tokens = TokenStore::memory();
    Connection c(url, QStringLiteral("ana"), tokens.get());
    c.setPassword(QStringLiteral("pw-ana"));
    c.setConnectTimeout(300);
    c.setBackoff(5000, 5000);
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QVERIFY(failed.wait(5000));
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::Unreachable);
    QCOMPARE(f.socketError, QAbstractSocket::SocketTimeoutError);
    QVERIFY(!f.fatal);
    QCOMPARE(c.state(), Connection::State::Offline);
    c.stop();
}

void ConnectionFailureTest::aSessionNotToBeRememberedLeavesNoToken()
{
    Workspace::Options o = options(QStringLiteral("ana"), QStringLiteral("pw-ana"));
    {
        Workspace w;
        QString error;
        QVERIFY(w.open(o, &error));
        QVERIFY(waitSession(w));
    }
    QVERIFY(Workspace::hasRememberedSession(o));

    // The agent now unticks "remember me": the session works, and the token kept before goes.
    o.rememberSession = false;
    Workspace w;
    QString error;
    QVERIFY(w.open(o, &error));
    QVERIFY(!Workspace::hasRememberedSession(o));
    QVERIFY(waitSession(w));
    QVERIFY(!Workspace::hasRememberedSession(o));
    // A dropped link comes back on the token held in memory, without asking again.
    QSignalSpy failed(&w, &Workspace::connectionFailed);
    w.connection()->setBackoff(50, 100);
    w.connection()->dropLink();
    QTRY_VERIFY_WITH_TIMEOUT(w.state() != SyncEngine::State::Online, 5000);
    QVERIFY(waitSession(w));
    QVERIFY(failed.isEmpty());
    w.close();
    QFile tokens(QDir(o.dataDir).filePath(QStringLiteral("tokens.json")));
    QVERIFY(tokens.open(QIODevice::ReadOnly));
    const QJsonObject kept = QJsonDocument::fromJson(tokens.readAll()).object();
    // No session token; only the device token, which is no credential (docs/admin-guide.md).
    for (const QString &account : kept.keys())
        QVERIFY2(!account.startsWith(QLatin1String("ana@")), qPrintable(account));
    QVERIFY(kept.contains(QStringLiteral("device:") + Connection::tokenAccount(o.server, o.user)));
}

void ConnectionFailureTest::signingOutEndsTheSessionOnTheServer()
{
    const Workspace::Options o = options(QStringLiteral("lola"), QStringLiteral("pw-lola"));
    QString token;
    {
        Workspace w;
        QString error;
        QVERIFY(w.open(o, &error));
        QVERIFY(waitSession(w));
        token = TokenStore::file(o.dataDir)->loadBlocking(w.connection()->tokenAccount());
        QVERIFY(!token.isEmpty());
        QVERIFY(m_desk->issuedTokens().contains(token));
        w.signOut();
    }
    QVERIFY(!Workspace::hasRememberedSession(o));
    // The log-out went out on the session's own link, before it closed: the desk ended it.
    QCOMPARE(m_desk->methods().last(), QStringLiteral("auth.logout"));
    QCOMPARE(m_desk->calls().last().link, quint64(1));
    QVERIFY(!m_desk->issuedTokens().contains(token));
}

QTEST_GUILESS_MAIN(ConnectionFailureTest)
#include "tst_connectionfailure.moc"
