#include "ticketlifecycle.h"

namespace Atiende::Core {

QList<TicketStatus> TicketLifecycle::allowedTargets(TicketStatus from)
{
    using S = TicketStatus;
    switch (from) {
    case S::New:
        return { S::Assigned, S::InProgress, S::PendingCustomer, S::PendingThirdParty,
            S::Resolved };
    case S::Assigned:
        return { S::New, S::InProgress, S::PendingCustomer, S::PendingThirdParty, S::Resolved };
    case S::InProgress:
        return { S::Assigned, S::PendingCustomer, S::PendingThirdParty, S::Resolved };
    case S::PendingCustomer:
        return { S::InProgress, S::PendingThirdParty, S::Resolved };
    case S::PendingThirdParty:
        return { S::InProgress, S::PendingCustomer, S::Resolved };
    case S::Resolved:
        return { S::InProgress, S::Closed };
    case S::Closed:
        return {};
    }
    return {};
}

bool TicketLifecycle::canTransition(TicketStatus from, TicketStatus to)
{
    return from == to || allowedTargets(from).contains(to);
}

} // namespace Atiende::Core
