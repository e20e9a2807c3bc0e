// atiended's sub-commands run as classes (server/cli), without the binary: each one's mistakes
// in arguments are told before anything is opened, and each does its work on a desk in a
// temporary data folder, with its output caught from the injected streams.

#include "server/admin/datafolder.h"
#include "server/auth/passwordhasher.h"
#include "server/cli/command.h"
#include "server/cli/reportcommand.h"
#include "server/cli/servecommand.h"
#include "server/store/store.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Server::Cli;

namespace {

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

const QString kPassword = QStringLiteral("a good password");

} // namespace

class AtiendedCommandsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void everyNamedCommandExistsAndNoOther();
    void helpListsEveryOptionOfEveryCommand();

    void initMakesADesk();
    void initRefusesAWeakPassword();
    void initRefusesAFolderWithADesk();
    void demoDataFillsANewDesk();
    void demoDataRefusesADeskWithTickets();

    void serveServesUntilStopped();
    void serveRefusesBadArguments_data();
    void serveRefusesBadArguments();
    void serveRefusesAFolderWithoutADesk();

    void adminCommandsRefuseBadArgumentsBeforeOpeningAnything_data();
    void adminCommandsRefuseBadArgumentsBeforeOpeningAnything();
    void adminCommandsWorkOnADeskNobodyServes_data();
    void adminCommandsWorkOnADeskNobodyServes();
    void adminCommandsNameTheFileOfARefusedItem();
    void passwdRefusesAWeakPassword();

    void reportWritesCsv();
    void reportRefusesBadArguments_data();
    void reportRefusesBadArguments();
    void reportDaysAreExactOrRelative_data();
    void reportDaysAreExactOrRelative();

private:
    Outcome run(
        const QStringList &arguments, const std::function<void(ServeCommand &)> &onServing = {});
    QString dataDir() const { return m_dir->filePath(QStringLiteral("desk")); }
    QString writeFile(const QString &name, const QByteArray &content);
    void makeDesk();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_password = kPassword;
};

void AtiendedCommandsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationVersion(QStringLiteral("0.0.test"));
    QVERIFY(Server::PasswordHasher::initialise());
}

void AtiendedCommandsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_password = kPassword;
}

void AtiendedCommandsTest::cleanup()
{
    m_dir.reset();
}

Outcome AtiendedCommandsTest::run(
    const QStringList &arguments, const std::function<void(ServeCommand &)> &onServing)
{
    Outcome o;
    QTextStream out(&o.out);
    QTextStream err(&o.err);
    CommandIo io { out, err, [this] { return m_password; } };
    const CommandLine line;
    QCommandLineParser parser;
    line.setUp(parser);
    if (!parser.parse(QStringList { QStringLiteral("atiended") } + arguments)) {
        o.err = parser.errorText();
        return o;
    }
    const auto command = makeCommand(CommandLine::commandName(parser));
    if (!command) {
        o.err = QStringLiteral("no such command");
        return o;
    }
    if (auto *serve = dynamic_cast<ServeCommand *>(command.get()))
        serve->onServing = onServing;
    o.code = command->run(parser, line, io);
    out.flush();
    err.flush();
    return o;
}

QString AtiendedCommandsTest::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void AtiendedCommandsTest::makeDesk()
{
    const Outcome o = run(
        { QStringLiteral("init"), QStringLiteral("--data"), dataDir(), QStringLiteral("--user"),
            QStringLiteral("admin"), QStringLiteral("--name"), QStringLiteral("Ada Admin") });
    QVERIFY2(o.code == 0, qPrintable(o.err));
}

void AtiendedCommandsTest::everyNamedCommandExistsAndNoOther()
{
    const QStringList names { QStringLiteral("serve"), QStringLiteral("init"),
        QStringLiteral("demo-data"), QStringLiteral("passwd"), QStringLiteral("sla-config"),
        QStringLiteral("canned"), QStringLiteral("routing"), QStringLiteral("escalation"),
        QStringLiteral("assignment"), QStringLiteral("satisfaction"), QStringLiteral("time-zone"),
        QStringLiteral("sessions"), QStringLiteral("agent"), QStringLiteral("report") };
    for (const QString &name : names)
        QVERIFY2(makeCommand(name), qPrintable(name));
    QVERIFY(!makeCommand(QStringLiteral("bogus")));
    QVERIFY(!makeCommand(QStringLiteral("demo")));
}

