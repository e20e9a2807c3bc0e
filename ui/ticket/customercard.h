#pragma once
// Who asked: the customer's contact data and organisation, and their earlier tickets and the
// organisation's, so the agent never asks the user again what the desk already knows. The
// history reads as a list, two lines an entry (number, status and date; then the subject),
// so it stays readable in a narrow pane. Each earlier ticket opens with a click or Enter,
// in place of the one shown (Back returns).

#include "core/domain/directory.h"
#include "core/domain/ticket.h"

#include <QSet>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace Atiende::Ui {

class CustomerCard : public QWidget
{
    Q_OBJECT
public:
    explicit CustomerCard(QWidget *parent = nullptr);

    // Roles of the history's entries (column 0), for the delegate and tests.
    enum Role {
        TicketIdRole = Qt::UserRole,
        NumberRole,
        SubjectRole,
        StatusRole,
        DateRole,
        OpenRole,
        SectionRole
    };

    // No ticket shown: nothing to say.
    void clear();
    // No customer (a ticket logged without one): the card says so.
    void setCustomer(const std::optional<Core::Customer> &customer,
        const std::optional<Core::Organisation> &organisation);
    // history: Workspace::customerHistory (the customer's and the organisation's tickets,
    // newest first); the ticket on screen is left out.
    void setHistory(const QList<Core::Ticket> &history, qint64 customerId, qint64 currentTicketId);
    // The tickets listed, for deciding whether a change concerns the card.
    const QSet<qint64> &listedTickets() const { return m_listed; }
    QTreeWidget *historyView() const { return m_history; }

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    void ticketActivated(qint64 id);

private:
    void onItem(QTreeWidgetItem *item);

    QLabel *m_name;
    QLabel *m_contact;
    QLabel *m_organisation;
    QTreeWidget *m_history;
    QSet<qint64> m_listed;
    std::function<qint64()> m_clock;
};

} // namespace Atiende::Ui
