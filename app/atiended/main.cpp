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

#include "app/common/reloadsignal.h"
#include "app/common/shutdownsignal.h"

#include "report/reportdocument.h"
#include "server/admin/demodata.h"
#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/kpi/dayindex.h"
#include "server/kpi/kpireport.h"
#include "server/kpi/kpisource.h"
#include "server/platform/resourcelimits.h"
#include "server/rpc/rpcserver.h"
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

std::unique_ptr<Server::Store> openStore(const QString &dataDir, QString *error)
{
    if (!QDir().mkpath(dataDir)) {
        *error = QStringLiteral("cannot create the data folder %1").arg(dataDir);
        return nullptr;
    }
    return Server::Store::open(QDir(dataDir).filePath(QStringLiteral("atiende.db")), true, error);
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
    parser.setApplicationDescription(QStringLiteral("Atiende service desk server.\n\nCommands: serve (default), init, demo-data, passwd, sla-config, canned, routing, escalation, assignment, satisfaction, time-zone, report"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("serve | init | demo-data | passwd | sla-config | canned | routing | escalation | assignment | satisfaction | time-zone | report"));
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
    const QCommandLineOption handshakeOpt(QStringLiteral("tls-handshake-seconds"), QStringLiteral("Time a connection has to finish its TLS handshake (default 10)."),
                                          QStringLiteral("s"), QStringLiteral("10"));
    parser.addOptions({listenOpt, dataOpt, userOpt, nameOpt, seedOpt, ticketsOpt, readersOpt, sessionOpt, calendarOpt, policyOpt, fileOpt,
                       groupOpt, strategyOpt, reopenWindowOpt, zoneOpt, fromOpt, toOpt, groupsOpt, csvOpt, pdfOpt, certOpt, keyOpt, handshakeOpt});
    parser.process(app);

    if (!Server::PasswordHasher::initialise())
        return fail(QStringLiteral("libsodium failed to start"));

    const QString command = parser.positionalArguments().value(0, QStringLiteral("serve"));
    const QString dataDir = parser.value(dataOpt);
    QString error;

    if (command == QLatin1String("init") || command == QLatin1String("passwd")) {
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        const QString password = readPassword();
        Server::Setup setup(*store);
        const bool ok = command == QLatin1String("init")
                          ? setup.init(parser.value(userOpt), parser.value(nameOpt), password, &error)
                          : setup.setPassword(parser.value(userOpt), password, &error);
        if (!ok)
            return fail(error);
        out() << (command == QLatin1String("init") ? "created admin " : "changed the password of ") << parser.value(userOpt)
              << " in " << QDir(dataDir).absolutePath() << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("demo-data")) {
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        Server::DemoData::Options options;
        options.seed = parser.value(seedOpt).toUInt();
        options.tickets = parser.value(ticketsOpt).toInt();
        Server::DemoData demo(*store, options);
        if (!demo.generate(&error))
            return fail(error);
        out() << demo.summary() << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("sla-config")) {
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        const Server::Caller admin{0, Core::Role::Admin, {}};
        auto apply = [&](const QString &file, bool calendar) -> bool {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                error = QStringLiteral("cannot read %1").arg(file);
                return false;
            }
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
            if (!doc.isObject()) {
                error = QStringLiteral("%1 is not a JSON object: %2").arg(file, pe.errorString());
                return false;
            }
            const Server::OpResult r = calendar ? store->slaConfig().saveCalendar(admin, doc.object(), Core::Timestamp::now())
                                                : store->slaConfig().savePolicy(admin, doc.object(), Core::Timestamp::now());
            if (!r.ok) {
                error = QStringLiteral("%1: %2").arg(file, r.error.message);
                return false;
            }
            const QJsonObject saved = r.result.toObject().value(calendar ? QStringLiteral("calendar") : QStringLiteral("policy")).toObject();
            out() << (calendar ? "calendar " : "SLA policy ") << saved.value(QStringLiteral("name")).toString() << " saved as id "
                  << saved.value(QStringLiteral("id")).toInteger() << "; " << r.result.toObject().value(QStringLiteral("recomputed")).toInt()
                  << " open tickets recomputed" << Qt::endl;
            return true;
        };
        const Server::OpResult done = store->transact([&] {
            bool ok = true;
            for (const QString &file : parser.values(calendarOpt))
                ok = ok && apply(file, true);
            for (const QString &file : parser.values(policyOpt))
                ok = ok && apply(file, false);
            return ok ? Server::OpResult::success(QJsonValue()) : Server::OpResult::failure(Core::Protocol::ErrorCode::ValidationFailed, error);
        });
        if (!done.ok)
            return fail(done.error.message);
        return 0;
    }

    if (command == QLatin1String("canned")) {
        if (!parser.isSet(fileOpt))
            return fail(QStringLiteral("canned wants --file RESPONSES.json (a JSON array of responses)"));
        const QString file = parser.value(fileOpt);
        QJsonArray items;
        if (!readJsonArray(file, &items, &error))
            return fail(error);
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        const Server::Caller admin{0, Core::Role::Admin, {}};
        // All or nothing: a file with one bad response changes nothing, so it can be fixed and rerun.
        QStringList saved;
        const Server::OpResult done = store->transact([&] {
            for (qsizetype i = 0; i < items.size(); ++i) {
                const Server::OpResult r = store->canned().save(admin, items.at(i).toObject(), Core::Timestamp::now());
                if (!r.ok)
                    return Server::OpResult::failure(r.error.code, QStringLiteral("%1, response %2: %3").arg(file).arg(i + 1).arg(r.error.message));
                const QJsonObject response = r.result.toObject().value(QStringLiteral("response")).toObject();
                const qint64 groupId = response.value(QStringLiteral("groupId")).toInteger();
                saved << QStringLiteral("canned response \"%1\" saved as id %2 (%3, version %4)")
                             .arg(response.value(QStringLiteral("title")).toString())
                             .arg(response.value(QStringLiteral("id")).toInteger())
                             .arg(groupId ? QStringLiteral("group %1").arg(groupId) : QStringLiteral("global"))
                             .arg(response.value(QStringLiteral("version")).toInt());
            }
            return Server::OpResult::success(QJsonValue());
        });
        if (!done.ok)
            return fail(done.error.message);
        for (const QString &line : std::as_const(saved))
            out() << line << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("routing") || command == QLatin1String("escalation")) {
        const bool routing = command == QLatin1String("routing");
        if (!parser.isSet(fileOpt))
            return fail(QStringLiteral("%1 wants --file RULES.json (a JSON array of rules)").arg(command));
        const QString file = parser.value(fileOpt);
        QJsonArray items;
        if (!readJsonArray(file, &items, &error))
            return fail(error);
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        const Server::Caller admin{0, Core::Role::Admin, {}};
        // All or nothing, as canned: one bad rule (an unknown group, a missing name) saves none.
        QStringList saved;
        const Server::OpResult done = store->transact([&] {
            for (qsizetype i = 0; i < items.size(); ++i) {
                const QJsonObject definition = items.at(i).toObject();
                const QString name = definition.value(QStringLiteral("name")).toString();
                const QString which = name.isEmpty() ? QStringLiteral("rule %1").arg(i + 1) : QStringLiteral("rule %1 (%2)").arg(i + 1).arg(name);
                if (!items.at(i).isObject())
                    return Server::OpResult::failure(Core::Protocol::ErrorCode::InvalidParams, QStringLiteral("%1, %2: not a JSON object").arg(file, which));
                const Server::OpResult r = routing ? store->routing().saveRule(admin, definition) : store->escalation().saveRule(admin, definition);
                if (!r.ok)
                    return Server::OpResult::failure(r.error.code, QStringLiteral("%1, %2: %3").arg(file, which, r.error.message));
                const QJsonObject rule = r.result.toObject().value(QStringLiteral("rule")).toObject();
                saved << QStringLiteral("%1 rule %2 saved as id %3")
                             .arg(command, rule.value(QStringLiteral("name")).toString())
                             .arg(rule.value(QStringLiteral("id")).toInteger());
            }
            return Server::OpResult::success(QJsonValue());
        });
        if (!done.ok)
            return fail(done.error.message);
        for (const QString &line : std::as_const(saved))
            out() << line << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("assignment")) {
        bool idOk = false;
        const qint64 groupId = parser.value(groupOpt).toLongLong(&idOk);
        if (!idOk || groupId < 1)
            return fail(QStringLiteral("assignment wants --group ID (a group's id)"));
        const auto strategy = Core::fromString<Core::AssignmentStrategy>(parser.value(strategyOpt));
        if (!strategy)
            return fail(QStringLiteral("assignment wants --strategy %1").arg(Core::wireNames<Core::AssignmentStrategy>().join(QLatin1Char('|'))));
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        const Server::Caller admin{0, Core::Role::Admin, {}};
        const Server::OpResult r = store->transact([&] { return store->routing().setAssignment(admin, groupId, *strategy); });
        if (!r.ok)
            return fail(r.error.message);
        out() << "group " << groupId << " now assigns new tickets by " << Core::wireName(*strategy) << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("satisfaction")) {
        bool hoursOk = false;
        const int hours = parser.value(reopenWindowOpt).toInt(&hoursOk);
        if (!hoursOk)
            return fail(QStringLiteral("satisfaction wants --reopen-window-hours N"));
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        const Server::Caller admin{0, Core::Role::Admin, {}};
        const Server::OpResult r = store->transact([&] { return store->surveys().setSettings(admin, hours, Core::Timestamp::now()); });
        if (!r.ok)
            return fail(r.error.message);
        out() << "reopen window " << r.result.toObject().value(QStringLiteral("reopenWindowHours")).toInt()
              << " hours, for tickets resolved from now on" << Qt::endl;
        return 0;
    }

    if (command == QLatin1String("time-zone")) {
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
        if (parser.isSet(zoneOpt)) {
            const Server::OpResult r = store->transact([&] {
                return Server::KpiSource::setDeskTimeZone(*store, parser.value(zoneOpt), &error)
                         ? Server::OpResult::success(QJsonValue())
                         : Server::OpResult::failure(Core::Protocol::ErrorCode::ValidationFailed, error);
            });
            if (!r.ok)
                return fail(r.error.message);
        }
        QString source;
        const QTimeZone zone = Server::KpiSource::deskTimeZone(*store, &source);
        out() << "the desk's time zone is " << zone.id() << " ("
              << (source == QLatin1String("setting") ? "set" : source == QLatin1String("calendar") ? "the first business calendar's" : "the default")
              << "); a running server uses a new one after a restart" << Qt::endl;
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
        if (!QFile::exists(QDir(dataDir).filePath(QStringLiteral("atiende.db"))))
            return fail(QStringLiteral("there is no desk in %1").arg(QDir(dataDir).absolutePath()));
        auto store = openStore(dataDir, &error);
        if (!store)
            return fail(error);
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
    if (parser.isSet(certOpt) != parser.isSet(keyOpt))
        return fail(QStringLiteral("--cert and --key go together: the certificate and its private key, both PEM files"));
    config.certificateFile = parser.value(certOpt);
    config.keyFile = parser.value(keyOpt);
    // Read once, so a reload decrypts the new key with it; no child process needs to see it.
    config.keyPassphrase = qgetenv(Server::TlsContext::kPassphraseVariable);
    qunsetenv(Server::TlsContext::kPassphraseVariable);
    bool handshakeOk = false;
    const double handshakeSeconds = parser.value(handshakeOpt).toDouble(&handshakeOk);
    if (!handshakeOk || handshakeSeconds < 0.1 || handshakeSeconds > 300)
        return fail(QStringLiteral("--tls-handshake-seconds wants a number of seconds from 0.1 to 300"));
    config.tlsHandshakeTimeoutMs = int(handshakeSeconds * 1000);
    {
        auto store = openStore(dataDir, &error); // creates and migrates before serving
        if (!store)
            return fail(error);
        config.databasePath = QDir(dataDir).filePath(QStringLiteral("atiende.db"));
    }
    Server::ResourceLimits::raiseOpenFiles();
    Server::RpcServer server(config);
    if (!server.start(&error))
        return fail(error);
    App::ShutdownSignal shutdown;
    QObject::connect(&shutdown, &App::ShutdownSignal::requested, &app, [&] {
        out() << "atiended: stopping" << Qt::endl;
        server.stop();
        app.quit();
    });
    const QString host = config.address.protocol() == QAbstractSocket::IPv6Protocol
                           ? QStringLiteral("[%1]").arg(config.address.toString())
                           : config.address.toString();
    out() << "atiended " << QCoreApplication::applicationVersion() << " listening on " << (server.isSecure() ? "wss://" : "ws://") << host << ':'
          << server.port() << Core::Protocol::kPath << " (protocol " << Core::Protocol::kVersion << ", data " << QDir(dataDir).absolutePath() << ')'
          << Qt::endl;
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
    return app.exec();
}
