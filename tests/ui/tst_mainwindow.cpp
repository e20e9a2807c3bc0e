// The console's main window as an agent drives it, against a real atiended: saved views,
// filter as you type, live changes that keep the selection, every shortcut, the command
// palette, who else is here, tray notifications and the status bar.

#include "ui/mainwindow/mainwindow.h"

#include "deskfixture.h"
#include "models/queue/queuemodel.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/commands/commandpalette.h"
#include "ui/dashboard/dashboardtab.h"
#include "ui/dashboard/reportexportdialog.h"
#include "ui/kb/kbpane.h"
#include "ui/notify/traynotifier.h"
#include "ui/queue/queuepanel.h"
#include "ui/ticket/replyeditor.h"
#include "ui/ticket/ticketheader.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/ticketwindow.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QUuid>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Models::QueueModel;

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void selectingASavedViewFiltersTheQueue();
    void typingInTheFilterNarrowsTheQueue();
    void aLiveChangeUpdatesTheRowWithoutLosingTheSelection();
    void eachShortcutDoesItsAction();
    void noShortcutStealsAKeyThePlatformOrALayoutNeeds();
    void theCommandPaletteRunsAnActionByName();
    void aSecondAgentShowsInTheRowAndTheHeader();
    void aTicketNewlyAssignedToMeIsNotified();
    void theStatusBarSaysOfflineAndCountsWaitingEdits();
    void onlyLeadsAndAdminsGetTheDashboardTab();

private:
    qint64 create(const QString &subject, const QJsonObject &extra = {});
    void update(qint64 id, const QJsonObject &fields);
    QueueModel *model() const { return m_window->queuePanel()->model(); }
    int rowOf(qint64 id) const { return model()->rowOfTicket(id); }
    // Closes the next modal dialog that opens (exec() would otherwise wait for a person).
    void closeNextDialog(QString *title = nullptr);

    ServerProcess m_server;
    QTemporaryDir m_dir;
    Desk m_desk;
    TestClient m_lola;
    std::unique_ptr<Client::Workspace> m_workspace;
    std::unique_ptr<Ui::MainWindow> m_window;
    qint64 m_mine = 0, m_mine2 = 0, m_unassigned = 0, m_pending = 0, m_network = 0;
};

