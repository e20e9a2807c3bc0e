#pragma once
// One data folder, one serving process. `atiended serve` holds DATA/atiended.lock for as long
// as it runs, and once it listens it says where in DATA/atiended.run (JSON: pid, address,
// certificate fingerprint) with a token for local administration beside it in
// DATA/atiended.admin, readable by the folder's owner only. An admin command takes the lock
// itself when nobody serves the folder, or finds the server through these files and goes
// through it as an admin over the protocol (so its changes reach the consoles at once); it
// never writes the database behind a running server's back.
//
// The lock is a QLockFile (a file with the holder's pid, host and program, removed when the
// holder ends; one left by a crashed process is recognised by its dead pid and taken over).

#include <QByteArray>
#include <QLockFile>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace Atiende::Server {

class DataFolder
{
public:
    explicit DataFolder(QString path);
    ~DataFolder();
    DataFolder(const DataFolder &) = delete;
    DataFolder &operator=(const DataFolder &) = delete;

    QString path() const { return m_path; }
    QString databasePath() const;
    // Where the files on tickets are kept (server/files/blobstore.h).
    QString filesPath() const;
    bool hasDatabase() const;

    // Creates the folder if needed and takes the lock without waiting. False when another
    // process holds it (holder() tells who) or the folder cannot be used (*error says why).
    bool tryLock(QString *error);
    bool isLocked() const { return m_lock && m_lock->isLocked(); }
    void unlock();

    struct Holder
    {
        qint64 pid = 0;
        QString host;
        QString program;
    };
    // Who holds the lock now, as the lock file says; nullopt when nobody does.
    std::optional<Holder> holder() const;

    // What a serving process publishes once it listens.
    struct Endpoint
    {
        qint64 pid = 0;
        QUrl url; // ws://host:port/ws or wss://
        QByteArray certificateSha256; // raw digest of the TLS certificate; empty in clear
        QString adminToken; // the local administration token
        qint64 startedAt = 0;
    };
    // Writes atiended.run and atiended.admin (owner read/write only). The caller holds the lock.
    bool publish(const Endpoint &endpoint, QString *error);
    // Removes them (the server is stopping).
    void unpublish();
    // The running server of this folder: the published endpoint, if its pid is the lock's
    // holder. nullopt with *error saying why otherwise (nobody serves, a command holds the
    // lock, the server is still starting, the files cannot be read).
    std::optional<Endpoint> runningServer(QString *error) const;

    // "another atiended (pid 123 on host, ...) is using DIR" for an error message.
    QString describeHolder() const;

private:
    QString filePath(const char *name) const;
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Atiende::Server
