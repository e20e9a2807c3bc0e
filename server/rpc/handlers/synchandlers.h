#pragma once
// The sync feed (docs/protocol.md, "Sync"): sync.pull pages what changed since a revision, and
// publish() pushes each commit batch's changes as sync.changed to every signed-in console,
// each with only what it may see (sessions that see the same subset share one frame).

#include "handlerunit.h"

#include "server/store/changeset.h"

namespace Atiende::Server {

class SyncHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

    // One sync.changed per signed-in console for the whole batch.
    void publish(const QList<Change> &changes);

private:
    void pull(CallContext &, const QJsonObject &, const Reply &);
};

} // namespace Atiende::Server
