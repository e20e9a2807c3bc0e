// The e-mail channel end to end, with real servers on loopback: Dovecot (IMAP with IDLE) holds
// the desk's mailbox, an SMTP server (aiosmtpd) takes what the desk sends, and a real atiended
// reads, threads, answers and survives kill -9. What is asserted is what a user and an agent
// see: the ticket in the console, the mail in the customer's inbox, the answer on the same
// ticket, nothing lost and nothing twice.

#include "deskfixture.h"
#include "maildesk.h"
#include "mailservers.h"
#include "serverprocess.h"
#include "testclient.h"

#include "server/store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;

namespace {

const QString kDesk = QStringLiteral("soporte@desk.test");
const QString kPassword = QStringLiteral("mailbox-secret");

// The tests' messages, written as maildesk.h writes them.
QByteArray mail(const QString &from, const QString &subject, const QString &messageId,
    const QString &body, const QString &inReplyTo = QString(), const QString &cc = QString())
{
    return composeMail({ from, kDesk, cc.split(QStringLiteral(", "), Qt::SkipEmptyParts), subject,
        messageId, body, inReplyTo });
}

QString header(const QByteArray &raw, const QString &name)
{
    return mailHeader(raw, name);
}

} // namespace

class ServerMailTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void aMailToTheDeskBecomesATicketInTheConsole();
    void theAgentsReplyReachesTheCustomerAndTheirAnswerLandsOnTheSameTicket();
    void killedDuringIngestionNothingIsLostAndNothingTwice();
    void killedDuringSendingEveryMailGoesOutWithOneMessageId();
    void aWrongPasswordIsShownToAdminsAndOtherMailboxesGoOn();
    // The console's e-mail part: the article's mail object, the ticket's CC list, mail.message,
    // mail.retry and articles.move.
    void aMailArticleShowsItsAddressesOverSyncAndTicketsGetAndReplyAllGrowsTheCc();
    void aReplyGoesQueuedThenSentOnEveryConsoleAndToTheCcAnAgentAdded();
    void aRefusedReplyShowsFailedAndARetrySendsItOnce();
    void aWronglyThreadedMailMovesToANewTicketAndItsThreadFollows();

private:
    bool startServer();
    int count(const QString &sql);
    qint64 waitForTicket(TestClient &c, const QString &subject, int timeoutMs = 10000);
    // The next sync.changed upsert of an article matching pred (its data); empty on timeout.
    QJsonObject waitForArticle(
        TestClient &c, const std::function<bool(const QJsonObject &)> &pred, int timeoutMs = 10000);
    bool loginAs(TestClient &c, const QString &login)
    {
        return c.open(m_server->url()) && c.login(login, QStringLiteral("pw-") + login);
    }

    std::unique_ptr<DovecotServer> m_dovecot;
    std::unique_ptr<SmtpSink> m_smtp;
    std::unique_ptr<ServerProcess> m_server;
    Desk m_desk;
};

void ServerMailTest::initTestCase()
{
    Server::PasswordHasher::initialise();
}

void ServerMailTest::init()
{
    m_dovecot = std::make_unique<DovecotServer>();
    m_dovecot->addUser(kDesk, kPassword);
    QString error;
    QVERIFY2(m_dovecot->start(&error), qPrintable(error));
    m_smtp = std::make_unique<SmtpSink>();
    QVERIFY2(m_smtp->start(&error), qPrintable(error));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(seedDesk(m_server->dataDir(), &m_desk, &error), qPrintable(error));
    // The mailbox, as an admin adds it: from a JSON file, with `atiended mail`.
    QVERIFY2(addDeskMailbox(*m_server, *m_dovecot, *m_smtp, kDesk, kPassword,
                 QStringLiteral("Service Desk"), &error),
        qPrintable(error));
    QVERIFY2(startServer(), qPrintable(m_server->log()));
}

void ServerMailTest::cleanup()
{
    m_server.reset();
    m_smtp.reset();
    m_dovecot.reset();
}

bool ServerMailTest::startServer()
{
    return m_server->start();
}

int ServerMailTest::count(const QString &sql)
{
    QString error;
    auto store = Server::Store::open(
        QDir(m_server->dataDir()).filePath(QStringLiteral("atiende.db")), false, &error);
    return store ? store->sql().scalar(sql).toInt() : -1;
}

