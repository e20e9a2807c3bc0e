// The e-mail channel end to end, with real servers on loopback: Dovecot (IMAP with IDLE) holds
// the desk's mailbox, an SMTP server (aiosmtpd) takes what the desk sends, and a real atiended
// reads, threads, answers and survives kill -9. What is asserted is what a user and an agent
// see: the ticket in the console, the mail in the customer's inbox, the answer on the same
// ticket, nothing lost and nothing twice.

#include "deskfixture.h"
#include "mailservers.h"
#include "serverprocess.h"
#include "testclient.h"

#include "server/store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;

namespace {

const QString kDesk = QStringLiteral("soporte@desk.test");
const QString kPassword = QStringLiteral("mailbox-secret");

QByteArray mail(const QString &from, const QString &subject, const QString &messageId,
    const QString &body, const QString &inReplyTo = QString())
{
    QString text = QStringLiteral("From: %1\r\nTo: Soporte <%2>\r\nSubject: %3\r\n"
                                  "Date: Mon, 07 Dec 2026 09:30:00 +0100\r\nMessage-ID: <%4>\r\n")
                       .arg(from, kDesk, subject, messageId);
    if (!inReplyTo.isEmpty())
        text += QStringLiteral("In-Reply-To: %1\r\nReferences: %1\r\n").arg(inReplyTo);
    text += QStringLiteral("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                           "Content-Transfer-Encoding: 8bit\r\n\r\n")
        + body + QStringLiteral("\r\n");
    return text.toUtf8();
}

QString header(const QByteArray &raw, const QString &name)
{
    const QRegularExpression re(QStringLiteral("^%1:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)$")
                                    .arg(QRegularExpression::escape(name)),
        QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(QString::fromUtf8(raw));
    return m.hasMatch() ? m.captured(1).simplified() : QString();
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

private:
    bool startServer();
    int count(const QString &sql);
    qint64 waitForTicket(TestClient &c, const QString &subject, int timeoutMs = 10000);

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
    const QJsonObject account {
        { QStringLiteral("name"), QStringLiteral("soporte") },
        { QStringLiteral("address"), kDesk },
        { QStringLiteral("displayName"), QStringLiteral("Soporte") },
        { QStringLiteral("group"), QStringLiteral("Service Desk") },
        { QStringLiteral("imap"),
            QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                { QStringLiteral("port"), m_dovecot->port() },
                { QStringLiteral("security"), QStringLiteral("none") },
                { QStringLiteral("user"), kDesk }, { QStringLiteral("password"), kPassword },
                { QStringLiteral("batchSize"), 50 } } },
        { QStringLiteral("smtp"),
            QJsonObject { { QStringLiteral("host"), QStringLiteral("127.0.0.1") },
                { QStringLiteral("port"), m_smtp->port() },
                { QStringLiteral("security"), QStringLiteral("none") } } },
    };
    const QString file = QDir(m_server->dataDir()).filePath(QStringLiteral("soporte.json"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(account).toJson());
    f.close();
    QString output;
    QCOMPARE(
        m_server->runCommand({ QStringLiteral("mail"), QStringLiteral("--file"), file }, &output),
        0);
    QVERIFY2(output.contains(QStringLiteral("added soporte")), qPrintable(output));
    QVERIFY(QFile::remove(file));
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
    qint64 id = 0;
    c.waitForNotification(
        [&](const Notification &n) {
            if (n.method != QLatin1String("sync.changed"))
                return false;
            for (const QJsonValue &v : n.params.value(QStringLiteral("changes")).toArray()) {
                const QJsonObject data = v.toObject().value(QStringLiteral("data")).toObject();
                if (v.toObject().value(QStringLiteral("entity")).toString()
                        == QLatin1String("ticket")
                    && data.value(QStringLiteral("subject")).toString() == subject) {
                    id = data.value(QStringLiteral("id")).toInteger();
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return id;
}

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

QTEST_GUILESS_MAIN(ServerMailTest)
#include "tst_server_mail.moc"
