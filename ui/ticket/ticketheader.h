#pragma once
// The top of the ticket panel: number, type and subject; the fields an agent changes all day
// (status, priority from impact x urgency, category, group, assignee) as buttons that show
// the value and open a menu of what it may become; the channel; both SLA clocks counting
// down in their colours; who else is looking at the ticket; and a mark while the agent's own
// edits wait for the server.

#include "core/domain/articleevent.h"
#include "core/domain/ticket.h"

#include <QList>
#include <QTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QMenu;
class QToolButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class FieldText;

class TicketHeader : public QWidget
{
    Q_OBJECT
public:
    TicketHeader(
        const Client::Workspace *workspace, const FieldText *names, QWidget *parent = nullptr);

    // What the agent sees of the ticket now (the cache's view: their pending edits included).
    void setTicket(const Core::Ticket &ticket);
    const Core::Ticket &ticket() const { return m_ticket; }
    // The agent's edits (fields, replies, an escalation) are not confirmed yet; online says
    // whether they are on their way or wait for the connection.
    void setPending(bool pending, bool online);
    bool isPendingShown() const;
    struct Viewer
    {
        QString name;
        bool typing = false;
    };
    // Other agents who have the ticket open now.
    void setViewers(const QList<Viewer> &viewers);
    // Names changed in the directory: the labels are written again.
    void refreshNames();

    // Text shown, for tests and accessibility tools.
    QString statusText() const;
    QString assigneeText() const;
    QString viewersText() const;
    QString slaText(Core::SlaClockName clock) const;

    // For the main window's shortcuts.
    void showStatusMenu();
    void showPriorityMenu();
    void showCategoryMenu();
    void showGroupMenu();
    void showAssigneeMenu();

    // Where "now" comes from (tests freeze it).
    void setClock(std::function<qint64()> clock);

Q_SIGNALS:
    // The agent picked a new value in one of the menus (never the value the ticket has).
    void statusChosen(Core::TicketStatus status);
    void impactChosen(Core::Level impact);
    void urgencyChosen(Core::Level urgency);
    void categoryChosen(qint64 categoryId); // 0: none
    void groupChosen(qint64 groupId);
    void assigneeChosen(qint64 agentId); // 0: unassigned

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QToolButton *addChip(const QString &objectName, QMenu **menu);
    void updateTexts();
    void updateSla();
    void fillStatusMenu();
    void fillPriorityMenu();
    void fillCategoryMenu();
    void fillGroupMenu();
    void fillAssigneeMenu();
    bool isClosed() const;
    bool iAmInGroup() const;

    const Client::Workspace *m_workspace;
    const FieldText *m_names;
    Core::Ticket m_ticket; // id 0: none
    std::function<qint64()> m_clock;

    QLabel *m_number;
    QLabel *m_type;
    QLabel *m_subject;
    QLabel *m_pending;
    QLabel *m_channel;
    QToolButton *m_status;
    QToolButton *m_priority;
    QToolButton *m_category;
    QToolButton *m_group;
    QToolButton *m_assignee;
    QMenu *m_statusMenu = nullptr;
    QMenu *m_priorityMenu = nullptr;
    QMenu *m_categoryMenu = nullptr;
    QMenu *m_groupMenu = nullptr;
    QMenu *m_assigneeMenu = nullptr;
    QLabel *m_firstResponse;
    QLabel *m_resolution;
    QLabel *m_viewers;
    QTimer m_slaTimer;
};

} // namespace Atiende::Ui
