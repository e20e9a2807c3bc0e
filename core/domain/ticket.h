#pragma once
// A ticket: an incident (something broke) or a service request (I need something), as the
// server stores it and the protocol carries it. Plain value type: no I/O.

#include "enums.h"

#include "core/sla/slaclocks.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Atiende::Core {

struct Ticket
{
    qint64 id = 0;
    QString number; // INC-000123
    TicketType type = TicketType::Incident;
    QString subject;
    TicketStatus status = TicketStatus::New;
    Level impact = Level::Medium;
    Level urgency = Level::Medium;
    Priority priority = Priority::P3; // derived from impact x urgency by the server
    Channel channel = Channel::Console;
    qint64 categoryId = 0;
    qint64 groupId = 0;
    qint64 assigneeId = 0;
    qint64 customerId = 0;
    qint64 organisationId = 0; // the customer's organisation when the ticket was made
    qint64 createdBy = 0; // agent id, 0 when the customer opened it
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 firstResponseAt = 0;
    qint64 resolvedAt = 0;
    qint64 closedAt = 0;
    int reopenCount = 0;
    int agentReplies
        = 0; // public replies by agents (the description is the customer's request, not one)
    int version = 0; // +1 on every committed change
    // The SLA clocks as the server computed them at the last change (Core::TicketSla's JSON:
    // policyId, firstResponse and resolution with targetMs, usedMs, dueAt, warnAt, state);
    // empty when no SLA policy applies.
    // The server keeps and recomputes this JSON; readers use slaClocks().
    QJsonObject sla;
    // KB articles linked to the ticket (ITIL knowledge: which one solved it), in the order
    // they were linked.
    QList<qint64> kbArticleIds;
    // Who the ticket's e-mail goes to besides the requester, lower case, in the order added:
    // the CC'd of the mail that opened it and of later replies, and those an agent added.
    QStringList cc;

    // The SLA clocks, typed.
    SlaClocks slaClocks() const { return SlaClocks::fromJson(sla); }

    QJsonObject toJson() const;
    static Ticket fromJson(const QJsonObject &o);
    bool operator==(const Ticket &o) const { return toJson() == o.toJson(); }
};

} // namespace Atiende::Core
