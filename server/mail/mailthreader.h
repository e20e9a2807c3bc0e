#pragma once
// Which ticket an arriving mail belongs to, in this order (issue 14, docs/mail.md):
//   1. its Message-ID is already stored: a duplicate (a second delivery), dropped;
//   2. our own signed token in In-Reply-To, then in References (the nearest first);
//   3. any stored Message-ID in In-Reply-To, then in References (the nearest first);
//   4. our ticket tag in the subject ("[INC-000123]"), accepted only from the ticket's
//      requester, an address on its mail (CC'd) or an agent; from anyone else a new ticket,
//      linked to the named one and flagged;
//   5. otherwise a new ticket.
// Then a found ticket that is closed, or resolved longer ago than the reopen window, gets a new
// ticket linked to it instead. Runs on the writer, inside the batch's transaction.

#include "server/mail/inboundmail.h"

#include <QByteArray>
#include <QString>

namespace Atiende::Server {
class Store;
}

namespace Atiende::Server::Mail {

struct ThreadingSettings
{
    QByteArray tokenKey; // the desk's secret for MessageToken
    int reopenDays = 14; // a reply this long after resolution still reopens the ticket
    // An address that sent more mail than this within an hour is quarantined: its further mail
    // is kept for an admin, not written on tickets (a loop with a robot, a flood).
    int quarantinePerHour = 30;
};

struct ThreadDecision
{
    enum class Kind {
        Duplicate, // seen before: nothing to write
        Existing, // an article on ticketId
        NewTicket, // a new ticket (linked to linkedTicketId when that is set)
    };
    Kind kind = Kind::NewTicket;
    qint64 ticketId = 0;
    qint64 linkedTicketId = 0;
    // How: "token", "in-reply-to", "references", "subject-tag", "new"; for a new ticket that
    // comes from a found one (a stranger's tag, a closed ticket): "new-linked".
    QString threadedBy;
    QString note; // why, in plain English, when it was not the obvious way
    bool knownAsReference = false; // its Message-ID was stored as an ancestor ("ref") only
};

class MailThreader
{
public:
    static ThreadDecision decide(
        Store &store, const InboundMail &mail, const ThreadingSettings &settings, qint64 now);
};

} // namespace Atiende::Server::Mail
