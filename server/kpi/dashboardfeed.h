#pragma once
// Who watches the dashboard and what they see: each subscriber (a console's connection) has
// a scope (groups; empty: the whole desk) and a period. When the KPI engine says that
// something changed for some groups, the subscribers whose scope includes one of them get
// the new figures as a dashboard.changed notification, coalesced: at most one every
// kMinIntervalMs per subscriber. The first change after a quiet spell goes out on the next
// turn of the event loop (every change of that turn in one push); later ones wait for the
// end of the interval and go out together. Subscribers with the same scope and period share
// one computation and one serialized frame. Nothing is sent to a subscriber whose scope saw
// no change.
//
// Permissions are the caller's business (RpcServer checks roles and groups before it
// subscribes anyone, and narrows scopes when membership changes).

#include "kpiengine.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Atiende::Server {

class Clock;

class DashboardFeed : public QObject
{
    Q_OBJECT
public:
    // At most five pushes a second: a change waits at most this long for the end of an
    // interval, which keeps a change-to-push time under 250 ms with the work around it.
    static constexpr qint64 kMinIntervalMs = 200;
    using Subscriber = quintptr;
    using Send = std::function<void(Subscriber who, const QByteArray &frame)>;

    // The engine and the clock must outlive the feed.
    DashboardFeed(KpiEngine *engine, const Clock *clock, Send send, QObject *parent = nullptr);

    // Starts, or replaces, who's subscription and returns the figures as of now.
    QJsonObject subscribe(Subscriber who, const QList<qint64> &scope, KpiPeriod period);
    bool unsubscribe(Subscriber who);
    bool isSubscribed(Subscriber who) const { return m_subs.contains(who); }
    QList<qint64> scope(Subscriber who) const { return m_subs.value(who).scope; }
    // A new scope for an existing subscription (a lead who left or joined a group); the
    // figures for it go out like a change.
    void setScope(Subscriber who, const QList<qint64> &scope);
    QList<Subscriber> subscribers() const { return m_subs.keys(); }
    int size() const { return int(m_subs.size()); }
    quint64 pushes() const { return m_pushes; }

    // Sends what is due now and arms the timer for the rest; the timer calls it, tests call
    // it after moving a ManualClock.
    void poll();

private:
    struct Sub
    {
        QList<qint64> scope;
        KpiPeriod period = KpiPeriod::Today;
        bool dirty = false;
        qint64 lastSentAt = 0;
    };
    void onChanged(const QSet<qint64> &groups, bool all);

    KpiEngine *m_engine;
    const Clock *m_clock;
    Send m_send;
    QHash<Subscriber, Sub> m_subs;
    QTimer m_timer;
    quint64 m_pushes = 0;
};

} // namespace Atiende::Server
