// Finding any ticket the agent may see, open or closed (issue 11): by the number agents type,
// from this computer's copy or fetched from the server when it is not held, and by words
// anywhere in a ticket (subject, conversation, customer), against a real atiended.

#include "workspace/workspace.h"

#include "core/protocol/errorcode.h"
#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QPointer>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

class FindTicketTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void ticketNumberReadsWhatAgentsType_data();
    void ticketNumberReadsWhatAgentsType();
    void aClosedTicketHeldByTheCacheIsFoundByNumber();
    void aTicketNotHeldIsFetchedWithItsConversation();
    void aFetchedTicketFollowsLaterChanges();
    void anotherGroupsTicketIsForbidden();
    void anUnknownNumberIsNotFound();
    void offlineATicketNotHeldCannotBeFound();
    void searchFindsAWordOnlyInAConversation();
    void searchFindsByCustomerNameAndNumber();
    void offlineSearchUsesThisComputersCopy();
    void nothingIsDeliveredToAContextThatIsGone();

private:
    struct Made
    {
        qint64 id = 0;
        QString number;
    };
    Made create(const QString &subject, qint64 groupId, const QString &note = QString());
    bool update(qint64 id, const QJsonObject &fields);
    bool waitOnline(Workspace &w)
    {
        QDeadlineTimer d(20000);
        while (!d.hasExpired() && !(w.state() == SyncEngine::State::Online && w.outboxSize() == 0))
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.state() == SyncEngine::State::Online;
    }
    // Waits until the workspace's copy holds the ticket (sync caught up with it).
    bool waitHeld(Workspace &w, qint64 id)
    {
        QDeadlineTimer d(20000);
        while (!d.hasExpired() && !w.ticket(id))
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.ticket(id).has_value();
    }
    // A cache of its own for each test: what one test forgets does not leak into the next.
    Workspace::Options options(const QString &user) const
    {
        const QString dir = m_dirs.filePath(
            user + QLatin1Char('-') + QString::fromLatin1(QTest::currentTestFunction()));
        return { m_server.url(), user, QStringLiteral("pw-") + user, dir, false };
    }
    Workspace::FoundTicket find(Workspace &w, const QString &number)
    {
        std::optional<Workspace::FoundTicket> out;
        w.findTicket(number, this, [&out](const Workspace::FoundTicket &f) { out = f; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return { 0, false, -999, QStringLiteral("no answer") };
        return *out;
    }
    Workspace::TicketSearch search(Workspace &w, const QString &text, int limit = 50)
    {
        std::optional<Workspace::TicketSearch> out;
        w.searchTickets(text, limit, this, [&out](const Workspace::TicketSearch &s) { out = s; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000)) {
            Workspace::TicketSearch none;
            none.errorCode = -999;
            return none;
        }
        return *out;
    }

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    TestClient m_lola; // lead of both groups: makes the tickets
    Made m_closed; // Service Desk, closed, a word only in its conversation
    Made m_open; // Service Desk, open, with a note
    Made m_network; // Network: ana may not see it
};

FindTicketTest::Made FindTicketTest::create(
    const QString &subject, qint64 groupId, const QString &note)
{
    const RpcReply r = m_lola.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), subject },
            { QStringLiteral("description"), QStringLiteral("It does not work.") },
            { QStringLiteral("groupId"), double(groupId) },
            { QStringLiteral("customerId"), double(m_desk.customer) } });
    const QJsonObject t = r.object().value(QStringLiteral("ticket")).toObject();
    Made m { qint64(t.value(QStringLiteral("id")).toDouble()),
        t.value(QStringLiteral("number")).toString() };
    if (m.id && !note.isEmpty()) {
        if (!m_lola
                 .call(QStringLiteral("tickets.addArticle"),
                     { { QStringLiteral("ticketId"), double(m.id) },
                         { QStringLiteral("kind"), QStringLiteral("note") },
                         { QStringLiteral("body"), note }, { QStringLiteral("opId"), newOpId() } })
                 .ok)
            return {};
    }
    return m;
}

bool FindTicketTest::update(qint64 id, const QJsonObject &fields)
{
    const RpcReply got
        = m_lola.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), double(id) } });
    const QJsonValue version
        = got.object().value(QStringLiteral("ticket")).toObject().value(QStringLiteral("version"));
    return m_lola
        .call(QStringLiteral("tickets.update"),
            { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), version },
                { QStringLiteral("opId"), newOpId() }, { QStringLiteral("fields"), fields } })
        .ok;
}

void FindTicketTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
    QVERIFY(m_lola.open(m_server.url())
        && m_lola.login(QStringLiteral("lola"), QStringLiteral("pw-lola")));
    m_closed = create(QStringLiteral("Printer jams on the third floor"), m_desk.serviceDesk,
        QStringLiteral("Replaced the zanahoria roller."));
    QVERIFY(m_closed.id);
    QVERIFY(update(m_closed.id, { { QStringLiteral("status"), QStringLiteral("resolved") } }));
    QVERIFY(update(m_closed.id, { { QStringLiteral("status"), QStringLiteral("closed") } }));
    m_open = create(QStringLiteral("VPN drops every hour"), m_desk.serviceDesk,
        QStringLiteral("Asked for the client logs."));
    QVERIFY(m_open.id);
    m_network = create(QStringLiteral("Switch port flapping"), m_desk.network);
    QVERIFY(m_network.id);
}

void FindTicketTest::ticketNumberReadsWhatAgentsType_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("number");
    QTest::newRow("canonical") << "INC-002751"
                               << "INC-002751";
    QTest::newRow("lower case, short") << "inc-2751"
                                       << "INC-002751";
    QTest::newRow("no dash") << "INC2751"
                             << "INC-002751";
    QTest::newRow("request") << "REQ-12"
                             << "REQ-000012";
    QTest::newRow("spaces around") << "  req-000045 "
                                   << "REQ-000045";
    QTest::newRow("past six digits") << "INC-1234567"
                                     << "INC-1234567";
    QTest::newRow("bare number") << "2751"
                                 << "";
    QTest::newRow("other prefix") << "ABC-2751"
                                  << "";
    QTest::newRow("no digits") << "INC-"
                               << "";
    QTest::newRow("zero") << "INC-0"
                          << "";
    QTest::newRow("a word") << "include"
                            << "";
    QTest::newRow("digits then text") << "INC-12a"
                                      << "";
    QTest::newRow("empty") << ""
                           << "";
}

void FindTicketTest::ticketNumberReadsWhatAgentsType()
{
    QFETCH(QString, typed);
    QFETCH(QString, number);
    QCOMPARE(Workspace::ticketNumber(typed), number);
}

void FindTicketTest::aClosedTicketHeldByTheCacheIsFoundByNumber()
{
    Workspace w;
    QString error;
    QVERIFY2(w.open(options(QStringLiteral("ana")), &error), qPrintable(error));
    QVERIFY(waitOnline(w));
    // Sync holds every ticket the agent may see, closed ones too.
    QVERIFY(waitHeld(w, m_closed.id));
    QCOMPARE(w.ticket(m_closed.id)->status, Atiende::Core::TicketStatus::Closed);
    QCOMPARE(w.ticketIdByNumber(m_closed.number), m_closed.id);
    // Typed the way agents type it, without the zeros and in lower case.
    const QString typed
        = m_closed.number.toLower().replace(QStringLiteral("-0000"), QStringLiteral("-"));
    QVERIFY(typed.size() < m_closed.number.size());
    bool returned = false;
    std::optional<Workspace::FoundTicket> found;
    w.findTicket(typed, this, [&](const Workspace::FoundTicket &f) {
        QVERIFY(returned); // never inside the call
        found = f;
    });
    returned = true;
    QTRY_VERIFY(found.has_value());
    QCOMPARE(found->id, m_closed.id);
    QCOMPARE(found->fetched, false);
    QCOMPARE(found->errorCode, 0);
}

