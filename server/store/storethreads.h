#pragma once
// The threads that touch the database, so the network thread never waits on disk.
//
// StoreWriter: the one writer. Jobs queue up while a commit is on disk; the next transaction
// takes all of them (a group commit: one durable fsync for many operations), each job in its
// own savepoint so one failure does not undo its neighbours. Results come back on the
// receiver's thread in submission order, followed by the batch's changes for the sync feed.
//
// StoreReaders: a few reader threads with their own connections (WAL lets them read while
// the writer commits) for queries, pulls and searches.

#include "changeset.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QWaitCondition>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace Atiende::Server {

class Store;

struct WriteJob
{
    std::function<OpResult(Store &)> apply; // runs on the writer thread, inside the batch
    std::function<void(const OpResult &)> done; // runs on the receiver's thread after commit
};

class StoreWriter : public QThread
{
    Q_OBJECT
public:
    // receiver: the object on whose thread results and changes are delivered.
    StoreWriter(
        QString path, QObject *receiver, std::function<void(const QList<Change> &)> onCommitted);
    ~StoreWriter() override;

    bool start(QString *error); // opens the store; false if it cannot
    void submit(WriteJob job);
    void stop(); // finishes queued jobs, then ends the thread

    int queued() const { return m_queued.loadRelaxed(); } // jobs waiting for a batch
    qint64 committedRevision() const { return m_committed.loadRelaxed(); }

    // Figures for the load tool and logs.
    quint64 batches() const { return m_batches.loadRelaxed(); }
    quint64 jobs() const { return m_jobsDone.loadRelaxed(); }

    static constexpr int kMaxBatch = 1024;

protected:
    void run() override;

private:
    void processBatch(Store &store, std::vector<WriteJob> &batch);

    QString m_path;
    QPointer<QObject> m_receiver;
    std::function<void(const QList<Change> &)> m_onCommitted;
    QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_opened;
    std::deque<WriteJob> m_queue;
    bool m_stopping = false;
    int m_openState = 0; // 0 opening, 1 open, -1 failed
    QString m_openError;
    QAtomicInteger<int> m_queued = 0;
    QAtomicInteger<qint64> m_committed = 0;
    QAtomicInteger<quint64> m_batches = 0;
    QAtomicInteger<quint64> m_jobsDone = 0;
};

class StoreReaders
{
public:
    StoreReaders(QString path, int threads);
    ~StoreReaders();
    bool start(QString *error);
    // Runs job on a reader thread; the job posts its own result back (see deliver()).
    void run(std::function<void(Store &)> job);
    void stop();

private:
    class Reader;
    QString m_path;
    int m_threadCount;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<std::function<void(Store &)>> m_queue;
    bool m_stopping = false;
    std::vector<std::unique_ptr<Reader>> m_threads;
};

} // namespace Atiende::Server
