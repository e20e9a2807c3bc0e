// Canned responses in the console against a real atiended, offscreen: the picker lists what
// the desk has (and says honestly when it has none), previews the text filled in for the open
// ticket; the manager, reached from the picker and the Ticket menu, creates, edits and deletes
// them for admins and leads (their groups only), asking before unsaved edits are lost, and a
// second console follows at once.
// With ATIENDE_WRITE_SCREENSHOTS=<docs/screenshots> it renders the manager from the demo desk
// (canned-manager-en.png, canned-manager-es.png).

#include "ui/common/translations.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/ticket/cannedmanager.h"
#include "ui/ticket/cannedpicker.h"
#include "ui/ticket/replyeditor.h"
#include "ui/ticket/ticketpanel.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;
using Ui::CannedManager;
using Ui::TicketPanel;

class CannedManagerTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void thePickerSaysHowToAddOneWhenTheDeskHasNone();
    void thePickerListsTheDesksResponsesAndPreviewsThemFilledIn();
    void anAdminCreatesEditsAndDeletesAndAnotherConsoleFollows();
    void aLeadManagesOnlyTheGroupsTheyLead();
    void anAgentMayNotManageThem();
    void theTicketMenuOpensTheManager();
    void screenshots();

private:
    std::unique_ptr<Workspace> open(
        const QString &login, const QString &password, ServerProcess &server);
    bool waitOnline(Workspace &w, int timeoutMs = 20000);
    qint64 createTicket(const QString &subject, qint64 customer, qint64 group);
    QString number(qint64 ticketId);
    void deleteEveryResponse();
    qint64 saveResponse(const QJsonObject &response);
    std::unique_ptr<TicketPanel> panelFor(Workspace *w, qint64 ticketId);
    static QStringList titles(const QList<Core::CannedResponse> &responses);
    static void clickItem(QListWidget *list, const QString &text);
    static void answerNextQuestion(QMessageBox::StandardButton button);

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    qint64 m_leo = 0; // leads Network only
    TestClient m_admin;
    std::unique_ptr<Workspace> m_adminWs, m_anaWs;
};

void CannedManagerTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    {
        auto store = Server::Store::open(
            m_server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
        QVERIFY2(store, qPrintable(error));
        const Server::OpResult r = store->transact([&] {
            Core::Agent a;
            a.login = QStringLiteral("leo");
            a.name = QStringLiteral("Leo Marín");
            a.email = QStringLiteral("leo@desk.example");
            a.role = Core::Role::Lead;
            a.groupIds = { m_desk.network };
            QString why;
            m_leo = Server::Setup(*store).addAgent(a, QStringLiteral("pw-leo"), &why);
            return m_leo ? Server::OpResult::success(QJsonValue())
                         : Server::OpResult::failure(Core::Protocol::ErrorCode::InternalError, why);
        });
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    QVERIFY(m_server.start());
    QVERIFY(m_admin.open(m_server.url())
        && m_admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
}

void CannedManagerTest::cleanup()
{
    m_anaWs.reset();
    m_adminWs.reset();
}

std::unique_ptr<Workspace> CannedManagerTest::open(
    const QString &login, const QString &password, ServerProcess &server)
{
    auto w = std::make_unique<Workspace>();
    QString error;
    const QString dir = m_dirs.filePath(login + QString::number(quintptr(&server)));
    if (!w->open({ server.url(), login, password, dir, false }, &error)) {
        qWarning() << error;
        return nullptr;
    }
    w->connection()->setBackoff(100, 1000);
    return w;
}

bool CannedManagerTest::waitOnline(Workspace &w, int timeoutMs)
{
    QDeadlineTimer d(timeoutMs);
    while (!d.hasExpired()
        && !(w.state() == Client::SyncEngine::State::Online && w.cannedResponsesFetched()))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return w.state() == Client::SyncEngine::State::Online && w.cannedResponsesFetched();
}

qint64 CannedManagerTest::createTicket(const QString &subject, qint64 customer, qint64 group)
{
    const auto r = m_admin.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject }, { QStringLiteral("description"), subject },
            { QStringLiteral("groupId"), double(group) },
            { QStringLiteral("customerId"), double(customer) },
            { QStringLiteral("channel"), QStringLiteral("phone") },
            { QStringLiteral("opId"), newOpId() } });
    if (!r.ok)
        qWarning() << "tickets.create:" << r.error.message;
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QString CannedManagerTest::number(qint64 ticketId)
{
    return m_admin
        .call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(ticketId) } })
        .object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("number"))
        .toString();
}

