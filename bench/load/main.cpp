// atiende-load: load scenarios against atiended, with the figures the foundation issue sets
// targets for. By default each scenario starts its own atiended on a fresh data folder on
// 127.0.0.1 and stops it afterwards; --url targets a running server instead.
//
//   atiende-load --scenario all --json load.json
//   atiende-load --scenario create --sessions 8 --seconds 5 --inflight 1,16
//   atiende-load --scenario fanout --fanout-sessions 100,1000
//   atiende-load --scenario idle,reconnect --idle-sessions 1000 --reconnect-sessions 1000
//   atiende-load --scenario dashboard --dashboard-sessions 50
//   atiende-load --url ws://127.0.0.1:8765/ws --user admin --password ... --server-pid 1234
//
// Timings are not tests: nothing here fails on a missed target; the exit code only says
// whether every scenario could run.

#include "broadcastserver.h"
#include "clientthreads.h"
#include "createscenario.h"
#include "dashboardscenario.h"
#include "eventwait.h"
#include "fanoutscenario.h"
#include "filesscenario.h"
#include "filetransfer.h"
#include "idlescenario.h"
#include "loadoptions.h"
#include "processstats.h"
#include "reconnectscenario.h"
#include "report.h"
#include "scenariocontext.h"

#include "server/platform/resourcelimits.h"

#include <QAbstractEventDispatcher>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTextStream>
#include <QThread>
#include <QUuid>

using namespace Atiende;
using namespace Atiende::Bench;

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

const QStringList kScenarios { QStringLiteral("create"), QStringLiteral("fanout"),
    QStringLiteral("idle"), QStringLiteral("reconnect"), QStringLiteral("dashboard"),
    QStringLiteral("files"), QStringLiteral("fanout-upload") };

bool parseIntList(const QString &text, QList<int> *out)
{
    QList<int> values;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok || v <= 0)
            return false;
        values << v;
    }
    if (values.isEmpty())
        return false;
    *out = values;
    return true;
}

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

