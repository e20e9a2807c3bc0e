#include "filecollector.h"

#include "blobstore.h"

#include "server/logging.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include <QJsonArray>
#include <QPointer>

namespace Atiende::Server {

FileCollector::FileCollector(
    BlobStore &blobs, Submit submit, std::function<qint64()> now, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_blobs(blobs)
    , m_submit(std::move(submit))
    , m_now(std::move(now))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { collect(); });
    m_timer.start();
}

void FileCollector::collect(std::function<void(int)> done)
{
    if (m_running) {
        if (done)
            done(0);
        return;
    }
    m_running = true;
    WriteJob job;
    const qint64 now = m_now();
    job.apply = [now](Store &s) {
        const QStringList gone = s.attachments().collect(now);
        return OpResult::success(QJsonArray::fromStringList(gone));
    };
    QPointer<FileCollector> self(this);
    job.done = [self, done = std::move(done)](const OpResult &r) {
        int deleted = 0;
        if (self) {
            self->m_running = false;
            for (const QJsonValue &v : r.result.toArray())
                deleted += self->m_blobs.remove(v.toString()) ? 1 : 0;
            if (deleted > 0)
                qCInfo(lcStore) << "files: collected" << deleted << "files no article carries";
        }
        if (done)
            done(deleted);
    };
    m_submit(std::move(job));
}

} // namespace Atiende::Server
