// Routing decisions: each condition alone and together, order, inactive rules, keywords
// across case, accents, languages and phrases, and the messages for refused rules.

#include "core/routing/routingrules.h"
#include "core/text/fold.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Atiende::Core;

Q_DECLARE_METATYPE(Atiende::Core::RoutingInput)

namespace {

// The desk the decisions below are made against. Groups: 10 service desk (the default, never
// named by a rule), 20 printing, 30 network, 40 VIP, 50 urgent phone, 60 accounts, 70 email
// catch-all, 80 never reached (inactive).
RoutingTable desk()
{
    const char *json = R"([
        {"id": 8, "name": "Disabled", "order": 1, "active": false, "groupId": 80},
        {"id": 1, "name": "VIP", "order": 10, "organisationIds": [500], "groupId": 40},
        {"id": 2, "name": "Urgent phone", "order": 20, "channels": ["phone"], "priorities": ["P1", "P2"], "groupId": 50},
        {"id": 3, "name": "Printing", "order": 30, "keywords": ["impresora", "impresión", "printer", "no imprime", "paper jam"], "groupId": 20},
        {"id": 4, "name": "Network", "order": 30, "keywords": ["wifi", "wi-fi", "VPN", "red"], "groupId": 30},
        {"id": 5, "name": "Accounts category", "order": 40, "categoryIds": [7, 9], "groupId": 60},
        {"id": 6, "name": "Portal passwords", "order": 50, "channels": ["portal"], "categoryIds": [3], "keywords": ["contraseña", "password"], "groupId": 60},
        {"id": 7, "name": "Email", "order": 90, "channels": ["email"], "groupId": 70}
    ])";
    QString error;
    const auto table = RoutingTable::fromJson(QJsonDocument::fromJson(json).array(), &error);
    if (!table)
        qFatal("%s", qPrintable(error));
    return *table;
}

RoutingInput ticket(Channel channel, const char *subject, const char *body = "",
    qint64 category = 1, qint64 organisation = 100, Priority priority = Priority::P3)
{
    RoutingInput in;
    in.channel = channel;
    in.subject = QString::fromUtf8(subject);
    in.body = QString::fromUtf8(body);
    in.categoryId = category;
    in.organisationId = organisation;
    in.priority = priority;
    return in;
}

} // namespace

class RoutingTest : public QObject
{
    Q_OBJECT
private slots:
    void decisions_data();
    void decisions();
    void anEmptyTableRoutesNothing();
    void aRuleWithoutConditionsCatchesEverythingAfterIt();
    void tiesInOrderGoToTheLowerId();
    void refusedRules_data();
    void refusedRules();
    void duplicateIdsAreRefused();
    void rulesSurviveTheWire();
    void foldDropsCaseAndAccents_data();
    void foldDropsCaseAndAccents();
};

