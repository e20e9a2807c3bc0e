// A real atiended against the protocol registry (core/protocol/registry.h): every method is
// called the way its golden sample (core/protocol/samples) calls it, on a demo desk, and its
// answer must conform to the registry's description (field names and JSON types, no field the
// description lacks); every notification is made to happen and checked the same way.
// With ATIENDE_WRITE_SAMPLES=1 the answers are written back into the samples (lists cut to two
// items), for when the protocol grows: review the diff before committing it.

#include "serverprocess.h"
#include "testclient.h"

#include "core/protocol/errorcode.h"
#include "core/protocol/registry.h"
#include "server/admin/datafolder.h"
#include "server/mail/mailarticles.h"
#include "server/store/store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <map>
#include <memory>

using namespace Atiende;
using namespace Atiende::Test;
using namespace Atiende::Core::Protocol;

namespace {

QString samplesDir()
{
    return qEnvironmentVariable("ATIENDE_SOURCE_DIR") + QStringLiteral("/core/protocol/samples");
}
bool writing()
{
    return qEnvironmentVariableIntValue("ATIENDE_WRITE_SAMPLES") == 1;
}

QJsonObject readSample(const QString &name)
{
    QFile f(samplesDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonValue trimmed(const QJsonValue &v)
{
    if (v.isArray()) {
        QJsonArray out;
        const QJsonArray in = v.toArray();
        for (qsizetype i = 0; i < qMin<qsizetype>(2, in.size()); ++i)
            out.append(trimmed(in.at(i)));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject in = v.toObject();
        for (auto it = in.constBegin(); it != in.constEnd(); ++it)
            out.insert(it.key(), trimmed(it.value()));
        return out;
    }
    return v;
}

bool writeSample(const QString &name, const QString &key, const QJsonObject &message)
{
    QJsonObject sample = readSample(name);
    sample.insert(key, trimmed(message));
    QFile f(samplesDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    // QJsonDocument orders the keys: "as", "request", "response" (or "notification").
    const QByteArray text = QJsonDocument(sample).toJson(QJsonDocument::Indented);
    return f.write(text) == text.size();
}

} // namespace

class ProtocolSamplesTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyMethodAnswersAsTheRegistryDescribes_data();
    void everyMethodAnswersAsTheRegistryDescribes();
    void everyNotificationIsAsTheRegistryDescribes();
    void whoMayCallAMethodIsAsTheRegistrySays_data();
    void whoMayCallAMethodIsAsTheRegistrySays();

private:
    TestClient *signedIn(const QString &login);
    std::unique_ptr<TestClient> freshClient(const QString &login);
    QJsonObject substituted(const QJsonObject &params, const QString &login);
    void dropConnections();
    QList<Notification> allNotifications() const;

    ServerProcess m_server;
    QString m_localToken;
    QString m_surveyToken;
    qint64 m_mailArticleId = 0; // a customer's mail on ticket 22 (mail.message, articles.move)
    qint64 m_failedArticleId = 0; // the demo agent's reply on it whose mail failed (mail.retry)
    std::map<QString, std::unique_ptr<TestClient>> m_clients; // by demo login
    std::vector<std::unique_ptr<TestClient>>
        m_retired; // closed or signed out: their pushes still count
};

void ProtocolSamplesTest::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("ATIENDE_SOURCE_DIR"),
        "ATIENDE_SOURCE_DIR is not set (CTest sets it)");
    // The samples' ids are the demo desk's with this seed and size.
    QVERIFY2(m_server.demoData(30, 7), qPrintable(m_server.log()));
    {
        QString error;
        auto store = Server::Store::open(
            QDir(m_server.dataDir()).filePath(QStringLiteral("atiende.db")), false, &error);
        QVERIFY2(store, qPrintable(error));
        // The demo desk routes some tickets by the hour it is made at (business hours): the
        // samples want tickets 19 and 22 in first line (group 1), the demo agent's group,
        // whatever the hour, so an admin moves them there as a console would.
        const auto admin = store->directory().credentials(QStringLiteral("admin"));
        QVERIFY(admin);
        Server::Caller caller;
        caller.agentId = admin->agent.id;
        caller.role = Core::Role::Admin;
        for (const qint64 id : { 19, 22 }) {
            const auto ticket = store->tickets().ticket(id);
            QVERIFY(ticket);
            if (ticket->groupId == 1)
                continue;
            QVERIFY(store->begin());
            const Server::OpResult moved = store->tickets().update(caller, id, ticket->version,
                QJsonObject { { QStringLiteral("groupId"), 1 } },
                QDateTime::currentMSecsSinceEpoch());
            QVERIFY2(moved.ok, qPrintable(moved.error.message));
            QVERIFY(store->commit());
        }
        // A survey token goes to the customer by mail, never over the agents' protocol: issue one
        // straight into the database for resolved ticket 19, as the mailer's side would.
        const auto ticket = store->tickets().ticket(19);
        QVERIFY(ticket && ticket->status == Core::TicketStatus::Resolved);
        QVERIFY(store->begin());
        const Server::OpResult issued
            = store->surveys().onResolved(*ticket, QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(issued.ok, qPrintable(issued.error.message));
        QVERIFY(store->commit());
        m_surveyToken = issued.result.toObject().value(QStringLiteral("token")).toString();
        QVERIFY(!m_surveyToken.isEmpty());
        // Mail on ticket 22 as the e-mail channel writes it (mail.message, mail.retry and
        // articles.move need some): a customer's message through a mailbox, and the demo
        // agent's reply whose mail failed. The mailbox is disabled: nothing reads or sends.
        QVERIFY(store->sync().loadRevision());
        const auto agent = store->directory().credentials(QStringLiteral("agent"));
        QVERIFY(agent);
        qint64 mailArticleId = 0, failedArticleId = 0;
        const Server::OpResult mailed = store->transact([&] {
            using namespace Atiende::Server;
            const auto fail = [] { return OpResult::failure(ErrorCode::InternalError); };
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            MailAccountRow account;
            account.name = QStringLiteral("buzon");
            account.address = QStringLiteral("buzon@desk.example");
            account.displayName = QStringLiteral("Buzón");
            account.groupId = 1;
            account.imap = { { QStringLiteral("host"), QStringLiteral("127.0.0.1") } };
            account.enabled = false;
            account.createdAt = now;
            account.id = store->mail().insertAccount(account);
            const auto ticket = store->tickets().ticket(22);
            const auto customer
                = ticket ? store->directory().customer(ticket->customerId) : std::nullopt;
            if (!account.id || !customer)
                return fail();
            const OpResult added = store->tickets().addCustomerMessage(22, customer->id,
                Core::ArticleKind::PublicReply, QStringLiteral("Sigue sin funcionar."), {}, false,
                now);
            if (!added.ok)
                return added;
            mailArticleId = added.result.toObject()
                                .value(QStringLiteral("article"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toInteger();
            MailMessageRow row;
            row.messageId = QStringLiteral("sigue@cliente.example");
            row.direction = QStringLiteral("in");
            row.accountId = account.id;
            row.ticketId = 22;
            row.articleId = mailArticleId;
            row.threadedBy = QStringLiteral("subject-tag");
            row.fromAddress = customer->email;
            row.recipients = { { QStringLiteral("to"), QJsonArray { account.address } },
                { QStringLiteral("cc"), QJsonArray() } };
            row.subject = QStringLiteral("Re: [%1] %2").arg(ticket->number, ticket->subject);
            row.quoted = QStringLiteral("> ¿Ha probado a reiniciar?");
            row.html = QStringLiteral("<p>Sigue sin funcionar.</p>");
            row.createdAt = now;
            const qint64 rowId = store->mail().insertMessage(row);
            if (!rowId
                || !store->mail().keepRaw(
                    rowId, QByteArrayLiteral("Subject: Re\r\n\r\nSigue sin funcionar.\r\n")))
                return fail();
            Core::ArticleMail m;
            m.from = QStringLiteral("%1 <%2>").arg(customer->name, customer->email);
            m.to = QStringList { account.address };
            m.subject = row.subject;
            m.threadedBy = row.threadedBy;
            m.hasQuoted = m.hasHtml = true;
            if (!store->tickets().setArticleMail(mailArticleId, m).ok)
                return fail();
            const Caller demoAgent { agent->agent.id, Core::Role::Agent, { 1 } };
            const OpResult reply = store->tickets().addArticle(demoAgent, 22,
                Core::ArticleKind::PublicReply, QStringLiteral("Lo miramos ahora."), now);
            if (!reply.ok)
                return reply;
            failedArticleId = reply.result.toObject()
                                  .value(QStringLiteral("article"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
            const QList<OutboxRow> queued = store->mail().outboxOfArticle(failedArticleId);
            if (queued.isEmpty()
                || !store->mail().markFailed(queued.first().id, 1, now,
                    QStringLiteral("the SMTP server refused the sender (550)"), true))
                return fail();
            return Mail::MailArticles::outboxChanged(*store, queued.first().id);
        });
        QVERIFY2(mailed.ok, qPrintable(mailed.error.message));
        // The samples name these articles by the ids they had when written; a desk made on
        // another day may number its articles otherwise, so the calls use these.
        m_mailArticleId = mailArticleId;
        m_failedArticleId = failedArticleId;
    }
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    QString error;
    const auto endpoint = Server::DataFolder(m_server.dataDir()).runningServer(&error);
    QVERIFY2(endpoint, qPrintable(error));
    m_localToken = endpoint->adminToken;
}

void ProtocolSamplesTest::cleanupTestCase()
{
    m_clients.clear();
    m_retired.clear();
    m_server.stop();
}

std::unique_ptr<TestClient> ProtocolSamplesTest::freshClient(const QString &login)
{
    auto c = std::make_unique<TestClient>();
    if (!c->open(m_server.url()))
        return nullptr;
    if (login == QLatin1String("none"))
        return c->hello() ? std::move(c) : nullptr;
    return c->login(login, QStringLiteral("demo")) ? std::move(c) : nullptr;
}

TestClient *ProtocolSamplesTest::signedIn(const QString &login)
{
    auto &slot = m_clients[login];
    if (slot && !slot->isOpen()) {
        m_retired.push_back(std::move(slot));
        slot.reset();
    }
    if (!slot)
        slot = freshClient(login);
    return slot.get();
}

void ProtocolSamplesTest::dropConnections()
{
    for (auto &[login, client] : m_clients) {
        if (client)
            m_retired.push_back(std::move(client));
    }
    m_clients.clear();
}

QList<Notification> ProtocolSamplesTest::allNotifications() const
{
    QList<Notification> out;
    for (const auto &c : m_retired)
        out += c->notifications();
    for (const auto &[login, c] : m_clients) {
        if (c)
            out += c->notifications();
    }
    return out;
}

// The few values a sample cannot hold literally: tokens made while the test runs.
QJsonObject ProtocolSamplesTest::substituted(const QJsonObject &params, const QString &login)
{
    Q_UNUSED(login);
    QJsonObject out = params;
    for (auto it = out.begin(); it != out.end(); ++it) {
        const QString s = it.value().toString();
        if (s == QLatin1String("$localToken"))
            *it = m_localToken;
        else if (s == QLatin1String("$surveyToken"))
            *it = m_surveyToken;
        else if (s == QLatin1String("$token")) {
            auto other = freshClient(QStringLiteral("agent"));
            *it = other ? other->token() : QString();
            if (other)
                m_retired.push_back(std::move(other));
        }
    }
    return out;
}

void ProtocolSamplesTest::everyMethodAnswersAsTheRegistryDescribes_data()
{
    // In the registry's order: the samples build on each other (tickets.update edits the
    // ticket tickets.create made; canned.delete deletes what canned.save added).
    QTest::addColumn<QString>("name");
    for (const MessageSpec &m : Registry::all()) {
        if (m.kind == MessageSpec::Kind::Method)
            QTest::newRow(qPrintable(m.name)) << m.name;
    }
}

void ProtocolSamplesTest::everyMethodAnswersAsTheRegistryDescribes()
{
    QFETCH(QString, name);
    const MessageSpec *spec = Registry::find(name);
    QVERIFY(spec);
    const QJsonObject sample = readSample(name);
    QVERIFY2(!sample.isEmpty(),
        qPrintable(QStringLiteral("no sample for %1 in %2").arg(name, samplesDir())));
    const QString as = sample.value(QStringLiteral("as")).toString();
    const QJsonObject request = sample.value(QStringLiteral("request")).toObject();
    QJsonObject params = substituted(request.value(QStringLiteral("params")).toObject(), as);
    if (name == QLatin1String("mail.message") || name == QLatin1String("articles.move"))
        params.insert(QStringLiteral("articleId"), double(m_mailArticleId));
    else if (name == QLatin1String("mail.retry"))
        params.insert(QStringLiteral("articleId"), double(m_failedArticleId));

    Client::RpcReply r;
    if (name == QLatin1String("auth.logout")) {
        // Its own session, with a second connection on it: that one is told auth.ended.
        auto first = freshClient(as);
        QVERIFY(first);
        auto second = freshClient(QStringLiteral("none"));
        QVERIFY(second);
        QVERIFY(second
                    ->call(QStringLiteral("auth.resume"),
                        { { QStringLiteral("token"), first->token() } })
                    .ok);
        r = first->call(name, params);
        QVERIFY(second->waitForNotification(
            [](const Notification &n) { return n.method == QLatin1String("auth.ended"); }));
        m_retired.push_back(std::move(first));
        m_retired.push_back(std::move(second));
    } else {
        // Calls made before signing in get a connection of their own (auth.login signs it in).
        std::unique_ptr<TestClient> own = as == QLatin1String("none") ? freshClient(as) : nullptr;
        TestClient *client = own ? own.get() : signedIn(as);
        QVERIFY2(client, qPrintable(QStringLiteral("cannot sign in as %1").arg(as)));
        r = client->call(name, params);
        if (own)
            m_retired.push_back(std::move(own));
    }
    QVERIFY2(r.ok,
        qPrintable(QStringLiteral("%1: %2 %3")
                       .arg(name, r.error.message,
                           QString::fromUtf8(
                               QJsonDocument(r.error.data).toJson(QJsonDocument::Compact)))));
    const QJsonObject result = r.result.toObject();
    QVERIFY2(r.result.isObject(), "a result is an object");
    if (writing()) {
        QVERIFY(writeSample(name, QStringLiteral("response"),
            { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                { QStringLiteral("id"), request.value(QStringLiteral("id")) },
                { QStringLiteral("result"), result } }));
    }
    const QStringList problems
        = Registry::check(spec->result, result, true, QStringLiteral("result"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    // Methods that end sessions (the caller's or others'): sign in afresh for what follows.
    static const QStringList endsSessions { QStringLiteral("sessions.revoke"),
        QStringLiteral("agents.password.set"), QStringLiteral("agents.active.set") };
    if (endsSessions.contains(name))
        dropConnections();
}

void ProtocolSamplesTest::everyNotificationIsAsTheRegistryDescribes()
{
    // What the methods above did not make happen already: a dashboard that sees a change, and
    // one that ends because its lead left its only group.
    TestClient *lead = signedIn(QStringLiteral("lead"));
    TestClient *agent = signedIn(QStringLiteral("agent"));
    TestClient *admin = signedIn(QStringLiteral("admin"));
    QVERIFY(lead && agent && admin);
    lead->clearNotifications();
    QVERIFY(lead->call(QStringLiteral("dashboard.subscribe"),
                    { { QStringLiteral("groupIds"), QJsonArray { 1 } } })
                .ok);
    QVERIFY(agent
                ->call(QStringLiteral("presence.set"),
                    { { QStringLiteral("presence"), QStringLiteral("away") } })
                .ok);
    QVERIFY(lead->waitForNotification(
        [](const Notification &n) { return n.method == QLatin1String("dashboard.changed"); },
        10000));

    QVERIFY(lead->call(QStringLiteral("dashboard.subscribe"),
                    { { QStringLiteral("groupIds"), QJsonArray { 2 } } })
                .ok);
    const auto directory = admin->call(QStringLiteral("directory.get"));
    QVERIFY(directory.ok);
    QJsonArray networkWithoutLead;
    for (const QJsonValue &a : directory.object().value(QStringLiteral("agents")).toArray()) {
        const QJsonObject agentObject = a.toObject();
        if (agentObject.value(QStringLiteral("groupIds")).toArray().contains(2)
            && agentObject.value(QStringLiteral("login")).toString() != QLatin1String("lead"))
            networkWithoutLead.append(agentObject.value(QStringLiteral("id")));
    }
    QVERIFY(admin
                ->call(QStringLiteral("groups.members.set"),
                    { { QStringLiteral("groupId"), 2 },
                        { QStringLiteral("agentIds"), networkWithoutLead } })
                .ok);
    QVERIFY(lead->waitForNotification(
        [](const Notification &n) { return n.method == QLatin1String("dashboard.ended"); }, 10000));

    const QList<Notification> received = allNotifications();
    for (const MessageSpec &m : Registry::all()) {
        if (m.kind != MessageSpec::Kind::Notification)
            continue;
        int seen = 0;
        for (const Notification &n : received) {
            if (n.method != m.name)
                continue;
            if (seen++ == 0 && writing()) {
                QVERIFY(writeSample(m.name, QStringLiteral("notification"),
                    { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                        { QStringLiteral("method"), n.method },
                        { QStringLiteral("params"), n.params } }));
            }
            const QStringList problems = Registry::check(m.params, n.params, true, m.name);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        }
        QVERIFY2(seen > 0, qPrintable(QStringLiteral("no %1 arrived").arg(m.name)));
    }
    for (const Notification &n : received)
        QVERIFY2(Registry::find(n.method),
            qPrintable(QStringLiteral("%1 is not in the registry").arg(n.method)));
}

void ProtocolSamplesTest::whoMayCallAMethodIsAsTheRegistrySays_data()
{
    QTest::addColumn<QString>("name");
    for (const MessageSpec &m : Registry::all()) {
        if (m.kind == MessageSpec::Kind::Method)
            QTest::newRow(qPrintable(m.name)) << m.name;
    }
}

void ProtocolSamplesTest::whoMayCallAMethodIsAsTheRegistrySays()
{
    // Called as its sample calls it, by someone the registry says may not: before signing in
    // (unauthenticated), and an agent for what leads or admins may do (forbidden).
    QFETCH(QString, name);
    const MessageSpec *spec = Registry::find(name);
    QVERIFY(spec);
    const QJsonObject params = substituted(readSample(name)
                                               .value(QStringLiteral("request"))
                                               .toObject()
                                               .value(QStringLiteral("params"))
                                               .toObject(),
        QString());
    if (spec->caller == MessageSpec::Caller::BeforeSignIn)
        return; // answered before signing in: the samples above did
    auto stranger = freshClient(QStringLiteral("none"));
    QVERIFY(stranger);
    const Client::RpcReply anonymous = stranger->call(name, params);
    QVERIFY2(!anonymous.ok, "answered before signing in");
    QCOMPARE(anonymous.error.code, Core::Protocol::ErrorCode::Unauthenticated);
    if (spec->caller == MessageSpec::Caller::Any)
        return;
    TestClient *agent = signedIn(QStringLiteral("agent"));
    QVERIFY(agent);
    const Client::RpcReply refused = agent->call(name, params);
    QVERIFY2(!refused.ok,
        qPrintable(QStringLiteral("an agent may call %1 (the registry says: %2)")
                       .arg(name, Registry::callerName(spec->caller))));
    QCOMPARE(refused.error.code, Core::Protocol::ErrorCode::Forbidden);
}

QTEST_GUILESS_MAIN(ProtocolSamplesTest)
#include "tst_protocol_samples.moc"
