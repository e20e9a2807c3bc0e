#include "adminrunner.h"

#include "server/admin/adminops.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"

namespace Atiende::Server {

namespace {
// Admin commands act as the desk's administration itself, not as one agent.
const Caller kAdministration { 0, Core::Role::Admin, {} };
} // namespace

AdminRunner::AdminRunner(const QString &dataDir)
    : m_folder(dataDir)
{
}

AdminRunner::~AdminRunner()
{
    m_client.reset();
    m_store.reset();
    m_folder.unlock();
}

bool AdminRunner::open(QString *error, Mode mode, bool create)
{
    QString lockError;
    if (m_folder.tryLock(&lockError)) {
        // Nobody serves the folder: what a server that crashed published is stale.
        m_folder.unpublish();
        if (!create && !m_folder.hasDatabase()) {
            *error = QStringLiteral("there is no desk in %1 (run atiended init or demo-data first)")
                         .arg(m_folder.path());
            return false;
        }
        m_store = Store::open(m_folder.databasePath(), true, error);
        return bool(m_store);
    }
    if (!m_folder.holder()) {
        *error = lockError;
        return false;
    }
    QString why;
    const auto server = m_folder.runningServer(&why);
    if (!server) {
        *error = why;
        return false;
    }
    if (mode == Mode::LocalOnly) {
        *error = QStringLiteral("atiended (pid %1) serves %2; stop it first")
                     .arg(server->pid)
                     .arg(m_folder.path());
        return false;
    }
    m_client = std::make_unique<AdminClient>();
    if (!m_client->open(*server, error)) {
        m_client.reset();
        return false;
    }
    m_serverPid = server->pid;
    return true;
}

OpResult AdminRunner::write(const QString &method, const QJsonObject &params)
{
    if (m_client)
        return m_client->call(method, params);
    if (!m_store)
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError,
            QStringLiteral("the data folder is not open"));
    return m_store->transact([&] {
        return AdminOps::write(*m_store, kAdministration, method, params, Core::Timestamp::now());
    });
}

OpResult AdminRunner::read(const QString &method, const QJsonObject &params)
{
    if (m_client)
        return m_client->call(method, params);
    if (!m_store)
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError,
            QStringLiteral("the data folder is not open"));
    return AdminOps::read(*m_store, kAdministration, method, params, Core::Timestamp::now());
}

} // namespace Atiende::Server
