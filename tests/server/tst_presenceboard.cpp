// The presence board on its own, with a manual clock: who shows which ticket, one entry per
// agent however many consoles, typing that lapses when not refreshed, and exactly the
// tickets whose viewers changed reported after each step.

#include "server/presence/presenceboard.h"
#include "server/sla/slaclock.h"

#include <QSignalSpy>
#include <QtTest>

using namespace Atiende::Server;

class PresenceBoardTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void viewersAreListedOncePerAgentWithTheirNames();
    void onlyTicketsWhoseViewersChangedAreReported();
    void aSessionShowsOneTicketAtATime();
    void typingLapsesUnlessRefreshed();
    void theTimerReportsLapsedTyping();
    void typingIsTheAgentsAcrossTheirConsoles();
    void stoppingTypingElsewhereChangesNothing();
    void aClosedSessionLeavesAndTheLastViewerEmptiesTheTicket();
    void aTicketKeepsItsScopeUntilTold();

private:
    static QList<qint64> ids(const QList<PresenceChange> &changes)
    {
        QList<qint64> out;
        for (const PresenceChange &c : changes)
            out << c.ticketId;
        return out;
    }
    const PresenceBoard::Session anaDesk { 1, 10, QStringLiteral("Ana") };
    const PresenceBoard::Session anaLaptop { 2, 10, QStringLiteral("Ana") };
    const PresenceBoard::Session bruno { 3, 20, QStringLiteral("Bruno") };
    const TicketScope serviceDesk { 1, 0 };
    ManualClock *m_clock = nullptr;
    PresenceBoard *m_board = nullptr;
};

void PresenceBoardTest::init()
{
    m_clock = new ManualClock(1767225600000);
    m_board = new PresenceBoard(m_clock, 10000);
}

void PresenceBoardTest::cleanup()
{
    delete m_board;
    delete m_clock;
}

void PresenceBoardTest::viewersAreListedOncePerAgentWithTheirNames()
{
    m_board->view(bruno, 7, serviceDesk);
    m_board->view(anaDesk, 7, serviceDesk);
    m_board->view(anaLaptop, 7, serviceDesk);
    const QList<PresenceViewer> viewers = m_board->viewers(7);
    QCOMPARE(viewers.size(), 2);
    QCOMPARE(viewers.at(0), (PresenceViewer { 10, QStringLiteral("Ana"), false }));
    QCOMPARE(viewers.at(1), (PresenceViewer { 20, QStringLiteral("Bruno"), false }));
    QCOMPARE(m_board->sessionsOn(7).size(), 3);
    QCOMPARE(PresenceChange({ 7, serviceDesk, viewers }).toJson(),
        (QJsonObject { { QStringLiteral("ticketId"), 7 },
            { QStringLiteral("viewers"),
                QJsonArray { QJsonObject { { QStringLiteral("agentId"), 10 },
                                 { QStringLiteral("name"), QStringLiteral("Ana") },
                                 { QStringLiteral("typing"), false } },
                    QJsonObject { { QStringLiteral("agentId"), 20 },
                        { QStringLiteral("name"), QStringLiteral("Bruno") },
                        { QStringLiteral("typing"), false } } } } }));
}

void PresenceBoardTest::onlyTicketsWhoseViewersChangedAreReported()
{
    QList<PresenceChange> changes = m_board->view(anaDesk, 7, serviceDesk);
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QCOMPARE(changes.first().scope, serviceDesk);
    // Ana's second console on the same ticket: she is already listed there.
    QVERIFY(m_board->view(anaLaptop, 7, serviceDesk).isEmpty());
    // Showing the same ticket again changes nothing.
    QVERIFY(m_board->view(anaDesk, 7, serviceDesk).isEmpty());
    // Her desk moves on; her laptop still shows 7, so only 8 changes.
    QCOMPARE(ids(m_board->view(anaDesk, 8, serviceDesk)), QList<qint64> { 8 });
    // The laptop moves too: 7 is left empty, 8 already lists her.
    changes = m_board->view(anaLaptop, 8, serviceDesk);
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QVERIFY(changes.first().viewers.isEmpty());
    QCOMPARE(changes.first().scope, serviceDesk); // who to tell, though nobody is left
}

void PresenceBoardTest::aSessionShowsOneTicketAtATime()
{
    for (qint64 ticket = 1; ticket <= 50; ++ticket)
        m_board->view(bruno, ticket, serviceDesk);
    QCOMPARE(m_board->tickets(), QList<qint64> { 50 });
    QCOMPARE(m_board->viewing(bruno.id), 50);
    QCOMPARE(m_board->sessionCount(), 1);
    const QList<PresenceChange> changes = m_board->view(bruno, 0, {});
    QCOMPARE(ids(changes), QList<qint64> { 50 });
    QVERIFY(m_board->tickets().isEmpty());
    QCOMPARE(m_board->sessionCount(), 0);
}

