#pragma once
// One row of the queue, in a header of its own: the queue's index (models/queue), its tests
// and its benchmark work on rows alone and need nothing else of the cache. The closed
// vocabularies are typed (core/domain/enums.h, the SLA clock's states); wire names stay in
// the cache and the protocol.

#include "core/domain/enums.h"
#include "core/sla/slaclocks.h"

#include <QString>
#include <optional>

namespace Atiende::Client {

// What the queue view shows, sorts and filters on, read without the ticket's JSON so that
// 100,000 of them load in a blink. A value this console does not know reads as Ticket reads
// it (status new, priority P3, an incident, an SLA state of none).
struct QueueRow
{
    qint64 id = 0;
    QString number;
    QString subject;
    Core::TicketStatus status = Core::TicketStatus::New;
    Core::Priority priority = Core::Priority::P3;
    Core::TicketType type = Core::TicketType::Incident;
    qint64 groupId = 0;
    qint64 assigneeId = 0;
    qint64 customerId = 0;
    qint64 organisationId = 0;
    qint64 categoryId = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // The SLA clock that counts now: first response until it stops, then resolution.
    qint64 slaDueAt = 0; // 0: no running clock (none, paused or stopped)
    qint64 slaWarnAt = 0;
    // That clock's state (see Ticket.sla); none without an SLA.
    std::optional<Core::SlaTimeline::State> slaState;
    bool pending = false; // the agent's edits not yet confirmed by the server
    bool unread = false; // something happened since the agent last opened it
};

} // namespace Atiende::Client
