#pragma once
// The conversions every part of the offline cache makes between what the server sends (JSON
// objects) and what the cache's rows hold (compact JSON text, ids, NULL for "none"), so each
// part writes and reads rows the same way.

#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace Atiende::Client::CacheJson {

inline QString toText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

inline QJsonObject toObject(const QString &s)
{
    return QJsonDocument::fromJson(s.toUtf8()).object();
}

inline qint64 idOf(const QJsonObject &o, const QString &key = QStringLiteral("id"))
{
    return qint64(o.value(key).toDouble());
}

// SQL NULL for "none" (0). Temporary ids of what was made offline are negative and kept.
inline QVariant nullable(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace Atiende::Client::CacheJson
