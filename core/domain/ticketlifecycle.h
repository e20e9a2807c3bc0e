#pragma once
// The one place that says which status changes a ticket may make.
//
//   new -> assigned -> in_progress -> pending_customer | pending_third_party -> resolved -> closed
//
// A resolved ticket may be reopened (back to in_progress); closed is final: a later contact
// about the same problem is a new ticket that links to it.

#include "enums.h"

#include <QList>

namespace Atiende::Core {

class TicketLifecycle
{
public:
    static bool canTransition(TicketStatus from, TicketStatus to);
    static QList<TicketStatus> allowedTargets(TicketStatus from);

    static bool isOpen(TicketStatus s)
    {
        return s != TicketStatus::Resolved && s != TicketStatus::Closed;
    }
    static bool isPending(TicketStatus s)
    {
        return s == TicketStatus::PendingCustomer || s == TicketStatus::PendingThirdParty;
    }
    // Going from resolved back to work counts as a reopen.
    static bool isReopen(TicketStatus from, TicketStatus to)
    {
        return from == TicketStatus::Resolved && isOpen(to);
    }
    // States that need somebody to own the ticket.
    static bool needsAssignee(TicketStatus s)
    {
        return s == TicketStatus::Assigned || s == TicketStatus::InProgress || isPending(s);
    }
};

} // namespace Atiende::Core
