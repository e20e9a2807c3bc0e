// atiended as a real process on loopback, spoken to over its WebSocket: every method, and
// every kind of bad input, each with its own error and nothing stored changed or lost.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include "core/protocol/errorcode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

class ServerProtocolTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void helloNegotiatesTheProtocolVersion();
    void nothingWorksBeforeHello();
    void nothingButLogInWorksBeforeLogIn();
    void aWrongPasswordIsRefusedAndARightOneGivesAToken();
    void repeatedWrongPasswordsAreSlowedDown();
    void aTokenResumesTheSessionOnANewConnection();
    void anExpiredOrEndedSessionMustLogInAgain();
    void malformedFramesGetTheirOwnErrorsAndTheConnectionStaysUsable_data();
    void malformedFramesGetTheirOwnErrorsAndTheConnectionStaysUsable();
    void aBinaryMessageWithoutItsLengthIsRefused();
    void anOversizedFrameIsRefusedAndTheConnectionStaysUsable();
    void aWrongPathIsClosed();
    void unknownMethodsAndWrongParamTypesAreNamed();
    void ticketsAreCreatedQueriedFetchedUpdatedAndAnswered();
    void anAgentCannotReachAnotherGroupsTicket();
    void aTicketIsFetchedByTheNumberAgentsTypeWithItsRevision();
    void aStaleBaseVersionIsAConflictAndChangesNothing();
    void replayedOperationsApplyOnce();
    void sqlMetacharactersAndEmojiRoundTrip();
    void customerHistoryAndDirectory();
    void knowledgeBaseSearchAndGet();
    void refusedRequestsStoreNothing();
    void aFloodOfRequestsIsAnsweredWithBusyAndNothingIsDropped();
    void slaConfigurationIsForAdminsAndTicketsFollowIt();
    void cannedResponsesAreSavedByAdminsAndRenderedForAgents();
    void leadsChangeTheirGroupsCannedResponsesAndEveryConsoleHearsOfIt();
    void aSurveyIsAnsweredWithoutASessionAndGarbageTokensAreRefused();
    void groupMembershipFollowsAtOnceInOpenSessions();

private:
    QJsonObject ticketFor(TestClient &c, const QString &subject);
    ServerProcess m_server;
    Desk m_desk;
};

void ServerProtocolTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    // A few KB articles, written the way an admin tool would.
    {
        auto store = Server::Store::open(
            m_server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
        QVERIFY(store);
        QVERIFY(store->sync().loadRevision() && store->begin());
        QList<Server::Change> changes;
        Core::KbArticle a;
        a.title = QStringLiteral("Configuración de la VPN en Windows 11");
        a.body = QStringLiteral(
            "# VPN\n\n1. Abra la configuración.\n2. Añada la conexión `vpn.example`.\n");
        a.keywords = { QStringLiteral("vpn"), QStringLiteral("remoto") };
        a.audience = Core::Audience::Public;
        a.language = QStringLiteral("es");
        QVERIFY(store->kb().create(a, &changes));
        a.title = QStringLiteral("Printer troubleshooting");
        a.body = QStringLiteral("Check the VPN is **not** needed for printing.");
        a.keywords = { QStringLiteral("printer") };
        a.audience = Core::Audience::Agent;
        a.language = QStringLiteral("en");
        QVERIFY(store->kb().create(a, &changes));
        QVERIFY(store->sync().saveRevision() && store->commit());
    }
    QVERIFY2(m_server.start({ QStringLiteral("--session-seconds"), QStringLiteral("3600") }),
        qPrintable(m_server.log()));
}

void ServerProtocolTest::cleanupTestCase()
{
    m_server.stop();
}

QJsonObject ServerProtocolTest::ticketFor(TestClient &c, const QString &subject)
{
    const auto r = c.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject },
            { QStringLiteral("description"), QStringLiteral("desc of ") + subject },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("opId"), newOpId() } });
    if (!r.ok)
        qWarning() << r.error.message;
    return r.object().value(QStringLiteral("ticket")).toObject();
}

void ServerProtocolTest::helloNegotiatesTheProtocolVersion()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    auto r = c.call(QStringLiteral("hello"), { { QStringLiteral("protocol"), 2 } });
    QCOMPARE(r.error.code, ErrorCode::UnsupportedProtocol);
    QCOMPARE(r.error.data.value(QStringLiteral("supported")).toArray(), QJsonArray { 1 });
    QVERIFY(r.error.message.contains(QLatin1String("1")));
    r = c.call(QStringLiteral("hello"), { { QStringLiteral("protocol"), 1 } });
    QVERIFY(r.ok);
    QCOMPARE(r.object().value(QStringLiteral("protocol")).toInt(), 1);
    QCOMPARE(r.object().value(QStringLiteral("maxFrameBytes")).toInt(), 1048576);
    QVERIFY(r.object()
                .value(QStringLiteral("server"))
                .toString()
                .startsWith(QLatin1String("atiended/")));
}

void ServerProtocolTest::nothingWorksBeforeHello()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QCOMPARE(c.call(QStringLiteral("auth.login"),
                  { { QStringLiteral("user"), QStringLiteral("ana") },
                      { QStringLiteral("password"), QStringLiteral("pw-ana") } })
                 .error.code,
        ErrorCode::HelloRequired);
    QCOMPARE(c.call(QStringLiteral("tickets.query")).error.code, ErrorCode::HelloRequired);
}

void ServerProtocolTest::nothingButLogInWorksBeforeLogIn()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.hello());
    for (const char *method : { "tickets.query", "tickets.get", "tickets.create", "tickets.update",
             "tickets.addArticle", "customers.history", "kb.search", "kb.get", "sync.pull",
             "directory.get", "auth.logout" }) {
        QCOMPARE(c.call(QString::fromLatin1(method), { { QStringLiteral("id"), 1 } }).error.code,
            ErrorCode::Unauthenticated);
    }
}

