#pragma once
// Scenario "reconnect": K sessions connected and authenticated lose their sockets at once (a
// network blip, a restarted proxy) and all reconnect at once (hello + auth.resume). Measures
// the time until every one is authenticated again.

#include "scenariocontext.h"

namespace Atiende::Bench {

class ReconnectScenario
{
public:
    ReconnectScenario(ScenarioContext &context, int sessions);
    bool run();

private:
    ScenarioContext &m_context;
    int m_sessions;
};

} // namespace Atiende::Bench
