// Canned responses in the store: who may save and delete them (admins any, leads those of the
// groups they lead), who sees which, and what a rendered one says for a ticket.

#include "deskfixture.h"

#include "server/admin/setup.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

class CannedStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void agentsListTheGlobalOnesAndTheirGroups_data();
    void agentsListTheGlobalOnesAndTheirGroups();
    void aGroupFilterKeepsTheGlobalOnesAndThatGroup();
    void theTextFilterIgnoresAccentsAndCase();
    void agentsChangeNoCannedResponse();
    void leadsChangeOnlyTheResponsesOfTheGroupsTheyLead_data();
    void leadsChangeOnlyTheResponsesOfTheGroupsTheyLead();
    void aDeletedResponseIsGoneForEveryone();
    void theManageableListIsWhatTheCallerMayChange_data();
    void theManageableListIsWhatTheCallerMayChange();
    void aSaveWithAnIdReplaces();
    void badDefinitionsAreRefused_data();
    void badDefinitionsAreRefused();
    void inactiveOnesAreOnlyListedForAdmins();
    void renderFillsTheTicketCustomerAndCallingAgent();
    void renderReportsUnknownAndMissingPlaceholders();
    void renderForATicketTheCallerCannotSeeIsForbidden();
    void renderOfAnotherGroupsResponseIsForbidden();
    void renderOfMissingIdsIsNotFound();
    void textRoundTripsExactly();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agentId)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agentId));
    }
    qint64 save(const QJsonObject &definition);
    qint64 ticket(qint64 groupId, qint64 customerId);
    QStringList titles(qint64 agentId, qint64 groupId = 0, const QString &text = QString(),
        bool manageable = false);
    qint64 agentCalled(const QString &login);

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    qint64 m_clock = 1767225600000; // 2026-01-01
    qint64 m_greeting = 0, m_mail = 0, m_vpn = 0; // global, Service Desk, Network
    qint64 m_leo = 0; // a lead of Network only (lola leads both groups)
};

void CannedStoreTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    // One of each kind: global, Service Desk, Network.
    m_greeting = save({ { QStringLiteral("title"), QStringLiteral("Saludo") },
        { QStringLiteral("body"),
            QStringLiteral("Hola {{customer.firstName}}:\n\nSoy {{agent.firstName}}.") },
        { QStringLiteral("language"), QStringLiteral("es") } });
    m_mail = save({ { QStringLiteral("title"), QStringLiteral("Configuración del correo") },
        { QStringLiteral("body"), QStringLiteral("Pasos para configurar el correo.") },
        { QStringLiteral("keywords"), QStringLiteral("outlook imap") },
        { QStringLiteral("groupId"), double(m_desk.serviceDesk) } });
    m_vpn = save({ { QStringLiteral("title"), QStringLiteral("VPN reset") },
        { QStringLiteral("body"),
            QStringLiteral("Your VPN profile for {{ticket.number}} was reset.") },
        { QStringLiteral("language"), QStringLiteral("en") },
        { QStringLiteral("groupId"), double(m_desk.network) } });
    QVERIFY(m_greeting && m_mail && m_vpn);
    const OpResult leo = write([&] {
        Agent a;
        a.login = QStringLiteral("leo");
        a.name = QStringLiteral("Leo");
        a.email = QStringLiteral("leo@desk.example");
        a.role = Role::Lead;
        a.groupIds = { m_desk.network };
        QString why;
        m_leo = Setup(*m_store).addAgent(a, QStringLiteral("pw-leo"), &why);
        return m_leo ? OpResult::success(QJsonValue())
                     : OpResult::failure(ErrorCode::InternalError, why);
    });
    QVERIFY2(leo.ok, qPrintable(leo.error.message));
}

qint64 CannedStoreTest::agentCalled(const QString &login)
{
    const QHash<QString, qint64> ids { { QStringLiteral("ana"), m_desk.ana },
        { QStringLiteral("bruno"), m_desk.bruno }, { QStringLiteral("lola"), m_desk.lola },
        { QStringLiteral("leo"), m_leo }, { QStringLiteral("admin"), m_desk.admin } };
    return ids.value(login);
}

