// The e-mail channel in the console, as an agent works it, against real servers on loopback:
// Dovecot holds the desk's mailbox, an SMTP sink (aiosmtpd) is the customers' mail, and a real
// atiended reads and sends. The agent sees who wrote and who else got the mail and how it
// found the ticket, adds someone to CC with the mouse and the reply reaches them, sees a send
// that failed and retries it, opens the quoted text, and moves a mail that landed on the wrong
// ticket to a new one (later replies follow it). At 1280x720 and 1920x1080.
// ATIENDE_WRITE_SCREENSHOTS renders docs/screenshots/mail-conversation-{en,es}.png.

#include "ui/common/translations.h"
#include "ui/mainwindow/mailboxesdialog.h"
#include "ui/ticket/maildialogs.h"
#include "ui/ticket/replyeditor.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/timelineview.h"

#include "deskfixture.h"
#include "maildesk.h"
#include "mailservers.h"
#include "serverprocess.h"
#include "testclient.h"
#include "textlinks.h"
#include "workspace/workspace.h"

#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;
using Ui::TicketPanel;

namespace {
const QString kDesk = QStringLiteral("soporte@desk.test");
const QString kPassword = QStringLiteral("mailbox-secret");
const QString kNuria = QStringLiteral("Núria Peña <nuria@ferreteria.example>");

// Types as a keyboard does, accented letters and line breaks included (QTest::keyClicks
// knows ASCII only).
void typeText(QWidget *w, const QString &text)
{
    for (const QChar c : text) {
        if (c == QLatin1Char('\n')) {
            QTest::keyClick(w, Qt::Key_Return);
        } else if (c.unicode() < 0x80) {
            QTest::keyClick(w, c.toLatin1());
        } else {
            QTest::sendKeyEvent(QTest::Press, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, w, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }
}
} // namespace

class MailConsoleTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void theAgentSeesWhoWroteAndACcTheyAddGetsTheReply_data();
    void theAgentSeesWhoWroteAndACcTheyAddGetsTheReply();
    void aSendThatFailedIsShownAndRetriedFromTheConversation();
    void quotedTextOpensOnDemand();
    void aMailOnTheWrongTicketMovesToANewOneAndItsRepliesFollow();
    void anAdminSeesAFailingMailboxAndStopsReadingIt();
    void screenshots();

private:
    qint64 deliverAndOpen(const TestMail &mail);
    qint64 waitForTicket(const QString &subject, int timeoutMs = 15000);
    QJsonObject serverTicket(qint64 id, QJsonArray *articles = nullptr);
    bool send(const QString &text);
    QString timelineText() const { return m_panel->timeline()->toPlainText(); }
    template <typename T> T *waitForDialog()
    {
        T *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] { return (dialog = m_panel->findChild<T *>()) && dialog->isVisible(); }, 5000);
        return shown ? dialog : nullptr;
    }

    QTemporaryDir m_dirs;
    std::unique_ptr<DovecotServer> m_dovecot;
    std::unique_ptr<SmtpSink> m_smtp;
    std::unique_ptr<ServerProcess> m_server;
    Desk m_desk;
    std::unique_ptr<TestClient> m_lola;
    std::unique_ptr<Workspace> m_ana;
    std::unique_ptr<TicketPanel> m_panel;
    int m_workspaces = 0;
};

void MailConsoleTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void MailConsoleTest::init()
{
    QString error;
    m_dovecot = std::make_unique<DovecotServer>();
    m_dovecot->addUser(kDesk, kPassword);
    QVERIFY2(m_dovecot->start(&error), qPrintable(error));
    m_smtp = std::make_unique<SmtpSink>();
    QVERIFY2(m_smtp->start(&error), qPrintable(error));
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(seedDesk(m_server->dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY2(addDeskMailbox(*m_server, *m_dovecot, *m_smtp, kDesk, kPassword,
                 QStringLiteral("Service Desk"), &error),
        qPrintable(error));
    // A send that fails is tried once more after 0.3 s, then shown as failed.
    QVERIFY2(m_server->start({ QStringLiteral("--mail-retries"), QStringLiteral("0.3") }),
        qPrintable(m_server->log()));
    m_lola = std::make_unique<TestClient>();
    QVERIFY(m_lola->open(m_server->url())
        && m_lola->login(QStringLiteral("lola"), QStringLiteral("pw-lola")));

    m_ana = std::make_unique<Workspace>();
    QVERIFY2(m_ana->open({ m_server->url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                             m_dirs.filePath(QStringLiteral("ana%1").arg(++m_workspaces)), false },
                 &error),
        qPrintable(error));
    QVERIFY(QTest::qWaitFor(
        [&] { return m_ana->state() == Client::SyncEngine::State::Online; }, 10000));
    m_panel = std::make_unique<TicketPanel>(m_ana.get());
    m_panel->resize(1280, 720);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void MailConsoleTest::cleanup()
{
    m_panel.reset();
    m_ana.reset();
    m_lola.reset();
    m_server.reset();
    m_smtp.reset();
    m_dovecot.reset();
}

qint64 MailConsoleTest::waitForTicket(const QString &subject, int timeoutMs)
{
    return m_lola->waitForTicket(subject, timeoutMs);
}

qint64 MailConsoleTest::deliverAndOpen(const TestMail &mail)
{
    if (!m_dovecot->deliver(kDesk, composeMail(mail)))
        return 0;
    const qint64 id = waitForTicket(mail.subject);
    if (!id || !QTest::qWaitFor([&] { return m_ana->ticket(id).has_value(); }, 10000))
        return 0;
    m_panel->showTicket(id);
    return id;
}

QJsonObject MailConsoleTest::serverTicket(qint64 id, QJsonArray *articles)
{
    const auto r
        = m_lola->call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    if (articles)
        *articles = r.object().value(QStringLiteral("articles")).toArray();
    return r.object().value(QStringLiteral("ticket")).toObject();
}

bool MailConsoleTest::send(const QString &text)
{
    Ui::ReplyEditor *editor = m_panel->editor();
    QTest::mouseClick(editor->editor()->viewport(), Qt::LeftButton);
    typeText(editor->editor(), text);
    if (!editor->sendButton()->isEnabled())
        return false;
    QTest::mouseClick(editor->sendButton(), Qt::LeftButton);
    return QTest::qWaitFor([&] { return m_ana->outboxSize() == 0; }, 10000);
}

void MailConsoleTest::theAgentSeesWhoWroteAndACcTheyAddGetsTheReply_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void MailConsoleTest::theAgentSeesWhoWroteAndACcTheyAddGetsTheReply()
{
    QFETCH(QSize, size);
    m_panel->resize(size);
    const qint64 id = deliverAndOpen({ kNuria, kDesk, { QStringLiteral("jefe@ferreteria.example") },
        QStringLiteral("La VPN no conecta desde casa"), QStringLiteral("vpn-1@ferreteria.example"),
        QStringLiteral("Desde esta mañana el cliente VPN dice «tiempo agotado»."), QString() });
    QVERIFY2(id, qPrintable(m_server->readLog()));
    QVERIFY(m_smtp->waitForMessages(1)); // the acknowledgement

    // Who wrote, who else got it, and how it found this ticket, on the mail itself.
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("tiempo agotado")), 5000);
    const QString shown = timelineText();
    QVERIFY2(shown.contains(QStringLiteral("From: Núria Peña <nuria@ferreteria.example>")),
        qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("CC: jefe@ferreteria.example")));
    QVERIFY(shown.contains(QStringLiteral("By e-mail · a new conversation")));
    // The reply editor says where a reply goes.
    QLabel *audience = m_panel->editor()->findChild<QLabel *>(QStringLiteral("audience"));
    QCOMPARE(audience->text(),
        QStringLiteral(
            "Goes out by e-mail to nuria@ferreteria.example, CC jefe@ferreteria.example"));

    // The agent adds the IT manager to CC with the mouse.
    QToolButton *cc = m_panel->editor()->ccButton();
    QVERIFY(cc->isVisible());
    QTest::mouseClick(cc, Qt::LeftButton);
    auto *dialog = waitForDialog<Ui::CcDialog>();
    QVERIFY(dialog);
    QCOMPARE(dialog->editor()->toPlainText(), QStringLiteral("jefe@ferreteria.example"));
    QTest::mouseClick(dialog->editor()->viewport(), Qt::LeftButton);
    QTest::keyClick(dialog->editor(), Qt::Key_End, Qt::ControlModifier);
    QTest::keyClick(dialog->editor(), Qt::Key_Return);
    QTest::keyClicks(dialog->editor(), QStringLiteral("not an address"));
    QPushButton *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!save->isEnabled()); // refused with the reason, before anything is sent
    QVERIFY(dialog->problem().contains(QStringLiteral("“not” is not an e-mail address")));
    for (int i = 0; i < QStringLiteral("not an address").size(); ++i)
        QTest::keyClick(dialog->editor(), Qt::Key_Backspace);
    QTest::keyClicks(dialog->editor(), QStringLiteral("IT@Ferreteria.example"));
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(audience->text().contains(QStringLiteral("it@ferreteria.example")));
    QTRY_COMPARE_WITH_TIMEOUT(serverTicket(id).value(QStringLiteral("cc")).toArray(),
        (QJsonArray {
            QStringLiteral("jefe@ferreteria.example"), QStringLiteral("it@ferreteria.example") }),
        10000);

    // The reply reaches the customer and both CC'd people, as one mail.
    QVERIFY(send(QStringLiteral("Reinicie el router y pruebe de nuevo.")));
    QVERIFY(m_smtp->waitForMessages(2));
    const QByteArray reply = m_smtp->messages().at(1);
    QVERIFY(QString::fromUtf8(reply).contains(QStringLiteral("Reinicie el router")));
    const QString to = mailHeader(reply, QStringLiteral("X-RcptTo"));
    for (const char *who :
        { "nuria@ferreteria.example", "jefe@ferreteria.example", "it@ferreteria.example" })
        QVERIFY2(to.contains(QLatin1String(who)), qPrintable(to));
    QVERIFY(
        mailHeader(reply, QStringLiteral("Cc")).contains(QStringLiteral("it@ferreteria.example")));
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("Sent by e-mail")), 10000);
}

