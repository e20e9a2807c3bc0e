#pragma once
// Instants as the server writes them ("2026-11-23T15:13:15.123Z", Core::Timestamp::toJson),
// read back without QDateTime: the KPI engine reads a dozen of them for every ticket change
// and the report reads them for a million tickets, where QDateTime::fromString costs about
// 2 microseconds each. Anything not in exactly that form goes through Core::Timestamp.

#include "core/domain/timestamp.h"

#include <QJsonValue>
#include <QStringView>

namespace Atiende::Server::InstantText {

namespace detail {
// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
constexpr qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

inline bool digits(QStringView s, int at, int n, int *value)
{
    int v = 0;
    for (int i = at; i < at + n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + int(c - u'0');
    }
    *value = v;
    return true;
}
} // namespace detail

// Milliseconds since the epoch; 0 for empty text; -1 for text that is no instant.
inline qint64 parse(QStringView s)
{
    if (s.isEmpty())
        return 0;
    int y, mo, d, h, mi, sec, ms;
    if (s.size() == 24 && s[4] == u'-' && s[7] == u'-' && s[10] == u'T' && s[13] == u':' && s[16] == u':' && s[19] == u'.'
        && s[23] == u'Z' && detail::digits(s, 0, 4, &y) && detail::digits(s, 5, 2, &mo) && detail::digits(s, 8, 2, &d)
        && detail::digits(s, 11, 2, &h) && detail::digits(s, 14, 2, &mi) && detail::digits(s, 17, 2, &sec)
        && detail::digits(s, 20, 3, &ms) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec < 60) {
        return ((detail::daysFromCivil(y, unsigned(mo), unsigned(d)) * 24 + h) * 60 + mi) * 60000 + qint64(sec) * 1000 + ms;
    }
    return Core::Timestamp::fromJson(QJsonValue(s.toString()));
}

// A JSON instant (string or null) as milliseconds; 0 for null, absent or unreadable.
inline qint64 fromJson(const QJsonValue &v)
{
    if (!v.isString())
        return 0;
    return qMax<qint64>(0, parse(v.toString()));
}

} // namespace Atiende::Server::InstantText
