#pragma once
// The people and teams around tickets: customers and their organisations (who asks), agents
// and groups (who answers), and the service catalog categories tickets are filed under.
// Small value types that the server stores and the protocol carries.

#include "enums.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Atiende::Core {

struct Organisation
{
    qint64 id = 0;
    QString name;
    QString domain; // e-mail domain, for matching incoming mail later
    int version = 0;
    QJsonObject toJson() const;
    static Organisation fromJson(const QJsonObject &o);
    bool operator==(const Organisation &o) const { return toJson() == o.toJson(); }
};

struct Customer
{
    qint64 id = 0;
    QString name;
    QString email;
    QString phone;
    qint64 organisationId = 0;
    QString language; // "es" or "en"
    int version = 0;
    QJsonObject toJson() const;
    static Customer fromJson(const QJsonObject &o);
    bool operator==(const Customer &o) const { return toJson() == o.toJson(); }
};

struct Group
{
    qint64 id = 0;
    QString name;
    int tier = 1; // ITIL escalation tier 0-4
    QString description;
    int version = 0;
    QJsonObject toJson() const;
    static Group fromJson(const QJsonObject &o);
    bool operator==(const Group &o) const { return toJson() == o.toJson(); }
};

struct Agent
{
    qint64 id = 0;
    QString login;
    QString name;
    QString email;
    Role role = Role::Agent;
    QList<qint64> groupIds;
    bool active = true;
    int version = 0;
    QJsonObject toJson() const; // never carries the password hash
    static Agent fromJson(const QJsonObject &o);
    bool operator==(const Agent &o) const { return toJson() == o.toJson(); }
};

struct Category
{
    qint64 id = 0;
    QString name;
    qint64 parentId = 0;
    int version = 0;
    QJsonObject toJson() const;
    static Category fromJson(const QJsonObject &o);
    bool operator==(const Category &o) const { return toJson() == o.toJson(); }
};

} // namespace Atiende::Core
