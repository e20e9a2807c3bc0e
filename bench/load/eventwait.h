#pragma once
// Runs the calling thread's event loop until a condition holds or time runs out: how the
// scenarios wait for sessions and replies without fixed sleeps.

#include <functional>

namespace Atiende::Bench {

class EventWait
{
public:
    // True when done() held before timeoutMs passed. done() is checked every couple of
    // milliseconds; measured times never depend on that, they are stamped where events land.
    static bool until(const std::function<bool()> &done, int timeoutMs);
    // Keeps the event loop running for ms (settling, pacing between phases).
    static void sleep(int ms);
};

} // namespace Atiende::Bench
