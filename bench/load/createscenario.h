#pragma once
// Scenario "create": N sessions each keep W requests in flight for D seconds. A request is a
// tickets.create; each ticket created then gets one tickets.update to in_progress, as an agent
// who takes a new ticket would. Every write is a durable group commit on the server, and every
// session, logged in as the admin, gets sync.changed for every batch: the full cost a busy
// service desk puts on atiended.

#include "scenariocontext.h"

namespace Atiende::Bench {

class CreateScenario
{
public:
    CreateScenario(ScenarioContext &context, int inFlight);
    bool run();

private:
    ScenarioContext &m_context;
    int m_inFlight;
};

} // namespace Atiende::Bench
