#include "admincommands.h"

#include "server/admin/adminops.h"
#include "server/admin/adminrunner.h"
#include "server/satisfaction/surveystore.h"
#include "server/store/store.h"

#include "core/routing/assignment.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Server::Cli {

namespace {

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
                     .arg(file,
                         pe.error == QJsonParseError::NoError ? QStringLiteral("another JSON value")
                                                              : pe.errorString());
        return false;
    }
    *items = doc.array();
    return true;
}

QJsonArray arrayOf(const QList<QJsonObject> &items)
{
    QJsonArray out;
    for (const QJsonObject &o : items)
        out.append(o);
    return out;
}

} // namespace

int AdminCommand::run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io)
{
    // Arguments first: a mistake is told before anything is opened.
    Request r;
    QString problem;
    if (!request(parser, line, &r, &problem))
        return io.fail(problem);

    AdminRunner runner(parser.value(line.data));
    QString error;
    if (!runner.open(&error))
        return io.fail(error);
    if (needsPassword()) {
        const QString password = io.readPassword();
        if (const QString weak = AdminOps::passwordProblem(password); !weak.isEmpty())
            return io.fail(weak);
        r.params.insert(QStringLiteral("password"), password);
    }
    const OpResult result
        = r.reading ? runner.read(r.method, r.params) : runner.write(r.method, r.params);
    if (!result.ok) {
        const QString context = failureContext(parser, line);
        return io.fail(context.isEmpty()
                ? result.error.message
                : QStringLiteral("%1: %2").arg(context, result.error.message));
    }
    const QString via = runner.isRemote()
        ? QStringLiteral(" (through the running server, pid %1)").arg(runner.serverPid())
        : QString();
    report(result.result.toObject(), r, via, runner, parser, line, io);
    return 0;
}

// --- passwd

bool PasswdCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *) const
{
    r->method = QStringLiteral("agents.password.set");
    r->params = { { QStringLiteral("login"), parser.value(line.user) } };
    return true;
}

void PasswdCommand::report(const QJsonObject &result, const Request &, const QString &via,
    AdminRunner &runner, const QCommandLineParser &parser, const CommandLine &line,
    CommandIo &io) const
{
    io.out << "changed the password of " << parser.value(line.user) << " in "
           << runner.folder().path() << "; "
           << result.value(QStringLiteral("endedSessions")).toArray().size() << " sessions ended"
           << via << Qt::endl;
}

// --- sla-config

bool SlaConfigCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    QList<QJsonObject> calendars, policies;
    for (const auto &[option, list] :
        { std::pair { &line.calendar, &calendars }, std::pair { &line.policy, &policies } }) {
        for (const QString &file : parser.values(*option)) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                *problem = QStringLiteral("cannot read %1").arg(file);
                return false;
            }
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
            if (!doc.isObject()) {
                *problem
                    = QStringLiteral("%1 is not a JSON object: %2").arg(file, pe.errorString());
                return false;
            }
            *list << doc.object();
        }
    }
    if (calendars.isEmpty() && policies.isEmpty()) {
        *problem
            = QStringLiteral("sla-config wants --calendar FILE.json and/or --policy FILE.json");
        return false;
    }
    r->method = QStringLiteral("sla.config.save");
    r->params = { { QStringLiteral("calendars"), arrayOf(calendars) },
        { QStringLiteral("policies"), arrayOf(policies) } };
    return true;
}

void SlaConfigCommand::report(const QJsonObject &result, const Request &, const QString &via,
    AdminRunner &, const QCommandLineParser &, const CommandLine &, CommandIo &io) const
{
    for (const QJsonValue &v : result.value(QStringLiteral("calendars")).toArray())
        io.out << "calendar " << v.toObject().value(QStringLiteral("name")).toString()
               << " saved as id " << v.toObject().value(QStringLiteral("id")).toInteger()
               << Qt::endl;
    for (const QJsonValue &v : result.value(QStringLiteral("policies")).toArray())
        io.out << "SLA policy " << v.toObject().value(QStringLiteral("name")).toString()
               << " saved as id " << v.toObject().value(QStringLiteral("id")).toInteger()
               << Qt::endl;
    io.out << result.value(QStringLiteral("recomputed")).toInt() << " open tickets recomputed"
           << via << Qt::endl;
}

