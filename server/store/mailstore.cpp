#include "mailstore.h"

#include "sqlcontext.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace Atiende::Server {

namespace {

const QString kAccountColumns
    = QStringLiteral("id, name, address, display_name, group_id, imap, imap_secret, smtp, "
                     "smtp_secret, enabled, uid_validity, last_uid, created_at");
const QString kMessageColumns
    = QStringLiteral("id, message_id, direction, COALESCE(account_id, 0), COALESCE(ticket_id, 0), "
                     "COALESCE(article_id, 0), threaded_by, automatic, from_address, recipients, "
                     "subject, note, quoted, html, created_at");

QJsonObject objectOf(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QString textOf(const QJsonObject &o)
{
    return o.isEmpty() ? QString()
                       : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

MailAccountRow accountFrom(const QSqlQuery &q)
{
    MailAccountRow a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.address = q.value(2).toString();
    a.displayName = q.value(3).toString();
    a.groupId = q.value(4).toLongLong();
    a.imap = objectOf(q.value(5));
    a.imapSecret = q.value(6).toString();
    a.smtp = objectOf(q.value(7));
    a.smtpSecret = q.value(8).toString();
    a.enabled = q.value(9).toInt() != 0;
    a.uidValidity = quint32(q.value(10).toLongLong());
    a.lastUid = quint32(q.value(11).toLongLong());
    a.createdAt = q.value(12).toLongLong();
    return a;
}

MailMessageRow messageFrom(const QSqlQuery &q)
{
    MailMessageRow m;
    m.id = q.value(0).toLongLong();
    m.messageId = q.value(1).toString();
    m.direction = q.value(2).toString();
    m.accountId = q.value(3).toLongLong();
    m.ticketId = q.value(4).toLongLong();
    m.articleId = q.value(5).toLongLong();
    m.threadedBy = q.value(6).toString();
    m.automatic = q.value(7).toString();
    m.fromAddress = q.value(8).toString();
    m.recipients = objectOf(q.value(9));
    m.subject = q.value(10).toString();
    m.note = q.value(11).toString();
    m.quoted = q.value(12).toString();
    m.html = q.value(13).toString();
    m.createdAt = q.value(14).toLongLong();
    return m;
}

const QString kOutboxColumns
    = QStringLiteral("id, account_id, ticket_id, COALESCE(article_id, 0), kind, to_address, "
                     "recipients, state, attempts, next_at, last_error, message_id, created_at, "
                     "COALESCE(sent_at, 0)");

OutboxRow outboxFrom(const QSqlQuery &q)
{
    OutboxRow r;
    r.id = q.value(0).toLongLong();
    r.accountId = q.value(1).toLongLong();
    r.ticketId = q.value(2).toLongLong();
    r.articleId = q.value(3).toLongLong();
    r.kind = q.value(4).toString();
    r.toAddress = q.value(5).toString();
    r.recipients = objectOf(q.value(6));
    r.state = q.value(7).toString();
    r.attempts = q.value(8).toInt();
    r.nextAt = q.value(9).toLongLong();
    r.lastError = q.value(10).toString();
    r.messageId = q.value(11).toString();
    r.createdAt = q.value(12).toLongLong();
    r.sentAt = q.value(13).toLongLong();
    return r;
}

} // namespace

MailStore::MailStore(SqlContext &ctx)
    : m_ctx(ctx)
{
}

QList<MailAccountRow> MailStore::accounts()
{
    QList<MailAccountRow> out;
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT %1 FROM mail_accounts ORDER BY id").arg(kAccountColumns));
    while (q && q->next())
        out << accountFrom(*q);
    return out;
}

std::optional<MailAccountRow> MailStore::account(qint64 id)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT %1 FROM mail_accounts WHERE id = ?").arg(kAccountColumns), { id });
    if (q && q->next())
        return accountFrom(*q);
    return std::nullopt;
}

std::optional<MailAccountRow> MailStore::accountByName(const QString &name)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT %1 FROM mail_accounts WHERE name = ?").arg(kAccountColumns),
        { name });
    if (q && q->next())
        return accountFrom(*q);
    return std::nullopt;
}

