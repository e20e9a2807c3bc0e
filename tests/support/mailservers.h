#pragma once
// Real mail servers for tests, on loopback, on free ports, started and stopped by pid:
// Dovecot (IMAP with IDLE; optional STARTTLS and IMAPS with the test certificates) and an SMTP
// server (Debian's python3-aiosmtpd) that stores what it is given in a Maildir, with optional
// STARTTLS and AUTH. Dovecot refuses to run as root, so when the tests run as root it is
// started as nobody (setpriv) in folders that user owns; the sink runs as the test does. Both
// end with the test process even when it dies (parent-death signal, or the sink watching).

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Atiende::Test {

class DovecotServer
{
public:
    DovecotServer();
    ~DovecotServer(); // stops it

    // Before start(): a mailbox user ("desk@desk.test", password).
    void addUser(const QString &user, const QString &password);
    void setTls(bool on); // STARTTLS on port(), IMAPS on tlsPort(); certificate from
                          // testcertificates.h (CN 127.0.0.1)
    // Before start(), with TLS: a self-signed certificate instead of one from the test
    // authority; caFile() is then that certificate.
    void setSelfSignedCertificate(bool on);
    // Before start(): what CAPABILITY says after sign-in instead of Dovecot's own list (e.g.
    // without IDLE and MOVE, to test a client's fallbacks; Dovecot still accepts them).
    void setCapabilities(const QString &capabilities);
    // Starts it; a restart after stop() listens on the same ports.
    bool start(QString *error);
    void stop();
    bool isRunning() const;
    quint16 port() const;
    quint16 tlsPort() const;
    QString caFile() const; // the PEM a client must trust when TLS is on

    // Puts a message in user's folder as a delivery would (a new file in the Maildir's new/),
    // visible to IDLE at once. Folder "INBOX" or another (created when missing).
    bool deliver(const QString &user, const QByteArray &raw,
        const QString &folder = QStringLiteral("INBOX"));
    // Messages in a folder, and which of them carry \Seen (read back through IMAP).
    int count(const QString &user, const QString &folder = QStringLiteral("INBOX")) const;
    int seenCount(const QString &user, const QString &folder = QStringLiteral("INBOX")) const;
    // Recreates the folder (a new UIDVALIDITY), keeping its messages.
    bool recreateFolder(const QString &user, const QString &folder = QStringLiteral("INBOX"));

private:
    struct Private;
    std::unique_ptr<Private> d;
};

class SmtpSink
{
public:
    SmtpSink();
    ~SmtpSink();

    void setTls(bool on); // STARTTLS offered (and required when auth is on)
    void requireAuth(const QString &user, const QString &password);
    bool start(QString *error);
    void stop();
    quint16 port() const;
    QString caFile() const;

    // What was delivered so far, oldest first: the raw messages as received (with the
    // envelope recipients in an X-RcptTo header the sink adds first, and X-MailFrom).
    QList<QByteArray> messages() const;
    bool waitForMessages(int count, int timeoutMs = 10000) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Atiende::Test
