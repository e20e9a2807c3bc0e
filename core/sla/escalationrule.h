#pragma once
// Escalation: what the desk does when a ticket's SLA warns or breaches, or when a ticket is
// P1. An admin keeps rules; each sends the ticket to another group (functional) or tells the
// group's leads (hierarchical). The rules and the choice of the next tier are pure; the server
// (EscalationStore) carries them out and records each one in the ticket's conversation.
//
// - `on` is the trigger: "warning" or "breach" of an SLA clock, or "p1" (the ticket is or
//   becomes priority P1). `clock` narrows SLA triggers to "firstResponse" or "resolution";
//   "any" takes both. A p1 rule has no clock ("any").
// - `groupIds` limits a rule to tickets in those groups; empty means every group.
// - A functional rule with toGroupId 0 means "the next tier": the group with the lowest tier
//   above the ticket's group's tier, lowest id on ties. With no group above, nothing moves.

#include "core/domain/directory.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Atiende::Core {

class EscalationRule
{
public:
    qint64 id = 0;
    QString name;
    QString on; // "warning", "breach", "p1"
    QString clock = QStringLiteral("any"); // "firstResponse", "resolution", "any"
    QList<qint64> groupIds;
    QString kind; // "functional", "hierarchical"
    qint64 toGroupId = 0; // functional only; 0 = the next tier
    bool active = true;
    int version = 0;

    // {"name", "on", "clock", "groupIds": [], "kind", "toGroupId", "active"}. Refused with a
    // message: no name, an unknown trigger, clock or kind, a clock on a p1 rule, a target
    // group on a hierarchical rule, an id that is not a positive integer.
    static std::optional<EscalationRule> fromJson(const QJsonObject &o, QString *error = nullptr);
    QJsonObject toJson() const;

    bool matches(const QString &trigger, const QString &clockName, qint64 groupId) const;
    // The active rules that apply to a ticket in groupId on this trigger, in id order.
    static QList<EscalationRule> matching(const QList<EscalationRule> &rules,
        const QString &trigger, const QString &clockName, qint64 groupId);
    // The next tier above fromGroupId among groups (0 when there is none, or fromGroupId is
    // not among them).
    static qint64 nextTier(const QList<Group> &groups, qint64 fromGroupId);
};

} // namespace Atiende::Core
