// The Dispatcher alone, with the server's real handlers and no socket: the checks every call
// gets give the error codes of docs/protocol.md ("Errors"), in their order, whichever front
// asks; a call that passes them reaches the store and answers through its Reply; and the
// method table is the one docs/protocol.md documents.

#include "deskfixture.h"

#include "server/auth/passwordchecks.h"
#include "server/rpc/callcontext.h"
#include "server/rpc/dispatcher.h"
#include "server/rpc/handlers/adminhandlers.h"
#include "server/rpc/handlers/cannedhandlers.h"
#include "server/rpc/handlers/dashboardhandlers.h"
#include "server/rpc/handlers/directoryhandlers.h"
#include "server/rpc/handlers/filehandlers.h"
#include "server/rpc/handlers/kbhandlers.h"
#include "server/rpc/handlers/presencehandlers.h"
#include "server/rpc/handlers/sessionhandlers.h"
#include "server/rpc/handlers/surveyhandlers.h"
#include "server/rpc/handlers/synchandlers.h"
#include "server/rpc/handlers/tickethandlers.h"
#include "server/rpc/operations.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/store/storethreads.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Atiende;
using namespace Atiende::Server;
using Core::Protocol::ErrorCode;

namespace {

// A caller with no transport: it keeps what is pushed to it.
class QuietCaller final : public CallContext
{
public:
    void push(const QString &frame) override { pushed << frame; }
    bool closing() const override { return false; }
    void endSession(quint16, const QString &) override { ended = true; }
    QStringList pushed;
    bool ended = false;
};

// One call's answer, when it has come.
struct Answer
{
    bool given = false;
    QJsonValue result;
    std::optional<Core::Protocol::RpcError> error;
};

} // namespace

class DispatcherTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void unknownMethodIsMethodNotFound();
    void anythingBeforeHelloIsHelloRequired();
    void helloOfAnotherVersionIsUnsupportedProtocol();
    void methodsWithASessionRefuseCallersWithout();
    void methodsWithoutASessionServeCallersWithout();
    void localAdministrationRunsAdminMethodsOnly();
    void agentsAreRefusedAdminMethodsBeforeTheirParams();
    void agentsAreRefusedLeadMethodsLeadsAreNot();
    void badParamsAreInvalidParamsNamingTheParam();
    void aCallThatPassesReachesTheStoreAndAnswers();
    void anAnswerForACallerThatWentGoesNowhere();
    void theTableIsTheDocumentedMethods();

private:
    std::shared_ptr<QuietCaller> caller(
        bool greeted, std::optional<Caller> who, bool local = false);
    Answer call(CallContext &caller, const QString &method, const QJsonObject &params = {});
    static int code(const Answer &a) { return a.error ? int(a.error->code) : 0; }

    QTemporaryDir m_dir;
    Test::Desk m_desk;
    std::unique_ptr<RpcServices> m_services;
    std::unique_ptr<Operations> m_operations;
    std::unique_ptr<Sessions> m_sessions;
    std::vector<std::unique_ptr<HandlerUnit>> m_units;
    Dispatcher m_dispatcher;
    QObject m_receiver; // where the writer answers
};

void DispatcherTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(Test::seedDesk(m_dir.path(), &m_desk, &error), qPrintable(error));
    ServerConfig config;
    config.databasePath = m_dir.filePath(QStringLiteral("atiende.db"));
    config.readerThreads = 1;
    m_services = std::make_unique<RpcServices>(config);
    m_services->passwordChecks = std::make_unique<PasswordChecks>(1, 2, 1);
    m_services->writer = std::make_unique<StoreWriter>(
        config.databasePath, &m_receiver, [](const QList<Change> &) {});
    QVERIFY2(m_services->writer->start(&error), qPrintable(error));
    m_services->readers = std::make_unique<StoreReaders>(config.databasePath, 1);
    QVERIFY2(m_services->readers->start(&error), qPrintable(error));

    m_operations = std::make_unique<Operations>(*m_services);
    m_sessions = std::make_unique<Sessions>(*m_services);
    RpcServices &s = *m_services;
    Operations &ops = *m_operations;
    Sessions &sessions = *m_sessions;
    auto admin = std::make_unique<AdminHandlers>(s, ops, sessions);
    AdminHandlers &adminRef = *admin;
    m_units.push_back(std::move(admin));
    m_units.push_back(std::make_unique<SessionHandlers>(s, ops, sessions, adminRef));
    m_units.push_back(std::make_unique<TicketHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<SyncHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<DirectoryHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<KbHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<CannedHandlers>(s, ops, sessions, adminRef));
    m_units.push_back(std::make_unique<SurveyHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<PresenceHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<DashboardHandlers>(s, ops, sessions));
    m_units.push_back(std::make_unique<FileHandlers>(s, ops, sessions));
    for (const auto &unit : m_units)
        unit->registerWith(m_dispatcher);
}

