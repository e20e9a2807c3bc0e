#include "directoryhandlers.h"

#include "server/kpi/kpiengine.h"
#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/store/store.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void DirectoryHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("directory.get"), Dispatcher::signedInOrLocal(),
        Dispatcher::bind(this, &DirectoryHandlers::directory));
    d.add(QStringLiteral("agents.skills.set"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &DirectoryHandlers::skillsSet));
    d.add(QStringLiteral("presence.set"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &DirectoryHandlers::presenceSet));
    // Admins only, said after the params are read.
    d.add(QStringLiteral("groups.members.set"), Dispatcher::signedInOrLocal(),
        Dispatcher::bind(this, &DirectoryHandlers::groupMembersSet));
}

void DirectoryHandlers::directory(CallContext &c, const QJsonObject &, const Reply &reply)
{
    m_ops.read(c, reply, [](Store &s) {
        QJsonArray groups, agents, categories;
        for (const Group &g : s.directory().groups())
            groups.append(g.toJson());
        for (const Agent &a : s.directory().agents())
            agents.append(a.toJson());
        for (const Category &c : s.directory().categories())
            categories.append(c.toJson());
        return OpResult::success(QJsonObject { { QStringLiteral("groups"), groups },
            { QStringLiteral("agents"), agents }, { QStringLiteral("categories"), categories },
            { QStringLiteral("priorityMatrix"), s.tickets().priorityMatrix().toJson() } });
    });
}

void DirectoryHandlers::skillsSet(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 agentId = p.id(QStringLiteral("agentId"), true);
    const QStringList skills = p.stringList(QStringLiteral("skills"), true, 50, 64);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.write(c, reply, QStringLiteral("agents.skills.set"), QString(),
        [caller, agentId, skills](
            Store &s) { return s.routing().setSkills(caller, agentId, skills); });
}

void DirectoryHandlers::presenceSet(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const auto presence = p.enumValue<Presence>(QStringLiteral("presence"), true);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.write(
        c, reply, QStringLiteral("presence.set"), QString(),
        [caller, presence](
            Store &s) { return s.routing().setPresence(caller, caller.agentId, *presence); },
        [this, agentId = caller.agentId, presence](const OpResult &) {
            if (m_s.kpi)
                m_s.kpi->setPresence(agentId, wireName(*presence)); // the dashboard's agents
        });
}

void DirectoryHandlers::groupMembersSet(
    CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), true);
    const QJsonValue list = params.value(QStringLiteral("agentIds"));
    if (p.ok() && !list.isArray())
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
            QStringLiteral("\"agentIds\" must be a list of ids."),
            { { QStringLiteral("param"), QStringLiteral("agentIds") } }));
    const QList<qint64> agentIds = p.idList(QStringLiteral("agentIds"), 10000);
    if (!p.ok())
        return reply.error(p.error());
    if (!c.caller.isAdmin())
        return reply.error(JsonRpc::makeError(
            ErrorCode::Forbidden, QStringLiteral("Only admins change group membership.")));
    const Caller caller = c.caller;
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
        m_sessions.setGroupMembers(groupId, members);
    };
    m_ops.write(c, reply, QStringLiteral("groups.members.set"), QString(), std::move(apply),
        std::move(committed));
}

} // namespace Atiende::Server
