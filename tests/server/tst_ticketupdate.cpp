// The rules of tickets.update (and of opening and answering a ticket) without a database: each
// step of TicketUpdate, TicketCreation and TicketReply with the data it decides from, and whole
// plans with lookups answered from memory.

#include "server/tickets/ticketcreation.h"
#include "server/tickets/ticketupdate.h"

#include "core/domain/ids.h"
#include "core/sla/ticketsla.h"

#include <QJsonArray>
#include <QSet>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

namespace {

// Lookups answered from memory: which rows exist, who is in which group, the journal.
class MemoryLookups : public TicketLookups
{
public:
    QSet<qint64> categories, groups, kbArticles, customers;
    QHash<qint64, qint64> organisationOf;
    QSet<QPair<qint64, qint64>> members; // (group, agent)
    QSet<qint64> inactiveAgents;
    QHash<QString, int> lastChangeByOthers; // field -> version
    QHash<QString, QList<FieldEdit>> edits; // field -> journal after the base version

    bool exists(Reference kind, qint64 id) override
    {
        return kind == Reference::Category ? categories.contains(id)
            : kind == Reference::Group     ? groups.contains(id)
                                           : kbArticles.contains(id);
    }
    std::optional<qint64> customerOrganisation(qint64 customerId) override
    {
        if (!customers.contains(customerId))
            return std::nullopt;
        return organisationOf.value(customerId);
    }
    qint64 firstGroup() override
    {
        return groups.isEmpty() ? 0 : *std::min_element(groups.begin(), groups.end());
    }
    bool isMember(qint64 groupId, qint64 agentId) override
    {
        return members.contains({ groupId, agentId });
    }
    bool isActiveMember(qint64 groupId, qint64 agentId) override
    {
        return isMember(groupId, agentId) && !inactiveAgents.contains(agentId);
    }
    int lastFieldVersion(qint64, const QString &field, qint64) override
    {
        return lastChangeByOthers.value(field);
    }
    QList<FieldEdit> fieldEditsSince(qint64, const QString &field, int) override
    {
        return edits.value(field);
    }
};

Ticket workingTicket()
{
    Ticket t;
    t.id = 7;
    t.number = QStringLiteral("INC-000007");
    t.subject = QStringLiteral("Printer jams");
    t.status = TicketStatus::InProgress;
    t.groupId = 1;
    t.assigneeId = 10;
    t.version = 3;
    t.createdAt = 1000;
    t.updatedAt = 1000;
    return t;
}

const Caller kAgent10 { 10, Role::Agent, { 1 } };

} // namespace

class TicketUpdateTest : public QObject
{
    Q_OBJECT
private slots:
    void valuesAreCheckedForShape_data();
    void valuesAreCheckedForShape();
    void kbLinksMergeWithWhatOthersDid_data();
    void kbLinksMergeWithWhatOthersDid();
    void ccListsMergeWithWhatOthersAndMailDid_data();
    void ccListsMergeWithWhatOthersAndMailDid();
    void aFieldConflictsOnlyWhenChangedAfterTheBaseVersion_data();
    void aFieldConflictsOnlyWhenChangedAfterTheBaseVersion();
    void ownershipAndLifecycleFollowTheChange_data();
    void ownershipAndLifecycleFollowTheChange();
    void stampsFollowTheStatus_data();
    void stampsFollowTheStatus();
    void theJournalRecordsEveryChangedFieldAndTheEventAllButTheSubject();
    void aPlanRefusesBeforeLookingAtFields_data();
    void aPlanRefusesBeforeLookingAtFields();
    void aPlanWhoseEveryFieldConflictsIsAVersionConflict();
    void aPlanOfValuesAlreadySoChangesNothing();
    void aPlanAppliesFieldsAndKeepsConflictsBeside();
    void aPlanRefusesReferencesThatDoNotExist_data();
    void aPlanRefusesReferencesThatDoNotExist();
    void aNewCustomerBringsTheirOrganisation();
    void aNewPriorityRetargetsTheSlaClocks();

    void aNewTicketsTextIsChecked_data();
    void aNewTicketsTextIsChecked();
    void aNewTicketIsFiledWhereItMayBe_data();
    void aNewTicketIsFiledWhereItMayBe();
    void aNewTicketWithoutAGroupGoesToTheCallersFirstOrTheDesksFirst();
    void aNewTicketIsAssignedWhenItHasAnOwner_data();
    void aNewTicketIsAssignedWhenItHasAnOwner();
    void aMessageIsCheckedBeforeTheTicket_data();
    void aMessageIsCheckedBeforeTheTicket();
    void theFirstPublicReplyStampsTheFirstResponse_data();
    void theFirstPublicReplyStampsTheFirstResponse();
};

