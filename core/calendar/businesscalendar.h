#pragma once
// When a service desk is at work: working hours per weekday, holidays and a time zone. SLA
// clocks only run in working time, so "due in 8 business hours" and "how much of the target
// has been used" are answered here, as pure functions over instants (ms since the epoch, UTC).
//
// Defined behaviour (docs/architecture.md, "Business calendars", says the same for admins):
// - An instant is working time when its local wall-clock time, in the calendar's zone, lies
//   in one of the working intervals of its local weekday and its local date is not a holiday.
//   Everything below follows from that one rule:
// - Daylight saving: a day that skips an hour is shorter in real time when its working
//   hours cover the gap; a boundary inside the gap (02:30 on a spring-forward night) acts as
//   the instant after the gap. A repeated hour is counted for as long as it really lasts, so
//   a 00:00-06:00 shift is 5 real hours on the spring-forward night and 7 on the fall-back
//   one. Offsets come from the system's tz database through QTimeZone.
// - Holidays are whole local dates with no working time. A date listed twice is one holiday.
// - Shifts across midnight are two intervals, 22:00-24:00 and 00:00-06:00 of the next
//   weekday; they join seamlessly, and a holiday removes only its own date's part.
// - Adding 0 minutes gives the start unchanged; otherwise counting starts at the first
//   working instant at or after the start, and the answer is the earliest instant at which
//   enough working time has passed, so work that ends exactly at closing time is due at
//   closing time, not at the next opening.
// - Nothing is searched further than kSearchHorizonDays ahead: an answer that would lie
//   beyond (every working day ahead is a holiday, or an absurd duration) is std::nullopt.
// - Time zone offsets are tabulated from 1900 to 2400; outside, the edge offset applies.
//   Instants more than about 30,000 years from 1970 are never working time and get no due
//   instant, so no arithmetic can overflow.

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <memory>
#include <optional>

namespace Atiende::Core {

class BusinessCalendar
{
public:
    // Local wall-clock minutes since midnight, [start, end); end may be 1440 (24:00).
    struct Interval
    {
        int startMinute = 0;
        int endMinute = 0;
        bool operator==(const Interval &o) const
        {
            return startMinute == o.startMinute && endMinute == o.endMinute;
        }
    };

    static constexpr int kSearchHorizonDays = 5 * 366;

    // Always working, in UTC, named "24x7": what an SLA without a calendar means.
    BusinessCalendar();

    // {"name": "Madrid", "timeZone": "Europe/Madrid",
    //  "week": {"mon": [["08:00", "14:00"], ["15:00", "18:00"]], ..., "sun": []},
    //  "holidays": ["2026-01-01", "2026-01-06"]}
    // A weekday left out of "week" has no working hours; "holidays" may be left out. Intervals
    // may come in any order; touching ones are merged. Refused, with a message naming the
    // calendar and the offending value: an unknown time zone, time text other than HH:mm
    // (00:00 to 24:00), an empty, reversed or overlapping interval, an unknown weekday key, a
    // date that is not yyyy-MM-dd, and a week without any working hours (nothing could ever
    // fall due).
    static std::optional<BusinessCalendar> fromJson(const QJsonObject &o, QString *error = nullptr);
    // The normalized form: every weekday, intervals sorted and merged, holidays sorted, once.
    QJsonObject toJson() const;

    QString name() const;
    QTimeZone timeZone() const;
    QList<Interval> workingIntervals(Qt::DayOfWeek day) const;
    QList<QDate> holidays() const;
    bool isHoliday(QDate localDate) const;

    bool isWorkingTime(qint64 ms) const;
    // The first working instant at or after ms (ms itself in working time).
    std::optional<qint64> nextWorkingStart(qint64 ms) const;

    // The earliest instant by which `ms` (or `minutes`) of working time have passed since
    // startMs. Negative durations are not a question this answers: std::nullopt.
    std::optional<qint64> addBusinessMs(qint64 startMs, qint64 ms) const;
    std::optional<qint64> addBusinessMinutes(qint64 startMs, qint64 minutes) const;

    // Working time in [fromMs, toMs); 0 when toMs <= fromMs. Minutes are whole minutes,
    // rounded down. The inverse of add: businessMsBetween(s, *addBusinessMs(s, d)) == d.
    qint64 businessMsBetween(qint64 fromMs, qint64 toMs) const;
    qint64 businessMinutesBetween(qint64 fromMs, qint64 toMs) const;

    bool operator==(const BusinessCalendar &o) const;
    bool operator!=(const BusinessCalendar &o) const { return !(*this == o); }

private:
    struct Data;
    explicit BusinessCalendar(std::shared_ptr<const Data> d);

    // Calls piece(a, b) for each stretch [a, b) of working time inside [fromMs, untilMs), in
    // order, until it returns false.
    template <typename Piece>
    void forEachWorkingPiece(qint64 fromMs, qint64 untilMs, Piece piece) const;

    // Immutable once built, so copies are cheap and any thread may read them.
    std::shared_ptr<const Data> d;
};

} // namespace Atiende::Core
