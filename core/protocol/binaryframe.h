#pragma once
// Binary WebSocket messages (docs/protocol.md, "Binary frames"): a 4-byte big-endian length N,
// N bytes of a UTF-8 JSON-RPC message (a request, or the response to one) without its file
// bytes, then the raw file bytes. Used by files.upload.chunk and files.read so that file bytes
// skip base64, JSON and the UTF-16 of text frames. Pure: no I/O.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Atiende::Core::Protocol {

// The JSON part of a binary message has at most this many bytes; a binary message may carry
// at most this plus a chunk (chunkBytes) in all.
constexpr qint64 kMaxBinaryHeaderBytes = 16 * 1024;

namespace BinaryFrame {

// Splits a binary message: header is the JSON part (sharing message's bytes, no copy),
// payloadOffset where the file bytes begin. False with why when the length prefix is missing,
// larger than kMaxBinaryHeaderBytes or past the message's end.
bool split(const QByteArray &message, QByteArray *header, qsizetype *payloadOffset, QString *why);
// The message of header (a JSON-RPC frame) followed by bytes.
QByteArray make(const QByteArray &header, QByteArrayView bytes);

} // namespace BinaryFrame

} // namespace Atiende::Core::Protocol
