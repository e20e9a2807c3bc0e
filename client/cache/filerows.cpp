#include "filerows.h"

#include "cachedb.h"
#include "cachejson.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Atiende::Client {

namespace {

QString stateName(UploadRow::State s)
{
    switch (s) {
    case UploadRow::State::Sending:
        return QStringLiteral("sending");
    case UploadRow::State::Complete:
        return QStringLiteral("complete");
    case UploadRow::State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("sending");
}

UploadRow::State stateFrom(const QString &s)
{
    if (s == QLatin1String("complete"))
        return UploadRow::State::Complete;
    if (s == QLatin1String("failed"))
        return UploadRow::State::Failed;
    return UploadRow::State::Sending;
}

const QString kUploadColumns = QStringLiteral(
    "upload_id, sha256, name, size, media_type, received, state, op_id, created_at");

UploadRow uploadFrom(const QSqlQuery &q)
{
    UploadRow r;
    r.file.uploadId = q.value(0).toString();
    r.file.file.sha256 = q.value(1).toString();
    r.file.file.name = q.value(2).toString();
    r.file.file.size = q.value(3).toLongLong();
    r.file.file.mediaType = q.value(4).toString();
    r.received = q.value(5).toLongLong();
    r.state = stateFrom(q.value(6).toString());
    r.opId = q.value(7).toString();
    r.createdAt = q.value(8).toLongLong();
    return r;
}

HeldFile heldFrom(const QSqlQuery &q)
{
    return HeldFile { q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(),
        q.value(3).toLongLong(), q.value(4).toInt() != 0, q.value(5).toLongLong() };
}

const QString kHeldColumns
    = QStringLiteral("sha256, size, media_type, last_used, pinned, modified_at");

} // namespace

FileRows::FileRows(CacheDb &db)
    : m_db(db)
{
}

qint64 FileRows::nextStamp()
{
    // Now, but after every copy used before: two files used in one millisecond keep their order.
    const qint64 last
        = m_db.scalar(QStringLiteral("SELECT MAX(last_used) FROM files")).toLongLong();
    return qMax(Core::Timestamp::now(), last + 1);
}

std::optional<HeldFile> FileRows::held(const QString &sha256)
{
    QSqlQuery *q = m_db.run(
        QStringLiteral("SELECT %1 FROM files WHERE sha256 = ?").arg(kHeldColumns), { sha256 });
    if (!q || !q->next())
        return std::nullopt;
    const HeldFile f = heldFrom(*q);
    q->finish();
    return f;
}

bool FileRows::hold(const HeldFile &f)
{
    return m_db.exec(
        QStringLiteral("INSERT INTO files (sha256, size, media_type, last_used, pinned, "
                       "modified_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
                       "size = excluded.size, media_type = excluded.media_type, last_used = "
                       "excluded.last_used, pinned = MAX(files.pinned, excluded.pinned), "
                       "modified_at = excluded.modified_at"),
        { f.sha256, f.size, f.mediaType, nextStamp(), f.pinned ? 1 : 0, f.modifiedAt });
}

bool FileRows::touch(const QString &sha256)
{
    return m_db.exec(
        QStringLiteral("UPDATE files SET last_used = ? WHERE sha256 = ?"), { nextStamp(), sha256 });
}

bool FileRows::pin(const QString &sha256)
{
    return m_db.exec(QStringLiteral("UPDATE files SET pinned = 1 WHERE sha256 = ?"), { sha256 });
}

bool FileRows::unpinAll()
{
    return m_db.exec(QStringLiteral("UPDATE files SET pinned = 0 WHERE pinned != 0"));
}

bool FileRows::forget(const QString &sha256)
{
    return m_db.exec(QStringLiteral("DELETE FROM files WHERE sha256 = ?"), { sha256 });
}

qint64 FileRows::heldBytes()
{
    return m_db.scalar(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM files")).toLongLong();
}

int FileRows::heldCount()
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM files")).toInt();
}

QSet<QString> FileRows::draftUploadIds()
{
    QSet<QString> ids;
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT files FROM drafts WHERE files != '[]'"));
    while (q && q->next()) {
        for (const QJsonValue &v : QJsonDocument::fromJson(q->value(0).toString().toUtf8()).array())
            ids.insert(v.toObject().value(QStringLiteral("uploadId")).toString());
    }
    if (q)
        q->finish();
    return ids;
}

QSet<QString> FileRows::draftHashes()
{
    QSet<QString> hashes;
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT files FROM drafts WHERE files != '[]'"));
    while (q && q->next()) {
        for (const QJsonValue &v : QJsonDocument::fromJson(q->value(0).toString().toUtf8()).array())
            hashes.insert(v.toObject().value(QStringLiteral("sha256")).toString());
    }
    if (q)
        q->finish();
    return hashes;
}

QList<HeldFile> FileRows::evictable()
{
    const QSet<QString> drafted = draftHashes();
    QList<HeldFile> out;
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT %1 FROM files f WHERE pinned = 0 AND NOT EXISTS "
                                           "(SELECT 1 FROM uploads u WHERE u.sha256 = f.sha256) "
                                           "ORDER BY last_used")
                                .arg(kHeldColumns));
    while (q && q->next()) {
        HeldFile f = heldFrom(*q);
        if (!drafted.contains(f.sha256))
            out.append(f);
    }
    if (q)
        q->finish();
    return out;
}

