#include "businesscalendar.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>
#include <array>
#include <vector>

namespace Atiende::Core {
namespace {

constexpr qint64 kMinuteMs = 60 * 1000;
constexpr qint64 kDayMs = 24 * 60 * kMinuteMs;
constexpr int kMinutesPerDay = 24 * 60;
constexpr qint64 kEpochJulianDay = 2440588; // 1970-01-01
// Far beyond any real date (about 30,000 years) and far from overflow once offsets and the
// search horizon are added, so arithmetic on clamped instants never wraps.
constexpr qint64 kInstantLimit = Q_INT64_C(1000000000000000);

bool inRange(qint64 ms)
{
    return ms >= -kInstantLimit && ms <= kInstantLimit;
}

const std::array<QLatin1String, 7> kDayKeys
    = { QLatin1String("mon"), QLatin1String("tue"), QLatin1String("wed"), QLatin1String("thu"),
          QLatin1String("fri"), QLatin1String("sat"), QLatin1String("sun") };

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b < 0) ? 1 : 0);
}

// Days since 1970-01-01, which was a Thursday; Monday is 0.
int weekdayIndex(qint64 day)
{
    const qint64 r = (day + 3) % 7;
    return static_cast<int>(r < 0 ? r + 7 : r);
}

qint64 dayNumber(QDate date)
{
    return date.toJulianDay() - kEpochJulianDay;
}

QString minuteText(int minute)
{
    return QStringLiteral("%1:%2")
        .arg(minute / 60, 2, 10, QLatin1Char('0'))
        .arg(minute % 60, 2, 10, QLatin1Char('0'));
}

// Strict HH:mm so that "8:00" or "08:00:30" in a file is a visible mistake, not a guess.
std::optional<int> parseMinute(const QString &text)
{
    if (text.size() != 5 || text.at(2) != QLatin1Char(':'))
        return std::nullopt;
    for (int i : { 0, 1, 3, 4 }) {
        const char16_t c = text.at(i).unicode();
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    const int h = text.mid(0, 2).toInt();
    const int m = text.mid(3, 2).toInt();
    if (h == 24 && m == 0)
        return kMinutesPerDay;
    if (h > 23 || m > 59)
        return std::nullopt;
    return h * 60 + m;
}

} // namespace

struct BusinessCalendar::Data
{
    QString name;
    QByteArray zoneId;
    QTimeZone zone;
    std::array<std::vector<Interval>, 7> week; // Monday first, sorted, disjoint, not touching
    std::vector<qint64> holidays; // local dates as day numbers, sorted, unique
    // The zone as a step function, so the hot path never asks QTimeZone: offsetMs[i] holds
    // from transitionMs[i - 1] (or the distant past) until transitionMs[i].
    std::vector<qint64> transitionMs;
    std::vector<qint64> offsetMs;

    void tabulateOffsets();
};

