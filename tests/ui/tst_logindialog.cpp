// The sign-in dialog, offscreen: a real atiended for passwords, sessions and "remember me";
// a port nobody listens on; an in-process desk (FakeDesk) for what only the console decides:
// a server that throttles, one of another protocol version (docs/protocol.md, hello:
// unsupported_protocol), and one showing a self-signed certificate made here with openssl.
// Each failure must be told in the dialog, in words, and leave the agent where they can fix it. A
// desk with a self-signed certificate (atiended serving wss://) is trusted with a click and
// remembered; a changed certificate is refused with both fingerprints and replaced only once
// confirmed. With ATIENDE_WRITE_SCREENSHOTS=<folder> it renders those two moments of the dialog in
// English and Spanish.

#include "ui/common/translations.h"
#include "ui/login/logindialog.h"

#include "connection/trustedcertificates.h"
#include "deskfixture.h"
#include "fakedesk.h"
#include "serverprocess.h"
#include "testcertificates.h"
#include "testclient.h"
#include "workspace/workspace.h"

#include "core/protocol/errorcode.h"
#include "core/protocol/protocol.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTranslator>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Test;
using Client::ConnectionFailure;
using Client::SyncEngine;
using Client::Workspace;
using Ui::LoginDialog;
using Kind = ConnectionFailure::Kind;

class LoginDialogTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void theServerAddressIsNormalised_data();
    void theServerAddressIsNormalised();
    void signInWaitsUntilEveryFieldIsFilled();
    void aWrongPasswordIsSaidAndTheUserKept();
    void tooManyAttemptsSayWhenToTryAgain();
    void anUnreachableServerIsNamed();
    void aServerOfAnotherProtocolVersionIsToldApart();
    void anUntrustedCertificateIsRefusedAndExplained();
    void cancelStopsTheAttemptAndKeepsTheDialog();
    void signingInClosesTheDialogWithAnOpenWorkspace();
    void aRememberedSessionResumesWithoutAPassword();
    void aSessionNotRememberedNeedsThePasswordNextTime();
    void anEndedSessionAsksForThePasswordAgain();
    void aSessionEndedWhileWorkingSaysWhy_data();
    void aSessionEndedWhileWorkingSaysWhy();
    void aSelfSignedDeskIsTrustedWithAClickAndRememberedForTheNextStart();
    void aChangedCertificateIsRefusedWithBothFingerprintsAndReplacedOnlyOnceConfirmed();
    void screenshots();

private:
    static QLineEdit *field(LoginDialog &d, const char *name)
    {
        return d.findChild<QLineEdit *>(QLatin1String(name));
    }
    static QPushButton *button(LoginDialog &d, const char *name)
    {
        return d.findChild<QPushButton *>(QLatin1String(name));
    }
    static void fill(LoginDialog &d, const QString &server, const QString &user,
        const QString &password, bool remember = true)
    {
        field(d, "server")->setText(server);
        field(d, "user")->setText(user);
        field(d, "password")->clear();
        QTest::keyClicks(field(d, "password"), password);
        d.findChild<QCheckBox *>(QStringLiteral("remember"))->setChecked(remember);
    }
    // Clicks Sign in and waits until the attempt is over, one way or the other.
    static bool signIn(LoginDialog &d, int timeoutMs = 20000)
    {
        QPushButton *b = button(d, "signIn");
        if (!b->isEnabled())
            return false;
        QTest::mouseClick(b, Qt::LeftButton);
        QDeadlineTimer deadline(timeoutMs);
        while (d.isBusy() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return !d.isBusy();
    }
    static bool showAndActivate(LoginDialog &d)
    {
        d.show();
        QApplication::setActiveWindow(&d);
        return QTest::qWaitForWindowActive(&d);
    }
    QString local(quint16 port) const { return QStringLiteral("127.0.0.1:%1").arg(port); }
    QString dataDir(const QString &name) const { return m_dirs.filePath(name); }
    // "No second attempt comes" without a fixed wait: a control workspace aimed where nothing
    // listens fails, backs off and tries again with the console's own backoff; once it has
    // failed `attempts` times (the backoff doubling), a workspace that had not stopped trying
    // before it would have tried again.
    bool controlRetried(int attempts)
    {
        Workspace control;
        QSignalSpy failures(&control, &Workspace::connectionFailed);
        QString error;
        const QUrl nowhere(QStringLiteral("ws://%1/ws").arg(local(freePort())));
        if (!control.open({ nowhere, QStringLiteral("ana"), QStringLiteral("pw-ana"),
                              dataDir(QStringLiteral("control")), false, false },
                &error))
            return false;
        return QTest::qWaitFor(
            [&failures, attempts] { return failures.count() >= attempts; }, 30000);
    }
    static quint16 freePort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return 0;
        return probe.serverPort(); // free a moment ago; nobody listens once probe is gone
    }

    // The fingerprint as the dialog shows it: two lines of 16 bytes, as atiended and openssl print
    // it.
    static QString fingerprintLines(const QSslCertificate &certificate)
    {
        const QByteArray d = certificate.digest(QCryptographicHash::Sha256);
        return QString::fromLatin1(d.first(16).toHex(':').toUpper()) + QLatin1Char('\n')
            + QString::fromLatin1(d.sliced(16).toHex(':').toUpper());
    }
    // A desk of its own serving wss:// with this pair (on the port it had before, when restarted).
    bool serveTls(ServerProcess &desk, const std::optional<CertificatePair> &pair)
    {
        desk.stop();
        return pair
            && desk.start({ QStringLiteral("--cert"), pair->certificateFile,
                QStringLiteral("--key"), pair->keyFile });
    }
    bool tlsAvailable() const { return QSslSocket::supportsSsl() && TestCertificates::available(); }

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    TestCertificates m_certs;
};

void LoginDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings of the test, not the user's
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    QVERIFY(m_server.start());
}

void LoginDialogTest::init()
{
    QSettings().clear(); // no last server or user from an earlier test
}

void LoginDialogTest::theServerAddressIsNormalised_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("url"); // empty: refused
    QTest::newRow("host:port") << "desk.example.com:9000"
                               << "ws://desk.example.com:9000/ws";
    QTest::newRow("host alone: the default port") << "desk.example.com"
                                                  << "ws://desk.example.com:8765/ws";
    QTest::newRow("spaces around") << "  10.0.0.7:8765 "
                                   << "ws://10.0.0.7:8765/ws";
    QTest::newRow("ws:// with path") << "ws://desk:8765/ws"
                                     << "ws://desk:8765/ws";
    QTest::newRow("ws:// without path") << "ws://desk:8765"
                                        << "ws://desk:8765/ws";
    QTest::newRow("wss:// behind a proxy") << "wss://desk.example.com/atiende"
                                           << "wss://desk.example.com/atiende";
    QTest::newRow("wss:// no port, no path") << "wss://desk.example.com"
                                             << "wss://desk.example.com/ws";
    QTest::newRow("https:// means wss://") << "https://desk.example.com/"
                                           << "wss://desk.example.com/ws";
    QTest::newRow("upper-case scheme and host") << "WSS://Desk.Example.COM:443/ws"
                                                << "wss://desk.example.com:443/ws";
    QTest::newRow("IPv6") << "[::1]:8765"
                          << "ws://[::1]:8765/ws";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("another scheme") << "ftp://desk.example.com"
                                    << "";
    QTest::newRow("port out of range") << "desk:99999"
                                       << "";
    QTest::newRow("credentials in it") << "ws://agent:secret@desk:8765/ws"
                                       << "";
    QTest::newRow("no host") << "ws://:8765/ws"
                             << "";
    QTest::newRow("spaces inside") << "desk example com"
                                   << "";
}

void LoginDialogTest::theServerAddressIsNormalised()
{
    QFETCH(QString, typed);
    QFETCH(QString, url);
    QString error;
    const QUrl got = LoginDialog::normaliseServer(typed, &error);
    if (url.isEmpty()) {
        QVERIFY2(!got.isValid(), qPrintable(got.toString()));
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(got.isValid(), qPrintable(error));
        QCOMPARE(got.toString(), url);
    }
}

void LoginDialogTest::signInWaitsUntilEveryFieldIsFilled()
{
    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("fields")), false);
    QPushButton *go = button(d, "signIn");
    QVERIFY(!go->isEnabled());
    field(d, "server")->setText(local(m_server.port()));
    QVERIFY(!go->isEnabled());
    field(d, "user")->setText(QStringLiteral("ana"));
    QVERIFY(!go->isEnabled()); // nothing remembered for ana: the password is needed
    QTest::keyClicks(field(d, "password"), QStringLiteral("x"));
    QVERIFY(go->isEnabled());
    field(d, "user")->setText(QStringLiteral("   "));
    QVERIFY(!go->isEnabled());

    // An address that is none is said inline, and nothing is opened.
    field(d, "user")->setText(QStringLiteral("ana"));
    field(d, "server")->setText(QStringLiteral("ftp://desk"));
    QVERIFY(signIn(d));
    QVERIFY(d.message().contains(QStringLiteral("ws://")));
    QVERIFY(d.result() != QDialog::Accepted);
    QCOMPARE(d.failure().kind, Kind::None);
    QCOMPARE(w.state(), SyncEngine::State::Offline);
}