void AtiendedCommandsTest::helpListsEveryOptionOfEveryCommand()
{
    const CommandLine line;
    QCommandLineParser parser;
    line.setUp(parser);
    const QString help = parser.helpText();
    QVERIFY(help.contains(
        QLatin1String("Commands: serve (default), init, demo-data, passwd, sla-config, canned, "
                      "routing, escalation, "
                      "assignment, satisfaction, time-zone, sessions, agent, mail, report")));
    for (const QString &option :
        { QStringLiteral("--listen <host:port>"), QStringLiteral("--reopen-window-hours <n>"),
            QStringLiteral("--max-pending <all,per-address>"), QStringLiteral("--key <file>"),
            QStringLiteral("--revoke-all"), QStringLiteral("--seed <n>") })
        QVERIFY2(help.contains(option), qPrintable(option));
}

void AtiendedCommandsTest::initMakesADesk()
{
    makeDesk();
    QString error;
    auto store = Server::Store::open(dataDir() + QStringLiteral("/atiende.db"), false, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->directory().credentials(QStringLiteral("admin")));
}

void AtiendedCommandsTest::initRefusesAWeakPassword()
{
    m_password = QStringLiteral("short");
    const Outcome o = run({ QStringLiteral("init"), QStringLiteral("--data"), dataDir() });
    QCOMPARE(o.code, 1);
    QVERIFY2(
        o.err.startsWith(QLatin1String("atiended: A password needs at least")), qPrintable(o.err));
    QVERIFY(o.out.isEmpty());
}

void AtiendedCommandsTest::initRefusesAFolderWithADesk()
{
    makeDesk();
    const Outcome o = run({ QStringLiteral("init"), QStringLiteral("--data"), dataDir() });
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.startsWith(QLatin1String("atiended: ")), qPrintable(o.err));
}

void AtiendedCommandsTest::demoDataFillsANewDesk()
{
    const Outcome o = run({ QStringLiteral("demo-data"), QStringLiteral("--data"), dataDir(),
        QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--tickets"),
        QStringLiteral("40") });
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY2(o.out.contains(QLatin1String("40 tickets")), qPrintable(o.out));
    QString error;
    auto store = Server::Store::open(dataDir() + QStringLiteral("/atiende.db"), false, &error);
    QVERIFY2(store, qPrintable(error));
    QVERIFY(store->directory().credentials(QStringLiteral("agent")));
}

void AtiendedCommandsTest::demoDataRefusesADeskWithTickets()
{
    QCOMPARE(run({ QStringLiteral("demo-data"), QStringLiteral("--data"), dataDir(),
                     QStringLiteral("--tickets"), QStringLiteral("5") })
                 .code,
        0);
    const Outcome o = run({ QStringLiteral("demo-data"), QStringLiteral("--data"), dataDir(),
        QStringLiteral("--tickets"), QStringLiteral("5") });
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.contains(QLatin1String("demo-data only fills a new or freshly initialised")),
        qPrintable(o.err));
}