qint64 MailStore::insertAccount(const MailAccountRow &a)
{
    return m_ctx.insert(
        QStringLiteral("INSERT INTO mail_accounts (name, address, display_name, group_id, imap, "
                       "imap_secret, smtp, smtp_secret, enabled, uid_validity, last_uid, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        { a.name, a.address.toLower(), a.displayName, a.groupId, textOf(a.imap), a.imapSecret,
            textOf(a.smtp), a.smtpSecret, a.enabled ? 1 : 0, qint64(a.uidValidity),
            qint64(a.lastUid), a.createdAt });
}

bool MailStore::updateAccount(const MailAccountRow &a)
{
    return m_ctx.changedRows(
               QStringLiteral("UPDATE mail_accounts SET name = ?, address = ?, display_name = ?, "
                              "group_id = ?, imap = ?, imap_secret = ?, smtp = ?, smtp_secret = ?, "
                              "enabled = ? WHERE id = ?"),
               { a.name, a.address.toLower(), a.displayName, a.groupId, textOf(a.imap),
                   a.imapSecret, textOf(a.smtp), a.smtpSecret, a.enabled ? 1 : 0, a.id })
        == 1;
}

bool MailStore::setReadPosition(qint64 accountId, quint32 uidValidity, quint32 lastUid)
{
    return m_ctx.changedRows(
               QStringLiteral(
                   "UPDATE mail_accounts SET uid_validity = ?, last_uid = ? WHERE id = ?"),
               { qint64(uidValidity), qint64(lastUid), accountId })
        == 1;
}

bool MailStore::isDeskAddress(const QString &address)
{
    return m_ctx
               .scalar(QStringLiteral("SELECT COUNT(*) FROM mail_accounts WHERE address = ?"),
                   { address.toLower() })
               .toLongLong()
        > 0;
}

std::optional<MailMessageRow> MailStore::message(const QString &messageId)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT %1 FROM mail_messages WHERE message_id = ?").arg(kMessageColumns),
        { messageId });
    if (q && q->next())
        return messageFrom(*q);
    return std::nullopt;
}

std::optional<MailMessageRow> MailStore::nearestStored(const QStringList &ids)
{
    if (ids.isEmpty())
        return std::nullopt;
    // One query for the whole chain; the nearest (last in the list) of those found wins.
    QHash<QString, MailMessageRow> found;
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT %1 FROM mail_messages WHERE ticket_id IS NOT "
                                            "NULL AND message_id IN (%2)")
                                 .arg(kMessageColumns, m_ctx.dialect().textSetSql()),
        { SqlContext::textSet(ids) });
    while (q && q->next()) {
        MailMessageRow m = messageFrom(*q);
        found.insert(m.messageId, m);
    }
    for (auto it = ids.crbegin(); it != ids.crend(); ++it) {
        if (const auto f = found.constFind(*it); f != found.cend())
            return *f;
    }
    return std::nullopt;
}

qint64 MailStore::insertMessage(const MailMessageRow &m)
{
    return m_ctx.insert(
        QStringLiteral(
            "INSERT INTO mail_messages (message_id, direction, account_id, ticket_id, "
            "article_id, threaded_by, automatic, from_address, recipients, subject, "
            "note, quoted, html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?) "
            "RETURNING id"),
        { m.messageId, m.direction, nullableId(m.accountId), nullableId(m.ticketId),
            nullableId(m.articleId), m.threadedBy, m.automatic, m.fromAddress.toLower(),
            textOf(m.recipients), m.subject, m.note, m.quoted, m.html, m.createdAt });
}

qint64 MailStore::replaceReference(const MailMessageRow &m)
{
    return m_ctx.insert(
        QStringLiteral("UPDATE mail_messages SET direction = ?, account_id = ?, ticket_id = ?, "
                       "article_id = ?, threaded_by = ?, automatic = ?, from_address = ?, "
                       "recipients = ?, subject = ?, note = ?, quoted = ?, html = ?, created_at = "
                       "? WHERE message_id = ? AND direction = 'ref' RETURNING id"),
        { m.direction, nullableId(m.accountId), nullableId(m.ticketId), nullableId(m.articleId),
            m.threadedBy, m.automatic, m.fromAddress.toLower(), textOf(m.recipients), m.subject,
            m.note, m.quoted, m.html, m.createdAt, m.messageId });
}

