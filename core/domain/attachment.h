#pragma once
// A file on a ticket, as an article carries it: the content's SHA-256 (the file is stored
// once by its content and fetched by it), the name the uploader gave it, its size and the
// media type the server sniffed from the content (never trusted from the name).

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Atiende::Core {

struct Attachment
{
    QString sha256; // 64 lowercase hexadecimal digits
    QString name; // sanitised: no folders, no control characters
    qint64 size = 0; // bytes
    QString mediaType; // e.g. image/png, text/plain, application/pdf

    QJsonObject toJson() const;
    static Attachment fromJson(const QJsonObject &o);
    bool operator==(const Attachment &o) const
    {
        return sha256 == o.sha256 && name == o.name && size == o.size && mediaType == o.mediaType;
    }
    bool operator!=(const Attachment &o) const { return !(*this == o); }
};

QJsonArray attachmentsToJson(const QList<Attachment> &list);
QList<Attachment> attachmentsFromJson(const QJsonArray &array);

} // namespace Atiende::Core
