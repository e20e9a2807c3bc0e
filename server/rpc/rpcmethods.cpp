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
    static const QHash<QString, Method> table{
        {QStringLiteral("hello"), {&RpcServer::hello, false}},
        {QStringLiteral("auth.login"), {&RpcServer::authLogin, false}},
        {QStringLiteral("auth.resume"), {&RpcServer::authResume, false}},
        {QStringLiteral("auth.logout"), {&RpcServer::authLogout, true}},
        {QStringLiteral("tickets.query"), {&RpcServer::ticketsQuery, true}},
        {QStringLiteral("tickets.get"), {&RpcServer::ticketsGet, true}},
        {QStringLiteral("tickets.create"), {&RpcServer::ticketsCreate, true}},
        {QStringLiteral("tickets.update"), {&RpcServer::ticketsUpdate, true}},
        {QStringLiteral("tickets.addArticle"), {&RpcServer::ticketsAddArticle, true}},
        {QStringLiteral("customers.history"), {&RpcServer::customersHistory, true}},
        {QStringLiteral("kb.search"), {&RpcServer::kbSearch, true}},
        {QStringLiteral("kb.get"), {&RpcServer::kbGet, true}},
        {QStringLiteral("sync.pull"), {&RpcServer::syncPull, true}},
        {QStringLiteral("directory.get"), {&RpcServer::directoryGet, true}},
        {QStringLiteral("sla.calendars.list"), {&RpcServer::slaCalendarsList, true}},
        {QStringLiteral("sla.calendars.save"), {&RpcServer::slaCalendarsSave, true}},
        {QStringLiteral("sla.policies.list"), {&RpcServer::slaPoliciesList, true}},
        {QStringLiteral("sla.policies.save"), {&RpcServer::slaPoliciesSave, true}},
        {QStringLiteral("routing.rules.list"), {&RpcServer::routingRulesList, true}},
        {QStringLiteral("routing.rules.save"), {&RpcServer::routingRulesSave, true}},
        {QStringLiteral("groups.assignment.set"), {&RpcServer::groupsAssignmentSet, true}},
        {QStringLiteral("agents.skills.set"), {&RpcServer::agentsSkillsSet, true}},
        {QStringLiteral("presence.set"), {&RpcServer::presenceSet, true}},
        {QStringLiteral("canned.list"), {&RpcServer::cannedList, true}},
        {QStringLiteral("canned.save"), {&RpcServer::cannedSave, true}},
        {QStringLiteral("canned.render"), {&RpcServer::cannedRender, true}},
        // The customer has no account: the survey token is the credential.
        {QStringLiteral("surveys.answer"), {&RpcServer::surveysAnswer, false}},
        {QStringLiteral("surveys.get"), {&RpcServer::surveysGet, true}},
        {QStringLiteral("settings.satisfaction"), {&RpcServer::settingsSatisfaction, true}},
        {QStringLiteral("escalation.rules.list"), {&RpcServer::escalationRulesList, true}},
        {QStringLiteral("escalation.rules.save"), {&RpcServer::escalationRulesSave, true}},
        {QStringLiteral("tickets.escalate"), {&RpcServer::ticketsEscalate, true}},
        {QStringLiteral("groups.members.set"), {&RpcServer::groupsMembersSet, true}},
        {QStringLiteral("presence.viewing"), {&RpcServer::presenceViewing, true}},
        {QStringLiteral("presence.typing"), {&RpcServer::presenceTyping, true}},
        {QStringLiteral("presence.list"), {&RpcServer::presenceList, true}},
        {QStringLiteral("dashboard.subscribe"), {&RpcServer::dashboardSubscribe, true}},
        {QStringLiteral("dashboard.unsubscribe"), {&RpcServer::dashboardUnsubscribe, true}},
        {QStringLiteral("reports.get"), {&RpcServer::reportsGet, true}},
    };
    return table;
}

