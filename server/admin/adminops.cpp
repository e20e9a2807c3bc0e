#include "adminops.h"
#include "mailadmin.h"

#include "server/auth/passwordhasher.h"
#include "server/kpi/kpisource.h"
#include "server/rpc/params.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"
#include "core/routing/assignment.h"

#include <QJsonArray>
#include <QTimeZone>

#include <functional>

namespace Atiende::Server::AdminOps {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {

constexpr int kMaxItems = 1000; // items of one list form

OpResult invalid(Params &p)
{
    return OpResult { false, {}, p.error(), {}, false, false };
}

OpResult forbidden(const QString &message)
{
    return OpResult::failure(ErrorCode::Forbidden, message);
}

// Saves each item with save(); all or nothing (the caller's transaction rolls back on failure).
// The results' `key` objects are collected under `listKey`, their changes added up.
OpResult saveEach(const QList<QJsonObject> &items, const QString &noun, const QString &key,
    const QString &listKey, const std::function<OpResult(const QJsonObject &)> &save)
{
    QJsonArray saved;
    QList<Change> changes;
    int recomputed = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const OpResult r = save(items.at(i));
        if (!r.ok) {
            QJsonObject data = r.error.data;
            data.insert(QStringLiteral("index"), double(i));
            const QString name
                = items.at(i)
                      .value(QStringLiteral("name"))
                      .toString(items.at(i).value(QStringLiteral("title")).toString());
            const QString which = name.isEmpty()
                ? QStringLiteral("%1 %2").arg(noun).arg(i + 1)
                : QStringLiteral("%1 %2 (%3)").arg(noun).arg(i + 1).arg(name);
            return OpResult::failure(
                r.error.code, QStringLiteral("%1: %2").arg(which, r.error.message), data);
        }
        saved.append(r.result.toObject().value(key));
        recomputed += r.result.toObject().value(QStringLiteral("recomputed")).toInt();
        changes += r.changes;
    }
    OpResult out = OpResult::success(
        QJsonObject { { listKey, saved }, { QStringLiteral("recomputed"), recomputed } });
    out.changes = changes;
    return out;
}

// The single form ({"rule": {...}}) or the list form ({"rules": [...]}) of a save.
OpResult saveOneOrMany(const QJsonObject &params, const QString &noun, const QString &key,
    const QString &listKey, const std::function<OpResult(const QJsonObject &)> &save)
{
    Params p(params);
    if (params.contains(listKey)) {
        const QList<QJsonObject> items = p.objectList(listKey, true, kMaxItems);
        if (!p.ok())
            return invalid(p);
        return saveEach(items, noun, key, listKey, save);
    }
    const QJsonObject item = p.object(key, true);
    if (!p.ok())
        return invalid(p);
    return save(item);
}

// The agent a request names by "agentId" or "login" (exactly one of them).
std::optional<Agent> namedAgent(Store &s, Params &p, const QJsonObject &params, OpResult *refusal)
{
    const bool byId = params.contains(QStringLiteral("agentId"))
        && !params.value(QStringLiteral("agentId")).isNull();
    const bool byLogin = params.contains(QStringLiteral("login"))
        && !params.value(QStringLiteral("login")).isNull();
    if (byId && byLogin) {
        p.refuse(
            QStringLiteral("login"), QStringLiteral("Give \"agentId\" or \"login\", not both."));
        *refusal = invalid(p);
        return std::nullopt;
    }
    if (!byId && !byLogin) {
        p.refuse(
            QStringLiteral("agentId"), QStringLiteral("\"agentId\" or \"login\" is required."));
        *refusal = invalid(p);
        return std::nullopt;
    }
    std::optional<Agent> agent;
    if (byId) {
        const qint64 id = p.id(QStringLiteral("agentId"), true);
        if (!p.ok()) {
            *refusal = invalid(p);
            return std::nullopt;
        }
        agent = s.directory().agent(id);
        if (!agent)
            *refusal = OpResult::failure(
                ErrorCode::NotFound, QStringLiteral("There is no agent with id %1.").arg(id));
    } else {
        const QString login = p.string(QStringLiteral("login"), true, 64).trimmed();
        if (!p.ok()) {
            *refusal = invalid(p);
            return std::nullopt;
        }
        if (const auto creds = s.directory().credentials(login))
            agent = creds->agent;
        else
            *refusal = OpResult::failure(
                ErrorCode::NotFound, QStringLiteral("There is no agent called %1.").arg(login));
    }
    return agent;
}

QJsonArray idsJson(const QList<qint64> &ids)
{
    QJsonArray out;
    for (qint64 id : ids)
        out.append(double(id));
    return out;
}

OpResult slaConfigSave(Store &s, const Caller &caller, const QJsonObject &params, qint64 now)
{
    Params p(params);
    const QList<QJsonObject> calendars
        = p.objectList(QStringLiteral("calendars"), false, kMaxItems);
    const QList<QJsonObject> policies = p.objectList(QStringLiteral("policies"), false, kMaxItems);
    if (!p.ok())
        return invalid(p);
    if (calendars.isEmpty() && policies.isEmpty()) {
        p.refuse(QStringLiteral("calendars"),
            QStringLiteral("Give \"calendars\", \"policies\" or both."));
        return invalid(p);
    }
    // Calendars first: a policy may name a calendar saved in the same request.
    OpResult c = saveEach(calendars, QStringLiteral("calendar"), QStringLiteral("calendar"),
        QStringLiteral("calendars"),
        [&](const QJsonObject &o) { return s.slaConfig().saveCalendar(caller, o, now); });
    if (!c.ok)
        return c;
    OpResult pol = saveEach(policies, QStringLiteral("SLA policy"), QStringLiteral("policy"),
        QStringLiteral("policies"),
        [&](const QJsonObject &o) { return s.slaConfig().savePolicy(caller, o, now); });
    if (!pol.ok)
        return pol;
    OpResult out = OpResult::success(QJsonObject {
        { QStringLiteral("calendars"), c.result.toObject().value(QStringLiteral("calendars")) },
        { QStringLiteral("policies"), pol.result.toObject().value(QStringLiteral("policies")) },
        { QStringLiteral("recomputed"),
            c.result.toObject().value(QStringLiteral("recomputed")).toInt()
                + pol.result.toObject().value(QStringLiteral("recomputed")).toInt() } });
    out.changes = c.changes + pol.changes;
    return out;
}

OpResult assignmentSet(Store &s, const Caller &caller, const QJsonObject &params)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), true);
    const auto strategy = p.enumValue<AssignmentStrategy>(QStringLiteral("assignment"), true);
    if (!p.ok())
        return invalid(p);
    return s.routing().setAssignment(caller, groupId, *strategy);
}

