#pragma once
// Files on tickets as the offline cache records them: the copies this computer holds (one per
// content, with when each was last used and whether the agent opened it while offline, which
// is what the file store's eviction goes by) and the agent's uploads (the file each sends,
// what the server holds of it, and the reply or note waiting for it in the outbox). Kept in
// the cache file so that they survive a restart in step with the outbox: an edit naming an
// upload and the upload's row are written in one transaction. The bytes live beside the
// cache (client/files/filestore.h); this class never touches them.

#include "client/files/outgoingfile.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace Atiende::Client {

class CacheDb;

// A copy of a file this computer holds.
struct HeldFile
{
    QString sha256;
    qint64 size = 0;
    QString mediaType;
    qint64 lastUsed = 0; // ms; strictly increasing between files, so the order is total
    bool pinned = false; // opened while offline: kept until the console is online again
    qint64 modifiedAt = 0; // the copy's modification time when stored (ms), to notice a change
};

// One file the agent attached, on its way to the server.
struct UploadRow
{
    enum class State {
        Sending, // the server lacks bytes of it (or has not been asked yet)
        Complete, // the server said complete: a reply or note may name it
        Failed, // the server refused it for good (uploadFailed said why)
    };
    OutgoingFile file;
    qint64 received = 0; // bytes the server holds
    State state = State::Sending;
    QString opId; // the outbox op of the reply or note carrying it; empty while not sent
    qint64 createdAt = 0;
};

class FileRows
{
public:
    explicit FileRows(CacheDb &db);

    // Held copies.
    std::optional<HeldFile> held(const QString &sha256);
    // Records a copy (or updates it), as the most recently used.
    bool hold(const HeldFile &file);
    // The copy was used now (shown, saved, sent): it moves to the back of the eviction queue.
    bool touch(const QString &sha256);
    bool pin(const QString &sha256);
    bool unpinAll();
    bool forget(const QString &sha256);
    qint64 heldBytes();
    int heldCount();
    // Copies that may go, least recently used first: not pinned, named by no upload (waiting
    // to be sent or attached to a reply being written) and by no draft.
    QList<HeldFile> evictable();
    // Something still needs this content: an upload, a draft, or a pin.
    bool isNeeded(const QString &sha256);

    // Uploads.
    bool addUpload(const UploadRow &row);
    std::optional<UploadRow> upload(const QString &uploadId);
    // Those the server still lacks bytes of, oldest first.
    QList<UploadRow> unfinishedUploads();
    bool setReceived(const QString &uploadId, qint64 received);
    bool setState(const QString &uploadId, UploadRow::State state, qint64 received,
        const QString &mediaType = QString());
    bool removeUpload(const QString &uploadId);
    // None of these uploads is still sending (a reply naming them may go; a failed one goes
    // too, to be refused by the server with the rest of its reply).
    bool noneSending(const QStringList &uploadIds);
    // The outbox's side, inside its transactions: a reply or note now carries these uploads;
    // its op was answered (the uploads are done with; their copies become ordinary held files,
    // just used); or its op id changed (sent again after its upload was made again).
    bool assignToOp(const QStringList &uploadIds, const QString &opId);
    bool finishOp(const QString &opId);
    bool renameOp(const QString &opId, const QString &newOpId);
    // At open: uploads that no draft and no outbox op names (attached to a reply that was
    // closed unsent, or before a crash) go; gives their ids.
    QStringList dropUnnamedUploads();

private:
    QSet<QString> draftUploadIds();
    QSet<QString> draftHashes();
    qint64 nextStamp();

    CacheDb &m_db;
};

} // namespace Atiende::Client
