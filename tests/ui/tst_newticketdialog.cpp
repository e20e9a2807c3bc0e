// Logging a phone call, as an agent does it with the keyboard, against a real atiended: the
// caller search starts empty whatever ticket is open, namesakes are told apart by e-mail and
// organisation, a caller the desk does not know is added on the spot, closing with anything
// typed asks first, and the new ticket opens assigned to the agent with its number confirmed.
// Also "new ticket for a customer", which starts with the open ticket's customer.

#include "ui/common/translations.h"
#include "ui/ticket/newcustomerdialog.h"
#include "ui/ticket/newticketdialog.h"
#include "ui/ticket/ticketpanel.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTranslator>
#include <QTreeWidget>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::Workspace;
using Ui::NewTicketDialog;
using Ui::TicketPanel;

class NewTicketDialogTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void aCallStartsWithAnEmptyCallerSearchWhateverTicketIsOpen();
    void namesakesAreToldApartByEmailAndOrganisation();
    void aCallIsLoggedWithTheKeyboardAndOpensAssignedToTheAgent();
    void aCallerTheDeskDoesNotKnowIsAddedOnTheSpot();
    void addingACustomerNeedsTheServer();
    void closingWithSomethingTypedAsksFirst();
    void aTicketForACustomerStartsWithTheOpenTicketsCustomerAndCanChangeIt();
    void screenshots();

private:
    qint64 createTicket(const QString &subject, qint64 customer);
    QJsonObject serverTicket(qint64 id);
    bool waitOnline(Workspace &w, int timeoutMs = 20000);
    NewTicketDialog *openDialog();
    static QStringList row(QTreeWidget *results, int i);

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    qint64 m_owenNorte = 0, m_owenGlobex = 0, m_globex = 0;
    TestClient m_lola;
    std::unique_ptr<Workspace> m_ana;
    std::unique_ptr<TicketPanel> m_panel;
    QList<qint64> m_opened; // what the panel asked the main window to open
    QStringList m_messages; // what it put in the status bar
};

void NewTicketDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    {
        // Two callers with one name, told apart only by e-mail and organisation.
        auto store = Server::Store::open(
            m_server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
        QVERIFY2(store, qPrintable(error));
        const Server::OpResult r = store->transact([&] {
            QList<Server::Change> changes;
            m_globex = store->directory().createOrganisation(
                Core::Organisation {
                    0, QStringLiteral("Globex Ibérica"), QStringLiteral("globex.example"), 0 },
                &changes);
            m_owenNorte = store->directory().createCustomer(
                Core::Customer { 0, QStringLiteral("Owen Carter"),
                    QStringLiteral("owen@ferreteria.example"), QStringLiteral("+34 600 222 001"),
                    m_desk.organisation, QStringLiteral("en"), 0 },
                &changes);
            m_owenGlobex = store->directory().createCustomer(
                Core::Customer { 0, QStringLiteral("Owen Carter"),
                    QStringLiteral("ocarter@globex.example"), QStringLiteral("+34 600 333 002"),
                    m_globex, QStringLiteral("en"), 0 },
                &changes);
            Server::OpResult ok = Server::OpResult::success(QJsonValue());
            ok.changes = changes;
            return m_globex && m_owenNorte && m_owenGlobex
                ? ok
                : Server::OpResult::failure(Core::Protocol::ErrorCode::InternalError);
        });
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    QVERIFY(m_server.start());
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
}

void NewTicketDialogTest::init()
{
    m_ana = std::make_unique<Workspace>();
    QString error;
    QVERIFY2(m_ana->open({ m_server.url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                             m_dirs.filePath(QStringLiteral("ana")), false },
                 &error),
        qPrintable(error));
    m_ana->connection()->setBackoff(100, 1000);
    QVERIFY(waitOnline(*m_ana));
    m_panel = std::make_unique<TicketPanel>(m_ana.get());
    m_opened.clear();
    m_messages.clear();
    // As the main window does: open the ticket asked for, show the message.
    connect(m_panel.get(), &TicketPanel::openTicketRequested, m_panel.get(), [this](qint64 id) {
        m_opened << id;
        m_panel->showTicket(id);
    });
    connect(m_panel.get(), &TicketPanel::statusMessage, this,
        [this](const QString &m) { m_messages << m; });
    m_panel->resize(1100, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void NewTicketDialogTest::cleanup()
{
    m_panel.reset();
    m_ana.reset();
}

bool NewTicketDialogTest::waitOnline(Workspace &w, int timeoutMs)
{
    QDeadlineTimer d(timeoutMs);
    while (
        !d.hasExpired() && !(w.state() == Client::SyncEngine::State::Online && w.outboxSize() == 0))
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return w.state() == Client::SyncEngine::State::Online && w.outboxSize() == 0;
}

qint64 NewTicketDialogTest::createTicket(const QString &subject, qint64 customer)
{
    const auto r = m_lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject },
            { QStringLiteral("groupId"), double(m_desk.serviceDesk) },
            { QStringLiteral("customerId"), double(customer) },
            { QStringLiteral("opId"), newOpId() } });
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QJsonObject NewTicketDialogTest::serverTicket(qint64 id)
{
    return m_lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } })
        .object()
        .value(QStringLiteral("ticket"))
        .toObject();
}

