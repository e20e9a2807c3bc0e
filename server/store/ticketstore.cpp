#include "ticketstore.h"

#include "routingstore.h"
#include "sqlcontext.h"
#include "syncstore.h"

#include "server/tickets/ticketupdate.h"

#include "core/domain/ids.h"
#include "core/domain/ticketlifecycle.h"
#include "core/domain/ticketnumber.h"
#include "core/domain/timestamp.h"
#include "core/mail/subjecttag.h"
#include "core/routing/assignment.h"
#include "core/sla/ticketsla.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {

QJsonObject summaryJson(const Ticket &t, bool visible)
{
    return { { QStringLiteral("id"), double(t.id) }, { QStringLiteral("number"), t.number },
        { QStringLiteral("type"), wireName(t.type) }, { QStringLiteral("subject"), t.subject },
        { QStringLiteral("status"), wireName(t.status) },
        { QStringLiteral("priority"), wireName(t.priority) },
        { QStringLiteral("groupId"), idToJson(t.groupId) },
        { QStringLiteral("customerId"), idToJson(t.customerId) },
        { QStringLiteral("createdAt"), Timestamp::toJson(t.createdAt) },
        { QStringLiteral("resolvedAt"), Timestamp::toJson(t.resolvedAt) },
        { QStringLiteral("visible"), visible } };
}

} // namespace

TicketStore::TicketStore(SqlContext &ctx, SyncStore &sync)
    : m_ctx(ctx)
    , m_sync(sync)
    , m_repo(ctx, sync)
    , m_files(ctx)
{
}

const QStringList &TicketStore::updatableFields()
{
    return TicketUpdate::updatableFields();
}

std::optional<Ticket> TicketStore::ticket(qint64 id)
{
    return m_repo.ticket(id);
}

std::optional<Article> TicketStore::article(qint64 id)
{
    return m_repo.article(id);
}

QHash<qint64, QJsonObject> TicketStore::ticketsJson(const QList<qint64> &ids)
{
    return m_repo.ticketsJson(ids);
}

QHash<qint64, QJsonObject> TicketStore::articlesJson(const QList<qint64> &ids)
{
    return m_repo.articlesJson(ids);
}

QList<Article> TicketStore::articles(qint64 ticketId)
{
    return m_repo.articles(ticketId);
}

