// atiended as an attacker and as an administrator meet it, against a real process: one writer
// per data folder (admin commands go through the serving desk and their changes reach the
// consoles), log-ins nobody else can block, sessions that end everywhere at once, and every
// resource an outsider can ask for bounded (memory read from /proc).

#include "server/store/store.h"

#include "core/domain/timestamp.h"
#include "core/protocol/errorcode.h"

#include "deskfixture.h"
#include "rawwebsocket.h"
#include "serverprocess.h"
#include "testcertificates.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

// Under AddressSanitizer (./dev.sh test-asan builds atiended with it too) freed memory waits
// in ASan's quarantine, so the server's resident size says nothing about what it keeps: the
// memory bounds are checked in the normal build only; the behaviour is checked in both.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kMemoryIsMeasurable = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kMemoryIsMeasurable = false;
#else
constexpr bool kMemoryIsMeasurable = true;
#endif
#else
constexpr bool kMemoryIsMeasurable = true;
#endif

using namespace Atiende;
using namespace Atiende::Test;
using Core::Protocol::ErrorCode;

namespace {
QJsonObject aroundTheClock()
{
    QJsonObject week;
    for (const char *day : { "mon", "tue", "wed", "thu", "fri", "sat", "sun" })
        week.insert(QLatin1String(day),
            QJsonArray { QJsonArray { QStringLiteral("00:00"), QStringLiteral("24:00") } });
    return { { QStringLiteral("name"), QStringLiteral("Around the clock") },
        { QStringLiteral("timeZone"), QStringLiteral("UTC") }, { QStringLiteral("week"), week } };
}

// A notification of this method with params matching pred, already or within the timeout.
std::optional<Notification> waitFor(TestClient &c, const QString &method,
    const std::function<bool(const QJsonObject &)> &pred = {}, int timeoutMs = 8000)
{
    return c.waitForNotification(
        [&](const Notification &n) { return n.method == method && (!pred || pred(n.params)); },
        timeoutMs);
}

bool pushed(TestClient &c, const QString &entity, qint64 id,
    const std::function<bool(const QJsonObject &)> &data = {})
{
    return waitFor(c, QStringLiteral("sync.changed"), [&](const QJsonObject &p) {
        for (const QJsonValue &v : p.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject ch = v.toObject();
            if (ch.value(QStringLiteral("entity")).toString() == entity
                && ch.value(QStringLiteral("id")).toInteger() == id
                && (!data || data(ch.value(QStringLiteral("data")).toObject())))
                return true;
        }
        return false;
    }).has_value();
}
} // namespace

class ServerTrustTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    // One writer per desk.
    void aSecondServerOnTheSameFolderRefusesNamingTheHolder();
    void serveRefusesAFolderWithoutAgents();
    void everyAdminCommandGoesThroughTheServingDeskAndReachesAConsole();
    void aSecondWriterWithAStaleCounterCannotReuseARevision();
    void withNoServerAdminCommandsHoldTheLockAndNoServerStartsMeanwhile();
    void adminCommandsReachADeskServingTlsWithItsOwnCertificate();

    // Log-ins.
    void parallelGuessesAreMostlyNotEvenChecked();
    void theOwnerWithADeviceTokenGetsInWhileTheNameIsThrottled();

    // Sessions.
    void loggingOutEndsTheTokenOnEveryConnection();
    void anExpiredSessionEndsOnALiveConnection();

    // Resources.
    void longListsAreRefusedAndVaryingListsDoNotGrowMemory();
    void aClientThatNeverReadsIsDroppedAndMemoryComesBack();
    void bigMessagesBeforeSigningInAreRefusedAndMemoryStays();
    void halfSentUpgradesAreClosedAtTheDeadline();
    void connectionsThatNeverSignInAreCappedAndClosed();
    void aFloodFromOneAddressCannotKeepOthersOut();

private:
    bool startDesk(const QStringList &args = {});
    QString writeFile(const QByteArray &content);
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_files;
    Desk m_desk;
    int m_fileCount = 0;
};

void ServerTrustTest::init()
{
    m_files = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<ServerProcess>();
}

void ServerTrustTest::cleanup()
{
    m_server.reset();
    m_files.reset();
}

bool ServerTrustTest::startDesk(const QStringList &args)
{
    QString error;
    if (!seedDesk(m_server->dataDir(), &m_desk, &error)) {
        qWarning().noquote() << error;
        return false;
    }
    return m_server->start(args);
}

