#pragma once
// Escalation as the server carries it out: the rules an admin keeps (core/sla/escalationrule),
// applied when an SLA clock warns or breaches and when a ticket is P1, and the agents' manual
// escalations from the console. Every escalation, done or not possible, is an event in the
// ticket's conversation; a rule escalates a ticket at most once per trigger and clock.

#include "caller.h"
#include "changeset.h"

#include "core/sla/escalationrule.h"

#include <QJsonObject>

namespace Atiende::Server {

class SqlContext;
class SyncStore;
class TicketStore;

class EscalationStore
{
public:
    EscalationStore(SqlContext &ctx, SyncStore &sync, TicketStore &tickets);

    bool load(); // the rules, from the table
    const QList<Core::EscalationRule> &loaded() const { return m_rules; }

    OpResult rules();
    OpResult saveRule(const Caller &caller, const QJsonObject &definition);

    // The server's own escalation: trigger "warning", "breach" or "p1"; clock "firstResponse",
    // "resolution" (SLA triggers) or "any". {"escalated": n}; rules already applied to this
    // ticket on this trigger and clock are skipped.
    OpResult apply(qint64 ticketId, const QString &trigger, const QString &clock, qint64 now);
    // An agent's escalation of a ticket they see. Functional: to toGroupId, or the next tier
    // when 0. Hierarchical: the leads of the ticket's group are named.
    OpResult escalate(const Caller &caller, qint64 ticketId, const QString &kind, qint64 toGroupId,
        const QString &reason, qint64 now);

private:
    struct Cause
    {
        QString trigger; // "warning", "breach", "p1", "manual"
        QString clock;
        qint64 ruleId = 0;
        QString ruleName;
        QString reason;
    };
    OpResult perform(const Caller &actor, qint64 ticketId, const QString &kind, qint64 toGroupId,
        const Cause &cause, qint64 now);
    QString groupName(qint64 groupId);

    SqlContext &m_ctx;
    SyncStore &m_sync;
    TicketStore &m_tickets;
    QList<Core::EscalationRule> m_rules;
};

} // namespace Atiende::Server
