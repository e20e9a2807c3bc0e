#include "failurebackoff.h"

#include <algorithm>
#include <vector>

namespace Atiende::Server {

FailureBackoff::FailureBackoff(Policy policy, int maxKeys)
    : m_policy(policy)
    , m_maxKeys(qMax(16, maxKeys))
{
}

bool FailureBackoff::forgotten(const Entry &e, qint64 now) const
{
    return e.pending == 0 && now - e.last > m_policy.forgetMs && e.blockedUntil <= now;
}

qint64 FailureBackoff::wait(const QString &key, qint64 now) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend() || forgotten(*it, now))
        return 0;
    if (it->failures + it->pending < m_policy.freeFailures)
        return 0;
    if (it->pending > 0)
        return m_policy.baseMs; // one at a time beyond the free ones: the one under way decides
    return qMax<qint64>(0, it->blockedUntil - now);
}

void FailureBackoff::begin(const QString &key, qint64 now)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxKeys)
            makeRoom(now);
        it = m_entries.insert(key, Entry());
    } else if (forgotten(*it, now)) {
        *it = Entry();
    }
    it->pending += 1;
    it->last = now;
}

void FailureBackoff::failed(const QString &key, qint64 now)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        it = m_entries.insert(key, Entry());
    it->pending = qMax(0, it->pending - 1);
    it->failures += 1;
    it->last = now;
    if (it->failures >= m_policy.freeFailures) {
        const int doublings = qMin(it->failures - m_policy.freeFailures, 30);
        const qint64 delay
            = doublings >= 30 ? m_policy.maxMs : qMin(m_policy.maxMs, m_policy.baseMs << doublings);
        it->blockedUntil = now + delay;
    }
}

void FailureBackoff::succeeded(const QString &key)
{
    m_entries.remove(key);
}

void FailureBackoff::abandoned(const QString &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    it->pending = qMax(0, it->pending - 1);
    if (it->pending == 0 && it->failures == 0)
        m_entries.erase(it);
}

void FailureBackoff::makeRoom(qint64 now)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (forgotten(*it, now))
            it = m_entries.erase(it);
        else
            ++it;
    }
    if (m_entries.size() < m_maxKeys)
        return;
    // Still full (a flood of keys): the quarter that has been quiet longest and waits least goes.
    std::vector<std::pair<qint64, QString>> quiet;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->pending == 0)
            quiet.emplace_back(qMax(it->last, it->blockedUntil), it.key());
    }
    std::sort(quiet.begin(), quiet.end());
    const size_t drop = qMax<size_t>(1, size_t(m_maxKeys) / 4);
    for (size_t i = 0; i < quiet.size() && i < drop; ++i)
        m_entries.remove(quiet[i].second);
}

} // namespace Atiende::Server