void TicketUpdateTest::valuesAreCheckedForShape_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("code"); // 0: accepted
    QTest::addColumn<qint64>("id");
    QTest::newRow("subject") << "subject" << QJsonValue(QStringLiteral("x")) << 0 << qint64(0);
    QTest::newRow("unknown field") << "number" << QJsonValue(QStringLiteral("x"))
                                   << int(ErrorCode::InvalidParams) << qint64(0);
    QTest::newRow("subject not a string")
        << "subject" << QJsonValue(3) << int(ErrorCode::InvalidParams) << qint64(0);
    QTest::newRow("status known") << "status" << QJsonValue(QStringLiteral("resolved")) << 0
                                  << qint64(0);
    QTest::newRow("status unknown") << "status" << QJsonValue(QStringLiteral("done"))
                                    << int(ErrorCode::InvalidParams) << qint64(0);
    QTest::newRow("impact unknown") << "impact" << QJsonValue(QStringLiteral("huge"))
                                    << int(ErrorCode::InvalidParams) << qint64(0);
    QTest::newRow("urgency known")
        << "urgency" << QJsonValue(QStringLiteral("low")) << 0 << qint64(0);
    QTest::newRow("id") << "assigneeId" << QJsonValue(12) << 0 << qint64(12);
    QTest::newRow("null id") << "assigneeId" << QJsonValue(QJsonValue::Null) << 0 << qint64(0);
    QTest::newRow("id as text") << "categoryId" << QJsonValue(QStringLiteral("3"))
                                << int(ErrorCode::InvalidParams) << qint64(0);
    QTest::newRow("no group") << "groupId" << QJsonValue(QJsonValue::Null)
                              << int(ErrorCode::ValidationFailed) << qint64(0);
}

void TicketUpdateTest::valuesAreCheckedForShape()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(int, code);
    QFETCH(qint64, id);
    qint64 idValue = -1;
    const auto refusal = TicketUpdate::checkValue(field, value, &idValue);
    QCOMPARE(refusal ? int(refusal->code) : 0, code);
    if (!refusal)
        QCOMPARE(idValue, id);
}

using Ids = QList<qint64>;
using Edits = QList<TicketLookups::FieldEdit>;

void TicketUpdateTest::kbLinksMergeWithWhatOthersDid_data()
{
    QTest::addColumn<Ids>("current");
    QTest::addColumn<Ids>("yours");
    QTest::addColumn<Edits>("since");
    QTest::addColumn<Ids>("merged");
    const qint64 me = 10, other = 11;
    QTest::newRow("nothing since: yours replaces")
        << Ids { 1, 2 } << Ids { 2, 3 } << Edits {} << Ids { 2, 3 };
    QTest::newRow("another agent linked since: both stay")
        << Ids { 1, 5 } << Ids { 1, 3 }
        << Edits { { 4, other, QStringLiteral("1"), QStringLiteral("1,5") } } << Ids { 1, 5, 3 };
    QTest::newRow("another agent unlinked what you keep: stays unlinked")
        << Ids {} << Ids { 1, 3 } << Edits { { 4, other, QStringLiteral("1"), QString() } }
        << Ids { 3 };
    QTest::newRow("your own later edit is part of what you saw")
        << Ids { 1, 2 } << Ids { 1, 2, 4 }
        << Edits { { 4, me, QStringLiteral("1"), QStringLiteral("1,2") } } << Ids { 1, 2, 4 };
    QTest::newRow("unlinking yours and another's link at once")
        << Ids { 1, 7 } << Ids {}
        << Edits { { 4, other, QStringLiteral("1"), QStringLiteral("1,7") } } << Ids { 7 };
    QTest::newRow("linking what is linked already")
        << Ids { 1 } << Ids { 1 } << Edits {} << Ids { 1 };
}

void TicketUpdateTest::kbLinksMergeWithWhatOthersDid()
{
    QFETCH(Ids, current);
    QFETCH(Ids, yours);
    QFETCH(Edits, since);
    QFETCH(Ids, merged);
    QCOMPARE(TicketUpdate::mergeKbLinks(current, yours, since, 10), merged);
}

