// The right ticket every time: the console on the demo desk driven as a team lead drives it,
// with the pointer and the keyboard going through the window (press, release, double-click:
// the platform's path, so a click lands on whatever widget is under the pointer by then).
// Each case fails if the wrong ticket opens, if a stray window opens, or if an edit moves
// the agent to another ticket.

#include "ui/mainwindow/mainwindow.h"

#include "dashboard/dashboard.h"
#include "models/dashboard/kpitablemodel.h"
#include "models/navigation/tickethistory.h"
#include "models/queue/queuemodel.h"
#include "serverprocess.h"
#include "testclient.h"
#include "ui/commands/commandpalette.h"
#include "ui/common/translations.h"
#include "ui/dashboard/dashboardtab.h"
#include "ui/dashboard/reportexportdialog.h"
#include "ui/queue/queuepanel.h"
#include "ui/ticket/customercard.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/ticketwindow.h"
#include "workspace/workspace.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Models::QueueModel;

class NavigationTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void doubleClickingAnAtRiskTicketOpensThatTicketAndNotTheRowUnderThePointer();
    void enterOnAnAtRiskTicketOpensItWithoutAStrayWindow();
    void doubleClickingAQueueRowOpensThatRowsTicketInItsOwnWindow();
    void aTicketOpenedFromTheHistoryLeavesTheQueueRowsClickable();
    void backAndForwardWalkTheTicketsSeen();
    void assignToMeInUnassignedKeepsTheTicketOpen();
    void switchingViewsKeepsTheOpenTicket();
    void aClosedTicketOpensByNumberFromThePaletteAndTheFilter();
    void aTicketNotOnThisComputerIsFetchedAndOpened();
    void enterInTheFilterSearchesAllTicketsIntoAViewOfResults();
    void eachViewKeepsTheColumnsTheAgentChose();
    void theQueueSortsBySlaDue();
    void atRiskColumnsStayReadableAfterAGroupChange();
    void theViewsBoxShowsEachShortcutWhole();
    void everyVisibleColumnIsReadableFrom1280x720To1920x1080_data();
    void everyVisibleColumnIsReadableFrom1280x720To1920x1080();

private:
    QueueModel *model() const { return m_window->queuePanel()->model(); }
    QTableView *queueTable() const { return m_window->queuePanel()->table(); }
    qint64 shown() const { return m_window->ticketPanel()->ticketId(); }
    QPoint inWindow(QWidget *w, const QPoint &local) const
    {
        return w->mapTo(m_window.get(), local);
    }
    QPoint queueRowPoint(int row) const;
    void click(QWidget *w, const QPoint &local);
    void doubleClick(QWidget *w, const QPoint &local);
    int ownWindows() const;
    QString number(qint64 id) const;
    qint64 closedTicket() const;

    ServerProcess m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<Client::Workspace> m_workspace;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void NavigationTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.demoData(800));
    QVERIFY(m_server.start());
    QString error;
    m_workspace = std::make_unique<Client::Workspace>();
    QVERIFY2(m_workspace->open({ m_server.url(), QStringLiteral("lead"), QStringLiteral("demo"),
                                   m_dir.path(), false },
                 &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(m_workspace->state() == Client::SyncEngine::State::Online, 30000);
    m_window = std::make_unique<Ui::MainWindow>(m_workspace.get());
    m_window->resize(1600, 1000);
    m_window->show();
    m_window->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->dashboardTab());
    QTRY_VERIFY(model()->totalTickets() > 100);
}

void NavigationTest::init()
{
    // Every case starts on the Tickets tab, in "All open", with no window of its own open.
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (qobject_cast<Ui::TicketWindow *>(w))
            w->close();
    }
    QApplication::processEvents();
    // Shortcuts work in the active window: the main one again.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->tabs()->setCurrentIndex(0);
    m_window->queuePanel()->setViewById(QStringLiteral("all-open"));
    QTest::qWait(QApplication::doubleClickInterval() + 20); // nothing left of an earlier gesture
}

void NavigationTest::cleanupTestCase()
{
    m_window.reset();
    m_workspace.reset();
}

QPoint NavigationTest::queueRowPoint(int row) const
{
    queueTable()->scrollTo(model()->index(row, QueueModel::Subject));
    return queueTable()->visualRect(model()->index(row, QueueModel::Subject)).center();
}

void NavigationTest::click(QWidget *w, const QPoint &local)
{
    QTest::mouseClick(m_window->windowHandle(), Qt::LeftButton, {}, inWindow(w, local));
    QApplication::processEvents();
}

