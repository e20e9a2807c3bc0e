// Business-calendar arithmetic: working hours, holidays, New Year, daylight saving in Madrid
// and Mexico City, the search horizon, and add/between as each other's inverse.

#include "core/calendar/businesscalendar.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace Atiende::Core;

namespace {

// The calendars the rows refer to by name. Raw JSON on purpose: it is also the format's
// best example.
const QHash<QString, QByteArray> &fixtures()
{
    static const QHash<QString, QByteArray> s_fixtures = {
        // 9 hours a weekday with a lunch break; Spanish national and Madrid holidays.
        { "madrid", R"({"name": "Madrid", "timeZone": "Europe/Madrid",
            "week": {"mon": [["08:00", "14:00"], ["15:00", "18:00"]],
                     "tue": [["08:00", "14:00"], ["15:00", "18:00"]],
                     "wed": [["08:00", "14:00"], ["15:00", "18:00"]],
                     "thu": [["08:00", "14:00"], ["15:00", "18:00"]],
                     "fri": [["08:00", "14:00"], ["15:00", "18:00"]]},
            "holidays": ["2025-12-25", "2026-01-01", "2026-01-06", "2026-12-08", "2026-12-25"]})" },
        { "mexico", R"({"name": "CDMX", "timeZone": "America/Mexico_City",
            "week": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]],
                     "wed": [["09:00", "18:00"]], "thu": [["09:00", "18:00"]],
                     "fri": [["09:00", "18:00"]], "sat": [["09:00", "13:00"]]},
            "holidays": ["2025-12-25", "2026-01-01"]})" },
        { "madrid24x7", R"({"name": "Madrid 24x7", "timeZone": "Europe/Madrid",
            "week": {"mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]],
                     "wed": [["00:00", "24:00"]], "thu": [["00:00", "24:00"]],
                     "fri": [["00:00", "24:00"]], "sat": [["00:00", "24:00"]],
                     "sun": [["00:00", "24:00"]]}})" },
        { "mexico24x7", R"({"name": "CDMX 24x7", "timeZone": "America/Mexico_City",
            "week": {"mon": [["00:00", "24:00"]], "tue": [["00:00", "24:00"]],
                     "wed": [["00:00", "24:00"]], "thu": [["00:00", "24:00"]],
                     "fri": [["00:00", "24:00"]], "sat": [["00:00", "24:00"]],
                     "sun": [["00:00", "24:00"]]}})" },
        // Both daylight-saving changes of the year happen on a Sunday night.
        { "madridSundayNight", R"({"name": "Madrid Sunday night", "timeZone": "Europe/Madrid",
            "week": {"sun": [["00:00", "06:00"]]}})" },
        { "mexicoSundayNight", R"({"name": "CDMX Sunday night",
            "timeZone": "America/Mexico_City", "week": {"sun": [["00:00", "06:00"]]}})" },
        // Starts inside the hour Madrid skips in March and repeats in October.
        { "madridGapShift", R"({"name": "Madrid gap shift", "timeZone": "Europe/Madrid",
            "week": {"sun": [["02:30", "04:00"]]}})" },
        // A night shift from 22:00 to 06:00, Monday night to Saturday morning.
        { "madridNights", R"({"name": "Madrid nights", "timeZone": "Europe/Madrid",
            "week": {"mon": [["22:00", "24:00"]],
                     "tue": [["00:00", "06:00"], ["22:00", "24:00"]],
                     "wed": [["00:00", "06:00"], ["22:00", "24:00"]],
                     "thu": [["00:00", "06:00"], ["22:00", "24:00"]],
                     "fri": [["00:00", "06:00"], ["22:00", "24:00"]],
                     "sat": [["00:00", "06:00"]]},
            "holidays": ["2026-01-06"]})" },
    };
    return s_fixtures;
}

BusinessCalendar fixture(const QString &name)
{
    QString error;
    const auto calendar = BusinessCalendar::fromJson(
        QJsonDocument::fromJson(fixtures().value(name)).object(), &error);
    if (!calendar)
        qFatal("fixture %s: %s", qPrintable(name), qPrintable(error));
    return *calendar;
}

// "2026-02-09 09:00" is local time in the calendar's zone; "2026-10-25 02:30 +01:00" names
// the offset too, which the repeated hour of a fall-back night needs.
qint64 at(const BusinessCalendar &calendar, const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(' '));
    const QDate date = QDate::fromString(parts.value(0), Qt::ISODate);
    const QTime time = QTime::fromString(parts.value(1), Qt::ISODate);
    QDateTime dt;
    if (parts.size() == 3) {
        const QTime offset = QTime::fromString(parts.at(2).mid(1), QStringLiteral("HH:mm"));
        const int sign = parts.at(2).startsWith(QLatin1Char('-')) ? -1 : 1;
        dt = QDateTime(date, time, Qt::OffsetFromUTC, sign * offset.msecsSinceStartOfDay() / 1000);
    } else {
        dt = QDateTime(date, time, calendar.timeZone());
    }
    if (!dt.isValid())
        qFatal("bad instant in a test row: %s", qPrintable(text));
    return dt.toMSecsSinceEpoch();
}

