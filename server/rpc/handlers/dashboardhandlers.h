#pragma once
// The dashboard and reports: dashboard.subscribe, dashboard.unsubscribe, reports.get
// (docs/protocol.md). Only leads and admins; a lead only for the groups they lead (the groups
// they are a member of), an admin for any group or the whole desk. The figures come from the
// KPI engine on this thread; a report is read from the store on a reader thread. A lead's
// dashboard follows what they lead when group membership changes.

#include "handlerunit.h"

#include <QObject>

#include <optional>

namespace Atiende::Server {

class DashboardHandlers : public QObject, public HandlerUnit
{
    Q_OBJECT
public:
    DashboardHandlers(RpcServices &services, Operations &operations, Sessions &sessions,
        QObject *parent = nullptr);
    void registerWith(Dispatcher &dispatcher) override;

    // The caller's subscription ends (signed out, gone).
    void unsubscribe(const Atiende::Server::CallContext &caller);

private:
    void subscribe(CallContext &, const QJsonObject &, const Reply &);
    void unsubscribeCall(CallContext &, const QJsonObject &, const Reply &);
    void report(CallContext &, const QJsonObject &, const Reply &);
    // The groups a dashboard or report may cover for the caller, or an error given (agents:
    // forbidden; leads: only the groups they lead).
    std::optional<QList<qint64>> scope(
        CallContext &caller, const Reply &reply, const QJsonObject &params, bool *ownGroups);
    // After group membership changed: leads' dashboards follow what they now lead.
    void followScopes();
};

} // namespace Atiende::Server
