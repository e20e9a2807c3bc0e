#include "uploadsessions.h"

#include "blobstore.h"

#include "core/domain/timestamp.h"
#include "core/text/base64.h"
#include "server/logging.h"
#include "server/platform/durablefile.h"
#include "server/platform/resourcelimits.h"

#include <QFile>
#include <QMimeDatabase>

#include <sodium.h>

namespace Atiende::Server {

// The open partial file of one upload and the hash of what it holds; used on the worker only.
struct UploadSessions::Writer
{
    explicit Writer(const QString &path)
        : file(path)
    {
        crypto_hash_sha256_init(&hash);
    }
    QFile file;
    // libsodium's SHA-256: over twice as fast as QCryptographicHash's here, and the worker
    // hashes every byte of every upload.
    crypto_hash_sha256_state hash;
    qint64 length = 0; // bytes in the partial file
    QByteArray head; // the first bytes, to tell the media type by
    static constexpr int kHeadBytes = 16 * 1024;

    void take(QByteArrayView bytes)
    {
        crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char *>(bytes.constData()),
            size_t(bytes.size()));
        if (head.size() < kHeadBytes)
            head += bytes.first(qMin(bytes.size(), qsizetype(kHeadBytes) - head.size()));
    }
    QString result()
    {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&hash, digest);
        return QString::fromLatin1(
            QByteArray::fromRawData(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
    }
};

UploadSessions::UploadSessions(BlobStore &blobs, const FileLimits &limits, QObject *parent)
    : QObject(parent)
    , m_blobs(blobs)
    , m_limits(limits)
{
    m_thread.setObjectName(QStringLiteral("atiende-files"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    // Hashing and writing uploads is bulk work: it takes what CPU the answers and pushes of
    // other peers leave, so an upload streaming at full speed does not delay them. The window
    // (FileLimits::window) then slows the uploader's sending when the worker falls behind.
    QMetaObject::invokeMethod(m_worker, [] {
        if (!ResourceLimits::makeCurrentThreadBackground())
            qCDebug(lcStore) << "files: the upload worker keeps its normal priority";
    });
    m_stallTimer.setInterval(int(qBound(qint64(1000), m_limits.stallMs / 4, qint64(60000))));
    connect(&m_stallTimer, &QTimer::timeout, this, [this] { dropStalled(Core::Timestamp::now()); });
    m_stallTimer.start();
}

UploadSessions::~UploadSessions()
{
    stop();
}

void UploadSessions::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    m_stallTimer.stop();
    m_thread.quit(); // after the writes already queued
    m_thread.wait();
    m_sessions.clear();
}

void UploadSessions::onWorker(std::function<void()> fn)
{
    QMetaObject::invokeMethod(m_worker, std::move(fn), Qt::QueuedConnection);
}

std::optional<UploadSessions::Progress> UploadSessions::progress(const QString &uploadId) const
{
    const auto it = m_sessions.constFind(uploadId);
    if (it == m_sessions.cend())
        return std::nullopt;
    return it->progress;
}

std::optional<UploadRecord> UploadSessions::record(const QString &uploadId) const
{
    const auto it = m_sessions.constFind(uploadId);
    if (it == m_sessions.cend())
        return std::nullopt;
    return it->record;
}

int UploadSessions::openCount(qint64 agentId) const
{
    int n = 0;
    for (const Session &s : m_sessions)
        n += s.record.agentId == agentId ? 1 : 0;
    return n;
}

void UploadSessions::open(
    const UploadRecord &r, std::function<void(qint64 received, QString error)> done)
{
    if (m_stopped)
        return done(-1, QStringLiteral("the server is stopping"));
    if (m_sessions.contains(r.id))
        return done(m_sessions.value(r.id).progress.accepted, QString());
    Session s;
    s.record = r;
    s.lastActivity = Core::Timestamp::now();
    s.writer = std::make_shared<Writer>(m_blobs.partPathOf(r.id));
    s.finishing = true; // no chunk until the partial file has been read back
    m_sessions.insert(r.id, s);
    const qint64 size = r.size;
    onWorker([this, id = r.id, size, w = s.writer, done = std::move(done)] {
        QString error;
        qint64 have = -1;
        if (w->file.open(QIODevice::ReadWrite)) {
            // What an earlier connection (or run of the server) wrote is read back and hashed;
            // a file longer than the upload can only be damage: start again.
            if (w->file.size() > size)
                w->file.resize(0);
            QByteArray block;
            while (!(block = w->file.read(1024 * 1024)).isEmpty())
                w->take(block);
            have = w->file.pos();
            w->length = have;
        } else {
            error = w->file.errorString();
        }
        QMetaObject::invokeMethod(
            this,
            [this, id, have, error, done] {
                auto it = m_sessions.find(id);
                if (it == m_sessions.end())
                    return done(-1, QStringLiteral("the upload was dropped"));
                if (have < 0) {
                    m_sessions.erase(it);
                    return done(-1, error);
                }
                it->finishing = false;
                it->progress = Progress { have, have };
                done(have, QString());
            },
            Qt::QueuedConnection);
    });
}

void UploadSessions::append(const QString &uploadId, qint64 agentId, qint64 offset,
    ChunkBytes chunk, std::function<void(const ChunkOutcome &)> done)
{
    auto it = m_sessions.find(uploadId);
    ChunkOutcome refused;
    if (m_stopped || it == m_sessions.end() || it->record.agentId != agentId || it->finishing) {
        refused.error = ChunkError::NotOpen;
        return done(refused);
    }
    Session &s = *it;
    refused.progress = s.progress;
    if (offset != s.progress.accepted) {
        refused.error = ChunkError::Offset;
        return done(refused);
    }
    const qint64 n = chunk.base64 ? Core::Text::base64DecodedSize(chunk.buffer)
                                  : qint64(chunk.buffer.size() - chunk.from);
    if (n < 0) {
        refused.error = ChunkError::BadData;
        return done(refused);
    }
    if (n > m_limits.chunkBytes || offset + n > s.record.size || (n == 0 && s.record.size != 0)) {
        refused.error = ChunkError::TooLarge;
        return done(refused);
    }
    if (s.inFlight >= m_limits.window) {
        refused.error = ChunkError::Busy;
        return done(refused);
    }
    s.progress.accepted += n;
    ++s.inFlight;
    s.lastActivity = Core::Timestamp::now();
    const bool last = s.progress.accepted == s.record.size;
    if (last)
        s.finishing = true;

    const UploadRecord record = s.record;
    onWorker([this, record, last, n, w = s.writer, chunk = std::move(chunk),
                 done = std::move(done)]() mutable {
        ChunkOutcome out;
        // Decoded here, not on the main thread: it costs as much as the hashing. Raw bytes
        // are written from the message that carried them.
        std::optional<QByteArray> decoded;
        QByteArrayView bytes;
        if (chunk.base64) {
            decoded = Core::Text::decodeBase64(chunk.buffer);
            chunk.buffer = QByteArray();
            if (decoded)
                bytes = *decoded;
        } else {
            bytes = QByteArrayView(chunk.buffer).sliced(chunk.from);
        }
        if ((chunk.base64 && !decoded) || bytes.size() != n) {
            out.error = ChunkError::BadData;
            out.message = QStringLiteral("not base64");
        } else if (!w->file.isOpen() && !w->file.open(QIODevice::ReadWrite | QIODevice::Append)) {
            out.error = ChunkError::Write;
            out.message = w->file.errorString();
        } else if (!bytes.isEmpty() && w->file.write(bytes.data(), bytes.size()) != bytes.size()) {
            out.error = ChunkError::Write;
            out.message = w->file.errorString();
        } else if (!Platform::writeBehind(w->file, w->length, w->length + bytes.size())) {
            out.error = ChunkError::Write;
            out.message = w->file.errorString();
        } else {
            w->length += bytes.size();
            w->take(bytes);
        }
        if (out.error == ChunkError::None && last) {
            const QString actual = w->result();
            if (actual != record.sha256) {
                out.error = ChunkError::Hash;
                out.message = actual;
            } else if (!Platform::syncFile(w->file)) {
                out.error = ChunkError::Write;
                out.message = w->file.errorString();
            } else {
                w->file.close();
                FileRecord f;
                f.sha256 = record.sha256;
                f.size = record.size;
                // Told from the content only: the name is the uploader's word.
                f.mediaType = QMimeDatabase().mimeTypeForData(w->head).name();
                f.createdAt = Core::Timestamp::now();
                m_blobs.beginPlacing(record.sha256);
                QString error;
                if (m_blobs.place(w->file.fileName(), record.sha256, &error)) {
                    out.file = f;
                } else {
                    m_blobs.endPlacing(record.sha256);
                    out.error = ChunkError::Place;
                    out.message = error;
                }
            }
        }
        if (out.error != ChunkError::None) {
            w->file.close();
            QFile::remove(w->file.fileName());
        }
        QMetaObject::invokeMethod(
            this,
            [this, id = record.id, n = qint64(bytes.size()), out,
                done = std::move(done)]() mutable {
                auto it = m_sessions.find(id);
                if (it != m_sessions.end()) {
                    --it->inFlight;
                    it->progress.received += n;
                    out.progress = it->progress;
                    if (out.error != ChunkError::None) {
                        qCWarning(lcStore).noquote()
                            << "files: upload" << id << "failed:" << out.message;
                        m_sessions.erase(it); // the partial file is gone: start again
                    }
                }
                done(out);
            },
            Qt::QueuedConnection);
    });
}

void UploadSessions::placed(const QString &uploadId, const QString &sha256)
{
    m_blobs.endPlacing(sha256);
    m_sessions.remove(uploadId);
}

int UploadSessions::dropStalled(qint64 now)
{
    QStringList stalled;
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (it->inFlight == 0 && !it->finishing && now - it->lastActivity >= m_limits.stallMs)
            stalled << it.key();
    }
    for (const QString &id : std::as_const(stalled))
        drop(id);
    return int(stalled.size());
}

void UploadSessions::drop(const QString &uploadId)
{
    const Session s = m_sessions.take(uploadId);
    if (!s.writer)
        return;
    onWorker([w = s.writer] {
        w->file.close();
        QFile::remove(w->file.fileName());
    });
    qCInfo(lcStore).noquote() << "files: dropped the stalled upload" << uploadId;
    Q_EMIT dropped(uploadId);
}

} // namespace Atiende::Server
