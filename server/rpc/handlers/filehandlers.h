#pragma once
// Files on tickets over the protocol: files.upload (start or resume an upload), files.upload.
// chunk (its bytes, in order, a few at a time) and files.read (a piece of a file, by its hash,
// for whoever may see a ticket that carries it). docs/protocol.md, "Files". The bytes are
// written and hashed on the upload worker (UploadSessions) and read on a reader thread; the
// main thread only decodes and routes.

#include "handlerunit.h"

#include "server/files/uploadsessions.h"

namespace Atiende::Server {

struct FileRecord;
struct UploadRecord;

class FileHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

    static constexpr int kMaxOpenUploadsPerAgent = 32;

private:
    void upload(CallContext &, const QJsonObject &, const Reply &);
    void chunk(CallContext &, const QJsonObject &, const Reply &);
    void read(CallContext &, const QJsonObject &, const Reply &);
    // The same, in binary messages (docs/protocol.md, "Binary frames").
    void chunkBinary(CallContext &, const QJsonObject &, const BinaryPayload &, const Reply &);
    void readBinary(CallContext &, const QJsonObject &, const BinaryPayload &, const Reply &);
    void writeChunk(CallContext &c, const QString &uploadId, qint64 offset,
        UploadSessions::ChunkBytes bytes, const Reply &reply);
    void readPiece(CallContext &c, const QJsonObject &params, bool binary, const Reply &reply);

    // The upload's bytes are all there and in place: its row, then the answer.
    void complete(const UploadRecord &upload, const FileRecord &file, const Reply &reply);
    QJsonObject state(const UploadRecord &upload, qint64 received) const;
};

} // namespace Atiende::Server
