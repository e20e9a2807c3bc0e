#pragma once
// Who's who: agents (with their password hashes and group membership), groups, customers,
// organisations, service catalog categories and site settings. (Sessions: SessionStore.)

#include "caller.h"
#include "changeset.h"

#include "core/domain/directory.h"

#include <QList>
#include <optional>

namespace Atiende::Server {

class SqlContext;
class SyncStore;

class DirectoryStore
{
public:
    DirectoryStore(SqlContext &ctx, SyncStore &sync);

    // Writes: each returns the new entity's id (0 on failure) and appends its sync change.
    qint64 createGroup(Core::Group g, QList<Change> *changes);
    qint64 createAgent(Core::Agent a, const QString &passwordHash, QList<Change> *changes);
    qint64 createOrganisation(Core::Organisation o, QList<Change> *changes);
    qint64 createCustomer(Core::Customer c, QList<Change> *changes);
    qint64 createCategory(Core::Category c, QList<Change> *changes);
    // customers.create: an agent adds a customer (a caller the desk did not know). Checks the
    // fields (a name; an e-mail address that looks like one and no other customer has; an
    // organisation that exists; es or en) and answers {"customer"} or validation_failed.
    OpResult addCustomer(Core::Customer c);
    bool setPassword(qint64 agentId, const QString &passwordHash);
    // Replaces a group's members (admins only; the group and every agent must exist). Each
    // agent whose groups changed gets a new version and a sync change. The result carries
    // "removed": the agents who left, whose tickets of the group the caller hands back.
    OpResult setGroupMembers(const Caller &caller, qint64 groupId, const QList<qint64> &agentIds);

    // Reads.
    struct Credentials
    {
        Core::Agent agent;
        QString passwordHash;
    };
    std::optional<Credentials> credentials(const QString &login);
    std::optional<Core::Agent> agent(qint64 id);
    std::optional<Core::Group> group(qint64 id);
    std::optional<Core::Customer> customer(qint64 id);
    // The customer with this e-mail address, compared without case; 0 when none.
    qint64 customerIdByEmail(const QString &email);
    std::optional<Core::Organisation> organisation(qint64 id);
    std::optional<Core::Category> category(qint64 id);
    QList<Core::Agent> agents();
    QList<Core::Group> groups();
    QList<Core::Category> categories();
    int agentCount();
    Caller callerFor(const Core::Agent &a) const;

    // Enables or disables an agent (a disabled agent cannot log in); a new version and a sync
    // change when it changed. False on a database failure.
    bool setActive(qint64 agentId, bool active, QList<Change> *changes);

    QString setting(const QString &key);
    bool setSetting(const QString &key, const QString &value);

private:
    Change change(const QString &entity, qint64 id, const QJsonObject &data);
    SqlContext &m_ctx;
    SyncStore &m_sync;
};

} // namespace Atiende::Server
