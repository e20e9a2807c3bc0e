#pragma once
// A ticket's two SLA clocks, driven by what happens to the ticket:
// - created: both clocks start (unless created pending);
// - pending on the customer or a third party: both pause; back to work: both resume;
// - the first public reply by an agent: the first-response clock stops (met or missed);
// - resolved: the resolution clock stops, and so does a first-response clock still running
//   (a resolution answers the customer too);
// - reopened (resolved -> in progress): the resolution clock runs again from the time used;
// - a new priority, category or organisation may bring another policy or target: the time
//   already used is kept and measured against the new target; a clock that had no target
//   and gets one starts from zero at that moment.

#include "slapolicy.h"
#include "slatimeline.h"

namespace Atiende::Core {

class TicketSla
{
public:
    qint64 policyId = 0;
    SlaTimeline firstResponse;
    SlaTimeline resolution;

    static TicketSla begin(
        const SlaPolicy *policy, Priority priority, TicketStatus status, qint64 at);

    void onStatus(TicketStatus from, TicketStatus to, const BusinessCalendar &cal, qint64 at);
    void onFirstResponse(const BusinessCalendar &cal, qint64 at);
    void retarget(const SlaPolicy *policy, Priority priority, TicketStatus status,
        const BusinessCalendar &cal, qint64 at);

    bool hasTargets() const { return firstResponse.hasTarget() || resolution.hasTarget(); }

    // {"policyId", "firstResponse": {...}, "resolution": {...}} (see SlaTimeline::toJson).
    QJsonObject toJson(const BusinessCalendar &cal, qint64 now) const;
    static TicketSla fromJson(const QJsonObject &o);
};

} // namespace Atiende::Core