void AtiendedCommandsTest::serveServesUntilStopped()
{
    makeDesk();
    quint16 port = 0;
    bool published = false;
    const Outcome o = run({ QStringLiteral("serve"), QStringLiteral("--data"), dataDir(),
                              QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") },
        [&](ServeCommand &serve) {
            port = serve.port();
            QString error;
            const auto endpoint = Server::DataFolder(dataDir()).runningServer(&error);
            published = endpoint && endpoint->url.port() == port;
            QTimer::singleShot(0, this, [&serve] { serve.stop(); });
        });
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY(port != 0);
    QVERIFY(published);
    QVERIFY2(o.out.startsWith(
                 QStringLiteral("atiended 0.0.test listening on ws://127.0.0.1:%1/ws").arg(port)),
        qPrintable(o.out));
    QVERIFY2(o.out.endsWith(QLatin1String("atiended: stopping\n")), qPrintable(o.out));
    QVERIFY2(o.err.isEmpty(), qPrintable(o.err));
}

void AtiendedCommandsTest::serveRefusesBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("listen without a port") << QStringList { QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1") } << "--listen wants host:port";
    QTest::newRow("listen on a port too high") << QStringList { QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:70000") } << "--listen wants host:port";
    QTest::newRow("no session time") << QStringList { QStringLiteral("--session-seconds"),
        QStringLiteral("0") } << "--session-seconds wants";
    QTest::newRow("a short handshake")
        << QStringList { QStringLiteral("--handshake-timeout-ms"), QStringLiteral("50") }
        << "--handshake-timeout-ms and --login-timeout-ms want at least 100 ms";
    QTest::newRow("one pending number") << QStringList { QStringLiteral("--max-pending"),
        QStringLiteral("10") } << "--max-pending wants";
    QTest::newRow("a certificate without its key") << QStringList { QStringLiteral("--cert"),
        QStringLiteral("cert.pem") } << "--cert and --key go together";
}

void AtiendedCommandsTest::serveRefusesBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome o = run(
        QStringList { QStringLiteral("serve"), QStringLiteral("--data"), dataDir() } + arguments);
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.startsWith(QLatin1String("atiended: ") + message), qPrintable(o.err));
    QVERIFY2(!QFileInfo::exists(dataDir()), "nothing is opened before the arguments are right");
}

void AtiendedCommandsTest::serveRefusesAFolderWithoutADesk()
{
    const Outcome o = run({ QStringLiteral("--data"), dataDir(), QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:0") });
    QCOMPARE(o.code, 1);
    QVERIFY2(
        o.err.contains(QLatin1String("run atiended init (or demo-data) first")), qPrintable(o.err));
}

void AtiendedCommandsTest::adminCommandsRefuseBadArgumentsBeforeOpeningAnything_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString missing = QStringLiteral("/nonexistent/file.json");
    QTest::newRow("sla-config with nothing")
        << QStringList { QStringLiteral("sla-config") }
        << "sla-config wants --calendar FILE.json and/or --policy FILE.json";
    QTest::newRow("sla-config with a missing file") << QStringList { QStringLiteral("sla-config"),
        QStringLiteral("--policy"), missing } << "cannot read /nonexistent/file.json";
    QTest::newRow("canned without a file")
        << QStringList { QStringLiteral("canned") } << "canned wants --file RESPONSES.json";
    QTest::newRow("routing without a file")
        << QStringList { QStringLiteral("routing") } << "routing wants --file RULES.json";
    QTest::newRow("escalation with a missing file") << QStringList { QStringLiteral("escalation"),
        QStringLiteral("--file"), missing } << "cannot read /nonexistent/file.json";
    QTest::newRow("assignment without a group") << QStringList { QStringLiteral("assignment"),
        QStringLiteral("--strategy"), QStringLiteral("manual") }
                                                << "assignment wants --group ID";
    QTest::newRow("assignment with an unknown strategy")
        << QStringList { QStringLiteral("assignment"), QStringLiteral("--group"),
               QStringLiteral("1"), QStringLiteral("--strategy"), QStringLiteral("random") }
        << "assignment wants --strategy manual|round_robin|least_open|skills";
    QTest::newRow("satisfaction without hours") << QStringList { QStringLiteral("satisfaction") }
                                                << "satisfaction wants --reopen-window-hours N";
    QTest::newRow("satisfaction with no hours") << QStringList { QStringLiteral("satisfaction"),
        QStringLiteral("--reopen-window-hours"), QStringLiteral("0") }
                                                << "The reopen window must be 1 to";
    QTest::newRow("sessions revoking a non-id") << QStringList { QStringLiteral("sessions"),
        QStringLiteral("--revoke"), QStringLiteral("x") }
                                                << "--revoke wants a session id";
    QTest::newRow("sessions revoking all without a user")
        << QStringList { QStringLiteral("sessions"), QStringLiteral("--revoke-all") }
        << "--revoke-all wants --user NAME";
    QTest::newRow("agent without a switch") << QStringList {
        QStringLiteral("agent"), QStringLiteral("--user"), QStringLiteral("admin")
    } << "agent wants --user NAME and one of --disable, --enable";
    QTest::newRow("agent with both switches") << QStringList { QStringLiteral("agent"),
        QStringLiteral("--user"), QStringLiteral("admin"), QStringLiteral("--disable"),
        QStringLiteral("--enable") } << "agent wants --user NAME and one of --disable, --enable";
}

void AtiendedCommandsTest::adminCommandsRefuseBadArgumentsBeforeOpeningAnything()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome o = run(arguments + QStringList { QStringLiteral("--data"), dataDir() });
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.startsWith(QLatin1String("atiended: ") + message), qPrintable(o.err));
    QVERIFY2(!QFileInfo::exists(dataDir()), "nothing is opened before the arguments are right");
}

