// The dashboard's KPIs (docs/kpis.md) on a small desk whose figures are worked out by hand
// below, in business time on a Madrid office calendar; the pieces they rest on (instants,
// SLA text, local days); the engine followed change by change against a recomputation from
// the store after a seeded random life of a desk; an empty desk; the report's bounds.

#include "deskfixture.h"

#include "server/kpi/dayindex.h"
#include "server/kpi/instanttext.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/kpireport.h"
#include "server/kpi/kpisource.h"
#include "server/sla/slaclock.h"

#include "core/domain/timestamp.h"
#include "core/routing/assignment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

namespace {
const QTimeZone kMadrid("Europe/Madrid");

qint64 madrid(const char *localIso)
{
    QDateTime dt = QDateTime::fromString(QString::fromLatin1(localIso), Qt::ISODate);
    dt.setTimeZone(kMadrid);
    return dt.toMSecsSinceEpoch();
}

constexpr qint64 kHour = 3600 * 1000;
constexpr qint64 kMinute = 60 * 1000;

const char *kOffice = R"({"name":"Madrid office","timeZone":"Europe/Madrid",
    "week":{"mon":[["09:00","14:00"],["15:00","18:00"]],"tue":[["09:00","14:00"],["15:00","18:00"]],
            "wed":[["09:00","14:00"],["15:00","18:00"]],"thu":[["09:00","14:00"],["15:00","18:00"]],
            "fri":[["09:00","14:00"],["15:00","18:00"]]}})";

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}
double num(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toDouble();
}
bool isNull(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).isNull();
}
} // namespace

class KpiTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void instantTextReadsWhatTheServerWrites();
    void slaTextIsReadLikeTheJsonParserReadsIt();
    void daysFollowTheDesksZoneAndDaylightSaving();
    void medianOfSortedSetsWithoutMerging();

    void eachFigureOnAHandComputedDesk();
    void aGroupSeesOnlyItsTickets();
    void theSevenDaysAndTheirPrevious();
    void anEmptyDeskHasNullsNotDivisionsByZero();
    void incrementalEqualsFullRecomputation();
    void aNewDayMovesTheWindowAndForgetsWhatNoLongerCounts();

    void aReportGivesTheSameFiguresPerDayAndInTotal();
    void aRangeWithNoDataAndRangesThatAreRefused();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    qint64 create(qint64 agent, const char *at, Level impact, Level urgency, qint64 group,
        qint64 category, qint64 customer);
    void update(qint64 agent, qint64 id, const QJsonObject &fields, const char *at);
    void reply(qint64 agent, qint64 id, const char *at);
    void mark(qint64 id, bool resolutionClock, bool breach, const char *at);
    QString surveyToken(qint64 ticketId);
    void rate(qint64 ticketId, const char *rating, const char *at);
    void buildHandComputedDesk();
    std::unique_ptr<KpiEngine> rebuilt();
    void compareEngines(KpiEngine &incremental, KpiEngine &full, const QString &when);

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    ManualClock m_clock;
    std::unique_ptr<KpiEngine> m_engine;
    QHash<qint64, QString> m_tokens;
    qint64 m_t1 = 0, m_t2 = 0, m_t3 = 0, m_t4 = 0, m_t5 = 0, m_t6 = 0;
};

void KpiTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    const OpResult cal = write([&] {
        return m_store->slaConfig().saveCalendar(caller(m_desk.admin),
            QJsonDocument::fromJson(kOffice).object(), madrid("2026-11-01T00:00:00"));
    });
    QVERIFY2(cal.ok, qPrintable(cal.error.message));
    const qint64 calendarId = cal.result.toObject()
                                  .value(QStringLiteral("calendar"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();
    const QJsonObject policy { { QStringLiteral("name"), QStringLiteral("Standard") },
        { QStringLiteral("calendarId"), double(calendarId) },
        { QStringLiteral("targets"),
            QJsonObject { { QStringLiteral("P1"),
                              QJsonObject { { QStringLiteral("firstResponseMinutes"), 30 },
                                  { QStringLiteral("resolutionMinutes"), 240 } } },
                { QStringLiteral("P3"),
                    QJsonObject { { QStringLiteral("firstResponseMinutes"), 240 },
                        { QStringLiteral("resolutionMinutes"), 1440 } } } } } };
    const OpResult pol = write([&] {
        return m_store->slaConfig().savePolicy(
            caller(m_desk.admin), policy, madrid("2026-11-01T00:00:00"));
    });
    QVERIFY2(pol.ok, qPrintable(pol.error.message));
    m_clock.setNow(madrid("2026-11-23T08:00:00"));
    m_engine = std::make_unique<KpiEngine>(&m_clock, kMadrid);
    KpiSnapshot snapshot;
    QVERIFY(KpiSource::readSnapshot(*m_store, m_engine->window(), &snapshot));
    m_engine->build(std::move(snapshot));
    m_tokens.clear();
}

void KpiTest::cleanup()
{
    m_engine.reset();
    m_store.reset();
    delete m_dir;
}

OpResult KpiTest::write(const std::function<OpResult()> &fn)
{
    const OpResult r = Test::commit(*m_store, fn);
    if (r.ok && m_engine)
        m_engine->onCommitted(r.changes);
    for (const SurveyInvite &invite : m_store->surveys().takeIssued())
        m_tokens.insert(invite.ticketId, invite.token);
    return r;
}

qint64 KpiTest::create(qint64 agent, const char *at, Level impact, Level urgency, qint64 group,
    qint64 category, qint64 customer)
{
    NewTicket n;
    n.subject = QStringLiteral("ticket at %1").arg(QLatin1String(at));
    n.description = QStringLiteral("what happened");
    n.impact = impact;
    n.urgency = urgency;
    n.groupId = group;
    n.categoryId = category;
    n.customerId = customer;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(agent), n, madrid(at)); });
    if (!r.ok)
        qWarning() << r.error.message;
    return r.result.toObject()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

