#pragma once
// What one committed operation changed, as the sync feed carries it: each entity's new state
// and, for ticket-bound entities, who may see it now and who could see it before.

#include "core/protocol/jsonrpc.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace Atiende::Server {

struct Change
{
    qint64 rev = 0;
    QString entity; // "ticket", "article", "customer", "organisation", "agent", "group",
                    // "category", "kb"
    qint64 id = 0;
    QJsonObject data;
    bool scoped = false; // ticket-bound: visible by group/assignee; otherwise to every agent
    qint64 groupId = 0;
    qint64 assigneeId = 0;
    bool visibilityChanged = false; // the ticket left prevGroupId / prevAssigneeId
    qint64 prevGroupId = 0;
    qint64 prevAssigneeId = 0;

    QJsonObject toJson(const QString &op = QStringLiteral("upsert")) const
    {
        QJsonObject o { { QStringLiteral("rev"), double(rev) },
            { QStringLiteral("entity"), entity }, { QStringLiteral("id"), double(id) },
            { QStringLiteral("op"), op } };
        if (op == QLatin1String("upsert"))
            o.insert(QStringLiteral("data"), data);
        return o;
    }
};

// The outcome of one write operation: a result or an error, and what it changed.
struct OpResult
{
    bool ok = false;
    QJsonValue result;
    Core::Protocol::RpcError error;
    QList<Change> changes;
    bool replayed = false; // the op id had been applied before; nothing changed now
    bool keepOnError = false; // an error whose record (not its work) must still be committed

    static OpResult success(const QJsonValue &r)
    {
        OpResult o;
        o.ok = true;
        o.result = r;
        return o;
    }
    static OpResult failure(Core::Protocol::ErrorCode code, const QString &message = QString(),
        const QJsonObject &data = QJsonObject())
    {
        OpResult o;
        o.error = Core::Protocol::JsonRpc::makeError(code, message, data);
        return o;
    }
};

} // namespace Atiende::Server
