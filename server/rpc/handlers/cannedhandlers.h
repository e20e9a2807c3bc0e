#pragma once
// Canned responses: canned.list and canned.render for every agent (the global ones and those
// of their groups), canned.save and canned.delete for admins and for leads in the groups they
// lead (the store says which). Saving and deleting are admin writes (AdminHandlers), after
// which every console hears canned.changed.

#include "handlerunit.h"

namespace Atiende::Server {

class AdminHandlers;

class CannedHandlers : public HandlerUnit
{
public:
    CannedHandlers(
        RpcServices &services, Operations &operations, Sessions &sessions, AdminHandlers &admin)
        : HandlerUnit(services, operations, sessions)
        , m_admin(admin)
    {
    }
    void registerWith(Dispatcher &dispatcher) override;

private:
    void list(CallContext &, const QJsonObject &, const Reply &);
    void render(CallContext &, const QJsonObject &, const Reply &);

    AdminHandlers &m_admin;
};

} // namespace Atiende::Server
