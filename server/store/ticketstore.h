#pragma once
// Tickets and their conversations as the store's operations: creating, changing and answering
// a ticket puts the rules (server/tickets: what may change and what follows, no SQL) together
// with the rows (TicketRepository), stamps every change for sync and writes the audit journal.
// Also the reads of tickets (query, history) and the SLA engine's marks. Runs inside the
// writer's transaction.

#include "attachmentstore.h"
#include "caller.h"
#include "changeset.h"
#include "ticketrepository.h"

#include "server/files/filelimits.h"

#include "server/tickets/slasetup.h"
#include "server/tickets/ticketcreation.h"

#include "core/calendar/businesscalendar.h"
#include "core/domain/article.h"
#include "core/domain/prioritymatrix.h"
#include "core/domain/ticket.h"
#include "core/sla/slapolicy.h"

#include <QJsonArray>
#include <QList>
#include <functional>
#include <optional>

namespace Atiende::Server {

class RoutingStore;
class SqlContext;
class SyncStore;

struct TicketFilter
{
    QList<qint64> groupIds;
    QList<Core::TicketStatus> statuses;
    std::optional<qint64> assigneeId; // 0 = unassigned
    QList<Core::Priority> priorities;
    qint64 customerId = 0;
    qint64 organisationId = 0;
    QString text;
    bool openOnly = false;
    QString sort = QStringLiteral("updatedAt"); // updatedAt, createdAt, priority, number, status
    bool descending = true;
    int offset = 0;
    int limit = 50;
};

class TicketStore
{
public:
    TicketStore(SqlContext &ctx, SyncStore &sync);

    static const QStringList &updatableFields();
    static constexpr int kMaxSubject = TicketCreation::kMaxSubject;
    static constexpr int kMaxBody = TicketCreation::kMaxBody;
    static constexpr int kMaxKbLinks
        = TicketUpdate::kMaxKbLinks; // KB articles linked to one ticket

    void setPriorityMatrix(const Core::PriorityMatrix &m) { m_matrix = m; }
    const Core::PriorityMatrix &priorityMatrix() const { return m_matrix; }

    // SLA configuration: calendars and policies, read from the store (and again after an
    // admin changes them). Tickets pick their policy and count their clocks with these.
    bool loadSlaConfig();
    // Where new tickets without a group go, and who takes them (nullptr: no routing).
    void setRouting(RoutingStore *routing) { m_routing = routing; }
    const QList<Core::SlaPolicy> &slaPolicies() const { return m_sla.policies; }
    const Core::BusinessCalendar &calendarFor(qint64 policyId) const
    {
        return m_sla.calendarFor(policyId);
    }
    // Recomputes the clocks of every open ticket with the current configuration (after a
    // policy or calendar change): the time used is kept, targets and due instants follow.
    OpResult recomputeSla(const Caller &caller, qint64 now);
    // The SLA engine's wake-ups: the ticket's four instants (0 when none).
    struct SlaWake
    {
        qint64 ticketId;
        qint64 firstResponseWarn, firstResponseDue, resolutionWarn, resolutionDue;
    };
    QList<SlaWake> slaWakeups();
    // Marks a clock's warning or breach when its instant has come: state in the ticket, an
    // event in its conversation. No change when the clock moved on meanwhile.
    OpResult slaReached(qint64 ticketId, bool resolutionClock, bool breach, qint64 now);

    // Called by update() when a ticket becomes resolved, inside the same transaction: the
    // satisfaction survey (server/satisfaction) must exist exactly when the resolution does.
    // A false return undoes the update.
    using ResolvedHook = std::function<bool(const Core::Ticket &ticket, qint64 now)>;
    void setResolvedHook(ResolvedHook hook) { m_onResolved = std::move(hook); }
    // Called by addArticle for an agent's public reply, inside the same transaction: the mail
    // channel queues the reply to go out by mail (server/mail/mailoutbox.h) and sets the
    // reply's mail object (stored already; the result and the sync carry it).
    using PublicReplyHook
        = std::function<bool(const Core::Ticket &ticket, Core::Article &reply, qint64 now)>;
    void setPublicReplyHook(PublicReplyHook hook) { m_onPublicReply = std::move(hook); }
    // An event in a ticket's conversation written by the server itself (a survey answer, an
    // automatic close), with its structured data; the ticket itself does not change.
    OpResult addSystemEvent(
        qint64 ticketId, const QString &body, const QJsonObject &data, qint64 now);
    // When agentId has left groupId: the group's working tickets they held go back to new in
    // the same group's queue, unassigned, each with an event naming who left. The result is
    // the list of those ticket ids.
    OpResult handBack(qint64 groupId, qint64 agentId, qint64 now);

