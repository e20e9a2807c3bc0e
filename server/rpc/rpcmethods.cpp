// The protocol's methods, one function each. docs/protocol.md documents every one of them;
// names are append-only.

#include "params.h"
#include "rpcserver.h"

#include "server/auth/passwordhasher.h"
#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/satisfaction/autocloseengine.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"
#include "core/routing/assignment.h"
#include "core/protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
// A ticket that is, or has just become, P1 goes through the p1 escalation rules in the same
// transaction as the write that made it so; the rules themselves never escalate it twice.
OpResult escalateIfP1(Store &s, OpResult r, qint64 now)
{
    if (!r.ok)
        return r;
    QJsonObject result = r.result.toObject();
    const QJsonObject ticket = result.value(QStringLiteral("ticket")).toObject();
    if (ticket.value(QStringLiteral("priority")).toString() != wireName(Priority::P1))
        return r;
    const OpResult e = s.escalation().apply(ticket.value(QStringLiteral("id")).toInteger(), QStringLiteral("p1"), QStringLiteral("any"), now);
    if (!e.ok)
        return e;
    if (!e.changes.isEmpty()) {
        r.changes += e.changes;
        result.insert(QStringLiteral("ticket"), e.result.toObject().value(QStringLiteral("ticket")));
        r.result = result;
    }
    return r;
}
} // namespace

const QHash<QString, RpcServer::Method> &RpcServer::methods()
{
    // needsSession, forLocal: see Method. A local administration session (the admin commands)
    // may call only what is marked for it.
    static const QHash<QString, Method> table{
        {QStringLiteral("hello"), {&RpcServer::hello, false}},
        {QStringLiteral("auth.login"), {&RpcServer::authLogin, false}},
        {QStringLiteral("auth.resume"), {&RpcServer::authResume, false}},
        {QStringLiteral("auth.local"), {&RpcServer::authLocal, false}},
        {QStringLiteral("auth.logout"), {&RpcServer::authLogout, true, true}},
        {QStringLiteral("tickets.query"), {&RpcServer::ticketsQuery, true}},
        {QStringLiteral("tickets.get"), {&RpcServer::ticketsGet, true}},
        {QStringLiteral("tickets.create"), {&RpcServer::ticketsCreate, true}},
        {QStringLiteral("tickets.update"), {&RpcServer::ticketsUpdate, true}},
        {QStringLiteral("tickets.addArticle"), {&RpcServer::ticketsAddArticle, true}},
        {QStringLiteral("customers.history"), {&RpcServer::customersHistory, true}},
        {QStringLiteral("customers.create"), {&RpcServer::customersCreate, true}},
        {QStringLiteral("kb.search"), {&RpcServer::kbSearch, true}},
        {QStringLiteral("kb.get"), {&RpcServer::kbGet, true}},
        {QStringLiteral("sync.pull"), {&RpcServer::syncPull, true}},
        {QStringLiteral("directory.get"), {&RpcServer::directoryGet, true, true}},
        {QStringLiteral("sla.calendars.list"), {&RpcServer::slaCalendarsList, true, true}},
        {QStringLiteral("sla.calendars.save"), {&RpcServer::slaCalendarsSave, true, true}},
        {QStringLiteral("sla.policies.list"), {&RpcServer::slaPoliciesList, true, true}},
        {QStringLiteral("sla.policies.save"), {&RpcServer::slaPoliciesSave, true, true}},
        {QStringLiteral("sla.config.save"), {&RpcServer::slaConfigSave, true, true}},
        {QStringLiteral("routing.rules.list"), {&RpcServer::routingRulesList, true, true}},
        {QStringLiteral("routing.rules.save"), {&RpcServer::routingRulesSave, true, true}},
        {QStringLiteral("groups.assignment.set"), {&RpcServer::groupsAssignmentSet, true, true}},
        {QStringLiteral("agents.skills.set"), {&RpcServer::agentsSkillsSet, true}},
        {QStringLiteral("agents.password.set"), {&RpcServer::agentsPasswordSet, true, true}},
        {QStringLiteral("agents.active.set"), {&RpcServer::agentsActiveSet, true, true}},
        {QStringLiteral("sessions.list"), {&RpcServer::sessionsList, true, true}},
        {QStringLiteral("sessions.revoke"), {&RpcServer::sessionsRevoke, true, true}},
        {QStringLiteral("presence.set"), {&RpcServer::presenceSet, true}},
        {QStringLiteral("canned.list"), {&RpcServer::cannedList, true, true}},
        {QStringLiteral("canned.save"), {&RpcServer::cannedSave, true, true}},
        {QStringLiteral("canned.render"), {&RpcServer::cannedRender, true}},
        {QStringLiteral("canned.delete"), {&RpcServer::cannedDelete, true, true}},
        // The customer has no account: the survey token is the credential.
        {QStringLiteral("surveys.answer"), {&RpcServer::surveysAnswer, false}},
        {QStringLiteral("surveys.get"), {&RpcServer::surveysGet, true}},
        {QStringLiteral("settings.satisfaction"), {&RpcServer::settingsSatisfaction, true, true}},
        {QStringLiteral("settings.timeZone"), {&RpcServer::settingsTimeZone, true, true}},
        {QStringLiteral("escalation.rules.list"), {&RpcServer::escalationRulesList, true, true}},
        {QStringLiteral("escalation.rules.save"), {&RpcServer::escalationRulesSave, true, true}},
        {QStringLiteral("tickets.escalate"), {&RpcServer::ticketsEscalate, true}},
        {QStringLiteral("groups.members.set"), {&RpcServer::groupsMembersSet, true, true}},
        {QStringLiteral("presence.viewing"), {&RpcServer::presenceViewing, true}},
        {QStringLiteral("presence.typing"), {&RpcServer::presenceTyping, true}},
        {QStringLiteral("presence.list"), {&RpcServer::presenceList, true}},
        {QStringLiteral("dashboard.subscribe"), {&RpcServer::dashboardSubscribe, true}},
        {QStringLiteral("dashboard.unsubscribe"), {&RpcServer::dashboardUnsubscribe, true}},
        {QStringLiteral("reports.get"), {&RpcServer::reportsGet, true}},
    };
    return table;
}

