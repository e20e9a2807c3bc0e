#pragma once
// A small desk for server tests, written straight into a data folder before atiended starts:
// two groups and agents in each, so permission rules have something to bite on.
//
//   Service Desk (tier 1): ana (agent), lola (lead)      Network (tier 2): bruno (agent), lola
//   admin (admin, in Service Desk), from `atiended init` or created here.
// Every password is "pw-" + login.

#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/store/store.h"

#include <QDir>
#include <QString>
#include <functional>

namespace Atiende::Test {

struct Desk
{
    qint64 serviceDesk = 0;
    qint64 network = 0;
    qint64 admin = 0, ana = 0, bruno = 0, lola = 0;
    qint64 organisation = 0, customer = 0, otherCustomer = 0;
    qint64 category = 0;
};

// Runs one operation as the writer thread would: one transaction, the revision counter kept
// in step, rolled back when the operation is refused.
inline Server::OpResult commit(Server::Store &store, const std::function<Server::OpResult()> &fn)
{
    return store.transact(fn);
}

inline bool seedDesk(const QString &dataDir, Desk *desk, QString *error)
{
    Server::PasswordHasher::initialise();
    auto store
        = Server::Store::open(QDir(dataDir).filePath(QStringLiteral("atiende.db")), true, error);
    if (!store)
        return false;
    Server::Setup setup(*store);
    if (!store->sync().loadRevision() || !store->begin())
        return false;
    using namespace Atiende::Core;
    QList<Server::Change> changes;
    desk->serviceDesk = setup.addGroup(
        Group { 0, QStringLiteral("Service Desk"), 1, QStringLiteral("first line"), 0 }, error);
    desk->network = setup.addGroup(
        Group { 0, QStringLiteral("Network"), 2, QStringLiteral("redes"), 0 }, error);
    auto agent = [&](const QString &login, Role role, QList<qint64> groups) {
        Agent a;
        a.login = login;
        a.name = login.at(0).toUpper() + login.mid(1);
        a.email = login + QStringLiteral("@desk.example");
        a.role = role;
        a.groupIds = groups;
        return setup.addAgent(a, QStringLiteral("pw-") + login, error);
    };
    desk->admin = agent(QStringLiteral("admin"), Role::Admin, { desk->serviceDesk });
    desk->ana = agent(QStringLiteral("ana"), Role::Agent, { desk->serviceDesk });
    desk->bruno = agent(QStringLiteral("bruno"), Role::Agent, { desk->network });
    desk->lola = agent(QStringLiteral("lola"), Role::Lead, { desk->serviceDesk, desk->network });
    desk->organisation = store->directory().createOrganisation(
        Organisation {
            0, QStringLiteral("Ferretería Norte"), QStringLiteral("ferreteria.example"), 0 },
        &changes);
    desk->customer = store->directory().createCustomer(
        Customer { 0, QStringLiteral("Núria Peña"), QStringLiteral("nuria@ferreteria.example"),
            QStringLiteral("+34 600 000 001"), desk->organisation, QStringLiteral("es"), 0 },
        &changes);
    desk->otherCustomer = store->directory().createCustomer(
        Customer { 0, QStringLiteral("Tom Baker"), QStringLiteral("tom@ferreteria.example"),
            QString(), desk->organisation, QStringLiteral("en"), 0 },
        &changes);
    desk->category = store->directory().createCategory(
        Category { 0, QStringLiteral("VPN y acceso remoto"), 0, 0 }, &changes);
    const bool ok = desk->serviceDesk && desk->network && desk->admin && desk->ana && desk->bruno
        && desk->lola && desk->organisation && desk->customer && desk->otherCustomer
        && desk->category;
    if (!ok || !store->sync().saveRevision() || !store->commit()) {
        store->rollback();
        if (error->isEmpty())
            *error = store->sql().lastError();
        return false;
    }
    return true;
}

} // namespace Atiende::Test
