// atiended: the Atiende server. Wiring only; the logic lives in server/.
//
//   atiended [serve] --listen 127.0.0.1:8765 --data DIR [--cert CERT.pem --key KEY.pem]
//                                (TLS: wss://; SIGHUP reads the pair again, on Unix)
//   atiended init --data DIR --user admin [--name "..."] (password from ATIENDE_PASSWORD or stdin)
//   atiended demo-data --data DIR [--seed N] [--tickets N]
//   atiended passwd --data DIR --user NAME (password from ATIENDE_PASSWORD or stdin)
//   atiended sla-config --data DIR [--calendar FILE.json]... [--policy FILE.json]...
//   atiended canned --data DIR --file RESPONSES.json
//   atiended routing --data DIR --file RULES.json
//   atiended escalation --data DIR --file RULES.json
//   atiended assignment --data DIR --group ID --strategy manual|round_robin|least_open|skills
//   atiended satisfaction --data DIR --reopen-window-hours N
//   atiended time-zone --data DIR [--zone Europe/Madrid]
//   atiended report --data DIR --from DATE --to DATE [--groups 1,2] [--csv FILE] [--pdf FILE]
//   atiended sessions --data DIR [--user NAME] [--revoke ID | --revoke-all]
//   atiended agent --data DIR --user NAME --disable | --enable
//
// One data folder has one serving process (it holds DATA/atiended.lock). Admin commands run
// through that server when it is up, so their changes reach the consoles at once, and on the
// store itself, holding the lock, when it is not (server/admin/adminrunner.h).

#include "app/common/reloadsignal.h"
#include "app/common/shutdownsignal.h"

#include "report/reportdocument.h"
#include "server/admin/adminops.h"
#include "server/admin/adminrunner.h"
#include "server/admin/datafolder.h"
#include "server/admin/demodata.h"
#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/kpi/dayindex.h"
#include "server/kpi/kpireport.h"
#include "server/kpi/kpisource.h"
#include "server/platform/resourcelimits.h"
#include "server/rpc/rpcserver.h"
#include "server/satisfaction/surveystore.h"
#include "server/rpc/tlscontext.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"
#include "core/protocol/protocol.h"
#include "core/routing/assignment.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTextStream>

#include <cstdio>
#include <optional>

using namespace Atiende;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}
QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << "atiended: " << message << Qt::endl;
    return 1;
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    *address = host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(host);
    *port = quint16(p);
    return !address->isNull();
}

QString readPassword()
{
    const QString fromEnv = qEnvironmentVariable("ATIENDE_PASSWORD");
    if (!fromEnv.isEmpty())
        return fromEnv;
    err() << "password: " << Qt::flush;
    QTextStream in(stdin);
    return in.readLine();
}

// The --file of canned, routing and escalation: a JSON array, or an error naming the file.
bool readJsonArray(const QString &file, QJsonArray *items, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(file);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isArray()) {
        *error = QStringLiteral("%1 is not a JSON array: %2")
                     .arg(file, pe.error == QJsonParseError::NoError ? QStringLiteral("another JSON value") : pe.errorString());
        return false;
    }
    *items = doc.array();
    return true;
}

// A report's day: yyyy-MM-dd, or relative to today in the desk's time zone, for timers that
// run the same command every day or month: today, today-N (N days before), month (the first
// day of this month), month-N (of N months before).
std::optional<QDate> reportDay(const QString &text, const QDate &today)
{
    const QDate exact = QDate::fromString(text, Qt::ISODate);
    if (exact.isValid())
        return exact;
    for (const QString &base : {QStringLiteral("today"), QStringLiteral("month")}) {
        if (!text.startsWith(base))
            continue;
        const QString rest = text.mid(base.size());
        bool ok = rest.isEmpty();
        const int n = rest.startsWith(QLatin1Char('-')) ? rest.mid(1).toInt(&ok) : 0;
        if (!ok || n < 0)
            return std::nullopt;
        if (base == QLatin1String("today"))
            return today.addDays(-n);
        return QDate(today.year(), today.month(), 1).addMonths(-n);
    }
    return std::nullopt;
}

// An admin operation's outcome: nothing when it worked, else the error line.
int failed(const Server::OpResult &r, const QString &context = QString())
{
    return fail(context.isEmpty() ? r.error.message : QStringLiteral("%1: %2").arg(context, r.error.message));
}

