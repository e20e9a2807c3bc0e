#include "directorystore.h"

#include "server/tickets/emailaddress.h"

#include "sqlcontext.h"
#include "syncstore.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <algorithm>

namespace Atiende::Server {

using namespace Atiende::Core;

DirectoryStore::DirectoryStore(SqlContext &ctx, SyncStore &sync)
    : m_ctx(ctx)
    , m_sync(sync)
{
}

Change DirectoryStore::change(const QString &entity, qint64 id, const QJsonObject &data)
{
    Change c;
    c.rev = m_sync.nextRevision();
    c.entity = entity;
    c.id = id;
    c.data = data;
    return c;
}

qint64 DirectoryStore::createGroup(Group g, QList<Change> *changes)
{
    g.version = 1;
    g.id = m_ctx.insert(QStringLiteral("INSERT INTO groups_ (name, tier, description, version) "
                                       "VALUES (?, ?, ?, 1) RETURNING id"),
        { g.name, g.tier, g.description });
    if (g.id == 0)
        return 0;
    Change c = change(QStringLiteral("group"), g.id, g.toJson());
    if (!m_sync.record(c))
        return 0;
    changes->append(c);
    return g.id;
}

qint64 DirectoryStore::createAgent(Agent a, const QString &passwordHash, QList<Change> *changes)
{
    a.version = 1;
    a.id = m_ctx.insert(
        QStringLiteral(
            "INSERT INTO agents (login, name, email, role, password_hash, active, version) "
            "VALUES (?, ?, ?, ?, ?, ?, 1) RETURNING id"),
        { a.login, a.name, a.email, wireName(a.role), passwordHash, a.active ? 1 : 0 });
    if (a.id == 0)
        return 0;
    for (qint64 g : std::as_const(a.groupIds)) {
        if (!m_ctx.exec(
                QStringLiteral("INSERT INTO group_members (group_id, agent_id) VALUES (?, ?)"),
                { g, a.id }))
            return 0;
    }
    Change c = change(QStringLiteral("agent"), a.id, a.toJson());
    if (!m_sync.record(c))
        return 0;
    changes->append(c);
    return a.id;
}

qint64 DirectoryStore::createOrganisation(Organisation o, QList<Change> *changes)
{
    o.version = 1;
    o.id = m_ctx.insert(
        QStringLiteral(
            "INSERT INTO organisations (name, domain, version) VALUES (?, ?, 1) RETURNING id"),
        { o.name, o.domain });
    if (o.id == 0)
        return 0;
    Change c = change(QStringLiteral("organisation"), o.id, o.toJson());
    if (!m_sync.record(c))
        return 0;
    changes->append(c);
    return o.id;
}

qint64 DirectoryStore::createCustomer(Customer cu, QList<Change> *changes)
{
    cu.version = 1;
    cu.id = m_ctx.insert(
        QStringLiteral(
            "INSERT INTO customers (name, email, phone, organisation_id, language, version) "
            "VALUES (?, ?, ?, ?, ?, 1) RETURNING id"),
        { cu.name, cu.email, cu.phone, nullableId(cu.organisationId), cu.language });
    if (cu.id == 0)
        return 0;
    Change c = change(QStringLiteral("customer"), cu.id, cu.toJson());
    if (!m_sync.record(c))
        return 0;
    changes->append(c);
    return cu.id;
}

namespace {
OpResult invalidField(const QString &field, const QString &message, QJsonObject data = {})
{
    return OpResult::failure(Core::Protocol::ErrorCode::ValidationFailed, message,
        Core::Protocol::onField(field, std::move(data)));
}
} // namespace

OpResult DirectoryStore::addCustomer(Customer cu)
{
    cu.name = cu.name.simplified();
    cu.email = cu.email.trimmed();
    cu.phone = cu.phone.simplified();
    if (cu.name.isEmpty())
        return invalidField(QStringLiteral("name"), QStringLiteral("A customer needs a name."));
    if (!cu.email.isEmpty()) {
        if (!looksLikeEmail(cu.email))
            return invalidField(QStringLiteral("email"),
                QStringLiteral("\"%1\" is not an e-mail address.").arg(cu.email));
        if (const qint64 existing = customerIdByEmail(cu.email))
            return invalidField(QStringLiteral("email"),
                QStringLiteral("Another customer has the e-mail address %1.").arg(cu.email),
                { { QStringLiteral("customerId"), double(existing) } });
    }
    if (cu.organisationId && !organisation(cu.organisationId))
        return invalidField(QStringLiteral("organisationId"),
            QStringLiteral("There is no organisation with id %1.").arg(cu.organisationId));
    if (cu.language.isEmpty())
        cu.language = QStringLiteral("en");
    if (cu.language != QLatin1String("en") && cu.language != QLatin1String("es"))
        return invalidField(
            QStringLiteral("language"), QStringLiteral("The language must be es or en."));
    QList<Change> changes;
    cu.id = createCustomer(cu, &changes);
    if (!cu.id)
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError);
    cu.version = 1;
    OpResult r = OpResult::success(QJsonObject { { QStringLiteral("customer"), cu.toJson() } });
    r.changes = changes;
    return r;
}