void NavigationTest::doubleClick(QWidget *w, const QPoint &local)
{
    QTest::mouseDClick(m_window->windowHandle(), Qt::LeftButton, {}, inWindow(w, local));
    QApplication::processEvents();
}

int NavigationTest::ownWindows() const
{
    int n = 0;
    for (QWidget *w : QApplication::topLevelWidgets())
        n += qobject_cast<Ui::TicketWindow *>(w) && w->isVisible() ? 1 : 0;
    return n;
}

QString NavigationTest::number(qint64 id) const
{
    const auto t = m_workspace->ticket(id);
    return t ? t->number : QString::number(id);
}

void NavigationTest::doubleClickingAnAtRiskTicketOpensThatTicketAndNotTheRowUnderThePointer()
{
    Ui::DashboardTab *dashboard = m_window->dashboardTab();
    m_window->tabs()->setCurrentWidget(dashboard);
    Models::KpiTableModel *atRisk = dashboard->atRiskModel();
    QTRY_VERIFY_WITH_TIMEOUT(atRisk->rowCount() > 3, 20000);
    QTableView *view = dashboard->atRiskView();
    for (QWidget *w = view->parentWidget(); w; w = w->parentWidget()) {
        if (auto *area = qobject_cast<QScrollArea *>(w)) {
            area->ensureWidgetVisible(view, 0, 0);
            break;
        }
    }
    QApplication::processEvents();
    // The agent's queue is wide enough to lie under the at-risk list (splitters are theirs to set).
    const int reach = inWindow(view->viewport(), view->viewport()->rect().center()).x() + 60;
    m_window->tabs()->setCurrentIndex(0);
    const QList<int> sizes = m_window->splitter()->sizes();
    const int total = sizes.value(0) + sizes.value(1) + sizes.value(2);
    m_window->splitter()->setSizes({ reach, (total - reach) / 2, (total - reach) / 2 });
    QApplication::processEvents();
    m_window->tabs()->setCurrentWidget(dashboard);
    QApplication::processEvents();
    // A row of the at-risk list whose place on screen is over a queue row with another ticket:
    // the first click switching tabs would put the second on that queue row.
    for (int row = 0; row < atRisk->rowCount(); ++row) {
        view->scrollTo(atRisk->index(row, 1));
        const QPoint local = view->visualRect(atRisk->index(row, 1)).center();
        if (!view->viewport()->rect().contains(local)
            || !m_window->rect().contains(inWindow(view->viewport(), local)))
            continue;
        const qint64 wanted = atRisk->keyAt(row);
        const QPoint there
            = queueTable()->viewport()->mapFrom(m_window.get(), inWindow(view->viewport(), local));
        const QModelIndex under = queueTable()->indexAt(there);
        if (!under.isValid() || model()->ticketIdAt(under.row()) == wanted)
            continue;
        const int windows = ownWindows();
        doubleClick(view->viewport(), local);
        QTRY_COMPARE(m_window->tabs()->currentIndex(), 0);
        QTRY_VERIFY2(shown() == wanted,
            qPrintable(
                QStringLiteral("opened %1 instead of %2").arg(number(shown()), number(wanted))));
        QCOMPARE(m_window->queuePanel()->openTicket(), wanted);
        QCOMPARE(ownWindows(), windows);
        // The agent's next click on the queue, after the gesture, does what it says. The queue
        // ignores clicks for a double-click interval after the gesture, timed by the real
        // clock (ui/queue/queuetable.h): the agent's pause is the behaviour here.
        QTest::qWait(QApplication::doubleClickInterval() + 20);
        QVERIFY2(shown() == wanted, "the ticket the gesture opened is still shown after it");
        const int other = model()->rowOfTicket(wanted) == 0 ? 1 : 0;
        click(queueTable()->viewport(), queueRowPoint(other));
        QCOMPARE(shown(), model()->ticketIdAt(other));
        return;
    }
    QFAIL("no at-risk row on screen lies over a queue row of another ticket");
}

