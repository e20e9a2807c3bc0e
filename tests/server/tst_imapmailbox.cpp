// ImapMailbox against a real Dovecot on loopback (tests/support/mailservers.h): batches one at a
// time, flagged or moved only once acknowledged, at most 64 MiB of bodies each (a larger message
// comes without its body); IDLE brings new mail at once; a restart with the committed
// (UIDVALIDITY, last UID) reads nothing twice and skips nothing; a recreated folder is read
// again from its start; failures (password, server down, certificate, folder) are reported in
// plain English and retried; STARTTLS and TLS are verified against a CA file; stop() is prompt
// even in IDLE or with a server that says nothing.

#include "mailservers.h"
#include "server/mail/imapmailbox.h"
#include "testcertificates.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace Atiende::Server::Mail;
using namespace Atiende::Test;

namespace {

const QString s_user = QStringLiteral("desk@desk.test");
const QString s_password = QStringLiteral("desk pass");

QByteArray message(int n)
{
    return QStringLiteral("From: Ana <ana@example.com>\r\nTo: desk@desk.test\r\n"
                          "Subject: message %1\r\nMessage-ID: <m%1@example.com>\r\n\r\n"
                          "Body of message %1.\r\n")
        .arg(n)
        .toUtf8();
}
// Which of message()'s a raw message is (0 when none).
int number(const QByteArray &raw)
{
    static const QRegularExpression re(QStringLiteral("Subject: message (\\d+)"));
    return re.match(QString::fromUtf8(raw)).captured(1).toInt();
}

using Batch = QList<FetchedMessage>;

// One mailbox and what it said.
struct Reader
{
    explicit Reader(const ImapSettings &settings)
        : box(7, settings)
        , batches(&box, &ImapMailbox::batchReady)
        , states(&box, &ImapMailbox::stateChanged)
    {
    }
    ~Reader() { box.stop(); }
    Batch batch(int i) const { return batches.at(i).at(2).value<Batch>(); }
    quint32 uidValidity(int i) const { return batches.at(i).at(1).value<quint32>(); }
    // The numbers of the messages of batch i.
    QList<int> numbers(int i) const
    {
        QList<int> out;
        for (const FetchedMessage &m : batch(i))
            out << number(m.raw);
        return out;
    }
    QList<quint32> uids(int i) const
    {
        QList<quint32> out;
        for (const FetchedMessage &m : batch(i))
            out << m.uid;
        return out;
    }
    void acknowledge(int i) { box.acknowledge(uidValidity(i), uids(i)); }
    // The first state change from `from` on to state with detailPart in its detail, or -1.
    qsizetype indexOf(
        ImapMailbox::State state, const QString &detailPart = QString(), qsizetype from = 0) const
    {
        for (qsizetype i = from; i < states.size(); ++i) {
            if (states.at(i).at(1).value<ImapMailbox::State>() == state
                && states.at(i).at(2).toString().contains(detailPart))
                return i;
        }
        return -1;
    }
    bool saw(ImapMailbox::State state, const QString &detailPart = QString()) const
    {
        return indexOf(state, detailPart) >= 0;
    }
    QString lastDetail() const
    {
        return states.isEmpty() ? QString() : states.constLast().at(2).toString();
    }

    ImapMailbox box;
    QSignalSpy batches;
    QSignalSpy states;
};

} // namespace

class ImapMailboxTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void batchesComeOneAtATimeAndAreFlaggedWhenAcknowledged();
    void aMessageOver64MiBComesWithoutItsBody();
    void aBatchHoldsAtMost64MiBOfBodies();
    void mailDeliveredDuringIdleArrivesAtOnce();
    void aRestartReadsNothingTwiceAndSkipsNothing();
    void mailCommittedButNotMarkedBeforeACrashIsMarkedOnStart_data();
    void mailCommittedButNotMarkedBeforeACrashIsMarkedOnStart();
    void aRecreatedFolderIsReadFromItsStartAgain();
    void aFolderRecreatedWhileReadingIsReadAgainToo();
    void aWrongPasswordFailsAndIsRetried();
    void aServerRestartIsReconnectedTo();
    void readMailIsMovedToTheDoneFolder();
    void withoutIdleAndMoveItPollsAndCopies();
    void startTlsAndTlsAreVerifiedAgainstTheCaFile();
    void aSelfSignedCertificateIsTrustedWhenItIsTheCaFile();
    void stopDuringIdleIsPrompt();
    void aSilentServerNeitherHoldsStopNorTestImap();
    void testImapSaysWhatIsWrong();