void RpcServer::ticketsQuery(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    TicketFilter f;
    f.groupIds = p.idList(QStringLiteral("groupId"));
    f.statuses = p.enumList<TicketStatus>(QStringLiteral("status"));
    f.priorities = p.enumList<Priority>(QStringLiteral("priority"));
    if (params.contains(QStringLiteral("assigneeId")))
        f.assigneeId = p.id(QStringLiteral("assigneeId"), false); // null: unassigned
    f.customerId = p.id(QStringLiteral("customerId"), false);
    f.organisationId = p.id(QStringLiteral("organisationId"), false);
    f.text = p.string(QStringLiteral("text"), false, 500);
    f.openOnly = p.boolean(QStringLiteral("openOnly"), false);
    const QString sort = p.string(QStringLiteral("sort"), false, 32);
    static const QStringList kSorts{QStringLiteral("updatedAt"), QStringLiteral("createdAt"), QStringLiteral("priority"),
                                    QStringLiteral("number"), QStringLiteral("status")};
    if (!sort.isEmpty() && !kSorts.contains(sort))
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"sort\" must be one of %1.").arg(kSorts.join(QStringLiteral(", "))), {{QStringLiteral("param"), QStringLiteral("sort")}}));
    if (!sort.isEmpty())
        f.sort = sort;
    const QString order = p.string(QStringLiteral("order"), false, 8);
    if (!order.isEmpty() && order != QLatin1String("asc") && order != QLatin1String("desc"))
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"order\" must be asc or desc."), {{QStringLiteral("param"), QStringLiteral("order")}}));
    f.descending = order != QLatin1String("asc");
    f.offset = int(p.integer(QStringLiteral("offset"), false, 0, 100000000, 0));
    f.limit = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPageSize, kDefaultPageSize));
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, f](Store &s) { return s.tickets().query(caller, f); });
}

