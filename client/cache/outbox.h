#pragma once
// The outbox: the agent's edits waiting for the server, oldest first, kept until the server
// has answered each (its operation id makes a repeat harmless), surviving restarts and even a
// cache file that had to be set aside. An answer stores the server's truth, gives what was made
// offline its real id (and everything that named the temporary one), and keeps what the server
// did not take as conflicts for the agent (conflicts.h).

#include "client/files/outgoingfile.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Atiende::Client {

class CacheDb;
class Conflicts;
class Drafts;
class FileRows;
class LocalEdits;
class TicketRows;
class UnreadMarks;
struct CacheDelta;

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
    // The uploads a reply or note carries (its `attachments`), and the files behind them.
    QStringList uploadIds() const;
    QList<OutgoingFile> files() const;
};

class Outbox
{
public:
    Outbox(CacheDb &db, TicketRows &rows, LocalEdits &edits, Conflicts &conflicts, Drafts &drafts,
        UnreadMarks &marks, FileRows &files);

    QList<OutboxOp> list(int limit = 0); // oldest first; 0: all
    int size();
    bool markAttempt(const QString &opId);
    // The server answered an op: store its truth, map temporary ids, record conflicts or the
    // refusal, drop the op from the outbox.
    bool acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
        const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta);
    // Puts edits rescued from a file set aside into this (fresh) outbox, with temporary ids
    // that new ones will not collide with; gives how many were put.
    int restore(const QList<OutboxOp> &rescued);
    std::optional<OutboxOp> find(const QString &opId);
    // The server refused a reply because it had forgotten one of its uploads (kept a day when
    // nothing names them): the upload is being made again, and the reply must then go as a new
    // operation, since the server answers a known op id with its first answer. Nothing of the
    // refused one was applied, so the reply still goes exactly once. Gives the new op id (empty
    // on failure); the op's `reuploads` counts how often this happened.
    QString renew(const QString &opId);

private:
    CacheDb &m_db;
    TicketRows &m_rows;
    LocalEdits &m_edits;
    Conflicts &m_conflicts;
    Drafts &m_drafts;
    UnreadMarks &m_marks;
    FileRows &m_files;
};

} // namespace Atiende::Client