bool MailStore::addReferences(qint64 ticketId, qint64 accountId, const QStringList &ids, qint64 now)
{
    for (const QString &id : ids) {
        if (!m_ctx.exec(QStringLiteral("INSERT INTO mail_messages (message_id, direction, "
                                       "account_id, ticket_id, created_at) VALUES (?, 'ref', ?, "
                                       "?, ?) ON CONFLICT (message_id) DO NOTHING"),
                { id, nullableId(accountId), ticketId, now }))
            return false;
    }
    return true;
}

bool MailStore::keepRaw(qint64 messageRow, const QByteArray &raw)
{
    return m_ctx.exec(QStringLiteral("INSERT INTO mail_raw (message_row, bytes) VALUES (?, ?)"),
        { messageRow, qCompress(raw, 6) });
}

std::optional<QByteArray> MailStore::raw(qint64 messageRow)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT bytes FROM mail_raw WHERE message_row = ?"), { messageRow });
    if (q && q->next())
        return qUncompress(q->value(0).toByteArray());
    return std::nullopt;
}

QList<MailMessageRow> MailStore::messagesOfTicket(qint64 ticketId)
{
    QList<MailMessageRow> out;
    QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT %1 FROM mail_messages WHERE ticket_id = ? ORDER BY id")
                        .arg(kMessageColumns),
            { ticketId });
    while (q && q->next())
        out << messageFrom(*q);
    return out;
}

std::optional<MailMessageRow> MailStore::messageOfArticle(
    qint64 articleId, const QString &direction)
{
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT %1 FROM mail_messages WHERE article_id = ? "
                                            "AND direction = ? ORDER BY id DESC LIMIT 1")
                                 .arg(kMessageColumns),
        { articleId, direction });
    if (q && q->next())
        return messageFrom(*q);
    return std::nullopt;
}

bool MailStore::moveArticleMail(qint64 articleId, qint64 toTicketId)
{
    return m_ctx.exec(QStringLiteral("UPDATE mail_messages SET ticket_id = ?, threaded_by = CASE "
                                     "WHEN direction = 'in' THEN 'moved' ELSE threaded_by END "
                                     "WHERE article_id = ?"),
               { toTicketId, articleId })
        && m_ctx.exec(QStringLiteral("UPDATE mail_outbox SET ticket_id = ? WHERE article_id = ?"),
            { toTicketId, articleId });
}

qint64 MailStore::organisationForAddress(const QString &address)
{
    const qsizetype at = address.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return 0;
    const QString domain = address.mid(at + 1).toLower();
    return m_ctx
        .scalar(QStringLiteral("SELECT id FROM organisations WHERE lower(domain) = ? AND domain "
                               "<> '' ORDER BY id LIMIT 1"),
            { domain })
        .toLongLong();
}

qint64 MailStore::agentByEmail(const QString &address)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT id FROM agents WHERE lower(email) = ? AND active = 1 ORDER "
                               "BY id LIMIT 1"),
            { address.toLower() })
        .toLongLong();
}

qint64 MailStore::enqueue(const OutboxRow &r)
{
    return m_ctx.insert(
        QStringLiteral("INSERT INTO mail_outbox (account_id, ticket_id, article_id, kind, "
                       "to_address, recipients, state, attempts, next_at, message_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) RETURNING id"),
        { r.accountId, r.ticketId, nullableId(r.articleId), r.kind, r.toAddress.toLower(),
            textOf(r.recipients), r.nextAt, r.messageId, r.createdAt });
}

QList<OutboxRow> MailStore::dueMail(qint64 now, int limit)
{
    QList<OutboxRow> out;
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT %1 FROM mail_outbox WHERE state = 'queued' AND "
                                            "next_at <= ? ORDER BY next_at, id LIMIT ?")
                                 .arg(kOutboxColumns),
        { now, limit });
    while (q && q->next())
        out << outboxFrom(*q);
    return out;
}

std::optional<OutboxRow> MailStore::outboxRow(qint64 id)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT %1 FROM mail_outbox WHERE id = ?").arg(kOutboxColumns), { id });
    if (q && q->next())
        return outboxFrom(*q);
    return std::nullopt;
}

