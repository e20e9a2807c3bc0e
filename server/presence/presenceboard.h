#pragma once
// Who has which ticket open right now, and who is typing in it: the state behind
// presence.viewing, presence.typing, presence.list and the presence.changed notification.
//
// Kept in memory on the network thread, never stored: it describes connections, and a
// restarted server has none. Each logged-in session shows at most one ticket, so the board
// holds at most one entry per session. A ticket's viewers are listed once per agent (an
// agent with two consoles on one ticket is one viewer, typing if either console is).
//
// A typing flag lapses typingTimeoutMs after it was last set unless set again, so a console
// that crashed or lost its link mid-reply does not show "typing" for ever; the board arms
// one timer for the earliest lapse and reports what lapsed through typingLapsed().
//
// Every mutation returns the tickets whose list of viewers changed, with that new list and
// who may see the ticket, so the server can tell exactly the sessions allowed to know.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

namespace Atiende::Server {

class Clock;

// Who may see a ticket: its group and assignee (Caller::canSeeTicket decides).
struct TicketScope
{
    qint64 groupId = 0;
    qint64 assigneeId = 0;
    bool operator==(const TicketScope &o) const
    {
        return groupId == o.groupId && assigneeId == o.assigneeId;
    }
    bool operator!=(const TicketScope &o) const { return !(*this == o); }
};

struct PresenceViewer
{
    qint64 agentId = 0;
    QString name;
    bool typing = false;
    bool operator==(const PresenceViewer &o) const
    {
        return agentId == o.agentId && name == o.name && typing == o.typing;
    }
    bool operator!=(const PresenceViewer &o) const { return !(*this == o); }
    QJsonObject toJson() const;
};

// A ticket whose viewers changed: the new list (empty when nobody is left).
struct PresenceChange
{
    qint64 ticketId = 0;
    TicketScope scope;
    QList<PresenceViewer> viewers;
    QJsonObject toJson() const; // {"ticketId", "viewers"}
};

class PresenceBoard : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultTypingTimeoutMs = 10000;

    // The clock must outlive the board.
    explicit PresenceBoard(const Clock *clock, qint64 typingTimeoutMs = kDefaultTypingTimeoutMs,
        QObject *parent = nullptr);

    struct Session
    {
        quint64 id = 0; // the connection, unique for the server's lifetime
        qint64 agentId = 0;
        QString name; // the agent's name, as shown to others
    };

    // The session now shows ticketId (0: none). Moving to another ticket ends its typing there.
    QList<PresenceChange> view(const Session &session, qint64 ticketId, const TicketScope &scope);
    // typing: the session shows ticketId and types in it, until typingTimeoutMs pass without
    // another call. Not typing: ends the flag if the session types in ticketId; else nothing.
    QList<PresenceChange> type(
        const Session &session, qint64 ticketId, const TicketScope &scope, bool typing);
    // The session closed or logged out: its entry goes.
    QList<PresenceChange> remove(quint64 sessionId);
    // A ticket on the board changed group or assignee (an escalation, a new owner). The
    // caller then removes the sessions that may no longer see it.
    bool setScope(qint64 ticketId, const TicketScope &scope);

    // Reads.
    qint64 viewing(quint64 sessionId) const; // 0 when none
    bool contains(qint64 ticketId) const { return m_tickets.contains(ticketId); }
    TicketScope scope(qint64 ticketId) const { return m_tickets.value(ticketId).scope; }
    QList<quint64> sessionsOn(qint64 ticketId) const { return m_tickets.value(ticketId).sessions; }
    QList<PresenceViewer> viewers(qint64 ticketId) const; // by agent id
    QList<qint64> tickets() const; // every ticket with a viewer, by id
    int sessionCount() const { return int(m_sessions.size()); }

    qint64 typingTimeoutMs() const { return m_typingTimeoutMs; }
    // Ends every typing flag that has lapsed by the clock's now and re-arms the timer. The
    // timer calls it; tests call it after moving a ManualClock.
    QList<PresenceChange> expire();

Q_SIGNALS:
    // Typing flags lapsed (from the timer): the tickets whose viewers changed.
    void typingLapsed(const QList<Atiende::Server::PresenceChange> &changes);

private:
    struct Entry
    {
        qint64 agentId = 0;
        QString name;
        qint64 ticketId = 0;
        qint64 typingUntil = 0; // when the typing flag lapses; 0: not typing
    };
    struct TicketEntry
    {
        TicketScope scope; // as given when the first session came, then by setScope()
        QList<quint64> sessions; // in arrival order
    };
    // The viewers of some tickets before a mutation, to tell afterwards which changed.
    using Snapshot = QList<PresenceChange>;

    Snapshot snapshot(const QList<qint64> &ticketIds) const;
    QList<PresenceChange> changedSince(const Snapshot &before) const;
    Entry &place(const Session &session, qint64 ticketId, const TicketScope &scope);
    void detach(quint64 sessionId, qint64 ticketId);
    void armFor(qint64 until);
    void onTimer();

    const Clock *m_clock;
    qint64 m_typingTimeoutMs;
    QHash<quint64, Entry> m_sessions;
    QHash<qint64, TicketEntry> m_tickets;
    QTimer m_timer;
    qint64 m_armedFor = 0; // the lapse the timer waits for; 0 when idle
};

} // namespace Atiende::Server