void RpcServer::ticketsGet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const Caller caller = peer->caller;
    // By id, or by the number agents type (an agent looking up a ticket the console does not hold).
    if (params.contains(QStringLiteral("number")) && !params.contains(QStringLiteral("id"))) {
        const QString number = p.string(QStringLiteral("number"), true, 32);
        if (!p.ok())
            return replyError(peer->socket, id, p.error());
        return read(peer, id, [caller, number](Store &s) { return s.tickets().getByNumber(caller, number); });
    }
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    read(peer, id, [caller, ticketId](Store &s) { return s.tickets().get(caller, ticketId); });
}

void RpcServer::ticketsCreate(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    NewTicket n;
    n.type = p.enumValue<TicketType>(QStringLiteral("type"), true).value_or(TicketType::Incident);
    n.subject = p.string(QStringLiteral("subject"), true, 10000);
    n.description = p.string(QStringLiteral("description"), false);
    n.impact = p.enumValue<Level>(QStringLiteral("impact"), false).value_or(Level::Medium);
    n.urgency = p.enumValue<Level>(QStringLiteral("urgency"), false).value_or(Level::Medium);
    n.channel = p.enumValue<Channel>(QStringLiteral("channel"), false).value_or(Channel::Console);
    n.categoryId = p.id(QStringLiteral("categoryId"), false);
    n.groupId = p.id(QStringLiteral("groupId"), false);
    n.customerId = p.id(QStringLiteral("customerId"), false);
    n.assigneeId = p.id(QStringLiteral("assigneeId"), false);
    const QString opId = p.opId(false);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("tickets.create"), opId,
          [caller, n](Store &s) {
              const qint64 now = Timestamp::now();
              return escalateIfP1(s, s.tickets().create(caller, n, now), now);
          });
}

void RpcServer::ticketsUpdate(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    const int baseVersion = int(p.integer(QStringLiteral("baseVersion"), true, 1, 2000000000));
    const QString opId = p.opId(true);
    const QJsonObject fields = p.object(QStringLiteral("fields"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("tickets.update"), opId,
          [caller, ticketId, baseVersion, fields](Store &s) {
              const qint64 now = Timestamp::now();
              return escalateIfP1(s, s.tickets().update(caller, ticketId, baseVersion, fields, now), now);
          });
}

void RpcServer::ticketsAddArticle(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    const auto kind = p.enumValue<ArticleKind>(QStringLiteral("kind"), true);
    const QString body = p.string(QStringLiteral("body"), true);
    const QString opId = p.opId(false);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("tickets.addArticle"), opId,
          [caller, ticketId, kind, body](Store &s) { return s.tickets().addArticle(caller, ticketId, *kind, body, Timestamp::now()); });
}

void RpcServer::customersHistory(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 customerId = p.id(QStringLiteral("customerId"), true);
    const int limit = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPageSize, kDefaultPageSize));
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, customerId, limit](Store &s) { return s.tickets().customerHistory(caller, customerId, limit); });
}

void RpcServer::customersCreate(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    Customer c;
    c.name = p.string(QStringLiteral("name"), true, 200);
    c.email = p.string(QStringLiteral("email"), false, 254);
    c.phone = p.string(QStringLiteral("phone"), false, 50);
    c.organisationId = p.id(QStringLiteral("organisationId"), false);
    c.language = p.string(QStringLiteral("language"), false, 8);
    const QString opId = p.opId(false);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    // Every agent may add a customer: they are visible to all (docs/protocol.md).
    write(peer, id, QStringLiteral("customers.create"), opId, [c](Store &s) { return s.directory().addCustomer(c); });
}

void RpcServer::kbSearch(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString text = p.string(QStringLiteral("text"), true, 500);
    const bool publicOnly = p.boolean(QStringLiteral("publicOnly"), false);
    const int offset = int(p.integer(QStringLiteral("offset"), false, 0, 100000, 0));
    const int limit = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPageSize, 20));
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    read(peer, id, [text, publicOnly, offset, limit](Store &s) { return s.kb().search(text, publicOnly, offset, limit); });
}

