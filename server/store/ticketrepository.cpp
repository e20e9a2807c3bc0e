#include "ticketrepository.h"

#include "sqlcontext.h"
#include "syncstore.h"

#include "core/domain/ids.h"
#include "core/domain/ticketnumber.h"
#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Atiende::Server {

using namespace Atiende::Core;

namespace {

// The four instants the SLA engine wakes for, read back from a ticket's SLA JSON.
QVariantList slaColumns(const QJsonObject &sla)
{
    auto at = [&](const char *clock, const char *field) {
        return qMax<qint64>(0,
            Timestamp::fromJson(
                sla.value(QLatin1String(clock)).toObject().value(QLatin1String(field))));
    };
    return { QString::fromUtf8(
                 sla.isEmpty() ? QByteArray() : QJsonDocument(sla).toJson(QJsonDocument::Compact)),
        at("firstResponse", "warnAt"), at("firstResponse", "dueAt"), at("resolution", "warnAt"),
        at("resolution", "dueAt") };
}

QString mailText(const std::optional<ArticleMail> &mail)
{
    return mail ? QString::fromUtf8(QJsonDocument(mail->toJson()).toJson(QJsonDocument::Compact))
                : QString();
}

// Runs "SELECT <columns> FROM table WHERE id IN (<id set>)" over ids in chunks; calls row(q).
// One statement whatever the number of ids (the list is bound as one JSON parameter).
template <typename Row>
void selectByIds(SqlContext &ctx, const QString &head, const QList<qint64> &ids, Row row)
{
    constexpr int kChunk = 1000;
    const QString sql
        = head + QStringLiteral(" WHERE id IN (") + ctx.dialect().idSetSql() + QLatin1Char(')');
    for (int from = 0; from < ids.size(); from += kChunk) {
        QSqlQuery *q = ctx.run(sql, { SqlContext::idSet(ids.mid(from, kChunk)) });
        if (!q)
            continue;
        while (q->next())
            row(*q);
        q->finish();
    }
}

} // namespace

QStringList TicketRepository::ccFromText(const QString &text)
{
    QStringList out;
    if (text.isEmpty())
        return out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        if (v.isString())
            out << v.toString();
    }
    return out;
}

QString TicketRepository::ccToText(const QStringList &cc)
{
    return cc.isEmpty()
        ? QString()
        : QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(cc)).toJson(QJsonDocument::Compact));
}

TicketRepository::TicketRepository(SqlContext &ctx, SyncStore &sync)
    : m_ctx(ctx)
    , m_sync(sync)
{
}

const QString &TicketRepository::ticketColumns()
{
    static const QString columns = QStringLiteral(
        "id, number, type, subject, status, impact, urgency, priority, channel, category_id, "
        "group_id, "
        "assignee_id, customer_id, organisation_id, created_by, created_at, updated_at, "
        "first_response_at, "
        "resolved_at, closed_at, reopen_count, version, sla, agent_replies, kb_article_ids, cc");
    return columns;
}

Ticket TicketRepository::ticketFromRow(const QSqlQuery &q)
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
    t.cc = ccFromText(q.value(25).toString());
    return t;
}

const QString &TicketRepository::articleColumns()
{
    static const QString columns = QStringLiteral(
        "id, ticket_id, kind, author_agent_id, author_customer_id, body, data, created_at, "
        "attachments, mail");
    return columns;
}

QJsonObject TicketRepository::articleFromRow(const QSqlQuery &q)
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
    const QString files = q.value(8).toString();
    if (!files.isEmpty())
        o.insert(QStringLiteral("attachments"), QJsonDocument::fromJson(files.toUtf8()).array());
    const QString mail = q.value(9).toString();
    if (!mail.isEmpty())
        o.insert(QStringLiteral("mail"), QJsonDocument::fromJson(mail.toUtf8()).object());
    return o;
}