void ServerProtocolTest::aWrongPasswordIsRefusedAndARightOneGivesAToken()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.hello());
    auto r = c.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("ana") },
            { QStringLiteral("password"), QStringLiteral("wrong") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidCredentials);
    r = c.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("nobody") },
            { QStringLiteral("password"), QStringLiteral("wrong") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidCredentials); // no hint that the user does not exist
    r = c.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("ana") },
            { QStringLiteral("password"), QStringLiteral("pw-ana") } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(r.object().value(QStringLiteral("token")).toString().size() >= 40);
    const QJsonObject agent = r.object().value(QStringLiteral("agent")).toObject();
    QCOMPARE(agent.value(QStringLiteral("login")).toString(), QStringLiteral("ana"));
    QCOMPARE(agent.value(QStringLiteral("role")).toString(), QStringLiteral("agent"));
    QVERIFY(!agent.contains(QStringLiteral("password_hash"))
        && !agent.contains(QStringLiteral("passwordHash")));
}

void ServerProtocolTest::repeatedWrongPasswordsAreSlowedDown()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.hello());
    Client::RpcReply r;
    int attempts = 0;
    do {
        r = c.call(QStringLiteral("auth.login"),
            { { QStringLiteral("user"), QStringLiteral("lola") },
                { QStringLiteral("password"), QStringLiteral("guess") } });
        ++attempts;
    } while (r.error.code == ErrorCode::InvalidCredentials && attempts < 20);
    QCOMPARE(r.error.code, ErrorCode::RateLimited);
    QCOMPARE(attempts,
        4); // three mistakes from one address slow the name down there; the fourth attempt waits
    QVERIFY(r.error.data.value(QStringLiteral("retryAfterMs")).toDouble() > 0);
    // Even the right password waits, without the device token of an earlier log-in here.
    r = c.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("lola") },
            { QStringLiteral("password"), QStringLiteral("pw-lola") } });
    QCOMPARE(r.error.code, ErrorCode::RateLimited);
    // Other users are not affected.
    TestClient other;
    QVERIFY(other.open(m_server.url()));
    QVERIFY(other.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    // After the wait, the right password works: asked again until the wait is over (an early
    // attempt is refused unchecked and changes nothing).
    const int retryAfterMs = int(r.error.data.value(QStringLiteral("retryAfterMs")).toDouble());
    QTRY_VERIFY_WITH_TIMEOUT((r = c.call(QStringLiteral("auth.login"),
                                  { { QStringLiteral("user"), QStringLiteral("lola") },
                                      { QStringLiteral("password"), QStringLiteral("pw-lola") } }))
                                 .error.code
            != ErrorCode::RateLimited,
        retryAfterMs + 10000);
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

void ServerProtocolTest::aTokenResumesTheSessionOnANewConnection()
{
    TestClient first;
    QVERIFY(first.open(m_server.url()));
    QVERIFY(first.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    first.close();
    TestClient second;
    QVERIFY(second.open(m_server.url()));
    QVERIFY(second.hello());
    const auto r = second.call(
        QStringLiteral("auth.resume"), { { QStringLiteral("token"), first.token() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object()
                 .value(QStringLiteral("agent"))
                 .toObject()
                 .value(QStringLiteral("login"))
                 .toString(),
        QStringLiteral("ana"));
    QVERIFY(second.call(QStringLiteral("tickets.query")).ok);
}

void ServerProtocolTest::anExpiredOrEndedSessionMustLogInAgain()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QString token = c.token();
    QVERIFY(c.call(QStringLiteral("auth.logout")).ok);
    QCOMPARE(c.call(QStringLiteral("tickets.query")).error.code, ErrorCode::Unauthenticated);
    auto r = c.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), token } });
    QCOMPARE(r.error.code, ErrorCode::SessionExpired);
    r = c.call(
        QStringLiteral("auth.resume"), { { QStringLiteral("token"), QStringLiteral("made-up") } });
    QCOMPARE(r.error.code, ErrorCode::SessionExpired);

    // A server whose sessions last one second.
    ServerProcess shortLived;
    Desk desk;
    QString error;
    QVERIFY2(seedDesk(shortLived.dataDir(), &desk, &error), qPrintable(error));
    QVERIFY(shortLived.start({ QStringLiteral("--session-seconds"), QStringLiteral("1") }));
    TestClient s;
    QVERIFY(s.open(shortLived.url()));
    QVERIFY(s.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    // The server ends the session when it expires and tells the connection using it.
    const auto ended = s.waitForNotification(
        [](const Notification &n) { return n.method == QLatin1String("auth.ended"); }, 10000);
    QVERIFY(ended);
    QCOMPARE(ended->params.value(QStringLiteral("reason")).toString(), QStringLiteral("expired"));
    TestClient later;
    QVERIFY(later.open(shortLived.url()));
    QVERIFY(later.hello());
    r = later.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), s.token() } });
    QCOMPARE(r.error.code, ErrorCode::SessionExpired);
    QVERIFY(r.error.message.contains(QLatin1String("expired")));
}

void ServerProtocolTest::malformedFramesGetTheirOwnErrorsAndTheConnectionStaysUsable_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<int>("code");
    QTest::newRow("not json") << "{\"jsonrpc\": \"2.0\", " << int(ErrorCode::ParseError);
    QTest::newRow("garbage") << "\x01\x02 hello" << int(ErrorCode::ParseError);
    QTest::newRow("not an object") << "[1, 2, 3]" << int(ErrorCode::InvalidRequest);
    QTest::newRow("a string") << "\"hello\"" << int(ErrorCode::InvalidRequest);
    QTest::newRow("no jsonrpc") << "{\"id\": 1, \"method\": \"hello\"}"
                                << int(ErrorCode::InvalidRequest);
    QTest::newRow("params an array")
        << "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"hello\", \"params\": [1]}"
        << int(ErrorCode::InvalidRequest);
    QTest::newRow("a response") << "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {}}"
                                << int(ErrorCode::InvalidRequest);
}

void ServerProtocolTest::malformedFramesGetTheirOwnErrorsAndTheConnectionStaysUsable()
{
    QFETCH(QString, frame);
    QFETCH(int, code);
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QJsonObject reply = c.sendRaw(frame);
    QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        code);
    QVERIFY(!reply.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    QVERIFY(c.call(QStringLiteral("tickets.query")).ok);
}