qint64 DirectoryStore::createCategory(Category ca, QList<Change> *changes)
{
    ca.version = 1;
    ca.id = m_ctx.insert(
        QStringLiteral(
            "INSERT INTO categories (name, parent_id, version) VALUES (?, ?, 1) RETURNING id"),
        { ca.name, nullableId(ca.parentId) });
    if (ca.id == 0)
        return 0;
    Change c = change(QStringLiteral("category"), ca.id, ca.toJson());
    if (!m_sync.record(c))
        return 0;
    changes->append(c);
    return ca.id;
}

OpResult DirectoryStore::setGroupMembers(
    const Caller &caller, qint64 groupId, const QList<qint64> &agentIds)
{
    using Protocol::ErrorCode;
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins change group membership."));
    if (!group(groupId))
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("There is no group with id %1.").arg(groupId),
            { { QStringLiteral("field"), QStringLiteral("groupId") } });
    QList<qint64> wanted;
    for (qint64 id : agentIds) {
        if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM agents WHERE id = ?"), { id }).isValid())
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("There is no agent with id %1.").arg(id),
                { { QStringLiteral("field"), QStringLiteral("agentIds") },
                    { QStringLiteral("id"), double(id) } });
        if (!wanted.contains(id))
            wanted << id;
    }
    std::sort(wanted.begin(), wanted.end());

    QList<qint64> before;
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT agent_id FROM group_members WHERE group_id = ? ORDER BY agent_id"));
    q.bindValue(0, groupId);
    if (!q.exec())
        return OpResult::failure(ErrorCode::InternalError);
    while (q.next())
        before << q.value(0).toLongLong();
    q.finish();

    QList<qint64> removed, touched;
    for (qint64 id : std::as_const(before)) {
        if (!wanted.contains(id)) {
            if (!m_ctx.exec(
                    QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND agent_id = ?"),
                    { groupId, id }))
                return OpResult::failure(ErrorCode::InternalError);
            removed << id;
            touched << id;
        }
    }
    for (qint64 id : std::as_const(wanted)) {
        if (!before.contains(id)) {
            if (!m_ctx.exec(
                    QStringLiteral("INSERT INTO group_members (group_id, agent_id) VALUES (?, ?)"),
                    { groupId, id }))
                return OpResult::failure(ErrorCode::InternalError);
            touched << id;
        }
    }
    std::sort(touched.begin(), touched.end());

    OpResult out = OpResult::success(QJsonObject { { QStringLiteral("groupId"), double(groupId) },
        { QStringLiteral("agentIds"), idListToJson(wanted) },
        { QStringLiteral("removed"), idListToJson(removed) } });
    for (qint64 id : std::as_const(touched)) {
        if (!m_ctx.exec(
                QStringLiteral("UPDATE agents SET version = version + 1 WHERE id = ?"), { id }))
            return OpResult::failure(ErrorCode::InternalError);
        const std::optional<Agent> a = agent(id);
        if (!a)
            return OpResult::failure(ErrorCode::InternalError);
        Change c = change(QStringLiteral("agent"), id, a->toJson());
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
        out.changes << c;
    }
    return out;
}

bool DirectoryStore::setPassword(qint64 agentId, const QString &passwordHash)
{
    return m_ctx.exec(QStringLiteral("UPDATE agents SET password_hash = ? WHERE id = ?"),
        { passwordHash, agentId });
}

namespace {
const QString kAgentColumns
    = QStringLiteral("id, login, name, email, role, active, version, password_hash");
}

