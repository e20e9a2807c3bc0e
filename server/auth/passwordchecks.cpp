#include "passwordchecks.h"

#include <QMutex>

namespace Atiende::Server {

// One check: what to run and where its answer goes.
struct PasswordChecks::Job
{
    QString address;
    std::function<bool()> check;
    std::function<void(bool)> done;
};

// What the pool's tasks share with the object: whether it stopped, and the object to answer
// through (read under the lock and cleared by stop() before the object can go, so a task
// never posts to an object that is going away).
struct PasswordChecks::State
{
    QMutex mutex;
    bool stopped = false;
    PasswordChecks *owner = nullptr;
};

PasswordChecks::PasswordChecks(int threads, int maxQueued, int perAddress, QObject *parent)
    : QObject(parent)
    , m_state(std::make_shared<State>())
    , m_threads(qMax(1, threads))
    , m_maxQueued(qMax(0, maxQueued))
    , m_perAddress(qMax(1, perAddress))
{
    m_state->owner = this;
    m_pool.setMaxThreadCount(m_threads);
    m_pool.setObjectName(QStringLiteral("atiende-password-checks"));
}

PasswordChecks::~PasswordChecks()
{
    stop();
}

bool PasswordChecks::isStopped() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->stopped;
}

void PasswordChecks::stop()
{
    {
        QMutexLocker lock(&m_state->mutex);
        if (m_state->stopped)
            return;
        m_state->stopped = true;
        m_state->owner = nullptr;
    }
    m_pool.clear(); // not started: never run
    m_pool.waitForDone(); // running: finished, their answers dropped (stopped)
    m_outstanding = 0;
    m_byAddress.clear();
}

PasswordChecks::Admission PasswordChecks::reserve(const QString &address)
{
    if (isStopped() || m_outstanding >= m_threads + m_maxQueued)
        return Admission::Full;
    auto it = m_byAddress.find(address);
    if (it != m_byAddress.end() && *it >= m_perAddress)
        return Admission::AddressFull;
    if (it == m_byAddress.end())
        it = m_byAddress.insert(address, 0);
    ++*it;
    ++m_outstanding;
    return Admission::Reserved;
}

void PasswordChecks::release(const QString &address)
{
    if (isStopped())
        return; // stop() gave every place back
    --m_outstanding;
    auto it = m_byAddress.find(address);
    if (it != m_byAddress.end() && --*it <= 0)
        m_byAddress.erase(it);
}

void PasswordChecks::run(
    const QString &address, std::function<bool()> check, std::function<void(bool)> done)
{
    if (isStopped())
        return;
    auto job = std::make_shared<Job>(Job { address, std::move(check), std::move(done) });
    m_pool.start([state = m_state, job] {
        const bool ok = job->check();
        QMutexLocker lock(&state->mutex);
        if (state->stopped || !state->owner)
            return;
        // Posted under the lock: stop() cannot pass between the look and the post. The answer
        // is looked at again when it arrives (stop() may come in between).
        PasswordChecks *owner = state->owner;
        QMetaObject::invokeMethod(
            owner, [owner, job, ok] { owner->finish(job, ok); }, Qt::QueuedConnection);
    });
}

void PasswordChecks::finish(const std::shared_ptr<Job> &job, bool ok)
{
    if (isStopped())
        return;
    release(job->address);
    job->done(ok);
}

} // namespace Atiende::Server
