#pragma once
// A batch of arrived mail becomes tickets and articles in one transaction on the writer: each
// message threaded (MailThreader), its customer found or created (an organisation by the
// address's domain), its article written with its files, its Message-ID, addresses and raw
// bytes kept, and the mailbox's read position moved past the batch, so a crash before the
// commit reads the batch again and a crash after it never does.

#include "server/mail/inboundmail.h"
#include "server/mail/mailthreader.h"
#include "server/store/attachmentstore.h"
#include "server/store/changeset.h"

#include "core/domain/attachment.h"

#include <QList>

namespace Atiende::Server {
class Store;
struct MailAccountRow;
} // namespace Atiende::Server

namespace Atiende::Server::Mail {

struct ArrivedMail
{
    quint32 uid = 0;
    QByteArray raw;
    InboundMail mail;
    // Its files, already in the blob store (placed and synced) with their rows to write.
    QList<Core::Attachment> files;
    QList<FileRecord> fileRecords;
    QStringList notPlaced; // files that could not be kept, for the article's note
};

struct IngestCounts
{
    int created = 0; // new tickets
    int threaded = 0; // articles on existing tickets
    int duplicates = 0;
    int automatic = 0; // of those created or threaded
    int loops = 0; // our own mail come back: kept, not written on a ticket
    int quarantined = 0; // from an address over its hourly allowance: kept for an admin
    int acknowledged = 0; // acknowledgements queued
    QList<qint64> ticketIds; // the tickets written on, in order
};

class MailIngest
{
public:
    // Inside the writer's transaction. accountId 0: mail given by an admin command (no mailbox,
    // no read position).
    static OpResult apply(Store &store, const MailAccountRow &account, quint32 uidValidity,
        const QList<ArrivedMail> &batch, const ThreadingSettings &settings, qint64 now,
        IngestCounts *counts);
};

} // namespace Atiende::Server::Mail
