#pragma once
// Where password checks run. Argon2id costs about 50 ms of a core and 64 MiB of memory each,
// so they get a small pool of their own, at most `threads` at once, with at most `maxQueued`
// waiting and at most `perAddress` of one address in the pool or its queue. A flood of log-ins
// then cannot take the machine's memory nor delay other work: beyond these bounds an attempt
// is refused at once (busy), before anything is counted or checked. The pool owns its threads
// and its jobs: stop() drops the jobs not started, waits for those running, and from then on
// no answer is given, so what the answers use may go away after it.

#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace Atiende::Server {

class PasswordChecks : public QObject
{
    Q_OBJECT
public:
    explicit PasswordChecks(
        int threads = 2, int maxQueued = 32, int perAddress = 4, QObject *parent = nullptr);
    ~PasswordChecks() override; // stops first

    enum class Admission { Reserved, Full, AddressFull };
    // Takes a place for one check of this address now, so a flood is refused before anything
    // else is done for it. Each Reserved is followed by exactly one run() or release().
    // Once stopped: Full.
    Admission reserve(const QString &address);
    // Runs check on the pool (in a place reserved for address), then done(result) on this
    // object's thread, unless stop() came first. Once stopped, nothing runs.
    void run(const QString &address, std::function<bool()> check, std::function<void(bool)> done);
    void release(const QString &address);
    // Checks not started are dropped, the running ones waited for; no done() runs after this
    // returns, not even for a check that had finished and whose answer was on its way. Called
    // from this object's thread.
    void stop();
    bool isStopped() const;

    int outstanding() const { return m_outstanding; }
    int capacity() const { return m_threads + m_maxQueued; }

private:
    struct Job;
    struct State;
    void finish(const std::shared_ptr<Job> &job, bool ok);

    QThreadPool m_pool;
    std::shared_ptr<State> m_state; // shared with the pool's tasks: they never see `this`
    int m_threads;
    int m_maxQueued;
    int m_perAddress;
    int m_outstanding = 0;
    QHash<QString, int> m_byAddress;
};

} // namespace Atiende::Server
