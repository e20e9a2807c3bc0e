#include "ticket.h"

#include "ids.h"
#include "timestamp.h"

namespace Atiende::Core {

QJsonObject Ticket::toJson() const
{
    return QJsonObject {
        { QStringLiteral("id"), idToJson(id) },
        { QStringLiteral("number"), number },
        { QStringLiteral("type"), wireName(type) },
        { QStringLiteral("subject"), subject },
        { QStringLiteral("status"), wireName(status) },
        { QStringLiteral("impact"), wireName(impact) },
        { QStringLiteral("urgency"), wireName(urgency) },
        { QStringLiteral("priority"), wireName(priority) },
        { QStringLiteral("channel"), wireName(channel) },
        { QStringLiteral("categoryId"), idToJson(categoryId) },
        { QStringLiteral("groupId"), idToJson(groupId) },
        { QStringLiteral("assigneeId"), idToJson(assigneeId) },
        { QStringLiteral("customerId"), idToJson(customerId) },
        { QStringLiteral("organisationId"), idToJson(organisationId) },
        { QStringLiteral("createdBy"), idToJson(createdBy) },
        { QStringLiteral("createdAt"), Timestamp::toJson(createdAt) },
        { QStringLiteral("updatedAt"), Timestamp::toJson(updatedAt) },
        { QStringLiteral("firstResponseAt"), Timestamp::toJson(firstResponseAt) },
        { QStringLiteral("resolvedAt"), Timestamp::toJson(resolvedAt) },
        { QStringLiteral("closedAt"), Timestamp::toJson(closedAt) },
        { QStringLiteral("reopenCount"), reopenCount },
        { QStringLiteral("agentReplies"), agentReplies },
        { QStringLiteral("version"), version },
        { QStringLiteral("sla"), sla.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(sla) },
        { QStringLiteral("kbArticleIds"), idListToJson(kbArticleIds) },
        { QStringLiteral("cc"), QJsonArray::fromStringList(cc) },
    };
}

Ticket Ticket::fromJson(const QJsonObject &o)
{
    Ticket t;
    idFromJson(o.value(QStringLiteral("id")), &t.id);
    t.number = o.value(QStringLiteral("number")).toString();
    t.type = fromString<TicketType>(o.value(QStringLiteral("type")).toString())
                 .value_or(TicketType::Incident);
    t.subject = o.value(QStringLiteral("subject")).toString();
    t.status = fromString<TicketStatus>(o.value(QStringLiteral("status")).toString())
                   .value_or(TicketStatus::New);
    t.impact
        = fromString<Level>(o.value(QStringLiteral("impact")).toString()).value_or(Level::Medium);
    t.urgency
        = fromString<Level>(o.value(QStringLiteral("urgency")).toString()).value_or(Level::Medium);
    t.priority = fromString<Priority>(o.value(QStringLiteral("priority")).toString())
                     .value_or(Priority::P3);
    t.channel = fromString<Channel>(o.value(QStringLiteral("channel")).toString())
                    .value_or(Channel::Console);
    idFromJson(o.value(QStringLiteral("categoryId")), &t.categoryId);
    idFromJson(o.value(QStringLiteral("groupId")), &t.groupId);
    idFromJson(o.value(QStringLiteral("assigneeId")), &t.assigneeId);
    idFromJson(o.value(QStringLiteral("customerId")), &t.customerId);
    idFromJson(o.value(QStringLiteral("organisationId")), &t.organisationId);
    idFromJson(o.value(QStringLiteral("createdBy")), &t.createdBy);
    t.createdAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("createdAt"))));
    t.updatedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("updatedAt"))));
    t.firstResponseAt
        = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("firstResponseAt"))));
    t.resolvedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("resolvedAt"))));
    t.closedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("closedAt"))));
    t.reopenCount = o.value(QStringLiteral("reopenCount")).toInt();
    t.agentReplies = o.value(QStringLiteral("agentReplies")).toInt();
    t.version = o.value(QStringLiteral("version")).toInt();
    t.sla = o.value(QStringLiteral("sla")).toObject();
    if (!idListFromJson(o.value(QStringLiteral("kbArticleIds")), &t.kbArticleIds))
        t.kbArticleIds.clear();
    for (const QJsonValue &v : o.value(QStringLiteral("cc")).toArray()) {
        if (v.isString())
            t.cc << v.toString();
    }
    return t;
}

} // namespace Atiende::Core