void MailConsoleTest::aSendThatFailedIsShownAndRetriedFromTheConversation()
{
    const qint64 id = deliverAndOpen({ kNuria, kDesk, {}, QStringLiteral("No imprime"),
        QStringLiteral("print-1@ferreteria.example"), QStringLiteral("La impresora no imprime."),
        QString() });
    QVERIFY2(id, qPrintable(m_server->readLog()));
    QVERIFY(m_smtp->waitForMessages(1));
    m_smtp->stop(); // the customers' mail server is down
    QVERIFY(send(QStringLiteral("¿Tiene papel la bandeja 2?")));
    QTRY_VERIFY_WITH_TIMEOUT(
        timelineText().contains(QStringLiteral("The e-mail could not be sent")), 15000);
    QVERIFY(timelineText().contains(QStringLiteral("Retry")));

    QString error;
    QVERIFY2(m_smtp->start(&error), qPrintable(error));
    // The reply itself carries the Retry (an event about the failure follows it).
    qint64 reply = 0;
    for (const Core::Article &a : m_ana->conversation(id)) {
        if (a.mail && !a.mail->isIncoming())
            reply = a.id;
    }
    QVERIFY(reply);
    QVERIFY(clickLink(m_panel->timeline(), QStringLiteral("atiende://mail/retry/%1").arg(reply)));
    // The acknowledgement, then the reply: once.
    QVERIFY(m_smtp->waitForMessages(2, 15000));
    const auto copies = [&] {
        int n = 0;
        for (const QByteArray &m : m_smtp->messages())
            n += QString::fromUtf8(m).contains(QStringLiteral("bandeja 2")) ? 1 : 0;
        return n;
    };
    QCOMPARE(copies(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("Sent by e-mail")), 10000);
    QVERIFY(!timelineText().contains(QStringLiteral("Retry")));
}

void MailConsoleTest::quotedTextOpensOnDemand()
{
    const qint64 id = deliverAndOpen({ kNuria, kDesk, {}, QStringLiteral("Sin correo en el móvil"),
        QStringLiteral("phone-1@ferreteria.example"),
        QStringLiteral("El correo no llega al móvil."), QString() });
    QVERIFY2(id, qPrintable(m_server->readLog()));
    QVERIFY(m_dovecot->deliver(kDesk,
        composeMail({ kNuria, kDesk, {}, QStringLiteral("Re: Sin correo en el móvil"),
            QStringLiteral("phone-2@ferreteria.example"),
            QStringLiteral("Ya llega, gracias.\n\nEl lun, 7 dic 2026, Núria Peña escribió:\n"
                           "> El correo no llega al móvil.\n> Lo he reiniciado dos veces."),
            QStringLiteral("<phone-1@ferreteria.example>") })));
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("Ya llega, gracias.")), 15000);
    QVERIFY(!timelineText().contains(QStringLiteral("Lo he reiniciado dos veces")));
    QVERIFY(timelineText().contains(QStringLiteral("threaded by In-Reply-To")));
    const qint64 answer = m_ana->conversation(id).constLast().id;
    QVERIFY(clickLink(m_panel->timeline(), QStringLiteral("atiende://mail/quoted/%1").arg(answer)));
    QTRY_VERIFY_WITH_TIMEOUT(
        timelineText().contains(QStringLiteral("Lo he reiniciado dos veces")), 10000);
    QVERIFY(clickLink(m_panel->timeline(), QStringLiteral("atiende://mail/quoted/%1").arg(answer)));
    QVERIFY(!timelineText().contains(QStringLiteral("Lo he reiniciado dos veces")));
}

