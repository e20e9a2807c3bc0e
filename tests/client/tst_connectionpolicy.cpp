// How the console keeps its connection, against an in-process desk (FakeDesk): no server
// process and no socket, so each case drives exactly the turn of events it is about, with
// real JSON-RPC frames through RpcConnection. Reconnects after a drop, replies that never
// come, a link lost in the middle of a call or a catch-up, sessions that end, servers that
// say busy or speak another protocol, certificates, and a key store that answers late.

#include "connection/connection.h"
#include "connection/tokenstore.h"
#include "workspace/workspace.h"

#include "core/protocol/errorcode.h"

#include "fakedesk.h"
#include "testcertificates.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;
using Kind = ConnectionFailure::Kind;
using Answer = FakeDesk::Answer;
using Core::Protocol::ErrorCode;

namespace {

// A token store that answers reads only when the test says, as a slow key store would.
class SlowTokenStore final : public TokenStore
{
public:
    void load(const QString &account, QObject *context, Loaded done) override
    {
        m_waiting.append({ account, QPointer<QObject>(context), std::move(done) });
    }
    void save(const QString &account, const QString &token, QObject *context, Saved done) override
    {
        m_tokens.insert(account, token);
        if (done)
            later(context, [done] { done(true); });
    }
    void remove(const QString &account) override { m_tokens.remove(account); }
    QString kind() const override { return QStringLiteral("slow"); }

    int waiting() const { return int(m_waiting.size()); }
    // Answers the oldest read with what is kept now.
    void answer()
    {
        const Waiting w = m_waiting.takeFirst();
        if (w.context)
            w.done(m_tokens.value(w.account));
    }
    QHash<QString, QString> m_tokens;

private:
    struct Waiting
    {
        QString account;
        QPointer<QObject> context;
        Loaded done;
    };
    QList<Waiting> m_waiting;
};

struct Console
{
    std::unique_ptr<TokenStore> tokens = TokenStore::memory(); // before the connection that uses it
    Console(
        FakeDesk &desk, TokenStore *store = nullptr, const QString &scheme = QStringLiteral("ws"))
        : connection(FakeDesk::url(scheme), QStringLiteral("ana"), store ? store : tokens.get(),
            desk.makeTransport())
    {
        connection.setPassword(QStringLiteral("pw-ana"));
        connection.setBackoff(10, 20);
    }
    Connection connection;
};

QString loadNow(TokenStore &store, const QString &account)
{
    return store.loadBlocking(account);
}

} // namespace

class ConnectionPolicyTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void aDroppedLinkComesBackOnTheSameSessionWithoutThePassword();
    void reconnectAttemptsCountUpWhileRefusedAndStartAgainAfterASession();
    void aHelloThatNeverComesEndsTheAttemptAtTheDeadlineAndTheNextOneWorks();
    void aSlowSignInIsWaitedForWithinTheDeadline();
    void aCallInFlightWhenTheLinkDropsIsAnsweredOnceWithAnErrorAndNotAgain();
    void aFrozenServerIsNoticedByTheHeartbeat();
    void aSessionEndedByTheServerStopsTheRetriesAndForgetsTheToken();
    void anExpiredTokenFallsBackToThePassword();
    void anExpiredTokenWithoutAPasswordStopsAndSaysWhy();
    void aBusyServerIsRetriedAndNamedMeanwhile();
    void aServerOfAnotherProtocolIsToldApart();
    void anUntrustedCertificateStopsWithTheCertificateShown();
    void aCertificateTrustedForThisServerPassesAndAnotherIsToldApart();
    void theSignInWaitsForTheKeyStoreWithoutBlocking();
    void aLinkLostWhileTheKeyStoreAnswersSendsNothingOnIt();
    void aLinkLostInTheMiddleOfACatchUpPullsAgainFromWhereItWas();

private:
    std::unique_ptr<FakeDesk> m_desk;
};

void ConnectionPolicyTest::init()
{
    m_desk = std::make_unique<FakeDesk>();
    m_desk->addAgent(QStringLiteral("ana"), QStringLiteral("pw-ana"),
        { { QStringLiteral("id"), 7 }, { QStringLiteral("name"), QStringLiteral("Ana") } });
}

