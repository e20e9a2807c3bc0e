#include "sessionhandlers.h"

#include "adminhandlers.h"

#include "server/admin/adminops.h"
#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void SessionHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("hello"), Dispatcher::open(),
        Dispatcher::bind(this, &SessionHandlers::hello));
    d.add(QStringLiteral("auth.login"), Dispatcher::open(),
        Dispatcher::bind(this, &SessionHandlers::logIn));
    d.add(QStringLiteral("auth.resume"), Dispatcher::open(),
        Dispatcher::bind(this, &SessionHandlers::resume));
    d.add(QStringLiteral("auth.local"), Dispatcher::open(),
        Dispatcher::bind(this, &SessionHandlers::local));
    d.add(QStringLiteral("auth.logout"), Dispatcher::signedInOrLocal(),
        Dispatcher::bind(this, &SessionHandlers::logOut));
    // Anyone may list and end their own sessions; the store refuses others' to non-admins.
    d.add(QStringLiteral("sessions.list"), Dispatcher::signedInOrLocal(),
        Dispatcher::bind(this, &SessionHandlers::list));
    d.add(QStringLiteral("sessions.revoke"), Dispatcher::signedInOrLocal(),
        [this](CallContext &c, const QJsonObject &params, const Reply &reply) {
            m_admin.write(c, reply, QStringLiteral("sessions.revoke"), params);
        });
}

void SessionHandlers::hello(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 version = p.integer(QStringLiteral("protocol"), true, 0, 1000000);
    const QString client = p.string(QStringLiteral("client"), false, 200);
    if (!p.ok())
        return reply.error(p.error());
    if (version != kVersion) {
        return reply.error(JsonRpc::makeError(ErrorCode::UnsupportedProtocol,
            QStringLiteral("This server speaks protocol %1; the client asked for %2.")
                .arg(kVersion)
                .arg(version),
            { { QStringLiteral("supported"), QJsonArray { kVersion } } }));
    }
    c.greeted = true;
    c.client = client;
    const ServerConfig &config = m_s.config;
    reply.result(QJsonObject { { QStringLiteral("protocol"), kVersion },
        { QStringLiteral("server"),
            QStringLiteral("atiended/%1").arg(QCoreApplication::applicationVersion()) },
        { QStringLiteral("serverTime"), Timestamp::toJson(Timestamp::now()) },
        { QStringLiteral("revision"), double(m_s.writer->committedRevision()) },
        { QStringLiteral("maxFrameBytes"), double(kMaxFrameBytes) },
        { QStringLiteral("maxFrameBytesBeforeLogin"), double(config.maxPendingFrameBytes) },
        { QStringLiteral("maxPageSize"), kMaxPageSize },
        { QStringLiteral("maxPageBytes"), double(Store::kMaxPullPageBytes) },
        { QStringLiteral("heartbeatMs"), config.heartbeatIntervalMs },
        { QStringLiteral("loginTimeoutMs"), config.loginTimeoutMs },
        // What a client checks before it takes a file (the server checks again).
        { QStringLiteral("fileLimits"),
            QJsonObject { { QStringLiteral("fileBytes"), double(config.files.maxFileBytes) },
                { QStringLiteral("filesPerMessage"), config.files.maxArticleFiles },
                { QStringLiteral("messageBytes"), double(config.files.maxArticleBytes) } } } });
}

void SessionHandlers::logIn(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString user = p.string(QStringLiteral("user"), true, 64).trimmed();
    const QString password
        = p.string(QStringLiteral("password"), true, AdminOps::kMaxPasswordLength);
    const QString device = p.string(QStringLiteral("device"), false, DeviceTokens::kMaxTokenLength);
    if (!p.ok())
        return reply.error(p.error());
    m_sessions.logIn(c, user, password, device, reply);
}

void SessionHandlers::resume(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    if (!p.ok())
        return reply.error(p.error());
    m_sessions.resume(c, token, reply);
}

void SessionHandlers::local(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    if (!p.ok())
        return reply.error(p.error());
    m_sessions.signInLocal(c, token, reply);
}

void SessionHandlers::logOut(CallContext &c, const QJsonObject &, const Reply &reply)
{
    m_sessions.logOut(c, reply);
}

void SessionHandlers::list(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    const Caller caller = c.caller;
    const qint64 current = c.sessionId;
    m_ops.read(c, reply, [caller, params, current](Store &s) {
        OpResult r
            = AdminOps::read(s, caller, QStringLiteral("sessions.list"), params, Timestamp::now());
        if (!r.ok)
            return r;
        // Which of them this connection uses, so a console can say "this one".
        QJsonArray list;
        for (const QJsonValue &v :
            r.result.toObject().value(QStringLiteral("sessions")).toArray()) {
            QJsonObject o = v.toObject();
            o.insert(QStringLiteral("current"),
                current != 0 && o.value(QStringLiteral("id")).toInteger() == current);
            list.append(o);
        }
        return OpResult::success(QJsonObject { { QStringLiteral("sessions"), list } });
    });
}

} // namespace Atiende::Server