NewTicketDialog *NewTicketDialogTest::openDialog()
{
    for (NewTicketDialog *d : m_panel->findChildren<NewTicketDialog *>()) {
        if (d->isVisible())
            return d;
    }
    return nullptr;
}

QStringList NewTicketDialogTest::row(QTreeWidget *results, int i)
{
    QStringList cells;
    const QTreeWidgetItem *item = results->topLevelItem(i);
    for (int c = 0; item && c < results->columnCount(); ++c)
        cells << item->text(c);
    return cells;
}

void NewTicketDialogTest::aCallStartsWithAnEmptyCallerSearchWhateverTicketIsOpen()
{
    const qint64 id = createTicket(QStringLiteral("Till prints twice"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id); // Núria's ticket is open; Tom calls

    m_panel->logPhoneCall();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Log a phone call"));
    QCOMPARE(dialog->customerId(), 0);
    QVERIFY(!dialog->chosenCustomerLabel()->text().contains(QStringLiteral("Núria")));
    QVERIFY(dialog->callerSearch()->text().isEmpty());
    QTRY_VERIFY(dialog->callerSearch()->hasFocus()); // the agent types the caller's name at once
    QCOMPARE(dialog->newTicket().customerId, 0);
    QVERIFY(!dialog->newTicket().toJson().contains(QLatin1String("customerId")));
    dialog->reject(); // nothing typed: it just closes
    QTRY_VERIFY(!dialog->isVisible());
}

void NewTicketDialogTest::namesakesAreToldApartByEmailAndOrganisation()
{
    m_panel->logPhoneCall();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QTreeWidget *results = dialog->callerResults();

    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("owen"));
    QCOMPARE(results->topLevelItemCount(), 2);
    const QStringList first = row(results, 0), second = row(results, 1);
    QCOMPARE(first.at(0), QStringLiteral("Owen Carter"));
    QCOMPARE(second.at(0), QStringLiteral("Owen Carter"));
    // Each row says who it is: e-mail and organisation differ where the names do not.
    QCOMPARE(first.at(1), QStringLiteral("owen@ferreteria.example"));
    QCOMPARE(first.at(2), QStringLiteral("Ferretería Norte"));
    QCOMPARE(second.at(1), QStringLiteral("ocarter@globex.example"));
    QCOMPARE(second.at(2), QStringLiteral("Globex Ibérica"));
    QVERIFY(results->isVisible());

    // Found by organisation (accents left out), by e-mail, by phone with or without spaces.
    dialog->callerSearch()->clear();
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("owen iberica"));
    QCOMPARE(results->topLevelItemCount(), 1);
    QCOMPARE(row(results, 0).at(1), QStringLiteral("ocarter@globex.example"));
    dialog->callerSearch()->clear();
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("ocarter@"));
    QCOMPARE(results->topLevelItemCount(), 1);
    dialog->callerSearch()->clear();
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("600222001"));
    QCOMPARE(results->topLevelItemCount(), 1);
    QCOMPARE(row(results, 0).at(1), QStringLiteral("owen@ferreteria.example"));
    dialog->callerSearch()->clear();
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("nuria"));
    QCOMPARE(results->topLevelItemCount(), 1);
    QCOMPARE(row(results, 0).at(0), QStringLiteral("Núria Peña"));
}

