// Back and Forward between the tickets an agent looked at.

#include "models/navigation/tickethistory.h"

#include <QSet>
#include <QtTest>

using Atiende::Models::TicketHistory;

class TicketHistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void backAndForwardWalkTheTicketsSeen()
    {
        TicketHistory h;
        QVERIFY(!h.canGoBack());
        h.visit(1);
        h.visit(2);
        h.visit(3);
        QCOMPARE(h.current(), 3);
        QCOMPARE(h.back(), 2);
        QCOMPARE(h.back(), 1);
        QVERIFY(!h.canGoBack());
        QCOMPARE(h.back(), 0);
        QCOMPARE(h.current(), 1);
        QCOMPARE(h.forward(), 2);
        QCOMPARE(h.forward(), 3);
        QVERIFY(!h.canGoForward());
    }

    void openingATicketAfterGoingBackDropsWhatWasAhead()
    {
        TicketHistory h;
        for (qint64 id : { 1, 2, 3 })
            h.visit(id);
        h.back();
        h.visit(9);
        QVERIFY(!h.canGoForward());
        QCOMPARE(h.back(), 2);
        QCOMPARE(h.back(), 1);
    }

    void aTicketSeenAgainMovesToTheEndInsteadOfRepeating()
    {
        TicketHistory h;
        for (qint64 id : { 1, 2, 1, 1 })
            h.visit(id);
        QCOMPARE(h.entries(), (QList<qint64> { 2, 1 }));
        QCOMPARE(h.back(), 2);
    }

    void aTicketThatLeftTheAgentsSightIsSkipped()
    {
        TicketHistory h;
        QSet<qint64> gone;
        h.setAvailable([&](qint64 id) { return !gone.contains(id); });
        for (qint64 id : { 1, 2, 3 })
            h.visit(id);
        gone.insert(2);
        QCOMPARE(h.back(), 1);
        QCOMPARE(h.forward(), 3);
        h.forget(1);
        QVERIFY(!h.canGoBack());
    }

    void aTicketMadeOfflineIsFollowedToItsRealId()
    {
        TicketHistory h;
        h.visit(5);
        h.visit(-1);
        h.renumber(-1, 42);
        QCOMPARE(h.current(), 42);
        QCOMPARE(h.back(), 5);
        QCOMPARE(h.forward(), 42);
    }

    void theHistoryIsBounded()
    {
        TicketHistory h;
        for (qint64 id = 1; id <= 500; ++id)
            h.visit(id);
        QCOMPARE(h.entries().size(), TicketHistory::kLimit + 1);
        QCOMPARE(h.current(), 500);
    }
};

QTEST_GUILESS_MAIN(TicketHistoryTest)
#include "tst_tickethistory.moc"
