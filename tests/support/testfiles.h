#pragma once
// Bytes for tests of files on tickets: reproducible random content of any size (so a file
// neither compresses nor repeats a chunk) and the SHA-256 its content is named by.

#include <QByteArray>
#include <QString>

namespace Atiende::Test {

QByteArray randomBytes(qint64 size, quint32 seed);
// 64 lowercase hexadecimal digits, as the protocol writes a file's hash.
QString sha256Hex(const QByteArray &bytes);

} // namespace Atiende::Test
