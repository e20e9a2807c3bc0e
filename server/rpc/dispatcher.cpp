#include "dispatcher.h"

namespace Atiende::Server {

using namespace Atiende::Core::Protocol;

void Dispatcher::add(const QString &method, Access access, Handler handler)
{
    Q_ASSERT_X(!m_methods.contains(method), "Dispatcher::add", "a method registered twice");
    m_methods.insert(method, Method { std::move(access), std::move(handler), {} });
}

void Dispatcher::addBinary(const QString &method, BinaryHandler handler)
{
    Q_ASSERT_X(m_methods.contains(method), "Dispatcher::addBinary", "an unregistered method");
    m_methods[method].binary = std::move(handler);
}

void Dispatcher::dispatch(CallContext &caller, const QString &method, const QJsonObject &params,
    const Reply &reply, const BinaryPayload *payload) const
{
    const auto it = m_methods.constFind(method);
    if (it == m_methods.constEnd()) {
        return reply.error(JsonRpc::makeError(ErrorCode::MethodNotFound,
            QStringLiteral("There is no method \"%1\".").arg(method.left(100)),
            { { QStringLiteral("method"), method.left(100) } }));
    }
    if (payload && !it->binary)
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidRequest,
            QStringLiteral("\"%1\" cannot come in a binary message; only files.upload.chunk and "
                           "files.read do.")
                .arg(method.left(100)),
            { { QStringLiteral("method"), method.left(100) } }));
    if (!caller.greeted && method != QLatin1String("hello"))
        return reply.error(JsonRpc::makeError(ErrorCode::HelloRequired));
    const Access &access = it->access;
    if (access.needsSession && !caller.authenticated)
        return reply.error(JsonRpc::makeError(ErrorCode::Unauthenticated));
    if (caller.local && access.needsSession && !access.forLocal)
        return reply.error(JsonRpc::makeError(ErrorCode::Forbidden,
            QStringLiteral("A local administration session runs admin commands only.")));
    switch (access.roles) {
    case Roles::Any:
        break;
    case Roles::Admins:
        // Refused here, so an agent's attempt never takes a place in the writer's queue.
        if (!caller.caller.isAdmin())
            return reply.error(JsonRpc::makeError(
                ErrorCode::Forbidden, QStringLiteral("Only admins %1.").arg(access.what)));
        break;
    case Roles::LeadsAndAdmins:
        if (caller.caller.role == Core::Role::Agent) // the store says which groups a lead may touch
            return reply.error(JsonRpc::makeError(ErrorCode::Forbidden,
                QStringLiteral("Only admins, and leads for the groups they lead, %1.")
                    .arg(access.what)));
        break;
    }
    if (payload)
        it->binary(caller, params, *payload, reply);
    else
        it->handler(caller, params, reply);
}

} // namespace Atiende::Server
