// SLA clocks on real tickets: policies and calendars an admin saves, tickets that pick them
// up, and the engine that marks warnings and breaches when their instant comes, driven by a
// manual clock (no sleeping), rebuilt after a restart.

#include "deskfixture.h"

#include "server/sla/slaclock.h"
#include "server/sla/slaengine.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/sla/slatimeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

namespace {
qint64 madrid(const char *localIso)
{
    QDateTime dt = QDateTime::fromString(QString::fromLatin1(localIso), Qt::ISODate);
    dt.setTimeZone(QTimeZone("Europe/Madrid"));
    return dt.toMSecsSinceEpoch();
}
const char *kOffice = R"({"name":"Madrid office","timeZone":"Europe/Madrid",
    "week":{"mon":[["09:00","14:00"],["15:00","18:00"]],"tue":[["09:00","14:00"],["15:00","18:00"]],
            "wed":[["09:00","14:00"],["15:00","18:00"]],"thu":[["09:00","14:00"],["15:00","18:00"]],
            "fri":[["09:00","14:00"],["15:00","18:00"]]}})";
} // namespace

class SlaEngineTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void onlyAdminsConfigureAndBadDefinitionsAreRefused();
    void aNewTicketRunsAgainstItsPolicyInBusinessTime();
    void theEngineMarksWarningThenBreachAtTheirInstants();
    void aPauseOrAReplyMovesTheWakeUps();
    void aPolicyChangeRecomputesOpenTickets();
    void aRestartRebuildsTheScheduleFromTheStore();
    void aRestartAfterTheMarksMakesNoneTwice();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    qint64 create(const char *at, Level impact, Level urgency);
    QJsonObject sla(qint64 id) { return m_store->tickets().ticket(id)->sla; }
    // Runs write jobs straight away on the test's store, as the writer thread would.
    SlaEngine::Submit runNow()
    {
        return [this](WriteJob job) {
            const OpResult r = write([&] { return job.apply(*m_store); });
            if (job.done)
                job.done(r);
            if (r.ok)
                m_engine->onCommitted(r.changes);
        };
    }

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    ManualClock m_clock;
    std::unique_ptr<SlaEngine> m_engine;
};

void SlaEngineTest::init()
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
    m_engine = std::make_unique<SlaEngine>(&m_clock, runNow());
}

void SlaEngineTest::cleanup()
{
    m_engine.reset();
    m_store.reset();
    delete m_dir;
}

OpResult SlaEngineTest::write(const std::function<OpResult()> &fn)
{
    return Test::commit(*m_store, fn);
}

qint64 SlaEngineTest::create(const char *at, Level impact, Level urgency)
{
    NewTicket n;
    n.subject = QStringLiteral("switch down");
    n.impact = impact;
    n.urgency = urgency;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(m_desk.ana), n, madrid(at)); });
    if (!r.ok)
        qWarning() << r.error.message;
    if (m_engine)
        m_engine->onCommitted(r.changes);
    return r.result.toObject()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

void SlaEngineTest::onlyAdminsConfigureAndBadDefinitionsAreRefused()
{
    QCOMPARE(write([&] {
        return m_store->slaConfig().saveCalendar(
            caller(m_desk.lola), QJsonDocument::fromJson(kOffice).object(), 0);
    }).error.code,
        ErrorCode::Forbidden);
    const OpResult noHours = write([&] {
        return m_store->slaConfig().saveCalendar(caller(m_desk.admin),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Never") },
                { QStringLiteral("timeZone"), QStringLiteral("UTC") },
                { QStringLiteral("week"), QJsonObject {} } },
            0);
    });
    QCOMPARE(noHours.error.code, ErrorCode::ValidationFailed);
    QVERIFY2(noHours.error.message.contains(QLatin1String("no working hours")),
        qPrintable(noHours.error.message));
    const OpResult noTarget = write([&] {
        return m_store->slaConfig().savePolicy(caller(m_desk.admin),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Empty") },
                { QStringLiteral("targets"), QJsonObject {} } },
            0);
    });
    QCOMPARE(noTarget.error.code, ErrorCode::ValidationFailed);
    const OpResult badCalendar = write([&] {
        return m_store->slaConfig().savePolicy(caller(m_desk.admin),
            QJsonObject { { QStringLiteral("name"), QStringLiteral("Ghost") },
                { QStringLiteral("calendarId"), 999 },
                { QStringLiteral("targets"),
                    QJsonObject { { QStringLiteral("P1"),
                        QJsonObject { { QStringLiteral("resolutionMinutes"), 5 } } } } } },
            0);
    });
    QCOMPARE(badCalendar.error.code, ErrorCode::ValidationFailed);
    QCOMPARE(m_store->slaConfig()
                 .policies()
                 .result.toObject()
                 .value(QStringLiteral("policies"))
                 .toArray()
                 .size(),
        1);
}

