#pragma once
// Standard base64 (RFC 4648, "+/" alphabet, "=" padding) decoded four characters at a time
// through a table. Files on tickets travel as base64 in JSON-RPC, and QByteArray::fromBase64
// (Qt 6.4) decodes a character at a time with branches: on this machine it was the upload
// worker's largest cost, three times the SHA-256 (docs/performance.md, "Files").

#include <QByteArray>
#include <optional>

namespace Atiende::Core::Text {

// The bytes, or nullopt when the text is not canonical base64 (a length that is not a
// multiple of four, a character outside the alphabet, padding anywhere but at the end).
std::optional<QByteArray> decodeBase64(const QByteArray &text);

// How many bytes decodeBase64 gives for this text, read from its length and padding alone
// (the characters are not checked); -1 when the length is not a multiple of four.
qint64 base64DecodedSize(const QByteArray &text);

} // namespace Atiende::Core::Text
