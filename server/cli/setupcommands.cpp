#include "setupcommands.h"

#include "server/admin/adminops.h"
#include "server/admin/adminrunner.h"
#include "server/admin/datafolder.h"
#include "server/admin/setup.h"
#include "server/demo/demodata.h"

namespace Atiende::Server::Cli {

int InitCommand::run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io)
{
    QString error;
    AdminRunner runner(parser.value(line.data));
    if (!runner.open(&error, AdminRunner::Mode::LocalOnly, true))
        return io.fail(error);
    const QString password = io.readPassword();
    if (const QString problem = AdminOps::passwordProblem(password); !problem.isEmpty())
        return io.fail(problem);
    Setup setup(*runner.store());
    if (!setup.init(parser.value(line.user), parser.value(line.name), password, &error))
        return io.fail(error);
    io.out << "created admin " << parser.value(line.user) << " in " << runner.folder().path()
           << Qt::endl;
    return 0;
}

int DemoDataCommand::run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io)
{
    QString error;
    AdminRunner runner(parser.value(line.data));
    if (!runner.open(&error, AdminRunner::Mode::LocalOnly, true))
        return io.fail(error);
    DemoData::Options options;
    options.seed = parser.value(line.seed).toUInt();
    options.tickets = parser.value(line.tickets).toInt();
    options.filesDirectory = runner.folder().filesPath();
    DemoData demo(*runner.store(), options);
    if (!demo.generate(&error))
        return io.fail(error);
    io.out << demo.summary() << Qt::endl;
    return 0;
}

} // namespace Atiende::Server::Cli