void NavigationTest::enterOnAnAtRiskTicketOpensItWithoutAStrayWindow()
{
    Ui::DashboardTab *dashboard = m_window->dashboardTab();
    m_window->tabs()->setCurrentWidget(dashboard);
    Models::KpiTableModel *atRisk = dashboard->atRiskModel();
    QTRY_VERIFY_WITH_TIMEOUT(atRisk->rowCount() > 2, 20000);
    QTableView *view = dashboard->atRiskView();
    view->setFocus();
    view->setCurrentIndex(atRisk->index(2, 0));
    const qint64 wanted = atRisk->keyAt(2);
    const int windows = ownWindows();
    QTest::keyPress(m_window->windowHandle(), Qt::Key_Return);
    QTRY_COMPARE(m_window->tabs()->currentIndex(), 0);
    // The key held a moment: the repeats reach whatever has the focus on the Tickets tab.
    QWidget *focus = QApplication::focusWidget();
    QVERIFY(focus);
    for (int i = 0; i < 3; ++i) {
        QKeyEvent repeat(
            QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier, QStringLiteral("\r"), true);
        QApplication::sendEvent(QApplication::focusWidget(), &repeat);
    }
    QTest::keyRelease(m_window->windowHandle(), Qt::Key_Return);
    QApplication::processEvents();
    QCOMPARE(shown(), wanted);
    QCOMPARE(ownWindows(), windows);
}

void NavigationTest::doubleClickingAQueueRowOpensThatRowsTicketInItsOwnWindow()
{
    QVERIFY(model()->rowCount() > 5);
    click(queueTable()->viewport(), queueRowPoint(0));
    const qint64 first = model()->ticketIdAt(0);
    QCOMPARE(shown(), first);
    const qint64 fourth = model()->ticketIdAt(3);
    QTest::qWait(QApplication::doubleClickInterval() + 20);
    doubleClick(queueTable()->viewport(), queueRowPoint(3));
    QTRY_COMPARE(ownWindows(), 1);
    Ui::TicketWindow *window = nullptr;
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *t = qobject_cast<Ui::TicketWindow *>(w); t && t->isVisible())
            window = t;
    }
    QVERIFY(window);
    QVERIFY2(window->ticketId() == fourth,
        qPrintable(QStringLiteral("its own window shows %1, the row was %2")
                       .arg(number(window->ticketId()), number(fourth))));
    QCOMPARE(shown(), fourth);
}

