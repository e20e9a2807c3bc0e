#include "article.h"

#include "ids.h"
#include "timestamp.h"

#include <QJsonArray>

namespace Atiende::Core {

QJsonObject Article::toJson() const
{
    QJsonObject o {
        { QStringLiteral("id"), idToJson(id) },
        { QStringLiteral("ticketId"), idToJson(ticketId) },
        { QStringLiteral("kind"), wireName(kind) },
        { QStringLiteral("authorAgentId"), idToJson(authorAgentId) },
        { QStringLiteral("authorCustomerId"), idToJson(authorCustomerId) },
        { QStringLiteral("body"), body },
        { QStringLiteral("createdAt"), Timestamp::toJson(createdAt) },
    };
    const QJsonObject event = data.toJson();
    if (!event.isEmpty())
        o.insert(QStringLiteral("data"), event);
    if (!attachments.isEmpty())
        o.insert(QStringLiteral("attachments"), attachmentsToJson(attachments));
    if (mail)
        o.insert(QStringLiteral("mail"), mail->toJson());
    return o;
}

Article Article::fromJson(const QJsonObject &o)
{
    Article a;
    idFromJson(o.value(QStringLiteral("id")), &a.id);
    idFromJson(o.value(QStringLiteral("ticketId")), &a.ticketId);
    a.kind = fromString<ArticleKind>(o.value(QStringLiteral("kind")).toString())
                 .value_or(ArticleKind::PublicReply);
    idFromJson(o.value(QStringLiteral("authorAgentId")), &a.authorAgentId);
    idFromJson(o.value(QStringLiteral("authorCustomerId")), &a.authorCustomerId);
    a.body = o.value(QStringLiteral("body")).toString();
    a.createdAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("createdAt"))));
    a.data = ArticleEvent::fromJson(o.value(QStringLiteral("data")).toObject());
    a.attachments = attachmentsFromJson(o.value(QStringLiteral("attachments")).toArray());
    if (const QJsonValue m = o.value(QStringLiteral("mail")); m.isObject())
        a.mail = ArticleMail::fromJson(m.toObject());
    return a;
}

bool Article::operator==(const Article &o) const
{
    return id == o.id && ticketId == o.ticketId && kind == o.kind
        && authorAgentId == o.authorAgentId && authorCustomerId == o.authorCustomerId
        && body == o.body && createdAt == o.createdAt && data == o.data
        && attachments == o.attachments && mail == o.mail && pending == o.pending;
}

} // namespace Atiende::Core
