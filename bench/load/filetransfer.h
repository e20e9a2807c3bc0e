#pragma once
// One file going up (files.upload, then files.upload.chunk with the server's window of chunks
// in flight) or coming down (files.read, a window of pieces in flight) over a LoadSession, as
// the console sends and fetches attachments: binary frames (docs/protocol.md, "Binary frames"),
// or, with setTextFrames(true) (--files-text), base64 in text frames made and read on the fly;
// every answer awaited before the window moves on. Lives on the session's thread.

#include "loadsession.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>

namespace Atiende::Bench {

class FileTransfer : public QObject
{
    Q_OBJECT
public:
    FileTransfer(LoadSession &session, QObject *parent = nullptr);
    ~FileTransfer() override;

    // Uploads bytes under a new upload id; finished() when the server said complete.
    void upload(const QByteArray &bytes, const QString &name);
    // Reads the file with this hash whole, `window` pieces at a time; finished() when whole.
    void download(const QString &sha256, qint64 size, int window = 4);

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    qint64 startedNs() const { return m_startedNs; }
    qint64 finishedNs() const { return m_finishedNs; }
    QByteArray received() const { return m_received; } // what download() read

    static QString sha256(const QByteArray &bytes);
    // Every transfer from now on: base64 in text frames (true) or binary frames (the default).
    static void setTextFrames(bool text);
    static bool textFrames();

Q_SIGNALS:
    void finished();

private:
    void sendChunks();
    void readPieces();
    void fail(const QString &why);
    void finish();

    LoadSession &m_session;
    // Answers still on their way when the transfer is deleted must not reach it.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    QByteArray m_bytes;
    QString m_uploadId;
    QString m_sha256;
    qint64 m_size = 0;
    qint64 m_next = 0; // next byte to send or ask for
    qint64 m_done = 0; // bytes answered
    int m_window = 4;
    int m_chunkBytes = 512 * 1024;
    int m_inFlight = 0;
    QByteArray m_received;
    bool m_ok = false;
    bool m_over = false;
    QString m_error;
    qint64 m_startedNs = 0;
    qint64 m_finishedNs = 0;
};

} // namespace Atiende::Bench

namespace Atiende::Bench {

// Uploads the same file again and again under new upload ids until stopped: a large upload
// always under way, for measuring what it does to everyone else. Lives on one client thread.
class UploadLoop : public QObject
{
    Q_OBJECT
public:
    // limit: uploads to make, 0 for no end.
    UploadLoop(const QUrl &url, const QString &token, QByteArray bytes, int limit = 0,
        QObject *parent = nullptr);
    ~UploadLoop() override;

    void start();
    void stop();
    // Thread-safe: bytes of uploads completed, and whether one has begun.
    qint64 uploadedBytes() const { return m_uploaded.load(); }
    bool isUploading() const { return m_uploading.load(); }
    QString error() const;

private:
    void next();

    LoadSession m_session;
    QByteArray m_bytes;
    std::unique_ptr<FileTransfer> m_transfer;
    int m_limit = 0;
    int m_count = 0;
    bool m_stopped = false;
    std::atomic<qint64> m_uploaded { 0 };
    std::atomic<bool> m_uploading { false };
    mutable QMutex m_mutex;
    QString m_error;
};

} // namespace Atiende::Bench
