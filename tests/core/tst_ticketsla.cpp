// SLA clocks in business time: policies, pauses, reopens and new targets, checked minute by
// minute against a plain reference count of working minutes.

#include "core/sla/ticketsla.h"

#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>

using namespace Atiende::Core;

namespace {

const QTimeZone kMadrid("Europe/Madrid");

qint64 madrid(const char *localIso)
{
    QDateTime dt = QDateTime::fromString(QString::fromLatin1(localIso), Qt::ISODate);
    dt.setTimeZone(kMadrid);
    return dt.toMSecsSinceEpoch();
}

// Mon-Fri 09:00-14:00 and 15:00-18:00 in Madrid, with Epiphany off.
BusinessCalendar office()
{
    const char *json = R"({"name":"Madrid office","timeZone":"Europe/Madrid",
        "week":{"mon":[["09:00","14:00"],["15:00","18:00"]],"tue":[["09:00","14:00"],["15:00","18:00"]],
                "wed":[["09:00","14:00"],["15:00","18:00"]],"thu":[["09:00","14:00"],["15:00","18:00"]],
                "fri":[["09:00","14:00"],["15:00","18:00"]]},
        "holidays":["2026-01-06"]})";
    QString error;
    const auto cal = BusinessCalendar::fromJson(QJsonDocument::fromJson(json).object(), &error);
    if (!cal)
        qFatal("%s", qPrintable(error));
    return *cal;
}

// The reference: is this minute (local Madrid time) working time in office()? Written out
// plainly, without the calendar's arithmetic.
bool officeMinute(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, kMadrid);
    if (local.date() == QDate(2026, 1, 6) || local.date().dayOfWeek() > 5)
        return false;
    const int m = local.time().hour() * 60 + local.time().minute();
    return (m >= 9 * 60 && m < 14 * 60) || (m >= 15 * 60 && m < 18 * 60);
}

SlaPolicy standard()
{
    SlaPolicy p;
    p.id = 1;
    p.name = QStringLiteral("Standard");
    p.targets[int(Priority::P1)] = { 30, 4 * 60 };
    p.targets[int(Priority::P2)] = { 60, 8 * 60 };
    p.targets[int(Priority::P3)] = { 4 * 60, 3 * 8 * 60 };
    return p;
}

} // namespace

class TicketSlaTest : public QObject
{
    Q_OBJECT
private slots:
    void dueTimesFollowTheCalendar_data();
    void dueTimesFollowTheCalendar();
    void aPausedClockCountsOnlyWorkingTimeOutsideThePause();
    void aReopenResumesFromTheTimeUsed();
    void firstResponseIsMetOrMissed();
    void aClockOverItsTargetStaysBreachedWhilePaused();
    void aNewPriorityKeepsTheTimeUsed();
    void aTicketCreatedPendingStartsPaused();
    void policiesAreChosenByOrderAndConditions();
    void aPolicyWithoutTargetsIsRefused();
    void stateSurvivesTheWire();
};

void TicketSlaTest::dueTimesFollowTheCalendar_data()
{
    QTest::addColumn<qint64>("created");
    QTest::addColumn<int>("priority");
    QTest::addColumn<qint64>("firstResponseDue");
    QTest::addColumn<qint64>("resolutionDue");
    QTest::addColumn<qint64>("resolutionWarning");
    QTest::newRow("P1 Monday morning, due at the lunch break")
        << madrid("2026-11-23T10:00:00") << int(Priority::P1) << madrid("2026-11-23T10:30:00")
        << madrid("2026-11-23T14:00:00") << madrid("2026-11-23T13:00:00");
    QTest::newRow("P1 late Friday runs into Monday")
        << madrid("2026-11-27T17:00:00") << int(Priority::P1) << madrid("2026-11-27T17:30:00")
        << madrid("2026-11-30T12:00:00") << madrid("2026-11-30T11:00:00");
    QTest::newRow("P2 on a Saturday starts on Monday")
        << madrid("2026-11-28T11:00:00") << int(Priority::P2) << madrid("2026-11-30T10:00:00")
        << madrid("2026-11-30T18:00:00") << madrid("2026-11-30T16:00:00");
    QTest::newRow("P2 over New Year and Epiphany")
        << madrid("2026-01-05T16:00:00") << int(Priority::P2) << madrid("2026-01-05T17:00:00")
        << madrid("2026-01-07T16:00:00") << madrid("2026-01-07T13:00:00");
    QTest::newRow("P3 across the clock change in October")
        << madrid("2026-10-23T09:00:00") << int(Priority::P3) << madrid("2026-10-23T13:00:00")
        << madrid("2026-10-27T18:00:00") << madrid("2026-10-27T11:00:00");
}