void ConnectionPolicyTest::aDroppedLinkComesBackOnTheSameSessionWithoutThePassword()
{
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QVERIFY(sessions.wait());
    QCOMPARE(c.agentId(), 7);
    QCOMPARE(
        m_desk->methods(), (QStringList { QStringLiteral("hello"), QStringLiteral("auth.login") }));
    QCOMPARE(m_desk->calls().at(1).params.value(QStringLiteral("password")).toString(),
        QStringLiteral("pw-ana"));

    m_desk->clearCalls();
    m_desk->drop(1006);
    QTRY_COMPARE(c.state(), Connection::State::Offline);
    QVERIFY(sessions.wait());
    QCOMPARE(c.state(), Connection::State::Online);
    // The token from the first sign-in, not the password; and the device token was kept.
    QCOMPARE(m_desk->methods(),
        (QStringList { QStringLiteral("hello"), QStringLiteral("auth.resume") }));
    QCOMPARE(m_desk->calls().at(1).params.value(QStringLiteral("token")).toString(),
        QStringLiteral("token-1"));
    QCOMPARE(loadNow(*console.tokens, c.deviceAccount()), QStringLiteral("device-ana"));
    QCOMPARE(m_desk->opened(), 2);
    QVERIFY(failed.isEmpty()); // a drop after the sign-in is no failed attempt
    QCOMPARE(c.reconnectAttempts(), 0);
    c.stop();
}

void ConnectionPolicyTest::reconnectAttemptsCountUpWhileRefusedAndStartAgainAfterASession()
{
    m_desk->setOpening(FakeDesk::Opening::Refuse);
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    c.start();
    QTRY_VERIFY(failed.count() >= 3);
    for (const QList<QVariant> &args : std::as_const(failed)) {
        const auto f = args.first().value<ConnectionFailure>();
        QCOMPARE(f.kind, Kind::Unreachable);
        QCOMPARE(f.socketError, QAbstractSocket::ConnectionRefusedError);
        QVERIFY(!f.fatal);
        QCOMPARE(f.endpoint(), QStringLiteral("desk.test:8765"));
    }
    QVERIFY(c.reconnectAttempts() >= 3);
    QCOMPARE(c.lastFailure().kind, Kind::Unreachable);

    m_desk->setOpening(FakeDesk::Opening::Accept);
    QVERIFY(sessions.wait());
    QCOMPARE(c.reconnectAttempts(), 0);
    QVERIFY(c.lastFailure().isNull());
    QCOMPARE(m_desk->opened(), 1);
    QCOMPARE(m_desk->attempts(), int(failed.count()) + 1);
    c.stop();
}

void ConnectionPolicyTest::aHelloThatNeverComesEndsTheAttemptAtTheDeadlineAndTheNextOneWorks()
{
    m_desk->once(QStringLiteral("hello"), Answer::never());
    Console console(*m_desk);
    Connection &c = console.connection;
    c.setConnectTimeout(100);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    c.start();
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::Unreachable);
    QCOMPARE(f.socketError, QAbstractSocket::SocketTimeoutError);
    QVERIFY(!f.fatal);
    QVERIFY(m_desk->heldCalls().isEmpty()); // the link it waited on is gone
    QVERIFY(sessions.wait());
    QCOMPARE(m_desk->methods(),
        (QStringList {
            QStringLiteral("hello"), QStringLiteral("hello"), QStringLiteral("auth.login") }));
    QCOMPARE(failed.count(), 1);
    c.stop();
}

void ConnectionPolicyTest::aSlowSignInIsWaitedForWithinTheDeadline()
{
    m_desk->once(QStringLiteral("auth.login"), Answer::never());
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QTRY_COMPARE(m_desk->heldCalls().size(), 1);
    QCOMPARE(m_desk->heldCalls().first().method, QStringLiteral("auth.login"));
    QCOMPARE(c.state(), Connection::State::Connecting);
    QVERIFY(sessions.isEmpty());
    // The password check takes its time on the server; the answer comes on the same link.
    QVERIFY(m_desk->answerHeld(QStringLiteral("auth.login"),
        Answer::ok(QJsonObject { { QStringLiteral("token"), QStringLiteral("late-token") },
            { QStringLiteral("agent"), QJsonObject { { QStringLiteral("id"), 9 } } } })));
    QVERIFY(sessions.wait());
    QCOMPARE(c.agentId(), 9);
    QCOMPARE(loadNow(*console.tokens, c.tokenAccount()), QStringLiteral("late-token"));
    QVERIFY(failed.isEmpty());
    QCOMPARE(m_desk->opened(), 1);
    QVERIFY(m_desk->heldCalls().isEmpty());
    c.stop();
}

