#include "uploads.h"

#include "filestore.h"

#include "client/cache/localcache.h"
#include "client/connection/connection.h"
#include "client/logging.h"

#include "core/protocol/errorcode.h"
#include "core/protocol/jsonrpc.h"

#include <QFile>
#include <QJsonObject>

namespace Atiende::Client {

using Core::Protocol::ErrorCode;

struct Uploads::Transfer
{
    OutgoingFile file;
    QFile copy; // the store's copy, read a chunk at a time
    quint64 session = 0;
    qint64 next = 0; // the next byte to send
    qint64 received = 0; // bytes the server holds
    int inFlight = 0; // chunks sent and not answered
    int window = 4;
    int chunkBytes = 512 * 1024;
    bool stalled = false; // waiting for the chunks on their way, then asking again
    int retryMs = 0;
    QTimer retry;
};

Uploads::Uploads(LocalCache *cache, FileStore *store, Connection *connection, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_store(store)
    , m_connection(connection)
{
    connect(connection, &Connection::stateChanged, this, &Uploads::onConnectionState);
    connect(connection, &Connection::sessionStarted, this, &Uploads::onSessionStarted);
    if (linkUp())
        onSessionStarted();
}

Uploads::~Uploads() = default;

bool Uploads::linkUp() const
{
    return m_connection->isOnline() && m_connection->rpc().isOpen();
}

bool Uploads::current(const std::shared_ptr<Transfer> &t) const
{
    return t->session == m_session && m_active.value(t->file.uploadId) == t;
}

void Uploads::onConnectionState()
{
    if (m_connection->isOnline())
        return; // sessionStarted takes it from here
    // Whatever was on its way is answered with a failure by now or never: the next session
    // asks the server where each upload stands.
    ++m_session;
    m_active.clear();
    m_waiting.clear();
}

void Uploads::onSessionStarted()
{
    ++m_session;
    m_active.clear();
    m_waiting.clear();
    for (const UploadRow &row : m_cache->files().unfinishedUploads())
        m_waiting << row.file.uploadId;
    schedule();
}

void Uploads::start(const QString &uploadId)
{
    if (m_active.contains(uploadId) || m_waiting.contains(uploadId))
        return;
    m_waiting << uploadId;
    schedule();
}

void Uploads::cancel(const QString &uploadId)
{
    m_waiting.removeAll(uploadId);
    if (const std::shared_ptr<Transfer> t = m_active.take(uploadId)) {
        t->copy.close(); // answers on their way keep the transfer, not the file
        schedule();
    }
}

bool Uploads::sendAgain(
    const QStringList &uploadIds, const QList<OutgoingFile> &files, const QString &opId)
{
    FileRows &rows = m_cache->files();
    for (const QString &id : uploadIds) {
        std::optional<UploadRow> row = rows.upload(id);
        if (!row) {
            // The cache lost its record (it was rebuilt): the reply still says what the file is.
            for (const OutgoingFile &f : files) {
                if (f.uploadId == id)
                    row = UploadRow { f, 0, UploadRow::State::Sending, opId, 0 };
            }
            if (!row || !rows.addUpload(*row))
                return false;
        }
        if (row->state == UploadRow::State::Failed || !m_store->holds(row->file.file.sha256))
            return false;
    }
    for (const QString &id : uploadIds) {
        if (!rows.setState(id, UploadRow::State::Sending, 0))
            return false;
        m_active.remove(id);
        start(id);
    }
    return true;
}

void Uploads::schedule()
{
    if (!linkUp())
        return;
    while (m_active.size() < m_parallel && !m_waiting.isEmpty()) {
        const QString id = m_waiting.takeFirst();
        const std::optional<UploadRow> row = m_cache->files().upload(id);
        if (!row || row->state != UploadRow::State::Sending)
            continue; // discarded, or done meanwhile
        auto t = std::make_shared<Transfer>();
        t->file = row->file;
        t->session = m_session;
        t->received = row->received;
        t->retry.setSingleShot(true);
        m_active.insert(id, t);
        const QString path = m_store->copyOf(row->file.file.sha256, false);
        t->copy.setFileName(path);
        if (path.isEmpty() || !t->copy.open(QIODevice::ReadOnly)) {
            fail(t,
                QStringLiteral("The copy of \"%1\" on this computer is gone; attach it again.")
                    .arg(row->file.file.name));
            continue;
        }
        announce(t);
    }
}

void Uploads::announce(const std::shared_ptr<Transfer> &t)
{
    t->stalled = false;
    const Core::Attachment &f = t->file.file;
    const QPointer<Uploads> self(this);
    m_connection->rpc().call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), t->file.uploadId }, { QStringLiteral("name"), f.name },
            { QStringLiteral("size"), double(f.size) }, { QStringLiteral("sha256"), f.sha256 } },
        [self, t](const RpcReply &r) {
            if (!self || !self->current(t))
                return;
            if (!r.ok) {
                if (!self->linkUp())
                    return; // the link dropped: the next session resumes it
                if (r.error.code == ErrorCode::ValidationFailed
                    || r.error.code == ErrorCode::InvalidParams)
                    return self->fail(t, r.error.message); // the server will not take it
                return self->stall(t,
                    r.error.code == ErrorCode::Busy
                        ? r.error.data.value(QStringLiteral("retryAfterMs")).toInt(1000)
                        : 2000);
            }
            const QJsonObject o = r.object();
            t->window = qMax(1, o.value(QStringLiteral("window")).toInt(t->window));
            t->chunkBytes = qMax(1, o.value(QStringLiteral("chunkBytes")).toInt(t->chunkBytes));
            if (o.value(QStringLiteral("complete")).toBool())
                return self->complete(t, o.value(QStringLiteral("file")).toObject());
            t->received = t->next = qint64(o.value(QStringLiteral("received")).toDouble());
            self->m_cache->files().setReceived(t->file.uploadId, t->received);
            qCDebug(lcFiles) << "upload" << t->file.uploadId << "stands at" << t->received << "of"
                             << t->file.file.size;
            Q_EMIT self->progress(
                t->file.uploadId, t->file.file.sha256, t->received, t->file.file.size);
            self->sendChunks(t);
        });
}