void TicketSlaTest::dueTimesFollowTheCalendar()
{
    QFETCH(qint64, created);
    QFETCH(int, priority);
    QFETCH(qint64, firstResponseDue);
    QFETCH(qint64, resolutionDue);
    QFETCH(qint64, resolutionWarning);
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    const TicketSla sla = TicketSla::begin(&policy, Priority(priority), TicketStatus::New, created);
    QCOMPARE(sla.firstResponse.dueAt(cal).value_or(0), firstResponseDue);
    QCOMPARE(sla.resolution.dueAt(cal).value_or(0), resolutionDue);
    QCOMPARE(sla.resolution.warnAt(cal).value_or(0), resolutionWarning);
    QCOMPARE(sla.resolution.state(cal, resolutionWarning - 60000), SlaTimeline::State::Running);
    QCOMPARE(sla.resolution.state(cal, resolutionWarning), SlaTimeline::State::Warning);
    QCOMPARE(sla.resolution.state(cal, resolutionDue), SlaTimeline::State::Breached);
}

void TicketSlaTest::aPausedClockCountsOnlyWorkingTimeOutsideThePause()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    const qint64 created = madrid("2026-11-23T10:00:00");
    const qint64 pausedAt = madrid("2026-11-23T11:00:00");
    const qint64 resumedAt = madrid("2026-11-24T09:30:00");
    TicketSla sla = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, created);
    // Minute by minute from creation to Tuesday evening, against the reference count.
    qint64 expected = 0;
    for (qint64 t = created; t <= madrid("2026-11-24T18:00:00"); t += 60000) {
        if (t == pausedAt)
            sla.onStatus(TicketStatus::InProgress, TicketStatus::PendingCustomer, cal, t);
        if (t == resumedAt)
            sla.onStatus(TicketStatus::PendingCustomer, TicketStatus::InProgress, cal, t);
        QCOMPARE(sla.resolution.used(cal, t), expected);
        const bool counting = t < pausedAt || t >= resumedAt;
        if (counting && officeMinute(t))
            expected += 60000;
        if (t >= pausedAt && t < resumedAt)
            QCOMPARE(sla.resolution.state(cal, t), SlaTimeline::State::Paused);
    }
    // Three hours were left at the pause: due Tuesday 12:30.
    QCOMPARE(sla.resolution.dueAt(cal).value_or(0), madrid("2026-11-24T12:30:00"));
}

void TicketSlaTest::aReopenResumesFromTheTimeUsed()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    TicketSla sla
        = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, madrid("2026-11-23T10:00:00"));
    sla.onStatus(
        TicketStatus::InProgress, TicketStatus::Resolved, cal, madrid("2026-11-23T12:00:00"));
    QCOMPARE(sla.resolution.state(cal, madrid("2026-11-25T12:00:00")), SlaTimeline::State::Met);
    QVERIFY(!sla.resolution.dueAt(cal));
    sla.onStatus(
        TicketStatus::Resolved, TicketStatus::InProgress, cal, madrid("2026-11-24T10:00:00"));
    QCOMPARE(sla.resolution.used(cal, madrid("2026-11-24T10:00:00")), 2 * 3600000);
    QCOMPARE(sla.resolution.dueAt(cal).value_or(0), madrid("2026-11-24T12:00:00"));
    // Minute by minute after the reopen.
    qint64 expected = 2 * 3600000;
    for (qint64 t = madrid("2026-11-24T10:00:00"); t < madrid("2026-11-24T16:00:00"); t += 60000) {
        QCOMPARE(sla.resolution.used(cal, t), expected);
        if (officeMinute(t))
            expected += 60000;
    }
    QCOMPARE(
        sla.resolution.state(cal, madrid("2026-11-24T12:00:00")), SlaTimeline::State::Breached);
}