void SlaEngineTest::aNewTicketRunsAgainstItsPolicyInBusinessTime()
{
    const qint64 id = create("2026-11-23T10:00:00", Level::High, Level::High); // P1, Monday 10:00
    const QJsonObject s = sla(id);
    QVERIFY(s.value(QStringLiteral("policyId")).toInteger() > 0);
    const QJsonObject resolution = s.value(QStringLiteral("resolution")).toObject();
    QCOMPARE(Timestamp::fromJson(resolution.value(QStringLiteral("dueAt"))),
        madrid("2026-11-23T14:00:00"));
    QCOMPARE(Timestamp::fromJson(resolution.value(QStringLiteral("warnAt"))),
        madrid("2026-11-23T13:00:00"));
    QCOMPARE(
        Timestamp::fromJson(
            s.value(QStringLiteral("firstResponse")).toObject().value(QStringLiteral("dueAt"))),
        madrid("2026-11-23T10:30:00"));
    QCOMPARE(resolution.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
    // A P4 has no target in this policy: no clock.
    const qint64 p4 = create("2026-11-23T10:00:00", Level::Low, Level::Low);
    QVERIFY(sla(p4).isEmpty());
}

void SlaEngineTest::theEngineMarksWarningThenBreachAtTheirInstants()
{
    const qint64 id = create("2026-11-23T10:00:00", Level::High, Level::High);
    QSignalSpy reached(m_engine.get(), &SlaEngine::reached);
    m_clock.setNow(madrid("2026-11-23T10:22:29"));
    m_engine->timer().poll();
    QCOMPARE(reached.count(), 0);
    m_clock.setNow(madrid("2026-11-23T10:22:30")); // 75% of 30 minutes
    m_engine->timer().poll();
    QCOMPARE(reached.count(), 1);
    QCOMPARE(reached.at(0).at(1).toString(), QStringLiteral("firstResponse"));
    QCOMPARE(reached.at(0).at(2).toString(), QStringLiteral("warning"));
    QCOMPARE(sla(id)
                 .value(QStringLiteral("firstResponse"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("warning"));
    // A clock jump to the afternoon: everything overdue at once, in order.
    m_clock.setNow(madrid("2026-11-23T16:00:00"));
    m_engine->timer().poll();
    QStringList marks;
    for (const QList<QVariant> &r : std::as_const(reached))
        marks << r.at(1).toString() + QLatin1Char(' ') + r.at(2).toString();
    QCOMPARE(marks,
        (QStringList { QStringLiteral("firstResponse warning"),
            QStringLiteral("firstResponse breached"), QStringLiteral("resolution warning"),
            QStringLiteral("resolution breached") }));
    QCOMPARE(sla(id)
                 .value(QStringLiteral("resolution"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("breached"));
    // Each mark is in the conversation.
    int events = 0;
    for (const Article &a : m_store->tickets().articles(id))
        events += a.kind == ArticleKind::SystemEvent && a.body.startsWith(QLatin1String("SLA"));
    QCOMPARE(events, 4);
    // Each carries the data a console words it from, in its agent's language: the clock, the
    // state, the instant it is due and, for a warning, the share of the target used.
    QStringList shapes;
    for (const QJsonValue &a : m_store->tickets()
                                   .get(caller(m_desk.ana), id)
                                   .result.toObject()
                                   .value(QStringLiteral("articles"))
                                   .toArray()) {
        const QJsonObject s = a.toObject()
                                  .value(QStringLiteral("data"))
                                  .toObject()
                                  .value(QStringLiteral("sla"))
                                  .toObject();
        if (!s.isEmpty())
            shapes << QStringLiteral("%1 %2 %3 %4")
                          .arg(s.value(QStringLiteral("clock")).toString(),
                              s.value(QStringLiteral("state")).toString(),
                              s.contains(QLatin1String("percent"))
                                  ? QString::number(s.value(QStringLiteral("percent")).toInt())
                                  : QStringLiteral("-"),
                              Timestamp::fromJson(s.value(QStringLiteral("dueAt"))) > 0
                                  ? QStringLiteral("due")
                                  : QStringLiteral("no-due"));
    }
    QCOMPARE(shapes,
        (QStringList { QStringLiteral("firstResponse warning 75 due"),
            QStringLiteral("firstResponse breached - due"),
            QStringLiteral("resolution warning 75 due"),
            QStringLiteral("resolution breached - due") }));
    QCOMPARE(m_engine->schedule().size(), 0);
}

void SlaEngineTest::aPauseOrAReplyMovesTheWakeUps()
{
    const qint64 id = create("2026-11-23T10:00:00", Level::High, Level::High);
    // Answered at 10:10: no first-response marks will come.
    m_clock.setNow(madrid("2026-11-23T10:10:00"));
    const OpResult reply = write([&] {
        return m_store->tickets().addArticle(caller(m_desk.ana), id, ArticleKind::PublicReply,
            QStringLiteral("mirando"), m_clock.now());
    });
    QVERIFY(reply.ok);
    m_engine->onCommitted(reply.changes);
    QCOMPARE(sla(id)
                 .value(QStringLiteral("firstResponse"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("met"));
    // Waiting on the customer from 11:00 to Tuesday 09:00: the resolution clock stands still.
    const int version = m_store->tickets().ticket(id)->version;
    const OpResult pause = write([&] {
        return m_store->tickets().update(caller(m_desk.ana), id, version,
            { { QStringLiteral("status"), QStringLiteral("pending_customer") } },
            madrid("2026-11-23T11:00:00"));
    });
    QVERIFY2(pause.ok, qPrintable(pause.error.message));
    m_engine->onCommitted(pause.changes);
    QSignalSpy reached(m_engine.get(), &SlaEngine::reached);
    m_clock.setNow(madrid("2026-11-24T08:59:00"));
    m_engine->timer().poll();
    QCOMPARE(reached.count(), 0);
    const OpResult resume = write([&] {
        return m_store->tickets().update(caller(m_desk.ana), id, version + 1,
            { { QStringLiteral("status"), QStringLiteral("in_progress") } },
            madrid("2026-11-24T09:00:00"));
    });
    QVERIFY2(resume.ok, qPrintable(resume.error.message));
    m_engine->onCommitted(resume.changes);
    // 1 h used, 3 h left: due Tuesday 12:00, warning (3 h used) at 11:00.
    QCOMPARE(
        Timestamp::fromJson(
            sla(id).value(QStringLiteral("resolution")).toObject().value(QStringLiteral("dueAt"))),
        madrid("2026-11-24T12:00:00"));
    m_clock.setNow(madrid("2026-11-24T11:00:00"));
    m_engine->timer().poll();
    QCOMPARE(reached.count(), 1);
    QCOMPARE(reached.at(0).at(1).toString(), QStringLiteral("resolution"));
}

void SlaEngineTest::aPolicyChangeRecomputesOpenTickets()
{
    const qint64 id
        = create("2026-11-23T10:00:00", Level::Medium, Level::Medium); // P3: 24 business hours
    QCOMPARE(
        Timestamp::fromJson(
            sla(id).value(QStringLiteral("resolution")).toObject().value(QStringLiteral("dueAt"))),
        madrid("2026-11-26T10:00:00"));
    QJsonObject tighter = m_store->slaConfig()
                              .policies()
                              .result.toObject()
                              .value(QStringLiteral("policies"))
                              .toArray()
                              .first()
                              .toObject();
    QJsonObject targets = tighter.value(QStringLiteral("targets")).toObject();
    targets.insert(QStringLiteral("P3"),
        QJsonObject { { QStringLiteral("firstResponseMinutes"), 60 },
            { QStringLiteral("resolutionMinutes"), 480 } });
    tighter.insert(QStringLiteral("targets"), targets);
    const OpResult r = write([&] {
        return m_store->slaConfig().savePolicy(
            caller(m_desk.admin), tighter, madrid("2026-11-23T12:00:00"));
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("recomputed")).toInt(), 1);
    m_engine->onCommitted(r.changes);
    // 8 business hours from Monday 10:00, with the two already used kept: Monday gives 7
    // (10:00-14:00, 15:00-18:00), so due Tuesday 10:00.
    QCOMPARE(
        Timestamp::fromJson(
            sla(id).value(QStringLiteral("resolution")).toObject().value(QStringLiteral("dueAt"))),
        madrid("2026-11-24T10:00:00"));
    QCOMPARE(
        m_engine->schedule().dueAt(id, SlaEvent::ResolutionBreach), madrid("2026-11-24T10:00:00"));
}

void SlaEngineTest::aRestartRebuildsTheScheduleFromTheStore()
{
    const qint64 a = create("2026-11-23T10:00:00", Level::High, Level::High);
    const qint64 b = create("2026-11-23T11:00:00", Level::Medium, Level::Medium);
    const qint64 before = m_engine->schedule().dueAt(b, SlaEvent::ResolutionBreach);
    QVERIFY(before > 0);
    m_engine = std::make_unique<SlaEngine>(&m_clock, runNow()); // the server restarts
    QCOMPARE(m_engine->schedule().size(), 0);
    m_engine->build(m_store->tickets().slaWakeups());
    QCOMPARE(m_engine->schedule().dueAt(b, SlaEvent::ResolutionBreach), before);
    QVERIFY(m_engine->schedule().dueAt(a, SlaEvent::FirstResponseWarning) > 0);
    QCOMPARE(m_engine->schedule().size(), 8);
}

void SlaEngineTest::aRestartAfterTheMarksMakesNoneTwice()
{
    const qint64 id = create("2026-11-23T10:00:00", Level::High, Level::High);
    m_clock.setNow(madrid("2026-11-23T16:00:00")); // every mark is due
    m_engine->timer().poll();
    auto slaEvents = [&] {
        int n = 0;
        for (const Article &a : m_store->tickets().articles(id))
            n += a.kind == ArticleKind::SystemEvent && a.body.startsWith(QLatin1String("SLA"));
        return n;
    };
    QCOMPARE(slaEvents(), 4);
    // The server restarts (twice): the schedule is rebuilt from the store's instants, all
    // past, and none of them is marked again nor turns a breached clock back to a warning.
    for (int restart = 0; restart < 2; ++restart) {
        m_engine = std::make_unique<SlaEngine>(&m_clock, runNow());
        m_engine->build(m_store->tickets().slaWakeups());
        m_engine->timer().poll();
        QCOMPARE(slaEvents(), 4);
        QCOMPARE(sla(id)
                     .value(QStringLiteral("resolution"))
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
            QStringLiteral("breached"));
        QCOMPARE(sla(id)
                     .value(QStringLiteral("firstResponse"))
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
            QStringLiteral("breached"));
    }
}

QTEST_GUILESS_MAIN(SlaEngineTest)
#include "tst_slaengine.moc"
