#pragma once
// Instants travel as ISO 8601 UTC text with milliseconds ("2026-11-23T15:13:15.123Z") and are
// stored as milliseconds since the epoch. 0 means "not yet" (a ticket not resolved, say).

#include <QDateTime>
#include <QJsonValue>

namespace Atiende::Core::Timestamp {

inline QJsonValue toJson(qint64 msecs)
{
    if (msecs <= 0)
        return QJsonValue(QJsonValue::Null);
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

// -1 for text that is not an ISO 8601 instant; 0 for null.
inline qint64 fromJson(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return 0;
    const QDateTime dt = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toMSecsSinceEpoch() : -1;
}

inline qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace Atiende::Core::Timestamp
