#include "mainwindow.h"

#include "core/protocol/errorcode.h"
#include "models/labels/labels.h"
#include "models/navigation/tickethistory.h"
#include "models/queue/queuemodel.h"
#include "ui/commands/commandpalette.h"
#include "ui/commands/shortcutsdialog.h"
#include "ui/dashboard/dashboardtab.h"
#include "ui/dashboard/reportexportdialog.h"
#include "ui/kb/kbpane.h"
#include "ui/mainwindow/mailboxesdialog.h"
#include "ui/mainwindow/settingsdialog.h"
#include "ui/mainwindow/signoutquestion.h"
#include "ui/notify/traynotifier.h"
#include "ui/queue/queuepanel.h"
#include "ui/ticket/ticketpanel.h"
#include "ui/ticket/ticketwindow.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMouseEvent>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>

namespace Atiende::Ui {

MainWindow::MainWindow(Client::Workspace *workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabWidget(this))
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_queue(new QueuePanel(workspace))
    , m_ticket(new TicketPanel(workspace))
    , m_kb(new KbPane(workspace))
    , m_context(new QTabWidget)
    , m_history(new Models::TicketHistory(this))
    , m_notifier(new TrayNotifier(workspace, this))
    , m_state(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_outbox(new QLabel(this))
    , m_user(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Atiende"));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    // The customer and the knowledge base share the right-hand pane: each gets its whole
    // width (a history of tickets and search results both need it) rather than a strip each.
    m_context->setObjectName(QStringLiteral("contextTabs"));
    m_context->setDocumentMode(true);
    m_context->addTab(m_ticket->takeContextPane(), tr("C&ustomer"));
    m_context->addTab(m_kb, tr("&Knowledge base"));
    m_context->setMinimumWidth(fontMetrics().averageCharWidth() * 34);
    m_splitter->addWidget(m_queue);
    m_splitter->addWidget(m_ticket);
    m_splitter->addWidget(m_context);
    m_splitter->setChildrenCollapsible(false);
    // Extra width goes to the ticket first, then to the queue and the context alike.
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setStretchFactor(2, 2);
    m_splitter->setSizes({ 500, 700, 320 });
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Tickets"));
    setCentralWidget(m_tabs);

    m_state->setObjectName(QStringLiteral("connectionState"));
    m_outbox->setObjectName(QStringLiteral("outboxState"));
    m_progress->setMaximumWidth(140);
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_user);
    statusBar()->addPermanentWidget(m_outbox);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_state);

