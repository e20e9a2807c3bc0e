#pragma once
// The sub-commands that make a new desk, only on a folder nobody serves: `init` (an empty
// desk with its first admin) and `demo-data` (a realistic bilingual desk, server/demo).

#include "command.h"

namespace Atiende::Server::Cli {

// atiended init --data DIR --user admin [--name "..."] (password from ATIENDE_PASSWORD or stdin)
class InitCommand : public Command
{
public:
    int run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) override;
};

// atiended demo-data --data DIR [--seed N] [--tickets N]
class DemoDataCommand : public Command
{
public:
    int run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) override;
};

} // namespace Atiende::Server::Cli