void CannedStoreTest::cleanup()
{
    m_store.reset();
    delete m_dir;
}

OpResult CannedStoreTest::write(const std::function<OpResult()> &fn)
{
    m_clock += 60000;
    return Test::commit(*m_store, fn);
}

qint64 CannedStoreTest::save(const QJsonObject &definition)
{
    const OpResult r
        = write([&] { return m_store->canned().save(caller(m_desk.admin), definition, m_clock); });
    if (!r.ok)
        qWarning() << r.error.message;
    return r.result.toObject()
        .value(QStringLiteral("response"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

qint64 CannedStoreTest::ticket(qint64 groupId, qint64 customerId)
{
    NewTicket n;
    n.subject = QStringLiteral("La impresora no imprime");
    n.groupId = groupId;
    n.customerId = customerId;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(m_desk.lola), n, m_clock); });
    if (!r.ok)
        qWarning() << r.error.message;
    return r.result.toObject()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QStringList CannedStoreTest::titles(
    qint64 agentId, qint64 groupId, const QString &text, bool manageable)
{
    const OpResult r = m_store->canned().list(caller(agentId), groupId, text, manageable);
    QStringList out;
    for (const QJsonValue &v : r.result.toObject().value(QStringLiteral("responses")).toArray())
        out << v.toObject().value(QStringLiteral("title")).toString();
    return out;
}

void CannedStoreTest::agentsListTheGlobalOnesAndTheirGroups_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QStringList>("expected"); // by title
    const QString mail = QStringLiteral("Configuración del correo");
    const QString hello = QStringLiteral("Saludo");
    const QString vpn = QStringLiteral("VPN reset");
    QTest::newRow("ana: global and Service Desk") << "ana" << QStringList { mail, hello };
    QTest::newRow("bruno: global and Network") << "bruno" << QStringList { hello, vpn };
    QTest::newRow("lola: both groups") << "lola" << QStringList { mail, hello, vpn };
    QTest::newRow("leo: global and Network") << "leo" << QStringList { hello, vpn };
    QTest::newRow("admin: everything") << "admin" << QStringList { mail, hello, vpn };
}

void CannedStoreTest::agentsListTheGlobalOnesAndTheirGroups()
{
    QFETCH(QString, who);
    QFETCH(QStringList, expected);
    QCOMPARE(titles(agentCalled(who)), expected);
}

void CannedStoreTest::aGroupFilterKeepsTheGlobalOnesAndThatGroup()
{
    QCOMPARE(titles(m_desk.lola, m_desk.network),
        (QStringList { QStringLiteral("Saludo"), QStringLiteral("VPN reset") }));
    // A group the agent is not in adds nothing to what they may use.
    QCOMPARE(titles(m_desk.ana, m_desk.network), QStringList { QStringLiteral("Saludo") });
}

void CannedStoreTest::theTextFilterIgnoresAccentsAndCase()
{
    QCOMPARE(titles(m_desk.ana, 0, QStringLiteral("CONFIGURACION")),
        QStringList { QStringLiteral("Configuración del correo") });
    QCOMPARE(titles(m_desk.ana, 0, QStringLiteral("imap correo")),
        QStringList { QStringLiteral("Configuración del correo") });
    QCOMPARE(titles(m_desk.ana, 0, QStringLiteral("imap vpn")), QStringList {});
    QCOMPARE(titles(m_desk.ana, 0, QStringLiteral("' OR 1=1 --")).size(), 0);
}