void NewTicketDialogTest::aCallIsLoggedWithTheKeyboardAndOpensAssignedToTheAgent()
{
    m_panel->logPhoneCall();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->callerSearch()->hasFocus());
    QSignalSpy finished(dialog, &QDialog::finished);

    // Type, Down, Enter: the second Owen (of Globex) is the caller.
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("owen"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QVERIFY(finished.isEmpty()); // Enter picked the caller; it did not create the ticket
    QCOMPARE(dialog->customerId(), m_owenGlobex);
    QVERIFY(
        dialog->chosenCustomerLabel()->text().contains(QStringLiteral("ocarter@globex.example")));
    QVERIFY(dialog->chosenCustomerLabel()->text().contains(QStringLiteral("Globex Ibérica")));
    QVERIFY(dialog->callerSearch()->text().isEmpty());
    QCOMPARE(QApplication::focusWidget(), dialog->subjectEdit()); // straight on to what they need

    // A call is the agent's who took it: assigned to them, in their own group.
    QVERIFY(dialog->assignToMeBox()->isChecked());
    QCOMPARE(dialog->groupBox()->currentText(), QStringLiteral("Service Desk"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Cannot print to the plotter"));
    QTest::keyClick(
        QApplication::focusWidget(), Qt::Key_Return); // the Create button is the default
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));

    // Opened in the panel at once (under its temporary id), then under its real one.
    QCOMPARE(m_opened.size(), 1);
    QVERIFY(m_opened.first() < 0);
    QCOMPARE(m_panel->ticketId(), m_opened.first());
    QVERIFY(waitOnline(*m_ana));
    QTRY_VERIFY(m_panel->ticketId() > 0);
    const QJsonObject t = serverTicket(m_panel->ticketId());
    QCOMPARE(t.value(QStringLiteral("subject")).toString(),
        QStringLiteral("Cannot print to the plotter"));
    QCOMPARE(t.value(QStringLiteral("customerId")).toInteger(), m_owenGlobex);
    QCOMPARE(t.value(QStringLiteral("assigneeId")).toInteger(), m_desk.ana);
    QCOMPARE(t.value(QStringLiteral("groupId")).toInteger(), m_desk.serviceDesk);
    QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("assigned"));
    QCOMPARE(t.value(QStringLiteral("channel")).toString(), QStringLiteral("phone"));
    // And the status bar confirms it with its number.
    const QString number = t.value(QStringLiteral("number")).toString();
    QVERIFY(!number.isEmpty());
    QTRY_VERIFY(!m_messages.isEmpty());
    QVERIFY2(m_messages.last().contains(number), qPrintable(m_messages.join(QLatin1Char('|'))));
    QVERIFY(m_messages.last().contains(QStringLiteral("assigned to you")));
}

void NewTicketDialogTest::aCallerTheDeskDoesNotKnowIsAddedOnTheSpot()
{
    m_panel->logPhoneCall();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("Zoe Quintana"));
    QCOMPARE(dialog->callerResults()->topLevelItemCount(), 0);
    QTest::keyClick(dialog->callerSearch(), Qt::Key_Return); // nobody to pick: nothing happens
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->createButton()->isEnabled()); // a typed name that names nobody is no caller

    QVERIFY(dialog->newCustomerButton()->isEnabled());
    QTest::mouseClick(dialog->newCustomerButton(), Qt::LeftButton);
    QPointer<Ui::NewCustomerDialog> form = dialog->newCustomerDialog(); // deleted when it closes
    QVERIFY(form);
    QTRY_VERIFY(form->isVisible());
    QCOMPARE(form->nameEdit()->text(),
        QStringLiteral("Zoe Quintana")); // what was typed, where it belongs
    QTest::keyClicks(form->emailEdit(), QStringLiteral("zoe@globex.example"));
    QTest::keyClicks(form->phoneEdit(), QStringLiteral("+34 611 000 111"));
    form->organisationBox()->setCurrentIndex(
        form->organisationBox()->findText(QStringLiteral("Globex Ibérica")));
    QVERIFY(form->createButton()->isEnabled());
    QTest::mouseClick(form->createButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!form || !form->isVisible(), 10000);

    // The new customer is the caller now, and the server and the cache know them.
    const qint64 zoe = dialog->customerId();
    QVERIFY(zoe > 0);
    QVERIFY(dialog->chosenCustomerLabel()->text().contains(QStringLiteral("Zoe Quintana")));
    QVERIFY(dialog->chosenCustomerLabel()->text().contains(QStringLiteral("Globex Ibérica")));
    QTRY_VERIFY(m_ana->customer(zoe).has_value());
    QCOMPARE(m_ana->customer(zoe)->email, QStringLiteral("zoe@globex.example"));
    QCOMPARE(m_ana->customer(zoe)->organisationId, m_globex);

    QTest::keyClicks(dialog->subjectEdit(), QStringLiteral("New starter needs an account"));
    QVERIFY(dialog->createButton()->isEnabled());
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QVERIFY(waitOnline(*m_ana));
    QTRY_VERIFY(m_panel->ticketId() > 0);
    QCOMPARE(
        serverTicket(m_panel->ticketId()).value(QStringLiteral("customerId")).toInteger(), zoe);

    // Adding the same address again is refused in the form, which says who has it.
    m_panel->logPhoneCall();
    dialog = openDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->newCustomerButton(), Qt::LeftButton);
    form = dialog->newCustomerDialog();
    QVERIFY(form);
    QTest::keyClicks(form->nameEdit(), QStringLiteral("Zoe Q."));
    QTest::keyClicks(form->emailEdit(), QStringLiteral("ZOE@globex.example"));
    QTest::mouseClick(form->createButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(form->message().contains(QStringLiteral("Zoe Quintana")), 10000);
    QVERIFY(form->isVisible());
    QCOMPARE(dialog->customerId(), 0);
}

