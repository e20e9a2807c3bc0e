#pragma once
// Instants as the server writes them ("2026-11-23T15:13:15.123Z", Core::Timestamp::toJson),
// read back without QDateTime: the KPI engine reads a dozen of them for every ticket change
// and the report reads them for a million tickets, where QDateTime::fromString costs about
// 2 microseconds each. Anything not in exactly that form goes through Core::Timestamp.

#include "core/domain/timestamp.h"

#include <QByteArrayView>
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

// The character at i of either kind of text, as a UTF-16 unit (bytes are ASCII here).
inline char16_t unit(QStringView s, qsizetype i)
{
    return s[i].unicode();
}
inline char16_t unit(QByteArrayView s, qsizetype i)
{
    return char16_t(uchar(s[i]));
}

template <typename Text> bool digits(Text s, int at, int n, int *value)
{
    int v = 0;
    for (int i = at; i < at + n; ++i) {
        const char16_t c = unit(s, i);
        if (c < u'0' || c > u'9')
            return false;
        v = v * 10 + int(c - u'0');
    }
    *value = v;
    return true;
}

inline QString toQString(QStringView s)
{
    return s.toString();
}
inline QString toQString(QByteArrayView s)
{
    return QString::fromUtf8(s);
}

template <typename Text> qint64 parse(Text s)
{
    if (s.isEmpty())
        return 0;
    int y, mo, d, h, mi, sec, ms;
    auto is = [&](qsizetype i, char16_t c) { return unit(s, i) == c; };
    if (s.size() == 24 && is(4, u'-') && is(7, u'-') && is(10, u'T') && is(13, u':') && is(16, u':')
        && is(19, u'.') && is(23, u'Z') && digits(s, 0, 4, &y) && digits(s, 5, 2, &mo)
        && digits(s, 8, 2, &d) && digits(s, 11, 2, &h) && digits(s, 14, 2, &mi)
        && digits(s, 17, 2, &sec) && digits(s, 20, 3, &ms) && mo >= 1 && mo <= 12 && d >= 1
        && d <= 31 && h < 24 && mi < 60 && sec < 60) {
        return ((daysFromCivil(y, unsigned(mo), unsigned(d)) * 24 + h) * 60 + mi) * 60000
            + qint64(sec) * 1000 + ms;
    }
    return Core::Timestamp::fromJson(QJsonValue(toQString(s)));
}
} // namespace detail

// Milliseconds since the epoch; 0 for empty text; -1 for text that is no instant. The text
// is UTF-16 or UTF-8.
inline qint64 parse(QStringView s)
{
    return detail::parse(s);
}
inline qint64 parse(QByteArrayView s)
{
    return detail::parse(s);
}

// A JSON instant (string or null) as milliseconds; 0 for null, absent or unreadable.
inline qint64 fromJson(const QJsonValue &v)
{
    if (!v.isString())
        return 0;
    return qMax<qint64>(0, parse(v.toString()));
}

} // namespace Atiende::Server::InstantText
