#pragma once
// Replies and notes the agent is typing, one per ticket, saved as they type so that a crash or
// a restart loses none (nor the files attached to them: the file store keeps a file a draft
// names); a draft follows its ticket when a ticket made offline gets its real id.

#include "client/files/outgoingfile.h"

#include <QList>
#include <QString>
#include <optional>

namespace Atiende::Client {

class CacheDb;

// A reply or note the agent is typing, kept as they type.
struct Draft
{
    QString kind; // reply or note
    QString body;
    qint64 updatedAt = 0;
    QList<OutgoingFile> files; // attached and not sent yet, in the order attached
};

class Drafts
{
public:
    explicit Drafts(CacheDb &db);

    // An empty body without files clears the draft.
    bool save(qint64 ticketId, const Draft &draft);
    std::optional<Draft> draft(qint64 ticketId);
    bool clear(qint64 ticketId);
    bool renumber(qint64 tempId, qint64 realId);

private:
    CacheDb &m_db;
};

} // namespace Atiende::Client
