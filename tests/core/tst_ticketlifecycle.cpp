// The ticket lifecycle: which status changes an agent may make, and which they may not.

#include "core/domain/ticketlifecycle.h"

#include <QtTest>

using namespace Atiende::Core;

class TicketLifecycleTest : public QObject
{
    Q_OBJECT
private slots:
    void transitions_data();
    void transitions();
    void closedTicketsAreFinal();
    void reopenIsOnlyFromResolved();
    void workingStatesNeedAnOwner();
    void everyStatusCanReachResolvedOrIsDone();
};

void TicketLifecycleTest::transitions_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");
    const QStringList statuses = wireNames<TicketStatus>();
    // The table of docs/protocol.md, written out once more by hand.
    const QHash<QString, QStringList> allowed {
        { QStringLiteral("new"),
            { QStringLiteral("assigned"), QStringLiteral("in_progress"),
                QStringLiteral("pending_customer"), QStringLiteral("pending_third_party"),
                QStringLiteral("resolved") } },
        { QStringLiteral("assigned"),
            { QStringLiteral("new"), QStringLiteral("in_progress"),
                QStringLiteral("pending_customer"), QStringLiteral("pending_third_party"),
                QStringLiteral("resolved") } },
        { QStringLiteral("in_progress"),
            { QStringLiteral("assigned"), QStringLiteral("pending_customer"),
                QStringLiteral("pending_third_party"), QStringLiteral("resolved") } },
        { QStringLiteral("pending_customer"),
            { QStringLiteral("in_progress"), QStringLiteral("pending_third_party"),
                QStringLiteral("resolved") } },
        { QStringLiteral("pending_third_party"),
            { QStringLiteral("in_progress"), QStringLiteral("pending_customer"),
                QStringLiteral("resolved") } },
        { QStringLiteral("resolved"), { QStringLiteral("in_progress"), QStringLiteral("closed") } },
        { QStringLiteral("closed"), {} },
    };
    for (const QString &from : statuses) {
        for (const QString &to : statuses) {
            if (from == to)
                continue;
            QTest::addRow("%s -> %s", qPrintable(from), qPrintable(to))
                << from << to << allowed.value(from).contains(to);
        }
    }
}

void TicketLifecycleTest::transitions()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    QCOMPARE(TicketLifecycle::canTransition(
                 *fromString<TicketStatus>(from), *fromString<TicketStatus>(to)),
        allowed);
}

void TicketLifecycleTest::closedTicketsAreFinal()
{
    QVERIFY(TicketLifecycle::allowedTargets(TicketStatus::Closed).isEmpty());
    QVERIFY(!TicketLifecycle::isOpen(TicketStatus::Closed));
}

void TicketLifecycleTest::reopenIsOnlyFromResolved()
{
    QVERIFY(TicketLifecycle::isReopen(TicketStatus::Resolved, TicketStatus::InProgress));
    QVERIFY(!TicketLifecycle::isReopen(TicketStatus::PendingCustomer, TicketStatus::InProgress));
    QVERIFY(!TicketLifecycle::isReopen(TicketStatus::Resolved, TicketStatus::Closed));
}

void TicketLifecycleTest::workingStatesNeedAnOwner()
{
    QVERIFY(!TicketLifecycle::needsAssignee(TicketStatus::New));
    QVERIFY(TicketLifecycle::needsAssignee(TicketStatus::Assigned));
    QVERIFY(TicketLifecycle::needsAssignee(TicketStatus::InProgress));
    QVERIFY(TicketLifecycle::needsAssignee(TicketStatus::PendingCustomer));
    QVERIFY(TicketLifecycle::needsAssignee(TicketStatus::PendingThirdParty));
    QVERIFY(!TicketLifecycle::needsAssignee(TicketStatus::Resolved));
}

void TicketLifecycleTest::everyStatusCanReachResolvedOrIsDone()
{
    // No ticket can get stuck: from every open status, resolved is one step away.
    for (const QString &name : wireNames<TicketStatus>()) {
        const TicketStatus s = *fromString<TicketStatus>(name);
        if (TicketLifecycle::isOpen(s))
            QVERIFY2(TicketLifecycle::canTransition(s, TicketStatus::Resolved), qPrintable(name));
    }
}

QTEST_APPLESS_MAIN(TicketLifecycleTest)
#include "tst_ticketlifecycle.moc"