QString ServerTrustTest::writeFile(const QByteArray &content)
{
    const QString path = m_files->filePath(QStringLiteral("file%1.json").arg(++m_fileCount));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void ServerTrustTest::aSecondServerOnTheSameFolderRefusesNamingTheHolder()
{
    QVERIFY(startDesk());
    QString output;
    QVERIFY(m_server->runCommand({ QStringLiteral("serve"), QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0") },
                &output)
        != 0);
    QVERIFY2(output.contains(QStringLiteral("pid %1").arg(m_server->pid())), qPrintable(output));
    QVERIFY2(output.contains(QLatin1String("serves the data folder")), qPrintable(output));
    // init and demo-data on a served folder say so too.
    QVERIFY(m_server->runCommand({ QStringLiteral("demo-data") }, &output) != 0);
    QVERIFY2(output.contains(QStringLiteral("pid %1").arg(m_server->pid())), qPrintable(output));
    // The first one still serves.
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
}

void ServerTrustTest::serveRefusesAFolderWithoutAgents()
{
    QString output;
    QVERIFY(m_server->runCommand({ QStringLiteral("serve"), QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0") },
                &output)
        != 0);
    QVERIFY2(output.contains(QLatin1String("no desk")) && output.contains(QLatin1String("init")),
        qPrintable(output));
    {
        QString error;
        auto store = Server::Store::open(m_server->dataDir() + QStringLiteral("/atiende.db"), true,
            &error); // a schema, nobody in it
        QVERIFY2(store, qPrintable(error));
    }
    QVERIFY(m_server->runCommand({ QStringLiteral("serve"), QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0") },
                &output)
        != 0);
    QVERIFY2(output.contains(QLatin1String("has no agents"))
            && output.contains(QLatin1String("demo-data")),
        qPrintable(output));
}

void ServerTrustTest::everyAdminCommandGoesThroughTheServingDeskAndReachesAConsole()
{
    QVERIFY(startDesk());
    TestClient admin, ana, bruno;
    QVERIFY(admin.open(m_server->url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(bruno.open(m_server->url())
        && bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
    const auto created = ana.call(QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("no VPN") },
            { QStringLiteral("opId"), newOpId() } });
    QVERIFY2(created.ok, qPrintable(created.error.message));
    const qint64 ticketId = created.object()
                                .value(QStringLiteral("ticket"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toInteger();
    const QString through
        = QStringLiteral("through the running server, pid %1").arg(m_server->pid());
    QString output;

    // SLA calendar and policy: the open ticket is recomputed and the console hears of it.
    const QString calendar = writeFile(QJsonDocument(aroundTheClock()).toJson());
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("sla-config"), QStringLiteral("--calendar"), calendar }, &output),
        0);
    QVERIFY2(output.contains(through), qPrintable(output));
    const double calendarId = admin.call(QStringLiteral("sla.calendars.list"))
                                  .object()
                                  .value(QStringLiteral("calendars"))
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toDouble();
    const QString policy = writeFile(QJsonDocument(
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Everything") },
            { QStringLiteral("calendarId"), calendarId },
            { QStringLiteral("targets"),
                QJsonObject { { QStringLiteral("P3"),
                    QJsonObject { { QStringLiteral("resolutionMinutes"),
                        600 } } } } } }).toJson());
    ana.clearNotifications();
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("sla-config"), QStringLiteral("--policy"), policy }, &output),
        0);
    QVERIFY2(
        output.contains(QLatin1String("1 open tickets recomputed")) && output.contains(through),
        qPrintable(output));
    QVERIFY2(pushed(ana, QStringLiteral("ticket"), ticketId,
                 [](const QJsonObject &t) {
                     return !t.value(QStringLiteral("sla"))
                                 .toObject()
                                 .value(QStringLiteral("resolution"))
                                 .toObject()
                                 .value(QStringLiteral("dueAt"))
                                 .isNull();
                 }),
        "the recomputed ticket reached the console");

    // Canned responses, routing and escalation rules: there for the console at once.
    const QString canned = writeFile(QJsonDocument(
        QJsonArray {
            QJsonObject { { QStringLiteral("title"), QStringLiteral("Recibido por el servidor") },
                { QStringLiteral("body"), QStringLiteral("Hola {{customer.firstName}}") } } })
                                         .toJson());
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("canned"), QStringLiteral("--file"), canned }, &output),
        0);
    QVERIFY2(output.contains(through), qPrintable(output));
    QVERIFY(QJsonDocument(ana.call(QStringLiteral("canned.list")).object())
                .toJson()
                .contains("Recibido por el servidor"));
    const QString routing = writeFile(QJsonDocument(
        QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("VPN to network") },
            { QStringLiteral("order"), 10 },
            { QStringLiteral("keywords"), QJsonArray { QStringLiteral("vpn") } },
            { QStringLiteral("groupId"),
                m_desk.network } } }).toJson());
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("routing"), QStringLiteral("--file"), routing }, &output),
        0);
    QVERIFY2(output.contains(through), qPrintable(output));
    QVERIFY(QJsonDocument(admin.call(QStringLiteral("routing.rules.list")).object())
                .toJson()
                .contains("VPN to network"));
    const QString escalation = writeFile(QJsonDocument(
        QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("P1 to the leads") },
            { QStringLiteral("on"), QStringLiteral("p1") },
            { QStringLiteral("kind"), QStringLiteral("hierarchical") } } })
                                             .toJson());
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("escalation"), QStringLiteral("--file"), escalation }, &output),
        0);
    QVERIFY2(output.contains(through), qPrintable(output));
    QVERIFY(QJsonDocument(admin.call(QStringLiteral("escalation.rules.list")).object())
                .toJson()
                .contains("P1 to the leads"));

    // Assignment, satisfaction and the time zone.
    QCOMPARE(m_server->runCommand({ QStringLiteral("assignment"), QStringLiteral("--group"),
                                      QString::number(m_desk.network), QStringLiteral("--strategy"),
                                      QStringLiteral("round_robin") },
                 &output),
        0);
    QVERIFY2(output.contains(through), qPrintable(output));
    QCOMPARE(
        m_server->runCommand({ QStringLiteral("satisfaction"),
                                 QStringLiteral("--reopen-window-hours"), QStringLiteral("48") },
            &output),
        0);
    QCOMPARE(admin.call(QStringLiteral("settings.satisfaction"))
                 .object()
                 .value(QStringLiteral("reopenWindowHours"))
                 .toInt(),
        48);
    QCOMPARE(m_server->runCommand({ QStringLiteral("time-zone"), QStringLiteral("--zone"),
                                      QStringLiteral("Europe/Madrid") },
                 &output),
        0);
    QCOMPARE(admin.call(QStringLiteral("settings.timeZone"))
                 .object()
                 .value(QStringLiteral("zone"))
                 .toString(),
        QStringLiteral("Europe/Madrid"));

    // Sessions: listed, and one ended; its console hears why and is closed.
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("sessions"), QStringLiteral("--user"), QStringLiteral("ana") },
                 &output),
        0);
    const QRegularExpression row(
        QStringLiteral("^(\\d+)\\tana\\t"), QRegularExpression::MultilineOption);
    const auto match = row.match(output);
    QVERIFY2(match.hasMatch() && output.contains(QLatin1String("127.0.0.1")), qPrintable(output));
    QCOMPARE(
        m_server->runCommand(
            { QStringLiteral("sessions"), QStringLiteral("--revoke"), match.captured(1) }, &output),
        0);
    const auto endedAna = waitFor(ana, QStringLiteral("auth.ended"));
    QVERIFY(endedAna);
    QCOMPARE(
        endedAna->params.value(QStringLiteral("reason")).toString(), QStringLiteral("revoked"));
    QVERIFY(ana.waitClosed());
    QCOMPARE(ana.closeCode(), 4001);

    // A new password ends the agent's sessions; disabling the agent is pushed to the consoles.
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("passwd"), QStringLiteral("--user"), QStringLiteral("bruno") },
                 &output, "too short"),
        1);
    QVERIFY2(output.contains(QLatin1String("12 characters")), qPrintable(output));
    QCOMPARE(m_server->runCommand(
                 { QStringLiteral("passwd"), QStringLiteral("--user"), QStringLiteral("bruno") },
                 &output, "a new and long password"),
        0);
    QVERIFY2(output.contains(through) && output.contains(QLatin1String("1 sessions ended")),
        qPrintable(output));
    const auto endedBruno = waitFor(bruno, QStringLiteral("auth.ended"));
    QVERIFY(endedBruno);
    QCOMPARE(endedBruno->params.value(QStringLiteral("reason")).toString(),
        QStringLiteral("password_changed"));
    admin.clearNotifications();
    QCOMPARE(m_server->runCommand({ QStringLiteral("agent"), QStringLiteral("--user"),
                                      QStringLiteral("bruno"), QStringLiteral("--disable") },
                 &output),
        0);
    QVERIFY(pushed(admin, QStringLiteral("agent"), m_desk.bruno,
        [](const QJsonObject &a) { return !a.value(QStringLiteral("active")).toBool(true); }));
    TestClient brunoAgain;
    QVERIFY(brunoAgain.open(m_server->url()) && brunoAgain.hello());
    QCOMPARE(
        brunoAgain
            .call(QStringLiteral("auth.login"),
                { { QStringLiteral("user"), QStringLiteral("bruno") },
                    { QStringLiteral("password"), QStringLiteral("a new and long password") } })
            .error.code,
        ErrorCode::InvalidCredentials);

    // Every revision was handed out once, by the server's writer: the pushes came in order,
    // and every revision stamped on the data is in the revisions table.
    qint64 last = 0;
    for (const Notification &n : admin.notifications()) {
        if (n.method != QLatin1String("sync.changed"))
            continue;
        const qint64 revision = n.params.value(QStringLiteral("revision")).toInteger();
        QVERIFY2(revision > last, "pushes come in increasing revisions");
        last = revision;
    }
    m_server->stop();
    QString error;
    auto store
        = Server::Store::open(m_server->dataDir() + QStringLiteral("/atiende.db"), false, &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->sql()
                 .scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM sync_log WHERE rev NOT IN (SELECT rev FROM revisions)"))
                 .toInt(),
        0);
    QCOMPARE(store->sql()
                 .scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM audit WHERE rev NOT IN (SELECT rev FROM revisions)"))
                 .toInt(),
        0);
    QCOMPARE(store->sql().scalar(QStringLiteral("SELECT MAX(rev) FROM revisions")).toLongLong(),
        store->sync().committedRevision());
}

