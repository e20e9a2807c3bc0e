#include "filehandlers.h"

#include "server/files/blobstore.h"
#include "server/files/uploadsessions.h"
#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/files/filerules.h"
#include "core/protocol/protocol.h"

#include <QFile>
#include <QPointer>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {

RpcError refusal(
    ErrorCode code, const QString &message, const QString &field, const QJsonObject &more = {})
{
    return JsonRpc::makeError(code, message, field.isEmpty() ? more : onField(field, more));
}

QJsonObject fileJson(const FileRecord &f, const QString &name)
{
    return Attachment { f.sha256, name, f.size, f.mediaType }.toJson();
}

} // namespace

void FileHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("files.upload"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &FileHandlers::upload));
    d.add(QStringLiteral("files.upload.chunk"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &FileHandlers::chunk));
    d.add(QStringLiteral("files.read"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &FileHandlers::read));
    d.addBinary(QStringLiteral("files.upload.chunk"),
        [this](CallContext &c, const QJsonObject &params, const BinaryPayload &payload,
            const Reply &reply) { chunkBinary(c, params, payload, reply); });
    d.addBinary(QStringLiteral("files.read"),
        [this](CallContext &c, const QJsonObject &params, const BinaryPayload &payload,
            const Reply &reply) { readBinary(c, params, payload, reply); });
}

QJsonObject FileHandlers::state(const UploadRecord &u, qint64 received) const
{
    const FileLimits &limits = m_s.config.files;
    return QJsonObject { { QStringLiteral("uploadId"), u.id }, { QStringLiteral("name"), u.name },
        { QStringLiteral("size"), double(u.size) },
        { QStringLiteral("received"), double(received) }, { QStringLiteral("complete"), false },
        { QStringLiteral("chunkBytes"), limits.chunkBytes },
        { QStringLiteral("window"), limits.window } };
}

