#pragma once
// The tickets and their conversations as the cache holds them: rows written only when newer
// than what is held (a push may overtake the pull that was running), with what the agent sees
// (their pending edits on top) beside the server's last word, the columns the queue reads and
// searches without parsing JSON, and the reads the facade answers from them. Applying a batch
// of server changes, and the agent's edits, work through these rows (serverchanges.h,
// localedits.h, outbox.h).

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Atiende::Client {

class CacheDb;
class DirectoryRows;
class UnreadMarks;
struct CacheDelta;

// A filtered, sorted page of the tickets held (LocalCache::Query).
struct TicketQuery
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

class TicketRows
{
public:
    TicketRows(CacheDb &db, DirectoryRows &directory, UnreadMarks &marks);

    // Writes a ticket (the server's, or what the agent sees with their edits when pending).
    // The IfNewer forms with onlyIfNewer write only when rev is newer than what is held: 1 if
    // written, 0 if the cache held something at least as new, -1 on failure.
    bool upsertTicket(const QJsonObject &t, qint64 rev, bool pending);
    int upsertTicketIfNewer(const QJsonObject &t, qint64 rev, bool pending, bool onlyIfNewer);
    bool upsertArticle(const QJsonObject &a, qint64 rev, bool pending);
    int upsertArticleIfNewer(const QJsonObject &a, qint64 rev, bool pending, bool onlyIfNewer);

    // The ticket and its conversation leave.
    bool removeTicket(qint64 id);
    // removeTicket in a transaction of its own, for a ticket held (delta says it went).
    bool forgetTicket(qint64 id, CacheDelta *delta);
    // An entry leaves when the server's change is newer than it (1), or not (0); -1 on failure.
    int removeArticleIfOlder(qint64 id, qint64 rev);
    // The ticket an entry belongs to here, 0 when the cache has no such entry.
    qint64 ticketOfArticle(qint64 id);
    // Every row the server sent goes; the tickets and entries made here stay.
    bool clearServerRows();

    // What the answer to an edit replaces: a temporary ticket row alone, a temporary entry,
    // the entries of a ticket, and entries moving to the ticket's real id.
    bool deleteTicketRow(qint64 id);
    bool deleteArticle(qint64 id);
    bool deleteArticlesOf(qint64 ticketId);
    bool moveArticles(qint64 fromTicketId, qint64 toTicketId);
    // Shown as waiting for the server (an escalation sent).
    bool markPending(qint64 id);

    bool holdsTicket(qint64 id);
    qint64 ticketIdByNumber(const QString &number);
    qint64 rev(qint64 id); // 0 when not held
    // The server's last word on the ticket, when it has said one.
    std::optional<QJsonObject> serverTicket(qint64 id);
    // The server's last word, or what the agent sees for a ticket made here.
    std::optional<QJsonObject> serverOrShownTicket(qint64 id);

    std::optional<QJsonObject> ticket(qint64 id);
    QJsonArray articles(qint64 ticketId);
    QJsonArray tickets(const TicketQuery &q, int *total = nullptr);
    QJsonArray ticketsOfCustomer(qint64 customerId, qint64 organisationId, int limit);

private:
    CacheDb &m_db;
    DirectoryRows &m_directory;
    UnreadMarks &m_marks;
};

} // namespace Atiende::Client
