#include "registry.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Atiende::Core::Protocol {

namespace {

using Kind = MessageSpec::Kind;
using Caller = MessageSpec::Caller;
using OpId = MessageSpec::OpId;

QList<FieldSpec> fields(std::initializer_list<const char *> specs)
{
    QList<FieldSpec> out;
    out.reserve(qsizetype(specs.size()));
    for (const char *s : specs)
        out.append(FieldSpec::parse(QString::fromLatin1(s)));
    return out;
}

MessageSpec method(const char *name, Caller caller, OpId opId,
    std::initializer_list<const char *> params, std::initializer_list<const char *> result)
{
    return MessageSpec { QString::fromLatin1(name), Kind::Method, caller, opId, fields(params),
        fields(result) };
}

MessageSpec notification(const char *name, std::initializer_list<const char *> params)
{
    return MessageSpec { QString::fromLatin1(name), Kind::Notification, Caller::Any, OpId::None,
        fields(params), {} };
}

// Entity and record shapes, as docs/protocol.md describes them ("Data types" and the methods).
const QHash<QString, QList<FieldSpec>> &shapes()
{
    static const QHash<QString, QList<FieldSpec>> table {
        { QStringLiteral("Ticket"),
            fields({ "id:id", "number:string", "type:string", "subject:string", "status:string",
                "impact:string", "urgency:string", "priority:string", "channel:string",
                "categoryId:id|null", "groupId:id", "assigneeId:id|null", "customerId:id|null",
                "organisationId:id|null", "createdBy:id|null", "createdAt:instant",
                "updatedAt:instant", "firstResponseAt:instant|null", "resolvedAt:instant|null",
                "closedAt:instant|null", "reopenCount:int", "agentReplies:int", "version:int",
                "sla:object|null", "kbArticleIds:id[]", "cc:string[]" }) },
        { QStringLiteral("Article"),
            fields({ "id:id", "ticketId:id", "kind:string", "authorAgentId:id|null",
                "authorCustomerId:id|null", "body:string", "createdAt:instant", "data?:object",
                "attachments?:Attachment[]", "mail?:ArticleMail" }) },
        { QStringLiteral("ArticleMail"),
            fields({ "direction:string", "from:string", "to:string[]", "cc:string[]",
                "subject:string", "threadedBy?:string", "automatic?:string", "note?:string",
                "hasQuoted?:bool", "hasHtml?:bool", "state?:string", "error?:string",
                "attempts?:int", "sentAt?:instant|null" }) },
        { QStringLiteral("Attachment"),
            fields({ "sha256:string", "name:string", "size:int", "mediaType:string" }) },
        { QStringLiteral("FileLimits"),
            fields({ "fileBytes:int", "filesPerMessage:int", "messageBytes:int" }) },
        { QStringLiteral("Customer"),
            fields({ "id:id", "name:string", "email:string", "phone:string",
                "organisationId:id|null", "language:string", "version:int" }) },
        { QStringLiteral("Organisation"),
            fields({ "id:id", "name:string", "domain:string", "version:int" }) },
        { QStringLiteral("Agent"),
            fields({ "id:id", "login:string", "name:string", "email:string", "role:string",
                "groupIds:id[]", "active:bool", "version:int" }) },
        { QStringLiteral("Group"),
            fields({ "id:id", "name:string", "tier:int", "description:string", "version:int" }) },
        { QStringLiteral("Category"),
            fields({ "id:id", "name:string", "parentId:id|null", "version:int" }) },
        { QStringLiteral("KbArticle"),
            fields({ "id:id", "title:string", "body:string", "categoryId:id|null",
                "audience:string", "keywords:string[]", "language:string", "authorId:id|null",
                "createdAt:instant", "updatedAt:instant", "version:int" }) },
        { QStringLiteral("CannedResponse"),
            fields({ "id:id", "title:string", "body:string", "groupId:id|null", "language:string",
                "keywords:string", "active:bool", "version:int", "createdAt:instant",
                "updatedAt:instant" }) },
        { QStringLiteral("Change"),
            fields({ "rev:int", "entity:string", "id:id", "op:string", "data?:object" }) },
        { QStringLiteral("Conflict"),
            fields({ "field:string", "yours:any", "theirs:any", "changedInVersion:int" }) },
        { QStringLiteral("Session"),
            fields({ "id:id", "agentId:id", "createdAt:instant", "expiresAt:instant",
                "lastSeenAt:instant|null", "address:string", "client:string", "current:bool" }) },
        { QStringLiteral("Viewer"), fields({ "agentId:id", "name:string", "typing:bool" }) },
        { QStringLiteral("TicketViewers"), fields({ "ticketId:id", "viewers:Viewer[]" }) },
        { QStringLiteral("KbHit"),
            fields({ "id:id", "title:string", "snippet:string", "score:number", "audience:string",
                "categoryId:id|null", "language:string", "updatedAt:instant" }) },
        { QStringLiteral("TicketSummary"),
            fields({ "id:id", "number:string", "type:string", "subject:string", "status:string",
                "priority:string", "groupId:id", "customerId:id|null", "createdAt:instant",
                "resolvedAt:instant|null", "visible:bool" }) },
        { QStringLiteral("Calendar"),
            fields({ "id:id", "name:string", "timeZone:string", "week:object", "holidays:string[]",
                "version?:int" }) },
        { QStringLiteral("Policy"),
            fields({ "id:id", "name:string", "calendarId:id|null", "order:int", "warnPercent:int",
                "categoryIds:id[]", "organisationIds:id[]", "targets:object", "version:int" }) },
        { QStringLiteral("RoutingRule"),
            fields({ "id:id", "name:string", "order:int", "channels:string[]", "categoryIds:id[]",
                "organisationIds:id[]", "priorities:string[]", "keywords:string[]", "groupId:id",
                "active:bool", "version:int" }) },
        { QStringLiteral("EscalationRule"),
            fields({ "id:id", "name:string", "on:string", "clock:string|null", "groupIds:id[]",
                "kind:string", "toGroupId:id|null", "active:bool", "version:int" }) },
        { QStringLiteral("Escalation"),
            fields({ "kind:string", "trigger:string", "clock?:string|null", "rule:id|null",
                "fromGroupId:id", "toGroupId:id|null", "moved:bool", "leads?:id[]",
                "byAgentId?:id|null", "reason?:string" }) },
        { QStringLiteral("Survey"),
            fields({ "id:id", "createdAt:instant", "closeAt:instant", "expiresAt:instant",
                "rating:string|null", "comment:string|null", "answeredAt:instant|null" }) },
        { QStringLiteral("PeriodFigures"),
            fields({ "created:int", "resolved:int", "firstResponse:object", "resolution:object",
                "firstContactResolution:object", "reopened:object", "csat:object" }) },
        { QStringLiteral("DayFigures"),
            fields({ "date:string", "created:int", "resolved:int", "firstResponse:object",
                "resolution:object", "firstContactResolution:object", "reopened:object",
                "csat:object" }) },
        { QStringLiteral("Dashboard"),
            fields({ "period:string", "groupIds:id[]", "timeZone:string", "asOf:instant",
                "from:instant", "to:instant", "previousFrom:instant", "previousTo:instant",
                "current:PeriodFigures", "previous:PeriodFigures", "series:object",
                "backlog:object", "slaNow:object", "atRisk:object[]", "atRiskTotal:int",
                "categories:object[]", "slowestCategories:object[]", "topCustomers:object[]",
                "topOrganisations:object[]", "agents:object[]" }) },
    };
    return table;
}

// The whole protocol: docs/protocol.md, "Methods" and "Notifications", and the server's method
// table (server/rpc). Params list what the document names; results what every answer carries.
const QList<MessageSpec> &table()
{
    static const QList<MessageSpec> all {
        method("hello", Caller::BeforeSignIn, OpId::None, { "protocol:int", "client?:string" },
            { "protocol:int", "server:string", "serverTime:instant", "revision:int",
                "maxFrameBytes:int", "maxFrameBytesBeforeLogin:int", "maxPageSize:int",
                "maxPageBytes:int", "heartbeatMs:int", "loginTimeoutMs:int",
                "fileLimits:FileLimits" }),
        method("auth.login", Caller::BeforeSignIn, OpId::None,
            { "user:string", "password:string", "device?:string" },
            { "token:string", "expiresAt:instant", "agent:Agent", "sessionId:id",
                "device:string" }),
        method("auth.resume", Caller::BeforeSignIn, OpId::None, { "token:string" },
            { "expiresAt:instant", "agent:Agent", "sessionId:id" }),
        method("auth.logout", Caller::Any, OpId::None, {}, {}),
        method("auth.local", Caller::BeforeSignIn, OpId::None, { "token:string" },
            { "role:string", "local:bool" }),
        method("sessions.list", Caller::Any, OpId::None, { "agentId?:id", "login?:string" },
            { "sessions:Session[]" }),
        method("sessions.revoke", Caller::Any, OpId::None,
            { "id?:id", "agentId?:id", "login?:string" },
            { "endedSessions:id[]", "endReason:string" }),
        method("agents.password.set", Caller::Admin, OpId::None,
            { "agentId?:id", "login?:string", "password:string" },
            { "agent:Agent", "endedSessions:id[]", "endReason:string" }),
        method("agents.active.set", Caller::Admin, OpId::None,
            { "agentId?:id", "login?:string", "active:bool" },
            { "agent:Agent", "endedSessions:id[]", "endReason:string" }),
        method("tickets.query", Caller::Any, OpId::None,
            { "groupId?:id|id[]", "status?:string|string[]", "assigneeId?:id|null",
                "priority?:string|string[]", "customerId?:id", "organisationId?:id",
                "openOnly?:bool", "text?:string", "sort?:string", "order?:string", "offset?:int",
                "limit?:int" },
            { "tickets:Ticket[]", "total:int", "offset:int" }),
        method("tickets.get", Caller::Any, OpId::None, { "id?:id", "number?:string" },
            { "ticket:Ticket", "articles:Article[]", "rev:int" }),
        method("tickets.create", Caller::Any, OpId::Optional,
            { "type:string", "subject:string", "description?:string", "impact?:string",
                "urgency?:string", "channel?:string", "categoryId?:id|null", "groupId?:id",
                "customerId?:id|null", "assigneeId?:id|null", "attachments?:string[]",
                "opId?:string" },
            { "ticket:Ticket", "articles:Article[]" }),
        method("tickets.update", Caller::Any, OpId::Required,
            { "id:id", "baseVersion:int", "opId:string", "fields:object" },
            { "ticket:Ticket", "conflicts:Conflict[]" }),
        method("files.upload", Caller::Any, OpId::None,
            { "uploadId:string", "name:string", "size:int", "sha256:string" },
            { "uploadId:string", "name:string", "size:int", "received:int", "complete:bool",
                "chunkBytes:int", "window:int", "file?:Attachment" }),
        method("files.upload.chunk", Caller::Any, OpId::None,
            { "uploadId:string", "offset:int", "data?:string" },
            { "received:int", "complete:bool", "uploadId?:string", "name?:string", "size?:int",
                "chunkBytes?:int", "window?:int", "file?:Attachment" }),
        method("files.read", Caller::Any, OpId::None,
            { "sha256:string", "offset?:int", "length?:int", "binary?:bool" },
            { "sha256:string", "size:int", "mediaType:string", "offset:int", "data?:string",
                "eof:bool" }),
        method("tickets.addArticle", Caller::Any, OpId::Optional,
            { "ticketId:id", "kind:string", "body:string", "attachments?:string[]",
                "opId?:string" },
            { "article:Article", "ticket:Ticket" }),
        method("customers.history", Caller::Any, OpId::None, { "customerId:id", "limit?:int" },
            { "customerId:id", "organisationId:id|null", "tickets:TicketSummary[]",
                "openTickets:int", "organisationTickets:TicketSummary[]",
                "organisationOpenTickets:int" }),
        method("customers.create", Caller::Any, OpId::Optional,
            { "name:string", "email?:string", "phone?:string", "organisationId?:id|null",
                "language?:string", "opId?:string" },
            { "customer:Customer" }),
        method("kb.search", Caller::Any, OpId::None,
            { "text:string", "publicOnly?:bool", "offset?:int", "limit?:int" },
            { "results:KbHit[]", "offset:int" }),
        method("kb.get", Caller::Any, OpId::None, { "id:id" }, { "article:KbArticle" }),
        method("sync.pull", Caller::Any, OpId::None,
            { "since:int", "limit?:int", "cursor?:string" },
            { "changes:Change[]", "revision:int", "serverRevision:int", "more:bool",
                "cursor?:string" }),
        method("directory.get", Caller::Any, OpId::None, {},
            { "groups:Group[]", "agents:Agent[]", "categories:Category[]",
                "priorityMatrix:object" }),
        method("sla.calendars.list", Caller::Any, OpId::None, {}, { "calendars:Calendar[]" }),
        method("sla.policies.list", Caller::Any, OpId::None, {}, { "policies:Policy[]" }),
        method("sla.calendars.save", Caller::Admin, OpId::None,
            { "calendar?:object", "calendars?:object[]" },
            { "calendar?:Calendar", "calendars?:Calendar[]", "recomputed:int" }),
        method("sla.policies.save", Caller::Admin, OpId::None,
            { "policy?:object", "policies?:object[]" },
            { "policy?:Policy", "policies?:Policy[]", "recomputed:int" }),
        method("sla.config.save", Caller::Admin, OpId::None,
            { "calendars?:object[]", "policies?:object[]" },
            { "calendars:Calendar[]", "policies:Policy[]", "recomputed:int" }),
        method("canned.list", Caller::Any, OpId::None,
            { "groupId?:id", "text?:string", "manageable?:bool" },
            { "responses:CannedResponse[]" }),
        method("canned.save", Caller::Lead, OpId::None,
            { "response?:object", "responses?:object[]" },
            { "response?:CannedResponse", "responses?:CannedResponse[]" }),
        method("canned.delete", Caller::Lead, OpId::None, { "id:id" }, { "id:id" }),
        method("canned.render", Caller::Any, OpId::None, { "id:id", "ticketId:id" },
            { "body:string", "unknown:string[]", "missing:string[]" }),
        method("routing.rules.list", Caller::Any, OpId::None, {}, { "rules:RoutingRule[]" }),
        method("routing.rules.save", Caller::Admin, OpId::None,
            { "rule?:object", "rules?:object[]" }, { "rule?:RoutingRule", "rules?:RoutingRule[]" }),
        method("groups.assignment.set", Caller::Admin, OpId::None,
            { "groupId:id", "assignment:string" }, { "groupId:id", "assignment:string" }),
        method("agents.skills.set", Caller::Admin, OpId::None, { "agentId:id", "skills:string[]" },
            { "agentId:id", "skills:string[]" }),
        method("presence.set", Caller::Any, OpId::None, { "presence:string" },
            { "agentId:id", "presence:string" }),
        method("presence.viewing", Caller::Any, OpId::None, { "ticketId:id|null" },
            { "ticketId:id|null", "viewers:Viewer[]" }),
        method("presence.typing", Caller::Any, OpId::None, { "ticketId:id", "typing:bool" },
            { "ticketId:id|null", "viewers:Viewer[]" }),
        method("presence.list", Caller::Any, OpId::None, {}, { "tickets:TicketViewers[]" }),
        method("surveys.answer", Caller::BeforeSignIn, OpId::None,
            { "token:string", "rating:string", "comment?:string" },
            { "ticket:string", "rating:string", "reopened:bool" }),
        method("surveys.get", Caller::Any, OpId::None, { "ticketId:id" },
            { "ticketId:id", "surveys:Survey[]" }),
        method("settings.satisfaction", Caller::Admin, OpId::None, { "reopenWindowHours?:int" },
            { "reopenWindowHours:int" }),
        method("settings.timeZone", Caller::Admin, OpId::None, { "zone?:string" },
            { "zone:string", "source:string" }),
        method("mail.accounts.save", Caller::Admin, OpId::None,
            { "name:string", "address?:string", "displayName?:string", "group?:string",
                "groupId?:id", "enabled?:bool", "imap?:object", "smtp?:object" },
            { "account:object", "created:bool" }),
        method("mail.accounts.list", Caller::Admin, OpId::None, {}, { "accounts:object[]" }),
        method("mail.message", Caller::Any, OpId::None, { "articleId:id" },
            { "articleId:id", "messageId:string", "subject:string", "quoted:string", "html:string",
                "rawSize:int" }),
        method("mail.retry", Caller::Any, OpId::Optional, { "articleId:id", "opId?:string" },
            { "article:Article" }),
        method("articles.move", Caller::Any, OpId::Required,
            { "articleId:id", "toTicketId?:id", "opId:string" },
            { "article:Article", "from:Ticket", "to:Ticket" }),
        method("escalation.rules.list", Caller::Any, OpId::None, {}, { "rules:EscalationRule[]" }),
        method("escalation.rules.save", Caller::Admin, OpId::None,
            { "rule?:object", "rules?:object[]" },
            { "rule?:EscalationRule", "rules?:EscalationRule[]" }),
        method("tickets.escalate", Caller::Any, OpId::Optional,
            { "id:id", "kind:string", "toGroupId?:id|null", "reason?:string", "opId?:string" },
            { "escalation:Escalation", "article:Article", "ticket:Ticket" }),
        method("groups.members.set", Caller::Admin, OpId::None, { "groupId:id", "agentIds:id[]" },
            { "groupId:id", "agentIds:id[]", "handedBack:id[]" }),
        method("dashboard.subscribe", Caller::Lead, OpId::None,
            { "groupIds?:id|id[]", "period?:string" },
            { "period:string", "groupIds:id[]", "timeZone:string", "asOf:instant", "from:instant",
                "to:instant", "previousFrom:instant", "previousTo:instant", "current:PeriodFigures",
                "previous:PeriodFigures", "series:object", "backlog:object", "slaNow:object",
                "atRisk:object[]", "atRiskTotal:int", "categories:object[]",
                "slowestCategories:object[]", "topCustomers:object[]", "topOrganisations:object[]",
                "agents:object[]" }),
        method("dashboard.unsubscribe", Caller::Any, OpId::None, {},
            {}), // nothing to end is fine, for anyone
        method("reports.get", Caller::Lead, OpId::None,
            { "from:string", "to:string", "groupIds?:id|id[]" },
            { "from:string", "to:string", "timeZone:string", "groupIds:id[]", "generatedAt:instant",
                "days:DayFigures[]", "totals:PeriodFigures", "categories:object[]",
                "slowestCategories:object[]", "topCustomers:object[]",
                "topOrganisations:object[]" }),

        notification("sync.changed", { "revision:int", "changes:Change[]" }),
        notification("presence.changed", { "ticketId:id", "viewers:Viewer[]" }),
        notification("canned.changed", {}),
        notification("auth.ended", { "reason:string", "message:string" }),
        notification("dashboard.changed",
            { "period:string", "groupIds:id[]", "timeZone:string", "asOf:instant", "from:instant",
                "to:instant", "previousFrom:instant", "previousTo:instant", "current:PeriodFigures",
                "previous:PeriodFigures", "series:object", "backlog:object", "slaNow:object",
                "atRisk:object[]", "atRiskTotal:int", "categories:object[]",
                "slowestCategories:object[]", "topCustomers:object[]", "topOrganisations:object[]",
                "agents:object[]" }),
        notification("dashboard.ended", { "message:string" }),
    };
    return all;
}

bool isInstant(const QJsonValue &v)
{
    static const QRegularExpression re(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$"));
    return v.isString() && re.match(v.toString()).hasMatch()
        && QDateTime::fromString(v.toString(), Qt::ISODateWithMs).isValid();
}

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d == double(qint64(d)) && qAbs(d) < 9007199254740992.0; // below 2^53
}

} // namespace