void ServerTrustTest::aSecondWriterWithAStaleCounterCannotReuseARevision()
{
    QString error;
    QVERIFY2(seedDesk(m_server->dataDir(), &m_desk, &error), qPrintable(error));
    const QString path = m_server->dataDir() + QStringLiteral("/atiende.db");
    auto server = Server::Store::open(path, false, &error); // a writer that loaded its counter...
    auto intruder
        = Server::Store::open(path, false, &error); // ...and another process writing meanwhile
    QVERIFY(server && intruder);
    QVERIFY(server->sync().loadRevision());
    const Server::Caller ana { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } };
    Server::NewTicket n;
    n.subject = QStringLiteral("written behind the server's back");
    n.groupId = m_desk.serviceDesk;
    QVERIFY(
        intruder
            ->transact([&] { return intruder->tickets().create(ana, n, Core::Timestamp::now()); })
            .ok);
    const qint64 taken = intruder->sync().committedRevision();

    QVERIFY(server->begin());
    n.subject = QStringLiteral("the server's own");
    QVERIFY(
        server->tickets().create(ana, n, Core::Timestamp::now()).ok); // stamps the same revision
    QVERIFY(!server->sync().saveRevision()); // refused: the revision is taken
    server->rollback();
    QVERIFY(server->sync().loadRevision());
    QCOMPARE(server->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM tickets")).toInt(), 1);
    QCOMPARE(server->sql().scalar(QStringLiteral("SELECT subject FROM tickets")).toString(),
        QStringLiteral("written behind the server's back"));
    QCOMPARE(server->sql()
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM sync_log WHERE rev = ?"), { taken })
                 .toInt(),
        1); // only the intruder's ticket
}