void NewTicketDialogTest::addingACustomerNeedsTheServer()
{
    m_ana->connection()->stop();
    QTRY_VERIFY(m_ana->state() != Client::SyncEngine::State::Online);
    m_panel->logPhoneCall();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->newCustomerButton()->isEnabled());
    QVERIFY(dialog->newCustomerButton()->toolTip().contains(QStringLiteral("needs the server")));
    // The rest works offline: the call is logged for a known caller, kept on this computer.
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("tom baker"));
    QTest::keyClick(dialog->callerSearch(), Qt::Key_Return);
    QCOMPARE(dialog->customerId(), m_desk.otherCustomer);
    QTest::keyClicks(dialog->subjectEdit(), QStringLiteral("Headset crackles"));
    QTest::keyClick(dialog->subjectEdit(), Qt::Key_Return);
    QTRY_VERIFY(!dialog->isVisible());
    QVERIFY(m_panel->ticketId() < 0);
    QTRY_VERIFY(!m_messages.isEmpty());
    QVERIFY(m_messages.last().contains(QStringLiteral("back online")));

    m_ana->connection()->start(); // back: it gets its number and says so
    QVERIFY(waitOnline(*m_ana));
    QTRY_VERIFY(m_panel->ticketId() > 0);
    const QJsonObject t = serverTicket(m_panel->ticketId());
    QCOMPARE(t.value(QStringLiteral("assigneeId")).toInteger(), m_desk.ana);
    QTRY_VERIFY(m_messages.last().contains(t.value(QStringLiteral("number")).toString()));
}

