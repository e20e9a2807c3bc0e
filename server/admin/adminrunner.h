#pragma once
// Runs the admin commands' operations on a data folder the one safe way there is: through the
// atiended that serves the folder when one does (over the protocol as a local administration
// session, so every change goes through its one writer and reaches the consoles at once), or,
// when nobody serves it, on the store directly while holding the folder's lock so that no
// server can start meanwhile. The same AdminOps run in both cases and answer the same JSON.

#include "server/admin/adminclient.h"
#include "server/admin/datafolder.h"
#include "server/store/changeset.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace Atiende::Server {

class Store;

class AdminRunner
{
public:
    explicit AdminRunner(const QString &dataDir);
    ~AdminRunner();

    enum class Mode { Either, LocalOnly };
    // Locks the folder (creating it and its database when allowed) or connects to its server.
    // LocalOnly refuses when a server serves the folder. False with *error saying why.
    bool open(QString *error, Mode mode = Mode::Either, bool create = false);

    bool isRemote() const { return bool(m_client); }
    qint64 serverPid() const { return m_serverPid; }
    DataFolder &folder() { return m_folder; }
    // The store when working locally (null when remote).
    Store *store() { return m_store.get(); }

    OpResult write(const QString &method, const QJsonObject &params);
    OpResult read(const QString &method, const QJsonObject &params);

private:
    DataFolder m_folder;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AdminClient> m_client;
    qint64 m_serverPid = 0;
};

} // namespace Atiende::Server
