#pragma once
// The console's main window: the queue on the left, the ticket in the middle, its context on
// the right (the customer with their history, and the knowledge base, as tabs), in splitters
// that remember their sizes; a status bar that says whether
// the console is online, offline or catching up and how many edits wait to be sent; every
// action reachable from the keyboard, by shortcut or by name (Ctrl+K).
//
// Which ticket is open is decided here and only here (openTicket): the queue, the dashboard,
// the customer's history, notifications and Back / Forward all ask for a ticket, and the
// panel, the queue's highlight and the history follow. Nothing else moves it: an edit that
// takes the ticket out of the view leaves it open.

#include <QHash>
#include <QMainWindow>

class QLabel;
class QProgressBar;
class QSplitter;
class QTabWidget;

namespace Atiende::Client {
class Workspace;
}
namespace Atiende::Models {
class TicketHistory;
}

namespace Atiende::Ui {

class DashboardTab;
class KbPane;
class QueuePanel;
class TicketPanel;
class TrayNotifier;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Client::Workspace *workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the queue from the cache and restores the window as the agent left it.
    void start();

    QueuePanel *queuePanel() const { return m_queue; }
    TicketPanel *ticketPanel() const { return m_ticket; }
    KbPane *kbPane() const { return m_kb; }
    QTabWidget *tabs() const { return m_tabs; }
    DashboardTab *dashboardTab() const { return m_dashboard; } // leads and admins only
    QSplitter *splitter() const { return m_splitter; }
    // The right-hand pane: the customer (with their history) and the knowledge base, as tabs.
    QTabWidget *contextTabs() const { return m_context; }
    Models::TicketHistory *history() const { return m_history; }
    TrayNotifier *notifier() const { return m_notifier; }
    QLabel *connectionLabel() const { return m_state; }
    QLabel *outboxLabel() const { return m_outbox; }
    // Every action by its id ("ticket.next", "queue.filter", "ticket.reply", ...).
    QAction *action(const QString &id) const { return m_actions.value(id); }
    QList<QAction *> allActions() const { return m_ordered; }

public Q_SLOTS:
    void showCommandPalette();
    void showShortcuts();
    void showSettings();
    // Shows this ticket in the panel (switching to the Tickets tab), highlights it in the queue
    // when the view shows it, and makes it the newest step of Back / Forward.
    void openTicket(qint64 id);
    // A ticket by its number as typed ("INC-002751", "inc2751"), open or closed, from this
    // computer's copy or fetched from the server; the status bar says why when it cannot.
    void openTicketByNumber(const QString &typed);
    void goBack();
    void goForward();

Q_SIGNALS:
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override; // the mouse's Back and Forward buttons

private:
    QAction *addAction(const QString &id, const QString &text, const QList<QKeySequence> &keys,
        const std::function<void()> &run, const QString &menu);
    void buildActions();
    void updateConnection();
    void updateOutbox(int size);
    void updateTicketActions();
    void updateDashboardTab();
    void present(qint64 id); // the panel and the queue's highlight, without touching the history
    void updateHistoryActions();

    Client::Workspace *m_workspace;
    QTabWidget *m_tabs;
    QSplitter *m_splitter;
    QueuePanel *m_queue;
    TicketPanel *m_ticket;
    KbPane *m_kb;
    QTabWidget *m_context;
    Models::TicketHistory *m_history;
    TrayNotifier *m_notifier;
    DashboardTab *m_dashboard = nullptr;
    QLabel *m_state;
    QProgressBar *m_progress;
    QLabel *m_outbox;
    QLabel *m_user;
    QHash<QString, QAction *> m_actions;
    QAction *m_mailboxes = nullptr;
    QList<QAction *> m_ordered;
    QHash<QString, QMenu *> m_menus;
};

} // namespace Atiende::Ui
