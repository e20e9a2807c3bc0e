#include "commandline.h"

#include "server/rpc/tlscontext.h"

#include <QStandardPaths>

namespace Atiende::Server::Cli {

CommandLine::CommandLine()
    : listen(QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on (port 0: any free port)."),
        QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8765"))
    , data(QStringLiteral("data"), QStringLiteral("Folder of the database."), QStringLiteral("dir"),
          QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
    , user(QStringLiteral("user"), QStringLiteral("Login name (init, passwd)."),
          QStringLiteral("login"), QStringLiteral("admin"))
    , name(QStringLiteral("name"), QStringLiteral("Display name (init)."), QStringLiteral("name"))
    , seed(QStringLiteral("seed"), QStringLiteral("Random seed (demo-data)."), QStringLiteral("n"),
          QStringLiteral("2026"))
    , tickets(QStringLiteral("tickets"), QStringLiteral("Number of tickets (demo-data)."),
          QStringLiteral("n"), QStringLiteral("5000"))
    , readers(QStringLiteral("readers"), QStringLiteral("Reader threads."), QStringLiteral("n"),
          QStringLiteral("2"))
    , sessionSeconds(QStringLiteral("session-seconds"),
          QStringLiteral("How long a log-in lasts (default 14 days)."), QStringLiteral("s"),
          QString::number(14 * 24 * 3600))
    , calendar(QStringLiteral("calendar"),
          QStringLiteral("A business calendar to add or replace (sla-config)."),
          QStringLiteral("file.json"))
    , policy(QStringLiteral("policy"),
          QStringLiteral("An SLA policy to add or replace (sla-config)."),
          QStringLiteral("file.json"))
    , file(QStringLiteral("file"),
          QStringLiteral("A JSON array of canned responses, routing rules or escalation rules to "
                         "add or replace (canned, routing, escalation); a mailbox's settings as "
                         "a JSON object (mail)."),
          QStringLiteral("file.json"))
    , group(QStringLiteral("group"), QStringLiteral("Id of the group (assignment)."),
          QStringLiteral("id"))
    , strategy(QStringLiteral("strategy"),
          QStringLiteral("How the group's new tickets are assigned: manual, round_robin, "
                         "least_open or skills (assignment)."),
          QStringLiteral("strategy"))
    , reopenWindow(QStringLiteral("reopen-window-hours"),
          QStringLiteral("Hours after resolution during which a bad rating or a reply reopens a "
                         "ticket (satisfaction)."),
          QStringLiteral("n"))
    , zone(QStringLiteral("zone"),
          QStringLiteral("The desk's time zone, an IANA name such as Europe/Madrid (time-zone)."),
          QStringLiteral("zone"))
    , from(QStringLiteral("from"),
          QStringLiteral(
              "First day of the report: yyyy-MM-dd, today, today-N, month or month-N (report)."),
          QStringLiteral("day"))
    , to(QStringLiteral("to"),
          QStringLiteral("The day after the report's last day, written like --from (report)."),
          QStringLiteral("day"))
    , groups(QStringLiteral("groups"),
          QStringLiteral("Group ids, comma separated; default: the whole desk (report)."),
          QStringLiteral("ids"))
    , csv(QStringLiteral("csv"), QStringLiteral("Write the report as CSV to this file (report)."),
          QStringLiteral("file"))
    , pdf(QStringLiteral("pdf"), QStringLiteral("Write the report as PDF to this file (report)."),
          QStringLiteral("file"))
    , revoke(QStringLiteral("revoke"), QStringLiteral("End the session with this id (sessions)."),
          QStringLiteral("id"))
    , revokeAll(
          QStringLiteral("revoke-all"), QStringLiteral("End every session of --user (sessions)."))
    , disable(QStringLiteral("disable"),
          QStringLiteral("Disable the agent --user: no more log-ins, every session ended (agent)."))
    , enable(QStringLiteral("enable"), QStringLiteral("Enable the agent --user again (agent)."))
    , handshakeTimeout(QStringLiteral("handshake-timeout-ms"),
          QStringLiteral("Time a connection has from its accept to a finished TLS handshake, and "
                         "again to a finished WebSocket upgrade (serve)."),
          QStringLiteral("ms"), QStringLiteral("10000"))
    , loginTimeout(QStringLiteral("login-timeout-ms"),
          QStringLiteral("Time a connection has to sign in after its upgrade (serve)."),
          QStringLiteral("ms"), QStringLiteral("30000"))
    , maxPending(QStringLiteral("max-pending"),
          QStringLiteral("Connections not signed in yet, in all and from one address (serve)."),
          QStringLiteral("all,per-address"), QStringLiteral("1024,1024"))
    , cert(QStringLiteral("cert"),
          QStringLiteral("Serve TLS (wss://) with this PEM certificate; the file may hold the "
                         "chain after it. Needs --key."),
          QStringLiteral("file"))
    , key(QStringLiteral("key"),
          QStringLiteral(
              "The certificate's PEM private key; an encrypted one takes its passphrase from %1.")
              .arg(QLatin1String(TlsContext::kPassphraseVariable)),
          QStringLiteral("file"))
    , fileLimits(QStringLiteral("file-limits"),
          QStringLiteral("Files on tickets: MiB a file, files a message, MiB a message (serve)."),
          QStringLiteral("file,files,message"), QStringLiteral("25,20,100"))
    , uploadTimes(QStringLiteral("upload-times"),
          QStringLiteral("Seconds an upload may stall before it is dropped, and seconds a "
                         "finished upload no message names is kept (serve)."),
          QStringLiteral("stall,keep"), QStringLiteral("900,86400"))
    , mailRetries(QStringLiteral("mail-retries"),
          QStringLiteral("Seconds before each new try of an e-mail that could not be sent; after "
                         "the last try it has failed, and agents see it with a Retry (serve)."),
          QStringLiteral("s,s,..."), QStringLiteral("60,300,1800,7200,21600"))
{
}

void CommandLine::setUp(QCommandLineParser &parser) const
{
    parser.setApplicationDescription(
        QStringLiteral("Atiende service desk server.\n\nCommands: serve (default), init, "
                       "demo-data, passwd, sla-config, canned, routing, escalation, assignment, "
                       "satisfaction, time-zone, sessions, agent, mail, report"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"),
        QStringLiteral(
            "serve | init | demo-data | passwd | sla-config | canned | routing | escalation | "
            "assignment | satisfaction | time-zone | sessions | agent | mail | report"));
    parser.addOptions({ listen, data, user, name, seed, tickets, readers, sessionSeconds, calendar,
        policy, file, group, strategy, reopenWindow, zone, from, to, groups, csv, pdf, revoke,
        revokeAll, disable, enable, handshakeTimeout, loginTimeout, maxPending, cert, key,
        fileLimits, uploadTimes, mailRetries });
}

QString CommandLine::commandName(const QCommandLineParser &parser)
{
    return parser.positionalArguments().value(0, QStringLiteral("serve"));
}

int CommandIo::fail(const QString &message) const
{
    err << "atiended: " << message << Qt::endl;
    return 1;
}

QString readPasswordFromTerminal(QTextStream &err)
{
    const QString fromEnv = qEnvironmentVariable("ATIENDE_PASSWORD");
    if (!fromEnv.isEmpty())
        return fromEnv;
    err << "password: " << Qt::flush;
    QTextStream in(stdin);
    return in.readLine();
}

} // namespace Atiende::Server::Cli
