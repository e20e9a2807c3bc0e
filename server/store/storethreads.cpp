#include "storethreads.h"

#include "server/logging.h"

#include "store.h"

#include "core/domain/timestamp.h"

#include <QMetaObject>

namespace Atiende::Server {

using Core::Protocol::ErrorCode;

StoreWriter::StoreWriter(
    QString path, QObject *receiver, std::function<void(const QList<Change> &)> onCommitted)
    : m_path(std::move(path))
    , m_receiver(receiver)
    , m_onCommitted(std::move(onCommitted))
{
    setObjectName(QStringLiteral("atiende-writer"));
}

StoreWriter::~StoreWriter()
{
    stop();
}

bool StoreWriter::start(QString *error)
{
    QThread::start();
    QMutexLocker lock(&m_mutex);
    while (m_openState == 0)
        m_opened.wait(&m_mutex);
    if (m_openState < 0) {
        *error = m_openError;
        lock.unlock();
        wait();
        return false;
    }
    return true;
}

void StoreWriter::submit(WriteJob job)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(job));
    m_queued.fetchAndAddRelaxed(1);
    m_wake.wakeOne();
}

void StoreWriter::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    if (isRunning())
        wait();
}

void StoreWriter::run()
{
    QString error;
    std::unique_ptr<Store> store = Store::open(m_path, false, &error);
    if (store && !store->sync().loadRevision())
        error = QStringLiteral("cannot read the revision counter"), store.reset();
    if (store)
        m_committed.storeRelaxed(store->sync().revision());
    {
        QMutexLocker lock(&m_mutex);
        m_openState = store ? 1 : -1;
        m_openError = error;
        m_opened.wakeAll();
    }
    if (!store)
        return;

    std::vector<WriteJob> batch;
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty() && m_stopping)
                break;
            while (!m_queue.empty() && int(batch.size()) < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            m_queued.fetchAndSubRelaxed(int(batch.size()));
        }
        processBatch(*store, batch);
        batch.clear();
    }
}

void StoreWriter::processBatch(Store &store, std::vector<WriteJob> &batch)
{
    auto results = std::make_shared<std::vector<OpResult>>();
    results->reserve(batch.size());
    bool committed = store.begin();
    if (committed) {
        for (WriteJob &job : batch) {
            if (!store.savepoint()) {
                committed = false;
                break;
            }
            OpResult r = job.apply(store);
            if (r.ok || r.keepOnError) {
                if (!store.releaseSavepoint()) {
                    committed = false;
                    break;
                }
            } else {
                store.rollbackToSavepoint();
            }
            if (!r.ok)
                r.changes.clear();
            results->push_back(std::move(r));
        }
        committed = committed && store.sync().saveRevision() && store.commit();
    }
    if (!committed) {
        // Nothing of this batch is on disk: every job hears so, and the counter goes back.
        qCWarning(lcStore) << "write batch failed:" << store.sql().lastError();
        store.rollback();
        store.sync().loadRevision();
        results->assign(batch.size(),
            OpResult::failure(ErrorCode::InternalError,
                QStringLiteral("The change could not be stored; nothing was changed.")));
    }
    m_committed.storeRelaxed(store.sync().revision());
    m_batches.fetchAndAddRelaxed(1);
    m_jobsDone.fetchAndAddRelaxed(batch.size());

    auto dones = std::make_shared<std::vector<std::function<void(const OpResult &)>>>();
    dones->reserve(batch.size());
    for (WriteJob &job : batch)
        dones->push_back(std::move(job.done));
    if (!m_receiver)
        return;
    QMetaObject::invokeMethod(
        m_receiver.data(),
        [results, dones, onCommitted = m_onCommitted] {
            QList<Change> all;
            for (size_t i = 0; i < results->size(); ++i) {
                const OpResult &r = results->at(i);
                if (dones->at(i))
                    dones->at(i)(r);
                if (r.ok && !r.replayed)
                    all += r.changes;
            }
            if (onCommitted && !all.isEmpty())
                onCommitted(all);
        },
        Qt::QueuedConnection);
}

class StoreReaders::Reader : public QThread
{
public:
    Reader(StoreReaders *pool, int index)
        : m_pool(pool)
    {
        setObjectName(QStringLiteral("atiende-reader-%1").arg(index));
    }
    QString error;
    QMutex openMutex;
    QWaitCondition opened;
    int state = 0;

protected:
    void run() override
    {
        std::unique_ptr<Store> store = Store::open(m_pool->m_path, false, &error);
        {
            QMutexLocker lock(&openMutex);
            state = store ? 1 : -1;
            opened.wakeAll();
        }
        if (!store)
            return;
        for (;;) {
            std::function<void(Store &)> job;
            {
                QMutexLocker lock(&m_pool->m_mutex);
                while (m_pool->m_queue.empty() && !m_pool->m_stopping)
                    m_pool->m_wake.wait(&m_pool->m_mutex);
                if (m_pool->m_queue.empty())
                    break;
                job = std::move(m_pool->m_queue.front());
                m_pool->m_queue.pop_front();
            }
            job(*store);
        }
    }

private:
    StoreReaders *m_pool;
};

StoreReaders::StoreReaders(QString path, int threads)
    : m_path(std::move(path))
    , m_threadCount(qMax(1, threads))
{
}

StoreReaders::~StoreReaders()
{
    stop();
}

bool StoreReaders::start(QString *error)
{
    for (int i = 0; i < m_threadCount; ++i) {
        auto r = std::make_unique<Reader>(this, i);
        r->start();
        {
            QMutexLocker lock(&r->openMutex);
            while (r->state == 0)
                r->opened.wait(&r->openMutex);
        }
        if (r->state < 0) {
            *error = r->error;
            r->wait();
            stop();
            return false;
        }
        m_threads.push_back(std::move(r));
    }
    return true;
}

void StoreReaders::run(std::function<void(Store &)> job)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(job));
    m_wake.wakeOne();
}

void StoreReaders::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    for (auto &t : m_threads)
        t->wait();
    m_threads.clear();
}

} // namespace Atiende::Server