void NavigationTest::aTicketOpenedFromTheHistoryLeavesTheQueueRowsClickable()
{
    // A ticket whose customer has other tickets.
    Ui::CustomerCard *card = m_window->ticketPanel()->customerCard();
    QTreeWidget *history = card->historyView();
    int row = 0;
    QTreeWidgetItem *entry = nullptr;
    for (; row < qMin(60, model()->rowCount()) && !entry; ++row) {
        click(queueTable()->viewport(), queueRowPoint(row));
        QTest::qWait(QApplication::doubleClickInterval() + 20);
        for (int s = 0; s < history->topLevelItemCount() && !entry; ++s) {
            if (history->topLevelItem(s)->childCount() > 0)
                entry = history->topLevelItem(s)->child(0);
        }
    }
    QVERIFY2(entry, "no ticket with a history in the first rows");
    const int queueRow = row - 1;
    const qint64 first = model()->ticketIdAt(queueRow);
    const qint64 earlier = entry->data(0, Ui::CustomerCard::TicketIdRole).toLongLong();
    m_window->contextTabs()->setCurrentIndex(0);
    history->scrollToItem(entry);
    click(history->viewport(), history->visualItemRect(entry).center());
    QCOMPARE(shown(), earlier);
    QCOMPARE(m_window->queuePanel()->openTicket(), earlier);
    // The queue highlights the history's ticket if the view shows it, and nothing otherwise.
    const QModelIndexList selected = queueTable()->selectionModel()->selectedRows();
    if (model()->rowOfTicket(earlier) >= 0) {
        QCOMPARE(selected.size(), 1);
        QCOMPARE(model()->ticketIdAt(selected.first().row()), earlier);
    } else {
        QVERIFY(selected.isEmpty());
        QVERIFY(m_window->queuePanel()->openTicketNote().contains(number(earlier)));
    }
    // A click on the row that was highlighted before opens it again.
    QTest::qWait(QApplication::doubleClickInterval() + 20);
    click(queueTable()->viewport(), queueRowPoint(model()->rowOfTicket(first)));
    QCOMPARE(shown(), first);
    QVERIFY(m_window->queuePanel()->openTicketNote().isEmpty());
    // And Back returns to the history's ticket.
    QTest::keyClick(m_window->windowHandle(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(shown(), earlier);
}

void NavigationTest::backAndForwardWalkTheTicketsSeen()
{
    const qint64 a = model()->ticketIdAt(5), b = model()->ticketIdAt(6), c = model()->ticketIdAt(7);
    for (int row : { 5, 6, 7 }) {
        click(queueTable()->viewport(), queueRowPoint(row));
        QTest::qWait(QApplication::doubleClickInterval() + 20);
    }
    QCOMPARE(shown(), c);
    QTest::keyClick(m_window->windowHandle(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(shown(), b);
    QCOMPARE(m_window->queuePanel()->openTicket(), b);
    auto *back = m_window->ticketPanel()->findChild<QToolButton *>(QStringLiteral("navigateBack"));
    auto *forward
        = m_window->ticketPanel()->findChild<QToolButton *>(QStringLiteral("navigateForward"));
    QVERIFY(back && forward && back->isVisible());
    click(back, back->rect().center());
    QCOMPARE(shown(), a);
    click(forward, forward->rect().center());
    QCOMPARE(shown(), b);
    QTest::keyClick(m_window->windowHandle(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(shown(), c);
    QVERIFY(!m_window->action(QStringLiteral("ticket.forward"))->isEnabled());
    // The mouse's own Back button.
    QTest::mouseClick(m_window->windowHandle(), Qt::BackButton, {},
        inWindow(m_window->ticketPanel(), QPoint(20, 20)));
    QCOMPARE(shown(), b);
}

void NavigationTest::assignToMeInUnassignedKeepsTheTicketOpen()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    // Three new, unassigned tickets in the lead's first group.
    const qint64 group = m_workspace->me().groupIds.first();
    for (int i = 0; i < 3; ++i) {
        Atiende::Core::NewTicket t;
        t.subject = QStringLiteral("Unassigned one %1").arg(i);
        t.groupId = group;
        m_workspace->createTicket(t);
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_workspace->outboxSize(), 0, 10000);
    queue->setViewById(QStringLiteral("unassigned"));
    QTRY_VERIFY(model()->rowCount() > 2);
    click(queueTable()->viewport(), queueRowPoint(1));
    const qint64 id = model()->ticketIdAt(1);
    QCOMPARE(shown(), id);
    QPushButton *assign = m_window->ticketPanel()->assignToMeButton();
    QVERIFY(assign->isEnabled());
    click(assign, assign->rect().center());
    // It leaves the view (assigned now)...
    QTRY_COMPARE(model()->rowOfTicket(id), -1);
    // ...and stays open, said to be out of the view, with no other row highlighted.
    QCOMPARE(shown(), id);
    QCOMPARE(queue->openTicket(), id);
    QVERIFY(queueTable()->selectionModel()->selectedRows().isEmpty());
    QVERIFY(queue->openTicketNote().contains(number(id)));
    // Also once the server confirmed it.
    QTRY_COMPARE_WITH_TIMEOUT(m_workspace->outboxSize(), 0, 10000);
    // The server's own copy of the ticket reaches the cache after the acknowledgement: wait
    // until the cache holds the version the server has.
    {
        TestClient lead;
        QVERIFY(lead.open(m_server.url())
            && lead.login(QStringLiteral("lead"), QStringLiteral("demo")));
        const auto r
            = lead.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
        QVERIFY2(r.ok, qPrintable(r.error.message));
        const int serverVersion = r.object()
                                      .value(QStringLiteral("ticket"))
                                      .toObject()
                                      .value(QStringLiteral("version"))
                                      .toInt();
        QTRY_COMPARE_WITH_TIMEOUT(m_workspace->ticket(id)->version, serverVersion, 10000);
    }
    QCOMPARE(shown(), id);
    QCOMPARE(m_workspace->ticket(id)->assigneeId, m_workspace->myId());
}

void NavigationTest::switchingViewsKeepsTheOpenTicket()
{
    click(queueTable()->viewport(), queueRowPoint(2));
    const qint64 id = model()->ticketIdAt(2);
    QCOMPARE(shown(), id);
    for (int view = 0; view < 6; ++view) {
        QTest::keyClick(m_window->windowHandle(), Qt::Key(Qt::Key_1 + view), Qt::ControlModifier);
        QCOMPARE(shown(), id);
        const int row = model()->rowOfTicket(id);
        const QModelIndexList selected = queueTable()->selectionModel()->selectedRows();
        if (row >= 0)
            QVERIFY(selected.size() == 1 && selected.first().row() == row);
        else
            QVERIFY(selected.isEmpty());
    }
}

qint64 NavigationTest::closedTicket() const
{
    for (const Client::QueueRow &r : m_workspace->queueRows()) {
        if (r.status == Core::TicketStatus::Closed && r.id > 0)
            return r.id;
    }
    return 0;
}

void NavigationTest::aClosedTicketOpensByNumberFromThePaletteAndTheFilter()
{
    const qint64 closed = closedTicket();
    QVERIFY2(closed, "the demo desk has closed tickets");
    QCOMPARE(model()->rowOfTicket(closed), -1); // "All open" does not show it
    const QString num = number(closed);
    // Ctrl+K, the number (without its dash, in small letters, as agents type it), Enter.
    QTest::keyClick(m_window->windowHandle(), Qt::Key_K, Qt::ControlModifier);
    QPointer<Ui::CommandPalette> palette;
    QTRY_VERIFY((palette = m_window->findChild<Ui::CommandPalette *>()) && palette->isVisible());
    QTest::keyClicks(palette->searchField(), num.toLower().remove(QLatin1Char('-')));
    QVERIFY(palette->list()->item(0)->text().contains(num));
    QTest::keyClick(palette->searchField(), Qt::Key_Return);
    QTRY_COMPARE(shown(), closed);
    QVERIFY(m_window->queuePanel()->openTicketNote().contains(num));
    // The filter box: the number and Enter.
    m_window->queuePanel()->setViewById(QStringLiteral("mine"));
    QTest::keyClick(m_window->windowHandle(), Qt::Key_Left, Qt::AltModifier); // back first
    QVERIFY(shown() != closed);
    QLineEdit *filter = m_window->queuePanel()->filterField();
    filter->setFocus();
    QTest::keyClicks(filter, num);
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE(shown(), closed);
    filter->clear();
}

void NavigationTest::aTicketNotOnThisComputerIsFetchedAndOpened()
{
    const qint64 closed = closedTicket();
    const QString num = number(closed);
    const int articles = int(m_workspace->conversation(closed).size());
    QVERIFY(articles > 0);
    QVERIFY(m_workspace->forgetTicket(closed));
    QVERIFY(!m_workspace->ticket(closed));
    m_window->openTicketByNumber(num);
    QTRY_COMPARE(shown(), closed);
    QCOMPARE(m_window->ticketPanel()->ticket().number, num);
    QCOMPARE(int(m_window->ticketPanel()->conversation().size()), articles);
    // A number nobody has: the status bar says so, and the open ticket stays.
    m_window->openTicketByNumber(QStringLiteral("INC-999999"));
    QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("INC-999999")));
    QTRY_VERIFY(!m_window->statusBar()->currentMessage().contains(QStringLiteral("…")));
    QCOMPARE(shown(), closed);
}

void NavigationTest::enterInTheFilterSearchesAllTicketsIntoAViewOfResults()
{
    // A word from the conversation of a closed ticket (not in its subject).
    const qint64 closed = closedTicket();
    const QString subject = m_workspace->ticket(closed)->subject.toLower();
    QString word;
    for (const Atiende::Core::Article &a : m_workspace->conversation(closed)) {
        for (const QString &w :
            a.body.split(QRegularExpression(QStringLiteral("\\W+")), Qt::SkipEmptyParts)) {
            if (w.size() >= 7 && !subject.contains(w.toLower()) && !w.front().isDigit()) {
                word = w;
                break;
            }
        }
        if (!word.isEmpty())
            break;
    }
    QVERIFY2(!word.isEmpty(), "a long word in a closed ticket's conversation");
    Ui::QueuePanel *queue = m_window->queuePanel();
    QLineEdit *filter = queue->filterField();
    filter->setFocus();
    QTest::keyClicks(filter, word);
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(model()->view().id, QStringLiteral("search"), 10000);
    QVERIFY2(model()->rowOfTicket(closed) >= 0,
        qPrintable(QStringLiteral("%1 not found by \"%2\"").arg(number(closed), word)));
    QVERIFY2(queue->searchNote().contains(word),
        qPrintable(queue->searchNote() + QStringLiteral(" / ") + word));
    QVERIFY(queue->viewChooser()->currentText().contains(word));
    // A click opens a result; picking a view leaves the search.
    click(queueTable()->viewport(), queueRowPoint(model()->rowOfTicket(closed)));
    QCOMPARE(shown(), closed);
    queue->setViewById(QStringLiteral("all-open"));
    QVERIFY(queue->searchNote().isEmpty());
    QCOMPARE(queue->viewChooser()->findData(QStringLiteral("search")), -1);
    QCOMPARE(shown(), closed);
}

void NavigationTest::eachViewKeepsTheColumnsTheAgentChose()
{
    Ui::QueuePanel *queue = m_window->queuePanel();
    QHeaderView *header = queueTable()->horizontalHeader();
    queue->setViewById(QStringLiteral("all-open"));
    // The Columns button's menu: the agent shows Updated and hides Customer in this view.
    QToolButton *button = queue->columnsButton();
    QAction *updated = nullptr, *customer = nullptr;
    for (QAction *a : queue->columnActions()) {
        if (a->data().toInt() == QueueModel::Updated)
            updated = a;
        if (a->data().toInt() == QueueModel::Customer)
            customer = a;
    }
    QVERIFY(button && updated && customer);
    const bool customerWas = customer->isChecked();
    if (!updated->isChecked())
        updated->trigger();
    customer->setChecked(!customerWas);
    QVERIFY(!header->isSectionHidden(QueueModel::Updated));
    QCOMPARE(header->isSectionHidden(QueueModel::Customer), customerWas);
    // Another view has its own; back in this one, the choice is still there.
    queue->setViewById(QStringLiteral("mine"));
    QVERIFY(header->isSectionHidden(QueueModel::Assignee)); // all "mine" are the agent's
    queue->setViewById(QStringLiteral("all-open"));
    QVERIFY(!header->isSectionHidden(QueueModel::Updated));
    QCOMPARE(header->isSectionHidden(QueueModel::Customer), customerWas);
    // And after a restart of the console (a new window over the same workspace).
    {
        Ui::MainWindow again(m_workspace.get());
        again.resize(1600, 1000);
        again.show();
        again.start();
        again.queuePanel()->setViewById(QStringLiteral("all-open"));
        QHeaderView *h = again.queuePanel()->table()->horizontalHeader();
        QVERIFY(!h->isSectionHidden(QueueModel::Updated));
        QCOMPARE(h->isSectionHidden(QueueModel::Customer), customerWas);
    }
    // "Default columns for this view" gives the defaults back.
    QAction *reset = button->menu()->findChild<QAction *>(QStringLiteral("column.reset"));
    QVERIFY(reset);
    reset->trigger();
    QVERIFY(!header->isSectionHidden(QueueModel::SlaDue));
    m_window->activateWindow();
}

void NavigationTest::theQueueSortsBySlaDue()
{
    QHeaderView *header = queueTable()->horizontalHeader();
    const QPoint title(header->sectionViewportPosition(QueueModel::SlaDue)
            + header->sectionSize(QueueModel::SlaDue) / 2,
        header->height() / 2);
    click(header->viewport(), title);
    if (model()->sortOrder() != Qt::AscendingOrder) {
        QTest::qWait(QApplication::doubleClickInterval() + 20);
        click(header->viewport(), title);
    }
    QCOMPARE(model()->sortColumn(), int(QueueModel::SlaDue));
    QCOMPARE(model()->sortOrder(), Qt::AscendingOrder);
    // Running clocks first, soonest (or most overdue) first.
    qint64 last = std::numeric_limits<qint64>::min();
    int running = 0;
    for (int row = 0; row < model()->rowCount(); ++row) {
        const qint64 due
            = model()->index(row, QueueModel::SlaDue).data(QueueModel::SlaDueRole).toLongLong();
        if (due == 0)
            break;
        QVERIFY(due >= last);
        last = due;
        ++running;
    }
    QVERIFY(running > 3);
}

void NavigationTest::atRiskColumnsStayReadableAfterAGroupChange()
{
    Ui::DashboardTab *dashboard = m_window->dashboardTab();
    m_window->tabs()->setCurrentWidget(dashboard);
    auto *groups = dashboard->findChild<QComboBox *>(QStringLiteral("groupChooser"));
    QVERIFY(groups && groups->count() > 1);
    Models::KpiTableModel *atRisk = dashboard->atRiskModel();
    QTableView *view = dashboard->atRiskView();
    for (int g = 0; g < groups->count(); ++g) {
        // Chosen with the keyboard, as the box is used; the rows of the new scope come in.
        groups->setFocus();
        QSignalSpy figures(m_workspace->dashboard(), &Client::Dashboard::figuresChanged);
        const bool another = groups->currentIndex() != g;
        groups->setCurrentIndex(g);
        if (another) // the server's figures for the new scope
            QTRY_VERIFY_WITH_TIMEOUT(
                figures.count() > 0 && m_workspace->dashboard()->isLive(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(atRisk->rowCount() > 0 || g > 0, 15000);
        QApplication::processEvents();
        for (int c = 0; c < atRisk->columnCount(); ++c) {
            const int width = view->horizontalHeader()->sectionSize(c);
            for (int row = 0; row < atRisk->rowCount(); ++row) {
                const QString text = atRisk->index(row, c).data().toString();
                const int extra = qMax(8,
                    view->sizeHintForIndex(atRisk->index(row, c)).width()
                        - view->fontMetrics().horizontalAdvance(text));
                QVERIFY2(width >= view->fontMetrics().horizontalAdvance(text.left(12)) + extra,
                    qPrintable(QStringLiteral("group %1, column %2: \"%3\" in %4 px")
                                   .arg(groups->itemText(g))
                                   .arg(c)
                                   .arg(text)
                                   .arg(width)));
            }
        }
    }
    groups->setCurrentIndex(0);
    m_window->tabs()->setCurrentIndex(0);
}

void NavigationTest::theViewsBoxShowsEachShortcutWhole()
{
    QComboBox *views = m_window->queuePanel()->viewChooser();
    for (int i = 0; i < 6; ++i) {
        const QString keys
            = QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText);
        QVERIFY2(views->itemText(i).endsWith(QStringLiteral("(%1)").arg(keys)),
            qPrintable(views->itemText(i)));
        QVERIFY(!views->itemText(i).contains(QLatin1Char('\t')));
        // The open list is wide enough for every entry.
        QVERIFY(views->view()->minimumWidth()
            >= views->fontMetrics().horizontalAdvance(views->itemText(i)));
    }
}

namespace {
// At least its title, and its text up to 12 characters, fit in a column this wide.
QString unreadable(
    const QString &what, int width, const QFontMetrics &fm, const QString &text, int padding)
{
    const int needed = fm.horizontalAdvance(text.left(12)) + padding;
    return width >= needed
        ? QString()
        : QStringLiteral("%1: \"%2\" needs %3 px, has %4").arg(what, text).arg(needed).arg(width);
}
} // namespace

void NavigationTest::everyVisibleColumnIsReadableFrom1280x720To1920x1080_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    for (const QString &language : { QStringLiteral("en"), QStringLiteral("es") }) {
        QTest::newRow(qPrintable(QStringLiteral("1280x720 ") + language))
            << QSize(1280, 720) << language;
        QTest::newRow(qPrintable(QStringLiteral("1600x1000 ") + language))
            << QSize(1600, 1000) << language;
        QTest::newRow(qPrintable(QStringLiteral("1920x1080 ") + language))
            << QSize(1920, 1080) << language;
    }
}

void NavigationTest::everyVisibleColumnIsReadableFrom1280x720To1920x1080()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    // A console started in this language (Spanish words are longer), laid out at this size as
    // a first start does it (the agent has not moved a splitter).
    QVERIFY(Ui::Translations::install(*qApp, QLocale(language)));
    auto restore = qScopeGuard([this] {
        Ui::Translations::install(*qApp, QLocale(QStringLiteral("en")));
        m_window->activateWindow();
    });
    std::unique_ptr<Ui::MainWindow> window = std::make_unique<Ui::MainWindow>(m_workspace.get());
    std::swap(window, m_window);
    auto back = qScopeGuard([&] { std::swap(window, m_window); });
    QSettings().remove(QStringLiteral("main/splitter"));
    m_window->resize(size);
    m_window->show();
    m_window->start();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->queuePanel()->setViewById(QStringLiteral("all-open"));
    // The default columns follow the width once the layout settles.
    auto shownCount = [this] {
        int n = 0;
        for (int c = 0; c < model()->columnCount(); ++c)
            n += queueTable()->horizontalHeader()->isSectionHidden(c) ? 0 : 1;
        return n;
    };
    QTRY_VERIFY(shownCount() >= 4);
    QCoreApplication::sendPostedEvents(
        nullptr, QEvent::LayoutRequest); // laid out now, not after a while
    QStringList problems;

    // The queue: every column shown lies wholly in view, with its title and content readable.
    QTableView *table = queueTable();
    QHeaderView *header = table->horizontalHeader();
    const QFontMetrics fm = table->fontMetrics();
    int shownColumns = 0;
    for (int c = 0; c < model()->columnCount(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        ++shownColumns;
        const int left = header->sectionViewportPosition(c);
        const int width = header->sectionSize(c);
        if (left < 0 || left + width > table->viewport()->width() + 1)
            problems << QStringLiteral("queue column %1 is cut off (%2..%3 of %4)")
                            .arg(model()->headerData(c, Qt::Horizontal).toString())
                            .arg(left)
                            .arg(left + width)
                            .arg(table->viewport()->width());
        problems << unreadable(QStringLiteral("queue title"), width, header->fontMetrics(),
            model()->headerData(c, Qt::Horizontal).toString(), 12);
        for (int row = 0; row < qMin(25, model()->rowCount()); ++row)
            problems << unreadable(QStringLiteral("queue cell"), width, fm,
                model()->index(row, c).data().toString(), 8);
    }
    QVERIFY2(shownColumns >= 4,
        qPrintable(QStringLiteral(
            "the queue shows at least number, priority, SLA and subject; %1 shown in %2 px")
                       .arg(shownColumns)
                       .arg(table->viewport()->width())));
    QVERIFY(!header->isSectionHidden(QueueModel::SlaDue));

    // The customer's history: each entry's number, status and date, and its subject.
    m_window->contextTabs()->setCurrentIndex(0);
    QTreeWidget *history = m_window->ticketPanel()->customerCard()->historyView();
    int entries = 0;
    for (int row = 0; row < qMin(40, model()->rowCount()) && entries == 0; ++row) {
        m_window->openTicket(model()->ticketIdAt(row));
        QApplication::processEvents();
        for (int s = 0; s < history->topLevelItemCount(); ++s)
            entries += history->topLevelItem(s)->childCount();
    }
    QVERIFY2(entries > 0, "a ticket with a customer history");
    const int historyWidth = history->viewport()->width() - 12;
    for (int s = 0; s < history->topLevelItemCount(); ++s) {
        for (int i = 0; i < history->topLevelItem(s)->childCount(); ++i) {
            const QTreeWidgetItem *item = history->topLevelItem(s)->child(i);
            using Card = Ui::CustomerCard;
            QFont bold = history->font();
            bold.setBold(true);
            const QString number = item->data(0, Card::NumberRole).toString();
            const QString status = item->data(0, Card::StatusRole).toString();
            const QString date = item->data(0, Card::DateRole).toString();
            const int gap = fm.horizontalAdvance(QStringLiteral("  "));
            // First line: the number and the status; second: the subject and the date.
            const int first = QFontMetrics(bold).horizontalAdvance(number) + gap
                + fm.horizontalAdvance(status.left(12));
            const int second
                = fm.horizontalAdvance(item->data(0, Card::SubjectRole).toString().left(12)) + gap
                + fm.horizontalAdvance(date);
            if (first > historyWidth || second > historyWidth)
                problems << QStringLiteral("history entry %1 %2 %3 needs %4 / %5 px, has %6")
                                .arg(number, status, date)
                                .arg(first)
                                .arg(second)
                                .arg(historyWidth);
            const QString section = history->topLevelItem(s)->text(0);
            if (QFontMetrics(bold).horizontalAdvance(section) > historyWidth)
                problems << QStringLiteral("history section \"%1\" is cut off").arg(section);
        }
    }

    // The dashboard's tickets at risk.
    Ui::DashboardTab *dashboard = m_window->dashboardTab();
    m_window->tabs()->setCurrentWidget(dashboard);
    QApplication::processEvents();
    Models::KpiTableModel *atRisk = dashboard->atRiskModel();
    QTRY_VERIFY_WITH_TIMEOUT(atRisk->rowCount() > 0, 20000);
    QTableView *view = dashboard->atRiskView();
    QHeaderView *riskHeader = view->horizontalHeader();
    for (int c = 0; c < atRisk->columnCount(); ++c) {
        const int width = riskHeader->sectionSize(c);
        if (riskHeader->sectionViewportPosition(c) + width > view->viewport()->width() + 1)
            problems << QStringLiteral("at-risk column %1 is cut off").arg(c);
        problems << unreadable(QStringLiteral("at-risk title"), width, riskHeader->fontMetrics(),
            atRisk->headerData(c, Qt::Horizontal).toString(), 8);
        for (int row = 0; row < atRisk->rowCount(); ++row) {
            // The padding the delegate needs around the text (the accent mark of the first column).
            const QModelIndex index = atRisk->index(row, c);
            const int extra = qMax(8,
                view->sizeHintForIndex(index).width()
                    - view->fontMetrics().horizontalAdvance(index.data().toString()));
            problems << unreadable(QStringLiteral("at-risk cell"), width, view->fontMetrics(),
                index.data().toString(), extra);
        }
    }
    m_window->tabs()->setCurrentIndex(0);
    problems.removeAll(QString());
    problems.removeDuplicates();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 12).join(QLatin1Char('\n'))));
}

QTEST_MAIN(NavigationTest)
#include "tst_navigation.moc"