void FindTicketTest::aTicketNotHeldIsFetchedWithItsConversation()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_closed.id));
    const Atiende::Core::Ticket before = *w.ticket(m_closed.id);
    const int articles = int(w.conversation(m_closed.id).size());
    QVERIFY(articles >= 2); // the description, the note, the status events

    QSignalSpy removed(&w, &Workspace::ticketsRemoved);
    QVERIFY(w.forgetTicket(m_closed.id));
    QCOMPARE(removed.size(), 1);
    QVERIFY(!w.ticket(m_closed.id));
    QVERIFY(w.conversation(m_closed.id).isEmpty());
    QCOMPARE(w.ticketIdByNumber(m_closed.number), 0);

    QSignalSpy changed(&w, &Workspace::ticketsChanged);
    QSignalSpy conversation(&w, &Workspace::conversationChanged);
    const Workspace::FoundTicket found = find(w, m_closed.number);
    QCOMPARE(found.errorCode, 0);
    QCOMPARE(found.id, m_closed.id);
    QCOMPARE(found.fetched, true);
    QVERIFY(w.ticket(m_closed.id).has_value());
    QVERIFY(*w.ticket(m_closed.id) == before);
    QCOMPARE(w.conversation(m_closed.id).size(), articles);
    QCOMPARE(w.ticketIdByNumber(m_closed.number), m_closed.id);
    // The queue hears of it like of any ticket sync brings.
    QCOMPARE(changed.size(), 1);
    QVERIFY(changed.first().first().value<QSet<qint64>>().contains(m_closed.id));
    QCOMPARE(conversation.size(), 1);
    QCOMPARE(conversation.first().first().toLongLong(), m_closed.id);
    QCOMPARE(w.queueRows({ m_closed.id }).size(), 1);
    // Held now: the next look-up is from the cache.
    QCOMPARE(find(w, m_closed.number).fetched, false);
}

void FindTicketTest::aFetchedTicketFollowsLaterChanges()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_open.id));
    QVERIFY(w.forgetTicket(m_open.id));
    const Workspace::FoundTicket found = find(w, m_open.number);
    QVERIFY(found.fetched);
    const int articles = int(w.conversation(m_open.id).size());
    QVERIFY(articles >= 2);

    // A change made elsewhere after the fetch arrives through sync and applies to it.
    QVERIFY(m_lola
                .call(QStringLiteral("tickets.addArticle"),
                    { { QStringLiteral("ticketId"), double(m_open.id) },
                        { QStringLiteral("kind"), QStringLiteral("reply") },
                        { QStringLiteral("body"), QStringLiteral("Try the new profile.") },
                        { QStringLiteral("opId"), newOpId() } })
                .ok);
    QTRY_COMPARE_WITH_TIMEOUT(w.conversation(m_open.id).size(), articles + 1, 15000);
    QVERIFY(update(m_open.id,
        { { QStringLiteral("subject"), QStringLiteral("VPN drops every hour (all users)") } }));
    QTRY_COMPARE_WITH_TIMEOUT(
        w.ticket(m_open.id)->subject, QStringLiteral("VPN drops every hour (all users)"), 15000);
}

void FindTicketTest::anotherGroupsTicketIsForbidden()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_open.id)); // caught up
    QVERIFY(!w.ticket(m_network.id));
    const Workspace::FoundTicket found = find(w, m_network.number);
    QCOMPARE(found.errorCode, int(ErrorCode::Forbidden));
    QCOMPARE(found.id, 0);
    QVERIFY(!found.error.isEmpty());
    QVERIFY(!w.ticket(m_network.id)); // nothing stored

    // The same number for someone in that group opens it.
    Workspace bruno;
    QVERIFY(bruno.open(options(QStringLiteral("bruno")), &error));
    QVERIFY(waitOnline(bruno));
    QVERIFY(waitHeld(bruno, m_network.id));
    QCOMPARE(find(bruno, m_network.number).id, m_network.id);
}

void FindTicketTest::anUnknownNumberIsNotFound()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    const Workspace::FoundTicket found = find(w, QStringLiteral("REQ-987654"));
    QCOMPARE(found.errorCode, int(ErrorCode::NotFound));
    QCOMPARE(found.id, 0);
    QCOMPARE(found.fetched, false);
    // Text that is no ticket number is not looked up at all.
    QCOMPARE(find(w, QStringLiteral("2751")).errorCode, int(ErrorCode::NotFound));
}

void FindTicketTest::offlineATicketNotHeldCannotBeFound()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_closed.id));
    QVERIFY(waitHeld(w, m_open.id));
    QVERIFY(w.forgetTicket(m_open.id));
    w.connection()->stop();
    QTRY_VERIFY(w.state() != SyncEngine::State::Online);
    // Held: found offline too.
    QCOMPARE(find(w, m_closed.number).id, m_closed.id);
    const Workspace::FoundTicket found = find(w, m_open.number);
    QCOMPARE(found.errorCode, -1);
    QCOMPARE(found.id, 0);
    QVERIFY(!found.error.isEmpty());
}