    m_history->setAvailable([this](qint64 id) { return m_workspace->ticket(id).has_value(); });
    connect(m_history, &Models::TicketHistory::changed, this, &MainWindow::updateHistoryActions);
    connect(m_queue, &QueuePanel::openRequested, this, &MainWindow::openTicket);
    connect(m_queue, &QueuePanel::openNumberRequested, this, &MainWindow::openTicketByNumber);
    // Enter or a double click: that row's ticket (not whichever is open) in a window of its own.
    connect(m_queue, &QueuePanel::ticketActivated, this, [this](qint64 id) {
        if (id)
            TicketWindow::open(m_workspace, id);
    });
    connect(m_ticket, &TicketPanel::openTicketRequested, this, &MainWindow::openTicket);
    connect(m_ticket, &TicketPanel::kbArticleRequested, this, [this](qint64 kbId) {
        m_context->setCurrentWidget(m_kb);
        m_kb->openArticle(kbId);
    });
    connect(m_workspace, &Client::Workspace::ticketRenumbered, m_history,
        &Models::TicketHistory::renumber);
    connect(m_ticket, &TicketPanel::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(m_ticket, &TicketPanel::ticketContextChanged, m_kb, &KbPane::setTicketContext);
    connect(m_ticket, &TicketPanel::ticketContextChanged, this, &MainWindow::updateTicketActions);
    connect(m_kb, &KbPane::insertText, m_ticket, &TicketPanel::insertText);
    connect(m_kb, &KbPane::linkToTicket, this, [this](qint64 kbId) {
        if (m_ticket->ticketId())
            m_workspace->linkKbArticle(m_ticket->ticketId(), kbId);
    });
    connect(m_notifier, &TrayNotifier::openTicketRequested, this, [this](qint64 id) {
        openTicket(id);
        raise();
        activateWindow();
    });
    connect(m_workspace, &Client::Workspace::stateChanged, this, &MainWindow::updateConnection);
    connect(
        m_workspace, &Client::Workspace::syncProgressChanged, this, &MainWindow::updateConnection);
    connect(m_workspace, &Client::Workspace::outboxSizeChanged, this, &MainWindow::updateOutbox);
    connect(m_workspace, &Client::Workspace::notice, this,
        [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(m_workspace, &Client::Workspace::meChanged, this, [this] {
        const Core::Agent me = m_workspace->me();
        m_user->setText(tr("%1 (%2)").arg(me.name, Models::Labels::role(me.role)));
        updateDashboardTab();
    });
    buildActions();
    updateConnection();
    updateOutbox(m_workspace->outboxSize());
    updateTicketActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::start()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("main/geometry")).toByteArray());
    const QByteArray split = settings.value(QStringLiteral("main/splitter")).toByteArray();
    if (split.isEmpty() || !m_splitter->restoreState(split)) {
        // First start: the queue and the ticket share most of the width, the KB pane a strip.
        // The window's width: the splitter's own may still be the one before a resize.
        const int width = qMax(1200, this->width());
        const int context = qMax(m_context->minimumWidth(), width * 23 / 100);
        const int queue = width * 36 / 100;
        m_splitter->setSizes({ queue, width - queue - context, context });
    }
    const Core::Agent me = m_workspace->me();
    if (me.id != 0)
        m_user->setText(tr("%1 (%2)").arg(me.name, Models::Labels::role(me.role)));
    m_queue->load();
    m_notifier->prime();
    updateDashboardTab();
    if (m_queue->model()->rowCount() > 0)
        openTicket(m_queue->model()->ticketIdAt(0));
    m_queue->table()->setFocus();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_ticket->saveDraftNow();
    QSettings settings;
    settings.setValue(QStringLiteral("main/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("main/splitter"), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

QAction *MainWindow::addAction(const QString &id, const QString &text,
    const QList<QKeySequence> &keys, const std::function<void()> &run, const QString &menu)
{
    auto *a = new QAction(text, this);
    a->setObjectName(id);
    a->setShortcuts(keys);
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, run);
    QWidget::addAction(a); // shortcuts work even with the menu bar hidden
    m_actions.insert(id, a);
    m_ordered << a;
    if (!menu.isEmpty()) {
        QMenu *&m = m_menus[menu];
        if (!m)
            m = menuBar()->addMenu(menu);
        m->addAction(a);
    }
    return a;
}

void MainWindow::buildActions()
{
    // Shortcuts use only keys every layout has without AltGr (letters, digits, F-keys,
    // arrows, Page Up/Down) and never Ctrl+Alt (AltGr on Windows) nor a standard key of the
    // platform (copy, paste, undo, find next, close, quit...): a test checks it.
    const QString fileMenu = tr("&File");
    const QString queueMenu = tr("&Queue");
    const QString ticketMenu = tr("&Ticket");
    const QString helpMenu = tr("&Help");
    addAction(
        QStringLiteral("ticket.new"), tr("&New ticket for a customer…"),
        { QKeySequence(Qt::CTRL | Qt::Key_N) }, [this] { m_ticket->newTicketForCustomer(); },
        fileMenu);
    addAction(
        QStringLiteral("ticket.phone"), tr("Log a &phone call…"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L) }, [this] { m_ticket->logPhoneCall(); },
        fileMenu);
    addAction(
        QStringLiteral("app.settings"), tr("&Settings…"), {}, [this] { showSettings(); }, fileMenu);
    m_mailboxes = addAction(
        QStringLiteral("admin.mailboxes"), tr("Desk &mailboxes…"), {},
        [this] {
            auto *dialog = new MailboxesDialog(m_workspace, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
        },
        fileMenu);
    m_menus.value(fileMenu)->addSeparator(); // signing out is asked, and kept apart from Settings
    addAction(
        QStringLiteral("app.signout"), tr("Sign &out"), {},
        [this] {
            SignOutQuestion::ask(
                m_workspace->outboxSize(), this, [this] { Q_EMIT signOutRequested(); });
        },
        fileMenu);
    addAction(
        QStringLiteral("app.quit"), tr("&Quit"), { QKeySequence::Quit }, [this] { close(); },
        fileMenu);

    addAction(
        QStringLiteral("queue.filter"), tr("&Filter the queue"),
        { QKeySequence(Qt::CTRL | Qt::Key_F) }, [this] { m_queue->focusFilter(); }, queueMenu);
    addAction(
        QStringLiteral("ticket.next"), tr("&Next ticket"), { QKeySequence(Qt::ALT | Qt::Key_Down) },
        [this] { m_queue->selectNext(); }, queueMenu);
    addAction(
        QStringLiteral("ticket.previous"), tr("&Previous ticket"),
        { QKeySequence(Qt::ALT | Qt::Key_Up) }, [this] { m_queue->selectPrevious(); }, queueMenu);
    // Back and Forward between the tickets seen, wherever they were opened from.
    QAction *back = addAction(
        QStringLiteral("ticket.back"), tr("&Back to the ticket seen before"),
        { QKeySequence(Qt::ALT | Qt::Key_Left) }, [this] { goBack(); }, queueMenu);
    back->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    back->setIconText(tr("Back"));
    QAction *forward = addAction(
        QStringLiteral("ticket.forward"), tr("&Forward to the ticket seen next"),
        { QKeySequence(Qt::ALT | Qt::Key_Right) }, [this] { goForward(); }, queueMenu);
    forward->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    forward->setIconText(tr("Forward"));
    m_ticket->setNavigationActions(back, forward);
    addAction(
        QStringLiteral("queue.nextView"), tr("Next saved &view"), { QKeySequence(Qt::Key_F6) },
        [this] { m_queue->nextView(); }, queueMenu);
    const QList<Models::QueueView> builtIns = Models::QueueView::builtIns();
    for (int i = 0; i < builtIns.size(); ++i) {
        addAction(
            QStringLiteral("queue.view.%1").arg(builtIns.at(i).id),
            tr("View: %1").arg(builtIns.at(i).name),
            { QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)) },
            [this, i] { m_queue->setViewByIndex(i); }, queueMenu);
    }
    addAction(
        QStringLiteral("queue.saveView"), tr("&Save this view as my own…"), {},
        [this] { m_queue->saveCurrentFilter(); }, queueMenu);
    addAction(
        QStringLiteral("queue.deleteView"), tr("&Delete my view"), {},
        [this] { m_queue->deleteCurrentFilter(); }, queueMenu);

    addAction(
        QStringLiteral("ticket.reply"), tr("&Reply"), { QKeySequence(Qt::CTRL | Qt::Key_R) },
        [this] { m_ticket->focusReply(); }, ticketMenu);
    addAction(
        QStringLiteral("ticket.note"), tr("Internal &note"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N) }, [this] { m_ticket->focusNote(); },
        ticketMenu);
    addAction(
        QStringLiteral("ticket.assignToMe"), tr("&Assign to me"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A) }, [this] { m_ticket->assignToMe(); },
        ticketMenu);
    addAction(
        QStringLiteral("ticket.status"), tr("Set &status…"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E) }, [this] { m_ticket->setStatusMenu(); },
        ticketMenu);
    addAction(
        QStringLiteral("ticket.priority"), tr("Set &priority…"), {},
        [this] { m_ticket->showPriorityMenu(); }, ticketMenu);
    addAction(
        QStringLiteral("ticket.category"), tr("Set &category…"), {},
        [this] { m_ticket->showCategoryMenu(); }, ticketMenu);
    addAction(
        QStringLiteral("ticket.group"), tr("Move to &group…"), {},
        [this] { m_ticket->showGroupMenu(); }, ticketMenu);
    addAction(
        QStringLiteral("ticket.assignee"), tr("Assign &to…"), {},
        [this] { m_ticket->showAssigneeMenu(); }, ticketMenu);
    addAction(
        QStringLiteral("ticket.escalate"), tr("&Escalate…"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X) }, [this] { m_ticket->escalate(); },
        ticketMenu);
    addAction(
        QStringLiteral("ticket.canned"), tr("Insert a ca&nned response…"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I) },
        [this] { m_ticket->showCannedResponses(); }, ticketMenu);
    addAction(
        QStringLiteral("canned.manage"), tr("&Manage canned responses…"), {},
        [this] { m_ticket->manageCannedResponses(); }, ticketMenu);
    addAction(
        QStringLiteral("ticket.window"), tr("Open in its own &window"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O) }, [this] { m_ticket->openInOwnWindow(); },
        ticketMenu);
    addAction(
        QStringLiteral("kb.search"), tr("Search the &knowledge base"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F) },
        [this] {
            m_tabs->setCurrentWidget(m_splitter);
            m_context->setCurrentWidget(m_kb);
            m_kb->focusSearch();
        },
        ticketMenu);

    addAction(
        QStringLiteral("app.palette"), tr("&Command palette…"),
        { QKeySequence(Qt::CTRL | Qt::Key_K) }, [this] { showCommandPalette(); }, helpMenu);
    addAction(
        QStringLiteral("app.shortcuts"), tr("&Keyboard shortcuts"), { QKeySequence(Qt::Key_F1) },
        [this] { showShortcuts(); }, helpMenu);
}

