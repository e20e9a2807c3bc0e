#include "passwordchecks.h"


namespace Atiende::Server {

PasswordChecks::PasswordChecks(int threads, int maxQueued, int perAddress, QObject *parent)
    : QObject(parent)
    , m_threads(qMax(1, threads))
    , m_maxQueued(qMax(0, maxQueued))
    , m_perAddress(qMax(1, perAddress))
{
    m_pool.setMaxThreadCount(m_threads);
    m_pool.setObjectName(QStringLiteral("atiende-password-checks"));
}

PasswordChecks::~PasswordChecks()
{
    m_pool.clear();
    m_pool.waitForDone();
}

PasswordChecks::Admission PasswordChecks::reserve(const QString &address)
{
    if (m_outstanding >= m_threads + m_maxQueued)
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
    --m_outstanding;
    auto it = m_byAddress.find(address);
    if (it != m_byAddress.end() && --*it <= 0)
        m_byAddress.erase(it);
}

void PasswordChecks::run(const QString &address, std::function<bool()> check, std::function<void(bool)> done)
{
    // The destructor waits for the pool, so this object outlives every check; an answer still
    // queued when it goes is dropped with it.
    m_pool.start([this, address, check = std::move(check), done = std::move(done)] {
        const bool ok = check();
        QMetaObject::invokeMethod(this, [this, address, ok, done] {
            release(address);
            done(ok);
        }, Qt::QueuedConnection);
    });
}

} // namespace Atiende::Server