OpResult satisfaction(
    Store &s, const Caller &caller, const QJsonObject &params, qint64 now, bool writing)
{
    Params p(params);
    const int hours = int(
        p.integer(QStringLiteral("reopenWindowHours"), false, 1, SurveyStore::kMaxWindowHours, 0));
    if (!p.ok())
        return invalid(p);
    if (!caller.isAdmin())
        return forbidden(QStringLiteral("Only admins see and change the satisfaction settings."));
    return writing ? s.surveys().setSettings(caller, hours, now) : s.surveys().settings();
}

OpResult timeZone(Store &s, const Caller &caller, const QJsonObject &params, bool writing)
{
    Params p(params);
    const QString zone = p.string(QStringLiteral("zone"), false, 64);
    if (!p.ok())
        return invalid(p);
    if (!caller.isAdmin())
        return forbidden(QStringLiteral("Only admins see and change the desk's time zone."));
    if (writing) {
        QString error;
        if (!KpiSource::setDeskTimeZone(s, zone, &error))
            return OpResult::failure(ErrorCode::ValidationFailed, error,
                { { QStringLiteral("field"), QStringLiteral("zone") } });
    }
    QString source;
    const QTimeZone tz = KpiSource::deskTimeZone(s, &source);
    return OpResult::success(QJsonObject { { QStringLiteral("zone"), QString::fromUtf8(tz.id()) },
        { QStringLiteral("source"), source } });
}