bool TicketStore::loadSlaConfig()
{
    m_sla.calendars.clear();
    m_sla.policies.clear();
    bool ok = true;
    if (QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, definition FROM calendars"))) {
        while (q->next()) {
            QString error;
            const auto cal = BusinessCalendar::fromJson(
                QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object(), &error);
            if (cal)
                m_sla.calendars.insert(q->value(0).toLongLong(), *cal);
            else
                ok = false;
        }
        q->finish();
    }
    if (QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT id, definition, version FROM sla_policies"))) {
        while (q->next()) {
            QJsonObject o = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            o.insert(QStringLiteral("id"), double(q->value(0).toLongLong()));
            o.insert(QStringLiteral("version"), q->value(2).toInt());
            if (const auto p = SlaPolicy::fromJson(o))
                m_sla.policies << *p;
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

OpResult TicketStore::create(const Caller &caller, const NewTicket &n, qint64 now,
    const FileLimits &limits, qint64 fallbackGroupId, const QList<Core::Attachment> &storedFiles,
    const QStringList &cc)
{
    QString subject;
    if (const auto refusal = TicketCreation::checkText(n, &subject))
        return OpResult::failure(refusal->code, refusal->message, refusal->data);

    qint64 groupId = n.groupId;
    qint64 routedBy = 0;
    if (groupId == 0 && m_routing) {
        // No group asked for: the routing rules choose, else the caller's own first group.
        RoutingInput in;
        in.channel = n.channel;
        in.categoryId = n.categoryId;
        in.organisationId
            = n.customerId ? m_repo.customerOrganisation(n.customerId).value_or(0) : 0;
        in.priority = m_matrix.priority(n.impact, n.urgency);
        in.subject = subject;
        in.body = n.description;
        if (const auto decision = m_routing->route(in)) {
            groupId = decision->groupId;
            routedBy = decision->ruleId;
        }
    }
    if (groupId == 0)
        groupId = fallbackGroupId ? fallbackGroupId : TicketCreation::fallbackGroup(caller, m_repo);
    qint64 organisationId = 0;
    if (const auto refusal = TicketCreation::checkPlacement(
            caller, n, groupId, routedBy != 0, m_repo, &organisationId))
        return OpResult::failure(refusal->code, refusal->message, refusal->data);

    qint64 assigneeId = n.assigneeId;
    if (!assigneeId && m_routing) {
        // The group's strategy may give it to someone present now; else it waits in the queue.
        if (const auto chosen = m_routing->assign(groupId, {}, now))
            assigneeId = *chosen;
    }

    const qint64 seq = m_repo.takeSequence(n.type);
    if (seq == 0)
        return OpResult::failure(ErrorCode::InternalError);
    Ticket t = TicketCreation::build(
        caller, n, subject, groupId, assigneeId, organisationId, seq, m_matrix, m_sla, now);
    for (const QString &address : cc) {
        if (!t.cc.contains(address.toLower()) && t.cc.size() < TicketUpdate::kMaxCc)
            t.cc << address.toLower();
    }
    if (!m_repo.insertTicket(&t))
        return OpResult::failure(
            ErrorCode::InternalError, QStringLiteral("The ticket could not be stored."));
    if (!m_repo.indexTicket(t, n.description))
        return OpResult::failure(ErrorCode::InternalError);

    const qint64 rev = m_sync.nextRevision();
    OpResult out = OpResult::success(QJsonValue());
    QJsonArray articlesJson;
    if (!n.description.trimmed().isEmpty() || !n.attachments.isEmpty() || !storedFiles.isEmpty()) {
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
        if (!n.attachments.isEmpty()) {
            if (const auto refusal
                = m_files.resolve(caller, n.attachments, limits, now, &a.attachments))
                return OpResult::failure(refusal->code, refusal->message, refusal->data);
        }
        a.attachments += storedFiles;
        if (!m_repo.insertArticle(&a, {})
            || !m_files.attach(a.id, a.attachments, caller.agentId, now))
            return OpResult::failure(ErrorCode::InternalError);
        articlesJson.append(a.toJson());
        out.changes << articleChange(a, t, rev);
    }
    out.changes.prepend(ticketChange(t, rev));
    if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version,
            QStringLiteral("created"), QString(), t.number))
        return OpResult::failure(ErrorCode::InternalError);
    if (routedBy
        && !m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version,
            QStringLiteral("routedBy"), QString(), QString::number(routedBy)))
        return OpResult::failure(ErrorCode::InternalError);
    for (const Change &c : std::as_const(out.changes)) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    out.result = QJsonObject { { QStringLiteral("ticket"), t.toJson() },
        { QStringLiteral("articles"), articlesJson } };
    return out;
}

OpResult TicketStore::update(
    const Caller &caller, qint64 id, int baseVersion, const QJsonObject &fields, qint64 now)
{
    const std::optional<Ticket> found = m_repo.ticket(id);
    if (!found)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(id));
    UpdatePlan plan;
    if (const auto refusal = TicketUpdate(m_matrix, m_sla, m_repo)
                                 .plan(caller, *found, baseVersion, fields, now, &plan))
        return OpResult::failure(refusal->code, refusal->message, refusal->data);
    const Ticket &old = plan.before;
    const Ticket &t = plan.after;
    if (!plan.changed)
        return OpResult::success(QJsonObject { { QStringLiteral("ticket"), old.toJson() },
            { QStringLiteral("conflicts"), QJsonArray() } });

    if (!m_repo.saveTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    if (plan.becameResolved && m_onResolved && !m_onResolved(t, now))
        return OpResult::failure(ErrorCode::InternalError);
    if (t.subject != old.subject && !m_repo.reindexSubject(t))
        return OpResult::failure(ErrorCode::InternalError);

    const qint64 rev = m_sync.nextRevision();
    for (const AuditEntry &e : std::as_const(plan.record.audit)) {
        if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), id, t.version,
                e.field, e.before, e.after))
            return OpResult::failure(ErrorCode::InternalError);
    }

    OpResult out = OpResult::success(QJsonValue());
    Change tc = ticketChange(t, rev);
    if (plan.visibilityChanged) {
        tc.visibilityChanged = true;
        tc.prevGroupId = old.groupId;
        tc.prevAssigneeId = old.assigneeId;
    }
    out.changes << tc;
    if (!plan.record.eventChanges.isEmpty()) {
        Article event;
        event.ticketId = t.id;
        event.kind = ArticleKind::SystemEvent;
        event.authorAgentId = caller.agentId;
        event.body = plan.record.eventBody;
        event.createdAt = now;
        const QJsonObject data { { QStringLiteral("changes"), plan.record.eventChanges } };
        if (!m_repo.insertArticle(&event, data))
            return OpResult::failure(ErrorCode::InternalError);
        Change ec = articleChange(event, t, rev);
        ec.data.insert(QStringLiteral("data"), data);
        out.changes << ec;
    }
    if (plan.visibilityChanged) {
        // Whoever can see the ticket now must also get its whole conversation.
        const QList<Article> all = m_repo.articles(t.id);
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
    out.result = QJsonObject { { QStringLiteral("ticket"), t.toJson() },
        { QStringLiteral("conflicts"), plan.conflicts } };
    return out;
}

