#pragma once
// Entity ids are 64-bit integers assigned by the server; 0 means "none" and travels as null.

#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Atiende::Core {

inline QJsonValue idToJson(qint64 id)
{
    return id > 0 ? QJsonValue(double(id)) : QJsonValue(QJsonValue::Null);
}

// Reads an id that may be null. Returns false for anything but null or a positive integer.
inline bool idFromJson(const QJsonValue &v, qint64 *out)
{
    if (v.isNull() || v.isUndefined()) {
        *out = 0;
        return true;
    }
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (d < 1 || d > 9007199254740991.0 || d != double(qint64(d)))
        return false;
    *out = qint64(d);
    return true;
}

// A list of positive ids; null or absent is an empty list. False for anything else.
inline bool idListFromJson(const QJsonValue &v, QList<qint64> *out)
{
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray())
        return false;
    for (const QJsonValue &item : v.toArray()) {
        qint64 id = 0;
        if (!idFromJson(item, &id) || id == 0)
            return false;
        out->append(id);
    }
    return true;
}

// A list of ids as text, "3,7,12", as the store and the audit journal keep it; "" for none.
inline QString idListToText(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

// Reads idListToText's form; anything that is not a positive id is left out.
inline QList<qint64> idListFromText(const QString &text)
{
    QList<qint64> out;
    for (const QStringView part : QStringView(text).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.trimmed().toLongLong(&ok);
        if (ok && id > 0)
            out.append(id);
    }
    return out;
}

inline QJsonArray idListToJson(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(double(id));
    return a;
}

} // namespace Atiende::Core
