#include "ticketstore.h"

#include "sqlcontext.h"
#include "routingstore.h"
#include "syncstore.h"

#include "core/domain/ids.h"
#include "core/domain/ticketlifecycle.h"
#include "core/domain/ticketnumber.h"
#include "core/domain/timestamp.h"
#include "core/routing/assignment.h"
#include "core/sla/ticketsla.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {

const QString kTicketColumns = QStringLiteral(
    "id, number, type, subject, status, impact, urgency, priority, channel, category_id, group_id, "
    "assignee_id, customer_id, organisation_id, created_by, created_at, updated_at, first_response_at, "
    "resolved_at, closed_at, reopen_count, version, sla, agent_replies, kb_article_ids");

Ticket ticketFromRow(const QSqlQuery &q)
{
    Ticket t;
    t.id = q.value(0).toLongLong();
    t.number = q.value(1).toString();
    t.type = fromString<TicketType>(q.value(2).toString()).value_or(TicketType::Incident);
    t.subject = q.value(3).toString();
    t.status = fromString<TicketStatus>(q.value(4).toString()).value_or(TicketStatus::New);
    t.impact = fromString<Level>(q.value(5).toString()).value_or(Level::Medium);
    t.urgency = fromString<Level>(q.value(6).toString()).value_or(Level::Medium);
    t.priority = fromString<Priority>(q.value(7).toString()).value_or(Priority::P3);
    t.channel = fromString<Channel>(q.value(8).toString()).value_or(Channel::Console);
    t.categoryId = q.value(9).toLongLong();
    t.groupId = q.value(10).toLongLong();
    t.assigneeId = q.value(11).toLongLong();
    t.customerId = q.value(12).toLongLong();
    t.organisationId = q.value(13).toLongLong();
    t.createdBy = q.value(14).toLongLong();
    t.createdAt = q.value(15).toLongLong();
    t.updatedAt = q.value(16).toLongLong();
    t.firstResponseAt = q.value(17).toLongLong();
    t.resolvedAt = q.value(18).toLongLong();
    t.closedAt = q.value(19).toLongLong();
    t.reopenCount = q.value(20).toInt();
    t.version = q.value(21).toInt();
    const QString sla = q.value(22).toString();
    if (!sla.isEmpty())
        t.sla = QJsonDocument::fromJson(sla.toUtf8()).object();
    t.agentReplies = q.value(23).toInt();
    t.kbArticleIds = idListFromText(q.value(24).toString());
    return t;
}

const QString kArticleColumns = QStringLiteral("id, ticket_id, kind, author_agent_id, author_customer_id, body, data, created_at");

QJsonObject articleJson(const QSqlQuery &q)
{
    Article a;
    a.id = q.value(0).toLongLong();
    a.ticketId = q.value(1).toLongLong();
    a.kind = fromString<ArticleKind>(q.value(2).toString()).value_or(ArticleKind::PublicReply);
    a.authorAgentId = q.value(3).toLongLong();
    a.authorCustomerId = q.value(4).toLongLong();
    a.body = q.value(5).toString();
    a.createdAt = q.value(7).toLongLong();
    QJsonObject o = a.toJson();
    const QString data = q.value(6).toString();
    if (!data.isEmpty())
        o.insert(QStringLiteral("data"), QJsonDocument::fromJson(data.toUtf8()).object());
    return o;
}

// A field's value as the audit journal keeps it: plain text, ids as digits, lists of ids as
// "3,7", null as empty.
QString auditText(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    if (v.isArray()) {
        QList<qint64> ids;
        idListFromJson(v, &ids);
        return idListToText(ids);
    }
    return v.toString();
}

// The four instants the SLA engine wakes for, read back from a ticket's SLA JSON.
QVariantList slaColumns(const QJsonObject &sla)
{
    auto at = [&](const char *clock, const char *field) {
        return qMax<qint64>(0, Timestamp::fromJson(sla.value(QLatin1String(clock)).toObject().value(QLatin1String(field))));
    };
    return {QString::fromUtf8(sla.isEmpty() ? QByteArray() : QJsonDocument(sla).toJson(QJsonDocument::Compact)),
            at("firstResponse", "warnAt"), at("firstResponse", "dueAt"), at("resolution", "warnAt"), at("resolution", "dueAt")};
}

QJsonObject summaryJson(const Ticket &t, bool visible)
{
    return {{QStringLiteral("id"), double(t.id)},
            {QStringLiteral("number"), t.number},
            {QStringLiteral("type"), wireName(t.type)},
            {QStringLiteral("subject"), t.subject},
            {QStringLiteral("status"), wireName(t.status)},
            {QStringLiteral("priority"), wireName(t.priority)},
            {QStringLiteral("groupId"), idToJson(t.groupId)},
            {QStringLiteral("customerId"), idToJson(t.customerId)},
            {QStringLiteral("createdAt"), Timestamp::toJson(t.createdAt)},
            {QStringLiteral("resolvedAt"), Timestamp::toJson(t.resolvedAt)},
            {QStringLiteral("visible"), visible}};
}

} // namespace

TicketStore::TicketStore(SqlContext &ctx, SyncStore &sync)
    : m_ctx(ctx)
    , m_sync(sync)
{
}

const QStringList &TicketStore::updatableFields()
{
    static const QStringList fields{QStringLiteral("subject"),    QStringLiteral("status"),
                                    QStringLiteral("impact"),     QStringLiteral("urgency"),
                                    QStringLiteral("categoryId"), QStringLiteral("groupId"),
                                    QStringLiteral("assigneeId"), QStringLiteral("customerId"),
                                    QStringLiteral("kbArticleIds")};
    return fields;
}

QString TicketStore::validateReference(const QString &table, qint64 id, const QString &what)
{
    if (id == 0)
        return QString();
    // table comes from our own code, never from a request.
    const QVariant v = m_ctx.scalar(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table), {id});
    return v.isValid() ? QString() : QStringLiteral("there is no %1 with id %2").arg(what).arg(id);
}

