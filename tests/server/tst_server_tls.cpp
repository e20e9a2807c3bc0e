// atiended serving TLS (wss://), as a real process on loopback with certificates the test makes
// with openssl: clients that trust the issuing authority sign in, others are refused; the pair
// is checked at start (a bad one refuses to start, naming the file); SIGHUP serves a renewed
// pair to new connections and keeps established ones, and keeps the old pair when the new one
// is broken; a handshake must finish within its deadline, and a failed one is logged with the
// peer's address without holding anyone else up.

#include "serverprocess.h"
#include "testcertificates.h"
#include "testclient.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;

class ServerTlsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup() { m_server.stop(); }
    void aClientTrustingTheAuthoritySignsInOverWss();
    void theStartLineNamesTheCertificateAndItsFingerprintAsOpensslDoes();
    void aSelfSignedCertificateIsRefusedByDefault();
    void tls12IsTheLeastItSpeaks();
    void aBadCertificateOrKeyRefusesToStartNamingTheFile_data();
    void aBadCertificateOrKeyRefusesToStartNamingTheFile();
    void anEncryptedKeyServesWithItsPassphrase();
    void aCertificateAboutToExpireIsWarnedAbout();
    void sighupServesTheNewPairToNewConnectionsAndKeepsEstablishedOnes();
    void sighupWithABrokenPairKeepsServingTheOldOne();
    void aHandshakeNotFinishedInTimeIsClosedWhileOthersAreServed();
    void aFailedHandshakeIsLoggedWithThePeersAddress();
    void servingInClearOnAnAddressOthersReachIsWarnedAbout();

private:
    // Copies the pair to the files the server is told to use, as an admin renewing it would.
    bool install(const CertificatePair &pair)
    {
        for (const auto &[from, to] : { std::pair { pair.certificateFile, servedCertificate() },
                 std::pair { pair.keyFile, servedKey() } }) {
            QFile::remove(to);
            if (!QFile::copy(from, to))
                return false;
        }
        // As an admin keeps a key: readable by its owner only.
        return QFile::setPermissions(servedKey(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    QString servedCertificate() const { return m_certs.path(QStringLiteral("served-cert.pem")); }
    QString servedKey() const { return m_certs.path(QStringLiteral("served-key.pem")); }
    QStringList tlsArgs() const
    {
        return { QStringLiteral("--cert"), servedCertificate(), QStringLiteral("--key"),
            servedKey() };
    }
    // Runs `atiended serve` that is expected to refuse: its exit code and output.
    int serveExpectingRefusal(
        const QStringList &args, QString *output, const QByteArray &passphrase = {})
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!passphrase.isEmpty())
            env.insert(QStringLiteral("ATIENDE_KEY_PASSPHRASE"), QString::fromUtf8(passphrase));
        p.setProcessEnvironment(env);
        p.start(ServerProcess::binary(),
            QStringList { QStringLiteral("serve"), QStringLiteral("--data"), m_server.dataDir(),
                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0") }
                + args);
        if (!p.waitForFinished(20000)) { // it serves: not what the test expects
            p.kill();
            p.waitForFinished();
        }
        *output = QString::fromUtf8(p.readAll());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    static QByteArray sha256Of(TestClient &client)
    {
        return client.rpc().peerCertificate().digest(QCryptographicHash::Sha256);
    }

    ServerProcess m_server; // a data folder with an admin; each test starts and stops it
    TestCertificates m_certs;
};

void ServerTlsTest::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    if (!TestCertificates::available())
        QSKIP("openssl is not installed (./dev.sh installs it): no certificates to test with");
    QVERIFY(m_server.init(QStringLiteral("secret-admin")));
    // The clients of this test trust the test's authority as a system authority would be.
    const QSslCertificate authority = m_certs.authority();
    QVERIFY2(!authority.isNull(), qPrintable(m_certs.lastError()));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificate(authority);
    QSslConfiguration::setDefaultConfiguration(config);
}

void ServerTlsTest::aClientTrustingTheAuthoritySignsInOverWss()
{
    // The certificate file carries the chain after the certificate, as a CA delivers it.
    const auto pair
        = m_certs.issued(QStringLiteral("desk"), TestCertificates::loopbackNames(), 30, true);
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs()));
    QCOMPARE(m_server.url().scheme(), QStringLiteral("wss"));

    TestClient client;
    QSignalSpy sslErrors(&client.rpc(), &Client::RpcConnection::sslErrors);
    QVERIFY(client.open(m_server.url()));
    QVERIFY(client.login(QStringLiteral("admin"), QStringLiteral("secret-admin")));
    QCOMPARE(sslErrors.count(), 0); // verified, nothing ignored
    QCOMPARE(sha256Of(client), pair->sha256());
    QVERIFY(client.call(QStringLiteral("directory.get")).ok);
    m_server.stop();
}