void MainWindow::updateDashboardTab()
{
    // Team leads and admins watch the desk from the dashboard tab; agents do not get one
    // (the server would refuse them the figures anyway).
    const Core::Agent me = m_workspace->me();
    const bool wanted = me.id != 0 && (me.role == Core::Role::Lead || me.role == Core::Role::Admin);
    // Only admins look after the desk's mailboxes (the server refuses others).
    m_mailboxes->setEnabled(me.role == Core::Role::Admin);
    m_mailboxes->setToolTip(me.role == Core::Role::Admin
            ? QString()
            : tr("Only administrators see the desk's mailboxes."));
    if (wanted && !m_dashboard) {
        m_dashboard = new DashboardTab(m_workspace);
        m_dashboard->setObjectName(QStringLiteral("dashboardTab"));
        connect(m_dashboard, &DashboardTab::openTicketRequested, this, &MainWindow::openTicket);
        m_tabs->addTab(m_dashboard, tr("Dashboard"));
    } else if (!wanted && m_dashboard) {
        m_tabs->removeTab(m_tabs->indexOf(m_dashboard));
        delete m_dashboard;
        m_dashboard = nullptr;
    }
}

void MainWindow::updateTicketActions()
{
    const bool has = m_ticket->ticketId() != 0;
    static const QStringList always { QStringLiteral("ticket.new"), QStringLiteral("ticket.phone"),
        QStringLiteral("ticket.next"), QStringLiteral("ticket.previous"),
        QStringLiteral("ticket.back"), QStringLiteral("ticket.forward") };
    for (QAction *a : std::as_const(m_ordered)) {
        if (a->objectName().startsWith(QLatin1String("ticket."))
            && !always.contains(a->objectName()))
            a->setEnabled(has);
    }
    updateHistoryActions();
}

