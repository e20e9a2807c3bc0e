#pragma once
// The console's main window: the queue on the left, the ticket in the middle, the knowledge
// base on the right, in splitters that remember their sizes; a status bar that says whether
// the console is online, offline or catching up and how many edits wait to be sent; every
// action reachable from the keyboard, by shortcut or by name (Ctrl+K).

#include <QHash>
#include <QMainWindow>

class QLabel;
class QProgressBar;
class QSplitter;
class QTabWidget;

namespace Atiende::Client {
class Workspace;
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
    void openTicket(qint64 id); // selects it in the queue, or shows it in the panel

Q_SIGNALS:
    void signOutRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QAction *addAction(const QString &id, const QString &text, const QList<QKeySequence> &keys, const std::function<void()> &run,
                       const QString &menu);
    void buildActions();
    void updateConnection();
    void updateOutbox(int size);
    void updateTicketActions();
    void updateDashboardTab();

    Client::Workspace *m_workspace;
    QTabWidget *m_tabs;
    QSplitter *m_splitter;
    QueuePanel *m_queue;
    TicketPanel *m_ticket;
    KbPane *m_kb;
    TrayNotifier *m_notifier;
    DashboardTab *m_dashboard = nullptr;
    QLabel *m_state;
    QProgressBar *m_progress;
    QLabel *m_outbox;
    QLabel *m_user;
    QHash<QString, QAction *> m_actions;
    QList<QAction *> m_ordered;
    QHash<QString, QMenu *> m_menus;
};

} // namespace Atiende::Ui