void AtiendedCommandsTest::adminCommandsWorkOnADeskNobodyServes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>(
        "file"); // written to a file named by the last argument, when given
    QTest::addColumn<QString>("output");
    QTest::newRow("passwd") << QStringList { QStringLiteral("passwd"), QStringLiteral("--user"),
        QStringLiteral("admin") }
                            << QByteArray() << "changed the password of admin in ";
    QTest::newRow("sla-config")
        << QStringList { QStringLiteral("sla-config"), QStringLiteral("--calendar"),
               QStringLiteral("calendar.json") }
        << QByteArray(
               R"({"name": "Madrid", "timeZone": "Europe/Madrid", "week": {"mon": [["09:00", "17:00"]]}})")
        << "calendar Madrid saved as id ";
    QTest::newRow("canned")
        << QStringList { QStringLiteral("canned"), QStringLiteral("--file"),
               QStringLiteral("canned.json") }
        << QByteArray(R"([{"title": "Hello", "body": "Hello {{customer.firstName}}"}])")
        << "canned response \"Hello\" saved as id ";
    QTest::newRow("routing") << QStringList { QStringLiteral("routing"), QStringLiteral("--file"),
        QStringLiteral("routing.json") }
                             << QByteArray(R"([{"name": "Everything", "order": 1, "groupId": 1}])")
                             << "routing rule Everything saved as id ";
    QTest::newRow("escalation")
        << QStringList { QStringLiteral("escalation"), QStringLiteral("--file"),
               QStringLiteral("escalation.json") }
        << QByteArray(R"([{"name": "P1 to the leads", "on": "p1", "kind": "hierarchical"}])")
        << "escalation rule P1 to the leads saved as id ";
    QTest::newRow("assignment") << QStringList {
        QStringLiteral("assignment"), QStringLiteral("--group"), QStringLiteral("1"),
        QStringLiteral("--strategy"), QStringLiteral("round_robin")
    } << QByteArray() << "group 1 now assigns new tickets by round_robin\n";
    QTest::newRow("satisfaction") << QStringList { QStringLiteral("satisfaction"),
        QStringLiteral("--reopen-window-hours"), QStringLiteral("48") }
                                  << QByteArray()
                                  << "reopen window 48 hours, for tickets resolved from now on\n";
    QTest::newRow("time-zone read") << QStringList { QStringLiteral("time-zone") } << QByteArray()
                                    << "the desk's time zone is ";
    QTest::newRow("time-zone set")
        << QStringList { QStringLiteral("time-zone"), QStringLiteral("--zone"),
               QStringLiteral("America/Mexico_City") }
        << QByteArray()
        << "the desk's time zone is America/Mexico_City (set); a running server counts";
    QTest::newRow("sessions") << QStringList {
        QStringLiteral("sessions")
    } << QByteArray() << "id\tagent\tlast used\texpires\taddress\tclient\n0 live sessions\n";
    QTest::newRow("sessions revoked") << QStringList { QStringLiteral("sessions"),
        QStringLiteral("--revoke-all"), QStringLiteral("--user"), QStringLiteral("admin") }
                                      << QByteArray() << "0 sessions ended\n";
    QTest::newRow("agent") << QStringList { QStringLiteral("agent"), QStringLiteral("--user"),
        QStringLiteral("admin"), QStringLiteral("--enable") }
                           << QByteArray() << "admin is enabled; 0 sessions ended\n";
}

void AtiendedCommandsTest::adminCommandsWorkOnADeskNobodyServes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, file);
    QFETCH(QString, output);
    makeDesk();
    if (!file.isEmpty())
        arguments.last() = writeFile(arguments.last(), file);
    const Outcome o = run(arguments + QStringList { QStringLiteral("--data"), dataDir() });
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY2(o.out.contains(output), qPrintable(o.out));
    QVERIFY2(!o.out.contains(QLatin1String("through the running server")), qPrintable(o.out));
}

