#pragma once
// Collects latency samples and answers percentiles. Every sample is kept (runs are bounded in
// count), so the percentiles are exact, not estimates from buckets.

#include <QtGlobal>

#include <vector>

namespace Atiende::Bench {

class LatencyRecorder
{
public:
    void add(qint64 ns);
    void merge(const LatencyRecorder &other);
    void clear();

    qsizetype count() const { return qsizetype(m_samples.size()); }
    // Nearest-rank percentile (p from 0 to 100) in milliseconds; 0 when empty.
    double percentileMs(double p) const;
    double maxMs() const { return percentileMs(100); }
    double meanMs() const;

private:
    void sort() const;

    // Sorted lazily on the first query after an add.
    mutable std::vector<qint64> m_samples;
    mutable bool m_sorted = true;
};

} // namespace Atiende::Bench
