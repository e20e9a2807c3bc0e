// The console's typed KPI figures, KB search hits and presence lists: a realistic answer of
// the server decodes field by field, and each value written back gives the server's JSON.

#include "core/domain/kbarticle.h"
#include "core/domain/presence.h"
#include "core/kpi/kpifigures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Atiende::Core;

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

qint64 ms(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// A dashboard.changed of a lead's two groups on a busy morning, as the server writes it.
const char *const kDashboard = R"({
 "period": "today", "groupIds": [2, 5], "timeZone": "Europe/Madrid",
 "asOf": "2026-12-07T10:15:30.250Z", "from": "2026-12-06T23:00:00.000Z", "to": "2026-12-07T10:15:30.250Z",
 "previousFrom": "2026-12-05T23:00:00.000Z", "previousTo": "2026-12-06T23:00:00.000Z",
 "current": {"created": 14, "resolved": 9,
   "firstResponse": {"met": 11, "breached": 1, "compliance": 0.9166666666666666, "meanMs": 1534000, "medianMs": 1200000},
   "resolution": {"met": 8, "breached": 1, "compliance": 0.8888888888888888, "meanMs": 10980000, "medianMs": 7200000},
   "firstContactResolution": {"count": 3, "rate": 0.3333333333333333},
   "reopened": {"count": 1, "rate": 0.1111111111111111},
   "csat": {"good": 4, "bad": 1, "count": 5, "goodShare": 0.8}},
 "previous": {"created": 21, "resolved": 0,
   "firstResponse": {"met": 0, "breached": 0, "compliance": null, "meanMs": null, "medianMs": null},
   "resolution": {"met": 0, "breached": 0, "compliance": null, "meanMs": null, "medianMs": null},
   "firstContactResolution": {"count": 0, "rate": null},
   "reopened": {"count": 0, "rate": null},
   "csat": {"good": 0, "bad": 0, "count": 0, "goodShare": null}},
 "series": {"unit": "hour", "points": [
   {"start": "2026-12-06T23:00:00.000Z", "created": 0, "resolved": 0, "firstResponseMet": 0, "firstResponseBreached": 0, "resolutionMet": 0, "resolutionBreached": 0},
   {"start": "2026-12-07T08:00:00.000Z", "created": 6, "resolved": 2, "firstResponseMet": 5, "firstResponseBreached": 1, "resolutionMet": 2, "resolutionBreached": 0}]},
 "backlog": {"total": 37, "unassigned": 6,
   "byPriority": {"P1": 2, "P2": 7, "P3": 20, "P4": 8},
   "byStatus": {"new": 6, "assigned": 9, "in_progress": 15, "pending_customer": 5, "pending_third_party": 2},
   "byPriorityAndStatus": {
     "P1": {"new": 0, "assigned": 1, "in_progress": 1, "pending_customer": 0, "pending_third_party": 0},
     "P2": {"new": 1, "assigned": 2, "in_progress": 3, "pending_customer": 1, "pending_third_party": 0},
     "P3": {"new": 4, "assigned": 5, "in_progress": 8, "pending_customer": 2, "pending_third_party": 1},
     "P4": {"new": 1, "assigned": 1, "in_progress": 3, "pending_customer": 2, "pending_third_party": 1}}},
 "slaNow": {"warning": 3, "breached": 2},
 "atRisk": [
   {"id": 2751, "number": "INC-002751", "subject": "La VPN no conecta desde Sevilla", "priority": "P1", "status": "in_progress",
    "groupId": 5, "assigneeId": 12, "state": "breached", "clock": "resolution", "dueAt": null},
   {"id": 2790, "number": "REQ-000412", "subject": "Alta de usuario: Marta Gil", "priority": "P3", "status": "new",
    "groupId": 2, "assigneeId": null, "state": "warning", "clock": "firstResponse", "dueAt": "2026-12-07T10:40:00.000Z"}],
 "atRiskTotal": 5,
 "categories": [{"categoryId": 8, "created": 6}, {"categoryId": null, "created": 2}],
 "slowestCategories": [{"categoryId": 8, "resolved": 3, "meanResolutionMs": 14400000}],
 "topCustomers": [{"customerId": 301, "created": 3}],
 "topOrganisations": [{"organisationId": 40, "created": 7}],
 "agents": [
   {"agentId": 12, "name": "Ana Ruiz", "presence": "busy", "openTickets": 9, "resolvedToday": 4},
   {"agentId": 14, "name": "Lola Pérez", "presence": "offline", "openTickets": 0, "resolvedToday": 0}]
})";

