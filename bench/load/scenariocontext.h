#pragma once
// What every scenario works with: the options, the report, the client threads.

#include "clientthreads.h"
#include "loadoptions.h"
#include "report.h"

class QTextStream;

namespace Atiende::Bench {

struct ScenarioContext
{
    const LoadOptions &options;
    Report &report;
    ClientThreads &threads;
    QTextStream &out;
};

} // namespace Atiende::Bench
