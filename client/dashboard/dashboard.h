#pragma once
// The console's side of the live dashboard (docs/protocol.md: dashboard.subscribe,
// dashboard.changed, reports.get): what the dashboard tab asks for and shows.
//
// subscribe() says which groups and period the tab shows; the Dashboard subscribes at once
// when the connection is up and again after every reconnect, until unsubscribe(). Every set
// of figures the server sends (the answer, then each dashboard.changed) is kept in the local
// cache with the moment it arrived, per scope and period, so the tab opens and works offline
// with the last figures it had and can say how old they are (receivedAt(), and the server's
// own `asOf` inside the figures). The figures are typed (Core::DashboardFigures, read from
// the server's JSON as documented); ids only (names come from Workspace's directory).

#include "core/kpi/kpifigures.h"
#include "core/protocol/jsonrpc.h"

#include <QDate>
#include <QList>
#include <QObject>

#include <functional>

namespace Atiende::Client {

class Connection;
class LocalCache;

class Dashboard : public QObject
{
    Q_OBJECT
public:
    // Both must outlive the Dashboard.
    Dashboard(LocalCache *cache, Connection *connection, QObject *parent = nullptr);

    // The tab shows these groups (empty: a lead's own groups, the whole desk for an admin)
    // for this period ("today", "7d" or "30d"). The cached figures for them, if any, are
    // there at once (figuresChanged); the server's follow when it answers.
    void subscribe(const QList<qint64> &groupIds, const QString &period);
    void unsubscribe();
    bool isSubscribed() const { return m_subscribed; }
    QList<qint64> groupIds() const { return m_groupIds; }
    QString period() const { return m_period; }
    // The server is sending figures for the current subscription now.
    bool isLive() const { return m_live; }

    // The last figures for the current subscription (the protocol's dashboard figures), from
    // the server or the cache; empty when there never were any.
    const Core::DashboardFigures &figures() const { return m_figures; }
    // When those figures arrived, in ms since the epoch by this computer's clock; 0: none.
    qint64 receivedAt() const { return m_receivedAt; }

    // What reports.get answered: the report, or the server's error (such as a range of more
    // than 1,096 days, or an internal_error when offline).
    struct ReportReply
    {
        bool ok = false;
        Core::KpiReportFigures report; // when ok
        Core::Protocol::RpcError error; // when not
    };
    // reports.get: the figures of the days [from, to) per day and in total; done gets the
    // reply, never before this returns. Not cached: a report is made while connected.
    void requestReport(QDate from, QDate to, const QList<qint64> &groupIds,
        std::function<void(const ReportReply &)> done);

    // The cache's key for a scope and period (one entry each, overwritten).
    static QString cacheKey(const QList<qint64> &groupIds, const QString &period);

Q_SIGNALS:
    void figuresChanged();
    void liveChanged(bool live);
    // The server refused the subscription (forbidden: an agent, or a group the lead does not
    // lead; invalid_params...). The subscription is dropped; the message is for people.
    void refused(int code, const QString &message);
    // The server ended it (dashboard.ended: the lead no longer leads those groups).
    void ended(const QString &message);

private:
    void send();
    void onSession();
    void onNotification(const QString &method, const QJsonObject &params);
    void accept(const QJsonObject &json);
    void setLive(bool live);
    bool matches(const Core::DashboardFigures &figures) const;

    LocalCache *m_cache;
    Connection *m_connection;
    bool m_subscribed = false;
    bool m_live = false;
    QList<qint64> m_groupIds;
    QString m_period = QStringLiteral("today");
    quint64 m_serial = 0; // answers to older subscribe calls are ignored
    Core::DashboardFigures m_figures;
    qint64 m_receivedAt = 0;
};

} // namespace Atiende::Client