void DispatcherTest::cleanupTestCase()
{
    m_services->passwordChecks->stop();
    m_services->readers->stop();
    m_services->writer->stop();
}

std::shared_ptr<QuietCaller> DispatcherTest::caller(
    bool greeted, std::optional<Caller> who, bool local)
{
    auto c = std::make_shared<QuietCaller>();
    c->address = QStringLiteral("192.0.2.7");
    c->greeted = greeted;
    if (who) {
        c->authenticated = true;
        c->local = local;
        c->caller = *who;
    }
    return c;
}

Answer DispatcherTest::call(CallContext &caller, const QString &method, const QJsonObject &params)
{
    auto answer = std::make_shared<Answer>();
    m_dispatcher.dispatch(caller, method, params,
        Reply([answer](const QJsonValue &result, const Core::Protocol::RpcError *error) {
            answer->given = true;
            answer->result = result;
            if (error)
                answer->error = *error;
        }));
    // Checks answer at once; work handed to the store answers on a later turn of the loop.
    if (!answer->given)
        [&] { QTRY_VERIFY(answer->given); }();
    return *answer;
}

void DispatcherTest::unknownMethodIsMethodNotFound()
{
    // Whoever asks, greeted or not: the method is looked up first.
    for (bool greeted : { false, true }) {
        auto c = caller(greeted, std::nullopt);
        const Answer a = call(*c, QStringLiteral("tickets.delete"));
        QCOMPARE(code(a), -32601);
        QCOMPARE(a.error->data.value(QStringLiteral("name")).toString(),
            QStringLiteral("method_not_found"));
        QCOMPARE(a.error->data.value(QStringLiteral("method")).toString(),
            QStringLiteral("tickets.delete"));
    }
}

void DispatcherTest::anythingBeforeHelloIsHelloRequired()
{
    auto c = caller(false, std::nullopt);
    QCOMPARE(code(call(*c, QStringLiteral("auth.login"),
                 { { QStringLiteral("user"), QStringLiteral("ana") } })),
        -32002);
    QCOMPARE(
        code(call(*c, QStringLiteral("tickets.get"), { { QStringLiteral("id"), 1 } })), -32002);
    // Even a signed-in caller (a front that restores one) says hello first.
    auto signedIn = caller(false, Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } });
    QCOMPARE(code(call(*signedIn, QStringLiteral("tickets.get"), { { QStringLiteral("id"), 1 } })),
        -32002);
    const Answer hello = call(*c, QStringLiteral("hello"),
        { { QStringLiteral("protocol"), 1 },
            { QStringLiteral("client"), QStringLiteral("test") } });
    QVERIFY(!hello.error);
    QCOMPARE(hello.result.toObject().value(QStringLiteral("protocol")).toInt(), 1);
    QVERIFY(c->greeted);
    QCOMPARE(c->client, QStringLiteral("test"));
}

void DispatcherTest::helloOfAnotherVersionIsUnsupportedProtocol()
{
    auto c = caller(false, std::nullopt);
    const Answer a = call(*c, QStringLiteral("hello"), { { QStringLiteral("protocol"), 2 } });
    QCOMPARE(code(a), -32001);
    QCOMPARE(a.error->data.value(QStringLiteral("supported")).toArray(), QJsonArray { 1 });
    QVERIFY(!c->greeted);
}

void DispatcherTest::methodsWithASessionRefuseCallersWithout()
{
    auto c = caller(true, std::nullopt);
    for (const char *method :
        { "tickets.get", "tickets.update", "sync.pull", "directory.get", "presence.viewing",
            "dashboard.subscribe", "sla.calendars.save", "auth.logout", "sessions.list" }) {
        const Answer a = call(*c, QString::fromLatin1(method));
        QVERIFY2(code(a) == -32003, method);
        QCOMPARE(a.error->data.value(QStringLiteral("name")).toString(),
            QStringLiteral("unauthenticated"));
    }
}

