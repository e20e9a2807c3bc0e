#include "dashboardfeed.h"

#include "server/sla/slaclock.h"

#include "core/protocol/jsonrpc.h"

#include <limits>

namespace Atiende::Server {

DashboardFeed::DashboardFeed(KpiEngine *engine, const Clock *clock, Send send, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_clock(clock)
    , m_send(std::move(send))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DashboardFeed::poll);
    connect(m_engine, &KpiEngine::changed, this, &DashboardFeed::onChanged);
}

QJsonObject DashboardFeed::subscribe(Subscriber who, const QList<qint64> &scope, KpiPeriod period)
{
    Sub &s = m_subs[who];
    s.scope = scope;
    s.period = period;
    s.dirty = false;
    s.lastSentAt = m_clock->now(); // the answer counts as the first push
    return m_engine->figures(scope, period);
}

bool DashboardFeed::unsubscribe(Subscriber who)
{
    return m_subs.remove(who) > 0;
}

void DashboardFeed::setScope(Subscriber who, const QList<qint64> &scope)
{
    const auto it = m_subs.find(who);
    if (it == m_subs.end() || it->scope == scope)
        return;
    it->scope = scope;
    it->dirty = true;
    m_timer.start(0);
}

void DashboardFeed::onChanged(const QSet<qint64> &groups, bool all)
{
    bool any = false;
    for (Sub &s : m_subs) {
        if (s.dirty)
            continue;
        bool hit = all || s.scope.isEmpty();
        for (qint64 g : s.scope)
            hit = hit || groups.contains(g);
        if (hit) {
            s.dirty = true;
            any = true;
        }
    }
    // Not now: every change of this turn of the event loop goes out in one push.
    if (any && (!m_timer.isActive() || m_timer.remainingTime() > 0))
        m_timer.start(0);
}

void DashboardFeed::poll()
{
    const qint64 now = m_clock->now();
    qint64 next = std::numeric_limits<qint64>::max();
    QHash<QString, QByteArray> frames; // scope and period -> the notification
    for (auto it = m_subs.begin(); it != m_subs.end(); ++it) {
        Sub &s = it.value();
        if (!s.dirty)
            continue;
        const qint64 due = s.lastSentAt + kMinIntervalMs;
        if (now < due && now >= s.lastSentAt) { // (a clock stepped back does not hold pushes up)
            next = qMin(next, due);
            continue;
        }
        QString key = wireName(s.period);
        for (qint64 g : std::as_const(s.scope))
            key += QLatin1Char(',') + QString::number(g);
        auto frame = frames.find(key);
        if (frame == frames.end())
            frame = frames.insert(key,
                Core::Protocol::JsonRpc::notification(
                    QStringLiteral("dashboard.changed"), m_engine->figures(s.scope, s.period)));
        s.dirty = false;
        s.lastSentAt = now;
        ++m_pushes;
        m_send(it.key(), *frame);
    }
    if (next != std::numeric_limits<qint64>::max())
        m_timer.start(int(qBound<qint64>(1, next - now, kMinIntervalMs)));
}

} // namespace Atiende::Server