void LoginDialogTest::aWrongPasswordIsSaidAndTheUserKept()
{
    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("bruno")), false);
    QVERIFY(showAndActivate(d));
    fill(d, local(m_server.port()), QStringLiteral("bruno"), QStringLiteral("not-his"));
    QVERIFY(signIn(d));

    QCOMPARE(d.failure().kind, Kind::WrongCredentials);
    QCOMPARE(d.failure().code, int(Core::Protocol::ErrorCode::InvalidCredentials));
    QVERIFY2(d.message().startsWith(QStringLiteral("The user name or the password is not right.")),
        qPrintable(d.message()));
    QVERIFY(d.isVisible());
    QVERIFY(d.result() != QDialog::Accepted);
    // The user name stays; the password goes, and the cursor waits there for the right one.
    QCOMPARE(field(d, "user")->text(), QStringLiteral("bruno"));
    QVERIFY(field(d, "password")->text().isEmpty());
    QTRY_COMPARE(QApplication::focusWidget(), field(d, "password"));
    QVERIFY(!button(d, "signIn")->isEnabled());
    // The address as used: the protocol's form of what was typed.
    QCOMPARE(
        field(d, "server")->text(), QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_server.port()));
    // Nothing was saved for the next start.
    QVERIFY(!QSettings().contains(QStringLiteral("login/user")));

    // The right password then signs in from the same dialog.
    QTest::keyClicks(field(d, "password"), QStringLiteral("pw-bruno"));
    QVERIFY(signIn(d));
    QTRY_COMPARE(d.result(), int(QDialog::Accepted));
    QVERIFY(d.message().isEmpty());
}

void LoginDialogTest::tooManyAttemptsSayWhenToTryAgain()
{
    // The server slows a user name down after 4 failures, 1 s at first (docs/protocol.md).
    FakeDesk desk;
    int failures = 0;
    desk.on(QStringLiteral("auth.login"), [&failures](const FakeDesk::Call &) {
        return ++failures <= 4
            ? FakeDesk::Answer::fail(Core::Protocol::ErrorCode::InvalidCredentials,
                QStringLiteral("Wrong user name or password."))
            : FakeDesk::Answer::fail(Core::Protocol::ErrorCode::RateLimited,
                QStringLiteral("Too many failed sign-ins; wait."),
                { { QStringLiteral("retryAfterMs"), 1000 } });
    });
    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("guesser")), false);
    d.setTransport(desk.factory());
    QVERIFY(showAndActivate(d));
    fill(d, QStringLiteral("desk.test:8765"), QStringLiteral("nobody"), QString());
    for (int i = 0; i < 8 && d.failure().kind != Kind::Throttled; ++i) {
        QTest::keyClicks(field(d, "password"), QStringLiteral("guess-%1").arg(i));
        QVERIFY(signIn(d));
        QVERIFY(d.failure().kind == Kind::WrongCredentials || d.failure().kind == Kind::Throttled);
    }
    QCOMPARE(d.failure().kind, Kind::Throttled);
    QVERIFY(d.failure().retryAfterMs > 0);
    QCOMPARE(failures, 5);
    QVERIFY2(d.message().startsWith(QStringLiteral("Too many failed sign-ins for this user.")),
        qPrintable(d.message()));
    QVERIFY2(d.message().contains(QStringLiteral("try again in ")), qPrintable(d.message()));
    // Sign in waits for the server's time, and then the agent may try again.
    QTest::keyClicks(field(d, "password"), QStringLiteral("another"));
    QVERIFY(!button(d, "signIn")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(
        button(d, "signIn")->isEnabled(), int(d.failure().retryAfterMs) + 3000);
    QVERIFY(d.message().isEmpty());
}

void LoginDialogTest::anUnreachableServerIsNamed()
{
    const quint16 port = freePort();
    QVERIFY(port);
    Workspace w;
    QSignalSpy failures(&w, &Workspace::connectionFailed);
    LoginDialog d(&w, dataDir(QStringLiteral("unreachable")), false);
    QVERIFY(showAndActivate(d));
    fill(d, local(port), QStringLiteral("ana"), QStringLiteral("pw-ana"));
    QVERIFY(signIn(d));

    QCOMPARE(d.failure().kind, Kind::Unreachable);
    QCOMPARE(d.failure().socketError, QAbstractSocket::ConnectionRefusedError);
    QVERIFY2(
        d.message().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(d.message()));
    QVERIFY2(d.message().contains(QStringLiteral("refused")), qPrintable(d.message()));
    QVERIFY(d.isVisible());
    QVERIFY(button(d, "signIn")->isEnabled()); // the agent may try again at once
    QTRY_COMPARE(QApplication::focusWidget(), field(d, "server"));
    // The dialog stopped the workspace's retries: no second attempt comes.
    QVERIFY(controlRetried(3));
    QCOMPARE(failures.count(), 1);
    QCOMPARE(w.state(), SyncEngine::State::Offline);
}

