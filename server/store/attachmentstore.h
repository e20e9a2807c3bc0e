#pragma once
// Files on tickets as rows: uploads (by the id their client chose), files (once per content,
// written only after the file is complete and in place) and the files each article carries.
// It answers who may read a file (anyone who may see a ticket whose conversation carries it,
// and its uploader) and decides what the collector may delete. The bytes themselves live in
// the data folder (server/files/blobstore.h); this class never touches them.

#include "caller.h"

#include "core/domain/attachment.h"
#include "core/protocol/errorcode.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace Atiende::Server {

class SqlContext;
struct FileLimits;

struct UploadRecord
{
    QString id; // chosen by the client, 1-64 characters
    qint64 agentId = 0;
    QString name; // sanitised
    qint64 size = 0;
    QString sha256; // what the client says the content hashes to
    qint64 createdAt = 0;
    qint64 completedAt = 0; // 0 while bytes are missing
    qint64 expiresAt = 0;
};

struct FileRecord
{
    QString sha256;
    qint64 size = 0;
    QString mediaType;
    qint64 createdAt = 0;
};

class AttachmentStore
{
public:
    explicit AttachmentStore(SqlContext &ctx);

    std::optional<UploadRecord> upload(const QString &id);
    bool insertUpload(const UploadRecord &r);
    bool forgetUpload(const QString &id);
    // The upload's bytes are complete, checked and in place: its file's row (made once per
    // content; an existing one stays as it is) and the upload done, kept until expiresAt.
    bool completeUpload(const QString &id, const FileRecord &file, qint64 expiresAt);

    std::optional<FileRecord> file(const QString &sha256);
    // A file the server itself placed (from a mail): its row, once per content.
    bool insertFile(const FileRecord &f);

    enum class Access { NoSuchFile, Forbidden, Allowed };
    // Anyone who may see a ticket whose conversation carries the file may read it, and so may
    // the agent who uploaded it.
    Access access(const Caller &caller, const QString &sha256);

    // For a new reply or note: the caller's finished uploads named by uploadIds, as the
    // article will carry them (in the order given, a repeated id once), within the limits.
    struct Refusal
    {
        Core::Protocol::ErrorCode code;
        QString message;
        QJsonObject data;
    };
    std::optional<Refusal> resolve(const Caller &caller, const QStringList &uploadIds,
        const FileLimits &limits, qint64 now, QList<Core::Attachment> *out);
    // Records that the article carries these files (inside the article's transaction).
    bool attach(
        qint64 articleId, const QList<Core::Attachment> &files, qint64 uploaderAgentId, qint64 now);

    // The collector's step, on the writer: forgets uploads past their time and the files
    // nothing refers to any more (no article, no upload kept). Returns the hashes whose bytes
    // may now be deleted, once this transaction commits.
    QStringList collect(qint64 now);
    // Every content hash with a row, for the start-up sweep of the files folder.
    QSet<QString> storedHashes();
    // Uploads still missing bytes and not expired, whose partial files the sweep keeps.
    QSet<QString> openUploadIds(qint64 now);

private:
    SqlContext &m_ctx;
};

} // namespace Atiende::Server
