#pragma once
// Slows down password guessing. Failures are counted per user name and per peer address;
// after kFreeFailures in a row, each further attempt on that key must wait (1 s after the
// 4th failure), the wait doubling with every further failure up to kMaxLockMs. A success clears the user's count. Time is passed in, so tests need no
// sleeping.

#include <QHash>
#include <QString>

namespace Atiende::Server {

class LoginThrottle
{
public:
    static constexpr int kFreeFailures = 4;
    static constexpr int kFreePeerFailures = 20;
    static constexpr qint64 kBaseLockMs = 1000;
    static constexpr qint64 kMaxLockMs = 5 * 60 * 1000;
    static constexpr qint64 kForgetAfterMs = 15 * 60 * 1000;

    // 0 when an attempt may go ahead now, else how many ms until it may.
    qint64 retryAfter(const QString &user, const QString &peer, qint64 now) const;
    void recordFailure(const QString &user, const QString &peer, qint64 now);
    void recordSuccess(const QString &user, const QString &peer);

private:
    struct Entry { int failures = 0; qint64 lockedUntil = 0; qint64 lastFailure = 0; };
    qint64 retryAfterFor(const QHash<QString, Entry> &map, const QString &key, qint64 now) const;
    void fail(QHash<QString, Entry> &map, const QString &key, qint64 now, int freeFailures);
    void prune(qint64 now);
    QHash<QString, Entry> m_users;
    QHash<QString, Entry> m_peers;
};

} // namespace Atiende::Server
