#pragma once
// The left side of the console: the saved views, the filter box and the queue itself.
// Everything the agent does here is instant (the model works from memory); the panel says
// which ticket is current and lets the keyboard drive it.

#include "models/queue/queueview.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

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
    QTableView *table() const { return m_table; }
    QLineEdit *filterField() const { return m_filter; }
    QComboBox *viewChooser() const { return m_views; }

    // Loads every ticket and restores the agent's last view, sort and columns.
    void load();
    qint64 currentTicket() const;
    // The saved views in order: the built-in ones, then the agent's own.
    QList<Models::QueueView> views() const { return m_allViews; }

public Q_SLOTS:
    void focusFilter();
    void selectNext();
    void selectPrevious();
    void selectTicket(qint64 id); // scrolls to it when shown
    void setViewById(const QString &id);
    void setViewByIndex(int index); // 0-based, in views() order
    void nextView();
    void saveCurrentFilter();       // asks for a name, saves view + typed text as the agent's own
    void deleteCurrentFilter();

Q_SIGNALS:
    void currentTicketChanged(qint64 id); // 0: none
    void ticketActivated(qint64 id);      // Enter or double click: open in its own window

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuildViewChooser();
    void saveSettings() const;
    void updateCount(int shown, int total);
    QList<Models::QueueView> ownViews() const;
    void storeOwnViews(const QList<Models::QueueView> &views);

    Client::Workspace *m_workspace;
    Models::QueueModel *m_model;
    QComboBox *m_views;
    QLineEdit *m_filter;
    QTableView *m_table;
    QLabel *m_count;
    QTimer *m_tick;
    QList<Models::QueueView> m_allViews;
    qint64 m_current = 0;
};

} // namespace Atiende::Ui
