#include "localcache.h"

#include "cachedb.h"
#include "directoryrows.h"
#include "kbindex.h"
#include "localedits.h"
#include "serverchanges.h"
#include "unreadmarks.h"

#include "client/logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Atiende::Client {

using Sql::bindAll;

// The parts on their one connection, each given the parts it works with. Declared in the
// order they depend on each other: they go in the reverse order, the connection last.
struct LocalCache::Parts
{
    explicit Parts(const QString &path)
        : db(path)
        , schema(db)
        , directory(db)
        , kb(db)
        , marks(db)
        , drafts(db)
        , conflicts(db)
        , rows(db, directory, marks)
        , edits(db, rows, directory)
        , outbox(db, rows, edits, conflicts, drafts, marks)
        , changes(db, rows, directory, kb, edits, marks)
    {
    }

    CacheDb db;
    CacheSchema schema;
    DirectoryRows directory;
    KbIndex kb;
    UnreadMarks marks;
    Drafts drafts;
    Conflicts conflicts;
    TicketRows rows;
    LocalEdits edits;
    Outbox outbox;
    ServerChanges changes;
};

LocalCache::LocalCache(const QString &path)
    : m_path(path)
    , m_parts(std::make_unique<Parts>(path))
    , m_db(m_parts->db.db())
{
}

LocalCache::~LocalCache() = default;

std::unique_ptr<LocalCache> LocalCache::open(
    const QString &path, OpenReport *report, QString *error)
{
    OpenReport r;
    const QList<OutboxOp> rescued = CacheSchema::setAsideIfUnusable(path, &r);
    std::unique_ptr<LocalCache> cache(new LocalCache(path));
    if (!cache->m_parts->schema.open(path, error))
        return nullptr;
    r.outboxSalvaged = cache->m_parts->outbox.restore(rescued);
    if (report)
        *report = r;
    return cache;
}

// ---------------------------------------------------------------------------------------------
// Sync state, and what the server sends.

qint64 LocalCache::revision()
{
    return m_parts->db.revision();
}

bool LocalCache::setRevision(qint64 revision)
{
    return m_parts->db.setRevision(revision);
}

QString LocalCache::meta(const QString &key)
{
    return m_parts->db.meta(key);
}

bool LocalCache::setMeta(const QString &key, const QString &value)
{
    return m_parts->db.setMeta(key, value);
}

void LocalCache::setPriorityMatrix(const Core::PriorityMatrix &m)
{
    m_parts->edits.setPriorityMatrix(m);
}

bool LocalCache::applyChanges(const QJsonArray &changes, qint64 revision, CacheDelta *delta)
{
    return m_parts->changes.apply(changes, revision, delta);
}

bool LocalCache::storeFetchedTicket(
    const QJsonObject &ticket, const QJsonArray &articles, qint64 rev, CacheDelta *delta)
{
    return m_parts->changes.storeFetchedTicket(ticket, articles, rev, delta);
}

bool LocalCache::forgetTicket(qint64 id, CacheDelta *delta)
{
    return m_parts->rows.forgetTicket(id, delta);
}

bool LocalCache::holdsTicket(qint64 id)
{
    return m_parts->rows.holdsTicket(id);
}

qint64 LocalCache::ticketIdByNumber(const QString &number)
{
    return m_parts->rows.ticketIdByNumber(number);
}

bool LocalCache::clearServerData()
{
    return m_parts->changes.clear();
}

bool LocalCache::beginBulkLoad()
{
    return m_parts->schema.dropIndexes();
}

bool LocalCache::endBulkLoad()
{
    return m_parts->schema.buildIndexes();
}

// ---------------------------------------------------------------------------------------------
// Edits, the outbox and conflicts.

QString LocalCache::createTicket(
    const QJsonObject &params, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    return m_parts->edits.createTicket(params, now, tempId, delta);
}

QString LocalCache::updateTicket(
    qint64 ticketId, const QJsonObject &fields, qint64 now, CacheDelta *delta)
{
    return m_parts->edits.updateTicket(ticketId, fields, now, delta);
}

QString LocalCache::addArticle(qint64 ticketId, const QString &kind, const QString &body,
    qint64 authorId, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    return m_parts->edits.addArticle(ticketId, kind, body, authorId, now, tempId, delta);
}