void FileHandlers::upload(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString uploadId = p.string(QStringLiteral("uploadId"), true, 64);
    const QString givenName = p.string(QStringLiteral("name"), true, 4096);
    const qint64 size = p.integer(QStringLiteral("size"), true, 0, 9007199254740991LL);
    const QString sha256 = p.string(QStringLiteral("sha256"), true, 64);
    if (!p.ok())
        return reply.error(p.error());
    UploadSessions *uploads = m_s.uploads.get();
    if (!uploads)
        return reply.error(JsonRpc::makeError(ErrorCode::InternalError));
    const FileLimits &limits = m_s.config.files;
    if (uploadId.isEmpty())
        return reply.error(refusal(ErrorCode::InvalidParams,
            QStringLiteral("\"uploadId\" must have 1 to 64 characters."), QString(),
            { { QStringLiteral("param"), QStringLiteral("uploadId") } }));
    if (!Files::isSha256(sha256))
        return reply.error(refusal(ErrorCode::ValidationFailed,
            QStringLiteral("\"sha256\" must be the content's SHA-256 as 64 lowercase hexadecimal "
                           "digits."),
            QStringLiteral("sha256")));
    const QString name = Files::sanitiseName(givenName);
    if (name.isEmpty())
        return reply.error(refusal(ErrorCode::ValidationFailed,
            QStringLiteral("The file name is empty once folders and control characters are "
                           "taken out."),
            QStringLiteral("name")));
    if (size > limits.maxFileBytes)
        return reply.error(refusal(ErrorCode::ValidationFailed,
            QStringLiteral("The file is larger than the %1 MiB a file may have.")
                .arg(double(limits.maxFileBytes) / (1024 * 1024)),
            QStringLiteral("size"), { { QStringLiteral("limit"), double(limits.maxFileBytes) } }));

    const Caller caller = c.caller;
    if (const auto open = uploads->record(uploadId)) {
        // A client resuming after its connection dropped: where the upload stands.
        if (open->agentId != caller.agentId || open->size != size || open->sha256 != sha256)
            return reply.error(refusal(ErrorCode::ValidationFailed,
                QStringLiteral("The upload id %1 is already used for another file.").arg(uploadId),
                QStringLiteral("uploadId")));
        return reply.result(state(*open, uploads->progress(uploadId)->accepted));
    }
    if (uploads->openCount(caller.agentId) >= kMaxOpenUploadsPerAgent)
        return reply.error(JsonRpc::makeError(ErrorCode::Busy,
            QStringLiteral("You have %1 uploads under way; finish or abandon some first.")
                .arg(kMaxOpenUploadsPerAgent),
            { { QStringLiteral("retryAfterMs"), 1000 } }));

    // The database decides: a new upload, one to resume, or one already done.
    const qint64 keepMs = limits.keepMs;
    Reply next([this, reply, uploadId, uploads](const QJsonValue &result, const RpcError *error) {
        if (error)
            return reply.error(*error);
        const QJsonObject o = result.toObject();
        UploadRecord u;
        u.id = uploadId;
        u.agentId = qint64(o.value(QStringLiteral("agentId")).toDouble());
        u.name = o.value(QStringLiteral("name")).toString();
        u.size = qint64(o.value(QStringLiteral("size")).toDouble());
        u.sha256 = o.value(QStringLiteral("sha256")).toString();
        u.expiresAt = qint64(o.value(QStringLiteral("expiresAt")).toDouble());
        if (o.contains(QStringLiteral("file"))) {
            QJsonObject done = state(u, u.size);
            done.insert(QStringLiteral("complete"), true);
            done.insert(QStringLiteral("file"), o.value(QStringLiteral("file")));
            return reply.result(done);
        }
        uploads->open(u, [this, reply, u, uploads](qint64 received, const QString &why) {
            if (received < 0)
                return reply.error(JsonRpc::makeError(ErrorCode::InternalError,
                    QStringLiteral("The upload could not be opened: %1").arg(why)));
            if (u.size > 0)
                return reply.result(state(u, received));
            // An empty file: nothing to send, it is complete now.
            uploads->append(u.id, u.agentId, 0, UploadSessions::ChunkBytes::fromBase64({}),
                [this, reply, u](const UploadSessions::ChunkOutcome &out) {
                    if (!out.file)
                        return reply.error(JsonRpc::makeError(ErrorCode::InternalError,
                            QStringLiteral("The file could not be kept.")));
                    complete(u, *out.file, reply);
                });
        });
    });
    m_ops.write(c, next, QStringLiteral("files.upload"), QString(),
        [caller, uploadId, name, size, sha256, keepMs](Store &s) -> OpResult {
            AttachmentStore &files = s.attachments();
            const qint64 now = Timestamp::now();
            std::optional<UploadRecord> u = files.upload(uploadId);
            if (u && (u->agentId != caller.agentId || u->size != size || u->sha256 != sha256))
                return OpResult::failure(ErrorCode::ValidationFailed,
                    QStringLiteral("The upload id %1 is already used for another file.")
                        .arg(uploadId),
                    { { QStringLiteral("field"), QStringLiteral("uploadId") } });
            std::optional<FileRecord> file;
            if (u && u->completedAt > 0)
                file = files.file(sha256);
            if (u && (u->expiresAt <= now || (u->completedAt > 0 && !file))) {
                // Too old to resume, or its file was collected: start it over.
                if (!files.forgetUpload(uploadId))
                    return OpResult::failure(ErrorCode::InternalError);
                u.reset();
            }
            if (!u) {
                u = UploadRecord { uploadId, caller.agentId, name, size, sha256, now, 0,
                    now + keepMs };
                if (!files.insertUpload(*u))
                    return OpResult::failure(ErrorCode::InternalError);
            }
            QJsonObject o { { QStringLiteral("agentId"), double(u->agentId) },
                { QStringLiteral("name"), u->name }, { QStringLiteral("size"), double(u->size) },
                { QStringLiteral("sha256"), u->sha256 },
                { QStringLiteral("expiresAt"), double(u->expiresAt) } };
            if (u->completedAt > 0 && file)
                o.insert(QStringLiteral("file"), fileJson(*file, u->name));
            return OpResult::success(o);
        });
}

void FileHandlers::chunk(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    const FileLimits &limits = m_s.config.files;
    Params p(params);
    const QString uploadId = p.string(QStringLiteral("uploadId"), true, 64);
    const qint64 offset = p.integer(QStringLiteral("offset"), true, 0, 9007199254740991LL);
    const QString data
        = p.string(QStringLiteral("data"), true, (limits.chunkBytes + 2) / 3 * 4 + 4);
    if (!p.ok())
        return reply.error(p.error());
    writeChunk(c, uploadId, offset, UploadSessions::ChunkBytes::fromBase64(data.toLatin1()), reply);
}