void TicketUpdateTest::ccListsMergeWithWhatOthersAndMailDid_data()
{
    QTest::addColumn<QStringList>("current");
    QTest::addColumn<QStringList>("yours");
    QTest::addColumn<Edits>("since");
    QTest::addColumn<QStringList>("merged");
    const qint64 me = 10, other = 11, mail = 0; // arriving mail journals as no agent
    const QString a = QStringLiteral("a@x.example"), b = QStringLiteral("b@x.example"),
                  c = QStringLiteral("c@x.example");
    QTest::newRow("nothing since: yours replaces, kept ones first")
        << QStringList { a, b } << QStringList { c, b } << Edits {} << QStringList { b, c };
    QTest::newRow("a reply-all brought someone since: both stay")
        << QStringList { a, b } << QStringList { a, c }
        << Edits { { 4, mail, a, a + QLatin1Char(' ') + b } } << QStringList { a, b, c };
    QTest::newRow("another agent removed what you keep: stays removed")
        << QStringList {} << QStringList { a, c } << Edits { { 4, other, a, QString() } }
        << QStringList { c };
    QTest::newRow("your own later edit is part of what you saw")
        << QStringList { a, b } << QStringList { a, b, c }
        << Edits { { 4, me, a, a + QLatin1Char(' ') + b } } << QStringList { a, b, c };
    QTest::newRow("removing all of yours keeps what came since")
        << QStringList { a, b } << QStringList {}
        << Edits { { 4, other, a, a + QLatin1Char(' ') + b } } << QStringList { b };
}

void TicketUpdateTest::ccListsMergeWithWhatOthersAndMailDid()
{
    QFETCH(QStringList, current);
    QFETCH(QStringList, yours);
    QFETCH(Edits, since);
    QFETCH(QStringList, merged);
    QCOMPARE(TicketUpdate::mergeCc(current, yours, since, 10), merged);
}

void TicketUpdateTest::aFieldConflictsOnlyWhenChangedAfterTheBaseVersion_data()
{
    QTest::addColumn<int>("changedInVersion");
    QTest::addColumn<int>("baseVersion");
    QTest::addColumn<bool>("conflicts");
    QTest::newRow("never changed by others") << 0 << 2 << false;
    QTest::newRow("changed before the base") << 1 << 2 << false;
    QTest::newRow("changed in the base") << 2 << 2 << false;
    QTest::newRow("changed after the base") << 3 << 2 << true;
}

void TicketUpdateTest::aFieldConflictsOnlyWhenChangedAfterTheBaseVersion()
{
    QFETCH(int, changedInVersion);
    QFETCH(int, baseVersion);
    QFETCH(bool, conflicts);
    const auto c = TicketUpdate::conflict(QStringLiteral("status"), QStringLiteral("resolved"),
        QStringLiteral("pending_customer"), changedInVersion, baseVersion);
    QCOMPARE(bool(c), conflicts);
    if (c) {
        QCOMPARE(c->value(QStringLiteral("yours")).toString(), QStringLiteral("resolved"));
        QCOMPARE(c->value(QStringLiteral("theirs")).toString(), QStringLiteral("pending_customer"));
        QCOMPARE(c->value(QStringLiteral("changedInVersion")).toInt(), changedInVersion);
    }
}

void TicketUpdateTest::ownershipAndLifecycleFollowTheChange_data()
{
    QTest::addColumn<int>("oldStatus");
    QTest::addColumn<qint64>("oldAssignee");
    QTest::addColumn<int>("newStatus"); // -1: not asked for
    QTest::addColumn<qint64>("newAssignee");
    QTest::addColumn<qint64>("newGroup");
    QTest::addColumn<bool>("ownerInNewGroup");
    QTest::addColumn<int>("code"); // 0: accepted
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("assignee");
    const int New = int(TicketStatus::New), Assigned = int(TicketStatus::Assigned),
              InProgress = int(TicketStatus::InProgress), Resolved = int(TicketStatus::Resolved),
              Closed = int(TicketStatus::Closed);
    QTest::newRow("assigning a new ticket makes it assigned")
        << New << qint64(0) << -1 << qint64(10) << qint64(1) << true << 0 << Assigned << qint64(10);
    QTest::newRow("unassigning an assigned ticket makes it new")
        << Assigned << qint64(10) << -1 << qint64(0) << qint64(1) << true << 0 << New << qint64(0);
    QTest::newRow("escalated where its owner is not: back to the queue")
        << InProgress << qint64(10) << -1 << qint64(10) << qint64(2) << false << 0 << New
        << qint64(0);
    QTest::newRow("escalated where its owner is too: kept")
        << InProgress << qint64(10) << -1 << qint64(10) << qint64(2) << true << 0 << InProgress
        << qint64(10);
    QTest::newRow("assignee not in the group")
        << New << qint64(0) << -1 << qint64(99) << qint64(1) << true
        << int(ErrorCode::ValidationFailed) << 0 << qint64(0);
    QTest::newRow("a transition the lifecycle forbids")
        << New << qint64(0) << Closed << qint64(0) << qint64(1) << true
        << int(ErrorCode::InvalidTransition) << 0 << qint64(0);
    QTest::newRow("starting work takes ownership")
        << New << qint64(0) << InProgress << qint64(0) << qint64(1) << true << 0 << InProgress
        << qint64(10);
    QTest::newRow("resolving keeps the owner") << InProgress << qint64(10) << Resolved << qint64(10)
                                               << qint64(1) << true << 0 << Resolved << qint64(10);
}