OpResult activeSet(Store &s, const Caller &caller, const QJsonObject &params, qint64 now)
{
    Params p(params);
    OpResult refusal;
    const auto agent = namedAgent(s, p, params, &refusal);
    if (!agent)
        return refusal;
    if (!params.value(QStringLiteral("active")).isBool()) {
        p.refuse(
            QStringLiteral("active"), QStringLiteral("\"active\" is required (true or false)."));
        return invalid(p);
    }
    const bool active = params.value(QStringLiteral("active")).toBool();
    if (!caller.isAdmin())
        return forbidden(QStringLiteral("Only admins enable and disable agents."));
    if (!active && agent->id == caller.agentId)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("You cannot disable your own account."),
            { { QStringLiteral("field"), QStringLiteral("active") } });
    if (!active && agent->role == Role::Admin && agent->active) {
        int admins = 0;
        for (const Agent &a : s.directory().agents())
            admins += a.role == Role::Admin && a.active ? 1 : 0;
        if (admins <= 1)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("%1 is the desk's last active admin.").arg(agent->login),
                { { QStringLiteral("field"), QStringLiteral("active") } });
    }
    QList<Change> changes;
    if (!s.directory().setActive(agent->id, active, &changes))
        return OpResult::failure(ErrorCode::InternalError, s.sql().lastError());
    const QList<qint64> ended
        = active ? QList<qint64>() : s.sessions().endAgent(agent->id, SessionEnd::Disabled, now);
    OpResult r = OpResult::success(
        QJsonObject { { QStringLiteral("agent"), s.directory().agent(agent->id)->toJson() },
            { QStringLiteral("endedSessions"), idsJson(ended) },
            { QStringLiteral("endReason"), SessionEnd::Disabled } });
    r.changes = changes;
    return r;
}

OpResult sessionsRevoke(Store &s, const Caller &caller, const QJsonObject &params, qint64 now)
{
    Params p(params);
    const bool byId
        = params.contains(QStringLiteral("id")) && !params.value(QStringLiteral("id")).isNull();
    QList<qint64> ended;
    if (byId) {
        const qint64 id = p.id(QStringLiteral("id"), true);
        if (!p.ok())
            return invalid(p);
        const auto session = s.sessions().byId(id);
        if (!session || session->revoked || session->expiresAt <= now)
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no live session with id %1.").arg(id));
        if (!caller.isAdmin() && session->agentId != caller.agentId)
            return forbidden(QStringLiteral("Only admins end other agents' sessions."));
        ended = s.sessions().endIds({ id }, SessionEnd::Revoked, now);
    } else {
        OpResult refusal;
        const auto agent = namedAgent(s, p, params, &refusal);
        if (!agent)
            return refusal;
        if (!caller.isAdmin() && agent->id != caller.agentId)
            return forbidden(QStringLiteral("Only admins end other agents' sessions."));
        ended = s.sessions().endAgent(agent->id, SessionEnd::Revoked, now);
    }
    return OpResult::success(QJsonObject { { QStringLiteral("endedSessions"), idsJson(ended) },
        { QStringLiteral("endReason"), SessionEnd::Revoked } });
}

OpResult sessionsList(Store &s, const Caller &caller, const QJsonObject &params, qint64 now)
{
    Params p(params);
    std::optional<Agent> agent;
    if (params.contains(QStringLiteral("agentId")) || params.contains(QStringLiteral("login"))) {
        OpResult refusal;
        agent = namedAgent(s, p, params, &refusal);
        if (!agent)
            return refusal;
    }
    const qint64 agentId = agent ? agent->id : (caller.isAdmin() ? 0 : caller.agentId);
    if (!caller.isAdmin() && agentId != caller.agentId)
        return forbidden(QStringLiteral("Only admins see other agents' sessions."));
    QJsonArray list;
    for (const SessionStore::Session &session : s.sessions().live(agentId, now))
        list.append(session.toJson());
    return OpResult::success(QJsonObject { { QStringLiteral("sessions"), list } });
}

} // namespace

QString passwordProblem(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return QStringLiteral("A password needs at least %1 characters.").arg(kMinPasswordLength);
    if (password.size() > kMaxPasswordLength)
        return QStringLiteral("A password has at most %1 characters.").arg(kMaxPasswordLength);
    if (password.trimmed().isEmpty())
        return QStringLiteral("A password cannot be only spaces.");
    return QString();
}

OpResult setPasswordHash(Store &s, const Caller &caller, const QJsonObject &params,
    const QString &passwordHash, qint64 now)
{
    Params p(params);
    OpResult refusal;
    const auto agent = namedAgent(s, p, params, &refusal);
    if (!agent)
        return refusal;
    if (!caller.isAdmin())
        return forbidden(QStringLiteral("Only admins set agents' passwords."));
    if (passwordHash.isEmpty())
        return OpResult::failure(
            ErrorCode::InternalError, QStringLiteral("The password could not be hashed."));
    if (!s.directory().setPassword(agent->id, passwordHash))
        return OpResult::failure(ErrorCode::InternalError, s.sql().lastError());
    // Whoever knew the old password is out: every session of the agent ends.
    const QList<qint64> ended = s.sessions().endAgent(agent->id, SessionEnd::PasswordChanged, now);
    return OpResult::success(QJsonObject { { QStringLiteral("agent"), agent->toJson() },
        { QStringLiteral("endedSessions"), idsJson(ended) },
        { QStringLiteral("endReason"), SessionEnd::PasswordChanged } });
}