std::optional<Ticket> TicketStore::ticket(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kTicketColumns + QStringLiteral(" FROM tickets WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Ticket t = ticketFromRow(q);
    q.finish();
    return t;
}

std::optional<Article> TicketStore::article(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kArticleColumns + QStringLiteral(" FROM articles WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Article a = Article::fromJson(articleJson(q));
    q.finish();
    return a;
}

namespace {
// Runs "SELECT <columns> FROM table WHERE id IN (<id set>)" over ids in chunks; calls row(q).
// One statement whatever the number of ids (the list is bound as one JSON parameter).
template<typename Row>
void selectByIds(SqlContext &ctx, const QString &head, const QList<qint64> &ids, Row row)
{
    constexpr int kChunk = 1000;
    const QString sql = head + QStringLiteral(" WHERE id IN (") + ctx.dialect().idSetSql() + QLatin1Char(')');
    for (int from = 0; from < ids.size(); from += kChunk) {
        QSqlQuery *q = ctx.run(sql, {SqlContext::idSet(ids.mid(from, kChunk))});
        if (!q)
            continue;
        while (q->next())
            row(*q);
        q->finish();
    }
}
} // namespace

QHash<qint64, QJsonObject> TicketStore::ticketsJson(const QList<qint64> &ids)
{
    QHash<qint64, QJsonObject> out;
    selectByIds(m_ctx, QStringLiteral("SELECT ") + kTicketColumns + QStringLiteral(" FROM tickets"), ids,
                [&](const QSqlQuery &q) { out.insert(q.value(0).toLongLong(), ticketFromRow(q).toJson()); });
    return out;
}

QHash<qint64, QJsonObject> TicketStore::articlesJson(const QList<qint64> &ids)
{
    QHash<qint64, QJsonObject> out;
    selectByIds(m_ctx, QStringLiteral("SELECT ") + kArticleColumns + QStringLiteral(" FROM articles"), ids,
                [&](const QSqlQuery &q) { out.insert(q.value(0).toLongLong(), articleJson(q)); });
    return out;
}

QList<Article> TicketStore::articles(qint64 ticketId)
{
    QList<Article> out;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kArticleColumns + QStringLiteral(" FROM articles WHERE ticket_id = ? ORDER BY id"));
    q.bindValue(0, ticketId);
    if (q.exec()) {
        while (q.next())
            out << Article::fromJson(articleJson(q));
    }
    q.finish();
    return out;
}

bool TicketStore::insertArticle(Article &a, const QJsonObject &data)
{
    a.id = m_ctx.insert(QStringLiteral("INSERT INTO articles (ticket_id, kind, author_agent_id, author_customer_id, body, data, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                        {a.ticketId, wireName(a.kind), nullableId(a.authorAgentId), nullableId(a.authorCustomerId), a.body,
                         data.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
                         a.createdAt});
    if (a.id == 0)
        return false;
    const QString indexSql = m_ctx.dialect().indexArticleSql();
    return indexSql.isEmpty() || a.kind == ArticleKind::SystemEvent || m_ctx.exec(indexSql, {a.id, a.body, a.ticketId});
}

bool TicketStore::writeTicket(const Ticket &t)
{
    return m_ctx.exec(QStringLiteral("UPDATE tickets SET subject = ?, status = ?, impact = ?, urgency = ?, priority = ?, "
                                     "category_id = ?, group_id = ?, assignee_id = ?, customer_id = ?, organisation_id = ?, "
                                     "updated_at = ?, first_response_at = ?, resolved_at = ?, closed_at = ?, reopen_count = ?, "
                                     "version = ?, sla = ?, sla_fr_warn_at = ?, sla_fr_due_at = ?, sla_res_warn_at = ?, "
                                     "sla_res_due_at = ?, agent_replies = ?, kb_article_ids = ? WHERE id = ?"),
                      QVariantList{t.subject, wireName(t.status), wireName(t.impact), wireName(t.urgency), wireName(t.priority),
                                   nullableId(t.categoryId), t.groupId, nullableId(t.assigneeId), nullableId(t.customerId),
                                   nullableId(t.organisationId), t.updatedAt, t.firstResponseAt, t.resolvedAt, t.closedAt,
                                   t.reopenCount, t.version}
                          + slaColumns(t.sla) + QVariantList{t.agentReplies, idListToText(t.kbArticleIds), t.id});
}

const BusinessCalendar &TicketStore::calendarFor(qint64 policyId) const
{
    for (const SlaPolicy &p : m_policies) {
        if (p.id == policyId) {
            const auto it = m_calendars.constFind(p.calendarId);
            return it == m_calendars.constEnd() ? m_aroundTheClock : *it;
        }
    }
    return m_aroundTheClock;
}

bool TicketStore::loadSlaConfig()
{
    m_calendars.clear();
    m_policies.clear();
    bool ok = true;
    if (QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, definition FROM calendars"))) {
        while (q->next()) {
            QString error;
            const auto cal = BusinessCalendar::fromJson(QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object(), &error);
            if (cal)
                m_calendars.insert(q->value(0).toLongLong(), *cal);
            else
                ok = false;
        }
        q->finish();
    }
    if (QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, definition, version FROM sla_policies"))) {
        while (q->next()) {
            QJsonObject o = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            o.insert(QStringLiteral("id"), double(q->value(0).toLongLong()));
            o.insert(QStringLiteral("version"), q->value(2).toInt());
            if (const auto p = SlaPolicy::fromJson(o))
                m_policies << *p;
            else
                ok = false;
        }
        q->finish();
    }
    return ok;
}

Change TicketStore::ticketChange(const Ticket &t, qint64 rev) const
{
    Change c;
    c.rev = rev;
    c.entity = QStringLiteral("ticket");
    c.id = t.id;
    c.data = t.toJson();
    c.scoped = true;
    c.groupId = t.groupId;
    c.assigneeId = t.assigneeId;
    return c;
}

Change TicketStore::articleChange(const Article &a, const Ticket &t, qint64 rev) const
{
    Change c;
    c.rev = rev;
    c.entity = QStringLiteral("article");
    c.id = a.id;
    c.data = a.toJson();
    c.scoped = true;
    c.groupId = t.groupId;
    c.assigneeId = t.assigneeId;
    return c;
}

OpResult TicketStore::create(const Caller &caller, const NewTicket &n, qint64 now)
{
    const QString subject = n.subject.trimmed();
    if (subject.isEmpty())
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("A ticket needs a subject."), {{QStringLiteral("field"), QStringLiteral("subject")}});
    if (subject.size() > kMaxSubject)
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The subject is longer than %1 characters.").arg(kMaxSubject), {{QStringLiteral("field"), QStringLiteral("subject")}});
    if (n.description.size() > kMaxBody)
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The description is longer than %1 characters.").arg(kMaxBody), {{QStringLiteral("field"), QStringLiteral("description")}});

    qint64 groupId = n.groupId;
    qint64 routedBy = 0;
    if (groupId == 0 && m_routing) {
        // No group asked for: the routing rules choose, else the caller's own first group.
        RoutingInput in;
        in.channel = n.channel;
        in.categoryId = n.categoryId;
        in.organisationId = n.customerId ? m_ctx.scalar(QStringLiteral("SELECT COALESCE(organisation_id, 0) FROM customers WHERE id = ?"), {n.customerId}).toLongLong() : 0;
        in.priority = m_matrix.priority(n.impact, n.urgency);
        in.subject = subject;
        in.body = n.description;
        if (const auto decision = m_routing->route(in)) {
            groupId = decision->groupId;
            routedBy = decision->ruleId;
        }
    }
    if (groupId == 0) {
        if (!caller.groupIds.isEmpty())
            groupId = caller.groupIds.first();
        else
            groupId = m_ctx.scalar(QStringLiteral("SELECT MIN(id) FROM groups_")).toLongLong();
    }
    if (groupId == 0)
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("There is no group to file the ticket in; create a group first."));
    if (QString e = validateReference(QStringLiteral("groups_"), groupId, QStringLiteral("group")); !e.isEmpty())
        return OpResult::failure(ErrorCode::ValidationFailed, e, {{QStringLiteral("field"), QStringLiteral("groupId")}});
    if (!routedBy && !caller.isAdmin() && !caller.inGroup(groupId))
        return OpResult::failure(ErrorCode::Forbidden, QStringLiteral("You may only open tickets in your own groups."));
    if (QString e = validateReference(QStringLiteral("categories"), n.categoryId, QStringLiteral("category")); !e.isEmpty())
        return OpResult::failure(ErrorCode::ValidationFailed, e, {{QStringLiteral("field"), QStringLiteral("categoryId")}});

    qint64 organisationId = 0;
    if (n.customerId) {
        const QVariant org = m_ctx.scalar(QStringLiteral("SELECT COALESCE(organisation_id, 0) FROM customers WHERE id = ?"), {n.customerId});
        if (!org.isValid())
            return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("there is no customer with id %1").arg(n.customerId), {{QStringLiteral("field"), QStringLiteral("customerId")}});
        organisationId = org.toLongLong();
    }
    if (n.assigneeId) {
        const QVariant member = m_ctx.scalar(QStringLiteral("SELECT 1 FROM group_members m JOIN agents a ON a.id = m.agent_id "
                                                            "WHERE m.group_id = ? AND m.agent_id = ? AND a.active = 1"),
                                             {groupId, n.assigneeId});
        if (!member.isValid())
            return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The assignee must be an active member of the ticket's group."), {{QStringLiteral("field"), QStringLiteral("assigneeId")}});
    }

    qint64 assigneeId = n.assigneeId;
    if (!assigneeId && m_routing) {
        // The group's strategy may give it to someone present now; else it waits in the queue.
        if (const auto chosen = m_routing->assign(groupId, {}, now))
            assigneeId = *chosen;
    }

    const QString seqKey = QStringLiteral("seq.") + wireName(n.type);
    const qint64 seq = m_ctx.scalar(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {seqKey}).toString().toLongLong() + 1;
    if (!m_ctx.exec(QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"), {QString::number(seq), seqKey}))
        return OpResult::failure(ErrorCode::InternalError);

    Ticket t;
    t.number = TicketNumber::format(n.type, seq);
    t.type = n.type;
    t.subject = subject;
    t.status = assigneeId ? TicketStatus::Assigned : TicketStatus::New;
    t.impact = n.impact;
    t.urgency = n.urgency;
    t.priority = m_matrix.priority(n.impact, n.urgency);
    t.channel = n.channel;
    t.categoryId = n.categoryId;
    t.groupId = groupId;
    t.assigneeId = assigneeId;
    t.customerId = n.customerId;
    t.organisationId = organisationId;
    t.createdBy = caller.agentId;
    t.createdAt = now;
    t.updatedAt = now;
    t.version = 1;
    {
        const SlaPolicy *policy = SlaPolicy::select(m_policies, t.categoryId, t.organisationId, t.priority);
        const TicketSla sla = TicketSla::begin(policy, t.priority, t.status, now);
        if (sla.hasTargets())
            t.sla = sla.toJson(calendarFor(sla.policyId), now);
    }
    t.id = m_ctx.insert(QStringLiteral("INSERT INTO tickets (number, type, subject, status, impact, urgency, priority, channel, "
                                       "category_id, group_id, assignee_id, customer_id, organisation_id, created_by, created_at, "
                                       "updated_at, version, sla, sla_fr_warn_at, sla_fr_due_at, sla_res_warn_at, sla_res_due_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                        QVariantList{t.number, wireName(t.type), t.subject, wireName(t.status), wireName(t.impact), wireName(t.urgency),
                                     wireName(t.priority), wireName(t.channel), nullableId(t.categoryId), t.groupId,
                                     nullableId(t.assigneeId), nullableId(t.customerId), nullableId(t.organisationId),
                                     nullableId(t.createdBy), t.createdAt, t.updatedAt, t.version}
                            + slaColumns(t.sla));
    if (t.id == 0)
        return OpResult::failure(ErrorCode::InternalError, QStringLiteral("The ticket could not be stored."));
    const QString indexSql = m_ctx.dialect().indexTicketSql();
    if (!indexSql.isEmpty() && !m_ctx.exec(indexSql, {t.id, t.subject, n.description}))
        return OpResult::failure(ErrorCode::InternalError);

    const qint64 rev = m_sync.nextRevision();
    OpResult out = OpResult::success(QJsonValue());
    QJsonArray articlesJson;
    if (!n.description.trimmed().isEmpty()) {
        Article a;
        a.ticketId = t.id;
        a.kind = ArticleKind::PublicReply;
        // The description is the customer's words, even when an agent types them in.
        if (n.customerId)
            a.authorCustomerId = n.customerId;
        else
            a.authorAgentId = caller.agentId;
        a.body = n.description;
        a.createdAt = now;
        if (!insertArticle(a, {}))
            return OpResult::failure(ErrorCode::InternalError);
        articlesJson.append(a.toJson());
        out.changes << articleChange(a, t, rev);
    }
    out.changes.prepend(ticketChange(t, rev));
    if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("created"), QString(), t.number))
        return OpResult::failure(ErrorCode::InternalError);
    if (routedBy && !m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("routedBy"), QString(), QString::number(routedBy)))
        return OpResult::failure(ErrorCode::InternalError);
    for (const Change &c : std::as_const(out.changes)) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    out.result = QJsonObject{{QStringLiteral("ticket"), t.toJson()}, {QStringLiteral("articles"), articlesJson}};
    return out;
}

