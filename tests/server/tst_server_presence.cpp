// "Who else is here": atiended as a real process relays which ticket each console shows and
// who is typing in it, to exactly the sessions that may see the ticket, and forgets a
// console the moment it goes.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include "core/protocol/errorcode.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

namespace {
// A viewer as a test reads it: who, and whether typing.
struct Seen
{
    qint64 agentId;
    bool typing;
    bool operator==(const Seen &o) const { return agentId == o.agentId && typing == o.typing; }
};
QList<Seen> seen(const QJsonArray &viewers)
{
    QList<Seen> out;
    for (const QJsonValue &v : viewers)
        out.append({ v.toObject().value(QStringLiteral("agentId")).toInteger(),
            v.toObject().value(QStringLiteral("typing")).toBool() });
    return out;
}
char *toString(const Seen &s)
{
    return qstrdup(QStringLiteral("{agent %1%2}")
                       .arg(s.agentId)
                       .arg(s.typing ? QStringLiteral(", typing") : QString())
                       .toUtf8()
                       .constData());
}
} // namespace

class ServerPresenceTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void twoConsolesSeeEachOtherOnATicket();
    void anAgentWithTwoConsolesCountsOnceAndLeavesWithTheLast();
    void aConsoleThatIsClosedOrLogsOutLeavesItsTicket();
    void onlyThoseWhoMaySeeTheTicketHearOfIt();
    void anEscalationTakesViewersWhoLoseSightOffTheTicket();
    void aConsoleThatJustConnectedAsksWhoIsWhere();
    void badInputGetsTheDocumentedErrors();

private:
    qint64 create(TestClient &c, const QString &subject, qint64 groupId = 0);
    static Client::RpcReply view(TestClient &c, qint64 ticketId);
    static Client::RpcReply type(TestClient &c, qint64 ticketId, bool typing);
    // Waits for a presence.changed of the ticket listing exactly these viewers.
    static bool told(TestClient &c, qint64 ticketId, const QList<Seen> &viewers);
    static int presencePushes(const TestClient &c, qint64 ticketId);
    std::unique_ptr<TestClient> login(const QString &user);

    ServerProcess m_server;
    Desk m_desk;
};

void ServerPresenceTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
}

void ServerPresenceTest::init()
{
    // Every test leaves its consoles closed; the next starts with nobody anywhere.
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(admin);
    QTRY_VERIFY(admin->call(QStringLiteral("presence.list"))
                    .object()
                    .value(QStringLiteral("tickets"))
                    .toArray()
                    .isEmpty());
}

std::unique_ptr<TestClient> ServerPresenceTest::login(const QString &user)
{
    auto c = std::make_unique<TestClient>();
    if (!c->open(m_server.url()) || !c->login(user, QStringLiteral("pw-") + user))
        return nullptr;
    return c;
}

