#pragma once
// Closes resolved tickets by themselves once their reopen window has passed: keeps each
// resolved ticket's close instant in a timer's priority queue and, when one comes, has the
// writer close everything due (SurveyStore::closeDue), which the sync feed then pushes like
// any other change. Built from the store at start (so a restart loses nothing), it follows
// the tickets that change after every commit, and re-reads the exact instants from the store
// after each close, so an estimate that was off only costs an early wake-up.

#include "server/satisfaction/surveystore.h"
#include "server/sla/slaclock.h"
#include "server/sla/slatimer.h"
#include "server/store/changeset.h"

#include <QObject>
#include <functional>

namespace Atiende::Server {

struct WriteJob;

class AutoCloseEngine : public QObject
{
    Q_OBJECT
public:
    using Submit = std::function<void(WriteJob)>;
    // The clock must outlive the engine.
    AutoCloseEngine(const Clock *clock, Submit submit, QObject *parent = nullptr);

    void build(const QList<SurveyStore::CloseWake> &wakeups);
    // The window for tickets resolved from now on (their close instant is estimated from it).
    void setWindowHours(int hours) { m_windowMs = qint64(hours) * 3600 * 1000; }
    void onCommitted(const QList<Change> &changes);

    qint64 closeAt(qint64 ticketId) const; // 0: not scheduled
    qsizetype size() const { return m_timer.schedule().size(); }
    SlaTimer &timer() { return m_timer; }
    quint64 closedCount() const { return m_closed; }

Q_SIGNALS:
    void ticketClosed(qint64 ticketId);

private:
    void onDue(const QList<SlaSchedule::Due> &events);

    SlaTimer m_timer;
    const Clock *m_clock;
    Submit m_submit;
    qint64 m_windowMs = qint64(SurveyStore::kDefaultWindowHours) * 3600 * 1000;
    quint64 m_closed = 0;
    bool m_closing = false; // a closeDue job is queued: one at a time is enough
};

} // namespace Atiende::Server
