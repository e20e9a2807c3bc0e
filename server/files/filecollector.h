#pragma once
// Deletes what nothing refers to any more: uploads past their time, then the files no article
// carries and no kept upload holds. The decision is one write on the writer thread, so it is
// ordered with every article that names a file: a reference that committed first keeps the
// file, and one that comes later finds its upload gone and is refused (the client sends the
// file again). The bytes go only after that write commits, and never while the upload worker
// is placing the same content.

#include <QObject>
#include <QTimer>

#include <functional>

namespace Atiende::Server {

class BlobStore;
struct WriteJob;

class FileCollector : public QObject
{
    Q_OBJECT
public:
    using Submit = std::function<void(WriteJob)>;
    FileCollector(BlobStore &blobs, Submit submit, std::function<qint64()> now,
        int intervalMs = 3600 * 1000, QObject *parent = nullptr);

    // One round now (also run every intervalMs). done(deleted files) when it is over.
    void collect(std::function<void(int)> done = {});

private:
    BlobStore &m_blobs;
    Submit m_submit;
    std::function<qint64()> m_now;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace Atiende::Server
