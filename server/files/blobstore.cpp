#include "blobstore.h"

#include "server/logging.h"
#include "server/platform/durablefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace Atiende::Server {

namespace {
const QString kPartial = QStringLiteral("partial");
}

BlobStore::BlobStore(QString root)
    : m_root(std::move(root))
{
}

bool BlobStore::prepare(QString *error)
{
    if (!QDir().mkpath(QDir(m_root).filePath(kPartial))) {
        *error = QStringLiteral("cannot make the files folder %1").arg(m_root);
        return false;
    }
    return true;
}

QString BlobStore::pathOf(const QString &sha256) const
{
    return QStringLiteral("%1/%2/%3/%4").arg(m_root, sha256.left(2), sha256.mid(2, 2), sha256);
}

QString BlobStore::partPathOf(const QString &uploadId) const
{
    const QByteArray name
        = QCryptographicHash::hash(uploadId.toUtf8(), QCryptographicHash::Sha256).toHex().left(40);
    return QStringLiteral("%1/%2/%3.part").arg(m_root, kPartial, QString::fromLatin1(name));
}

bool BlobStore::contains(const QString &sha256) const
{
    return QFileInfo::exists(pathOf(sha256));
}

void BlobStore::beginPlacing(const QString &sha256)
{
    QMutexLocker lock(&m_mutex);
    ++m_placing[sha256];
}

void BlobStore::endPlacing(const QString &sha256)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_placing.find(sha256);
    if (it != m_placing.end() && --it.value() <= 0)
        m_placing.erase(it);
}

bool BlobStore::place(const QString &partPath, const QString &sha256, QString *error)
{
    const QString target = pathOf(sha256);
    const QString folder = QFileInfo(target).path();
    QMutexLocker lock(&m_mutex);
    if (QFileInfo::exists(target)) {
        QFile::remove(partPath); // the same content is already kept
        return true;
    }
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("cannot make %1").arg(folder);
        return false;
    }
    // rename(2) replaces atomically; QFile::rename refuses an existing target, which we ruled
    // out above under the lock.
    if (!QFile::rename(partPath, target)) {
        *error = QStringLiteral("cannot move %1 to %2").arg(partPath, target);
        return false;
    }
    if (!Platform::syncDirectory(folder) || !Platform::syncDirectory(QFileInfo(folder).path())) {
        *error = QStringLiteral("cannot sync %1").arg(folder);
        return false;
    }
    return true;
}

bool BlobStore::remove(const QString &sha256)
{
    QMutexLocker lock(&m_mutex);
    if (m_placing.contains(sha256))
        return false;
    return QFile::remove(pathOf(sha256));
}

int BlobStore::sweep(const QSet<QString> &storedHashes, const QSet<QString> &openUploadIds)
{
    int deleted = 0;
    QSet<QString> keepParts;
    for (const QString &id : openUploadIds)
        keepParts << QFileInfo(partPathOf(id)).fileName();
    QDirIterator it(m_root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const bool partial = info.dir().dirName() == kPartial;
        const bool keep = partial ? keepParts.contains(info.fileName())
                                  : storedHashes.contains(info.fileName());
        if (!keep && QFile::remove(path)) {
            ++deleted;
            qCInfo(lcStore).noquote() << "files: deleted" << path << "(no row names it)";
        }
    }
    return deleted;
}

} // namespace Atiende::Server
