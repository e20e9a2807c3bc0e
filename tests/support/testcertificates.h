#pragma once
// Certificates for TLS tests, made with the openssl command line in a folder of the test's own:
// an authority of the test's (to trust in clients as a system authority would be), certificates
// it issues, self-signed ones, expired ones, encrypted keys. available() says whether openssl
// is installed (./dev.sh installs it); tests skip without it.

#include <QByteArray>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>

namespace Atiende::Test {

struct CertificatePair
{
    QString certificateFile;
    QString keyFile;
    QSslCertificate certificate() const; // the first in the file
    QByteArray sha256() const;
    QString fingerprint() const; // AB:CD:…, as openssl and atiended print it
};

class TestCertificates
{
public:
    enum class Key { Ec, Rsa };

    TestCertificates();
    static bool available();
    QString dir() const { return m_dir.path(); }
    QString lastError() const { return m_error; }
    // subjectAltName entries for a server on this machine.
    static QStringList loopbackNames()
    {
        return { QStringLiteral("IP:127.0.0.1"), QStringLiteral("DNS:localhost") };
    }

    // The test's own authority, made on first use: its certificate file and certificate.
    QString authorityFile();
    QSslCertificate authority();
    // A certificate for names issued by the test's authority, valid for days from now; with
    // chain, its file also holds the authority's certificate after it.
    std::optional<CertificatePair> issued(const QString &name,
        const QStringList &names = loopbackNames(), int days = 30, bool chain = false,
        Key key = Key::Ec);
    std::optional<CertificatePair> selfSigned(const QString &name,
        const QStringList &names = loopbackNames(), int days = 30, Key key = Key::Ec);
    // Self-signed and valid only in the past (2020-01-01 to 2020-01-02).
    std::optional<CertificatePair> expired(
        const QString &name, const QStringList &names = loopbackNames());
    // The pair's key encrypted with the passphrase (PKCS #8, AES-256): the new key file.
    QString encryptedKey(const CertificatePair &pair, const QByteArray &passphrase);
    // A file in the folder with these contents: its path.
    QString write(const QString &name, const QByteArray &contents);
    QString path(const QString &name) const { return m_dir.filePath(name); }

private:
    bool run(const QStringList &args);
    QStringList newKeyArgs(Key key) const;
    QTemporaryDir m_dir;
    QString m_error;
    bool m_authorityMade = false;
};

} // namespace Atiende::Test
