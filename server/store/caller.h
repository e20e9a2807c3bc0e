#pragma once
// Who is asking: the logged-in agent with the role and groups every permission check uses.
// Checks happen here on the server, never only in the console.

#include "core/domain/enums.h"

#include <QList>

namespace Atiende::Server {

struct Caller
{
    qint64 agentId = 0;
    Core::Role role = Core::Role::Agent;
    QList<qint64> groupIds;

    bool isAdmin() const { return role == Core::Role::Admin; }
    bool inGroup(qint64 groupId) const { return groupIds.contains(groupId); }
    // Agents and leads see the tickets of their groups and the tickets assigned to them;
    // admins see everything.
    bool canSeeTicket(qint64 groupId, qint64 assigneeId) const
    {
        return isAdmin() || inGroup(groupId) || (assigneeId != 0 && assigneeId == agentId);
    }
};

} // namespace Atiende::Server
