#pragma once
// The sync feed and the journal: the global revision counter, the latest revision of every
// entity (sync_log), who lost sight of a ticket (visibility_log), the audit journal and the
// operation ids already applied.

#include "caller.h"
#include "changeset.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace Atiende::Server {

class SqlContext;

class SyncStore
{
public:
    explicit SyncStore(SqlContext &ctx);

    // Writer side. The counter lives in memory while a writer runs and is saved with each batch.
    bool loadRevision();
    qint64 revision() const { return m_revision; }
    qint64 nextRevision() { return ++m_revision; }
    bool saveRevision();

    // Stamps the change's entity with its revision and visibility; records a hide when a
    // ticket left a group or an assignee.
    bool record(const Change &change);
    bool audit(qint64 rev, qint64 at, qint64 agentId, const QString &entity, qint64 entityId, int version,
               const QString &field, const QString &oldValue, const QString &newValue);
    // The version at which another agent than `agentId` last changed a field of an entity (0
    // if never since creation). An agent's own earlier edits are never a conflict for them:
    // a console replaying several offline edits of one ticket builds on its own changes.
    int lastFieldVersion(const QString &entity, qint64 entityId, const QString &field, qint64 agentId);
    // The journalled changes of one field of an entity after a version, oldest first.
    struct FieldChange { int version = 0; qint64 agentId = 0; QString oldValue; QString newValue; };
    QList<FieldChange> fieldChangesSince(const QString &entity, qint64 entityId, const QString &field, int version);

    struct StoredOp { QJsonObject outcome; qint64 agentId; QString method; };
    std::optional<StoredOp> findOperation(const QString &opId);
    bool recordOperation(const QString &opId, qint64 agentId, const QString &method, const QJsonObject &outcome,
                         qint64 rev, qint64 at);

    // Reader side: the revision of the last committed batch.
    qint64 committedRevision();
    // Who may see a ticket (its group and assignee) and the last committed revision this
    // answer reflects, read at one instant; nullopt when there is no such ticket. For
    // checks that need no more of the ticket than that (presence).
    struct TicketSight { qint64 groupId = 0; qint64 assigneeId = 0; qint64 revision = 0; };
    std::optional<TicketSight> ticketSight(qint64 ticketId);

    struct Row { QString entity; qint64 id; qint64 rev; bool hide; };
    // Rows the caller may see with since < rev <= upTo, in revision order, never splitting a
    // revision across pages. *reachedRev is the revision the page covers up to.
    QList<Row> pull(const Caller &caller, qint64 since, qint64 upTo, int limit, qint64 *reachedRev, bool *more);

private:
    SqlContext &m_ctx;
    qint64 m_revision = 0;
};

} // namespace Atiende::Server
