#include "attachmentstore.h"

#include "sqlcontext.h"

#include "server/files/filelimits.h"

#include <QSqlQuery>

namespace Atiende::Server {

using Core::Attachment;
using Core::Protocol::ErrorCode;
using Core::Protocol::onField;

namespace {

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', bytes % (1024 * 1024) ? 1 : 0);
}

} // namespace

AttachmentStore::AttachmentStore(SqlContext &ctx)
    : m_ctx(ctx)
{
}

std::optional<UploadRecord> AttachmentStore::upload(const QString &id)
{
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT agent_id, name, size, sha256, created_at, "
                                            "completed_at, expires_at FROM uploads WHERE id = ?"),
        { id });
    if (!q || !q->next())
        return std::nullopt;
    UploadRecord r;
    r.id = id;
    r.agentId = q->value(0).toLongLong();
    r.name = q->value(1).toString();
    r.size = q->value(2).toLongLong();
    r.sha256 = q->value(3).toString();
    r.createdAt = q->value(4).toLongLong();
    r.completedAt = q->value(5).toLongLong();
    r.expiresAt = q->value(6).toLongLong();
    q->finish();
    return r;
}

bool AttachmentStore::insertUpload(const UploadRecord &r)
{
    return m_ctx.exec(QStringLiteral("INSERT INTO uploads (id, agent_id, name, size, sha256, "
                                     "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        { r.id, r.agentId, r.name, r.size, r.sha256, r.createdAt, r.expiresAt });
}

bool AttachmentStore::forgetUpload(const QString &id)
{
    return m_ctx.exec(QStringLiteral("DELETE FROM uploads WHERE id = ?"), { id });
}

bool AttachmentStore::insertFile(const FileRecord &f)
{
    return m_ctx.exec(QStringLiteral("INSERT INTO files (sha256, size, media_type, created_at) "
                                     "VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"),
        { f.sha256, f.size, f.mediaType, f.createdAt });
}

bool AttachmentStore::completeUpload(const QString &id, const FileRecord &f, qint64 expiresAt)
{
    return insertFile(f)
        && m_ctx.exec(QStringLiteral("UPDATE uploads SET completed_at = ?, expires_at = ? "
                                     "WHERE id = ? AND completed_at IS NULL"),
            { f.createdAt, expiresAt, id });
}

std::optional<FileRecord> AttachmentStore::file(const QString &sha256)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT size, media_type, created_at FROM files WHERE sha256 = ?"),
        { sha256 });
    if (!q || !q->next())
        return std::nullopt;
    FileRecord f { sha256, q->value(0).toLongLong(), q->value(1).toString(),
        q->value(2).toLongLong() };
    q->finish();
    return f;
}

AttachmentStore::Access AttachmentStore::access(const Caller &caller, const QString &sha256)
{
    if (!file(sha256))
        return Access::NoSuchFile;
    if (caller.isAdmin())
        return Access::Allowed;
    // The tickets whose conversations carry it: one the caller may see is enough.
    QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT DISTINCT t.group_id, t.assignee_id FROM article_files f "
                                   "JOIN articles a ON a.id = f.article_id "
                                   "JOIN tickets t ON t.id = a.ticket_id WHERE f.sha256 = ?"),
            { sha256 });
    bool allowed = false;
    while (q && !allowed && q->next())
        allowed = caller.canSeeTicket(q->value(0).toLongLong(), q->value(1).toLongLong());
    if (q)
        q->finish();
    if (allowed)
        return Access::Allowed;
    const QVariant own = m_ctx.scalar(QStringLiteral("SELECT 1 FROM uploads WHERE sha256 = ? AND "
                                                     "agent_id = ? AND completed_at IS NOT NULL"),
        { sha256, caller.agentId });
    return own.isValid() ? Access::Allowed : Access::Forbidden;
}

