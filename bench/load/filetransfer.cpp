#include "filetransfer.h"

#include "benchclock.h"

#include "core/text/base64.h"

#include <QJsonObject>
#include <QUuid>

#include <sodium.h>

namespace Atiende::Bench {

FileTransfer::FileTransfer(LoadSession &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

FileTransfer::~FileTransfer()
{
    *m_alive = false;
}

QString FileTransfer::sha256(const QByteArray &bytes)
{
    // libsodium's, as the server's: Qt's SHA-256 runs at less than half its speed here.
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(
        digest, reinterpret_cast<const unsigned char *>(bytes.constData()), size_t(bytes.size()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

void FileTransfer::upload(const QByteArray &bytes, const QString &name)
{
    m_bytes = bytes;
    m_size = bytes.size();
    m_uploadId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_startedNs = BenchClock::nowNs();
    // The hash is part of what a client does before it sends: it is timed.
    m_sha256 = sha256(bytes);
    m_session.rpc().call(QStringLiteral("files.upload"),
        { { QStringLiteral("uploadId"), m_uploadId }, { QStringLiteral("name"), name },
            { QStringLiteral("size"), double(m_size) }, { QStringLiteral("sha256"), m_sha256 } },
        [this, alive = m_alive](const Client::RpcReply &r) {
            if (!*alive)
                return;
            if (!r.ok)
                return fail(QStringLiteral("files.upload: %1").arg(r.error.message));
            const QJsonObject o = r.object();
            m_chunkBytes = o.value(QStringLiteral("chunkBytes")).toInt(m_chunkBytes);
            m_window = o.value(QStringLiteral("window")).toInt(m_window);
            m_next = m_done = qint64(o.value(QStringLiteral("received")).toDouble());
            if (o.value(QStringLiteral("complete")).toBool())
                return finish();
            sendChunks();
        });
}

void FileTransfer::sendChunks()
{
    while (!m_over && m_inFlight < m_window && m_next < m_size) {
        const qint64 offset = m_next;
        const qint64 n = qMin<qint64>(m_chunkBytes, m_size - offset);
        m_next += n;
        ++m_inFlight;
        const auto answered = [this, alive = m_alive, n](const Client::RpcReply &r) {
            if (!*alive)
                return;
            --m_inFlight;
            if (!r.ok)
                return fail(QStringLiteral("files.upload.chunk: %1").arg(r.error.message));
            m_done += n;
            if (r.object().value(QStringLiteral("complete")).toBool())
                return finish();
            sendChunks();
        };
        if (!textFrames()) {
            m_session.rpc().callBinary(QStringLiteral("files.upload.chunk"),
                { { QStringLiteral("uploadId"), m_uploadId },
                    { QStringLiteral("offset"), double(offset) } },
                QByteArrayView(m_bytes.constData() + offset, n), answered);
            continue;
        }
        // Written by hand, as the console did: QJsonDocument would escape 700 KB of base64
        // character by character (the upload id is a UUID: nothing to escape either).
        const QByteArray data = QByteArray::fromRawData(m_bytes.constData() + offset, n).toBase64();
        QByteArray params;
        params.reserve(data.size() + 120);
        params += R"({"uploadId":")";
        params += m_uploadId.toLatin1();
        params += R"(","offset":)";
        params += QByteArray::number(offset);
        params += R"(,"data":")";
        params += data;
        params += R"("})";
        m_session.rpc().callWithJson(QStringLiteral("files.upload.chunk"), params, answered);
    }
}

void FileTransfer::download(const QString &sha256, qint64 size, int window)
{
    m_sha256 = sha256;
    m_size = size;
    m_window = window;
    m_received = QByteArray(size, Qt::Uninitialized);
    m_startedNs = BenchClock::nowNs();
    if (size == 0)
        return finish();
    readPieces();
}

void FileTransfer::readPieces()
{
    while (!m_over && m_inFlight < m_window && m_next < m_size) {
        const qint64 offset = m_next;
        const qint64 n = qMin<qint64>(m_chunkBytes, m_size - offset);
        m_next += n;
        ++m_inFlight;
        QJsonObject params { { QStringLiteral("sha256"), m_sha256 },
            { QStringLiteral("offset"), double(offset) }, { QStringLiteral("length"), double(n) } };
        if (!textFrames())
            params.insert(QStringLiteral("binary"), true);
        m_session.rpc().call(QStringLiteral("files.read"), params,
            [this, alive = m_alive, offset, n](const Client::RpcReply &r) {
                if (!*alive)
                    return;
                --m_inFlight;
                if (!r.ok)
                    return fail(QStringLiteral("files.read: %1").arg(r.error.message));
                const QByteArray piece = !textFrames()
                    ? r.bytes
                    : Core::Text::decodeBase64(
                        r.object().value(QStringLiteral("data")).toString().toLatin1())
                          .value_or(QByteArray());
                if (piece.size() != n)
                    return fail(QStringLiteral("files.read gave %1 bytes, not %2")
                                    .arg(piece.size())
                                    .arg(n));
                memcpy(m_received.data() + offset, piece.constData(), size_t(n));
                m_done += n;
                if (m_done == m_size)
                    return finish();
                readPieces();
            });
    }
}

namespace {
std::atomic<bool> s_textFrames { false };
} // namespace

void FileTransfer::setTextFrames(bool text)
{
    s_textFrames = text;
}

bool FileTransfer::textFrames()
{
    return s_textFrames.load();
}

void FileTransfer::fail(const QString &why)
{
    if (m_over)
        return;
    m_over = true;
    m_error = why;
    m_finishedNs = BenchClock::nowNs();
    Q_EMIT finished();
}

void FileTransfer::finish()
{
    if (m_over)
        return;
    m_over = true;
    m_ok = true;
    m_finishedNs = BenchClock::nowNs();
    Q_EMIT finished();
}

} // namespace Atiende::Bench

namespace Atiende::Bench {

UploadLoop::UploadLoop(
    const QUrl &url, const QString &token, QByteArray bytes, int limit, QObject *parent)
    : QObject(parent)
    , m_session(url, LoadSession::Credentials { token, QString(), QString() })
    , m_bytes(std::move(bytes))
    , m_limit(limit)
{
    connect(&m_session, &LoadSession::ready, this, [this] { next(); });
    connect(&m_session, &LoadSession::failed, this, [this](const QString &why) {
        QMutexLocker lock(&m_mutex);
        m_error = why;
    });
}

UploadLoop::~UploadLoop()
{
    m_stopped = true;
    m_transfer.reset();
    m_session.close();
}

void UploadLoop::start()
{
    m_session.open();
}

void UploadLoop::stop()
{
    m_stopped = true;
}

QString UploadLoop::error() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

void UploadLoop::next()
{
    if (m_stopped || (m_limit > 0 && m_count >= m_limit))
        return;
    ++m_count;
    m_transfer = std::make_unique<FileTransfer>(m_session);
    connect(m_transfer.get(), &FileTransfer::finished, this, [this] {
        if (!m_transfer->ok()) {
            QMutexLocker lock(&m_mutex);
            m_error = m_transfer->error();
            return;
        }
        m_uploaded.fetch_add(m_bytes.size());
        // Not from inside the transfer's own signal: it is deleted by next().
        QMetaObject::invokeMethod(
            this, [this] { next(); }, Qt::QueuedConnection);
    });
    m_uploading.store(true);
    m_transfer->upload(m_bytes, QStringLiteral("captura-pantalla.png"));
}

} // namespace Atiende::Bench