void TicketUpdateTest::ownershipAndLifecycleFollowTheChange()
{
    QFETCH(int, oldStatus);
    QFETCH(qint64, oldAssignee);
    QFETCH(int, newStatus);
    QFETCH(qint64, newAssignee);
    QFETCH(qint64, newGroup);
    QFETCH(bool, ownerInNewGroup);
    QFETCH(int, code);
    QFETCH(int, status);
    QFETCH(qint64, assignee);
    MemoryLookups lookups;
    lookups.members = { { 1, 10 } };
    if (ownerInNewGroup)
        lookups.members.insert({ newGroup, 10 });
    Ticket old = workingTicket();
    old.status = TicketStatus(oldStatus);
    old.assigneeId = oldAssignee;
    Ticket t = old;
    t.assigneeId = newAssignee;
    t.groupId = newGroup;
    if (newStatus >= 0)
        t.status = TicketStatus(newStatus);
    const auto refusal = TicketUpdate::settleOwnership(kAgent10, old, &t, newStatus >= 0, lookups);
    QCOMPARE(refusal ? int(refusal->code) : 0, code);
    if (!refusal) {
        QCOMPARE(int(t.status), status);
        QCOMPARE(t.assigneeId, assignee);
    }
}

void TicketUpdateTest::stampsFollowTheStatus_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<qint64>("resolvedAt");
    QTest::addColumn<qint64>("closedAt");
    QTest::addColumn<int>("reopenCount");
    QTest::newRow("resolved") << int(TicketStatus::InProgress) << int(TicketStatus::Resolved)
                              << qint64(5000) << qint64(0) << 0;
    QTest::newRow("closed") << int(TicketStatus::Resolved) << int(TicketStatus::Closed)
                            << qint64(1500) << qint64(5000) << 0;
    QTest::newRow("reopened") << int(TicketStatus::Resolved) << int(TicketStatus::InProgress)
                              << qint64(0) << qint64(0) << 1;
    QTest::newRow("no status change")
        << int(TicketStatus::InProgress) << int(TicketStatus::InProgress) << qint64(0) << qint64(0)
        << 0;
}

void TicketUpdateTest::stampsFollowTheStatus()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(qint64, resolvedAt);
    QFETCH(qint64, closedAt);
    QFETCH(int, reopenCount);
    Ticket old = workingTicket();
    old.status = TicketStatus(from);
    if (old.status == TicketStatus::Resolved)
        old.resolvedAt = 1500;
    Ticket t = old;
    t.status = TicketStatus(to);
    TicketUpdate::stamp(old, &t, 5000);
    QCOMPARE(t.resolvedAt, resolvedAt);
    QCOMPARE(t.closedAt, closedAt);
    QCOMPARE(t.reopenCount, reopenCount);
    QCOMPARE(t.version, old.version + 1);
    QCOMPARE(t.updatedAt, qint64(5000));
}

void TicketUpdateTest::theJournalRecordsEveryChangedFieldAndTheEventAllButTheSubject()
{
    Ticket before = workingTicket();
    before.kbArticleIds = { 3 };
    Ticket after = before;
    after.subject = QStringLiteral("Printer jams on tray 2");
    after.status = TicketStatus::Resolved;
    after.kbArticleIds = { 3, 8 };
    const ChangeRecord r = TicketUpdate::record(before.toJson(), after.toJson());
    const QList<AuditEntry> expected { { QStringLiteral("subject"), QStringLiteral("Printer jams"),
                                           QStringLiteral("Printer jams on tray 2") },
        { QStringLiteral("status"), QStringLiteral("in_progress"), QStringLiteral("resolved") },
        { QStringLiteral("kbArticleIds"), QStringLiteral("3"), QStringLiteral("3,8") } };
    QCOMPARE(r.audit.size(), expected.size());
    for (int i = 0; i < expected.size(); ++i)
        QVERIFY2(r.audit.at(i) == expected.at(i), qPrintable(r.audit.at(i).field));
    QCOMPARE(r.eventChanges.size(), 2);
    QCOMPARE(r.eventChanges.at(0).toObject().value(QStringLiteral("field")).toString(),
        QStringLiteral("status"));
    QCOMPARE(r.eventBody, QStringLiteral("status: in_progress → resolved\nkbArticleIds: 3 → 3,8"));
}

void TicketUpdateTest::aPlanRefusesBeforeLookingAtFields_data()
{
    QTest::addColumn<qint64>("callerGroup");
    QTest::addColumn<int>("baseVersion");
    QTest::addColumn<bool>("closed");
    QTest::addColumn<int>("code");
    QTest::newRow("another group's ticket") << qint64(2) << 3 << false << int(ErrorCode::Forbidden);
    QTest::newRow("a base newer than the ticket")
        << qint64(1) << 4 << false << int(ErrorCode::ValidationFailed);
    QTest::newRow("a closed ticket") << qint64(1) << 3 << true << int(ErrorCode::ValidationFailed);
}

