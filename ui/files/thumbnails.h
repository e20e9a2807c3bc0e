#pragma once
// Small pictures of the images on a ticket, for the timeline: made from the cached copy in a
// worker thread (a 4,000-pixel screenshot takes tens of milliseconds to decode, which the
// timeline must not wait for), kept in memory for the tickets seen lately, and fetched first
// when the file is not on this computer yet and not too big to fetch unasked. Only the image
// types the console decodes itself (never SVG) get one.

#include "core/domain/attachment.h"

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QSize>

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class Thumbnails : public QObject
{
    Q_OBJECT
public:
    // Images up to this size are fetched for their thumbnail without the agent asking.
    static constexpr qint64 kAutoFetchBytes = 8 * 1024 * 1024;
    // The largest thumbnail, in device-independent pixels.
    static constexpr QSize kMaxSize { 320, 180 };

    explicit Thumbnails(Client::Workspace *workspace, QObject *parent = nullptr);
    ~Thumbnails() override;

    // The thumbnail when it is made (at this device pixel ratio); otherwise a null image, and
    // it is being made: ready() says when.
    QImage thumbnail(const Core::Attachment &file, qreal devicePixelRatio = 1.0);
    // Whether thumbnail() could ever give one for this file.
    static bool hasThumbnail(const Core::Attachment &file);
    // Decodes an image file into a thumbnail (what the worker does; also for tests).
    static QImage make(const QString &path, qreal devicePixelRatio);

Q_SIGNALS:
    void ready(const QString &sha256);

private:
    void decode(const QString &sha256, const QString &path, qreal dpr);

    Client::Workspace *m_workspace;
    QCache<QString, QImage> m_images; // by sha256, cost in KiB
    QSet<QString> m_working; // being fetched or decoded
    QSet<QString> m_failed; // could not be fetched or decoded: not tried again this session
};

} // namespace Atiende::Ui