void BusinessCalendar::Data::tabulateOffsets()
{
    const QDateTime from(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime until(QDate(2400, 1, 1), QTime(0, 0), Qt::UTC);
    transitionMs.clear();
    offsetMs.assign(1, zone.offsetFromUtc(from) * qint64(1000));
    if (!zone.hasTransitions())
        return;
    QDateTime at = from;
    for (;;) {
        QTimeZone::OffsetData next = zone.nextTransition(at);
        // Qt 6.4 answers nothing when asked from exactly the last transition a zone file
        // lists, although the zone's rule carries on; from a second later it answers.
        if (!next.atUtc.isValid())
            next = zone.nextTransition(at.addSecs(1));
        if (!next.atUtc.isValid() || next.atUtc >= until || next.atUtc <= at)
            break;
        // Changes of name or of the standard/daylight split alone do not move the clock.
        const qint64 offset = next.offsetFromUtc * qint64(1000);
        if (offset != offsetMs.back()) {
            transitionMs.push_back(next.atUtc.toMSecsSinceEpoch());
            offsetMs.push_back(offset);
        }
        at = next.atUtc;
    }
}

BusinessCalendar::BusinessCalendar()
{
    static const std::shared_ptr<const Data> s_always = [] {
        auto data = std::make_shared<Data>();
        data->name = QStringLiteral("24x7");
        data->zoneId = QByteArrayLiteral("UTC");
        data->zone = QTimeZone(data->zoneId);
        for (auto &day : data->week)
            day.push_back(Interval { 0, kMinutesPerDay });
        data->tabulateOffsets();
        return std::shared_ptr<const Data>(std::move(data));
    }();
    d = s_always;
}

BusinessCalendar::BusinessCalendar(std::shared_ptr<const Data> data)
    : d(std::move(data))
{
}

std::optional<BusinessCalendar> BusinessCalendar::fromJson(const QJsonObject &o, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    auto data = std::make_shared<Data>();

    data->name = o.value(QLatin1String("name")).toString();
    if (data->name.trimmed().isEmpty())
        return fail(QStringLiteral("calendar: \"name\" must be a non-empty text"));
    const QString prefix = QStringLiteral("calendar \"%1\": ").arg(data->name);

    const QString zoneText = o.value(QLatin1String("timeZone")).toString();
    data->zoneId = zoneText.toUtf8();
    data->zone = QTimeZone(data->zoneId);
    if (zoneText.isEmpty() || !data->zone.isValid())
        return fail(prefix
            + QStringLiteral("unknown time zone \"%1\" (use an IANA name such as "
                             "Europe/Madrid)")
                  .arg(zoneText));

    const QJsonValue weekValue = o.value(QLatin1String("week"));
    if (!weekValue.isObject())
        return fail(prefix + QStringLiteral("\"week\" must be an object keyed mon..sun"));
    const QJsonObject week = weekValue.toObject();
    for (auto it = week.begin(); it != week.end(); ++it) {
        if (std::find(kDayKeys.begin(), kDayKeys.end(), it.key()) == kDayKeys.end())
            return fail(prefix
                + QStringLiteral("unknown weekday \"%1\" in \"week\" (use mon, "
                                 "tue, wed, thu, fri, sat, sun)")
                      .arg(it.key()));
    }
    bool anyWorkingTime = false;
    for (int day = 0; day < 7; ++day) {
        const QString where = prefix + QStringLiteral("week.%1: ").arg(kDayKeys[day]);
        const QJsonValue dayValue = week.value(kDayKeys[day]);
        if (dayValue.isUndefined())
            continue;
        if (!dayValue.isArray())
            return fail(where + QStringLiteral("must be a list of [\"HH:mm\", \"HH:mm\"] pairs"));
        std::vector<Interval> intervals;
        for (const QJsonValue &pair : dayValue.toArray()) {
            const QJsonArray ends = pair.toArray();
            if (!pair.isArray() || ends.size() != 2 || !ends.at(0).isString()
                || !ends.at(1).isString())
                return fail(where
                    + QStringLiteral("each interval must be a pair "
                                     "[\"HH:mm\", \"HH:mm\"]"));
            Interval interval;
            for (int i = 0; i < 2; ++i) {
                const QString text = ends.at(i).toString();
                const std::optional<int> minute = parseMinute(text);
                if (!minute)
                    return fail(where
                        + QStringLiteral("\"%1\" is not a time (HH:mm, 00:00 to "
                                         "24:00)")
                              .arg(text));
                (i == 0 ? interval.startMinute : interval.endMinute) = *minute;
            }
            if (interval.startMinute >= interval.endMinute)
                return fail(where
                    + QStringLiteral("interval %1-%2 is empty or reversed (the "
                                     "start must come before the end)")
                          .arg(minuteText(interval.startMinute), minuteText(interval.endMinute)));
            intervals.push_back(interval);
        }
        std::sort(intervals.begin(), intervals.end(),
            [](const Interval &a, const Interval &b) { return a.startMinute < b.startMinute; });
        std::vector<Interval> &merged = data->week[day];
        for (const Interval &interval : intervals) {
            if (!merged.empty() && interval.startMinute < merged.back().endMinute)
                return fail(where
                    + QStringLiteral("intervals %1-%2 and %3-%4 overlap")
                          .arg(minuteText(merged.back().startMinute),
                              minuteText(merged.back().endMinute), minuteText(interval.startMinute),
                              minuteText(interval.endMinute)));
            // Touching intervals are one stretch of work; merging keeps the walk short.
            if (!merged.empty() && interval.startMinute == merged.back().endMinute)
                merged.back().endMinute = interval.endMinute;
            else
                merged.push_back(interval);
        }
        anyWorkingTime = anyWorkingTime || !merged.empty();
    }
    if (!anyWorkingTime)
        return fail(QStringLiteral("calendar \"%1\" has no working hours: nothing could ever "
                                   "fall due")
                        .arg(data->name));

    const QJsonValue holidaysValue = o.value(QLatin1String("holidays"));
    if (!holidaysValue.isUndefined() && !holidaysValue.isArray())
        return fail(prefix + QStringLiteral("\"holidays\" must be a list of yyyy-MM-dd dates"));
    for (const QJsonValue &value : holidaysValue.toArray()) {
        const QString text = value.toString();
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!value.isString() || text.size() != 10 || !date.isValid())
            return fail(prefix
                + QStringLiteral("holiday \"%1\" is not a date (yyyy-MM-dd)")
                      .arg(value.isString() ? text : QStringLiteral("?")));
        data->holidays.push_back(dayNumber(date));
    }
    std::sort(data->holidays.begin(), data->holidays.end());
    data->holidays.erase(
        std::unique(data->holidays.begin(), data->holidays.end()), data->holidays.end());

    data->tabulateOffsets();
    return BusinessCalendar(std::move(data));
}

