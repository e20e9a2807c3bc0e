#pragma once
// Local calendar days of the desk's time zone as instants: day i of the index is
// [start(i), start(i + 1)), from local midnight to local midnight (a day that skips or
// repeats an hour for daylight saving is 23 or 25 hours long; where midnight itself does not
// exist, the day starts at the first instant that does). dayOf() finds an instant's day by a
// binary search over the boundaries, without asking QTimeZone.

#include <QDate>
#include <QTimeZone>

#include <vector>

namespace Atiende::Server {

class DayIndex
{
public:
    DayIndex() = default;
    // count days from first, in zone. count is at least 1.
    DayIndex(const QTimeZone &zone, QDate first, int count);

    QTimeZone zone() const { return m_zone; }
    QDate first() const { return m_first; }
    QDate date(int day) const { return m_first.addDays(day); }
    int count() const { return int(m_starts.size()) - 1; }
    // The instant day `day` starts (day == count(): the end of the last day).
    qint64 start(int day) const { return m_starts[size_t(day)]; }
    qint64 end() const { return m_starts.back(); }
    // The day of an instant, or -1 when it lies outside every day of the index.
    int dayOf(qint64 ms) const;
    // The index of a date, or -1.
    int indexOf(QDate date) const;
    // Whole hours since the start of the day (0 to 24 on a 25-hour day).
    int hourOf(int day, qint64 ms) const { return int((ms - start(day)) / 3600000); }

    // The local date an instant falls on (any instant, not only the index's).
    static QDate localDate(const QTimeZone &zone, qint64 ms);
    static qint64 startOfDay(const QTimeZone &zone, QDate date);

private:
    QTimeZone m_zone;
    QDate m_first;
    std::vector<qint64> m_starts; // count + 1 boundaries
};

} // namespace Atiende::Server