void TicketSlaTest::firstResponseIsMetOrMissed()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    TicketSla quick
        = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, madrid("2026-11-23T10:00:00"));
    quick.onFirstResponse(cal, madrid("2026-11-23T10:20:00"));
    QCOMPARE(
        quick.firstResponse.state(cal, madrid("2026-11-23T16:00:00")), SlaTimeline::State::Met);
    TicketSla slow
        = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, madrid("2026-11-23T10:00:00"));
    QCOMPARE(
        slow.firstResponse.state(cal, madrid("2026-11-23T10:22:30")), SlaTimeline::State::Warning);
    slow.onFirstResponse(cal, madrid("2026-11-23T10:45:00"));
    QCOMPARE(
        slow.firstResponse.state(cal, madrid("2026-11-23T16:00:00")), SlaTimeline::State::Breached);
    // Resolving answers the customer too.
    TicketSla resolved
        = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, madrid("2026-11-23T10:00:00"));
    resolved.onStatus(
        TicketStatus::New, TicketStatus::Resolved, cal, madrid("2026-11-23T10:10:00"));
    QCOMPARE(
        resolved.firstResponse.state(cal, madrid("2026-11-23T16:00:00")), SlaTimeline::State::Met);
}

void TicketSlaTest::aClockOverItsTargetStaysBreachedWhilePaused()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    TicketSla sla
        = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, madrid("2026-11-23T09:00:00"));
    sla.onStatus(TicketStatus::InProgress, TicketStatus::PendingThirdParty, cal,
        madrid("2026-11-23T16:00:00"));
    QCOMPARE(
        sla.resolution.state(cal, madrid("2026-11-25T10:00:00")), SlaTimeline::State::Breached);
    QVERIFY(!sla.resolution.dueAt(cal));
}

void TicketSlaTest::aNewPriorityKeepsTheTimeUsed()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    TicketSla sla
        = TicketSla::begin(&policy, Priority::P3, TicketStatus::New, madrid("2026-11-23T09:00:00"));
    // Two hours in, it turns out to be urgent: P1 allows 4 h, 2 are left.
    sla.retarget(
        &policy, Priority::P1, TicketStatus::InProgress, cal, madrid("2026-11-23T11:00:00"));
    QCOMPARE(sla.resolution.targetMs, 4 * 3600000);
    QCOMPARE(sla.resolution.dueAt(cal).value_or(0), madrid("2026-11-23T13:00:00"));
    // A priority without targets stops the clock, keeping what was used.
    SlaPolicy onlyP1 = standard();
    onlyP1.targets[int(Priority::P4)] = {};
    sla.retarget(
        &onlyP1, Priority::P4, TicketStatus::InProgress, cal, madrid("2026-11-23T12:00:00"));
    QCOMPARE(sla.resolution.state(cal, madrid("2026-11-23T17:00:00")), SlaTimeline::State::None);
}

void TicketSlaTest::aTicketCreatedPendingStartsPaused()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    TicketSla sla = TicketSla::begin(
        &policy, Priority::P2, TicketStatus::PendingCustomer, madrid("2026-11-23T09:00:00"));
    QCOMPARE(sla.resolution.state(cal, madrid("2026-11-24T09:00:00")), SlaTimeline::State::Paused);
    sla.onStatus(TicketStatus::PendingCustomer, TicketStatus::InProgress, cal,
        madrid("2026-11-24T09:00:00"));
    QCOMPARE(sla.resolution.dueAt(cal).value_or(0), madrid("2026-11-24T18:00:00"));
}

