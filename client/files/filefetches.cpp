#include "filefetches.h"

#include "filestore.h"

#include "client/connection/connection.h"
#include "client/logging.h"

#include "core/files/filerules.h"
#include "core/protocol/errorcode.h"
#include "core/text/base64.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMap>
#include <QTimer>

namespace Atiende::Client {

using Core::Protocol::ErrorCode;

namespace {
constexpr qint64 kPieceBytes = 512 * 1024; // the server's largest files.read piece
}

struct FileFetches::Transfer
{
    QString sha256;
    QFile part;
    QCryptographicHash hash { QCryptographicHash::Sha256 };
    qint64 size = -1; // known from the first answer
    QString mediaType;
    qint64 next = 0; // the next byte to ask for
    qint64 written = 0; // bytes written and hashed, in order
    int inFlight = 0;
    bool restarted = false;
    QMap<qint64, QByteArray> early; // pieces that came before the ones ahead of them
    QList<Waiter> waiters;
};

FileFetches::FileFetches(FileStore *store, Connection *connection, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_connection(connection)
{
}

FileFetches::~FileFetches() = default;

bool FileFetches::linkUp() const
{
    return m_connection->isOnline() && m_connection->rpc().isOpen();
}

void FileFetches::deliver(const Waiter &w, const FileFetch &outcome)
{
    if (!w.context)
        return;
    // Posted to the context: never inside the call that asked, and dropped with the context.
    QMetaObject::invokeMethod(
        w.context.data(),
        [context = w.context, done = w.done, outcome] {
            if (context)
                done(outcome);
        },
        Qt::QueuedConnection);
}

void FileFetches::fetch(
    const QString &sha256, QObject *context, std::function<void(const FileFetch &)> done)
{
    const Waiter waiter { context, std::move(done) };
    FileFetch outcome;
    outcome.sha256 = sha256;
    if (!Core::Files::isSha256(sha256)) {
        outcome.errorCode = int(ErrorCode::NotFound);
        outcome.error = QStringLiteral("\"%1\" is not a file's SHA-256.").arg(sha256);
        return deliver(waiter, outcome);
    }
    outcome.path = m_store->copyOf(sha256, true);
    if (!outcome.path.isEmpty())
        return deliver(waiter, outcome);
    if (const auto t = m_transfers.value(sha256)) {
        t->waiters.append(waiter); // the same file for another screen: one transfer
        return;
    }
    if (!linkUp()) {
        outcome.errorCode = FileFetch::Offline;
        outcome.error
            = QStringLiteral("The file is not on this computer and the server cannot be reached.");
        return deliver(waiter, outcome);
    }
    auto t = std::make_shared<Transfer>();
    t->sha256 = sha256;
    t->waiters.append(waiter);
    m_transfers.insert(sha256, t);
    begin(t);
}

void FileFetches::begin(const std::shared_ptr<Transfer> &t)
{
    // A partial file of an earlier fetch of this content goes on from where it stopped.
    t->part.setFileName(
        m_store->partialFolder() + QLatin1Char('/') + t->sha256 + QStringLiteral(".download"));
    if (!t->part.open(QIODevice::ReadWrite)) {
        FileFetch failed;
        failed.sha256 = t->sha256;
        failed.errorCode = FileFetch::LocalFailure;
        failed.error = QStringLiteral("The file cannot be written on this computer: %1")
                           .arg(t->part.errorString());
        return end(t, failed);
    }
    if (t->part.size() > 0 && t->hash.addData(&t->part)) {
        t->written = t->next = t->part.size();
        qCDebug(lcFiles) << "fetch of" << t->sha256 << "goes on from byte" << t->written;
    } else {
        t->part.resize(0);
        t->hash.reset();
    }
    request(t);
}

void FileFetches::request(const std::shared_ptr<Transfer> &t)
{
    // Until the first answer says the size, one piece; then a window of them.
    const int window = t->size < 0 ? 1 : m_window;
    const QPointer<FileFetches> self(this);
    while (t->inFlight < window && (t->size < 0 || t->next < t->size)) {
        const qint64 offset = t->next;
        const qint64 length = t->size < 0 ? kPieceBytes : qMin(kPieceBytes, t->size - offset);
        t->next += length;
        ++t->inFlight;
        // binary: each piece comes as a binary message, its bytes after the JSON.
        m_connection->rpc().call(QStringLiteral("files.read"),
            { { QStringLiteral("sha256"), t->sha256 }, { QStringLiteral("offset"), double(offset) },
                { QStringLiteral("length"), double(qMax<qint64>(1, length)) },
                { QStringLiteral("binary"), true } },
            [self, t, offset](const RpcReply &r) {
                if (self)
                    self->onPiece(t, offset, r);
            });
        if (t->size < 0)
            break;
    }
}

void FileFetches::onPiece(const std::shared_ptr<Transfer> &t, qint64 offset, const RpcReply &r)
{
    --t->inFlight;
    if (m_transfers.value(t->sha256) != t)
        return; // ended already
    FileFetch outcome;
    outcome.sha256 = t->sha256;
    if (!r.ok) {
        if (!linkUp()) {
            outcome.errorCode = FileFetch::Offline;
            outcome.error = QStringLiteral("The connection to the server was lost.");
            return end(t, outcome); // the partial file stays for the next fetch
        }
        if (r.error.code == ErrorCode::Busy) {
            // Ask for this piece again shortly.
            const QPointer<FileFetches> self(this);
            ++t->inFlight;
            QTimer::singleShot(r.error.data.value(QStringLiteral("retryAfterMs")).toInt(200), this,
                [self, t, offset] {
                    if (!self)
                        return;
                    const qint64 length
                        = t->size < 0 ? kPieceBytes : qMin(kPieceBytes, t->size - offset);
                    self->m_connection->rpc().call(QStringLiteral("files.read"),
                        { { QStringLiteral("sha256"), t->sha256 },
                            { QStringLiteral("offset"), double(offset) },
                            { QStringLiteral("length"), double(qMax<qint64>(1, length)) },
                            { QStringLiteral("binary"), true } },
                        [self, t, offset](const RpcReply &again) {
                            if (self)
                                self->onPiece(t, offset, again);
                        });
                });
            return;
        }
        if (r.error.code == ErrorCode::ValidationFailed && !t->restarted && t->inFlight == 0) {
            // The partial file is longer than the file (it was not this content): start over.
            t->restarted = true;
            t->part.resize(0);
            t->hash.reset();
            t->size = -1;
            t->written = t->next = 0;
            t->early.clear();
            return request(t);
        }
        t->part.remove();
        outcome.errorCode = int(r.error.code);
        outcome.error = r.error.message;
        return end(t, outcome);
    }
    const QJsonObject o = r.object();
    const qint64 size = qint64(o.value(QStringLiteral("size")).toDouble());
    // A binary answer carries the bytes beside the result; a text one (an older server) in data.
    const std::optional<QByteArray> bytes = o.contains(QStringLiteral("data"))
        ? Core::Text::decodeBase64(o.value(QStringLiteral("data")).toString().toLatin1())
        : std::optional<QByteArray>(r.bytes);
    const qint64 expected = qMax<qint64>(0, qMin(kPieceBytes, size - offset));
    if (!bytes || bytes->size() != expected || (t->size >= 0 && size != t->size)) {
        t->part.remove();
        outcome.errorCode = FileFetch::LocalFailure;
        outcome.error = QStringLiteral("The server sent a piece of the file that does not fit.");
        return end(t, outcome);
    }
    if (t->size < 0) {
        t->size = size;
        t->mediaType = o.value(QStringLiteral("mediaType")).toString();
        t->next = qMin(t->next, size);
    }
    if (!bytes->isEmpty())
        t->early.insert(offset, *bytes);
    // Written and hashed in order; the server may answer out of order.
    while (!t->early.isEmpty() && t->early.firstKey() == t->written) {
        const QByteArray piece = t->early.take(t->written);
        if (!t->part.seek(t->written) || t->part.write(piece) != piece.size()) {
            outcome.errorCode = FileFetch::LocalFailure;
            outcome.error = QStringLiteral("The file cannot be written on this computer: %1")
                                .arg(t->part.errorString());
            t->part.remove();
            return end(t, outcome);
        }
        t->hash.addData(piece);
        t->written += piece.size();
    }
    Q_EMIT progress(t->sha256, t->written, t->size);
    if (t->written >= t->size)
        return finish(t);
    request(t);
}

void FileFetches::finish(const std::shared_ptr<Transfer> &t)
{
    FileFetch outcome;
    outcome.sha256 = t->sha256;
    const bool flushed = t->part.flush();
    t->part.close();
    const QString actual = QString::fromLatin1(t->hash.result().toHex());
    if (!flushed || actual != t->sha256) {
        t->part.remove();
        outcome.errorCode = FileFetch::LocalFailure;
        outcome.error = flushed
            ? QStringLiteral("The file that came does not match its SHA-256 (%1).").arg(actual)
            : QStringLiteral("The file cannot be written on this computer.");
        return end(t, outcome);
    }
    QString error;
    outcome.path = m_store->adopt(t->part.fileName(), t->sha256, t->size, t->mediaType, &error);
    if (outcome.path.isEmpty()) {
        outcome.errorCode = FileFetch::LocalFailure;
        outcome.error = error;
    } else {
        qCInfo(lcFiles) << "fetched" << t->sha256 << t->size << "bytes";
        Q_EMIT stored(t->sha256);
    }
    end(t, outcome);
}

void FileFetches::end(const std::shared_ptr<Transfer> &t, const FileFetch &outcome)
{
    m_transfers.remove(t->sha256);
    if (t->part.isOpen())
        t->part.close();
    for (const Waiter &w : std::as_const(t->waiters))
        deliver(w, outcome);
    t->waiters.clear();
}

} // namespace Atiende::Client