qint64 ServerMailTest::waitForTicket(TestClient &c, const QString &subject, int timeoutMs)
{
    return c.waitForTicket(subject, timeoutMs);
}

QJsonObject ServerMailTest::waitForArticle(
    TestClient &c, const std::function<bool(const QJsonObject &)> &pred, int timeoutMs)
{
    QJsonObject found;
    c.waitForNotification(
        [&](const Notification &n) {
            if (n.method != QLatin1String("sync.changed"))
                return false;
            for (const QJsonValue &v : n.params.value(QStringLiteral("changes")).toArray()) {
                const QJsonObject change = v.toObject();
                const QJsonObject data = change.value(QStringLiteral("data")).toObject();
                if (change.value(QStringLiteral("entity")).toString() == QLatin1String("article")
                    && pred(data)) {
                    found = data;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

namespace {
QString opId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
QJsonObject mailOf(const QJsonObject &article)
{
    return article.value(QStringLiteral("mail")).toObject();
}
QString stateOf(const QJsonObject &article)
{
    return mailOf(article).value(QStringLiteral("state")).toString();
}
} // namespace

void ServerMailTest::aMailToTheDeskBecomesATicketInTheConsole()
{
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Núria Peña <nuria@ferreteria.example>"),
            QStringLiteral("La impresora de la planta 2 no imprime"),
            QStringLiteral("m1@ferreteria.example"),
            QStringLiteral("Sale un error de papel atascado, pero no hay papel."))));
    const qint64 id = waitForTicket(ana, QStringLiteral("La impresora de la planta 2 no imprime"));
    QVERIFY2(id, qPrintable(m_server->readLog()));
    const auto got
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    QVERIFY(got.ok);
    const QJsonObject t = got.object().value(QStringLiteral("ticket")).toObject();
    QCOMPARE(t.value(QStringLiteral("channel")).toString(), QStringLiteral("email"));
    QCOMPARE(t.value(QStringLiteral("customerId")).toInteger(), m_desk.customer);
    const QJsonArray articles = got.object().value(QStringLiteral("articles")).toArray();
    QVERIFY(articles.first()
                .toObject()
                .value(QStringLiteral("body"))
                .toString()
                .contains(QStringLiteral("papel atascado")));
    // Flagged on the IMAP server once committed; and the customer got one acknowledgement.
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->seenCount(kDesk), 1, 10000);
    QVERIFY(m_smtp->waitForMessages(1));
    const QByteArray ack = m_smtp->messages().first();
    QCOMPARE(header(ack, QStringLiteral("Auto-Submitted")), QStringLiteral("auto-replied"));
    QVERIFY(header(ack, QStringLiteral("Subject"))
                .contains(t.value(QStringLiteral("number")).toString()));
    QVERIFY(header(ack, QStringLiteral("X-RcptTo"))
                .contains(QStringLiteral("nuria@ferreteria.example")));
}

void ServerMailTest::theAgentsReplyReachesTheCustomerAndTheirAnswerLandsOnTheSameTicket()
{
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Núria Peña <nuria@ferreteria.example>"), QStringLiteral("Sin VPN"),
            QStringLiteral("m2@ferreteria.example"), QStringLiteral("La VPN no conecta."))));
    const qint64 id = waitForTicket(ana, QStringLiteral("Sin VPN"));
    QVERIFY(id);
    QVERIFY(m_smtp->waitForMessages(1)); // the acknowledgement
    const auto r = ana.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(id) },
            { QStringLiteral("kind"), QStringLiteral("reply") },
            { QStringLiteral("body"),
                QStringLiteral("Reinicie el cliente VPN y pruebe de nuevo.") },
            { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(m_smtp->waitForMessages(2));
    const QByteArray sent = m_smtp->messages().at(1);
    QVERIFY(QString::fromUtf8(sent).contains(QStringLiteral("Reinicie el cliente VPN")));
    QCOMPARE(
        header(sent, QStringLiteral("In-Reply-To")), QStringLiteral("<m2@ferreteria.example>"));
    QVERIFY(header(sent, QStringLiteral("X-Atiende-Loop")).size() > 0);
    const QString ours = header(sent, QStringLiteral("Message-ID"));
    QVERIFY(ours.startsWith(QStringLiteral("<atd.")));

    // Her answer carries only In-Reply-To, to our mail, and another subject: the same ticket.
    ana.clearNotifications();
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("nuria@ferreteria.example"), QStringLiteral("funciona"),
            QStringLiteral("m3@ferreteria.example"), QStringLiteral("Ya funciona, gracias."),
            ours)));
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE "
                                                  "message_id = 'm3@ferreteria.example'"))
            == 1,
        10000);
    QCOMPARE(count(QStringLiteral("SELECT ticket_id FROM mail_messages WHERE message_id = "
                                  "'m3@ferreteria.example'")),
        int(id));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM tickets")), 1);
}

