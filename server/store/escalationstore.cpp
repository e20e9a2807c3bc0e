#include "escalationstore.h"

#include "server/logging.h"

#include "sqlcontext.h"
#include "syncstore.h"
#include "ticketstore.h"

#include "core/domain/ids.h"
#include "core/domain/ticketlifecycle.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

EscalationStore::EscalationStore(SqlContext &ctx, SyncStore &sync, TicketStore &tickets)
    : m_ctx(ctx)
    , m_sync(sync)
    , m_tickets(tickets)
{
}

bool EscalationStore::load()
{
    QList<EscalationRule> rules;
    bool ok = true;
    if (QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT id, definition, version FROM escalation_rules ORDER BY id"))) {
        while (q->next()) {
            QJsonObject o = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            o.insert(QStringLiteral("id"), double(q->value(0).toLongLong()));
            o.insert(QStringLiteral("version"), q->value(2).toInt());
            if (const auto rule = EscalationRule::fromJson(o))
                rules << *rule;
            else
                ok = false;
        }
        q->finish();
    }
    m_rules = rules;
    return ok;
}

OpResult EscalationStore::rules()
{
    load(); // as they are in the table now: a reader's copy may be older than the last save
    QJsonArray list;
    for (const EscalationRule &r : std::as_const(m_rules))
        list.append(r.toJson());
    return OpResult::success(QJsonObject { { QStringLiteral("rules"), list } });
}

OpResult EscalationStore::saveRule(const Caller &caller, const QJsonObject &definition)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins change escalation rules."));
    QString error;
    auto rule = EscalationRule::fromJson(definition, &error);
    if (!rule)
        return OpResult::failure(ErrorCode::ValidationFailed, error,
            { { QStringLiteral("field"), QStringLiteral("rule") } });
    QList<qint64> groups = rule->groupIds;
    if (rule->toGroupId)
        groups << rule->toGroupId;
    for (qint64 g : std::as_const(groups)) {
        if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM groups_ WHERE id = ?"), { g }).isValid())
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("There is no group with id %1.").arg(g),
                { { QStringLiteral("field"),
                    g == rule->toGroupId ? QStringLiteral("toGroupId")
                                         : QStringLiteral("groupIds") } });
    }
    QJsonObject stored = rule->toJson();
    stored.remove(QStringLiteral("id"));
    stored.remove(QStringLiteral("version"));
    const QString text = QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
    if (rule->id) {
        if (!m_ctx
                 .scalar(
                     QStringLiteral("SELECT 1 FROM escalation_rules WHERE id = ?"), { rule->id })
                 .isValid())
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no escalation rule with id %1.").arg(rule->id));
        if (!m_ctx.exec(QStringLiteral("UPDATE escalation_rules SET definition = ?, version = "
                                       "version + 1 WHERE id = ?"),
                { text, rule->id }))
            return OpResult::failure(ErrorCode::InternalError);
    } else {
        rule->id = m_ctx.insert(
            QStringLiteral("INSERT INTO escalation_rules (definition) VALUES (?) RETURNING id"),
            { text });
        if (!rule->id)
            return OpResult::failure(ErrorCode::InternalError);
    }
    if (!load())
        return OpResult::failure(ErrorCode::InternalError,
            QStringLiteral("The escalation rules could not be read back."));
    for (const EscalationRule &r : std::as_const(m_rules)) {
        if (r.id == rule->id)
            return OpResult::success(QJsonObject { { QStringLiteral("rule"), r.toJson() } });
    }
    return OpResult::failure(ErrorCode::InternalError);
}

QString EscalationStore::groupName(qint64 groupId)
{
    return m_ctx.scalar(QStringLiteral("SELECT name FROM groups_ WHERE id = ?"), { groupId })
        .toString();
}