// Local time with its offset, so a failure reads like the row that caused it.
QString describe(const BusinessCalendar &calendar, std::optional<qint64> ms)
{
    if (!ms)
        return QStringLiteral("none");
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(*ms, calendar.timeZone());
    const int offset = local.offsetFromUtc();
    QString text = local.toString(local.time().msec()
            ? "yyyy-MM-dd HH:mm:ss.zzz"
            : (local.time().second() ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"));
    return text
        + QStringLiteral(" %1%2:%3")
              .arg(offset < 0 ? '-' : '+')
              .arg(qAbs(offset) / 3600, 2, 10, QLatin1Char('0'))
              .arg(qAbs(offset) % 3600 / 60, 2, 10, QLatin1Char('0'));
}

// Working or not, asked of Qt's own time-zone conversion minute by minute: the slow, obvious
// reading of the rule the calendar implements.
bool workingByReference(const BusinessCalendar &calendar, qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, calendar.timeZone());
    if (calendar.isHoliday(local.date()))
        return false;
    const int minute = local.time().msecsSinceStartOfDay() / 60000;
    const auto day = static_cast<Qt::DayOfWeek>(local.date().dayOfWeek());
    for (const auto &interval : calendar.workingIntervals(day)) {
        if (minute >= interval.startMinute && minute < interval.endMinute)
            return true;
    }
    return false;
}

// The zone's offset changes between 2020 and 2045, where mistakes would hide; past 2037 they
// come from the zone's rule rather than its file's list.
QList<qint64> transitionsOf(const BusinessCalendar &calendar)
{
    QList<qint64> list;
    const QTimeZone zone = calendar.timeZone();
    QDateTime t(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime end(QDate(2045, 1, 1), QTime(0, 0), Qt::UTC);
    for (;;) {
        auto next = zone.nextTransition(t);
        if (!next.atUtc.isValid()) // Qt 6.4 stalls on the file's last listed change
            next = zone.nextTransition(t.addSecs(1));
        if (!next.atUtc.isValid() || next.atUtc >= end)
            break;
        list.append(next.atUtc.toMSecsSinceEpoch());
        t = next.atUtc;
    }
    return list;
}

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kDay = 24 * 60 * kMinute;

} // namespace

class BusinessCalendarTest : public QObject
{
    Q_OBJECT
private slots:
    void addBusinessMinutes_data();
    void addBusinessMinutes();
    void businessMinutesBetween_data();
    void businessMinutesBetween();
    void isWorkingTime_data();
    void isWorkingTime();
    void nextWorkingStart_data();
    void nextWorkingStart();
    void followTheSunDesksDisagreeOnTheSameStart();
    void zeroAndNegativeDurations();
    void theDefaultCalendarIsAlwaysWorkingInUtc();
    void addAndBetweenAreInverses_data();
    void addAndBetweenAreInverses();
    void agreesWithMinuteByMinuteReading_data();
    void agreesWithMinuteByMinuteReading();
    void invalidCalendarsAreRefused_data();
    void invalidCalendarsAreRefused();
    void jsonIsNormalizedAndRoundTrips();
    void searchStopsAtTheHorizon();
};

void BusinessCalendarTest::addBusinessMinutes_data()
{
    QTest::addColumn<QString>("calendar");
    QTest::addColumn<QString>("start");
    QTest::addColumn<qint64>("minutes");
    QTest::addColumn<QString>("due");

    // 2026-02-09 is a Monday; Madrid is on +01:00 and Mexico City on -06:00 in February.
    QTest::newRow("within a morning") << "madrid"
                                      << "2026-02-09 09:00" << 120ll << "2026-02-09 11:00";
    QTest::newRow("ends exactly at lunch") << "madrid"
                                           << "2026-02-09 09:00" << 300ll << "2026-02-09 14:00";
    QTest::newRow("spans lunch") << "madrid"
                                 << "2026-02-09 13:00" << 120ll << "2026-02-09 16:00";
    QTest::newRow("ends at closing, not at the next opening")
        << "madrid"
        << "2026-02-09 17:00" << 60ll << "2026-02-09 18:00";
    QTest::newRow("a full working day") << "madrid"
                                        << "2026-02-09 08:00" << 540ll << "2026-02-09 18:00";
    QTest::newRow("spans a night") << "madrid"
                                   << "2026-02-09 17:00" << 120ll << "2026-02-10 09:00";
    QTest::newRow("spans a weekend") << "madrid"
                                     << "2026-02-13 17:00" << 120ll << "2026-02-16 09:00";
    QTest::newRow("a working week") << "madrid"
                                    << "2026-02-09 08:00" << 2700ll << "2026-02-13 18:00";
    QTest::newRow("seconds of the start are kept")
        << "madrid"
        << "2026-02-09 09:00:30" << 1ll << "2026-02-09 09:01:30";
    QTest::newRow("start before opening") << "madrid"
                                          << "2026-02-09 06:30" << 30ll << "2026-02-09 08:30";
    QTest::newRow("start during lunch") << "madrid"
                                        << "2026-02-09 14:20" << 30ll << "2026-02-09 15:30";
    QTest::newRow("start after closing") << "madrid"
                                         << "2026-02-09 19:00" << 30ll << "2026-02-10 08:30";
    QTest::newRow("start on a Saturday") << "madrid"
                                         << "2026-02-14 10:00" << 30ll << "2026-02-16 08:30";
    QTest::newRow("start on a holiday (Epiphany)")
        << "madrid"
        << "2026-01-06 10:00" << 30ll << "2026-01-07 08:30";
    QTest::newRow("Christmas Day is skipped") << "madrid"
                                              << "2025-12-24 17:00" << 120ll << "2025-12-26 09:00";
    QTest::newRow("New Year's Day is skipped") << "madrid"
                                               << "2025-12-31 17:00" << 120ll << "2026-01-02 09:00";
    QTest::newRow("New Year, a weekend and Epiphany")
        << "madrid"
        << "2026-01-02 17:00" << 660ll << "2026-01-07 09:00";

    QTest::newRow("mexico within a day") << "mexico"
                                         << "2026-02-09 10:00" << 60ll << "2026-02-09 11:00 -06:00";
    QTest::newRow("mexico works Saturday mornings")
        << "mexico"
        << "2026-02-13 17:00" << 120ll << "2026-02-14 10:00";
    QTest::newRow("mexico Saturday afternoon rolls to Monday")
        << "mexico"
        << "2026-02-14 12:00" << 120ll << "2026-02-16 10:00";
    QTest::newRow("mexico Christmas Day is skipped")
        << "mexico"
        << "2025-12-24 17:00" << 120ll << "2025-12-26 10:00";
    QTest::newRow("mexico New Year's Day is skipped")
        << "mexico"
        << "2025-12-31 17:00" << 120ll << "2026-01-02 10:00";

    // Madrid: 2026-03-29 02:00 +01:00 becomes 03:00 +02:00; 2026-10-25 03:00 +02:00 becomes
    // 02:00 +01:00.
    QTest::newRow("madrid 24x7: 24 real hours over spring-forward")
        << "madrid24x7"
        << "2026-03-28 12:00 +01:00" << 1440ll << "2026-03-29 13:00 +02:00";
    QTest::newRow("madrid 24x7: 24 real hours over fall-back")
        << "madrid24x7"
        << "2026-10-24 12:00 +02:00" << 1440ll << "2026-10-25 11:00 +01:00";
    QTest::newRow("madrid 24x7: across the skipped hour")
        << "madrid24x7"
        << "2026-03-29 01:30 +01:00" << 60ll << "2026-03-29 03:30 +02:00";
    QTest::newRow("madrid 24x7: into the first 02:30")
        << "madrid24x7"
        << "2026-10-25 01:30 +02:00" << 60ll << "2026-10-25 02:30 +02:00";
    QTest::newRow("madrid 24x7: into the second 02:30")
        << "madrid24x7"
        << "2026-10-25 01:30 +02:00" << 120ll << "2026-10-25 02:30 +01:00";
    QTest::newRow("madrid Sunday night: 5 hours on spring-forward")
        << "madridSundayNight"
        << "2026-03-28 20:00" << 300ll << "2026-03-29 06:00 +02:00";
    QTest::newRow("madrid Sunday night: a minute more waits a week")
        << "madridSundayNight"
        << "2026-03-28 20:00" << 301ll << "2026-04-05 00:01 +02:00";
    QTest::newRow("madrid Sunday night: 7 hours on fall-back")
        << "madridSundayNight"
        << "2026-10-24 20:00" << 420ll << "2026-10-25 06:00 +01:00";
    QTest::newRow("madrid Sunday night: 6 hours end at 05:00 on fall-back")
        << "madridSundayNight"
        << "2026-10-24 20:00" << 360ll << "2026-10-25 05:00 +01:00";
    QTest::newRow("madrid Sunday night: 2040, past the zone file's own list")
        << "madridSundayNight"
        << "2040-03-24 20:00" << 301ll << "2040-04-01 00:01 +02:00";
    QTest::newRow("madrid Sunday night: an ordinary Sunday")
        << "madridSundayNight"
        << "2026-03-21 20:00" << 360ll << "2026-03-22 06:00 +01:00";
    QTest::newRow("a shift starting inside the skipped hour starts after it")
        << "madridGapShift"
        << "2026-03-28 12:00" << 30ll << "2026-03-29 03:30 +02:00";
    QTest::newRow("a repeated half hour is worked twice")
        << "madridGapShift"
        << "2026-10-24 12:00" << 60ll << "2026-10-25 03:00 +01:00";
    QTest::newRow("the whole shift on fall-back is 2 hours")
        << "madridGapShift"
        << "2026-10-24 12:00" << 120ll << "2026-10-25 04:00 +01:00";

    // Mexico City: 2021-04-04 02:00 -06:00 became 03:00 -05:00; 2021-10-31 02:00 -05:00
    // became 01:00 -06:00. Since late 2022 there is no daylight saving at all.
    QTest::newRow("mexico 2021 24x7: spring-forward")
        << "mexico24x7"
        << "2021-04-03 12:00" << 1440ll << "2021-04-04 13:00 -05:00";
    QTest::newRow("mexico 2021 24x7: fall-back")
        << "mexico24x7"
        << "2021-10-30 12:00" << 1440ll << "2021-10-31 11:00 -06:00";
    QTest::newRow("mexico 2026 24x7: first Sunday of April is ordinary")
        << "mexico24x7"
        << "2026-04-04 12:00" << 1440ll << "2026-04-05 12:00 -06:00";
    QTest::newRow("mexico 2026 24x7: last Sunday of October is ordinary")
        << "mexico24x7"
        << "2026-10-24 12:00" << 1440ll << "2026-10-25 12:00 -06:00";
    QTest::newRow("mexico 2021 Sunday night: 5 hours")
        << "mexicoSundayNight"
        << "2021-04-03 20:00" << 300ll << "2021-04-04 06:00 -05:00";
    QTest::newRow("mexico 2021 Sunday night: 7 hours")
        << "mexicoSundayNight"
        << "2021-10-30 20:00" << 420ll << "2021-10-31 06:00 -06:00";
    QTest::newRow("mexico 2026 Sunday night: 6 hours in April")
        << "mexicoSundayNight"
        << "2026-04-04 20:00" << 360ll << "2026-04-05 06:00 -06:00";

    QTest::newRow("a night shift runs through midnight")
        << "madridNights"
        << "2026-02-09 23:00" << 120ll << "2026-02-10 01:00";
    QTest::newRow("a holiday takes its own date's part of a night shift")
        << "madridNights"
        << "2026-01-05 23:00" << 120ll << "2026-01-07 01:00";
}

void BusinessCalendarTest::addBusinessMinutes()
{
    QFETCH(QString, calendar);
    QFETCH(QString, start);
    QFETCH(qint64, minutes);
    QFETCH(QString, due);
    const BusinessCalendar c = fixture(calendar);
    const qint64 startMs = at(c, start);
    const auto actual = c.addBusinessMinutes(startMs, minutes);
    QCOMPARE(describe(c, actual), describe(c, at(c, due)));
    QCOMPARE(c.businessMinutesBetween(startMs, *actual), minutes);
}

void BusinessCalendarTest::businessMinutesBetween_data()
{
    QTest::addColumn<QString>("calendar");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<qint64>("minutes");

    QTest::newRow("the same instant") << "madrid"
                                      << "2026-02-09 09:00"
                                      << "2026-02-09 09:00" << 0ll;
    QTest::newRow("backwards is nothing") << "madrid"
                                          << "2026-02-09 11:00"
                                          << "2026-02-09 09:00" << 0ll;
    QTest::newRow("within a morning") << "madrid"
                                      << "2026-02-09 09:00"
                                      << "2026-02-09 11:00" << 120ll;
    QTest::newRow("across lunch") << "madrid"
                                  << "2026-02-09 13:00"
                                  << "2026-02-09 16:00" << 120ll;
    QTest::newRow("partial minutes round down") << "madrid"
                                                << "2026-02-09 09:00"
                                                << "2026-02-09 09:01:59" << 1ll;
    QTest::newRow("across a night") << "madrid"
                                    << "2026-02-09 17:00"
                                    << "2026-02-10 09:00" << 120ll;
    QTest::newRow("a weekend") << "madrid"
                               << "2026-02-14 00:00"
                               << "2026-02-16 00:00" << 0ll;
    QTest::newRow("a working week") << "madrid"
                                    << "2026-02-09 00:00"
                                    << "2026-02-16 00:00" << 2700ll;
    QTest::newRow("Christmas to after Epiphany: 12 working days")
        << "madrid"
        << "2025-12-22 00:00"
        << "2026-01-12 00:00" << 12 * 540ll;
    QTest::newRow("mexico a week with Saturday") << "mexico"
                                                 << "2026-02-09 00:00"
                                                 << "2026-02-16 00:00" << 5 * 540 + 240ll;

    QTest::newRow("madrid 24x7: spring-forward day is 23 hours") << "madrid24x7"
                                                                 << "2026-03-29 00:00"
                                                                 << "2026-03-30 00:00" << 23 * 60ll;
    QTest::newRow("madrid 24x7: fall-back day is 25 hours") << "madrid24x7"
                                                            << "2026-10-25 00:00"
                                                            << "2026-10-26 00:00" << 25 * 60ll;
    QTest::newRow("madrid 24x7: March loses an hour") << "madrid24x7"
                                                      << "2026-03-01 00:00"
                                                      << "2026-04-01 00:00" << 31 * 1440 - 60ll;
    QTest::newRow("madrid 24x7: the year gets it back") << "madrid24x7"
                                                        << "2026-01-01 00:00"
                                                        << "2027-01-01 00:00" << 365 * 1440ll;
    QTest::newRow("madrid Sunday night: spring-forward") << "madridSundayNight"
                                                         << "2026-03-29 00:00"
                                                         << "2026-03-30 00:00" << 300ll;
    QTest::newRow("madrid Sunday night: fall-back") << "madridSundayNight"
                                                    << "2026-10-25 00:00"
                                                    << "2026-10-26 00:00" << 420ll;
    QTest::newRow("madrid Sunday night: 2040, past the zone file's own list")
        << "madridSundayNight"
        << "2040-03-25 00:00"
        << "2040-03-26 00:00" << 300ll;
    QTest::newRow("madrid gap shift: ordinary Sunday") << "madridGapShift"
                                                       << "2026-03-22 00:00"
                                                       << "2026-03-23 00:00" << 90ll;
    QTest::newRow("madrid gap shift: spring-forward") << "madridGapShift"
                                                      << "2026-03-29 00:00"
                                                      << "2026-03-30 00:00" << 60ll;
    QTest::newRow("madrid gap shift: fall-back") << "madridGapShift"
                                                 << "2026-10-25 00:00"
                                                 << "2026-10-26 00:00" << 120ll;
    QTest::newRow("madrid gap shift: only the second pass") << "madridGapShift"
                                                            << "2026-10-25 02:00 +01:00"
                                                            << "2026-10-26 00:00" << 90ll;

    QTest::newRow("mexico 2021 24x7: spring-forward day is 23 hours")
        << "mexico24x7"
        << "2021-04-04 00:00"
        << "2021-04-05 00:00" << 23 * 60ll;
    QTest::newRow("mexico 2021 24x7: fall-back day is 25 hours") << "mexico24x7"
                                                                 << "2021-10-31 00:00"
                                                                 << "2021-11-01 00:00" << 25 * 60ll;
    QTest::newRow("mexico 2022 24x7: the last fall-back") << "mexico24x7"
                                                          << "2022-10-30 00:00"
                                                          << "2022-10-31 00:00" << 25 * 60ll;
    QTest::newRow("mexico 2023 24x7: April no longer springs forward")
        << "mexico24x7"
        << "2023-04-02 00:00"
        << "2023-04-03 00:00" << 24 * 60ll;
    QTest::newRow("mexico 2026 24x7: April 5 is 24 hours") << "mexico24x7"
                                                           << "2026-04-05 00:00"
                                                           << "2026-04-06 00:00" << 24 * 60ll;
    QTest::newRow("mexico 2026 24x7: October 25 is 24 hours") << "mexico24x7"
                                                              << "2026-10-25 00:00"
                                                              << "2026-10-26 00:00" << 24 * 60ll;
    QTest::newRow("mexico 2021 Sunday night: spring-forward") << "mexicoSundayNight"
                                                              << "2021-04-04 00:00"
                                                              << "2021-04-05 00:00" << 300ll;
    QTest::newRow("mexico 2021 Sunday night: fall-back") << "mexicoSundayNight"
                                                         << "2021-10-31 00:00"
                                                         << "2021-11-01 00:00" << 420ll;

    QTest::newRow("night shift over a holiday") << "madridNights"
                                                << "2026-01-05 00:00"
                                                << "2026-01-08 00:00" << 120 + 360 + 120ll;
}

void BusinessCalendarTest::businessMinutesBetween()
{
    QFETCH(QString, calendar);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(qint64, minutes);
    const BusinessCalendar c = fixture(calendar);
    QCOMPARE(c.businessMinutesBetween(at(c, from), at(c, to)), minutes);
}

void BusinessCalendarTest::isWorkingTime_data()
{
    QTest::addColumn<QString>("calendar");
    QTest::addColumn<QString>("instant");
    QTest::addColumn<bool>("working");

    QTest::newRow("opening time is working") << "madrid"
                                             << "2026-02-09 08:00" << true;
    QTest::newRow("a minute before opening is not") << "madrid"
                                                    << "2026-02-09 07:59" << false;
    QTest::newRow("the last minute before lunch is") << "madrid"
                                                     << "2026-02-09 13:59" << true;
    QTest::newRow("lunch starts are not") << "madrid"
                                          << "2026-02-09 14:00" << false;
    QTest::newRow("Saturday is not") << "madrid"
                                     << "2026-02-14 10:00" << false;
    QTest::newRow("a holiday is not") << "madrid"
                                      << "2026-01-01 10:00" << false;
    QTest::newRow("midnight of a 24:00 day is the next day's") << "madridNights"
                                                               << "2026-02-14 00:00" << true;
    QTest::newRow("Sunday 00:00 is Sunday's, which has no hours") << "madridNights"
                                                                  << "2026-02-15 00:00" << false;
    QTest::newRow("gap shift: after the skipped hour") << "madridGapShift"
                                                       << "2026-03-29 03:00 +02:00" << true;
    QTest::newRow("gap shift: before the repeated hour") << "madridGapShift"
                                                         << "2026-10-25 02:15 +02:00" << false;
    QTest::newRow("gap shift: first 02:45") << "madridGapShift"
                                            << "2026-10-25 02:45 +02:00" << true;
    QTest::newRow("gap shift: second 02:15") << "madridGapShift"
                                             << "2026-10-25 02:15 +01:00" << false;
    QTest::newRow("gap shift: second 02:45") << "madridGapShift"
                                             << "2026-10-25 02:45 +01:00" << true;
}

void BusinessCalendarTest::isWorkingTime()
{
    QFETCH(QString, calendar);
    QFETCH(QString, instant);
    QFETCH(bool, working);
    const BusinessCalendar c = fixture(calendar);
    QCOMPARE(c.isWorkingTime(at(c, instant)), working);
}

void BusinessCalendarTest::nextWorkingStart_data()
{
    QTest::addColumn<QString>("calendar");
    QTest::addColumn<QString>("instant");
    QTest::addColumn<QString>("next");

    QTest::newRow("working time is its own start") << "madrid"
                                                   << "2026-02-09 10:00"
                                                   << "2026-02-09 10:00";
    QTest::newRow("before opening") << "madrid"
                                    << "2026-02-09 07:00"
                                    << "2026-02-09 08:00";
    QTest::newRow("lunch") << "madrid"
                           << "2026-02-09 14:30"
                           << "2026-02-09 15:00";
    QTest::newRow("Friday closing") << "madrid"
                                    << "2026-02-13 18:00"
                                    << "2026-02-16 08:00";
    QTest::newRow("New Year's Eve closing") << "madrid"
                                            << "2025-12-31 18:00"
                                            << "2026-01-02 08:00";
    QTest::newRow("Monday before Epiphany") << "madrid"
                                            << "2026-01-05 18:00"
                                            << "2026-01-07 08:00";
    QTest::newRow("a shift that opens in the skipped hour") << "madridGapShift"
                                                            << "2026-03-28 12:00"
                                                            << "2026-03-29 03:00 +02:00";
    QTest::newRow("the second pass of a repeated hour") << "madridGapShift"
                                                        << "2026-10-25 02:00 +01:00"
                                                        << "2026-10-25 02:30 +01:00";
}

void BusinessCalendarTest::nextWorkingStart()
{
    QFETCH(QString, calendar);
    QFETCH(QString, instant);
    QFETCH(QString, next);
    const BusinessCalendar c = fixture(calendar);
    QCOMPARE(describe(c, c.nextWorkingStart(at(c, instant))), describe(c, at(c, next)));
}

void BusinessCalendarTest::followTheSunDesksDisagreeOnTheSameStart()
{
    const QList<BusinessCalendar> desks = { fixture("madrid"), fixture("mexico") };
    // 16:00 UTC: 17:00 in Madrid, one hour before closing; 10:00 in Mexico City.
    const qint64 start = QDateTime(QDate(2026, 2, 9), QTime(16, 0), Qt::UTC).toMSecsSinceEpoch();
    QList<qint64> due;
    for (const BusinessCalendar &desk : desks)
        due.append(*desk.addBusinessMinutes(start, 120));
    QCOMPARE(describe(desks[0], due[0]), QStringLiteral("2026-02-10 09:00 +01:00"));
    QCOMPARE(describe(desks[1], due[1]), QStringLiteral("2026-02-09 12:00 -06:00"));
    // Handing over to whichever desk is open makes it due with Mexico City, 14 hours sooner.
    QCOMPARE(due[0] - due[1], 14 * 60 * kMinute);
}

void BusinessCalendarTest::zeroAndNegativeDurations()
{
    const BusinessCalendar c = fixture("madrid");
    const qint64 saturday = at(c, "2026-02-14 10:00");
    const qint64 monday = at(c, "2026-02-09 10:00");
    QCOMPARE(c.addBusinessMinutes(saturday, 0).value_or(-1), saturday);
    QCOMPARE(c.addBusinessMinutes(monday, 0).value_or(-1), monday);
    QCOMPARE(c.addBusinessMs(monday, 0).value_or(-1), monday);
    QVERIFY(!c.addBusinessMinutes(monday, -1));
    QVERIFY(!c.addBusinessMs(monday, -1));
    QCOMPARE(c.businessMsBetween(monday, saturday - 7 * kDay), 0ll);
}

void BusinessCalendarTest::theDefaultCalendarIsAlwaysWorkingInUtc()
{
    const BusinessCalendar c;
    QCOMPARE(c.name(), QStringLiteral("24x7"));
    QCOMPARE(c.timeZone().id(), QByteArray("UTC"));
    const qint64 start = QDateTime(QDate(2026, 3, 29), QTime(0, 30), Qt::UTC).toMSecsSinceEpoch();
    QVERIFY(c.isWorkingTime(start));
    QCOMPARE(c.addBusinessMinutes(start, 90).value_or(-1), start + 90 * kMinute);
    QCOMPARE(c.businessMinutesBetween(start, start + 7 * kDay), 7 * 1440ll);
    QCOMPARE(*BusinessCalendar::fromJson(c.toJson()), c);
}

void BusinessCalendarTest::addAndBetweenAreInverses_data()
{
    QTest::addColumn<QString>("calendar");
    for (auto it = fixtures().keyBegin(); it != fixtures().keyEnd(); ++it)
        QTest::newRow(qPrintable(*it)) << *it;
}

// Whatever the start (working or not, on any millisecond) and the duration, the due instant
// holds exactly that much working time, and a millisecond earlier would not.
void BusinessCalendarTest::addAndBetweenAreInverses()
{
    QFETCH(QString, calendar);
    const BusinessCalendar c = fixture(calendar);
    const QList<qint64> transitions = transitionsOf(c);
    const qint64 from = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QRandomGenerator random(20260329);
    for (int i = 0; i < 2000; ++i) {
        // Half the starts fall within two days of an offset change, where mistakes would be.
        const qint64 start = (i % 2 && !transitions.isEmpty())
            ? transitions.at(random.bounded(transitions.size())) - 2 * kDay
                + qint64(random.bounded(4.0 * kDay))
            : from + qint64(random.bounded(10 * 365.0 * kDay));
        const qint64 minutes = i % 10 == 0 ? 0 : random.bounded(6000);
        const auto due = c.addBusinessMinutes(start, minutes);
        QVERIFY2(due, qPrintable(describe(c, start)));
        QCOMPARE(c.businessMsBetween(start, *due), minutes * kMinute);
        if (minutes > 0) {
            QVERIFY2(c.isWorkingTime(*due - 1), qPrintable(describe(c, *due)));
            QVERIFY(c.businessMsBetween(start, *due - 1) < minutes * kMinute);
        }
    }
}

void BusinessCalendarTest::agreesWithMinuteByMinuteReading_data()
{
    addAndBetweenAreInverses_data();
}

// Each minute of random three-day windows (half of them around offset changes, New Year
// among the rest) read through QDateTime must agree with isWorkingTime and sum to between().
void BusinessCalendarTest::agreesWithMinuteByMinuteReading()
{
    QFETCH(QString, calendar);
    const BusinessCalendar c = fixture(calendar);
    const QList<qint64> transitions = transitionsOf(c);
    const qint64 newYear = at(c, "2025-12-30 00:00");
    QRandomGenerator random(1969);
    for (int window = 0; window < 24; ++window) {
        const qint64 around = (window % 2 && !transitions.isEmpty())
            ? transitions.at(random.bounded(transitions.size()))
            : newYear + qint64(random.bounded(10.0 * kDay));
        const qint64 from
            = (around - 2 * kDay) / kMinute * kMinute + random.bounded(24 * 60) * kMinute;
        const qint64 to = from + 3 * kDay;
        qint64 minutes = 0;
        for (qint64 ms = from; ms < to; ms += kMinute) {
            const bool working = workingByReference(c, ms);
            QVERIFY2(c.isWorkingTime(ms) == working, qPrintable(describe(c, ms)));
            minutes += working ? 1 : 0;
        }
        QCOMPARE(c.businessMinutesBetween(from, to), minutes);
    }
}

void BusinessCalendarTest::invalidCalendarsAreRefused_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");

    const QString ok = R"("name": "X", "timeZone": "Europe/Madrid")";
    QTest::newRow("no name") << R"({"timeZone": "UTC", "week": {"mon": [["08:00", "18:00"]]}})"
                             << R"(calendar: "name" must be a non-empty text)";
    QTest::newRow("unknown time zone")
        << R"({"name": "X", "timeZone": "Europe/Madird", "week": {"mon": [["08:00", "18:00"]]}})"
        << R"(calendar "X": unknown time zone "Europe/Madird")";
    QTest::newRow("no time zone") << R"({"name": "X", "week": {"mon": [["08:00", "18:00"]]}})"
                                  << R"(calendar "X": unknown time zone "")";
    QTest::newRow("no week") << "{" + ok + "}"
                             << R"(calendar "X": "week" must be an object)";
    QTest::newRow("unknown weekday") << "{" + ok + R"(, "week": {"tues": [["08:00", "18:00"]]}})"
                                     << R"(calendar "X": unknown weekday "tues")";
    QTest::newRow("a day that is not a list") << "{" + ok + R"(, "week": {"mon": "08:00-18:00"}})"
                                              << R"(calendar "X": week.mon: must be a list)";
    QTest::newRow("an interval that is not a pair")
        << "{" + ok + R"(, "week": {"mon": [["08:00"]]}})"
        << R"(week.mon: each interval must be a pair)";
    QTest::newRow("a single-digit hour")
        << "{" + ok + R"(, "week": {"tue": [["8:00", "18:00"]]}})"
        << R"(week.tue: "8:00" is not a time (HH:mm, 00:00 to 24:00))";
    QTest::newRow("seconds") << "{" + ok + R"(, "week": {"tue": [["08:00:00", "18:00"]]}})"
                             << R"(week.tue: "08:00:00" is not a time)";
    QTest::newRow("25 o'clock") << "{" + ok + R"(, "week": {"tue": [["08:00", "25:00"]]}})"
                                << R"("25:00" is not a time)";
    QTest::newRow("past 24:00") << "{" + ok + R"(, "week": {"tue": [["08:00", "24:30"]]}})"
                                << R"("24:30" is not a time)";
    QTest::newRow("reversed") << "{" + ok + R"(, "week": {"wed": [["18:00", "08:00"]]}})"
                              << R"(week.wed: interval 18:00-08:00 is empty or reversed)";
    QTest::newRow("empty") << "{" + ok + R"(, "week": {"wed": [["08:00", "08:00"]]}})"
                           << R"(interval 08:00-08:00 is empty or reversed)";
    QTest::newRow("starting at 24:00") << "{" + ok + R"(, "week": {"wed": [["24:00", "24:00"]]}})"
                                       << R"(interval 24:00-24:00 is empty or reversed)";
    QTest::newRow("overlapping") << "{" + ok
            + R"(, "week": {"thu": [["13:00", "18:00"], ["08:00", "14:00"]]}})"
                                 << R"(week.thu: intervals 08:00-14:00 and 13:00-18:00 overlap)";
    QTest::newRow("contained") << "{" + ok
            + R"(, "week": {"thu": [["08:00", "18:00"], ["09:00", "10:00"]]}})"
                               << R"(intervals 08:00-18:00 and 09:00-10:00 overlap)";
    QTest::newRow("no working hours") << "{" + ok + R"(, "week": {"mon": [], "sat": []}})"
                                      << R"(calendar "X" has no working hours)";
    QTest::newRow("holidays not a list")
        << "{" + ok + R"(, "week": {"mon": [["08:00", "18:00"]]}, "holidays": "2026-01-01"})"
        << R"(calendar "X": "holidays" must be a list)";
    QTest::newRow("an impossible date")
        << "{" + ok + R"(, "week": {"mon": [["08:00", "18:00"]]}, "holidays": ["2026-02-30"]})"
        << R"(calendar "X": holiday "2026-02-30" is not a date (yyyy-MM-dd))";
    QTest::newRow("a date in another format")
        << "{" + ok + R"(, "week": {"mon": [["08:00", "18:00"]]}, "holidays": ["01/01/2026"]})"
        << R"(holiday "01/01/2026" is not a date)";
}

