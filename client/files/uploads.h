#pragma once
// Sends the files the agent attached to the server, each exactly once, whatever happens to the
// link: files.upload announces a file under the upload id the console chose and answers how
// many bytes the server already holds, and files.upload.chunk sends the rest in pieces (base64,
// up to the server's window of chunks in flight). What the server holds is kept in the cache
// (filerows.h), so an upload cut by a dropped connection, a restart or a week offline resumes
// from there with the next session instead of starting over, and a reply that names it waits
// in the outbox until it is complete (the sync engine asks the cache).
//
// Uploads start as soon as a file is attached (the agent is still typing: by Send it is often
// done), a few at a time. A definite refusal (the server will not take the file) marks the
// upload failed and says so; anything else (a drop, busy, an upload the server stopped waiting
// for) is retried. When the server has forgotten a finished upload (it keeps one no reply names
// for a day), sendAgain() makes it again.

#include "client/files/outgoingfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <memory>

namespace Atiende::Client {

class Connection;
class FileStore;
class LocalCache;
struct RpcReply;

class Uploads : public QObject
{
    Q_OBJECT
public:
    Uploads(LocalCache *cache, FileStore *store, Connection *connection, QObject *parent = nullptr);
    ~Uploads() override;

    // Uploads sent at once (the others wait their turn).
    void setParallel(int uploads) { m_parallel = qMax(1, uploads); }

    // Sends the upload recorded under this id (now when online, else with the next session).
    void start(const QString &uploadId);
    // Stops sending it (the agent took the file off the reply). The server forgets it by itself.
    void cancel(const QString &uploadId);
    // The server refused a reply because it lacks one of these uploads: each is made again
    // (files.upload tells what it still holds: nothing of one it forgot, all of one it kept),
    // its record rebuilt from files when the cache has lost it. False when one cannot be (its
    // copy is gone from this computer, or the server refused it for good).
    bool sendAgain(
        const QStringList &uploadIds, const QList<OutgoingFile> &files, const QString &opId);

    bool isSending(const QString &uploadId) const { return m_active.contains(uploadId); }
    // Chunk bytes sent since this object was made (for tests and the log).
    qint64 bytesSent() const { return m_bytesSent; }

Q_SIGNALS:
    // The server holds `received` bytes of the file (total once complete).
    void progress(const QString &uploadId, const QString &sha256, qint64 received, qint64 total);
    void completed(const QString &uploadId);
    void failed(const QString &uploadId, const QString &error);

private:
    struct Transfer;
    void onConnectionState();
    void onSessionStarted();
    void schedule();
    void announce(const std::shared_ptr<Transfer> &t);
    void sendChunks(const std::shared_ptr<Transfer> &t);
    void onChunk(const std::shared_ptr<Transfer> &t, const RpcReply &r);
    // Something went wrong that asking the server where the upload stands puts right: once the
    // chunks on their way are answered, files.upload again after delayMs.
    void stall(const std::shared_ptr<Transfer> &t, int delayMs);
    void complete(const std::shared_ptr<Transfer> &t, const QJsonObject &file);
    void fail(const std::shared_ptr<Transfer> &t, const QString &error);
    bool current(const std::shared_ptr<Transfer> &t) const;
    bool linkUp() const;

    LocalCache *m_cache;
    FileStore *m_store;
    Connection *m_connection;
    int m_parallel = 2;
    QHash<QString, std::shared_ptr<Transfer>> m_active; // being sent, by upload id
    QStringList m_waiting; // to send, in order
    quint64 m_session = 0; // answers of an earlier link are not ours any more
    qint64 m_bytesSent = 0;
};

} // namespace Atiende::Client
