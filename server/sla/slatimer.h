#pragma once
// Drives an SlaSchedule: one QTimer, armed for the earliest due time and re-armed only when
// that changes, whatever the number of tickets. When it fires (or when poll() is called) every
// event due by the clock's now() is taken out and reported in one due() signal, in time order
// (ties by ticket id, then event).
//
// The schedule holds wall-clock instants; QTimer counts monotonic time. So:
// - The timer never sleeps longer than maxSleepMs() (a minute by default) before it looks at
//   the clock again. That bounds how late an event can be after the wall clock jumps forward
//   or the host resumes from suspend (monotonic time stops while suspended), at the cost of
//   one idle wake-up a minute.
// - Clock jumps forward: at the next wake-up everything now overdue is reported at once, in
//   time order, in a single due() signal.
// - Clock jumps backward: nothing is reported before the clock reaches its time again; a
//   wake-up that finds nothing due only re-arms.
// Mutations never emit synchronously: an event set in the past is reported from the event
// loop (a zero-ms timer), so a slot connected to due() may call set() and clear() freely.

#include "slaschedule.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <vector>

namespace Atiende::Server {

class Clock;

class SlaTimer : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxSleepMs = 60 * 1000;

    // The clock must outlive the timer.
    explicit SlaTimer(const Clock *clock, QObject *parent = nullptr);

    const SlaSchedule &schedule() const { return m_schedule; }

    // SlaSchedule's mutations, re-arming the timer when the earliest due time changes.
    void set(qint64 ticketId, SlaEvent event, qint64 atMs);
    void clear(qint64 ticketId);
    void build(const std::vector<SlaSchedule::Entry> &entries);
    void reserve(qsizetype tickets, int eventsPerTicket = 2);

    qint64 maxSleepMs() const { return m_maxSleepMs; }
    void setMaxSleepMs(qint64 ms);

    bool isArmed() const { return m_timer.isActive(); }
    // The interval the timer was last armed with, -1 when nothing is scheduled.
    int armedIntervalMs() const { return m_timer.isActive() ? m_timer.interval() : -1; }

    // Reports what is due now and re-arms. The timer calls it; tests call it after moving
    // a ManualClock.
    void poll();

signals:
    void due(const QList<Atiende::Server::SlaSchedule::Due> &events);

private:
    qint64 earliest() const;
    void rearm();
    void rearmIfEarliestChanged(qint64 before);

    const Clock *m_clock;
    SlaSchedule m_schedule;
    QTimer m_timer;
    qint64 m_maxSleepMs = kDefaultMaxSleepMs;
};

} // namespace Atiende::Server