void ServerMailTest::killedDuringIngestionNothingIsLostAndNothingTwice()
{
    const int n = 300;
    m_server->stop();
    for (int i = 0; i < n; ++i)
        QVERIFY(m_dovecot->deliver(kDesk,
            mail(QStringLiteral("user%1@cliente.example").arg(i % 40),
                QStringLiteral("Consulta %1").arg(i),
                QStringLiteral("bulk-%1@cliente.example").arg(i),
                QStringLiteral("Mensaje número %1.").arg(i))));
    QVERIFY(startServer());
    // Killed once some, not all, are in.
    QTRY_VERIFY_WITH_TIMEOUT(
        count(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE direction = 'in'")) > 0,
        20000);
    m_server->kill();
    const int before
        = count(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE direction = 'in'"));
    QVERIFY(startServer());
    QTRY_COMPARE_WITH_TIMEOUT(
        count(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE direction = 'in'")), n,
        60000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM tickets")), n);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT message_id) FROM mail_messages")),
        n + count(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE direction <> 'in'")));
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->seenCount(kDesk), n, 20000);
    qInfo() << "killed with" << before << "of" << n << "written";
}

void ServerMailTest::killedDuringSendingEveryMailGoesOutWithOneMessageId()
{
    // 40 customers write; each gets an acknowledgement. The server is killed while those go out.
    const int n = 40;
    for (int i = 0; i < n; ++i)
        QVERIFY(m_dovecot->deliver(kDesk,
            mail(QStringLiteral("c%1@cliente.example").arg(i), QStringLiteral("Pedido %1").arg(i),
                QStringLiteral("send-%1@cliente.example").arg(i), QStringLiteral("Hola."))));
    QTRY_VERIFY_WITH_TIMEOUT(m_smtp->messages().size() >= 5, 30000);
    m_server->kill();
    QVERIFY(startServer());
    QTRY_COMPARE_WITH_TIMEOUT(
        count(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE state = 'sent'")), n, 60000);
    QSet<QString> ids;
    QSet<QString> recipients;
    for (const QByteArray &m : m_smtp->messages()) {
        ids.insert(header(m, QStringLiteral("Message-ID")));
        recipients.insert(header(m, QStringLiteral("X-RcptTo")));
    }
    // Everyone got theirs; a mail sent twice around the crash kept its Message-ID.
    QCOMPARE(ids.size(), n);
    QCOMPARE(recipients.size(), n);
}

void ServerMailTest::aWrongPasswordIsShownToAdminsAndOtherMailboxesGoOn()
{
    TestClient admin;
    QVERIFY(admin.open(m_server->url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const auto saved = admin.call(QStringLiteral("mail.accounts.save"),
        { { QStringLiteral("name"), QStringLiteral("ventas") },
            { QStringLiteral("address"), QStringLiteral("ventas@desk.test") },
            { QStringLiteral("group"), QStringLiteral("Network") },
            { QStringLiteral("imap"),
                QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                    { QStringLiteral("port"), m_dovecot->port() },
                    { QStringLiteral("security"), QStringLiteral("none") },
                    { QStringLiteral("user"), QStringLiteral("ventas@desk.test") },
                    { QStringLiteral("password"), QStringLiteral("wrong") } } } });
    QVERIFY2(saved.ok, qPrintable(saved.error.message));
    QJsonObject ventas;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto list = admin.call(QStringLiteral("mail.accounts.list"), {});
            for (const QJsonValue &v : list.object().value(QStringLiteral("accounts")).toArray()) {
                if (v.toObject().value(QStringLiteral("name")).toString()
                    == QLatin1String("ventas"))
                    ventas = v.toObject();
            }
            return ventas.value(QStringLiteral("state")).toString() == QLatin1String("failed");
        }(),
        15000);
    QVERIFY2(ventas.value(QStringLiteral("detail")).toString().contains(QStringLiteral("sign")),
        qPrintable(ventas.value(QStringLiteral("detail")).toString()));
    QVERIFY(!QJsonDocument(ventas).toJson().contains("wrong"));
    QVERIFY(!m_server->readLog().contains(QStringLiteral("wrong")));
    // The desk's own mailbox still works.
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("nuria@ferreteria.example"), QStringLiteral("Sigue llegando"),
            QStringLiteral("m9@ferreteria.example"), QStringLiteral("Hola."))));
    QVERIFY(waitForTicket(ana, QStringLiteral("Sigue llegando")));
}