// A reports.get answer of two days.
const char *const kReport = R"({
 "from": "2026-11-30", "to": "2026-12-02", "timeZone": "America/Mexico_City", "groupIds": [],
 "generatedAt": "2026-12-07T09:00:00.000Z",
 "days": [
   {"date": "2026-11-30", "created": 5, "resolved": 4,
    "firstResponse": {"met": 4, "breached": 0, "compliance": 1, "meanMs": 600000, "medianMs": 540000},
    "resolution": {"met": 3, "breached": 1, "compliance": 0.75, "meanMs": 9000000, "medianMs": 8000000},
    "firstContactResolution": {"count": 2, "rate": 0.5}, "reopened": {"count": 0, "rate": 0},
    "csat": {"good": 1, "bad": 0, "count": 1, "goodShare": 1}},
   {"date": "2026-12-01", "created": 0, "resolved": 0,
    "firstResponse": {"met": 0, "breached": 0, "compliance": null, "meanMs": null, "medianMs": null},
    "resolution": {"met": 0, "breached": 0, "compliance": null, "meanMs": null, "medianMs": null},
    "firstContactResolution": {"count": 0, "rate": null}, "reopened": {"count": 0, "rate": null},
    "csat": {"good": 0, "bad": 0, "count": 0, "goodShare": null}}],
 "totals": {"created": 5, "resolved": 4,
    "firstResponse": {"met": 4, "breached": 0, "compliance": 1, "meanMs": 600000, "medianMs": 540000},
    "resolution": {"met": 3, "breached": 1, "compliance": 0.75, "meanMs": 9000000, "medianMs": 8000000},
    "firstContactResolution": {"count": 2, "rate": 0.5}, "reopened": {"count": 0, "rate": 0},
    "csat": {"good": 1, "bad": 0, "count": 1, "goodShare": 1}},
 "categories": [{"categoryId": 3, "created": 5}], "slowestCategories": [],
 "topCustomers": [{"customerId": 7, "created": 2}], "topOrganisations": []
})";

} // namespace

class KpiFiguresTest : public QObject
{
    Q_OBJECT
private slots:
    void dashboardFiguresDecodeFieldByField();
    void dashboardFiguresWriteBackTheServersJson();
    void noFiguresIsEmptyBothWays();
    void nullFiguresStayNothingToCount();
    void unknownVocabularyIsReadSafely();
    void reportDecodesAndWritesBack();
    void kbSearchHitsDecodeAndWriteBack();
    void kbArticlesCompareByEveryField();
    void viewersDecodeAndWriteBack();
};