std::optional<DirectoryStore::Credentials> DirectoryStore::credentials(const QString &login)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT ") + kAgentColumns + QStringLiteral(" FROM agents WHERE login = ?"));
    q.bindValue(0, login);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const qint64 id = q.value(0).toLongLong();
    const QString hash = q.value(7).toString();
    q.finish();
    std::optional<Agent> a = agent(id);
    if (!a)
        return std::nullopt;
    return Credentials { *a, hash };
}

std::optional<Agent> DirectoryStore::agent(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT ") + kAgentColumns + QStringLiteral(" FROM agents WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Agent a;
    a.id = q.value(0).toLongLong();
    a.login = q.value(1).toString();
    a.name = q.value(2).toString();
    a.email = q.value(3).toString();
    a.role = fromString<Role>(q.value(4).toString()).value_or(Role::Agent);
    a.active = q.value(5).toInt() != 0;
    a.version = q.value(6).toInt();
    q.finish();
    QSqlQuery &m = m_ctx.prepared(
        QStringLiteral("SELECT group_id FROM group_members WHERE agent_id = ? ORDER BY group_id"));
    m.bindValue(0, id);
    if (m.exec()) {
        while (m.next())
            a.groupIds << m.value(0).toLongLong();
    }
    m.finish();
    return a;
}

QList<Agent> DirectoryStore::agents()
{
    QList<qint64> ids;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT id FROM agents ORDER BY id"));
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toLongLong();
    }
    q.finish();
    QList<Agent> out;
    for (qint64 id : std::as_const(ids)) {
        if (auto a = agent(id))
            out << *a;
    }
    return out;
}

int DirectoryStore::agentCount()
{
    return m_ctx.scalar(QStringLiteral("SELECT COUNT(*) FROM agents")).toInt();
}

Caller DirectoryStore::callerFor(const Agent &a) const
{
    return Caller { a.id, a.role, a.groupIds };
}

std::optional<Group> DirectoryStore::group(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT id, name, tier, description, version FROM groups_ WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Group g { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
        q.value(3).toString(), q.value(4).toInt() };
    q.finish();
    return g;
}

QList<Group> DirectoryStore::groups()
{
    QList<Group> out;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral(
        "SELECT id, name, tier, description, version FROM groups_ ORDER BY tier, name"));
    if (q.exec()) {
        while (q.next())
            out << Group { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
                q.value(3).toString(), q.value(4).toInt() };
    }
    q.finish();
    return out;
}

std::optional<Customer> DirectoryStore::customer(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT id, name, email, phone, organisation_id, "
                                                 "language, version FROM customers WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Customer c { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toInt() };
    q.finish();
    return c;
}

qint64 DirectoryStore::customerIdByEmail(const QString &email)
{
    return m_ctx
        .scalar(QStringLiteral(
                    "SELECT id FROM customers WHERE lower(email) = lower(?) ORDER BY id LIMIT 1"),
            { email })
        .toLongLong();
}

std::optional<Organisation> DirectoryStore::organisation(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT id, name, domain, version FROM organisations WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Organisation o { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
        q.value(3).toInt() };
    q.finish();
    return o;
}

std::optional<Category> DirectoryStore::category(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT id, name, parent_id, version FROM categories WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Category c { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong(),
        q.value(3).toInt() };
    q.finish();
    return c;
}

QList<Category> DirectoryStore::categories()
{
    QList<Category> out;
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT id, name, parent_id, version FROM categories ORDER BY id"));
    if (q.exec()) {
        while (q.next())
            out << Category { q.value(0).toLongLong(), q.value(1).toString(),
                q.value(2).toLongLong(), q.value(3).toInt() };
    }
    q.finish();
    return out;
}

bool DirectoryStore::setActive(qint64 agentId, bool active, QList<Change> *changes)
{
    const auto a = agent(agentId);
    if (!a)
        return false;
    if (a->active == active)
        return true;
    if (!m_ctx.exec(
            QStringLiteral("UPDATE agents SET active = ?, version = version + 1 WHERE id = ?"),
            { active ? 1 : 0, agentId }))
        return false;
    const auto now = agent(agentId);
    if (!now)
        return false;
    Change c = change(QStringLiteral("agent"), now->id, now->toJson());
    if (!m_sync.record(c))
        return false;
    changes->append(c);
    return true;
}

QString DirectoryStore::setting(const QString &key)
{
    return m_ctx.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), { key })
        .toString();
}

bool DirectoryStore::setSetting(const QString &key, const QString &value)
{
    return m_ctx.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT "
                                     "(key) DO UPDATE SET value = excluded.value"),
        { key, value });
}

} // namespace Atiende::Server