void RpcServer::kbGet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 articleId = p.id(QStringLiteral("id"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    read(peer, id, [articleId](Store &s) {
        const auto a = s.kb().article(articleId);
        if (!a)
            return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no knowledge-base article with id %1.").arg(articleId));
        return OpResult::success(QJsonObject{{QStringLiteral("article"), a->toJson()}});
    });
}

void RpcServer::syncPull(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 since = p.integer(QStringLiteral("since"), true, 0, 9007199254740991LL);
    const int limit = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPullPageSize, kMaxPageSize));
    const QString cursorText = p.string(QStringLiteral("cursor"), false, 100);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    std::optional<PullCursor> cursor;
    if (!cursorText.isEmpty()) {
        cursor = PullCursor::fromString(cursorText);
        if (!cursor)
            return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"cursor\" must be passed back as a page gave it."),
                                                                   {{QStringLiteral("param"), QStringLiteral("cursor")}}));
    }
    const Caller caller = peer->caller;
    read(peer, id, [caller, since, cursor, limit](Store &s) { return s.pull(caller, since, cursor, limit); });
}

void RpcServer::directoryGet(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    read(peer, id, [](Store &s) {
        QJsonArray groups, agents, categories;
        for (const Group &g : s.directory().groups())
            groups.append(g.toJson());
        for (const Agent &a : s.directory().agents())
            agents.append(a.toJson());
        for (const Category &c : s.directory().categories())
            categories.append(c.toJson());
        return OpResult::success(QJsonObject{{QStringLiteral("groups"), groups},
                                             {QStringLiteral("agents"), agents},
                                             {QStringLiteral("categories"), categories},
                                             {QStringLiteral("priorityMatrix"), s.tickets().priorityMatrix().toJson()}});
    });
}

void RpcServer::slaCalendarsList(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    read(peer, id, [](Store &s) { return s.slaConfig().calendars(); });
}

void RpcServer::slaPoliciesList(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    read(peer, id, [](Store &s) { return s.slaConfig().policies(); });
}

void RpcServer::cannedList(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), false);
    const QString text = p.string(QStringLiteral("text"), false, 500);
    const bool manageable = p.boolean(QStringLiteral("manageable"), false);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, groupId, text, manageable](Store &s) { return s.canned().list(caller, groupId, text, manageable); });
}

void RpcServer::cannedRender(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 responseId = p.id(QStringLiteral("id"), true);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, responseId, ticketId](Store &s) { return s.canned().render(caller, responseId, ticketId); });
}

void RpcServer::routingRulesList(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    read(peer, id, [](Store &s) { return s.routing().rules(); });
}

void RpcServer::agentsSkillsSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 agentId = p.id(QStringLiteral("agentId"), true);
    const QStringList skills = p.stringList(QStringLiteral("skills"), true, 50, 64);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("agents.skills.set"), QString(), [caller, agentId, skills](Store &s) { return s.routing().setSkills(caller, agentId, skills); });
}

void RpcServer::presenceSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const auto presence = p.enumValue<Presence>(QStringLiteral("presence"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("presence.set"), QString(),
          [caller, presence](Store &s) { return s.routing().setPresence(caller, caller.agentId, *presence); },
          [this, agentId = caller.agentId, presence](const OpResult &) {
              if (m_kpi)
                  m_kpi->setPresence(agentId, wireName(*presence)); // the dashboard's agents
          });
}

void RpcServer::surveysAnswer(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    const QString rating = p.string(QStringLiteral("rating"), true, 16);
    const QString comment = p.string(QStringLiteral("comment"), false, SurveyStore::kMaxComment);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (rating != QLatin1String("good") && rating != QLatin1String("bad"))
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"rating\" must be good or bad."), {{QStringLiteral("param"), QStringLiteral("rating")}}));
    // Anyone who said hello may try a token, so guessing is slowed down like passwords are,
    // by the peer's address (there is no user name to key on).
    const QString address = peer->address;
    if (const qint64 wait = m_tokenThrottle.wait(address, Timestamp::now()); wait > 0) {
        return replyError(peer->socket, id,
                          JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("Too many unknown survey links; try again in %1 s.").arg((wait + 999) / 1000),
                                             {{QStringLiteral("retryAfterMs"), double(wait)}}));
    }
    auto release = admit(peer, id, true);
    if (!release)
        return;
    m_tokenThrottle.begin(address, Timestamp::now());
    QPointer<QWebSocket> socket = peer->socket;
    WriteJob job;
    job.apply = [token, rating, comment](Store &s) { return s.surveys().answer(token, rating, comment, Timestamp::now()); };
    job.done = [this, socket, id, address, release = *release](const OpResult &r) {
        release();
        if (r.error.code == ErrorCode::NotFound && !r.ok)
            m_tokenThrottle.failed(address, Timestamp::now());
        else
            m_tokenThrottle.abandoned(address); // a real link: neither a guess nor a reset of one
        replyOutcome(socket, id, r);
    };
    m_writer->submit(std::move(job));
}