OpResult TicketStore::addArticle(const Caller &caller, qint64 ticketId, ArticleKind kind,
    const QString &body, qint64 now, const QStringList &uploadIds, const FileLimits &limits)
{
    if (const auto refusal = TicketReply::checkMessage(kind, body, !uploadIds.isEmpty()))
        return OpResult::failure(refusal->code, refusal->message, refusal->data);
    const std::optional<Ticket> found = m_repo.ticket(ticketId);
    if (!found)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    if (const auto refusal = TicketReply::checkTicket(caller, *found))
        return OpResult::failure(refusal->code, refusal->message, refusal->data);

    Article a;
    a.ticketId = found->id;
    a.kind = kind;
    a.authorAgentId = caller.agentId;
    a.body = body;
    a.createdAt = now;
    if (!uploadIds.isEmpty()) {
        if (const auto refusal = m_files.resolve(caller, uploadIds, limits, now, &a.attachments))
            return OpResult::failure(refusal->code, refusal->message, refusal->data);
    }
    if (!m_repo.insertArticle(&a, {}) || !m_files.attach(a.id, a.attachments, caller.agentId, now))
        return OpResult::failure(ErrorCode::InternalError);

    const qint64 rev = m_sync.nextRevision();
    const TicketReply::Outcome reply = TicketReply::apply(*found, kind, m_sla, now);
    const Ticket &t = reply.after;
    if (!m_repo.saveTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    if (kind == ArticleKind::PublicReply && m_onPublicReply && !m_onPublicReply(t, a, now))
        return OpResult::failure(ErrorCode::InternalError);
    for (const AuditEntry &e : TicketReply::record(kind, a.id, reply.firstResponse, now)) {
        if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version,
                e.field, e.before, e.after))
            return OpResult::failure(ErrorCode::InternalError);
    }

    OpResult out = OpResult::success(QJsonObject {
        { QStringLiteral("article"), a.toJson() }, { QStringLiteral("ticket"), t.toJson() } });
    out.changes << ticketChange(t, rev) << articleChange(a, t, rev);
    for (const Change &c : std::as_const(out.changes)) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    return out;
}

OpResult TicketStore::addCustomerMessage(qint64 ticketId, qint64 customerId, ArticleKind kind,
    const QString &body, const QList<Core::Attachment> &storedFiles, bool wake, qint64 now)
{
    const std::optional<Ticket> found = m_repo.ticket(ticketId);
    if (!found)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    Article a;
    a.ticketId = found->id;
    a.kind = kind;
    a.authorCustomerId = customerId;
    a.body = body;
    a.createdAt = now;
    a.attachments = storedFiles;
    if (!m_repo.insertArticle(&a, {}) || !m_files.attach(a.id, a.attachments, 0, now))
        return OpResult::failure(ErrorCode::InternalError);

    // The customer answered: work resumes on a ticket that waited for them or was resolved.
    // Through update(), so the SLA clocks, the audit and the sync follow its rules.
    const TicketStatus status = found->status;
    const bool waiting = TicketLifecycle::isPending(status) || status == TicketStatus::Resolved;
    if (wake && waiting && found->assigneeId != 0
        && TicketLifecycle::canTransition(status, TicketStatus::InProgress)) {
        Caller desk;
        desk.role = Role::Admin;
        OpResult woken = update(desk, ticketId, found->version,
            QJsonObject { { QStringLiteral("status"), wireName(TicketStatus::InProgress) } }, now);
        if (!woken.ok)
            return woken;
        const std::optional<Ticket> after = m_repo.ticket(ticketId);
        if (!after)
            return OpResult::failure(ErrorCode::InternalError);
        const qint64 rev = m_sync.nextRevision();
        OpResult out = OpResult::success(QJsonObject { { QStringLiteral("article"), a.toJson() },
            { QStringLiteral("ticket"), after->toJson() } });
        out.changes = woken.changes;
        out.changes << articleChange(a, *after, rev);
        if (!m_sync.record(out.changes.last()))
            return OpResult::failure(ErrorCode::InternalError);
        return out;
    }
    Ticket t = *found;
    t.updatedAt = now;
    t.version += 1;
    if (!m_repo.saveTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    const qint64 rev = m_sync.nextRevision();
    OpResult out = OpResult::success(QJsonObject {
        { QStringLiteral("article"), a.toJson() }, { QStringLiteral("ticket"), t.toJson() } });
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
    const qint64 rev
        = m_ctx
              .scalar(QStringLiteral(
                          "SELECT rev FROM sync_log WHERE entity = 'ticket' AND entity_id = ?"),
                  { id })
              .toLongLong();
    const std::optional<Ticket> t = ticket(id);
    if (!t)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(id));
    if (!caller.canSeeTicket(t->groupId, t->assigneeId))
        return OpResult::failure(ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(t->number));
    const QJsonArray list = m_repo.articlesJson(id);
    return OpResult::success(QJsonObject { { QStringLiteral("ticket"), t->toJson() },
        { QStringLiteral("articles"), list }, { QStringLiteral("rev"), double(rev) } });
}

