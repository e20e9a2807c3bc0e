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

#include "core/domain/prioritymatrix.h"
#include "queuerow.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <memory>
#include <optional>

namespace Atiende::Client {

// What changed in the cache, so the UI can refresh just that.
struct CacheDelta
{
    QSet<qint64> tickets; // upserted or removed tickets (ids as the cache knows them)
    QSet<qint64> removedTickets;
    QSet<qint64> articleTickets; // tickets whose conversation changed
    QSet<QString> directory; // entity kinds that changed: "customer", "agent", ...
    QHash<qint64, qint64> renumbered; // temporary id -> the server's id, for tickets made offline
    bool kb = false;
    bool conflicts = false;
    bool outbox = false;
    bool isEmpty() const
    {
        return tickets.isEmpty() && removedTickets.isEmpty() && articleTickets.isEmpty()
            && directory.isEmpty() && renumbered.isEmpty() && !kb && !conflicts && !outbox;
    }
    void merge(const CacheDelta &o);
};

struct OutboxOp
{
    qint64 seq = 0;
    QString opId;
    QString method; // tickets.create, tickets.update, tickets.addArticle, tickets.escalate
    QJsonObject params;
    qint64 createdAt = 0;
    int attempts = 0;
    // The temporary (negative) ids this op refers to that are not yet known to the server.
    QList<qint64> dependsOn() const;
};

struct Conflict
{
    qint64 id = 0;
    qint64 ticketId = 0;
    QString field; // a ticket field, or empty for a refused edit
    QJsonValue yours;
    QJsonValue theirs;
    QString message; // why, in English (the UI translates from code)
    int code = 0; // protocol error code, 0 for a field conflict inside an applied edit
    qint64 createdAt = 0;
};

// A reply or note the agent is typing, kept as they type.
struct Draft
{
    QString kind; // reply or note
    QString body;
    qint64 updatedAt = 0;
};

class LocalCache
{
public:
    static constexpr int kSchemaVersion = 2;

    struct OpenReport
    {
        bool created = false; // a new, empty cache
        bool movedAside = false; // the old file was unreadable or from a newer version
        QString movedTo; // where it went
        QString reason; // why, for the log and the status bar
        int outboxSalvaged = 0; // edits rescued from the old file
    };

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
    void setPriorityMatrix(const Core::PriorityMatrix &m) { m_matrix = m; }

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
    QString addArticle(qint64 ticketId, const QString &kind, const QString &body, qint64 authorId,
        qint64 now, qint64 *tempId, CacheDelta *delta);
    // tickets.escalate (params: kind, toGroupId?, reason?). Nothing moves in the cache: the
    // server picks the target (the next tier) and sends the outcome; until it answers, the
    // ticket shows pending. A refusal comes back as a conflict holding the request.
    QString escalate(qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta);

    QList<OutboxOp> outbox(int limit = 0); // oldest first; 0: all
    int outboxSize();
    bool markAttempt(const QString &opId);
    // The server answered an op: store its truth, map temporary ids, record conflicts or the
    // refusal, drop the op from the outbox.
    bool acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
        const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta);

    QList<Conflict> conflicts(qint64 ticketId = 0);
    bool resolveConflict(qint64 conflictId);

    // Reads for the facade.
    std::optional<QJsonObject> ticket(qint64 id);
    QJsonArray articles(qint64 ticketId);
    struct Query
    {
        QList<QString> statuses;
        QList<qint64> groupIds;
        std::optional<qint64> assigneeId; // 0: unassigned
        qint64 customerId = 0;
        qint64 organisationId = 0;
        QString text; // number, subject, customer or organisation name
        bool openOnly = false;
        QString sort = QStringLiteral("updatedAt");
        bool descending = true;
        int offset = 0;
        int limit = 50;
    };
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
    void setOwnAgent(qint64 agentId) { m_ownAgent = agentId; }
    // The agent opened the ticket: it is no longer unread.
    bool markSeen(qint64 ticketId, qint64 now);

    // Drafts: one per ticket, saved as the agent types.
    bool saveDraft(qint64 ticketId, const Draft &draft);
    std::optional<Draft> draft(qint64 ticketId);
    bool clearDraft(qint64 ticketId);

private:
    LocalCache() = default;
    bool migrate(QString *error);
    bool upsertTicket(const QJsonObject &t, qint64 rev, bool pending);
    bool upsertArticle(const QJsonObject &a, qint64 rev, bool pending);
    // 1 if written, 0 if the cache held something at least as new, -1 on failure.
    int upsertTicketIfNewer(const QJsonObject &t, qint64 rev, bool pending, bool onlyIfNewer);
    int upsertArticleIfNewer(const QJsonObject &a, qint64 rev, bool pending, bool onlyIfNewer);
    bool removeTicket(qint64 id);
    void reapplyPending(qint64 ticketId);
    QJsonObject applyFields(QJsonObject ticket, const QJsonObject &fields) const;
    qint64 nextTempId();
    // Cached prepared statements: the cache applies hundreds of thousands of rows in a
    // snapshot, and preparing each statement anew would cost more than running it.
    QSqlQuery *run(const QString &sql, const QVariantList &values = {});
    bool exec(const QString &sql, const QVariantList &values = {});
    QVariant scalar(const QString &sql, const QVariantList &values = {});
    int changedRows(const QString &sql, const QVariantList &values); // -1 on failure
    QString nameOf(const QString &kind, qint64 id);
    QJsonArray kbMatch(const QString &match, int limit);
    qint64 seenBaseline();
    bool begin();
    bool beginEdit(); // a transaction that is durable (fsynced) when it commits
    bool commit();
    void rollback();

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_statements;
    bool m_durable = false;
    QHash<QString, QHash<qint64, QString>> m_names; // customer and organisation names, for search
    Core::PriorityMatrix m_matrix;
    qint64 m_ownAgent = 0;
    qint64 m_seenBaseline = -1; // read lazily from meta
};

} // namespace Atiende::Client