void BusinessCalendarTest::invalidCalendarsAreRefused()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    QJsonParseError parse;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8(), &parse).object();
    QCOMPARE(parse.error, QJsonParseError::NoError);
    QString message;
    QVERIFY(!BusinessCalendar::fromJson(o, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

// Touching intervals merge, duplicate holidays are one holiday, missing days are closed; what
// comes out reads back as the same calendar.
void BusinessCalendarTest::jsonIsNormalizedAndRoundTrips()
{
    const QByteArray input = R"({"name": "Merged", "timeZone": "America/Mexico_City",
        "week": {"fri": [["15:00", "18:00"], ["09:00", "12:00"], ["12:00", "14:00"]]},
        "holidays": ["2026-01-06", "2026-01-01", "2026-01-06"]})";
    QString error;
    const auto c = BusinessCalendar::fromJson(QJsonDocument::fromJson(input).object(), &error);
    QVERIFY2(c, qPrintable(error));
    const QByteArray expected = R"({"name": "Merged", "timeZone": "America/Mexico_City",
        "week": {"mon": [], "tue": [], "wed": [], "thu": [],
                 "fri": [["09:00", "14:00"], ["15:00", "18:00"]], "sat": [], "sun": []},
        "holidays": ["2026-01-01", "2026-01-06"]})";
    QCOMPARE(c->toJson(), QJsonDocument::fromJson(expected).object());
    QCOMPARE(c->workingIntervals(Qt::Friday),
        (QList<BusinessCalendar::Interval> { { 9 * 60, 14 * 60 }, { 15 * 60, 18 * 60 } }));
    QCOMPARE(c->holidays(), (QList<QDate> { QDate(2026, 1, 1), QDate(2026, 1, 6) }));
    QVERIFY(c->isHoliday(QDate(2026, 1, 6)));
    QVERIFY(!c->isHoliday(QDate(2026, 1, 7)));
    const auto again = BusinessCalendar::fromJson(c->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(*again, *c);
    QVERIFY(*again != fixture("mexico"));
}