OpResult TicketStore::getByNumber(const Caller &caller, const QString &number)
{
    const auto parsed = TicketNumber::parse(number);
    const QString canonical
        = parsed ? TicketNumber::format(parsed->type, parsed->sequence) : number.trimmed();
    // The number column is UNIQUE: its index answers this.
    const QVariant id = parsed
        ? m_ctx.scalar(QStringLiteral("SELECT id FROM tickets WHERE number = ?"), { canonical })
        : QVariant();
    if (!id.isValid())
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket %1.").arg(canonical));
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
            where << QStringLiteral("(%2group_id IN (%1) OR %2assignee_id = ?)")
                         .arg(m_ctx.dialect().idSetSql(), plus);
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
            like.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                .replace(QLatin1Char('%'), QLatin1String("\\%"))
                .replace(QLatin1Char('_'), QLatin1String("\\_"));
            like = QLatin1Char('%') + like + QLatin1Char('%');
            QString clause = QStringLiteral(
                "customer_id IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\') "
                "OR organisation_id IN (SELECT id FROM organisations WHERE name LIKE ? ESCAPE "
                "'\\')");
            values << like << like;
            if (!match.isEmpty()) {
                clause = QStringLiteral("id IN (") + m_ctx.dialect().ticketIdsMatchingSql()
                    + QStringLiteral(") OR ") + clause;
                values.insert(values.size() - 2, match);
                values.insert(values.size() - 2, match);
            }
            where << QLatin1Char('(') + clause + QLatin1Char(')');
        }
    }

    static const QHash<QString, QString> kSortColumns { { QStringLiteral("updatedAt"),
                                                            QStringLiteral("updated_at") },
        { QStringLiteral("createdAt"), QStringLiteral("created_at") },
        { QStringLiteral("priority"), QStringLiteral("priority") },
        { QStringLiteral("number"), QStringLiteral("id") },
        { QStringLiteral("status"), QStringLiteral("status") } };
    const QString sortColumn = kSortColumns.value(f.sort, QStringLiteral("updated_at"));
    const QString order = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString whereSql = where.isEmpty()
        ? QString()
        : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));

    QJsonArray list;
    qint64 total = -1;
    if (wordSearch) {
        // Words can match a large part of the desk (a common word, a short prefix): find the
        // matches once (full-text and name look-ups), count and sort them as narrow rows, and
        // read whole rows for the page only. Counting and paging in two statements ran the
        // look-ups twice and sorted whole rows (issue 11: 3.5 times slower).
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + TicketRepository::ticketColumns()
            + QStringLiteral(
                ", p.total FROM (SELECT id AS mid, %1 AS k, COUNT(*) OVER () AS total FROM tickets")
                  .arg(sortColumn)
            + whereSql
            + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?) p JOIN tickets ON "
                             "tickets.id = p.mid ORDER BY p.k %2, p.mid %2")
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
            list.append(TicketRepository::ticketFromRow(q).toJson());
            total = q.value(totalColumn).toLongLong();
        }
        q.finish();
        if (total < 0 && f.offset == 0)
            total
                = 0; // nothing matches; past the end of the matches, the count below says how many
        if (total >= 0)
            return OpResult::success(QJsonObject { { QStringLiteral("tickets"), list },
                { QStringLiteral("total"), double(total) },
                { QStringLiteral("offset"), f.offset } });
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
        return OpResult::success(QJsonObject { { QStringLiteral("tickets"), list },
            { QStringLiteral("total"), double(total) }, { QStringLiteral("offset"), f.offset } });
    {
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + TicketRepository::ticketColumns()
            + QStringLiteral(" FROM tickets") + whereSql
            + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?").arg(sortColumn, order));
        int i = 0;
        for (; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        q.bindValue(i++, f.limit);
        q.bindValue(i, f.offset);
        if (!q.exec())
            return OpResult::failure(ErrorCode::InternalError, q.lastError().text());
        while (q.next())
            list.append(TicketRepository::ticketFromRow(q).toJson());
        q.finish();
    }
    return OpResult::success(QJsonObject { { QStringLiteral("tickets"), list },
        { QStringLiteral("total"), double(total) }, { QStringLiteral("offset"), f.offset } });
}

