#pragma once
// Satisfaction surveys: when a ticket is resolved its customer is invited to rate it (good or
// bad, and a comment) with a one-time token; a bad rating or a customer reply within the
// reopen window reopens the ticket, and once the window has passed the ticket closes by
// itself. Runs inside the writer's transaction like the other stores.

#include "server/store/caller.h"
#include "server/store/changeset.h"

#include "core/domain/ticket.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace Atiende::Server {

class DirectoryStore;
class SqlContext;
class SyncStore;
class TicketStore;

// What a mailer or the portal needs to send an invitation. The token exists only here: the
// store keeps its hash.
struct SurveyInvite
{
    qint64 surveyId = 0;
    qint64 ticketId = 0;
    QString token;
    qint64 closeAt = 0; // end of the reopen window: the ticket closes by itself then
    qint64 expiresAt = 0; // the token is refused after this
};

class SurveyStore
{
public:
    static constexpr int kDefaultWindowHours = 72;
    static constexpr int kMaxWindowHours = 24 * 365;
    static constexpr int kMaxComment = 4000;
    // A rating that comes after the window is still worth having (it is recorded, it no
    // longer reopens), so the token outlives the window by this much.
    static constexpr qint64 kTokenGraceMs = 30LL * 24 * 3600 * 1000;
    static const QString &windowSettingKey();

    SurveyStore(SqlContext &ctx, SyncStore &sync, DirectoryStore &directory, TicketStore &tickets);

    // Settings: {"reopenWindowHours": n}. Setting is for admins; the new window applies to
    // tickets resolved from then on (a resolved ticket keeps the window it was promised).
    int reopenWindowHours();
    OpResult settings();
    OpResult setSettings(const Caller &caller, int hours, qint64 now);

    // A new survey for a ticket that has just been resolved; an older unanswered survey of the
    // same ticket is superseded (its token expires now). Result: the SurveyInvite as JSON
    // ({"surveyId", "ticketId", "token", "closeAt", "expiresAt"}). The invitation is also kept
    // in an outbox until takeIssued(), for a mailer to send once the transaction committed.
    OpResult onResolved(const Core::Ticket &ticket, qint64 now);
    QList<SurveyInvite> takeIssued();

    // The customer's answer; the token is the credential. {"ticket": number, "rating",
    // "reopened": bool}. A bad rating within the window reopens the ticket; after it, the
    // rating is recorded and the ticket stays as it is.
    OpResult answer(
        const QString &token, const QString &rating, const QString &comment, qint64 now);

    // For the e-mail and portal channels (not written yet): the customer wrote about a
    // resolved ticket. Within the window it reopens it. {"reopened": bool}
    OpResult customerReplied(qint64 ticketId, qint64 now);

    // The surveys of a ticket the caller may see, oldest first, never their tokens.
    OpResult get(const Caller &caller, qint64 ticketId);

    // Closes every resolved ticket whose window has passed. {"closed": [ids]}
    OpResult closeDue(qint64 now);

    // When each resolved ticket closes by itself, for the auto-close engine.
    struct CloseWake
    {
        qint64 ticketId;
        qint64 at;
    };
    QList<CloseWake> closeWakeups();
    qint64 nextCloseAt(); // 0: nothing to close
    qint64 closeAt(qint64 ticketId); // 0: not resolved

private:
    // cause: "badRating" or "customerReplied", for the event's data; why: its English body.
    OpResult reopen(
        const Core::Ticket &ticket, const QString &cause, const QString &why, qint64 now);
    SqlContext &m_ctx;
    SyncStore &m_sync;
    DirectoryStore &m_directory;
    TicketStore &m_tickets;
    QList<SurveyInvite> m_issued;
};

} // namespace Atiende::Server
