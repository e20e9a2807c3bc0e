// The typed values the console reads the protocol into: each one survives its own JSON form,
// and what the server really sends is read field by field (docs/protocol.md, "Data types").

#include "core/domain/article.h"
#include "core/domain/directory.h"
#include "core/domain/fieldvalue.h"
#include "core/domain/ticket.h"
#include "core/domain/ticketedits.h"
#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Atiende::Core;

Q_DECLARE_METATYPE(Atiende::Core::Article)

namespace {

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// A ticket as tickets.get answers it, SLA clocks included (the first response one warning).
const char *const kServerTicket = R"({
    "id": 2751, "number": "INC-002751", "type": "incident", "subject": "La VPN se cae cada hora",
    "status": "in_progress", "impact": "high", "urgency": "medium", "priority": "P2", "channel": "phone",
    "categoryId": 12, "groupId": 3, "assigneeId": 7, "customerId": 41, "organisationId": 5, "createdBy": 7,
    "createdAt": "2026-11-23T09:05:00.000Z", "updatedAt": "2026-11-23T10:40:12.345Z",
    "firstResponseAt": null, "resolvedAt": null, "closedAt": null,
    "reopenCount": 1, "agentReplies": 0, "version": 6,
    "sla": {"policyId": 2,
            "firstResponse": {"targetMs": 3600000, "warnPercent": 75, "usedMs": 2700000,
                              "runningSince": "2026-11-23T09:05:00.000Z", "stoppedAt": null, "paused": false,
                              "dueAt": "2026-11-23T10:05:00.000Z", "warnAt": "2026-11-23T09:50:00.000Z", "state": "warning"},
            "resolution": {"targetMs": 28800000, "warnPercent": 75, "usedMs": 0, "runningSince": null,
                           "stoppedAt": null, "paused": true, "dueAt": null, "warnAt": null, "state": "paused"}},
    "kbArticleIds": [31, 8]
})";

Ticket fullTicket()
{
    Ticket t = Ticket::fromJson(parse(kServerTicket));
    t.firstResponseAt = at("2026-11-23T10:00:00.000Z");
    return t;
}

Article eventArticle(const QJsonObject &data)
{
    Article a;
    a.id = 90;
    a.ticketId = 2751;
    a.kind = ArticleKind::SystemEvent;
    a.body = QStringLiteral("What happened, in English");
    a.createdAt = at("2026-11-23T10:41:00.000Z");
    a.data = ArticleEvent::fromJson(data);
    return a;
}

} // namespace

class WireTypesTest : public QObject
{
    Q_OBJECT
private slots:
    void aServerTicketIsReadFieldByField();
    void aTicketSurvivesItsJson();
    void aTicketWithoutSlaHasNullClocks();
    void fieldValuesSurviveTheirJson_data();
    void fieldValuesSurviveTheirJson();
    void articlesSurviveTheirJson_data();
    void articlesSurviveTheirJson();
    void aServerEscalationEventIsReadFieldByField();
    void aServerChangeEventIsReadFieldByField();
    void anEventOfAShapeNotKnownIsUnknownAndWritesNoData();
    void theDirectorySurvivesItsJson();
    void theLoggedInAgentIsReadFieldByField();
    void aNewTicketIsTicketsCreateParams();
    void anEscalationRequestIsTicketsEscalateParams();
};

