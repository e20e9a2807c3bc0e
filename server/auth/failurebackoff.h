#pragma once
// Slows down guessing on one key (a user name, an address, a device token...). Each key gets a
// number of free failures; after them every failure makes the key wait, the wait doubling from
// baseMs up to maxMs. A key forgets its failures after forgetMs without one.
//
// An attempt counts from the moment it starts (begin), not when its check ends: attempts sent
// in parallel cannot all slip through while the first ones are still being checked. Beyond the
// free ones, a key allows one attempt at a time, and only once the last failure's wait is over.
// Time is passed in, so tests need no sleeping. Memory is bounded: at most maxKeys keys are
// kept; the quiet ones go first.

#include <QHash>
#include <QString>

namespace Atiende::Server {

class FailureBackoff
{
public:
    struct Policy
    {
        int freeFailures = 3;
        qint64 baseMs = 1000;
        qint64 maxMs = 15 * 60 * 1000;
        qint64 forgetMs = 30 * 60 * 1000;
    };
    explicit FailureBackoff(Policy policy, int maxKeys = 100000);

    // 0 when an attempt on key may start now, else how many ms until it may.
    qint64 wait(const QString &key, qint64 now) const;
    // An attempt on key starts: counted as a failure until it ends.
    void begin(const QString &key, qint64 now);
    // It ended: a failure (the key may have to wait now), a success (the key starts afresh),
    // or it was never checked (not counted at all).
    void failed(const QString &key, qint64 now);
    void succeeded(const QString &key);
    void abandoned(const QString &key);

    int failures(const QString &key) const { return m_entries.value(key).failures; }
    int size() const { return int(m_entries.size()); }
    const Policy &policy() const { return m_policy; }

private:
    struct Entry
    {
        int failures = 0;
        int pending = 0;
        qint64 blockedUntil = 0;
        qint64 last = 0;
    };
    bool forgotten(const Entry &e, qint64 now) const;
    void makeRoom(qint64 now);

    Policy m_policy;
    int m_maxKeys;
    QHash<QString, Entry> m_entries;
};

} // namespace Atiende::Server
