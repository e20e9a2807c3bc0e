#pragma once
// Scenario "files": files on tickets (issue 13). One 25 MiB upload and its download, timed from
// the client's first request to its last answer (hashing and base64 included), three times
// each; then 20 uploads of 25 MiB at once, with the server's resident memory sampled throughout.
// The fan-out of sync.changed while an upload runs is the fanout scenario's "+upload" run
// (--scenario fanout-upload).

#include "scenariocontext.h"

namespace Atiende::Bench {

class FilesScenario
{
public:
    explicit FilesScenario(ScenarioContext &context);
    bool run();

private:
    ScenarioContext &m_context;
};

} // namespace Atiende::Bench
