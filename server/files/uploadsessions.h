#pragma once
// Uploads under way, in memory on the main thread, with their bytes written and hashed on one
// worker thread so that a large upload never holds up other peers' requests. Each upload
// accepts at most FileLimits::window chunks at a time (more is busy: the client waits for
// answers, which is the back-pressure), so the memory held is bounded by window x chunkBytes a
// running upload. An upload with no chunk for FileLimits::stallMs is dropped with its partial
// file. A session can be reopened from the partial file after a dropped connection or a server
// restart: the worker reads it back to learn its length and hash.

#include "server/files/filelimits.h"
#include "server/store/attachmentstore.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

namespace Atiende::Server {

class BlobStore;

class UploadSessions : public QObject
{
    Q_OBJECT
public:
    UploadSessions(BlobStore &blobs, const FileLimits &limits, QObject *parent = nullptr);
    ~UploadSessions() override;
    // Finishes the writes under way and ends the worker; later calls are refused.
    void stop();

    const FileLimits &limits() const { return m_limits; }
    BlobStore &blobs() { return m_blobs; }

    struct Progress
    {
        qint64 received = 0; // bytes written (the offset the next chunk starts at, once every
                             // chunk sent has been answered)
        qint64 accepted = 0; // bytes written or being written: where the next chunk must start
    };
    // The session of an upload, if one is open.
    std::optional<Progress> progress(const QString &uploadId) const;
    std::optional<UploadRecord> record(const QString &uploadId) const;
    int openCount(qint64 agentId) const;

    // Opens a session for an upload the database holds and that still misses bytes: its
    // partial file (empty when there is none) is read back on the worker. done(received or
    // -1, error) on this thread.
    void open(const UploadRecord &r, std::function<void(qint64 received, QString error)> done);

    enum class ChunkError {
        None,
        NotOpen, // no session (never opened, dropped after a stall, or being finished)
        Offset, // not where the upload stands
        TooLarge, // more than chunkBytes, or past the upload's size
        Busy, // window full
        Write, // the disk failed
        Hash, // the last byte arrived and the content is not what the sha256 said
        Place, // the file could not be put in place
        BadData, // not base64 (found before writing: the upload is discarded all the same,
                 // as chunks after it may be on their way)
    };
    struct ChunkOutcome
    {
        ChunkError error = ChunkError::None;
        QString message; // the disk's or the check's words, for the log and the client
        Progress progress;
        std::optional<FileRecord> file; // set with the last chunk: the file, in place
    };
    // A chunk's bytes: a base64 text (decoded on the worker), or raw bytes at `from` in a
    // buffer shared with the binary message that carried them (never copied on this thread).
    struct ChunkBytes
    {
        QByteArray buffer;
        qsizetype from = 0;
        bool base64 = true;
        static ChunkBytes fromBase64(QByteArray text) { return { std::move(text), 0, true }; }
        static ChunkBytes raw(QByteArray message, qsizetype from)
        {
            return { std::move(message), from, false };
        }
    };
    // Writes a chunk's bytes at offset (which must be Progress::accepted). done on this thread once
    // they are written; with the last byte the content is checked against the upload's sha256 and
    // the file put in place (BlobStore::beginPlacing held: call placed() once its row is committed,
    // or failed, to release it).
    void append(const QString &uploadId, qint64 agentId, qint64 offset, ChunkBytes bytes,
        std::function<void(const ChunkOutcome &)> done);
    // The row naming the file has committed (or failed): forgets the session.
    void placed(const QString &uploadId, const QString &sha256);

    // Drops sessions that had no chunk for stallMs (public for tests).
    int dropStalled(qint64 now);

Q_SIGNALS:
    void dropped(const QString &uploadId); // stalled: its partial file is gone

private:
    struct Writer;
    struct Session
    {
        UploadRecord record;
        Progress progress;
        int inFlight = 0;
        qint64 lastActivity = 0;
        bool finishing = false;
        std::shared_ptr<Writer> writer;
    };
    void onWorker(std::function<void()> fn);
    void drop(const QString &uploadId);

    BlobStore &m_blobs;
    FileLimits m_limits;
    QHash<QString, Session> m_sessions;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread
    QTimer m_stallTimer;
    bool m_stopped = false;
};

} // namespace Atiende::Server
