#include "ticketsla.h"

#include "core/domain/ids.h"
#include "core/domain/ticketlifecycle.h"

namespace Atiende::Core {

namespace {
void setTargets(TicketSla &sla, const SlaPolicy *policy, Priority priority)
{
    sla.policyId = policy ? policy->id : 0;
    const SlaTarget t = policy ? policy->target(priority) : SlaTarget {};
    sla.firstResponse.targetMs = t.firstResponseMinutes * 60000;
    sla.resolution.targetMs = t.resolutionMinutes * 60000;
    sla.firstResponse.warnPercent = sla.resolution.warnPercent = policy ? policy->warnPercent : 75;
}
} // namespace

TicketSla TicketSla::begin(
    const SlaPolicy *policy, Priority priority, TicketStatus status, qint64 at)
{
    TicketSla sla;
    setTargets(sla, policy, priority);
    if (!TicketLifecycle::isOpen(status))
        return sla;
    sla.firstResponse.start(at);
    sla.resolution.start(at);
    if (TicketLifecycle::isPending(status)) {
        // Created waiting on someone: the clocks exist but do not run yet.
        for (SlaTimeline *t : { &sla.firstResponse, &sla.resolution }) {
            t->runningSince = 0;
            t->paused = t->hasTarget();
        }
    }
    return sla;
}

void TicketSla::onStatus(TicketStatus from, TicketStatus to, const BusinessCalendar &cal, qint64 at)
{
    if (from == to)
        return;
    if (to == TicketStatus::Resolved || to == TicketStatus::Closed) {
        firstResponse.stop(cal, at);
        resolution.stop(cal, at);
        return;
    }
    if (TicketLifecycle::isReopen(from, to))
        resolution.reopen(at);
    if (TicketLifecycle::isPending(to)) {
        firstResponse.pause(cal, at);
        resolution.pause(cal, at);
    } else if (TicketLifecycle::isPending(from)) {
        firstResponse.resume(at);
        resolution.resume(at);
    }
}

void TicketSla::onFirstResponse(const BusinessCalendar &cal, qint64 at)
{
    firstResponse.stop(cal, at);
}

void TicketSla::retarget(const SlaPolicy *policy, Priority priority, TicketStatus status,
    const BusinessCalendar &cal, qint64 at)
{
    const bool hadFirst = firstResponse.hasTarget();
    const bool hadResolution = resolution.hasTarget();
    setTargets(*this, policy, priority);
    const bool open = TicketLifecycle::isOpen(status);
    const bool pending = TicketLifecycle::isPending(status);
    for (auto [timeline, had] :
        { std::pair { &firstResponse, hadFirst }, std::pair { &resolution, hadResolution } }) {
        if (!timeline->hasTarget()) {
            // No target any more: the clock stops counting, keeping what it had used.
            if (timeline->runningSince)
                timeline->pause(cal, at);
            timeline->paused = false;
            continue;
        }
        if (!had && open && !timeline->stoppedAt) {
            *timeline = SlaTimeline { timeline->targetMs, timeline->warnPercent, 0,
                pending ? 0 : at, 0, pending };
        }
    }
}

QJsonObject TicketSla::toJson(const BusinessCalendar &cal, qint64 now) const
{
    return { { QStringLiteral("policyId"), idToJson(policyId) },
        { QStringLiteral("firstResponse"), firstResponse.toJson(cal, now) },
        { QStringLiteral("resolution"), resolution.toJson(cal, now) } };
}

TicketSla TicketSla::fromJson(const QJsonObject &o)
{
    TicketSla s;
    idFromJson(o.value(QStringLiteral("policyId")), &s.policyId);
    s.firstResponse = SlaTimeline::fromJson(o.value(QStringLiteral("firstResponse")).toObject());
    s.resolution = SlaTimeline::fromJson(o.value(QStringLiteral("resolution")).toObject());
    return s;
}

} // namespace Atiende::Core
