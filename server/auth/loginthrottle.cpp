#include "loginthrottle.h"

namespace Atiende::Server {

qint64 LoginThrottle::retryAfterFor(const QHash<QString, Entry> &map, const QString &key, qint64 now) const
{
    const auto it = map.constFind(key);
    if (it == map.constEnd() || it->lockedUntil <= now)
        return 0;
    return it->lockedUntil - now;
}

qint64 LoginThrottle::retryAfter(const QString &user, const QString &peer, qint64 now) const
{
    return qMax(retryAfterFor(m_users, user.toLower(), now), retryAfterFor(m_peers, peer, now));
}

void LoginThrottle::fail(QHash<QString, Entry> &map, const QString &key, qint64 now, int freeFailures)
{
    Entry &e = map[key];
    if (e.failures > 0 && now - e.lastFailure > kForgetAfterMs)
        e = Entry();
    e.failures += 1;
    e.lastFailure = now;
    if (e.failures >= freeFailures) {
        const int doublings = qMin(e.failures - freeFailures, 20);
        e.lockedUntil = now + qMin(kMaxLockMs, kBaseLockMs << doublings);
    }
}

void LoginThrottle::recordFailure(const QString &user, const QString &peer, qint64 now)
{
    prune(now);
    fail(m_users, user.toLower(), now, kFreeFailures);
    // A peer gets more rope than a user name: several agents may share one NAT address.
    fail(m_peers, peer, now, kFreePeerFailures);
}

void LoginThrottle::recordSuccess(const QString &user, const QString &peer)
{
    m_users.remove(user.toLower());
    Q_UNUSED(peer) // the address keeps its record: one good password must not launder a guesser
}

void LoginThrottle::prune(qint64 now)
{
    if (m_users.size() + m_peers.size() < 10000)
        return;
    for (auto *map : {&m_users, &m_peers}) {
        for (auto it = map->begin(); it != map->end();) {
            if (now - it->lastFailure > kForgetAfterMs && it->lockedUntil <= now)
                it = map->erase(it);
            else
                ++it;
        }
    }
}

} // namespace Atiende::Server
