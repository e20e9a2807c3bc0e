#pragma once
// The desk's SLA configuration as the ticket rules use it: the policies and the business
// calendars they count in, loaded from the store by TicketStore. A plain value: the rules
// that pick a ticket's policy and count its clocks read it without touching storage.

#include "core/calendar/businesscalendar.h"
#include "core/sla/slapolicy.h"

#include <QHash>
#include <QList>

namespace Atiende::Server {

struct SlaSetup
{
    QList<Core::SlaPolicy> policies;
    QHash<qint64, Core::BusinessCalendar> calendars; // by calendar id
    Core::BusinessCalendar aroundTheClock; // for a policy without a (known) calendar

    // The calendar a policy counts in; around the clock for no policy or a missing calendar.
    const Core::BusinessCalendar &calendarFor(qint64 policyId) const
    {
        for (const Core::SlaPolicy &p : policies) {
            if (p.id == policyId) {
                const auto it = calendars.constFind(p.calendarId);
                return it == calendars.constEnd() ? aroundTheClock : *it;
            }
        }
        return aroundTheClock;
    }
};

} // namespace Atiende::Server
