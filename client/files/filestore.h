#pragma once
// The console's own copies of files on tickets, in a folder beside the cache file
// (`<cache>.files/`), one per content under its SHA-256 (`ab/ab12...`), whatever name it had:
// every file the agent attaches (copied in, so moving or deleting the original changes
// nothing about a reply waiting to go) and every file fetched to be shown or saved.
//
// Why a store of its own: an agent works offline, so a reply's files must be on this computer
// until the server has them, and what the agent opened must stay openable; and a file is
// fetched once, not every time a ticket is shown. It stays within a size cap (a setting, 1 GiB
// by default) by evicting the least recently used copies, but never one an upload or a draft
// still needs, nor one the agent opened while offline (until the console is online again).
//
// Copies are written in partial/ first and renamed into place once whole, so a crash leaves no
// half file under a hash. A copy that went missing, or changed behind the store's back (its
// size or modification time differ from when it was stored, and it no longer hashes to its
// name), counts as not held and is forgotten. The records live in the cache (filerows.h).

#include "core/domain/attachment.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace Atiende::Client {

class LocalCache;

class FileStore
{
public:
    static constexpr qint64 kDefaultLimit = 1024LL * 1024 * 1024;
    // The setting the cap is kept under (Workspace::setting).
    static QString limitSetting() { return QStringLiteral("fileCacheLimit"); }

    // The store of the cache at cache->path(). Copies found in the folder without a record
    // (the cache was rebuilt) are recorded again, to be checked when first used; what a crash
    // left half-copied goes.
    explicit FileStore(LocalCache *cache);

    QString folder() const { return m_folder; }
    QString partialFolder() const;
    // Where the copy of this content is (whether or not it is held).
    QString pathOf(const QString &sha256) const;

    // Copies a file in, hashing it as it goes (never the whole file in memory), and tells the
    // media type from its content as the server does. nullopt with *error (English) when it
    // cannot be read, has no usable name or is larger than maxBytes.
    std::optional<Core::Attachment> addFile(const QString &path, qint64 maxBytes, QString *error);
    // The same for bytes (a pasted screenshot) under a name.
    std::optional<Core::Attachment> addData(
        const QByteArray &bytes, const QString &name, qint64 maxBytes, QString *error);
    // A finished download in partialFolder(), already checked against its hash: moved into
    // place and recorded as just used. The copy's path, or empty with *error.
    QString adopt(const QString &partialPath, const QString &sha256, qint64 size,
        const QString &mediaType, QString *error);

    // The copy when held and intact, marked used when markUsed; empty otherwise.
    QString copyOf(const QString &sha256, bool markUsed = true);
    bool holds(const QString &sha256) { return !copyOf(sha256, false).isEmpty(); }
    // The agent opened or saved it: used now and, when offline, pinned until online again.
    void markOpened(const QString &sha256, bool offline);
    // The console is online again: what was opened offline may be evicted again.
    void unpinAll();

    qint64 size();
    qint64 limit();
    void setLimit(qint64 bytes);
    // Evicts the least recently used copies nothing needs until the store is within its limit
    // (never keep, the copy just stored); gives the hashes that went.
    QStringList evict(const QString &keep = QString());
    // The copy goes when nothing needs it any more (the agent took a file off a reply).
    bool release(const QString &sha256);

    // The media type of content starting with head (the first 16 KiB are enough), as the
    // server tells it.
    static QString mediaTypeOf(const QByteArray &head);
    static constexpr int kHeadBytes = 16 * 1024;

private:
    // Moves a whole file from partial/ to its place and records it; its path or empty.
    QString place(const QString &temp, const QString &sha256, qint64 size, const QString &mediaType,
        QString *error);
    void drop(const QString &sha256);
    void reconcile();

    LocalCache *m_cache;
    QString m_folder;
};

} // namespace Atiende::Client
