#pragma once
// Files on tickets as the console handles them: one the agent attached to a reply or note
// before sending it (copied into the console's own store, its hash known, its upload under way
// or done), and the outcome of fetching one to show or save.

#include "core/domain/attachment.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Atiende::Client {

// A file the agent attached and has not sent yet. The store keeps its own copy, so moving or
// deleting the original changes nothing; the reply or note that carries it names it by
// uploadId (chosen here), which makes sending it again after a drop harmless.
struct OutgoingFile
{
    QString uploadId;
    Core::Attachment file; // sha256, sanitised name, size, media type told from the content

    bool operator==(const OutgoingFile &o) const
    {
        return uploadId == o.uploadId && file == o.file;
    }
    bool operator!=(const OutgoingFile &o) const { return !(*this == o); }

    // As drafts and the outbox keep it: the Attachment's fields and uploadId.
    QJsonObject toJson() const
    {
        QJsonObject o = file.toJson();
        o.insert(QStringLiteral("uploadId"), uploadId);
        return o;
    }
    static OutgoingFile fromJson(const QJsonObject &o)
    {
        return { o.value(QStringLiteral("uploadId")).toString(), Core::Attachment::fromJson(o) };
    }
    static QJsonArray listToJson(const QList<OutgoingFile> &files)
    {
        QJsonArray a;
        for (const OutgoingFile &f : files)
            a.append(f.toJson());
        return a;
    }
    static QList<OutgoingFile> listFromJson(const QJsonArray &array)
    {
        QList<OutgoingFile> out;
        for (const QJsonValue &v : array)
            out.append(fromJson(v.toObject()));
        return out;
    }
};

// Where a file fetched for the agent is: a copy in the console's cache, to be read, shown or
// saved, never run.
struct FileFetch
{
    enum Error { None = 0, Offline = -1, LocalFailure = -2 }; // or a protocol error code
    QString sha256;
    QString path; // the cached copy; empty when it could not be fetched
    int errorCode = None; // Offline, LocalFailure (disk full, content not matching its hash), or
                          // the protocol's (not_found, forbidden)
    QString error; // English message
    bool ok() const { return !path.isEmpty(); }
};

// The limits the console checks before it takes a file (the server's defaults; the server
// checks again and its word is final).
struct FileLimits
{
    qint64 fileBytes = 25 * 1024 * 1024;
    int filesPerMessage = 20;
    qint64 messageBytes = 100 * 1024 * 1024;
};

} // namespace Atiende::Client
