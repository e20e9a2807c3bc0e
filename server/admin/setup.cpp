#include "setup.h"

#include "server/auth/passwordhasher.h"
#include "server/store/store.h"

namespace Atiende::Server {

using namespace Atiende::Core;

namespace {
// Runs fn in one committed transaction with the revision counter kept in step.
template <typename Fn> bool inTransaction(Store &store, QString *error, Fn fn)
{
    const OpResult r = store.transact([&] {
        return fn() ? OpResult::success(QJsonValue())
                    : OpResult::failure(Core::Protocol::ErrorCode::ValidationFailed,
                        error->isEmpty() ? store.sql().lastError() : *error);
    });
    if (!r.ok)
        *error = r.error.message;
    return r.ok;
}
} // namespace

bool Setup::init(const QString &login, const QString &name, const QString &password, QString *error)
{
    if (m_store.directory().agentCount() > 0) {
        *error
            = QStringLiteral("this database has agents already; init only creates the first admin");
        return false;
    }
    Agent admin;
    admin.login = login;
    admin.name = name.isEmpty() ? login : name;
    admin.role = Role::Admin;
    return inTransaction(m_store, error, [&] {
        QList<Change> changes;
        if (m_store.directory().groups().isEmpty()) {
            Group g;
            g.name = QStringLiteral("Service Desk");
            g.tier = 1;
            g.description = QStringLiteral("First line: the single point of contact");
            const qint64 gid = m_store.directory().createGroup(g, &changes);
            if (!gid)
                return false;
            admin.groupIds << gid;
        }
        return addAgent(admin, password, error) != 0;
    });
}

qint64 Setup::addAgent(const Agent &agent, const QString &password, QString *error)
{
    if (agent.login.trimmed().isEmpty() || agent.login.size() > 64) {
        *error = QStringLiteral("a login name needs 1 to 64 characters");
        return 0;
    }
    if (password.size() < kMinPasswordLength) {
        *error = QStringLiteral("a password needs at least %1 characters").arg(kMinPasswordLength);
        return 0;
    }
    if (m_store.directory().credentials(agent.login)) {
        *error = QStringLiteral("there is already an agent called %1").arg(agent.login);
        return 0;
    }
    const QString hash = PasswordHasher::hash(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("the password could not be hashed (out of memory?)");
        return 0;
    }
    QList<Change> changes;
    const qint64 id = m_store.directory().createAgent(agent, hash, &changes);
    if (!id)
        *error = m_store.sql().lastError();
    return id;
}

qint64 Setup::addGroup(const Group &group, QString *error)
{
    QList<Change> changes;
    const qint64 id = m_store.directory().createGroup(group, &changes);
    if (!id)
        *error = m_store.sql().lastError();
    return id;
}

bool Setup::setPassword(const QString &login, const QString &password, QString *error)
{
    const auto creds = m_store.directory().credentials(login);
    if (!creds) {
        *error = QStringLiteral("there is no agent called %1").arg(login);
        return false;
    }
    if (password.size() < kMinPasswordLength) {
        *error = QStringLiteral("a password needs at least %1 characters").arg(kMinPasswordLength);
        return false;
    }
    const QString hash = PasswordHasher::hash(password);
    return inTransaction(
        m_store, error, [&] { return m_store.directory().setPassword(creds->agent.id, hash); });
}

} // namespace Atiende::Server
