#pragma once
// The console's offline copy of the desk: one SQLite file per user and server holding the
// tickets the agent may see with their conversations, the directory (customers,
// organisations, agents, groups, categories), the knowledge base with the same full-text
// ranking as the server, the outbox of edits not yet acknowledged, conflicts to show the
// agent, and the last server revision seen.
//
// Every edit is written to the cache and to the outbox in one transaction and shows at once
// (optimistically); server changes are applied only when newer than what the cache holds,
// and pending local edits are re-applied on top, so nothing the agent typed flickers away.
//
// This class is the facade the sync engine, the Workspace, the benchmarks and the tests use.
// The work is done by its parts, each in its own files beside this one and all on one
// connection with one statement cache (cachedb.h): the file and its schema (cacheschema.h),
// the ticket rows (ticketrows.h), what the server sends (serverchanges.h), the agent's edits
// (localedits.h), the outbox and the server's answers (outbox.h), conflicts (conflicts.h),
// the directory (directoryrows.h), the knowledge base (kbindex.h), the queue's rows
// (queuerows.h), unread marks (unreadmarks.h), drafts (drafts.h) and the records of files on
// tickets (filerows.h).

#include "cachedelta.h"
#include "cacheschema.h"
#include "conflicts.h"
#include "drafts.h"
#include "filerows.h"
#include "outbox.h"
#include "queuerows.h"
#include "ticketrows.h"

#include "core/domain/prioritymatrix.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>

namespace Atiende::Client {

class LocalCache
{
public:
    static constexpr int kSchemaVersion = CacheSchema::kVersion;

    using OpenReport = CacheOpenReport;

    // Opens or creates the cache at path. A corrupt, truncated or newer-version file is moved
    // aside (its outbox rescued when it can be read) and a fresh cache made in its place.
    static std::unique_ptr<LocalCache> open(
        const QString &path, OpenReport *report, QString *error);
    ~LocalCache();

    QString path() const { return m_path; }

    // Sync state.
    qint64 revision();
    bool setRevision(qint64 revision);
    QString meta(const QString &key);
    bool setMeta(const QString &key, const QString &value);
    void setPriorityMatrix(const Core::PriorityMatrix &m);

    // Applies server changes (sync.pull pages and sync.changed pushes), each only if newer
    // than what the cache holds, in one transaction; re-applies pending local edits on top.
    bool applyChanges(const QJsonArray &changes, qint64 revision, CacheDelta *delta);
    // A ticket fetched outside sync (tickets.get: the agent looked it up by number or found it
    // by searching) with its conversation and its rev in the sync feed, stored under the same
    // "only if newer" rule as sync changes, so later changes apply to it as to any other.
    bool storeFetchedTicket(
        const QJsonObject &ticket, const QJsonArray &articles, qint64 rev, CacheDelta *delta);
    // Drops a ticket and its conversation from this computer (drafts and unsent edits stay);
    // sync brings it back when it next changes. False when it was not held.
    bool forgetTicket(qint64 id, CacheDelta *delta);
    bool holdsTicket(qint64 id);
    // The ticket with this number as the server writes it ("INC-002751"); 0 when not held.
    qint64 ticketIdByNumber(const QString &number);
    // Forgets everything the server sent (tickets, directory, KB, revision) but keeps the
    // outbox and conflicts: for a resync after the server was restored from a backup.
    bool clearServerData();
    // A first snapshot into an empty cache: drop the secondary indexes while rows pour in,
    // build them once at the end. open() rebuilds any that a cut-short snapshot left out.
    bool beginBulkLoad();
    bool endBulkLoad();

    // Edits: cache and outbox in one transaction. Return the op id (empty on failure).
    // Creates and article additions get temporary negative ids until acknowledged.
    QString createTicket(const QJsonObject &params, qint64 now, qint64 *tempId, CacheDelta *delta);
    QString updateTicket(qint64 ticketId, const QJsonObject &fields, qint64 now, CacheDelta *delta);
    // With files (attached through the file store, each with its upload's row): the entry
    // carries them at once, the op names their uploads.
    QString addArticle(qint64 ticketId, const QString &kind, const QString &body, qint64 authorId,
        qint64 now, qint64 *tempId, CacheDelta *delta, const QList<OutgoingFile> &files = {});
    // tickets.escalate (params: kind, toGroupId?, reason?). Nothing moves in the cache: the
    // server picks the target (the next tier) and sends the outcome; until it answers, the
    // ticket shows pending. A refusal comes back as a conflict holding the request.
    QString escalate(qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta);

    QList<OutboxOp> outbox(int limit = 0); // oldest first; 0: all
    int outboxSize();
    bool markAttempt(const QString &opId);
    std::optional<OutboxOp> outboxOp(const QString &opId);
    // A reply refused because the server forgot one of its uploads goes again, once the upload
    // is made again, under a new op id (Outbox::renew); gives it.
    QString renewOp(const QString &opId);
    // The server answered an op: store its truth, map temporary ids, record conflicts or the
    // refusal, drop the op from the outbox.
    bool acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
        const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta);

    QList<Conflict> conflicts(qint64 ticketId = 0);
    bool resolveConflict(qint64 conflictId);

    // Reads for the facade.
    std::optional<QJsonObject> ticket(qint64 id);
    QJsonArray articles(qint64 ticketId);
    using Query = TicketQuery;
    QJsonArray tickets(const Query &q, int *total = nullptr);
    QJsonArray ticketsOfCustomer(qint64 customerId, qint64 organisationId, int limit);
    std::optional<QJsonObject> entity(const QString &kind, qint64 id);
    QJsonArray entities(const QString &kind);
    QJsonArray kbSearch(const QString &text, int limit); // same ranking and snippets as the server
    // Articles about what text is about (a ticket's subject): any of its keywords, best first;
    // the same result fields as kbSearch.
    QJsonArray kbRelated(const QString &text, int limit);
    std::optional<QJsonObject> kbArticle(qint64 id);
    int count(const QString &what); // "tickets", "articles", "kb", or an entity kind
    // Every entity of a kind by id -> name, without reading their JSON.
    const QHash<qint64, QString> &names(const QString &kind);

    // The queue: every ticket (ids empty) or just these.
    QList<QueueRow> queueRows(const QList<qint64> &ids = {});
    // Whose conversation entries count as news (everyone's but the agent's own).
    void setOwnAgent(qint64 agentId);
    // The agent opened the ticket: it is no longer unread.
    bool markSeen(qint64 ticketId, qint64 now);

    // Files on tickets: the copies held and the agent's uploads (filerows.h), for the file
    // store and the uploads of client/files, which keep the bytes beside the cache.
    FileRows &files();

    // Drafts: one per ticket, saved as the agent types.
    bool saveDraft(qint64 ticketId, const Draft &draft);
    std::optional<Draft> draft(qint64 ticketId);
    bool clearDraft(qint64 ticketId);

private:
    struct Parts;
    explicit LocalCache(const QString &path);

    QString m_path;
    std::unique_ptr<Parts> m_parts;
};

} // namespace Atiende::Client
