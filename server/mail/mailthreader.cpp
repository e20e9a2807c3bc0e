#include "mailthreader.h"

#include "server/store/store.h"

#include "core/domain/ticketlifecycle.h"
#include "core/domain/ticketnumber.h"
#include "core/mail/messagetoken.h"
#include "core/mail/subjecttag.h"

namespace Atiende::Server::Mail {

using namespace Atiende::Core;
using Core::Mail::MessageToken;
using Core::Mail::SubjectTag;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// Whether an address may thread a mail onto a ticket by its subject tag alone.
bool isParticipant(Store &store, const Ticket &t, const QString &address)
{
    if (address.isEmpty())
        return false;
    if (t.customerId) {
        if (const auto c = store.directory().customer(t.customerId);
            c && c->email.compare(address, Qt::CaseInsensitive) == 0)
            return true;
    }
    return t.cc.contains(address.toLower()) || store.mail().agentByEmail(address) != 0;
}

} // namespace

ThreadDecision MailThreader::decide(
    Store &store, const InboundMail &mail, const ThreadingSettings &settings, qint64 now)
{
    ThreadDecision d;
    qint64 referenceTicket = 0; // the ticket whose thread named this message as an ancestor
    if (const auto seen = store.mail().message(mail.messageId)) {
        if (seen->direction != QLatin1String("ref")) {
            d.kind = ThreadDecision::Kind::Duplicate;
            d.ticketId = seen->ticketId;
            return d;
        }
        d.knownAsReference = true;
        referenceTicket = seen->ticketId;
    }

    qint64 found = 0;
    // A bounce names the message that failed; everything else its parents.
    QStringList parents = mail.inReplyTo;
    if (!mail.bouncedMessageId.isEmpty())
        parents.prepend(mail.bouncedMessageId);
    // Our token names the ticket and article a mail of ours was about; an agent may have moved
    // that article since (articles.move): its ticket now is the one.
    const auto tokenTicket = [&](const MessageToken::Parsed &p) {
        if (const auto a = p.articleId ? store.tickets().article(p.articleId) : std::nullopt)
            return a->ticketId;
        return p.ticketId;
    };
    // A parent an agent moved to another ticket leads there, before any older token in the
    // thread (which still names the ticket the thread was on).
    const auto movedParent = store.mail().nearestStored(parents);
    if (movedParent && movedParent->threadedBy == QLatin1String("moved")) {
        found = movedParent->ticketId;
        d.threadedBy = QStringLiteral("in-reply-to");
    } else if (const auto t = MessageToken::findInChain(parents, settings.tokenKey)) {
        found = tokenTicket(*t);
        d.threadedBy = QStringLiteral("token");
    } else if (const auto r = MessageToken::findInChain(mail.references, settings.tokenKey)) {
        found = tokenTicket(*r);
        d.threadedBy = QStringLiteral("token");
    } else if (movedParent) {
        found = movedParent->ticketId;
        d.threadedBy = QStringLiteral("in-reply-to");
    } else if (const auto m = store.mail().nearestStored(mail.references)) {
        found = m->ticketId;
        d.threadedBy = QStringLiteral("references");
    } else if (d.knownAsReference) {
        // Known as the ancestor of a thread a ticket came from: that ticket.
        found = referenceTicket;
        d.threadedBy = QStringLiteral("references");
    }
    std::optional<Ticket> ticket = found ? store.tickets().ticket(found) : std::nullopt;
    if (found && !ticket) {
        d.note = QStringLiteral("its thread names a ticket that no longer exists");
        d.threadedBy.clear();
    }

    if (!ticket) {
        if (const auto tag = SubjectTag::find(mail.subject)) {
            const QString number = TicketNumber::format(tag->type, tag->sequence);
            const auto byNumber
                = store.tickets().getByNumber(Server::Caller { 0, Role::Admin, {} }, number);
            const qint64 taggedId = byNumber.ok ? qint64(byNumber.result.toObject()
                                                             .value(QStringLiteral("ticket"))
                                                             .toObject()
                                                             .value(QStringLiteral("id"))
                                                             .toDouble())
                                                : 0;
            if (taggedId) {
                const std::optional<Ticket> tagged = store.tickets().ticket(taggedId);
                if (tagged && isParticipant(store, *tagged, mail.from.address)) {
                    ticket = tagged;
                    d.threadedBy = QStringLiteral("subject-tag");
                } else if (tagged) {
                    d.kind = ThreadDecision::Kind::NewTicket;
                    d.linkedTicketId = tagged->id;
                    d.threadedBy = QStringLiteral("new-linked");
                    d.note = QStringLiteral("The subject names %1, but %2 is not its requester, "
                                            "on its mail or an agent.")
                                 .arg(number, mail.from.address);
                    return d;
                }
            }
        }
    }

    if (!ticket) {
        d.kind = ThreadDecision::Kind::NewTicket;
        d.threadedBy = QStringLiteral("new");
        return d;
    }

    // A closed ticket stays closed; a resolved one reopens within the window.
    const bool closed = ticket->status == TicketStatus::Closed;
    const bool longResolved = ticket->status == TicketStatus::Resolved
        && now - ticket->updatedAt > qint64(settings.reopenDays) * kDayMs;
    if (closed || longResolved) {
        d.kind = ThreadDecision::Kind::NewTicket;
        d.linkedTicketId = ticket->id;
        d.note = closed
            ? QStringLiteral("%1 is closed: a new ticket, linked to it.").arg(ticket->number)
            : QStringLiteral("%1 was resolved more than %2 days ago: a new ticket, "
                             "linked to it.")
                  .arg(ticket->number)
                  .arg(settings.reopenDays);
        d.threadedBy = QStringLiteral("new-linked");
        return d;
    }
    d.kind = ThreadDecision::Kind::Existing;
    d.ticketId = ticket->id;
    return d;
}

} // namespace Atiende::Server::Mail
