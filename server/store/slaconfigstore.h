#pragma once
// The SLA configuration an admin edits: business calendars and SLA policies, stored as the
// JSON that core/calendar and core/sla validate. Saving one re-reads the configuration and
// recomputes the clocks of open tickets, so due times follow a changed policy or calendar.

#include "caller.h"
#include "changeset.h"

#include <QJsonObject>

namespace Atiende::Server {

class SqlContext;
class SyncStore;
class TicketStore;

class SlaConfigStore
{
public:
    SlaConfigStore(SqlContext &ctx, SyncStore &sync, TicketStore &tickets);

    OpResult calendars();
    OpResult policies();
    // {"calendar": {...}} / {"policy": {...}}: with an "id", replaces that one; without, adds.
    OpResult saveCalendar(const Caller &caller, const QJsonObject &definition, qint64 now);
    OpResult savePolicy(const Caller &caller, const QJsonObject &definition, qint64 now);

private:
    OpResult afterChange(
        const Caller &caller, const QString &key, const QJsonObject &saved, qint64 now);
    SqlContext &m_ctx;
    SyncStore &m_sync;
    TicketStore &m_tickets;
};

} // namespace Atiende::Server