void FindTicketTest::searchFindsAWordOnlyInAConversation()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_closed.id));
    QVERIFY(w.forgetTicket(m_closed.id));
    // The word is in a note only: this computer's copy does not search conversations.
    LocalCache::Query q;
    q.text = QStringLiteral("zanahoria");
    QCOMPARE(w.tickets(q).size(), 0);

    QSignalSpy changed(&w, &Workspace::ticketsChanged);
    const Workspace::TicketSearch s = search(w, QStringLiteral("Zanahoria"));
    QCOMPARE(s.errorCode, 0);
    QCOMPARE(s.local, false);
    QCOMPARE(s.total, 1);
    QCOMPARE(s.ids, QList<qint64> { m_closed.id });
    QCOMPARE(s.text, QStringLiteral("Zanahoria"));
    // Every result is held when done runs, with its conversation, and the queue was told.
    QVERIFY(w.ticket(m_closed.id).has_value());
    QVERIFY(w.conversation(m_closed.id).size() >= 2);
    QCOMPARE(changed.size(), 1);
    QVERIFY(changed.first().first().value<QSet<qint64>>().contains(m_closed.id));
}

void FindTicketTest::searchFindsByCustomerNameAndNumber()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_open.id));
    QVERIFY(w.forgetTicket(m_open.id));
    // Every ticket of the customer ana may see, newest first, none of Network.
    const Workspace::TicketSearch byCustomer = search(w, QStringLiteral("núria peña"));
    QCOMPARE(byCustomer.errorCode, 0);
    QVERIFY(byCustomer.ids.contains(m_open.id));
    QVERIFY(byCustomer.ids.contains(m_closed.id));
    QVERIFY(!byCustomer.ids.contains(m_network.id));
    QCOMPARE(byCustomer.total, byCustomer.ids.size());
    for (qint64 id : byCustomer.ids)
        QVERIFY(w.ticket(id).has_value());
    // The limit bounds the list, not the total.
    const Workspace::TicketSearch one = search(w, QStringLiteral("núria peña"), 1);
    QCOMPARE(one.ids.size(), 1);
    QCOMPARE(one.total, byCustomer.total);
    QCOMPARE(one.ids.first(), byCustomer.ids.first());
    // A number as agents type it finds that ticket.
    const QString typed = m_open.number.toLower().remove(QLatin1Char('-'));
    const Workspace::TicketSearch byNumber = search(w, typed);
    QCOMPARE(byNumber.ids, QList<qint64> { m_open.id });
}

void FindTicketTest::offlineSearchUsesThisComputersCopy()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_closed.id));
    w.connection()->stop();
    QTRY_VERIFY(w.state() != SyncEngine::State::Online);
    const Workspace::TicketSearch bySubject = search(w, QStringLiteral("printer jams"));
    QCOMPARE(bySubject.local, true);
    QCOMPARE(bySubject.errorCode, 0);
    QCOMPARE(bySubject.ids, QList<qint64> { m_closed.id });
    QCOMPARE(bySubject.total, 1);
    const Workspace::TicketSearch byNumber = search(w, m_closed.number.toLower());
    QCOMPARE(byNumber.ids, QList<qint64> { m_closed.id });
    // Conversations are not searched offline.
    QCOMPARE(search(w, QStringLiteral("zanahoria")).ids.size(), 0);
}

void FindTicketTest::nothingIsDeliveredToAContextThatIsGone()
{
    Workspace w;
    QString error;
    QVERIFY(w.open(options(QStringLiteral("ana")), &error));
    QVERIFY(waitOnline(w));
    QVERIFY(waitHeld(w, m_closed.id));
    QVERIFY(w.forgetTicket(m_closed.id));
    int calls = 0;
    auto *context = new QObject;
    w.findTicket(m_closed.number, context,
        [&calls](const Workspace::FoundTicket &) { ++calls; }); // from the server
    w.findTicket(m_open.number, context,
        [&calls](const Workspace::FoundTicket &) { ++calls; }); // from the cache
    w.searchTickets(QStringLiteral("printer"), 10, context,
        [&calls](const Workspace::TicketSearch &) { ++calls; });
    delete context;
    // A later call on a live context answers after the others would have.
    const Workspace::FoundTicket after = find(w, m_closed.number);
    // And anything still queued for the deleted context would run on the next turn of the loop.
    bool turned = false;
    QTimer::singleShot(0, w.connection(), [&turned] { turned = true; });
    QTRY_VERIFY(turned);
    QCOMPARE(calls, 0);
    QCOMPARE(after.errorCode, 0);
}

QTEST_MAIN(FindTicketTest)
#include "tst_findticket.moc"