void MainWindow::showCommandPalette()
{
    auto *palette = new CommandPalette(m_ordered, this);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    palette->setTextCommands([this](const QString &typed) {
        QList<CommandPalette::TextCommand> commands;
        const QString text = typed.trimmed();
        const QString number = Client::Workspace::ticketNumber(text);
        if (!number.isEmpty())
            commands.append({ tr("Open ticket %1").arg(number),
                [this, number] { openTicketByNumber(number); }, true });
        else if (text.size() >= 3)
            commands.append({ tr("Search all tickets for “%1”").arg(text),
                [this, text] {
                    m_tabs->setCurrentWidget(m_splitter);
                    m_queue->searchAll(text);
                },
                false });
        return commands;
    });
    palette->show();
    palette->searchField()->setFocus();
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(m_ordered, this);
    dialog.exec();
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this, m_workspace);
    dialog.exec();
}

void MainWindow::openTicket(qint64 id)
{
    if (!id)
        return;
    if (m_tabs->currentWidget() != m_splitter) {
        // Opened from another tab (the dashboard): a double-click there must not finish on
        // whatever queue row is now under the pointer.
        m_queue->ignoreClicksFor(QApplication::doubleClickInterval());
        m_tabs->setCurrentWidget(m_splitter);
    }
    m_history->visit(id);
    present(id);
}