void TicketUpdateTest::aPlanRefusesBeforeLookingAtFields()
{
    QFETCH(qint64, callerGroup);
    QFETCH(int, baseVersion);
    QFETCH(bool, closed);
    QFETCH(int, code);
    MemoryLookups lookups;
    const PriorityMatrix matrix;
    const SlaSetup sla;
    Ticket old = workingTicket();
    old.assigneeId = 0;
    if (closed)
        old.status = TicketStatus::Closed;
    UpdatePlan plan;
    const auto refusal
        = TicketUpdate(matrix, sla, lookups)
              .plan(Caller { 10, Role::Agent, { callerGroup } }, old, baseVersion,
                  { { QStringLiteral("subject"), QStringLiteral("x") } }, 5000, &plan);
    QVERIFY(refusal);
    QCOMPARE(int(refusal->code), code);
}

void TicketUpdateTest::aPlanWhoseEveryFieldConflictsIsAVersionConflict()
{
    MemoryLookups lookups;
    lookups.lastChangeByOthers.insert(QStringLiteral("status"), 3);
    const PriorityMatrix matrix;
    const SlaSetup sla;
    UpdatePlan plan;
    const auto refusal
        = TicketUpdate(matrix, sla, lookups)
              .plan(kAgent10, workingTicket(), 2,
                  { { QStringLiteral("status"), QStringLiteral("resolved") } }, 5000, &plan);
    QVERIFY(refusal);
    QCOMPARE(refusal->code, ErrorCode::VersionConflict);
    QCOMPARE(refusal->message, QStringLiteral("INC-000007 changed since version 2: status."));
    QCOMPARE(refusal->data.value(QStringLiteral("conflicts")).toArray().size(), 1);
}

void TicketUpdateTest::aPlanOfValuesAlreadySoChangesNothing()
{
    MemoryLookups lookups;
    lookups.lastChangeByOthers.insert(
        QStringLiteral("subject"), 3); // not a conflict: the value is already so
    const PriorityMatrix matrix;
    const SlaSetup sla;
    UpdatePlan plan;
    const auto refusal = TicketUpdate(matrix, sla, lookups)
                             .plan(kAgent10, workingTicket(), 2,
                                 { { QStringLiteral("subject"), QStringLiteral("Printer jams") },
                                     { QStringLiteral("groupId"), 1 } },
                                 5000, &plan);
    QVERIFY(!refusal);
    QVERIFY(!plan.changed);
    QCOMPARE(plan.after.version, 3);
}

void TicketUpdateTest::aPlanAppliesFieldsAndKeepsConflictsBeside()
{
    MemoryLookups lookups;
    lookups.lastChangeByOthers.insert(QStringLiteral("urgency"), 3);
    lookups.members = { { 1, 10 } };
    const PriorityMatrix matrix;
    const SlaSetup sla;
    UpdatePlan plan;
    const auto refusal = TicketUpdate(matrix, sla, lookups)
                             .plan(kAgent10, workingTicket(), 2,
                                 { { QStringLiteral("impact"), QStringLiteral("high") },
                                     { QStringLiteral("urgency"), QStringLiteral("high") },
                                     { QStringLiteral("status"), QStringLiteral("resolved") } },
                                 5000, &plan);
    QVERIFY(!refusal);
    QVERIFY(plan.changed);
    QVERIFY(plan.becameResolved);
    QVERIFY(!plan.visibilityChanged);
    QCOMPARE(plan.after.impact, Level::High);
    QCOMPARE(plan.after.urgency, Level::Medium); // left as the other agent made it
    QCOMPARE(plan.after.priority, matrix.priority(Level::High, Level::Medium));
    QCOMPARE(plan.after.status, TicketStatus::Resolved);
    QCOMPARE(plan.after.resolvedAt, qint64(5000));
    QCOMPARE(plan.after.version, 4);
    QCOMPARE(plan.conflicts.size(), 1);
    QCOMPARE(plan.conflicts.first().toObject().value(QStringLiteral("field")).toString(),
        QStringLiteral("urgency"));
    QStringList journalled;
    for (const AuditEntry &e : std::as_const(plan.record.audit))
        journalled << e.field;
    QStringList expected { QStringLiteral("status"), QStringLiteral("impact") };
    if (plan.after.priority != plan.before.priority)
        expected << QStringLiteral("priority");
    QCOMPARE(journalled, expected);
}