// --- canned, routing, escalation

QString ItemsFileCommand::name() const
{
    switch (m_kind) {
    case Kind::Canned:
        return QStringLiteral("canned");
    case Kind::Routing:
        return QStringLiteral("routing");
    case Kind::Escalation:
        break;
    }
    return QStringLiteral("escalation");
}

bool ItemsFileCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    const bool canned = m_kind == Kind::Canned;
    if (!parser.isSet(line.file)) {
        *problem = canned
            ? QStringLiteral("canned wants --file RESPONSES.json (a JSON array of responses)")
            : QStringLiteral("%1 wants --file RULES.json (a JSON array of rules)").arg(name());
        return false;
    }
    const QString file = parser.value(line.file);
    QJsonArray items;
    if (!readJsonArray(file, &items, problem))
        return false;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            *problem = QStringLiteral("%1, %2 %3: not a JSON object")
                           .arg(file, canned ? QStringLiteral("response") : QStringLiteral("rule"))
                           .arg(i + 1);
            return false;
        }
    }
    r->method = canned            ? QStringLiteral("canned.save")
        : m_kind == Kind::Routing ? QStringLiteral("routing.rules.save")
                                  : QStringLiteral("escalation.rules.save");
    r->params = { { canned ? QStringLiteral("responses") : QStringLiteral("rules"), items } };
    return true;
}

QString ItemsFileCommand::failureContext(
    const QCommandLineParser &parser, const CommandLine &line) const
{
    return parser.value(line.file);
}

void ItemsFileCommand::report(const QJsonObject &result, const Request &, const QString &via,
    AdminRunner &, const QCommandLineParser &, const CommandLine &, CommandIo &io) const
{
    if (m_kind == Kind::Canned) {
        for (const QJsonValue &v : result.value(QStringLiteral("responses")).toArray()) {
            const QJsonObject response = v.toObject();
            const qint64 groupId = response.value(QStringLiteral("groupId")).toInteger();
            io.out << QStringLiteral("canned response \"%1\" saved as id %2 (%3, version %4)")
                          .arg(response.value(QStringLiteral("title")).toString())
                          .arg(response.value(QStringLiteral("id")).toInteger())
                          .arg(groupId ? QStringLiteral("group %1").arg(groupId)
                                       : QStringLiteral("global"))
                          .arg(response.value(QStringLiteral("version")).toInt())
                   << Qt::endl;
        }
        io.out << result.value(QStringLiteral("responses")).toArray().size()
               << " canned responses saved" << via << Qt::endl;
        return;
    }
    for (const QJsonValue &v : result.value(QStringLiteral("rules")).toArray())
        io.out << name() << " rule " << v.toObject().value(QStringLiteral("name")).toString()
               << " saved as id " << v.toObject().value(QStringLiteral("id")).toInteger()
               << Qt::endl;
    io.out << result.value(QStringLiteral("rules")).toArray().size() << ' ' << name()
           << " rules saved" << via << Qt::endl;
}

// --- assignment

bool AssignmentCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    bool idOk = false;
    const qint64 groupId = parser.value(line.group).toLongLong(&idOk);
    if (!idOk || groupId < 1) {
        *problem = QStringLiteral("assignment wants --group ID (a group's id)");
        return false;
    }
    const auto strategy = Core::fromString<Core::AssignmentStrategy>(parser.value(line.strategy));
    if (!strategy) {
        *problem = QStringLiteral("assignment wants --strategy %1")
                       .arg(Core::wireNames<Core::AssignmentStrategy>().join(QLatin1Char('|')));
        return false;
    }
    r->method = QStringLiteral("groups.assignment.set");
    r->params = { { QStringLiteral("groupId"), double(groupId) },
        { QStringLiteral("assignment"), Core::wireName(*strategy) } };
    return true;
}

