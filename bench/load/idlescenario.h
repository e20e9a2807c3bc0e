#pragma once
// Scenario "idle": what an idle authenticated session costs the server in memory. Reads
// atiended's VmRSS before K sessions connect (hello + auth.resume) and after they settle, and
// does the same with K bare connections to the baseline broadcast server.

#include "scenariocontext.h"

namespace Atiende::Bench {

class IdleScenario
{
public:
    IdleScenario(ScenarioContext &context, int sessions);
    bool run();

private:
    void runBaseline();
    // VmRSS after the process has been left alone for settleMs.
    qint64 settledRss(qint64 pid, int settleMs);

    ScenarioContext &m_context;
    int m_sessions;
};

} // namespace Atiende::Bench
