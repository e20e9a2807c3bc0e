#include "tickethistory.h"

namespace Atiende::Models {

TicketHistory::TicketHistory(QObject *parent)
    : QObject(parent)
{
}

void TicketHistory::visit(qint64 id)
{
    if (id == 0 || id == current())
        return;
    m_entries.erase(m_entries.begin() + (m_index + 1), m_entries.end());
    // The same ticket twice in a row after skipping would make Back do nothing visible.
    m_entries.removeAll(id);
    m_entries.append(id);
    while (m_entries.size() > kLimit + 1)
        m_entries.removeFirst();
    m_index = int(m_entries.size()) - 1;
    Q_EMIT changed();
}

int TicketHistory::step(int direction) const
{
    for (int i = m_index + direction; i >= 0 && i < m_entries.size(); i += direction) {
        const qint64 id = m_entries.at(i);
        if (id != current() && (!m_available || m_available(id)))
            return i;
    }
    return -1;
}

qint64 TicketHistory::moveTo(int index)
{
    if (index < 0)
        return 0;
    m_index = index;
    Q_EMIT changed();
    return m_entries.at(index);
}

qint64 TicketHistory::back()
{
    return moveTo(step(-1));
}
qint64 TicketHistory::forward()
{
    return moveTo(step(+1));
}

void TicketHistory::renumber(qint64 tempId, qint64 id)
{
    if (!m_entries.contains(tempId))
        return;
    const qint64 wasCurrent = current();
    for (qint64 &e : m_entries) {
        if (e == tempId)
            e = id;
    }
    // The real id may be listed already (opened from a push before the answer came).
    for (int i = int(m_entries.size()) - 1; i > 0; --i) {
        if (m_entries.indexOf(m_entries.at(i)) != i) {
            m_entries.removeAt(i);
            if (m_index >= i)
                --m_index;
        }
    }
    if (wasCurrent == tempId)
        m_index = int(m_entries.indexOf(id));
    Q_EMIT changed();
}

void TicketHistory::forget(qint64 id)
{
    const int at = int(m_entries.indexOf(id));
    if (at < 0 || at == m_index)
        return; // the current one stays current until the agent moves on
    m_entries.removeAt(at);
    if (m_index > at)
        --m_index;
    Q_EMIT changed();
}

} // namespace Atiende::Models