void TicketSlaTest::policiesAreChosenByOrderAndConditions()
{
    SlaPolicy general = standard();
    general.order = 100;
    SlaPolicy vip = standard();
    vip.id = 2;
    vip.name = QStringLiteral("VIP");
    vip.order = 10;
    vip.organisationIds = { 77 };
    vip.targets[int(Priority::P3)] = {};
    SlaPolicy printers = standard();
    printers.id = 3;
    printers.order = 50;
    printers.categoryIds = { 5 };
    const QList<SlaPolicy> all { general, vip, printers };
    QCOMPARE(SlaPolicy::select(all, 0, 77, Priority::P1)->id, 2);
    QCOMPARE(SlaPolicy::select(all, 0, 77, Priority::P3)->id, 1); // VIP has no P3 target
    QCOMPARE(SlaPolicy::select(all, 5, 12, Priority::P2)->id, 3);
    QCOMPARE(SlaPolicy::select(all, 5, 77, Priority::P2)->id, 2);
    QCOMPARE(SlaPolicy::select(all, 0, 0, Priority::P4), nullptr);
}

void TicketSlaTest::aPolicyWithoutTargetsIsRefused()
{
    QString error;
    QVERIFY(!SlaPolicy::fromJson(QJsonObject { { QStringLiteral("name"), QStringLiteral("Empty") },
                                     { QStringLiteral("targets"), QJsonObject {} } },
        &error));
    QVERIFY2(error.contains(QLatin1String("no target")), qPrintable(error));
    QVERIFY(!SlaPolicy::fromJson(
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Bad") },
            { QStringLiteral("targets"),
                QJsonObject { { QStringLiteral("P9"),
                    QJsonObject { { QStringLiteral("resolutionMinutes"), 5 } } } } } },
        &error));
    QVERIFY(!SlaPolicy::fromJson(
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Negative") },
            { QStringLiteral("targets"),
                QJsonObject { { QStringLiteral("P1"),
                    QJsonObject { { QStringLiteral("resolutionMinutes"), -5 } } } } } },
        &error));
    // Found by fuzz/fuzz_policy: beyond qint64 the whole-number check itself was undefined.
    QVERIFY(!SlaPolicy::fromJson(
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Huge") },
            { QStringLiteral("targets"),
                QJsonObject { { QStringLiteral("P1"),
                    QJsonObject { { QStringLiteral("resolutionMinutes"), 1e300 } } } } } },
        &error));
    const auto ok = SlaPolicy::fromJson(standard().toJson(), &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(ok->target(Priority::P2).resolutionMinutes, 8 * 60);
}

void TicketSlaTest::stateSurvivesTheWire()
{
    const SlaPolicy policy = standard();
    const BusinessCalendar cal = office();
    TicketSla sla
        = TicketSla::begin(&policy, Priority::P1, TicketStatus::New, madrid("2026-11-23T10:00:00"));
    sla.onStatus(TicketStatus::InProgress, TicketStatus::PendingCustomer, cal,
        madrid("2026-11-23T11:00:00"));
    const TicketSla back = TicketSla::fromJson(QJsonDocument::fromJson(
        QJsonDocument(sla.toJson(cal, madrid("2026-11-23T12:00:00"))).toJson())
                                                   .object());
    QCOMPARE(back.policyId, sla.policyId);
    QCOMPARE(back.resolution.usedMs, sla.resolution.usedMs);
    QCOMPARE(back.resolution.paused, true);
    QCOMPARE(back.resolution.state(cal, madrid("2026-11-24T12:00:00")), SlaTimeline::State::Paused);
    QCOMPARE(sla.toJson(cal, madrid("2026-11-23T12:00:00"))
                 .value(QStringLiteral("resolution"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("paused"));
}

QTEST_APPLESS_MAIN(TicketSlaTest)
#include "tst_ticketsla.moc"