void ServerProtocolTest::aBinaryMessageWithoutItsLengthIsRefused()
{
    QWebSocket ws;
    QSignalSpy connected(&ws, &QWebSocket::connected);
    QSignalSpy text(&ws, &QWebSocket::textMessageReceived);
    ws.open(m_server.url());
    QVERIFY(connected.wait(5000));
    ws.sendBinaryMessage(QByteArray(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"hello\",\"params\":{\"protocol\":1}}"));
    QVERIFY(text.wait(5000));
    const QJsonObject reply
        = QJsonDocument::fromJson(text.first().first().toString().toUtf8()).object();
    // JSON sent as a binary message: its first 4 bytes are no length (docs/protocol.md,
    // "Binary frames").
    QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(ErrorCode::ParseError));
}

void ServerProtocolTest::anOversizedFrameIsRefusedAndTheConnectionStaysUsable()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QString body(1024 * 1024 + 10, QLatin1Char('x'));
    const QJsonObject reply = c.sendRaw(
        QStringLiteral("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tickets.create\",\"params\":{"
                       "\"type\":\"incident\",\"subject\":\"big\",\"description\":\"%1\"}}")
            .arg(body),
        15000);
    QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        int(ErrorCode::FrameTooLarge));
    QVERIFY(c.isOpen());
    QVERIFY(c.call(QStringLiteral("tickets.query"),
                 { { QStringLiteral("text"), QStringLiteral("big") } })
                .ok);
    QCOMPARE(c.call(QStringLiteral("tickets.query"),
                  { { QStringLiteral("text"), QStringLiteral("big") } })
                 .object()
                 .value(QStringLiteral("total"))
                 .toInt(),
        0);

    // Far beyond the limit the WebSocket layer closes the connection (1009).
    TestClient huge;
    QVERIFY(huge.open(m_server.url()));
    QVERIFY(huge.hello());
    huge.rpc().sendText(QString(5 * 1024 * 1024, QLatin1Char('y')));
    QVERIFY(huge.waitClosed(15000));
    QCOMPARE(huge.closeCode(), 1009);
}

void ServerProtocolTest::aWrongPathIsClosed()
{
    TestClient c;
    QUrl url = m_server.url();
    url.setPath(QStringLiteral("/nope"));
    QVERIFY(c.open(url));
    QVERIFY(c.waitClosed());
    QCOMPARE(c.closeCode(), 1008);
}

void ServerProtocolTest::unknownMethodsAndWrongParamTypesAreNamed()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    auto r = c.call(QStringLiteral("tickets.delete"), { { QStringLiteral("id"), 1 } });
    QCOMPARE(r.error.code, ErrorCode::MethodNotFound);
    QCOMPARE(
        r.error.data.value(QStringLiteral("method")).toString(), QStringLiteral("tickets.delete"));
    r = c.call(
        QStringLiteral("tickets.get"), { { QStringLiteral("id"), QStringLiteral("seven") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);
    QCOMPARE(r.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("id"));
    r = c.call(QStringLiteral("tickets.query"), { { QStringLiteral("limit"), 501 } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);
    r = c.call(
        QStringLiteral("tickets.query"), { { QStringLiteral("status"), QStringLiteral("lost") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);
    // Found by fuzz/fuzz_params: numbers beyond qint64 made the integer check itself undefined.
    r = c.call(QStringLiteral("tickets.query"), { { QStringLiteral("limit"), 1e300 } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);
    QCOMPARE(r.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("limit"));
    r = c.call(
        QStringLiteral("tickets.query"), { { QStringLiteral("groupId"), QJsonArray { 2, 1e19 } } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);
    QCOMPARE(r.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("groupId"));
    r = c.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("problem") },
            { QStringLiteral("subject"), QStringLiteral("x") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);
    QCOMPARE(r.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("type"));
    r = c.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), 1 }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("fields"), QJsonObject {} } });
    QCOMPARE(r.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("opId"));
}

void ServerProtocolTest::ticketsAreCreatedQueriedFetchedUpdatedAndAnswered()
{
    TestClient ana;
    QVERIFY(ana.open(m_server.url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    auto r = ana.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("service_request") },
            { QStringLiteral("subject"), QStringLiteral("Alta de empleada en Contabilidad") },
            { QStringLiteral("description"), QStringLiteral("Empieza el lunes.") },
            { QStringLiteral("impact"), QStringLiteral("low") },
            { QStringLiteral("urgency"), QStringLiteral("high") },
            { QStringLiteral("channel"), QStringLiteral("phone") },
            { QStringLiteral("customerId"), double(m_desk.customer) },
            { QStringLiteral("categoryId"), double(m_desk.category) },
            { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject t = r.object().value(QStringLiteral("ticket")).toObject();
    QVERIFY(t.value(QStringLiteral("number")).toString().startsWith(QLatin1String("REQ-")));
    QCOMPARE(t.value(QStringLiteral("priority")).toString(), QStringLiteral("P3"));
    QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("new"));
    QCOMPARE(t.value(QStringLiteral("groupId")).toInteger(), m_desk.serviceDesk);
    QCOMPARE(t.value(QStringLiteral("organisationId")).toInteger(), m_desk.organisation);
    const qint64 id = t.value(QStringLiteral("id")).toInteger();

    r = ana.call(QStringLiteral("tickets.query"),
        { { QStringLiteral("text"), t.value(QStringLiteral("number")).toString() } });
    QCOMPARE(r.object().value(QStringLiteral("total")).toInt(), 1);
    r = ana.call(QStringLiteral("tickets.query"),
        { { QStringLiteral("status"),
              QJsonArray { QStringLiteral("new"), QStringLiteral("assigned") } },
            { QStringLiteral("assigneeId"), QJsonValue::Null },
            { QStringLiteral("sort"), QStringLiteral("priority") },
            { QStringLiteral("order"), QStringLiteral("asc") } });
    QVERIFY(r.ok);
    QVERIFY(r.object().value(QStringLiteral("total")).toInt() >= 1);

    r = ana.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("status"), QStringLiteral("in_progress") } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("assigneeId"))
                 .toInteger(),
        ana.agentId());
    r = ana.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), 2 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("status"), QStringLiteral("closed") } } } });
    QCOMPARE(r.error.code, ErrorCode::InvalidTransition);
    r = ana.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(id) },
            { QStringLiteral("kind"), QStringLiteral("reply") },
            { QStringLiteral("body"), QStringLiteral("Hola, **ya está** en marcha.") } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(!r.object()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("firstResponseAt"))
                 .isNull());
    r = ana.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(id) },
            { QStringLiteral("kind"), QStringLiteral("event") },
            { QStringLiteral("body"), QStringLiteral("fake") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidParams);

    r = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    QVERIFY(r.ok);
    const QJsonArray articles = r.object().value(QStringLiteral("articles")).toArray();
    QCOMPARE(articles.size(), 3); // description, the status event, the reply
    QCOMPARE(articles.at(1).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("event"));
    QCOMPARE(articles.at(1)
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("changes"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("to"))
                 .toString(),
        QStringLiteral("in_progress"));
    QCOMPARE(
        ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), 987654 } }).error.code,
        ErrorCode::NotFound);
}

