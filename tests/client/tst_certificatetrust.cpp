// The console and wss://: verification against the authorities this computer trusts is the
// default and is never skipped by itself; a certificate no authority vouches for (a small desk's
// own) is refused until the agent trusts it, and then accepted for that server only, at every
// start; another certificate for that server is refused with both; expired certificates and an
// authority's certificate for another name are never trustable. Against a real atiended with
// certificates the test makes with openssl (and a small TLS server of the test's own for an
// expired certificate, which atiended refuses to serve).

#include "connection/trustedcertificates.h"
#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"
#include "testcertificates.h"

#include <QSettings>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>
#include <QWebSocketServer>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;
using Kind = ConnectionFailure::Kind;

class CertificateTrustTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void onlyWhatNoAuthorityVouchesForIsTrustable_data();
    void onlyWhatNoAuthorityVouchesForIsTrustable();
    void aSelfSignedDeskIsRefusedUntilTheAgentTrustsIt();
    void aTrustedCertificateIsAcceptedAgainAfterTheLinkDrops();
    void anotherCertificateForATrustedServerIsRefusedWithBoth();
    void theTrustIsForThatServerAddressOnly();
    void aCertificateFromAnAuthorityThisComputerTrustsNeedsNoTrust();
    void anAuthoritysCertificateForAnotherNameIsNotTrustable();
    void anExpiredCertificateIsNeverAccepted();

private:
    struct Outcome
    {
        bool online = false;
        ConnectionFailure failure;
    };
    // Opens the workspace (the console starting) and waits for a session or a failure.
    Outcome attempt(Workspace &w, const QUrl &server, const QString &dir)
    {
        Workspace::Options o;
        o.server = server;
        o.user = QStringLiteral("ana");
        o.password = QStringLiteral("pw-ana");
        o.dataDir = m_dirs.filePath(dir);
        o.useKeychain = false;
        QSignalSpy failed(&w, &Workspace::connectionFailed);
        QString error;
        if (!w.open(o, &error))
            qWarning() << error;
        QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && failed.isEmpty() && w.state() != SyncEngine::State::Online
            && w.state() != SyncEngine::State::Syncing)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        Outcome out;
        out.online = failed.isEmpty()
            && (w.state() == SyncEngine::State::Online || w.state() == SyncEngine::State::Syncing);
        if (!failed.isEmpty())
            out.failure = failed.first().first().value<ConnectionFailure>();
        w.close();
        return out;
    }
    bool serve(const std::optional<CertificatePair> &pair)
    {
        m_server.stop();
        return pair
            && m_server.start({ QStringLiteral("--cert"), pair->certificateFile,
                QStringLiteral("--key"), pair->keyFile });
    }
    QUrl atLocalhost() const
    {
        QUrl u = m_server.url();
        u.setHost(QStringLiteral("localhost"));
        return u;
    }

    ServerProcess m_server;
    TestCertificates m_certs;
    QTemporaryDir m_dirs;
    Desk m_desk;
};

void CertificateTrustTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(
        true); // the test's settings, not the user's trusted certificates
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    if (!TestCertificates::available())
        QSKIP("openssl is not installed (./dev.sh installs it): no certificates to test with");
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    // This computer trusts the test's authority, as it would a company's or a public one.
    const QSslCertificate authority = m_certs.authority();
    QVERIFY2(!authority.isNull(), qPrintable(m_certs.lastError()));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificate(authority);
    QSslConfiguration::setDefaultConfiguration(config);
}

void CertificateTrustTest::init()
{
    QSettings().remove(QStringLiteral("trustedCertificates"));
}

void CertificateTrustTest::cleanup()
{
    m_server.stop();
}

void CertificateTrustTest::onlyWhatNoAuthorityVouchesForIsTrustable_data()
{
    QTest::addColumn<QList<int>>("errors");
    QTest::addColumn<bool>("trustable");
    using E = QSslError;
    QTest::newRow("self-signed") << QList<int> { E::SelfSignedCertificate } << true;
    QTest::newRow("self-signed, another name")
        << QList<int> { E::SelfSignedCertificate, E::HostNameMismatch } << true;
    QTest::newRow("an unknown authority")
        << QList<int> { E::UnableToGetLocalIssuerCertificate, E::UnableToVerifyFirstCertificate }
        << true;
    QTest::newRow("an unknown authority in the chain")
        << QList<int> { E::SelfSignedCertificateInChain } << true;
    QTest::newRow("a known authority, another name") << QList<int> { E::HostNameMismatch } << false;
    QTest::newRow("self-signed and expired")
        << QList<int> { E::SelfSignedCertificate, E::CertificateExpired } << false;
    QTest::newRow("self-signed, not valid yet")
        << QList<int> { E::SelfSignedCertificate, E::CertificateNotYetValid } << false;
    QTest::newRow("revoked") << QList<int> { E::CertificateRevoked } << false;
    QTest::newRow("a bad signature")
        << QList<int> { E::UnableToGetLocalIssuerCertificate, E::CertificateSignatureFailed }
        << false;
    QTest::newRow("for another purpose")
        << QList<int> { E::SelfSignedCertificate, E::InvalidPurpose } << false;
    QTest::newRow("nothing wrong") << QList<int> {} << false;
}

