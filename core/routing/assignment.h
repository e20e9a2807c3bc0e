#pragma once
// Auto-assignment: which agent of a group gets a new ticket, by the group's strategy and the
// agents' presence and load. Pure decisions over a snapshot the server passes in.
//
// Defined behaviour (docs/architecture.md, "Routing and assignment", says the same for admins):
// - Only agents whose presence is `available` are given work. Busy agents keep the tickets
//   they hold but get nothing new; away and offline agents likewise.
// - manual: nobody is chosen; the ticket waits in the group's queue for someone to take it.
// - round_robin: eligible agents take turns in id order. The caller keeps a cursor per group
//   (the id of the last agent given work) and the next ticket goes to the first eligible
//   agent with a larger id, wrapping round. Agents who come and go do not reset the turn.
// - least_open: the eligible agent with the fewest open tickets; ties go to the one who was
//   given work longest ago (never counts as longest), then to the lowest id.
// - skills: among eligible agents having every required skill tag (compared ignoring case),
//   the least_open choice. No tags required: every eligible agent qualifies.
// - Nobody eligible (everyone away, nobody with the skills): std::nullopt, and the ticket
//   waits unassigned in the group's queue. It always keeps its group, so it is never lost.
// - An agent removed from a group hands the group's tickets they held back to the group's
//   queue, unassigned (onAgentLeftGroup); they are then offered again like new tickets.

#include "core/domain/enums.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

namespace Atiende::Core {

enum class Presence { Available, Busy, Away, Offline };
enum class AssignmentStrategy { Manual, RoundRobin, LeastOpen, Skills };

// Wire names: available, busy, away, offline; manual, round_robin, least_open, skills.
QString wireName(Presence v);
QString wireName(AssignmentStrategy v);
template <> std::optional<Presence> fromString<Presence>(const QString &s);
template <> std::optional<AssignmentStrategy> fromString<AssignmentStrategy>(const QString &s);
template <> QStringList wireNames<Presence>();
template <> QStringList wireNames<AssignmentStrategy>();

// One member of the group as the server sees it when the ticket arrives.
struct AgentLoad
{
    qint64 agentId = 0;
    Presence presence = Presence::Offline;
    int openTickets = 0;
    QStringList skills;
    qint64 lastAssignedAt = 0; // ms since the epoch; 0: never given work
};

class Assigner
{
public:
    // The agent to give the ticket to, by the rules above; std::nullopt leaves it in the
    // group's queue. For round_robin, *roundRobinCursor is read and, when someone is chosen,
    // moved to them: persist it only once the assignment is committed. May be null (the turn
    // then starts from the lowest id).
    static std::optional<qint64> choose(AssignmentStrategy strategy,
        const QList<AgentLoad> &candidates, const QStringList &requiredSkills = {},
        qint64 *roundRobinCursor = nullptr);

    // The tickets to hand back to the group's queue when agentId leaves the group: those of
    // the group's tickets (ticket id -> assignee id, 0 for none) the agent held, by ticket
    // id. The caller clears their assignee and keeps their group.
    static QList<qint64> onAgentLeftGroup(
        qint64 agentId, const QHash<qint64, qint64> &assigneeByTicket);
};

} // namespace Atiende::Core
