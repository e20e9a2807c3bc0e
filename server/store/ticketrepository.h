#pragma once
// Tickets and articles as rows: loads and saves them (with their full-text index entries) and
// answers the ticket rules' questions about other rows (TicketLookups). No rules here: what to
// write is decided by server/tickets, and TicketStore puts the two together.

#include "server/tickets/ticketlookups.h"

#include "core/domain/article.h"
#include "core/domain/ticket.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <optional>

class QSqlQuery;

namespace Atiende::Server {

class SqlContext;
class SyncStore;

class TicketRepository : public TicketLookups
{
public:
    TicketRepository(SqlContext &ctx, SyncStore &sync);

    // The columns ticketFromRow() reads, in its order, for SELECTs of whole ticket rows.
    static const QString &ticketColumns();
    static Core::Ticket ticketFromRow(const QSqlQuery &q);
    // The columns articleFromRow() reads; an article's wire JSON with its data, if any.
    static const QString &articleColumns();
    static QJsonObject articleFromRow(const QSqlQuery &q);
    // A ticket's cc column (a JSON array of addresses) and back.
    static QStringList ccFromText(const QString &text);
    static QString ccToText(const QStringList &cc);

    std::optional<Core::Ticket> ticket(qint64 id);
    std::optional<Core::Article> article(qint64 id);
    QList<Core::Article> articles(qint64 ticketId);
    QJsonArray articlesJson(qint64 ticketId); // with each article's data
    // Many at once, for sync pages: id -> wire JSON (missing ids are absent).
    QHash<qint64, QJsonObject> ticketsJson(const QList<qint64> &ids);
    QHash<qint64, QJsonObject> articlesJson(const QList<qint64> &ids);

    // A new ticket row; sets t->id, false on failure.
    bool insertTicket(Core::Ticket *t);
    // A new ticket's full-text entry (subject, description).
    bool indexTicket(const Core::Ticket &t, const QString &description);
    // Saves every field that can change after creation.
    bool saveTicket(const Core::Ticket &t);
    // The subject's index entry after a new subject.
    bool reindexSubject(const Core::Ticket &t);
    // A new article (its data beside it, indexed unless an event); sets a->id.
    bool insertArticle(Core::Article *a, const QJsonObject &data);
    // An article's mail object (the wire's copy; nullopt clears it).
    bool saveArticleMail(qint64 articleId, const std::optional<Core::ArticleMail> &mail);
    // The article now belongs to another ticket (its full-text entry follows).
    bool moveArticle(qint64 articleId, qint64 toTicketId);
    // The next number of a ticket type's sequence, taken; 0 on failure.
    qint64 takeSequence(Core::TicketType type);

    // TicketLookups
    bool exists(Reference kind, qint64 id) override;
    std::optional<qint64> customerOrganisation(qint64 customerId) override;
    qint64 firstGroup() override;
    bool isMember(qint64 groupId, qint64 agentId) override;
    bool isActiveMember(qint64 groupId, qint64 agentId) override;
    int lastFieldVersion(qint64 ticketId, const QString &field, qint64 agentId) override;
    QList<FieldEdit> fieldEditsSince(qint64 ticketId, const QString &field, int version) override;

private:
    SqlContext &m_ctx;
    SyncStore &m_sync;
};

} // namespace Atiende::Server
