#pragma once
// Scenario "fanout": M sessions connected and authenticated as the admin; one driver session
// creates or updates a ticket every ~20 ms. For each change, the time from the driver sending
// its request to the change's sync.changed arriving at the LAST of the M sessions (matched by
// revision), and at the first. Then the same M and the same pace against the bare Qt
// WebSockets broadcast server, frames as large as atiended's, as the baseline.

#include "scenariocontext.h"

namespace Atiende::Bench {

class FanoutScenario
{
public:
    // withUpload: a 25 MiB upload always under way on another session while measuring (the
    // files issue's figure: fan-out within 2x of without).
    FanoutScenario(ScenarioContext &context, int sessions, bool withUpload = false);
    bool run();

private:
    bool runAtiended(double *meanFrameBytes);
    bool runBaseline(int frameBytes);

    ScenarioContext &m_context;
    int m_sessions;
    bool m_withUpload;
};

} // namespace Atiende::Bench