void LoginDialogTest::aServerOfAnotherProtocolVersionIsToldApart()
{
    // A server of protocol version 2, as docs/protocol.md says one answers a hello for 1.
    FakeDesk future;
    QJsonObject helloParams;
    future.on(QStringLiteral("hello"), [&helloParams](const FakeDesk::Call &call) {
        helloParams = call.params;
        return FakeDesk::Answer::fail(Core::Protocol::ErrorCode::UnsupportedProtocol,
            QStringLiteral("This server speaks protocol version 2."),
            { { QStringLiteral("supported"), QJsonArray { 2 } } });
    });

    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("future")), false);
    d.setTransport(future.factory());
    QVERIFY(showAndActivate(d));
    fill(d, QStringLiteral("ws://desk.test:8765/ws"), QStringLiteral("ana"),
        QStringLiteral("pw-ana"));
    QVERIFY(signIn(d));

    QCOMPARE(helloParams.value(QStringLiteral("protocol")).toInt(), Core::Protocol::kVersion);
    QCOMPARE(d.failure().kind, Kind::ProtocolMismatch);
    QVERIFY(d.failure().fatal);
    QCOMPARE(d.failure().supportedProtocols, QList<int> { 2 });
    QVERIFY2(d.message().contains(
                 QStringLiteral("newer version of the Atiende protocol (2) than this console (1)")),
        qPrintable(d.message()));
    QVERIFY2(d.message().contains(QStringLiteral("Update the console")), qPrintable(d.message()));
    QVERIFY(d.message().contains(QStringLiteral("desk.test:8765")));
    QVERIFY(d.isVisible());
    // Not retried: retrying cannot fix it (a retry would come after the first backoff, 0.5 s
    // +-25%).
    QVERIFY(!QTest::qWaitFor([&] { return future.attempts() > 1; }, 1000));
    QCOMPARE(future.attempts(), 1);
    QCOMPARE(
        future.methods(), QStringList { QStringLiteral("hello") }); // and no password went to it
}

void LoginDialogTest::anUntrustedCertificateIsRefusedAndExplained()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    if (!TestCertificates::available())
        QSKIP("openssl is not installed (./dev.sh installs it): no certificate to test with");
    // Self-signed, and for another name than the address the console is given: the desk shows
    // it with the problems a TLS handshake finds in it.
    const auto impostor = m_certs.selfSigned(
        QStringLiteral("impostor"), { QStringLiteral("DNS:desk.atiende.invalid") }, 2);
    QVERIFY2(impostor, qPrintable(m_certs.lastError()));
    const QSslCertificate cert = impostor->certificate();
    QVERIFY(!cert.isNull());
    FakeDesk tls;
    tls.presentCertificate(cert,
        { QSslError(QSslError::SelfSignedCertificate, cert),
            QSslError(QSslError::HostNameMismatch, cert) });

    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("tls")), false);
    d.setTransport(tls.factory());
    QVERIFY(showAndActivate(d));
    fill(
        d, QStringLiteral("wss://127.0.0.1:8765"), QStringLiteral("ana"), QStringLiteral("pw-ana"));
    QVERIFY(signIn(d));

    QCOMPARE(d.failure().kind, Kind::Certificate);
    QVERIFY(d.failure().fatal);
    QVERIFY(!d.failure().sslErrors.isEmpty());
    const QString text = d.message();
    QVERIFY2(text.contains(QStringLiteral("certificate cannot be trusted")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:8765")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("self-signed")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("issued for desk.atiende.invalid, not for 127.0.0.1")),
        qPrintable(text));
    QVERIFY2(text.contains(fingerprintLines(cert)), qPrintable(text));
    QVERIFY(d.isVisible());
    // Nobody vouches for it, and the name is not all that is wrong: the agent may trust it.
    QVERIFY(d.failure().trustable);
    QVERIFY(d.findChild<QWidget *>(QStringLiteral("certificateActions"))->isVisible());
    // Refused during the TLS handshake: no WebSocket session, so no password went anywhere.
    QCOMPARE(tls.opened(), 0);
    QVERIFY(tls.calls().isEmpty());
    QCOMPARE(tls.attempts(), 1);
    QCOMPARE(w.state(), SyncEngine::State::Offline);

    // An expired certificate says when it expired.
    ConnectionFailure expired;
    expired.kind = Kind::Certificate;
    expired.host = QStringLiteral("desk.example.com");
    expired.port = 443;
    expired.sslErrors = { QSslError(QSslError::CertificateExpired, cert) };
    const QString expiredText = LoginDialog::describe(expired);
    QVERIFY2(
        expiredText.contains(QStringLiteral("it expired on %1")
                                 .arg(QLocale().toString(
                                     cert.expiryDate().toLocalTime().date(), QLocale::LongFormat))),
        qPrintable(expiredText));
    // ...and offers no trust: an expired certificate is never accepted.
    d.showFailure(expired);
    QVERIFY(!d.findChild<QWidget *>(QStringLiteral("certificateActions"))->isVisible());
}

