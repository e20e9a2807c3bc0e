#pragma once
// The certificate and private key atiended serves wss:// with: read from two PEM files (the
// certificate file may carry the chain, leaf first), checked before they are used (readable,
// parsed, the key is the certificate's, the certificate in date) and read again on reload,
// when a pair that does not pass leaves the one in use in place. It gives the
// QSslConfiguration every new TLS connection starts from (TLS 1.2 or later, no client
// certificates) and the leaf's SHA-256 fingerprint, which agents compare with what their
// console shows for a desk whose certificate no authority vouches for.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

namespace Atiende::Server {

class TlsContext
{
public:
    // An encrypted key's passphrase comes from this environment variable (atiended's main
    // reads it once, so a reload decrypts the new key with the same passphrase).
    static constexpr const char *kPassphraseVariable = "ATIENDE_KEY_PASSPHRASE";
    // A certificate this close to its end is served with a warning at every (re)load.
    static constexpr int kExpiryWarningDays = 14;

    TlsContext(QString certificateFile, QString keyFile, QByteArray passphrase = {});

    // Reads and checks the pair. True: it is the pair in use from now on (warnings() may still
    // have something to say about it). False: *error says what is wrong, naming the file, and
    // the pair in use, if any, stays.
    bool load(QString *error, const QDateTime &now = QDateTime::currentDateTimeUtc());

    bool isLoaded() const { return !m_chain.isEmpty(); }
    QString certificateFile() const { return m_certificateFile; }
    QString keyFile() const { return m_keyFile; }
    // What a new connection's handshake starts from.
    QSslConfiguration configuration() const { return m_configuration; }
    QSslCertificate certificate() const { return m_chain.value(0); } // the leaf
    QList<QSslCertificate> chain() const { return m_chain; }
    QByteArray sha256() const { return m_sha256; } // of the leaf's DER; empty before a load
    // About the pair in use: it expires soon, its key can be read by anyone, its chain is out
    // of order. Each a sentence naming the file.
    QStringList warnings() const { return m_warnings; }

    // "AB:CD:…:EF", as `openssl x509 -noout -fingerprint -sha256` prints it.
    static QString fingerprintText(const QByteArray &digest);
    // The names a certificate is for (DNS names and IP addresses, else its common name).
    static QStringList names(const QSslCertificate &certificate);

private:
    QString m_certificateFile;
    QString m_keyFile;
    QByteArray m_passphrase;
    QList<QSslCertificate> m_chain;
    QSslConfiguration m_configuration;
    QByteArray m_sha256;
    QStringList m_warnings;
};

} // namespace Atiende::Server
