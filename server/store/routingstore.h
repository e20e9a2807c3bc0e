#pragma once
// Where a new ticket goes and who takes it: the ordered routing rules an admin keeps, each
// group's assignment strategy, and the agents' presence and skills. TicketStore asks it at
// creation; the rules themselves (core/routing) are pure.

#include "caller.h"
#include "changeset.h"

#include "core/domain/enums.h"
#include "core/routing/assignment.h"
#include "core/routing/routingrules.h"

#include <QJsonObject>
#include <optional>

namespace Atiende::Server {

class SqlContext;
class SyncStore;

class RoutingStore
{
public:
    RoutingStore(SqlContext &ctx, SyncStore &sync);

    bool load(); // the rules, from the table
    const Core::RoutingTable &table() const { return m_table; }

    // The group the rules choose for a new ticket, if any rule matches and its group exists.
    std::optional<Core::RoutingDecision> route(const Core::RoutingInput &in);
    // The agent the group's strategy gives a ticket now (nullopt: it waits in the queue),
    // advancing the group's round-robin turn and the agent's last-assigned time.
    std::optional<qint64> assign(qint64 groupId, const QStringList &requiredSkills, qint64 now);

    OpResult rules();
    OpResult saveRule(const Caller &caller, const QJsonObject &definition);
    OpResult setAssignment(const Caller &caller, qint64 groupId, Core::AssignmentStrategy strategy);
    OpResult setPresence(const Caller &caller, qint64 agentId, Core::Presence presence);
    OpResult setSkills(const Caller &caller, qint64 agentId, const QStringList &skills);

private:
    SqlContext &m_ctx;
    SyncStore &m_sync;
    Core::RoutingTable m_table;
};

} // namespace Atiende::Server