OpResult TicketStore::update(const Caller &caller, qint64 id, int baseVersion, const QJsonObject &fields, qint64 now)
{
    const std::optional<Ticket> found = ticket(id);
    if (!found)
        return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(id));
    const Ticket old = *found;
    if (!caller.canSeeTicket(old.groupId, old.assigneeId))
        return OpResult::failure(ErrorCode::Forbidden, QStringLiteral("%1 belongs to a group you are not in.").arg(old.number));
    if (baseVersion > old.version)
        return OpResult::failure(ErrorCode::ValidationFailed,
                                 QStringLiteral("baseVersion %1 is newer than %2's version %3; reload the ticket.")
                                     .arg(baseVersion).arg(old.number).arg(old.version));
    if (old.status == TicketStatus::Closed)
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("%1 is closed and can no longer change.").arg(old.number));

    const QJsonObject current = old.toJson();
    Ticket t = old;
    QJsonArray conflicts;
    QStringList applied;
    bool statusRequested = false;

    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        const QString &field = it.key();
        const QJsonValue &value = it.value();
        if (!updatableFields().contains(field))
            return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("\"%1\" is not a field that can be changed; allowed: %2.")
                                                                   .arg(field, updatableFields().join(QStringLiteral(", "))));
        if (field == QLatin1String("kbArticleIds")) {
            QList<qint64> yours;
            if (!value.isArray() || !idListFromJson(value, &yours))
                return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("\"kbArticleIds\" must be a list of KB article ids."));
            // A set, merged rather than replaced: what this edit added to and removed from the
            // list its agent saw is applied to the current one, so links made by two agents at
            // once both stay, and there is nothing to conflict. The list the agent saw is the
            // one at baseVersion (the journal has it) with the agent's own later changes in it,
            // as for other fields: a console replaying offline edits builds on its own.
            const QList<SyncStore::FieldChange> since = m_sync.fieldChangesSince(QStringLiteral("ticket"), id, field, baseVersion);
            QList<qint64> base = since.isEmpty() ? old.kbArticleIds : idListFromText(since.first().oldValue);
            for (const SyncStore::FieldChange &c : since) {
                if (c.agentId != caller.agentId)
                    continue;
                const QList<qint64> before = idListFromText(c.oldValue);
                const QList<qint64> after = idListFromText(c.newValue);
                for (qint64 kb : before) {
                    if (!after.contains(kb))
                        base.removeAll(kb);
                }
                for (qint64 kb : after) {
                    if (!before.contains(kb) && !base.contains(kb))
                        base << kb;
                }
            }
            QList<qint64> merged;
            for (qint64 kb : old.kbArticleIds) {
                if (yours.contains(kb) || !base.contains(kb))
                    merged << kb; // kept, or linked by someone else since
            }
            for (qint64 kb : std::as_const(yours)) {
                if (!base.contains(kb) && !merged.contains(kb))
                    merged << kb; // linked by this edit
            }
            if (merged == old.kbArticleIds)
                continue; // already so
            for (qint64 kb : std::as_const(merged)) {
                if (old.kbArticleIds.contains(kb))
                    continue;
                if (QString e = validateReference(QStringLiteral("kb_articles"), kb, QStringLiteral("KB article")); !e.isEmpty())
                    return OpResult::failure(ErrorCode::ValidationFailed, e, {{QStringLiteral("field"), field}});
            }
            if (merged.size() > kMaxKbLinks)
                return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("A ticket links at most %1 KB articles.").arg(kMaxKbLinks), {{QStringLiteral("field"), field}});
            t.kbArticleIds = merged;
            applied << field;
            continue;
        }
        // Validate the value's shape first, whatever happens next.
        qint64 idValue = 0;
        const bool isIdField = field.endsWith(QLatin1String("Id"));
        if (isIdField && !idFromJson(value, &idValue))
            return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("\"%1\" must be an id or null.").arg(field));
        if (!isIdField && !value.isString())
            return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("\"%1\" must be a string.").arg(field));
        if (field == QLatin1String("status") && !fromString<TicketStatus>(value.toString()))
            return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("Unknown status \"%1\"; one of %2.").arg(value.toString(), wireNames<TicketStatus>().join(QStringLiteral(", "))));
        if ((field == QLatin1String("impact") || field == QLatin1String("urgency")) && !fromString<Level>(value.toString()))
            return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("\"%1\" must be high, medium or low.").arg(field));
        if (field == QLatin1String("groupId") && idValue == 0)
            return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("A ticket always belongs to a group."), {{QStringLiteral("field"), field}});

        if (current.value(field) == (isIdField ? idToJson(idValue) : value))
            continue; // already so: nothing to change, nothing to conflict with
        const int changedAt = m_sync.lastFieldVersion(QStringLiteral("ticket"), id, field, caller.agentId);
        if (changedAt > baseVersion) {
            conflicts.append(QJsonObject{{QStringLiteral("field"), field},
                                         {QStringLiteral("yours"), value},
                                         {QStringLiteral("theirs"), current.value(field)},
                                         {QStringLiteral("changedInVersion"), changedAt}});
            continue;
        }
        if (field == QLatin1String("subject")) {
            const QString s = value.toString().trimmed();
            if (s.isEmpty() || s.size() > kMaxSubject)
                return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The subject must have 1 to %1 characters.").arg(kMaxSubject), {{QStringLiteral("field"), field}});
            t.subject = s;
        } else if (field == QLatin1String("status")) {
            t.status = *fromString<TicketStatus>(value.toString());
            statusRequested = true;
        } else if (field == QLatin1String("impact")) {
            t.impact = *fromString<Level>(value.toString());
        } else if (field == QLatin1String("urgency")) {
            t.urgency = *fromString<Level>(value.toString());
        } else if (field == QLatin1String("categoryId")) {
            if (QString e = validateReference(QStringLiteral("categories"), idValue, QStringLiteral("category")); !e.isEmpty())
                return OpResult::failure(ErrorCode::ValidationFailed, e, {{QStringLiteral("field"), field}});
            t.categoryId = idValue;
        } else if (field == QLatin1String("groupId")) {
            if (QString e = validateReference(QStringLiteral("groups_"), idValue, QStringLiteral("group")); !e.isEmpty())
                return OpResult::failure(ErrorCode::ValidationFailed, e, {{QStringLiteral("field"), field}});
            t.groupId = idValue; // functional escalation may send it to any group
        } else if (field == QLatin1String("assigneeId")) {
            t.assigneeId = idValue;
        } else if (field == QLatin1String("customerId")) {
            const QVariant org = m_ctx.scalar(QStringLiteral("SELECT COALESCE(organisation_id, 0) FROM customers WHERE id = ?"), {idValue});
            if (idValue && !org.isValid())
                return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("there is no customer with id %1").arg(idValue), {{QStringLiteral("field"), field}});
            t.customerId = idValue;
            t.organisationId = idValue ? org.toLongLong() : 0;
        }
        applied << field;
    }

    if (applied.isEmpty()) {
        if (!conflicts.isEmpty())
            return OpResult::failure(ErrorCode::VersionConflict,
                                     QStringLiteral("%1 changed since version %2: %3.").arg(old.number).arg(baseVersion).arg(conflicts.size() == 1 ? conflicts.first().toObject().value(QStringLiteral("field")).toString() : QStringLiteral("%1 fields").arg(conflicts.size())),
                                     {{QStringLiteral("conflicts"), conflicts}, {QStringLiteral("ticket"), current}});
        return OpResult::success(QJsonObject{{QStringLiteral("ticket"), current}, {QStringLiteral("conflicts"), QJsonArray()}});
    }

    // Rules that follow from the fields: the lifecycle, ownership, priority, timestamps.
    if (t.assigneeId && t.assigneeId != old.assigneeId) {
        const QVariant member = m_ctx.scalar(QStringLiteral("SELECT 1 FROM group_members m JOIN agents a ON a.id = m.agent_id "
                                                            "WHERE m.group_id = ? AND m.agent_id = ? AND a.active = 1"),
                                             {t.groupId, t.assigneeId});
        if (!member.isValid())
            return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The assignee must be an active member of the ticket's group."), {{QStringLiteral("field"), QStringLiteral("assigneeId")}});
    }
    bool handedOver = false; // escalated away from its owner: back into the new group's queue
    if (t.groupId != old.groupId && t.assigneeId && t.assigneeId == old.assigneeId) {
        // Escalated to another group: the old owner keeps it only if they are a member there.
        const QVariant member = m_ctx.scalar(QStringLiteral("SELECT 1 FROM group_members WHERE group_id = ? AND agent_id = ?"), {t.groupId, t.assigneeId});
        if (!member.isValid()) {
            t.assigneeId = 0;
            if (!statusRequested && TicketLifecycle::needsAssignee(t.status)) {
                t.status = TicketStatus::New;
                handedOver = true;
            }
        }
    }
    if (!handedOver && !statusRequested && old.assigneeId && !t.assigneeId && t.groupId == old.groupId
        && TicketLifecycle::needsAssignee(t.status)) {
        // The owner left the group (groups.members.set): the working ticket goes back to new in
        // the same group's queue, like a hand-over, instead of waiting for an owner it lost.
        const QVariant member = m_ctx.scalar(QStringLiteral("SELECT 1 FROM group_members WHERE group_id = ? AND agent_id = ?"), {t.groupId, old.assigneeId});
        if (!member.isValid()) {
            t.status = TicketStatus::New;
            handedOver = true;
        }
    }
    if (!statusRequested) {
        if (t.assigneeId && t.status == TicketStatus::New)
            t.status = TicketStatus::Assigned;
        else if (!t.assigneeId && t.status == TicketStatus::Assigned)
            t.status = TicketStatus::New;
    }
    // The lifecycle governs what agents ask for; a hand-over to another group's queue is the
    // desk's own move and may take any working ticket back to new.
    if (!handedOver && !TicketLifecycle::canTransition(old.status, t.status))
        return OpResult::failure(ErrorCode::InvalidTransition,
                                 QStringLiteral("%1 cannot go from %2 to %3.").arg(old.number, wireName(old.status), wireName(t.status)),
                                 {{QStringLiteral("from"), wireName(old.status)}, {QStringLiteral("to"), wireName(t.status)}});
    if (TicketLifecycle::needsAssignee(t.status) && !t.assigneeId) {
        if (!caller.inGroup(t.groupId))
            return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("Status %1 needs an assignee.").arg(wireName(t.status)), {{QStringLiteral("field"), QStringLiteral("assigneeId")}});
        t.assigneeId = caller.agentId; // whoever starts work on it owns it
    }
    t.priority = m_matrix.priority(t.impact, t.urgency);
    if (t.status == TicketStatus::Resolved && old.status != TicketStatus::Resolved)
        t.resolvedAt = now;
    if (t.status == TicketStatus::Closed)
        t.closedAt = now;
    if (TicketLifecycle::isReopen(old.status, t.status)) {
        t.reopenCount += 1;
        t.resolvedAt = 0;
    }
    t.version = old.version + 1;
    t.updatedAt = now;
    {
        TicketSla sla = TicketSla::fromJson(old.sla);
        const SlaPolicy *policy = SlaPolicy::select(m_policies, t.categoryId, t.organisationId, t.priority);
        const bool retarget = t.priority != old.priority || t.categoryId != old.categoryId || t.organisationId != old.organisationId
                           || (policy ? policy->id : 0) != sla.policyId;
        if (t.status != old.status)
            sla.onStatus(old.status, t.status, calendarFor(sla.policyId), now);
        if (retarget)
            sla.retarget(policy, t.priority, t.status, calendarFor(policy ? policy->id : 0), now);
        t.sla = sla.hasTargets() || !old.sla.isEmpty() ? sla.toJson(calendarFor(sla.policyId), now) : QJsonObject();
    }
    if (!writeTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    if (t.status == TicketStatus::Resolved && old.status != TicketStatus::Resolved && m_onResolved && !m_onResolved(t, now))
        return OpResult::failure(ErrorCode::InternalError);
    if (t.subject != old.subject) {
        const QString sql = m_ctx.dialect().reindexTicketSubjectSql();
        if (!sql.isEmpty() && !m_ctx.exec(sql, {t.subject, t.id}))
            return OpResult::failure(ErrorCode::InternalError);
    }

    const qint64 rev = m_sync.nextRevision();
    const QJsonObject after = t.toJson();
    QJsonArray eventChanges;
    static const QStringList kJournalled{QStringLiteral("subject"), QStringLiteral("status"), QStringLiteral("impact"),
                                         QStringLiteral("urgency"), QStringLiteral("priority"), QStringLiteral("categoryId"),
                                         QStringLiteral("groupId"), QStringLiteral("assigneeId"), QStringLiteral("customerId"),
                                         QStringLiteral("organisationId"), QStringLiteral("kbArticleIds")};
    QStringList summary;
    for (const QString &field : kJournalled) {
        if (current.value(field) == after.value(field))
            continue;
        if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), id, t.version, field,
                          auditText(current.value(field)), auditText(after.value(field))))
            return OpResult::failure(ErrorCode::InternalError);
        if (field != QLatin1String("subject")) {
            eventChanges.append(QJsonObject{{QStringLiteral("field"), field}, {QStringLiteral("from"), current.value(field)}, {QStringLiteral("to"), after.value(field)}});
            summary << QStringLiteral("%1: %2 → %3").arg(field, auditText(current.value(field)), auditText(after.value(field)));
        }
    }

    OpResult out = OpResult::success(QJsonValue());
    Change tc = ticketChange(t, rev);
    const bool visibilityChanged = t.groupId != old.groupId || t.assigneeId != old.assigneeId;
    if (visibilityChanged) {
        tc.visibilityChanged = true;
        tc.prevGroupId = old.groupId;
        tc.prevAssigneeId = old.assigneeId;
    }
    out.changes << tc;
    if (!eventChanges.isEmpty()) {
        Article event;
        event.ticketId = t.id;
        event.kind = ArticleKind::SystemEvent;
        event.authorAgentId = caller.agentId;
        event.body = summary.join(QLatin1Char('\n'));
        event.createdAt = now;
        const QJsonObject data{{QStringLiteral("changes"), eventChanges}};
        if (!insertArticle(event, data))
            return OpResult::failure(ErrorCode::InternalError);
        Change ec = articleChange(event, t, rev);
        ec.data.insert(QStringLiteral("data"), data);
        out.changes << ec;
    }
    if (visibilityChanged) {
        // Whoever can see the ticket now must also get its whole conversation.
        const QList<Article> all = articles(t.id);
        const qint64 eventId = out.changes.size() > 1 ? out.changes.last().id : 0;
        for (const Article &a : all) {
            if (a.id != eventId) // the event just written is in the list already
                out.changes << articleChange(a, t, rev);
        }
    }
    for (const Change &c : std::as_const(out.changes)) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    out.result = QJsonObject{{QStringLiteral("ticket"), after}, {QStringLiteral("conflicts"), conflicts}};
    return out;
}