void ConnectionPolicyTest::aCallInFlightWhenTheLinkDropsIsAnsweredOnceWithAnErrorAndNotAgain()
{
    m_desk->on(QStringLiteral("tickets.get"), Answer::never());
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    c.start();
    QVERIFY(sessions.wait());
    QList<RpcReply> replies;
    c.rpc().call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), 1 } },
        [&](const RpcReply &r) { replies.append(r); });
    QTRY_COMPARE(m_desk->heldCalls().size(), 1);
    QCOMPARE(c.rpc().pendingCalls(), 1);
    m_desk->drop(1006);
    QTRY_COMPARE(replies.size(), 1);
    QVERIFY(!replies.first().ok);
    QCOMPARE(replies.first().error.code, ErrorCode::InternalError);
    QCOMPARE(replies.first().error.message, QStringLiteral("The connection to the server closed."));
    QCOMPARE(c.rpc().pendingCalls(), 0);
    QVERIFY(sessions.wait()); // back on a new link
    // The old call's answer can no longer come: its link is gone, and the new link's ids are new.
    QVERIFY(!m_desk->answerHeld(
        QStringLiteral("tickets.get"), Answer::ok(QJsonObject { { QStringLiteral("id"), 1 } })));
    QSignalSpy stray(&c.rpc(), &RpcConnection::strayMessage);
    bool answered = false;
    m_desk->on(
        QStringLiteral("tickets.get"), Answer::ok(QJsonObject { { QStringLiteral("id"), 2 } }));
    c.rpc().call(
        QStringLiteral("tickets.get"), { { QStringLiteral("id"), 2 } }, [&](const RpcReply &r) {
            answered = r.ok && r.object().value(QStringLiteral("id")).toInt() == 2;
        });
    QTRY_VERIFY(answered);
    QCOMPARE(replies.size(), 1);
    QVERIFY(stray.isEmpty());
    c.stop();
}

void ConnectionPolicyTest::aFrozenServerIsNoticedByTheHeartbeat()
{
    Console console(*m_desk);
    Connection &c = console.connection;
    c.setHeartbeat(20, 40);
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    c.start();
    QVERIFY(sessions.wait());
    QSignalSpy states(&c, &Connection::stateChanged);
    m_desk->setFrozen(true); // the process hangs: the link stays, nothing is answered
    QTRY_VERIFY(!states.isEmpty());
    QCOMPARE(states.first().first().value<Connection::State>(), Connection::State::Offline);
    // The console let go of the frozen link and tries again; the new link waits for the desk.
    QTRY_COMPARE(m_desk->count(QStringLiteral("hello")), 2);
    QCOMPARE(m_desk->opened(), 2);
    QCOMPARE(m_desk->openLinks(), 1);
    QCOMPARE(c.state(), Connection::State::Connecting);
    m_desk->setFrozen(false);
    QVERIFY(sessions.wait());
    QCOMPARE(sessions.count(), 2);
    QCOMPARE(m_desk->count(QStringLiteral("auth.resume")), 1);
    c.stop();
}

void ConnectionPolicyTest::aSessionEndedByTheServerStopsTheRetriesAndForgetsTheToken()
{
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy fatal(&c, &Connection::fatalError);
    c.start();
    QVERIFY(sessions.wait());
    QVERIFY(!loadNow(*console.tokens, c.tokenAccount()).isEmpty());
    m_desk->endSession(
        QStringLiteral("revoked"), QStringLiteral("An administrator ended this session."));
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::SessionExpired);
    QVERIFY(f.fatal);
    QCOMPARE(f.sessionEndReason, QStringLiteral("revoked"));
    QCOMPARE(f.message, QStringLiteral("An administrator ended this session."));
    QCOMPARE(f.code, int(ErrorCode::SessionExpired));
    QCOMPARE(fatal.count(), 1);
    QVERIFY(loadNow(*console.tokens, c.tokenAccount()).isEmpty());
    // No quiet sign-in with the password kept from before: the agent is asked.
    const int attempts = m_desk->attempts();
    c.setBackoff(1, 1);
    QVERIFY(!QTest::qWaitFor(
        [&] { return m_desk->attempts() > attempts; }, 200)); // a retry would go out within 1 ms
    QCOMPARE(m_desk->attempts(), attempts);
    QCOMPARE(c.state(), Connection::State::Offline);
}