void CertificateTrustTest::onlyWhatNoAuthorityVouchesForIsTrustable()
{
    QFETCH(QList<int>, errors);
    QFETCH(bool, trustable);
    QList<QSslError> list;
    for (int e : errors)
        list << QSslError(QSslError::SslError(e));
    QCOMPARE(TrustedCertificates::canTrust(list), trustable);
}

void CertificateTrustTest::aSelfSignedDeskIsRefusedUntilTheAgentTrustsIt()
{
    const auto own = m_certs.selfSigned(QStringLiteral("small-desk"));
    QVERIFY2(serve(own), qPrintable(m_certs.lastError() + m_server.log()));

    // By default: refused, said why, and not retried.
    Workspace first;
    const Outcome refused = attempt(first, m_server.url(), QStringLiteral("first"));
    QVERIFY(!refused.online);
    QCOMPARE(refused.failure.kind, Kind::Certificate);
    QVERIFY(refused.failure.fatal);
    QVERIFY(refused.failure.trustable);
    QCOMPARE(refused.failure.certificate, own->certificate());
    QVERIFY(refused.failure.trustedCertificate.isNull());
    QVERIFY(TrustedCertificates()
                .find(TrustedCertificates::endpoint(m_server.url()))
                .isNull()); // nothing remembered by itself

    // The agent compared the fingerprint and trusts it.
    QVERIFY(Workspace::trustCertificate(refused.failure));
    const auto entry = TrustedCertificates().find(TrustedCertificates::endpoint(m_server.url()));
    QCOMPARE(entry.certificate, own->certificate());
    Workspace second;
    QVERIFY(attempt(second, m_server.url(), QStringLiteral("first")).online);

    // The next start: accepted without asking, for as long as the server shows that certificate.
    Workspace third;
    QSignalSpy failures(&third, &Workspace::connectionFailed);
    QVERIFY(attempt(third, m_server.url(), QStringLiteral("first")).online);
    QCOMPARE(failures.count(), 0);
}