OpResult TicketStore::addArticle(const Caller &caller, qint64 ticketId, ArticleKind kind, const QString &body, qint64 now)
{
    if (kind == ArticleKind::SystemEvent)
        return OpResult::failure(ErrorCode::InvalidParams, QStringLiteral("\"kind\" must be reply or note; events are written by the server."));
    if (body.trimmed().isEmpty())
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The message is empty."), {{QStringLiteral("field"), QStringLiteral("body")}});
    if (body.size() > kMaxBody)
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("The message is longer than %1 characters.").arg(kMaxBody), {{QStringLiteral("field"), QStringLiteral("body")}});
    std::optional<Ticket> found = ticket(ticketId);
    if (!found)
        return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    Ticket t = *found;
    if (!caller.canSeeTicket(t.groupId, t.assigneeId))
        return OpResult::failure(ErrorCode::Forbidden, QStringLiteral("%1 belongs to a group you are not in.").arg(t.number));
    if (t.status == TicketStatus::Closed)
        return OpResult::failure(ErrorCode::ValidationFailed, QStringLiteral("%1 is closed; open a new ticket that refers to it.").arg(t.number));

    Article a;
    a.ticketId = t.id;
    a.kind = kind;
    a.authorAgentId = caller.agentId;
    a.body = body;
    a.createdAt = now;
    if (!insertArticle(a, {}))
        return OpResult::failure(ErrorCode::InternalError);

    const qint64 rev = m_sync.nextRevision();
    const bool firstResponse = kind == ArticleKind::PublicReply && t.firstResponseAt == 0;
    if (firstResponse) {
        t.firstResponseAt = now;
        if (!t.sla.isEmpty()) {
            TicketSla sla = TicketSla::fromJson(t.sla);
            sla.onFirstResponse(calendarFor(sla.policyId), now);
            t.sla = sla.toJson(calendarFor(sla.policyId), now);
        }
    }
    if (kind == ArticleKind::PublicReply)
        t.agentReplies += 1; // first-contact resolution counts them (docs/kpis.md)
    t.version += 1;
    t.updatedAt = now;
    if (!writeTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("article"), QString(),
                      QStringLiteral("%1 %2").arg(wireName(kind)).arg(a.id)))
        return OpResult::failure(ErrorCode::InternalError);
    if (firstResponse && !m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("firstResponseAt"),
                                       QString(), QString::number(now)))
        return OpResult::failure(ErrorCode::InternalError);

    OpResult out = OpResult::success(QJsonObject{{QStringLiteral("article"), a.toJson()}, {QStringLiteral("ticket"), t.toJson()}});
    out.changes << ticketChange(t, rev) << articleChange(a, t, rev);
    for (const Change &c : std::as_const(out.changes)) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    return out;
}

