#include "kbarticle.h"

#include "ids.h"
#include "timestamp.h"

#include <QJsonArray>

namespace Atiende::Core {

QJsonObject KbArticle::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("title"), title },
        { QStringLiteral("body"), body }, { QStringLiteral("categoryId"), idToJson(categoryId) },
        { QStringLiteral("audience"), wireName(audience) },
        { QStringLiteral("keywords"), QJsonArray::fromStringList(keywords) },
        { QStringLiteral("language"), language },
        { QStringLiteral("authorId"), idToJson(authorId) },
        { QStringLiteral("createdAt"), Timestamp::toJson(createdAt) },
        { QStringLiteral("updatedAt"), Timestamp::toJson(updatedAt) },
        { QStringLiteral("version"), version } };
}

KbArticle KbArticle::fromJson(const QJsonObject &o)
{
    KbArticle r;
    idFromJson(o.value(QStringLiteral("id")), &r.id);
    r.title = o.value(QStringLiteral("title")).toString();
    r.body = o.value(QStringLiteral("body")).toString();
    idFromJson(o.value(QStringLiteral("categoryId")), &r.categoryId);
    r.audience = fromString<Audience>(o.value(QStringLiteral("audience")).toString())
                     .value_or(Audience::Agent);
    for (const QJsonValue &k : o.value(QStringLiteral("keywords")).toArray())
        r.keywords << k.toString();
    r.language = o.value(QStringLiteral("language")).toString();
    idFromJson(o.value(QStringLiteral("authorId")), &r.authorId);
    r.createdAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("createdAt"))));
    r.updatedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("updatedAt"))));
    r.version = o.value(QStringLiteral("version")).toInt();
    return r;
}

bool KbArticle::operator==(const KbArticle &o) const
{
    return id == o.id && title == o.title && body == o.body && categoryId == o.categoryId
        && audience == o.audience && keywords == o.keywords && language == o.language
        && authorId == o.authorId && createdAt == o.createdAt && updatedAt == o.updatedAt
        && version == o.version;
}

bool KbSearchHit::operator==(const KbSearchHit &o) const
{
    return id == o.id && title == o.title && snippet == o.snippet && score == o.score
        && audience == o.audience && categoryId == o.categoryId && language == o.language
        && updatedAt == o.updatedAt;
}

QJsonObject KbSearchHit::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("title"), title },
        { QStringLiteral("snippet"), snippet }, { QStringLiteral("score"), score },
        { QStringLiteral("audience"), wireName(audience) },
        { QStringLiteral("categoryId"), idToJson(categoryId) },
        { QStringLiteral("language"), language },
        { QStringLiteral("updatedAt"), Timestamp::toJson(updatedAt) } };
}

KbSearchHit KbSearchHit::fromJson(const QJsonObject &o)
{
    KbSearchHit h;
    if (!idFromJson(o.value(QLatin1String("id")), &h.id))
        h.id = 0;
    h.title = o.value(QLatin1String("title")).toString();
    h.snippet = o.value(QLatin1String("snippet")).toString();
    h.score = o.value(QLatin1String("score")).toDouble();
    // Only "agent" is internal: anything else may be shown to customers, so it is not marked.
    h.audience = fromString<Audience>(o.value(QLatin1String("audience")).toString())
                     .value_or(Audience::Public);
    if (!idFromJson(o.value(QLatin1String("categoryId")), &h.categoryId))
        h.categoryId = 0;
    h.language = o.value(QLatin1String("language")).toString();
    h.updatedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QLatin1String("updatedAt"))));
    return h;
}

QList<KbSearchHit> KbSearchHit::listFromJson(const QJsonArray &results)
{
    QList<KbSearchHit> out;
    out.reserve(results.size());
    for (const QJsonValue &v : results)
        out.append(fromJson(v.toObject()));
    return out;
}

} // namespace Atiende::Core
