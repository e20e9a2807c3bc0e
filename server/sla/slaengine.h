#pragma once
// The SLA engine: keeps every open ticket's next SLA instants (warning at the policy's share
// of a target, breach at 100%) in the SlaTimer's priority queue, and when one comes, has the
// writer mark it on the ticket (its state, and an event in its conversation), which the sync
// feed then pushes to the consoles like any other change.
//
// At start it is built from the tickets' stored instants (rebuild after a restart); after
// every commit it follows the tickets that changed, so a pause, a reply, a new priority or a
// recomputation after a policy or calendar change moves or cancels their wake-ups. A clock
// jump forward fires everything overdue at once, in order; the store checks each against the
// ticket's clock, so nothing is marked that no longer holds.

#include "slaclock.h"
#include "slatimer.h"

#include "server/store/changeset.h"
#include "server/store/ticketstore.h"

#include <QObject>
#include <functional>

namespace Atiende::Server {

struct WriteJob;

class SlaEngine : public QObject
{
    Q_OBJECT
public:
    using Submit = std::function<void(WriteJob)>;
    SlaEngine(const Clock *clock, Submit submit, QObject *parent = nullptr);

    void build(const QList<TicketStore::SlaWake> &wakeups);
    void onCommitted(const QList<Change> &changes);
    const SlaSchedule &schedule() const { return m_timer.schedule(); }
    SlaTimer &timer() { return m_timer; }

    // Counts for the log and tests.
    quint64 marked() const { return m_marked; }

Q_SIGNALS:
    void reached(qint64 ticketId, const QString &clock, const QString &state);

private:
    void onDue(const QList<SlaSchedule::Due> &events);
    void follow(qint64 ticketId, const QJsonObject &ticket);

    SlaTimer m_timer;
    Submit m_submit;
    quint64 m_marked = 0;
};

} // namespace Atiende::Server