void ConnectionPolicyTest::anExpiredTokenFallsBackToThePassword()
{
    Console console(*m_desk);
    Connection &c = console.connection;
    bool saved = false;
    console.tokens->save(
        c.tokenAccount(), QStringLiteral("an-old-token"), this, [&](bool ok) { saved = ok; });
    QTRY_VERIFY(saved);
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QVERIFY(sessions.wait());
    QCOMPARE(m_desk->methods(),
        (QStringList { QStringLiteral("hello"), QStringLiteral("auth.resume"),
            QStringLiteral("auth.login") }));
    QCOMPARE(m_desk->calls().at(1).params.value(QStringLiteral("token")).toString(),
        QStringLiteral("an-old-token"));
    QCOMPARE(loadNow(*console.tokens, c.tokenAccount()), QStringLiteral("token-1"));
    QVERIFY(failed.isEmpty());
    c.stop();
}

void ConnectionPolicyTest::anExpiredTokenWithoutAPasswordStopsAndSaysWhy()
{
    m_desk->on(QStringLiteral("auth.resume"),
        Answer::fail(ErrorCode::SessionExpired,
            QStringLiteral("Your password was changed. Log in again."),
            { { QStringLiteral("reason"), QStringLiteral("password_changed") } }));
    Console console(*m_desk);
    Connection &c = console.connection;
    c.setPassword(QString());
    bool saved = false;
    console.tokens->save(
        c.tokenAccount(), QStringLiteral("an-old-token"), this, [&](bool ok) { saved = ok; });
    QTRY_VERIFY(saved);
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::SessionExpired);
    QVERIFY(f.fatal);
    QCOMPARE(f.sessionEndReason, QStringLiteral("password_changed"));
    QCOMPARE(f.message, QStringLiteral("Your password was changed. Log in again."));
    QVERIFY(loadNow(*console.tokens, c.tokenAccount()).isEmpty());
    QCOMPARE(m_desk->count(QStringLiteral("auth.login")), 0);
}

void ConnectionPolicyTest::aBusyServerIsRetriedAndNamedMeanwhile()
{
    m_desk->once(QStringLiteral("auth.login"),
        Answer::fail(ErrorCode::Busy, QStringLiteral("The server is busy."),
            { { QStringLiteral("retryAfterMs"), 100 } }));
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy failed(&c, &Connection::failed);
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    c.start();
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::ServerError);
    QCOMPARE(f.code, int(ErrorCode::Busy));
    QCOMPARE(f.message, QStringLiteral("The server is busy."));
    QVERIFY(!f.fatal);
    QVERIFY(sessions.wait());
    QCOMPARE(m_desk->count(QStringLiteral("auth.login")), 2);
    QCOMPARE(m_desk->opened(), 2); // the busy attempt's link was given up
    c.stop();
}

void ConnectionPolicyTest::aServerOfAnotherProtocolIsToldApart()
{
    m_desk->on(QStringLiteral("hello"),
        Answer::fail(ErrorCode::UnsupportedProtocol, QStringLiteral("Protocol 1 is not supported."),
            { { QStringLiteral("supported"), QJsonArray { 2, 3 } } }));
    Console console(*m_desk);
    Connection &c = console.connection;
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::ProtocolMismatch);
    QVERIFY(f.fatal);
    QCOMPARE(f.supportedProtocols, (QList<int> { 2, 3 }));
    QCOMPARE(f.code, int(ErrorCode::UnsupportedProtocol));
    QCOMPARE(m_desk->methods(), QStringList { QStringLiteral("hello") }); // no password sent to it
}

