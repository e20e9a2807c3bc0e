#include "localcache.h"

#include "cachedb.h"
#include "directoryrows.h"
#include "filerows.h"
#include "kbindex.h"
#include "localedits.h"
#include "serverchanges.h"
#include "unreadmarks.h"

namespace Atiende::Client {

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
        , files(db)
        , rows(db, directory, marks)
        , edits(db, rows, directory, files)
        , outbox(db, rows, edits, conflicts, drafts, marks, files)
        , changes(db, rows, directory, kb, edits, marks)
        , queue(db, marks)
    {
    }

    CacheDb db;
    CacheSchema schema;
    DirectoryRows directory;
    KbIndex kb;
    UnreadMarks marks;
    Drafts drafts;
    Conflicts conflicts;
    FileRows files;
    TicketRows rows;
    LocalEdits edits;
    Outbox outbox;
    ServerChanges changes;
    QueueRows queue;
};

LocalCache::LocalCache(const QString &path)
    : m_path(path)
    , m_parts(std::make_unique<Parts>(path))
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
    qint64 authorId, qint64 now, qint64 *tempId, CacheDelta *delta,
    const QList<OutgoingFile> &files)
{
    return m_parts->edits.addArticle(ticketId, kind, body, authorId, now, tempId, delta, files);
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

std::optional<OutboxOp> LocalCache::outboxOp(const QString &opId)
{
    return m_parts->outbox.find(opId);
}

QString LocalCache::renewOp(const QString &opId)
{
    return m_parts->outbox.renew(opId);
}

FileRows &LocalCache::files()
{
    return m_parts->files;
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

QList<QueueRow> LocalCache::queueRows(const QList<qint64> &ids)
{
    return m_parts->queue.queueRows(ids);
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