OpResult EscalationStore::apply(
    qint64 ticketId, const QString &trigger, const QString &clock, qint64 now)
{
    const std::optional<Ticket> t = m_tickets.ticket(ticketId);
    OpResult out = OpResult::success(QJsonObject { { QStringLiteral("escalated"), 0 } });
    if (!t || !TicketLifecycle::isOpen(t->status))
        return out;
    // The server acts on its own: no agent, allowed everywhere.
    const Caller desk { 0, Role::Admin, {} };
    int escalated = 0;
    for (const EscalationRule &rule :
        EscalationRule::matching(m_rules, trigger, clock, t->groupId)) {
        const QVariantList key { ticketId, rule.id, trigger, clock };
        if (m_ctx
                .scalar(QStringLiteral("SELECT 1 FROM escalations_done WHERE ticket_id = ? AND "
                                       "rule_id = ? AND on_event = ? AND clock = ?"),
                    key)
                .isValid())
            continue;
        OpResult r = perform(desk, ticketId, rule.kind, rule.toGroupId,
            Cause { trigger, clock, rule.id, rule.name, QString() }, now);
        if (!r.ok)
            return r;
        if (!m_ctx.exec(QStringLiteral("INSERT INTO escalations_done (ticket_id, rule_id, "
                                       "on_event, clock, done_at) VALUES (?, ?, ?, ?, ?)"),
                key + QVariantList { now }))
            return OpResult::failure(ErrorCode::InternalError);
        out.changes += r.changes;
        ++escalated;
    }
    if (escalated) {
        const std::optional<Ticket> after = m_tickets.ticket(ticketId);
        out.result = QJsonObject { { QStringLiteral("escalated"), escalated },
            { QStringLiteral("ticket"), after ? after->toJson() : QJsonObject() } };
    }
    return out;
}

OpResult EscalationStore::escalate(const Caller &caller, qint64 ticketId, const QString &kind,
    qint64 toGroupId, const QString &reason, qint64 now)
{
    const std::optional<Ticket> t = m_tickets.ticket(ticketId);
    if (!t)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    if (!caller.canSeeTicket(t->groupId, t->assigneeId))
        return OpResult::failure(ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(t->number));
    if (!TicketLifecycle::isOpen(t->status))
        return OpResult::failure(
            ErrorCode::ValidationFailed, QStringLiteral("%1 is no longer open.").arg(t->number));
    if (kind != QLatin1String("functional") && kind != QLatin1String("hierarchical"))
        return OpResult::failure(ErrorCode::InvalidParams,
            QStringLiteral("\"kind\" must be functional or hierarchical."));
    if (kind == QLatin1String("hierarchical") && toGroupId)
        return OpResult::failure(ErrorCode::InvalidParams,
            QStringLiteral("A hierarchical escalation has no target group."));
    if (toGroupId
        && !m_ctx.scalar(QStringLiteral("SELECT 1 FROM groups_ WHERE id = ?"), { toGroupId })
                .isValid())
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("There is no group with id %1.").arg(toGroupId),
            { { QStringLiteral("field"), QStringLiteral("toGroupId") } });
    if (toGroupId == t->groupId)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("%1 is already in that group.").arg(t->number),
            { { QStringLiteral("field"), QStringLiteral("toGroupId") } });
    OpResult r = perform(caller, ticketId, kind, toGroupId,
        Cause { QStringLiteral("manual"), QString(), 0, QString(), reason.trimmed() }, now);
    if (!r.ok)
        return r;
    const std::optional<Ticket> after = m_tickets.ticket(ticketId);
    QJsonObject result = r.result.toObject();
    result.insert(QStringLiteral("ticket"), after ? after->toJson() : QJsonObject());
    r.result = result;
    return r;
}