QJsonArray arrayOf(const QList<QJsonObject> &items)
{
    QJsonArray out;
    for (const QJsonObject &o : items)
        out.append(o);
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
#if defined(Q_OS_LINUX)
    // Qt's GLib event dispatcher walks every polled descriptor each time a socket notifier is
    // switched, and a socket's write notifier switches for every frame sent: a broadcast to a
    // thousand consoles cost O(peers^2). The plain UNIX dispatcher does not.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#endif
    // `report` draws its PDF with Qt Gui (QPdfWriter, QPainter): a QGuiApplication on the
    // offscreen platform, so it runs on a server without a display, from cron or a timer.
    const bool drawing = argc > 1 && qstrcmp(argv[1], "report") == 0;
    if (drawing && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application = drawing ? std::make_unique<QGuiApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("atiended"));
    QCoreApplication::setOrganizationName(QStringLiteral("Atiende"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATIENDE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Atiende service desk server.\n\nCommands: serve (default), init, demo-data, passwd, sla-config, canned, routing, escalation, assignment, satisfaction, time-zone, sessions, agent, report"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve | init | demo-data | passwd | sla-config | canned | routing | escalation | assignment | satisfaction | time-zone | sessions | agent | report"));
    const QCommandLineOption listenOpt(QStringLiteral("listen"), QStringLiteral("Address and port to listen on (port 0: any free port)."),
                                       QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8765"));
    const QCommandLineOption dataOpt(QStringLiteral("data"), QStringLiteral("Folder of the database."), QStringLiteral("dir"),
                                     QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    const QCommandLineOption userOpt(QStringLiteral("user"), QStringLiteral("Login name (init, passwd)."), QStringLiteral("login"), QStringLiteral("admin"));
    const QCommandLineOption nameOpt(QStringLiteral("name"), QStringLiteral("Display name (init)."), QStringLiteral("name"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Random seed (demo-data)."), QStringLiteral("n"), QStringLiteral("2026"));
    const QCommandLineOption ticketsOpt(QStringLiteral("tickets"), QStringLiteral("Number of tickets (demo-data)."), QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption readersOpt(QStringLiteral("readers"), QStringLiteral("Reader threads."), QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption sessionOpt(QStringLiteral("session-seconds"), QStringLiteral("How long a log-in lasts (default 14 days)."),
                                        QStringLiteral("s"), QString::number(14 * 24 * 3600));
    const QCommandLineOption calendarOpt(QStringLiteral("calendar"), QStringLiteral("A business calendar to add or replace (sla-config)."), QStringLiteral("file.json"));
    const QCommandLineOption policyOpt(QStringLiteral("policy"), QStringLiteral("An SLA policy to add or replace (sla-config)."), QStringLiteral("file.json"));
    const QCommandLineOption fileOpt(QStringLiteral("file"), QStringLiteral("A JSON array of canned responses, routing rules or escalation rules to add or replace (canned, routing, escalation)."), QStringLiteral("file.json"));
    const QCommandLineOption groupOpt(QStringLiteral("group"), QStringLiteral("Id of the group (assignment)."), QStringLiteral("id"));
    const QCommandLineOption strategyOpt(QStringLiteral("strategy"), QStringLiteral("How the group's new tickets are assigned: manual, round_robin, least_open or skills (assignment)."),
                                         QStringLiteral("strategy"));
    const QCommandLineOption reopenWindowOpt(QStringLiteral("reopen-window-hours"), QStringLiteral("Hours after resolution during which a bad rating or a reply reopens a ticket (satisfaction)."),
                                             QStringLiteral("n"));
    const QCommandLineOption zoneOpt(QStringLiteral("zone"), QStringLiteral("The desk's time zone, an IANA name such as Europe/Madrid (time-zone)."), QStringLiteral("zone"));
    const QCommandLineOption fromOpt(QStringLiteral("from"), QStringLiteral("First day of the report: yyyy-MM-dd, today, today-N, month or month-N (report)."), QStringLiteral("day"));
    const QCommandLineOption toOpt(QStringLiteral("to"), QStringLiteral("The day after the report's last day, written like --from (report)."), QStringLiteral("day"));
    const QCommandLineOption groupsOpt(QStringLiteral("groups"), QStringLiteral("Group ids, comma separated; default: the whole desk (report)."), QStringLiteral("ids"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Write the report as CSV to this file (report)."), QStringLiteral("file"));
    const QCommandLineOption pdfOpt(QStringLiteral("pdf"), QStringLiteral("Write the report as PDF to this file (report)."), QStringLiteral("file"));
    const QCommandLineOption certOpt(QStringLiteral("cert"), QStringLiteral("Serve TLS (wss://) with this PEM certificate; the file may hold the chain after it. Needs --key."),
                                     QStringLiteral("file"));
    const QCommandLineOption keyOpt(QStringLiteral("key"), QStringLiteral("The certificate's PEM private key; an encrypted one takes its passphrase from %1.")
                                                               .arg(QLatin1String(Server::TlsContext::kPassphraseVariable)),
                                    QStringLiteral("file"));
    const QCommandLineOption revokeOpt(QStringLiteral("revoke"), QStringLiteral("End the session with this id (sessions)."), QStringLiteral("id"));
    const QCommandLineOption revokeAllOpt(QStringLiteral("revoke-all"), QStringLiteral("End every session of --user (sessions)."));
    const QCommandLineOption disableOpt(QStringLiteral("disable"), QStringLiteral("Disable the agent --user: no more log-ins, every session ended (agent)."));
    const QCommandLineOption enableOpt(QStringLiteral("enable"), QStringLiteral("Enable the agent --user again (agent)."));
    const QCommandLineOption handshakeOpt(QStringLiteral("handshake-timeout-ms"), QStringLiteral("Time a connection has from its accept to a finished TLS handshake, and again to a finished WebSocket upgrade (serve)."),
                                          QStringLiteral("ms"), QStringLiteral("10000"));
    const QCommandLineOption loginTimeoutOpt(QStringLiteral("login-timeout-ms"), QStringLiteral("Time a connection has to sign in after its upgrade (serve)."),
                                             QStringLiteral("ms"), QStringLiteral("30000"));
    const QCommandLineOption maxPendingOpt(QStringLiteral("max-pending"), QStringLiteral("Connections not signed in yet, in all and from one address (serve)."),
                                           QStringLiteral("all,per-address"), QStringLiteral("1024,1024"));
    parser.addOptions({listenOpt, dataOpt, userOpt, nameOpt, seedOpt, ticketsOpt, readersOpt, sessionOpt, calendarOpt, policyOpt, fileOpt,
                       groupOpt, strategyOpt, reopenWindowOpt, zoneOpt, fromOpt, toOpt, groupsOpt, csvOpt, pdfOpt, revokeOpt, revokeAllOpt,
                       disableOpt, enableOpt, handshakeOpt, loginTimeoutOpt, maxPendingOpt, certOpt, keyOpt});
    parser.process(app);

    if (!Server::PasswordHasher::initialise())
        return fail(QStringLiteral("libsodium failed to start"));

    const QString command = parser.positionalArguments().value(0, QStringLiteral("serve"));
    const QString dataDir = parser.value(dataOpt);
    QString error;

    if (command == QLatin1String("init") || command == QLatin1String("demo-data")) {
        // A new desk: only on a folder nobody serves.
        Server::AdminRunner runner(dataDir);
        if (!runner.open(&error, Server::AdminRunner::Mode::LocalOnly, true))
            return fail(error);
        if (command == QLatin1String("init")) {
            const QString password = readPassword();
            if (const QString problem = Server::AdminOps::passwordProblem(password); !problem.isEmpty())
                return fail(problem);
            Server::Setup setup(*runner.store());
            if (!setup.init(parser.value(userOpt), parser.value(nameOpt), password, &error))
                return fail(error);
            out() << "created admin " << parser.value(userOpt) << " in " << runner.folder().path() << Qt::endl;
            return 0;
        }
        Server::DemoData::Options options;
        options.seed = parser.value(seedOpt).toUInt();
        options.tickets = parser.value(ticketsOpt).toInt();
        Server::DemoData demo(*runner.store(), options);
        if (!demo.generate(&error))
            return fail(error);
        out() << demo.summary() << Qt::endl;
        return 0;
    }

    // The admin commands that change a desk: through its server when one serves it.
    static const QStringList kAdminCommands{QStringLiteral("passwd"), QStringLiteral("sla-config"), QStringLiteral("canned"), QStringLiteral("routing"),
                                            QStringLiteral("escalation"), QStringLiteral("assignment"), QStringLiteral("satisfaction"),
                                            QStringLiteral("time-zone"), QStringLiteral("sessions"), QStringLiteral("agent")};
    if (kAdminCommands.contains(command)) {
        // Arguments first: a mistake is told before anything is opened.
        QString method;
        QJsonObject params;
        bool reading = false;
        if (command == QLatin1String("passwd")) {
            method = QStringLiteral("agents.password.set");
            params = {{QStringLiteral("login"), parser.value(userOpt)}};
        } else if (command == QLatin1String("sla-config")) {
            QList<QJsonObject> calendars, policies;
            for (const auto &[option, list] : {std::pair{calendarOpt, &calendars}, std::pair{policyOpt, &policies}}) {
                for (const QString &file : parser.values(option)) {
                    QFile f(file);
                    if (!f.open(QIODevice::ReadOnly))
                        return fail(QStringLiteral("cannot read %1").arg(file));
                    QJsonParseError pe;
                    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
                    if (!doc.isObject())
                        return fail(QStringLiteral("%1 is not a JSON object: %2").arg(file, pe.errorString()));
                    *list << doc.object();
                }
            }
            if (calendars.isEmpty() && policies.isEmpty())
                return fail(QStringLiteral("sla-config wants --calendar FILE.json and/or --policy FILE.json"));
            method = QStringLiteral("sla.config.save");
            params = {{QStringLiteral("calendars"), arrayOf(calendars)}, {QStringLiteral("policies"), arrayOf(policies)}};
        } else if (command == QLatin1String("canned") || command == QLatin1String("routing") || command == QLatin1String("escalation")) {
            const bool canned = command == QLatin1String("canned");
            if (!parser.isSet(fileOpt))
                return fail(canned ? QStringLiteral("canned wants --file RESPONSES.json (a JSON array of responses)")
                                   : QStringLiteral("%1 wants --file RULES.json (a JSON array of rules)").arg(command));
            const QString file = parser.value(fileOpt);
            QJsonArray items;
            if (!readJsonArray(file, &items, &error))
                return fail(error);
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (!items.at(i).isObject())
                    return fail(QStringLiteral("%1, %2 %3: not a JSON object").arg(file, canned ? QStringLiteral("response") : QStringLiteral("rule")).arg(i + 1));
            }
            method = canned ? QStringLiteral("canned.save") : command == QLatin1String("routing") ? QStringLiteral("routing.rules.save") : QStringLiteral("escalation.rules.save");
            params = {{canned ? QStringLiteral("responses") : QStringLiteral("rules"), items}};
        } else if (command == QLatin1String("assignment")) {
            bool idOk = false;
            const qint64 groupId = parser.value(groupOpt).toLongLong(&idOk);
            if (!idOk || groupId < 1)
                return fail(QStringLiteral("assignment wants --group ID (a group's id)"));
            const auto strategy = Core::fromString<Core::AssignmentStrategy>(parser.value(strategyOpt));
            if (!strategy)
                return fail(QStringLiteral("assignment wants --strategy %1").arg(Core::wireNames<Core::AssignmentStrategy>().join(QLatin1Char('|'))));
            method = QStringLiteral("groups.assignment.set");
            params = {{QStringLiteral("groupId"), double(groupId)}, {QStringLiteral("assignment"), Core::wireName(*strategy)}};
        } else if (command == QLatin1String("satisfaction")) {
            bool hoursOk = false;
            const int hours = parser.value(reopenWindowOpt).toInt(&hoursOk);
            if (!hoursOk)
                return fail(QStringLiteral("satisfaction wants --reopen-window-hours N"));
            if (hours < 1 || hours > Server::SurveyStore::kMaxWindowHours)
                return fail(QStringLiteral("The reopen window must be 1 to %1 hours.").arg(Server::SurveyStore::kMaxWindowHours));
            method = QStringLiteral("settings.satisfaction");
            params = {{QStringLiteral("reopenWindowHours"), hours}};
        } else if (command == QLatin1String("time-zone")) {
            method = QStringLiteral("settings.timeZone");
            reading = !parser.isSet(zoneOpt);
            if (!reading)
                params = {{QStringLiteral("zone"), parser.value(zoneOpt)}};
        } else if (command == QLatin1String("sessions")) {
            if (parser.isSet(revokeOpt)) {
                bool ok = false;
                const qint64 id = parser.value(revokeOpt).toLongLong(&ok);
                if (!ok || id < 1)
                    return fail(QStringLiteral("--revoke wants a session id (see atiended sessions)"));
                method = QStringLiteral("sessions.revoke");
                params = {{QStringLiteral("id"), double(id)}};
            } else if (parser.isSet(revokeAllOpt)) {
                if (!parser.isSet(userOpt))
                    return fail(QStringLiteral("--revoke-all wants --user NAME"));
                method = QStringLiteral("sessions.revoke");
                params = {{QStringLiteral("login"), parser.value(userOpt)}};
            } else {
                method = QStringLiteral("sessions.list");
                reading = true;
                if (parser.isSet(userOpt))
                    params = {{QStringLiteral("login"), parser.value(userOpt)}};
            }
        } else if (command == QLatin1String("agent")) {
            if (parser.isSet(disableOpt) == parser.isSet(enableOpt) || !parser.isSet(userOpt))
                return fail(QStringLiteral("agent wants --user NAME and one of --disable, --enable"));
            method = QStringLiteral("agents.active.set");
            params = {{QStringLiteral("login"), parser.value(userOpt)}, {QStringLiteral("active"), parser.isSet(enableOpt)}};
        }

        Server::AdminRunner runner(dataDir);
        if (!runner.open(&error))
            return fail(error);
        if (command == QLatin1String("passwd")) {
            const QString password = readPassword();
            if (const QString problem = Server::AdminOps::passwordProblem(password); !problem.isEmpty())
                return fail(problem);
            params.insert(QStringLiteral("password"), password);
        }
        const Server::OpResult r = reading ? runner.read(method, params) : runner.write(method, params);
        if (!r.ok)
            return failed(r, command == QLatin1String("canned") || command == QLatin1String("routing") || command == QLatin1String("escalation")
                                 ? parser.value(fileOpt)
                                 : QString());
        const QJsonObject result = r.result.toObject();
        const QString via = runner.isRemote() ? QStringLiteral(" (through the running server, pid %1)").arg(runner.serverPid()) : QString();
        if (command == QLatin1String("passwd")) {
            out() << "changed the password of " << parser.value(userOpt) << " in " << runner.folder().path() << "; "
                  << result.value(QStringLiteral("endedSessions")).toArray().size() << " sessions ended" << via << Qt::endl;
        } else if (command == QLatin1String("sla-config")) {
            for (const QJsonValue &v : result.value(QStringLiteral("calendars")).toArray())
                out() << "calendar " << v.toObject().value(QStringLiteral("name")).toString() << " saved as id " << v.toObject().value(QStringLiteral("id")).toInteger() << Qt::endl;
            for (const QJsonValue &v : result.value(QStringLiteral("policies")).toArray())
                out() << "SLA policy " << v.toObject().value(QStringLiteral("name")).toString() << " saved as id " << v.toObject().value(QStringLiteral("id")).toInteger() << Qt::endl;
            out() << result.value(QStringLiteral("recomputed")).toInt() << " open tickets recomputed" << via << Qt::endl;
        } else if (command == QLatin1String("canned")) {
            for (const QJsonValue &v : result.value(QStringLiteral("responses")).toArray()) {
                const QJsonObject response = v.toObject();
                const qint64 groupId = response.value(QStringLiteral("groupId")).toInteger();
                out() << QStringLiteral("canned response \"%1\" saved as id %2 (%3, version %4)")
                             .arg(response.value(QStringLiteral("title")).toString())
                             .arg(response.value(QStringLiteral("id")).toInteger())
                             .arg(groupId ? QStringLiteral("group %1").arg(groupId) : QStringLiteral("global"))
                             .arg(response.value(QStringLiteral("version")).toInt())
                      << Qt::endl;
            }
            out() << result.value(QStringLiteral("responses")).toArray().size() << " canned responses saved" << via << Qt::endl;
        } else if (command == QLatin1String("routing") || command == QLatin1String("escalation")) {
            for (const QJsonValue &v : result.value(QStringLiteral("rules")).toArray())
                out() << command << " rule " << v.toObject().value(QStringLiteral("name")).toString() << " saved as id " << v.toObject().value(QStringLiteral("id")).toInteger() << Qt::endl;
            out() << result.value(QStringLiteral("rules")).toArray().size() << ' ' << command << " rules saved" << via << Qt::endl;
        } else if (command == QLatin1String("assignment")) {
            out() << "group " << parser.value(groupOpt) << " now assigns new tickets by " << params.value(QStringLiteral("assignment")).toString() << via << Qt::endl;
        } else if (command == QLatin1String("satisfaction")) {
            out() << "reopen window " << result.value(QStringLiteral("reopenWindowHours")).toInt() << " hours, for tickets resolved from now on" << via << Qt::endl;
        } else if (command == QLatin1String("time-zone")) {
            const QString source = result.value(QStringLiteral("source")).toString();
            out() << "the desk's time zone is " << result.value(QStringLiteral("zone")).toString() << " ("
                  << (source == QLatin1String("setting") ? "set" : source == QLatin1String("calendar") ? "the first business calendar's" : "the default")
                  << ")" << (reading ? QString() : QStringLiteral("; a running server counts its dashboard days in it after a restart")) << via << Qt::endl;
        } else if (command == QLatin1String("sessions") && reading) {
            const QJsonArray sessions = result.value(QStringLiteral("sessions")).toArray();
            QHash<qint64, QString> logins;
            if (const Server::OpResult directory = runner.isRemote() ? runner.read(QStringLiteral("directory.get"), {}) : Server::OpResult(); directory.ok) {
                for (const QJsonValue &a : directory.result.toObject().value(QStringLiteral("agents")).toArray())
                    logins.insert(a.toObject().value(QStringLiteral("id")).toInteger(), a.toObject().value(QStringLiteral("login")).toString());
            } else if (runner.store()) {
                for (const Core::Agent &a : runner.store()->directory().agents())
                    logins.insert(a.id, a.login);
            }
            out() << "id\tagent\tlast used\texpires\taddress\tclient" << Qt::endl;
            for (const QJsonValue &v : sessions) {
                const QJsonObject o = v.toObject();
                out() << o.value(QStringLiteral("id")).toInteger() << '\t' << logins.value(o.value(QStringLiteral("agentId")).toInteger(), QStringLiteral("?")) << '\t'
                      << o.value(QStringLiteral("lastSeenAt")).toString() << '\t' << o.value(QStringLiteral("expiresAt")).toString() << '\t'
                      << o.value(QStringLiteral("address")).toString() << '\t' << o.value(QStringLiteral("client")).toString() << Qt::endl;
            }
            out() << sessions.size() << " live sessions" << via << Qt::endl;
        } else if (command == QLatin1String("sessions")) {
            out() << result.value(QStringLiteral("endedSessions")).toArray().size() << " sessions ended" << via << Qt::endl;
        } else if (command == QLatin1String("agent")) {
            out() << parser.value(userOpt) << (parser.isSet(enableOpt) ? " is enabled" : " is disabled") << "; "
                  << result.value(QStringLiteral("endedSessions")).toArray().size() << " sessions ended" << via << Qt::endl;
        }
        return 0;
    }

    if (command == QLatin1String("report")) {
        if (!qobject_cast<QGuiApplication *>(&app))
            return fail(QStringLiteral("report must be the first argument: atiended report --data DIR ..."));
        if (!parser.isSet(csvOpt) && !parser.isSet(pdfOpt))
            return fail(QStringLiteral("report wants --csv FILE, --pdf FILE or both"));
        if (!parser.isSet(fromOpt) || !parser.isSet(toOpt))
            return fail(QStringLiteral("report wants --from DAY --to DAY (the day after the last one), e.g. --from 2026-01-01 --to 2027-01-01"));
        QList<qint64> groups;
        for (const QString &item : parser.value(groupsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const qint64 id = item.trimmed().toLongLong(&ok);
            if (!ok || id < 1)
                return fail(QStringLiteral("--groups wants group ids separated by commas, such as 1,3"));
            groups << id;
        }
        // Reading only: beside a running server too (the store's WAL lets readers in).
        const Server::DataFolder folder(dataDir);
        if (!folder.hasDatabase())
            return fail(QStringLiteral("there is no desk in %1").arg(folder.path()));
        auto store = Server::Store::open(folder.databasePath(), false, &error);
        if (!store)
            return fail(QStringLiteral("%1 (if the desk was made by an older atiended, start its server once to bring it up to date)").arg(error));
        QElapsedTimer timer;
        timer.start();
        Server::ReportRequest request;
        request.zone = Server::KpiSource::deskTimeZone(*store);
        const QDate today = Server::DayIndex::localDate(request.zone, Core::Timestamp::now());
        const auto from = reportDay(parser.value(fromOpt), today);
        const auto to = reportDay(parser.value(toOpt), today);
        if (!from || !to)
            return fail(QStringLiteral("--from and --to want a day: yyyy-MM-dd, today, today-N, month or month-N"));
        request.from = *from;
        request.to = *to;
        request.groupIds = groups;
        const Server::OpResult r = Server::KpiReport::compute(*store, request, Core::Timestamp::now());
        if (!r.ok)
            return fail(r.error.message);
        const QJsonObject report = r.result.toObject();
        Report::Names names;
        names.desk = QStringLiteral("Atiende");
        for (const Core::Group &g : store->directory().groups())
            names.groups.insert(g.id, g.name);
        for (const Core::Category &c : store->directory().categories())
            names.categories.insert(c.id, c.name);
        for (const QJsonValue &v : report.value(QStringLiteral("topCustomers")).toArray()) {
            const qint64 id = v.toObject().value(QStringLiteral("customerId")).toInteger();
            if (const auto c = store->directory().customer(id))
                names.customers.insert(id, c->name);
        }
        for (const QJsonValue &v : report.value(QStringLiteral("topOrganisations")).toArray()) {
            const qint64 id = v.toObject().value(QStringLiteral("organisationId")).toInteger();
            if (const auto o = store->directory().organisation(id))
                names.organisations.insert(id, o->name);
        }
        const qint64 computed = timer.elapsed();
        const Report::ReportDocument document(report, names);
        QStringList wrote;
        if (parser.isSet(csvOpt)) {
            if (!document.writeCsv(parser.value(csvOpt), &error))
                return fail(error);
            wrote << parser.value(csvOpt);
        }
        if (parser.isSet(pdfOpt)) {
            if (!document.writePdf(parser.value(pdfOpt), &error))
                return fail(error);
            wrote << parser.value(pdfOpt);
        }
        const QJsonObject totals = report.value(QStringLiteral("totals")).toObject();
        out() << "report " << document.rangeText() << ", " << document.scopeText().toLower() << ": "
              << totals.value(QStringLiteral("created")).toInteger() << " tickets created, " << totals.value(QStringLiteral("resolved")).toInteger()
              << " resolved; wrote " << wrote.join(QStringLiteral(" and ")) << " in " << timer.elapsed() << " ms (figures " << computed << " ms)"
              << Qt::endl;
        return 0;
    }

    if (command != QLatin1String("serve"))
        return fail(QStringLiteral("unknown command \"%1\"; see --help").arg(command));

    Server::ServerConfig config;
    if (!parseListen(parser.value(listenOpt), &config.address, &config.port))
        return fail(QStringLiteral("--listen wants host:port, such as 127.0.0.1:8765"));
    config.readerThreads = qBound(1, parser.value(readersOpt).toInt(), 16);
    bool sessionOk = false;
    const qint64 sessionSeconds = parser.value(sessionOpt).toLongLong(&sessionOk);
    if (!sessionOk || sessionSeconds < 1)
        return fail(QStringLiteral("--session-seconds wants a positive number of seconds"));
    config.sessionLifetimeMs = sessionSeconds * 1000;
    bool timeoutsOk = false, loginOk = false;
    config.handshakeTimeoutMs = parser.value(handshakeOpt).toInt(&timeoutsOk);
    config.loginTimeoutMs = parser.value(loginTimeoutOpt).toInt(&loginOk);
    config.tlsHandshakeTimeoutMs = config.handshakeTimeoutMs;
    if (!timeoutsOk || !loginOk || config.handshakeTimeoutMs < 100 || config.loginTimeoutMs < 100)
        return fail(QStringLiteral("--handshake-timeout-ms and --login-timeout-ms want at least 100 ms"));
    const QStringList pending = parser.value(maxPendingOpt).split(QLatin1Char(','));
    bool allOk = false, perOk = false;
    config.maxPendingConnections = pending.value(0).toInt(&allOk);
    config.maxPendingPerAddress = pending.value(1).toInt(&perOk);
    if (pending.size() != 2 || !allOk || !perOk || config.maxPendingConnections < 1 || config.maxPendingPerAddress < 1)
        return fail(QStringLiteral("--max-pending wants two positive numbers, all,per-address, such as 1024,1024"));

    if (parser.isSet(certOpt) != parser.isSet(keyOpt))
        return fail(QStringLiteral("--cert and --key go together: the certificate and its private key, both PEM files"));
    config.certificateFile = parser.value(certOpt);
    config.keyFile = parser.value(keyOpt);
    // Read once, so a reload decrypts the new key with it; no child process needs to see it.
    config.keyPassphrase = qgetenv(Server::TlsContext::kPassphraseVariable);
    qunsetenv(Server::TlsContext::kPassphraseVariable);

    // One serving process per data folder, for as long as it serves.
    Server::DataFolder folder(dataDir);
    if (!folder.tryLock(&error))
        return fail(QStringLiteral("%1; one data folder has one server").arg(error));
    {
        if (!folder.hasDatabase())
            return fail(QStringLiteral("there is no desk in %1: run atiended init (or demo-data) first").arg(folder.path()));
        auto store = Server::Store::open(folder.databasePath(), true, &error); // migrates before serving
        if (!store)
            return fail(error);
        if (store->directory().agentCount() == 0)
            return fail(QStringLiteral("the desk in %1 has no agents: run atiended init (or demo-data) first").arg(folder.path()));
        config.databasePath = folder.databasePath();
    }
    Server::ResourceLimits::raiseOpenFiles();
    Server::RpcServer server(config);
    if (!server.start(&error))
        return fail(error);
    // Where the admin commands find this server (DataFolder), reachable from this host.
    QHostAddress local = config.address;
    if (local == QHostAddress(QHostAddress::Any) || local == QHostAddress(QHostAddress::AnyIPv4))
        local = QHostAddress(QHostAddress::LocalHost);
    else if (local == QHostAddress(QHostAddress::AnyIPv6))
        local = QHostAddress(QHostAddress::LocalHostIPv6);
    const auto hostText = [](const QHostAddress &a) {
        return a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(a.toString()) : a.toString();
    };
    Server::DataFolder::Endpoint endpoint;
    endpoint.pid = QCoreApplication::applicationPid();
    endpoint.url = QUrl(QStringLiteral("%1://%2:%3%4").arg(server.isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"), hostText(local)).arg(server.port()).arg(QLatin1String(Core::Protocol::kPath)));
    endpoint.certificateSha256 = server.certificateSha256();
    endpoint.adminToken = server.localAdminToken();
    endpoint.startedAt = Core::Timestamp::now();
    if (!folder.publish(endpoint, &error)) {
        server.stop();
        return fail(error);
    }
    App::ShutdownSignal shutdown;
    QObject::connect(&shutdown, &App::ShutdownSignal::requested, &app, [&] {
        out() << "atiended: stopping" << Qt::endl;
        folder.unpublish();
        server.stop();
        app.quit();
    });
    const QString host = hostText(config.address);
    out() << "atiended " << QCoreApplication::applicationVersion() << " listening on " << (server.isSecure() ? "wss://" : "ws://") << host << ':'
          << server.port() << Core::Protocol::kPath << " (protocol " << Core::Protocol::kVersion << ", data " << folder.path() << ')' << Qt::endl;
    // What the agents of a desk whose certificate no authority vouches for compare with what
    // their console shows before they trust it.
    auto describeCertificate = [](const Server::TlsContext &tls) {
        const QSslCertificate cert = tls.certificate();
        return QStringLiteral("certificate for %1 (issued by %2), valid until %3; SHA-256 fingerprint %4")
            .arg(Server::TlsContext::names(cert).join(QStringLiteral(", ")), cert.issuerDisplayName(),
                 cert.expiryDate().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
                 Server::TlsContext::fingerprintText(tls.sha256()));
    };
    auto warnAbout = [](const Server::TlsContext &tls) {
        for (const QString &warning : tls.warnings())
            err() << "atiended: warning: " << warning << Qt::endl;
    };
    std::unique_ptr<App::ReloadSignal> reload;
    if (const Server::TlsContext *tls = server.tls()) {
        out() << "atiended: " << describeCertificate(*tls) << Qt::endl;
        warnAbout(*tls);
        if (App::ReloadSignal::isSupported()) {
            // SIGHUP: the renewed pair from the same files, for new connections.
            reload = std::make_unique<App::ReloadSignal>();
            QObject::connect(reload.get(), &App::ReloadSignal::requested, &app, [&server, describeCertificate, warnAbout] {
                const QByteArray before = server.certificateSha256();
                QString why;
                if (!server.reloadCertificate(&why)) {
                    err() << "atiended: SIGHUP: kept the certificate in use (SHA-256 " << Server::TlsContext::fingerprintText(before)
                          << "): " << why << Qt::endl;
                    return;
                }
                out() << "atiended: SIGHUP: reloaded " << server.tls()->certificateFile() << " and " << server.tls()->keyFile() << ": "
                      << (server.certificateSha256() == before ? QStringLiteral("the same ") : QStringLiteral("new connections get the "))
                      << describeCertificate(*server.tls()) << Qt::endl;
                warnAbout(*server.tls());
            });
        }
    } else if (!config.address.isLoopback()) {
        err() << "atiended: warning: serving in clear text (ws://) on " << host << ':' << server.port()
              << ", which other machines can reach: passwords, session tokens and tickets cross the network unencrypted. "
                 "Give --cert and --key to serve wss://, or listen on 127.0.0.1 behind a TLS proxy."
              << Qt::endl;
    }
    const int code = app.exec();
    folder.unpublish();
    return code;
}

