#include "mailoutbox.h"

#include "server/mail/mailarticles.h"
#include "server/store/store.h"

#include "core/mail/subjecttag.h"

#include <QJsonArray>

namespace Atiende::Server::Mail {

bool MailOutbox::queueReply(Store &s, const Core::Ticket &t, Core::Article &a, qint64 now)
{
    const qint64 accountId = s.mail().accountOfTicket(t.id);
    if (!accountId)
        return true; // not a ticket from mail: nothing to send
    const auto customer = t.customerId ? s.directory().customer(t.customerId) : std::nullopt;
    const QString to = customer ? customer->email.toLower() : QString();
    QJsonArray cc;
    for (const QString &address : t.cc) {
        if (address == to || s.mail().isDeskAddress(address) || s.mail().agentByEmail(address))
            continue;
        cc.append(address);
    }
    if (to.isEmpty() && cc.isEmpty())
        return true;
    OutboxRow r;
    r.accountId = accountId;
    r.ticketId = t.id;
    r.articleId = a.id;
    r.kind = QStringLiteral("reply");
    // Without a requester's address (a ticket opened for someone else), the first CC'd person
    // is written to.
    r.toAddress = to.isEmpty() ? cc.takeAt(0).toString() : to;
    r.recipients = QJsonObject { { QStringLiteral("to"), QJsonArray { r.toAddress } },
        { QStringLiteral("cc"), cc } };
    r.nextAt = now;
    r.createdAt = now;
    const auto account = s.mail().account(accountId);
    if (!account || !s.mail().enqueue(r))
        return false;
    // The reply shows that it goes out by mail, to whom, and (from now on) how it stands.
    a.mail = MailArticles::outgoing(
        *account, r, Core::Mail::SubjectTag::tagged(t.number, t.subject, true));
    return s.tickets().storeArticleMail(a.id, a.mail);
}

bool MailOutbox::queueAcknowledgement(
    Store &s, qint64 accountId, const Core::Ticket &t, const QString &address, qint64 now)
{
    if (!accountId || address.isEmpty()
        || s.mail().acknowledgedSince(address, now - kAcknowledgeEveryMs))
        return true;
    OutboxRow r;
    r.accountId = accountId;
    r.ticketId = t.id;
    r.kind = QStringLiteral("ack");
    r.toAddress = address.toLower();
    r.recipients = QJsonObject { { QStringLiteral("to"), QJsonArray { r.toAddress } },
        { QStringLiteral("cc"), QJsonArray() } };
    r.nextAt = now;
    r.createdAt = now;
    return s.mail().enqueue(r) != 0;
}

} // namespace Atiende::Server::Mail
