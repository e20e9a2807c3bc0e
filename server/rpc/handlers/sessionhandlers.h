#pragma once
// Who is on the other end: hello (the protocol version and the server's limits), auth.login,
// auth.resume, auth.local, auth.logout (their rules are Sessions'), sessions.list and
// sessions.revoke (docs/protocol.md, "Session").

#include "handlerunit.h"

namespace Atiende::Server {

class AdminHandlers;

class SessionHandlers : public HandlerUnit
{
public:
    SessionHandlers(
        RpcServices &services, Operations &operations, Sessions &sessions, AdminHandlers &admin)
        : HandlerUnit(services, operations, sessions)
        , m_admin(admin)
    {
    }
    void registerWith(Dispatcher &dispatcher) override;

private:
    void hello(CallContext &, const QJsonObject &, const Reply &);
    void logIn(CallContext &, const QJsonObject &, const Reply &);
    void resume(CallContext &, const QJsonObject &, const Reply &);
    void local(CallContext &, const QJsonObject &, const Reply &);
    void logOut(CallContext &, const QJsonObject &, const Reply &);
    void list(CallContext &, const QJsonObject &, const Reply &);

    AdminHandlers &m_admin;
};

} // namespace Atiende::Server