void WireTypesTest::aServerTicketIsReadFieldByField()
{
    const Ticket t = Ticket::fromJson(parse(kServerTicket));
    QCOMPARE(t.id, 2751);
    QCOMPARE(t.number, QStringLiteral("INC-002751"));
    QCOMPARE(t.type, TicketType::Incident);
    QCOMPARE(t.subject, QStringLiteral("La VPN se cae cada hora"));
    QCOMPARE(t.status, TicketStatus::InProgress);
    QCOMPARE(t.impact, Level::High);
    QCOMPARE(t.urgency, Level::Medium);
    QCOMPARE(t.priority, Priority::P2);
    QCOMPARE(t.channel, Channel::Phone);
    QCOMPARE(t.categoryId, 12);
    QCOMPARE(t.groupId, 3);
    QCOMPARE(t.assigneeId, 7);
    QCOMPARE(t.customerId, 41);
    QCOMPARE(t.organisationId, 5);
    QCOMPARE(t.createdBy, 7);
    QCOMPARE(t.createdAt, at("2026-11-23T09:05:00.000Z"));
    QCOMPARE(t.updatedAt, at("2026-11-23T10:40:12.345Z"));
    QCOMPARE(t.firstResponseAt, 0);
    QCOMPARE(t.resolvedAt, 0);
    QCOMPARE(t.closedAt, 0);
    QCOMPARE(t.reopenCount, 1);
    QCOMPARE(t.agentReplies, 0);
    QCOMPARE(t.version, 6);
    QCOMPARE(t.kbArticleIds, (QList<qint64> { 31, 8 }));

    const SlaClocks sla = t.slaClocks();
    QVERIFY(!sla.isNull);
    QCOMPARE(sla.policyId, 2);
    QCOMPARE(sla.firstResponse.state, SlaTimeline::State::Warning);
    QCOMPARE(sla.firstResponse.timeline.targetMs, 3600000);
    QCOMPARE(sla.firstResponse.timeline.warnPercent, 75);
    QCOMPARE(sla.firstResponse.timeline.usedMs, 2700000);
    QCOMPARE(sla.firstResponse.timeline.runningSince, at("2026-11-23T09:05:00.000Z"));
    QCOMPARE(sla.firstResponse.timeline.stoppedAt, 0);
    QVERIFY(!sla.firstResponse.timeline.paused);
    QCOMPARE(sla.firstResponse.dueAt, at("2026-11-23T10:05:00.000Z"));
    QCOMPARE(sla.firstResponse.warnAt, at("2026-11-23T09:50:00.000Z"));
    QCOMPARE(sla.resolution.state, SlaTimeline::State::Paused);
    QVERIFY(sla.resolution.timeline.paused);
    QCOMPARE(sla.resolution.timeline.targetMs, 28800000);
    QCOMPARE(sla.resolution.dueAt, 0);
    QCOMPARE(sla.resolution.warnAt, 0);
    // The clocks write back exactly what the server sent.
    QCOMPARE(sla.toJson(), parse(kServerTicket).value(QStringLiteral("sla")).toObject());
}

void WireTypesTest::aTicketSurvivesItsJson()
{
    const Ticket t = fullTicket();
    const Ticket back = Ticket::fromJson(t.toJson());
    QVERIFY(back == t);
    QVERIFY(back.slaClocks() == t.slaClocks());
    // Through text too, as it travels.
    const Ticket wire
        = Ticket::fromJson(QJsonDocument::fromJson(QJsonDocument(t.toJson()).toJson()).object());
    QVERIFY(wire == t);
}

void WireTypesTest::aTicketWithoutSlaHasNullClocks()
{
    QJsonObject o = parse(kServerTicket);
    o.insert(QStringLiteral("sla"), QJsonValue(QJsonValue::Null));
    const Ticket t = Ticket::fromJson(o);
    QVERIFY(t.slaClocks().isNull);
    QCOMPARE(t.toJson().value(QStringLiteral("sla")), QJsonValue(QJsonValue::Null));
    QVERIFY(SlaClocks::fromJson(t.slaClocks().toJson()) == t.slaClocks());
}

void WireTypesTest::fieldValuesSurviveTheirJson_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("empty");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << int(FieldValue::Kind::Null) << true;
    QTest::newRow("a wire name") << QJsonValue(QStringLiteral("pending_customer"))
                                 << int(FieldValue::Kind::Text) << false;
    QTest::newRow("empty text") << QJsonValue(QString()) << int(FieldValue::Kind::Text) << true;
    QTest::newRow("an id") << QJsonValue(17.0) << int(FieldValue::Kind::Number) << false;
    QTest::newRow("ids") << QJsonValue(QJsonArray { 3, 9 }) << int(FieldValue::Kind::List) << false;
    QTest::newRow("no ids") << QJsonValue(QJsonArray()) << int(FieldValue::Kind::List) << true;
    QTest::newRow("addresses") << QJsonValue(QJsonArray {
        QStringLiteral("jefe@ferreteria.example"), QStringLiteral("it@ferreteria.example") })
                               << int(FieldValue::Kind::Texts) << false;
}

