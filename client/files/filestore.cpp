#include "filestore.h"

#include "client/cache/localcache.h"
#include "client/logging.h"

#include "core/files/filerules.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QUuid>

namespace Atiende::Client {

namespace {

constexpr qint64 kCopyBlock = 1024 * 1024;
// What partial/ holds: files being attached (useless after a crash) and downloads (".download",
// resumed by the next fetch of their content).
const QString kAttachSuffix = QStringLiteral(".attach");

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024 * 1024), 'g', 4);
}

qint64 modifiedAt(const QString &path)
{
    return QFileInfo(path).lastModified().toMSecsSinceEpoch();
}

// The content's SHA-256, read in blocks; empty when it cannot be read.
QString hashOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return QString();
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

FileStore::FileStore(LocalCache *cache)
    : m_cache(cache)
    , m_folder(cache->path() + QStringLiteral(".files"))
{
    QDir().mkpath(partialFolder());
    reconcile();
}

QString FileStore::partialFolder() const
{
    return m_folder + QStringLiteral("/partial");
}

QString FileStore::pathOf(const QString &sha256) const
{
    return QStringLiteral("%1/%2/%3").arg(m_folder, sha256.left(2), sha256);
}

QString FileStore::mediaTypeOf(const QByteArray &head)
{
    return QMimeDatabase().mimeTypeForData(head.left(kHeadBytes)).name();
}

void FileStore::reconcile()
{
    // Half-copied attachments a crash left behind, and downloads nobody went on with for a week.
    const QDateTime weekAgo = QDateTime::currentDateTimeUtc().addDays(-7);
    const QFileInfoList partial = QDir(partialFolder()).entryInfoList(QDir::Files);
    for (const QFileInfo &info : partial) {
        if (info.fileName().endsWith(kAttachSuffix) || info.lastModified() < weekAgo)
            QFile::remove(info.filePath());
    }
    // Copies without a record: the cache file was rebuilt (a reply rescued from the old one may
    // still need them). Recorded as the least recently used, with no modification time, so
    // that the first use hashes them again.
    QDirIterator it(m_folder, QDir::Files, QDirIterator::Subdirectories);
    FileRows &rows = m_cache->files();
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString sha = info.fileName();
        if (info.dir().dirName() == QLatin1String("partial"))
            continue;
        if (!Core::Files::isSha256(sha) || info.dir().dirName() != sha.left(2)) {
            QFile::remove(path);
            continue;
        }
        if (rows.held(sha))
            continue;
        QFile f(path);
        const QByteArray head = f.open(QIODevice::ReadOnly) ? f.read(kHeadBytes) : QByteArray();
        if (rows.hold(HeldFile { sha, info.size(), mediaTypeOf(head), 0, false, 0 }))
            qCInfo(lcFiles) << "recorded a copy found without a record:" << sha;
    }
}

std::optional<Core::Attachment> FileStore::addFile(
    const QString &path, qint64 maxBytes, QString *error)
{
    const QFileInfo info(path);
    const QString name = Core::Files::sanitiseName(info.fileName());
    if (!info.exists() || !info.isFile()) {
        *error = QStringLiteral("%1 is not a file.").arg(path);
        return std::nullopt;
    }
    if (name.isEmpty()) {
        *error = QStringLiteral("The file has no usable name.");
        return std::nullopt;
    }
    if (info.size() > maxBytes) {
        *error = QStringLiteral("The file is larger than the %1 MiB a file may have.")
                     .arg(mib(maxBytes));
        return std::nullopt;
    }
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1 cannot be read: %2").arg(path, source.errorString());
        return std::nullopt;
    }
    const QString temp = partialFolder() + QLatin1Char('/')
        + QUuid::createUuid().toString(QUuid::WithoutBraces) + kAttachSuffix;
    QFile copy(temp);
    if (!copy.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("The file cannot be copied into the console's store: %1")
                     .arg(copy.errorString());
        return std::nullopt;
    }
    // One block at a time: hashed, copied, the first bytes kept to tell the type by.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray head;
    QByteArray block(kCopyBlock, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = source.read(block.data(), block.size());
        if (n < 0) {
            *error = QStringLiteral("%1 cannot be read: %2").arg(path, source.errorString());
            break;
        }
        if (n == 0)
            break;
        total += n;
        if (total > maxBytes) {
            *error = QStringLiteral("The file is larger than the %1 MiB a file may have.")
                         .arg(mib(maxBytes));
            break;
        }
        const QByteArrayView piece(block.constData(), n);
        hash.addData(piece);
        if (head.size() < kHeadBytes)
            head += piece.first(qMin<qint64>(n, kHeadBytes - head.size()));
        if (copy.write(block.constData(), n) != n) {
            *error = QStringLiteral("The file cannot be copied into the console's store: %1")
                         .arg(copy.errorString());
            break;
        }
    }
    copy.close();
    if (!error->isEmpty() || copy.error() != QFileDevice::NoError) {
        if (error->isEmpty())
            *error = copy.errorString();
        QFile::remove(temp);
        return std::nullopt;
    }
    const QString sha = QString::fromLatin1(hash.result().toHex());
    const QString mediaType = mediaTypeOf(head);
    if (place(temp, sha, total, mediaType, error).isEmpty())
        return std::nullopt;
    return Core::Attachment { sha, name, total, mediaType };
}