qint64 ServerPresenceTest::create(TestClient &c, const QString &subject, qint64 groupId)
{
    QJsonObject params { { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"), subject }, { QStringLiteral("opId"), newOpId() } };
    if (groupId)
        params.insert(QStringLiteral("groupId"), double(groupId));
    const auto r = c.call(QStringLiteral("tickets.create"), params);
    if (!r.ok)
        qWarning() << r.error.message;
    return r.object()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

Client::RpcReply ServerPresenceTest::view(TestClient &c, qint64 ticketId)
{
    return c.call(QStringLiteral("presence.viewing"),
        { { QStringLiteral("ticketId"),
            ticketId ? QJsonValue(double(ticketId)) : QJsonValue(QJsonValue::Null) } });
}

Client::RpcReply ServerPresenceTest::type(TestClient &c, qint64 ticketId, bool typing)
{
    return c.call(QStringLiteral("presence.typing"),
        { { QStringLiteral("ticketId"), double(ticketId) }, { QStringLiteral("typing"), typing } });
}

bool ServerPresenceTest::told(TestClient &c, qint64 ticketId, const QList<Seen> &viewers)
{
    const auto n = c.waitForNotification([&](const Notification &n) {
        return n.method == QLatin1String("presence.changed")
            && n.params.value(QStringLiteral("ticketId")).toInteger() == ticketId
            && seen(n.params.value(QStringLiteral("viewers")).toArray()) == viewers;
    });
    return n.has_value();
}

int ServerPresenceTest::presencePushes(const TestClient &c, qint64 ticketId)
{
    int n = 0;
    for (const Notification &p : c.notifications())
        n += p.method == QLatin1String("presence.changed")
            && p.params.value(QStringLiteral("ticketId")).toInteger() == ticketId;
    return n;
}

void ServerPresenceTest::twoConsolesSeeEachOtherOnATicket()
{
    auto ana = login(QStringLiteral("ana"));
    auto lola = login(QStringLiteral("lola"));
    QVERIFY(ana && lola);
    const qint64 id = create(*ana, QStringLiteral("Impresora de la planta 2 sin tóner"));

    auto r = view(*ana, id);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.object().value(QStringLiteral("ticketId")).toInteger(), id);
    QCOMPARE(seen(r.object().value(QStringLiteral("viewers")).toArray()),
        (QList<Seen> { { m_desk.ana, false } }));
    QVERIFY(told(*lola, id, { { m_desk.ana, false } }));
    QVERIFY(told(
        *ana, id, { { m_desk.ana, false } })); // her own entry too: the list is the whole truth

    QVERIFY(view(*lola, id).ok);
    QVERIFY(told(*ana, id, { { m_desk.ana, false }, { m_desk.lola, false } }));
    const auto pushed = ana->waitForNotification([&](const Notification &n) {
        return n.method == QLatin1String("presence.changed")
            && n.params.value(QStringLiteral("viewers")).toArray().size() == 2;
    });
    QCOMPARE(pushed->params.value(QStringLiteral("viewers"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("Lola"));

    // Lola starts a reply: Ana sees her typing, then stop.
    QVERIFY(type(*lola, id, true).ok);
    QVERIFY(told(*ana, id, { { m_desk.ana, false }, { m_desk.lola, true } }));
    // A refresh while she goes on typing is no news for anyone.
    const int before = presencePushes(*ana, id);
    QVERIFY(type(*lola, id, true).ok);
    QVERIFY(ana->call(QStringLiteral("hello"), { { QStringLiteral("protocol"), 1 } })
                .ok); // a round trip: any push would be here by now
    QCOMPARE(presencePushes(*ana, id), before);
    ana->clearNotifications();
    QVERIFY(type(*lola, id, false).ok);
    QVERIFY(told(*ana, id, { { m_desk.ana, false }, { m_desk.lola, false } }));

    // Lola moves to another ticket: Ana is alone again on the first.
    const qint64 other = create(*lola, QStringLiteral("Teclado con teclas pegadas"));
    ana->clearNotifications();
    QVERIFY(view(*lola, other).ok);
    QVERIFY(told(*ana, id, { { m_desk.ana, false } }));
    QVERIFY(told(*ana, other, { { m_desk.lola, false } }));
    // And to none.
    r = view(*lola, 0);
    QVERIFY(r.ok);
    QVERIFY(r.object().value(QStringLiteral("ticketId")).isNull());
    QVERIFY(told(*ana, other, {}));
}

void ServerPresenceTest::anAgentWithTwoConsolesCountsOnceAndLeavesWithTheLast()
{
    auto desk = login(QStringLiteral("ana"));
    auto laptop = login(QStringLiteral("ana"));
    auto lola = login(QStringLiteral("lola"));
    QVERIFY(desk && laptop && lola);
    const qint64 id = create(*lola, QStringLiteral("Correo no sincroniza en el móvil"));
    QVERIFY(view(*desk, id).ok);
    QVERIFY(told(*lola, id, { { m_desk.ana, false } }));
    QVERIFY(view(*laptop, id).ok);
    QVERIFY(type(*laptop, id, true).ok);
    QVERIFY(told(*lola, id, { { m_desk.ana, true } }));
    QCOMPARE(seen(lola->call(QStringLiteral("presence.list"))
                      .object()
                      .value(QStringLiteral("tickets"))
                      .toArray()
                      .first()
                      .toObject()
                      .value(QStringLiteral("viewers"))
                      .toArray()),
        (QList<Seen> { { m_desk.ana, true } }));

    // The typing laptop's link dies: Ana is still there from her desk, no longer typing.
    lola->clearNotifications();
    laptop->rpc().abort();
    QVERIFY(told(*lola, id, { { m_desk.ana, false } }));
    const int before = presencePushes(*lola, id);
    desk->close();
    QVERIFY(told(*lola, id, {}));
    QCOMPARE(presencePushes(*lola, id), before + 1);
}

void ServerPresenceTest::aConsoleThatIsClosedOrLogsOutLeavesItsTicket()
{
    auto ana = login(QStringLiteral("ana"));
    auto lola = login(QStringLiteral("lola"));
    QVERIFY(ana && lola);
    const qint64 id = create(*ana, QStringLiteral("Pantalla parpadea"));
    QVERIFY(type(*ana, id, true).ok);
    QVERIFY(told(*lola, id, { { m_desk.ana, true } }));
    QVERIFY(ana->call(QStringLiteral("auth.logout")).ok);
    QVERIFY(told(*lola, id, {}));
    QCOMPARE(ana->call(QStringLiteral("presence.viewing"),
                    { { QStringLiteral("ticketId"), double(id) } })
                 .error.code,
        ErrorCode::Unauthenticated);

    // Logged in again on the same connection, as someone else: that person shows nothing yet.
    QVERIFY(ana->call(QStringLiteral("auth.login"),
                   { { QStringLiteral("user"), QStringLiteral("admin") },
                       { QStringLiteral("password"), QStringLiteral("pw-admin") } })
                .ok);
    QVERIFY(view(*ana, id).ok);
    QVERIFY(told(*lola, id, { { m_desk.admin, false } }));
    lola->clearNotifications();
    QVERIFY(ana->call(QStringLiteral("auth.login"),
                   { { QStringLiteral("user"), QStringLiteral("ana") },
                       { QStringLiteral("password"), QStringLiteral("pw-ana") } })
                .ok);
    QVERIFY(told(*lola, id, {}));
}

void ServerPresenceTest::onlyThoseWhoMaySeeTheTicketHearOfIt()
{
    auto ana = login(QStringLiteral("ana"));
    auto bruno = login(QStringLiteral("bruno"));
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(ana && bruno && admin);
    const qint64 deskTicket = create(*ana, QStringLiteral("Nómina de noviembre: no llega"));
    const qint64 netTicket = create(*bruno, QStringLiteral("Switch de la planta 3 reinicia"));

    QVERIFY(type(*ana, deskTicket, true).ok);
    QVERIFY(told(*admin, deskTicket, { { m_desk.ana, true } })); // admins see every ticket
    QVERIFY(view(*bruno, netTicket).ok);
    QVERIFY(told(*admin, netTicket, { { m_desk.bruno, false } }));
    // Bruno's own ticket reached him after Ana's typing would have: it never did.
    QVERIFY(told(*bruno, netTicket, { { m_desk.bruno, false } }));
    QCOMPARE(presencePushes(*bruno, deskTicket), 0);
    QCOMPARE(presencePushes(*ana, netTicket), 0);

    // Asking about a ticket one may not see is refused and reveals nobody.
    const auto r = view(*bruno, deskTicket);
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
    QCOMPARE(type(*bruno, deskTicket, true).error.code, ErrorCode::Forbidden);
    QCOMPARE(m_server.isRunning(), true);
    QCOMPARE(seen(ana->call(QStringLiteral("presence.list"))
                      .object()
                      .value(QStringLiteral("tickets"))
                      .toArray()
                      .first()
                      .toObject()
                      .value(QStringLiteral("viewers"))
                      .toArray()),
        (QList<Seen> { { m_desk.ana, true } }));
    const QJsonArray brunos = bruno->call(QStringLiteral("presence.list"))
                                  .object()
                                  .value(QStringLiteral("tickets"))
                                  .toArray();
    QCOMPARE(brunos.size(), 1);
    QCOMPARE(brunos.first().toObject().value(QStringLiteral("ticketId")).toInteger(), netTicket);
    // The refused request left Bruno where he was.
    QCOMPARE(seen(brunos.first().toObject().value(QStringLiteral("viewers")).toArray()),
        (QList<Seen> { { m_desk.bruno, false } }));
    QCOMPARE(admin->call(QStringLiteral("presence.list"))
                 .object()
                 .value(QStringLiteral("tickets"))
                 .toArray()
                 .size(),
        2);
}

void ServerPresenceTest::anEscalationTakesViewersWhoLoseSightOffTheTicket()
{
    auto ana = login(QStringLiteral("ana"));
    auto lola = login(QStringLiteral("lola"));
    auto bruno = login(QStringLiteral("bruno"));
    QVERIFY(ana && lola && bruno);
    const qint64 id = create(*ana, QStringLiteral("VPN cae cada 10 minutos"));
    QVERIFY(view(*ana, id).ok);
    QVERIFY(type(*lola, id, true).ok);
    QVERIFY(told(*ana, id, { { m_desk.ana, false }, { m_desk.lola, true } }));
    QCOMPARE(presencePushes(*bruno, id), 0);

    // Ana hands it to Network: she may no longer see it and leaves it; Lola is in both
    // groups and stays; Bruno, who can see it now, hears who is there.
    const auto r = ana->call(QStringLiteral("tickets.update"),
        { { QStringLiteral("id"), double(id) }, { QStringLiteral("baseVersion"), 1 },
            { QStringLiteral("opId"), newOpId() },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("groupId"), double(m_desk.network) } } } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(told(*bruno, id, { { m_desk.lola, true } }));
    QVERIFY(told(*lola, id, { { m_desk.lola, true } }));
    const int anasPushes = presencePushes(*ana, id);
    QVERIFY(type(*lola, id, false).ok);
    QVERIFY(told(*bruno, id, { { m_desk.lola, false } }));
    QCOMPARE(presencePushes(*ana, id), anasPushes); // nothing more about a ticket she cannot see
    QCOMPARE(view(*ana, id).error.code, ErrorCode::Forbidden);
}

void ServerPresenceTest::aConsoleThatJustConnectedAsksWhoIsWhere()
{
    auto ana = login(QStringLiteral("ana"));
    auto bruno = login(QStringLiteral("bruno"));
    QVERIFY(ana && bruno);
    const qint64 first = create(*ana, QStringLiteral("Alta de usuario nuevo"));
    const qint64 second = create(*ana, QStringLiteral("Baja de usuario"));
    const qint64 net = create(*bruno, QStringLiteral("Wi-Fi de invitados caída"));
    QVERIFY(view(*ana, first).ok);
    QVERIFY(type(*bruno, net, true).ok);
    auto admin = login(QStringLiteral("admin"));
    QVERIFY(admin && view(*admin, second).ok);

    auto lola = login(QStringLiteral("lola"));
    QVERIFY(lola);
    const auto r = lola->call(QStringLiteral("presence.list"));
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QHash<qint64, QList<Seen>> tickets;
    for (const QJsonValue &t : r.object().value(QStringLiteral("tickets")).toArray())
        tickets.insert(t.toObject().value(QStringLiteral("ticketId")).toInteger(),
            seen(t.toObject().value(QStringLiteral("viewers")).toArray()));
    QCOMPARE(tickets.size(), 3);
    QCOMPARE(tickets.value(first), (QList<Seen> { { m_desk.ana, false } }));
    QCOMPARE(tickets.value(second), (QList<Seen> { { m_desk.admin, false } }));
    QCOMPARE(tickets.value(net), (QList<Seen> { { m_desk.bruno, true } }));
    // Ana sees only her group's tickets.
    QCOMPARE(ana->call(QStringLiteral("presence.list"))
                 .object()
                 .value(QStringLiteral("tickets"))
                 .toArray()
                 .size(),
        2);
}

void ServerPresenceTest::badInputGetsTheDocumentedErrors()
{
    TestClient stranger;
    QVERIFY(stranger.open(m_server.url()) && stranger.hello());
    QCOMPARE(stranger.call(QStringLiteral("presence.list")).error.code, ErrorCode::Unauthenticated);
    QCOMPARE(view(stranger, 1).error.code, ErrorCode::Unauthenticated);

    auto ana = login(QStringLiteral("ana"));
    QVERIFY(ana);
    const qint64 id = create(*ana, QStringLiteral("Ratón inalámbrico"));
    QCOMPARE(view(*ana, 987654).error.code, ErrorCode::NotFound);
    QCOMPARE(type(*ana, 987654, true).error.code, ErrorCode::NotFound);
    auto invalid = [&](const QString &method, const QJsonObject &params, const QString &param) {
        const auto r = ana->call(method, params);
        if (r.error.code != ErrorCode::InvalidParams
            || r.error.data.value(QStringLiteral("param")).toString() != param) {
            qWarning() << method << params << "answered" << int(r.error.code) << r.error.message;
            return false;
        }
        return true;
    };
    QVERIFY(invalid(QStringLiteral("presence.viewing"),
        { { QStringLiteral("ticketId"), QStringLiteral("7") } }, QStringLiteral("ticketId")));
    QVERIFY(invalid(QStringLiteral("presence.viewing"), { { QStringLiteral("ticketId"), -3 } },
        QStringLiteral("ticketId")));
    QVERIFY(invalid(QStringLiteral("presence.viewing"), { { QStringLiteral("ticketId"), 1.5 } },
        QStringLiteral("ticketId")));
    QVERIFY(invalid(QStringLiteral("presence.typing"), { { QStringLiteral("typing"), true } },
        QStringLiteral("ticketId")));
    QVERIFY(invalid(QStringLiteral("presence.typing"),
        { { QStringLiteral("ticketId"), double(id) } }, QStringLiteral("typing")));
    QVERIFY(invalid(QStringLiteral("presence.typing"),
        { { QStringLiteral("ticketId"), double(id) },
            { QStringLiteral("typing"), QStringLiteral("yes") } },
        QStringLiteral("typing")));
    // None of it put Ana anywhere.
    QVERIFY(ana->call(QStringLiteral("presence.list"))
                .object()
                .value(QStringLiteral("tickets"))
                .toArray()
                .isEmpty());
}

QTEST_GUILESS_MAIN(ServerPresenceTest)
#include "tst_server_presence.moc"