void ServerTrustTest::withNoServerAdminCommandsHoldTheLockAndNoServerStartsMeanwhile()
{
    QString error;
    QVERIFY2(seedDesk(m_server->dataDir(), &m_desk, &error), qPrintable(error));
    // A command run with nobody serving works on the store (no "through the running server").
    QString output;
    QCOMPARE(
        m_server->runCommand({ QStringLiteral("satisfaction"),
                                 QStringLiteral("--reopen-window-hours"), QStringLiteral("24") },
            &output),
        0);
    QVERIFY2(!output.contains(QLatin1String("through the running server")), qPrintable(output));
    // While a process holds the folder's lock, a server refuses to start.
    QLockFile held(m_server->dataDir() + QStringLiteral("/atiended.lock"));
    QVERIFY(held.tryLock(0));
    QVERIFY(m_server->runCommand({ QStringLiteral("serve"), QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0") },
                &output)
        != 0);
    QVERIFY2(output.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid())),
        qPrintable(output));
    QVERIFY(
        m_server->runCommand({ QStringLiteral("satisfaction"),
                                 QStringLiteral("--reopen-window-hours"), QStringLiteral("36") },
            &output)
        != 0);
    QVERIFY2(output.contains(QLatin1String("try again")), qPrintable(output));
    held.unlock();
    QVERIFY(m_server->start());
}