std::optional<Core::Attachment> FileStore::addData(
    const QByteArray &bytes, const QString &givenName, qint64 maxBytes, QString *error)
{
    const QString name = Core::Files::sanitiseName(givenName);
    if (name.isEmpty()) {
        *error = QStringLiteral("The file has no usable name.");
        return std::nullopt;
    }
    if (bytes.size() > maxBytes) {
        *error = QStringLiteral("The file is larger than the %1 MiB a file may have.")
                     .arg(mib(maxBytes));
        return std::nullopt;
    }
    const QString temp = partialFolder() + QLatin1Char('/')
        + QUuid::createUuid().toString(QUuid::WithoutBraces) + kAttachSuffix;
    QFile copy(temp);
    if (!copy.open(QIODevice::WriteOnly | QIODevice::Truncate) || copy.write(bytes) != bytes.size()
        || !copy.flush()) {
        *error = QStringLiteral("The file cannot be written into the console's store: %1")
                     .arg(copy.errorString());
        copy.close();
        QFile::remove(temp);
        return std::nullopt;
    }
    copy.close();
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const QString mediaType = mediaTypeOf(bytes);
    if (place(temp, sha, bytes.size(), mediaType, error).isEmpty())
        return std::nullopt;
    return Core::Attachment { sha, name, bytes.size(), mediaType };
}

QString FileStore::adopt(const QString &partialPath, const QString &sha256, qint64 size,
    const QString &mediaType, QString *error)
{
    return place(partialPath, sha256, size, mediaType, error);
}

QString FileStore::place(const QString &temp, const QString &sha256, qint64 size,
    const QString &mediaType, QString *error)
{
    const QString target = pathOf(sha256);
    QDir().mkpath(QFileInfo(target).absolutePath());
    if (!copyOf(sha256, false).isEmpty()) {
        QFile::remove(temp); // the same content is held already
    } else {
        QFile::remove(target); // a stale copy that no longer hashes right, if any
        if (!QFile::rename(temp, target)) {
            *error = QStringLiteral("The file cannot be put into the console's store.");
            QFile::remove(temp);
            return QString();
        }
    }
    const std::optional<HeldFile> before = m_cache->files().held(sha256);
    if (!m_cache->files().hold(HeldFile {
            sha256, size, mediaType, 0, before && before->pinned, modifiedAt(target) })) {
        *error = QStringLiteral("The console's cache cannot record the file.");
        return QString();
    }
    return target;
}

QString FileStore::copyOf(const QString &sha256, bool markUsed)
{
    FileRows &rows = m_cache->files();
    const std::optional<HeldFile> held = rows.held(sha256);
    if (!held)
        return QString();
    const QString path = pathOf(sha256);
    const QFileInfo info(path);
    if (!info.isFile() || info.size() != held->size) {
        qCWarning(lcFiles) << "the copy of" << sha256 << "is gone or changed size; not held";
        drop(sha256);
        return QString();
    }
    if (info.lastModified().toMSecsSinceEpoch() != held->modifiedAt) {
        // Written to since it was stored (or found without a record): is it still itself?
        if (hashOf(path) != sha256) {
            qCWarning(lcFiles) << "the copy of" << sha256 << "no longer hashes right; not held";
            drop(sha256);
            return QString();
        }
        HeldFile checked = *held;
        checked.modifiedAt = info.lastModified().toMSecsSinceEpoch();
        rows.hold(checked);
    } else if (markUsed) {
        rows.touch(sha256);
    }
    return path;
}

void FileStore::markOpened(const QString &sha256, bool offline)
{
    if (copyOf(sha256, true).isEmpty())
        return;
    if (offline)
        m_cache->files().pin(sha256);
}

void FileStore::unpinAll()
{
    m_cache->files().unpinAll();
}

qint64 FileStore::size()
{
    return m_cache->files().heldBytes();
}

qint64 FileStore::limit()
{
    bool ok = false;
    const qint64 v = m_cache->meta(QStringLiteral("setting.") + limitSetting()).toLongLong(&ok);
    return ok && v >= 0 ? v : kDefaultLimit;
}

void FileStore::setLimit(qint64 bytes)
{
    m_cache->setMeta(
        QStringLiteral("setting.") + limitSetting(), QString::number(qMax<qint64>(0, bytes)));
    evict();
}

QStringList FileStore::evict(const QString &keep)
{
    QStringList gone;
    const qint64 cap = limit();
    qint64 total = size();
    if (total <= cap)
        return gone;
    for (const HeldFile &f : m_cache->files().evictable()) {
        if (total <= cap)
            break;
        if (f.sha256 == keep)
            continue;
        drop(f.sha256);
        total -= f.size;
        gone << f.sha256;
    }
    if (!gone.isEmpty())
        qCInfo(lcFiles).nospace() << "evicted " << gone.size() << " files past the cap of " << cap
                                  << " bytes; " << total << " bytes held";
    return gone;
}

bool FileStore::release(const QString &sha256)
{
    if (m_cache->files().isNeeded(sha256))
        return false;
    drop(sha256);
    return true;
}

void FileStore::drop(const QString &sha256)
{
    QFile::remove(pathOf(sha256));
    m_cache->files().forget(sha256);
}

} // namespace Atiende::Client
