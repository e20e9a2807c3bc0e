#pragma once
// Entity ids are 64-bit integers assigned by the server; 0 means "none" and travels as null.

#include <QJsonValue>

namespace Atiende::Core {

inline QJsonValue idToJson(qint64 id) { return id > 0 ? QJsonValue(double(id)) : QJsonValue(QJsonValue::Null); }

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

} // namespace Atiende::Core
