#include "kbarticle.h"

#include "ids.h"
#include "timestamp.h"

#include <QJsonArray>

namespace Atiende::Core {

QJsonObject KbArticle::toJson() const
{
    return {{QStringLiteral("id"), idToJson(id)},
            {QStringLiteral("title"), title},
            {QStringLiteral("body"), body},
            {QStringLiteral("categoryId"), idToJson(categoryId)},
            {QStringLiteral("audience"), wireName(audience)},
            {QStringLiteral("keywords"), QJsonArray::fromStringList(keywords)},
            {QStringLiteral("language"), language},
            {QStringLiteral("authorId"), idToJson(authorId)},
            {QStringLiteral("createdAt"), Timestamp::toJson(createdAt)},
            {QStringLiteral("updatedAt"), Timestamp::toJson(updatedAt)},
            {QStringLiteral("version"), version}};
}

KbArticle KbArticle::fromJson(const QJsonObject &o)
{
    KbArticle r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.title = o.value(QStringLiteral("title")).toString();
    r.body = o.value(QStringLiteral("body")).toString();
    idFromJson(o.value(QStringLiteral("categoryId")), &r.categoryId);
    r.audience = fromString<Audience>(o.value(QStringLiteral("audience")).toString()).value_or(Audience::Agent);
    for (const QJsonValue &k : o.value(QStringLiteral("keywords")).toArray())
        r.keywords << k.toString();
    r.language = o.value(QStringLiteral("language")).toString();
    idFromJson(o.value(QStringLiteral("authorId")), &r.authorId);
    r.createdAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("createdAt"))));
    r.updatedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("updatedAt"))));
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

} // namespace Atiende::Core