void ServerTrustTest::adminCommandsReachADeskServingTlsWithItsOwnCertificate()
{
    if (!TestCertificates::available())
        QSKIP("openssl is not installed");
    TestCertificates certificates;
    const auto pair = certificates.selfSigned(QStringLiteral("desk.example"),
        { QStringLiteral("DNS:desk.example") }); // no authority, another name
    QVERIFY2(pair, qPrintable(certificates.lastError()));
    QVERIFY(startDesk({ QStringLiteral("--cert"), pair->certificateFile, QStringLiteral("--key"),
        pair->keyFile }));
    QCOMPARE(m_server->url().scheme(), QStringLiteral("wss"));
    // The command trusts exactly the certificate the server published in its data folder.
    QString output;
    QCOMPARE(
        m_server->runCommand({ QStringLiteral("satisfaction"),
                                 QStringLiteral("--reopen-window-hours"), QStringLiteral("12") },
            &output),
        0);
    QVERIFY2(output.contains(QLatin1String("through the running server")), qPrintable(output));
}

void ServerTrustTest::parallelGuessesAreMostlyNotEvenChecked()
{
    QVERIFY(startDesk());
    std::vector<std::unique_ptr<TestClient>> guessers;
    for (int i = 0; i < 30; ++i) {
        guessers.push_back(std::make_unique<TestClient>());
        QVERIFY(guessers.back()->open(m_server->url()) && guessers.back()->hello());
    }
    QHash<int, int> answers;
    int done = 0;
    for (int i = 0; i < 30; ++i) {
        guessers[size_t(i)]->rpc().call(QStringLiteral("auth.login"),
            { { QStringLiteral("user"), QStringLiteral("ana") },
                { QStringLiteral("password"), QStringLiteral("guess %1").arg(i) } },
            [&](const Client::RpcReply &r) {
                answers[r.ok ? 0 : int(r.error.code)] += 1;
                ++done;
            });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 30, 20000);
    QCOMPARE(answers.value(0), 0);
    QVERIFY2(answers.value(int(ErrorCode::InvalidCredentials)) <= 3,
        qPrintable(QString::number(answers.value(int(ErrorCode::InvalidCredentials)))));
    QCOMPARE(answers.value(int(ErrorCode::InvalidCredentials))
            + answers.value(int(ErrorCode::RateLimited)) + answers.value(int(ErrorCode::Busy)),
        30);
    // Each checked guess is in the log with where it came from.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_server->readLog().contains(QLatin1String("failed log-in for \"ana\" from 127.0.0.1")),
        5000);
    QVERIFY(m_server->readLog().count(QLatin1String("failed log-in for \"ana\"")) <= 3);
}

void ServerTrustTest::theOwnerWithADeviceTokenGetsInWhileTheNameIsThrottled()
{
    QVERIFY(startDesk());
    TestClient owner;
    QVERIFY(owner.open(m_server->url()) && owner.hello());
    auto r = owner.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("ana") },
            { QStringLiteral("password"), QStringLiteral("pw-ana") } });
    QVERIFY(r.ok);
    const QString device = r.object().value(QStringLiteral("device")).toString();
    QVERIFY(!device.isEmpty());
    owner.close();

    // Someone at the same address (a NAT, a proxy) guesses until slowed down.
    TestClient guesser;
    QVERIFY(guesser.open(m_server->url()) && guesser.hello());
    for (int i = 0; i < 6; ++i)
        r = guesser.call(QStringLiteral("auth.login"),
            { { QStringLiteral("user"), QStringLiteral("ana") },
                { QStringLiteral("password"), QStringLiteral("guess %1").arg(i) } });
    QCOMPARE(r.error.code, ErrorCode::RateLimited);
    TestClient newConsole;
    QVERIFY(newConsole.open(m_server->url()) && newConsole.hello());
    QCOMPARE(newConsole
                 .call(QStringLiteral("auth.login"),
                     { { QStringLiteral("user"), QStringLiteral("ana") },
                         { QStringLiteral("password"), QStringLiteral("pw-ana") } })
                 .error.code,
        ErrorCode::RateLimited);
    // Ana's own console, with its device token, gets in at once.
    TestClient own;
    QVERIFY(own.open(m_server->url()) && own.hello());
    r = own.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("ana") },
            { QStringLiteral("password"), QStringLiteral("pw-ana") },
            { QStringLiteral("device"), device } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(own.call(QStringLiteral("tickets.query")).ok);
}

