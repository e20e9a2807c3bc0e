#include "mailarticles.h"

#include "server/store/store.h"

#include "core/mail/automail.h"

#include <QJsonArray>

namespace Atiende::Server::Mail {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {

QStringList addressesOf(const QList<Address> &list)
{
    QStringList out;
    for (const Address &a : list)
        out << a.address.toLower();
    return out;
}

QStringList stringsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

QString named(const QString &name, const QString &address)
{
    const QString n = name.trimmed();
    return n.isEmpty() ? address : QStringLiteral("%1 <%2>").arg(n, address);
}

ArticleMail::State stateOf(const QString &s)
{
    if (s == QLatin1String("sent"))
        return ArticleMail::State::Sent;
    if (s == QLatin1String("failed"))
        return ArticleMail::State::Failed;
    if (s == QLatin1String("bounced"))
        return ArticleMail::State::Bounced;
    return ArticleMail::State::Queued;
}

// The article and its ticket, when the caller may read the ticket (tickets.get's rule).
OpResult visibleArticle(Store &s, const Caller &caller, qint64 articleId, Article *a, Ticket *t)
{
    const auto article = s.tickets().article(articleId);
    if (!article)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no article with id %1.").arg(articleId));
    const auto ticket = s.tickets().ticket(article->ticketId);
    if (!ticket)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no article with id %1.").arg(articleId));
    if (!caller.canSeeTicket(ticket->groupId, ticket->assigneeId))
        return OpResult::failure(ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(ticket->number));
    *a = *article;
    *t = *ticket;
    return OpResult::success(QJsonValue());
}

} // namespace

ArticleMail MailArticles::incoming(
    const InboundMail &mail, const QString &threadedBy, const QString &note, bool hasQuoted)
{
    ArticleMail m;
    m.direction = ArticleMail::Direction::In;
    m.from = named(mail.from.name, mail.from.address);
    m.to = addressesOf(mail.to);
    m.cc = addressesOf(mail.cc);
    m.subject = mail.subject;
    m.threadedBy = threadedBy;
    m.automatic
        = mail.automatic.isAutomatic() ? Core::Mail::toString(mail.automatic.kind) : QString();
    m.note = note;
    m.hasQuoted = hasQuoted;
    m.hasHtml = !mail.html.isEmpty();
    return m;
}

ArticleMail MailArticles::outgoing(
    const MailAccountRow &account, const OutboxRow &row, const QString &subject)
{
    ArticleMail m;
    m.direction = ArticleMail::Direction::Out;
    m.from = named(account.displayName, account.address);
    m.to = stringsOf(row.recipients.value(QStringLiteral("to")));
    m.cc = stringsOf(row.recipients.value(QStringLiteral("cc")));
    m.subject = subject;
    m.state = stateOf(row.state);
    m.error = row.lastError;
    m.attempts = row.attempts;
    m.sentAt = row.state == QLatin1String("sent") ? row.sentAt : 0;
    return m;
}

OpResult MailArticles::outboxChanged(Store &s, qint64 outboxId)
{
    const auto row = s.mail().outboxRow(outboxId);
    if (!row)
        return OpResult::failure(ErrorCode::InternalError);
    if (!row->articleId)
        return OpResult::success(QJsonValue()); // an acknowledgement: no article to tell
    const auto article = s.tickets().article(row->articleId);
    if (!article)
        return OpResult::success(QJsonValue()); // gone: nothing to show it on
    const auto account = s.mail().account(row->accountId);
    if (!account)
        return OpResult::failure(ErrorCode::InternalError);
    // The subject it went out with, else the one it was queued with.
    QString subject = article->mail ? article->mail->subject : QString();
    if (const auto sent = s.mail().messageOfArticle(row->articleId, QStringLiteral("out")))
        subject = sent->subject;
    return s.tickets().setArticleMail(row->articleId, outgoing(*account, *row, subject));
}

OpResult MailArticles::message(Store &s, const Caller &caller, qint64 articleId)
{
    Article a;
    Ticket t;
    if (OpResult r = visibleArticle(s, caller, articleId, &a, &t); !r.ok)
        return r;
    if (!a.mail)
        return OpResult::failure(ErrorCode::NotFound,
            QStringLiteral("Article %1 is no mail: it neither came in nor went out by e-mail.")
                .arg(articleId));
    QJsonObject out { { QStringLiteral("articleId"), double(articleId) } };
    if (a.mail->isIncoming()) {
        const auto m = s.mail().messageOfArticle(articleId, QStringLiteral("in"));
        if (!m)
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("The mail of article %1 is no longer kept.").arg(articleId));
        const auto raw = s.mail().raw(m->id);
        out.insert(QStringLiteral("messageId"), m->messageId);
        out.insert(QStringLiteral("subject"), m->subject);
        out.insert(QStringLiteral("quoted"), m->quoted);
        out.insert(QStringLiteral("html"), m->html);
        out.insert(QStringLiteral("rawSize"), double(raw ? raw->size() : 0));
    } else {
        // Our own mail: its Message-ID once it went out (our token), the subject it carried;
        // we keep neither quoted text nor the HTML we generated, nor its raw bytes.
        const auto sent = s.mail().messageOfArticle(articleId, QStringLiteral("out"));
        out.insert(QStringLiteral("messageId"), sent ? sent->messageId : QString());
        out.insert(QStringLiteral("subject"), sent ? sent->subject : a.mail->subject);
        out.insert(QStringLiteral("quoted"), QString());
        out.insert(QStringLiteral("html"), QString());
        out.insert(QStringLiteral("rawSize"), 0);
    }
    return OpResult::success(out);
}