OpResult write(
    Store &s, const Caller &caller, const QString &method, const QJsonObject &params, qint64 now)
{
    if (method == QLatin1String("sla.calendars.save")) {
        return saveOneOrMany(params, QStringLiteral("calendar"), QStringLiteral("calendar"),
            QStringLiteral("calendars"),
            [&](const QJsonObject &o) { return s.slaConfig().saveCalendar(caller, o, now); });
    }
    if (method == QLatin1String("sla.policies.save")) {
        return saveOneOrMany(params, QStringLiteral("SLA policy"), QStringLiteral("policy"),
            QStringLiteral("policies"),
            [&](const QJsonObject &o) { return s.slaConfig().savePolicy(caller, o, now); });
    }
    if (method == QLatin1String("sla.config.save"))
        return slaConfigSave(s, caller, params, now);
    if (method == QLatin1String("canned.save")) {
        return saveOneOrMany(params, QStringLiteral("response"), QStringLiteral("response"),
            QStringLiteral("responses"),
            [&](const QJsonObject &o) { return s.canned().save(caller, o, now); });
    }
    if (method == QLatin1String("canned.delete")) {
        Params p(params);
        const qint64 id = p.id(QStringLiteral("id"), true);
        if (!p.ok())
            return invalid(p);
        return s.canned().remove(caller, id);
    }
    if (method == QLatin1String("routing.rules.save")) {
        return saveOneOrMany(params, QStringLiteral("rule"), QStringLiteral("rule"),
            QStringLiteral("rules"),
            [&](const QJsonObject &o) { return s.routing().saveRule(caller, o); });
    }
    if (method == QLatin1String("escalation.rules.save")) {
        return saveOneOrMany(params, QStringLiteral("rule"), QStringLiteral("rule"),
            QStringLiteral("rules"),
            [&](const QJsonObject &o) { return s.escalation().saveRule(caller, o); });
    }
    if (method == QLatin1String("groups.assignment.set"))
        return assignmentSet(s, caller, params);
    if (method == QLatin1String("settings.satisfaction"))
        return satisfaction(s, caller, params, now, true);
    if (method == QLatin1String("settings.timeZone"))
        return timeZone(s, caller, params, true);
    if (method == QLatin1String("agents.password.set")) {
        Params p(params);
        const QString password = p.string(QStringLiteral("password"), true, kMaxPasswordLength);
        if (!p.ok())
            return invalid(p);
        if (const QString problem = passwordProblem(password); !problem.isEmpty())
            return OpResult::failure(ErrorCode::ValidationFailed, problem,
                { { QStringLiteral("field"), QStringLiteral("password") } });
        return setPasswordHash(s, caller, params, PasswordHasher::hash(password), now);
    }
    if (method == QLatin1String("agents.active.set"))
        return activeSet(s, caller, params, now);
    if (method == QLatin1String("sessions.revoke"))
        return sessionsRevoke(s, caller, params, now);
    if (method == QLatin1String("mail.accounts.save"))
        return MailAdmin::save(s, caller, params, now);
    return OpResult::failure(
        ErrorCode::MethodNotFound, QStringLiteral("There is no method \"%1\".").arg(method));
}

OpResult read(
    Store &s, const Caller &caller, const QString &method, const QJsonObject &params, qint64 now)
{
    if (method == QLatin1String("sessions.list"))
        return sessionsList(s, caller, params, now);
    if (method == QLatin1String("settings.satisfaction"))
        return satisfaction(s, caller, params, now, false);
    if (method == QLatin1String("settings.timeZone"))
        return timeZone(s, caller, params, false);
    if (method == QLatin1String("mail.accounts.list"))
        return MailAdmin::list(s, caller);
    return OpResult::failure(
        ErrorCode::MethodNotFound, QStringLiteral("There is no method \"%1\".").arg(method));
}

} // namespace Atiende::Server::AdminOps