void ServerTlsTest::theStartLineNamesTheCertificateAndItsFingerprintAsOpensslDoes()
{
    const auto pair = m_certs.issued(QStringLiteral("printed"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs()));
    QProcess openssl;
    openssl.start(QStandardPaths::findExecutable(QStringLiteral("openssl")),
        { QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
            QStringLiteral("-sha256"), QStringLiteral("-in"), pair->certificateFile });
    QVERIFY(openssl.waitForFinished(20000));
    const QString theirs
        = QString::fromLatin1(openssl.readAll()).section(QLatin1Char('='), 1).trimmed();
    QCOMPARE(theirs, pair->fingerprint());
    const QString line = m_server.waitForOutput(QStringLiteral("certificate for [^\\n]*"));
    QVERIFY2(
        line.contains(QStringLiteral("SHA-256 fingerprint ") + theirs), qPrintable(m_server.log()));
    QVERIFY2(
        line.contains(QStringLiteral("127.0.0.1")) && line.contains(QStringLiteral("localhost")),
        qPrintable(line));
    QVERIFY2(line.contains(QStringLiteral("Atiende Test Authority")), qPrintable(line));
    m_server.stop();
    QVERIFY2(!m_server.log().contains(QStringLiteral("warning")),
        qPrintable(m_server.log())); // loopback, in date, key not world-readable
}

void ServerTlsTest::aSelfSignedCertificateIsRefusedByDefault()
{
    const auto pair = m_certs.selfSigned(QStringLiteral("own"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs()));
    TestClient client;
    QSignalSpy sslErrors(&client.rpc(), &Client::RpcConnection::sslErrors);
    QVERIFY(!client.open(m_server.url(), 3000));
    QCOMPARE(sslErrors.count(), 1);
    const auto errors = sslErrors.first().first().value<QList<QSslError>>();
    QVERIFY(std::any_of(errors.cbegin(), errors.cend(),
        [](const QSslError &e) { return e.error() == QSslError::SelfSignedCertificate; }));
    QVERIFY(!client.isOpen());
    m_server.stop();
}

void ServerTlsTest::tls12IsTheLeastItSpeaks()
{
    const auto pair = m_certs.issued(QStringLiteral("versions"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs()));
    auto handshake = [&](const QString &version, QString *output) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        // SECLEVEL=0 so that openssl itself would speak the old version: the refusal is the
        // server's.
        p.start(QStandardPaths::findExecutable(QStringLiteral("openssl")),
            { QStringLiteral("s_client"), QStringLiteral("-connect"),
                QStringLiteral("127.0.0.1:%1").arg(m_server.port()), version,
                QStringLiteral("-cipher"), QStringLiteral("DEFAULT@SECLEVEL=0") });
        p.closeWriteChannel();
        const bool finished = p.waitForFinished(20000);
        *output = QString::fromLatin1(p.readAll());
        return finished && p.exitCode() == 0;
    };
    QString output;
    QVERIFY2(!handshake(QStringLiteral("-tls1_1"), &output), qPrintable(output));
    QVERIFY2(!handshake(QStringLiteral("-tls1"), &output), qPrintable(output));
    QVERIFY2(handshake(QStringLiteral("-tls1_2"), &output), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("TLSv1.2")), qPrintable(output));
    m_server.stop();
}

