#pragma once
// What an agent asks for when they make a ticket or escalate one: the typed form of the
// parameters of tickets.create and tickets.escalate (docs/protocol.md). The console fills
// these in; the outbox keeps their JSON until the server answers, and a refused escalation
// comes back holding it.

#include "enums.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Atiende::Core {

struct NewTicket
{
    TicketType type = TicketType::Incident;
    QString subject;
    QString description; // Markdown; empty: none
    Level impact = Level::Medium;
    Level urgency = Level::Medium;
    Channel channel = Channel::Console;
    qint64 categoryId = 0; // 0: none
    qint64 groupId = 0; // 0: the caller's first group
    qint64 customerId = 0;
    qint64 assigneeId = 0;
    QStringList attachments; // upload ids of the files the description carries

    // tickets.create's params (without opId); ids of 0, an empty description and no
    // attachments left out.
    QJsonObject toJson() const;
    static NewTicket fromJson(const QJsonObject &o);
    bool operator==(const NewTicket &o) const { return toJson() == o.toJson(); }
};

struct EscalationRequest
{
    EscalationKind kind = EscalationKind::Functional;
    qint64 toGroupId = 0; // functional: 0 is the next tier up
    QString reason;

    // tickets.escalate's params (without id and opId): toGroupId and reason only when given.
    QJsonObject toJson() const;
    static EscalationRequest fromJson(const QJsonObject &o);
    bool operator==(const EscalationRequest &o) const { return toJson() == o.toJson(); }
};

} // namespace Atiende::Core
