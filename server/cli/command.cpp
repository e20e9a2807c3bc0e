#include "command.h"

#include "admincommands.h"
#include "reportcommand.h"
#include "servecommand.h"
#include "setupcommands.h"

namespace Atiende::Server::Cli {

std::unique_ptr<Command> makeCommand(const QString &name)
{
    if (name == QLatin1String("serve"))
        return std::make_unique<ServeCommand>();
    if (name == QLatin1String("init"))
        return std::make_unique<InitCommand>();
    if (name == QLatin1String("demo-data"))
        return std::make_unique<DemoDataCommand>();
    if (name == QLatin1String("passwd"))
        return std::make_unique<PasswdCommand>();
    if (name == QLatin1String("sla-config"))
        return std::make_unique<SlaConfigCommand>();
    if (name == QLatin1String("canned"))
        return std::make_unique<ItemsFileCommand>(ItemsFileCommand::Kind::Canned);
    if (name == QLatin1String("routing"))
        return std::make_unique<ItemsFileCommand>(ItemsFileCommand::Kind::Routing);
    if (name == QLatin1String("escalation"))
        return std::make_unique<ItemsFileCommand>(ItemsFileCommand::Kind::Escalation);
    if (name == QLatin1String("assignment"))
        return std::make_unique<AssignmentCommand>();
    if (name == QLatin1String("satisfaction"))
        return std::make_unique<SatisfactionCommand>();
    if (name == QLatin1String("time-zone"))
        return std::make_unique<TimeZoneCommand>();
    if (name == QLatin1String("sessions"))
        return std::make_unique<SessionsCommand>();
    if (name == QLatin1String("mail"))
        return std::make_unique<MailCommand>();
    if (name == QLatin1String("agent"))
        return std::make_unique<AgentCommand>();
    if (name == QLatin1String("report"))
        return std::make_unique<ReportCommand>();
    return nullptr;
}

} // namespace Atiende::Server::Cli
