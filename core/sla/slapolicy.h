#pragma once
// An SLA policy: how fast the desk promises to respond to and resolve tickets, per priority,
// counted in the working time of one business calendar, for the tickets it applies to.
//
// Which policy applies: policies are tried in ascending `order` (ties: lower id first); the
// first whose conditions all hold (a category in categoryIds, if any are listed; an
// organisation in organisationIds, if any are listed) and that has a target for the
// ticket's priority is the ticket's policy. A ticket that matches none has no SLA clock.
// Put specific policies (a VIP organisation) before general ones.

#include "core/domain/enums.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace Atiende::Core {

struct SlaTarget
{
    qint64 firstResponseMinutes = 0; // 0: no first-response target at this priority
    qint64 resolutionMinutes = 0; // 0: no resolution target
    bool isEmpty() const { return firstResponseMinutes <= 0 && resolutionMinutes <= 0; }
};

class SlaPolicy
{
public:
    qint64 id = 0;
    QString name;
    qint64 calendarId = 0; // 0: around the clock (24x7, UTC)
    int order = 100;
    int warnPercent = 75; // warn when this share of a target is used
    QList<qint64> categoryIds;
    QList<qint64> organisationIds;
    SlaTarget targets[4]; // by priority P1..P4
    int version = 0;

    const SlaTarget &target(Priority p) const { return targets[int(p)]; }
    bool matches(qint64 categoryId, qint64 organisationId, Priority p) const;

    // {"name", "calendarId", "order", "warnPercent", "categoryIds": [], "organisationIds": [],
    //  "targets": {"P1": {"firstResponseMinutes": 15, "resolutionMinutes": 240}, ...}}
    // Refused with a message: no name, a warnPercent outside 1-99, a target that is not a
    // positive number of minutes, an unknown priority, and a policy with no target at all.
    static std::optional<SlaPolicy> fromJson(const QJsonObject &o, QString *error = nullptr);
    QJsonObject toJson() const;

    // The policy for a ticket among these, by the rule above; nullptr if none applies.
    static const SlaPolicy *select(
        const QList<SlaPolicy> &policies, qint64 categoryId, qint64 organisationId, Priority p);
};

} // namespace Atiende::Core
