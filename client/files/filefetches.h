#pragma once
// Brings files on tickets to this computer for the agent to see or save: from the file store
// at once when it holds an intact copy, otherwise with files.read in pieces (a few asked for at
// a time, so the link stays busy), each piece written to a partial file and hashed in order,
// the whole checked against the SHA-256 it is fetched by before it goes into the store. Two
// screens asking for the same file share one transfer; a fetch cut by a dropped link leaves its
// partial file, and the next fetch of that content goes on from it.

#include "client/files/outgoingfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace Atiende::Client {

class Connection;
class FileStore;
struct RpcReply;

class FileFetches : public QObject
{
    Q_OBJECT
public:
    FileFetches(FileStore *store, Connection *connection, QObject *parent = nullptr);
    ~FileFetches() override;

    // Pieces asked for at a time (the server reads them on its reader threads).
    void setWindow(int pieces) { m_window = qMax(1, pieces); }

    // done runs once, never before this returns, not at all if context is destroyed first.
    void fetch(
        const QString &sha256, QObject *context, std::function<void(const FileFetch &)> done);
    // Transfers under way.
    int active() const { return int(m_transfers.size()); }

Q_SIGNALS:
    void progress(const QString &sha256, qint64 received, qint64 total);
    // A fetched file went into the store (the store may be over its cap now).
    void stored(const QString &sha256);

private:
    struct Transfer;
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(const FileFetch &)> done;
    };
    void begin(const std::shared_ptr<Transfer> &t);
    void request(const std::shared_ptr<Transfer> &t);
    void onPiece(const std::shared_ptr<Transfer> &t, qint64 offset, const RpcReply &r);
    void finish(const std::shared_ptr<Transfer> &t);
    void end(const std::shared_ptr<Transfer> &t, const FileFetch &outcome);
    static void deliver(const Waiter &w, const FileFetch &outcome);
    bool linkUp() const;

    FileStore *m_store;
    Connection *m_connection;
    int m_window = 4;
    QHash<QString, std::shared_ptr<Transfer>> m_transfers; // by sha256
};

} // namespace Atiende::Client