void TicketUpdateTest::aPlanRefusesReferencesThatDoNotExist_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("category") << "categoryId" << QJsonValue(4) << "there is no category with id 4";
    QTest::newRow("group") << "groupId" << QJsonValue(9) << "there is no group with id 9";
    QTest::newRow("customer") << "customerId" << QJsonValue(12)
                              << "there is no customer with id 12";
    QTest::newRow("KB article") << "kbArticleIds" << QJsonValue(QJsonArray { 5 })
                                << "there is no KB article with id 5";
}

void TicketUpdateTest::aPlanRefusesReferencesThatDoNotExist()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, message);
    MemoryLookups lookups;
    const PriorityMatrix matrix;
    const SlaSetup sla;
    UpdatePlan plan;
    const auto refusal = TicketUpdate(matrix, sla, lookups)
                             .plan(kAgent10, workingTicket(), 3, { { field, value } }, 5000, &plan);
    QVERIFY(refusal);
    QCOMPARE(refusal->code, ErrorCode::ValidationFailed);
    QCOMPARE(refusal->message, message);
    QCOMPARE(refusal->data.value(QStringLiteral("field")).toString(), field);
}

void TicketUpdateTest::aNewCustomerBringsTheirOrganisation()
{
    MemoryLookups lookups;
    lookups.customers = { 12 };
    lookups.organisationOf.insert(12, 4);
    lookups.members = { { 1, 10 } };
    const PriorityMatrix matrix;
    const SlaSetup sla;
    UpdatePlan plan;
    const auto refusal = TicketUpdate(matrix, sla, lookups)
                             .plan(kAgent10, workingTicket(), 3,
                                 { { QStringLiteral("customerId"), 12 } }, 5000, &plan);
    QVERIFY(!refusal);
    QCOMPARE(plan.after.customerId, qint64(12));
    QCOMPARE(plan.after.organisationId, qint64(4));
    QCOMPARE(plan.record.audit.size(), 2); // customerId and organisationId
}

void TicketUpdateTest::aNewPriorityRetargetsTheSlaClocks()
{
    // One policy, around the clock: P1 due in 1 hour, the others in 8 (resolution).
    QString error;
    const auto policy = SlaPolicy::fromJson(QJsonObject { { QStringLiteral("id"), 1 },
        { QStringLiteral("name"), QStringLiteral("Default") },
        { QStringLiteral("targets"),
            QJsonObject { { QStringLiteral("P1"),
                              QJsonObject { { QStringLiteral("firstResponseMinutes"), 15 },
                                  { QStringLiteral("resolutionMinutes"), 60 } } },
                { QStringLiteral("P2"),
                    QJsonObject { { QStringLiteral("firstResponseMinutes"), 60 },
                        { QStringLiteral("resolutionMinutes"), 480 } } },
                { QStringLiteral("P3"),
                    QJsonObject { { QStringLiteral("firstResponseMinutes"), 60 },
                        { QStringLiteral("resolutionMinutes"), 480 } } },
                { QStringLiteral("P4"),
                    QJsonObject { { QStringLiteral("firstResponseMinutes"), 60 },
                        { QStringLiteral("resolutionMinutes"), 480 } } } } } });
    QVERIFY(policy);
    SlaSetup setup;
    setup.policies << *policy;
    Ticket old = workingTicket();
    old.impact = Level::Low;
    old.urgency = Level::Low;
    const PriorityMatrix matrix;
    old.priority = matrix.priority(old.impact, old.urgency);
    const qint64 start = 1'780'000'000'000; // an instant in 2026
    old.sla = TicketSla::begin(&setup.policies.first(), old.priority, old.status, start)
                  .toJson(setup.aroundTheClock, start);
    const QString dueBefore = old.sla.value(QStringLiteral("resolution"))
                                  .toObject()
                                  .value(QStringLiteral("dueAt"))
                                  .toString();
    QVERIFY(!dueBefore.isEmpty());

    Ticket t = old;
    t.impact = Level::High;
    t.urgency = Level::High;
    t.priority = matrix.priority(t.impact, t.urgency);
    QCOMPARE(t.priority, Priority::P1);
    const QJsonObject sla = TicketUpdate::nextSla(old, t, setup, start + 60'000);
    const QString dueAfter = sla.value(QStringLiteral("resolution"))
                                 .toObject()
                                 .value(QStringLiteral("dueAt"))
                                 .toString();
    QVERIFY(!dueAfter.isEmpty());
    QVERIFY(dueAfter < dueBefore); // an hour from the start instead of eight

    // Nothing that moves the clocks: the same clocks, re-read at the new instant.
    Ticket same = old;
    same.subject = QStringLiteral("Other words");
    QCOMPARE(TicketUpdate::nextSla(old, same, setup, start), old.sla);
    // No policy and no clocks before: still none.
    Ticket bare = workingTicket();
    QVERIFY(TicketUpdate::nextSla(bare, bare, SlaSetup {}, start).isEmpty());
}

void TicketUpdateTest::aNewTicketsTextIsChecked_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<int>("descriptionLength");
    QTest::addColumn<QString>("field"); // empty: accepted
    QTest::newRow("a subject") << "  Printer jams  " << 10 << "";
    QTest::newRow("no subject") << "   " << 10 << "subject";
    QTest::newRow("a subject too long")
        << QString(TicketCreation::kMaxSubject + 1, QLatin1Char('x')) << 10 << "subject";
    QTest::newRow("a description too long")
        << "Printer jams" << TicketCreation::kMaxBody + 1 << "description";
}