void CannedStoreTest::agentsChangeNoCannedResponse()
{
    const QJsonObject definition { { QStringLiteral("title"), QStringLiteral("Mío") },
        { QStringLiteral("body"), QStringLiteral("texto") },
        { QStringLiteral("groupId"), double(m_desk.serviceDesk) } };
    OpResult r
        = write([&] { return m_store->canned().save(caller(m_desk.ana), definition, m_clock); });
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
    QJsonObject edit = m_store->canned().response(m_mail)->toJson();
    edit.insert(QStringLiteral("body"), QStringLiteral("cambiado"));
    r = write([&] { return m_store->canned().save(caller(m_desk.ana), edit, m_clock); });
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
    r = write([&] { return m_store->canned().remove(caller(m_desk.ana), m_mail); });
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
    QCOMPARE(titles(m_desk.admin).size(), 3);
    QCOMPARE(m_store->canned().response(m_mail)->body,
        QStringLiteral("Pasos para configurar el correo."));
}

void CannedStoreTest::leadsChangeOnlyTheResponsesOfTheGroupsTheyLead_data()
{
    // Leo leads Network only. "new": a new response in that group (0: desk-wide); otherwise an
    // edit of one of the three (moved to "to" when given) or its deletion.
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("which"); // greeting (desk-wide), mail (Service Desk), vpn (Network)
    QTest::addColumn<QString>("group"); // the group it is saved in: none, desk, network
    QTest::addColumn<bool>("allowed");
    QTest::newRow("add to Network") << "add"
                                    << ""
                                    << "network" << true;
    QTest::newRow("add desk-wide") << "add"
                                   << ""
                                   << "none" << false;
    QTest::newRow("add to Service Desk") << "add"
                                         << ""
                                         << "desk" << false;
    QTest::newRow("edit Network's") << "edit"
                                    << "vpn"
                                    << "network" << true;
    QTest::newRow("edit Service Desk's") << "edit"
                                         << "mail"
                                         << "desk" << false;
    QTest::newRow("edit the desk-wide one") << "edit"
                                            << "greeting"
                                            << "none" << false;
    QTest::newRow("move Network's to Service Desk") << "edit"
                                                    << "vpn"
                                                    << "desk" << false;
    QTest::newRow("take Service Desk's into Network") << "edit"
                                                      << "mail"
                                                      << "network" << false;
    QTest::newRow("delete Network's") << "delete"
                                      << "vpn"
                                      << "" << true;
    QTest::newRow("delete Service Desk's") << "delete"
                                           << "mail"
                                           << "" << false;
    QTest::newRow("delete the desk-wide one") << "delete"
                                              << "greeting"
                                              << "" << false;
}

void CannedStoreTest::leadsChangeOnlyTheResponsesOfTheGroupsTheyLead()
{
    QFETCH(QString, action);
    QFETCH(QString, which);
    QFETCH(QString, group);
    QFETCH(bool, allowed);
    const qint64 id = which == QLatin1String("vpn") ? m_vpn
        : which == QLatin1String("mail")            ? m_mail
        : which.isEmpty()                           ? 0
                                                    : m_greeting;
    const qint64 groupId = group == QLatin1String("network") ? m_desk.network
        : group == QLatin1String("desk")                     ? m_desk.serviceDesk
                                                             : 0;
    const std::optional<CannedResponse> before = id ? m_store->canned().response(id) : std::nullopt;
    OpResult r;
    if (action == QLatin1String("delete")) {
        r = write([&] { return m_store->canned().remove(caller(m_leo), id); });
    } else {
        QJsonObject definition { { QStringLiteral("title"), QStringLiteral("De Leo") },
            { QStringLiteral("body"), QStringLiteral("Hola {{customer.firstName}}") },
            { QStringLiteral("groupId"), groupId ? QJsonValue(double(groupId)) : QJsonValue() } };
        if (id)
            definition.insert(QStringLiteral("id"), double(id));
        r = write([&] { return m_store->canned().save(caller(m_leo), definition, m_clock); });
    }
    if (!allowed) {
        QVERIFY(!r.ok);
        QCOMPARE(r.error.code, ErrorCode::Forbidden);
        QCOMPARE(titles(m_desk.admin).size(), 3); // nothing added or deleted
        if (before)
            QCOMPARE(m_store->canned().response(id)->toJson(), before->toJson()); // nor changed
        return;
    }
    QVERIFY2(r.ok, qPrintable(r.error.message));
    if (action == QLatin1String("delete")) {
        QVERIFY(!m_store->canned().response(id));
        QVERIFY(!titles(m_desk.bruno).contains(QStringLiteral("VPN reset")));
    } else {
        QVERIFY(titles(m_desk.bruno)
                    .contains(QStringLiteral("De Leo"))); // Network's agents use it at once
        QVERIFY(!titles(m_desk.ana).contains(QStringLiteral("De Leo")));
    }
}