private:
    ImapSettings settings(Security security = Security::None) const
    {
        ImapSettings s;
        s.host = QStringLiteral("127.0.0.1");
        s.port = security == Security::Tls ? m_dovecot->tlsPort() : m_dovecot->port();
        s.security = security;
        s.user = s_user;
        s.password = s_password;
        s.caFile = m_dovecot->caFile();
        s.pollIntervalMs = 60000; // only IDLE brings mail within a test's waits
        return s;
    }
    bool startDovecot(bool tls = false, const QString &capabilities = QString())
    {
        m_dovecot = std::make_unique<DovecotServer>();
        m_dovecot->addUser(s_user, s_password);
        m_dovecot->setTls(tls);
        if (!capabilities.isEmpty())
            m_dovecot->setCapabilities(capabilities);
        QString error;
        if (!m_dovecot->start(&error))
            qWarning().noquote() << error;
        return m_dovecot->isRunning();
    }
    void deliver(int from, int to, const QString &folder = QStringLiteral("INBOX"))
    {
        for (int n = from; n <= to; ++n)
            QVERIFY(m_dovecot->deliver(s_user, message(n), folder));
    }

    std::unique_ptr<DovecotServer> m_dovecot;
};

void ImapMailboxTest::init()
{
    QVERIFY(startDovecot());
}

void ImapMailboxTest::cleanup()
{
    m_dovecot.reset();
}

void ImapMailboxTest::batchesComeOneAtATimeAndAreFlaggedWhenAcknowledged()
{
    deliver(1, 5);
    ImapSettings s = settings();
    s.batchSize = 2;
    Reader r(s);
    r.box.start(0, 0);

    QVERIFY(r.batches.wait(10000));
    QCOMPARE(r.numbers(0), (QList<int> { 1, 2 }));
    const Batch first = r.batch(0);
    QVERIFY(first[0].uid < first[1].uid);
    QCOMPARE(first[0].size, qint64(first[0].raw.size()));
    QCOMPARE(first[0].raw, message(1));
    QVERIFY(!first[0].tooLarge);
    QVERIFY(r.uidValidity(0) != 0);
    QCOMPARE(r.box.accountId(), qint64(7));
    // Nothing more until the owner has committed this one, and nothing flagged yet.
    QVERIFY(!r.batches.wait(500));
    QCOMPARE(m_dovecot->seenCount(s_user), 0);
    QCOMPARE(r.box.state(), ImapMailbox::State::Fetching);

    r.acknowledge(0);
    QVERIFY(r.batches.wait(10000));
    QCOMPARE(r.numbers(1), (QList<int> { 3, 4 }));
    QCOMPARE(m_dovecot->seenCount(s_user), 2);
    QVERIFY(!r.batches.wait(300));

    r.acknowledge(1);
    QVERIFY(r.batches.wait(10000));
    QCOMPARE(r.numbers(2), (QList<int> { 5 }));
    r.acknowledge(2);
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Waiting, 10000);
    QCOMPARE(m_dovecot->seenCount(s_user), 5);
    QCOMPARE(m_dovecot->count(s_user), 5);
    QCOMPARE(r.batches.size(), 3);
    QVERIFY(!r.saw(ImapMailbox::State::Failed));
}

void ImapMailboxTest::aMessageOver64MiBComesWithoutItsBody()
{
    QByteArray huge = message(1);
    const QByteArray line(998, 'x');
    while (huge.size() <= 64 * 1024 * 1024)
        huge += line + "\r\n";
    QVERIFY(m_dovecot->deliver(s_user, huge));
    deliver(2, 2);
    Reader r(settings());
    r.box.start(0, 0);
    QVERIFY(r.batches.wait(20000));
    const Batch batch = r.batch(0);
    QCOMPARE(batch.size(), 2);
    QVERIFY(batch[0].tooLarge);
    QVERIFY(batch[0].raw.isEmpty());
    QCOMPARE(batch[0].size, qint64(huge.size()));
    QVERIFY(!batch[1].tooLarge);
    QCOMPARE(batch[1].raw, message(2));
    r.acknowledge(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->seenCount(s_user), 2, 10000);
}