QJsonObject BusinessCalendar::toJson() const
{
    QJsonObject week;
    for (int day = 0; day < 7; ++day) {
        QJsonArray intervals;
        for (const Interval &interval : d->week[day])
            intervals.append(
                QJsonArray { minuteText(interval.startMinute), minuteText(interval.endMinute) });
        week.insert(kDayKeys[day], intervals);
    }
    QJsonArray holidays;
    for (const QDate &date : this->holidays())
        holidays.append(date.toString(Qt::ISODate));
    return QJsonObject { { QStringLiteral("name"), d->name },
        { QStringLiteral("timeZone"), QString::fromUtf8(d->zoneId) },
        { QStringLiteral("week"), week }, { QStringLiteral("holidays"), holidays } };
}

QString BusinessCalendar::name() const
{
    return d->name;
}

QTimeZone BusinessCalendar::timeZone() const
{
    return d->zone;
}

QList<BusinessCalendar::Interval> BusinessCalendar::workingIntervals(Qt::DayOfWeek day) const
{
    const std::vector<Interval> &intervals = d->week[day - Qt::Monday];
    return QList<Interval>(intervals.begin(), intervals.end());
}

QList<QDate> BusinessCalendar::holidays() const
{
    QList<QDate> dates;
    dates.reserve(qsizetype(d->holidays.size()));
    for (qint64 day : d->holidays)
        dates.append(QDate::fromJulianDay(day + kEpochJulianDay));
    return dates;
}

bool BusinessCalendar::isHoliday(QDate localDate) const
{
    return localDate.isValid()
        && std::binary_search(d->holidays.begin(), d->holidays.end(), dayNumber(localDate));
}