void CannedStoreTest::aDeletedResponseIsGoneForEveryone()
{
    const OpResult r
        = write([&] { return m_store->canned().remove(caller(m_desk.admin), m_mail); });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("id")).toInteger(), m_mail);
    QCOMPARE(titles(m_desk.ana), QStringList { QStringLiteral("Saludo") });
    QCOMPARE(titles(m_desk.admin),
        (QStringList { QStringLiteral("Saludo"), QStringLiteral("VPN reset") }));
    const qint64 t = ticket(m_desk.serviceDesk, m_desk.customer);
    QCOMPARE(
        m_store->canned().render(caller(m_desk.ana), m_mail, t).error.code, ErrorCode::NotFound);
    // Twice: there is nothing left to delete.
    QCOMPARE(
        write([&] { return m_store->canned().remove(caller(m_desk.admin), m_mail); }).error.code,
        ErrorCode::NotFound);
    QCOMPARE(write([&] { return m_store->canned().remove(caller(m_desk.admin), 9999); }).error.code,
        ErrorCode::NotFound);
}

void CannedStoreTest::theManageableListIsWhatTheCallerMayChange_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QStringList>("expected"); // by title; "Viejo" is Network's, inactive
    const QString mail = QStringLiteral("Configuración del correo");
    const QString hello = QStringLiteral("Saludo");
    const QString vpn = QStringLiteral("VPN reset");
    const QString old = QStringLiteral("Viejo");
    QTest::newRow("ana, an agent: none") << "ana" << QStringList {};
    QTest::newRow("leo, lead of Network: Network's, inactive too")
        << "leo" << QStringList { vpn, old };
    QTest::newRow("lola, lead of both: both groups', not the desk-wide one")
        << "lola" << QStringList { mail, vpn, old };
    QTest::newRow("admin: everything") << "admin" << QStringList { mail, hello, vpn, old };
}

void CannedStoreTest::theManageableListIsWhatTheCallerMayChange()
{
    QFETCH(QString, who);
    QFETCH(QStringList, expected);
    QVERIFY(save({ { QStringLiteral("title"), QStringLiteral("Viejo") },
        { QStringLiteral("body"), QStringLiteral("ya no") }, { QStringLiteral("active"), false },
        { QStringLiteral("groupId"), double(m_desk.network) } }));
    QCOMPARE(titles(agentCalled(who), 0, QString(), true), expected);
    QVERIFY(!titles(m_leo).contains(QStringLiteral("Viejo"))); // not offered to use
}

void CannedStoreTest::aSaveWithAnIdReplaces()
{
    const qint64 id = save({ { QStringLiteral("title"), QStringLiteral("Cierre") },
        { QStringLiteral("body"), QStringLiteral("v1") } });
    QVERIFY(id);
    QCOMPARE(save({ { QStringLiteral("id"), double(id) },
                 { QStringLiteral("title"), QStringLiteral("Cierre") },
                 { QStringLiteral("body"), QStringLiteral("v2") } }),
        id);
    const auto r = m_store->canned().response(id);
    QVERIFY(r);
    QCOMPARE(r->body, QStringLiteral("v2"));
    QCOMPARE(r->version, 2);
    QVERIFY(r->updatedAt > r->createdAt);
    const OpResult missing = write([&] {
        return m_store->canned().save(caller(m_desk.admin),
            { { QStringLiteral("id"), 9999 }, { QStringLiteral("title"), QStringLiteral("x") },
                { QStringLiteral("body"), QStringLiteral("y") } },
            m_clock);
    });
    QCOMPARE(missing.error.code, ErrorCode::NotFound);
}