void TicketUpdateTest::aNewTicketsTextIsChecked()
{
    QFETCH(QString, subject);
    QFETCH(int, descriptionLength);
    QFETCH(QString, field);
    NewTicket n;
    n.subject = subject;
    n.description = QString(descriptionLength, QLatin1Char('d'));
    QString trimmed;
    const auto refusal = TicketCreation::checkText(n, &trimmed);
    QCOMPARE(refusal ? refusal->data.value(QStringLiteral("field")).toString() : QString(), field);
    if (!refusal)
        QCOMPARE(trimmed, subject.trimmed());
}

void TicketUpdateTest::aNewTicketIsFiledWhereItMayBe_data()
{
    QTest::addColumn<qint64>("group");
    QTest::addColumn<bool>("routed");
    QTest::addColumn<qint64>("category");
    QTest::addColumn<qint64>("customer");
    QTest::addColumn<qint64>("assignee");
    QTest::addColumn<int>("code"); // 0: accepted
    QTest::addColumn<qint64>("organisation");
    QTest::newRow("in the caller's group")
        << qint64(1) << false << qint64(0) << qint64(0) << qint64(0) << 0 << qint64(0);
    QTest::newRow("no group at all") << qint64(0) << false << qint64(0) << qint64(0) << qint64(0)
                                     << int(ErrorCode::ValidationFailed) << qint64(0);
    QTest::newRow("a group that does not exist")
        << qint64(9) << false << qint64(0) << qint64(0) << qint64(0)
        << int(ErrorCode::ValidationFailed) << qint64(0);
    QTest::newRow("another group") << qint64(2) << false << qint64(0) << qint64(0) << qint64(0)
                                   << int(ErrorCode::Forbidden) << qint64(0);
    QTest::newRow("another group, routed there")
        << qint64(2) << true << qint64(0) << qint64(0) << qint64(0) << 0 << qint64(0);
    QTest::newRow("an unknown category")
        << qint64(1) << false << qint64(8) << qint64(0) << qint64(0)
        << int(ErrorCode::ValidationFailed) << qint64(0);
    QTest::newRow("a customer and their organisation")
        << qint64(1) << false << qint64(3) << qint64(12) << qint64(0) << 0 << qint64(4);
    QTest::newRow("an unknown customer")
        << qint64(1) << false << qint64(0) << qint64(13) << qint64(0)
        << int(ErrorCode::ValidationFailed) << qint64(0);
    QTest::newRow("an assignee in the group")
        << qint64(1) << false << qint64(0) << qint64(0) << qint64(10) << 0 << qint64(0);
    QTest::newRow("an assignee from elsewhere")
        << qint64(1) << false << qint64(0) << qint64(0) << qint64(11)
        << int(ErrorCode::ValidationFailed) << qint64(0);
}

void TicketUpdateTest::aNewTicketIsFiledWhereItMayBe()
{
    QFETCH(qint64, group);
    QFETCH(bool, routed);
    QFETCH(qint64, category);
    QFETCH(qint64, customer);
    QFETCH(qint64, assignee);
    QFETCH(int, code);
    QFETCH(qint64, organisation);
    MemoryLookups lookups;
    lookups.groups = { 1, 2 };
    lookups.categories = { 3 };
    lookups.customers = { 12 };
    lookups.organisationOf.insert(12, 4);
    lookups.members = { { 1, 10 }, { 2, 11 } };
    NewTicket n;
    n.categoryId = category;
    n.customerId = customer;
    n.assigneeId = assignee;
    qint64 organisationId = -1;
    const auto refusal
        = TicketCreation::checkPlacement(kAgent10, n, group, routed, lookups, &organisationId);
    QCOMPARE(refusal ? int(refusal->code) : 0, code);
    if (!refusal)
        QCOMPARE(organisationId, organisation);
}

void TicketUpdateTest::aNewTicketWithoutAGroupGoesToTheCallersFirstOrTheDesksFirst()
{
    MemoryLookups lookups;
    lookups.groups = { 5, 3 };
    QCOMPARE(
        TicketCreation::fallbackGroup(Caller { 10, Role::Agent, { 5, 3 } }, lookups), qint64(5));
    QCOMPARE(TicketCreation::fallbackGroup(Caller { 1, Role::Admin, {} }, lookups), qint64(3));
    MemoryLookups empty;
    QCOMPARE(TicketCreation::fallbackGroup(Caller { 1, Role::Admin, {} }, empty), qint64(0));
}