void ServerTlsTest::aBadCertificateOrKeyRefusesToStartNamingTheFile_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<QStringList>("said"); // in the message, besides the file

    const auto good = m_certs.issued(QStringLiteral("good"));
    const auto other = m_certs.issued(QStringLiteral("other"));
    const auto rsa = m_certs.issued(QStringLiteral("rsa"), TestCertificates::loopbackNames(), 30,
        false, TestCertificates::Key::Rsa);
    const auto otherRsa = m_certs.selfSigned(QStringLiteral("other-rsa"),
        TestCertificates::loopbackNames(), 30, TestCertificates::Key::Rsa);
    const auto expired = m_certs.expired(QStringLiteral("expired"));
    QVERIFY2(good && other && rsa && otherRsa && expired, qPrintable(m_certs.lastError()));
    const QString encrypted = m_certs.encryptedKey(*good, "right horse battery");
    const QString garbage = m_certs.write(QStringLiteral("garbage.pem"), "this is not PEM\n");
    const QString missing = m_certs.path(QStringLiteral("missing.pem"));
    QVERIFY(!encrypted.isEmpty() && !garbage.isEmpty());
    auto tls = [](const QString &cert, const QString &key) {
        return QStringList { QStringLiteral("--cert"), cert, QStringLiteral("--key"), key };
    };

    QTest::newRow("the certificate file does not exist") << tls(missing,
        good->keyFile) << QByteArray() << QStringList { missing, QStringLiteral("does not exist") };
    QTest::newRow("the key file does not exist") << tls(good->certificateFile,
        missing) << QByteArray() << QStringList { missing, QStringLiteral("does not exist") };
    QTest::newRow("the certificate file is not PEM") << tls(garbage,
        good->keyFile) << QByteArray() << QStringList { garbage, QStringLiteral("no certificate") };
    QTest::newRow("the key file is not PEM") << tls(good->certificateFile,
        garbage) << QByteArray() << QStringList { garbage, QStringLiteral("no private key") };
    QTest::newRow("certificate and key swapped")
        << tls(good->keyFile, good->certificateFile) << QByteArray()
        << QStringList { good->keyFile, QStringLiteral("other way round") };
    QTest::newRow("the key of another certificate (EC)")
        << tls(good->certificateFile, other->keyFile) << QByteArray()
        << QStringList { other->keyFile, good->certificateFile, QStringLiteral("does not belong") };
    QTest::newRow("the key of another certificate (RSA)")
        << tls(rsa->certificateFile, otherRsa->keyFile) << QByteArray()
        << QStringList { otherRsa->keyFile, QStringLiteral("does not belong") };
    QTest::newRow("an RSA key for an EC certificate")
        << tls(good->certificateFile, rsa->keyFile) << QByteArray()
        << QStringList { rsa->keyFile, QStringLiteral("is not the certificate's") };
    QTest::newRow("an expired certificate")
        << tls(expired->certificateFile, expired->keyFile) << QByteArray()
        << QStringList { expired->certificateFile, QStringLiteral("expired on 2020-01-02") };
    QTest::newRow("an encrypted key without its passphrase")
        << tls(good->certificateFile, encrypted) << QByteArray()
        << QStringList { encrypted, QStringLiteral("encrypted"),
               QStringLiteral("ATIENDE_KEY_PASSPHRASE") };
    QTest::newRow("an encrypted key with a wrong passphrase")
        << tls(good->certificateFile, encrypted) << QByteArray("wrong")
        << QStringList { encrypted, QStringLiteral("cannot be decrypted") };
    QTest::newRow("a certificate without its key")
        << QStringList { QStringLiteral("--cert"), good->certificateFile } << QByteArray()
        << QStringList { QStringLiteral("--cert and --key go together") };
}

void ServerTlsTest::aBadCertificateOrKeyRefusesToStartNamingTheFile()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, passphrase);
    QFETCH(QStringList, said);
    QString output;
    QCOMPARE(serveExpectingRefusal(args, &output, passphrase), 1);
    QVERIFY2(!output.contains(QStringLiteral("listening on")), qPrintable(output));
    for (const QString &part : said)
        QVERIFY2(output.contains(part),
            qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, output)));
}

void ServerTlsTest::anEncryptedKeyServesWithItsPassphrase()
{
    const auto pair = m_certs.issued(QStringLiteral("locked"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    const QString encrypted = m_certs.encryptedKey(*pair, "right horse battery");
    QVERIFY(!encrypted.isEmpty());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ATIENDE_KEY_PASSPHRASE"), QStringLiteral("right horse battery"));
    m_server.setEnvironment(env);
    const bool started = m_server.start(
        { QStringLiteral("--cert"), pair->certificateFile, QStringLiteral("--key"), encrypted });
    m_server.setEnvironment(QProcessEnvironment::systemEnvironment());
    QVERIFY2(started, qPrintable(m_server.log()));
    TestClient client;
    QVERIFY(client.open(m_server.url()));
    QCOMPARE(sha256Of(client), pair->sha256());
    m_server.stop();
}

void ServerTlsTest::aCertificateAboutToExpireIsWarnedAbout()
{
    const auto pair = m_certs.issued(QStringLiteral("short"), TestCertificates::loopbackNames(), 3);
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs())); // served: it is still valid
    const QString warning
        = m_server.waitForOutput(QStringLiteral("warning: the certificate in [^\\n]*"));
    QVERIFY2(warning.contains(servedCertificate()) && warning.contains(QStringLiteral("expires on"))
            && warning.contains(QStringLiteral("in 2 days")),
        qPrintable(m_server.log()));
    m_server.stop();
}

