#pragma once
// Making a file, and the folder entry that names it, survive a power cut: the one place that
// knows how each system does it (fsync on POSIX systems, FlushFileBuffers on Windows).

#include <QString>

class QFile;

namespace Atiende::Server::Platform {

// Flushes the file's data to the device. False when the system says it failed.
bool syncFile(QFile &file);
// Writes [from, to) of the file to the device as it streams in, so that the final syncFile has
// little left to do and a large file never sits in memory as one burst of dirty pages that a
// later sync pushes out at once, delaying every other sync on the disk (the database's
// commits). Starts writing [from, to) and waits for what was started before `from`. Only where
// the system offers it (Linux's sync_file_range); elsewhere a no-op returning true.
bool writeBehind(QFile &file, qint64 from, qint64 to);
// Flushes a folder's entries, so a rename or a new file in it is durable (no-op on Windows,
// where the file system journals it).
bool syncDirectory(const QString &path);

} // namespace Atiende::Server::Platform