void PresenceBoardTest::typingLapsesUnlessRefreshed()
{
    QSignalSpy lapsed(m_board, &PresenceBoard::typingLapsed);
    m_board->view(anaDesk, 7, serviceDesk);
    QList<PresenceChange> changes = m_board->type(anaDesk, 7, serviceDesk, true);
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QVERIFY(changes.first().viewers.first().typing);
    // A refresh while still typing is no news.
    m_clock->advance(3000);
    QVERIFY(m_board->type(anaDesk, 7, serviceDesk, true).isEmpty());
    // Ten seconds after the last refresh, not before, the flag lapses.
    m_clock->advance(9999);
    QVERIFY(m_board->expire().isEmpty());
    QVERIFY(m_board->viewers(7).first().typing);
    m_clock->advance(1);
    changes = m_board->expire();
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QCOMPARE(
        changes.first().viewers, (QList<PresenceViewer> { { 10, QStringLiteral("Ana"), false } }));
    QVERIFY(lapsed.isEmpty()); // expire() reports; only the timer signals
    QVERIFY(m_board->expire().isEmpty());
    QCOMPARE(m_board->viewing(anaDesk.id), 7); // she still has it open
}

void PresenceBoardTest::theTimerReportsLapsedTyping()
{
    PresenceBoard quick(m_clock, 1);
    QSignalSpy lapsed(&quick, &PresenceBoard::typingLapsed);
    quick.type(bruno, 7, serviceDesk, true);
    m_clock->advance(1);
    QTRY_COMPARE(lapsed.size(), 1);
    const auto changes = lapsed.first().first().value<QList<PresenceChange>>();
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QVERIFY(!changes.first().viewers.first().typing);
}

void PresenceBoardTest::typingIsTheAgentsAcrossTheirConsoles()
{
    m_board->view(anaDesk, 7, serviceDesk);
    m_board->view(anaLaptop, 7, serviceDesk);
    QCOMPARE(ids(m_board->type(anaLaptop, 7, serviceDesk, true)), QList<qint64> { 7 });
    // Her desk was not typing; the laptop still is.
    QVERIFY(m_board->type(anaDesk, 7, serviceDesk, false).isEmpty());
    QVERIFY(m_board->viewers(7).first().typing);
    const QList<PresenceChange> changes = m_board->type(anaLaptop, 7, serviceDesk, false);
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QVERIFY(!changes.first().viewers.first().typing);
    // Typing in another ticket shows that ticket instead, and ends typing in the first.
    m_board->type(anaLaptop, 7, serviceDesk, true);
    QCOMPARE(ids(m_board->type(anaLaptop, 9, serviceDesk, true)), (QList<qint64> { 7, 9 }));
    QVERIFY(!m_board->viewers(7).first().typing);
    QVERIFY(m_board->viewers(9).first().typing);
}

void PresenceBoardTest::stoppingTypingElsewhereChangesNothing()
{
    m_board->type(bruno, 7, serviceDesk, true);
    QVERIFY(m_board->type(bruno, 8, serviceDesk, false).isEmpty());
    QCOMPARE(m_board->viewing(bruno.id), 7);
    QVERIFY(m_board->viewers(7).first().typing);
    QVERIFY(m_board->type(anaDesk, 7, serviceDesk, false).isEmpty()); // never typed, never shown
    QCOMPARE(m_board->viewing(anaDesk.id), 0);
}

void PresenceBoardTest::aClosedSessionLeavesAndTheLastViewerEmptiesTheTicket()
{
    m_board->type(anaDesk, 7, serviceDesk, true);
    m_board->view(anaLaptop, 7, serviceDesk);
    m_board->view(bruno, 7, serviceDesk);
    // The typing desk goes: Ana stays (her laptop) but no longer types.
    QList<PresenceChange> changes = m_board->remove(anaDesk.id);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().viewers,
        (QList<PresenceViewer> {
            { 10, QStringLiteral("Ana"), false }, { 20, QStringLiteral("Bruno"), false } }));
    QCOMPARE(ids(m_board->remove(anaLaptop.id)), QList<qint64> { 7 });
    QVERIFY(m_board->remove(anaLaptop.id).isEmpty()); // twice is harmless
    changes = m_board->remove(bruno.id);
    QCOMPARE(ids(changes), QList<qint64> { 7 });
    QVERIFY(changes.first().viewers.isEmpty());
    QVERIFY(!m_board->contains(7));
    m_clock->advance(60000);
    QVERIFY(m_board->expire().isEmpty()); // a lapse of a session gone is nobody's news
}

void PresenceBoardTest::aTicketKeepsItsScopeUntilTold()
{
    m_board->view(anaDesk, 7, serviceDesk);
    m_board->view(
        bruno, 7, TicketScope { 2, 0 }); // a look-up from another moment: the board keeps its own
    QCOMPARE(m_board->scope(7), serviceDesk);
    QVERIFY(m_board->setScope(7, TicketScope { 2, 20 }));
    QVERIFY(!m_board->setScope(7, TicketScope { 2, 20 })); // no change
    QVERIFY(!m_board->setScope(99, TicketScope { 2, 0 })); // nobody shows it
    QCOMPARE(m_board->scope(7), (TicketScope { 2, 20 }));
    const QList<PresenceChange> changes = m_board->remove(anaDesk.id);
    QCOMPARE(changes.first().scope, (TicketScope { 2, 20 }));
}

QTEST_GUILESS_MAIN(PresenceBoardTest)
#include "tst_presenceboard.moc"