void RoutingTest::decisions_data()
{
    QTest::addColumn<RoutingInput>("in");
    QTest::addColumn<qint64>("group"); // 0: no rule matched, the default group stays
    QTest::addColumn<qint64>("rule");

    const Channel con = Channel::Console;
    QTest::newRow("no match") << ticket(con, "Monitor parpadea", "La pantalla se apaga")
                              << qint64(0) << qint64(0);
    QTest::newRow("organisation alone")
        << ticket(con, "Hola", "", 1, 500) << qint64(40) << qint64(1);
    QTest::newRow("organisation beats keywords (order)")
        << ticket(con, "La impresora", "", 1, 500) << qint64(40) << qint64(1);
    QTest::newRow("channel and priority together")
        << ticket(Channel::Phone, "Caído", "", 1, 100, Priority::P1) << qint64(50) << qint64(2);
    QTest::newRow("channel without its priority")
        << ticket(Channel::Phone, "Caído", "", 1, 100, Priority::P3) << qint64(0) << qint64(0);
    QTest::newRow("priority without its channel")
        << ticket(con, "Caído", "", 1, 100, Priority::P1) << qint64(0) << qint64(0);
    QTest::newRow("keyword in subject")
        << ticket(con, "La impresora del 3º") << qint64(20) << qint64(3);
    QTest::newRow("keyword in body")
        << ticket(con, "Ayuda", "mi impresora hace ruido") << qint64(20) << qint64(3);
    QTest::newRow("keyword upper case") << ticket(con, "IMPRESORA ROTA") << qint64(20) << qint64(3);
    QTest::newRow("accented keyword, plain text")
        << ticket(con, "Error de impresion") << qint64(20) << qint64(3);
    QTest::newRow("accented keyword, accented text")
        << ticket(con, "Error de impresión") << qint64(20) << qint64(3);
    QTest::newRow("accented keyword, capital accented text")
        << ticket(con, "ERROR DE IMPRESIÓN") << qint64(20) << qint64(3);
    QTest::newRow("English keyword")
        << ticket(con, "The printer on floor 2") << qint64(20) << qint64(3);
    QTest::newRow("keyword is a whole word only")
        << ticket(con, "impresoras nuevas") << qint64(0) << qint64(0);
    QTest::newRow("keyword inside a word does not count")
        << ticket(con, "unprinterlike") << qint64(0) << qint64(0);
    QTest::newRow("keyword next to punctuation")
        << ticket(con, "¿impresora?") << qint64(20) << qint64(3);
    QTest::newRow("Spanish phrase")
        << ticket(con, "Urgente", "La HP no  imprime nada") << qint64(20) << qint64(3);
    QTest::newRow("phrase words apart do not match")
        << ticket(con, "no", "ya imprime") << qint64(0) << qint64(0);
    QTest::newRow("phrase does not span subject and body")
        << ticket(con, "Paper", "jam") << qint64(0) << qint64(0);
    QTest::newRow("English phrase with punctuation")
        << ticket(con, "Paper-jam again!") << qint64(20) << qint64(3);
    QTest::newRow("same order: lower id first")
        << ticket(con, "printer without wifi") << qint64(20) << qint64(3);
    QTest::newRow("second rule of the same order")
        << ticket(con, "La VPN no conecta") << qint64(30) << qint64(4);
    QTest::newRow("hyphenated keyword as phrase")
        << ticket(con, "sin Wi-Fi") << qint64(30) << qint64(4);
    QTest::newRow("hyphenated keyword, written apart")
        << ticket(con, "sin wi fi") << qint64(30) << qint64(4);
    QTest::newRow("short keyword whole word")
        << ticket(con, "Se cayó la red") << qint64(30) << qint64(4);
    QTest::newRow("short keyword not inside a word")
        << ticket(con, "Pared rota, redondo") << qint64(0) << qint64(0);
    QTest::newRow("category alone")
        << ticket(con, "Alta de usuario", "", 9) << qint64(60) << qint64(5);
    QTest::newRow("category not listed")
        << ticket(con, "Alta de usuario", "", 8) << qint64(0) << qint64(0);
    QTest::newRow("all three conditions")
        << ticket(Channel::Portal, "Olvidé mi contraseña", "", 3) << qint64(60) << qint64(6);
    QTest::newRow("all three, English, accents in text")
        << ticket(Channel::Portal, "Réset my PASSWORD", "", 3) << qint64(60) << qint64(6);
    QTest::newRow("two of three conditions")
        << ticket(Channel::Chat, "Olvidé mi contraseña", "", 3) << qint64(0) << qint64(0);
    QTest::newRow("keyword missing")
        << ticket(Channel::Portal, "Olvidé mi usuario", "", 3) << qint64(0) << qint64(0);
    QTest::newRow("channel alone, late rule")
        << ticket(Channel::Email, "Consulta") << qint64(70) << qint64(7);
    QTest::newRow("earlier keyword rule beats channel rule")
        << ticket(Channel::Email, "printer") << qint64(20) << qint64(3);
    QTest::newRow("inactive rule never decides") << ticket(con, "") << qint64(0) << qint64(0);
    QTest::newRow("empty text, no keywords") << ticket(con, "", "", 7) << qint64(60) << qint64(5);
}

void RoutingTest::decisions()
{
    QFETCH(RoutingInput, in);
    QFETCH(qint64, group);
    QFETCH(qint64, rule);
    static const RoutingTable table = desk();
    const auto decision = table.route(in);
    if (group == 0) {
        QVERIFY2(!decision,
            qPrintable(QStringLiteral("routed by rule %1").arg(decision ? decision->ruleId : 0)));
        return;
    }
    QVERIFY(decision);
    QCOMPARE(decision->groupId, group);
    QCOMPARE(decision->ruleId, rule);
}

void RoutingTest::anEmptyTableRoutesNothing()
{
    RoutingTable table;
    QVERIFY(table.rules().isEmpty());
    QVERIFY(!table.route(ticket(Channel::Email, "impresora")));
}

void RoutingTest::aRuleWithoutConditionsCatchesEverythingAfterIt()
{
    RoutingRule all;
    all.id = 1;
    all.name = QStringLiteral("Everything");
    all.order = 5;
    all.groupId = 11;
    RoutingRule later;
    later.id = 2;
    later.name = QStringLiteral("Later");
    later.order = 6;
    later.channels = { Channel::Email };
    later.groupId = 12;
    const RoutingTable table({ later, all });
    QCOMPARE(table.rules().first().id, qint64(1));
    const auto d = table.route(ticket(Channel::Email, "x"));
    QVERIFY(d);
    QCOMPARE(d->groupId, qint64(11));
}

void RoutingTest::tiesInOrderGoToTheLowerId()
{
    RoutingRule a;
    a.id = 9;
    a.name = QStringLiteral("A");
    a.groupId = 1;
    RoutingRule b = a;
    b.id = 3;
    b.groupId = 2;
    const RoutingTable table({ a, b });
    QCOMPARE(table.route(RoutingInput {})->ruleId, qint64(3));
}