// The hidden --baseline-server mode: the bare broadcast server in a process of its own.
int runBaselineServer()
{
    Server::ResourceLimits::raiseOpenFiles();
    BroadcastServer server;
    QString error;
    if (!server.listen(&error)) {
        err() << "atiende-load baseline: " << error << Qt::endl;
        return 1;
    }
    out() << "atiende-load baseline listening on ws://127.0.0.1:" << server.port() << "/ws"
          << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    // Servers start with the environment we were given, before we pick our own dispatcher.
    const QProcessEnvironment serverEnvironment = QProcessEnvironment::systemEnvironment();
    bool baselineServer = false;
    bool clientGlib = false;
    for (int i = 1; i < argc; ++i) {
        baselineServer = baselineServer || qstrcmp(argv[i], "--baseline-server") == 0;
        clientGlib = clientGlib || qstrcmp(argv[i], "--client-glib") == 0;
    }
    // The client side reads a thousand sockets on the same cores as the server. Qt's GLib
    // dispatcher walks a list of every polled descriptor each time a socket notifier is
    // switched on or off; the UNIX one does not, so it takes less of the CPU the server needs.
    // The baseline server keeps Qt's default, as atiended does.
    if (!baselineServer && !clientGlib)
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("atiende-load"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATIENDE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Load scenarios against atiended: create (tickets/s), fanout (sync.changed latency), idle "
        "(memory per session), "
        "reconnect (a thousand consoles at once), dashboard (a ticket change to the pushes at 50 "
        "dashboards), files (25 MiB up and down, 20 uploads at once), fanout-upload (fan-out to "
        "100 "
        "without and with an upload under way). Starts its own atiended unless --url is given. "
        "Loopback only."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenarioOpt(QStringLiteral("scenario"),
        QStringLiteral("all, or a comma list of create, fanout, idle, reconnect, dashboard, files, "
                       "fanout-upload."),
        QStringLiteral("names"), QStringLiteral("all"));
    const QCommandLineOption serverOpt(QStringLiteral("server"),
        QStringLiteral("atiended to start (default: the one built with this tool)."),
        QStringLiteral("path"), QStringLiteral(ATIENDED_PATH));
    const QCommandLineOption urlOpt(QStringLiteral("url"),
        QStringLiteral("A running server to target instead (ws://127.0.0.1:PORT/ws)."),
        QStringLiteral("url"));
    const QCommandLineOption userOpt(QStringLiteral("user"),
        QStringLiteral("Login with --url (an admin: it must see every change)."),
        QStringLiteral("login"), QStringLiteral("admin"));
    const QCommandLineOption passwordOpt(QStringLiteral("password"),
        QStringLiteral("Password with --url (or ATIENDE_PASSWORD)."), QStringLiteral("password"));
    const QCommandLineOption pidOpt(QStringLiteral("server-pid"),
        QStringLiteral("Process id of the --url server, for memory and CPU figures."),
        QStringLiteral("pid"));
    const QCommandLineOption dataOpt(QStringLiteral("data-dir"),
        QStringLiteral("Where our server's data folders go (default: the temporary folder). Its "
                       "disk sets the fsync cost."),
        QStringLiteral("dir"));
    const QCommandLineOption threadsOpt(QStringLiteral("client-threads"),
        QStringLiteral("Threads the load tool's sessions are spread over."), QStringLiteral("n"),
        QStringLiteral("2"));
    const QCommandLineOption sessionsOpt(QStringLiteral("sessions"),
        QStringLiteral("create: sessions."), QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption secondsOpt(QStringLiteral("seconds"),
        QStringLiteral("create: seconds per run."), QStringLiteral("s"), QStringLiteral("5"));
    const QCommandLineOption inflightOpt(QStringLiteral("inflight"),
        QStringLiteral("create: requests in flight per session, one run each."),
        QStringLiteral("list"), QStringLiteral("1,16"));
    const QCommandLineOption descriptionOpt(QStringLiteral("description-chars"),
        QStringLiteral("create: length of each ticket's description."), QStringLiteral("n"),
        QStringLiteral("200"));
    const QCommandLineOption fanoutOpt(QStringLiteral("fanout-sessions"),
        QStringLiteral("fanout: receiving sessions, one run each."), QStringLiteral("list"),
        QStringLiteral("100,1000"));
    const QCommandLineOption fanoutSecondsOpt(QStringLiteral("fanout-seconds"),
        QStringLiteral("fanout: seconds of changes per run."), QStringLiteral("s"),
        QStringLiteral("5"));
    const QCommandLineOption intervalOpt(QStringLiteral("fanout-interval"),
        QStringLiteral("fanout: milliseconds between the driver's changes."), QStringLiteral("ms"),
        QStringLiteral("20"));
    const QCommandLineOption idleOpt(QStringLiteral("idle-sessions"),
        QStringLiteral("idle: sessions."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption reconnectOpt(QStringLiteral("reconnect-sessions"),
        QStringLiteral("reconnect: sessions."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption dashboardOpt(QStringLiteral("dashboard-sessions"),
        QStringLiteral("dashboard: sessions subscribed."), QStringLiteral("n"),
        QStringLiteral("50"));
    const QCommandLineOption dashboardBacklogOpt(QStringLiteral("dashboard-backlog"),
        QStringLiteral("dashboard: tickets created before measuring."), QStringLiteral("n"),
        QStringLiteral("2000"));
    const QCommandLineOption dashboardIntervalOpt(QStringLiteral("dashboard-interval"),
        QStringLiteral("dashboard: milliseconds between tickets in the paced run."),
        QStringLiteral("ms"), QStringLiteral("500"));
    const QCommandLineOption clientGlibOpt(QStringLiteral("client-glib"),
        QStringLiteral("Run the load tool's own threads on Qt's GLib event dispatcher (Qt's "
                       "default) rather than the UNIX one."));
    const QCommandLineOption noBaselineOpt(
        QStringLiteral("no-baseline"), QStringLiteral("Skip the bare Qt WebSockets baselines."));
    const QCommandLineOption filesTextOpt(QStringLiteral("files-text"),
        QStringLiteral("files, fanout-upload: send and read file bytes as base64 in text frames "
                       "(as before binary frames) instead of binary frames."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
        QStringLiteral("Also write the figures as JSON to this file."), QStringLiteral("file"));
    QCommandLineOption baselineServerOpt(QStringLiteral("baseline-server"),
        QStringLiteral("(internal) Run the bare broadcast server."));
    baselineServerOpt.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ scenarioOpt, serverOpt, urlOpt, userOpt, passwordOpt, pidOpt, dataOpt,
        threadsOpt, sessionsOpt, secondsOpt, inflightOpt, descriptionOpt, fanoutOpt,
        fanoutSecondsOpt, intervalOpt, idleOpt, reconnectOpt, dashboardOpt, dashboardBacklogOpt,
        dashboardIntervalOpt, clientGlibOpt, noBaselineOpt, filesTextOpt, jsonOpt,
        baselineServerOpt });
    parser.process(app);

    if (parser.isSet(baselineServerOpt))
        return runBaselineServer();

    auto usage = [](const QString &message) {
        err() << "atiende-load: " << message << Qt::endl;
        return 2;
    };

    FileTransfer::setTextFrames(parser.isSet(filesTextOpt));
    LoadOptions o;
    const QString scenarioText = parser.value(scenarioOpt);
    o.scenarios = scenarioText == QLatin1String("all")
        ? kScenarios
        : scenarioText.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &s : std::as_const(o.scenarios)) {
        if (!kScenarios.contains(s))
            return usage(QStringLiteral("unknown scenario \"%1\"; one of all, %2")
                             .arg(s, kScenarios.join(QStringLiteral(", "))));
    }
    o.serverProgram = parser.value(serverOpt);
    if (parser.isSet(urlOpt)) {
        o.url = QUrl(parser.value(urlOpt));
        if (!o.url.isValid()
            || (o.url.scheme() != QLatin1String("ws") && o.url.scheme() != QLatin1String("wss")))
            return usage(QStringLiteral("--url wants ws://127.0.0.1:PORT/ws"));
        if (!isLoopback(o.url))
            return usage(QStringLiteral(
                "--url must be a loopback address: this tool puts a server under load"));
        o.password = parser.isSet(passwordOpt) ? parser.value(passwordOpt)
                                               : qEnvironmentVariable("ATIENDE_PASSWORD");
        if (o.password.isEmpty())
            return usage(QStringLiteral("--url needs --password (or ATIENDE_PASSWORD)"));
        o.user = parser.value(userOpt);
        o.serverPid = parser.value(pidOpt).toLongLong();
    } else {
        if (!QFileInfo(o.serverProgram).isExecutable())
            return usage(QStringLiteral("no atiended at %1; build it or give --server")
                             .arg(o.serverProgram));
        o.password = QStringLiteral("load-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    o.dataParent = parser.value(dataOpt);
    bool ok = true;
    auto positive = [&ok](const QString &text) {
        bool good = false;
        const int v = text.toInt(&good);
        ok = ok && good && v > 0;
        return v;
    };
    o.clientThreads = positive(parser.value(threadsOpt));
    o.createSessions = positive(parser.value(sessionsOpt));
    o.createSeconds = parser.value(secondsOpt).toDouble(&ok) > 0
        ? parser.value(secondsOpt).toDouble()
        : (ok = false, 0.0);
    o.descriptionChars = positive(parser.value(descriptionOpt));
    o.fanoutSeconds = parser.value(fanoutSecondsOpt).toDouble() > 0
        ? parser.value(fanoutSecondsOpt).toDouble()
        : (ok = false, 0.0);
    o.fanoutIntervalMs = positive(parser.value(intervalOpt));
    o.idleSessions = positive(parser.value(idleOpt));
    o.reconnectSessions = positive(parser.value(reconnectOpt));
    o.dashboardSessions = positive(parser.value(dashboardOpt));
    bool backlogOk = false;
    o.dashboardBacklog = parser.value(dashboardBacklogOpt).toInt(&backlogOk);
    ok = ok && backlogOk && o.dashboardBacklog >= 0;
    o.dashboardIntervalMs = positive(parser.value(dashboardIntervalOpt));
    ok = ok && parseIntList(parser.value(inflightOpt), &o.createInFlight)
        && parseIntList(parser.value(fanoutOpt), &o.fanoutSessions);
    if (!ok)
        return usage(
            QStringLiteral("counts, seconds and lists must be positive numbers; see --help"));
    o.baseline = !parser.isSet(noBaselineOpt);
    o.clientGlib = clientGlib;
    o.serverEnvironment = serverEnvironment;
    o.jsonPath = parser.value(jsonOpt);
    // Bounds that keep every scenario finite and within this machine's descriptors.
    const long fds = Server::ResourceLimits::raiseOpenFiles();
    const int maxSessions = int(qMin(20000L, fds > 0 ? fds - 100 : 20000L));
    for (int m : std::as_const(o.fanoutSessions))
        ok = ok && m <= maxSessions;
    ok = ok && o.idleSessions <= maxSessions && o.reconnectSessions <= maxSessions
        && o.dashboardSessions <= maxSessions && o.dashboardBacklog <= 1000000
        && o.createSessions <= 1000 && o.createSeconds <= 600 && o.fanoutSeconds <= 600
        && o.clientThreads <= 64;
    if (!ok)
        return usage(QStringLiteral(
            "at most %1 sessions (the open-file limit), 1000 create sessions, 600 s, 64 threads")
                         .arg(maxSessions));

    const QString load = loadAverage();
    out() << "atiende-load " << QCoreApplication::applicationVersion() << ", "
          << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << Qt::endl;
    out() << "  machine: " << QThread::idealThreadCount() << " cores, load average " << load
          << ", open-file limit " << fds << Qt::endl;
    out() << "  server: "
          << (o.url.isEmpty()
                     ? o.serverProgram + QStringLiteral(" (a fresh one per scenario, data in ")
                         + (o.dataParent.isEmpty() ? QStringLiteral("the temporary folder")
                                                   : o.dataParent)
                         + QLatin1Char(')')
                     : o.url.toString())
          << Qt::endl;
    const QString dispatcher
        = QString::fromLatin1(QAbstractEventDispatcher::instance()->metaObject()->className());
    out() << "  client: " << o.clientThreads << " threads, " << dispatcher
          << "; servers run with the environment given" << Qt::endl;
    // The load average lags by a minute; what the machine does right now is what matters.
    const MachineSnapshot quietBefore = ProcessStats::machine();
    EventWait::sleep(500);
    const double busy = ProcessStats::machinePercent(quietBefore, ProcessStats::machine());
    if (busy >= 0) {
        out() << "  machine busy before the start: " << QString::number(busy, 'f', 0)
              << "% of a core" << Qt::endl;
        if (busy > 15)
            out() << "  note: the machine is busy; figures will be lower than on a quiet one"
                  << Qt::endl;
    }

    Report report(out());
    ClientThreads threads(o.clientThreads);
    ScenarioContext context { o, report, threads, out() };
    for (const QString &scenario : std::as_const(o.scenarios)) {
        if (scenario == QLatin1String("create")) {
            for (int w : std::as_const(o.createInFlight))
                CreateScenario(context, w).run();
        } else if (scenario == QLatin1String("fanout")) {
            for (int m : std::as_const(o.fanoutSessions))
                FanoutScenario(context, m).run();
        } else if (scenario == QLatin1String("idle")) {
            IdleScenario(context, o.idleSessions).run();
        } else if (scenario == QLatin1String("reconnect")) {
            ReconnectScenario(context, o.reconnectSessions).run();
        } else if (scenario == QLatin1String("dashboard")) {
            DashboardScenario(context, o.dashboardSessions).run();
        } else if (scenario == QLatin1String("files")) {
            FilesScenario(context).run();
        } else if (scenario == QLatin1String("fanout-upload")) {
            // The same fan-out without and with a 25 MiB upload under way, run after run.
            FanoutScenario(context, 100).run();
            FanoutScenario(context, 100, true).run();
        }
    }
    report.printSummary();

    if (!o.jsonPath.isEmpty()) {
        QJsonArray inflight, fanout;
        for (int w : std::as_const(o.createInFlight))
            inflight.append(w);
        for (int m : std::as_const(o.fanoutSessions))
            fanout.append(m);
        const QJsonObject meta { { QStringLiteral("tool"), QStringLiteral("atiende-load") },
            { QStringLiteral("version"), QCoreApplication::applicationVersion() },
            { QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
            { QStringLiteral("machine"),
                QJsonObject { { QStringLiteral("cores"), QThread::idealThreadCount() },
                    { QStringLiteral("loadAverageAtStart"), load },
                    { QStringLiteral("busyPercentAtStart"), busy } } },
            { QStringLiteral("options"),
                QJsonObject {
                    { QStringLiteral("scenarios"), QJsonArray::fromStringList(o.scenarios) },
                    { QStringLiteral("server"),
                        o.url.isEmpty() ? o.serverProgram : o.url.toString() },
                    { QStringLiteral("clientThreads"), o.clientThreads },
                    { QStringLiteral("clientDispatcher"), dispatcher },
                    { QStringLiteral("fileFrames"),
                        FileTransfer::textFrames() ? QStringLiteral("text (base64)")
                                                   : QStringLiteral("binary") },
                    { QStringLiteral("createSessions"), o.createSessions },
                    { QStringLiteral("createSeconds"), o.createSeconds },
                    { QStringLiteral("createInFlight"), inflight },
                    { QStringLiteral("fanoutSessions"), fanout },
                    { QStringLiteral("fanoutSeconds"), o.fanoutSeconds },
                    { QStringLiteral("fanoutIntervalMs"), o.fanoutIntervalMs },
                    { QStringLiteral("idleSessions"), o.idleSessions },
                    { QStringLiteral("reconnectSessions"), o.reconnectSessions },
                    { QStringLiteral("dashboardSessions"), o.dashboardSessions },
                    { QStringLiteral("dashboardBacklog"), o.dashboardBacklog },
                    { QStringLiteral("dashboardIntervalMs"), o.dashboardIntervalMs } } } };
        QString error;
        if (!report.writeJson(o.jsonPath, meta, &error)) {
            err() << "atiende-load: cannot write " << o.jsonPath << ": " << error << Qt::endl;
            return 1;
        }
        out() << "figures written to " << o.jsonPath << Qt::endl;
    }
    return report.hasFailures() ? 1 : 0;
}
