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

    // Writer side. The counter lives in memory while a writer runs and is saved with each
    // batch. Saving records every revision handed out since the last save in the revisions
    // table (its key refuses one given twice) and moves the stored counter only if it still
    // holds what was loaded: a second process writing the same database with a stale counter
    // fails its commit instead of reusing revisions. After a failed save, roll back and load.
    bool loadRevision();
    qint64 revision() const { return m_revision; }
    qint64 nextRevision() { return ++m_revision; }
    bool saveRevision();

    // Stamps the change's entity with its revision and visibility; records a hide when a
    // ticket left a group or an assignee.
    bool record(const Change &change);
    bool audit(qint64 rev, qint64 at, qint64 agentId, const QString &entity, qint64 entityId,
        int version, const QString &field, const QString &oldValue, const QString &newValue);
    // The version at which another agent than `agentId` last changed a field of an entity (0
    // if never since creation). An agent's own earlier edits are never a conflict for them:
    // a console replaying several offline edits of one ticket builds on its own changes.
    int lastFieldVersion(
        const QString &entity, qint64 entityId, const QString &field, qint64 agentId);
    // The journalled changes of one field of an entity after a version, oldest first.
    struct FieldChange
    {
        int version = 0;
        qint64 agentId = 0;
        QString oldValue;
        QString newValue;
    };
    QList<FieldChange> fieldChangesSince(
        const QString &entity, qint64 entityId, const QString &field, int version);

    struct StoredOp
    {
        QJsonObject outcome;
        qint64 agentId;
        QString method;
    };
    std::optional<StoredOp> findOperation(const QString &opId);
    bool recordOperation(const QString &opId, qint64 agentId, const QString &method,
        const QJsonObject &outcome, qint64 rev, qint64 at);

    // Reader side: the revision of the last committed batch.
    qint64 committedRevision();
    // Who may see a ticket (its group and assignee) and the last committed revision this
    // answer reflects, read at one instant; nullopt when there is no such ticket. For
    // checks that need no more of the ticket than that (presence).
    struct TicketSight
    {
        qint64 groupId = 0;
        qint64 assigneeId = 0;
        qint64 revision = 0;
    };
    std::optional<TicketSight> ticketSight(qint64 ticketId);

    struct Row
    {
        QString entity;
        qint64 id;
        qint64 rev;
        bool hide;
    };
    // A place in the feed: after the entity (rev, entity, id) in (rev, entity, id) order. An
    // empty entity means after every row of rev.
    struct Position
    {
        qint64 rev = 0;
        QString entity;
        qint64 id = 0;
    };
    // Up to limit rows the caller may see after `after` with rev <= upTo, in feed order.
    QList<Row> rows(const Caller &caller, const Position &after, qint64 upTo, int limit);
    // The tickets that left the caller's sight with fromRev < rev <= toRev and are not visible
    // now, one "hide" row each (the latest revision that hid it).
    QList<Row> hides(const Caller &caller, qint64 fromRev, qint64 toRev);

private:
    SqlContext &m_ctx;
    qint64 m_revision = 0;
    qint64 m_savedRevision = 0; // what the stored counter holds, as far as this connection knows
};

} // namespace Atiende::Server
