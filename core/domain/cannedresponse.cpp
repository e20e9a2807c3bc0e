#include "cannedresponse.h"

#include "ids.h"
#include "timestamp.h"

#include "core/text/placeholders.h"

namespace Atiende::Core {

namespace {
qsizetype characters(const QString &s)
{
    return s.toUcs4().size();
}
} // namespace

QJsonObject CannedResponse::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("title"), title },
        { QStringLiteral("body"), body }, { QStringLiteral("groupId"), idToJson(groupId) },
        { QStringLiteral("language"), language }, { QStringLiteral("keywords"), keywords },
        { QStringLiteral("active"), active }, { QStringLiteral("version"), version },
        { QStringLiteral("createdAt"), Timestamp::toJson(createdAt) },
        { QStringLiteral("updatedAt"), Timestamp::toJson(updatedAt) } };
}

std::optional<CannedResponse> CannedResponse::fromJson(
    const QJsonObject &o, QString *error, QString *field)
{
    auto fail = [&](const QString &name, const QString &message) {
        *field = name;
        *error = message;
        return std::nullopt;
    };
    CannedResponse r;
    if (!idFromJson(o.value(QStringLiteral("id")), &r.id))
        return fail(
            QStringLiteral("id"), QStringLiteral("\"id\" must be a positive integer or absent."));
    const QJsonValue title = o.value(QStringLiteral("title"));
    const QJsonValue body = o.value(QStringLiteral("body"));
    if (!title.isString())
        return fail(QStringLiteral("title"), QStringLiteral("\"title\" is required (a string)."));
    if (!body.isString())
        return fail(QStringLiteral("body"), QStringLiteral("\"body\" is required (a string)."));
    r.title = title.toString().trimmed();
    r.body = body.toString();
    if (r.title.isEmpty() || characters(r.title) > kMaxTitle)
        return fail(QStringLiteral("title"),
            QStringLiteral("The title must have 1 to %1 characters.").arg(kMaxTitle));
    if (r.body.trimmed().isEmpty() || characters(r.body) > kMaxBody)
        return fail(QStringLiteral("body"),
            QStringLiteral("The body must have 1 to %1 characters.").arg(kMaxBody));
    QString placeholderError;
    if (!Placeholders::validate(r.title, &placeholderError))
        return fail(QStringLiteral("title"), placeholderError);
    if (!Placeholders::validate(r.body, &placeholderError))
        return fail(QStringLiteral("body"), placeholderError);
    if (!idFromJson(o.value(QStringLiteral("groupId")), &r.groupId))
        return fail(QStringLiteral("groupId"),
            QStringLiteral("\"groupId\" must be a group id, or null for every group."));
    const QJsonValue language = o.value(QStringLiteral("language"));
    if (!language.isUndefined() && !language.isNull()) {
        r.language = language.toString();
        if (!language.isString()
            || (r.language != QLatin1String("es") && r.language != QLatin1String("en")
                && !r.language.isEmpty()))
            return fail(QStringLiteral("language"),
                QStringLiteral("\"language\" must be \"es\", \"en\" or \"\" (any)."));
    }
    const QJsonValue keywords = o.value(QStringLiteral("keywords"));
    if (!keywords.isUndefined() && !keywords.isNull()) {
        if (!keywords.isString() || characters(keywords.toString()) > kMaxKeywords)
            return fail(QStringLiteral("keywords"),
                QStringLiteral("\"keywords\" must be text of up to %1 characters.")
                    .arg(kMaxKeywords));
        r.keywords = keywords.toString().trimmed();
    }
    const QJsonValue active = o.value(QStringLiteral("active"));
    if (!active.isUndefined() && !active.isNull()) {
        if (!active.isBool())
            return fail(
                QStringLiteral("active"), QStringLiteral("\"active\" must be true or false."));
        r.active = active.toBool();
    }
    return r;
}

} // namespace Atiende::Core
