#pragma once
// The bytes of files on tickets, in the data folder: `files/ab/cd/<sha256>` once per content,
// and `files/partial/<upload>.part` while an upload is under way. A file enters the store
// whole: written to its partial file, fsynced, renamed under its hash and the folder fsynced,
// before any database row names it. Thread-safe: the upload worker places files while the
// collector (on the main thread) deletes them; a hash being placed is never deleted.

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>

namespace Atiende::Server {

class BlobStore
{
public:
    explicit BlobStore(QString root);

    QString root() const { return m_root; }
    // Makes the folders. False with *error when the data folder cannot hold them.
    bool prepare(QString *error);

    QString pathOf(const QString &sha256) const;
    // The partial file of an upload (the id is the client's: it is hashed into the name).
    QString partPathOf(const QString &uploadId) const;
    bool contains(const QString &sha256) const;

    // Marks a hash as being placed (from before its partial file is renamed until the row
    // naming it has committed): the collector leaves it alone meanwhile.
    void beginPlacing(const QString &sha256);
    void endPlacing(const QString &sha256);
    // Moves a complete, checked partial file into place under its hash (an equal file already
    // there is kept and the partial one dropped). The partial file must have been synced.
    bool place(const QString &partPath, const QString &sha256, QString *error);
    // Deletes the bytes of a hash the database no longer names, unless it is being placed.
    bool remove(const QString &sha256);

    // At start, before anything is uploaded: deletes stored files no row names (a crash
    // between the rename and the commit) and partial files of uploads that are no longer open.
    // Returns how many files it deleted.
    int sweep(const QSet<QString> &storedHashes, const QSet<QString> &openUploadIds);

private:
    QString m_root;
    mutable QMutex m_mutex;
    QHash<QString, int> m_placing;
};

} // namespace Atiende::Server
