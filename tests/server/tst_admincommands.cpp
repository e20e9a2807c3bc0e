// The admin sub-commands of atiended that configure routing, escalation, assignment and
// satisfaction: run as a real process against a seeded desk, checked by reading the store.

#include "deskfixture.h"
#include "serverprocess.h"

#include "server/store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Atiende;

class AdminCommandsTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void routingSavesEveryRule();
    void escalationSavesEveryRule();
    void assignmentSetsTheStrategy_data();
    void assignmentSetsTheStrategy();
    void assignmentRefusesBadArguments_data();
    void assignmentRefusesBadArguments();
    void satisfactionSetsTheWindow();
    void satisfactionRefusesAWindowOutOfRange_data();
    void satisfactionRefusesAWindowOutOfRange();
    void badFileSavesNothing_data();
    void badFileSavesNothing();

private:
    QString writeFile(const QByteArray &content);
    QString writeJson(const QJsonArray &array) { return writeFile(QJsonDocument(array).toJson()); }
    std::unique_ptr<Server::Store> openStore();
    QJsonArray rules(const QString &command);

    std::unique_ptr<Test::ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_files;
    Test::Desk m_desk;
    int m_fileCount = 0;
};

void AdminCommandsTest::init()
{
    m_server = std::make_unique<Test::ServerProcess>();
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
    m_desk = Test::Desk {};
    QString error;
    QVERIFY2(Test::seedDesk(m_server->dataDir(), &m_desk, &error), qPrintable(error));
}

void AdminCommandsTest::cleanup()
{
    m_server.reset();
    m_files.reset();
}

QString AdminCommandsTest::writeFile(const QByteArray &content)
{
    const QString path = m_files->filePath(QStringLiteral("file%1.json").arg(++m_fileCount));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

std::unique_ptr<Server::Store> AdminCommandsTest::openStore()
{
    QString error;
    auto store
        = Server::Store::open(m_server->dataDir() + QStringLiteral("/atiende.db"), false, &error);
    if (!store)
        qWarning().noquote() << "cannot open the store:" << error;
    return store;
}

QJsonArray AdminCommandsTest::rules(const QString &command)
{
    auto store = openStore();
    if (!store)
        return {};
    const Server::OpResult r = command == QLatin1String("routing") ? store->routing().rules()
                                                                   : store->escalation().rules();
    return r.result.toObject().value(QStringLiteral("rules")).toArray();
}

void AdminCommandsTest::routingSavesEveryRule()
{
    const QString file = writeJson({
        QJsonObject { { QStringLiteral("name"), QStringLiteral("VPN to network") },
            { QStringLiteral("order"), 10 },
            { QStringLiteral("keywords"), QJsonArray { QStringLiteral("vpn") } },
            { QStringLiteral("groupId"), m_desk.network } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Everything else") },
            { QStringLiteral("order"), 100 }, { QStringLiteral("groupId"), m_desk.serviceDesk } },
    });
    QString output;
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("routing"), QStringLiteral("--file"), file }, &output),
        0);
    QVERIFY2(output.contains(QLatin1String("routing rule VPN to network saved as id ")),
        qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("routing rule Everything else saved as id ")),
        qPrintable(output));

    const QJsonArray saved = rules(QStringLiteral("routing"));
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0)[QStringLiteral("name")].toString(), QStringLiteral("VPN to network"));
    QCOMPARE(saved.at(0)[QStringLiteral("groupId")].toInteger(), m_desk.network);
    QCOMPARE(
        saved.at(0)[QStringLiteral("keywords")].toArray(), QJsonArray { QStringLiteral("vpn") });
    QCOMPARE(saved.at(1)[QStringLiteral("name")].toString(), QStringLiteral("Everything else"));
    QCOMPARE(saved.at(1)[QStringLiteral("groupId")].toInteger(), m_desk.serviceDesk);
}

