// The test mail servers of tests/support/mailservers.h, checked with raw sockets before other
// tests trust them: Dovecot counts what is delivered, refuses a wrong password, gives a folder a
// new UIDVALIDITY when asked, restarts on the same port and speaks TLS both ways; the SMTP sink
// keeps what it is sent with the envelope, and with TLS and AUTH on refuses to sign in before
// STARTTLS and with a wrong password.

#include "mailservers.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

using namespace Atiende::Test;

namespace {

const QString s_user = QStringLiteral("desk@desk.test");
const QString s_password = QStringLiteral("s3cret pass");

QByteArray message(const QByteArray &subject)
{
    return "From: Ana <ana@example.com>\r\nTo: desk@desk.test\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + subject + "@example.com>\r\n\r\nHello.\r\n";
}

// Reads one line (a reply's last line for SMTP's multi-line replies "250-...").
QByteArray readLine(QTcpSocket &socket)
{
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(5000))
            return QByteArray();
    }
    return socket.readLine().trimmed();
}

QByteArray smtpReply(QTcpSocket &socket)
{
    QByteArray line;
    do
        line = readLine(socket);
    while (line.size() > 3 && line.at(3) == '-');
    return line;
}

QByteArray smtp(QTcpSocket &socket, const QByteArray &command)
{
    socket.write(command + "\r\n");
    return smtpReply(socket);
}

QSslConfiguration trusting(const QString &caFile)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(caFile));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

} // namespace

class MailServersTest : public QObject
{
    Q_OBJECT
private slots:
    void dovecotCountsDeliveredMessages();
    void dovecotRefusesAWrongPassword();
    void dovecotRecreatesAFolderUnderANewUidValidity();
    void dovecotRestartsOnTheSamePort();
    void dovecotSpeaksStartTlsAndImaps();
    void theSinkKeepsMessagesWithTheirEnvelope();
    void theSinkWithTlsAndAuthRefusesPlainTextAndWrongPasswords();
};

void MailServersTest::dovecotCountsDeliveredMessages()
{
    DovecotServer dovecot;
    dovecot.addUser(s_user, s_password);
    QString error;
    QVERIFY2(dovecot.start(&error), qPrintable(error));
    QVERIFY(dovecot.isRunning());
    QCOMPARE(dovecot.count(s_user), 0);
    QVERIFY(dovecot.deliver(s_user, message("one")));
    QVERIFY(dovecot.deliver(s_user, message("two")));
    QVERIFY(dovecot.deliver(s_user, message("three"), QStringLiteral("Archive")));
    QCOMPARE(dovecot.count(s_user), 2);
    QCOMPARE(dovecot.seenCount(s_user), 0);
    QCOMPARE(dovecot.count(s_user, QStringLiteral("Archive")), 1);
    QCOMPARE(dovecot.count(QStringLiteral("nobody@desk.test")), -1);

    // \Seen as a client sets it is read back.
    QTcpSocket imap;
    imap.connectToHost(QHostAddress::LocalHost, dovecot.port());
    QVERIFY(imap.waitForConnected(5000));
    QVERIFY(readLine(imap).startsWith("* OK"));
    imap.write("a LOGIN \"desk@desk.test\" \"s3cret pass\"\r\nb SELECT INBOX\r\n"
               "c STORE 1 +FLAGS (\\Seen)\r\n");
    QByteArray line;
    while (!line.startsWith("c ") && !(line = readLine(imap)).isNull()) { }
    QVERIFY2(line.startsWith("c OK"), line.constData());
    QCOMPARE(dovecot.seenCount(s_user), 1);

    dovecot.stop();
    QVERIFY(!dovecot.isRunning());
}

void MailServersTest::dovecotRefusesAWrongPassword()
{
    DovecotServer dovecot;
    dovecot.addUser(s_user, s_password);
    QString error;
    QVERIFY2(dovecot.start(&error), qPrintable(error));
    QTcpSocket imap;
    imap.connectToHost(QHostAddress::LocalHost, dovecot.port());
    QVERIFY(imap.waitForConnected(5000));
    QVERIFY(readLine(imap).startsWith("* OK"));
    imap.write("a LOGIN \"desk@desk.test\" \"wrong\"\r\n");
    // Dovecot answers a failed sign-in after a delay of its own (up to a few seconds).
    QByteArray line;
    while (!line.startsWith("a ") && !(line = readLine(imap)).isNull()) { }
    QVERIFY2(line.startsWith("a NO"), line.constData());
}

