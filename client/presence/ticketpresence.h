#pragma once
// "Who else is here": the console's side of presence.viewing, presence.typing, presence.list
// and presence.changed (docs/protocol.md).
//
// The console says which ticket it shows and whether its agent types in it; this object
// tells the server, sparingly: typing goes out at most once every kTypingRefreshMs while
// keys are struck (the server lets a flag lapse after 10 s without one), and "stopped" goes
// out when the agent stops, or by itself after kTypingIdleMs without a keystroke. It keeps
// the server's lists of viewers for the tickets the agent may see and answers who else is
// on a ticket. After every log-in or resume it says again what it shows and asks for the
// whole picture; offline it knows of nobody, and says so without errors.

#include "connection/connection.h"

#include "core/domain/presence.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

namespace Atiende::Client {

// Someone with a ticket open in their console (core's value, under the name the console's
// models know it by).
using Viewer = Core::Viewer;

class TicketPresence : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTypingRefreshMs = 3000; // "typing" goes out at most this often
    static constexpr int kTypingIdleMs = 5000; // no keystroke for this long: stopped typing

    explicit TicketPresence(Connection *connection, QObject *parent = nullptr);

    // The ticket the console shows (0: none). Ids of tickets made offline (negative) are
    // shown to nobody until the server has given the ticket its id (renumber()).
    void setViewing(qint64 ticketId);
    // Call with true on every keystroke in a reply or note of ticketId (which becomes the
    // ticket shown), with false when the text is sent, discarded or left.
    void setTyping(qint64 ticketId, bool typing);
    qint64 viewing() const { return m_viewing; }
    bool isTyping() const { return m_typing; }

    // The other agents who have ticketId open now, by agent id; empty offline.
    QList<Viewer> viewers(qint64 ticketId) const;

    // Tickets that left the cache (out of the agent's sight, or a resync): their viewers go.
    void forget(const QSet<qint64> &ticketIds);
    // A ticket made offline got its real id.
    void renumber(qint64 tempId, qint64 id);

Q_SIGNALS:
    // The other agents on ticketId, or their typing, changed (also when all of them went).
    void changed(qint64 ticketId);

private:
    void onConnectionState(Connection::State state);
    void onSessionStarted();
    void onNotification(const QString &method, const QJsonObject &params);
    void onIdle();
    void sendViewing();
    void sendTyping(bool typing);
    void call(const QString &method, const QJsonObject &params);
    // The server's whole list for a ticket (the agent included); emits changed() when the
    // others on it changed.
    void store(qint64 ticketId, const QList<Viewer> &viewers);
    void clear();
    bool online() const { return m_connection->isOnline(); }

    Connection *m_connection;
    qint64 m_viewing = 0;
    bool m_typing = false;
    QElapsedTimer m_typingSent; // when "typing" last went out; invalid when it has not
    QTimer m_idle;
    QHash<qint64, QList<Viewer>> m_tickets; // as the server listed them, the agent included
    quint64 m_session = 0; // answers from an earlier session are ignored
    qint64 m_me = 0; // the agent logged in, left out of viewers()
};

} // namespace Atiende::Client