void WireTypesTest::fieldValuesSurviveTheirJson()
{
    QFETCH(QJsonValue, json);
    QFETCH(int, kind);
    QFETCH(bool, empty);
    const FieldValue v = FieldValue::fromJson(json);
    QCOMPARE(int(v.kind), kind);
    QCOMPARE(v.isEmpty(), empty);
    QCOMPARE(v.toJson(), json);
    QVERIFY(FieldValue::fromJson(v.toJson()) == v);
}

void WireTypesTest::articlesSurviveTheirJson_data()
{
    QTest::addColumn<Article>("article");
    Article reply;
    reply.id = 88;
    reply.ticketId = 2751;
    reply.kind = ArticleKind::PublicReply;
    reply.authorCustomerId = 41;
    reply.body = QStringLiteral("Sigue sin conectar 🙁\n\n```\nerror 809\n```");
    reply.createdAt = at("2026-11-23T09:05:00.000Z");
    QTest::newRow("a customer's reply") << reply;
    Article note = reply;
    note.kind = ArticleKind::InternalNote;
    note.authorCustomerId = 0;
    note.authorAgentId = 7;
    QTest::newRow("a note") << note;

    QTest::newRow("changes") << eventArticle(
        parse(R"({"changes": [{"field": "status", "from": "new", "to": "assigned"},
                                                           {"field": "assigneeId", "from": null, "to": 7},
                                                           {"field": "kbArticleIds", "from": [], "to": [31]}]})"));
    QTest::newRow("sla warning") << eventArticle(
        parse(R"({"sla": {"clock": "firstResponse", "state": "warning",
                                                           "dueAt": "2026-11-23T10:05:00.000Z", "percent": 75}})"));
    QTest::newRow("sla breach") << eventArticle(
        parse(R"({"sla": {"clock": "resolution", "state": "breached", "dueAt": null}})"));
    QTest::newRow("functional escalation")
        << eventArticle(parse(R"({"escalation": {"kind": "functional", "trigger": "breach",
        "clock": "resolution", "rule": 4, "fromGroupId": 3, "toGroupId": 9, "moved": true}})"));
    QTest::newRow("hierarchical escalation")
        << eventArticle(parse(R"({"escalation": {"kind": "hierarchical", "trigger": "manual",
        "rule": null, "fromGroupId": 3, "toGroupId": null, "moved": false, "leads": [12, 13], "byAgentId": 7,
        "reason": "El cliente es VIP"}})"));
    QTest::newRow("survey") << eventArticle(
        parse(R"({"survey": {"rating": "bad", "comment": "Tardaron demasiado"}})"));
    QTest::newRow("reopened") << eventArticle(parse(
        R"({"reopened": {"cause": "customerReplied", "reason": "Reopened: the customer replied."}})"));
    QTest::newRow("reopened before causes")
        << eventArticle(parse(R"({"reopened": {"reason": "Reopened: the customer replied."}})"));
    QTest::newRow("auto closed") << eventArticle(parse(R"({"autoClosed": {"afterHours": 72}})"));
    QTest::newRow("handed back") << eventArticle(
        parse(R"({"event": "handedBack", "agentId": 7, "groupId": 3})"));
}

void WireTypesTest::articlesSurviveTheirJson()
{
    QFETCH(Article, article);
    const Article back = Article::fromJson(article.toJson());
    QVERIFY(back == article);
    QCOMPARE(back.data.kind, article.data.kind);
    // The data written is the data read (no shape gains or loses a key on the way).
    QCOMPARE(back.toJson(), article.toJson());
}