void MailConsoleTest::aMailOnTheWrongTicketMovesToANewOneAndItsRepliesFollow()
{
    const QString subject = QStringLiteral("Alta de usuario para Marta");
    const qint64 id
        = deliverAndOpen({ kNuria, kDesk, {}, subject, QStringLiteral("alta-1@ferreteria.example"),
            QStringLiteral("Marta empieza el lunes."), QString() });
    QVERIFY2(id, qPrintable(m_server->readLog()));
    const QString number = serverTicket(id).value(QStringLiteral("number")).toString();
    // Núria answers the acknowledgement about something else entirely.
    QVERIFY(m_dovecot->deliver(kDesk,
        composeMail({ kNuria, kDesk, {},
            QStringLiteral("[%1] Otra cosa: la impresora del almacén").arg(number),
            QStringLiteral("otra-1@ferreteria.example"),
            QStringLiteral("La impresora del almacén atasca el papel."), QString() })));
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("atasca el papel")), 15000);
    QVERIFY(
        timelineText().contains(QStringLiteral("threaded by the ticket number in the subject")));
    const qint64 stray = m_ana->conversation(id).constLast().id;

    QVERIFY(clickLink(m_panel->timeline(), QStringLiteral("atiende://article/move/%1").arg(stray)));
    auto *dialog = waitForDialog<Ui::MoveArticleDialog>();
    QVERIFY(dialog);
    QPushButton *move = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::keyClicks(dialog->numberEdit(), number); // the ticket it is on: refused
    QVERIFY(!move->isEnabled());
    QTest::mouseClick(dialog->newTicketButton(), Qt::LeftButton);
    QVERIFY(move->isEnabled());
    QTest::mouseClick(move, Qt::LeftButton);

    // It leaves this ticket's conversation, and a ticket of its own holds it.
    QTRY_VERIFY_WITH_TIMEOUT(!timelineText().contains(QStringLiteral("atasca el papel")), 10000);
    QJsonArray articles;
    serverTicket(id, &articles);
    for (const QJsonValue &a : std::as_const(articles))
        QVERIFY(!a.toObject()
                     .value(QStringLiteral("body"))
                     .toString()
                     .contains(QStringLiteral("atasca")));
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->editor()->notice().contains(QStringLiteral("is on")), 5000);
    const QString newNumber = QRegularExpression(QStringLiteral("(INC|REQ)-\\d+"))
                                  .match(m_panel->editor()->notice())
                                  .captured();
    QTRY_VERIFY_WITH_TIMEOUT(m_ana->ticketIdByNumber(newNumber) != 0, 10000);
    const qint64 moved = m_ana->ticketIdByNumber(newNumber);
    QVERIFY2(moved && moved != id, qPrintable(m_panel->editor()->notice()));
    QTRY_VERIFY_WITH_TIMEOUT(m_ana->conversation(moved).size() >= 1, 10000);

    // Her next answer in that thread lands on the new ticket, not the old one.
    QVERIFY(m_dovecot->deliver(kDesk,
        composeMail({ kNuria, kDesk, {}, QStringLiteral("Re: la impresora"),
            QStringLiteral("otra-2@ferreteria.example"),
            QStringLiteral("Sigue atascando, ahora en la bandeja 1."),
            QStringLiteral("<otra-1@ferreteria.example>") })));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const Core::Article &a : m_ana->conversation(moved)) {
                if (a.body.contains(QStringLiteral("bandeja 1")))
                    return true;
            }
            return false;
        }(),
        15000);
    serverTicket(id, &articles);
    for (const QJsonValue &a : std::as_const(articles))
        QVERIFY(!a.toObject()
                     .value(QStringLiteral("body"))
                     .toString()
                     .contains(QStringLiteral("bandeja 1")));
}