OpResult TicketStore::get(const Caller &caller, qint64 id)
{
    // The revision first, then the ticket: reads here are not one snapshot, and a client that
    // stores the answer under this revision must never hold a state older than it says (a
    // change committed in between only comes again in the feed, which is harmless).
    const qint64 rev = m_ctx.scalar(QStringLiteral("SELECT rev FROM sync_log WHERE entity = 'ticket' AND entity_id = ?"), {id}).toLongLong();
    const std::optional<Ticket> t = ticket(id);
    if (!t)
        return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(id));
    if (!caller.canSeeTicket(t->groupId, t->assigneeId))
        return OpResult::failure(ErrorCode::Forbidden, QStringLiteral("%1 belongs to a group you are not in.").arg(t->number));
    QJsonArray list;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kArticleColumns + QStringLiteral(" FROM articles WHERE ticket_id = ? ORDER BY id"));
    q.bindValue(0, id);
    if (q.exec()) {
        while (q.next())
            list.append(articleJson(q));
    }
    q.finish();
    return OpResult::success(QJsonObject{{QStringLiteral("ticket"), t->toJson()}, {QStringLiteral("articles"), list}, {QStringLiteral("rev"), double(rev)}});
}

OpResult TicketStore::getByNumber(const Caller &caller, const QString &number)
{
    const auto parsed = TicketNumber::parse(number);
    const QString canonical = parsed ? TicketNumber::format(parsed->type, parsed->sequence) : number.trimmed();
    // The number column is UNIQUE: its index answers this.
    const QVariant id = parsed ? m_ctx.scalar(QStringLiteral("SELECT id FROM tickets WHERE number = ?"), {canonical}) : QVariant();
    if (!id.isValid())
        return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no ticket %1.").arg(canonical));
    return get(caller, id.toLongLong());
}

