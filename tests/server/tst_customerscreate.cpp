// customers.create against a real atiended: an agent adds the caller the desk did not know,
// every console hears of the new customer, bad input is refused field by field and stores
// nothing, and a repeated operation adds the customer once.

#include "deskfixture.h"
#include "serverprocess.h"
#include "testclient.h"

#include "core/protocol/errorcode.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

class CustomersCreateTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void anAgentAddsACustomerAndEveryConsoleHearsOfIt();
    void badCustomersAreRefusedByFieldAndNothingIsStored_data();
    void badCustomersAreRefusedByFieldAndNothingIsStored();
    void aRepeatedOperationAddsTheCustomerOnce();
    void itNeedsASession();

private:
    qint64 customerCount(TestClient &c);

    ServerProcess m_server;
    Desk m_desk;
    TestClient m_ana;
    TestClient m_bruno;
};

void CustomersCreateTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    QVERIFY(
        m_ana.open(m_server.url()) && m_ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(m_bruno.open(m_server.url())
        && m_bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
}

void CustomersCreateTest::cleanupTestCase()
{
    m_server.stop();
}

qint64 CustomersCreateTest::customerCount(TestClient &c)
{
    // Customers come to a console through the sync feed: count them in a snapshot.
    qint64 count = 0;
    qint64 since = 0;
    for (;;) {
        const auto r = c.call(QStringLiteral("sync.pull"),
            { { QStringLiteral("since"), double(since) }, { QStringLiteral("limit"), 2000 } });
        if (!r.ok)
            return -1;
        for (const QJsonValue &v : r.object().value(QStringLiteral("changes")).toArray())
            count += v.toObject().value(QStringLiteral("entity")).toString()
                    == QLatin1String("customer")
                ? 1
                : 0;
        if (!r.object().value(QStringLiteral("more")).toBool())
            return count;
        since = r.object().value(QStringLiteral("revision")).toInteger();
    }
}

void CustomersCreateTest::anAgentAddsACustomerAndEveryConsoleHearsOfIt()
{
    m_bruno.clearNotifications();
    const auto r = m_ana.call(QStringLiteral("customers.create"),
        { { QStringLiteral("name"), QStringLiteral("  Owen   Carter ") },
            { QStringLiteral("email"), QStringLiteral("owen.carter@ferreteria.example") },
            { QStringLiteral("phone"), QStringLiteral("+34 600 111 222") },
            { QStringLiteral("organisationId"), double(m_desk.organisation) },
            { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject c = r.object().value(QStringLiteral("customer")).toObject();
    const qint64 id = c.value(QStringLiteral("id")).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("Owen Carter"));
    QCOMPARE(c.value(QStringLiteral("email")).toString(),
        QStringLiteral("owen.carter@ferreteria.example"));
    QCOMPARE(c.value(QStringLiteral("phone")).toString(), QStringLiteral("+34 600 111 222"));
    QCOMPARE(c.value(QStringLiteral("organisationId")).toInteger(), m_desk.organisation);
    QCOMPARE(c.value(QStringLiteral("language")).toString(), QStringLiteral("en"));
    QCOMPARE(c.value(QStringLiteral("version")).toInt(), 1);

    // An agent of another group hears of it at once, whole.
    const auto pushed = m_bruno.waitForNotification([id](const Notification &n) {
        for (const QJsonValue &v : n.params.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject ch = v.toObject();
            if (ch.value(QStringLiteral("entity")).toString() == QLatin1String("customer")
                && ch.value(QStringLiteral("id")).toInteger() == id)
                return true;
        }
        return false;
    });
    QVERIFY(pushed.has_value());
    QJsonObject data;
    for (const QJsonValue &v : m_bruno.pushedChanges()) {
        if (v.toObject().value(QStringLiteral("id")).toInteger() == id
            && v.toObject().value(QStringLiteral("entity")).toString() == QLatin1String("customer"))
            data = v.toObject().value(QStringLiteral("data")).toObject();
    }
    QCOMPARE(data.value(QStringLiteral("name")).toString(), QStringLiteral("Owen Carter"));

    // And a ticket can be logged for them straight away.
    const auto t = m_ana.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("Called: no VPN") },
            { QStringLiteral("customerId"), double(id) }, { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(t.ok, qPrintable(t.error.message));
    QCOMPARE(t.object()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("customerId"))
                 .toInteger(),
        id);
}

void CustomersCreateTest::badCustomersAreRefusedByFieldAndNothingIsStored_data()
{
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("field");
    const auto invalid = int(ErrorCode::InvalidParams);
    const auto refused = int(ErrorCode::ValidationFailed);
    QTest::newRow("no name") << QJsonObject {
        { QStringLiteral("email"), QStringLiteral("x@y.example") }
    } << invalid << QStringLiteral("name");
    QTest::newRow("blank name") << QJsonObject { { QStringLiteral("name"), QStringLiteral("   ") } }
                                << refused << QStringLiteral("name");
    QTest::newRow("name not a string")
        << QJsonObject { { QStringLiteral("name"), 42 } } << invalid << QStringLiteral("name");
    QTest::newRow("name too long")
        << QJsonObject { { QStringLiteral("name"), QString(201, QLatin1Char('a')) } } << invalid
        << QStringLiteral("name");
    QTest::newRow("not an address")
        << QJsonObject { { QStringLiteral("name"), QStringLiteral("Ann") },
               { QStringLiteral("email"), QStringLiteral("ann at home") } }
        << refused << QStringLiteral("email");
    QTest::newRow("no domain") << QJsonObject { { QStringLiteral("name"), QStringLiteral("Ann") },
        { QStringLiteral("email"), QStringLiteral("ann@localhost") } }
                               << refused << QStringLiteral("email");
    // Another customer's address, written in other case.
    QTest::newRow("address taken")
        << QJsonObject { { QStringLiteral("name"), QStringLiteral("Núria P.") },
               { QStringLiteral("email"), QStringLiteral("NURIA@ferreteria.example") } }
        << refused << QStringLiteral("email");
    QTest::newRow("unknown organisation")
        << QJsonObject { { QStringLiteral("name"), QStringLiteral("Ann") },
               { QStringLiteral("organisationId"), 987654 } }
        << refused << QStringLiteral("organisationId");
    QTest::newRow("unknown language")
        << QJsonObject { { QStringLiteral("name"), QStringLiteral("Ann") },
               { QStringLiteral("language"), QStringLiteral("fr") } }
        << refused << QStringLiteral("language");
}

void CustomersCreateTest::badCustomersAreRefusedByFieldAndNothingIsStored()
{
    QFETCH(QJsonObject, params);
    QFETCH(int, code);
    QFETCH(QString, field);
    const qint64 before = customerCount(m_ana);
    const auto r = m_ana.call(QStringLiteral("customers.create"), params);
    QVERIFY(!r.ok);
    QCOMPARE(int(r.error.code), code);
    const QString named
        = r.error.data
              .value(code == int(ErrorCode::InvalidParams) ? QStringLiteral("param")
                                                           : QStringLiteral("field"))
              .toString();
    QCOMPARE(named, field);
    QVERIFY(!r.error.message.isEmpty());
    if (QLatin1String(QTest::currentDataTag()) == QLatin1String("address taken"))
        QCOMPARE(r.error.data.value(QStringLiteral("customerId")).toInteger(),
            m_desk.customer); // the one to pick instead
    QCOMPARE(customerCount(m_ana), before);
}

void CustomersCreateTest::aRepeatedOperationAddsTheCustomerOnce()
{
    const qint64 before = customerCount(m_ana);
    const QJsonObject params { { QStringLiteral("name"), QStringLiteral("Owen Ruiz") },
        { QStringLiteral("phone"), QStringLiteral("+34 600 333 444") },
        { QStringLiteral("language"), QStringLiteral("es") },
        { QStringLiteral("opId"), newOpId() } };
    const auto first = m_ana.call(QStringLiteral("customers.create"), params);
    QVERIFY2(first.ok, qPrintable(first.error.message));
    const auto again = m_ana.call(
        QStringLiteral("customers.create"), params); // the answer was lost, the console resends
    QVERIFY(again.ok);
    QCOMPARE(
        again.object().value(QStringLiteral("customer")).toObject().value(QStringLiteral("id")),
        first.object().value(QStringLiteral("customer")).toObject().value(QStringLiteral("id")));
    QCOMPARE(customerCount(m_ana), before + 1);
    // The same operation id from another agent is not theirs to replay.
    const auto stolen = m_bruno.call(QStringLiteral("customers.create"), params);
    QCOMPARE(stolen.error.code, ErrorCode::ValidationFailed);
    QCOMPARE(customerCount(m_ana), before + 1);
}

void CustomersCreateTest::itNeedsASession()
{
    TestClient anonymous;
    QVERIFY(anonymous.open(m_server.url()) && anonymous.hello());
    const auto r = anonymous.call(QStringLiteral("customers.create"),
        { { QStringLiteral("name"), QStringLiteral("Nobody") } });
    QCOMPARE(r.error.code, ErrorCode::Unauthenticated);
}

QTEST_MAIN(CustomersCreateTest)
#include "tst_customerscreate.moc"