void ServerMailTest::aMailArticleShowsItsAddressesOverSyncAndTicketsGetAndReplyAllGrowsTheCc()
{
    TestClient ana;
    QVERIFY(loginAs(ana, QStringLiteral("ana")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Núria Peña <nuria@ferreteria.example>"),
            QStringLiteral("El portátil no arranca"), QStringLiteral("cc1@ferreteria.example"),
            QStringLiteral("Pantalla negra."), QString(),
            QStringLiteral("Jefa <jefa@ferreteria.example>"))));
    // The console hears of the article with its mail object.
    const QJsonObject pushed = waitForArticle(ana, [](const QJsonObject &a) {
        return mailOf(a).value(QStringLiteral("threadedBy")).toString() == QLatin1String("new");
    });
    QVERIFY2(!pushed.isEmpty(), qPrintable(m_server->readLog()));
    const QJsonObject m = mailOf(pushed);
    QCOMPARE(m.value(QStringLiteral("direction")).toString(), QStringLiteral("in"));
    QCOMPARE(m.value(QStringLiteral("from")).toString(),
        QStringLiteral("Núria Peña <nuria@ferreteria.example>"));
    QCOMPARE(m.value(QStringLiteral("to")).toArray(), QJsonArray { kDesk });
    QCOMPARE(m.value(QStringLiteral("cc")).toArray(),
        QJsonArray { QStringLiteral("jefa@ferreteria.example") });
    QCOMPARE(
        m.value(QStringLiteral("subject")).toString(), QStringLiteral("El portátil no arranca"));
    const qint64 id = pushed.value(QStringLiteral("ticketId")).toInteger();
    const auto got
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    QVERIFY(got.ok);
    QCOMPARE(
        mailOf(got.object().value(QStringLiteral("articles")).toArray().first().toObject()), m);
    QCOMPARE(got.object().value(QStringLiteral("ticket")).toObject().value(QStringLiteral("cc")),
        QJsonValue(QJsonArray { QStringLiteral("jefa@ferreteria.example") }));

    // Her boss answers to all, CC'ing IT: the ticket's CC list grows, and the consoles see it.
    ana.clearNotifications();
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Jefa <jefa@ferreteria.example>"),
            QStringLiteral("Re: El portátil no arranca"), QStringLiteral("cc2@ferreteria.example"),
            QStringLiteral("Es urgente.\n\n> Pantalla negra."),
            QStringLiteral("<cc1@ferreteria.example>"),
            QStringLiteral("nuria@ferreteria.example, it@ferreteria.example"))));
    const QJsonObject answer = waitForArticle(ana, [](const QJsonObject &a) {
        return mailOf(a).value(QStringLiteral("threadedBy")).toString()
            == QLatin1String("in-reply-to");
    });
    QVERIFY(!answer.isEmpty());
    QCOMPARE(answer.value(QStringLiteral("ticketId")).toInteger(), id);
    QVERIFY(mailOf(answer).value(QStringLiteral("hasQuoted")).toBool());
    const QJsonArray cc { QStringLiteral("jefa@ferreteria.example"),
        QStringLiteral("it@ferreteria.example") };
    QVERIFY(ana.waitForNotification([&](const Notification &n) {
        for (const QJsonValue &v : n.params.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject data = v.toObject().value(QStringLiteral("data")).toObject();
            if (v.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("ticket")
                && data.value(QStringLiteral("cc")).toArray() == cc)
                return true;
        }
        return false;
    }));
    // What the timeline folded is one call away.
    const auto message = ana.call(QStringLiteral("mail.message"),
        { { QStringLiteral("articleId"), answer.value(QStringLiteral("id")) } });
    QVERIFY2(message.ok, qPrintable(message.error.message));
    QVERIFY(message.object()
                .value(QStringLiteral("quoted"))
                .toString()
                .contains(QStringLiteral("Pantalla negra")));
    QCOMPARE(message.object().value(QStringLiteral("messageId")).toString(),
        QStringLiteral("cc2@ferreteria.example"));
    QVERIFY(message.object().value(QStringLiteral("rawSize")).toInteger() > 0);
}