void FileHandlers::chunkBinary(
    CallContext &c, const QJsonObject &params, const BinaryPayload &payload, const Reply &reply)
{
    Params p(params);
    const QString uploadId = p.string(QStringLiteral("uploadId"), true, 64);
    const qint64 offset = p.integer(QStringLiteral("offset"), true, 0, 9007199254740991LL);
    if (!p.ok())
        return reply.error(p.error());
    if (params.contains(QStringLiteral("data")))
        return reply.error(refusal(ErrorCode::InvalidParams,
            QStringLiteral("A chunk in a binary message carries its bytes after the JSON, not in "
                           "\"data\"."),
            QString(), { { QStringLiteral("param"), QStringLiteral("data") } }));
    writeChunk(c, uploadId, offset,
        UploadSessions::ChunkBytes::raw(payload.message, payload.offset), reply);
}

void FileHandlers::writeChunk(CallContext &c, const QString &uploadId, qint64 offset,
    UploadSessions::ChunkBytes bytes, const Reply &reply)
{
    const FileLimits &limits = m_s.config.files;
    UploadSessions *uploads = m_s.uploads.get();
    if (!uploads)
        return reply.error(JsonRpc::makeError(ErrorCode::InternalError));
    auto release = m_ops.admit(c, reply, false);
    if (!release)
        return;
    const std::optional<UploadRecord> upload = uploads->record(uploadId);
    uploads->append(uploadId, c.caller.agentId, offset, std::move(bytes),
        [this, reply, release = *release, upload, limits](const UploadSessions::ChunkOutcome &out) {
            release();
            using E = UploadSessions::ChunkError;
            switch (out.error) {
            case E::None:
                break;
            case E::NotOpen:
                return reply.error(refusal(ErrorCode::NotFound,
                    QStringLiteral("No upload with this id is under way; call files.upload to "
                                   "start or resume it."),
                    QStringLiteral("uploadId")));
            case E::Offset:
                return reply.error(refusal(ErrorCode::ValidationFailed,
                    QStringLiteral("The upload stands at byte %1; send the chunk that starts "
                                   "there.")
                        .arg(out.progress.accepted),
                    QStringLiteral("offset"),
                    { { QStringLiteral("expected"), double(out.progress.accepted) } }));
            case E::TooLarge:
                return reply.error(refusal(ErrorCode::ValidationFailed,
                    QStringLiteral("A chunk carries 1 to %1 bytes and may not go past the "
                                   "file's size.")
                        .arg(limits.chunkBytes),
                    QStringLiteral("data"), { { QStringLiteral("limit"), limits.chunkBytes } }));
            case E::Busy:
                return reply.error(JsonRpc::makeError(ErrorCode::Busy,
                    QStringLiteral("%1 chunks of this upload are being written; wait for their "
                                   "answers.")
                        .arg(limits.window),
                    { { QStringLiteral("retryAfterMs"), 50 } }));
            case E::Hash:
                return reply.error(refusal(ErrorCode::ValidationFailed,
                    QStringLiteral("The content's SHA-256 is %1, not the one the upload "
                                   "announced; the upload was discarded.")
                        .arg(out.message),
                    QStringLiteral("sha256"), { { QStringLiteral("actual"), out.message } }));
            case E::BadData:
                return reply.error(refusal(ErrorCode::ValidationFailed,
                    out.message.isEmpty()
                        ? QStringLiteral("\"data\" is not base64.")
                        : QStringLiteral("\"data\" is not base64; the upload was discarded: "
                                         "call files.upload to start it again."),
                    QStringLiteral("data")));
            case E::Write:
            case E::Place:
                return reply.error(JsonRpc::makeError(ErrorCode::InternalError,
                    QStringLiteral("The server could not write the file; send it again.")));
            }
            if (out.file && upload)
                return complete(*upload, *out.file, reply);
            reply.result(
                QJsonObject { { QStringLiteral("received"), double(out.progress.received) },
                    { QStringLiteral("complete"), false } });
        });
}

void FileHandlers::complete(const UploadRecord &u, const FileRecord &file, const Reply &reply)
{
    // Whoever asked may be gone: the row is written all the same, so that a resume finds the
    // upload done. Not through Operations (which answers a caller): straight to the writer.
    UploadSessions *uploads = m_s.uploads.get();
    if (!m_s.writer || !uploads)
        return reply.error(JsonRpc::makeError(ErrorCode::InternalError));
    const qint64 expiresAt = file.createdAt + m_s.config.files.keepMs;
    WriteJob job;
    job.apply = [u, file, expiresAt](Store &s) {
        return s.attachments().completeUpload(u.id, file, expiresAt)
            ? OpResult::success(QJsonValue())
            : OpResult::failure(ErrorCode::InternalError);
    };
    QPointer<UploadSessions> guard(uploads);
    job.done = [this, u, file, reply, guard](const OpResult &r) {
        if (guard)
            guard->placed(u.id, file.sha256);
        if (!r.ok)
            return reply.error(r.error);
        QJsonObject done = state(u, u.size);
        done.insert(QStringLiteral("complete"), true);
        done.insert(QStringLiteral("file"), fileJson(file, u.name));
        reply.result(done);
    };
    m_s.writer->submit(std::move(job));
}

