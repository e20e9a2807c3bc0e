#include "article.h"

#include "ids.h"
#include "timestamp.h"

namespace Atiende::Core {

QJsonObject Article::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), idToJson(id)},
        {QStringLiteral("ticketId"), idToJson(ticketId)},
        {QStringLiteral("kind"), wireName(kind)},
        {QStringLiteral("authorAgentId"), idToJson(authorAgentId)},
        {QStringLiteral("authorCustomerId"), idToJson(authorCustomerId)},
        {QStringLiteral("body"), body},
        {QStringLiteral("createdAt"), Timestamp::toJson(createdAt)},
    };
}

Article Article::fromJson(const QJsonObject &o)
{
    Article a;
    idFromJson(o.value(QStringLiteral("id")), &a.id);
    idFromJson(o.value(QStringLiteral("ticketId")), &a.ticketId);
    a.kind = fromString<ArticleKind>(o.value(QStringLiteral("kind")).toString()).value_or(ArticleKind::PublicReply);
    idFromJson(o.value(QStringLiteral("authorAgentId")), &a.authorAgentId);
    idFromJson(o.value(QStringLiteral("authorCustomerId")), &a.authorCustomerId);
    a.body = o.value(QStringLiteral("body")).toString();
    a.createdAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("createdAt"))));
    return a;
}

} // namespace Atiende::Core
