// The dashboard and reports: dashboard.subscribe, dashboard.unsubscribe, reports.get
// (docs/protocol.md). Only leads and admins; a lead only for the groups they lead (the groups
// they are a member of), an admin for any group or the whole desk. The figures come from the
// KPI engine on this thread; a report is read from the store on a reader thread.

#include "params.h"
#include "rpcserver.h"

#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/kpireport.h"
#include "server/store/store.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QWebSocket>

#include <algorithm>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
QString idsText(const QList<qint64> &ids)
{
    QStringList out;
    for (qint64 id : ids)
        out << QString::number(id);
    return out.join(QStringLiteral(", "));
}
} // namespace

std::optional<QList<qint64>> RpcServer::dashboardScope(Peer *peer, const QJsonValue &id, const QJsonObject &params, bool *ownGroups)
{
    const Caller &caller = peer->caller;
    if (caller.role == Role::Agent) {
        replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only team leads and admins see the dashboard and reports.")));
        return std::nullopt;
    }
    Params p(params);
    QList<qint64> groups = p.idList(QStringLiteral("groupIds"));
    if (!p.ok()) {
        replyError(peer->socket, id, p.error());
        return std::nullopt;
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    *ownGroups = false;
    if (caller.isAdmin()) {
        for (qint64 g : std::as_const(groups)) {
            if (!m_kpi->hasGroup(g)) {
                replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::ValidationFailed, QStringLiteral("There is no group with id %1.").arg(g),
                                                                {{QStringLiteral("field"), QStringLiteral("groupIds")}}));
                return std::nullopt;
            }
        }
        return groups; // none: the whole desk
    }
    QList<qint64> led = caller.groupIds;
    std::sort(led.begin(), led.end());
    if (groups.isEmpty()) {
        if (led.isEmpty()) {
            replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("You lead no group yet, so there is nothing to show; an admin adds you to your groups.")));
            return std::nullopt;
        }
        *ownGroups = true;
        return led;
    }
    QList<qint64> others;
    for (qint64 g : std::as_const(groups)) {
        if (!led.contains(g))
            others << g;
    }
    if (!others.isEmpty()) {
        replyError(peer->socket, id,
                   JsonRpc::makeError(ErrorCode::Forbidden,
                                      QStringLiteral("A lead sees the dashboard of the groups they lead (%1); %2 %3 not one of them.")
                                          .arg(led.isEmpty() ? QStringLiteral("none") : idsText(led),
                                               others.size() == 1 ? QStringLiteral("group %1").arg(others.first()) : QStringLiteral("groups %1").arg(idsText(others)),
                                               others.size() == 1 ? QStringLiteral("is") : QStringLiteral("are")),
                                      {{QStringLiteral("groupIds"), idListToJson(others)}}));
        return std::nullopt;
    }
    return groups;
}

void RpcServer::dashboardSubscribe(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString periodText = p.string(QStringLiteral("period"), false, 16);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const auto period = periodText.isEmpty() ? std::optional<KpiPeriod>(KpiPeriod::Today) : kpiPeriodFromString(periodText);
    if (!period) {
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"period\" must be today, 7d or 30d."),
                                                               {{QStringLiteral("param"), QStringLiteral("period")}}));
    }
    bool ownGroups = false;
    const auto scope = dashboardScope(peer, id, params, &ownGroups);
    if (!scope)
        return;
    peer->dashboardOwnGroups = ownGroups;
    replyResult(peer->socket, id, m_dashboard->subscribe(peer->id, *scope, *period));
}

void RpcServer::dashboardUnsubscribe(Peer *peer, const QJsonValue &id, const QJsonObject &)
{
    m_dashboard->unsubscribe(peer->id);
    replyResult(peer->socket, id, QJsonObject{});
}

void RpcServer::reportsGet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    Params p(params);
    const QString fromText = p.string(QStringLiteral("from"), true, 10);
    const QString toText = p.string(QStringLiteral("to"), true, 10);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    const QDate from = QDate::fromString(fromText, Qt::ISODate);
    const QDate to = QDate::fromString(toText, Qt::ISODate);
    for (const auto &[day, name] : {std::pair{from, QStringLiteral("from")}, std::pair{to, QStringLiteral("to")}}) {
        if (!day.isValid())
            return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::InvalidParams, QStringLiteral("\"%1\" must be a day, yyyy-MM-dd.").arg(name),
                                                                   {{QStringLiteral("param"), name}}));
    }
    bool ownGroups = false;
    const auto scope = dashboardScope(peer, id, params, &ownGroups);
    if (!scope)
        return;
    // Refused here, before a reader thread is taken: a decade is not read at all.
    if (const QString why = KpiReport::validate(from, to); !why.isEmpty())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::ValidationFailed, why, {{QStringLiteral("field"), QStringLiteral("to")}}));
    ReportRequest request;
    request.from = from;
    request.to = to;
    request.groupIds = *scope;
    request.zone = m_kpi->zone();
    read(peer, id, [request](Store &s) { return KpiReport::compute(s, request, Timestamp::now()); });
}

void RpcServer::followDashboardScopes()
{
    if (!m_dashboard)
        return;
    for (DashboardFeed::Subscriber who : m_dashboard->subscribers()) {
        Peer *peer = m_peersById.value(who);
        if (!peer || !peer->authenticated) {
            m_dashboard->unsubscribe(who);
            continue;
        }
        if (peer->caller.isAdmin())
            continue;
        QList<qint64> led = peer->caller.groupIds;
        std::sort(led.begin(), led.end());
        QList<qint64> scope;
        if (peer->dashboardOwnGroups) {
            scope = led;
        } else {
            for (qint64 g : m_dashboard->scope(who)) {
                if (led.contains(g))
                    scope << g;
            }
        }
        if (scope.isEmpty()) {
            // Nothing left they may see: the subscription ends, and the console is told why.
            m_dashboard->unsubscribe(who);
            send(peer->socket, JsonRpc::notification(QStringLiteral("dashboard.ended"),
                                                     {{QStringLiteral("message"), QStringLiteral("You no longer lead any of the groups of this dashboard.")}}));
            continue;
        }
        m_dashboard->setScope(who, scope);
    }
}

} // namespace Atiende::Server
