#pragma once
// Administration that works on the store directly, with atiended stopped or not yet
// serving: create the first admin, reset a password, add groups and agents.

#include "core/domain/directory.h"

#include <QString>

namespace Atiende::Server {

class Store;

class Setup
{
public:
    explicit Setup(Store &store)
        : m_store(store)
    {
    }

    // Creates the first admin account (and a first group "Service Desk" when there is none).
    // Refuses if any agent exists already. False with *error on failure.
    bool init(const QString &login, const QString &name, const QString &password, QString *error);

    // Adds an agent with a password; groupIds must exist.
    qint64 addAgent(const Core::Agent &agent, const QString &password, QString *error);
    qint64 addGroup(const Core::Group &group, QString *error);
    bool setPassword(const QString &login, const QString &password, QString *error);

    static constexpr int kMinPasswordLength = 4;

private:
    Store &m_store;
};

} // namespace Atiende::Server
