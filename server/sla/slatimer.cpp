#include "slatimer.h"

#include "slaclock.h"

#include <algorithm>
#include <limits>

namespace Atiende::Server {

SlaTimer::SlaTimer(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    Q_ASSERT(m_clock);
    m_timer.setSingleShot(true);
    // A coarse timer may be 5% late: three minutes on an hour-long SLA wait.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SlaTimer::poll);
}

qint64 SlaTimer::earliest() const
{
    const auto next = m_schedule.next();
    return next ? next->at : 0;
}

void SlaTimer::set(qint64 ticketId, SlaEvent event, qint64 atMs)
{
    const qint64 before = earliest();
    m_schedule.set(ticketId, event, atMs);
    rearmIfEarliestChanged(before);
}

void SlaTimer::clear(qint64 ticketId)
{
    const qint64 before = earliest();
    m_schedule.clear(ticketId);
    rearmIfEarliestChanged(before);
}

void SlaTimer::build(const std::vector<SlaSchedule::Entry> &entries)
{
    m_schedule.build(entries);
    rearm();
}

void SlaTimer::reserve(qsizetype tickets, int eventsPerTicket)
{
    m_schedule.reserve(tickets, eventsPerTicket);
}

void SlaTimer::setMaxSleepMs(qint64 ms)
{
    m_maxSleepMs = std::clamp<qint64>(ms, 1, std::numeric_limits<int>::max());
    rearm();
}

void SlaTimer::poll()
{
    const QList<SlaSchedule::Due> events = m_schedule.takeDue(m_clock->now());
    // Armed before emitting: a receiver that schedules or clears re-arms on top of this.
    rearm();
    if (!events.isEmpty())
        emit due(events);
}

void SlaTimer::rearmIfEarliestChanged(qint64 before)
{
    if (earliest() != before)
        rearm();
}

void SlaTimer::rearm()
{
    const qint64 at = earliest();
    if (at == 0) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(at - m_clock->now(), 0, m_maxSleepMs);
    m_timer.start(int(wait));
}

} // namespace Atiende::Server