qint64 MainWindowTest::create(const QString &subject, const QJsonObject &extra)
{
    QJsonObject p { { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"), subject },
        { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
        { QStringLiteral("customerId"), double(m_desk.customer) },
        { QStringLiteral("groupId"), double(m_desk.serviceDesk) } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        p.insert(it.key(), it.value());
    const auto r = m_lola.call(QStringLiteral("tickets.create"), p);
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

void MainWindowTest::update(qint64 id, const QJsonObject &fields)
{
    const auto t
        = m_lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    const int version = t.object()
                            .value(QStringLiteral("ticket"))
                            .toObject()
                            .value(QStringLiteral("version"))
                            .toInt();
    const auto r = m_lola.call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), version },
            { QStringLiteral("fields"), fields },
            { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

void MainWindowTest::closeNextDialog(QString *title)
{
    // Menus and dialogs run their own event loop (exec()), so the closing must be scheduled
    // before the key that opens them is pressed.
    auto *poll = new QTimer(this);
    auto *deadline = new QElapsedTimer;
    deadline->start();
    connect(poll, &QTimer::timeout, this, [poll, deadline, title] {
        QWidget *found = QApplication::activePopupWidget();
        if (!found) {
            for (QWidget *w : QApplication::topLevelWidgets()) {
                if (auto *d = qobject_cast<QDialog *>(w); d && d->isVisible() && d->isModal())
                    found = d;
            }
        }
        if (found || deadline->elapsed() > 10000) {
            if (found) {
                if (title)
                    *title = found->windowTitle().isEmpty()
                        ? QString::fromLatin1(found->metaObject()->className())
                        : found->windowTitle();
                if (auto *d = qobject_cast<QDialog *>(found))
                    d->reject();
                else
                    found->close();
            }
            poll->stop();
            poll->deleteLater();
            delete deadline;
        }
    });
    poll->start(100);
}

void MainWindowTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    m_mine = create(QStringLiteral("Printer on the 2nd floor jams"),
        { { QStringLiteral("assigneeId"), double(m_desk.ana) } });
    m_mine2 = create(QStringLiteral("VPN drops every ten minutes"),
        { { QStringLiteral("assigneeId"), double(m_desk.ana) } });
    m_unassigned = create(QStringLiteral("New laptop for Núria"));
    m_pending = create(QStringLiteral("Waiting for the invoice number"),
        { { QStringLiteral("assigneeId"), double(m_desk.ana) } });
    update(m_pending, { { QStringLiteral("status"), QStringLiteral("pending_customer") } });
    m_network = create(QStringLiteral("Switch in room B is down"),
        { { QStringLiteral("groupId"), double(m_desk.network) } });
    QVERIFY(m_mine && m_mine2 && m_unassigned && m_pending && m_network);

    m_workspace = std::make_unique<Client::Workspace>();
    QVERIFY2(m_workspace->open({ m_server.url(), QStringLiteral("ana"), QStringLiteral("pw-ana"),
                                   m_dir.path(), false },
                 &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->state() == Client::SyncEngine::State::Online, 20000);
    m_window = std::make_unique<Ui::MainWindow>(m_workspace.get());
    m_window->resize(1400, 900);
    m_window->show();
    m_window->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(model()->totalTickets() >= 4);
}

void MainWindowTest::cleanupTestCase()
{
    m_window.reset();
    m_workspace.reset();
}

void MainWindowTest::selectingASavedViewFiltersTheQueue()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    QComboBox *views = queue->viewChooser();
    auto shown = [&] {
        QSet<qint64> ids;
        for (int r = 0; r < model()->rowCount(); ++r)
            ids << model()->ticketIdAt(r);
        return ids;
    };
    auto choose = [&](const QString &id) {
        const int index = views->findData(id);
        QVERIFY(index >= 0);
        views->setCurrentIndex(index);
        Q_EMIT views->activated(index); // as a click on the item does
    };
    choose(QStringLiteral("mine"));
    QCOMPARE(shown(), (QSet<qint64> { m_mine, m_mine2, m_pending }));
    choose(QStringLiteral("unassigned"));
    QCOMPARE(shown(), (QSet<qint64> { m_unassigned }));
    choose(QStringLiteral("pending-customer"));
    QCOMPARE(shown(), (QSet<qint64> { m_pending }));
    choose(QStringLiteral("all-open"));
    QVERIFY(shown().contains(m_unassigned) && shown().contains(m_mine));
    QVERIFY(!shown().contains(m_network)); // Network is not ana's group: the server never sent it
}

void MainWindowTest::typingInTheFilterNarrowsTheQueue()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    queue->setViewById(QStringLiteral("all-open"));
    const int all = model()->rowCount();
    QTest::keyClicks(queue->filterField(), QStringLiteral("nuria"));
    QCOMPARE(model()->rowCount(),
        all); // every ticket is Núria Peña's: the customer matches, accents ignored
    queue->filterField()->clear();
    QTest::keyClicks(queue->filterField(), QStringLiteral("VPN"));
    QCOMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->ticketIdAt(0), m_mine2);
    QTest::keyClick(queue->filterField(), Qt::Key_Backspace);
    QTest::keyClick(queue->filterField(), Qt::Key_Backspace);
    QVERIFY(model()->rowCount() > 1); // "V" matches more
    queue->filterField()->clear();
    QCOMPARE(model()->rowCount(), all);
}

void MainWindowTest::aLiveChangeUpdatesTheRowWithoutLosingTheSelection()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    queue->setViewById(QStringLiteral("all-open"));
    queue->selectTicket(m_mine);
    QCOMPARE(m_window->ticketPanel()->ticketId(), m_mine);
    const int scroll = queue->table()->verticalScrollBar()->value();
    update(m_unassigned,
        { { QStringLiteral("subject"), QStringLiteral("New laptop for Núria (urgent)") } });
    QTRY_COMPARE(model()->index(rowOf(m_unassigned), QueueModel::Subject).data().toString(),
        QStringLiteral("New laptop for Núria (urgent)"));
    QCOMPARE(queue->openTicket(), m_mine);
    QCOMPARE(model()->ticketIdAt(queue->table()->selectionModel()->currentIndex().row()), m_mine);
    QVERIFY(queue->table()->selectionModel()->isRowSelected(rowOf(m_mine), {}));
    QCOMPARE(queue->table()->verticalScrollBar()->value(), scroll);
    QCOMPARE(m_window->ticketPanel()->ticketId(), m_mine); // the panel did not jump either
}