bool FileRows::isNeeded(const QString &sha256)
{
    return m_db.scalar(QStringLiteral("SELECT 1 FROM uploads WHERE sha256 = ? UNION ALL SELECT 1 "
                                      "FROM files WHERE sha256 = ? AND pinned != 0 LIMIT 1"),
                   { sha256, sha256 })
               .isValid()
        || draftHashes().contains(sha256);
}

bool FileRows::addUpload(const UploadRow &r)
{
    return m_db.exec(QStringLiteral("INSERT OR REPLACE INTO uploads (%1) VALUES (?, ?, ?, ?, ?, ?, "
                                    "?, ?, ?)")
                         .arg(kUploadColumns),
        { r.file.uploadId, r.file.file.sha256, r.file.file.name, r.file.file.size,
            r.file.file.mediaType, r.received, stateName(r.state),
            r.opId.isEmpty() ? QVariant() : QVariant(r.opId),
            r.createdAt ? r.createdAt : Core::Timestamp::now() });
}

std::optional<UploadRow> FileRows::upload(const QString &uploadId)
{
    QSqlQuery *q
        = m_db.run(QStringLiteral("SELECT %1 FROM uploads WHERE upload_id = ?").arg(kUploadColumns),
            { uploadId });
    if (!q || !q->next())
        return std::nullopt;
    const UploadRow r = uploadFrom(*q);
    q->finish();
    return r;
}

QList<UploadRow> FileRows::unfinishedUploads()
{
    QList<UploadRow> out;
    QSqlQuery *q = m_db.run(QStringLiteral(
        "SELECT %1 FROM uploads WHERE state = 'sending' ORDER BY created_at, upload_id")
                                .arg(kUploadColumns));
    while (q && q->next())
        out.append(uploadFrom(*q));
    if (q)
        q->finish();
    return out;
}

bool FileRows::setReceived(const QString &uploadId, qint64 received)
{
    return m_db.exec(QStringLiteral("UPDATE uploads SET received = ? WHERE upload_id = ?"),
        { received, uploadId });
}

bool FileRows::setState(
    const QString &uploadId, UploadRow::State state, qint64 received, const QString &mediaType)
{
    if (!mediaType.isEmpty()
        && !m_db.exec(QStringLiteral("UPDATE uploads SET media_type = ? WHERE upload_id = ?"),
            { mediaType, uploadId }))
        return false;
    return m_db.exec(
        QStringLiteral("UPDATE uploads SET state = ?, received = ? WHERE upload_id = ?"),
        { stateName(state), received, uploadId });
}

bool FileRows::removeUpload(const QString &uploadId)
{
    return m_db.exec(QStringLiteral("DELETE FROM uploads WHERE upload_id = ?"), { uploadId });
}

bool FileRows::noneSending(const QStringList &uploadIds)
{
    for (const QString &id : uploadIds) {
        if (m_db.scalar(QStringLiteral(
                            "SELECT 1 FROM uploads WHERE upload_id = ? AND state = 'sending'"),
                    { id })
                .isValid())
            return false;
    }
    return true;
}

bool FileRows::assignToOp(const QStringList &uploadIds, const QString &opId)
{
    for (const QString &id : uploadIds) {
        if (!m_db.exec(
                QStringLiteral("UPDATE uploads SET op_id = ? WHERE upload_id = ?"), { opId, id }))
            return false;
    }
    return true;
}

bool FileRows::finishOp(const QString &opId)
{
    QStringList hashes;
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT sha256 FROM uploads WHERE op_id = ?"), { opId });
    while (q && q->next())
        hashes << q->value(0).toString();
    if (q)
        q->finish();
    if (!m_db.exec(QStringLiteral("DELETE FROM uploads WHERE op_id = ?"), { opId }))
        return false;
    for (const QString &sha : std::as_const(hashes)) {
        if (!touch(sha))
            return false;
    }
    return true;
}

bool FileRows::renameOp(const QString &opId, const QString &newOpId)
{
    return m_db.exec(
        QStringLiteral("UPDATE uploads SET op_id = ? WHERE op_id = ?"), { newOpId, opId });
}

QStringList FileRows::dropUnnamedUploads()
{
    const QSet<QString> drafted = draftUploadIds();
    QStringList gone;
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT upload_id FROM uploads WHERE op_id IS NULL OR "
                                           "op_id NOT IN (SELECT op_id FROM outbox)"));
    while (q && q->next()) {
        const QString id = q->value(0).toString();
        if (!drafted.contains(id))
            gone << id;
    }
    if (q)
        q->finish();
    for (const QString &id : std::as_const(gone)) {
        if (!removeUpload(id))
            return {};
    }
    return gone;
}

} // namespace Atiende::Client
