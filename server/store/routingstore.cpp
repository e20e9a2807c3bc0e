#include "routingstore.h"

#include "sqlcontext.h"
#include "syncstore.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

RoutingStore::RoutingStore(SqlContext &ctx, SyncStore &sync)
    : m_ctx(ctx)
    , m_sync(sync)
{
}

bool RoutingStore::load()
{
    QList<RoutingRule> rules;
    bool ok = true;
    if (QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT id, definition, version FROM routing_rules"))) {
        while (q->next()) {
            QJsonObject o = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            o.insert(QStringLiteral("id"), double(q->value(0).toLongLong()));
            o.insert(QStringLiteral("version"), q->value(2).toInt());
            if (const auto rule = RoutingRule::fromJson(o))
                rules << *rule;
            else
                ok = false;
        }
        q->finish();
    }
    m_table = RoutingTable(rules);
    return ok;
}

std::optional<RoutingDecision> RoutingStore::route(const RoutingInput &in)
{
    const auto decision = m_table.route(in);
    // A rule naming a group that is gone routes nowhere: the ticket keeps its default group.
    if (!decision
        || !m_ctx
                .scalar(QStringLiteral("SELECT 1 FROM groups_ WHERE id = ?"), { decision->groupId })
                .isValid())
        return std::nullopt;
    return decision;
}

std::optional<qint64> RoutingStore::assign(
    qint64 groupId, const QStringList &requiredSkills, qint64 now)
{
    QSqlQuery *g = m_ctx.run(
        QStringLiteral("SELECT assignment, rr_cursor FROM groups_ WHERE id = ?"), { groupId });
    if (!g || !g->next())
        return std::nullopt;
    const auto strategy = fromString<AssignmentStrategy>(g->value(0).toString())
                              .value_or(AssignmentStrategy::Manual);
    qint64 cursor = g->value(1).toLongLong();
    g->finish();
    if (strategy == AssignmentStrategy::Manual)
        return std::nullopt;
    QList<AgentLoad> candidates;
    if (QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT a.id, a.presence, a.skills, a.last_assigned_at, "
                                   "(SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = a.id AND "
                                   "t.status NOT IN ('resolved', 'closed')) "
                                   "FROM agents a JOIN group_members m ON m.agent_id = a.id WHERE "
                                   "m.group_id = ? AND a.active = 1"),
            { groupId })) {
        while (q->next()) {
            AgentLoad load;
            load.agentId = q->value(0).toLongLong();
            load.presence
                = fromString<Presence>(q->value(1).toString()).value_or(Presence::Offline);
            load.skills = q->value(2).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            load.lastAssignedAt = q->value(3).toLongLong();
            load.openTickets = q->value(4).toInt();
            candidates << load;
        }
        q->finish();
    }
    const std::optional<qint64> chosen
        = Assigner::choose(strategy, candidates, requiredSkills, &cursor);
    if (!chosen)
        return std::nullopt;
    if (!m_ctx.exec(
            QStringLiteral("UPDATE groups_ SET rr_cursor = ? WHERE id = ?"), { cursor, groupId })
        || !m_ctx.exec(QStringLiteral("UPDATE agents SET last_assigned_at = ? WHERE id = ?"),
            { now, *chosen }))
        return std::nullopt;
    return chosen;
}

OpResult RoutingStore::rules()
{
    load(); // as they are in the table now: a reader's copy may be older than the last save
    QJsonArray list;
    for (const RoutingRule &r : m_table.rules())
        list.append(r.toJson());
    return OpResult::success(QJsonObject { { QStringLiteral("rules"), list } });
}

OpResult RoutingStore::saveRule(const Caller &caller, const QJsonObject &definition)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins change routing rules."));
    QString error;
    auto rule = RoutingRule::fromJson(definition, &error);
    if (!rule)
        return OpResult::failure(ErrorCode::ValidationFailed, error,
            { { QStringLiteral("field"), QStringLiteral("rule") } });
    if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM groups_ WHERE id = ?"), { rule->groupId })
             .isValid())
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("There is no group with id %1.").arg(rule->groupId),
            { { QStringLiteral("field"), QStringLiteral("groupId") } });
    QJsonObject stored = rule->toJson();
    stored.remove(QStringLiteral("id"));
    stored.remove(QStringLiteral("version"));
    const QString text = QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
    if (rule->id) {
        if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM routing_rules WHERE id = ?"), { rule->id })
                 .isValid())
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no routing rule with id %1.").arg(rule->id));
        if (!m_ctx.exec(
                QStringLiteral(
                    "UPDATE routing_rules SET definition = ?, version = version + 1 WHERE id = ?"),
                { text, rule->id }))
            return OpResult::failure(ErrorCode::InternalError);
    } else {
        rule->id = m_ctx.insert(
            QStringLiteral("INSERT INTO routing_rules (definition) VALUES (?) RETURNING id"),
            { text });
        if (!rule->id)
            return OpResult::failure(ErrorCode::InternalError);
    }
    if (!load())
        return OpResult::failure(
            ErrorCode::InternalError, QStringLiteral("The routing rules could not be read back."));
    return OpResult::success(QJsonObject { { QStringLiteral("rule"), rule->toJson() } });
}

OpResult RoutingStore::setAssignment(
    const Caller &caller, qint64 groupId, AssignmentStrategy strategy)
{
    if (!caller.isAdmin())
        return OpResult::failure(ErrorCode::Forbidden,
            QStringLiteral("Only admins choose how a group's tickets are assigned."));
    if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM groups_ WHERE id = ?"), { groupId }).isValid())
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no group with id %1.").arg(groupId));
    if (!m_ctx.exec(QStringLiteral("UPDATE groups_ SET assignment = ? WHERE id = ?"),
            { wireName(strategy), groupId }))
        return OpResult::failure(ErrorCode::InternalError);
    return OpResult::success(QJsonObject { { QStringLiteral("groupId"), double(groupId) },
        { QStringLiteral("assignment"), wireName(strategy) } });
}

OpResult RoutingStore::setPresence(const Caller &caller, qint64 agentId, Presence presence)
{
    if (agentId != caller.agentId && !caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Agents set their own presence."));
    if (!m_ctx.exec(QStringLiteral("UPDATE agents SET presence = ? WHERE id = ?"),
            { wireName(presence), agentId }))
        return OpResult::failure(ErrorCode::InternalError);
    return OpResult::success(QJsonObject { { QStringLiteral("agentId"), double(agentId) },
        { QStringLiteral("presence"), wireName(presence) } });
}

OpResult RoutingStore::setSkills(const Caller &caller, qint64 agentId, const QStringList &skills)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins set agents' skills."));
    QStringList clean;
    for (const QString &s : skills) {
        const QString tag = s.trimmed().toLower();
        if (tag.isEmpty() || tag.contains(QLatin1Char(' ')) || tag.size() > 40)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("A skill tag is one word of up to 40 characters: \"%1\".").arg(s),
                { { QStringLiteral("field"), QStringLiteral("skills") } });
        if (!clean.contains(tag))
            clean << tag;
    }
    if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM agents WHERE id = ?"), { agentId }).isValid())
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no agent with id %1.").arg(agentId));
    if (!m_ctx.exec(QStringLiteral("UPDATE agents SET skills = ? WHERE id = ?"),
            { clean.join(QLatin1Char(' ')), agentId }))
        return OpResult::failure(ErrorCode::InternalError);
    return OpResult::success(QJsonObject { { QStringLiteral("agentId"), double(agentId) },
        { QStringLiteral("skills"), QJsonArray::fromStringList(clean) } });
}

} // namespace Atiende::Server
