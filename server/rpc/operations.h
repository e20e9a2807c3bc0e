#pragma once
// How a handler's work reaches the store, for every front alike: a read runs on a reader
// thread, a write goes to the one writer (applied once per operation id), and both answer the
// call's Reply on this thread. Each call is first admitted: a caller with too many requests
// unanswered, or a full write queue, gets busy instead.

#include "callcontext.h"

#include <QObject>

#include <functional>
#include <optional>

namespace Atiende::Server {

class Store;
struct RpcServices;

class Operations : public QObject
{
    Q_OBJECT
public:
    explicit Operations(RpcServices &services, QObject *parent = nullptr);

    // Refuses with busy when the caller or the writer has too much outstanding work; otherwise
    // counts the request in and returns a function that counts it out.
    std::optional<std::function<void()>> admit(
        CallContext &caller, const Reply &reply, bool isWrite);
    // Runs fn on a reader thread and replies with its outcome.
    void read(CallContext &caller, const Reply &reply, std::function<OpResult(Store &)> fn);
    // Queues a write (deduplicated by opId when given) and replies once it is on disk;
    // committed, when given, runs on this thread after a successful commit, before the reply.
    void write(CallContext &caller, const Reply &reply, const QString &method, const QString &opId,
        std::function<OpResult(Store &)> fn, std::function<void(const OpResult &)> committed = {});

private:
    RpcServices &m_s;
};

} // namespace Atiende::Server