void ServerProtocolTest::aTicketIsFetchedByTheNumberAgentsTypeWithItsRevision()
{
    TestClient bruno, ana;
    QVERIFY(bruno.open(m_server.url()) && ana.open(m_server.url()));
    QVERIFY(bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QJsonObject t = ticketFor(ana, QStringLiteral("Looked up by number"));
    const qint64 id = t.value(QStringLiteral("id")).toInteger();
    const QString number = t.value(QStringLiteral("number")).toString();
    // In lower case and without the leading zeros, as agents type it.
    const QString typed
        = number.left(3).toLower() + QLatin1Char('-') + QString::number(number.mid(4).toLongLong());
    QVERIFY(typed.size() < number.size());
    Client::RpcReply r
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("number"), typed } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toInteger(),
        id);
    const Client::RpcReply byId
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    QCOMPARE(r.object(), byId.object());
    // rev is the revision of the ticket's last change, as the sync feed has it.
    qint64 feedRev = 0;
    QJsonObject pull { { QStringLiteral("since"), 0 }, { QStringLiteral("limit"), 2000 } };
    for (bool more = true; more;) {
        const Client::RpcReply page = ana.call(QStringLiteral("sync.pull"), pull);
        QVERIFY2(page.ok, qPrintable(page.error.message));
        for (const QJsonValue &v : page.object().value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("entity")).toString() == QLatin1String("ticket")
                && c.value(QStringLiteral("id")).toInteger() == id)
                feedRev = c.value(QStringLiteral("rev")).toInteger();
        }
        more = page.object().value(QStringLiteral("more")).toBool();
        pull.insert(QStringLiteral("since"), page.object().value(QStringLiteral("revision")));
        if (page.object().contains(QStringLiteral("cursor")))
            pull.insert(QStringLiteral("cursor"), page.object().value(QStringLiteral("cursor")));
        else
            pull.remove(QStringLiteral("cursor"));
    }
    QVERIFY(feedRev > 0);
    QCOMPARE(r.object().value(QStringLiteral("rev")).toInteger(), feedRev);

    // Someone else's group: forbidden by number as by id. No such ticket, or no number at all:
    // not_found.
    QCOMPARE(bruno.call(QStringLiteral("tickets.get"), { { QStringLiteral("number"), number } })
                 .error.code,
        ErrorCode::Forbidden);
    QCOMPARE(ana.call(QStringLiteral("tickets.get"),
                    { { QStringLiteral("number"), QStringLiteral("REQ-987654") } })
                 .error.code,
        ErrorCode::NotFound);
    QCOMPARE(ana.call(QStringLiteral("tickets.get"),
                    { { QStringLiteral("number"), QStringLiteral("printer") } })
                 .error.code,
        ErrorCode::NotFound);
    QCOMPARE(
        ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("number"), 42 } }).error.code,
        ErrorCode::InvalidParams);
}

void ServerProtocolTest::anAgentCannotReachAnotherGroupsTicket()
{
    TestClient bruno, ana;
    QVERIFY(bruno.open(m_server.url()) && ana.open(m_server.url()));
    QVERIFY(bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QJsonObject t = ticketFor(ana, QStringLiteral("Service Desk only"));
    const double id = t.value(QStringLiteral("id")).toDouble();
    QCOMPARE(bruno.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } }).error.code,
        ErrorCode::Forbidden);
    QCOMPARE(bruno
                 .call(QStringLiteral("tickets.update"),
                     { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
                         { QStringLiteral("opId"), newOpId() },
                         { QStringLiteral("fields"),
                             QJsonObject {
                                 { QStringLiteral("subject"), QStringLiteral("mine now") } } } })
                 .error.code,
        ErrorCode::Forbidden);
    QCOMPARE(bruno
                 .call(QStringLiteral("tickets.addArticle"),
                     { { QStringLiteral("ticketId"), id },
                         { QStringLiteral("kind"), QStringLiteral("note") },
                         { QStringLiteral("body"), QStringLiteral("x") } })
                 .error.code,
        ErrorCode::Forbidden);
    QCOMPARE(bruno
                 .call(QStringLiteral("tickets.create"),
                     { { QStringLiteral("type"), QStringLiteral("incident") },
                         { QStringLiteral("subject"), QStringLiteral("x") },
                         { QStringLiteral("groupId"), double(m_desk.serviceDesk) } })
                 .error.code,
        ErrorCode::Forbidden);
    const auto q = bruno.call(QStringLiteral("tickets.query"),
        { { QStringLiteral("text"), QStringLiteral("Service Desk only") } });
    QCOMPARE(q.object().value(QStringLiteral("total")).toInt(), 0);
    QCOMPARE(ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } })
                 .object()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("subject"))
                 .toString(),
        QStringLiteral("Service Desk only"));
}

