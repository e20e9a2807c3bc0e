#pragma once
// The load tool's client side, spread over a few threads with an event loop each: on two
// cores, one thread cannot read a thousand frames per change as fast as the server sends
// them, and that would be measured as server latency. Objects that own sockets are created
// and destroyed on their thread through post() and run().

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

namespace Atiende::Bench {

class ClientThreads
{
public:
    explicit ClientThreads(int count);
    ~ClientThreads();
    ClientThreads(const ClientThreads &) = delete;
    ClientThreads &operator=(const ClientThreads &) = delete;

    int count() const { return int(m_threads.size()); }
    // The thread a numbered session goes to.
    int threadFor(int session) const { return session % count(); }

    // Queues fn on thread i and returns at once.
    void post(int i, std::function<void()> fn);
    // Runs fn on thread i and waits until it has run.
    void run(int i, std::function<void()> fn);
    // run() on every thread in turn, with the thread's index.
    void runOnAll(const std::function<void(int)> &fn);

private:
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<std::unique_ptr<QObject>> m_contexts; // one per thread, for queued calls
};

} // namespace Atiende::Bench