void MainWindowTest::eachShortcutDoesItsAction()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    Ui::TicketPanel *ticket = m_window->ticketPanel();
    m_window->activateWindow();
    queue->setViewById(QStringLiteral("all-open"));
    queue->selectTicket(m_unassigned);
    queue->table()->setFocus();
    auto press = [&](const QString &id) {
        QAction *a = m_window->action(id);
        QVERIFY2(a, qPrintable(id));
        QVERIFY2(!a->shortcut().isEmpty(), qPrintable(id));
        QVERIFY2(a->isEnabled(), qPrintable(id + QStringLiteral(" is disabled")));
        // As the window manager does when a dialog closes: the main window is active again.
        if (!m_window->isActiveWindow()) {
            m_window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        }
        QTest::keySequence(
            QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(),
            a->shortcut());
    };

    press(QStringLiteral("queue.filter"));
    QTRY_COMPARE(QApplication::focusWidget(), queue->filterField());

    queue->selectTicket(model()->ticketIdAt(0));
    press(QStringLiteral("ticket.next"));
    QCOMPARE(queue->openTicket(), model()->ticketIdAt(1));
    press(QStringLiteral("ticket.previous"));
    QCOMPARE(queue->openTicket(), model()->ticketIdAt(0));

    press(QStringLiteral("queue.view.unassigned"));
    QCOMPARE(model()->view().id, QStringLiteral("unassigned"));
    press(QStringLiteral("queue.nextView"));
    QCOMPARE(model()->view().id, QStringLiteral("at-risk"));
    press(QStringLiteral("queue.view.all-open"));
    QCOMPARE(model()->view().id, QStringLiteral("all-open"));

    queue->selectTicket(m_unassigned);
    QCOMPARE(ticket->ticketId(), m_unassigned);
    press(QStringLiteral("ticket.reply"));
    QTRY_VERIFY(ticket->editor()->isAncestorOf(QApplication::focusWidget()));
    QCOMPARE(ticket->editor()->mode(), Ui::ReplyEditor::Mode::Reply);
    press(QStringLiteral("ticket.note"));
    QTRY_COMPARE(ticket->editor()->mode(), Ui::ReplyEditor::Mode::Note);

    press(QStringLiteral("kb.search"));
    QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget())
        && m_window->kbPane()->isAncestorOf(QApplication::focusWidget()));

    press(QStringLiteral("ticket.assignToMe"));
    QTRY_COMPARE(m_workspace->ticket(m_unassigned)->assigneeId, m_desk.ana);
    QTRY_COMPARE(m_workspace->outboxSize(), 0); // confirmed by the server

    QString title;
    closeNextDialog(&title);
    press(QStringLiteral("ticket.status"));
    QTRY_COMPARE(title, QStringLiteral("QMenu")); // the status menu opened (and was closed)

    title.clear();
    closeNextDialog(&title);
    press(QStringLiteral("ticket.escalate"));
    QTRY_VERIFY(!title.isEmpty());

    title.clear();
    closeNextDialog(&title);
    press(QStringLiteral("app.shortcuts"));
    QTRY_VERIFY(!title.isEmpty());

    press(QStringLiteral("app.palette"));
    QTRY_VERIFY(m_window->findChild<Ui::CommandPalette *>());
    Ui::CommandPalette *palette = m_window->findChild<Ui::CommandPalette *>();
    QTRY_VERIFY(palette->isVisible());
    palette->reject();

    title.clear();
    closeNextDialog(&title);
    press(QStringLiteral("ticket.new"));
    QTRY_VERIFY(!title.isEmpty());

    title.clear();
    closeNextDialog(&title);
    press(QStringLiteral("ticket.phone"));
    QTRY_VERIFY(!title.isEmpty());

    title.clear();
    closeNextDialog(&title);
    press(QStringLiteral("ticket.canned"));
    QTRY_VERIFY(!title.isEmpty());

    press(QStringLiteral("ticket.window"));
    QTRY_VERIFY(!QApplication::topLevelWidgets().isEmpty());
    Ui::TicketWindow *own = nullptr;
    QTRY_VERIFY((own = [] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *t = qobject_cast<Ui::TicketWindow *>(w); t && t->isVisible())
                return t;
        return static_cast<Ui::TicketWindow *>(nullptr);
    }()) != nullptr);
    own->close();
}

