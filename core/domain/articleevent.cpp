#include "articleevent.h"

#include "ids.h"
#include "timestamp.h"

#include "core/sla/slaclocks.h"

#include <QJsonArray>

namespace Atiende::Core {

namespace {

std::optional<SlaClockName> clockFromWire(const QString &s)
{
    if (s == QLatin1String("firstResponse"))
        return SlaClockName::FirstResponse;
    if (s == QLatin1String("resolution"))
        return SlaClockName::Resolution;
    return std::nullopt;
}

std::optional<EscalationTrigger> triggerFromWire(const QString &s)
{
    for (EscalationTrigger t : { EscalationTrigger::Manual, EscalationTrigger::Warning,
             EscalationTrigger::Breach, EscalationTrigger::P1 }) {
        if (s == wireName(t))
            return t;
    }
    return std::nullopt;
}

qint64 idOf(const QJsonObject &o, const QString &key)
{
    qint64 id = 0;
    return idFromJson(o.value(key), &id) ? id : 0;
}

} // namespace

QString wireName(SlaClockName v)
{
    return v == SlaClockName::FirstResponse ? QStringLiteral("firstResponse")
                                            : QStringLiteral("resolution");
}

QString wireName(EscalationTrigger v)
{
    switch (v) {
    case EscalationTrigger::Manual:
        return QStringLiteral("manual");
    case EscalationTrigger::Warning:
        return QStringLiteral("warning");
    case EscalationTrigger::Breach:
        return QStringLiteral("breach");
    case EscalationTrigger::P1:
        return QStringLiteral("p1");
    }
    return QString();
}

QJsonObject ArticleEvent::toJson() const
{
    switch (kind) {
    case Kind::None:
    case Kind::Unknown:
        return {};
    case Kind::Changes: {
        QJsonArray list;
        for (const FieldChange &c : changes)
            list.append(c.toJson());
        return { { QStringLiteral("changes"), list } };
    }
    case Kind::Sla: {
        QJsonObject o { { QStringLiteral("clock"), sla.clock ? wireName(*sla.clock) : QString() },
            { QStringLiteral("state"), SlaTimeline::wireName(sla.state) },
            { QStringLiteral("dueAt"), Timestamp::toJson(sla.dueAt) } };
        if (sla.percent > 0)
            o.insert(QStringLiteral("percent"), sla.percent);
        return { { QStringLiteral("sla"), o } };
    }
    case Kind::Escalation: {
        const Escalation &e = escalation;
        QJsonObject o { { QStringLiteral("kind"), wireName(e.kind) },
            { QStringLiteral("trigger"), e.trigger ? wireName(*e.trigger) : QString() },
            { QStringLiteral("rule"), idToJson(e.ruleId) },
            { QStringLiteral("fromGroupId"), idToJson(e.fromGroupId) },
            { QStringLiteral("toGroupId"), idToJson(e.toGroupId) },
            { QStringLiteral("moved"), e.moved } };
        if (e.clock)
            o.insert(QStringLiteral("clock"), wireName(*e.clock));
        if (e.kind == EscalationKind::Hierarchical)
            o.insert(QStringLiteral("leads"), idListToJson(e.leads));
        if (e.byAgentId)
            o.insert(QStringLiteral("byAgentId"), double(e.byAgentId));
        if (!e.reason.isEmpty())
            o.insert(QStringLiteral("reason"), e.reason);
        return { { QStringLiteral("escalation"), o } };
    }
    case Kind::Survey:
        return { { QStringLiteral("survey"),
            QJsonObject { { QStringLiteral("rating"),
                              goodRating ? QStringLiteral("good") : QStringLiteral("bad") },
                { QStringLiteral("comment"), comment } } } };
    case Kind::Reopened: {
        QJsonObject o { { QStringLiteral("reason"), reopenReason } };
        if (reopenCause == ReopenCause::BadRating)
            o.insert(QStringLiteral("cause"), QStringLiteral("badRating"));
        else if (reopenCause == ReopenCause::CustomerReplied)
            o.insert(QStringLiteral("cause"), QStringLiteral("customerReplied"));
        return { { QStringLiteral("reopened"), o } };
    }
    case Kind::AutoClosed:
        return { { QStringLiteral("autoClosed"),
            QJsonObject { { QStringLiteral("afterHours"), afterHours } } } };
    case Kind::HandedBack:
        return { { QStringLiteral("event"), QStringLiteral("handedBack") },
            { QStringLiteral("agentId"), idToJson(agentId) },
            { QStringLiteral("groupId"), idToJson(groupId) } };
    case Kind::Moved:
        return { { QStringLiteral("event"), QStringLiteral("articleMoved") },
            { QStringLiteral("articleId"), idToJson(move.articleId) },
            { QStringLiteral("fromTicketId"), idToJson(move.fromTicketId) },
            { QStringLiteral("fromNumber"), move.fromNumber },
            { QStringLiteral("toTicketId"), idToJson(move.toTicketId) },
            { QStringLiteral("toNumber"), move.toNumber } };
    }
    return {};
}

ArticleEvent ArticleEvent::fromJson(const QJsonObject &o)
{
    ArticleEvent e;
    if (o.isEmpty())
        return e;
    e.kind = Kind::Unknown;
    if (o.contains(QLatin1String("changes"))) {
        e.kind = Kind::Changes;
        for (const QJsonValue &v : o.value(QStringLiteral("changes")).toArray())
            e.changes.append(FieldChange::fromJson(v.toObject()));
    } else if (o.contains(QLatin1String("sla"))) {
        const QJsonObject s = o.value(QStringLiteral("sla")).toObject();
        e.kind = Kind::Sla;
        e.sla.clock = clockFromWire(s.value(QStringLiteral("clock")).toString());
        e.sla.state = slaStateFromWireName(s.value(QStringLiteral("state")).toString());
        e.sla.dueAt = qMax<qint64>(0, Timestamp::fromJson(s.value(QStringLiteral("dueAt"))));
        e.sla.percent = s.value(QStringLiteral("percent")).toInt();
    } else if (o.contains(QLatin1String("escalation"))) {
        const QJsonObject s = o.value(QStringLiteral("escalation")).toObject();
        e.kind = Kind::Escalation;
        Escalation &x = e.escalation;
        x.kind = fromString<EscalationKind>(s.value(QStringLiteral("kind")).toString())
                     .value_or(EscalationKind::Functional);
        x.trigger = triggerFromWire(s.value(QStringLiteral("trigger")).toString());
        x.clock = clockFromWire(s.value(QStringLiteral("clock")).toString());
        x.ruleId = idOf(s, QStringLiteral("rule"));
        x.fromGroupId = idOf(s, QStringLiteral("fromGroupId"));
        x.toGroupId = idOf(s, QStringLiteral("toGroupId"));
        x.moved = s.value(QStringLiteral("moved")).toBool();
        for (const QJsonValue &v : s.value(QStringLiteral("leads")).toArray())
            x.leads.append(qint64(v.toDouble()));
        x.byAgentId = idOf(s, QStringLiteral("byAgentId"));
        x.reason = s.value(QStringLiteral("reason")).toString();
    } else if (o.contains(QLatin1String("survey"))) {
        const QJsonObject s = o.value(QStringLiteral("survey")).toObject();
        e.kind = Kind::Survey;
        e.goodRating = s.value(QStringLiteral("rating")).toString() == QLatin1String("good");
        e.comment = s.value(QStringLiteral("comment")).toString();
    } else if (o.contains(QLatin1String("reopened"))) {
        const QJsonObject s = o.value(QStringLiteral("reopened")).toObject();
        e.kind = Kind::Reopened;
        const QString cause = s.value(QStringLiteral("cause")).toString();
        e.reopenCause = cause == QLatin1String("badRating") ? ReopenCause::BadRating
            : cause == QLatin1String("customerReplied")     ? ReopenCause::CustomerReplied
                                                            : ReopenCause::Unknown;
        e.reopenReason = s.value(QStringLiteral("reason")).toString();
    } else if (o.contains(QLatin1String("autoClosed"))) {
        e.kind = Kind::AutoClosed;
        e.afterHours = o.value(QStringLiteral("autoClosed"))
                           .toObject()
                           .value(QStringLiteral("afterHours"))
                           .toInt();
    } else if (o.value(QStringLiteral("event")).toString() == QLatin1String("handedBack")) {
        e.kind = Kind::HandedBack;
        e.agentId = idOf(o, QStringLiteral("agentId"));
        e.groupId = idOf(o, QStringLiteral("groupId"));
    } else if (o.value(QStringLiteral("event")).toString() == QLatin1String("articleMoved")) {
        e.kind = Kind::Moved;
        e.move.articleId = idOf(o, QStringLiteral("articleId"));
        e.move.fromTicketId = idOf(o, QStringLiteral("fromTicketId"));
        e.move.fromNumber = o.value(QStringLiteral("fromNumber")).toString();
        e.move.toTicketId = idOf(o, QStringLiteral("toTicketId"));
        e.move.toNumber = o.value(QStringLiteral("toNumber")).toString();
    }
    return e;
}

bool ArticleEvent::operator==(const ArticleEvent &o) const
{
    return kind == o.kind && changes == o.changes && sla == o.sla && escalation == o.escalation
        && goodRating == o.goodRating && comment == o.comment && reopenCause == o.reopenCause
        && reopenReason == o.reopenReason && afterHours == o.afterHours && agentId == o.agentId
        && groupId == o.groupId && move == o.move;
}

} // namespace Atiende::Core
