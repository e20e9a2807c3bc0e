#pragma once
// Presence: which ticket each console shows and whether its agent is typing in it, relayed to
// every session that may see the ticket (docs/protocol.md, presence.viewing, presence.typing,
// presence.list, presence.changed). Nothing here is stored: it lives on the PresenceBoard
// (RpcServices::presence). The board follows each open ticket's group and assignee from the
// committed changes (followTickets, after their sync.changed) and from group membership.

#include "handlerunit.h"

#include "server/presence/presenceboard.h"
#include "server/store/changeset.h"

#include <QObject>

#include <optional>

namespace Atiende::Server {

class PresenceHandlers : public QObject, public HandlerUnit
{
    Q_OBJECT
public:
    PresenceHandlers(RpcServices &services, Operations &operations, Sessions &sessions,
        QObject *parent = nullptr);
    void registerWith(Dispatcher &dispatcher) override;

    // A commit batch, before anyone hears of it: look-ups older than it are made again.
    void noteCommitted(const QList<Change> &changes);
    // Tickets someone has open that moved (another group, another assignee), after the sync
    // push, so a console that now sees the ticket has it before it hears who is there.
    void followTickets(const QList<Change> &changes);
    // presence.changed for each change, to every signed-in session that may see its ticket.
    void publish(const QList<Atiende::Server::PresenceChange> &changes);

private:
    struct Ask
    {
        qint64 agentId = 0;
        qint64 ticketId = 0;
        std::optional<bool> typing; // absent: presence.viewing
        quint64 serial = 0; // the caller's presenceAsks when it was made
        int attempt = 0;
    };
    void viewing(CallContext &, const QJsonObject &, const Reply &);
    void typing(CallContext &, const QJsonObject &, const Reply &);
    void list(CallContext &, const QJsonObject &, const Reply &);
    // A request for a ticket other than the one the session shows is checked against the store
    // first.
    void ask(CallContext &caller, Ask ask, const Reply &reply);
    void lookUp(
        std::weak_ptr<CallContext> caller, Ask ask, Reply reply, std::function<void()> release);
    void apply(CallContext &caller, const Ask &ask, const TicketScope &scope);
    QJsonObject presenceOf(qint64 ticketId) const;
    void leave(Atiende::Server::CallContext &caller);
    // After group membership changed: the group's tickets are checked again and announced.
    void membershipChanged(qint64 groupId);
    // Sessions that may no longer see the ticket they show leave it; with announce, the
    // ticket's viewers are told again to all who may see it now (some of them could not before).
    void recheck(const QList<qint64> &ticketIds, bool announce);

    qint64 m_pushedRevision = 0; // the highest revision committed batches have brought
};

} // namespace Atiende::Server
