#pragma once
// One SLA clock (first response, or resolution) of one ticket, counted in business time.
//
// The clock runs, pauses (while the ticket waits on the customer or a third party), resumes,
// and stops when the target is met (or missed: stopped after the due instant). Its state is
// a few numbers, so it is stored with the ticket and recomputed exactly after a restart:
// what was used before the current run (`usedMs`), and since when it runs (`runningSince`).
//
// Defined behaviour: due and warning instants exist only while the clock runs. A clock that
// was already over its target when paused stays breached while paused. A reopened ticket's
// resolution clock goes on from the time already used. A target of 0 means "no target":
// the clock reports state None and never falls due.

#include "core/calendar/businesscalendar.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace Atiende::Core {

class SlaTimeline
{
public:
    enum class State { None, Running, Paused, Warning, Breached, Met };

    qint64 targetMs = 0; // business time allowed; 0: no target
    int warnPercent = 75;
    qint64 usedMs = 0; // business time used before runningSince
    qint64 runningSince = 0; // > 0 while running
    qint64 stoppedAt = 0; // > 0 once met or missed
    bool paused = false;

    static QString wireName(State s);

    bool hasTarget() const { return targetMs > 0; }
    bool isRunning() const { return runningSince > 0; }

    void start(qint64 at);
    void pause(const BusinessCalendar &cal, qint64 at);
    void resume(qint64 at);
    void stop(const BusinessCalendar &cal, qint64 at);
    void reopen(qint64 at); // a stopped clock runs again, from the time already used

    // Business time used up to now.
    qint64 used(const BusinessCalendar &cal, qint64 now) const;
    // When the target runs out / the warning share is reached, while running and still ahead
    // of the used time. nullopt otherwise (paused, stopped, no target, already past).
    std::optional<qint64> dueAt(const BusinessCalendar &cal) const;
    std::optional<qint64> warnAt(const BusinessCalendar &cal) const;
    State state(const BusinessCalendar &cal, qint64 now) const;

    // {"targetMs", "warnPercent", "usedMs", "runningSince", "stoppedAt", "paused"} plus, for
    // readers, "dueAt", "warnAt" and "state" as of `now`.
    QJsonObject toJson(const BusinessCalendar &cal, qint64 now) const;
    static SlaTimeline fromJson(const QJsonObject &o);
};

} // namespace Atiende::Core
