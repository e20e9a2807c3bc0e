#pragma once
// The left side of the console: the saved views, the filter box and the queue itself.
// Everything the agent does here is instant (the model works from memory).
//
// The queue never decides on its own which ticket is open: it asks (openRequested) when the
// agent picks a row, and it is told (setOpenTicket) which one the ticket panel shows, from
// wherever it was opened. A row that moves or leaves the view (an edit, a live change, a
// view switch) changes nothing about the open ticket; the panel says when the open ticket
// is not in the view.

#include "models/queue/queueview.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace Atiende::Client {
class Workspace;
}
namespace Atiende::Models {
class QueueModel;
}

namespace Atiende::Ui {

class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueuePanel(Client::Workspace *workspace, QWidget *parent = nullptr);
    ~QueuePanel() override;

    Models::QueueModel *model() const { return m_model; }
    QTableView *table() const;
    QLineEdit *filterField() const { return m_filter; }
    QComboBox *viewChooser() const { return m_views; }
    // The columns the agent can show or hide (checkable, by the model's column), per view.
    QList<QAction *> columnActions() const { return m_columnActions; }
    QToolButton *columnsButton() const { return m_columnsButton; }

    // Loads every ticket and restores the agent's last view, sort and columns.
    void load();
    // The ticket the ticket panel shows (0: none), whether or not the view shows it.
    qint64 openTicket() const { return m_open; }
    // What the line under the filter says about the open ticket when the view hides it.
    QString openTicketNote() const;
    // What the line about a search says ("12 tickets match ..."); empty when not searching.
    QString searchNote() const;
    // Mouse presses in the next ms milliseconds are swallowed (a double-click that started on
    // another tab finishing here).
    void ignoreClicksFor(int ms);
    // The saved views in order: the built-in ones, then the agent's own.
    QList<Models::QueueView> views() const { return m_allViews; }

public Q_SLOTS:
    void focusFilter();
    void selectNext();
    void selectPrevious();
    void selectTicket(qint64 id); // opens it: asks, and scrolls to it when shown
    // The ticket panel shows this ticket now: its row is highlighted when the view shows it.
    void setOpenTicket(qint64 id);
    void setViewById(const QString &id);
    void setViewByIndex(int index); // 0-based, in views() order
    void nextView();
    void saveCurrentFilter(); // asks for a name, saves view + typed text as the agent's own
    void deleteCurrentFilter();
    // Searches every ticket the agent may see, open and closed (subjects, conversations,
    // customers; the server's search, this computer's copy when offline), and shows the
    // results as a view of their own ("Search: ..."), until another view is picked.
    void searchAll(const QString &text);

Q_SIGNALS:
    // The agent picked this row's ticket (a click, the arrow keys, Alt+Down...).
    void openRequested(qint64 id);
    // Enter or a double click on this row's ticket: open in its own window.
    void ticketActivated(qint64 id);
    // Enter in the filter box on a ticket number ("INC-002751"): open it, wherever it is.
    void openNumberRequested(const QString &number);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildViewChooser();
    void syncSelection(); // the open ticket's row highlighted, or none
    // Columns: each view has its own (saved once the agent changes them); until then the
    // defaults that fit the width, most useful first, the SLA countdown among the first.
    void applyColumns();
    void fitDefaultColumns();
    void setColumnShown(int column, bool shown);
    void saveColumns();
    void updateColumnActions();
    void updateOpenNote();
    void saveSettings() const;
    void updateCount(int shown, int total);
    QList<Models::QueueView> ownViews() const;
    void storeOwnViews(const QList<Models::QueueView> &views);

    Client::Workspace *m_workspace;
    Models::QueueModel *m_model;
    QComboBox *m_views;
    QLineEdit *m_filter;
    class QueueTable *m_table;
    QLabel *m_openNote;
    QLabel *m_searchNote;
    Models::QueueView m_searchView; // the last search's results, while shown
    int m_searchSerial = 0;
    QLabel *m_count;
    QTimer *m_tick;
    QList<Models::QueueView> m_allViews;
    qint64 m_open = 0;
    bool m_syncing = false;
    bool m_fitting = false; // the panel itself is laying out columns
    bool m_columnsSaved = false; // the current view's columns are the agent's choice
    QList<QAction *> m_columnActions;
    QHash<int, int> m_naturalWidth; // per column: its title and typical content
    QToolButton *m_columnsButton = nullptr;
};

} // namespace Atiende::Ui