QString LocalCache::escalate(
    qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta)
{
    return m_parts->edits.escalate(ticketId, params, now, delta);
}

QList<OutboxOp> LocalCache::outbox(int limit)
{
    return m_parts->outbox.list(limit);
}

int LocalCache::outboxSize()
{
    return m_parts->outbox.size();
}

bool LocalCache::markAttempt(const QString &opId)
{
    return m_parts->outbox.markAttempt(opId);
}

bool LocalCache::acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
    const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta)
{
    return m_parts->outbox.acknowledge(opId, ok, result, errorCode, errorMessage, errorData, delta);
}

QList<Conflict> LocalCache::conflicts(qint64 ticketId)
{
    return m_parts->conflicts.list(ticketId);
}

bool LocalCache::resolveConflict(qint64 conflictId)
{
    return m_parts->conflicts.resolve(conflictId);
}

// ---------------------------------------------------------------------------------------------
// Reads.

std::optional<QJsonObject> LocalCache::ticket(qint64 id)
{
    return m_parts->rows.ticket(id);
}

QJsonArray LocalCache::articles(qint64 ticketId)
{
    return m_parts->rows.articles(ticketId);
}

QJsonArray LocalCache::tickets(const Query &q, int *total)
{
    return m_parts->rows.tickets(q, total);
}

QJsonArray LocalCache::ticketsOfCustomer(qint64 customerId, qint64 organisationId, int limit)
{
    return m_parts->rows.ticketsOfCustomer(customerId, organisationId, limit);
}

std::optional<QJsonObject> LocalCache::entity(const QString &kind, qint64 id)
{
    return m_parts->directory.entity(kind, id);
}

QJsonArray LocalCache::entities(const QString &kind)
{
    return m_parts->directory.entities(kind);
}

QJsonArray LocalCache::kbSearch(const QString &text, int limit)
{
    return m_parts->kb.search(text, limit);
}

QJsonArray LocalCache::kbRelated(const QString &text, int limit)
{
    return m_parts->kb.related(text, limit);
}

std::optional<QJsonObject> LocalCache::kbArticle(qint64 id)
{
    return m_parts->kb.article(id);
}

int LocalCache::count(const QString &what)
{
    return m_parts->db.count(what);
}

const QHash<qint64, QString> &LocalCache::names(const QString &kind)
{
    return m_parts->directory.names(kind);
}

// ---------------------------------------------------------------------------------------------
// The queue, unread marks and drafts.

qint64 LocalCache::seenBaseline()
{
    return m_parts->marks.seenBaseline();
}