OpResult TicketStore::customerHistory(const Caller &caller, qint64 customerId, int limit)
{
    const QVariant org = m_ctx.scalar(
        QStringLiteral("SELECT COALESCE(organisation_id, 0) FROM customers WHERE id = ?"),
        { customerId });
    if (!org.isValid())
        return OpResult::failure(ErrorCode::NotFound,
            QStringLiteral("There is no customer with id %1.").arg(customerId));
    const qint64 organisationId = org.toLongLong();
    auto collect = [&](const QString &where, const QVariantList &values, int *openCount) {
        QJsonArray out;
        QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + TicketRepository::ticketColumns()
            + QStringLiteral(" FROM tickets WHERE ") + where
            + QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ?"));
        int i = 0;
        for (; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        q.bindValue(i, limit);
        if (q.exec()) {
            while (q.next()) {
                const Ticket t = TicketRepository::ticketFromRow(q);
                out.append(summaryJson(t, caller.canSeeTicket(t.groupId, t.assigneeId)));
            }
        }
        q.finish();
        *openCount = m_ctx
                         .scalar(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE ") + where
                                 + QStringLiteral(" AND status NOT IN ('resolved', 'closed')"),
                             values)
                         .toInt();
        return out;
    };
    int customerOpen = 0, orgOpen = 0;
    const QJsonArray mine
        = collect(QStringLiteral("customer_id = ?"), { customerId }, &customerOpen);
    QJsonArray theirs;
    if (organisationId) {
        theirs = collect(
            QStringLiteral("organisation_id = ? AND (customer_id IS NULL OR customer_id <> ?)"),
            { organisationId, customerId }, &orgOpen);
    }
    return OpResult::success(QJsonObject { { QStringLiteral("customerId"), double(customerId) },
        { QStringLiteral("organisationId"), idToJson(organisationId) },
        { QStringLiteral("tickets"), mine }, { QStringLiteral("openTickets"), customerOpen },
        { QStringLiteral("organisationTickets"), theirs },
        { QStringLiteral("organisationOpenTickets"), orgOpen } });
}

} // namespace Atiende::Server

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

QList<TicketStore::SlaWake> TicketStore::slaWakeups()
{
    QList<SlaWake> out;
    QSqlQuery *q = m_ctx.run(QStringLiteral(
        "SELECT id, sla_fr_warn_at, sla_fr_due_at, sla_res_warn_at, sla_res_due_at FROM tickets "
        "WHERE status NOT IN ('resolved', 'closed') AND "
        "(sla_fr_warn_at > 0 OR sla_fr_due_at > 0 OR sla_res_warn_at > 0 OR sla_res_due_at > 0)"));
    if (!q)
        return out;
    while (q->next())
        out.append({ q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toLongLong(),
            q->value(3).toLongLong(), q->value(4).toLongLong() });
    q->finish();
    return out;
}