// The one loop everything else rests on. Real time is cut where the zone's offset changes;
// inside each such stretch local time is real time plus a constant, so each local day's
// working intervals map to real instants by a subtraction. A skipped local hour then simply
// has no instants, and a repeated one is visited once per stretch it belongs to. The work is
// proportional to the local days and offset changes crossed, never to the minutes.
template <typename Piece>
void BusinessCalendar::forEachWorkingPiece(qint64 fromMs, qint64 untilMs, Piece piece) const
{
    fromMs = std::clamp(fromMs, -kInstantLimit, kInstantLimit);
    untilMs = std::clamp(untilMs, -kInstantLimit, kInstantLimit);
    const std::vector<qint64> &transitions = d->transitionMs;
    const std::vector<qint64> &holidays = d->holidays;
    std::size_t stretch = std::size_t(
        std::upper_bound(transitions.begin(), transitions.end(), fromMs) - transitions.begin());
    qint64 at = fromMs;
    while (at < untilMs) {
        const qint64 stretchEnd
            = stretch < transitions.size() ? std::min(transitions[stretch], untilMs) : untilMs;
        const qint64 offset = d->offsetMs[stretch];
        const qint64 localFrom = at + offset;
        const qint64 localUntil = stretchEnd + offset;
        qint64 day = floorDiv(localFrom, kDayMs);
        auto holiday = std::lower_bound(holidays.begin(), holidays.end(), day);
        for (qint64 dayStart = day * kDayMs; dayStart < localUntil; ++day, dayStart += kDayMs) {
            while (holiday != holidays.end() && *holiday < day)
                ++holiday;
            if (holiday != holidays.end() && *holiday == day)
                continue;
            for (const Interval &interval : d->week[weekdayIndex(day)]) {
                const qint64 a = std::max(dayStart + interval.startMinute * kMinuteMs, localFrom);
                const qint64 b = std::min(dayStart + interval.endMinute * kMinuteMs, localUntil);
                if (a < b && !piece(a - offset, b - offset))
                    return;
            }
        }
        at = stretchEnd;
        ++stretch;
    }
}

bool BusinessCalendar::isWorkingTime(qint64 ms) const
{
    if (!inRange(ms))
        return false;
    bool working = false;
    forEachWorkingPiece(ms, ms + 1, [&](qint64, qint64) {
        working = true;
        return false;
    });
    return working;
}

std::optional<qint64> BusinessCalendar::nextWorkingStart(qint64 ms) const
{
    if (!inRange(ms))
        return std::nullopt;
    std::optional<qint64> start;
    forEachWorkingPiece(ms, ms + kSearchHorizonDays * kDayMs, [&](qint64 a, qint64) {
        start = a;
        return false;
    });
    return start;
}

std::optional<qint64> BusinessCalendar::addBusinessMs(qint64 startMs, qint64 ms) const
{
    if (ms < 0 || !inRange(startMs))
        return std::nullopt;
    if (ms == 0)
        return startMs;
    std::optional<qint64> due;
    qint64 remaining = ms;
    forEachWorkingPiece(startMs, startMs + kSearchHorizonDays * kDayMs, [&](qint64 a, qint64 b) {
        if (b - a >= remaining) {
            due = a + remaining;
            return false;
        }
        remaining -= b - a;
        return true;
    });
    return due;
}

std::optional<qint64> BusinessCalendar::addBusinessMinutes(qint64 startMs, qint64 minutes) const
{
    // Beyond this the answer is past the horizon anyway; the check keeps the product in range.
    if (minutes > qint64(kSearchHorizonDays + 1) * kMinutesPerDay)
        return std::nullopt;
    return addBusinessMs(startMs, minutes * kMinuteMs);
}

qint64 BusinessCalendar::businessMsBetween(qint64 fromMs, qint64 toMs) const
{
    qint64 total = 0;
    forEachWorkingPiece(fromMs, toMs, [&](qint64 a, qint64 b) {
        total += b - a;
        return true;
    });
    return total;
}

qint64 BusinessCalendar::businessMinutesBetween(qint64 fromMs, qint64 toMs) const
{
    return businessMsBetween(fromMs, toMs) / kMinuteMs;
}

bool BusinessCalendar::operator==(const BusinessCalendar &o) const
{
    return d == o.d
        || (d->name == o.d->name && d->zoneId == o.d->zoneId && d->week == o.d->week
            && d->holidays == o.d->holidays);
}

} // namespace Atiende::Core