void ImapMailboxTest::aBatchHoldsAtMost64MiBOfBodies()
{
    // 30 MiB each: two fit in 64 MiB, the third waits for the next batch.
    for (int n = 1; n <= 3; ++n) {
        QByteArray big = message(n);
        const QByteArray line(998, char('a' + n));
        while (big.size() < 30 * 1024 * 1024)
            big += line + "\r\n";
        QVERIFY(m_dovecot->deliver(s_user, big));
    }
    Reader r(settings());
    r.box.start(0, 0);
    QVERIFY(r.batches.wait(20000));
    QCOMPARE(r.numbers(0), (QList<int> { 1, 2 }));
    QVERIFY(r.batch(0)[1].raw.endsWith(QByteArray(998, 'c') + "\r\n"));
    r.acknowledge(0);
    QVERIFY(r.batches.wait(20000));
    QCOMPARE(r.numbers(1), QList<int> { 3 });
    QCOMPARE(r.batch(1)[0].size, qint64(r.batch(1)[0].raw.size()));
}

void ImapMailboxTest::mailDeliveredDuringIdleArrivesAtOnce()
{
    Reader r(settings());
    r.box.start(0, 0);
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Waiting, 10000);
    QVERIFY(r.box.serverHasIdle());
    QVERIFY(r.batches.isEmpty());

    QElapsedTimer clock;
    clock.start();
    deliver(1, 1);
    QVERIFY(r.batches.wait(2000)); // the poll interval is a minute: only IDLE can do this
    qInfo("delivered to batch: %lld ms", clock.elapsed());
    QCOMPARE(r.numbers(0), QList<int> { 1 });

    // And again after an acknowledgement (IDLE entered anew).
    r.acknowledge(0);
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Waiting, 5000);
    deliver(2, 2);
    QVERIFY(r.batches.wait(2000));
    QCOMPARE(r.numbers(1), QList<int> { 2 });
}

void ImapMailboxTest::aRestartReadsNothingTwiceAndSkipsNothing()
{
    deliver(1, 5);
    ImapSettings s = settings();
    s.batchSize = 2;
    quint32 validity = 0;
    quint32 committed = 0;
    {
        Reader r(s);
        r.box.start(0, 0);
        QVERIFY(r.batches.wait(10000));
        r.acknowledge(0); // committed: 1, 2
        validity = r.uidValidity(0);
        committed = r.uids(0).constLast();
        QVERIFY(r.batches.wait(10000));
        QCOMPARE(r.numbers(1), (QList<int> { 3, 4 }));
        // The server stops before 3 and 4 are committed (or the process dies).
    }
    deliver(6, 6);
    QCOMPARE(m_dovecot->seenCount(s_user), 2);

    Reader r(s);
    r.box.start(validity, committed);
    QList<int> seen;
    for (int i = 0; seen.size() < 4; ++i) {
        QVERIFY(r.batches.wait(10000));
        QCOMPARE(r.uidValidity(i), validity);
        seen += r.numbers(i);
        r.acknowledge(i);
    }
    QCOMPARE(seen, (QList<int> { 3, 4, 5, 6 }));
    QVERIFY(!r.batches.wait(300));
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->seenCount(s_user), 6, 10000);
}

void ImapMailboxTest::mailCommittedButNotMarkedBeforeACrashIsMarkedOnStart_data()
{
    QTest::addColumn<QString>("doneFolder");
    QTest::newRow("flagged \\Seen") << QString();
    QTest::newRow("moved") << QStringLiteral("Atendido");
}