void RpcServer::hello(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 version = p.integer(QStringLiteral("protocol"), true, 0, 1000000);
    p.string(QStringLiteral("client"), false, 200);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (version != kVersion) {
        return replyError(peer->socket, id,
                          JsonRpc::makeError(ErrorCode::UnsupportedProtocol,
                                             QStringLiteral("This server speaks protocol %1; the client asked for %2.").arg(kVersion).arg(version),
                                             {{QStringLiteral("supported"), QJsonArray{kVersion}}}));
    }
    peer->greeted = true;
    replyResult(peer->socket, id,
                QJsonObject{{QStringLiteral("protocol"), kVersion},
                            {QStringLiteral("server"), QStringLiteral("atiended/%1").arg(QCoreApplication::applicationVersion())},
                            {QStringLiteral("serverTime"), Timestamp::toJson(Timestamp::now())},
                            {QStringLiteral("revision"), double(m_writer->committedRevision())},
                            {QStringLiteral("maxFrameBytes"), double(kMaxFrameBytes)},
                            {QStringLiteral("maxPageSize"), kMaxPageSize},
                            {QStringLiteral("heartbeatMs"), m_config.heartbeatIntervalMs}});
}

void RpcServer::beginSession(Peer *peer, const QJsonValue &id, qint64 agentId, const QString &tokenHash,
                             qint64 expiresAt, const QString &token)
{
    QPointer<QWebSocket> socket = peer->socket;
    m_readers->run([this, socket, id, agentId, tokenHash, expiresAt, token](Store &store) {
        const std::optional<Agent> agent = store.directory().agent(agentId);
        QMetaObject::invokeMethod(this, [=] {
            Peer *p = socket ? m_peers.value(socket) : nullptr;
            if (!p)
                return;
            p->pendingAuth = 0;
            if (!agent || !agent->active)
                return replyError(socket, id, JsonRpc::makeError(ErrorCode::SessionExpired, QStringLiteral("This account is disabled.")));
            if (p->authenticated) {
                leavePresence(p); // logged in again on this connection: what it showed was someone's
                if (m_dashboard)
                    m_dashboard->unsubscribe(p->id); // and so was the dashboard it watched
            }
            p->authenticated = true;
            p->caller = Caller{agent->id, agent->role, agent->groupIds};
            p->agentName = agent->name;
            p->tokenHash = tokenHash;
            QJsonObject result{{QStringLiteral("agent"), agent->toJson()}, {QStringLiteral("expiresAt"), Timestamp::toJson(expiresAt)}};
            if (!token.isEmpty())
                result.insert(QStringLiteral("token"), token);
            replyResult(socket, id, result);
        }, Qt::QueuedConnection);
    });
}