OpResult TicketStore::slaReached(qint64 ticketId, bool resolutionClock, bool breach, qint64 now)
{
    std::optional<Ticket> found = ticket(ticketId);
    OpResult nothing = OpResult::success(QJsonObject { { QStringLiteral("changed"), false } });
    if (!found || found->sla.isEmpty() || !TicketLifecycle::isOpen(found->status))
        return nothing;
    Ticket t = *found;
    TicketSla sla = TicketSla::fromJson(t.sla);
    const BusinessCalendar &cal = calendarFor(sla.policyId);
    const SlaTimeline &clock = resolutionClock ? sla.resolution : sla.firstResponse;
    const QString clockName
        = resolutionClock ? QStringLiteral("resolution") : QStringLiteral("firstResponse");
    const SlaTimeline::State state = clock.state(cal, now);
    const SlaTimeline::State wanted
        = breach ? SlaTimeline::State::Breached : SlaTimeline::State::Warning;
    const QString before
        = t.sla.value(clockName).toObject().value(QStringLiteral("state")).toString();
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
    if (!m_repo.saveTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    const qint64 rev = m_sync.nextRevision();
    const QString after = SlaTimeline::wireName(state);
    if (!m_sync.audit(rev, now, 0, QStringLiteral("ticket"), t.id, t.version,
            QStringLiteral("sla.") + clockName, before, after))
        return OpResult::failure(ErrorCode::InternalError);
    Article event;
    event.ticketId = t.id;
    event.kind = ArticleKind::SystemEvent;
    event.createdAt = now;
    const QString due = Timestamp::toJson(clock.dueAt(cal).value_or(0)).toString();
    event.body = breach ? QStringLiteral("SLA %1 target missed")
                              .arg(resolutionClock ? QStringLiteral("resolution")
                                                   : QStringLiteral("first response"))
                        : QStringLiteral("SLA %1: %2% of the target used, due %3")
                              .arg(resolutionClock ? QStringLiteral("resolution")
                                                   : QStringLiteral("first response"))
                              .arg(clock.warnPercent)
                              .arg(due);
    // What the consoles word the event from, in their agent's language; the body is for others.
    QJsonObject slaData {
        { QStringLiteral("clock"), clockName }, { QStringLiteral("state"), after },
        { QStringLiteral("dueAt"), due.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(due) }
    };
    if (!breach)
        slaData.insert(QStringLiteral("percent"), clock.warnPercent);
    const QJsonObject data { { QStringLiteral("sla"), slaData } };
    if (!m_repo.insertArticle(&event, data))
        return OpResult::failure(ErrorCode::InternalError);
    OpResult out = OpResult::success(QJsonObject {
        { QStringLiteral("changed"), true }, { QStringLiteral("ticket"), t.toJson() } });
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
    if (QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT id FROM tickets WHERE status NOT IN ('resolved', 'closed')"))) {
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
        const SlaPolicy *policy
            = SlaPolicy::select(m_sla.policies, t.categoryId, t.organisationId, t.priority);
        if (t.sla.isEmpty())
            sla = TicketSla::begin(policy, t.priority, t.status, now);
        else
            sla.retarget(policy, t.priority, t.status, calendarFor(policy ? policy->id : 0), now);
        const QJsonObject next = sla.hasTargets() || !t.sla.isEmpty()
            ? sla.toJson(calendarFor(sla.policyId), now)
            : QJsonObject();
        if (next == t.sla)
            continue;
        t.sla = next;
        t.version += 1;
        if (!rev)
            rev = m_sync.nextRevision();
        if (!m_repo.saveTicket(t)
            || !m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t.id, t.version,
                QStringLiteral("sla"), QString(), QStringLiteral("recomputed")))
            return OpResult::failure(ErrorCode::InternalError);
        Change c = ticketChange(t, rev);
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
        out.changes << c;
        ++changed;
    }
    out.result = QJsonObject { { QStringLiteral("recomputed"), changed } };
    return out;
}

} // namespace Atiende::Server

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

OpResult TicketStore::addSystemEvent(
    qint64 ticketId, const QString &body, const QJsonObject &data, qint64 now)
{
    const std::optional<Ticket> t = ticket(ticketId);
    if (!t)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    Article event;
    event.ticketId = t->id;
    event.kind = ArticleKind::SystemEvent;
    event.body = body;
    event.createdAt = now;
    if (!m_repo.insertArticle(&event, data))
        return OpResult::failure(ErrorCode::InternalError);
    Change c = articleChange(event, *t, m_sync.nextRevision());
    if (!data.isEmpty())
        c.data.insert(QStringLiteral("data"), data);
    if (!m_sync.record(c))
        return OpResult::failure(ErrorCode::InternalError);
    OpResult out = OpResult::success(QJsonObject { { QStringLiteral("article"), c.data } });
    out.changes << c;
    return out;
}

OpResult TicketStore::setArticleMail(qint64 articleId, const ArticleMail &mail)
{
    std::optional<Article> a = m_repo.article(articleId);
    if (!a)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no article with id %1.").arg(articleId));
    const std::optional<Ticket> t = m_repo.ticket(a->ticketId);
    if (!t)
        return OpResult::failure(ErrorCode::InternalError);
    OpResult out = OpResult::success(QJsonValue());
    if (a->mail && *a->mail == mail) {
        out.result = QJsonObject { { QStringLiteral("article"), a->toJson() } };
        return out; // already so: no new revision
    }
    a->mail = mail;
    if (!m_repo.saveArticleMail(a->id, a->mail))
        return OpResult::failure(ErrorCode::InternalError);
    Change c = articleChange(*a, *t, m_sync.nextRevision());
    if (!m_sync.record(c))
        return OpResult::failure(ErrorCode::InternalError);
    out.result = QJsonObject { { QStringLiteral("article"), c.data } };
    out.changes << c;
    return out;
}

