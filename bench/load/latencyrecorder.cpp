#include "latencyrecorder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Atiende::Bench {

void LatencyRecorder::add(qint64 ns)
{
    m_samples.push_back(ns);
    m_sorted = false;
}

void LatencyRecorder::merge(const LatencyRecorder &other)
{
    m_samples.insert(m_samples.end(), other.m_samples.begin(), other.m_samples.end());
    m_sorted = false;
}

void LatencyRecorder::clear()
{
    m_samples.clear();
    m_sorted = true;
}

void LatencyRecorder::sort() const
{
    if (!m_sorted) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sorted = true;
    }
}

double LatencyRecorder::percentileMs(double p) const
{
    if (m_samples.empty())
        return 0;
    sort();
    // Nearest rank: the smallest sample with at least p% of the samples at or below it.
    const double rank = std::ceil(p / 100.0 * double(m_samples.size()));
    const size_t index = size_t(qBound(1.0, rank, double(m_samples.size()))) - 1;
    return double(m_samples[index]) / 1e6;
}

double LatencyRecorder::meanMs() const
{
    if (m_samples.empty())
        return 0;
    const double sum = std::accumulate(m_samples.begin(), m_samples.end(), 0.0,
        [](double acc, qint64 v) { return acc + double(v); });
    return sum / double(m_samples.size()) / 1e6;
}

} // namespace Atiende::Bench
