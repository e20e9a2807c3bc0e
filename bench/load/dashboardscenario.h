#pragma once
// Scenario "dashboard": M sessions (--dashboard-sessions, 50) subscribed to the live dashboard
// (today, the whole desk: they resume the admin's session, the largest scope there is) while a
// driver creates tickets, first one every --dashboard-interval ms with time to spare (each
// change pushed at once), then in a burst of one every 50 ms (pushes coalesced to five a
// second). For each ticket, the time from the driver sending tickets.create to the first
// dashboard.changed that counts it at the last (and first) of the M sessions. The server
// is given a backlog of tickets first (--dashboard-backlog), so the figures are not empty.

#include "scenariocontext.h"

namespace Atiende::Bench {

class DashboardScenario
{
public:
    DashboardScenario(ScenarioContext &context, int sessions);
    bool run();

private:
    ScenarioContext &m_context;
    int m_sessions;
};

} // namespace Atiende::Bench