// A calendar whose every working day ahead is a holiday must answer, not loop: nothing within
// the horizon is std::nullopt, and work that resumes within it is still found.
void BusinessCalendarTest::searchStopsAtTheHorizon()
{
    const auto sundaysOnlyWithHolidays = [](int years) {
        QJsonArray holidays;
        for (QDate d(2026, 1, 4); d < QDate(2026 + years, 1, 1); d = d.addDays(7))
            holidays.append(d.toString(Qt::ISODate));
        return *BusinessCalendar::fromJson(QJsonObject {
            { "name", "Sundays, all of them holidays" }, { "timeZone", "Europe/Madrid" },
            { "week", QJsonObject { { "sun", QJsonArray { QJsonArray { "09:00", "10:00" } } } } },
            { "holidays", holidays } });
    };
    const BusinessCalendar sixYears = sundaysOnlyWithHolidays(6);
    const qint64 start = at(sixYears, "2026-01-01 00:00");
    QVERIFY(!sixYears.addBusinessMinutes(start, 1));
    QVERIFY(!sixYears.nextWorkingStart(start));
    QCOMPARE(sixYears.businessMinutesBetween(start, at(sixYears, "2032-01-01 00:00")), 0ll);
    QCOMPARE(describe(sixYears, sixYears.nextWorkingStart(at(sixYears, "2031-06-01 00:00"))),
        QStringLiteral("2032-01-04 09:00 +01:00"));

    const BusinessCalendar fourYears = sundaysOnlyWithHolidays(4);
    QCOMPARE(describe(fourYears, fourYears.addBusinessMinutes(start, 30)),
        QStringLiteral("2030-01-06 09:30 +01:00"));

    // An absurd duration is past the horizon as well, however it is written.
    const BusinessCalendar always;
    const qint64 horizonMinutes = qint64(BusinessCalendar::kSearchHorizonDays) * 1440;
    QCOMPARE(always.addBusinessMinutes(start, horizonMinutes).value_or(-1),
        start + horizonMinutes * kMinute);
    QVERIFY(!always.addBusinessMinutes(start, horizonMinutes + 1));
    QVERIFY(!always.addBusinessMinutes(start, std::numeric_limits<qint64>::max()));
    QVERIFY(!always.addBusinessMs(start, std::numeric_limits<qint64>::max()));
    // So is an instant no clock will reach; nothing overflows on the way.
    for (qint64 far : { std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min() }) {
        QVERIFY(!always.addBusinessMinutes(far, 1));
        QVERIFY(!always.nextWorkingStart(far));
        QVERIFY(!always.isWorkingTime(far));
    }
}

QTEST_APPLESS_MAIN(BusinessCalendarTest)
#include "tst_businesscalendar.moc"