void KpiFiguresTest::dashboardFiguresDecodeFieldByField()
{
    const DashboardFigures f = DashboardFigures::fromJson(parse(kDashboard));
    QVERIFY(!f.isEmpty());
    QCOMPARE(f.period, QStringLiteral("today"));
    QCOMPARE(f.groupIds, (QList<qint64> { 2, 5 }));
    QCOMPARE(f.timeZone, QStringLiteral("Europe/Madrid"));
    QCOMPARE(f.asOf, ms("2026-12-07T10:15:30.250Z"));
    QCOMPARE(f.from, ms("2026-12-06T23:00:00.000Z"));
    QCOMPARE(f.to, ms("2026-12-07T10:15:30.250Z"));
    QCOMPARE(f.previousFrom, ms("2026-12-05T23:00:00.000Z"));
    QCOMPARE(f.previousTo, ms("2026-12-06T23:00:00.000Z"));

    QCOMPARE(f.current.created, 14);
    QCOMPARE(f.current.resolved, 9);
    QCOMPARE(f.current.firstResponse.met, 11);
    QCOMPARE(f.current.firstResponse.breached, 1);
    QCOMPARE(f.current.firstResponse.compliance, std::optional<double>(0.9166666666666666));
    QCOMPARE(f.current.firstResponse.meanMs, std::optional<qint64>(1534000));
    QCOMPARE(f.current.firstResponse.medianMs, std::optional<qint64>(1200000));
    QCOMPARE(f.current.resolution.met, 8);
    QCOMPARE(f.current.resolution.meanMs, std::optional<qint64>(10980000));
    QCOMPARE(f.current.firstContactResolution.count, 3);
    QCOMPARE(f.current.firstContactResolution.rate, std::optional<double>(0.3333333333333333));
    QCOMPARE(f.current.reopened.count, 1);
    QCOMPARE(f.current.csat.good, 4);
    QCOMPARE(f.current.csat.bad, 1);
    QCOMPARE(f.current.csat.count, 5);
    QCOMPARE(f.current.csat.goodShare, std::optional<double>(0.8));
    QCOMPARE(f.previous.created, 21);

    QCOMPARE(f.series.unit, KpiSeries::Unit::Hour);
    QCOMPARE(f.series.points.size(), 2);
    const KpiSeriesPoint &p = f.series.points.at(1);
    QCOMPARE(p.start, ms("2026-12-07T08:00:00.000Z"));
    QCOMPARE(p.created, 6);
    QCOMPARE(p.resolved, 2);
    QCOMPARE(p.firstResponseMet, 5);
    QCOMPARE(p.firstResponseBreached, 1);
    QCOMPARE(p.resolutionMet, 2);
    QCOMPARE(p.resolutionBreached, 0);

    QCOMPARE(f.backlog.total, 37);
    QCOMPARE(f.backlog.unassigned, 6);
    QCOMPARE(f.backlog.open(Priority::P1), 2);
    QCOMPARE(f.backlog.open(Priority::P3), 20);
    QCOMPARE(f.backlog.byStatus.value(TicketStatus::PendingThirdParty), 2);
    QCOMPARE(f.backlog.byStatus.value(TicketStatus::InProgress), 15);
    QCOMPARE(f.backlog.open(Priority::P3, TicketStatus::InProgress), 8);
    QCOMPARE(f.backlog.open(Priority::P1, TicketStatus::Assigned), 1);
    QCOMPARE(f.backlog.open(Priority::P4, TicketStatus::PendingThirdParty), 1);

    QCOMPARE(f.slaWarning, 3);
    QCOMPARE(f.slaBreached, 2);
    QCOMPARE(f.atRiskTotal, 5);
    QCOMPARE(f.atRisk.size(), 2);
    const KpiAtRiskTicket &vpn = f.atRisk.at(0);
    QCOMPARE(vpn.id, 2751);
    QCOMPARE(vpn.number, QStringLiteral("INC-002751"));
    QCOMPARE(vpn.subject, QStringLiteral("La VPN no conecta desde Sevilla"));
    QCOMPARE(vpn.priority, Priority::P1);
    QCOMPARE(vpn.status, TicketStatus::InProgress);
    QCOMPARE(vpn.groupId, 5);
    QCOMPARE(vpn.assigneeId, 12);
    QCOMPARE(vpn.state, KpiAtRiskTicket::State::Breached);
    QCOMPARE(vpn.clock, KpiAtRiskTicket::Clock::Resolution);
    QCOMPARE(vpn.dueAt, 0); // paused after breaching
    QCOMPARE(wireName(vpn.state), QStringLiteral("breached"));
    const KpiAtRiskTicket &request = f.atRisk.at(1);
    QCOMPARE(request.assigneeId, 0);
    QCOMPARE(request.status, TicketStatus::New);
    QCOMPARE(request.state, KpiAtRiskTicket::State::Warning);
    QCOMPARE(request.clock, KpiAtRiskTicket::Clock::FirstResponse);
    QCOMPARE(wireName(request.state), QStringLiteral("warning"));
    QCOMPARE(request.dueAt, ms("2026-12-07T10:40:00.000Z"));

    QCOMPARE(f.breakdowns.categories.size(), 2);
    QCOMPARE(f.breakdowns.categories.at(0).id, 8);
    QCOMPARE(f.breakdowns.categories.at(0).created, 6);
    QCOMPARE(f.breakdowns.categories.at(1).id, 0); // no category
    QCOMPARE(f.breakdowns.categories.at(1).created, 2);
    QCOMPARE(f.breakdowns.slowestCategories.size(), 1);
    QCOMPARE(f.breakdowns.slowestCategories.at(0).categoryId, 8);
    QCOMPARE(f.breakdowns.slowestCategories.at(0).resolved, 3);
    QCOMPARE(f.breakdowns.slowestCategories.at(0).meanResolutionMs, 14400000);
    QCOMPARE(f.breakdowns.topCustomers.at(0).id, 301);
    QCOMPARE(f.breakdowns.topCustomers.at(0).created, 3);
    QCOMPARE(f.breakdowns.topOrganisations.at(0).id, 40);
    QCOMPARE(f.breakdowns.topOrganisations.at(0).created, 7);

    QCOMPARE(f.agents.size(), 2);
    QCOMPARE(f.agents.at(0).agentId, 12);
    QCOMPARE(f.agents.at(0).name, QStringLiteral("Ana Ruiz"));
    QCOMPARE(f.agents.at(0).presence, Presence::Busy);
    QCOMPARE(f.agents.at(0).openTickets, 9);
    QCOMPARE(f.agents.at(0).resolvedToday, 4);
    QCOMPARE(f.agents.at(1).presence, Presence::Offline);
}