std::optional<OutboxRow> MailStore::outboxByMessageId(const QString &messageId)
{
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT %1 FROM mail_outbox WHERE message_id = ? ORDER BY id DESC LIMIT 1")
            .arg(kOutboxColumns),
        { messageId });
    if (q && q->next())
        return outboxFrom(*q);
    return std::nullopt;
}

QList<OutboxRow> MailStore::outboxOfTicket(qint64 ticketId)
{
    QList<OutboxRow> out;
    QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT %1 FROM mail_outbox WHERE ticket_id = ? ORDER BY id")
                        .arg(kOutboxColumns),
            { ticketId });
    while (q && q->next())
        out << outboxFrom(*q);
    return out;
}

QList<OutboxRow> MailStore::outboxOfArticle(qint64 articleId)
{
    QList<OutboxRow> out;
    QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT %1 FROM mail_outbox WHERE article_id = ? ORDER BY id")
                        .arg(kOutboxColumns),
            { articleId });
    while (q && q->next())
        out << outboxFrom(*q);
    return out;
}

bool MailStore::markBounced(qint64 id, const QString &error)
{
    return m_ctx.changedRows(QStringLiteral("UPDATE mail_outbox SET state = 'bounced', "
                                            "last_error = ? WHERE id = ?"),
               { error.left(2000), id })
        == 1;
}

bool MailStore::markSent(qint64 id, const QString &messageId, qint64 now)
{
    return m_ctx.changedRows(
               QStringLiteral("UPDATE mail_outbox SET state = 'sent', message_id = ?, "
                              "sent_at = ?, attempts = attempts + 1, last_error = '' "
                              "WHERE id = ?"),
               { messageId, now, id })
        == 1;
}

bool MailStore::markFailed(qint64 id, int attempts, qint64 nextAt, const QString &error, bool final)
{
    return m_ctx.changedRows(QStringLiteral("UPDATE mail_outbox SET state = ?, attempts = ?, "
                                            "next_at = ?, last_error = ? WHERE id = ?"),
               { final ? QStringLiteral("failed") : QStringLiteral("queued"), attempts, nextAt,
                   error.left(2000), id })
        == 1;
}

bool MailStore::retry(qint64 id, qint64 now)
{
    return m_ctx.changedRows(QStringLiteral("UPDATE mail_outbox SET state = 'queued', next_at = ?, "
                                            "last_error = '' WHERE id = ? AND state IN "
                                            "('failed', 'bounced')"),
               { now, id })
        == 1;
}

bool MailStore::acknowledgedSince(const QString &address, qint64 since)
{
    return m_ctx
               .scalar(QStringLiteral("SELECT COUNT(*) FROM mail_outbox WHERE to_address = ? AND "
                                      "kind = 'ack' AND created_at >= ?"),
                   { address.toLower(), since })
               .toLongLong()
        > 0;
}

int MailStore::messagesFromSince(const QString &address, qint64 since)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT COUNT(*) FROM mail_messages WHERE from_address = ? AND "
                               "created_at >= ? AND direction = 'in'"),
            { address.toLower(), since })
        .toInt();
}

qint64 MailStore::accountOfTicket(qint64 ticketId)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT account_id FROM mail_messages WHERE ticket_id = ? AND "
                               "direction = 'in' AND account_id IS NOT NULL ORDER BY id LIMIT 1"),
            { ticketId })
        .toLongLong();
}

QStringList MailStore::messageIdsOfTicket(qint64 ticketId, int limit)
{
    QStringList out;
    QSqlQuery *q
        = m_ctx.run(QStringLiteral("SELECT message_id FROM mail_messages WHERE ticket_id = "
                                   "? AND direction IN ('in', 'out') ORDER BY id DESC "
                                   "LIMIT ?"),
            { ticketId, limit });
    while (q && q->next())
        out.prepend(q->value(0).toString());
    return out;
}

QString MailStore::lastInboundMessageId(qint64 ticketId)
{
    return m_ctx
        .scalar(QStringLiteral("SELECT message_id FROM mail_messages WHERE ticket_id = ? AND "
                               "direction = 'in' ORDER BY id DESC LIMIT 1"),
            { ticketId })
        .toString();
}

} // namespace Atiende::Server