void ServerProtocolTest::aStaleBaseVersionIsAConflictAndChangesNothing()
{
    TestClient ana, lola;
    QVERIFY(ana.open(m_server.url()) && lola.open(m_server.url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    const double id
        = ticketFor(ana, QStringLiteral("stale")).value(QStringLiteral("id")).toDouble();
    QVERIFY(ana.call(QStringLiteral("tickets.update"),
                   { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
                       { QStringLiteral("opId"), newOpId() },
                       { QStringLiteral("fields"),
                           QJsonObject { { QStringLiteral("impact"), QStringLiteral("high") } } } })
                .ok);
    const auto r = lola.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("impact"), QStringLiteral("low") } } } });
    QCOMPARE(r.error.code, ErrorCode::VersionConflict);
    const QJsonObject c
        = r.error.data.value(QStringLiteral("conflicts")).toArray().first().toObject();
    QCOMPARE(c.value(QStringLiteral("yours")).toString(), QStringLiteral("low"));
    QCOMPARE(c.value(QStringLiteral("theirs")).toString(), QStringLiteral("high"));
    const QJsonObject now
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } })
              .object()
              .value(QStringLiteral("ticket"))
              .toObject();
    QCOMPARE(now.value(QStringLiteral("impact")).toString(), QStringLiteral("high"));
    QCOMPARE(now.value(QStringLiteral("version")).toInt(), 2);
}

void ServerProtocolTest::replayedOperationsApplyOnce()
{
    TestClient ana;
    QVERIFY(ana.open(m_server.url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QString op = newOpId();
    const QJsonObject create { { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"), QStringLiteral("once only") },
        { QStringLiteral("opId"), op } };
    const auto first = ana.call(QStringLiteral("tickets.create"), create);
    QVERIFY(first.ok);
    // The same op again, from a new connection, as after a lost acknowledgement.
    TestClient again;
    QVERIFY(again.open(m_server.url()));
    QVERIFY(again.hello());
    QVERIFY(
        again.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), ana.token() } }).ok);
    const auto second = again.call(QStringLiteral("tickets.create"), create);
    QVERIFY(second.ok);
    QCOMPARE(
        second.object().value(QStringLiteral("ticket")).toObject().value(QStringLiteral("number")),
        first.object().value(QStringLiteral("ticket")).toObject().value(QStringLiteral("number")));
    QCOMPARE(again
                 .call(QStringLiteral("tickets.query"),
                     { { QStringLiteral("text"), QStringLiteral("once only") } })
                 .object()
                 .value(QStringLiteral("total"))
                 .toInt(),
        1);

    // A refusal is replayed as the same refusal.
    const double id = first.object()
                          .value(QStringLiteral("ticket"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toDouble();
    const QJsonObject bad { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
        { QStringLiteral("opId"), newOpId() },
        { QStringLiteral("fields"),
            QJsonObject { { QStringLiteral("status"), QStringLiteral("closed") } } } };
    QCOMPARE(
        ana.call(QStringLiteral("tickets.update"), bad).error.code, ErrorCode::InvalidTransition);
    QCOMPARE(
        ana.call(QStringLiteral("tickets.update"), bad).error.code, ErrorCode::InvalidTransition);
    // An op id is not reusable for something else.
    QCOMPARE(ana.call(QStringLiteral("tickets.addArticle"),
                    { { QStringLiteral("ticketId"), id },
                        { QStringLiteral("kind"), QStringLiteral("note") },
                        { QStringLiteral("body"), QStringLiteral("x") },
                        { QStringLiteral("opId"), op } })
                 .error.code,
        ErrorCode::ValidationFailed);
}

void ServerProtocolTest::sqlMetacharactersAndEmojiRoundTrip()
{
    TestClient ana;
    QVERIFY(ana.open(m_server.url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const QString nasty = QStringLiteral("Robert'); DROP TABLE tickets;-- 😀 «ñ» \" \\ %");
    const QJsonObject t = ticketFor(ana, nasty);
    QCOMPARE(t.value(QStringLiteral("subject")).toString(), nasty);
    const auto r = ana.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), t.value(QStringLiteral("id")) },
            { QStringLiteral("kind"), QStringLiteral("note") },
            { QStringLiteral("body"),
                nasty + QStringLiteral("\n```sql\nSELECT * FROM x WHERE a = '1' OR 1=1;\n```") } });
    QVERIFY(r.ok);
    for (const QString &text : { nasty, QStringLiteral("' OR 1=1 --"),
             QStringLiteral("\"unterminated"), QStringLiteral("NEAR(a b)"), QStringLiteral("😀") }) {
        const auto q
            = ana.call(QStringLiteral("tickets.query"), { { QStringLiteral("text"), text } });
        QVERIFY2(q.ok, qPrintable(text));
        const auto kb = ana.call(QStringLiteral("kb.search"), { { QStringLiteral("text"), text } });
        QVERIFY2(kb.ok, qPrintable(text));
    }
    const auto got = ana.call(
        QStringLiteral("tickets.get"), { { QStringLiteral("id"), t.value(QStringLiteral("id")) } });
    QVERIFY(got.object()
                .value(QStringLiteral("articles"))
                .toArray()
                .last()
                .toObject()
                .value(QStringLiteral("body"))
                .toString()
                .startsWith(nasty));
}