void CannedStoreTest::badDefinitionsAreRefused_data()
{
    QTest::addColumn<QJsonObject>("definition");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("named"); // in the message
    const QString body = QStringLiteral("texto");
    QTest::newRow("unknown placeholder")
        << QJsonObject { { QStringLiteral("title"), QStringLiteral("t") },
               { QStringLiteral("body"), QStringLiteral("Hola {{customer.nombre}}") } }
        << "body"
        << "{{customer.nombre}}";
    QTest::newRow("no title") << QJsonObject { { QStringLiteral("body"), body } } << "title"
                              << "title";
    QTest::newRow("blank title") << QJsonObject { { QStringLiteral("title"), QStringLiteral("  ") },
        { QStringLiteral("body"), body } }
                                 << "title"
                                 << "1 to 200";
    QTest::newRow("long title") << QJsonObject { { QStringLiteral("title"),
                                                     QString(201, QLatin1Char('x')) },
        { QStringLiteral("body"), body } }
                                << "title"
                                << "1 to 200";
    QTest::newRow("empty body") << QJsonObject { { QStringLiteral("title"), QStringLiteral("t") },
        { QStringLiteral("body"), QString() } }
                                << "body"
                                << "20000";
    QTest::newRow("long body") << QJsonObject { { QStringLiteral("title"), QStringLiteral("t") },
        { QStringLiteral("body"), QString(20001, QLatin1Char('x')) } }
                               << "body"
                               << "20000";
    QTest::newRow("no such group")
        << QJsonObject { { QStringLiteral("title"), QStringLiteral("t") },
               { QStringLiteral("body"), body }, { QStringLiteral("groupId"), 9999 } }
        << "groupId"
        << "9999";
    QTest::newRow("language") << QJsonObject { { QStringLiteral("title"), QStringLiteral("t") },
        { QStringLiteral("body"), body }, { QStringLiteral("language"), QStringLiteral("fr") } }
                              << "language"
                              << "language";
}

void CannedStoreTest::badDefinitionsAreRefused()
{
    QFETCH(QJsonObject, definition);
    QFETCH(QString, field);
    QFETCH(QString, named);
    const OpResult r
        = write([&] { return m_store->canned().save(caller(m_desk.admin), definition, m_clock); });
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    QCOMPARE(r.error.data.value(QStringLiteral("field")).toString(), field);
    QVERIFY2(r.error.message.contains(named), qPrintable(r.error.message));
    QCOMPARE(titles(m_desk.admin).size(), 3);
}

void CannedStoreTest::inactiveOnesAreOnlyListedForAdmins()
{
    QVERIFY(save({ { QStringLiteral("title"), QStringLiteral("Antiguo") },
        { QStringLiteral("body"), QStringLiteral("ya no") },
        { QStringLiteral("active"), false } }));
    QVERIFY(!titles(m_desk.ana).contains(QStringLiteral("Antiguo")));
    QVERIFY(titles(m_desk.admin).contains(QStringLiteral("Antiguo")));
}

void CannedStoreTest::renderFillsTheTicketCustomerAndCallingAgent()
{
    const qint64 id = save({ { QStringLiteral("title"), QStringLiteral("Recibido") },
        { QStringLiteral("body"),
            QStringLiteral(
                "Hola {{customer.firstName}} ({{customer.name}}, {{organisation.name}}):\n"
                "hemos recibido **{{ticket.number}}** «{{ticket.subject}}».\n\n— {{agent.name}} "
                "🙂") } });
    const qint64 t = ticket(m_desk.serviceDesk, m_desk.customer);
    QVERIFY(id && t);
    const QString number = m_store->tickets().ticket(t)->number;
    const OpResult r = m_store->canned().render(caller(m_desk.ana), id, t);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject o = r.result.toObject();
    QCOMPARE(o.value(QStringLiteral("body")).toString(),
        QStringLiteral("Hola Núria (Núria Peña, Ferretería Norte):\nhemos recibido **%1** «La "
                       "impresora no imprime».\n\n— Ana 🙂")
            .arg(number));
    QCOMPARE(o.value(QStringLiteral("unknown")).toArray(), QJsonArray());
    QCOMPARE(o.value(QStringLiteral("missing")).toArray(), QJsonArray());
}