void MainWindowTest::noShortcutStealsAKeyThePlatformOrALayoutNeeds()
{
    QSet<QKeySequence> platform;
    const QMetaEnum keys = QMetaEnum::fromType<QKeySequence::StandardKey>();
    for (int i = 0; i < keys.keyCount(); ++i) {
        for (const QKeySequence &k :
            QKeySequence::keyBindings(QKeySequence::StandardKey(keys.value(i))))
            platform.insert(k);
    }
    QSet<QKeySequence> seen;
    for (QAction *a : m_window->allActions()) {
        for (const QKeySequence &k : a->shortcuts()) {
            if (k.isEmpty())
                continue; // a standard key this platform does not bind
            const QString name = a->objectName() + QStringLiteral(": ") + k.toString();
            QVERIFY2(!seen.contains(k), qPrintable(QStringLiteral("used twice: ") + name));
            seen.insert(k);
            // A standard key is fine only for its own meaning: New, Quit, Find (in the queue),
            // Help.
            const QHash<QString, QKeySequence::StandardKey> ownMeaning {
                { QStringLiteral("ticket.new"), QKeySequence::New },
                { QStringLiteral("app.quit"), QKeySequence::Quit },
                { QStringLiteral("queue.filter"), QKeySequence::Find },
                { QStringLiteral("app.shortcuts"), QKeySequence::HelpContents },
                { QStringLiteral("ticket.back"), QKeySequence::Back },
                { QStringLiteral("ticket.forward"), QKeySequence::Forward }
            };
            const bool meant = ownMeaning.contains(a->objectName())
                && QKeySequence::keyBindings(ownMeaning.value(a->objectName())).contains(k);
            if (!meant)
                QVERIFY2(!platform.contains(k),
                    qPrintable(QStringLiteral("a standard key of the platform: ") + name));
            const QKeyCombination combo = k[0];
            // Ctrl+Alt is AltGr on Windows: the key to type @, [ or € on many layouts.
            QVERIFY2(!(combo.keyboardModifiers() & Qt::ControlModifier
                         && combo.keyboardModifiers() & Qt::AltModifier),
                qPrintable(name));
            const int key = combo.key();
            const bool layoutSafe = (key >= Qt::Key_A && key <= Qt::Key_Z)
                || (key >= Qt::Key_0 && key <= Qt::Key_9)
                || (key >= Qt::Key_F1 && key <= Qt::Key_F12) || key == Qt::Key_Up
                || key == Qt::Key_Down || key == Qt::Key_Left || key == Qt::Key_Right
                || key == Qt::Key_PageUp || key == Qt::Key_PageDown;
            QVERIFY2(layoutSafe,
                qPrintable(QStringLiteral("a key some layouts type with AltGr or Shift: ") + name));
            QVERIFY2(combo.keyboardModifiers() != Qt::NoModifier
                    || (key >= Qt::Key_F1 && key <= Qt::Key_F12),
                qPrintable(QStringLiteral("a bare key would be typed into text fields: ") + name));
        }
    }
}