void ServerProtocolTest::customerHistoryAndDirectory()
{
    TestClient ana;
    QVERIFY(ana.open(m_server.url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    ticketFor(ana, QStringLiteral("history one"));
    auto r = ana.call(QStringLiteral("customers.history"),
        { { QStringLiteral("customerId"), double(m_desk.customer) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(r.object().value(QStringLiteral("tickets")).toArray().size() >= 1);
    QCOMPARE(r.object().value(QStringLiteral("organisationId")).toInteger(), m_desk.organisation);
    QCOMPARE(
        ana.call(QStringLiteral("customers.history"), { { QStringLiteral("customerId"), 55555 } })
            .error.code,
        ErrorCode::NotFound);

    r = ana.call(QStringLiteral("directory.get"));
    QVERIFY(r.ok);
    QCOMPARE(r.object().value(QStringLiteral("groups")).toArray().size(), 2);
    QCOMPARE(r.object().value(QStringLiteral("agents")).toArray().size(), 4);
    const QByteArray json = QJsonDocument(r.object()).toJson();
    QVERIFY(!json.contains("argon2"));
    QCOMPARE(r.object()
                 .value(QStringLiteral("priorityMatrix"))
                 .toObject()
                 .value(QStringLiteral("high"))
                 .toObject()
                 .value(QStringLiteral("high"))
                 .toString(),
        QStringLiteral("P1"));
}

void ServerProtocolTest::knowledgeBaseSearchAndGet()
{
    TestClient ana;
    QVERIFY(ana.open(m_server.url()));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    auto r = ana.call(QStringLiteral("kb.search"),
        { { QStringLiteral("text"), QStringLiteral("configuracion vpn") } });
    QVERIFY(r.ok);
    QJsonArray results = r.object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().toObject().value(QStringLiteral("title")).toString(),
        QStringLiteral("Configuración de la VPN en Windows 11"));
    QVERIFY(results.first()
                .toObject()
                .value(QStringLiteral("snippet"))
                .toString()
                .contains(QLatin1String("<mark>")));

    // A title hit ranks above a body hit.
    r = ana.call(
        QStringLiteral("kb.search"), { { QStringLiteral("text"), QStringLiteral("vpn") } });
    results = r.object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    QVERIFY(results.at(0)
                .toObject()
                .value(QStringLiteral("title"))
                .toString()
                .contains(QLatin1String("VPN")));
    r = ana.call(QStringLiteral("kb.search"),
        { { QStringLiteral("text"), QStringLiteral("vpn") },
            { QStringLiteral("publicOnly"), true } });
    QCOMPARE(r.object().value(QStringLiteral("results")).toArray().size(), 1);
    QCOMPARE(
        ana.call(QStringLiteral("kb.search"), { { QStringLiteral("text"), QStringLiteral("?!") } })
            .object()
            .value(QStringLiteral("results"))
            .toArray()
            .size(),
        0);

    const double id = results.at(0).toObject().value(QStringLiteral("id")).toDouble();
    r = ana.call(QStringLiteral("kb.get"), { { QStringLiteral("id"), id } });
    QVERIFY(r.object()
                .value(QStringLiteral("article"))
                .toObject()
                .value(QStringLiteral("body"))
                .toString()
                .contains(QLatin1String("vpn.example")));
    QCOMPARE(ana.call(QStringLiteral("kb.get"), { { QStringLiteral("id"), 4242 } }).error.code,
        ErrorCode::NotFound);
}

void ServerProtocolTest::refusedRequestsStoreNothing()
{
    TestClient admin;
    QVERIFY(admin.open(m_server.url()));
    QVERIFY(admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const auto before = admin.call(QStringLiteral("sync.pull"),
        { { QStringLiteral("since"), 0 }, { QStringLiteral("limit"), 1 } });
    const double revision = before.object().value(QStringLiteral("serverRevision")).toDouble();
    const double id
        = ticketFor(admin, QStringLiteral("guarded")).value(QStringLiteral("id")).toDouble();
    const auto mid
        = admin.call(QStringLiteral("sync.pull"), { { QStringLiteral("since"), revision } });
    const double afterCreate = mid.object().value(QStringLiteral("serverRevision")).toDouble();
    QVERIFY(afterCreate > revision);
    // A series of refusals...
    admin.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("status"), QStringLiteral("closed") } } } });
    admin.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("subject"), QStringLiteral("") } } } });
    admin.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), id }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("subject"), QStringLiteral("ok") },
                    { QStringLiteral("groupId"), 999 } } } });
    admin.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("   ") } });
    admin.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), id }, { QStringLiteral("kind"), QStringLiteral("reply") },
            { QStringLiteral("body"), QStringLiteral(" \n ") } });
    // ...changed nothing: no new revision, the ticket as it was.
    const auto after
        = admin.call(QStringLiteral("sync.pull"), { { QStringLiteral("since"), afterCreate } });
    QCOMPARE(after.object().value(QStringLiteral("changes")).toArray().size(), 0);
    const QJsonObject t
        = admin.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } })
              .object()
              .value(QStringLiteral("ticket"))
              .toObject();
    QCOMPARE(t.value(QStringLiteral("subject")).toString(), QStringLiteral("guarded"));
    QCOMPARE(t.value(QStringLiteral("version")).toInt(), 1);
}

