#pragma once
// The agent's edits as the cache shows them before the server answers. Each is written to the
// ticket's rows and to the outbox in one durable transaction and shows at once (optimistically,
// with what the server will decide, such as the priority, already applied); whatever the
// server sends for a ticket later, the edits still waiting for it are applied again on top, so
// nothing the agent typed flickers away. Creates and new entries get temporary negative ids
// until the server answers (outbox.h).

#include "client/files/outgoingfile.h"

#include "core/domain/prioritymatrix.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

namespace Atiende::Client {

class CacheDb;
class DirectoryRows;
class FileRows;
class TicketRows;
struct CacheDelta;

class LocalEdits
{
public:
    LocalEdits(CacheDb &db, TicketRows &rows, DirectoryRows &directory, FileRows &files);

    void setPriorityMatrix(const Core::PriorityMatrix &m) { m_matrix = m; }

    // Each returns the op id (empty on failure).
    QString createTicket(const QJsonObject &params, qint64 now, qint64 *tempId, CacheDelta *delta);
    QString updateTicket(qint64 ticketId, const QJsonObject &fields, qint64 now, CacheDelta *delta);
    // With files: the entry shows them at once, the op names their uploads (which the sync
    // engine waits for) and each upload's row records the op.
    QString addArticle(qint64 ticketId, const QString &kind, const QString &body, qint64 authorId,
        qint64 now, qint64 *tempId, CacheDelta *delta, const QList<OutgoingFile> &files = {});
    QString escalate(qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta);

    // The tickets with field edits (or an escalation) waiting, whose rows must show them on
    // top of what the server sends; and whether one ticket has any.
    QSet<qint64> ticketsWithPendingEdits();
    bool hasPendingEdits(qint64 ticketId);
    // Shows the ticket as the server last sent it with the edits still waiting on top.
    void reapplyPending(qint64 ticketId);

private:
    QJsonObject applyFields(QJsonObject ticket, const QJsonObject &fields) const;
    qint64 nextTempId();

    CacheDb &m_db;
    TicketRows &m_rows;
    DirectoryRows &m_directory;
    FileRows &m_files;
    Core::PriorityMatrix m_matrix;
};

} // namespace Atiende::Client
