#pragma once
// Many sessions of one kind (LoadSession, FanoutReceiver), spread over the client threads,
// opened all at once and counted as they become ready. Sessions are created, used and
// deleted on their own thread; the main thread only watches the counters.

#include "clientthreads.h"
#include "eventwait.h"

#include <QList>
#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace Atiende::Bench {

template <typename Session> class SessionPool
{
public:
    // Makes session number index on the calling (client) thread, not yet opened.
    using Factory = std::function<Session *(int index)>;

    explicit SessionPool(ClientThreads &threads)
        : m_threads(threads)
        , m_perThread(size_t(threads.count()))
    {
    }
    ~SessionPool() { clear(); }
    SessionPool(const SessionPool &) = delete;
    SessionPool &operator=(const SessionPool &) = delete;

    // Creates count sessions and opens them all at once; waits until every one is ready or
    // failed, or timeoutMs. False with *error unless all are ready.
    bool open(int count, const Factory &make, int timeoutMs, QString *error)
    {
        clear();
        resetCounters();
        m_count = count;
        for (int t = 0; t < m_threads.count(); ++t) {
            m_threads.post(t, [this, t, count, make] {
                for (int i = t; i < count; i += m_threads.count()) {
                    Session *s = make(i);
                    QObject::connect(s, &Session::ready, s, [this] { m_ready.fetch_add(1); });
                    QObject::connect(s, &Session::failed, s, [this](const QString &why) {
                        QMutexLocker lock(&m_mutex);
                        if (m_firstError.isEmpty())
                            m_firstError = why;
                        m_failed.fetch_add(1);
                    });
                    m_perThread[size_t(t)] << s;
                }
                for (Session *s : std::as_const(m_perThread[size_t(t)]))
                    s->open();
            });
        }
        return waitAllReady(timeoutMs, error);
    }

    bool waitAllReady(int timeoutMs, QString *error)
    {
        EventWait::until([this] { return m_ready.load() + m_failed.load() >= m_count; }, timeoutMs);
        if (m_ready.load() >= m_count)
            return true;
        QMutexLocker lock(&m_mutex);
        *error = QStringLiteral("%1 of %2 sessions ready, %3 failed%4")
                     .arg(m_ready.load())
                     .arg(m_count)
                     .arg(m_failed.load())
                     .arg(m_firstError.isEmpty()
                             ? QString()
                             : QStringLiteral(" (first failure: %1)").arg(m_firstError));
        return false;
    }

    // Deletes every session on its own thread.
    void clear()
    {
        for (int t = 0; t < m_threads.count(); ++t) {
            m_threads.run(t, [this, t] {
                for (Session *s : std::as_const(m_perThread[size_t(t)])) {
                    s->close();
                    delete s;
                }
                m_perThread[size_t(t)].clear();
            });
        }
        m_count = 0;
    }

    void resetCounters()
    {
        m_ready.store(0);
        m_failed.store(0);
        QMutexLocker lock(&m_mutex);
        m_firstError.clear();
    }

    int count() const { return m_count; }
    int readyCount() const { return m_ready.load(); }
    int failedCount() const { return m_failed.load(); }

    // fn runs on each client thread with that thread's sessions: post() returns at once,
    // run() waits for every thread in turn.
    void post(const std::function<void(int thread, const QList<Session *> &)> &fn)
    {
        for (int t = 0; t < m_threads.count(); ++t)
            m_threads.post(t, [this, t, fn] { fn(t, m_perThread[size_t(t)]); });
    }
    void run(const std::function<void(int thread, const QList<Session *> &)> &fn)
    {
        for (int t = 0; t < m_threads.count(); ++t)
            m_threads.run(t, [this, t, &fn] { fn(t, m_perThread[size_t(t)]); });
    }

private:
    ClientThreads &m_threads;
    std::vector<QList<Session *>> m_perThread; // each list touched only by its thread
    int m_count = 0;
    std::atomic<int> m_ready { 0 };
    std::atomic<int> m_failed { 0 };
    QMutex m_mutex;
    QString m_firstError;
};

} // namespace Atiende::Bench