void CannedManagerTest::deleteEveryResponse()
{
    const QJsonArray all
        = m_admin.call(QStringLiteral("canned.list"), { { QStringLiteral("manageable"), true } })
              .object()
              .value(QStringLiteral("responses"))
              .toArray();
    for (const QJsonValue &v : all)
        QVERIFY(m_admin
                    .call(QStringLiteral("canned.delete"),
                        { { QStringLiteral("id"), v.toObject().value(QStringLiteral("id")) } })
                    .ok);
}

qint64 CannedManagerTest::saveResponse(const QJsonObject &response)
{
    const auto r
        = m_admin.call(QStringLiteral("canned.save"), { { QStringLiteral("response"), response } });
    if (!r.ok)
        qWarning() << "canned.save:" << r.error.message;
    return r.object()
        .value(QStringLiteral("response"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

std::unique_ptr<TicketPanel> CannedManagerTest::panelFor(Workspace *w, qint64 ticketId)
{
    auto panel = std::make_unique<TicketPanel>(w);
    panel->resize(1100, 800);
    panel->show();
    if (!QTest::qWaitForWindowExposed(panel.get()))
        return nullptr;
    QDeadlineTimer d(10000);
    while (!d.hasExpired() && !w->ticket(ticketId))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    panel->showTicket(ticketId);
    return panel;
}

QStringList CannedManagerTest::titles(const QList<Core::CannedResponse> &responses)
{
    QStringList out;
    for (const Core::CannedResponse &r : responses)
        out << r.title;
    return out;
}

void CannedManagerTest::clickItem(QListWidget *list, const QString &text)
{
    const QList<QListWidgetItem *> items = list->findItems(text, Qt::MatchExactly);
    QVERIFY2(items.size() == 1, qPrintable(text));
    list->scrollToItem(items.first());
    QTest::mouseClick(
        list->viewport(), Qt::LeftButton, {}, list->visualItemRect(items.first()).center());
}

void CannedManagerTest::answerNextQuestion(QMessageBox::StandardButton button)
{
    // The question is modal: answer it from the event loop it runs, once it shows.
    auto *timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        QTest::mouseClick(box->button(button), Qt::LeftButton);
    });
    timer->start();
}

// ---------------------------------------------------------------------------------------------

void CannedManagerTest::thePickerSaysHowToAddOneWhenTheDeskHasNone()
{
    deleteEveryResponse();
    const qint64 ticket
        = createTicket(QStringLiteral("No printer"), m_desk.customer, m_desk.serviceDesk);
    m_anaWs = open(QStringLiteral("ana"), QStringLiteral("pw-ana"), m_server);
    QVERIFY(m_anaWs && waitOnline(*m_anaWs));
    auto panel = panelFor(m_anaWs.get(), ticket);
    QVERIFY(panel);

    // Online with nothing on the desk: it says so, and who can add them; never "when you are
    // online".
    QTest::mouseClick(panel->editor()->cannedButton(), Qt::LeftButton);
    Ui::CannedPicker *picker = panel->cannedPicker();
    QVERIFY(picker->isVisible());
    QCOMPARE(picker->visibleCount(), 0);
    QCOMPARE(picker->emptyText(),
        QStringLiteral("The desk has no canned responses for this ticket's group yet. An admin, or "
                       "the lead of "
                       "the group, can add them (Ticket menu, Manage canned responses…)."));
    QVERIFY(!picker->findChild<QPushButton *>(QStringLiteral("cannedManage"))
                 ->isVisible()); // an agent manages none

    // An admin adds one meanwhile: the open picker lists it without being opened again.
    QVERIFY(saveResponse({ { QStringLiteral("title"), QStringLiteral("Recibido") },
        { QStringLiteral("body"), QStringLiteral("Hola {{customer.firstName}}") } }));
    QTRY_COMPARE(picker->visibleCount(), 1);
    QCOMPARE(picker->emptyText(), QString());
}

void CannedManagerTest::thePickerListsTheDesksResponsesAndPreviewsThemFilledIn()
{
    deleteEveryResponse();
    QVERIFY(saveResponse({ { QStringLiteral("title"), QStringLiteral("Contraseña restablecida") },
        { QStringLiteral("body"),
            QStringLiteral(
                "Hola {{customer.firstName}}: he restablecido tu contraseña ({{ticket.number}}, "
                "{{organisation.name}}). {{agent.name}}") },
        { QStringLiteral("language"), QStringLiteral("es") } }));
    QVERIFY(saveResponse({ { QStringLiteral("title"), QStringLiteral("VPN reset") },
        { QStringLiteral("body"), QStringLiteral("Hi {{customer.firstName}}") },
        { QStringLiteral("groupId"), double(m_desk.network) } }));
    const qint64 ticket
        = createTicket(QStringLiteral("Contraseña"), m_desk.customer, m_desk.serviceDesk);
    m_anaWs = open(QStringLiteral("ana"), QStringLiteral("pw-ana"), m_server);
    QVERIFY(m_anaWs && waitOnline(*m_anaWs));
    auto panel = panelFor(m_anaWs.get(), ticket);
    QVERIFY(panel);
    const QString expected
        = QStringLiteral("Hola Núria: he restablecido tu contraseña (%1, Ferretería Norte). Ana")
              .arg(number(ticket));

    QTest::mouseClick(panel->editor()->cannedButton(), Qt::LeftButton);
    Ui::CannedPicker *picker = panel->cannedPicker();
    QTRY_COMPARE(picker->visibleCount(), 1); // Network's is not Ana's
    QCOMPARE(picker->previewText(), expected);
    QVERIFY(!picker->previewText().contains(QStringLiteral("{{")));

    // Offline the preview is the same, from the cache.
    picker->hide();
    m_anaWs->connection()->stop();
    QTRY_VERIFY(m_anaWs->state() == Client::SyncEngine::State::Offline);
    QTest::mouseClick(panel->editor()->cannedButton(), Qt::LeftButton);
    QVERIFY(picker->isVisible());
    QCOMPARE(picker->visibleCount(), 1);
    QCOMPARE(picker->previewText(), expected);
    QTest::keyClick(picker->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(panel->editor()->text(), expected);
}

void CannedManagerTest::anAdminCreatesEditsAndDeletesAndAnotherConsoleFollows()
{
    deleteEveryResponse();
    const qint64 ticket
        = createTicket(QStringLiteral("La VPN no conecta"), m_desk.customer, m_desk.serviceDesk);
    m_adminWs = open(QStringLiteral("admin"), QStringLiteral("pw-admin"), m_server);
    m_anaWs = open(QStringLiteral("ana"), QStringLiteral("pw-ana"), m_server);
    QVERIFY(m_adminWs && waitOnline(*m_adminWs) && m_anaWs && waitOnline(*m_anaWs));
    auto adminPanel = panelFor(m_adminWs.get(), ticket);
    auto anaPanel = panelFor(m_anaWs.get(), ticket);
    QVERIFY(adminPanel && anaPanel);

    // From the picker's button to the manager.
    QTest::mouseClick(adminPanel->editor()->cannedButton(), Qt::LeftButton);
    auto *manage
        = adminPanel->cannedPicker()->findChild<QPushButton *>(QStringLiteral("cannedManage"));
    QVERIFY(manage->isVisible());
    QTest::mouseClick(manage, Qt::LeftButton);
    CannedManager *manager = adminPanel->cannedManager();
    QVERIFY(manager && manager->isVisible());
    QVERIFY(QTest::qWaitForWindowExposed(manager));
    QTRY_VERIFY(manager->newButton()->isEnabled());
    QCOMPARE(manager->titles(), QStringList());

    // A new one: title, every agent, Spanish, a text with placeholders put in from the menu.
    QTest::mouseClick(manager->newButton(), Qt::LeftButton);
    QTest::keyClicks(manager->titleEdit(), QStringLiteral("VPN: perfil renovado"));
    QCOMPARE(manager->groupBox()->currentData().toLongLong(), 0); // every agent
    manager->languageBox()->setFocus();
    QTest::keyClick(manager->languageBox(), Qt::Key_Down); // Spanish-speaking customers
    QCOMPARE(manager->languageBox()->currentData().toString(), QStringLiteral("es"));
    QTest::mouseClick(manager->bodyEdit()->viewport(), Qt::LeftButton);
    QTest::keyClicks(manager->bodyEdit(), QStringLiteral("Hola "));
    QAction *firstName = manager->placeholderButton()->menu()->findChild<QAction *>(
        QStringLiteral("placeholder:customer.firstName"));
    QAction *ticketNumber = manager->placeholderButton()->menu()->findChild<QAction *>(
        QStringLiteral("placeholder:ticket.number"));
    QVERIFY(firstName && ticketNumber);
    firstName->trigger();
    QTest::keyClicks(manager->bodyEdit(), QStringLiteral(": renovado el perfil de "));
    ticketNumber->trigger();
    QTest::keyClicks(manager->bodyEdit(), QStringLiteral("."));
    QCOMPARE(manager->bodyEdit()->toPlainText(),
        QStringLiteral("Hola {{customer.firstName}}: renovado el perfil de {{ticket.number}}."));
    // The live preview is for the open ticket.
    const QString filled
        = QStringLiteral("Hola Núria: renovado el perfil de %1.").arg(number(ticket));
    QCOMPARE(manager->previewText(), filled);
    QVERIFY(manager->previewCaption().contains(number(ticket)));
    QVERIFY(manager->saveButton()->isEnabled());
    QTest::mouseClick(manager->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(manager->titles(), QStringList { QStringLiteral("VPN: perfil renovado [es]") });
    QVERIFY2(manager->statusText().startsWith(QStringLiteral("Saved")),
        qPrintable(manager->statusText()));

    // Ana's console has it at once (canned.changed), and her picker fills it in for her.
    QTRY_COMPARE(
        titles(m_anaWs->cannedResponses()), QStringList { QStringLiteral("VPN: perfil renovado") });
    QTest::mouseClick(anaPanel->editor()->cannedButton(), Qt::LeftButton);
    QCOMPARE(anaPanel->cannedPicker()->visibleCount(), 1);
    QCOMPARE(anaPanel->cannedPicker()->previewText(), filled);
    anaPanel->cannedPicker()->hide();

    // Edited: another title and text; Ana's list follows.
    clickItem(manager->list(), QStringLiteral("VPN: perfil renovado [es]"));
    QCOMPARE(manager->titleEdit()->text(), QStringLiteral("VPN: perfil renovado"));
    manager->titleEdit()->selectAll();
    QTest::keyClicks(manager->titleEdit(), QStringLiteral("VPN: perfil nuevo"));
    QTest::mouseClick(manager->bodyEdit()->viewport(), Qt::LeftButton);
    manager->bodyEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(manager->bodyEdit(), QStringLiteral(" Saludos."));
    QTest::mouseClick(manager->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(manager->titles(), QStringList { QStringLiteral("VPN: perfil nuevo [es]") });
    QTRY_COMPARE(
        titles(m_anaWs->cannedResponses()), QStringList { QStringLiteral("VPN: perfil nuevo") });
    QCOMPARE(m_anaWs->cannedResponses().value(0).body,
        QStringLiteral(
            "Hola {{customer.firstName}}: renovado el perfil de {{ticket.number}}. Saludos."));

    // Cancelling the question deletes nothing; answering yes deletes it everywhere.
    clickItem(manager->list(), QStringLiteral("VPN: perfil nuevo [es]"));
    answerNextQuestion(QMessageBox::Cancel);
    QTest::mouseClick(manager->deleteButton(), Qt::LeftButton);
    QCOMPARE(manager->titles().size(), 1);
    answerNextQuestion(QMessageBox::Yes);
    QTest::mouseClick(manager->deleteButton(), Qt::LeftButton);
    QTRY_COMPARE(manager->titles(), QStringList());
    QTRY_COMPARE(titles(m_anaWs->cannedResponses()), QStringList());
    QCOMPARE(manager->titleEdit()->text(), QString()); // back to a new one
    manager->close();
}

void CannedManagerTest::aLeadManagesOnlyTheGroupsTheyLead()
{
    deleteEveryResponse();
    QVERIFY(saveResponse({ { QStringLiteral("title"), QStringLiteral("Para todos") },
        { QStringLiteral("body"), QStringLiteral("Hola") } }));
    QVERIFY(saveResponse({ { QStringLiteral("title"), QStringLiteral("Del Service Desk") },
        { QStringLiteral("body"), QStringLiteral("Hola") },
        { QStringLiteral("groupId"), double(m_desk.serviceDesk) } }));
    QVERIFY(saveResponse({ { QStringLiteral("title"), QStringLiteral("De Redes") },
        { QStringLiteral("body"), QStringLiteral("Hola") },
        { QStringLiteral("groupId"), double(m_desk.network) } }));
    auto leo = open(QStringLiteral("leo"), QStringLiteral("pw-leo"), m_server);
    QVERIFY(leo && waitOnline(*leo));
    CannedManager manager(leo.get(), 0);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    // Only Network's, and Network is the only group offered (no whole-desk ones for leads).
    QTRY_COMPARE(manager.titles(), QStringList { QStringLiteral("De Redes") });
    QCOMPARE(manager.groupBox()->count(), 1);
    QCOMPARE(manager.groupBox()->currentData().toLongLong(), m_desk.network);
    // Without a ticket the preview uses example values, and says so.
    QTest::mouseClick(manager.newButton(), Qt::LeftButton);
    QTest::keyClicks(manager.titleEdit(), QStringLiteral("Cambio de router"));
    QTest::mouseClick(manager.bodyEdit()->viewport(), Qt::LeftButton);
    QTest::keyClicks(manager.bodyEdit(),
        QStringLiteral("Hola {{customer.firstName}}, soy {{agent.firstName}}."));
    QCOMPARE(manager.previewText(), QStringLiteral("Hola Núria, soy Leo."));
    QVERIFY(manager.previewCaption().startsWith(QStringLiteral("Preview with example values")));
    QTest::mouseClick(manager.saveButton(), Qt::LeftButton);
    QTRY_COMPARE(manager.titles(),
        (QStringList { QStringLiteral("Cambio de router"), QStringLiteral("De Redes") }));
    const auto saved = m_admin
                           .call(QStringLiteral("canned.list"),
                               { { QStringLiteral("text"), QStringLiteral("router") } })
                           .object()
                           .value(QStringLiteral("responses"))
                           .toArray();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).toObject().value(QStringLiteral("groupId")).toInteger(), m_desk.network);
    // A placeholder that does not exist is pointed out before the desk refuses it.
    QTest::keyClicks(manager.bodyEdit(), QStringLiteral(" {{cliente}}"));
    QVERIFY2(manager.statusText().contains(QStringLiteral("{{cliente}}")),
        qPrintable(manager.statusText()));
    QTest::mouseClick(manager.saveButton(), Qt::LeftButton);
    QTRY_VERIFY2(manager.statusText().startsWith(QStringLiteral("The desk refused the text")),
        qPrintable(manager.statusText()));
    // Choosing another one asks first: Cancel keeps the edit, Discard shows the other one.
    const QString edited = manager.bodyEdit()->toPlainText();
    answerNextQuestion(QMessageBox::Cancel);
    clickItem(manager.list(), QStringLiteral("De Redes"));
    QCOMPARE(manager.bodyEdit()->toPlainText(), edited);
    QCOMPARE(manager.titleEdit()->text(), QStringLiteral("Cambio de router"));
    answerNextQuestion(QMessageBox::Discard);
    clickItem(manager.list(), QStringLiteral("De Redes"));
    QCOMPARE(manager.titleEdit()->text(), QStringLiteral("De Redes"));
    QCOMPARE(manager.bodyEdit()->toPlainText(), QStringLiteral("Hola"));
}

void CannedManagerTest::anAgentMayNotManageThem()
{
    m_anaWs = open(QStringLiteral("ana"), QStringLiteral("pw-ana"), m_server);
    QVERIFY(m_anaWs && waitOnline(*m_anaWs));
    CannedManager manager(m_anaWs.get(), 0);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    QCOMPARE(manager.statusText(),
        QStringLiteral(
            "Only admins, and leads for the groups they lead, change canned responses."));
    QVERIFY(!manager.newButton()->isEnabled());
    QVERIFY(!manager.saveButton()->isEnabled());
    QVERIFY(!manager.bodyEdit()->isEnabled());
    QCOMPARE(manager.titles(), QStringList());
}

void CannedManagerTest::theTicketMenuOpensTheManager()
{
    m_adminWs = open(QStringLiteral("admin"), QStringLiteral("pw-admin"), m_server);
    QVERIFY(m_adminWs && waitOnline(*m_adminWs));
    Ui::MainWindow window(m_adminWs.get());
    window.resize(1200, 800);
    window.show();
    window.start();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *action = window.action(QStringLiteral("canned.manage"));
    QVERIFY(action);
    QCOMPARE(action->text(), QStringLiteral("&Manage canned responses…"));
    action->trigger();
    CannedManager *manager = window.ticketPanel()->cannedManager();
    QVERIFY(manager && manager->isVisible());
    QTRY_VERIFY(manager->newButton()->isEnabled());
    // Once: the same window comes forward again.
    action->trigger();
    QCOMPARE(window.findChildren<CannedManager *>().size(), 1);
    manager->close();
}

// ---------------------------------------------------------------------------------------------
// docs/screenshots/canned-manager-en.png and canned-manager-es.png

void CannedManagerTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the canned "
              "responses manager's screenshots");
    ServerProcess server;
    QVERIFY(server.demoData(300));
    QVERIFY(server.start());
    auto admin = open(QStringLiteral("admin"), QStringLiteral("demo"), server);
    QVERIFY(admin && waitOnline(*admin, 120000));
    QVERIFY(QDir().mkpath(dir));

    auto shoot = [&](const QString &language, const QString &title) {
        // A ticket of the Service Desk from a customer who speaks the language.
        Client::LocalCache::Query all;
        qint64 ticketId = 0;
        for (const Core::Ticket &t : admin->tickets(all)) {
            const auto c = admin->customer(t.customerId);
            if (c && c->language == language && c->organisationId > 0) {
                ticketId = t.id;
                break;
            }
        }
        QVERIFY(ticketId);
        CannedManager manager(admin.get(), ticketId);
        manager.resize(1100, 680);
        manager.show();
        QVERIFY(QTest::qWaitForWindowExposed(&manager));
        QTRY_VERIFY(manager.titles().size() >= 20);
        clickItem(manager.list(), title);
        QTRY_VERIFY(!manager.previewText().isEmpty());
        QVERIFY(!manager.previewText().contains(QStringLiteral("{{")));
        QTest::qWait(200);
        const QString path
            = QDir(dir).filePath(QStringLiteral("canned-manager-%1.png").arg(language));
        QVERIFY(manager.grab().save(path));
        qInfo() << "wrote" << path;
    };
    shoot(QStringLiteral("en"), QStringLiteral("Password reset done [en]"));

    // Spanish as a console started in it has it: our strings, Qt's, and the locale.
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshots show English texts";
    shoot(QStringLiteral("es"), QStringLiteral("Contraseña restablecida [es]"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(CannedManagerTest)
#include "tst_cannedmanager.moc"