void AssignmentCommand::report(const QJsonObject &, const Request &r, const QString &via,
    AdminRunner &, const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) const
{
    io.out << "group " << parser.value(line.group) << " now assigns new tickets by "
           << r.params.value(QStringLiteral("assignment")).toString() << via << Qt::endl;
}

// --- satisfaction

bool SatisfactionCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    bool hoursOk = false;
    const int hours = parser.value(line.reopenWindow).toInt(&hoursOk);
    if (!hoursOk) {
        *problem = QStringLiteral("satisfaction wants --reopen-window-hours N");
        return false;
    }
    if (hours < 1 || hours > SurveyStore::kMaxWindowHours) {
        *problem = QStringLiteral("The reopen window must be 1 to %1 hours.")
                       .arg(SurveyStore::kMaxWindowHours);
        return false;
    }
    r->method = QStringLiteral("settings.satisfaction");
    r->params = { { QStringLiteral("reopenWindowHours"), hours } };
    return true;
}

void SatisfactionCommand::report(const QJsonObject &result, const Request &, const QString &via,
    AdminRunner &, const QCommandLineParser &, const CommandLine &, CommandIo &io) const
{
    io.out << "reopen window " << result.value(QStringLiteral("reopenWindowHours")).toInt()
           << " hours, for tickets resolved from now on" << via << Qt::endl;
}

// --- time-zone

bool TimeZoneCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *) const
{
    r->method = QStringLiteral("settings.timeZone");
    r->reading = !parser.isSet(line.zone);
    if (!r->reading)
        r->params = { { QStringLiteral("zone"), parser.value(line.zone) } };
    return true;
}

void TimeZoneCommand::report(const QJsonObject &result, const Request &r, const QString &via,
    AdminRunner &, const QCommandLineParser &, const CommandLine &, CommandIo &io) const
{
    const QString source = result.value(QStringLiteral("source")).toString();
    io.out << "the desk's time zone is " << result.value(QStringLiteral("zone")).toString() << " ("
           << (source == QLatin1String("setting")           ? "set"
                      : source == QLatin1String("calendar") ? "the first business calendar's"
                                                            : "the default")
           << ")"
           << (r.reading ? QString()
                         : QStringLiteral(
                             "; a running server counts its dashboard days in it after a restart"))
           << via << Qt::endl;
}

// --- mail

bool MailCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    if (!parser.isSet(line.file)) {
        r->method = QStringLiteral("mail.accounts.list");
        r->reading = true;
        return true;
    }
    const QString file = parser.value(line.file);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot read %1").arg(file);
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject()) {
        *problem = QStringLiteral("%1 is not a JSON object: %2").arg(file, pe.errorString());
        return false;
    }
    r->method = QStringLiteral("mail.accounts.save");
    r->params = doc.object();
    return true;
}

void MailCommand::report(const QJsonObject &result, const Request &r, const QString &via,
    AdminRunner &, const QCommandLineParser &, const CommandLine &, CommandIo &io) const
{
    const auto describe = [&io](const QJsonObject &a) {
        const QJsonObject imap = a.value(QStringLiteral("imap")).toObject();
        io.out << a.value(QStringLiteral("name")).toString() << " <"
               << a.value(QStringLiteral("address")).toString() << "> "
               << (a.value(QStringLiteral("enabled")).toBool() ? "enabled" : "disabled")
               << ", imap " << imap.value(QStringLiteral("user")).toString() << "@"
               << imap.value(QStringLiteral("host")).toString() << ":"
               << imap.value(QStringLiteral("port")).toInt() << " ("
               << imap.value(QStringLiteral("security")).toString() << "), read up to uid "
               << a.value(QStringLiteral("lastUid")).toInteger();
        const QString state = a.value(QStringLiteral("state")).toString();
        if (!state.isEmpty())
            io.out << ", " << state << " " << a.value(QStringLiteral("detail")).toString();
        io.out << Qt::endl;
    };
    if (r.reading) {
        const QJsonArray accounts = result.value(QStringLiteral("accounts")).toArray();
        if (accounts.isEmpty())
            io.out << "no mailboxes" << via << Qt::endl;
        for (const QJsonValue &v : accounts)
            describe(v.toObject());
        return;
    }
    io.out << (result.value(QStringLiteral("created")).toBool() ? "added " : "changed ");
    describe(result.value(QStringLiteral("account")).toObject());
    io.out << "(passwords are kept sealed with the data folder's mail.key)" << via << Qt::endl;
}