void ConnectionPolicyTest::anUntrustedCertificateStopsWithTheCertificateShown()
{
    if (!TestCertificates::available())
        QSKIP("openssl is not installed");
    TestCertificates certs;
    const auto desk = certs.selfSigned(QStringLiteral("desk"));
    QVERIFY2(desk, qPrintable(certs.lastError()));
    const QSslCertificate shown = desk->certificate();
    m_desk->presentCertificate(shown,
        { QSslError(QSslError::SelfSignedCertificate, shown),
            QSslError(QSslError::HostNameMismatch, shown) });
    Console console(*m_desk, nullptr, QStringLiteral("wss"));
    Connection &c = console.connection;
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::Certificate);
    QVERIFY(f.fatal);
    QVERIFY(f.trustable);
    QCOMPARE(f.certificate, shown);
    QCOMPARE(f.sslErrors.size(), 2);
    QCOMPARE(f.socketError, QAbstractSocket::SslHandshakeFailedError);
    QCOMPARE(f.endpoint(), QStringLiteral("desk.test:8765"));
    QVERIFY(m_desk->calls().isEmpty()); // nothing, not even hello, to a server not trusted
    QCOMPARE(failed.count(), 1);

    // Expired: told, never trustable.
    const auto old = certs.expired(QStringLiteral("old"));
    QVERIFY2(old, qPrintable(certs.lastError()));
    m_desk->presentCertificate(old->certificate(),
        { QSslError(QSslError::SelfSignedCertificate, old->certificate()),
            QSslError(QSslError::CertificateExpired, old->certificate()) });
    failed.clear();
    c.start();
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().first().value<ConnectionFailure>().kind, Kind::Certificate);
    QVERIFY(!failed.first().first().value<ConnectionFailure>().trustable);
}

void ConnectionPolicyTest::aCertificateTrustedForThisServerPassesAndAnotherIsToldApart()
{
    if (!TestCertificates::available())
        QSKIP("openssl is not installed");
    TestCertificates certs;
    const auto first = certs.selfSigned(QStringLiteral("first"));
    const auto second = certs.selfSigned(QStringLiteral("second"));
    QVERIFY2(first && second, qPrintable(certs.lastError()));
    const QList<QSslError> problems { QSslError(
        QSslError::SelfSignedCertificate, first->certificate()) };
    m_desk->presentCertificate(first->certificate(), problems);
    {
        Console console(*m_desk, nullptr, QStringLiteral("wss"));
        TrustedCertificates::Entry entry;
        entry.certificate = first->certificate();
        entry.acceptedErrors = problems;
        console.connection.setTrustedCertificate(entry);
        QSignalSpy sessions(&console.connection, &Connection::sessionStarted);
        console.connection.start();
        QVERIFY(sessions.wait());
        console.connection.stop();
    }
    // The server now shows another certificate: not the one trusted, and nobody vouches for it.
    m_desk->presentCertificate(second->certificate(),
        { QSslError(QSslError::SelfSignedCertificate, second->certificate()) });
    Console console(*m_desk, nullptr, QStringLiteral("wss"));
    TrustedCertificates::Entry entry;
    entry.certificate = first->certificate();
    entry.acceptedErrors = problems;
    console.connection.setTrustedCertificate(entry);
    QSignalSpy failed(&console.connection, &Connection::failed);
    console.connection.start();
    QVERIFY(failed.wait());
    const auto f = failed.first().first().value<ConnectionFailure>();
    QCOMPARE(f.kind, Kind::CertificateChanged);
    QVERIFY(f.fatal);
    QCOMPARE(f.certificate, second->certificate());
    QCOMPARE(f.trustedCertificate, first->certificate());
    QVERIFY(f.trustable);
    QCOMPARE(m_desk->count(QStringLiteral("hello")), 1); // the first console's only
}

