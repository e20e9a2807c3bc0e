#pragma once
// What the server sends, landing in the cache: a batch of sync changes (a pull's page or a
// push) applied in one transaction, each change only when newer than what is held, with the
// agent's waiting edits applied again on top; a ticket fetched outside sync under the same
// rule; and the forgetting of everything the server sent, for a resync.

#include <QJsonArray>
#include <QJsonObject>

namespace Atiende::Client {

class CacheDb;
class DirectoryRows;
class KbIndex;
class LocalEdits;
class TicketRows;
class UnreadMarks;
struct CacheDelta;

class ServerChanges
{
public:
    ServerChanges(CacheDb &db, TicketRows &rows, DirectoryRows &directory, KbIndex &kb,
        LocalEdits &edits, UnreadMarks &marks);

    // revision > 0: the batch brings the cache to it.
    bool apply(const QJsonArray &changes, qint64 revision, CacheDelta *delta);
    bool storeFetchedTicket(
        const QJsonObject &ticket, const QJsonArray &articles, qint64 rev, CacheDelta *delta);
    // Tickets, directory, KB and revision go; the outbox, conflicts and drafts stay.
    bool clear();

private:
    CacheDb &m_db;
    TicketRows &m_rows;
    DirectoryRows &m_directory;
    KbIndex &m_kb;
    LocalEdits &m_edits;
    UnreadMarks &m_marks;
};

} // namespace Atiende::Client