void RpcServer::authLogin(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString user = p.string(QStringLiteral("user"), true, 64).trimmed();
    const QString password = p.string(QStringLiteral("password"), true, 1024);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (peer->pendingAuth)
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("A log-in is already under way on this connection."), {{QStringLiteral("retryAfterMs"), 1000}}));
    const QString address = peer->socket->peerAddress().toString();
    const qint64 now = Timestamp::now();
    if (const qint64 wait = m_throttle.retryAfter(user, address, now); wait > 0) {
        return replyError(peer->socket, id,
                          JsonRpc::makeError(ErrorCode::RateLimited,
                                             QStringLiteral("Too many failed log-ins; try again in %1 s.").arg((wait + 999) / 1000),
                                             {{QStringLiteral("retryAfterMs"), double(wait)}}));
    }
    peer->pendingAuth = 1;
    QPointer<QWebSocket> socket = peer->socket;
    const qint64 lifetime = m_config.sessionLifetimeMs;
    m_readers->run([this, socket, id, user, password, address, lifetime](Store &store) {
        const auto creds = store.directory().credentials(user);
        // Argon2 takes ~50 ms of one core and 64 MiB: off the reader threads too.
        (void)QtConcurrent::run([this, socket, id, user, password, address, lifetime, creds] {
            const bool good = PasswordHasher::verify(creds ? creds->passwordHash : PasswordHasher::dummyHash(), password)
                           && creds && creds->agent.active;
            QMetaObject::invokeMethod(this, [=] {
                Peer *peer = socket ? m_peers.value(socket) : nullptr;
                if (!good) {
                    m_throttle.recordFailure(user, address, Timestamp::now());
                    if (peer)
                        peer->pendingAuth = 0;
                    qCInfo(lcServer) << "failed log-in for" << user << "from" << address;
                    if (socket)
                        replyError(socket, id, JsonRpc::makeError(ErrorCode::InvalidCredentials));
                    return;
                }
                m_throttle.recordSuccess(user, address);
                if (!peer)
                    return;
                const QString token = PasswordHasher::newToken();
                const QString hash = PasswordHasher::tokenHash(token);
                const qint64 now = Timestamp::now();
                const qint64 expires = now + lifetime;
                const qint64 agentId = creds->agent.id;
                WriteJob job;
                job.apply = [hash, agentId, now, expires](Store &store) {
                    return store.directory().createSession(hash, agentId, now, expires) ? OpResult::success(QJsonValue())
                                                                                       : OpResult::failure(ErrorCode::InternalError);
                };
                job.done = [this, socket, id, agentId, hash, expires, token](const OpResult &r) {
                    Peer *peer = socket ? m_peers.value(socket) : nullptr;
                    if (!peer)
                        return;
                    if (!r.ok) {
                        peer->pendingAuth = 0;
                        return replyError(socket, id, r.error);
                    }
                    beginSession(peer, id, agentId, hash, expires, token);
                };
                m_writer->submit(std::move(job));
            }, Qt::QueuedConnection);
        });
    });
}

void RpcServer::authResume(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const QString hash = PasswordHasher::tokenHash(token);
    QPointer<QWebSocket> socket = peer->socket;
    m_readers->run([this, socket, id, hash](Store &store) {
        const auto s = store.directory().session(hash);
        const qint64 now = Timestamp::now();
        QMetaObject::invokeMethod(this, [=] {
            Peer *peer = socket ? m_peers.value(socket) : nullptr;
            if (!peer)
                return;
            if (!s || s->revoked || s->expiresAt <= now) {
                return replyError(socket, id, JsonRpc::makeError(ErrorCode::SessionExpired,
                                                                 !s ? QStringLiteral("Unknown session; log in again.")
                                                                    : s->revoked ? QStringLiteral("The session was ended; log in again.")
                                                                                 : QStringLiteral("The session has expired; log in again.")));
            }
            beginSession(peer, id, s->agentId, hash, s->expiresAt, QString());
        }, Qt::QueuedConnection);
    });
}

void RpcServer::authLogout(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    const QString hash = peer->tokenHash;
    leavePresence(peer);
    if (m_dashboard)
        m_dashboard->unsubscribe(peer->id);
    peer->authenticated = false;
    peer->caller = Caller();
    peer->tokenHash.clear();
    QPointer<QWebSocket> socket = peer->socket;
    WriteJob job;
    job.apply = [hash](Store &store) {
        return store.directory().revokeSession(hash) ? OpResult::success(QJsonObject{}) : OpResult::failure(ErrorCode::InternalError);
    };
    job.done = [this, socket, id](const OpResult &r) { replyOutcome(socket, id, r); };
    m_writer->submit(std::move(job));
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
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
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
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, since, limit](Store &s) { return s.pull(caller, since, limit); });
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

void RpcServer::slaCalendarsSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QJsonObject calendar = p.object(QStringLiteral("calendar"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (!peer->caller.isAdmin())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins change business calendars.")));
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("sla.calendars.save"), QString(),
          [caller, calendar](Store &s) { return s.slaConfig().saveCalendar(caller, calendar, Timestamp::now()); });
}

void RpcServer::slaPoliciesSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QJsonObject policy = p.object(QStringLiteral("policy"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (!peer->caller.isAdmin())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins change SLA policies.")));
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("sla.policies.save"), QString(),
          [caller, policy](Store &s) { return s.slaConfig().savePolicy(caller, policy, Timestamp::now()); });
}