void ConnectionPolicyTest::theSignInWaitsForTheKeyStoreWithoutBlocking()
{
    SlowTokenStore store;
    store.m_tokens.insert(Connection::tokenAccount(FakeDesk::url(), QStringLiteral("ana")),
        QStringLiteral("token-from-before"));
    m_desk->on(QStringLiteral("auth.resume"), [](const FakeDesk::Call &call) {
        return call.params.value(QStringLiteral("token")).toString()
                == QLatin1String("token-from-before")
            ? Answer::ok(QJsonObject {
                { QStringLiteral("agent"), QJsonObject { { QStringLiteral("id"), 7 } } } })
            : Answer::fail(ErrorCode::SessionExpired, QString(),
                { { QStringLiteral("reason"), QStringLiteral("unknown") } });
    });
    Console console(*m_desk, &store);
    Connection &c = console.connection;
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    QSignalSpy notes(&c, &Connection::notificationReceived);
    c.start();
    QTRY_COMPARE(store.waiting(), 1); // hello answered; now the token is asked for
    // The event loop goes on meanwhile: a notification from the server is handled at once.
    m_desk->notify(QStringLiteral("canned.changed"));
    QVERIFY(notes.wait());
    QCOMPARE(m_desk->methods(), QStringList { QStringLiteral("hello") });
    QCOMPARE(c.state(), Connection::State::Connecting);
    store.answer();
    QVERIFY(sessions.wait());
    QCOMPARE(m_desk->methods(),
        (QStringList { QStringLiteral("hello"), QStringLiteral("auth.resume") }));
    QCOMPARE(c.agentId(), 7);
    c.stop();
}

void ConnectionPolicyTest::aLinkLostWhileTheKeyStoreAnswersSendsNothingOnIt()
{
    SlowTokenStore store;
    Console console(*m_desk, &store);
    Connection &c = console.connection;
    QSignalSpy sessions(&c, &Connection::sessionStarted);
    QSignalSpy failed(&c, &Connection::failed);
    c.start();
    QTRY_COMPARE(store.waiting(), 1);
    m_desk->drop(1006);
    QVERIFY(failed.wait()); // the attempt failed: the link closed before the sign-in
    QCOMPARE(failed.first().first().value<ConnectionFailure>().kind, Kind::Unreachable);
    QTRY_COMPARE(store.waiting(), 2); // the next attempt asks again
    store.answer(); // the first attempt's answer: its link is gone
    QCOMPARE(m_desk->count(QStringLiteral("auth.login")), 0);
    store.answer(); // no session token: the password, with the device token if one is kept
    QTRY_COMPARE(store.waiting(), 1);
    store.answer();
    QVERIFY(sessions.wait());
    QCOMPARE(m_desk->methods(),
        (QStringList {
            QStringLiteral("hello"), QStringLiteral("hello"), QStringLiteral("auth.login") }));
    QCOMPARE(m_desk->calls().last().link, quint64(2));
    c.stop();
}

void ConnectionPolicyTest::aLinkLostInTheMiddleOfACatchUpPullsAgainFromWhereItWas()
{
    QTemporaryDir dir;
    m_desk->setRevision(40);
    m_desk->once(QStringLiteral("sync.pull"), Answer::never());
    Workspace::Options o;
    o.server = FakeDesk::url();
    o.user = QStringLiteral("ana");
    o.password = QStringLiteral("pw-ana");
    o.dataDir = dir.path();
    o.useKeychain = false;
    o.transport = m_desk->factory();
    Workspace w;
    QString error;
    QVERIFY2(w.open(o, &error), qPrintable(error));
    w.connection()->setBackoff(10, 20);
    QTRY_COMPARE(m_desk->heldCalls().size(), 1);
    QCOMPARE(m_desk->heldCalls().first().method, QStringLiteral("sync.pull"));
    QCOMPARE(w.state(), SyncEngine::State::Syncing);
    m_desk->drop(1006);
    QTRY_COMPARE(w.state(), SyncEngine::State::Online);
    const QList<FakeDesk::Call> &calls = m_desk->calls();
    QList<double> since;
    for (const FakeDesk::Call &call : calls) {
        if (call.method == QLatin1String("sync.pull"))
            since << call.params.value(QStringLiteral("since")).toDouble();
    }
    QCOMPARE(since, (QList<double> { 0, 0 })); // nothing was applied from the lost page
    QCOMPARE(calls.last().link, quint64(2));
    QCOMPARE(m_desk->count(QStringLiteral("auth.resume")), 1);
    w.close();
}

QTEST_GUILESS_MAIN(ConnectionPolicyTest)
#include "tst_connectionpolicy.moc"