void FileHandlers::read(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    readPiece(c, params, false, reply);
}

void FileHandlers::readBinary(
    CallContext &c, const QJsonObject &params, const BinaryPayload &payload, const Reply &reply)
{
    if (payload.size() > 0)
        return reply.error(refusal(ErrorCode::InvalidParams,
            QStringLiteral("files.read takes no bytes after its JSON."), QString(),
            { { QStringLiteral("param"), QStringLiteral("data") } }));
    readPiece(c, params, true, reply);
}

void FileHandlers::readPiece(
    CallContext &c, const QJsonObject &params, bool binary, const Reply &reply)
{
    const FileLimits &limits = m_s.config.files;
    Params p(params);
    const bool asked = p.boolean(QStringLiteral("binary"), false);
    const QString sha256 = p.string(QStringLiteral("sha256"), true, 64);
    const qint64 offset = p.integer(QStringLiteral("offset"), false, 0, 9007199254740991LL, 0);
    const qint64 length
        = p.integer(QStringLiteral("length"), false, 1, limits.chunkBytes, limits.chunkBytes);
    if (!p.ok())
        return reply.error(p.error());
    if (!Files::isSha256(sha256))
        return reply.error(refusal(ErrorCode::ValidationFailed,
            QStringLiteral("\"sha256\" must be 64 lowercase hexadecimal digits."),
            QStringLiteral("sha256")));
    BlobStore *blobs = m_s.blobs.get();
    if (!blobs)
        return reply.error(JsonRpc::makeError(ErrorCode::InternalError));
    binary = binary || asked;
    if (binary && !reply.canSendBinary())
        return reply.error(refusal(ErrorCode::InvalidParams,
            QStringLiteral("This connection cannot carry binary answers."), QString(),
            { { QStringLiteral("param"), QStringLiteral("binary") } }));
    const Caller caller = c.caller;
    const QString path = blobs->pathOf(sha256);
    // A binary answer: the bytes read on the reader thread go beside the result, not in it.
    auto bytesOut = binary ? std::make_shared<QByteArray>() : std::shared_ptr<QByteArray>();
    const Reply answer = !binary
        ? reply
        : Reply([reply, bytesOut](const QJsonValue &result, const RpcError *error) {
              if (error)
                  return reply.error(*error);
              reply.binaryResult(result, *bytesOut);
          });
    m_ops.read(c, answer, [caller, sha256, offset, length, path, bytesOut](Store &s) -> OpResult {
        switch (s.attachments().access(caller, sha256)) {
        case AttachmentStore::Access::NoSuchFile:
            return OpResult::failure(
                ErrorCode::NotFound, QStringLiteral("There is no file with this SHA-256."));
        case AttachmentStore::Access::Forbidden:
            return OpResult::failure(
                ErrorCode::Forbidden, QStringLiteral("The file is on no ticket you may see."));
        case AttachmentStore::Access::Allowed:
            break;
        }
        const std::optional<FileRecord> f = s.attachments().file(sha256);
        if (!f)
            return OpResult::failure(ErrorCode::NotFound);
        if (offset > f->size)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("The file has %1 bytes; offset %2 is past its end.")
                    .arg(f->size)
                    .arg(offset),
                { { QStringLiteral("field"), QStringLiteral("offset") } });
        QFile file(path);
        QByteArray bytes;
        if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)
            || (bytes = file.read(length)).size() != qMin(length, f->size - offset))
            return OpResult::failure(
                ErrorCode::InternalError, QStringLiteral("The server could not read the file."));
        QJsonObject result { { QStringLiteral("sha256"), sha256 },
            { QStringLiteral("size"), double(f->size) },
            { QStringLiteral("mediaType"), f->mediaType },
            { QStringLiteral("offset"), double(offset) },
            { QStringLiteral("eof"), offset + bytes.size() >= f->size } };
        if (bytesOut)
            *bytesOut = std::move(bytes);
        else
            result.insert(QStringLiteral("data"), QString::fromLatin1(bytes.toBase64()));
        return OpResult::success(result);
    });
}

} // namespace Atiende::Server