void MainWindow::present(qint64 id)
{
    m_ticket->showTicket(id);
    m_queue->setOpenTicket(id);
}

void MainWindow::openTicketByNumber(const QString &typed)
{
    const QString number = Client::Workspace::ticketNumber(typed);
    if (number.isEmpty()) {
        statusBar()->showMessage(
            tr("“%1” is not a ticket number (like INC-002751 or REQ-000045).").arg(typed), 10000);
        return;
    }
    if (const qint64 id = m_workspace->ticketIdByNumber(number)) {
        openTicket(id);
        return;
    }
    statusBar()->showMessage(tr("Looking for %1 on the server…").arg(number));
    m_workspace->findTicket(
        number, this, [this, number](const Client::Workspace::FoundTicket &found) {
            if (found.id) {
                statusBar()->clearMessage();
                openTicket(found.id);
                return;
            }
            QString why;
            if (found.errorCode == -1)
                why = tr("%1 is not on this computer, and the console is offline: try again when "
                         "it is online.")
                          .arg(number);
            else if (found.errorCode == int(Core::Protocol::ErrorCode::NotFound))
                why = tr("There is no ticket %1.").arg(number);
            else if (found.errorCode == int(Core::Protocol::ErrorCode::Forbidden))
                why = tr("%1 belongs to a group you are not in: ask that group or your team lead.")
                          .arg(number);
            else
                why = tr("%1 could not be opened: %2").arg(number, found.error);
            statusBar()->showMessage(why, 15000);
        });
}

void MainWindow::goBack()
{
    if (const qint64 id = m_history->back()) {
        m_tabs->setCurrentWidget(m_splitter);
        present(id);
    }
}

void MainWindow::goForward()
{
    if (const qint64 id = m_history->forward()) {
        m_tabs->setCurrentWidget(m_splitter);
        present(id);
    }
}

void MainWindow::updateHistoryActions()
{
    if (QAction *a = action(QStringLiteral("ticket.back")))
        a->setEnabled(m_history->canGoBack());
    if (QAction *a = action(QStringLiteral("ticket.forward")))
        a->setEnabled(m_history->canGoForward());
}

void MainWindow::mousePressEvent(QMouseEvent *event)
{
    // Children pass on the buttons they do not use: the mouse's side buttons land here.
    if (event->button() == Qt::BackButton) {
        goBack();
        event->accept();
        return;
    }
    if (event->button() == Qt::ForwardButton) {
        goForward();
        event->accept();
        return;
    }
    QMainWindow::mousePressEvent(event);
}

void MainWindow::updateConnection()
{
    using State = Client::SyncEngine::State;
    const State state = m_workspace->state();
    const double progress = m_workspace->syncProgress();
    QString text;
    QColor colour;
    switch (state) {
    case State::Online:
        text = tr("Online");
        colour = QColor(0x2e, 0x9d, 0x4f);
        break;
    case State::Syncing:
        text = progress > 0 && progress < 1 ? tr("Syncing %1%").arg(int(progress * 100))
                                            : tr("Syncing");
        colour = QColor(0x25, 0x63, 0xeb);
        break;
    case State::Connecting:
        text = tr("Connecting…");
        colour = QColor(0xd9, 0x8a, 0x00);
        break;
    case State::Offline:
        text = tr("Offline: working from this computer's copy");
        colour = QColor(0xd0, 0x31, 0x2d);
        break;
    }
    m_state->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                         .arg(colour.name(), text.toHtmlEscaped()));
    m_state->setProperty("state", int(state));
    m_progress->setVisible(state == State::Syncing && progress > 0 && progress < 1);
    m_progress->setValue(int(progress * 100));
}

void MainWindow::updateOutbox(int size)
{
    m_outbox->setText(
        size == 0 ? tr("All changes sent") : tr("%n change(s) waiting to be sent", nullptr, size));
    m_outbox->setProperty("waiting", size);
}

} // namespace Atiende::Ui