void ServerTlsTest::sighupServesTheNewPairToNewConnectionsAndKeepsEstablishedOnes()
{
#if !defined(Q_OS_UNIX)
    QSKIP("SIGHUP is a Unix signal; on Windows atiended is restarted to take a new certificate");
#else
    const auto before = m_certs.issued(QStringLiteral("before-renewal"));
    const auto after = m_certs.issued(QStringLiteral("after-renewal"));
    QVERIFY2(before && after, qPrintable(m_certs.lastError()));
    QVERIFY(install(*before));
    QVERIFY(m_server.start(tlsArgs()));
    TestClient established;
    QVERIFY(established.open(m_server.url()));
    QVERIFY(established.login(QStringLiteral("admin"), QStringLiteral("secret-admin")));
    QCOMPARE(sha256Of(established), before->sha256());

    QVERIFY(install(*after)); // renewed in place, as certbot or an admin would
    QVERIFY(m_server.reload());
    const QString said = m_server.waitForOutput(QStringLiteral("SIGHUP: reloaded [^\\n]*"));
    QVERIFY2(said.contains(after->fingerprint()), qPrintable(m_server.log()));
    QVERIFY(said.contains(QStringLiteral("new connections get")));

    TestClient fresh;
    QVERIFY(fresh.open(m_server.url()));
    QCOMPARE(sha256Of(fresh), after->sha256());
    QVERIFY(fresh.login(QStringLiteral("admin"), QStringLiteral("secret-admin")));
    // The connection made before goes on, on its own session.
    QVERIFY(established.isOpen());
    QVERIFY(established.call(QStringLiteral("directory.get")).ok);
    m_server.stop();
#endif
}

void ServerTlsTest::sighupWithABrokenPairKeepsServingTheOldOne()
{
#if !defined(Q_OS_UNIX)
    QSKIP("SIGHUP is a Unix signal; on Windows atiended is restarted to take a new certificate");
#else
    const auto current = m_certs.issued(QStringLiteral("current"));
    const auto stranger = m_certs.issued(QStringLiteral("stranger"));
    QVERIFY2(current && stranger, qPrintable(m_certs.lastError()));
    QVERIFY(install(*current));
    QVERIFY(m_server.start(tlsArgs()));

    // A renewal gone wrong: the new certificate with a key that is not its own.
    QFile::remove(servedKey());
    QVERIFY(QFile::copy(stranger->keyFile, servedKey()));
    QVERIFY(m_server.reload());
    const QString said
        = m_server.waitForOutput(QStringLiteral("SIGHUP: kept the certificate in use[^\\n]*"));
    QVERIFY2(said.contains(current->fingerprint()) && said.contains(servedKey())
            && said.contains(QStringLiteral("does not belong")),
        qPrintable(m_server.log()));
    TestClient client;
    QVERIFY(client.open(m_server.url()));
    QCOMPARE(sha256Of(client), current->sha256());

    // And a file gone missing.
    QFile::remove(servedCertificate());
    QVERIFY(m_server.reload());
    QVERIFY2(
        !m_server.waitForOutput(QStringLiteral("kept the certificate in use[^\\n]*does not exist"))
             .isEmpty(),
        qPrintable(m_server.log()));
    TestClient another;
    QVERIFY(another.open(m_server.url()));
    QCOMPARE(sha256Of(another), current->sha256());
    QVERIFY(another.login(QStringLiteral("admin"), QStringLiteral("secret-admin")));
    m_server.stop();
#endif
}

