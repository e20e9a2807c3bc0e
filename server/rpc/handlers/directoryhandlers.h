#pragma once
// The desk's directory and the agents in it: directory.get, agents.skills.set, presence.set
// (an agent's availability, which the dashboard shows), groups.members.set (who is in a group;
// the sessions of the agents concerned get their new groups as soon as it is on disk).

#include "handlerunit.h"

namespace Atiende::Server {

class DirectoryHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

private:
    void directory(CallContext &, const QJsonObject &, const Reply &);
    void skillsSet(CallContext &, const QJsonObject &, const Reply &);
    void presenceSet(CallContext &, const QJsonObject &, const Reply &);
    void groupMembersSet(CallContext &, const QJsonObject &, const Reply &);
};

} // namespace Atiende::Server