void MailServersTest::dovecotRecreatesAFolderUnderANewUidValidity()
{
    DovecotServer dovecot;
    dovecot.addUser(s_user, s_password);
    QString error;
    QVERIFY2(dovecot.start(&error), qPrintable(error));
    QVERIFY(dovecot.deliver(s_user, message("one")));
    QVERIFY(dovecot.deliver(s_user, message("two")));
    QVERIFY(dovecot.recreateFolder(s_user)); // it checks that UIDVALIDITY changed
    QCOMPARE(dovecot.count(s_user), 2);
    QVERIFY(dovecot.deliver(s_user, message("three"), QStringLiteral("Archive")));
    QVERIFY(dovecot.recreateFolder(s_user, QStringLiteral("Archive")));
    QCOMPARE(dovecot.count(s_user, QStringLiteral("Archive")), 1);
}

void MailServersTest::dovecotRestartsOnTheSamePort()
{
    DovecotServer dovecot;
    dovecot.addUser(s_user, s_password);
    QString error;
    QVERIFY2(dovecot.start(&error), qPrintable(error));
    QVERIFY(dovecot.deliver(s_user, message("one")));
    const quint16 port = dovecot.port();
    dovecot.stop();
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(2000));
    QVERIFY2(dovecot.start(&error), qPrintable(error));
    QCOMPARE(dovecot.port(), port);
    QCOMPARE(dovecot.count(s_user), 1);
}

void MailServersTest::dovecotSpeaksStartTlsAndImaps()
{
    DovecotServer dovecot;
    dovecot.addUser(s_user, s_password);
    dovecot.setTls(true);
    QString error;
    QVERIFY2(dovecot.start(&error), qPrintable(error));
    QVERIFY(dovecot.tlsPort() != 0 && dovecot.tlsPort() != dovecot.port());
    QVERIFY(QFileInfo::exists(dovecot.caFile()));

    // IMAPS: verified against the test authority, for the name 127.0.0.1.
    QSslSocket imaps;
    imaps.setSslConfiguration(trusting(dovecot.caFile()));
    imaps.connectToHostEncrypted(QStringLiteral("127.0.0.1"), dovecot.tlsPort());
    QVERIFY2(imaps.waitForEncrypted(10000), qPrintable(imaps.errorString()));
    QVERIFY(readLine(imaps).startsWith("* OK"));

    // STARTTLS on the plain port.
    QSslSocket imap;
    imap.setSslConfiguration(trusting(dovecot.caFile()));
    imap.connectToHost(QStringLiteral("127.0.0.1"), dovecot.port());
    QVERIFY(imap.waitForConnected(5000));
    const QByteArray greeting = readLine(imap);
    QVERIFY2(greeting.contains("STARTTLS"), greeting.constData());
    imap.write("a STARTTLS\r\n");
    QVERIFY(readLine(imap).startsWith("a OK"));
    imap.startClientEncryption();
    QVERIFY2(imap.waitForEncrypted(10000), qPrintable(imap.errorString()));
    imap.write("b LOGIN \"desk@desk.test\" \"s3cret pass\"\r\n");
    QByteArray line;
    while (!line.startsWith("b ") && !(line = readLine(imap)).isNull()) { }
    QVERIFY2(line.startsWith("b OK"), line.constData());

    // Without the test authority the certificate is not trusted.
    QSslSocket untrusting;
    untrusting.connectToHostEncrypted(QStringLiteral("127.0.0.1"), dovecot.tlsPort());
    QVERIFY(!untrusting.waitForEncrypted(10000));
}