void ImapMailboxTest::mailCommittedButNotMarkedBeforeACrashIsMarkedOnStart()
{
    QFETCH(QString, doneFolder);
    deliver(1, 4);
    ImapSettings s = settings();
    s.batchSize = 2;
    s.doneFolder = doneFolder;
    quint32 validity = 0;
    quint32 committed = 0;
    {
        Reader r(s);
        r.box.start(0, 0);
        QVERIFY(r.batches.wait(10000));
        QCOMPARE(r.numbers(0), (QList<int> { 1, 2 }));
        validity = r.uidValidity(0);
        committed = r.uids(0).constLast();
        // 1 and 2 are committed, and the process dies before acknowledging them.
    }
    QCOMPARE(m_dovecot->seenCount(s_user), 0);
    QCOMPARE(m_dovecot->count(s_user), 4);

    Reader r(s);
    r.box.start(validity, committed);
    QVERIFY(r.batches.wait(10000));
    QCOMPARE(r.numbers(0), (QList<int> { 3, 4 }));
    if (doneFolder.isEmpty()) {
        QCOMPARE(m_dovecot->seenCount(s_user), 2);
    } else {
        QCOMPARE(m_dovecot->count(s_user), 2);
        QCOMPARE(m_dovecot->seenCount(s_user, doneFolder), 2);
    }
    r.acknowledge(0);
    if (doneFolder.isEmpty())
        QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->seenCount(s_user), 4, 10000);
    else
        QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->count(s_user, doneFolder), 4, 10000);
}

void ImapMailboxTest::aRecreatedFolderIsReadFromItsStartAgain()
{
    deliver(1, 2);
    quint32 validity = 0;
    quint32 committed = 0;
    {
        Reader r(settings());
        r.box.start(0, 0);
        QVERIFY(r.batches.wait(10000));
        r.acknowledge(0);
        validity = r.uidValidity(0);
        committed = r.uids(0).constLast();
        QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->seenCount(s_user), 2, 10000);
    }
    QVERIFY(m_dovecot->recreateFolder(s_user));

    Reader r(settings());
    r.box.start(validity, committed);
    QVERIFY(r.batches.wait(10000));
    QVERIFY(r.uidValidity(0) != validity);
    QCOMPARE(r.numbers(0), (QList<int> { 1, 2 }));
}

void ImapMailboxTest::aFolderRecreatedWhileReadingIsReadAgainToo()
{
    deliver(1, 2);
    Reader r(settings());
    r.box.start(0, 0);
    QVERIFY(r.batches.wait(10000));
    r.acknowledge(0);
    const quint32 validity = r.uidValidity(0);
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Waiting, 10000);

    QVERIFY(m_dovecot->recreateFolder(s_user));
    deliver(3, 3); // Dovecot notices the new folder when it looks again
    QVERIFY(r.batches.wait(15000));
    QVERIFY(r.uidValidity(1) != validity);
    QCOMPARE(r.numbers(1), (QList<int> { 1, 2, 3 }));
}

void ImapMailboxTest::aWrongPasswordFailsAndIsRetried()
{
    ImapSettings s = settings();
    s.password = QStringLiteral("not the password");
    Reader r(s);
    r.box.start(0, 0);
    QTRY_VERIFY_WITH_TIMEOUT(r.saw(ImapMailbox::State::Failed, QStringLiteral("sign-in")), 10000);
    QCOMPARE(r.box.state(), ImapMailbox::State::Failed);
    QVERIFY2(
        r.lastDetail().contains(QStringLiteral("next try in 1 s")), qPrintable(r.lastDetail()));
    QVERIFY(!r.lastDetail().contains(s.password));
    // It tries again, later (1 s, then 2 s...).
    const qsizetype failed = r.indexOf(ImapMailbox::State::Failed);
    QTRY_VERIFY_WITH_TIMEOUT(
        r.indexOf(ImapMailbox::State::Connecting, QString(), failed) > 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(
        r.saw(ImapMailbox::State::Failed, QStringLiteral("next try in 2 s")), 10000);
    for (const QList<QVariant> &args : std::as_const(r.states))
        QVERIFY(!args.at(2).toString().contains(s.password));
}

void ImapMailboxTest::aServerRestartIsReconnectedTo()
{
    deliver(1, 1);
    Reader r(settings());
    r.box.start(0, 0);
    QVERIFY(r.batches.wait(10000));
    r.acknowledge(0);
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Waiting, 10000);

    m_dovecot->stop();
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Failed, 10000);
    QVERIFY2(r.lastDetail().contains(QStringLiteral("127.0.0.1")), qPrintable(r.lastDetail()));
    deliver(2, 2); // while it is down
    QString error;
    QVERIFY2(m_dovecot->start(&error), qPrintable(error));
    QVERIFY(r.batches.wait(15000));
    QCOMPARE(r.numbers(1), QList<int> { 2 });
    QCOMPARE(r.uidValidity(1), r.uidValidity(0));
}