OpResult TicketStore::addCc(qint64 ticketId, const QStringList &addresses, qint64 now)
{
    const std::optional<Ticket> found = m_repo.ticket(ticketId);
    if (!found)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    Ticket t = *found;
    for (const QString &a : addresses) {
        const QString address = a.trimmed().toLower();
        if (!address.isEmpty() && !t.cc.contains(address) && t.cc.size() < TicketUpdate::kMaxCc)
            t.cc << address;
    }
    OpResult out = OpResult::success(QJsonObject { { QStringLiteral("ticket"), t.toJson() } });
    if (t.cc == found->cc)
        return out;
    t.version += 1;
    if (!m_repo.saveTicket(t))
        return OpResult::failure(ErrorCode::InternalError);
    const qint64 rev = m_sync.nextRevision();
    if (!m_sync.audit(rev, now, 0, QStringLiteral("ticket"), t.id, t.version, QStringLiteral("cc"),
            found->cc.join(QLatin1Char(' ')), t.cc.join(QLatin1Char(' '))))
        return OpResult::failure(ErrorCode::InternalError);
    Change c = ticketChange(t, rev);
    if (!m_sync.record(c))
        return OpResult::failure(ErrorCode::InternalError);
    out.result = QJsonObject { { QStringLiteral("ticket"), c.data } };
    out.changes << c;
    return out;
}

OpResult TicketStore::moveArticle(
    const Caller &caller, qint64 articleId, qint64 toTicketId, qint64 now)
{
    std::optional<Article> a = m_repo.article(articleId);
    if (!a)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no article with id %1.").arg(articleId));
    std::optional<Ticket> from = m_repo.ticket(a->ticketId);
    if (!from)
        return OpResult::failure(ErrorCode::InternalError);
    if (!caller.canSeeTicket(from->groupId, from->assigneeId))
        return OpResult::failure(ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(from->number));
    const QJsonObject onArticle = Protocol::onField(QStringLiteral("articleId"));
    if (a->kind == ArticleKind::SystemEvent)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("Events stay on their ticket; only replies and notes can move."),
            onArticle);
    const qint64 first
        = m_ctx
              .scalar(
                  QStringLiteral("SELECT MIN(id) FROM articles WHERE ticket_id = ?"), { from->id })
              .toLongLong();
    if (first == a->id)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("The article is %1's description (its first article) and stays "
                           "with it.")
                .arg(from->number),
            onArticle);
    if (from->status == TicketStatus::Closed)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("%1 is closed and can no longer change.").arg(from->number), onArticle);

    OpResult out = OpResult::success(QJsonValue());
    Ticket to;
    if (toTicketId) {
        const QJsonObject onTarget = Protocol::onField(QStringLiteral("toTicketId"));
        if (toTicketId == from->id)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("The article is on %1 already.").arg(from->number), onTarget);
        const std::optional<Ticket> target = m_repo.ticket(toTicketId);
        if (!target)
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no ticket with id %1.").arg(toTicketId));
        if (!caller.canSeeTicket(target->groupId, target->assigneeId))
            return OpResult::failure(ErrorCode::Forbidden,
                QStringLiteral("%1 belongs to a group you are not in.").arg(target->number));
        if (target->status == TicketStatus::Closed)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("%1 is closed and can no longer change.").arg(target->number),
                onTarget);
        to = *target;
    } else {
        // A new ticket for it: what the mail was about (else the old ticket's subject), its
        // author as requester, in the same group.
        NewTicket n;
        n.type = from->type;
        n.subject = a->mail ? Core::Mail::SubjectTag::clean(a->mail->subject).left(200).trimmed()
                            : QString();
        if (n.subject.isEmpty())
            n.subject = from->subject;
        n.impact = from->impact;
        n.urgency = from->urgency;
        n.channel = a->mail ? Channel::Email : from->channel;
        n.categoryId = from->categoryId;
        n.groupId = from->groupId;
        n.customerId = a->authorCustomerId ? a->authorCustomerId : from->customerId;
        OpResult created = create(caller, n, now, FileLimits(), from->groupId);
        if (!created.ok)
            return created;
        const qint64 newId = qint64(created.result.toObject()
                                        .value(QStringLiteral("ticket"))
                                        .toObject()
                                        .value(QStringLiteral("id"))
                                        .toDouble());
        const std::optional<Ticket> made = m_repo.ticket(newId);
        if (!made)
            return OpResult::failure(ErrorCode::InternalError);
        to = *made;
        out.changes += created.changes;
    }

    if (!m_repo.moveArticle(a->id, to.id))
        return OpResult::failure(ErrorCode::InternalError);
    a->ticketId = to.id;
    if (a->mail && a->mail->isIncoming()) {
        a->mail->threadedBy = QStringLiteral("moved");
        if (!m_repo.saveArticleMail(a->id, a->mail))
            return OpResult::failure(ErrorCode::InternalError);
    }
    const qint64 rev = m_sync.nextRevision();
    Ticket fromAfter = *from;
    fromAfter.version += 1;
    fromAfter.updatedAt = now;
    to.version += 1;
    to.updatedAt = now;
    if (!m_repo.saveTicket(fromAfter) || !m_repo.saveTicket(to))
        return OpResult::failure(ErrorCode::InternalError);
    ArticleEvent moved;
    moved.kind = ArticleEvent::Kind::Moved;
    moved.move = { a->id, from->id, from->number, to.id, to.number };
    const QJsonObject data = moved.toJson();
    const QString what = a->kind == ArticleKind::InternalNote ? QStringLiteral("A note")
                                                              : QStringLiteral("A reply");
    const auto event = [&](const Ticket &on, const QString &body) -> std::optional<Change> {
        Article e;
        e.ticketId = on.id;
        e.kind = ArticleKind::SystemEvent;
        e.authorAgentId = caller.agentId;
        e.body = body;
        e.createdAt = now;
        if (!m_repo.insertArticle(&e, data))
            return std::nullopt;
        Change c = articleChange(e, on, rev);
        c.data.insert(QStringLiteral("data"), data);
        return c;
    };
    const auto here = event(fromAfter,
        QStringLiteral("%1 (article %2) was moved to %3.").arg(what).arg(a->id).arg(to.number));
    const auto there = event(to,
        QStringLiteral("%1 (article %2) was moved here from %3.")
            .arg(what)
            .arg(a->id)
            .arg(from->number));
    if (!here || !there)
        return OpResult::failure(ErrorCode::InternalError);
    for (const Ticket *t : { &fromAfter, &to }) {
        if (!m_sync.audit(rev, now, caller.agentId, QStringLiteral("ticket"), t->id, t->version,
                QStringLiteral("articleMoved"), from->number, to.number))
            return OpResult::failure(ErrorCode::InternalError);
    }
    const QList<Change> mine { ticketChange(fromAfter, rev), ticketChange(to, rev),
        articleChange(*a, to, rev), *here, *there };
    for (const Change &c : mine) {
        if (!m_sync.record(c))
            return OpResult::failure(ErrorCode::InternalError);
    }
    out.changes += mine;
    out.result = QJsonObject { { QStringLiteral("article"), a->toJson() },
        { QStringLiteral("from"), fromAfter.toJson() }, { QStringLiteral("to"), to.toJson() } };
    return out;
}