void AtiendedCommandsTest::adminCommandsNameTheFileOfARefusedItem()
{
    makeDesk();
    const QString file
        = writeFile(QStringLiteral("routing.json"), R"([{"name": "Nowhere", "order": 1}])");
    const Outcome o = run({ QStringLiteral("routing"), QStringLiteral("--file"), file,
        QStringLiteral("--data"), dataDir() });
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.startsWith(QStringLiteral("atiended: %1: ").arg(file)), qPrintable(o.err));
}

void AtiendedCommandsTest::passwdRefusesAWeakPassword()
{
    makeDesk();
    m_password = QStringLiteral("   ");
    const Outcome o = run({ QStringLiteral("passwd"), QStringLiteral("--user"),
        QStringLiteral("admin"), QStringLiteral("--data"), dataDir() });
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.startsWith(QLatin1String("atiended: A password")), qPrintable(o.err));
}

void AtiendedCommandsTest::reportWritesCsv()
{
    makeDesk();
    const QString csv = m_dir->filePath(QStringLiteral("report.csv"));
    const Outcome o = run({ QStringLiteral("report"), QStringLiteral("--data"), dataDir(),
        QStringLiteral("--from"), QStringLiteral("2026-01-01"), QStringLiteral("--to"),
        QStringLiteral("2026-02-01"), QStringLiteral("--csv"), csv });
    QVERIFY2(o.code == 0, qPrintable(o.err));
    QVERIFY2(o.out.startsWith(QLatin1String("report ")), qPrintable(o.out));
    QVERIFY2(o.out.contains(QStringLiteral("0 tickets created, 0 resolved; wrote %1 in ").arg(csv)),
        qPrintable(o.out));
    QVERIFY(QFileInfo(csv).size() > 0);
}

void AtiendedCommandsTest::reportRefusesBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList range { QStringLiteral("--from"), QStringLiteral("2026-01-01"),
        QStringLiteral("--to"), QStringLiteral("2026-02-01") };
    QTest::newRow("no file") << range << "report wants --csv FILE, --pdf FILE or both";
    QTest::newRow("no range") << QStringList { QStringLiteral("--csv"), QStringLiteral("r.csv") }
                              << "report wants --from DAY --to DAY";
    QTest::newRow("bad groups") << range
            + QStringList { QStringLiteral("--csv"), QStringLiteral("r.csv"),
                  QStringLiteral("--groups"), QStringLiteral("1,x") }
                                << "--groups wants group ids separated by commas";
    QTest::newRow("no desk") << range
            + QStringList { QStringLiteral("--csv"), QStringLiteral("r.csv") }
                             << "there is no desk in ";
}

void AtiendedCommandsTest::reportRefusesBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome o = run(
        QStringList { QStringLiteral("report"), QStringLiteral("--data"), dataDir() } + arguments);
    QCOMPARE(o.code, 1);
    QVERIFY2(o.err.startsWith(QLatin1String("atiended: ") + message), qPrintable(o.err));
}

void AtiendedCommandsTest::reportDaysAreExactOrRelative_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("day"); // invalid: refused
    QTest::newRow("a date") << "2026-03-04" << QDate(2026, 3, 4);
    QTest::newRow("today") << "today" << QDate(2026, 5, 20);
    QTest::newRow("days before") << "today-30" << QDate(2026, 4, 20);
    QTest::newRow("this month") << "month" << QDate(2026, 5, 1);
    QTest::newRow("months before") << "month-12" << QDate(2025, 5, 1);
    QTest::newRow("a negative count") << "today--1" << QDate();
    QTest::newRow("words") << "yesterday" << QDate();
}

void AtiendedCommandsTest::reportDaysAreExactOrRelative()
{
    QFETCH(QString, text);
    QFETCH(QDate, day);
    const auto parsed = ReportCommand::reportDay(text, QDate(2026, 5, 20));
    QCOMPARE(parsed.value_or(QDate()), day);
}

QTEST_MAIN(AtiendedCommandsTest)
#include "tst_atiendedcommands.moc"