void ImapMailboxTest::readMailIsMovedToTheDoneFolder()
{
    deliver(1, 3);
    ImapSettings s = settings();
    s.doneFolder = QStringLiteral("Atendido ✓"); // made on first use; not ASCII
    Reader r(s);
    r.box.start(0, 0);
    QVERIFY(r.batches.wait(10000));
    QCOMPARE(r.numbers(0), (QList<int> { 1, 2, 3 }));
    QCOMPARE(m_dovecot->count(s_user), 3);
    r.acknowledge(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->count(s_user), 0, 10000);
    QCOMPARE(m_dovecot->count(s_user, QStringLiteral("Atendido &JxM-")), 3);
    QCOMPARE(m_dovecot->seenCount(s_user, QStringLiteral("Atendido &JxM-")), 3);
    // Later mail goes the same way.
    deliver(4, 4);
    QVERIFY(r.batches.wait(5000));
    r.acknowledge(1);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->count(s_user, QStringLiteral("Atendido &JxM-")), 4, 10000);
}

void ImapMailboxTest::withoutIdleAndMoveItPollsAndCopies()
{
    m_dovecot.reset();
    QVERIFY(startDovecot(false, QStringLiteral("IMAP4rev1 LITERAL+ UIDPLUS")));
    deliver(1, 1);
    m_dovecot->deliver(s_user, message(9), QStringLiteral("Done"));
    ImapSettings s = settings();
    s.doneFolder = QStringLiteral("Done");
    s.pollIntervalMs = 300;
    Reader r(s);
    r.box.start(0, 0);
    QVERIFY(r.batches.wait(10000));
    QVERIFY(!r.box.serverHasIdle());
    r.acknowledge(0);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->count(s_user, QStringLiteral("Done")), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_dovecot->count(s_user), 0, 10000);
    QElapsedTimer clock;
    clock.start();
    deliver(2, 2);
    QVERIFY(r.batches.wait(5000)); // by polling
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(r.numbers(1), QList<int> { 2 });
}

void ImapMailboxTest::startTlsAndTlsAreVerifiedAgainstTheCaFile()
{
    if (!TestCertificates::available())
        QSKIP("openssl is not installed");
    m_dovecot.reset();
    QVERIFY(startDovecot(true));
    deliver(1, 1);

    for (const Security security : { Security::StartTls, Security::Tls }) {
        Reader r(settings(security));
        r.box.start(0, 0);
        QVERIFY(r.batches.wait(10000));
        QCOMPARE(r.numbers(0), QList<int> { 1 });
        QCOMPARE(testImap(settings(security)), QString());
    }

    // Another authority's certificate (or none: the system's) does not vouch for this server.
    TestCertificates other;
    for (const Security security : { Security::StartTls, Security::Tls }) {
        ImapSettings s = settings(security);
        s.caFile = other.authorityFile();
        QVERIFY(!s.caFile.isEmpty());
        const QString why = testImap(s);
        QVERIFY2(why.startsWith(QStringLiteral("certificate not trusted")), qPrintable(why));
        s.caFile.clear();
        QVERIFY(testImap(s).startsWith(QStringLiteral("certificate not trusted")));
        s.verifyPeer = false;
        QCOMPARE(testImap(s), QString());

        // A reader reports it and retries.
        s = settings(security);
        s.caFile = other.authorityFile();
        Reader r(s);
        r.box.start(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            r.saw(ImapMailbox::State::Failed, QStringLiteral("certificate")), 10000);
        QVERIFY(r.batches.isEmpty());
    }

    // By name: the certificate is also for localhost (and the name goes out as SNI)...
    ImapSettings s = settings(Security::Tls);
    s.host = QStringLiteral("localhost");
    QCOMPARE(testImap(s), QString());
    // ...but not for this machine's own name, where that is an address of loopback too.
    const QString hostName = QHostInfo::localHostName();
    if (hostName != s.host
        && QHostInfo::fromName(hostName).addresses().contains(QHostAddress::LocalHost)) {
        s.host = hostName;
        const QString why = testImap(s);
        QVERIFY2(why.startsWith(QStringLiteral("certificate not trusted")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("host name")), qPrintable(why));
    }
}