OpResult EscalationStore::perform(const Caller &actor, qint64 ticketId, const QString &kind,
    qint64 toGroupId, const Cause &cause, qint64 now)
{
    const std::optional<Ticket> t = m_tickets.ticket(ticketId);
    if (!t)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    const bool manual = cause.trigger == QLatin1String("manual");
    QString why;
    if (manual) {
        const QString who
            = m_ctx
                  .scalar(QStringLiteral("SELECT name FROM agents WHERE id = ?"), { actor.agentId })
                  .toString();
        why = QStringLiteral("%1, by %2").arg(kind, who);
    } else {
        why = QStringLiteral("%1, rule %2, on %3").arg(kind, cause.ruleName, cause.trigger);
        if (cause.trigger != QLatin1String("p1"))
            why += QLatin1Char(' ') + cause.clock;
    }
    if (!cause.reason.isEmpty())
        why += QStringLiteral(": ") + cause.reason;

    QJsonObject record { { QStringLiteral("kind"), kind },
        { QStringLiteral("trigger"), cause.trigger },
        { QStringLiteral("rule"), idToJson(cause.ruleId) },
        { QStringLiteral("fromGroupId"), idToJson(t->groupId) } };
    if (!cause.clock.isEmpty())
        record.insert(QStringLiteral("clock"), cause.clock);
    if (manual)
        record.insert(QStringLiteral("byAgentId"), idToJson(actor.agentId));
    if (!cause.reason.isEmpty())
        record.insert(QStringLiteral("reason"), cause.reason);

    OpResult out = OpResult::success(QJsonObject());
    QString body;
    if (kind == QLatin1String("functional")) {
        qint64 target = toGroupId;
        if (!target) {
            QList<Group> groups;
            if (QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, tier FROM groups_"))) {
                while (q->next()) {
                    Group g;
                    g.id = q->value(0).toLongLong();
                    g.tier = q->value(1).toInt();
                    groups << g;
                }
                q->finish();
            }
            target = EscalationRule::nextTier(groups, t->groupId);
        }
        // A rule may name a group deleted since it was saved: recorded, not moved.
        if (target
            && !m_ctx.scalar(QStringLiteral("SELECT 1 FROM groups_ WHERE id = ?"), { target })
                    .isValid())
            target = 0;
        bool moved = false;
        QString failure;
        if (target && target != t->groupId) {
            OpResult r = m_tickets.update(actor, ticketId, t->version,
                { { QStringLiteral("groupId"), double(target) } }, now);
            if (r.ok) {
                moved = true;
                out.changes += r.changes;
            } else if (r.error.code == ErrorCode::InternalError || manual) {
                return r;
            } else {
                failure
                    = r.error.message; // the hand-over rules refused: the desk should still know
            }
        }
        record.insert(QStringLiteral("toGroupId"), idToJson(moved ? target : 0));
        record.insert(QStringLiteral("moved"), moved);
        if (moved)
            body = QStringLiteral("Escalated to %1 (%2)").arg(groupName(target), why);
        else if (!failure.isEmpty())
            body = QStringLiteral("Escalation to %1 failed: %2 (%3)")
                       .arg(groupName(target), failure, why);
        else
            body = QStringLiteral("Not escalated: there is no group above %1 (%2)")
                       .arg(groupName(t->groupId), why);
    } else {
        QJsonArray leads;
        QStringList names;
        if (QSqlQuery *q = m_ctx.run(
                QStringLiteral(
                    "SELECT a.id, a.name FROM agents a JOIN group_members m ON m.agent_id = a.id "
                    "WHERE m.group_id = ? AND a.role = ? AND a.active = 1 ORDER BY a.id"),
                { t->groupId, wireName(Role::Lead) })) {
            while (q->next()) {
                leads.append(double(q->value(0).toLongLong()));
                names << q->value(1).toString();
            }
            q->finish();
        }
        record.insert(QStringLiteral("leads"), leads);
        body = names.isEmpty() ? QStringLiteral("Not escalated: %1 has no group lead (%2)")
                                     .arg(groupName(t->groupId), why)
                               : QStringLiteral("Escalated to the group lead(s) %1 (%2)")
                                     .arg(names.join(QStringLiteral(", ")), why);
    }
    const QJsonObject data { { QStringLiteral("escalation"), record } };
    OpResult event = m_tickets.addSystemEvent(ticketId, body, data, now);
    if (!event.ok)
        return event;
    out.changes += event.changes;
    out.result = QJsonObject { { QStringLiteral("escalation"), record },
        { QStringLiteral("article"), event.result.toObject().value(QStringLiteral("article")) } };
    qCInfo(lcStore) << "ticket" << ticketId << body;
    return out;
}

} // namespace Atiende::Server
