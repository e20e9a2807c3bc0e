#pragma once
// The knowledge base as agents search and read it: kb.search, kb.get (docs/protocol.md). The
// whole KB is visible to every signed-in agent; it is read on a reader thread.

#include "handlerunit.h"

namespace Atiende::Server {

class KbHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

private:
    void search(CallContext &, const QJsonObject &, const Reply &);
    void get(CallContext &, const QJsonObject &, const Reply &);
};

} // namespace Atiende::Server