void KpiFiguresTest::dashboardFiguresWriteBackTheServersJson()
{
    const QJsonObject server = parse(kDashboard);
    const DashboardFigures f = DashboardFigures::fromJson(server);
    QCOMPARE(f.toJson(), server);
    QCOMPARE(DashboardFigures::fromJson(f.toJson()), f);
    DashboardFigures other = f;
    other.current.csat.bad = 2;
    QVERIFY(other != f);
}

void KpiFiguresTest::noFiguresIsEmptyBothWays()
{
    QVERIFY(DashboardFigures().isEmpty());
    QCOMPARE(DashboardFigures().toJson(), QJsonObject());
    QVERIFY(DashboardFigures::fromJson({}).isEmpty());
    QCOMPARE(DashboardFigures::fromJson({}), DashboardFigures());
}

void KpiFiguresTest::nullFiguresStayNothingToCount()
{
    const DashboardFigures f = DashboardFigures::fromJson(parse(kDashboard));
    QVERIFY(!f.previous.firstResponse.compliance);
    QVERIFY(!f.previous.firstResponse.meanMs);
    QVERIFY(!f.previous.resolution.medianMs);
    QVERIFY(!f.previous.firstContactResolution.rate);
    QVERIFY(!f.previous.reopened.rate);
    QVERIFY(!f.previous.csat.goodShare);
    // Written back as null, never as 0.
    const QJsonObject clock = f.previous.firstResponse.toJson();
    QVERIFY(clock.value(QStringLiteral("compliance")).isNull());
    QVERIFY(clock.value(QStringLiteral("meanMs")).isNull());
    // A zero that was counted stays a zero.
    KpiShare zero;
    zero.rate = 0.0;
    QCOMPARE(zero.toJson().value(QStringLiteral("rate")), QJsonValue(0.0));
}

void KpiFiguresTest::unknownVocabularyIsReadSafely()
{
    QJsonObject o = parse(kDashboard);
    QJsonArray risk = o.value(QStringLiteral("atRisk")).toArray();
    QJsonObject t = risk.at(0).toObject();
    t.insert(QStringLiteral("priority"), QStringLiteral("P9"));
    t.insert(QStringLiteral("state"), QStringLiteral("frozen"));
    risk.replace(0, t);
    o.insert(QStringLiteral("atRisk"), risk);
    QJsonObject backlog = o.value(QStringLiteral("backlog")).toObject();
    QJsonObject byPriority = backlog.value(QStringLiteral("byPriority")).toObject();
    byPriority.insert(QStringLiteral("P9"), 4);
    backlog.insert(QStringLiteral("byPriority"), byPriority);
    o.insert(QStringLiteral("backlog"), backlog);
    QJsonArray agents = o.value(QStringLiteral("agents")).toArray();
    QJsonObject a = agents.at(0).toObject();
    a.insert(QStringLiteral("presence"), QStringLiteral("on_a_call"));
    agents.replace(0, a);
    o.insert(QStringLiteral("agents"), agents);

    const DashboardFigures f = DashboardFigures::fromJson(o);
    QCOMPARE(f.atRisk.at(0).priority, Priority::P4);
    QCOMPARE(f.atRisk.at(0).state, KpiAtRiskTicket::State::Warning);
    QCOMPARE(f.backlog.byPriority.size(), 4);
    QCOMPARE(f.agents.at(0).presence, Presence::Offline);
}

void KpiFiguresTest::reportDecodesAndWritesBack()
{
    const QJsonObject server = parse(kReport);
    const KpiReportFigures r = KpiReportFigures::fromJson(server);
    QCOMPARE(r.from, QDate(2026, 11, 30));
    QCOMPARE(r.to, QDate(2026, 12, 2));
    QCOMPARE(r.timeZone, QStringLiteral("America/Mexico_City"));
    QVERIFY(r.groupIds.isEmpty());
    QCOMPARE(r.generatedAt, ms("2026-12-07T09:00:00.000Z"));
    QCOMPARE(r.days.size(), 2);
    QCOMPARE(r.days.at(0).date, QDate(2026, 11, 30));
    QCOMPARE(r.days.at(0).figures.created, 5);
    QCOMPARE(r.days.at(0).figures.firstResponse.compliance, std::optional<double>(1.0));
    QCOMPARE(r.days.at(0).figures.reopened.rate, std::optional<double>(0.0));
    QCOMPARE(r.days.at(1).date, QDate(2026, 12, 1));
    QVERIFY(!r.days.at(1).figures.resolution.meanMs);
    QCOMPARE(r.totals.resolved, 4);
    QCOMPARE(r.totals.resolution.medianMs, std::optional<qint64>(8000000));
    QCOMPARE(r.breakdowns.categories.size(), 1);
    QCOMPARE(r.breakdowns.categories.at(0).id, 3);
    QCOMPARE(r.breakdowns.topCustomers.at(0).id, 7);
    QVERIFY(r.breakdowns.slowestCategories.isEmpty());
    QCOMPARE(r.toJson(), server);
    QCOMPARE(KpiReportFigures::fromJson(r.toJson()), r);
}

