#include "mailingest.h"

#include "server/mail/mailarticles.h"
#include "server/mail/mailoutbox.h"
#include "server/store/store.h"

#include "core/domain/ticketnumber.h"
#include "core/mail/language.h"
#include "core/mail/quotefolding.h"
#include "core/mail/subjecttag.h"

#include <QJsonArray>

namespace Atiende::Server::Mail {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {

QJsonArray addressList(const QList<Address> &list)
{
    QJsonArray out;
    for (const Address &a : list)
        out.append(a.address);
    return out;
}

// The customer who wrote: known by address, else a new one (named as the mail names them,
// in the organisation that owns the address's domain).
qint64 customerFor(Store &store, const InboundMail &mail, QList<Change> *changes)
{
    const Address &from = mail.from;
    if (from.address.isEmpty())
        return 0;
    if (const qint64 id = store.directory().customerIdByEmail(from.address))
        return id;
    Customer c;
    c.name = from.name.trimmed().isEmpty() ? from.address.section(QLatin1Char('@'), 0, 0)
                                           : from.name.trimmed();
    c.email = from.address;
    c.organisationId = store.mail().organisationForAddress(from.address);
    QString contentLanguage;
    for (const auto &[name, value] : mail.headers) {
        if (name.compare(QLatin1String("Content-Language"), Qt::CaseInsensitive) == 0)
            contentLanguage = value;
    }
    // Answered (acknowledgements, notifications) in the language they wrote in.
    c.language = Core::Mail::guessLanguage(contentLanguage, mail.subject, mail.text);
    return store.directory().createCustomer(c, changes);
}

QString articleBody(const ArrivedMail &m, QString *quoted)
{
    const Core::Mail::FoldedText folded = Core::Mail::foldQuotes(m.mail.text);
    QStringList hidden;
    if (!folded.quoted.isEmpty())
        hidden << folded.quoted;
    if (!folded.signature.isEmpty())
        hidden << QStringLiteral("-- \n") + folded.signature;
    *quoted = hidden.join(QStringLiteral("\n\n"));
    QString body = folded.fresh.trimmed();
    if (m.mail.automatic.isAutomatic())
        body = QStringLiteral("Automatic mail (%1: %2)\n\n%3")
                   .arg(Core::Mail::toString(m.mail.automatic.kind), m.mail.automatic.reason, body);
    QStringList problems = m.mail.problems;
    for (const QString &name : m.notPlaced)
        problems << QStringLiteral("the file %1 could not be kept").arg(name);
    if (!problems.isEmpty())
        body += QStringLiteral("\n\n_Not everything in this mail could be read: %1._")
                    .arg(problems.join(QStringLiteral("; ")));
    if (body.trimmed().isEmpty())
        body = m.files.isEmpty() ? QStringLiteral("(The mail had no text.)") : QString();
    return body;
}

qint64 idIn(const QJsonValue &v)
{
    return qint64(v.toObject().value(QStringLiteral("id")).toDouble());
}

} // namespace

OpResult MailIngest::apply(Store &store, const MailAccountRow &account, quint32 uidValidity,
    const QList<ArrivedMail> &batch, const ThreadingSettings &settings, qint64 now,
    IngestCounts *counts)
{
    OpResult out = OpResult::success(QJsonValue());
    const Caller desk { 0, Role::Admin, {} };
    quint32 lastUid = account.lastUid;
    for (const ArrivedMail &m : batch) {
        lastUid = qMax(lastUid, m.uid);
        const InboundMail &mail = m.mail;
        const ThreadDecision d = MailThreader::decide(store, mail, settings, now);
        if (d.kind == ThreadDecision::Kind::Duplicate) {
            ++counts->duplicates;
            continue;
        }
        // The message's row (taking over its ancestor row when it was known as one) and its raw
        // bytes, however it ends.
        const auto keep = [&](const MailMessageRow &row) {
            const qint64 id = d.knownAsReference ? store.mail().replaceReference(row)
                                                 : store.mail().insertMessage(row);
            return id && store.mail().keepRaw(id, m.raw);
        };
        MailMessageRow row;
        row.messageId = mail.messageId;
        row.direction = QStringLiteral("in");
        row.accountId = account.id;
        row.automatic
            = mail.automatic.isAutomatic() ? Core::Mail::toString(mail.automatic.kind) : QString();
        row.fromAddress = mail.from.address;
        row.recipients = QJsonObject { { QStringLiteral("to"), addressList(mail.to) },
            { QStringLiteral("cc"), addressList(mail.cc) } };
        row.subject = mail.subject;
        row.html = mail.html;
        row.note = d.note;
        row.createdAt = now;

        if (mail.automatic.kind == Core::Mail::AutoKind::Loop
            || store.mail().isDeskAddress(mail.from.address)) {
            // Our own mail came back (or the desk wrote to itself): kept for the record only.
            ++counts->loops;
            row.threadedBy = QStringLiteral("loop");
            row.automatic = Core::Mail::toString(Core::Mail::AutoKind::Loop);
            if (!keep(row))
                return OpResult::failure(ErrorCode::InternalError);
            continue;
        }

        if (store.mail().messagesFromSince(mail.from.address, now - 3600 * 1000)
            >= settings.quarantinePerHour) {
            // Kept (and counted, so the allowance stays spent) but written on no ticket.
            ++counts->quarantined;
            row.threadedBy = QStringLiteral("quarantine");
            row.note = QStringLiteral("%1 sent more than %2 mails within an hour.")
                           .arg(mail.from.address)
                           .arg(settings.quarantinePerHour);
            if (!keep(row))
                return OpResult::failure(ErrorCode::InternalError);
            continue;
        }

        for (const FileRecord &f : m.fileRecords) {
            if (!store.attachments().insertFile(f))
                return OpResult::failure(ErrorCode::InternalError);
        }
        const qint64 customerId = customerFor(store, mail, &out.changes);
        QString quoted;
        const QString body = articleBody(m, &quoted);
        row.quoted = quoted;

        // Who the ticket's mail goes to besides its requester: the people this mail went to (and
        // a sender answering for the requester), never the desk's own mailboxes. Automatic mail
        // (a bounce, an out-of-office) adds nobody.
        QStringList involved;
        if (!mail.automatic.isAutomatic()) {
            for (const Address &a : mail.to + mail.cc + QList<Address> { mail.from }) {
                const QString address = a.address.toLower();
                if (!address.isEmpty() && !involved.contains(address)
                    && !store.mail().isDeskAddress(address))
                    involved << address;
            }
        }

        qint64 ticketId = 0;
        qint64 articleId = 0;
        if (d.kind == ThreadDecision::Kind::NewTicket) {
            NewTicket n;
            n.type = TicketType::Incident;
            n.subject = Core::Mail::SubjectTag::clean(mail.subject).left(200).trimmed();
            if (n.subject.isEmpty())
                n.subject = QStringLiteral("(no subject)");
            n.description = body;
            n.channel = Channel::Email;
            n.customerId = customerId;
            involved.removeAll(mail.from.address.toLower()); // the requester
            OpResult created = store.tickets().create(
                desk, n, now, FileLimits(), account.groupId, m.files, involved);
            if (!created.ok)
                return created;
            const QJsonObject result = created.result.toObject();
            ticketId = idIn(result.value(QStringLiteral("ticket")));
            articleId = idIn(result.value(QStringLiteral("articles")).toArray().first());
            out.changes += created.changes;
            ++counts->created;
            // A person wrote: they hear that the desk has it (once a day at most).
            if (!mail.automatic.isAutomatic() && account.id
                && !store.mail().acknowledgedSince(
                    mail.from.address, now - MailOutbox::kAcknowledgeEveryMs)) {
                const auto made = store.tickets().ticket(ticketId);
                if (!made
                    || !MailOutbox::queueAcknowledgement(
                        store, account.id, *made, mail.from.address, now))
                    return OpResult::failure(ErrorCode::InternalError);
                ++counts->acknowledged;
            }
            if (d.linkedTicketId) {
                const auto linked = store.tickets().ticket(d.linkedTicketId);
                const auto made = store.tickets().ticket(ticketId);
                if (linked && made) {
                    OpResult here = store.tickets().addSystemEvent(ticketId,
                        QStringLiteral("Opened from a mail about %1. %2")
                            .arg(linked->number, d.note),
                        { { QStringLiteral("event"), QStringLiteral("mailLinked") },
                            { QStringLiteral("ticketId"), double(linked->id) } },
                        now);
                    OpResult there = store.tickets().addSystemEvent(linked->id,
                        QStringLiteral("A mail about this ticket opened %1.").arg(made->number),
                        { { QStringLiteral("event"), QStringLiteral("mailLinked") },
                            { QStringLiteral("ticketId"), double(ticketId) } },
                        now);
                    if (!here.ok || !there.ok)
                        return OpResult::failure(ErrorCode::InternalError);
                    out.changes += here.changes;
                    out.changes += there.changes;
                }
            }
            // Its thread's ancestors lead here too: a sibling reply in the same outside thread
            // (someone answering an earlier mail with the desk in CC) finds this ticket.
            if (!store.mail().addReferences(
                    ticketId, account.id, mail.references + mail.inReplyTo, now))
                return OpResult::failure(ErrorCode::InternalError);
        } else {
            ticketId = d.ticketId;
            const ArticleKind kind = mail.automatic.isAutomatic() ? ArticleKind::InternalNote
                                                                  : ArticleKind::PublicReply;
            OpResult added = store.tickets().addCustomerMessage(
                ticketId, customerId, kind, body, m.files, !mail.automatic.isAutomatic(), now);
            if (!added.ok)
                return added;
            articleId = idIn(added.result.toObject().value(QStringLiteral("article")));
            out.changes += added.changes;
            ++counts->threaded;
            // A reply-all brings its CC'd people into the ticket's CC list.
            if (const auto t = store.tickets().ticket(ticketId)) {
                const auto requester
                    = t->customerId ? store.directory().customer(t->customerId) : std::nullopt;
                if (requester)
                    involved.removeAll(requester->email.toLower());
                OpResult cc = store.tickets().addCc(ticketId, involved, now);
                if (!cc.ok)
                    return cc;
                out.changes += cc.changes;
            }
        }
        // The article shows how it came: from, to, cc, subject, how it was threaded.
        if (articleId) {
            OpResult shown = store.tickets().setArticleMail(
                articleId, MailArticles::incoming(mail, d.threadedBy, d.note, !quoted.isEmpty()));
            if (!shown.ok)
                return shown;
            out.changes += shown.changes;
        }
        if (mail.automatic.isAutomatic())
            ++counts->automatic;
        // A delivery report about mail we sent: the sent mail is marked bounced (its article
        // shows so), and the ticket says to whom it did not arrive.
        if (mail.automatic.kind == Core::Mail::AutoKind::Bounce
            && !mail.bouncedMessageId.isEmpty()) {
            if (const auto sent = store.mail().outboxByMessageId(mail.bouncedMessageId)) {
                const QString who = mail.bouncedRecipients.isEmpty()
                    ? sent->toAddress
                    : mail.bouncedRecipients.join(QStringLiteral(", "));
                const QString why
                    = QStringLiteral("returned by %1: %2").arg(mail.from.address, who);
                if (!store.mail().markBounced(sent->id, why))
                    return OpResult::failure(ErrorCode::InternalError);
                OpResult bounced = MailArticles::outboxChanged(store, sent->id);
                if (!bounced.ok)
                    return bounced;
                out.changes += bounced.changes;
                OpResult e = store.tickets().addSystemEvent(sent->ticketId,
                    QStringLiteral("The mail to %1 did not arrive (%2).").arg(who, why),
                    { { QStringLiteral("event"), QStringLiteral("mailBounced") },
                        { QStringLiteral("outboxId"), double(sent->id) },
                        { QStringLiteral("articleId"), double(sent->articleId) } },
                    now);
                if (!e.ok)
                    return e;
                out.changes += e.changes;
            }
        }
        counts->ticketIds << ticketId;

        row.ticketId = ticketId;
        row.articleId = articleId;
        row.threadedBy = d.threadedBy;
        if (!keep(row))
            return OpResult::failure(ErrorCode::InternalError);
    }
    if (account.id && !store.mail().setReadPosition(account.id, uidValidity, lastUid))
        return OpResult::failure(ErrorCode::InternalError);
    return out;
}

} // namespace Atiende::Server::Mail