// --- sessions

bool SessionsCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    if (parser.isSet(line.revoke)) {
        bool ok = false;
        const qint64 id = parser.value(line.revoke).toLongLong(&ok);
        if (!ok || id < 1) {
            *problem = QStringLiteral("--revoke wants a session id (see atiended sessions)");
            return false;
        }
        r->method = QStringLiteral("sessions.revoke");
        r->params = { { QStringLiteral("id"), double(id) } };
    } else if (parser.isSet(line.revokeAll)) {
        if (!parser.isSet(line.user)) {
            *problem = QStringLiteral("--revoke-all wants --user NAME");
            return false;
        }
        r->method = QStringLiteral("sessions.revoke");
        r->params = { { QStringLiteral("login"), parser.value(line.user) } };
    } else {
        r->method = QStringLiteral("sessions.list");
        r->reading = true;
        if (parser.isSet(line.user))
            r->params = { { QStringLiteral("login"), parser.value(line.user) } };
    }
    return true;
}

void SessionsCommand::report(const QJsonObject &result, const Request &r, const QString &via,
    AdminRunner &runner, const QCommandLineParser &, const CommandLine &, CommandIo &io) const
{
    if (!r.reading) {
        io.out << result.value(QStringLiteral("endedSessions")).toArray().size()
               << " sessions ended" << via << Qt::endl;
        return;
    }
    const QJsonArray sessions = result.value(QStringLiteral("sessions")).toArray();
    QHash<qint64, QString> logins;
    if (const OpResult directory
        = runner.isRemote() ? runner.read(QStringLiteral("directory.get"), {}) : OpResult();
        directory.ok) {
        for (const QJsonValue &a :
            directory.result.toObject().value(QStringLiteral("agents")).toArray())
            logins.insert(a.toObject().value(QStringLiteral("id")).toInteger(),
                a.toObject().value(QStringLiteral("login")).toString());
    } else if (runner.store()) {
        for (const Core::Agent &a : runner.store()->directory().agents())
            logins.insert(a.id, a.login);
    }
    io.out << "id\tagent\tlast used\texpires\taddress\tclient" << Qt::endl;
    for (const QJsonValue &v : sessions) {
        const QJsonObject o = v.toObject();
        io.out << o.value(QStringLiteral("id")).toInteger() << '\t'
               << logins.value(o.value(QStringLiteral("agentId")).toInteger(), QStringLiteral("?"))
               << '\t' << o.value(QStringLiteral("lastSeenAt")).toString() << '\t'
               << o.value(QStringLiteral("expiresAt")).toString() << '\t'
               << o.value(QStringLiteral("address")).toString() << '\t'
               << o.value(QStringLiteral("client")).toString() << Qt::endl;
    }
    io.out << sessions.size() << " live sessions" << via << Qt::endl;
}

// --- agent

bool AgentCommand::request(
    const QCommandLineParser &parser, const CommandLine &line, Request *r, QString *problem) const
{
    if (parser.isSet(line.disable) == parser.isSet(line.enable) || !parser.isSet(line.user)) {
        *problem = QStringLiteral("agent wants --user NAME and one of --disable, --enable");
        return false;
    }
    r->method = QStringLiteral("agents.active.set");
    r->params = { { QStringLiteral("login"), parser.value(line.user) },
        { QStringLiteral("active"), parser.isSet(line.enable) } };
    return true;
}

void AgentCommand::report(const QJsonObject &result, const Request &, const QString &via,
    AdminRunner &, const QCommandLineParser &parser, const CommandLine &line, CommandIo &io) const
{
    io.out << parser.value(line.user)
           << (parser.isSet(line.enable) ? " is enabled" : " is disabled") << "; "
           << result.value(QStringLiteral("endedSessions")).toArray().size() << " sessions ended"
           << via << Qt::endl;
}

} // namespace Atiende::Server::Cli