void RoutingTest::refusedRules_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message"); // a part of it

    QTest::newRow("no name") << R"({"groupId": 1})"
                             << "needs a name";
    QTest::newRow("blank name") << R"({"name": "  ", "groupId": 1})"
                                << "needs a name";
    QTest::newRow("no target group") << R"({"name": "R"})"
                                     << "routing rule R needs a target group";
    QTest::newRow("null target group") << R"({"name": "R", "groupId": null})"
                                       << "needs a target group";
    QTest::newRow("bad target group") << R"({"name": "R", "groupId": -3})"
                                      << "needs a target group";
    QTest::newRow("unknown channel")
        << R"({"name": "R", "groupId": 1, "channels": ["fax"]})"
        << "\"fax\" is not a channel (email, portal, phone, chat, console)";
    QTest::newRow("channel not a string") << R"({"name": "R", "groupId": 1, "channels": [1]})"
                                          << "is not a channel";
    QTest::newRow("channels not a list") << R"({"name": "R", "groupId": 1, "channels": "email"})"
                                         << "is not a channel";
    QTest::newRow("unknown priority") << R"({"name": "R", "groupId": 1, "priorities": ["P5"]})"
                                      << "\"P5\" is not a priority (P1, P2, P3, P4)";
    QTest::newRow("lower-case priority") << R"({"name": "R", "groupId": 1, "priorities": ["p1"]})"
                                         << "\"p1\" is not a priority";
    QTest::newRow("bad category id") << R"({"name": "R", "groupId": 1, "categoryIds": ["7"]})"
                                     << "categoryIds must be a list of ids";
    QTest::newRow("bad organisation id")
        << R"({"name": "R", "groupId": 1, "organisationIds": [1.5]})"
        << "organisationIds must be a list of ids";
    QTest::newRow("keywords not a list") << R"({"name": "R", "groupId": 1, "keywords": "vpn"})"
                                         << "keywords must be a list";
    QTest::newRow("keyword without letters")
        << R"({"name": "R", "groupId": 1, "keywords": ["vpn", "¿?!"]})"
        << "the keyword \"¿?!\" has no letters or digits";
    QTest::newRow("empty keyword") << R"({"name": "R", "groupId": 1, "keywords": [""]})"
                                   << "has no letters or digits";
    QTest::newRow("bad id") << R"({"id": "x", "name": "R", "groupId": 1})"
                            << "id must be a positive integer";
}

void RoutingTest::refusedRules()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!RoutingRule::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    // One bad rule refuses the table, with the same message.
    QString tableError;
    const QJsonArray rules { QJsonObject { { QStringLiteral("name"), QStringLiteral("Fine") },
                                 { QStringLiteral("groupId"), 1 } },
        QJsonDocument::fromJson(json.toUtf8()).object() };
    QVERIFY(!RoutingTable::fromJson(rules, &tableError));
    QCOMPARE(tableError, error);
}

void RoutingTest::duplicateIdsAreRefused()
{
    QString error;
    const auto table
        = RoutingTable::fromJson(QJsonDocument::fromJson(R"([{"id": 4, "name": "A", "groupId": 1},
        {"id": 4, "name": "B", "groupId": 2}])")
                                     .array(),
            &error);
    QVERIFY(!table);
    QCOMPARE(error, QStringLiteral("two routing rules have the id 4"));
    QVERIFY(!RoutingTable::fromJson(QJsonArray { 1 }, &error));
}

void RoutingTest::rulesSurviveTheWire()
{
    const RoutingTable table = desk();
    QJsonArray again;
    for (const RoutingRule &r : table.rules())
        again.append(r.toJson());
    const auto back = RoutingTable::fromJson(again);
    QVERIFY(back);
    QCOMPARE(back->rules().size(), table.rules().size());
    for (int i = 0; i < table.rules().size(); ++i)
        QCOMPARE(back->rules().at(i).toJson(), table.rules().at(i).toJson());
    const QJsonObject portal = table.rules().at(6).toJson();
    QCOMPARE(portal.value(QStringLiteral("channels")).toArray(),
        QJsonArray { QStringLiteral("portal") });
    QCOMPARE(portal.value(QStringLiteral("keywords")).toArray().at(0).toString(),
        QStringLiteral("contraseña"));
    QCOMPARE(table.rules().first().toJson().value(QStringLiteral("active")).toBool(), false);
}

void RoutingTest::foldDropsCaseAndAccents_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("ascii") << "Printer JAM"
                           << "printer jam";
    QTest::newRow("Spanish") << "IMPRESIÓN, Cañón, pingüino"
                             << "impresion, canon, pinguino";
    QTest::newRow("precomposed and decomposed alike") << QStringLiteral("e\u0301 \u00e9") << "e e";
    QTest::newRow("French and German") << "Élève Größe"
                                       << "eleve große";
}

void RoutingTest::foldDropsCaseAndAccents()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(Text::fold(text), folded);
}

QTEST_APPLESS_MAIN(RoutingTest)
#include "tst_routing.moc"