void WireTypesTest::aServerEscalationEventIsReadFieldByField()
{
    const Article a = Article::fromJson(
        parse(R"({"id": 90, "ticketId": 2751, "kind": "event", "authorAgentId": 7,
        "authorCustomerId": null, "body": "Escalated to the group lead: Bruno", "createdAt": "2026-11-23T10:41:00.000Z",
        "data": {"escalation": {"kind": "hierarchical", "trigger": "manual", "rule": null, "fromGroupId": 3,
                                "toGroupId": null, "moved": false, "leads": [12, 13], "byAgentId": 7, "reason": "VIP"}}})"));
    QCOMPARE(a.id, 90);
    QCOMPARE(a.ticketId, 2751);
    QCOMPARE(a.kind, ArticleKind::SystemEvent);
    QCOMPARE(a.authorAgentId, 7);
    QCOMPARE(a.authorCustomerId, 0);
    QCOMPARE(a.body, QStringLiteral("Escalated to the group lead: Bruno"));
    QCOMPARE(a.createdAt, at("2026-11-23T10:41:00.000Z"));
    QVERIFY(!a.pending);
    QCOMPARE(a.data.kind, ArticleEvent::Kind::Escalation);
    const ArticleEvent::Escalation &e = a.data.escalation;
    QCOMPARE(e.kind, EscalationKind::Hierarchical);
    QCOMPARE(e.trigger, std::optional<EscalationTrigger>(EscalationTrigger::Manual));
    QVERIFY(!e.clock);
    QCOMPARE(e.ruleId, 0);
    QCOMPARE(e.fromGroupId, 3);
    QCOMPARE(e.toGroupId, 0);
    QVERIFY(!e.moved);
    QCOMPARE(e.leads, (QList<qint64> { 12, 13 }));
    QCOMPARE(e.byAgentId, 7);
    QCOMPARE(e.reason, QStringLiteral("VIP"));
}

void WireTypesTest::aServerChangeEventIsReadFieldByField()
{
    const Article a = Article::fromJson(
        parse(R"({"id": 91, "ticketId": 2751, "kind": "event", "authorAgentId": 7,
        "authorCustomerId": null, "body": "status: new → assigned", "createdAt": "2026-11-23T10:42:00.000Z",
        "data": {"changes": [{"field": "status", "from": "new", "to": "assigned"},
                             {"field": "groupId", "from": 3, "to": 9},
                             {"field": "kbArticleIds", "from": [8], "to": [8, 31]},
                             {"field": "mood", "from": "calm", "to": "stormy"}]}})"));
    QCOMPARE(a.data.kind, ArticleEvent::Kind::Changes);
    const QList<FieldChange> &c = a.data.changes;
    QCOMPARE(c.size(), 4);
    QCOMPARE(c[0].field, std::optional<TicketField>(TicketField::Status));
    QCOMPARE(c[0].from.text, QStringLiteral("new"));
    QCOMPARE(c[0].to.text, QStringLiteral("assigned"));
    QCOMPARE(c[1].field, std::optional<TicketField>(TicketField::Group));
    QCOMPARE(c[1].from.id(), 3);
    QCOMPARE(c[1].to.id(), 9);
    QCOMPARE(c[2].field, std::optional<TicketField>(TicketField::KbArticles));
    QCOMPARE(c[2].from.list, (QList<qint64> { 8 }));
    QCOMPARE(c[2].to.list, (QList<qint64> { 8, 31 }));
    // A field this console does not know keeps its name, to be shown as it came.
    QVERIFY(!c[3].field);
    QCOMPARE(c[3].fieldName, QStringLiteral("mood"));
    QCOMPARE(c[3].to.text, QStringLiteral("stormy"));
}

void WireTypesTest::anEventOfAShapeNotKnownIsUnknownAndWritesNoData()
{
    Article a = eventArticle(parse(R"({"merged": {"into": 12}})"));
    QCOMPARE(a.data.kind, ArticleEvent::Kind::Unknown);
    QVERIFY(a.data.isEvent());
    QVERIFY(!a.toJson().contains(QLatin1String("data")));
    a.kind = ArticleKind::PublicReply;
    a.data = ArticleEvent::fromJson({});
    QCOMPARE(a.data.kind, ArticleEvent::Kind::None);
    QVERIFY(!a.toJson().contains(QLatin1String("data")));
}