void RpcServer::surveysGet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, ticketId](Store &s) { return s.surveys().get(caller, ticketId); });
}

void RpcServer::escalationRulesList(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    read(peer, id, [](Store &s) { return s.escalation().rules(); });
}

void RpcServer::ticketsEscalate(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    const QString kind = p.string(QStringLiteral("kind"), true, 20);
    const qint64 toGroupId = p.id(QStringLiteral("toGroupId"), false);
    const QString reason = p.string(QStringLiteral("reason"), false, 2000);
    const QString opId = p.opId(false);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("tickets.escalate"), opId, [caller, ticketId, kind, toGroupId, reason](Store &s) {
        return s.escalation().escalate(caller, ticketId, kind, toGroupId, reason, Timestamp::now());
    });
}

void RpcServer::groupsMembersSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), true);
    const QJsonValue list = params.value(QStringLiteral("agentIds"));
    if (p.ok() && !list.isArray())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"agentIds\" must be a list of ids."), {{QStringLiteral("param"), QStringLiteral("agentIds")}}));
    const QList<qint64> agentIds = p.idList(QStringLiteral("agentIds"), 10000);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (!peer->caller.isAdmin())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins change group membership.")));
    const Caller caller = peer->caller;
    auto apply = [caller, groupId, agentIds](Store &s) {
        const qint64 now = Timestamp::now();
        OpResult r = s.directory().setGroupMembers(caller, groupId, agentIds);
        if (!r.ok)
            return r;
        QList<qint64> handedBack;
        QJsonObject result = r.result.toObject();
        QList<qint64> removed;
        idListFromJson(result.take(QStringLiteral("removed")), &removed);
        for (qint64 agentId : std::as_const(removed)) {
            const OpResult h = s.tickets().handBack(groupId, agentId, now);
            if (!h.ok)
                return h;
            r.changes += h.changes;
            QList<qint64> ids;
            idListFromJson(h.result, &ids);
            handedBack += ids;
        }
        result.insert(QStringLiteral("handedBack"), idListToJson(handedBack));
        r.result = result;
        return r;
    };
    // Permissions follow at once: the sessions of the agents concerned get the new groups as
    // soon as the change is on disk, before anyone hears of it.
    auto committed = [this, groupId](const OpResult &r) {
        QList<qint64> members;
        idListFromJson(r.result.toObject().value(QStringLiteral("agentIds")), &members);
        for (Peer *other : std::as_const(m_peers)) {
            if (!other->authenticated)
                continue;
            QList<qint64> &groups = other->caller.groupIds;
            const bool member = members.contains(other->caller.agentId);
            if (member && !groups.contains(groupId)) {
                groups << groupId;
                std::sort(groups.begin(), groups.end());
            } else if (!member) {
                groups.removeAll(groupId);
            }
        }
        // Those who left the group stop showing its tickets; those who joined hear who is there.
        QList<qint64> inGroup;
        if (m_presence) {
            for (qint64 ticketId : m_presence->tickets()) {
                if (m_presence->scope(ticketId).groupId == groupId)
                    inGroup << ticketId;
            }
        }
        recheckPresence(inGroup, true);
        followDashboardScopes();
    };
    write(peer, id, QStringLiteral("groups.members.set"), QString(), std::move(apply), std::move(committed));
}

} // namespace Atiende::Server