std::optional<AttachmentStore::Refusal> AttachmentStore::resolve(const Caller &caller,
    const QStringList &uploadIds, const FileLimits &limits, qint64 now, QList<Attachment> *out)
{
    out->clear();
    QStringList ids;
    for (const QString &id : uploadIds) {
        if (!ids.contains(id))
            ids << id;
    }
    if (ids.size() > limits.maxArticleFiles)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("A message may carry at most %1 files.").arg(limits.maxArticleFiles),
            onField(QStringLiteral("attachments"),
                { { QStringLiteral("limit"), limits.maxArticleFiles } }) };
    qint64 total = 0;
    for (const QString &id : std::as_const(ids)) {
        const std::optional<UploadRecord> u = upload(id);
        if (!u || u->agentId != caller.agentId || u->expiresAt <= now)
            return Refusal { ErrorCode::ValidationFailed,
                QStringLiteral("There is no upload \"%1\" of yours; send the file again.").arg(id),
                onField(QStringLiteral("attachments"), { { QStringLiteral("uploadId"), id } }) };
        if (u->completedAt == 0)
            return Refusal { ErrorCode::ValidationFailed,
                QStringLiteral("The file \"%1\" has not been sent whole yet.").arg(u->name),
                onField(QStringLiteral("attachments"), { { QStringLiteral("uploadId"), id } }) };
        const std::optional<FileRecord> f = file(u->sha256);
        if (!f)
            return Refusal { ErrorCode::ValidationFailed,
                QStringLiteral("The file \"%1\" is gone; send it again.").arg(u->name),
                onField(QStringLiteral("attachments"), { { QStringLiteral("uploadId"), id } }) };
        total += f->size;
        out->append(Attachment { f->sha256, u->name, f->size, f->mediaType });
    }
    if (total > limits.maxArticleBytes)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("The files of one message may add up to %1 MiB; these are %2 MiB.")
                .arg(mib(limits.maxArticleBytes), mib(total)),
            onField(QStringLiteral("attachments"),
                { { QStringLiteral("limit"), double(limits.maxArticleBytes) } }) };
    return std::nullopt;
}

bool AttachmentStore::attach(
    qint64 articleId, const QList<Attachment> &files, qint64 uploaderAgentId, qint64 now)
{
    for (int i = 0; i < files.size(); ++i) {
        const Attachment &a = files.at(i);
        if (!m_ctx.exec(QStringLiteral("INSERT INTO article_files (article_id, position, sha256, "
                                       "name, size, media_type, uploader_agent_id, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                { articleId, i, a.sha256, a.name, a.size, a.mediaType, nullableId(uploaderAgentId),
                    now }))
            return false;
    }
    return true;
}

QStringList AttachmentStore::collect(qint64 now)
{
    QStringList gone;
    if (!m_ctx.exec(QStringLiteral("DELETE FROM uploads WHERE expires_at <= ?"), { now }))
        return gone;
    QSqlQuery *q = m_ctx.run(QStringLiteral(
        "SELECT sha256 FROM files f WHERE NOT EXISTS (SELECT 1 FROM article_files a WHERE "
        "a.sha256 = f.sha256) AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.sha256 = f.sha256)"));
    while (q && q->next())
        gone << q->value(0).toString();
    if (q)
        q->finish();
    for (const QString &sha : std::as_const(gone)) {
        if (!m_ctx.exec(QStringLiteral("DELETE FROM files WHERE sha256 = ?"), { sha }))
            return {};
    }
    return gone;
}

QSet<QString> AttachmentStore::storedHashes()
{
    QSet<QString> out;
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT sha256 FROM files"));
    while (q && q->next())
        out << q->value(0).toString();
    if (q)
        q->finish();
    return out;
}

QSet<QString> AttachmentStore::openUploadIds(qint64 now)
{
    QSet<QString> out;
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT id FROM uploads WHERE completed_at IS NULL AND expires_at > ?"),
        { now });
    while (q && q->next())
        out << q->value(0).toString();
    if (q)
        q->finish();
    return out;
}

} // namespace Atiende::Server