void MainWindowTest::theCommandPaletteRunsAnActionByName()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    queue->setViewById(QStringLiteral("all-open"));
    queue->selectTicket(m_mine);
    m_window->showCommandPalette();
    QPointer<Ui::CommandPalette> palette;
    QTRY_VERIFY((palette = m_window->findChild<Ui::CommandPalette *>()) && palette->isVisible());
    QTest::keyClicks(palette->searchField(), QStringLiteral("view pending"));
    // The one action, then the offer to search all tickets for the words.
    QCOMPARE(palette->list()->count(), 2);
    QVERIFY(palette->list()->item(1)->text().contains(QStringLiteral("view pending")));
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QTRY_COMPARE(model()->view().id, QStringLiteral("pending-customer"));
    // (The palette closes itself after running an action.) Words in any order, the start
    // of a word first.
    Ui::CommandPalette fresh(m_window->allActions());
    const QList<QAction *> found = fresh.matching(QStringLiteral("me assign"));
    QVERIFY(!found.isEmpty());
    QCOMPARE(found.first()->objectName(), QStringLiteral("ticket.assignToMe"));
}

void MainWindowTest::aSecondAgentShowsInTheRowAndTheHeader()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    queue->setViewById(QStringLiteral("all-open"));
    queue->selectTicket(m_mine2);
    QCOMPARE(m_window->ticketPanel()->ticketId(), m_mine2);
    const auto r = m_lola.call(
        QStringLiteral("presence.viewing"), { { QStringLiteral("ticketId"), double(m_mine2) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QTRY_VERIFY(model()
                    ->index(rowOf(m_mine2), QueueModel::Subject)
                    .data(QueueModel::ViewersRole)
                    .toStringList()
                    .contains(QStringLiteral("Lola")));
    QTRY_VERIFY(m_window->ticketPanel()->header()->viewersText().contains(QStringLiteral("Lola")));
    m_lola.call(QStringLiteral("presence.viewing"), { { QStringLiteral("ticketId"), 0 } });
    QTRY_VERIFY(model()
                    ->index(rowOf(m_mine2), QueueModel::Subject)
                    .data(QueueModel::ViewersRole)
                    .toStringList()
                    .isEmpty());
}

void MainWindowTest::aTicketNewlyAssignedToMeIsNotified()
{
    QSignalSpy notified(m_window->notifier(), &Ui::TrayNotifier::notified);
    const qint64 id = create(QStringLiteral("Monitor flickers"));
    update(id, { { QStringLiteral("assigneeId"), double(m_desk.ana) } });
    QTRY_VERIFY(!notified.isEmpty());
    QCOMPARE(notified.last().at(0).toLongLong(), id);
    QVERIFY(notified.last().at(2).toString().contains(QStringLiteral("Monitor flickers")));
}

void MainWindowTest::theStatusBarSaysOfflineAndCountsWaitingEdits()
{
    QCOMPARE(m_window->connectionLabel()->property("state").toInt(),
        int(Client::SyncEngine::State::Online));
    m_server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionLabel()->property("state").toInt()
            == int(Client::SyncEngine::State::Online),
        false, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connectionLabel()->text().contains(QStringLiteral("Offline"))
            || m_window->connectionLabel()->text().contains(QStringLiteral("Connecting")),
        20000);
    m_workspace->addNote(m_mine, QStringLiteral("Called the customer, no answer"));
    QTRY_COMPARE(m_window->outboxLabel()->property("waiting").toInt(), 1);
    QVERIFY(m_window->outboxLabel()->text().contains(QLatin1Char('1')));
    QVERIFY(m_server.start());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->outboxLabel()->property("waiting").toInt(), 0, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connectionLabel()->property("state").toInt(),
        int(Client::SyncEngine::State::Online), 30000);
}

void MainWindowTest::onlyLeadsAndAdminsGetTheDashboardTab()
{
    QVERIFY(!m_window->dashboardTab()); // ana is an agent
    QTemporaryDir leadDir;
    Client::Workspace lead;
    QString error;
    QVERIFY2(lead.open({ m_server.url(), QStringLiteral("lola"), QStringLiteral("pw-lola"),
                           leadDir.path(), false },
                 &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(lead.state() == Client::SyncEngine::State::Online, 20000);
    Ui::MainWindow window(&lead);
    window.start();
    QTRY_VERIFY(window.dashboardTab());
    QCOMPARE(window.tabs()->count(), 2);
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