std::optional<Ticket> TicketRepository::ticket(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(
        QStringLiteral("SELECT ") + ticketColumns() + QStringLiteral(" FROM tickets WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Ticket t = ticketFromRow(q);
    q.finish();
    return t;
}

std::optional<Article> TicketRepository::article(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + articleColumns()
        + QStringLiteral(" FROM articles WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Article a = Article::fromJson(articleFromRow(q));
    q.finish();
    return a;
}

QList<Article> TicketRepository::articles(qint64 ticketId)
{
    QList<Article> out;
    for (const QJsonValue &v : articlesJson(ticketId))
        out << Article::fromJson(v.toObject());
    return out;
}

QJsonArray TicketRepository::articlesJson(qint64 ticketId)
{
    QJsonArray out;
    QSqlQuery &q = m_ctx.prepared(QStringLiteral("SELECT ") + articleColumns()
        + QStringLiteral(" FROM articles WHERE ticket_id = ? ORDER BY id"));
    q.bindValue(0, ticketId);
    if (q.exec()) {
        while (q.next())
            out.append(articleFromRow(q));
    }
    q.finish();
    return out;
}

QHash<qint64, QJsonObject> TicketRepository::ticketsJson(const QList<qint64> &ids)
{
    QHash<qint64, QJsonObject> out;
    selectByIds(m_ctx,
        QStringLiteral("SELECT ") + ticketColumns() + QStringLiteral(" FROM tickets"), ids,
        [&](const QSqlQuery &q) {
            out.insert(q.value(0).toLongLong(), ticketFromRow(q).toJson());
        });
    return out;
}

QHash<qint64, QJsonObject> TicketRepository::articlesJson(const QList<qint64> &ids)
{
    QHash<qint64, QJsonObject> out;
    selectByIds(m_ctx,
        QStringLiteral("SELECT ") + articleColumns() + QStringLiteral(" FROM articles"), ids,
        [&](const QSqlQuery &q) { out.insert(q.value(0).toLongLong(), articleFromRow(q)); });
    return out;
}

bool TicketRepository::insertTicket(Ticket *t)
{
    t->id = m_ctx.insert(QStringLiteral("INSERT INTO tickets (number, type, subject, status, "
                                        "impact, urgency, priority, channel, "
                                        "category_id, group_id, assignee_id, customer_id, "
                                        "organisation_id, created_by, created_at, "
                                        "updated_at, version, cc, sla, sla_fr_warn_at, "
                                        "sla_fr_due_at, sla_res_warn_at, sla_res_due_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                        "?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        QVariantList { t->number, wireName(t->type), t->subject, wireName(t->status),
            wireName(t->impact), wireName(t->urgency), wireName(t->priority), wireName(t->channel),
            nullableId(t->categoryId), t->groupId, nullableId(t->assigneeId),
            nullableId(t->customerId), nullableId(t->organisationId), nullableId(t->createdBy),
            t->createdAt, t->updatedAt, t->version, ccToText(t->cc) }
            + slaColumns(t->sla));
    return t->id != 0;
}

bool TicketRepository::indexTicket(const Ticket &t, const QString &description)
{
    const QString indexSql = m_ctx.dialect().indexTicketSql();
    return indexSql.isEmpty() || m_ctx.exec(indexSql, { t.id, t.subject, description });
}

bool TicketRepository::saveTicket(const Ticket &t)
{
    return m_ctx.exec(
        QStringLiteral(
            "UPDATE tickets SET subject = ?, status = ?, impact = ?, urgency = ?, priority = ?, "
            "category_id = ?, group_id = ?, assignee_id = ?, customer_id = ?, organisation_id = ?, "
            "updated_at = ?, first_response_at = ?, resolved_at = ?, closed_at = ?, reopen_count = "
            "?, "
            "version = ?, sla = ?, sla_fr_warn_at = ?, sla_fr_due_at = ?, sla_res_warn_at = ?, "
            "sla_res_due_at = ?, agent_replies = ?, kb_article_ids = ?, cc = ? WHERE id = ?"),
        QVariantList { t.subject, wireName(t.status), wireName(t.impact), wireName(t.urgency),
            wireName(t.priority), nullableId(t.categoryId), t.groupId, nullableId(t.assigneeId),
            nullableId(t.customerId), nullableId(t.organisationId), t.updatedAt, t.firstResponseAt,
            t.resolvedAt, t.closedAt, t.reopenCount, t.version }
            + slaColumns(t.sla)
            + QVariantList { t.agentReplies, idListToText(t.kbArticleIds), ccToText(t.cc), t.id });
}

bool TicketRepository::reindexSubject(const Ticket &t)
{
    const QString sql = m_ctx.dialect().reindexTicketSubjectSql();
    return sql.isEmpty() || m_ctx.exec(sql, { t.subject, t.id });
}

bool TicketRepository::insertArticle(Article *a, const QJsonObject &data)
{
    a->id = m_ctx.insert(QStringLiteral("INSERT INTO articles (ticket_id, kind, author_agent_id, "
                                        "author_customer_id, body, data, created_at, attachments, "
                                        "mail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { a->ticketId, wireName(a->kind), nullableId(a->authorAgentId),
            nullableId(a->authorCustomerId), a->body,
            data.isEmpty() ? QString()
                           : QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
            a->createdAt,
            a->attachments.isEmpty()
                ? QString()
                : QString::fromUtf8(QJsonDocument(Core::attachmentsToJson(a->attachments))
                                        .toJson(QJsonDocument::Compact)),
            mailText(a->mail) });
    if (a->id == 0)
        return false;
    const QString indexSql = m_ctx.dialect().indexArticleSql();
    return indexSql.isEmpty() || a->kind == ArticleKind::SystemEvent
        || m_ctx.exec(indexSql, { a->id, a->body, a->ticketId });
}

bool TicketRepository::saveArticleMail(qint64 articleId, const std::optional<ArticleMail> &mail)
{
    return m_ctx.changedRows(QStringLiteral("UPDATE articles SET mail = ? WHERE id = ?"),
               { mailText(mail), articleId })
        == 1;
}

bool TicketRepository::moveArticle(qint64 articleId, qint64 toTicketId)
{
    if (m_ctx.changedRows(QStringLiteral("UPDATE articles SET ticket_id = ? WHERE id = ?"),
            { toTicketId, articleId })
        != 1)
        return false;
    const QString sql = m_ctx.dialect().moveArticleIndexSql();
    return sql.isEmpty() || m_ctx.exec(sql, { toTicketId, articleId });
}

qint64 TicketRepository::takeSequence(TicketType type)
{
    const QString seqKey = QStringLiteral("seq.") + wireName(type);
    const qint64 seq
        = m_ctx.scalar(QStringLiteral("SELECT value FROM meta WHERE key = ?"), { seqKey })
              .toString()
              .toLongLong()
        + 1;
    if (!m_ctx.exec(QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"),
            { QString::number(seq), seqKey }))
        return 0;
    return seq;
}

bool TicketRepository::exists(Reference kind, qint64 id)
{
    const QString table = kind == Reference::Category ? QStringLiteral("categories")
        : kind == Reference::Group                    ? QStringLiteral("groups_")
                                                      : QStringLiteral("kb_articles");
    return m_ctx.scalar(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table), { id })
        .isValid();
}

std::optional<qint64> TicketRepository::customerOrganisation(qint64 customerId)
{
    const QVariant org = m_ctx.scalar(
        QStringLiteral("SELECT COALESCE(organisation_id, 0) FROM customers WHERE id = ?"),
        { customerId });
    if (!org.isValid())
        return std::nullopt;
    return org.toLongLong();
}

qint64 TicketRepository::firstGroup()
{
    return m_ctx.scalar(QStringLiteral("SELECT MIN(id) FROM groups_")).toLongLong();
}

bool TicketRepository::isMember(qint64 groupId, qint64 agentId)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT 1 FROM group_members WHERE group_id = ? AND agent_id = ?"),
            { groupId, agentId })
        .isValid();
}

bool TicketRepository::isActiveMember(qint64 groupId, qint64 agentId)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT 1 FROM group_members m JOIN agents a ON a.id = m.agent_id "
                               "WHERE m.group_id = ? AND m.agent_id = ? AND a.active = 1"),
            { groupId, agentId })
        .isValid();
}

int TicketRepository::lastFieldVersion(qint64 ticketId, const QString &field, qint64 agentId)
{
    return m_sync.lastFieldVersion(QStringLiteral("ticket"), ticketId, field, agentId);
}

QList<TicketLookups::FieldEdit> TicketRepository::fieldEditsSince(
    qint64 ticketId, const QString &field, int version)
{
    QList<FieldEdit> out;
    for (const SyncStore::FieldChange &c :
        m_sync.fieldChangesSince(QStringLiteral("ticket"), ticketId, field, version))
        out.append({ c.version, c.agentId, c.oldValue, c.newValue });
    return out;
}

} // namespace Atiende::Server