void CertificateTrustTest::aTrustedCertificateIsAcceptedAgainAfterTheLinkDrops()
{
    const auto own = m_certs.selfSigned(QStringLiteral("reconnecting"));
    QVERIFY2(serve(own), qPrintable(m_certs.lastError() + m_server.log()));
    {
        Workspace first;
        QVERIFY(Workspace::trustCertificate(
            attempt(first, m_server.url(), QStringLiteral("drops")).failure));
    }
    Workspace w;
    Workspace::Options o;
    o.server = m_server.url();
    o.user = QStringLiteral("ana");
    o.password = QStringLiteral("pw-ana");
    o.dataDir = m_dirs.filePath(QStringLiteral("drops"));
    o.useKeychain = false;
    QSignalSpy failures(&w, &Workspace::connectionFailed);
    QString error;
    QVERIFY2(w.open(o, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
    // The network goes and comes back: the console reconnects by itself, to the same certificate.
    w.connection()->dropLink();
    QTRY_VERIFY_WITH_TIMEOUT(w.state() != SyncEngine::State::Online, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
    QCOMPARE(w.connection()->reconnectAttempts(), 0);
    QCOMPARE(failures.count(), 0);
}

void CertificateTrustTest::anotherCertificateForATrustedServerIsRefusedWithBoth()
{
    const auto trusted = m_certs.selfSigned(QStringLiteral("trusted"));
    const auto impostor = m_certs.selfSigned(QStringLiteral("impostor"));
    QVERIFY2(serve(trusted), qPrintable(m_certs.lastError() + m_server.log()));
    {
        Workspace w;
        const Outcome o = attempt(w, m_server.url(), QStringLiteral("changed"));
        QVERIFY(Workspace::trustCertificate(o.failure));
    }
    // The same address now shows another certificate (an attacker, or a renewal).
    QVERIFY(serve(impostor));
    Workspace w;
    const Outcome o = attempt(w, m_server.url(), QStringLiteral("changed"));
    QVERIFY(!o.online);
    QCOMPARE(o.failure.kind, Kind::CertificateChanged);
    QVERIFY(o.failure.fatal);
    QCOMPARE(o.failure.trustedCertificate, trusted->certificate());
    QCOMPARE(o.failure.certificate, impostor->certificate());
    QVERIFY(o.failure.trustable); // it could replace the trusted one, if the agent says so
    // Until then the trusted one stays what is trusted.
    QCOMPARE(TrustedCertificates().find(TrustedCertificates::endpoint(m_server.url())).certificate,
        trusted->certificate());

    // The agent checked with the administrator: a renewal. It replaces the old one.
    QVERIFY(Workspace::trustCertificate(o.failure));
    Workspace renewed;
    QVERIFY(attempt(renewed, m_server.url(), QStringLiteral("changed")).online);
    // And the old one is trusted no more.
    QVERIFY(serve(trusted));
    Workspace back;
    const Outcome old = attempt(back, m_server.url(), QStringLiteral("changed"));
    QCOMPARE(old.failure.kind, Kind::CertificateChanged);
    QCOMPARE(old.failure.trustedCertificate, impostor->certificate());
}

void CertificateTrustTest::theTrustIsForThatServerAddressOnly()
{
    // Named for both addresses of this machine, so only the trust differs between them.
    const auto own = m_certs.selfSigned(QStringLiteral("one-address"));
    QVERIFY2(serve(own), qPrintable(m_certs.lastError() + m_server.log()));
    {
        Workspace w;
        QVERIFY(Workspace::trustCertificate(
            attempt(w, m_server.url(), QStringLiteral("address")).failure));
        QVERIFY(attempt(w, m_server.url(), QStringLiteral("address")).online);
    }
    Workspace elsewhere;
    const Outcome o = attempt(elsewhere, atLocalhost(), QStringLiteral("address-2"));
    QVERIFY(!o.online);
    QCOMPARE(o.failure.kind, Kind::Certificate); // a server of its own, trusted for nothing yet
    QCOMPARE(o.failure.endpoint(), QStringLiteral("localhost:%1").arg(m_server.port()));
}

void CertificateTrustTest::aCertificateFromAnAuthorityThisComputerTrustsNeedsNoTrust()
{
    const auto own = m_certs.selfSigned(QStringLiteral("before-the-ca"));
    const auto issued = m_certs.issued(QStringLiteral("from-the-ca"));
    QVERIFY2(own && issued, qPrintable(m_certs.lastError()));
    QVERIFY(serve(issued));
    Workspace w;
    QVERIFY(attempt(w, m_server.url(), QStringLiteral("ca")).online);
    QVERIFY(TrustedCertificates().find(TrustedCertificates::endpoint(m_server.url())).isNull());

    // A desk that trusted its own certificate and then got one from an authority: just works.
    QVERIFY(serve(own));
    {
        Workspace before;
        QVERIFY(Workspace::trustCertificate(
            attempt(before, m_server.url(), QStringLiteral("ca")).failure));
    }
    QVERIFY(serve(issued));
    Workspace after;
    QVERIFY(attempt(after, m_server.url(), QStringLiteral("ca")).online);
}

void CertificateTrustTest::anAuthoritysCertificateForAnotherNameIsNotTrustable()
{
    const auto elsewhere = m_certs.issued(
        QStringLiteral("another-desk"), { QStringLiteral("DNS:desk.atiende.invalid") });
    QVERIFY2(serve(elsewhere), qPrintable(m_certs.lastError() + m_server.log()));
    Workspace w;
    const Outcome o = attempt(w, m_server.url(), QStringLiteral("name"));
    QVERIFY(!o.online);
    QCOMPARE(o.failure.kind, Kind::Certificate);
    QCOMPARE(o.failure.sslErrors.size(), 1);
    QCOMPARE(o.failure.sslErrors.first().error(), QSslError::HostNameMismatch);
    QVERIFY(!o.failure.trustable);
    QVERIFY(!Workspace::trustCertificate(o.failure));
    QVERIFY(TrustedCertificates().find(TrustedCertificates::endpoint(m_server.url())).isNull());
}

void CertificateTrustTest::anExpiredCertificateIsNeverAccepted()
{
    const auto expired = m_certs.expired(QStringLiteral("expired"));
    QVERIFY2(expired, qPrintable(m_certs.lastError()));
    QFile keyFile(expired->keyFile);
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    // atiended refuses to serve it; a server of the test's own does.
    QWebSocketServer tls(QStringLiteral("stale"), QWebSocketServer::SecureMode);
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(expired->certificate());
    config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setSslConfiguration(config);
    QVERIFY(tls.listen(QHostAddress::LocalHost));
    const QUrl url(QStringLiteral("wss://127.0.0.1:%1/ws").arg(tls.serverPort()));

    Workspace w;
    const Outcome o = attempt(w, url, QStringLiteral("expired"));
    QVERIFY(!o.online);
    QCOMPARE(o.failure.kind, Kind::Certificate);
    QVERIFY(!o.failure.trustable);
    QVERIFY(!Workspace::trustCertificate(o.failure));
    QVERIFY(TrustedCertificates().find(TrustedCertificates::endpoint(url)).isNull());

    // Even a certificate trusted while it was in date is refused once it has expired.
    TrustedCertificates().trust(TrustedCertificates::endpoint(url), expired->certificate(),
        { QSslError(QSslError::SelfSignedCertificate, expired->certificate()) });
    QSignalSpy sessions(&tls, &QWebSocketServer::newConnection);
    Workspace again;
    const Outcome stillRefused = attempt(again, url, QStringLiteral("expired"));
    QVERIFY(!stillRefused.online);
    QCOMPARE(stillRefused.failure.kind, Kind::Certificate);
    QVERIFY(
        std::any_of(stillRefused.failure.sslErrors.cbegin(), stillRefused.failure.sslErrors.cend(),
            [](const QSslError &e) { return e.error() == QSslError::CertificateExpired; }));
    QCOMPARE(sessions.count(), 0);
}

QTEST_MAIN(CertificateTrustTest)
#include "tst_certificatetrust.moc"
