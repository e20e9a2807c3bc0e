#pragma once
// Making a file, and the folder entry that names it, survive a power cut: the one place that
// knows how each system does it (fsync on POSIX systems, FlushFileBuffers on Windows).

#include <QString>

class QFile;

namespace Atiende::Server::Platform {

// Flushes the file's data to the device. False when the system says it failed.
bool syncFile(QFile &file);
// Flushes a folder's entries, so a rename or a new file in it is durable (no-op on Windows,
// where the file system journals it).
bool syncDirectory(const QString &path);

} // namespace Atiende::Server::Platform