void RpcServer::cannedList(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), false);
    const QString text = p.string(QStringLiteral("text"), false, 500);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    read(peer, id, [caller, groupId, text](Store &s) { return s.canned().list(caller, groupId, text); });
}

void RpcServer::cannedSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QJsonObject response = p.object(QStringLiteral("response"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    // Refused here too, so an agent's attempt never takes a place in the writer's queue.
    if (!peer->caller.isAdmin())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins change canned responses.")));
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("canned.save"), QString(),
          [caller, response](Store &s) { return s.canned().save(caller, response, Timestamp::now()); });
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

void RpcServer::routingRulesSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QJsonObject rule = p.object(QStringLiteral("rule"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("routing.rules.save"), QString(), [caller, rule](Store &s) { return s.routing().saveRule(caller, rule); });
}

void RpcServer::groupsAssignmentSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), true);
    const auto strategy = p.enumValue<AssignmentStrategy>(QStringLiteral("assignment"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("groups.assignment.set"), QString(),
          [caller, groupId, strategy](Store &s) { return s.routing().setAssignment(caller, groupId, *strategy); });
}

void RpcServer::agentsSkillsSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const qint64 agentId = p.id(QStringLiteral("agentId"), true);
    const QJsonValue list = params.value(QStringLiteral("skills"));
    if (p.ok() && !list.isArray())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"skills\" must be a list of words."), {{QStringLiteral("param"), QStringLiteral("skills")}}));
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    QStringList skills;
    for (const QJsonValue &v : list.toArray())
        skills << v.toString();
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
    const QString address = peer->socket->peerAddress().toString();
    if (const qint64 wait = m_surveyThrottle.retryAfter(address, address, Timestamp::now()); wait > 0) {
        return replyError(peer->socket, id,
                          JsonRpc::makeError(ErrorCode::RateLimited, QStringLiteral("Too many unknown survey links; try again in %1 s.").arg((wait + 999) / 1000),
                                             {{QStringLiteral("retryAfterMs"), double(wait)}}));
    }
    auto release = admit(peer, id, true);
    if (!release)
        return;
    QPointer<QWebSocket> socket = peer->socket;
    WriteJob job;
    job.apply = [token, rating, comment](Store &s) { return s.surveys().answer(token, rating, comment, Timestamp::now()); };
    job.done = [this, socket, id, address, release = *release](const OpResult &r) {
        release();
        if (r.ok)
            m_surveyThrottle.recordSuccess(address, address);
        else if (r.error.code == ErrorCode::NotFound)
            m_surveyThrottle.recordFailure(address, address, Timestamp::now());
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

void RpcServer::settingsSatisfaction(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const bool set = params.contains(QStringLiteral("reopenWindowHours"));
    const int hours = int(p.integer(QStringLiteral("reopenWindowHours"), false, 1, SurveyStore::kMaxWindowHours, 0));
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (!peer->caller.isAdmin())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins see and change the satisfaction settings.")));
    if (!set)
        return read(peer, id, [](Store &s) { return s.surveys().settings(); });
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("settings.satisfaction"), QString(),
          [caller, hours](Store &s) { return s.surveys().setSettings(caller, hours, Timestamp::now()); });
    // Only the engine's estimate for tickets resolved from now on; the store keeps each
    // ticket's real instant and the engine re-reads them after every close.
    if (m_autoClose)
        m_autoClose->setWindowHours(hours);
}

void RpcServer::escalationRulesList(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    read(peer, id, [](Store &s) { return s.escalation().rules(); });
}

void RpcServer::escalationRulesSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QJsonObject rule = p.object(QStringLiteral("rule"), true);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const Caller caller = peer->caller;
    write(peer, id, QStringLiteral("escalation.rules.save"), QString(), [caller, rule](Store &s) { return s.escalation().saveRule(caller, rule); });
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
    const QList<qint64> agentIds = p.idList(QStringLiteral("agentIds"));
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