void AdminCommandsTest::escalationSavesEveryRule()
{
    const QString file = writeJson({
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Breach to network") },
            { QStringLiteral("on"), QStringLiteral("breach") },
            { QStringLiteral("clock"), QStringLiteral("resolution") },
            { QStringLiteral("groupIds"), QJsonArray { m_desk.serviceDesk } },
            { QStringLiteral("kind"), QStringLiteral("functional") },
            { QStringLiteral("toGroupId"), m_desk.network } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("P1 to the leads") },
            { QStringLiteral("on"), QStringLiteral("p1") },
            { QStringLiteral("kind"), QStringLiteral("hierarchical") } },
    });
    QString output;
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("escalation"), QStringLiteral("--file"), file }, &output),
        0);
    QVERIFY2(output.contains(QLatin1String("escalation rule Breach to network saved as id ")),
        qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("escalation rule P1 to the leads saved as id ")),
        qPrintable(output));

    const QJsonArray saved = rules(QStringLiteral("escalation"));
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0)[QStringLiteral("name")].toString(), QStringLiteral("Breach to network"));
    QCOMPARE(saved.at(0)[QStringLiteral("on")].toString(), QStringLiteral("breach"));
    QCOMPARE(saved.at(0)[QStringLiteral("toGroupId")].toInteger(), m_desk.network);
    QCOMPARE(saved.at(1)[QStringLiteral("name")].toString(), QStringLiteral("P1 to the leads"));
    QCOMPARE(saved.at(1)[QStringLiteral("kind")].toString(), QStringLiteral("hierarchical"));
}

void AdminCommandsTest::assignmentSetsTheStrategy_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::newRow("manual") << QStringLiteral("manual");
    QTest::newRow("round robin") << QStringLiteral("round_robin");
    QTest::newRow("least open") << QStringLiteral("least_open");
    QTest::newRow("skills") << QStringLiteral("skills");
}

void AdminCommandsTest::assignmentSetsTheStrategy()
{
    QFETCH(QString, strategy);
    QString output;
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("assignment"), QStringLiteral("--group"),
                     QString::number(m_desk.network), QStringLiteral("--strategy"), strategy },
                 &output),
        0);
    QVERIFY2(output.contains(strategy), qPrintable(output));
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->sql()
                 .scalar(QStringLiteral("SELECT assignment FROM groups_ WHERE id = ?"),
                     { m_desk.network })
                 .toString(),
        strategy);
}

void AdminCommandsTest::assignmentRefusesBadArguments_data()
{
    QTest::addColumn<QString>("group"); // "network" or a literal id
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown strategy")
        << QStringLiteral("network") << QStringLiteral("random")
        << QStringLiteral("--strategy manual|round_robin|least_open|skills");
    QTest::newRow("no strategy") << QStringLiteral("network") << QString()
                                 << QStringLiteral("--strategy");
    QTest::newRow("unknown group") << QStringLiteral("9999") << QStringLiteral("skills")
                                   << QStringLiteral("There is no group with id 9999.");
    QTest::newRow("group not a number")
        << QStringLiteral("Network") << QStringLiteral("skills") << QStringLiteral("--group ID");
}

void AdminCommandsTest::assignmentRefusesBadArguments()
{
    QFETCH(QString, group);
    QFETCH(QString, strategy);
    QFETCH(QString, message);
    QString before;
    {
        auto store = openStore();
        QVERIFY(store);
        before = store->sql()
                     .scalar(QStringLiteral("SELECT assignment FROM groups_ WHERE id = ?"),
                         { m_desk.network })
                     .toString();
    }
    QStringList args { QStringLiteral("assignment"), QStringLiteral("--group"),
        group == QLatin1String("network") ? QString::number(m_desk.network) : group };
    if (!strategy.isEmpty())
        args << QStringLiteral("--strategy") << strategy;
    QString output;
    QVERIFY(m_server->runCommand(args, &output) != 0);
    QVERIFY2(output.contains(message), qPrintable(output));
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->sql()
                 .scalar(QStringLiteral("SELECT assignment FROM groups_ WHERE id = ?"),
                     { m_desk.network })
                 .toString(),
        before);
}