void DispatcherTest::methodsWithoutASessionServeCallersWithout()
{
    // Their own checks answer, not the session's: a survey answer with a token nobody issued.
    auto c = caller(true, std::nullopt);
    const Answer a = call(*c, QStringLiteral("surveys.answer"),
        { { QStringLiteral("token"), QStringLiteral("no-such-token") },
            { QStringLiteral("rating"), QStringLiteral("good") } });
    QCOMPARE(code(a), -32011); // not_found
    QCOMPARE(code(call(*c, QStringLiteral("auth.resume"),
                 { { QStringLiteral("token"), QStringLiteral("no-such-token") } })),
        -32006);
    QVERIFY(!c->authenticated);
}

void DispatcherTest::localAdministrationRunsAdminMethodsOnly()
{
    auto c = caller(true, Caller { 0, Core::Role::Admin, {} }, true);
    const Answer refused = call(*c, QStringLiteral("tickets.get"), { { QStringLiteral("id"), 1 } });
    QCOMPARE(code(refused), -32010);
    QCOMPARE(refused.error->message,
        QStringLiteral("A local administration session runs admin commands only."));
    const Answer listed = call(*c, QStringLiteral("sla.calendars.list"));
    QVERIFY2(!listed.error, qPrintable(listed.error ? listed.error->message : QString()));
}

void DispatcherTest::agentsAreRefusedAdminMethodsBeforeTheirParams()
{
    auto ana = caller(true, Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } });
    auto lola = caller(
        true, Caller { m_desk.lola, Core::Role::Lead, { m_desk.serviceDesk, m_desk.network } });
    // Params that would be refused too: the role is said first.
    const QJsonObject bad { { QStringLiteral("calendars"), QStringLiteral("not a list") } };
    for (const auto &c : { ana, lola }) {
        const Answer a = call(*c, QStringLiteral("sla.calendars.save"), bad);
        QCOMPARE(code(a), -32010);
        QCOMPARE(a.error->message, QStringLiteral("Only admins change business calendars."));
        QCOMPARE(code(call(*c, QStringLiteral("agents.password.set"),
                     { { QStringLiteral("password"), 5 } })),
            -32010);
        QCOMPARE(code(call(*c, QStringLiteral("settings.timeZone"))), -32010);
    }
}

void DispatcherTest::agentsAreRefusedLeadMethodsLeadsAreNot()
{
    auto ana = caller(true, Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } });
    const Answer a = call(
        *ana, QStringLiteral("canned.save"), { { QStringLiteral("title"), QStringLiteral("x") } });
    QCOMPARE(code(a), -32010);
    QCOMPARE(a.error->message,
        QStringLiteral(
            "Only admins, and leads for the groups they lead, change canned responses."));
    // A lead gets past the dispatcher: what follows is the store's answer, not forbidden for the
    // role.
    auto lola = caller(
        true, Caller { m_desk.lola, Core::Role::Lead, { m_desk.serviceDesk, m_desk.network } });
    const Answer lead
        = call(*lola, QStringLiteral("canned.delete"), { { QStringLiteral("id"), 999999 } });
    QVERIFY(lead.error);
    QVERIFY2(!lead.error->message.startsWith(QLatin1String("Only admins")),
        qPrintable(lead.error->message));
}

void DispatcherTest::badParamsAreInvalidParamsNamingTheParam()
{
    auto ana = caller(true, Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } });
    struct Case
    {
        const char *method;
        QJsonObject params;
        const char *param;
    };
    const QList<Case> cases {
        { "tickets.get", {}, "id" },
        { "tickets.get", { { QStringLiteral("id"), QStringLiteral("7") } }, "id" },
        { "tickets.get", { { QStringLiteral("id"), 1.5 } }, "id" },
        { "tickets.update",
            { { QStringLiteral("id"), 1 }, { QStringLiteral("baseVersion"), 1 },
                { QStringLiteral("opId"), QStringLiteral("op") } },
            "fields" },
        { "tickets.query", { { QStringLiteral("sort"), QStringLiteral("colour") } }, "sort" },
        { "sync.pull", { { QStringLiteral("since"), -1 } }, "since" },
        { "sync.pull",
            { { QStringLiteral("since"), 0 },
                { QStringLiteral("cursor"), QStringLiteral("nonsense") } },
            "cursor" },
        { "kb.search", {}, "text" },
        { "presence.typing", { { QStringLiteral("ticketId"), 1 } }, "typing" },
        { "dashboard.subscribe", { { QStringLiteral("period"), QStringLiteral("forever") } },
            "period" },
        { "hello", { { QStringLiteral("protocol"), QStringLiteral("1") } }, "protocol" },
    };
    for (const Case &c : cases) {
        const Answer a = call(*ana, QString::fromLatin1(c.method), c.params);
        QVERIFY2(code(a) == -32602, c.method);
        QCOMPARE(a.error->data.value(QStringLiteral("name")).toString(),
            QStringLiteral("invalid_params"));
        QCOMPARE(
            a.error->data.value(QStringLiteral("param")).toString(), QString::fromLatin1(c.param));
    }
    QCOMPARE(ana->inFlight, 0); // refused before anything was handed to the store
}

