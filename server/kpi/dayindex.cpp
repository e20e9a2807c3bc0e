#include "dayindex.h"

#include <QDateTime>

#include <algorithm>

namespace Atiende::Server {

DayIndex::DayIndex(const QTimeZone &zone, QDate first, int count)
    : m_zone(zone)
    , m_first(first)
{
    count = qMax(1, count);
    m_starts.reserve(size_t(count) + 1);
    for (int i = 0; i <= count; ++i)
        m_starts.push_back(startOfDay(zone, first.addDays(i)));
}

int DayIndex::dayOf(qint64 ms) const
{
    if (m_starts.size() < 2 || ms < m_starts.front() || ms >= m_starts.back())
        return -1;
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), ms);
    return int(it - m_starts.begin()) - 1;
}

int DayIndex::indexOf(QDate date) const
{
    if (!m_first.isValid() || !date.isValid())
        return -1;
    const qint64 i = m_first.daysTo(date);
    return i >= 0 && i < count() ? int(i) : -1;
}

QDate DayIndex::localDate(const QTimeZone &zone, qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, zone).date();
}

qint64 DayIndex::startOfDay(const QTimeZone &zone, QDate date)
{
    return date.startOfDay(zone).toMSecsSinceEpoch();
}

} // namespace Atiende::Server
