#include "ticketrows.h"

#include "cachedb.h"
#include "cachedelta.h"
#include "cachejson.h"
#include "cacheschema.h"
#include "directoryrows.h"
#include "unreadmarks.h"

#include "client/logging.h"

#include "core/domain/timestamp.h"
#include "core/text/fold.h"

#include <QHash>
#include <QSqlQuery>

namespace Atiende::Client {

using namespace CacheJson;
using Core::Text::fold;

namespace {

QString likePattern(const QString &text)
{
    QString s = fold(text.trimmed());
    s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + s + QLatin1Char('%');
}

} // namespace

TicketRows::TicketRows(CacheDb &db, DirectoryRows &directory, UnreadMarks &marks)
    : m_db(db)
    , m_directory(directory)
    , m_marks(marks)
{
}

bool TicketRows::upsertTicket(const QJsonObject &t, qint64 rev, bool pending)
{
    return upsertTicketIfNewer(t, rev, pending, false) >= 0;
}

int TicketRows::upsertTicketIfNewer(
    const QJsonObject &t, qint64 rev, bool pending, bool onlyIfNewer)
{
    if (idOf(t) == 0) {
        qCWarning(lcCache) << "refusing to store a ticket without an id";
        return -1;
    }
    const qint64 customer = idOf(t, QStringLiteral("customerId"));
    const qint64 org = idOf(t, QStringLiteral("organisationId"));
    const QString search = fold(t.value(QStringLiteral("number")).toString() + QLatin1Char(' ')
        + t.value(QStringLiteral("subject")).toString() + QLatin1Char(' ')
        + m_directory.nameOf(QStringLiteral("customer"), customer) + QLatin1Char(' ')
        + m_directory.nameOf(QStringLiteral("organisation"), org));
    const qint64 created = Core::Timestamp::fromJson(t.value(QStringLiteral("createdAt")));
    const qint64 updated = Core::Timestamp::fromJson(t.value(QStringLiteral("updatedAt")));
    const QString json = toText(t);
    const SlaColumns sla = slaColumns(t);
    // A ticket someone else made is news to the agent (until they open it).
    const qint64 activity = m_marks.ticketActivity(t, created);
    // Server changes land only when newer than what the cache holds (a push may overtake
    // the pull that was running): one statement decides and writes.
    return m_db.changedRows(
        QStringLiteral("INSERT INTO tickets (id, number, subject, status, priority, group_id, "
                       "assignee_id, customer_id, organisation_id,"
                       " created_at, updated_at, rev, pending, search, json, server_json, type, "
                       "category_id, sla_due, sla_warn,"
                       " sla_state, activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET number = excluded.number, subject = "
                       "excluded.subject, status = excluded.status,"
                       " priority = excluded.priority, group_id = excluded.group_id, assignee_id = "
                       "excluded.assignee_id,"
                       " customer_id = excluded.customer_id, organisation_id = "
                       "excluded.organisation_id, created_at = excluded.created_at,"
                       " updated_at = excluded.updated_at, rev = MAX(tickets.rev, excluded.rev), "
                       "pending = excluded.pending,"
                       " search = excluded.search, json = excluded.json,"
                       " server_json = COALESCE(excluded.server_json, tickets.server_json), type = "
                       "excluded.type,"
                       " category_id = excluded.category_id, sla_due = excluded.sla_due, sla_warn "
                       "= excluded.sla_warn,"
                       " sla_state = excluded.sla_state, activity_at = MAX(tickets.activity_at, "
                       "excluded.activity_at)"
                       " WHERE ? = 0 OR tickets.rev = 0 OR excluded.rev > tickets.rev"),
        { idOf(t), t.value(QStringLiteral("number")).toString(),
            t.value(QStringLiteral("subject")).toString(),
            t.value(QStringLiteral("status")).toString(),
            t.value(QStringLiteral("priority")).toString(),
            nullable(idOf(t, QStringLiteral("groupId"))),
            nullable(idOf(t, QStringLiteral("assigneeId"))), nullable(customer), nullable(org),
            qMax<qint64>(0, created), qMax<qint64>(0, updated), rev, pending ? 1 : 0, search, json,
            pending ? QVariant() : QVariant(json), // invalid QVariant: SQL NULL
            t.value(QStringLiteral("type")).toString(QStringLiteral("incident")),
            nullable(idOf(t, QStringLiteral("categoryId"))), sla.dueAt, sla.warnAt, sla.state,
            activity, onlyIfNewer ? 1 : 0 });
}

bool TicketRows::upsertArticle(const QJsonObject &a, qint64 rev, bool pending)
{
    return upsertArticleIfNewer(a, rev, pending, false) >= 0;
}

int TicketRows::upsertArticleIfNewer(
    const QJsonObject &a, qint64 rev, bool pending, bool onlyIfNewer)
{
    const qint64 ticketId = idOf(a, QStringLiteral("ticketId"));
    const qint64 created
        = qMax<qint64>(0, Core::Timestamp::fromJson(a.value(QStringLiteral("createdAt"))));
    const int written = m_db.changedRows(
        QStringLiteral("INSERT INTO articles (id, ticket_id, created_at, rev, pending, json) "
                       "VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, created_at "
                       "= excluded.created_at,"
                       " rev = MAX(articles.rev, excluded.rev), pending = excluded.pending, json = "
                       "excluded.json"
                       " WHERE ? = 0 OR articles.rev = 0 OR excluded.rev > articles.rev"),
        { idOf(a), ticketId, created, rev, pending ? 1 : 0, toText(a), onlyIfNewer ? 1 : 0 });
    // A reply or note by someone else, newer than anything the agent could have read, makes
    // the ticket unread. (Older entries, such as a first snapshot's, do not.)
    if (written > 0 && !pending && m_marks.isNews(a, created)) {
        if (!m_db.exec(
                QStringLiteral("UPDATE tickets SET activity_at = MAX(activity_at, ?) WHERE id = ?"),
                { created, ticketId }))
            return -1;
    }
    return written;
}

bool TicketRows::removeTicket(qint64 id)
{
    return m_db.exec(QStringLiteral("DELETE FROM articles WHERE ticket_id = ?"), { id })
        && m_db.exec(QStringLiteral("DELETE FROM tickets WHERE id = ?"), { id });
}

bool TicketRows::forgetTicket(qint64 id, CacheDelta *delta)
{
    if (!holdsTicket(id) || !m_db.begin())
        return false;
    if (!removeTicket(id)) {
        m_db.rollback();
        return false;
    }
    if (!m_db.commit())
        return false;
    delta->removedTickets.insert(id);
    return true;
}

qint64 TicketRows::ticketOfArticle(qint64 id)
{
    return m_db.scalar(QStringLiteral("SELECT ticket_id FROM articles WHERE id = ?"), { id })
        .toLongLong();
}

int TicketRows::removeArticleIfOlder(qint64 id, qint64 rev)
{
    return m_db.changedRows(
        QStringLiteral("DELETE FROM articles WHERE id = ? AND rev < ?"), { id, rev });
}

bool TicketRows::clearServerRows()
{
    return m_db.exec(QStringLiteral("DELETE FROM tickets WHERE id > 0"))
        && m_db.exec(QStringLiteral("DELETE FROM articles WHERE id > 0"));
}

bool TicketRows::deleteTicketRow(qint64 id)
{
    return m_db.exec(QStringLiteral("DELETE FROM tickets WHERE id = ?"), { id });
}

bool TicketRows::deleteArticle(qint64 id)
{
    return m_db.exec(QStringLiteral("DELETE FROM articles WHERE id = ?"), { id });
}

bool TicketRows::deleteArticlesOf(qint64 ticketId)
{
    return m_db.exec(QStringLiteral("DELETE FROM articles WHERE ticket_id = ?"), { ticketId });
}

bool TicketRows::moveArticles(qint64 fromTicketId, qint64 toTicketId)
{
    return m_db.exec(QStringLiteral("UPDATE articles SET ticket_id = ? WHERE ticket_id = ?"),
        { toTicketId, fromTicketId });
}

bool TicketRows::markPending(qint64 id)
{
    return m_db.exec(QStringLiteral("UPDATE tickets SET pending = 1 WHERE id = ?"), { id });
}

bool TicketRows::holdsTicket(qint64 id)
{
    return m_db.scalar(QStringLiteral("SELECT 1 FROM tickets WHERE id = ?"), { id }).isValid();
}

qint64 TicketRows::ticketIdByNumber(const QString &number)
{
    return m_db.scalar(QStringLiteral("SELECT id FROM tickets WHERE number = ?"), { number })
        .toLongLong();
}

qint64 TicketRows::rev(qint64 id)
{
    return m_db.scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { id }).toLongLong();
}