FieldSpec FieldSpec::parse(const QString &spec)
{
    FieldSpec f;
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    f.name = spec.left(colon);
    if (f.name.endsWith(QLatin1Char('?'))) {
        f.required = false;
        f.name.chop(1);
    }
    f.types = spec.mid(colon + 1).split(QLatin1Char('|'));
    return f;
}

const QList<MessageSpec> &Registry::all()
{
    return table();
}

const MessageSpec *Registry::find(const QString &name)
{
    for (const MessageSpec &m : table()) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

QStringList Registry::methodNames()
{
    QStringList out;
    for (const MessageSpec &m : table()) {
        if (m.kind == Kind::Method)
            out.append(m.name);
    }
    return out;
}

QStringList Registry::notificationNames()
{
    QStringList out;
    for (const MessageSpec &m : table()) {
        if (m.kind == Kind::Notification)
            out.append(m.name);
    }
    return out;
}

const QList<FieldSpec> &Registry::shape(const QString &name)
{
    static const QList<FieldSpec> none;
    const auto it = shapes().constFind(name);
    return it == shapes().constEnd() ? none : *it;
}

QStringList Registry::shapeNames()
{
    QStringList names = shapes().keys();
    names.sort();
    return names;
}

QString Registry::callerName(MessageSpec::Caller caller)
{
    switch (caller) {
    case Caller::BeforeSignIn:
        return QStringLiteral("before sign-in");
    case Caller::Any:
        return QStringLiteral("any");
    case Caller::Lead:
        return QStringLiteral("lead");
    case Caller::Admin:
        return QStringLiteral("admin");
    }
    return QString();
}

QStringList Registry::checkValue(
    const QStringList &types, const QJsonValue &value, bool strict, const QString &where)
{
    QStringList firstShapeProblems; // what was wrong against the first shape tried, to report
    for (const QString &type : types) {
        if (type.endsWith(QLatin1String("[]"))) {
            if (!value.isArray())
                continue;
            const QStringList element { type.chopped(2) };
            QStringList problems;
            const QJsonArray array = value.toArray();
            for (qsizetype i = 0; i < array.size(); ++i)
                problems += checkValue(
                    element, array.at(i), strict, QStringLiteral("%1[%2]").arg(where).arg(i));
            if (problems.isEmpty())
                return {};
            if (firstShapeProblems.isEmpty())
                firstShapeProblems = problems;
            continue;
        }
        if (type == QLatin1String("any"))
            return {};
        if (type == QLatin1String("null") && value.isNull())
            return {};
        if (type == QLatin1String("bool") && value.isBool())
            return {};
        if (type == QLatin1String("string") && value.isString())
            return {};
        if (type == QLatin1String("number") && value.isDouble())
            return {};
        if (type == QLatin1String("int") && isInteger(value))
            return {};
        if (type == QLatin1String("id") && isInteger(value) && value.toDouble() > 0)
            return {};
        if (type == QLatin1String("instant") && isInstant(value))
            return {};
        if (type == QLatin1String("object") && value.isObject())
            return {};
        if (type == QLatin1String("array") && value.isArray())
            return {};
        if (!type.isEmpty() && type.at(0).isUpper() && value.isObject()) {
            const QStringList problems = check(shape(type), value.toObject(), strict, where);
            if (problems.isEmpty())
                return {};
            if (firstShapeProblems.isEmpty())
                firstShapeProblems = problems;
        }
    }
    if (!firstShapeProblems.isEmpty())
        return firstShapeProblems;
    const QByteArray shown = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return { QStringLiteral("%1: %2 is not %3")
                 .arg(where, QString::fromUtf8(shown.mid(1, shown.size() - 2).left(60)),
                     types.join(QLatin1Char('|'))) };
}

QStringList Registry::check(
    const QList<FieldSpec> &specs, const QJsonObject &object, bool strict, const QString &where)
{
    const QString prefix = where.isEmpty() ? QString() : where + QLatin1Char('.');
    QStringList problems;
    QStringList known;
    for (const FieldSpec &f : specs) {
        known.append(f.name);
        if (!object.contains(f.name)) {
            if (f.required)
                problems.append(QStringLiteral("%1%2: missing").arg(prefix, f.name));
            continue;
        }
        problems += checkValue(f.types, object.value(f.name), strict, prefix + f.name);
    }
    if (strict) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!known.contains(it.key()))
                problems.append(
                    QStringLiteral("%1%2: not in the description").arg(prefix, it.key()));
        }
    }
    return problems;
}

} // namespace Atiende::Core::Protocol