void MailServersTest::theSinkKeepsMessagesWithTheirEnvelope()
{
    SmtpSink sink;
    QString error;
    QVERIFY2(sink.start(&error), qPrintable(error));
    QTcpSocket smtpSocket;
    smtpSocket.connectToHost(QHostAddress::LocalHost, sink.port());
    QVERIFY(smtpSocket.waitForConnected(5000));
    QVERIFY(smtpReply(smtpSocket).startsWith("220"));
    QVERIFY(smtp(smtpSocket, "EHLO client.test").startsWith("250"));
    for (int i = 1; i <= 2; ++i) {
        QVERIFY(smtp(smtpSocket, "MAIL FROM:<desk@desk.test>").startsWith("250"));
        QVERIFY(smtp(smtpSocket, "RCPT TO:<ana@example.com>").startsWith("250"));
        QVERIFY(smtp(smtpSocket, "RCPT TO:<bo@example.com>").startsWith("250"));
        QVERIFY(smtp(smtpSocket, "DATA").startsWith("354"));
        // A line starting with a dot goes dot-stuffed and is kept unstuffed.
        QVERIFY(smtp(
            smtpSocket, "Subject: reply " + QByteArray::number(i) + "\r\n\r\nHello.\r\n..dot\r\n.")
                    .startsWith("250"));
    }
    QVERIFY(smtp(smtpSocket, "QUIT").startsWith("221"));
    QVERIFY(sink.waitForMessages(2));
    const QList<QByteArray> messages = sink.messages();
    QCOMPARE(messages.size(), 2);
    QVERIFY2(messages[0].startsWith("X-MailFrom: desk@desk.test\r\nX-RcptTo: ana@example.com, "
                                    "bo@example.com\r\nSubject: reply 1\r\n"),
        messages[0].constData());
    QVERIFY(messages[0].contains("\r\nHello.\r\n.dot\r\n"));
    QVERIFY(messages[1].contains("Subject: reply 2\r\n"));
}

void MailServersTest::theSinkWithTlsAndAuthRefusesPlainTextAndWrongPasswords()
{
    SmtpSink sink;
    sink.setTls(true);
    sink.requireAuth(QStringLiteral("desk"), QStringLiteral("mail pass"));
    QString error;
    QVERIFY2(sink.start(&error), qPrintable(error));
    QVERIFY(QFileInfo::exists(sink.caFile()));

    QSslSocket socket;
    socket.setSslConfiguration(trusting(sink.caFile()));
    socket.connectToHost(QStringLiteral("127.0.0.1"), sink.port());
    QVERIFY(socket.waitForConnected(5000));
    QVERIFY(smtpReply(socket).startsWith("220"));
    QVERIFY(smtp(socket, "EHLO client.test").startsWith("250"));
    // "AGRlc2sAbWFpbCBwYXNz" is "\0desk\0mail pass".
    QVERIFY(!smtp(socket, "AUTH PLAIN AGRlc2sAbWFpbCBwYXNz").startsWith("235"));
    QVERIFY(!smtp(socket, "MAIL FROM:<desk@desk.test>").startsWith("250"));
    QVERIFY(smtp(socket, "STARTTLS").startsWith("220"));
    socket.startClientEncryption();
    QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
    QVERIFY(smtp(socket, "EHLO client.test").startsWith("250"));
    QVERIFY(smtp(socket, "MAIL FROM:<desk@desk.test>").startsWith("530")); // not signed in
    // "AGRlc2sAd3Jvbmc=" is "\0desk\0wrong".
    QVERIFY(smtp(socket, "AUTH PLAIN AGRlc2sAd3Jvbmc=").startsWith("535"));
    QVERIFY(smtp(socket, "AUTH PLAIN AGRlc2sAbWFpbCBwYXNz").startsWith("235"));
    QVERIFY(smtp(socket, "MAIL FROM:<desk@desk.test>").startsWith("250"));
    QVERIFY(smtp(socket, "RCPT TO:<ana@example.com>").startsWith("250"));
    QVERIFY(smtp(socket, "DATA").startsWith("354"));
    QVERIFY(smtp(socket, "Subject: secure\r\n\r\nHi.\r\n.").startsWith("250"));
    QVERIFY(sink.waitForMessages(1));
    QVERIFY(sink.messages().constFirst().contains("Subject: secure\r\n"));
}

QTEST_GUILESS_MAIN(MailServersTest)
#include "tst_mailservers.moc"