OpResult MailArticles::retry(Store &s, const Caller &caller, qint64 articleId, qint64 now)
{
    Article a;
    Ticket t;
    if (OpResult r = visibleArticle(s, caller, articleId, &a, &t); !r.ok)
        return r;
    const QJsonObject onArticle = Protocol::onField(QStringLiteral("articleId"));
    if (!a.mail || a.mail->isIncoming())
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("Article %1 was not sent by mail; there is nothing to send again.")
                .arg(articleId),
            onArticle);
    qint64 retried = 0;
    QString state;
    for (const OutboxRow &row : s.mail().outboxOfArticle(articleId)) {
        state = row.state;
        if (row.state != QLatin1String("failed") && row.state != QLatin1String("bounced"))
            continue;
        if (!s.mail().retry(row.id, now))
            return OpResult::failure(ErrorCode::InternalError);
        retried = row.id;
    }
    if (!retried)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("The mail of article %1 did not fail (it is %2); there is nothing "
                           "to send again.")
                .arg(articleId)
                .arg(state.isEmpty() ? wireName(a.mail->state) : state),
            onArticle);
    OpResult out = outboxChanged(s, retried);
    if (!out.ok)
        return out;
    const auto after = s.tickets().article(articleId);
    if (!after)
        return OpResult::failure(ErrorCode::InternalError);
    out.result = QJsonObject { { QStringLiteral("article"), after->toJson() } };
    return out;
}

OpResult MailArticles::move(
    Store &s, const Caller &caller, qint64 articleId, qint64 toTicketId, qint64 now)
{
    OpResult out = s.tickets().moveArticle(caller, articleId, toTicketId, now);
    if (!out.ok)
        return out;
    const QJsonObject result = out.result.toObject();
    const qint64 to = qint64(
        result.value(QStringLiteral("to")).toObject().value(QStringLiteral("id")).toDouble());
    if (!s.mail().moveArticleMail(articleId, to))
        return OpResult::failure(ErrorCode::InternalError);
    if (toTicketId)
        return out;
    // A new ticket from a mail: its mail goes to the people that mail went to, as a ticket the
    // mail had opened would.
    const auto m = s.mail().messageOfArticle(articleId, QStringLiteral("in"));
    if (!m)
        return out;
    const auto ticket = s.tickets().ticket(to);
    const auto requester
        = ticket && ticket->customerId ? s.directory().customer(ticket->customerId) : std::nullopt;
    QStringList cc;
    for (const QString &key : { QStringLiteral("to"), QStringLiteral("cc") }) {
        for (const QString &address : stringsOf(m->recipients.value(key))) {
            if (s.mail().isDeskAddress(address)
                || (requester && requester->email.compare(address, Qt::CaseInsensitive) == 0))
                continue;
            cc << address;
        }
    }
    if (cc.isEmpty())
        return out;
    OpResult added = s.tickets().addCc(to, cc, now);
    if (!added.ok)
        return added;
    out.changes += added.changes;
    QJsonObject r = out.result.toObject();
    r.insert(QStringLiteral("to"), added.result.toObject().value(QStringLiteral("ticket")));
    out.result = r;
    return out;
}

} // namespace Atiende::Server::Mail
