#include "durablefile.h"

#include <QFile>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Atiende::Server::Platform {

bool syncFile(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_WIN
    return ::_commit(file.handle()) == 0;
#elif defined(Q_OS_MACOS)
    return ::fcntl(file.handle(), F_FULLFSYNC) == 0 || ::fsync(file.handle()) == 0;
#else
    return ::fdatasync(file.handle()) == 0;
#endif
}

bool writeBehind(QFile &file, qint64 from, qint64 to)
{
#ifdef Q_OS_LINUX
    if (!file.flush())
        return false;
    const int fd = file.handle();
    // What was started before is waited for (it had a chunk's time to get written), then this
    // range is started: at most two ranges are ever in flight or dirty.
    if (from > 0
        && ::sync_file_range(fd, 0, from,
               SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER)
            != 0)
        return false;
    return to <= from || ::sync_file_range(fd, from, to - from, SYNC_FILE_RANGE_WRITE) == 0;
#else
    Q_UNUSED(file)
    Q_UNUSED(from)
    Q_UNUSED(to)
    return true;
#endif
}

bool syncDirectory(const QString &path)
{
#ifdef Q_OS_WIN
    Q_UNUSED(path);
    return true;
#else
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#endif
}

} // namespace Atiende::Server::Platform