OpResult TicketStore::handBack(qint64 groupId, qint64 agentId, qint64 now)
{
    const QString agentName
        = m_ctx.scalar(QStringLiteral("SELECT name FROM agents WHERE id = ?"), { agentId })
              .toString();
    const QString groupName
        = m_ctx.scalar(QStringLiteral("SELECT name FROM groups_ WHERE id = ?"), { groupId })
              .toString();
    QHash<qint64, qint64> assigneeByTicket;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT id, COALESCE(assignee_id, 0) FROM tickets "
                                                 "WHERE group_id = ? AND status NOT IN (?, ?)"));
    q.bindValue(0, groupId);
    q.bindValue(1, wireName(TicketStatus::Resolved));
    q.bindValue(2, wireName(TicketStatus::Closed));
    if (!q.exec())
        return OpResult::failure(ErrorCode::InternalError);
    while (q.next())
        assigneeByTicket.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    q.finish();

    const Caller system { 0, Role::Admin, {} };
    const QList<qint64> ids = Assigner::onAgentLeftGroup(agentId, assigneeByTicket);
    OpResult out = OpResult::success(idListToJson(ids));
    for (qint64 id : ids) {
        const std::optional<Ticket> t = ticket(id);
        if (!t)
            return OpResult::failure(ErrorCode::InternalError);
        OpResult u = update(system, id, t->version,
            QJsonObject { { QStringLiteral("assigneeId"), QJsonValue::Null } }, now);
        if (!u.ok)
            return u;
        out.changes += u.changes;
        OpResult e = addSystemEvent(id,
            QStringLiteral("Back to the queue: %1 is no longer in %2.").arg(agentName, groupName),
            { { QStringLiteral("event"), QStringLiteral("handedBack") },
                { QStringLiteral("agentId"), double(agentId) },
                { QStringLiteral("groupId"), double(groupId) } },
            now);
        if (!e.ok)
            return e;
        out.changes += e.changes;
    }
    return out;
}

} // namespace Atiende::Server