void DispatcherTest::aCallThatPassesReachesTheStoreAndAnswers()
{
    auto ana = caller(true, Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } });
    const Answer created = call(*ana, QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("La VPN no conecta") },
            { QStringLiteral("groupId"), m_desk.serviceDesk },
            { QStringLiteral("customerId"), m_desk.customer } });
    QVERIFY2(!created.error, qPrintable(created.error ? created.error->message : QString()));
    const qint64 id = created.result.toObject()
                          .value(QStringLiteral("ticket"))
                          .toObject()
                          .value(QStringLiteral("id"))
                          .toInteger();
    QVERIFY(id > 0);
    const Answer got = call(*ana, QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } });
    QVERIFY(!got.error);
    QCOMPARE(got.result.toObject()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("subject"))
                 .toString(),
        QStringLiteral("La VPN no conecta"));
    // The store's own rule, through the same path: bruno is not in Service Desk.
    auto bruno = caller(true, Caller { m_desk.bruno, Core::Role::Agent, { m_desk.network } });
    QCOMPARE(code(call(*bruno, QStringLiteral("tickets.get"), { { QStringLiteral("id"), id } })),
        -32010);
    QCOMPARE(
        code(call(*bruno, QStringLiteral("tickets.get"), { { QStringLiteral("id"), 99999999 } })),
        -32011);
    QCOMPARE(ana->inFlight, 0);
}

void DispatcherTest::anAnswerForACallerThatWentGoesNowhere()
{
    auto ana = caller(true, Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } });
    bool answered = false;
    bool released = false;
    // The front's Reply looks for its caller as Peers' does; the caller goes before the store
    // answers.
    std::weak_ptr<CallContext> weak = ana;
    m_dispatcher.dispatch(*ana, QStringLiteral("directory.get"), {},
        Reply([&, weak](const QJsonValue &, const Core::Protocol::RpcError *) {
            released = true;
            if (weak.lock())
                answered = true;
        }));
    QCOMPARE(ana->inFlight, 1);
    ana.reset();
    QTRY_VERIFY(released);
    QVERIFY(!answered);
}

void DispatcherTest::theTableIsTheDocumentedMethods()
{
    QFile doc(qEnvironmentVariable("ATIENDE_SOURCE_DIR") + QStringLiteral("/docs/protocol.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), "docs/protocol.md is missing");
    const QString text = QString::fromUtf8(doc.readAll());
    const qsizetype methodsAt = text.indexOf(QLatin1String("\n## Methods"));
    const qsizetype notificationsAt = text.indexOf(QLatin1String("\n## Notifications"));
    QVERIFY(methodsAt > 0 && notificationsAt > methodsAt);
    QSet<QString> documented;
    static const QRegularExpression heading(
        QStringLiteral("^### (.+)$"), QRegularExpression::MultilineOption);
    static const QRegularExpression name(QStringLiteral("`([a-zA-Z.]+)`"));
    for (auto it = heading.globalMatch(text.mid(methodsAt, notificationsAt - methodsAt));
         it.hasNext();) {
        for (auto n = name.globalMatch(it.next().captured(1)); n.hasNext();)
            documented.insert(n.next().captured(1));
    }
    const QStringList methods = m_dispatcher.methods();
    const QSet<QString> served(methods.cbegin(), methods.cend());
    QCOMPARE(served.size(), 56);
    QCOMPARE(served, documented);
}

QTEST_GUILESS_MAIN(DispatcherTest)
#include "tst_dispatcher.moc"