void ServerMailTest::aReplyGoesQueuedThenSentOnEveryConsoleAndToTheCcAnAgentAdded()
{
    TestClient ana, lola;
    QVERIFY(loginAs(ana, QStringLiteral("ana")) && loginAs(lola, QStringLiteral("lola")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Núria Peña <nuria@ferreteria.example>"), QStringLiteral("Sin correo"),
            QStringLiteral("q1@ferreteria.example"), QStringLiteral("No me llega el correo."))));
    const qint64 id = waitForTicket(ana, QStringLiteral("Sin correo"));
    QVERIFY(id);
    QVERIFY(m_smtp->waitForMessages(1)); // the acknowledgement
    // Ana adds IT to the ticket's mail.
    const auto ticket
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    const auto updated = ana.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) },
            { QStringLiteral("baseVersion"),
                ticket.object()
                    .value(QStringLiteral("ticket"))
                    .toObject()
                    .value(QStringLiteral("version")) },
            { QStringLiteral("opId"), opId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("cc"),
                    QJsonArray { QStringLiteral("IT@ferreteria.example") } } } } });
    QVERIFY2(updated.ok, qPrintable(updated.error.message));
    QCOMPARE(
        updated.object().value(QStringLiteral("ticket")).toObject().value(QStringLiteral("cc")),
        QJsonValue(QJsonArray { QStringLiteral("it@ferreteria.example") }));
    lola.clearNotifications();
    const auto r = ana.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(id) },
            { QStringLiteral("kind"), QStringLiteral("reply") },
            { QStringLiteral("body"), QStringLiteral("Revise la carpeta de spam.") },
            { QStringLiteral("opId"), opId() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject article = r.object().value(QStringLiteral("article")).toObject();
    const qint64 articleId = article.value(QStringLiteral("id")).toInteger();
    QCOMPARE(stateOf(article), QStringLiteral("queued"));
    QCOMPARE(mailOf(article).value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    QCOMPARE(mailOf(article).value(QStringLiteral("from")).toString(),
        QStringLiteral("Soporte <%1>").arg(kDesk));
    QCOMPARE(mailOf(article).value(QStringLiteral("cc")).toArray(),
        QJsonArray { QStringLiteral("it@ferreteria.example") });
    // Another console sees it go out.
    const QJsonObject sent = waitForArticle(lola, [&](const QJsonObject &a) {
        return a.value(QStringLiteral("id")).toInteger() == articleId
            && stateOf(a) == QLatin1String("sent");
    });
    QVERIFY2(!sent.isEmpty(), qPrintable(m_server->readLog()));
    QCOMPARE(mailOf(sent).value(QStringLiteral("attempts")).toInt(), 1);
    QVERIFY(!mailOf(sent).value(QStringLiteral("sentAt")).isNull());
    QVERIFY(m_smtp->waitForMessages(2));
    const QByteArray out = m_smtp->messages().at(1);
    QVERIFY(
        header(out, QStringLiteral("X-RcptTo")).contains(QStringLiteral("it@ferreteria.example")));
    QVERIFY(header(out, QStringLiteral("X-RcptTo"))
                .contains(QStringLiteral("nuria@ferreteria.example")));
    QCOMPARE(mailOf(sent).value(QStringLiteral("subject")).toString(),
        header(out, QStringLiteral("Subject")));
    // A console that pulls later (from before the reply) gets the article as it stands now.
    TestClient later;
    QVERIFY(loginAs(later, QStringLiteral("lola")));
    const auto pulled = later.call(QStringLiteral("sync.pull"),
        { { QStringLiteral("since"), 0 }, { QStringLiteral("limit"), 1000 } });
    QVERIFY(pulled.ok);
    bool found = false;
    for (const QJsonValue &v : pulled.object().value(QStringLiteral("changes")).toArray()) {
        const QJsonObject c = v.toObject();
        found |= c.value(QStringLiteral("entity")).toString() == QLatin1String("article")
            && c.value(QStringLiteral("id")).toInteger() == articleId
            && stateOf(c.value(QStringLiteral("data")).toObject()) == QLatin1String("sent");
    }
    QVERIFY(found);
}

void ServerMailTest::aRefusedReplyShowsFailedAndARetrySendsItOnce()
{
    // The SMTP server refuses us (it wants a login the desk does not give): a permanent error.
    m_smtp->stop();
    m_smtp->requireAuth(QStringLiteral("someone"), QStringLiteral("secret"));
    QString error;
    QVERIFY2(m_smtp->start(&error), qPrintable(error));
    TestClient ana;
    QVERIFY(loginAs(ana, QStringLiteral("ana")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Núria Peña <nuria@ferreteria.example>"), QStringLiteral("Reintento"),
            QStringLiteral("f1@ferreteria.example"), QStringLiteral("Hola."))));
    const qint64 id = waitForTicket(ana, QStringLiteral("Reintento"));
    QVERIFY(id);
    const auto r = ana.call(QStringLiteral("tickets.addArticle"),
        { { QStringLiteral("ticketId"), double(id) },
            { QStringLiteral("kind"), QStringLiteral("reply") },
            { QStringLiteral("body"), QStringLiteral("Pruebe ahora.") },
            { QStringLiteral("opId"), opId() } });
    QVERIFY(r.ok);
    const qint64 articleId = r.object()
                                 .value(QStringLiteral("article"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
    const QJsonObject failed = waitForArticle(ana, [&](const QJsonObject &a) {
        return a.value(QStringLiteral("id")).toInteger() == articleId
            && stateOf(a) == QLatin1String("failed");
    });
    QVERIFY2(!failed.isEmpty(), qPrintable(m_server->readLog()));
    QCOMPARE(mailOf(failed).value(QStringLiteral("attempts")).toInt(), 1);
    QVERIFY(!mailOf(failed).value(QStringLiteral("error")).toString().isEmpty());
    QVERIFY(m_smtp->messages().isEmpty());

    // The server lets us in again; the agent retries, once (the same opId twice).
    m_smtp->stop();
    m_smtp->requireAuth(QString(), QString());
    QVERIFY2(m_smtp->start(&error), qPrintable(error));
    const QString op = opId();
    const QJsonObject params { { QStringLiteral("articleId"), double(articleId) },
        { QStringLiteral("opId"), op } };
    const auto retried = ana.call(QStringLiteral("mail.retry"), params);
    QVERIFY2(retried.ok, qPrintable(retried.error.message));
    QCOMPARE(stateOf(retried.object().value(QStringLiteral("article")).toObject()),
        QStringLiteral("queued"));
    const auto replayed = ana.call(QStringLiteral("mail.retry"), params);
    QVERIFY(replayed.ok);
    QCOMPARE(replayed.object(), retried.object());
    const QJsonObject sent = waitForArticle(ana, [&](const QJsonObject &a) {
        return a.value(QStringLiteral("id")).toInteger() == articleId
            && stateOf(a) == QLatin1String("sent");
    });
    QVERIFY2(!sent.isEmpty(), qPrintable(m_server->readLog()));
    QVERIFY(m_smtp->waitForMessages(1));
    QTest::qWait(1500); // a second send would come within the sender's next look
    QCOMPARE(m_smtp->messages().size(), 1); // the reply once; the acknowledgement stays failed
    QVERIFY(header(m_smtp->messages().first(), QStringLiteral("Message-ID"))
                .startsWith(QStringLiteral("<atd.")));
    // Sent now: nothing left to retry.
    const auto again = ana.call(QStringLiteral("mail.retry"),
        { { QStringLiteral("articleId"), double(articleId) }, { QStringLiteral("opId"), opId() } });
    QVERIFY(!again.ok);
    QCOMPARE(again.error.code, Core::Protocol::ErrorCode::ValidationFailed);
}

void ServerMailTest::aWronglyThreadedMailMovesToANewTicketAndItsThreadFollows()
{
    TestClient ana;
    QVERIFY(loginAs(ana, QStringLiteral("ana")));
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Núria Peña <nuria@ferreteria.example>"), QStringLiteral("Wifi lenta"),
            QStringLiteral("w1@ferreteria.example"), QStringLiteral("La wifi va lenta."))));
    const qint64 first = waitForTicket(ana, QStringLiteral("Wifi lenta"));
    QVERIFY(first);
    // Tom answers in her thread about something else: it lands on her ticket.
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Tom Baker <tom@ferreteria.example>"),
            QStringLiteral("Re: Wifi lenta (mi teclado no va)"),
            QStringLiteral("w2@ferreteria.example"), QStringLiteral("Mi teclado no escribe."),
            QStringLiteral("<w1@ferreteria.example>"))));
    const QJsonObject wrong = waitForArticle(ana, [](const QJsonObject &a) {
        return a.value(QStringLiteral("body")).toString().contains(QStringLiteral("teclado"))
            && a.contains(QStringLiteral("mail"));
    });
    QVERIFY(!wrong.isEmpty());
    QCOMPARE(wrong.value(QStringLiteral("ticketId")).toInteger(), first);
    const qint64 articleId = wrong.value(QStringLiteral("id")).toInteger();

    ana.clearNotifications();
    const auto moved = ana.call(QStringLiteral("articles.move"),
        { { QStringLiteral("articleId"), double(articleId) }, { QStringLiteral("opId"), opId() } });
    QVERIFY2(moved.ok, qPrintable(moved.error.message));
    const QJsonObject to = moved.object().value(QStringLiteral("to")).toObject();
    const qint64 made = to.value(QStringLiteral("id")).toInteger();
    QVERIFY(made && made != first);
    QCOMPARE(to.value(QStringLiteral("customerId")).toInteger(), m_desk.otherCustomer);
    QCOMPARE(to.value(QStringLiteral("channel")).toString(), QStringLiteral("email"));
    QCOMPARE(moved.object()
                 .value(QStringLiteral("article"))
                 .toObject()
                 .value(QStringLiteral("ticketId"))
                 .toInteger(),
        made);
    QCOMPARE(mailOf(moved.object().value(QStringLiteral("article")).toObject())
                 .value(QStringLiteral("threadedBy"))
                 .toString(),
        QStringLiteral("moved"));
    // The consoles get the article on its new ticket.
    QVERIFY(!waitForArticle(ana, [&](const QJsonObject &a) {
        return a.value(QStringLiteral("id")).toInteger() == articleId
            && a.value(QStringLiteral("ticketId")).toInteger() == made;
    }).isEmpty());
    // Tom's next answer in that thread lands on the new ticket.
    QVERIFY(m_dovecot->deliver(kDesk,
        mail(QStringLiteral("Tom Baker <tom@ferreteria.example>"), QStringLiteral("Re: teclado"),
            QStringLiteral("w3@ferreteria.example"), QStringLiteral("Sigue sin escribir."),
            QStringLiteral("<w2@ferreteria.example>"))));
    QTRY_VERIFY_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE "
                                                  "message_id = 'w3@ferreteria.example'"))
            == 1,
        10000);
    QCOMPARE(count(QStringLiteral("SELECT ticket_id FROM mail_messages WHERE message_id = "
                                  "'w3@ferreteria.example'")),
        int(made));
    // The ticket's description does not move.
    const auto got
        = ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(first) } });
    const qint64 description = got.object()
                                   .value(QStringLiteral("articles"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("id"))
                                   .toInteger();
    const auto refused = ana.call(QStringLiteral("articles.move"),
        { { QStringLiteral("articleId"), double(description) },
            { QStringLiteral("toTicketId"), double(made) }, { QStringLiteral("opId"), opId() } });
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, Core::Protocol::ErrorCode::ValidationFailed);
}

QTEST_GUILESS_MAIN(ServerMailTest)
#include "tst_server_mail.moc"
