#include "dashboard.h"

#include "cache/localcache.h"
#include "connection/connection.h"
#include "rpc/rpcconnection.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QJsonDocument>
#include <QPointer>

#include <algorithm>

namespace Atiende::Client {

namespace {
QList<qint64> normalized(QList<qint64> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}
} // namespace

Dashboard::Dashboard(LocalCache *cache, Connection *connection, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_connection(connection)
{
    connect(m_connection, &Connection::sessionStarted, this, &Dashboard::onSession);
    connect(m_connection, &Connection::stateChanged, this, [this](Connection::State s) {
        if (s != Connection::State::Online)
            setLive(false);
    });
    connect(m_connection, &Connection::notificationReceived, this, &Dashboard::onNotification);
}

QString Dashboard::cacheKey(const QList<qint64> &groupIds, const QString &period)
{
    QStringList ids;
    for (qint64 id : normalized(groupIds))
        ids << QString::number(id);
    return QStringLiteral("dashboard/%1/%2")
        .arg(period, ids.isEmpty() ? QStringLiteral("mine") : ids.join(QLatin1Char(',')));
}

void Dashboard::subscribe(const QList<qint64> &groupIds, const QString &period)
{
    m_subscribed = true;
    m_groupIds = normalized(groupIds);
    m_period = period;
    ++m_serial;
    setLive(false);
    // What the tab last saw of this scope, so it has something to show at once.
    const QJsonObject cached
        = QJsonDocument::fromJson(m_cache->meta(cacheKey(m_groupIds, m_period)).toUtf8()).object();
    m_figures
        = Core::DashboardFigures::fromJson(cached.value(QStringLiteral("figures")).toObject());
    m_receivedAt = qint64(cached.value(QStringLiteral("receivedAt")).toDouble());
    Q_EMIT figuresChanged();
    if (m_connection->isOnline())
        send();
}

void Dashboard::unsubscribe()
{
    if (!m_subscribed)
        return;
    m_subscribed = false;
    ++m_serial;
    setLive(false);
    if (m_connection->isOnline())
        m_connection->rpc().call(QStringLiteral("dashboard.unsubscribe"), {});
}

void Dashboard::onSession()
{
    // A new session knows nothing of the old one's subscription: ask again.
    if (m_subscribed)
        send();
}

void Dashboard::send()
{
    QJsonObject params { { QStringLiteral("period"), m_period } };
    if (!m_groupIds.isEmpty())
        params.insert(QStringLiteral("groupIds"), Core::idListToJson(m_groupIds));
    const quint64 serial = m_serial;
    QPointer<Dashboard> self(this);
    m_connection->rpc().call(
        QStringLiteral("dashboard.subscribe"), params, [self, serial](const RpcReply &r) {
            if (!self || serial != self->m_serial || !self->m_subscribed)
                return; // the tab has asked for something else since
            if (r.ok) {
                self->setLive(true);
                self->accept(r.object());
                return;
            }
            // Lost with the connection: the next session asks again. Anything else is the
            // server's answer to this request, and asking again would get the same.
            if (r.error.code == Core::Protocol::ErrorCode::InternalError
                && !self->m_connection->isOnline())
                return;
            self->m_subscribed = false;
            Q_EMIT self->refused(int(r.error.code), r.error.message);
        });
}

bool Dashboard::matches(const Core::DashboardFigures &figures) const
{
    if (figures.period != m_period)
        return false;
    if (m_groupIds.isEmpty())
        return true; // "mine": the server says which groups they are
    return normalized(figures.groupIds) == m_groupIds;
}

void Dashboard::accept(const QJsonObject &json)
{
    Core::DashboardFigures figures = Core::DashboardFigures::fromJson(json);
    if (!matches(figures))
        return;
    m_figures = std::move(figures);
    m_receivedAt = Core::Timestamp::now();
    m_cache->setMeta(cacheKey(m_groupIds, m_period),
        QString::fromUtf8(
            QJsonDocument(QJsonObject { { QStringLiteral("receivedAt"), double(m_receivedAt) },
                              { QStringLiteral("figures"), m_figures.toJson() } })
                .toJson(QJsonDocument::Compact)));
    Q_EMIT figuresChanged();
}

void Dashboard::onNotification(const QString &method, const QJsonObject &params)
{
    if (!m_subscribed)
        return;
    if (method == QLatin1String("dashboard.changed")) {
        accept(params);
    } else if (method == QLatin1String("dashboard.ended")) {
        m_subscribed = false;
        setLive(false);
        Q_EMIT ended(params.value(QStringLiteral("message")).toString());
    }
}

void Dashboard::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    Q_EMIT liveChanged(live);
}

void Dashboard::requestReport(QDate from, QDate to, const QList<qint64> &groupIds,
    std::function<void(const ReportReply &)> done)
{
    QJsonObject params { { QStringLiteral("from"), from.toString(Qt::ISODate) },
        { QStringLiteral("to"), to.toString(Qt::ISODate) } };
    if (!groupIds.isEmpty())
        params.insert(QStringLiteral("groupIds"), Core::idListToJson(normalized(groupIds)));
    if (!m_connection->isOnline()) {
        ReportReply offline;
        offline.error = Core::Protocol::JsonRpc::makeError(Core::Protocol::ErrorCode::InternalError,
            tr("A report needs a connection to the server."));
        QMetaObject::invokeMethod(
            this, [done = std::move(done), offline] { done(offline); }, Qt::QueuedConnection);
        return;
    }
    m_connection->rpc().call(
        QStringLiteral("reports.get"), params, [done = std::move(done)](const RpcReply &r) {
            ReportReply reply;
            reply.ok = r.ok;
            reply.error = r.error;
            if (r.ok)
                reply.report = Core::KpiReportFigures::fromJson(r.object());
            done(reply);
        });
}

} // namespace Atiende::Client