OpResult TicketStore::query(const Caller &caller, const TicketFilter &f)
{
    QStringList where;
    QVariantList values;
    // Lists are bound as one parameter each: one statement shape whatever their lengths.
    auto inIds = [&](const QString &column, const QList<qint64> &ids) {
        where << QStringLiteral("%1 IN (%2)").arg(column, m_ctx.dialect().idSetSql());
        values << SqlContext::idSet(ids);
    };
    auto inTexts = [&](const QString &column, const QStringList &texts) {
        where << QStringLiteral("%1 IN (%2)").arg(column, m_ctx.dialect().textSetSql());
        values << SqlContext::textSet(texts);
    };
    const QString text = f.text.trimmed();
    const bool wordSearch = !text.isEmpty() && !TicketNumber::parse(text);
    if (!caller.isAdmin()) {
        // With words, the matches must drive the search (the full-text index, then each match
        // checked): "+" keeps the planner from walking all of the agent's groups' tickets
        // instead and testing the words on each (issue 11: 70 ms for a word nobody wrote).
        const QString plus = wordSearch ? QStringLiteral("+") : QString();
        if (caller.groupIds.isEmpty()) {
            where << plus + QStringLiteral("assignee_id = ?");
            values << caller.agentId;
        } else {
            where << QStringLiteral("(%2group_id IN (%1) OR %2assignee_id = ?)").arg(m_ctx.dialect().idSetSql(), plus);
            values << SqlContext::idSet(caller.groupIds) << caller.agentId;
        }
    }
    if (!f.groupIds.isEmpty())
        inIds(QStringLiteral("group_id"), f.groupIds);
    if (!f.statuses.isEmpty()) {
        QStringList items;
        for (TicketStatus s : f.statuses)
            items << wireName(s);
        inTexts(QStringLiteral("status"), items);
    } else if (f.openOnly) {
        where << QStringLiteral("status NOT IN ('resolved', 'closed')");
    }
    if (!f.priorities.isEmpty()) {
        QStringList items;
        for (Priority p : f.priorities)
            items << wireName(p);
        inTexts(QStringLiteral("priority"), items);
    }
    if (f.assigneeId) {
        if (*f.assigneeId == 0) {
            where << QStringLiteral("assignee_id IS NULL");
        } else {
            where << QStringLiteral("assignee_id = ?");
            values << *f.assigneeId;
        }
    }
    if (f.customerId) {
        where << QStringLiteral("customer_id = ?");
        values << f.customerId;
    }
    if (f.organisationId) {
        where << QStringLiteral("organisation_id = ?");
        values << f.organisationId;
    }
    if (!text.isEmpty()) {
        if (const auto number = TicketNumber::parse(text)) {
            where << QStringLiteral("number = ?");
            values << TicketNumber::format(number->type, number->sequence);
        } else {
            const QString match = m_ctx.dialect().match(text);
            QString like = text;
            like.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('%'), QLatin1String("\\%")).replace(QLatin1Char('_'), QLatin1String("\\_"));
            like = QLatin1Char('%') + like + QLatin1Char('%');
            QString clause = QStringLiteral("customer_id IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\') "
                                            "OR organisation_id IN (SELECT id FROM organisations WHERE name LIKE ? ESCAPE '\\')");
            values << like << like;
            if (!match.isEmpty()) {
                clause = QStringLiteral("id IN (") + m_ctx.dialect().ticketIdsMatchingSql() + QStringLiteral(") OR ") + clause;
                values.insert(values.size() - 2, match);
                values.insert(values.size() - 2, match);
            }
            where << QLatin1Char('(') + clause + QLatin1Char(')');
        }
    }

    static const QHash<QString, QString> kSortColumns{
        {QStringLiteral("updatedAt"), QStringLiteral("updated_at")}, {QStringLiteral("createdAt"), QStringLiteral("created_at")},
        {QStringLiteral("priority"), QStringLiteral("priority")},    {QStringLiteral("number"), QStringLiteral("id")},
        {QStringLiteral("status"), QStringLiteral("status")}};
    const QString sortColumn = kSortColumns.value(f.sort, QStringLiteral("updated_at"));
    const QString order = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString whereSql = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));

    QJsonArray list;
    qint64 total = -1;
    if (wordSearch) {
        // Words can match a large part of the desk (a common word, a short prefix): find the
        // matches once (full-text and name look-ups), count and sort them as narrow rows, and
        // read whole rows for the page only. Counting and paging in two statements ran the
        // look-ups twice and sorted whole rows (issue 11: 3.5 times slower).
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kTicketColumns
                                      + QStringLiteral(", p.total FROM (SELECT id AS mid, %1 AS k, COUNT(*) OVER () AS total FROM tickets").arg(sortColumn)
                                      + whereSql
                                      + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?) p JOIN tickets ON tickets.id = p.mid ORDER BY p.k %2, p.mid %2")
                                            .arg(sortColumn, order));
        int i = 0;
        for (; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        q.bindValue(i++, f.limit);
        q.bindValue(i, f.offset);
        if (!q.exec())
            return OpResult::failure(ErrorCode::InternalError, q.lastError().text());
        const int totalColumn = q.record().count() - 1;
        while (q.next()) {
            list.append(ticketFromRow(q).toJson());
            total = q.value(totalColumn).toLongLong();
        }
        q.finish();
        if (total < 0 && f.offset == 0)
            total = 0; // nothing matches; past the end of the matches, the count below says how many
        if (total >= 0)
            return OpResult::success(QJsonObject{{QStringLiteral("tickets"), list}, {QStringLiteral("total"), double(total)},
                                                 {QStringLiteral("offset"), f.offset}});
    }
    total = 0;
    {
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT COUNT(*) FROM tickets") + whereSql);
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            return OpResult::failure(ErrorCode::InternalError, q.lastError().text());
        if (q.next())
            total = q.value(0).toLongLong();
        q.finish();
    }
    if (wordSearch) // past the end of the matches: the count alone
        return OpResult::success(QJsonObject{{QStringLiteral("tickets"), list}, {QStringLiteral("total"), double(total)},
                                             {QStringLiteral("offset"), f.offset}});
    {
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kTicketColumns + QStringLiteral(" FROM tickets") + whereSql
                                      + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?").arg(sortColumn, order));
        int i = 0;
        for (; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        q.bindValue(i++, f.limit);
        q.bindValue(i, f.offset);
        if (!q.exec())
            return OpResult::failure(ErrorCode::InternalError, q.lastError().text());
        while (q.next())
            list.append(ticketFromRow(q).toJson());
        q.finish();
    }
    return OpResult::success(QJsonObject{{QStringLiteral("tickets"), list}, {QStringLiteral("total"), double(total)},
                                         {QStringLiteral("offset"), f.offset}});
}

