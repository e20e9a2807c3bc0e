#include "cannedhandlers.h"

#include "adminhandlers.h"

#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/store/store.h"

namespace Atiende::Server {

void CannedHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("canned.list"), Dispatcher::signedInOrLocal(),
        Dispatcher::bind(this, &CannedHandlers::list));
    d.add(QStringLiteral("canned.render"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &CannedHandlers::render));
    d.add(QStringLiteral("canned.save"),
        Dispatcher::leadsAndAdmins(QStringLiteral("change canned responses")),
        [this](CallContext &c, const QJsonObject &params, const Reply &reply) {
            m_admin.write(c, reply, QStringLiteral("canned.save"), params);
        });
    d.add(QStringLiteral("canned.delete"),
        Dispatcher::leadsAndAdmins(QStringLiteral("delete canned responses")),
        [this](CallContext &c, const QJsonObject &params, const Reply &reply) {
            m_admin.write(c, reply, QStringLiteral("canned.delete"), params);
        });
}

void CannedHandlers::list(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 groupId = p.id(QStringLiteral("groupId"), false);
    const QString text = p.string(QStringLiteral("text"), false, 500);
    const bool manageable = p.boolean(QStringLiteral("manageable"), false);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.read(c, reply, [caller, groupId, text, manageable](Store &s) {
        return s.canned().list(caller, groupId, text, manageable);
    });
}

void CannedHandlers::render(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 responseId = p.id(QStringLiteral("id"), true);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.read(c, reply, [caller, responseId, ticketId](Store &s) {
        return s.canned().render(caller, responseId, ticketId);
    });
}

} // namespace Atiende::Server
