#pragma once
// The article side of the e-mail channel: each article that came in or goes out as mail carries
// the wire's `mail` object (Core::ArticleMail, stored in articles.mail). mail_messages and
// mail_outbox stay the truth for threading and sending; the object is their copy for the
// consoles, written in the same transaction whenever they change and with a new sync revision,
// so a connected console gets an upsert of the article and a later pull gets it too. Also the
// three methods on a mail article: mail.message, mail.retry and articles.move.

#include "server/mail/inboundmail.h"
#include "server/store/caller.h"
#include "server/store/changeset.h"

#include "core/domain/articlemail.h"

namespace Atiende::Server {
class Store;
struct MailAccountRow;
struct OutboxRow;
} // namespace Atiende::Server

namespace Atiende::Server::Mail {

class MailArticles
{
public:
    // An arriving message as the article shows it.
    static Core::ArticleMail incoming(
        const InboundMail &mail, const QString &threadedBy, const QString &note, bool hasQuoted);
    // An agent's reply as its outbox row stands.
    static Core::ArticleMail outgoing(
        const MailAccountRow &account, const OutboxRow &row, const QString &subject);

    // After an outbox row changed (sent, failed, bounced, retried): its article's mail follows
    // (nothing for an acknowledgement, which has no article).
    static OpResult outboxChanged(Store &s, qint64 outboxId);

    // mail.message: {articleId, messageId, subject, quoted, html, rawSize}.
    static OpResult message(Store &s, const Caller &caller, qint64 articleId);
    // mail.retry: the article's failed or bounced mail is queued again now. {article}.
    static OpResult retry(Store &s, const Caller &caller, qint64 articleId, qint64 now);
    // articles.move, with the article's mail rows: {article, from, to}.
    static OpResult move(
        Store &s, const Caller &caller, qint64 articleId, qint64 toTicketId, qint64 now);
};

} // namespace Atiende::Server::Mail
