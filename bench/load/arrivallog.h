#pragma once
// When each revision's sync.changed reached the receivers of one client thread: how many
// got it, the first and the last arrival. Written by one thread only; merged afterwards.

#include <QHash>
#include <QtGlobal>

namespace Atiende::Bench {

struct Arrival
{
    int count = 0;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
};

class ArrivalLog
{
public:
    void record(qint64 revision, qint64 ns)
    {
        Arrival &a = m_arrivals[revision];
        if (a.count == 0 || ns < a.firstNs)
            a.firstNs = ns;
        if (ns > a.lastNs)
            a.lastNs = ns;
        ++a.count;
    }

    void merge(const ArrivalLog &other)
    {
        for (auto it = other.m_arrivals.cbegin(); it != other.m_arrivals.cend(); ++it) {
            Arrival &a = m_arrivals[it.key()];
            if (a.count == 0 || it->firstNs < a.firstNs)
                a.firstNs = it->firstNs;
            a.lastNs = qMax(a.lastNs, it->lastNs);
            a.count += it->count;
        }
    }

    void clear() { m_arrivals.clear(); }
    Arrival arrival(qint64 revision) const { return m_arrivals.value(revision); }

private:
    QHash<qint64, Arrival> m_arrivals;
};

} // namespace Atiende::Bench
