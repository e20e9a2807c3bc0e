#pragma once
// The tickets an agent has looked at, in order, for Back and Forward (Alt+Left, Alt+Right,
// the mouse's side buttons): like a browser's history, but of tickets. Opening a ticket
// from anywhere (the queue, the dashboard, a customer's history, a notification, a number
// typed in the palette) is a visit; going back and forward is not. A ticket made offline is
// followed when it gets its real id, and one that left the agent's sight is skipped.

#include <QList>
#include <QObject>
#include <functional>

namespace Atiende::Models {

class TicketHistory : public QObject
{
    Q_OBJECT
public:
    static constexpr int kLimit = 100; // entries kept behind the current one

    explicit TicketHistory(QObject *parent = nullptr);

    // Which tickets may still be opened (a ticket escalated away may not); unset: all.
    void setAvailable(std::function<bool(qint64)> available) { m_available = std::move(available); }

    // The agent opened this ticket: it becomes the current one, what was ahead is dropped.
    // Opening the current one again changes nothing.
    void visit(qint64 id);
    qint64 current() const { return m_index >= 0 ? m_entries.at(m_index) : 0; }

    bool canGoBack() const { return step(-1) >= 0; }
    bool canGoForward() const { return step(+1) >= 0; }
    // Moves and returns the ticket to show (0 and no move when there is none).
    qint64 back();
    qint64 forward();

    // A ticket made offline got its real id.
    void renumber(qint64 tempId, qint64 id);
    // Tickets that left the agent's sight: skipped from now on.
    void forget(qint64 id);

    QList<qint64> entries() const { return m_entries; }

Q_SIGNALS:
    void changed(); // current, canGoBack or canGoForward may have changed

private:
    int step(int direction) const; // the index back or forward skipping unavailable ones; -1: none
    qint64 moveTo(int index);

    QList<qint64> m_entries;
    int m_index = -1;
    std::function<bool(qint64)> m_available;
};

} // namespace Atiende::Models