OpResult TicketStore::customerHistory(const Caller &caller, qint64 customerId, int limit)
{
    const QVariant org = m_ctx.scalar(QStringLiteral("SELECT COALESCE(organisation_id, 0) FROM customers WHERE id = ?"), {customerId});
    if (!org.isValid())
        return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no customer with id %1.").arg(customerId));
    const qint64 organisationId = org.toLongLong();
    auto collect = [&](const QString &where, const QVariantList &values, int *openCount) {
        QJsonArray out;
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + kTicketColumns + QStringLiteral(" FROM tickets WHERE ") + where
                                      + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ?"));
        int i = 0;
        for (; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        q.bindValue(i, limit);
        if (q.exec()) {
            while (q.next()) {
                const Ticket t = ticketFromRow(q);
                out.append(summaryJson(t, caller.canSeeTicket(t.groupId, t.assigneeId)));
            }
        }
        q.finish();
        *openCount = m_ctx.scalar(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE ") + where
                                      + QStringLiteral(" AND status NOT IN ('resolved', 'closed')"),
                                  values)
                         .toInt();
        return out;
    };
    int customerOpen = 0, orgOpen = 0;
    const QJsonArray mine = collect(QStringLiteral("customer_id = ?"), {customerId}, &customerOpen);
    QJsonArray theirs;
    if (organisationId) {
        theirs = collect(QStringLiteral("organisation_id = ? AND (customer_id IS NULL OR customer_id <> ?)"),
                         {organisationId, customerId}, &orgOpen);
    }
    return OpResult::success(QJsonObject{{QStringLiteral("customerId"), double(customerId)},
                                         {QStringLiteral("organisationId"), idToJson(organisationId)},
                                         {QStringLiteral("tickets"), mine},
                                         {QStringLiteral("openTickets"), customerOpen},
                                         {QStringLiteral("organisationTickets"), theirs},
                                         {QStringLiteral("organisationOpenTickets"), orgOpen}});
}

} // namespace Atiende::Server

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

QList<TicketStore::SlaWake> TicketStore::slaWakeups()
{
    QList<SlaWake> out;
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, sla_fr_warn_at, sla_fr_due_at, sla_res_warn_at, sla_res_due_at FROM tickets "
                                            "WHERE status NOT IN ('resolved', 'closed') AND "
                                            "(sla_fr_warn_at > 0 OR sla_fr_due_at > 0 OR sla_res_warn_at > 0 OR sla_res_due_at > 0)"));
    if (!q)
        return out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong(), q->value(3).toLongLong(), q->value(4).toLongLong()});
    q->finish();
    return out;
}

