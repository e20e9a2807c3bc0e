#pragma once
// The rules of opening a ticket (tickets.create), apart from storage: what a new ticket must
// say, where it may be filed and by whom, and the ticket it becomes (status from its owner,
// priority from the matrix, SLA clocks started). Routing and assignment stay with the store's
// RoutingStore; TicketStore asks them, checks the outcome here, and writes the row.

#include "slasetup.h"
#include "ticketlookups.h"
#include "ticketupdate.h"

#include "core/domain/prioritymatrix.h"
#include "core/domain/ticket.h"
#include "core/domain/ticketedits.h"

#include <optional>

namespace Atiende::Server {

// What tickets.create asks for: the console's own type (core/domain/ticketedits.h), one
// definition for both sides of the wire.
using NewTicket = Core::NewTicket;

class TicketCreation
{
public:
    static constexpr int kMaxSubject = TicketUpdate::kMaxSubject;
    static constexpr int kMaxBody = 256 * 1024;

    // The subject (trimmed into *subject) and the description's length.
    static std::optional<Refusal> checkText(const NewTicket &n, QString *subject);

    // The group it goes to when none was asked for and no routing rule chose one: the caller's
    // first group, else the desk's first group (0: the desk has none).
    static qint64 fallbackGroup(const Caller &caller, TicketLookups &lookups);

    // Whether the ticket may be filed in groupId (routed: chosen by a routing rule, so any
    // caller may), and its references: the category, the customer (whose organisation goes to
    // *organisationId) and the assignee, who must be an active member of the group.
    static std::optional<Refusal> checkPlacement(const Caller &caller, const NewTicket &n,
        qint64 groupId, bool routed, TicketLookups &lookups, qint64 *organisationId);

    // The new ticket (no id yet): assigned when it has an owner, new otherwise, its priority
    // from the matrix, its SLA clocks started when a policy applies, version 1.
    static Core::Ticket build(const Caller &caller, const NewTicket &n, const QString &subject,
        qint64 groupId, qint64 assigneeId, qint64 organisationId, qint64 sequence,
        const Core::PriorityMatrix &matrix, const SlaSetup &sla, qint64 now);
};

// The rules of answering a ticket (tickets.reply / a note), apart from storage.
class TicketReply
{
public:
    // The message: a reply or a note (events are the server's), not too long, and not empty
    // unless it carries files.
    static std::optional<Refusal> checkMessage(
        Core::ArticleKind kind, const QString &body, bool carriesFiles = false);
    // Whether the caller may write on the ticket now.
    static std::optional<Refusal> checkTicket(const Caller &caller, const Core::Ticket &t);

    struct Outcome
    {
        Core::Ticket after;
        bool firstResponse = false; // the desk's first public reply: the first-response clock stops
    };
    // The ticket once the message is written: first response stamped, replies counted, a new
    // version.
    static Outcome apply(
        const Core::Ticket &t, Core::ArticleKind kind, const SlaSetup &sla, qint64 now);
    // The journal lines of a written message (articleId is the new article's).
    static QList<AuditEntry> record(
        Core::ArticleKind kind, qint64 articleId, bool firstResponse, qint64 now);
};

} // namespace Atiende::Server