void LoginDialogTest::cancelStopsTheAttemptAndKeepsTheDialog()
{
    // It takes the connection and then says nothing: the attempt would hang until its timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("cancel")), false);
    QVERIFY(showAndActivate(d));
    fill(d, local(silent.serverPort()), QStringLiteral("ana"), QStringLiteral("pw-ana"));
    QTest::mouseClick(button(d, "signIn"), Qt::LeftButton);
    QVERIFY(d.isBusy());
    QVERIFY(!field(d, "password")->isEnabled());
    QVERIFY(d.findChild<QLabel *>(QStringLiteral("progressLabel"))
                ->text()
                .contains(local(silent.serverPort())));

    QTest::mouseClick(button(d, "cancel"), Qt::LeftButton);
    QVERIFY(!d.isBusy());
    QVERIFY(d.isVisible());
    QCOMPARE(w.state(), SyncEngine::State::Offline);
    QVERIFY(field(d, "password")->isEnabled());
    QCOMPARE(field(d, "password")->text(), QStringLiteral("pw-ana"));
    // Cancel again: now the dialog goes.
    QTest::mouseClick(button(d, "cancel"), Qt::LeftButton);
    QTRY_VERIFY(!d.isVisible());
    QCOMPARE(d.result(), int(QDialog::Rejected));
}

void LoginDialogTest::signingInClosesTheDialogWithAnOpenWorkspace()
{
    Workspace w;
    LoginDialog d(&w, dataDir(QStringLiteral("lola")), false);
    QVERIFY(showAndActivate(d));
    QUrl typed = m_server.url();
    typed.setPath(QString()); // the dialog adds /ws
    fill(d, typed.toString(), QStringLiteral("lola"), QStringLiteral("pw-lola"));
    QVERIFY(signIn(d));

    QTRY_COMPARE(d.result(), int(QDialog::Accepted));
    QVERIFY(!d.isVisible());
    QVERIFY(w.state() == SyncEngine::State::Syncing || w.state() == SyncEngine::State::Online);
    QCOMPARE(w.me().login, QStringLiteral("lola"));
    QCOMPARE(d.options().server, m_server.url());
    QVERIFY(d.options().password.isEmpty()); // the dialog keeps no password
    QVERIFY(field(d, "password")->text().isEmpty());
    // The next start offers the same server and user.
    const QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("login/server")).toString(), m_server.url().toString());
    QCOMPARE(settings.value(QStringLiteral("login/user")).toString(), QStringLiteral("lola"));
    // The workspace is the caller's and goes on working after the dialog.
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
    QVERIFY(!w.groups().isEmpty());
}

void LoginDialogTest::aRememberedSessionResumesWithoutAPassword()
{
    const QString dir = dataDir(QStringLiteral("ana-remembered"));
    {
        Workspace w;
        LoginDialog d(&w, dir, false);
        fill(d, local(m_server.port()), QStringLiteral("ana"), QStringLiteral("pw-ana"), true);
        QVERIFY(signIn(d));
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
    } // the console exits
    QVERIFY(LoginDialog::canResume(m_server.url(), QStringLiteral("ana"), dir, false));

    // The next start: server and user from last time, and no password asked for.
    Workspace w;
    LoginDialog d(&w, dir, false);
    QCOMPARE(field(d, "server")->text(), m_server.url().toString());
    QCOMPARE(field(d, "user")->text(), QStringLiteral("ana"));
    QVERIFY(field(d, "password")->text().isEmpty());
    QVERIFY(!field(d, "password")->placeholderText().isEmpty()); // says why it may stay empty
    QVERIFY(button(d, "signIn")->isEnabled());
    QVERIFY(signIn(d));
    QTRY_COMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(w.me().login, QStringLiteral("ana"));

    // Forgetting it (sign-out on this machine) takes the password again.
    w.close();
    LoginDialog::forget(m_server.url(), QStringLiteral("ana"), dir, false);
    QVERIFY(!LoginDialog::canResume(m_server.url(), QStringLiteral("ana"), dir, false));
    LoginDialog again(&w, dir, false);
    QVERIFY(!button(again, "signIn")->isEnabled());
}

void LoginDialogTest::aSessionNotRememberedNeedsThePasswordNextTime()
{
    const QString dir = dataDir(QStringLiteral("lola-shared-pc"));
    {
        Workspace w;
        LoginDialog d(&w, dir, false);
        fill(d, local(m_server.port()), QStringLiteral("lola"), QStringLiteral("pw-lola"), false);
        QVERIFY(signIn(d));
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
        QVERIFY(!LoginDialog::canResume(m_server.url(), QStringLiteral("lola"), dir, false));
    }
    QVERIFY(!LoginDialog::canResume(m_server.url(), QStringLiteral("lola"), dir, false));
    Workspace w;
    LoginDialog d(&w, dir, false);
    QCOMPARE(field(d, "user")->text(), QStringLiteral("lola"));
    QVERIFY(
        !d.findChild<QCheckBox *>(QStringLiteral("remember"))->isChecked()); // as the agent left it
    QVERIFY(!button(d, "signIn")->isEnabled());
}