OpResult TicketStore::slaReached(qint64 ticketId, bool resolutionClock, bool breach, qint64 now)
{
    std::optional<Ticket> found = ticket(ticketId);
    OpResult nothing = OpResult::success(QJsonObject{{QStringLiteral("changed"), false}});
    if (!found || found->sla.isEmpty() || !TicketLifecycle::isOpen(found->status))
        return nothing;
    Ticket t = *found;
    TicketSla sla = TicketSla::fromJson(t.sla);
    const BusinessCalendar &cal = calendarFor(sla.policyId);
    const SlaTimeline &clock = resolutionClock ? sla.resolution : sla.firstResponse;
    const QString clockName = resolutionClock ? QStringLiteral("resolution") : QStringLiteral("firstResponse");
    const SlaTimeline::State state = clock.state(cal, now);
    const SlaTimeline::State wanted = breach ? SlaTimeline::State::Breached : SlaTimeline::State::Warning;
    const QString before = t.sla.value(clockName).toObject().value(QStringLiteral("state")).toString();
    // The clock may have moved on (paused, met, re-targeted) since this wake-up was planned,
    // or the mark may be made already: a warning is never made again once the clock warned or
    // breached (a restart plans every instant of an open ticket afresh, and a warning that
    // fires after the breach would otherwise turn the clock back to "warning").
    const bool alreadyMarked = before == SlaTimeline::wireName(state)
                            || (!breach && before == SlaTimeline::wireName(SlaTimeline::State::Breached));
    if (state != wanted || alreadyMarked)
        return nothing;
    t.sla = sla.toJson(cal, now);
    t.version += 1;
    if (!writeTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    const qint64 rev = m_sync.nextRevision();
    const QString after = SlaTimeline::wireName(state);
    if (!m_sync.audit(rev, now, 0, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("sla.") + clockName, before, after))
        return OpResult::failure(ErrorCode::InternalError);
    Article event;
    event.ticketId = t.id;
    event.kind = ArticleKind::SystemEvent;
    event.createdAt = now;
    const QString due = Timestamp::toJson(clock.dueAt(cal).value_or(0)).toString();
    event.body = breach ? QStringLiteral("SLA %1 target missed").arg(resolutionClock ? QStringLiteral("resolution") : QStringLiteral("first response"))
                        : QStringLiteral("SLA %1: %2% of the target used, due %3")
                              .arg(resolutionClock ? QStringLiteral("resolution") : QStringLiteral("first response"))
                              .arg(clock.warnPercent)
                              .arg(due);
    // What the consoles word the event from, in their agent's language; the body is for others.
    QJsonObject slaData{{QStringLiteral("clock"), clockName}, {QStringLiteral("state"), after},
                        {QStringLiteral("dueAt"), due.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(due)}};
    if (!breach)
        slaData.insert(QStringLiteral("percent"), clock.warnPercent);
    const QJsonObject data{{QStringLiteral("sla"), slaData}};
    if (!insertArticle(event, data))
        return OpResult::failure(ErrorCode::InternalError);
    OpResult out = OpResult::success(QJsonObject{{QStringLiteral("changed"), true}, {QStringLiteral("ticket"), t.toJson()}});
    Change ec = articleChange(event, t, rev);
    ec.data.insert(QStringLiteral("data"), data);
    out.changes << ticketChange(t, rev) << ec;
    for (const Change &c : std::as_const(out.changes)) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    return out;
}

OpResult TicketStore::recomputeSla(const Caller &caller, qint64 now)
{
    QList<qint64> open;
    if (QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed')"))) {
        while (q->next())
            open << q->value(0).toLongLong();
        q->finish();
    }
    OpResult out = OpResult::success(QJsonValue());
    int changed = 0;
    qint64 rev = 0;
    for (qint64 id : std::as_const(open)) {
        std::optional<Ticket> found = ticket(id);
        if (!found)
            continue;
        Ticket t = *found;
        TicketSla sla = TicketSla::fromJson(t.sla);
        const SlaPolicy *policy = SlaPolicy::select(m_policies, t.categoryId, t.organisationId, t.priority);
        if (t.sla.isEmpty())
            sla = TicketSla::begin(policy, t.priority, t.status, now);
        else
            sla.retarget(policy, t.priority, t.status, calendarFor(policy ? policy->id : 0), now);
        const QJsonObject next = sla.hasTargets() || !t.sla.isEmpty() ? sla.toJson(calendarFor(sla.policyId), now) : QJsonObject();
        if (next == t.sla)
            continue;
        t.sla = next;
        t.version += 1;
        if (!rev)
            rev = m_sync.nextRevision();
        if (!writeTicket(t) || !m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("sla"), QString(), QStringLiteral("recomputed")))
            return OpResult::failure(ErrorCode::InternalError);
        Change c = ticketChange(t, rev);
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
        out.changes << c;
        ++changed;
    }
    out.result = QJsonObject{{QStringLiteral("recomputed"), changed}};
    return out;
}

} // namespace Atiende::Server

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

OpResult TicketStore::addSystemEvent(qint64 ticketId, const QString &body, const QJsonObject &data, qint64 now)
{
    const std::optional<Ticket> t = ticket(ticketId);
    if (!t)
        return OpResult::failure(ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    Article event;
    event.ticketId = t->id;
    event.kind = ArticleKind::SystemEvent;
    event.body = body;
    event.createdAt = now;
    if (!insertArticle(event, data))
        return OpResult::failure(ErrorCode::InternalError);
    Change c = articleChange(event, *t, m_sync.nextRevision());
    if (!data.isEmpty())
        c.data.insert(QStringLiteral("data"), data);
    if (!m_sync.record(c))
        return OpResult::failure(ErrorCode::InternalError);
    OpResult out = OpResult::success(QJsonObject{{QStringLiteral("article"), c.data}});
    out.changes << c;
    return out;
}

OpResult TicketStore::handBack(qint64 groupId, qint64 agentId, qint64 now)
{
    const QString agentName = m_ctx.scalar(QStringLiteral("SELECT name FROM agents WHERE id = ?"), {agentId}).toString();
    const QString groupName = m_ctx.scalar(QStringLiteral("SELECT name FROM groups_ WHERE id = ?"), {groupId}).toString();
    QHash<qint64, qint64> assigneeByTicket;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT id, COALESCE(assignee_id, 0) FROM tickets WHERE group_id = ? AND status NOT IN (?, ?)"));
    q.bindValue(0, groupId);
    q.bindValue(1, wireName(TicketStatus::Resolved));
    q.bindValue(2, wireName(TicketStatus::Closed));
    if (!q.exec())
        return OpResult::failure(ErrorCode::InternalError);
    while (q.next())
        assigneeByTicket.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    q.finish();

    const Caller system{0, Role::Admin, {}};
    const QList<qint64> ids = Assigner::onAgentLeftGroup(agentId, assigneeByTicket);
    OpResult out = OpResult::success(idListToJson(ids));
    for (qint64 id : ids) {
        const std::optional<Ticket> t = ticket(id);
        if (!t)
            return OpResult::failure(ErrorCode::InternalError);
        OpResult u = update(system, id, t->version, QJsonObject{{QStringLiteral("assigneeId"), QJsonValue::Null}}, now);
        if (!u.ok)
            return u;
        out.changes += u.changes;
        OpResult e = addSystemEvent(id, QStringLiteral("Back to the queue: %1 is no longer in %2.").arg(agentName, groupName),
                                    {{QStringLiteral("event"), QStringLiteral("handedBack")},
                                     {QStringLiteral("agentId"), double(agentId)},
                                     {QStringLiteral("groupId"), double(groupId)}},
                                    now);
        if (!e.ok)
            return e;
        out.changes += e.changes;
    }
    return out;
}

} // namespace Atiende::Server