std::optional<QJsonObject> TicketRows::serverTicket(qint64 id)
{
    const QVariant s
        = m_db.scalar(QStringLiteral("SELECT server_json FROM tickets WHERE id = ?"), { id });
    if (!s.isValid() || s.isNull())
        return std::nullopt;
    return toObject(s.toString());
}

std::optional<QJsonObject> TicketRows::serverOrShownTicket(qint64 id)
{
    const QVariant base = m_db.scalar(
        QStringLiteral("SELECT COALESCE(NULLIF(server_json, ''), json) FROM tickets WHERE id = ?"),
        { id });
    if (!base.isValid())
        return std::nullopt;
    return toObject(base.toString());
}

std::optional<QJsonObject> TicketRows::ticket(qint64 id)
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT json FROM tickets WHERE id = ?"), { id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

QJsonArray TicketRows::articles(qint64 ticketId)
{
    QJsonArray out;
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT json, pending FROM articles WHERE ticket_id = ? ORDER BY "
                             "created_at, (id < 0), abs(id)"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject a = toObject(q.value(0).toString());
        if (q.value(1).toInt())
            a.insert(QStringLiteral("pending"), true);
        out.append(a);
    }
    return out;
}

QJsonArray TicketRows::tickets(const TicketQuery &f, int *total)
{
    QStringList where;
    QVariantList values;
    auto inList = [&](const QString &column, const QVariantList &items) {
        QStringList marks;
        for (const QVariant &v : items) {
            marks << QStringLiteral("?");
            values << v;
        }
        where << QStringLiteral("%1 IN (%2)").arg(column, marks.join(QLatin1Char(',')));
    };
    if (!f.statuses.isEmpty()) {
        QVariantList items;
        for (const QString &s : f.statuses)
            items << s;
        inList(QStringLiteral("status"), items);
    } else if (f.openOnly) {
        where << QStringLiteral("status NOT IN ('resolved', 'closed')");
    }
    if (!f.groupIds.isEmpty()) {
        QVariantList items;
        for (qint64 g : f.groupIds)
            items << g;
        inList(QStringLiteral("group_id"), items);
    }
    if (f.assigneeId) {
        if (*f.assigneeId == 0)
            where << QStringLiteral("assignee_id IS NULL");
        else {
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
    if (!f.text.trimmed().isEmpty()) {
        where << QStringLiteral("search LIKE ? ESCAPE '\\'");
        values << likePattern(f.text);
    }
    static const QHash<QString, QString> kSort { { QStringLiteral("updatedAt"),
                                                     QStringLiteral("updated_at") },
        { QStringLiteral("createdAt"), QStringLiteral("created_at") },
        { QStringLiteral("priority"), QStringLiteral("priority") },
        { QStringLiteral("number"), QStringLiteral("number") },
        { QStringLiteral("status"), QStringLiteral("status") } };
    const QString whereSql = where.isEmpty()
        ? QString()
        : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    const QString order = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (total)
        *total = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM tickets") + whereSql, values)
                     .toInt();
    QSqlQuery q(m_db.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT json, pending FROM tickets") + whereSql
        + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?")
              .arg(kSort.value(f.sort, QStringLiteral("updated_at")), order));
    int i = 0;
    for (; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    q.bindValue(i++, f.limit);
    q.bindValue(i, f.offset);
    QJsonArray out;
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject t = toObject(q.value(0).toString());
        if (q.value(1).toInt())
            t.insert(QStringLiteral("pending"), true);
        out.append(t);
    }
    return out;
}

QJsonArray TicketRows::ticketsOfCustomer(qint64 customerId, qint64 organisationId, int limit)
{
    QJsonArray out;
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT json FROM tickets WHERE customer_id = ? OR (? <> 0 AND "
                             "organisation_id = ?) ORDER BY created_at DESC LIMIT ?"));
    q.addBindValue(customerId);
    q.addBindValue(organisationId);
    q.addBindValue(organisationId);
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next())
            out.append(toObject(q.value(0).toString()));
    }
    return out;
}

} // namespace Atiende::Client