void Uploads::sendChunks(const std::shared_ptr<Transfer> &t)
{
    const QPointer<Uploads> self(this);
    while (!t->stalled && t->inFlight < t->window && t->next < t->file.file.size && current(t)) {
        const qint64 offset = t->next;
        const qint64 n = qMin<qint64>(t->chunkBytes, t->file.file.size - offset);
        QByteArray bytes;
        if (!t->copy.seek(offset) || (bytes = t->copy.read(n)).size() != n)
            return fail(t,
                QStringLiteral("The copy of \"%1\" on this computer cannot be read.")
                    .arg(t->file.file.name));
        // A binary message: the bytes as they are after the request (docs/protocol.md,
        // "Binary frames"), no base64.
        t->next += n;
        ++t->inFlight;
        m_bytesSent += n;
        m_connection->rpc().callBinary(QStringLiteral("files.upload.chunk"),
            { { QStringLiteral("uploadId"), t->file.uploadId },
                { QStringLiteral("offset"), double(offset) } },
            bytes, [self, t](const RpcReply &r) {
                if (self)
                    self->onChunk(t, r);
            });
    }
}

void Uploads::onChunk(const std::shared_ptr<Transfer> &t, const RpcReply &r)
{
    --t->inFlight;
    if (!current(t))
        return;
    if (t->stalled) {
        if (t->inFlight == 0)
            t->retry.start(t->retryMs);
        return;
    }
    if (!r.ok) {
        if (!linkUp())
            return;
        const QString field = r.error.data.value(QStringLiteral("field")).toString();
        if (r.error.code == ErrorCode::ValidationFailed && field == QLatin1String("sha256"))
            return fail(t, r.error.message); // the copy is not what was announced
        // Busy, a stalled upload the server dropped (not_found), an offset it did not expect:
        // ask it where the upload stands and go on from there.
        qCInfo(lcFiles) << "upload" << t->file.uploadId << "chunk refused:" << r.error.message;
        return stall(t,
            r.error.code == ErrorCode::Busy
                ? r.error.data.value(QStringLiteral("retryAfterMs")).toInt(200)
                : 200);
    }
    const QJsonObject o = r.object();
    if (o.value(QStringLiteral("complete")).toBool())
        return complete(t, o.value(QStringLiteral("file")).toObject());
    t->received = qMax(t->received, qint64(o.value(QStringLiteral("received")).toDouble()));
    m_cache->files().setReceived(t->file.uploadId, t->received);
    Q_EMIT progress(t->file.uploadId, t->file.file.sha256, t->received, t->file.file.size);
    sendChunks(t);
}

void Uploads::stall(const std::shared_ptr<Transfer> &t, int delayMs)
{
    t->stalled = true;
    t->retryMs = qBound(50, delayMs, 30000);
    t->retry.disconnect();
    const QPointer<Uploads> self(this);
    // Not t itself: the timer belongs to it.
    connect(&t->retry, &QTimer::timeout, this, [self, weak = std::weak_ptr<Transfer>(t)] {
        const std::shared_ptr<Transfer> transfer = weak.lock();
        if (self && transfer && self->current(transfer) && self->linkUp())
            self->announce(transfer);
    });
    if (t->inFlight == 0)
        t->retry.start(t->retryMs);
}

void Uploads::complete(const std::shared_ptr<Transfer> &t, const QJsonObject &file)
{
    const QString id = t->file.uploadId;
    const qint64 size = t->file.file.size;
    m_cache->files().setState(
        id, UploadRow::State::Complete, size, file.value(QStringLiteral("mediaType")).toString());
    m_active.remove(id);
    qCInfo(lcFiles) << "upload" << id << "complete:" << size << "bytes";
    Q_EMIT progress(id, t->file.file.sha256, size, size);
    Q_EMIT completed(id);
    schedule();
}

void Uploads::fail(const std::shared_ptr<Transfer> &t, const QString &error)
{
    const QString id = t->file.uploadId;
    m_cache->files().setState(id, UploadRow::State::Failed, t->received);
    m_active.remove(id);
    qCWarning(lcFiles).noquote() << "upload" << id << "failed:" << error;
    Q_EMIT failed(id, error);
    schedule();
}

} // namespace Atiende::Client
