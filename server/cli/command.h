#pragma once
// One sub-command of atiended: reads its own options from the parsed command line, tells a
// mistake before it opens anything, runs, and writes what it did to the injected streams.

#include "commandline.h"

#include <memory>

namespace Atiende::Server::Cli {

class Command
{
public:
    virtual ~Command() = default;
    // The process's exit code: 0 done, 1 refused or failed (with the reason on io.err).
    virtual int run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) = 0;
};

// The command for a name, nullptr for a name atiended does not know.
std::unique_ptr<Command> makeCommand(const QString &name);

} // namespace Atiende::Server::Cli
