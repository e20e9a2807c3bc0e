// Business calendars from an admin's JSON (core/calendar/businesscalendar.h). Checked: a
// calendar that loads saves (toJson) to a form that loads to an equal calendar and saves
// the same again; and it answers, in bounded time (libFuzzer's -timeout), the questions SLA
// clocks ask: a due instant is never before the start, exactly the asked working time lies
// between start and due (the documented inverse), and the instant just before a due instant
// is working time. The instants and durations asked come from the input too, in an optional
// "probe": {"start": ms, "minutes": n} that the calendar itself ignores.

#include "fuzzsupport.h"

#include "core/calendar/businesscalendar.h"

#include <QJsonArray>
#include <QJsonDocument>

using Atiende::Core::BusinessCalendar;

namespace {

constexpr qint64 kMinuteMs = 60 * 1000;

void probe(const BusinessCalendar &calendar, qint64 start, qint64 minutes)
{
    const QString where = QStringLiteral("%1 + %2 min").arg(start).arg(minutes);
    const std::optional<qint64> due = calendar.addBusinessMinutes(start, minutes);
    if (minutes < 0) {
        FUZZ_CHECK(!due, where);
        return;
    }
    if (minutes == 0 && due) {
        FUZZ_CHECK(*due == start, where);
        return;
    }
    if (!due)
        return;
    FUZZ_CHECK(*due >= start, where);
    FUZZ_CHECK(calendar.businessMsBetween(start, *due) == minutes * kMinuteMs,
        where
            + QStringLiteral(": %1 ms between start and due %2")
                  .arg(calendar.businessMsBetween(start, *due))
                  .arg(*due));
    FUZZ_CHECK(calendar.isWorkingTime(*due - 1),
        where + QStringLiteral(": due %1 follows no working time").arg(*due));
    const std::optional<qint64> first = calendar.nextWorkingStart(start);
    FUZZ_CHECK(first && *first >= start && *first < *due, where);
    FUZZ_CHECK(calendar.isWorkingTime(*first), where);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Atiende::Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(Atiende::Fuzz::rawBytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject o = doc.object();
    QString error;
    const std::optional<BusinessCalendar> calendar = BusinessCalendar::fromJson(o, &error);
    if (!calendar) {
        FUZZ_CHECK(!error.isEmpty(), QString());
        return 0;
    }

    const QJsonObject saved = calendar->toJson();
    QString againError;
    const std::optional<BusinessCalendar> again = BusinessCalendar::fromJson(saved, &againError);
    FUZZ_CHECK(again,
        againError + QStringLiteral(" in ")
            + QString::fromUtf8(QJsonDocument(saved).toJson(QJsonDocument::Compact)));
    FUZZ_CHECK(*again == *calendar,
        QString::fromUtf8(QJsonDocument(saved).toJson(QJsonDocument::Compact)));
    FUZZ_CHECK(again->toJson() == saved,
        QString::fromUtf8(QJsonDocument(saved).toJson(QJsonDocument::Compact)));

    // 2026-03-29 00:30 UTC (spring forward in Europe), 2026-10-25 00:30 UTC (fall back), and
    // whatever the input asks.
    const QJsonObject p = o.value(QStringLiteral("probe")).toObject();
    const qint64 start = qint64(
        std::clamp(p.value(QStringLiteral("start")).toDouble(1774744200000.0), -4e15, 4e15));
    const qint64 minutes = qint64(
        std::clamp(p.value(QStringLiteral("minutes")).toDouble(480.0), -10.0, 6.0 * 366 * 24 * 60));
    probe(*calendar, start, minutes);
    probe(*calendar, 1774744200000LL, 8 * 60);
    probe(*calendar, 1792888200000LL, 3 * 24 * 60 + 1);
    probe(*calendar, start, 1);
    probe(*calendar, start, 0);
    return 0;
}