void WireTypesTest::theDirectorySurvivesItsJson()
{
    Customer c;
    c.id = 41;
    c.name = QStringLiteral("Núria Peña");
    c.email = QStringLiteral("nuria@globex.es");
    c.phone = QStringLiteral("+34 600 000 000");
    c.organisationId = 5;
    c.language = QStringLiteral("es");
    c.version = 3;
    QVERIFY(Customer::fromJson(c.toJson()) == c);

    Organisation o;
    o.id = 5;
    o.name = QStringLiteral("Globex Ibérica");
    o.domain = QStringLiteral("globex.es");
    o.version = 2;
    QVERIFY(Organisation::fromJson(o.toJson()) == o);

    Group g;
    g.id = 9;
    g.name = QStringLiteral("Redes");
    g.tier = 2;
    g.description = QStringLiteral("VPN, Wi-Fi, cortafuegos");
    g.version = 1;
    QVERIFY(Group::fromJson(g.toJson()) == g);

    Category k;
    k.id = 12;
    k.name = QStringLiteral("VPN");
    k.parentId = 10;
    k.version = 1;
    QVERIFY(Category::fromJson(k.toJson()) == k);

    Agent a;
    a.id = 7;
    a.login = QStringLiteral("ana");
    a.name = QStringLiteral("Ana López");
    a.email = QStringLiteral("ana@desk.example");
    a.role = Role::Lead;
    a.groupIds = { 3, 9 };
    a.active = false;
    a.version = 4;
    QVERIFY(Agent::fromJson(a.toJson()) == a);
}

void WireTypesTest::theLoggedInAgentIsReadFieldByField()
{
    // The agent of auth.login's result.
    const Agent a = Agent::fromJson(
        parse(R"({"id": 7, "login": "ana", "name": "Ana López", "email": "ana@desk.example",
        "role": "admin", "groupIds": [3, 9], "active": true, "version": 4})"));
    QCOMPARE(a.id, 7);
    QCOMPARE(a.login, QStringLiteral("ana"));
    QCOMPARE(a.name, QStringLiteral("Ana López"));
    QCOMPARE(a.email, QStringLiteral("ana@desk.example"));
    QCOMPARE(a.role, Role::Admin);
    QCOMPARE(a.groupIds, (QList<qint64> { 3, 9 }));
    QVERIFY(a.active);
    QCOMPARE(a.version, 4);
    // Before any log-in there is nobody.
    QCOMPARE(Agent::fromJson({}).id, 0);
}

void WireTypesTest::aNewTicketIsTicketsCreateParams()
{
    NewTicket t;
    t.type = TicketType::ServiceRequest;
    t.subject = QStringLiteral("Alta de usuario");
    t.description = QStringLiteral("Empieza el lunes");
    t.impact = Level::Low;
    t.urgency = Level::High;
    t.channel = Channel::Phone;
    t.categoryId = 12;
    t.groupId = 3;
    t.customerId = 41;
    t.assigneeId = 7;
    QCOMPARE(t.toJson(),
        parse(
            R"({"type": "service_request", "subject": "Alta de usuario", "description": "Empieza el lunes",
        "impact": "low", "urgency": "high", "channel": "phone", "categoryId": 12, "groupId": 3, "customerId": 41, "assigneeId": 7})"));
    QVERIFY(NewTicket::fromJson(t.toJson()) == t);
    // What is not given is not sent: the server's defaults apply.
    NewTicket bare;
    bare.subject = QStringLiteral("Pantalla azul");
    QCOMPARE(bare.toJson(),
        parse(
            R"({"type": "incident", "subject": "Pantalla azul", "impact": "medium", "urgency": "medium", "channel": "console"})"));
    QVERIFY(NewTicket::fromJson(bare.toJson()) == bare);
}

void WireTypesTest::anEscalationRequestIsTicketsEscalateParams()
{
    const EscalationRequest functional { EscalationKind::Functional, 9,
        QStringLiteral("  Needs the network team ") };
    QCOMPARE(functional.toJson(),
        parse(R"({"kind": "functional", "toGroupId": 9, "reason": "Needs the network team"})"));
    const EscalationRequest back = EscalationRequest::fromJson(functional.toJson());
    QCOMPARE(back.kind, EscalationKind::Functional);
    QCOMPARE(back.toGroupId, 9);
    QCOMPARE(back.reason, QStringLiteral("Needs the network team"));
    const EscalationRequest leads { EscalationKind::Hierarchical, 0, QString() };
    QCOMPARE(leads.toJson(), parse(R"({"kind": "hierarchical"})"));
    QVERIFY(EscalationRequest::fromJson(leads.toJson()) == leads);
}

QTEST_GUILESS_MAIN(WireTypesTest)
#include "tst_wiretypes.moc"