void AdminCommandsTest::satisfactionSetsTheWindow()
{
    {
        auto store = openStore();
        QVERIFY(store);
        QCOMPARE(store->surveys().reopenWindowHours(), Server::SurveyStore::kDefaultWindowHours);
    }
    QString output;
    QCOMPARE(
        m_server->runCommand({ QStringLiteral("satisfaction"),
                                 QStringLiteral("--reopen-window-hours"), QStringLiteral("24") },
            &output),
        0);
    QVERIFY2(output.contains(QLatin1String("24 hours")), qPrintable(output));
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->surveys().reopenWindowHours(), 24);
}

void AdminCommandsTest::satisfactionRefusesAWindowOutOfRange_data()
{
    QTest::addColumn<QString>("hours");
    QTest::addColumn<QString>("message");
    QTest::newRow("zero") << QStringLiteral("0")
                          << QStringLiteral("The reopen window must be 1 to");
    QTest::newRow("over a year") << QString::number(Server::SurveyStore::kMaxWindowHours + 1)
                                 << QStringLiteral("The reopen window must be 1 to");
    QTest::newRow("not a number") << QStringLiteral("a day")
                                  << QStringLiteral("--reopen-window-hours N");
}

void AdminCommandsTest::satisfactionRefusesAWindowOutOfRange()
{
    QFETCH(QString, hours);
    QFETCH(QString, message);
    QString output;
    QVERIFY(m_server->runCommand(
                { QStringLiteral("satisfaction"), QStringLiteral("--reopen-window-hours"), hours },
                &output)
        != 0);
    QVERIFY2(output.contains(message), qPrintable(output));
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->surveys().reopenWindowHours(), Server::SurveyStore::kDefaultWindowHours);
}

void AdminCommandsTest::badFileSavesNothing_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("content"); // GROUP stands for an existing group's id
    QTest::addColumn<QString>("message");
    const QByteArray goodRouting = R"({"name": "VPN", "keywords": ["vpn"], "groupId": GROUP})";
    const QByteArray goodEscalation
        = R"({"name": "Breach", "on": "breach", "kind": "functional", "toGroupId": GROUP})";
    for (const QString &command : { QStringLiteral("routing"), QStringLiteral("escalation") }) {
        const QByteArray good = command == QLatin1String("routing") ? goodRouting : goodEscalation;
        QTest::addRow("%s, invalid JSON", qPrintable(command))
            << command << QByteArray("[" + good + ",") << QStringLiteral("is not a JSON array");
        QTest::addRow("%s, an object", qPrintable(command))
            << command << good << QStringLiteral("is not a JSON array: another JSON value");
        QTest::addRow("%s, not an object", qPrintable(command))
            << command << QByteArray("[" + good + ", 3]")
            << QStringLiteral("rule 2: not a JSON object");
        QByteArray unknownGroup = good;
        unknownGroup.replace("\"VPN\"", "\"Lost\"")
            .replace("\"Breach\"", "\"Lost\"")
            .replace("GROUP", "9999");
        QTest::addRow("%s, unknown group", qPrintable(command))
            << command << QByteArray("[" + good + ", " + unknownGroup + "]")
            << QStringLiteral("rule 2 (Lost): There is no group with id 9999.");
        QTest::addRow("%s, no name", qPrintable(command))
            << command
            << QByteArray(
                   "[" + good + R"(, {"groupId": GROUP, "on": "p1", "kind": "hierarchical"}])")
            << QStringLiteral("rule 2: ");
    }
}

void AdminCommandsTest::badFileSavesNothing()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    content.replace("GROUP", QByteArray::number(m_desk.network));
    const QString file = writeFile(content);
    QString output;
    QVERIFY(m_server->runCommand({ command, QStringLiteral("--file"), file }, &output) != 0);
    QVERIFY2(output.contains(message), qPrintable(output));
    QVERIFY2(!output.contains(QLatin1String("saved as id")), qPrintable(output));
    QCOMPARE(rules(command).size(), 0);
}

QTEST_GUILESS_MAIN(AdminCommandsTest)
#include "tst_admincommands.moc"