QList<QueueRow> LocalCache::queueRows(const QList<qint64> &ids)
{
    // 100,000 rows must load in a fraction of a second, and most of the cost is per column
    // (a QVariant each, a UTF-16 conversion per text): the short wire names travel packed
    // into one integer, and as text only when this console does not know them.
    static const QStringList statuses { QStringLiteral("new"), QStringLiteral("assigned"),
        QStringLiteral("in_progress"), QStringLiteral("pending_customer"),
        QStringLiteral("pending_third_party"), QStringLiteral("resolved"),
        QStringLiteral("closed") };
    static const QStringList priorities { QStringLiteral("P1"), QStringLiteral("P2"),
        QStringLiteral("P3"), QStringLiteral("P4") };
    static const QStringList types { QStringLiteral("incident"),
        QStringLiteral("service_request") };
    static const QStringList slaStates { QString(QLatin1String("")), QStringLiteral("none"),
        QStringLiteral("running"), QStringLiteral("paused"), QStringLiteral("warning"),
        QStringLiteral("breached"), QStringLiteral("met") };
    static const QString sqlPrefix = [] {
        auto code = [](const QString &column, const QStringList &names) {
            QString e = QStringLiteral("(CASE %1").arg(column);
            for (int i = 0; i < names.size(); ++i)
                e += QStringLiteral(" WHEN '%1' THEN %2").arg(names.at(i)).arg(i);
            return e + QStringLiteral(" ELSE 15 END)");
        };
        auto known = [](const QString &column, const QStringList &names) {
            QStringList quoted;
            for (const QString &n : names)
                quoted << QStringLiteral("'%1'").arg(n);
            return QStringLiteral("%1 IN (%2)").arg(column, quoted.join(QLatin1Char(',')));
        };
        return QStringLiteral("SELECT t.id, t.number, t.subject, %1 | (%2 << 4) | (%3 << 8) | (%4 "
                              "<< 12) | ((t.pending <> 0) << 16)"
                              " | ((t.activity_at > MAX(COALESCE(s.seen_at, 0), ?)) << 17),"
                              " CASE WHEN %5 AND %6 AND %7 AND %8 THEN NULL ELSE t.status || '|' "
                              "|| t.priority || '|' || t.type || '|' || t.sla_state END,"
                              " t.group_id, t.assignee_id, t.customer_id, t.organisation_id, "
                              "t.category_id, t.created_at, t.updated_at, t.sla_due,"
                              " t.sla_warn FROM tickets t LEFT JOIN seen s ON s.ticket_id = t.id")
            .arg(code(QStringLiteral("t.status"), statuses),
                code(QStringLiteral("t.priority"), priorities),
                code(QStringLiteral("t.type"), types),
                code(QStringLiteral("t.sla_state"), slaStates),
                known(QStringLiteral("t.status"), statuses),
                known(QStringLiteral("t.priority"), priorities),
                known(QStringLiteral("t.type"), types),
                known(QStringLiteral("t.sla_state"), slaStates));
    }();
    QList<QueueRow> rows;
    QString sql = sqlPrefix;
    QVariantList values { seenBaseline() };
    if (!ids.isEmpty()) {
        QStringList marks;
        for (qint64 id : ids) {
            marks << QStringLiteral("?");
            values << id;
        }
        sql += QStringLiteral(" WHERE t.id IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindAll(q, values);
    if (!q.exec()) {
        qCWarning(lcCache) << "cannot read the queue:" << q.lastError().text();
        return rows;
    }
    rows.reserve(ids.isEmpty() ? count(QStringLiteral("tickets")) : int(ids.size()));
    auto pick = [](const QStringList &names, qint64 code) {
        return code < names.size() ? names.at(int(code)) : QString();
    };
    while (q.next()) {
        QueueRow r;
        r.id = q.value(0).toLongLong();
        r.number = q.value(1).toString();
        r.subject = q.value(2).toString();
        const qint64 flags = q.value(3).toLongLong();
        const QVariant unknown = q.value(4);
        if (unknown.isNull()) {
            r.status = pick(statuses, flags & 15);
            r.priority = pick(priorities, (flags >> 4) & 15);
            r.type = pick(types, (flags >> 8) & 15);
            r.slaState = pick(slaStates, (flags >> 12) & 15);
        } else {
            const QStringList parts = unknown.toString().split(QLatin1Char('|'));
            r.status = parts.value(0);
            r.priority = parts.value(1);
            r.type = parts.value(2);
            r.slaState = parts.value(3);
        }
        r.pending = (flags >> 16) & 1;
        r.unread = (flags >> 17) & 1;
        r.groupId = q.value(5).toLongLong();
        r.assigneeId = q.value(6).toLongLong();
        r.customerId = q.value(7).toLongLong();
        r.organisationId = q.value(8).toLongLong();
        r.categoryId = q.value(9).toLongLong();
        r.createdAt = q.value(10).toLongLong();
        r.updatedAt = q.value(11).toLongLong();
        r.slaDueAt = q.value(12).toLongLong();
        r.slaWarnAt = q.value(13).toLongLong();
        rows.append(std::move(r));
    }
    return rows;
}

void LocalCache::setOwnAgent(qint64 agentId)
{
    m_parts->marks.setOwnAgent(agentId);
}

bool LocalCache::markSeen(qint64 ticketId, qint64 now)
{
    return m_parts->marks.markSeen(ticketId, now);
}

bool LocalCache::saveDraft(qint64 ticketId, const Draft &draft)
{
    return m_parts->drafts.save(ticketId, draft);
}

std::optional<Draft> LocalCache::draft(qint64 ticketId)
{
    return m_parts->drafts.draft(ticketId);
}

bool LocalCache::clearDraft(qint64 ticketId)
{
    return m_parts->drafts.clear(ticketId);
}

} // namespace Atiende::Client
