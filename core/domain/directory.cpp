#include "directory.h"

#include "ids.h"

#include <QJsonArray>

namespace Atiende::Core {

QJsonObject Organisation::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("domain"), domain }, { QStringLiteral("version"), version } };
}

Organisation Organisation::fromJson(const QJsonObject &o)
{
    Organisation r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.name = o.value(QStringLiteral("name")).toString();
    r.domain = o.value(QStringLiteral("domain")).toString();
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

QJsonObject Customer::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("email"), email }, { QStringLiteral("phone"), phone },
        { QStringLiteral("organisationId"), idToJson(organisationId) },
        { QStringLiteral("language"), language }, { QStringLiteral("version"), version } };
}

Customer Customer::fromJson(const QJsonObject &o)
{
    Customer r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.name = o.value(QStringLiteral("name")).toString();
    r.email = o.value(QStringLiteral("email")).toString();
    r.phone = o.value(QStringLiteral("phone")).toString();
    idFromJson(o.value(QStringLiteral("organisationId")), &r.organisationId);
    r.language = o.value(QStringLiteral("language")).toString();
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

QJsonObject Group::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("tier"), tier }, { QStringLiteral("description"), description },
        { QStringLiteral("version"), version } };
}

Group Group::fromJson(const QJsonObject &o)
{
    Group r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.name = o.value(QStringLiteral("name")).toString();
    r.tier = o.value(QStringLiteral("tier")).toInt(1);
    r.description = o.value(QStringLiteral("description")).toString();
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

QJsonObject Agent::toJson() const
{
    QJsonArray groups;
    for (qint64 g : groupIds)
        groups.append(double(g));
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("login"), login },
        { QStringLiteral("name"), name }, { QStringLiteral("email"), email },
        { QStringLiteral("role"), wireName(role) }, { QStringLiteral("groupIds"), groups },
        { QStringLiteral("active"), active }, { QStringLiteral("version"), version } };
}

Agent Agent::fromJson(const QJsonObject &o)
{
    Agent r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.login = o.value(QStringLiteral("login")).toString();
    r.name = o.value(QStringLiteral("name")).toString();
    r.email = o.value(QStringLiteral("email")).toString();
    r.role = fromString<Role>(o.value(QStringLiteral("role")).toString()).value_or(Role::Agent);
    const QJsonArray groups = o.value(QStringLiteral("groupIds")).toArray();
    for (const QJsonValue &g : groups)
        r.groupIds.append(qint64(g.toDouble()));
    r.active = o.value(QStringLiteral("active")).toBool(true);
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

QJsonObject Category::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("parentId"), idToJson(parentId) },
        { QStringLiteral("version"), version } };
}

Category Category::fromJson(const QJsonObject &o)
{
    Category r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.name = o.value(QStringLiteral("name")).toString();
    idFromJson(o.value(QStringLiteral("parentId")), &r.parentId);
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

} // namespace Atiende::Core
