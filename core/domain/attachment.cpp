#include "attachment.h"

#include <QJsonArray>

namespace Atiende::Core {

QJsonObject Attachment::toJson() const
{
    return QJsonObject { { QStringLiteral("sha256"), sha256 }, { QStringLiteral("name"), name },
        { QStringLiteral("size"), double(size) }, { QStringLiteral("mediaType"), mediaType } };
}

Attachment Attachment::fromJson(const QJsonObject &o)
{
    Attachment a;
    a.sha256 = o.value(QStringLiteral("sha256")).toString();
    a.name = o.value(QStringLiteral("name")).toString();
    a.size = qMax<qint64>(0, o.value(QStringLiteral("size")).toInteger());
    a.mediaType = o.value(QStringLiteral("mediaType")).toString();
    return a;
}

QJsonArray attachmentsToJson(const QList<Attachment> &list)
{
    QJsonArray out;
    for (const Attachment &a : list)
        out.append(a.toJson());
    return out;
}

QList<Attachment> attachmentsFromJson(const QJsonArray &array)
{
    QList<Attachment> out;
    out.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (v.isObject())
            out << Attachment::fromJson(v.toObject());
    }
    return out;
}

} // namespace Atiende::Core