void KpiTest::update(qint64 agent, qint64 id, const QJsonObject &fields, const char *at)
{
    const int version = m_store->tickets().ticket(id)->version;
    const OpResult r = write(
        [&] { return m_store->tickets().update(caller(agent), id, version, fields, madrid(at)); });
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

void KpiTest::reply(qint64 agent, qint64 id, const char *at)
{
    const OpResult r = write([&] {
        return m_store->tickets().addArticle(
            caller(agent), id, ArticleKind::PublicReply, QStringLiteral("on it"), madrid(at));
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

void KpiTest::mark(qint64 id, bool resolutionClock, bool breach, const char *at)
{
    const OpResult r = write(
        [&] { return m_store->tickets().slaReached(id, resolutionClock, breach, madrid(at)); });
    QVERIFY2(r.ok && r.result.toObject().value(QStringLiteral("changed")).toBool(),
        "the SLA mark was made");
}

void KpiTest::rate(qint64 ticketId, const char *rating, const char *at)
{
    const QString token = m_tokens.value(ticketId);
    QVERIFY(!token.isEmpty());
    const OpResult r = write([&] {
        return m_store->surveys().answer(token, QString::fromLatin1(rating), QString(), madrid(at));
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(!r.result.toObject().value(QStringLiteral("reopened")).toBool());
}

// The desk of the hand-computed figures. Monday 23 to Wednesday 25 November 2026, Madrid
// office hours 09:00-14:00 and 15:00-18:00; P1: 30 min to answer, 4 h to resolve; P3: 4 h
// and 24 h; P4 has no target. "Now" is Wednesday 17:00.
//
//  T1 P3 Service Desk, VPN, Núria   Mon 10:00 created; Mon 11:30 reply (first response 1.5 h, met);
//                                   Tue 10:00 resolved (Mon 10-14 4 h + 15-18 3 h + Tue 9-10 1 h =
//                                   8 h, met); Tue 12:00 rated good. One reply, never reopened:
//                                   first contact.
//  T2 P1 Service Desk, -, Tom       Mon 09:00 created; Mon 10:00 reply (1 h, breached); Mon 11:00
//  reply;
//                                   Mon 12:00 resolved (3 h, met); Mon 13:00 closed; Tue 09:30
//                                   rated bad (closed: no reopen). Two replies: not first contact.
//  T3 P3 Network, VPN, Núria        Tue 09:00 created; Tue 13:00 resolved without a reply (both
//  clocks
//                                   stop: 4 h, met exactly); Wed 09:00 reopened; Wed 10:00 resolved
//                                   again (resolution 4 + 1 = 5 h, met, counted Wednesday; first
//                                   response stays Tuesday's). Reopened: not first contact.
//  T4 P3 Service Desk, -, -          Wed 09:00 created, ana in progress, no reply: warning marked
//  12:00,
//                                   first response breached 13:00 (due 13:00).
//  T5 P1 Network, -, -               Wed 16:00 created, nobody on it: first response warning
//  16:22:30
//                                   (due 16:30).
//  T6 P4 Service Desk, -, Tom        Tue 15:00 created; Wed 10:30 ana takes it and replies; Wed
//  11:00
//                                   resolved. No SLA.
// Presence: ana available, bruno busy.
void KpiTest::buildHandComputedDesk()
{
    m_clock.setNow(madrid("2026-11-25T17:00:00"));
    m_engine->poll();
    const qint64 sd = m_desk.serviceDesk, net = m_desk.network, vpn = m_desk.category;
    m_t2 = create(
        m_desk.ana, "2026-11-23T09:00:00", Level::High, Level::High, sd, 0, m_desk.otherCustomer);
    m_t1 = create(
        m_desk.ana, "2026-11-23T10:00:00", Level::Medium, Level::Medium, sd, vpn, m_desk.customer);
    reply(m_desk.ana, m_t2, "2026-11-23T10:00:00");
    reply(m_desk.ana, m_t2, "2026-11-23T11:00:00");
    reply(m_desk.ana, m_t1, "2026-11-23T11:30:00");
    update(m_desk.ana, m_t2, { { QStringLiteral("status"), QStringLiteral("resolved") } },
        "2026-11-23T12:00:00");
    update(m_desk.ana, m_t2, { { QStringLiteral("status"), QStringLiteral("closed") } },
        "2026-11-23T13:00:00");
    m_t3 = create(m_desk.bruno, "2026-11-24T09:00:00", Level::Medium, Level::Medium, net, vpn,
        m_desk.customer);
    rate(m_t2, "bad", "2026-11-24T09:30:00");
    update(m_desk.ana, m_t1, { { QStringLiteral("status"), QStringLiteral("resolved") } },
        "2026-11-24T10:00:00");
    rate(m_t1, "good", "2026-11-24T12:00:00");
    update(m_desk.bruno, m_t3, { { QStringLiteral("status"), QStringLiteral("resolved") } },
        "2026-11-24T13:00:00");
    m_t6 = create(
        m_desk.ana, "2026-11-24T15:00:00", Level::Low, Level::Low, sd, 0, m_desk.otherCustomer);
    m_t4 = create(m_desk.ana, "2026-11-25T09:00:00", Level::Medium, Level::Medium, sd, 0, 0);
    update(m_desk.ana, m_t4, { { QStringLiteral("status"), QStringLiteral("in_progress") } },
        "2026-11-25T09:00:00");
    update(m_desk.bruno, m_t3, { { QStringLiteral("status"), QStringLiteral("in_progress") } },
        "2026-11-25T09:00:00");
    update(m_desk.bruno, m_t3, { { QStringLiteral("status"), QStringLiteral("resolved") } },
        "2026-11-25T10:00:00");
    update(m_desk.ana, m_t6, { { QStringLiteral("status"), QStringLiteral("in_progress") } },
        "2026-11-25T10:30:00");
    reply(m_desk.ana, m_t6, "2026-11-25T10:30:00");
    update(m_desk.ana, m_t6, { { QStringLiteral("status"), QStringLiteral("resolved") } },
        "2026-11-25T11:00:00");
    mark(m_t4, false, false, "2026-11-25T12:00:00");
    mark(m_t4, false, true, "2026-11-25T13:00:00");
    m_t5 = create(m_desk.bruno, "2026-11-25T16:00:00", Level::High, Level::High, net, 0, 0);
    mark(m_t5, false, false, "2026-11-25T16:22:30");
    QVERIFY(write([&] {
        return m_store->routing().setPresence(caller(m_desk.ana), m_desk.ana, Presence::Available);
    }).ok);
    QVERIFY(write([&] {
        return m_store->routing().setPresence(caller(m_desk.bruno), m_desk.bruno, Presence::Busy);
    }).ok);
    m_engine->setPresence(m_desk.ana, QStringLiteral("available"));
    m_engine->setPresence(m_desk.bruno, QStringLiteral("busy"));
}

std::unique_ptr<KpiEngine> KpiTest::rebuilt()
{
    auto engine = std::make_unique<KpiEngine>(&m_clock, kMadrid);
    KpiSnapshot snapshot;
    if (!KpiSource::readSnapshot(*m_store, engine->window(), &snapshot))
        return nullptr;
    engine->build(std::move(snapshot));
    return engine;
}

void KpiTest::instantTextReadsWhatTheServerWrites()
{
    QRandomGenerator rng(42);
    for (int i = 0; i < 2000; ++i) {
        const qint64 ms = qint64(rng.bounded(4102444800.0) * 1000); // 1970-2100
        const QString text = Timestamp::toJson(ms).toString();
        QCOMPARE(InstantText::parse(text), ms);
    }
    QCOMPARE(InstantText::parse(u"2026-11-23T15:13:15.123Z"),
        Timestamp::fromJson(QStringLiteral("2026-11-23T15:13:15.123Z")));
    QCOMPARE(InstantText::parse(u""), qint64(0));
    QCOMPARE(InstantText::parse(u"not a date"), qint64(-1));
    // Other ISO forms still read, through QDateTime.
    QCOMPARE(InstantText::parse(u"2026-11-23T16:13:15.123+01:00"),
        Timestamp::fromJson(QStringLiteral("2026-11-23T15:13:15.123Z")));
    QCOMPARE(InstantText::fromJson(QJsonValue(QJsonValue::Null)), qint64(0));
}

void KpiTest::slaTextIsReadLikeTheJsonParserReadsIt()
{
    const qint64 id = create(
        m_desk.ana, "2026-11-23T10:00:00", Level::High, Level::High, m_desk.serviceDesk, 0, 0);
    reply(m_desk.ana, id, "2026-11-23T10:45:00");
    const QJsonObject sla = m_store->tickets().ticket(id)->sla;
    const QString compact = QString::fromUtf8(QJsonDocument(sla).toJson(QJsonDocument::Compact));
    TicketFacts fast, slow;
    QVERIFY(fast.readSlaText(compact));
    slow.readSla(sla);
    QVERIFY(fast.firstResponse == slow.firstResponse);
    QVERIFY(fast.resolution == slow.resolution);
    TicketFacts bytes; // as reports read the column: UTF-8, unconverted
    const QByteArray utf8 = compact.toUtf8();
    QVERIFY(bytes.readSlaText(QByteArrayView(utf8)));
    QVERIFY(bytes.firstResponse == slow.firstResponse && bytes.resolution == slow.resolution);
    QCOMPARE(fast.firstResponse.state, ClockFacts::State::Breached);
    QCOMPARE(fast.firstResponse.usedMs, 45 * kMinute);
    QVERIFY(fast.firstResponse.measured());
    QCOMPARE(fast.resolution.dueAt, madrid("2026-11-23T14:00:00"));
    // Indented text (edited by hand) still reads, through QJsonDocument; nonsense does not.
    TicketFacts indented;
    QVERIFY(indented.readSlaText(
        QString::fromUtf8(QJsonDocument(sla).toJson(QJsonDocument::Indented))));
    QVERIFY(indented.firstResponse == slow.firstResponse);
    TicketFacts broken;
    QVERIFY(!broken.readSlaText(u"{\"firstResponse\": [1, 2"));
    QVERIFY(!broken.firstResponse.measured());
    QVERIFY(TicketFacts().readSlaText(u""));
    // Both readings of a whole ticket agree: its wire JSON and its row.
    TicketFacts fromRow;
    QVERIFY(KpiSource::readTickets(*m_store, madrid("2026-11-23T00:00:00"),
        madrid("2026-11-24T00:00:00"), {}, true, [&](TicketFacts &&f) {
            if (f.id == id)
                fromRow = std::move(f);
        }));
    QVERIFY(fromRow == TicketFacts::fromTicketJson(m_store->tickets().ticket(id)->toJson()));
}

void KpiTest::daysFollowTheDesksZoneAndDaylightSaving()
{
    const DayIndex days(kMadrid, QDate(2026, 3, 28), 3); // spring forward on Sunday 29 March
    QCOMPARE(days.start(1) - days.start(0), 24 * kHour);
    QCOMPARE(days.start(2) - days.start(1), 23 * kHour);
    QCOMPARE(days.dayOf(madrid("2026-03-29T01:59:59")), 1);
    QCOMPARE(days.dayOf(madrid("2026-03-29T23:59:59")), 1);
    QCOMPARE(days.dayOf(madrid("2026-03-30T00:00:00")), 2);
    QCOMPARE(days.dayOf(madrid("2026-03-28T00:00:00") - 1), -1);
    QCOMPARE(days.dayOf(days.end()), -1);
    QCOMPARE(
        days.hourOf(1, madrid("2026-03-29T03:30:00")), 2); // 02:00 does not exist: the third hour
    const DayIndex autumn(kMadrid, QDate(2026, 10, 25), 1);
    QCOMPARE(autumn.end() - autumn.start(0), 25 * kHour);
    QCOMPARE(autumn.indexOf(QDate(2026, 10, 25)), 0);
    QCOMPARE(autumn.indexOf(QDate(2026, 10, 26)), -1);
}

void KpiTest::medianOfSortedSetsWithoutMerging()
{
    QRandomGenerator rng(7);
    for (int round = 0; round < 50; ++round) {
        std::vector<SortedValues> sets(size_t(1 + rng.bounded(6)));
        std::vector<qint64> all;
        for (SortedValues &s : sets) {
            const int n = int(rng.bounded(30));
            for (int i = 0; i < n; ++i) {
                const qint64 v = qint64(rng.bounded(1000)) * 1000;
                s.insert(v);
                all.push_back(v);
            }
        }
        std::vector<const SortedValues *> pointers;
        for (const SortedValues &s : sets)
            pointers.push_back(&s);
        std::sort(all.begin(), all.end());
        const auto median = SortedValues::median(pointers);
        if (all.empty()) {
            QVERIFY(!median);
            continue;
        }
        const size_t n = all.size();
        const qint64 expected
            = n % 2 ? all[n / 2] : all[n / 2 - 1] + (all[n / 2] - all[n / 2 - 1]) / 2;
        QCOMPARE(*median, expected);
    }
    SortedValues s;
    s.insert(5);
    s.insert(5);
    QVERIFY(s.remove(5));
    QVERIFY(!s.remove(6));
    QCOMPARE(s.size(), 1);
}

void KpiTest::eachFigureOnAHandComputedDesk()
{
    buildHandComputedDesk();
    const QJsonObject f = m_engine->figures({}, KpiPeriod::Today);
    QCOMPARE(f.value(QStringLiteral("timeZone")).toString(), QStringLiteral("Europe/Madrid"));
    QCOMPARE(Timestamp::fromJson(f.value(QStringLiteral("from"))), madrid("2026-11-25T00:00:00"));
    QCOMPARE(Timestamp::fromJson(f.value(QStringLiteral("previousFrom"))),
        madrid("2026-11-24T00:00:00"));

    // Today, Wednesday: T4 and T5 created; T3 (again) and T6 resolved.
    const QJsonObject today = obj(f, "current");
    QCOMPARE(num(today, "created"), 2.0);
    QCOMPARE(num(today, "resolved"), 2.0);
    QCOMPARE(num(obj(today, "firstResponse"), "met") + num(obj(today, "firstResponse"), "breached"),
        0.0);
    QVERIFY(isNull(obj(today, "firstResponse"), "compliance"));
    QVERIFY(isNull(obj(today, "firstResponse"), "meanMs"));
    QVERIFY(isNull(obj(today, "firstResponse"), "medianMs"));
    QCOMPARE(num(obj(today, "resolution"), "met"), 1.0);
    QCOMPARE(num(obj(today, "resolution"), "compliance"), 1.0);
    QCOMPARE(num(obj(today, "resolution"), "meanMs"), double(5 * kHour));
    QCOMPARE(num(obj(today, "resolution"), "medianMs"), double(5 * kHour));
    QCOMPARE(num(obj(today, "firstContactResolution"), "count"), 1.0); // T6
    QCOMPARE(num(obj(today, "firstContactResolution"), "rate"), 0.5);
    QCOMPARE(num(obj(today, "reopened"), "count"), 1.0); // T3
    QCOMPARE(num(obj(today, "reopened"), "rate"), 0.5);
    QCOMPARE(num(obj(today, "csat"), "count"), 0.0);
    QVERIFY(isNull(obj(today, "csat"), "goodShare"));

    // Yesterday, Tuesday: T3 and T6 created; T1 resolved (T3's Tuesday resolution was undone
    // by the reopen); T3's first response stopped; one good and one bad rating.
    const QJsonObject yesterday = obj(f, "previous");
    QCOMPARE(num(yesterday, "created"), 2.0);
    QCOMPARE(num(yesterday, "resolved"), 1.0);
    QCOMPARE(num(obj(yesterday, "firstResponse"), "met"), 1.0);
    QCOMPARE(num(obj(yesterday, "firstResponse"), "meanMs"), double(4 * kHour));
    QCOMPARE(num(obj(yesterday, "resolution"), "meanMs"), double(8 * kHour));
    QCOMPARE(num(obj(yesterday, "firstContactResolution"), "rate"), 1.0);
    QCOMPARE(num(obj(yesterday, "reopened"), "rate"), 0.0);
    QCOMPARE(num(obj(yesterday, "csat"), "good"), 1.0);
    QCOMPARE(num(obj(yesterday, "csat"), "bad"), 1.0);
    QCOMPARE(num(obj(yesterday, "csat"), "goodShare"), 0.5);

    // What is true now.
    const QJsonObject backlog = obj(f, "backlog");
    QCOMPARE(num(backlog, "total"), 2.0);
    QCOMPARE(num(backlog, "unassigned"), 1.0);
    QCOMPARE(num(obj(backlog, "byPriority"), "P1"), 1.0);
    QCOMPARE(num(obj(backlog, "byPriority"), "P3"), 1.0);
    QCOMPARE(num(obj(backlog, "byStatus"), "new"), 1.0);
    QCOMPARE(num(obj(backlog, "byStatus"), "in_progress"), 1.0);
    QCOMPARE(num(obj(obj(backlog, "byPriorityAndStatus"), "P3"), "in_progress"), 1.0);
    QCOMPARE(num(obj(f, "slaNow"), "warning"), 1.0);
    QCOMPARE(num(obj(f, "slaNow"), "breached"), 1.0);
    const QJsonArray risk = f.value(QStringLiteral("atRisk")).toArray();
    QCOMPARE(risk.size(), 2);
    QCOMPARE(risk.at(0).toObject().value(QStringLiteral("id")).toInteger(), m_t4);
    QCOMPARE(risk.at(0).toObject().value(QStringLiteral("state")).toString(),
        QStringLiteral("breached"));
    QCOMPARE(risk.at(0).toObject().value(QStringLiteral("clock")).toString(),
        QStringLiteral("firstResponse"));
    QCOMPARE(Timestamp::fromJson(risk.at(0).toObject().value(QStringLiteral("dueAt"))),
        madrid("2026-11-25T13:00:00"));
    QVERIFY(risk.at(0)
                .toObject()
                .value(QStringLiteral("number"))
                .toString()
                .startsWith(QLatin1String("INC-")));
    QCOMPARE(risk.at(1).toObject().value(QStringLiteral("id")).toInteger(), m_t5);
    QCOMPARE(
        risk.at(1).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("warning"));
    QCOMPARE(Timestamp::fromJson(risk.at(1).toObject().value(QStringLiteral("dueAt"))),
        madrid("2026-11-25T16:30:00"));
    QCOMPARE(
        risk.at(1).toObject().value(QStringLiteral("priority")).toString(), QStringLiteral("P1"));

    QHash<qint64, QJsonObject> agents;
    for (const QJsonValue &a : f.value(QStringLiteral("agents")).toArray())
        agents.insert(a.toObject().value(QStringLiteral("agentId")).toInteger(), a.toObject());
    QCOMPARE(agents.size(), 4); // admin, ana, bruno, lola: every member of a group
    QCOMPARE(num(agents.value(m_desk.ana), "openTickets"), 1.0);
    QCOMPARE(num(agents.value(m_desk.ana), "resolvedToday"), 1.0); // T6
    QCOMPARE(agents.value(m_desk.ana).value(QStringLiteral("presence")).toString(),
        QStringLiteral("available"));
    QCOMPARE(num(agents.value(m_desk.bruno), "resolvedToday"), 1.0); // T3
    QCOMPARE(agents.value(m_desk.bruno).value(QStringLiteral("presence")).toString(),
        QStringLiteral("busy"));
    QCOMPARE(agents.value(m_desk.lola).value(QStringLiteral("presence")).toString(),
        QStringLiteral("offline"));

    // Today per hour, up to 17:00: created at 9 and 16, resolved at 10 and 11.
    const QJsonArray hours = obj(f, "series").value(QStringLiteral("points")).toArray();
    QCOMPARE(obj(f, "series").value(QStringLiteral("unit")).toString(), QStringLiteral("hour"));
    QCOMPARE(hours.size(), 18);
    QCOMPARE(num(hours.at(9).toObject(), "created"), 1.0);
    QCOMPARE(num(hours.at(16).toObject(), "created"), 1.0);
    QCOMPARE(num(hours.at(10).toObject(), "resolved"), 1.0);
    QCOMPARE(num(hours.at(10).toObject(), "resolutionMet"), 1.0);
    QCOMPARE(num(hours.at(11).toObject(), "resolved"), 1.0);
    QCOMPARE(Timestamp::fromJson(hours.at(9).toObject().value(QStringLiteral("start"))),
        madrid("2026-11-25T09:00:00"));

    // The same figures recomputed from the store.
    auto full = rebuilt();
    QVERIFY(full);
    compareEngines(*m_engine, *full, QStringLiteral("the hand-computed desk"));
}

void KpiTest::aGroupSeesOnlyItsTickets()
{
    buildHandComputedDesk();
    const QJsonObject net = m_engine->figures({ m_desk.network }, KpiPeriod::Today);
    QCOMPARE(
        net.value(QStringLiteral("groupIds")).toArray(), QJsonArray { double(m_desk.network) });
    QCOMPARE(num(obj(net, "current"), "created"), 1.0); // T5
    QCOMPARE(num(obj(net, "current"), "resolved"), 1.0); // T3
    QCOMPARE(num(obj(net, "backlog"), "total"), 1.0);
    QCOMPARE(num(obj(net, "slaNow"), "breached"), 0.0);
    QCOMPARE(net.value(QStringLiteral("atRisk")).toArray().size(), 1);
    QHash<qint64, QJsonObject> agents;
    for (const QJsonValue &a : net.value(QStringLiteral("agents")).toArray())
        agents.insert(a.toObject().value(QStringLiteral("agentId")).toInteger(), a.toObject());
    QCOMPARE(agents.size(), 2); // bruno, lola
    QVERIFY(agents.contains(m_desk.bruno) && agents.contains(m_desk.lola));
    // Both groups together are the whole desk here.
    QJsonObject both
        = m_engine->figures({ m_desk.serviceDesk, m_desk.network }, KpiPeriod::Last7Days);
    QJsonObject desk = m_engine->figures({}, KpiPeriod::Last7Days);
    for (const char *key :
        { "current", "previous", "backlog", "slaNow", "categories", "topCustomers", "series" })
        QCOMPARE(both.value(QLatin1String(key)), desk.value(QLatin1String(key)));
}

void KpiTest::theSevenDaysAndTheirPrevious()
{
    buildHandComputedDesk();
    const QJsonObject f = m_engine->figures({}, KpiPeriod::Last7Days);
    QCOMPARE(Timestamp::fromJson(f.value(QStringLiteral("from"))), madrid("2026-11-19T00:00:00"));
    QCOMPARE(Timestamp::fromJson(f.value(QStringLiteral("previousFrom"))),
        madrid("2026-11-12T00:00:00"));
    const QJsonObject week = obj(f, "current");
    QCOMPARE(num(week, "created"), 6.0);
    QCOMPARE(num(week, "resolved"), 4.0); // T2 Mon, T1 Tue, T3 and T6 Wed
    // First response: T1 1.5 h met, T2 1 h breached, T3 4 h met.
    const QJsonObject fr = obj(week, "firstResponse");
    QCOMPARE(num(fr, "met"), 2.0);
    QCOMPARE(num(fr, "breached"), 1.0);
    QCOMPARE(num(fr, "compliance"), 2.0 / 3.0);
    QCOMPARE(num(fr, "meanMs"), double((90 + 60 + 240) * kMinute / 3));
    QCOMPARE(num(fr, "medianMs"), double(90 * kMinute));
    // Resolution: T2 3 h, T1 8 h, T3 5 h, all met.
    const QJsonObject res = obj(week, "resolution");
    QCOMPARE(num(res, "met"), 3.0);
    QCOMPARE(num(res, "compliance"), 1.0);
    QCOMPARE(num(res, "meanMs"), double(16 * kHour / 3));
    QCOMPARE(num(res, "medianMs"), double(5 * kHour));
    QCOMPARE(num(obj(week, "firstContactResolution"), "count"), 2.0); // T1, T6
    QCOMPARE(num(obj(week, "reopened"), "rate"), 0.25);
    QCOMPARE(num(obj(week, "csat"), "goodShare"), 0.5);
    // Nothing the week before.
    QCOMPARE(num(obj(f, "previous"), "created"), 0.0);
    QVERIFY(isNull(obj(obj(f, "previous"), "resolution"), "compliance"));

    const QJsonArray categories = f.value(QStringLiteral("categories")).toArray();
    QCOMPARE(categories.size(), 2);
    QVERIFY(
        categories.at(0).toObject().value(QStringLiteral("categoryId")).isNull()); // T2, T4, T5, T6
    QCOMPARE(num(categories.at(0).toObject(), "created"), 4.0);
    QCOMPARE(categories.at(1).toObject().value(QStringLiteral("categoryId")).toInteger(),
        m_desk.category);
    QCOMPARE(num(categories.at(1).toObject(), "created"), 2.0);
    const QJsonArray slowest = f.value(QStringLiteral("slowestCategories")).toArray();
    QCOMPARE(slowest.size(), 2);
    QCOMPARE(slowest.at(0).toObject().value(QStringLiteral("categoryId")).toInteger(),
        m_desk.category); // (8 h + 5 h) / 2
    QCOMPARE(num(slowest.at(0).toObject(), "meanResolutionMs"), double(13 * kHour / 2));
    QCOMPARE(num(slowest.at(0).toObject(), "resolved"), 2.0);
    QCOMPARE(num(slowest.at(1).toObject(), "meanResolutionMs"), double(3 * kHour));
    const QJsonArray customers = f.value(QStringLiteral("topCustomers")).toArray();
    QCOMPARE(customers.size(), 2);
    QCOMPARE(customers.at(0).toObject().value(QStringLiteral("customerId")).toInteger(),
        qMin(m_desk.customer, m_desk.otherCustomer));
    QCOMPARE(num(customers.at(0).toObject(), "created"), 2.0);
    const QJsonArray orgs = f.value(QStringLiteral("topOrganisations")).toArray();
    QCOMPARE(orgs.size(), 1);
    QCOMPARE(num(orgs.at(0).toObject(), "created"), 4.0);
    const QJsonArray days = obj(f, "series").value(QStringLiteral("points")).toArray();
    QCOMPARE(days.size(), 7);
    QCOMPARE(num(days.at(4).toObject(), "created"), 2.0); // Monday
    QCOMPARE(num(days.at(4).toObject(), "firstResponseBreached"), 1.0);
}

void KpiTest::anEmptyDeskHasNullsNotDivisionsByZero()
{
    for (KpiPeriod period : { KpiPeriod::Today, KpiPeriod::Last7Days, KpiPeriod::Last30Days }) {
        const QJsonObject f = m_engine->figures({}, period);
        const QByteArray text = QJsonDocument(f).toJson(QJsonDocument::Compact);
        QVERIFY2(!text.contains("nan") && !text.contains("inf"), text.constData());
        for (const char *block : { "current", "previous" }) {
            const QJsonObject p = obj(f, block);
            QCOMPARE(num(p, "created"), 0.0);
            QVERIFY(isNull(obj(p, "firstResponse"), "compliance"));
            QVERIFY(isNull(obj(p, "resolution"), "meanMs"));
            QVERIFY(isNull(obj(p, "resolution"), "medianMs"));
            QVERIFY(isNull(obj(p, "firstContactResolution"), "rate"));
            QVERIFY(isNull(obj(p, "reopened"), "rate"));
            QVERIFY(isNull(obj(p, "csat"), "goodShare"));
        }
        QCOMPARE(num(obj(f, "backlog"), "total"), 0.0);
        QVERIFY(f.value(QStringLiteral("atRisk")).toArray().isEmpty());
        QVERIFY(f.value(QStringLiteral("categories")).toArray().isEmpty());
        QCOMPARE(f.value(QStringLiteral("agents")).toArray().size(), 4); // the desk's agents, idle
    }
    // A group nobody has used yet.
    const QJsonObject none = m_engine->figures({ 999 }, KpiPeriod::Today);
    QCOMPARE(num(obj(none, "current"), "created"), 0.0);
    QVERIFY(none.value(QStringLiteral("agents")).toArray().isEmpty());
}

void KpiTest::compareEngines(KpiEngine &incremental, KpiEngine &full, const QString &when)
{
    QList<QList<qint64>> scopes { {}, { m_desk.serviceDesk }, { m_desk.network },
        { m_desk.serviceDesk, m_desk.network } };
    for (const QList<qint64> &scope : scopes) {
        for (KpiPeriod period : { KpiPeriod::Today, KpiPeriod::Last7Days, KpiPeriod::Last30Days }) {
            QJsonObject a = incremental.figures(scope, period);
            QJsonObject b = full.figures(scope, period);
            if (a != b) {
                for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
                    if (it.value() != b.value(it.key()))
                        qWarning().noquote()
                            << when << wireName(period) << scope << it.key() << "\nincremental:"
                            << QJsonDocument(QJsonObject { { it.key(), it.value() } })
                                   .toJson(QJsonDocument::Compact)
                            << "\nrecomputed: "
                            << QJsonDocument(QJsonObject { { it.key(), b.value(it.key()) } })
                                   .toJson(QJsonDocument::Compact);
                }
                QFAIL(qPrintable(
                    QStringLiteral("incremental figures differ from a recomputation (%1)")
                        .arg(when)));
            }
        }
    }
}

void KpiTest::incrementalEqualsFullRecomputation()
{
    // A desk's seeded random life over 75 days (so the window moves, and tickets leave it):
    // tickets come in, change priority, group, category, customer and owner, get replies, wait on
    // the customer, are resolved, reopened, rated, closed, and their clocks get marked. After
    // each day, and at random moments, the engine that followed every change must give the
    // same figures as one rebuilt from the store.
    QRandomGenerator rng(20261123);
    const qint64 groups[] = { m_desk.serviceDesk, m_desk.network };
    const qint64 agentsOf[2][2] = { { m_desk.ana, m_desk.lola }, { m_desk.bruno, m_desk.lola } };
    const qint64 customers[] = { 0, m_desk.customer, m_desk.otherCustomer };
    const qint64 categories[] = { 0, m_desk.category };
    const Level levels[] = { Level::High, Level::Medium, Level::Low };
    qint64 now = madrid("2026-09-01T08:00:00");
    m_clock.setNow(now);
    m_engine = rebuilt();
    const qint64 end = now + 75LL * 24 * kHour;
    QList<qint64> tickets;
    int comparisons = 0;
    QDate lastDay;
    auto at = [&](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, kMadrid)
            .toString(Qt::ISODate)
            .left(19)
            .toLatin1();
    };
    while (now < end) {
        now += qint64(rng.bounded(90)) * kMinute + qint64(rng.bounded(60000));
        m_clock.setNow(now);
        m_engine->poll();
        const QByteArray when = at(now);
        const int op = int(rng.bounded(100));
        if (op < 25 || tickets.size() < 5) {
            const int g = int(rng.bounded(2));
            const qint64 id = create(agentsOf[g][0], when.constData(), levels[rng.bounded(3)],
                levels[rng.bounded(3)], groups[g], categories[rng.bounded(2)],
                customers[rng.bounded(3)]);
            QVERIFY(id > 0);
            tickets << id;
        } else {
            const qint64 id = tickets.at(int(rng.bounded(qsizetype(tickets.size()))));
            const Ticket t = *m_store->tickets().ticket(id);
            const int g = t.groupId == m_desk.network ? 1 : 0;
            const qint64 agent = agentsOf[g][rng.bounded(2)];
            auto tryUpdate = [&](const QJsonObject &fields) {
                const OpResult r = write([&] {
                    return m_store->tickets().update(
                        caller(m_desk.admin), id, t.version, fields, now);
                });
                Q_UNUSED(r); // a change the lifecycle refuses changes nothing, which is fine here
            };
            if (op < 40) {
                write([&] {
                    return m_store->tickets().addArticle(
                        caller(agent), id, ArticleKind::PublicReply, QStringLiteral("reply"), now);
                });
            } else if (op < 55) {
                static const char *statuses[] = { "assigned", "in_progress", "pending_customer",
                    "resolved", "resolved", "closed" };
                QJsonObject fields { { QStringLiteral("status"),
                    QString::fromLatin1(statuses[rng.bounded(6)]) } };
                if (!t.assigneeId)
                    fields.insert(QStringLiteral("assigneeId"), double(agent));
                tryUpdate(fields);
            } else if (op < 62) {
                tryUpdate({ { QStringLiteral("status"), QStringLiteral("in_progress") },
                    { QStringLiteral("assigneeId"),
                        double(t.assigneeId ? t.assigneeId : agent) } });
            } else if (op < 68) {
                tryUpdate({ { QStringLiteral("impact"), wireName(levels[rng.bounded(3)]) },
                    { QStringLiteral("urgency"), wireName(levels[rng.bounded(3)]) } });
            } else if (op < 73) {
                tryUpdate({ { QStringLiteral("groupId"), double(groups[rng.bounded(2)]) } });
            } else if (op < 77) {
                tryUpdate({ { QStringLiteral("categoryId"),
                                categories[rng.bounded(2)] ? QJsonValue(double(m_desk.category))
                                                           : QJsonValue(QJsonValue::Null) },
                    { QStringLiteral("customerId"),
                        customers[rng.bounded(3)] ? QJsonValue(double(m_desk.customer))
                                                  : QJsonValue(QJsonValue::Null) } });
            } else if (op < 84) {
                const QString token = m_tokens.value(id);
                if (!token.isEmpty())
                    write([&] {
                        return m_store->surveys().answer(token,
                            rng.bounded(3) ? QStringLiteral("good") : QStringLiteral("bad"),
                            QString(), now);
                    });
            } else if (op < 94) {
                for (int clock = 0; clock < 2; ++clock) {
                    for (int breach = 0; breach < 2; ++breach)
                        write(
                            [&] { return m_store->tickets().slaReached(id, clock, breach, now); });
                }
            } else {
                write([&] { return m_store->surveys().closeDue(now); });
            }
        }
        const QDate day = DayIndex::localDate(kMadrid, now);
        if (day != lastDay || rng.bounded(40) == 0) {
            lastDay = day;
            auto full = rebuilt();
            QVERIFY(full);
            compareEngines(*m_engine, *full, QString::fromLatin1(when));
            if (QTest::currentTestFailed())
                return;
            ++comparisons;
        }
    }
    QVERIFY(comparisons > 75);
    qInfo() << tickets.size() << "tickets," << comparisons << "comparisons;"
            << m_engine->trackedTickets() << "followed at the end";
}

void KpiTest::aNewDayMovesTheWindowAndForgetsWhatNoLongerCounts()
{
    buildHandComputedDesk();
    const qsizetype before = m_engine->trackedTickets();
    QCOMPARE(before, qsizetype(6));
    QSignalSpy changed(m_engine.get(), &KpiEngine::changed);
    m_clock.setNow(madrid("2026-11-26T00:00:01"));
    m_engine->poll();
    QCOMPARE(changed.count(), 1);
    QVERIFY(changed.at(0).at(1).toBool()); // everything
    const QJsonObject thursday = m_engine->figures({}, KpiPeriod::Today);
    QCOMPARE(num(obj(thursday, "current"), "created"), 0.0);
    QCOMPARE(num(obj(thursday, "previous"), "created"), 2.0); // Wednesday's
    // Sixty days on, only the open tickets are left.
    m_clock.setNow(madrid("2027-01-30T12:00:00"));
    m_engine->poll();
    QCOMPARE(m_engine->trackedTickets(), qsizetype(2));
    QCOMPARE(num(obj(m_engine->figures({}, KpiPeriod::Last30Days), "previous"), "created"), 0.0);
    QCOMPARE(num(obj(m_engine->figures({}, KpiPeriod::Today), "backlog"), "total"), 2.0);
    auto full = rebuilt();
    compareEngines(*m_engine, *full, QStringLiteral("sixty days on"));
    // A ticket resolved long ago and rated now counts for today's satisfaction: the engine
    // learns of the rating without having followed the ticket.
    const OpResult window = write([&] {
        return m_store->surveys().setSettings(
            caller(m_desk.admin), SurveyStore::kMaxWindowHours, m_clock.now());
    });
    QVERIFY(window.ok);
    update(m_desk.ana, m_t4, { { QStringLiteral("status"), QStringLiteral("resolved") } },
        "2027-01-30T12:00:00");
    m_clock.setNow(madrid("2027-03-31T09:00:00"));
    m_engine->poll();
    QVERIFY(!m_engine->facts().contains(m_t4));
    rate(m_t4, "good", "2027-03-31T09:00:00");
    QCOMPARE(num(obj(obj(m_engine->figures({ m_desk.serviceDesk }, KpiPeriod::Today), "current"),
                     "csat"),
                 "good"),
        1.0);
    full = rebuilt();
    compareEngines(*m_engine, *full, QStringLiteral("a late rating"));
}

void KpiTest::aReportGivesTheSameFiguresPerDayAndInTotal()
{
    buildHandComputedDesk();
    ReportRequest request;
    request.from = QDate(2026, 11, 19);
    request.to = QDate(2026, 11, 26);
    request.zone = kMadrid;
    const OpResult r = KpiReport::compute(*m_store, request, m_clock.now());
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject report = r.result.toObject();
    const QJsonArray days = report.value(QStringLiteral("days")).toArray();
    QCOMPARE(days.size(), 7);
    QCOMPARE(days.at(6).toObject().value(QStringLiteral("date")).toString(),
        QStringLiteral("2026-11-25"));
    // The totals are the dashboard's last seven days, breakdowns included.
    const QJsonObject week = m_engine->figures({}, KpiPeriod::Last7Days);
    QCOMPARE(report.value(QStringLiteral("totals")), week.value(QStringLiteral("current")));
    for (const char *key :
        { "categories", "slowestCategories", "topCustomers", "topOrganisations" })
        QCOMPARE(report.value(QLatin1String(key)), week.value(QLatin1String(key)));
    // Each day is that day's figures.
    QJsonObject wednesday = days.at(6).toObject();
    wednesday.remove(QStringLiteral("date"));
    QCOMPARE(wednesday, obj(m_engine->figures({}, KpiPeriod::Today), "current"));
    qint64 created = 0;
    for (const QJsonValue &d : days)
        created += qint64(num(d.toObject(), "created"));
    QCOMPARE(created, qint64(6));
    // A group's report.
    request.groupIds = { m_desk.network };
    const OpResult net = KpiReport::compute(*m_store, request, m_clock.now());
    QVERIFY(net.ok);
    QCOMPARE(net.result.toObject().value(QStringLiteral("totals")),
        obj(m_engine->figures({ m_desk.network }, KpiPeriod::Last7Days), "current"));
}

void KpiTest::aRangeWithNoDataAndRangesThatAreRefused()
{
    buildHandComputedDesk();
    ReportRequest request;
    request.from = QDate(2020, 1, 1);
    request.to = QDate(2020, 2, 1);
    const OpResult empty = KpiReport::compute(*m_store, request, m_clock.now());
    QVERIFY2(empty.ok, qPrintable(empty.error.message));
    const QJsonObject totals = empty.result.toObject().value(QStringLiteral("totals")).toObject();
    QCOMPARE(num(totals, "created"), 0.0);
    QVERIFY(isNull(obj(totals, "resolution"), "compliance"));
    QVERIFY(isNull(obj(totals, "csat"), "goodShare"));
    QCOMPARE(empty.result.toObject().value(QStringLiteral("days")).toArray().size(), 31);
    QCOMPARE(empty.result.toObject().value(QStringLiteral("timeZone")).toString(),
        QStringLiteral("Europe/Madrid")); // the calendar's

    // Ten years: refused at once with a message that says why, not run.
    request.from = QDate(2016, 1, 1);
    request.to = QDate(2026, 1, 1);
    QElapsedTimer timer;
    timer.start();
    const OpResult decade = KpiReport::compute(*m_store, request, m_clock.now());
    QCOMPARE(decade.error.code, ErrorCode::ValidationFailed);
    QVERIFY2(decade.error.message.contains(QLatin1String("at most 1096 days")),
        qPrintable(decade.error.message));
    QVERIFY(timer.elapsed() < 1000);
    // Three years is the most.
    request.from = QDate(2023, 11, 26);
    request.to = request.from.addDays(KpiReport::kMaxDays);
    QVERIFY(KpiReport::compute(*m_store, request, m_clock.now()).ok);
    request.to = request.to.addDays(1);
    QCOMPARE(KpiReport::compute(*m_store, request, m_clock.now()).error.code,
        ErrorCode::ValidationFailed);
    // Backwards, empty and unknown groups.
    request.from = QDate(2026, 2, 1);
    request.to = QDate(2026, 1, 1);
    QCOMPARE(KpiReport::compute(*m_store, request, m_clock.now()).error.code,
        ErrorCode::ValidationFailed);
    request.to = request.from;
    QCOMPARE(KpiReport::compute(*m_store, request, m_clock.now()).error.code,
        ErrorCode::ValidationFailed);
    request.to = request.from.addDays(1);
    request.groupIds = { 424242 };
    const OpResult ghost = KpiReport::compute(*m_store, request, m_clock.now());
    QCOMPARE(ghost.error.code, ErrorCode::ValidationFailed);
    QVERIFY(ghost.error.message.contains(QLatin1String("424242")));
}

QTEST_GUILESS_MAIN(KpiTest)
#include "tst_kpi.moc"