void ServerProtocolTest::aFloodOfRequestsIsAnsweredWithBusyAndNothingIsDropped()
{
    TestClient c;
    QVERIFY(c.open(m_server.url()));
    QVERIFY(c.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    constexpr int kRequests = 6000;
    int answered = 0, busy = 0;
    for (int i = 0; i < kRequests; ++i) {
        c.rpc().call(QStringLiteral("tickets.query"), { { QStringLiteral("limit"), 1 } },
            [&](const Client::RpcReply &r) {
                ++answered;
                if (!r.ok) {
                    QCOMPARE(r.error.code, ErrorCode::Busy);
                    QVERIFY(r.error.data.value(QStringLiteral("retryAfterMs")).toInt() > 0);
                    ++busy;
                }
            });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, kRequests, 60000);
    QVERIFY2(busy > 0, "the flood never hit the per-connection limit");
    QVERIFY(busy < kRequests);
    QVERIFY(c.call(QStringLiteral("tickets.query")).ok); // and it is usable again
}

void ServerProtocolTest::slaConfigurationIsForAdminsAndTicketsFollowIt()
{
    TestClient ana, admin;
    QVERIFY(ana.open(m_server.url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(admin.open(m_server.url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const QJsonObject calendar { { QStringLiteral("name"), QStringLiteral("Around the clock") },
        { QStringLiteral("timeZone"), QStringLiteral("UTC") },
        { QStringLiteral("week"),
            QJsonObject { { QStringLiteral("mon"),
                              QJsonArray { QJsonArray {
                                  QStringLiteral("00:00"), QStringLiteral("24:00") } } },
                { QStringLiteral("tue"),
                    QJsonArray {
                        QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } } },
                { QStringLiteral("wed"),
                    QJsonArray {
                        QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } } },
                { QStringLiteral("thu"),
                    QJsonArray {
                        QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } } },
                { QStringLiteral("fri"),
                    QJsonArray {
                        QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } } },
                { QStringLiteral("sat"),
                    QJsonArray {
                        QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } } },
                { QStringLiteral("sun"),
                    QJsonArray {
                        QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } } } } } };
    QCOMPARE(
        ana.call(QStringLiteral("sla.calendars.save"), { { QStringLiteral("calendar"), calendar } })
            .error.code,
        ErrorCode::Forbidden);
    auto r = admin.call(
        QStringLiteral("sla.calendars.save"), { { QStringLiteral("calendar"), calendar } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const double calendarId = r.object()
                                  .value(QStringLiteral("calendar"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toDouble();
    const QJsonObject policy { { QStringLiteral("name"), QStringLiteral("Everything") },
        { QStringLiteral("calendarId"), calendarId },
        { QStringLiteral("targets"),
            QJsonObject { { QStringLiteral("P3"),
                QJsonObject { { QStringLiteral("resolutionMinutes"), 600 } } } } } };
    r = admin.call(QStringLiteral("sla.policies.save"), { { QStringLiteral("policy"), policy } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(r.object().value(QStringLiteral("recomputed")).toInt()
        > 0); // the open P3 tickets of earlier tests
    QCOMPARE(admin
                 .call(QStringLiteral("sla.policies.save"),
                     { { QStringLiteral("policy"),
                         QJsonObject { { QStringLiteral("name"), QStringLiteral("x") } } } })
                 .error.code,
        ErrorCode::ValidationFailed);
    QCOMPARE(ana.call(QStringLiteral("sla.policies.list"))
                 .object()
                 .value(QStringLiteral("policies"))
                 .toArray()
                 .size(),
        1);
    QCOMPARE(ana.call(QStringLiteral("sla.calendars.list"))
                 .object()
                 .value(QStringLiteral("calendars"))
                 .toArray()
                 .size(),
        1);
    // A new P3 ticket runs against it: due ten hours later, around the clock.
    const QJsonObject t = ticketFor(ana, QStringLiteral("with a clock"));
    const QJsonObject sla = t.value(QStringLiteral("sla")).toObject();
    QCOMPARE(sla.value(QStringLiteral("resolution"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("running"));
    const qint64 created
        = QDateTime::fromString(t.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs)
              .toMSecsSinceEpoch();
    const qint64 due = QDateTime::fromString(sla.value(QStringLiteral("resolution"))
                                                 .toObject()
                                                 .value(QStringLiteral("dueAt"))
                                                 .toString(),
        Qt::ISODateWithMs)
                           .toMSecsSinceEpoch();
    QCOMPARE(due - created, 600 * 60000);
}

void ServerProtocolTest::cannedResponsesAreSavedByAdminsAndRenderedForAgents()
{
    TestClient ana, admin;
    QVERIFY(ana.open(m_server.url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(admin.open(m_server.url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const QJsonObject response { { QStringLiteral("title"), QStringLiteral("Recibido") },
        { QStringLiteral("body"),
            QStringLiteral("Hola {{customer.firstName}}, {{ticket.number}}. {{agent.name}}") },
        { QStringLiteral("groupId"), double(m_desk.serviceDesk) } };
    QCOMPARE(ana.call(QStringLiteral("canned.save"), { { QStringLiteral("response"), response } })
                 .error.code,
        ErrorCode::Forbidden);
    auto r
        = admin.call(QStringLiteral("canned.save"), { { QStringLiteral("response"), response } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const double id = r.object()
                          .value(QStringLiteral("response"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toDouble();
    QVERIFY(id > 0);
    const QJsonArray listed = ana.call(QStringLiteral("canned.list"))
                                  .object()
                                  .value(QStringLiteral("responses"))
                                  .toArray();
    QCOMPARE(listed.size(), 1);
    const QJsonObject t = ticketFor(ana, QStringLiteral("canned"));
    r = ana.call(QStringLiteral("canned.render"),
        { { QStringLiteral("id"), id },
            { QStringLiteral("ticketId"), t.value(QStringLiteral("id")) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("body")).toString(),
        QStringLiteral("Hola Núria, %1. Ana").arg(t.value(QStringLiteral("number")).toString()));
    QCOMPARE(ana.call(QStringLiteral("canned.render"),
                    { { QStringLiteral("id"), 999999 },
                        { QStringLiteral("ticketId"), t.value(QStringLiteral("id")) } })
                 .error.code,
        ErrorCode::NotFound);
}

void ServerProtocolTest::leadsChangeTheirGroupsCannedResponsesAndEveryConsoleHearsOfIt()
{
    TestClient ana, lola, admin;
    QVERIFY(ana.open(m_server.url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(
        lola.open(m_server.url()) && lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    QVERIFY(admin.open(m_server.url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const auto changed
        = [](const Notification &n) { return n.method == QLatin1String("canned.changed"); };
    // Lola leads Service Desk (she is a member): she adds one there; Ana's console hears of it.
    ana.clearNotifications();
    auto r = lola.call(QStringLiteral("canned.save"),
        { { QStringLiteral("response"),
            QJsonObject { { QStringLiteral("title"), QStringLiteral("De Lola") },
                { QStringLiteral("body"), QStringLiteral("Hola {{customer.firstName}}") },
                { QStringLiteral("groupId"), double(m_desk.serviceDesk) } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const double id = r.object()
                          .value(QStringLiteral("response"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toDouble();
    QVERIFY(ana.waitForNotification(changed));
    auto titles = [](TestClient &c, bool manageable) {
        QStringList out;
        const QJsonObject params
            = manageable ? QJsonObject { { QStringLiteral("manageable"), true } } : QJsonObject();
        for (const QJsonValue &v : c.call(QStringLiteral("canned.list"), params)
                                       .object()
                                       .value(QStringLiteral("responses"))
                                       .toArray())
            out << v.toObject().value(QStringLiteral("title")).toString();
        return out;
    };
    QVERIFY(titles(ana, false).contains(QStringLiteral("De Lola")));
    QVERIFY(titles(ana, true).isEmpty()); // an agent may change none
    QVERIFY(titles(lola, true).contains(QStringLiteral("De Lola")));
    // Desk-wide ones are for admins; agents delete nothing.
    QCOMPARE(lola.call(QStringLiteral("canned.save"),
                     { { QStringLiteral("response"),
                         QJsonObject { { QStringLiteral("title"), QStringLiteral("Para todos") },
                             { QStringLiteral("body"), QStringLiteral("x") } } } })
                 .error.code,
        ErrorCode::Forbidden);
    QCOMPARE(ana.call(QStringLiteral("canned.delete"), { { QStringLiteral("id"), id } }).error.code,
        ErrorCode::Forbidden);
    QCOMPARE(admin.call(QStringLiteral("canned.delete"), {}).error.code, ErrorCode::InvalidParams);
    // Deleted: gone for Ana, who hears of it again; a second delete finds nothing.
    ana.clearNotifications();
    r = lola.call(QStringLiteral("canned.delete"), { { QStringLiteral("id"), id } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("id")).toDouble(), id);
    QVERIFY(ana.waitForNotification(changed));
    QVERIFY(!titles(ana, false).contains(QStringLiteral("De Lola")));
    QCOMPARE(
        admin.call(QStringLiteral("canned.delete"), { { QStringLiteral("id"), id } }).error.code,
        ErrorCode::NotFound);
}

void ServerProtocolTest::aSurveyIsAnsweredWithoutASessionAndGarbageTokensAreRefused()
{
    TestClient ana, customer;
    QVERIFY(ana.open(m_server.url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QJsonObject t = ticketFor(ana, QStringLiteral("survey"));
    const QJsonValue ticketId = t.value(QStringLiteral("id"));
    auto r = ana.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), ticketId },
            { QStringLiteral("baseVersion"), t.value(QStringLiteral("version")) },
            { QStringLiteral("opId"), QStringLiteral("survey-resolve") },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("status"), QStringLiteral("resolved") } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    r = ana.call(QStringLiteral("surveys.get"), { { QStringLiteral("ticketId"), ticketId } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("surveys")).toArray().size(), 1);

    // The token goes to the customer by mail (not written yet), never over the agents' protocol:
    // issue a fresh one straight into the database, as the mailer's side would.
    QString token;
    {
        QString error;
        auto store = Server::Store::open(
            QDir(m_server.dataDir()).filePath(QStringLiteral("atiende.db")), false, &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(store->begin());
        const Server::OpResult issued
            = store->surveys().onResolved(*store->tickets().ticket(qint64(ticketId.toDouble())),
                QDateTime::currentMSecsSinceEpoch());
        QVERIFY(issued.ok);
        QVERIFY(store->commit());
        token = issued.result.toObject().value(QStringLiteral("token")).toString();
    }

    QVERIFY(customer.open(m_server.url()));
    QCOMPARE(customer
                 .call(QStringLiteral("surveys.answer"),
                     { { QStringLiteral("token"), token },
                         { QStringLiteral("rating"), QStringLiteral("bad") } })
                 .error.code,
        ErrorCode::HelloRequired);
    QVERIFY(customer.hello());
    QCOMPARE(
        customer.call(QStringLiteral("surveys.get"), { { QStringLiteral("ticketId"), ticketId } })
            .error.code,
        ErrorCode::Unauthenticated);
    QCOMPARE(customer
                 .call(QStringLiteral("surveys.answer"),
                     { { QStringLiteral("token"), QStringLiteral("garbage") },
                         { QStringLiteral("rating"), QStringLiteral("good") } })
                 .error.code,
        ErrorCode::NotFound);
    QCOMPARE(customer
                 .call(QStringLiteral("surveys.answer"),
                     { { QStringLiteral("token"), token },
                         { QStringLiteral("rating"), QStringLiteral("meh") } })
                 .error.code,
        ErrorCode::InvalidParams);
    r = customer.call(QStringLiteral("surveys.answer"),
        { { QStringLiteral("token"), token }, { QStringLiteral("rating"), QStringLiteral("bad") },
            { QStringLiteral("comment"), QStringLiteral("sigue sin imprimir") } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("reopened")).toBool(), true);
    QCOMPARE(customer
                 .call(QStringLiteral("surveys.answer"),
                     { { QStringLiteral("token"), token },
                         { QStringLiteral("rating"), QStringLiteral("good") } })
                 .error.code,
        ErrorCode::ValidationFailed);
    t = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), ticketId } })
            .object()
            .value(QStringLiteral("ticket"))
            .toObject();
    QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));

    // The window is for admins to read and set.
    QCOMPARE(ana.call(QStringLiteral("settings.satisfaction")).error.code, ErrorCode::Forbidden);
    TestClient admin;
    QVERIFY(admin.open(m_server.url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    QCOMPARE(admin.call(QStringLiteral("settings.satisfaction"))
                 .object()
                 .value(QStringLiteral("reopenWindowHours"))
                 .toInt(),
        72);
    QCOMPARE(admin
                 .call(QStringLiteral("settings.satisfaction"),
                     { { QStringLiteral("reopenWindowHours"), 0 } })
                 .error.code,
        ErrorCode::InvalidParams);
    r = admin.call(
        QStringLiteral("settings.satisfaction"), { { QStringLiteral("reopenWindowHours"), 48 } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("reopenWindowHours")).toInt(), 48);
}

void ServerProtocolTest::groupMembershipFollowsAtOnceInOpenSessions()
{
    TestClient admin, bruno, ana;
    QVERIFY(admin.open(m_server.url()) && bruno.open(m_server.url()) && ana.open(m_server.url()));
    QVERIFY(admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    QVERIFY(bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    QVERIFY(ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    const double id = ticketFor(ana, QStringLiteral("Bruno may see this soon"))
                          .value(QStringLiteral("id"))
                          .toDouble();
    QCOMPARE(bruno.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } }).error.code,
        ErrorCode::Forbidden);

    const auto set = [&](TestClient &c, const QJsonArray &agents) {
        return c.call(QStringLiteral("groups.members.set"),
            { { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
                { QStringLiteral("agentIds"), agents } });
    };
    const QJsonArray withBruno { double(m_desk.admin), double(m_desk.ana), double(m_desk.bruno),
        double(m_desk.lola) };
    QCOMPARE(set(bruno, withBruno).error.code, ErrorCode::Forbidden);
    auto r = set(admin, withBruno);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("handedBack")).toArray(), QJsonArray());
    // Bruno's session, opened before, sees Service Desk's tickets from the next request on.
    QVERIFY(bruno.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } }).ok);

    // Back as it was, for the slots after this one.
    r = set(admin, QJsonArray { double(m_desk.admin), double(m_desk.ana), double(m_desk.lola) });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(bruno.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } }).error.code,
        ErrorCode::Forbidden);
}

QTEST_GUILESS_MAIN(ServerProtocolTest)
#include "tst_server_protocol.moc"
