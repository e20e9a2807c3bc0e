#pragma once
// One monotonic clock for every timestamp the load tool takes. It reads the same from any
// thread, so a send stamped on the main thread and an arrival stamped on a client thread can
// be subtracted.

#include <QtGlobal>

#include <chrono>

namespace Atiende::Bench {

class BenchClock
{
public:
    static qint64 nowNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
            std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    static double toMs(qint64 ns) { return double(ns) / 1e6; }
};

} // namespace Atiende::Bench