void ServerTrustTest::loggingOutEndsTheTokenOnEveryConnection()
{
    QVERIFY(startDesk());
    TestClient first, second;
    QVERIFY(first.open(m_server->url())
        && first.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(second.open(m_server->url()) && second.hello());
    QVERIFY(
        second.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), first.token() } })
            .ok);
    QVERIFY(second.call(QStringLiteral("tickets.query")).ok);
    QVERIFY(first.call(QStringLiteral("auth.logout")).ok);
    const auto ended = waitFor(second, QStringLiteral("auth.ended"));
    QVERIFY(ended);
    QCOMPARE(
        ended->params.value(QStringLiteral("reason")).toString(), QStringLiteral("logged_out"));
    QVERIFY(second.waitClosed());
    QCOMPARE(second.closeCode(), 4001);
    TestClient third;
    QVERIFY(third.open(m_server->url()) && third.hello());
    const auto r
        = third.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), first.token() } });
    QCOMPARE(r.error.code, ErrorCode::SessionExpired);
    QCOMPARE(r.error.data.value(QStringLiteral("reason")).toString(), QStringLiteral("logged_out"));
}

void ServerTrustTest::anExpiredSessionEndsOnALiveConnection()
{
    QVERIFY(startDesk({ QStringLiteral("--session-seconds"), QStringLiteral("2") }));
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QVERIFY(ana.call(QStringLiteral("tickets.query")).ok);
    const auto ended = waitFor(ana, QStringLiteral("auth.ended"), {}, 10000);
    QVERIFY(ended);
    QCOMPARE(ended->params.value(QStringLiteral("reason")).toString(), QStringLiteral("expired"));
    QVERIFY(ana.waitClosed());
    QCOMPARE(ana.closeCode(), 4001);
    // The server goes on serving the others.
    TestClient bruno;
    QVERIFY(bruno.open(m_server->url())
        && bruno.login(QStringLiteral("bruno"), QStringLiteral("pw-bruno")));
}