void NewTicketDialogTest::closingWithSomethingTypedAsksFirst()
{
    m_panel->logPhoneCall();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QSignalSpy finished(dialog, &QDialog::finished);
    QTest::keyClicks(dialog->subjectEdit(), QStringLiteral("Wants a callback about the invoice"));

    // Escape asks; "Keep editing" keeps everything.
    QTest::keyClick(dialog->subjectEdit(), Qt::Key_Escape);
    QTRY_VERIFY(dialog->discardQuestion() && dialog->discardQuestion()->isVisible());
    QCOMPARE(dialog->discardQuestion()->text(), QStringLiteral("Discard this call?"));
    QVERIFY(dialog->isVisible());
    QTest::mouseClick(
        dialog->discardQuestion()->findChild<QPushButton *>(QStringLiteral("keepEditing")),
        Qt::LeftButton);
    QTRY_VERIFY(!dialog->discardQuestion());
    QVERIFY(dialog->isVisible());
    QVERIFY(finished.isEmpty());
    QCOMPARE(dialog->subjectEdit()->text(), QStringLiteral("Wants a callback about the invoice"));

    // Cancel asks too; closing the window as well. "Discard" closes it.
    QTest::mouseClick(
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(dialog->discardQuestion() && dialog->discardQuestion()->isVisible());
    dialog->discardQuestion()->findChild<QPushButton *>(QStringLiteral("keepEditing"))->click();
    QTRY_VERIFY(!dialog->discardQuestion());
    dialog->close();
    QTRY_VERIFY(dialog->discardQuestion() && dialog->discardQuestion()->isVisible());
    QVERIFY(dialog->isVisible());
    QTest::mouseClick(
        dialog->discardQuestion()->findChild<QPushButton *>(QStringLiteral("discard")),
        Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toInt(), int(QDialog::Rejected));
    QCOMPARE(m_ana->outboxSize(), 0); // nothing was created
}

void NewTicketDialogTest::aTicketForACustomerStartsWithTheOpenTicketsCustomerAndCanChangeIt()
{
    const qint64 id = createTicket(QStringLiteral("Needs a second screen"), m_desk.customer);
    QTRY_VERIFY(m_ana->ticket(id).has_value());
    m_panel->showTicket(id);
    m_panel->newTicketForCustomer();
    NewTicketDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->customerId(), m_desk.customer);
    QVERIFY(dialog->chosenCustomerLabel()->isVisible());
    QVERIFY(dialog->chosenCustomerLabel()->text().contains(QStringLiteral("Núria Peña")));
    QVERIFY(
        dialog->chosenCustomerLabel()->text().contains(QStringLiteral("nuria@ferreteria.example")));
    QVERIFY(!dialog->hasInput()); // the pre-filled customer alone is nothing to lose
    QTest::keyClicks(dialog->callerSearch(), QStringLiteral("tom"));
    QTest::keyClick(dialog->callerSearch(), Qt::Key_Enter);
    QCOMPARE(dialog->customerId(), m_desk.otherCustomer);
    QVERIFY(dialog->chosenCustomerLabel()->text().contains(QStringLiteral("Tom Baker")));
    QCOMPARE(dialog->newTicket().customerId, m_desk.otherCustomer);
    QVERIFY(dialog->hasInput());
}

// docs/screenshots/phone-call-{en,es}.png: the dialog as the agent picks between namesakes;
// new-customer-{en,es}.png: a caller the desk does not know, being added.
void NewTicketDialogTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the "
              "phone-call dialog");
    QVERIFY(QDir().mkpath(dir));
    auto shoot = [&](const QString &language) {
        m_panel->logPhoneCall();
        NewTicketDialog *dialog = openDialog();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->callerSearch(), QStringLiteral("owen"));
        QTest::keyClick(dialog->callerSearch(), Qt::Key_Down);
        QTest::qWait(200);
        const QString path = QDir(dir).filePath(QStringLiteral("phone-call-%1.png").arg(language));
        QVERIFY(dialog->grab().save(path));
        qInfo() << "wrote" << path;
        // And the caller nobody knows, being added.
        dialog->callerSearch()->clear();
        QTest::keyClicks(dialog->callerSearch(), QStringLiteral("Zoe Quintana"));
        QTest::mouseClick(dialog->newCustomerButton(), Qt::LeftButton);
        QPointer<Ui::NewCustomerDialog> form
            = dialog->newCustomerDialog(); // deleted when it closes
        QVERIFY(form);
        QTest::keyClicks(form->emailEdit(), QStringLiteral("zoe@globex.example"));
        QTest::keyClicks(form->phoneEdit(), QStringLiteral("+34 611 000 111"));
        form->organisationBox()->setCurrentIndex(
            form->organisationBox()->findText(QStringLiteral("Globex Ibérica")));
        QTest::qWait(100);
        const QString formPath
            = QDir(dir).filePath(QStringLiteral("new-customer-%1.png").arg(language));
        QVERIFY(form->grab().save(formPath));
        qInfo() << "wrote" << formPath;
        form->reject();
        dialog->done(QDialog::Rejected);
    };
    shoot(QStringLiteral("en"));
    // Spanish as a console started in it has it: our strings, Qt's, and the locale.
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshots show English texts";
    QCoreApplication::processEvents(); // the language change reaches the open widgets first, as at
                                       // a start in Spanish
    shoot(QStringLiteral("es"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(NewTicketDialogTest)
#include "tst_newticketdialog.moc"
