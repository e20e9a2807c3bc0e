#pragma once
// What goes out by mail, queued inside the transaction of what it tells (MailStore's outbox),
// sent later by MailSender:
// - an agent's public reply on a ticket that came in by mail: to its requester, CC'd to the
//   ticket's CC list (never to the desk's own mailboxes or to agents); the reply's mail object
//   (state queued) is set and stored with it;
// - the acknowledgement of a new ticket opened by a person's mail: at most one per address per
//   day, never to automatic mail (a robot answering our acknowledgement gets nothing back).

#include "core/domain/article.h"
#include "core/domain/ticket.h"

#include <QString>

namespace Atiende::Server {
class Store;
}

namespace Atiende::Server::Mail {

class MailOutbox
{
public:
    static constexpr qint64 kAcknowledgeEveryMs = 24LL * 3600 * 1000;
    // False only when the store failed (the caller's transaction then rolls back).
    static bool queueReply(Store &s, const Core::Ticket &t, Core::Article &a, qint64 now);
    static bool queueAcknowledgement(
        Store &s, qint64 accountId, const Core::Ticket &t, const QString &address, qint64 now);
};

} // namespace Atiende::Server::Mail
