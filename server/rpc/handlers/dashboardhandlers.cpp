#include "dashboardhandlers.h"

#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/kpireport.h"
#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/store/store.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QJsonArray>

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

DashboardHandlers::DashboardHandlers(
    RpcServices &services, Operations &operations, Sessions &sessions, QObject *parent)
    : QObject(parent)
    , HandlerUnit(services, operations, sessions)
{
    connect(&sessions, &Sessions::signingOut, this, &DashboardHandlers::unsubscribe);
    connect(&sessions, &Sessions::membershipChanged, this, &DashboardHandlers::followScopes);
}

void DashboardHandlers::registerWith(Dispatcher &d)
{
    // Agents are refused in scope(), after the params are read.
    d.add(QStringLiteral("dashboard.subscribe"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &DashboardHandlers::subscribe));
    d.add(QStringLiteral("dashboard.unsubscribe"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &DashboardHandlers::unsubscribeCall));
    d.add(QStringLiteral("reports.get"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &DashboardHandlers::report));
}

void DashboardHandlers::unsubscribe(const CallContext &c)
{
    if (m_s.dashboard)
        m_s.dashboard->unsubscribe(c.id);
}

std::optional<QList<qint64>> DashboardHandlers::scope(
    CallContext &c, const Reply &reply, const QJsonObject &params, bool *ownGroups)
{
    const Caller &caller = c.caller;
    if (caller.role == Role::Agent) {
        reply.error(JsonRpc::makeError(ErrorCode::Forbidden,
            QStringLiteral("Only team leads and admins see the dashboard and reports.")));
        return std::nullopt;
    }
    Params p(params);
    QList<qint64> groups = p.idList(QStringLiteral("groupIds"));
    if (!p.ok()) {
        reply.error(p.error());
        return std::nullopt;
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    *ownGroups = false;
    if (caller.isAdmin()) {
        for (qint64 g : std::as_const(groups)) {
            if (!m_s.kpi->hasGroup(g)) {
                reply.error(JsonRpc::makeError(ErrorCode::ValidationFailed,
                    QStringLiteral("There is no group with id %1.").arg(g),
                    { { QStringLiteral("field"), QStringLiteral("groupIds") } }));
                return std::nullopt;
            }
        }
        return groups; // none: the whole desk
    }
    QList<qint64> led = caller.groupIds;
    std::sort(led.begin(), led.end());
    if (groups.isEmpty()) {
        if (led.isEmpty()) {
            reply.error(JsonRpc::makeError(ErrorCode::Forbidden,
                QStringLiteral("You lead no group yet, so there is nothing to show; an admin adds "
                               "you to your groups.")));
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
        reply.error(JsonRpc::makeError(ErrorCode::Forbidden,
            QStringLiteral(
                "A lead sees the dashboard of the groups they lead (%1); %2 %3 not one of them.")
                .arg(led.isEmpty() ? QStringLiteral("none") : idsText(led),
                    others.size() == 1 ? QStringLiteral("group %1").arg(others.first())
                                       : QStringLiteral("groups %1").arg(idsText(others)),
                    others.size() == 1 ? QStringLiteral("is") : QStringLiteral("are")),
            { { QStringLiteral("groupIds"), idListToJson(others) } }));
        return std::nullopt;
    }
    return groups;
}

void DashboardHandlers::subscribe(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString periodText = p.string(QStringLiteral("period"), false, 16);
    if (!p.ok())
        return reply.error(p.error());
    const auto period = periodText.isEmpty() ? std::optional<KpiPeriod>(KpiPeriod::Today)
                                             : kpiPeriodFromString(periodText);
    if (!period) {
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
            QStringLiteral("\"period\" must be today, 7d or 30d."),
            { { QStringLiteral("param"), QStringLiteral("period") } }));
    }
    bool ownGroups = false;
    const auto groups = scope(c, reply, params, &ownGroups);
    if (!groups)
        return;
    c.dashboardOwnGroups = ownGroups;
    reply.result(m_s.dashboard->subscribe(c.id, *groups, *period));
}

void DashboardHandlers::unsubscribeCall(CallContext &c, const QJsonObject &, const Reply &reply)
{
    m_s.dashboard->unsubscribe(c.id);
    reply.result(QJsonObject {});
}

void DashboardHandlers::report(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString fromText = p.string(QStringLiteral("from"), true, 10);
    const QString toText = p.string(QStringLiteral("to"), true, 10);
    if (!p.ok())
        return reply.error(p.error());
    const QDate from = QDate::fromString(fromText, Qt::ISODate);
    const QDate to = QDate::fromString(toText, Qt::ISODate);
    for (const auto &[day, name] :
        { std::pair { from, QStringLiteral("from") }, std::pair { to, QStringLiteral("to") } }) {
        if (!day.isValid())
            return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
                QStringLiteral("\"%1\" must be a day, yyyy-MM-dd.").arg(name),
                { { QStringLiteral("param"), name } }));
    }
    bool ownGroups = false;
    const auto groups = scope(c, reply, params, &ownGroups);
    if (!groups)
        return;
    // Refused here, before a reader thread is taken: a decade is not read at all.
    if (const QString why = KpiReport::validate(from, to); !why.isEmpty())
        return reply.error(JsonRpc::makeError(ErrorCode::ValidationFailed, why,
            { { QStringLiteral("field"), QStringLiteral("to") } }));
    ReportRequest request;
    request.from = from;
    request.to = to;
    request.groupIds = *groups;
    request.zone = m_s.kpi->zone();
    m_ops.read(
        c, reply, [request](Store &s) { return KpiReport::compute(s, request, Timestamp::now()); });
}

void DashboardHandlers::followScopes()
{
    if (!m_s.dashboard)
        return;
    for (DashboardFeed::Subscriber who : m_s.dashboard->subscribers()) {
        CallContext *c = m_sessions.caller(who);
        if (!c || !c->authenticated) {
            m_s.dashboard->unsubscribe(who);
            continue;
        }
        if (c->caller.isAdmin())
            continue;
        QList<qint64> led = c->caller.groupIds;
        std::sort(led.begin(), led.end());
        QList<qint64> scope;
        if (c->dashboardOwnGroups) {
            scope = led;
        } else {
            for (qint64 g : m_s.dashboard->scope(who)) {
                if (led.contains(g))
                    scope << g;
            }
        }
        if (scope.isEmpty()) {
            // Nothing left they may see: the subscription ends, and the console is told why.
            m_s.dashboard->unsubscribe(who);
            c->push(QString::fromUtf8(JsonRpc::notification(QStringLiteral("dashboard.ended"),
                { { QStringLiteral("message"),
                    QStringLiteral(
                        "You no longer lead any of the groups of this dashboard.") } })));
            continue;
        }
        m_s.dashboard->setScope(who, scope);
    }
}

} // namespace Atiende::Server