void ImapMailboxTest::aSelfSignedCertificateIsTrustedWhenItIsTheCaFile()
{
    if (!TestCertificates::available())
        QSKIP("openssl is not installed");
    m_dovecot = std::make_unique<DovecotServer>();
    m_dovecot->addUser(s_user, s_password);
    m_dovecot->setTls(true);
    m_dovecot->setSelfSignedCertificate(true);
    QString error;
    QVERIFY2(m_dovecot->start(&error), qPrintable(error));
    for (const Security security : { Security::StartTls, Security::Tls }) {
        ImapSettings s = settings(security);
        QCOMPARE(testImap(s), QString());
        s.caFile.clear();
        const QString why = testImap(s);
        QVERIFY2(why.startsWith(QStringLiteral("certificate not trusted")), qPrintable(why));
    }
    // Another self-signed certificate for the same name is not it.
    TestCertificates other;
    const auto impostor = other.selfSigned(QStringLiteral("127.0.0.1"));
    QVERIFY(impostor);
    ImapSettings s = settings(Security::Tls);
    s.caFile = impostor->certificateFile;
    QVERIFY(testImap(s).startsWith(QStringLiteral("certificate not trusted")));
}

void ImapMailboxTest::stopDuringIdleIsPrompt()
{
    Reader r(settings());
    r.box.start(0, 0);
    QTRY_COMPARE_WITH_TIMEOUT(r.box.state(), ImapMailbox::State::Waiting, 10000);
    QVERIFY(r.box.serverHasIdle());
    QElapsedTimer clock;
    clock.start();
    r.box.stop();
    const qint64 ms = clock.elapsed();
    qInfo("stop() during IDLE: %lld ms", ms);
    QVERIFY(ms < 1000);
    QCOMPARE(r.box.state(), ImapMailbox::State::Stopped);

    // And during a backoff.
    ImapSettings s = settings();
    s.password = QStringLiteral("wrong");
    Reader failing(s);
    failing.box.start(0, 0);
    QTRY_COMPARE_WITH_TIMEOUT(failing.box.state(), ImapMailbox::State::Failed, 10000);
    clock.restart();
    failing.box.stop();
    QVERIFY(clock.elapsed() < 1000);
    // No late signal from the stopped run.
    const qsizetype states = failing.states.size();
    QVERIFY(!failing.states.wait(1500));
    QCOMPARE(failing.states.size(), states);
}

void ImapMailboxTest::aSilentServerNeitherHoldsStopNorTestImap()
{
    // Accepts connections (the kernel does, from its backlog) and never says a word.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    ImapSettings s = settings();
    s.port = silent.serverPort();

    Reader r(s);
    r.box.start(0, 0);
    QTRY_COMPARE(r.box.state(), ImapMailbox::State::Connecting);
    QTest::qWait(200); // let it reach its wait for the greeting
    QElapsedTimer clock;
    clock.start();
    r.box.stop();
    QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));

    clock.restart();
    const QString why = testImap(s, 1500);
    QVERIFY2(why.contains(QStringLiteral("did not greet")), qPrintable(why));
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
}

void ImapMailboxTest::testImapSaysWhatIsWrong()
{
    QCOMPARE(testImap(settings()), QString());

    ImapSettings s = settings();
    s.folder = QStringLiteral("Nowhere");
    QString why = testImap(s);
    QVERIFY2(why.contains(QStringLiteral("folder \"Nowhere\" does not exist")), qPrintable(why));

    s = settings();
    s.password = QStringLiteral("wrong");
    why = testImap(s);
    QVERIFY2(why.startsWith(QStringLiteral("sign-in refused")), qPrintable(why));

    // Plain Dovecot here: STARTTLS is required, not merely welcome.
    s = settings(Security::StartTls);
    why = testImap(s);
    QVERIFY2(why.contains(QStringLiteral("does not offer STARTTLS")), qPrintable(why));

    const quint16 port = m_dovecot->port();
    m_dovecot->stop();
    s = settings();
    s.port = port;
    why = testImap(s);
    QVERIFY2(
        why.startsWith(QStringLiteral("cannot reach 127.0.0.1:%1: connection refused").arg(port)),
        qPrintable(why));
}

QTEST_GUILESS_MAIN(ImapMailboxTest)
#include "tst_imapmailbox.moc"
