#include "ticketedits.h"

#include "ids.h"

#include <QJsonArray>

namespace Atiende::Core {

namespace {
qint64 idOf(const QJsonObject &o, const QString &key)
{
    qint64 id = 0;
    return idFromJson(o.value(key), &id) ? id : 0;
}
} // namespace

QJsonObject NewTicket::toJson() const
{
    QJsonObject p { { QStringLiteral("type"), wireName(type) },
        { QStringLiteral("subject"), subject }, { QStringLiteral("impact"), wireName(impact) },
        { QStringLiteral("urgency"), wireName(urgency) },
        { QStringLiteral("channel"), wireName(channel) } };
    if (!description.isEmpty())
        p.insert(QStringLiteral("description"), description);
    const std::pair<const char *, qint64> ids[] = { { "customerId", customerId },
        { "categoryId", categoryId }, { "groupId", groupId }, { "assigneeId", assigneeId } };
    for (const auto &[key, id] : ids) {
        if (id > 0)
            p.insert(QLatin1String(key), double(id));
    }
    if (!attachments.isEmpty())
        p.insert(QStringLiteral("attachments"), QJsonArray::fromStringList(attachments));
    return p;
}

NewTicket NewTicket::fromJson(const QJsonObject &o)
{
    NewTicket t;
    t.type = fromString<TicketType>(o.value(QStringLiteral("type")).toString())
                 .value_or(TicketType::Incident);
    t.subject = o.value(QStringLiteral("subject")).toString();
    t.description = o.value(QStringLiteral("description")).toString();
    t.impact
        = fromString<Level>(o.value(QStringLiteral("impact")).toString()).value_or(Level::Medium);
    t.urgency
        = fromString<Level>(o.value(QStringLiteral("urgency")).toString()).value_or(Level::Medium);
    t.channel = fromString<Channel>(o.value(QStringLiteral("channel")).toString())
                    .value_or(Channel::Console);
    t.categoryId = idOf(o, QStringLiteral("categoryId"));
    t.groupId = idOf(o, QStringLiteral("groupId"));
    t.customerId = idOf(o, QStringLiteral("customerId"));
    t.assigneeId = idOf(o, QStringLiteral("assigneeId"));
    for (const QJsonValue &v : o.value(QStringLiteral("attachments")).toArray())
        t.attachments << v.toString();
    return t;
}

QJsonObject EscalationRequest::toJson() const
{
    QJsonObject p { { QStringLiteral("kind"), wireName(kind) } };
    if (toGroupId > 0)
        p.insert(QStringLiteral("toGroupId"), double(toGroupId));
    if (!reason.trimmed().isEmpty())
        p.insert(QStringLiteral("reason"), reason.trimmed());
    return p;
}

EscalationRequest EscalationRequest::fromJson(const QJsonObject &o)
{
    EscalationRequest r;
    r.kind = fromString<EscalationKind>(o.value(QStringLiteral("kind")).toString())
                 .value_or(EscalationKind::Functional);
    r.toGroupId = idOf(o, QStringLiteral("toGroupId"));
    r.reason = o.value(QStringLiteral("reason")).toString();
    return r;
}

} // namespace Atiende::Core