void MailConsoleTest::anAdminSeesAFailingMailboxAndStopsReadingIt()
{
    // An agent is told the mailboxes are not theirs to see.
    {
        Ui::MailboxesDialog refused(m_ana.get());
        QTRY_VERIFY_WITH_TIMEOUT(!refused.message().isEmpty(), 10000);
        QCOMPARE(refused.table()->rowCount(), 0);
    }
    Workspace admin;
    QString error;
    QVERIFY2(admin.open({ m_server->url(), QStringLiteral("admin"), QStringLiteral("pw-admin"),
                            m_dirs.filePath(QStringLiteral("admin%1").arg(++m_workspaces)), false },
                 &error),
        qPrintable(error));
    QVERIFY(
        QTest::qWaitFor([&] { return admin.state() == Client::SyncEngine::State::Online; }, 10000));
    Ui::MailboxesDialog dialog(&admin);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTableWidget *table = dialog.table();
    const auto cell = [&](int column) {
        return table->rowCount() == 1 ? table->item(0, column)->text() : QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(cell(4).startsWith(QStringLiteral("Waiting for mail")), 15000);
    QCOMPARE(cell(0), QStringLiteral("soporte"));
    QCOMPARE(cell(1), QStringLiteral("Soporte <soporte@desk.test>"));
    QCOMPARE(cell(2), QStringLiteral("Service Desk"));

    // The mail server goes away: the admin sees it failing, and why.
    m_dovecot->stop();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            dialog.refresh();
            return cell(4).startsWith(QStringLiteral("Failing"));
        }(),
        30000);
    QVERIFY2(!cell(5).isEmpty(), qPrintable(cell(5)));
    QVERIFY(dialog.message().contains(QStringLiteral("One mailbox is failing")));

    // Stopped from here, with the mouse.
    const QRect row = table->visualRect(table->model()->index(0, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(dialog.toggleButton()->text(), QStringLiteral("Stop reading"));
    QTest::mouseClick(dialog.toggleButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(cell(3), QStringLiteral("No"), 10000);
    QCOMPARE(cell(4), QStringLiteral("Not read"));
    QCOMPARE(dialog.toggleButton()->text(), QStringLiteral("Start reading"));
}

void MailConsoleTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render a "
              "conversation by e-mail");
    QVERIFY(QDir().mkpath(dir));
    m_panel->resize(1280, 800);
    const qint64 id = deliverAndOpen({ kNuria, kDesk, { QStringLiteral("jefe@ferreteria.example") },
        QStringLiteral("La VPN no conecta desde casa"), QStringLiteral("vpn-1@ferreteria.example"),
        QStringLiteral("Hola:\n\nDesde esta mañana el cliente VPN dice «tiempo agotado» al "
                       "conectar desde casa. En la oficina funciona.\n\nGracias,\nNúria"),
        QString() });
    QVERIFY(id);
    QVERIFY(m_smtp->waitForMessages(1));
    QVERIFY(send(QStringLiteral("Hola, Núria:\n\nReinicie el router de casa y pruebe de nuevo; "
                                "si sigue igual, díganos qué versión del cliente tiene.")));
    QVERIFY(m_smtp->waitForMessages(2));
    const QString ours = mailHeader(m_smtp->messages().at(1), QStringLiteral("Message-ID"));
    QVERIFY(m_dovecot->deliver(kDesk,
        composeMail({ kNuria, kDesk, { QStringLiteral("jefe@ferreteria.example") },
            QStringLiteral("Re: La VPN no conecta desde casa"),
            QStringLiteral("vpn-2@ferreteria.example"),
            QStringLiteral("Reiniciado y ya conecta. ¡Gracias!\n\nEl lun, 7 dic 2026, Soporte "
                           "escribió:\n> Reinicie el router de casa y pruebe de nuevo."),
            ours })));
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("ya conecta")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("Sent by e-mail")), 10000);
    const qint64 answer = m_ana->conversation(id).constLast().id;
    QVERIFY(clickLink(m_panel->timeline(), QStringLiteral("atiende://mail/quoted/%1").arg(answer)));
    QTRY_VERIFY_WITH_TIMEOUT(timelineText().contains(QStringLiteral("> Reinicie")), 10000);

    const auto shoot = [&](const QString &language) {
        // A panel made in this language (widgets word themselves when made).
        m_panel = std::make_unique<TicketPanel>(m_ana.get());
        m_panel->resize(1280, 800);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
        m_panel->showTicket(id);
        if (!m_panel->timeline()->isQuotedTextShown(answer))
            QVERIFY(clickLink(
                m_panel->timeline(), QStringLiteral("atiende://mail/quoted/%1").arg(answer)));
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->timeline()->isQuotedTextShown(answer), 10000);
        m_panel->timeline()->scrollToEnd();
        QCoreApplication::processEvents();
        const QString path
            = QDir(dir).filePath(QStringLiteral("mail-conversation-%1.png").arg(language));
        QVERIFY(m_panel->grab().save(path));
        qInfo() << "wrote" << path;
    };
    shoot(QStringLiteral("en"));
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshot shows English texts";
    QCoreApplication::processEvents();
    shoot(QStringLiteral("es"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(MailConsoleTest)
#include "tst_mailconsole.moc"