void LoginDialogTest::anEndedSessionAsksForThePasswordAgain()
{
    const QString dir = dataDir(QStringLiteral("admin-ended"));
    QString token;
    {
        Workspace w;
        LoginDialog d(&w, dir, false);
        fill(d, local(m_server.port()), QStringLiteral("admin"), QStringLiteral("pw-admin"), true);
        QVERIFY(signIn(d));
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
        QFile tokens(QDir(dir).filePath(QStringLiteral("tokens.json")));
        QVERIFY(tokens.open(QIODevice::ReadOnly));
        token = QJsonDocument::fromJson(tokens.readAll()).object().constBegin()->toString();
        QVERIFY(!token.isEmpty());
    }
    // Ended elsewhere while the console was closed (an admin, a log-out on another machine).
    TestClient other;
    QVERIFY(other.open(m_server.url()) && other.hello());
    QVERIFY(other.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), token } }).ok);
    QVERIFY(other.call(QStringLiteral("auth.logout")).ok);

    Workspace w;
    LoginDialog d(&w, dir, false);
    QVERIFY(showAndActivate(d));
    QVERIFY(button(d, "signIn")->isEnabled()); // remembered, as far as this machine knows
    QVERIFY(signIn(d));
    QCOMPARE(d.failure().kind, Kind::SessionExpired);
    QVERIFY2(
        d.message().startsWith(QStringLiteral("Your session has ended")), qPrintable(d.message()));
    QVERIFY(d.isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), field(d, "password"));
    QVERIFY(!button(d, "signIn")->isEnabled()); // the password it is, now
    QTest::keyClicks(field(d, "password"), QStringLiteral("pw-admin"));
    QVERIFY(signIn(d));
    QTRY_COMPARE(d.result(), int(QDialog::Accepted));
}

void LoginDialogTest::aSessionEndedWhileWorkingSaysWhy_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("params"); // JSON, with %1 for ana's id
    QTest::addColumn<QString>("message");
    QTest::newRow("password changed") << "agents.password.set"
                                      << R"({"agentId": %1, "password": "a brand new password"})"
                                      << "your password was changed";
    QTest::newRow("ended by an admin") << "sessions.revoke"
                                       << R"({"agentId": %1})"
                                       << "an administrator ended it";
    QTest::newRow("account disabled") << "agents.active.set"
                                      << R"({"agentId": %1, "active": false})"
                                      << "your account was disabled";
}