    // Writes (inside a transaction; the caller commits).
    // The description carries the files of n.attachments (the caller's finished uploads).
    // Channels (mail) give fallbackGroupId, the group a ticket goes to when no routing rule
    // chose one, and storedFiles, files already in the store (rows in `files`) that the
    // description carries besides n.attachments.
    // cc: the new ticket's CC list (a mail's CC'd people), lower case.
    OpResult create(const Caller &caller, const NewTicket &n, qint64 now,
        const FileLimits &limits = FileLimits(), qint64 fallbackGroupId = 0,
        const QList<Core::Attachment> &storedFiles = {}, const QStringList &cc = {});
    // A message from the customer through a channel (a mail): a public reply by the customer,
    // or an internal note for automatic mail, with files already in the store. wake: the
    // customer answered, so a ticket pending on them or resolved goes back to work (the SLA
    // clocks follow); automatic mail never wakes a ticket.
    OpResult addCustomerMessage(qint64 ticketId, qint64 customerId, Core::ArticleKind kind,
        const QString &body, const QList<Core::Attachment> &storedFiles, bool wake, qint64 now);
    OpResult update(
        const Caller &caller, qint64 id, int baseVersion, const QJsonObject &fields, qint64 now);
    // A reply or note, with the caller's finished uploads (by upload id) as its files; the body
    // may be empty when it carries files.
    OpResult addArticle(const Caller &caller, qint64 ticketId, Core::ArticleKind kind,
        const QString &body, qint64 now, const QStringList &uploadIds = {},
        const FileLimits &limits = FileLimits());

    // The mail channel's writes on articles and tickets, each with a new revision so the
    // consoles get the change: an article's mail object (an outgoing mail's state); addresses
    // a mail brought into the ticket's CC list (appended, journalled as field "cc", so an
    // agent's CC edit from an older version merges with them).
    OpResult setArticleMail(qint64 articleId, const Core::ArticleMail &mail);
    // The same stored only, for an article whose change the caller records itself (a reply
    // being written).
    bool storeArticleMail(qint64 articleId, const std::optional<Core::ArticleMail> &mail)
    {
        return m_repo.saveArticleMail(articleId, mail);
    }
    OpResult addCc(qint64 ticketId, const QStringList &addresses, qint64 now);
    // articles.move: a reply or note (not an event, not the first article) moves to another
    // open ticket the caller may see, or (toTicketId 0) to a new ticket in the same group. Both
    // tickets get an "articleMoved" event and a new version; an arriving mail's threadedBy
    // becomes "moved". Result {article, from, to}.
    OpResult moveArticle(const Caller &caller, qint64 articleId, qint64 toTicketId, qint64 now);

    // Reads.
    std::optional<Core::Ticket> ticket(qint64 id);
    std::optional<Core::Article> article(qint64 id);
    QList<Core::Article> articles(qint64 ticketId);
    // Many at once, for sync pages: id -> wire JSON (missing ids are absent).
    QHash<qint64, QJsonObject> ticketsJson(const QList<qint64> &ids);
    QHash<qint64, QJsonObject> articlesJson(const QList<qint64> &ids);
    // tickets.get: the ticket, its conversation and its revision in the sync feed (rev).
    OpResult get(const Caller &caller, qint64 id);
    // The same by number ("INC-002751", any case); not_found when it is not one.
    OpResult getByNumber(const Caller &caller, const QString &number);
    OpResult query(const Caller &caller, const TicketFilter &f);
    OpResult customerHistory(const Caller &caller, qint64 customerId, int limit);

private:
    Change ticketChange(const Core::Ticket &t, qint64 rev) const;
    Change articleChange(const Core::Article &a, const Core::Ticket &t, qint64 rev) const;

    SqlContext &m_ctx;
    SyncStore &m_sync;
    TicketRepository m_repo;
    AttachmentStore m_files;
    Core::PriorityMatrix m_matrix;
    SlaSetup m_sla;
    RoutingStore *m_routing = nullptr;
    ResolvedHook m_onResolved;
    PublicReplyHook m_onPublicReply;
};

} // namespace Atiende::Server
