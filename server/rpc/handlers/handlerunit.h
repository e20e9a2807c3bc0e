#pragma once
// What every feature's handlers work with: the shared engines, the way to the store
// (Operations: reads, writes, back-pressure) and who is signed in (Sessions). A unit reads
// each method's params (Params: invalid_params naming the parameter), checks what only it
// can check, and answers the call's Reply; the Dispatcher has already checked hello, the
// session and the role it was registered with.

#include "server/rpc/callcontext.h"
#include "server/rpc/dispatcher.h"

namespace Atiende::Server {

class Operations;
class Sessions;
struct RpcServices;

class HandlerUnit
{
public:
    HandlerUnit(RpcServices &services, Operations &operations, Sessions &sessions)
        : m_s(services)
        , m_ops(operations)
        , m_sessions(sessions)
    {
    }
    virtual ~HandlerUnit() = default;
    HandlerUnit(const HandlerUnit &) = delete;
    HandlerUnit &operator=(const HandlerUnit &) = delete;

    // Adds the unit's methods to the table.
    virtual void registerWith(Dispatcher &dispatcher) = 0;

protected:
    RpcServices &m_s;
    Operations &m_ops;
    Sessions &m_sessions;
};

} // namespace Atiende::Server
