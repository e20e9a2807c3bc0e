#pragma once
// The e-mail channel's rows: desk mailboxes and where reading stands in each, every message
// seen or sent (by Message-ID: duplicates and threading), the raw messages (compressed), and
// the addresses a ticket's mail involves. Runs inside the store's transactions: a batch of mail
// becomes tickets, messages and the new read position in one commit.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Atiende::Server {

class SqlContext;

struct MailAccountRow
{
    qint64 id = 0;
    QString name; // short, unique: "support", "it-helpdesk"
    QString address; // replies go out from it; mail to it is the desk's
    QString displayName;
    qint64 groupId = 0; // new tickets from this mailbox go to this group
    QJsonObject imap; // ImapSettings without the password (MailAccounts converts)
    QString imapSecret; // the password sealed with the mail key (MailSecrets)
    QJsonObject smtp;
    QString smtpSecret;
    bool enabled = true;
    quint32 uidValidity = 0;
    quint32 lastUid = 0;
    qint64 createdAt = 0;
};

struct MailMessageRow
{
    qint64 id = 0;
    QString messageId; // without brackets
    QString direction; // "in", "out" or "ref" (an ancestor named in References)
    qint64 accountId = 0;
    qint64 ticketId = 0;
    qint64 articleId = 0;
    QString threadedBy;
    QString automatic;
    QString fromAddress;
    QJsonObject recipients; // {"to": [...], "cc": [...]} addresses
    QString subject;
    QString note; // what could not be read, or why it was threaded as it was
    QString quoted; // the quoted text and signature the article's body leaves out
    QString html; // the HTML part, sanitised (empty when the mail had none)
    qint64 createdAt = 0;
};

struct OutboxRow
{
    qint64 id = 0;
    qint64 accountId = 0;
    qint64 ticketId = 0;
    qint64 articleId = 0; // 0 for an acknowledgement
    QString kind; // "reply" (an agent's public reply), "ack" (a new ticket acknowledged)
    QString toAddress; // the first recipient (the requester)
    QJsonObject recipients; // {"to": [...], "cc": [...]}
    QString state = QStringLiteral("queued"); // queued, sent, failed, bounced
    int attempts = 0;
    qint64 nextAt = 0;
    QString lastError;
    QString messageId;
    qint64 createdAt = 0;
    qint64 sentAt = 0;
};

class MailStore
{
public:
    explicit MailStore(SqlContext &ctx);

    QList<MailAccountRow> accounts();
    std::optional<MailAccountRow> account(qint64 id);
    std::optional<MailAccountRow> accountByName(const QString &name);
    qint64 insertAccount(const MailAccountRow &a); // the new id, 0 on failure
    bool updateAccount(const MailAccountRow &a); // settings, secrets, enabled (not the position)
    bool setReadPosition(qint64 accountId, quint32 uidValidity, quint32 lastUid);
    // Whether an address is one of the desk's own mailboxes (mail from it is a loop).
    bool isDeskAddress(const QString &address);

    std::optional<MailMessageRow> message(const QString &messageId);
    // The nearest of ids (newest last, as References lists them) that is stored with a ticket.
    std::optional<MailMessageRow> nearestStored(const QStringList &ids);
    qint64 insertMessage(const MailMessageRow &m); // 0 on failure (a duplicate Message-ID too)
    // An arriving message that was known only as an ancestor ("ref"): becomes this message.
    // Its row id, 0 on failure.
    qint64 replaceReference(const MailMessageRow &m);
    // Ancestors of a ticket's first message, so that siblings in that thread find the ticket;
    // ids already stored are left alone.
    bool addReferences(qint64 ticketId, qint64 accountId, const QStringList &ids, qint64 now);
    bool keepRaw(qint64 messageRow, const QByteArray &raw); // compressed here
    std::optional<QByteArray> raw(qint64 messageRow);
    QList<MailMessageRow> messagesOfTicket(qint64 ticketId);

    // The message rows of an article (its arriving message, or what it went out as).
    std::optional<MailMessageRow> messageOfArticle(qint64 articleId, const QString &direction);
    // articles.move: the article's messages and outbox rows go with it to another ticket, so
    // replies in that thread land there; an arriving message's threaded_by becomes "moved".
    bool moveArticleMail(qint64 articleId, qint64 toTicketId);

    // The organisation whose domain is the address's (exact match, lower case), 0 when none.
    qint64 organisationForAddress(const QString &address);
    // The active agent with this e-mail address, 0 when none.
    qint64 agentByEmail(const QString &address);

    // The outbox.
    qint64 enqueue(const OutboxRow &r);
    QList<OutboxRow> dueMail(qint64 now, int limit);
    std::optional<OutboxRow> outboxRow(qint64 id);
    QList<OutboxRow> outboxOfTicket(qint64 ticketId);
    QList<OutboxRow> outboxOfArticle(qint64 articleId); // oldest first
    bool markSent(qint64 id, const QString &messageId, qint64 now);
    // Another try at nextAt, or (final) given up: the article shows the failure.
    bool markFailed(qint64 id, int attempts, qint64 nextAt, const QString &error, bool final);
    // The sent mail with this Message-ID (a bounce names it), if it went out through the outbox.
    std::optional<OutboxRow> outboxByMessageId(const QString &messageId);
    // A sent mail came back (a delivery report): bounced, with the report's reason.
    bool markBounced(qint64 id, const QString &error);
    // Sends a failed or bounced mail again now (an agent's retry); the last error is cleared.
    bool retry(qint64 id, qint64 now);
    bool acknowledgedSince(const QString &address, qint64 since);
    int messagesFromSince(const QString &address, qint64 since);
    // The mailbox a ticket's mail came in through (the first), 0 when none.
    qint64 accountOfTicket(qint64 ticketId);
    // The Message-IDs of a ticket's mail, oldest first, at most limit (the newest kept); the
    // last inbound one for In-Reply-To.
    QStringList messageIdsOfTicket(qint64 ticketId, int limit);
    QString lastInboundMessageId(qint64 ticketId);

private:
    SqlContext &m_ctx;
};

} // namespace Atiende::Server
