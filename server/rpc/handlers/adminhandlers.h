#pragma once
// The administration methods: business calendars and SLA policies, routing and escalation
// rules, group assignment, the satisfaction and time-zone settings, enabling agents and setting
// their passwords. Their work is AdminOps (server/admin/adminops), shared with the admin
// commands of atiended when no server runs; here they go through the one writer, and what they
// change outside the database follows once it is on disk (committed()): sessions they ended are
// closed, consoles hear canned.changed, the auto-close window moves. Other units with admin
// writes (canned responses, sessions.revoke) go through write() and read() here.

#include "handlerunit.h"

namespace Atiende::Server {

class AdminHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

    // Admin operations shared with the admin commands.
    void write(
        CallContext &caller, const Reply &reply, const QString &method, const QJsonObject &params);
    void read(
        CallContext &caller, const Reply &reply, const QString &method, const QJsonObject &params);

private:
    void committed(const QString &method, const QJsonObject &params, const OpResult &r);
    // The admin write named after the method, as it came.
    void plainWrite(CallContext &, const QJsonObject &, const Reply &, const QString &method);
    // A setting: read without its value, written with it.
    void setting(CallContext &, const QJsonObject &, const Reply &, const QString &method,
        const QString &valueParam);
    void passwordSet(CallContext &, const QJsonObject &, const Reply &);
};

} // namespace Atiende::Server
