#include "thumbnails.h"

#include "workspace/workspace.h"

#include "core/files/filerules.h"

#include <QFutureWatcher>
#include <QImageReader>
#include <QtConcurrent/QtConcurrentRun>

namespace Atiende::Ui {

Thumbnails::Thumbnails(Client::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_images(32 * 1024) // 32 MiB of thumbnails
{
}

Thumbnails::~Thumbnails() = default;

bool Thumbnails::hasThumbnail(const Core::Attachment &file)
{
    return Core::Files::isPreviewableImage(file.mediaType) && file.size > 0;
}

QImage Thumbnails::make(const QString &path, qreal devicePixelRatio)
{
    QImageReader reader(path);
    reader.setAutoTransform(true); // phone photos carry their rotation in EXIF
    QSize size = reader.size();
    if (!size.isValid())
        return QImage();
    const QSize box = kMaxSize * devicePixelRatio;
    if (size.width() > box.width() || size.height() > box.height())
        size.scale(box, Qt::KeepAspectRatio);
    reader.setScaledSize(size); // JPEG decodes at the smaller size directly
    QImage image = reader.read();
    if (image.isNull())
        return image;
    if (image.width() > box.width() || image.height() > box.height())
        image = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    image.setDevicePixelRatio(devicePixelRatio);
    return image;
}

QImage Thumbnails::thumbnail(const Core::Attachment &file, qreal dpr)
{
    if (!hasThumbnail(file))
        return QImage();
    if (const QImage *cached = m_images.object(file.sha256))
        return *cached;
    if (m_working.contains(file.sha256) || m_failed.contains(file.sha256) || !m_workspace)
        return QImage();
    const QString path = m_workspace->cachedFile(file.sha256);
    if (!path.isEmpty()) {
        decode(file.sha256, path, dpr);
        return QImage();
    }
    if (file.size > kAutoFetchBytes)
        return QImage(); // the agent opens it when they want it
    m_working.insert(file.sha256);
    m_workspace->fetchFile(file.sha256, this, [this, dpr](const Client::FileFetch &f) {
        m_working.remove(f.sha256);
        if (!f.ok()) {
            // Offline: try again when asked next; refused or broken: not this session.
            if (f.errorCode != Client::FileFetch::Offline)
                m_failed.insert(f.sha256);
            return;
        }
        decode(f.sha256, f.path, dpr);
    });
    return QImage();
}

void Thumbnails::decode(const QString &sha256, const QString &path, qreal dpr)
{
    m_working.insert(sha256);
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, sha256] {
        const QImage image = watcher->result();
        watcher->deleteLater();
        m_working.remove(sha256);
        if (image.isNull()) {
            m_failed.insert(sha256);
            return;
        }
        m_images.insert(sha256, new QImage(image), qMax<qsizetype>(1, image.sizeInBytes() / 1024));
        Q_EMIT ready(sha256);
    });
    watcher->setFuture(QtConcurrent::run([path, dpr] { return make(path, dpr); }));
}

} // namespace Atiende::Ui