void ServerTrustTest::longListsAreRefusedAndVaryingListsDoNotGrowMemory()
{
    QVERIFY(startDesk());
    TestClient admin, ana;
    QVERIFY(admin.open(m_server->url())
        && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    QJsonArray huge;
    for (int i = 1; i <= 15000; ++i)
        huge.append(i);
    const auto refused
        = admin.call(QStringLiteral("tickets.query"), { { QStringLiteral("groupId"), huge } });
    QCOMPARE(refused.error.code, ErrorCode::InvalidParams);
    QCOMPARE(
        refused.error.data.value(QStringLiteral("param")).toString(), QStringLiteral("groupId"));
    QVERIFY(ana.call(QStringLiteral("tickets.get"), { { QStringLiteral("id"), 1 } }).error.code
        != ErrorCode::Busy);

    // Lists of every allowed length: one statement shape, so memory does not grow with them.
    for (int warm = 1; warm <= 10; ++warm)
        QVERIFY(admin
                    .call(QStringLiteral("tickets.query"),
                        { { QStringLiteral("groupId"), QJsonArray { warm } } })
                    .ok);
    const qint64 before = residentKiB(m_server->pid());
    if (before < 0)
        QSKIP("no /proc here to read the server's memory from");
    for (int n = 1; n <= 100; ++n) {
        QJsonArray ids;
        for (int i = 1; i <= n; ++i)
            ids.append(i * 7 + n);
        const auto r = admin.call(QStringLiteral("tickets.query"),
            { { QStringLiteral("groupId"), ids },
                { QStringLiteral("status"),
                    QJsonArray { QStringLiteral("new"), QStringLiteral("assigned") } } });
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    const qint64 after = residentKiB(m_server->pid());
    qInfo() << "server memory before" << before
            << "KiB, after 100 queries with lists of 1 to 100 ids:" << after << "KiB";
    if (kMemoryIsMeasurable)
        QVERIFY2(after - before < 8 * 1024,
            qPrintable(QStringLiteral("grew by %1 KiB").arg(after - before)));
}

void ServerTrustTest::aClientThatNeverReadsIsDroppedAndMemoryComesBack()
{
    // A desk with some weight, so each answer is big.
    QString error;
    QVERIFY(m_server->demoData(300));
    QVERIFY(m_server->start());
    TestClient warm;
    QVERIFY(
        warm.open(m_server->url()) && warm.login(QStringLiteral("admin"), QStringLiteral("demo")));
    QVERIFY(warm.call(QStringLiteral("sync.pull"),
                    { { QStringLiteral("since"), 0 }, { QStringLiteral("limit"), 2000 } })
                .ok);
    const qint64 before = residentKiB(m_server->pid());
    if (before < 0)
        QSKIP("no /proc here to read the server's memory from");

    RawWebSocket reader;
    QVERIFY(reader.connectTcp(m_server->url()) && reader.upgrade(m_server->url()));
    reader.sendText(R"({"jsonrpc":"2.0","id":1,"method":"hello","params":{"protocol":1}})");
    QVERIFY(!reader.readText().isEmpty());
    reader.sendText(
        R"({"jsonrpc":"2.0","id":2,"method":"auth.login","params":{"user":"admin","password":"demo"}})");
    QVERIFY(reader.readText().contains("token"));
    reader.stopReading();
    for (int i = 0; i < 400; ++i)
        reader.sendText(QStringLiteral(
            R"({"jsonrpc":"2.0","id":%1,"method":"sync.pull","params":{"since":0,"limit":2000}})")
                            .arg(100 + i)
                            .toUtf8());
    QVERIFY2(reader.waitDisconnected(30000), "the server dropped the client that does not read");
    QTRY_VERIFY_WITH_TIMEOUT(m_server->readLog().contains(QLatin1String("unread")), 5000);
    // Within seconds, the memory is back near where it was.
    qint64 after = 0;
    if (kMemoryIsMeasurable)
        QTRY_VERIFY_WITH_TIMEOUT(
            (after = residentKiB(m_server->pid())) - before < 48 * 1024, 10000);
    else
        after = residentKiB(m_server->pid());
    qInfo() << "server memory before" << before << "KiB, after the dropped reader:" << after
            << "KiB";
    // The others are served (under ASan the server may still be finishing the dropped
    // client's queued reads for a while: each a hundred times slower).
    const auto served = warm.call(QStringLiteral("tickets.query"));
    if (kMemoryIsMeasurable)
        QVERIFY2(served.ok, qPrintable(served.error.message));
    else
        QTRY_VERIFY_WITH_TIMEOUT(warm.call(QStringLiteral("tickets.query")).ok, 60000);
}

void ServerTrustTest::bigMessagesBeforeSigningInAreRefusedAndMemoryStays()
{
    QVERIFY(startDesk());
    const qint64 before = residentKiB(m_server->pid());
    if (before < 0)
        QSKIP("no /proc here to read the server's memory from");
    const QByteArray id(900 * 1024, 'i');
    for (int i = 0; i < 60; ++i) {
        RawWebSocket c;
        QVERIFY(c.connectTcp(m_server->url()) && c.upgrade(m_server->url()));
        c.sendText("{\"jsonrpc\":\"2.0\",\"id\":\"" + id
            + "\",\"method\":\"hello\",\"params\":{\"protocol\":1}}");
        QVERIFY2(
            c.waitDisconnected(5000), "a 900 KiB message before signing in closes the connection");
    }
    const qint64 after = residentKiB(m_server->pid());
    qInfo() << "server memory before" << before << "KiB, after 60 hellos of 900 KiB:" << after
            << "KiB";
    if (kMemoryIsMeasurable)
        QVERIFY2(after - before < 16 * 1024,
            qPrintable(QStringLiteral("grew by %1 KiB").arg(after - before)));
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
}

void ServerTrustTest::halfSentUpgradesAreClosedAtTheDeadline()
{
    QVERIFY(startDesk({ QStringLiteral("--handshake-timeout-ms"), QStringLiteral("1000") }));
    std::vector<std::unique_ptr<RawWebSocket>> slow;
    for (int i = 0; i < 40; ++i) {
        slow.push_back(std::make_unique<RawWebSocket>());
        QVERIFY(slow.back()->connectTcp(m_server->url()));
        slow.back()->sendHalfUpgrade(m_server->url());
    }
    // Meanwhile an honest console connects and works.
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    for (auto &s : slow)
        QVERIFY2(s->waitDisconnected(5000),
            "a half-sent upgrade is closed after the handshake deadline");
    QVERIFY(ana.call(QStringLiteral("tickets.query")).ok);
}

void ServerTrustTest::connectionsThatNeverSignInAreCappedAndClosed()
{
    QVERIFY(startDesk({ QStringLiteral("--max-pending"), QStringLiteral("30,10"),
        QStringLiteral("--login-timeout-ms"), QStringLiteral("2000") }));
    std::vector<std::unique_ptr<RawWebSocket>> idle;
    for (int i = 0; i < 10; ++i) {
        idle.push_back(std::make_unique<RawWebSocket>());
        QVERIFY(idle.back()->connectTcp(m_server->url()) && idle.back()->upgrade(m_server->url()));
    }
    // The eleventh from the same address is closed before its upgrade.
    RawWebSocket eleventh;
    QVERIFY(eleventh.connectTcp(m_server->url()));
    QVERIFY(!eleventh.upgrade(m_server->url(), 3000));
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_server->readLog().contains(QLatin1String("refusing a connection from 127.0.0.1")),
        qPrintable(m_server->readLog().right(3000)), 5000);
    // Those that never sign in are closed at the sign-in deadline, and their places free up.
    for (auto &c : idle)
        QVERIFY2(c->waitDisconnected(6000), "an idle connection is closed at the sign-in deadline");
    TestClient ana;
    QVERIFY(
        ana.open(m_server->url()) && ana.login(QStringLiteral("ana"), QStringLiteral("pw-ana")));
    // Signed in, a connection no longer counts as pending, nor has a deadline: still served
    // after the sign-in deadline has passed. A connection opened after hers that never signs
    // in is closed at its deadline, which comes after the one hers would have had.
    RawWebSocket later;
    QVERIFY(later.connectTcp(m_server->url()) && later.upgrade(m_server->url()));
    QVERIFY2(
        later.waitDisconnected(6000), "a later idle connection is closed at its sign-in deadline");
    QVERIFY(ana.isOpen());
    QVERIFY(ana.call(QStringLiteral("tickets.query")).ok);
}

void ServerTrustTest::aFloodFromOneAddressCannotKeepOthersOut()
{
    QVERIFY(startDesk({ QStringLiteral("--max-pending"), QStringLiteral("10,10") }));
    std::vector<std::unique_ptr<RawWebSocket>> flood;
    for (int i = 0; i < 10; ++i) {
        flood.push_back(std::make_unique<RawWebSocket>());
        QVERIFY(
            flood.back()->connectTcp(m_server->url()) && flood.back()->upgrade(m_server->url()));
    }
    // Every place is taken by 127.0.0.1; a newcomer from another address gets in, and the
    // flood's oldest connection makes room.
    RawWebSocket other;
    if (!other.connectTcp(m_server->url(), 5000, QStringLiteral("127.0.0.2")))
        QSKIP("cannot connect from 127.0.0.2 here");
    QVERIFY(other.upgrade(m_server->url()));
    QVERIFY2(flood.front()->waitDisconnected(5000), "the oldest of the flood gave its place");
    for (size_t i = 1; i < flood.size(); ++i)
        QVERIFY(flood[i]->isConnected());
    // One more from the flooding address is refused: its own address holds the most.
    RawWebSocket more;
    QVERIFY(more.connectTcp(m_server->url()));
    QVERIFY(!more.upgrade(m_server->url(), 3000));
    other.sendText(R"({"jsonrpc":"2.0","id":1,"method":"hello","params":{"protocol":1}})");
    QVERIFY(other.readText().contains("\"protocol\":1"));
}

QTEST_GUILESS_MAIN(ServerTrustTest)
#include "tst_server_trust.moc"