void TicketUpdateTest::aNewTicketIsAssignedWhenItHasAnOwner_data()
{
    QTest::addColumn<qint64>("assignee");
    QTest::addColumn<int>("status");
    QTest::newRow("with an owner") << qint64(10) << int(TicketStatus::Assigned);
    QTest::newRow("in the queue") << qint64(0) << int(TicketStatus::New);
}

void TicketUpdateTest::aNewTicketIsAssignedWhenItHasAnOwner()
{
    QFETCH(qint64, assignee);
    QFETCH(int, status);
    NewTicket n;
    n.type = TicketType::ServiceRequest;
    n.impact = Level::High;
    n.urgency = Level::Low;
    const PriorityMatrix matrix;
    const Ticket t = TicketCreation::build(
        kAgent10, n, QStringLiteral("New laptop"), 1, assignee, 4, 45, matrix, SlaSetup {}, 5000);
    QCOMPARE(int(t.status), status);
    QCOMPARE(t.assigneeId, assignee);
    QCOMPARE(t.number, QStringLiteral("REQ-000045"));
    QCOMPARE(t.priority, matrix.priority(Level::High, Level::Low));
    QCOMPARE(t.organisationId, qint64(4));
    QCOMPARE(t.createdBy, qint64(10));
    QCOMPARE(t.createdAt, qint64(5000));
    QCOMPARE(t.version, 1);
    QVERIFY(t.sla.isEmpty()); // no policy, no clocks
}

void TicketUpdateTest::aMessageIsCheckedBeforeTheTicket_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("code");
    QTest::newRow("a reply") << int(ArticleKind::PublicReply) << "Done." << 0;
    QTest::newRow("a note") << int(ArticleKind::InternalNote) << "Checked." << 0;
    QTest::newRow("an event") << int(ArticleKind::SystemEvent) << "status: new"
                              << int(ErrorCode::InvalidParams);
    QTest::newRow("an empty message")
        << int(ArticleKind::PublicReply) << " \n " << int(ErrorCode::ValidationFailed);
}

void TicketUpdateTest::aMessageIsCheckedBeforeTheTicket()
{
    QFETCH(int, kind);
    QFETCH(QString, body);
    QFETCH(int, code);
    const auto refusal = TicketReply::checkMessage(ArticleKind(kind), body);
    QCOMPARE(refusal ? int(refusal->code) : 0, code);
    Ticket closed = workingTicket();
    closed.status = TicketStatus::Closed;
    QCOMPARE(TicketReply::checkTicket(kAgent10, closed)->code, ErrorCode::ValidationFailed);
    QCOMPARE(TicketReply::checkTicket(Caller { 11, Role::Agent, { 2 } }, workingTicket())->code,
        ErrorCode::Forbidden);
    QVERIFY(!TicketReply::checkTicket(kAgent10, workingTicket()));
}

void TicketUpdateTest::theFirstPublicReplyStampsTheFirstResponse_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("respondedAt");
    QTest::addColumn<bool>("first");
    QTest::addColumn<int>("replies");
    QTest::newRow("the first reply") << int(ArticleKind::PublicReply) << qint64(0) << true << 1;
    QTest::newRow("a later reply") << int(ArticleKind::PublicReply) << qint64(2000) << false << 1;
    QTest::newRow("a note") << int(ArticleKind::InternalNote) << qint64(0) << false << 0;
}

void TicketUpdateTest::theFirstPublicReplyStampsTheFirstResponse()
{
    QFETCH(int, kind);
    QFETCH(qint64, respondedAt);
    QFETCH(bool, first);
    QFETCH(int, replies);
    Ticket t = workingTicket();
    t.firstResponseAt = respondedAt;
    const TicketReply::Outcome o = TicketReply::apply(t, ArticleKind(kind), SlaSetup {}, 5000);
    QCOMPARE(o.firstResponse, first);
    QCOMPARE(o.after.firstResponseAt, first ? qint64(5000) : respondedAt);
    QCOMPARE(o.after.agentReplies, replies);
    QCOMPARE(o.after.version, t.version + 1);
    const QList<AuditEntry> journal
        = TicketReply::record(ArticleKind(kind), 77, o.firstResponse, 5000);
    QCOMPARE(journal.size(), first ? 2 : 1);
    QCOMPARE(journal.first().after, QStringLiteral("%1 77").arg(wireName(ArticleKind(kind))));
}

QTEST_APPLESS_MAIN(TicketUpdateTest)
#include "tst_ticketupdate.moc"