void LoginDialogTest::aSessionEndedWhileWorkingSaysWhy()
{
    QFETCH(QString, method);
    QFETCH(QString, params);
    QFETCH(QString, message);
    ServerProcess desk;
    Desk people;
    QString error;
    QVERIFY2(seedDesk(desk.dataDir(), &people, &error), qPrintable(error));
    QVERIFY(desk.start());
    const QString dir
        = dataDir(QStringLiteral("ended-") + QString::number(QTest::currentDataTag()[0]));
    Workspace w;
    {
        LoginDialog d(&w, dir, false);
        fill(d, local(desk.port()), QStringLiteral("ana"), QStringLiteral("pw-ana"), true);
        QVERIFY(signIn(d));
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
    }
    QTRY_COMPARE_WITH_TIMEOUT(w.state(), SyncEngine::State::Online, 20000);
    QSignalSpy signIn(&w, &Workspace::signInNeeded);
    TestClient admin;
    QVERIFY(
        admin.open(desk.url()) && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
    const auto r
        = admin.call(method, QJsonDocument::fromJson(params.arg(people.ana).toUtf8()).object());
    QVERIFY2(r.ok, qPrintable(r.error.message));
    // The console stops at once (no quiet sign-in with a password it kept) and says why.
    QTRY_COMPARE_WITH_TIMEOUT(signIn.count(), 1, 10000);
    QCOMPARE(w.lastFailure().kind, Kind::SessionExpired);
    LoginDialog again(&w, dir, false);
    QVERIFY(showAndActivate(again));
    QVERIFY2(again.message().contains(message), qPrintable(again.message()));
    QTRY_COMPARE(QApplication::focusWidget(), field(again, "password"));
}

void LoginDialogTest::aSelfSignedDeskIsTrustedWithAClickAndRememberedForTheNextStart()
{
    if (!tlsAvailable())
        QSKIP("no TLS backend or no openssl: no certificates to test with");
    ServerProcess desk;
    Desk people;
    QString error;
    QVERIFY2(seedDesk(desk.dataDir(), &people, &error), qPrintable(error));
    const auto own = m_certs.selfSigned(QStringLiteral("small-desk"));
    QVERIFY2(serveTls(desk, own), qPrintable(m_certs.lastError() + desk.log()));
    const QString dir = dataDir(QStringLiteral("trusting"));

    Workspace w;
    QSignalSpy failures(&w, &Workspace::connectionFailed);
    LoginDialog d(&w, dir, false);
    QVERIFY(showAndActivate(d));
    fill(d, desk.url().toString(), QStringLiteral("ana"), QStringLiteral("pw-ana"));
    QVERIFY(signIn(d));
    QCOMPARE(d.failure().kind, Kind::Certificate);
    QVERIFY(d.failure().trustable);
    const QString text = d.message();
    QVERIFY2(text.contains(QStringLiteral("certificate cannot be trusted: it is self-signed")),
        qPrintable(text));
    QVERIFY2(
        text.contains(QStringLiteral("It may be your desk's own certificate")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("fingerprint atiended printed")), qPrintable(text));
    QVERIFY2(text.contains(fingerprintLines(own->certificate())), qPrintable(text));
    auto *actions = d.findChild<QWidget *>(QStringLiteral("certificateActions"));
    auto *confirm = d.findChild<QCheckBox *>(QStringLiteral("confirmNewCertificate"));
    QPushButton *trust = button(d, "trustCertificate");
    QVERIFY(actions->isVisible());
    QVERIFY(!confirm->isVisible()); // the first time, the click is the agent's word
    QVERIFY(trust->isEnabled());
    QCOMPARE(trust->text(), QStringLiteral("&Trust this certificate"));
    QVERIFY(Client::TrustedCertificates()
                .find(Client::TrustedCertificates::endpoint(desk.url()))
                .isNull()); // not before the click
    QVERIFY(d.result() != QDialog::Accepted);

    // The agent compared it with what atiended printed, and trusts it: it signs in at once.
    QTest::mouseClick(trust, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 20000);
    QCOMPARE(failures.count(), 1); // the refusal before the click, and nothing since
    QCOMPARE(Client::TrustedCertificates()
                 .find(Client::TrustedCertificates::endpoint(desk.url()))
                 .certificate,
        own->certificate());
    w.close();

    // The next start connects without asking.
    Workspace next;
    QSignalSpy nextFailures(&next, &Workspace::connectionFailed);
    LoginDialog again(&next, dir, false);
    QVERIFY(showAndActivate(again));
    fill(again, desk.url().toString(), QStringLiteral("ana"), QStringLiteral("pw-ana"));
    QVERIFY(signIn(again));
    QTRY_COMPARE(again.result(), int(QDialog::Accepted));
    QCOMPARE(nextFailures.count(), 0);
    QVERIFY(again.message().isEmpty());
}

void LoginDialogTest::aChangedCertificateIsRefusedWithBothFingerprintsAndReplacedOnlyOnceConfirmed()
{
    if (!tlsAvailable())
        QSKIP("no TLS backend or no openssl: no certificates to test with");
    ServerProcess desk;
    Desk people;
    QString error;
    QVERIFY2(seedDesk(desk.dataDir(), &people, &error), qPrintable(error));
    const auto trusted = m_certs.selfSigned(QStringLiteral("trusted-desk"));
    const auto renewed = m_certs.selfSigned(QStringLiteral("renewed-desk"));
    QVERIFY2(serveTls(desk, trusted), qPrintable(m_certs.lastError() + desk.log()));
    const QString dir = dataDir(QStringLiteral("changed"));
    {
        Workspace w;
        LoginDialog d(&w, dir, false);
        QVERIFY(showAndActivate(d));
        fill(d, desk.url().toString(), QStringLiteral("ana"), QStringLiteral("pw-ana"));
        QVERIFY(signIn(d));
        QTest::mouseClick(button(d, "trustCertificate"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 20000);
    }

    // The same address, another certificate.
    QVERIFY(serveTls(desk, renewed));
    Workspace w;
    LoginDialog d(&w, dir, false);
    QVERIFY(showAndActivate(d));
    fill(d, desk.url().toString(), QStringLiteral("ana"), QStringLiteral("pw-ana"));
    QVERIFY(signIn(d));
    QCOMPARE(d.failure().kind, Kind::CertificateChanged);
    const QString text = d.message();
    QVERIFY2(text.contains(
                 QStringLiteral("shows a different certificate from the one you chose to trust")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("attack")) && text.contains(QStringLiteral("renewed")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Trusted until now (SHA-256):\n")
                 + fingerprintLines(trusted->certificate())),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Shown now (SHA-256):\n")
                 + fingerprintLines(renewed->certificate())),
        qPrintable(text));
    QVERIFY(d.isVisible());
    QVERIFY(d.result() != QDialog::Accepted);

    // Replacing takes an explicit confirmation first.
    auto *confirm = d.findChild<QCheckBox *>(QStringLiteral("confirmNewCertificate"));
    QPushButton *replace = button(d, "trustCertificate");
    QVERIFY(confirm->isVisible());
    QVERIFY(!confirm->isChecked());
    QCOMPARE(replace->text(), QStringLiteral("Replace the &trusted certificate"));
    QVERIFY(!replace->isEnabled());
    QTest::mouseClick(replace, Qt::LeftButton); // does nothing yet
    QVERIFY(!d.isBusy());
    QCOMPARE(Client::TrustedCertificates()
                 .find(Client::TrustedCertificates::endpoint(desk.url()))
                 .certificate,
        trusted->certificate());
    QVERIFY(!Client::TrustedCertificates()
                 .find(Client::TrustedCertificates::endpoint(desk.url()))
                 .isNull());

    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(confirm->isChecked());
    QVERIFY(replace->isEnabled());
    QTest::mouseClick(replace, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 20000);
    QCOMPARE(Client::TrustedCertificates()
                 .find(Client::TrustedCertificates::endpoint(desk.url()))
                 .certificate,
        renewed->certificate());
}

// docs/screenshots/login-trust-*.png and login-certificate-changed-*.png
void LoginDialogTest::screenshots()
{
    const QString dir = qEnvironmentVariable("ATIENDE_WRITE_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set ATIENDE_WRITE_SCREENSHOTS to the docs/screenshots folder to render the sign-in "
              "dialog's certificate screenshots");
    if (!tlsAvailable())
        QSKIP("no TLS backend or no openssl: no certificates to show");
    QVERIFY(QDir().mkpath(dir));
    ServerProcess desk;
    Desk people;
    QString error;
    QVERIFY2(seedDesk(desk.dataDir(), &people, &error), qPrintable(error));
    const auto own = m_certs.selfSigned(QStringLiteral("desk"));
    const auto other = m_certs.selfSigned(QStringLiteral("desk-renewed"));
    QVERIFY2(own && other, qPrintable(m_certs.lastError()));

    auto shoot = [&](const QString &language) {
        QSettings().remove(QStringLiteral("trustedCertificates"));
        const QString data = dataDir(QStringLiteral("screenshots-") + language);
        auto grab = [&](LoginDialog &d, const QString &name) {
            QTest::qWait(300); // the message has been laid out
            const QString path
                = QDir(dir).filePath(QStringLiteral("%1-%2.png").arg(name, language));
            QVERIFY(d.grab().save(path));
            qInfo() << "wrote" << path;
        };
        QVERIFY(serveTls(desk, own));
        {
            Workspace w;
            LoginDialog d(&w, data, false);
            QVERIFY(showAndActivate(d));
            fill(d, desk.url().toString(), QStringLiteral("ana"), QStringLiteral("pw-ana"));
            QVERIFY(signIn(d));
            QCOMPARE(d.failure().kind, Kind::Certificate);
            grab(d, QStringLiteral("login-trust"));
            QTest::mouseClick(button(d, "trustCertificate"), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 20000);
        }
        QVERIFY(serveTls(desk, other));
        Workspace w;
        LoginDialog d(&w, data, false);
        QVERIFY(showAndActivate(d));
        fill(d, desk.url().toString(), QStringLiteral("ana"), QStringLiteral("pw-ana"));
        QVERIFY(signIn(d));
        QCOMPARE(d.failure().kind, Kind::CertificateChanged);
        grab(d, QStringLiteral("login-certificate-changed"));

        // A session that ended while the agent worked: the password was changed by an admin.
        ServerProcess plain;
        Desk staff;
        QString seedError;
        QVERIFY2(seedDesk(plain.dataDir(), &staff, &seedError), qPrintable(seedError));
        QVERIFY(plain.start());
        Workspace working;
        {
            LoginDialog first(
                &working, dataDir(QStringLiteral("screenshots-ended-") + language), false);
            fill(first, local(plain.port()), QStringLiteral("ana"), QStringLiteral("pw-ana"), true);
            QVERIFY(signIn(first));
            QTRY_COMPARE(first.result(), int(QDialog::Accepted));
        }
        QTRY_COMPARE_WITH_TIMEOUT(working.state(), SyncEngine::State::Online, 20000);
        QSignalSpy needed(&working, &Workspace::signInNeeded);
        TestClient admin;
        QVERIFY(admin.open(plain.url())
            && admin.login(QStringLiteral("admin"), QStringLiteral("pw-admin")));
        QVERIFY(
            admin
                .call(QStringLiteral("agents.password.set"),
                    { { QStringLiteral("agentId"), double(staff.ana) },
                        { QStringLiteral("password"), QStringLiteral("a brand new password") } })
                .ok);
        QTRY_COMPARE_WITH_TIMEOUT(needed.count(), 1, 10000);
        LoginDialog ended(
            &working, dataDir(QStringLiteral("screenshots-ended-") + language), false);
        QVERIFY(showAndActivate(ended));
        grab(ended, QStringLiteral("login-session-ended"));
    };
    shoot(QStringLiteral("en"));

    // Spanish as a console started in it has it: our strings, Qt's, and the locale.
    const QLocale before;
    if (!Ui::Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain)))
        qWarning() << "no Spanish translation built: the Spanish screenshots show English texts";
    shoot(QStringLiteral("es"));
    Ui::Translations::install(*qApp, before);
}

QTEST_MAIN(LoginDialogTest)
#include "tst_logindialog.moc"