void CannedStoreTest::renderReportsUnknownAndMissingPlaceholders()
{
    // Unknown names cannot be saved; one may still be in the table from an older server.
    const qint64 id = save({ { QStringLiteral("title"), QStringLiteral("Viejo") },
        { QStringLiteral("body"), QStringLiteral("x") } });
    QVERIFY(m_store->sql().exec(QStringLiteral("UPDATE canned_responses SET body = ? WHERE id = ?"),
        { QStringLiteral("{{customer.name}} {{customer.vip}}"), id }));
    const qint64 t = ticket(m_desk.serviceDesk, 0); // no customer
    const OpResult r = m_store->canned().render(caller(m_desk.ana), id, t);
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject o = r.result.toObject();
    QCOMPARE(o.value(QStringLiteral("body")).toString(), QStringLiteral(" {{customer.vip}}"));
    QCOMPARE(o.value(QStringLiteral("unknown")).toArray(),
        QJsonArray { QStringLiteral("customer.vip") });
    QCOMPARE(o.value(QStringLiteral("missing")).toArray(),
        QJsonArray { QStringLiteral("customer.name") });
}

void CannedStoreTest::renderForATicketTheCallerCannotSeeIsForbidden()
{
    const qint64 t = ticket(m_desk.network, m_desk.customer);
    const OpResult r = m_store->canned().render(caller(m_desk.ana), m_greeting, t);
    QVERIFY(!r.ok);
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
    QVERIFY(m_store->canned().render(caller(m_desk.bruno), m_greeting, t).ok);
}

void CannedStoreTest::renderOfAnotherGroupsResponseIsForbidden()
{
    const qint64 t = ticket(m_desk.serviceDesk, m_desk.customer);
    const OpResult r = m_store->canned().render(caller(m_desk.ana), m_vpn, t);
    QCOMPARE(r.error.code, ErrorCode::Forbidden);
}

void CannedStoreTest::renderOfMissingIdsIsNotFound()
{
    const qint64 t = ticket(m_desk.serviceDesk, m_desk.customer);
    QCOMPARE(m_store->canned().render(caller(m_desk.ana), 9999, t).error.code, ErrorCode::NotFound);
    QCOMPARE(m_store->canned().render(caller(m_desk.ana), m_greeting, 9999).error.code,
        ErrorCode::NotFound);
}

void CannedStoreTest::textRoundTripsExactly()
{
    const QString title = QStringLiteral("Robert'); DROP TABLE canned_responses;-- 🎉");
    const QString body = QStringLiteral(
        "100% \"seguro\" \\ _x_ `code` ñ 漢字 👩‍💻\n' OR '1'='1 {{agent.name}}");
    const QString keywords = QStringLiteral("%_ ' \" ;");
    const qint64 id = save({ { QStringLiteral("title"), title }, { QStringLiteral("body"), body },
        { QStringLiteral("keywords"), keywords } });
    QVERIFY(id);
    const auto r = m_store->canned().response(id);
    QCOMPARE(r->title, title);
    QCOMPARE(r->body, body);
    QCOMPARE(r->keywords, keywords);
    QCOMPARE(titles(m_desk.admin).size(), 4);
    QCOMPARE(titles(m_desk.ana, 0, QStringLiteral("漢字")), QStringList { title });
}

QTEST_GUILESS_MAIN(CannedStoreTest)
#include "tst_cannedstore.moc"