void KpiFiguresTest::kbSearchHitsDecodeAndWriteBack()
{
    const QJsonObject server = parse(R"({"id": 12, "title": "Restablecer la contraseña de Outlook",
        "snippet": "Si <mark>Outlook</mark> pide la contraseña &amp; no la acepta…", "score": -7.25, "audience": "agent",
        "categoryId": 8, "language": "es", "updatedAt": "2026-11-02T08:30:00.000Z"})");
    const KbSearchHit h = KbSearchHit::fromJson(server);
    QCOMPARE(h.id, 12);
    QCOMPARE(h.title, QStringLiteral("Restablecer la contraseña de Outlook"));
    QCOMPARE(h.snippet,
        QStringLiteral("Si <mark>Outlook</mark> pide la contraseña &amp; no la acepta…"));
    QCOMPARE(h.score, -7.25);
    QCOMPARE(h.audience, Audience::Agent);
    QVERIFY(h.isInternal());
    QCOMPARE(h.categoryId, 8);
    QCOMPARE(h.language, QStringLiteral("es"));
    QCOMPARE(h.updatedAt, ms("2026-11-02T08:30:00.000Z"));
    QCOMPARE(h.toJson(), server);

    QJsonObject uncategorised = server;
    uncategorised.insert(QStringLiteral("categoryId"), QJsonValue::Null);
    uncategorised.insert(QStringLiteral("audience"), QStringLiteral("public"));
    const QList<KbSearchHit> list = KbSearchHit::listFromJson(QJsonArray { server, uncategorised });
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0), h);
    QCOMPARE(list.at(1).categoryId, 0);
    QVERIFY(!list.at(1).isInternal());
    QCOMPARE(list.at(1).toJson(), uncategorised);
    QVERIFY(list.at(1) != h);
}

void KpiFiguresTest::kbArticlesCompareByEveryField()
{
    KbArticle a;
    a.id = 12;
    a.title = QStringLiteral("VPN");
    a.body = QStringLiteral("# VPN\n\nReinicia el cliente.");
    a.categoryId = 3;
    a.audience = Audience::Public;
    a.keywords = QStringList { QStringLiteral("vpn"), QStringLiteral("red") };
    a.language = QStringLiteral("es");
    a.authorId = 4;
    a.createdAt = ms("2026-10-01T10:00:00.000Z");
    a.updatedAt = ms("2026-11-01T10:00:00.000Z");
    a.version = 3;
    QCOMPARE(KbArticle::fromJson(a.toJson()), a);
    QVERIFY(!a.isInternal());
    KbArticle b = a;
    b.version = 4;
    QVERIFY(b != a);
}

void KpiFiguresTest::viewersDecodeAndWriteBack()
{
    const QJsonObject changed = parse(R"({"ticketId": 2751, "viewers": [
        {"agentId": 12, "name": "Ana Ruiz", "typing": false},
        {"agentId": 14, "name": "Lola Pérez", "typing": true},
        {"agentId": null, "name": "nobody", "typing": false}]})");
    const TicketViewers t = TicketViewers::fromJson(changed);
    QCOMPARE(t.ticketId, 2751);
    QCOMPARE(t.viewers.size(), 2); // the entry without an agent is left out
    QCOMPARE(t.viewers.at(0), (Viewer { 12, QStringLiteral("Ana Ruiz"), false }));
    QCOMPARE(t.viewers.at(1), (Viewer { 14, QStringLiteral("Lola Pérez"), true }));
    QJsonObject expected = changed;
    QJsonArray viewers = expected.value(QStringLiteral("viewers")).toArray();
    viewers.removeLast();
    expected.insert(QStringLiteral("viewers"), viewers);
    QCOMPARE(t.toJson(), expected);

    const QList<TicketViewers> list
        = TicketViewers::listFromJson(QJsonObject { { QStringLiteral("tickets"),
            QJsonArray { changed,
                QJsonObject { { QStringLiteral("ticketId"), 0 },
                    { QStringLiteral("viewers"), QJsonArray() } } } } });
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0), t);
}

QTEST_GUILESS_MAIN(KpiFiguresTest)
#include "tst_kpifigures.moc"