void ServerTlsTest::aHandshakeNotFinishedInTimeIsClosedWhileOthersAreServed()
{
    const auto pair = m_certs.issued(QStringLiteral("deadline"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs()
        + QStringList { QStringLiteral("--handshake-timeout-ms"), QStringLiteral("4000") }));

    // One opens TCP and says nothing; another starts a ClientHello and stops halfway.
    QTcpSocket silent, halfway;
    QElapsedTimer since;
    silent.connectToHost(QHostAddress::LocalHost, m_server.port());
    halfway.connectToHost(QHostAddress::LocalHost, m_server.port());
    QVERIFY(silent.waitForConnected(5000) && halfway.waitForConnected(5000));
    since.start();
    const quint16 silentPort = silent.localPort(), halfwayPort = halfway.localPort();
    halfway.write(QByteArray::fromHex("160301020001")); // a handshake record of 512 bytes, 1 sent
    QVERIFY(halfway.waitForBytesWritten(5000));

    // Meanwhile someone else connects and signs in.
    TestClient other;
    QVERIFY(other.open(m_server.url()));
    QVERIFY(other.login(QStringLiteral("admin"), QStringLiteral("secret-admin")));
    QCOMPARE(silent.state(), QAbstractSocket::ConnectedState);

    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(halfway.state(), QAbstractSocket::UnconnectedState, 15000);
    QVERIFY2(since.elapsed() >= 3500,
        qPrintable(QString::number(since.elapsed()))); // not before its time
    const QString logged = m_server.waitForOutput(
        QStringLiteral("TLS handshake with 127\\.0\\.0\\.1:%1 failed: [^\\n]*").arg(silentPort));
    QVERIFY2(
        logged.contains(QStringLiteral("not finished within 4 s")), qPrintable(m_server.log()));
    QVERIFY2(!m_server
                  .waitForOutput(
                      QStringLiteral("TLS handshake with 127\\.0\\.0\\.1:%1 failed: not finished")
                          .arg(halfwayPort))
                  .isEmpty(),
        qPrintable(m_server.log()));
    QVERIFY(other.isOpen());
    QVERIFY(other.call(QStringLiteral("directory.get")).ok);
    m_server.stop();
}

void ServerTlsTest::aFailedHandshakeIsLoggedWithThePeersAddress()
{
    const auto pair = m_certs.issued(QStringLiteral("logged"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(tlsArgs()));
    // A console told ws:// for a wss:// server: plain HTTP where a ClientHello belongs.
    QUrl plain = m_server.url();
    plain.setScheme(QStringLiteral("ws"));
    TestClient confused;
    QVERIFY(!confused.open(plain, 3000));
    const QString logged = m_server.waitForOutput(
        QStringLiteral("TLS handshake with 127\\.0\\.0\\.1:\\d+ failed: [^\\n]+"));
    QVERIFY2(!logged.isEmpty(), qPrintable(m_server.log()));
    // And the server goes on serving.
    TestClient client;
    QVERIFY(client.open(m_server.url()));
    QVERIFY(client.login(QStringLiteral("admin"), QStringLiteral("secret-admin")));
    m_server.stop();
}

void ServerTlsTest::servingInClearOnAnAddressOthersReachIsWarnedAbout()
{
    QVERIFY(m_server.start()); // 127.0.0.1: only this machine
    QCOMPARE(m_server.url().scheme(), QStringLiteral("ws"));
    m_server.stop();
    QVERIFY2(!m_server.log().contains(QStringLiteral("clear text")), qPrintable(m_server.log()));

    QVERIFY(m_server.start(
        { QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0") })); // the later --listen wins
    QVERIFY2(!m_server
                  .waitForOutput(QStringLiteral(
                      "warning: serving in clear text \\(ws://\\) on 0\\.0\\.0\\.0:\\d+"))
                  .isEmpty(),
        qPrintable(m_server.log()));
    m_server.stop();

    const auto pair = m_certs.issued(QStringLiteral("everywhere"));
    QVERIFY2(pair, qPrintable(m_certs.lastError()));
    QVERIFY(install(*pair));
    QVERIFY(m_server.start(
        tlsArgs() + QStringList { QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0") }));
    QCOMPARE(m_server.url().scheme(), QStringLiteral("wss"));
    m_server.stop();
    QVERIFY2(!m_server.log().contains(QStringLiteral("clear text")), qPrintable(m_server.log()));
}

QTEST_GUILESS_MAIN(ServerTlsTest)
#include "tst_server_tls.moc"
