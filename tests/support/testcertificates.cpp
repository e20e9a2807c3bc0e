#include "testcertificates.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace Atiende::Test {

namespace {
QString openssl()
{
    return QStandardPaths::findExecutable(QStringLiteral("openssl"));
}
} // namespace

QSslCertificate CertificatePair::certificate() const
{
    return QSslCertificate::fromPath(certificateFile, QSsl::Pem).value(0);
}
QByteArray CertificatePair::sha256() const
{
    return certificate().digest(QCryptographicHash::Sha256);
}
QString CertificatePair::fingerprint() const
{
    return QString::fromLatin1(sha256().toHex(':').toUpper());
}

TestCertificates::TestCertificates() = default;

bool TestCertificates::available()
{
    return !openssl().isEmpty();
}

bool TestCertificates::run(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(openssl(), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1: %2")
                      .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAll()));
        return false;
    }
    return true;
}

QStringList TestCertificates::newKeyArgs(Key key) const
{
    if (key == Key::Rsa)
        return { QStringLiteral("-newkey"), QStringLiteral("rsa:2048") };
    return { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1") };
}

QString TestCertificates::authorityFile()
{
    if (!m_authorityMade) {
        m_authorityMade = run(QStringList { QStringLiteral("req"), QStringLiteral("-x509") }
            + newKeyArgs(Key::Ec)
            + QStringList { QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                QStringLiteral("authority.key"), QStringLiteral("-out"),
                QStringLiteral("authority.pem"), QStringLiteral("-days"), QStringLiteral("30"),
                QStringLiteral("-subj"),
                QStringLiteral("/O=Atiende tests/CN=Atiende Test Authority") });
    }
    return m_authorityMade ? path(QStringLiteral("authority.pem")) : QString();
}

QSslCertificate TestCertificates::authority()
{
    const QString file = authorityFile();
    return file.isEmpty() ? QSslCertificate() : QSslCertificate::fromPath(file, QSsl::Pem).value(0);
}

std::optional<CertificatePair> TestCertificates::issued(
    const QString &name, const QStringList &names, int days, bool chain, Key key)
{
    if (authorityFile().isEmpty())
        return std::nullopt;
    const QString csr = name + QStringLiteral(".csr");
    CertificatePair pair { path(name + QStringLiteral(".pem")),
        path(name + QStringLiteral(".key")) };
    QStringList req { QStringLiteral("req"), QStringLiteral("-new") };
    req += newKeyArgs(key);
    req += { QStringLiteral("-nodes"), QStringLiteral("-keyout"), pair.keyFile,
        QStringLiteral("-out"), csr, QStringLiteral("-subj"), QStringLiteral("/CN=%1").arg(name) };
    if (!names.isEmpty())
        req += { QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=") + names.join(QLatin1Char(',')) };
    if (!run(req))
        return std::nullopt;
    if (!run({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
            QStringLiteral("-CA"), QStringLiteral("authority.pem"), QStringLiteral("-CAkey"),
            QStringLiteral("authority.key"), QStringLiteral("-CAcreateserial"),
            QStringLiteral("-out"), pair.certificateFile, QStringLiteral("-days"),
            QString::number(days), QStringLiteral("-copy_extensions"), QStringLiteral("copy") }))
        return std::nullopt;
    if (chain) {
        QFile out(pair.certificateFile);
        QFile ca(authorityFile());
        if (!out.open(QIODevice::Append) || !ca.open(QIODevice::ReadOnly))
            return std::nullopt;
        out.write(ca.readAll());
    }
    return pair;
}

std::optional<CertificatePair> TestCertificates::selfSigned(
    const QString &name, const QStringList &names, int days, Key key)
{
    CertificatePair pair { path(name + QStringLiteral(".pem")),
        path(name + QStringLiteral(".key")) };
    QStringList req { QStringLiteral("req"), QStringLiteral("-x509") };
    req += newKeyArgs(key);
    req += { QStringLiteral("-nodes"), QStringLiteral("-keyout"), pair.keyFile,
        QStringLiteral("-out"), pair.certificateFile, QStringLiteral("-days"),
        QString::number(days), QStringLiteral("-subj"), QStringLiteral("/CN=%1").arg(name) };
    if (!names.isEmpty())
        req += { QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=") + names.join(QLatin1Char(',')) };
    if (!run(req))
        return std::nullopt;
    return pair;
}

std::optional<CertificatePair> TestCertificates::expired(
    const QString &name, const QStringList &names)
{
    // `openssl ca` is the command that takes explicit dates; it wants a little database.
    const QString db = name + QStringLiteral(".ca");
    if (!QDir(m_dir.path()).mkpath(db))
        return std::nullopt;
    write(db + QStringLiteral("/index.txt"), QByteArray());
    write(db + QStringLiteral("/serial"), "01\n");
    write(db + QStringLiteral("/ca.cnf"),
        QStringLiteral(
            "[ca]\ndefault_ca = test\n[test]\ndatabase = %1/index.txt\nnew_certs_dir = %1\n"
            "serial = %1/serial\ndefault_md = sha256\npolicy = any\ncopy_extensions = copy\n"
            "unique_subject = no\n[any]\ncommonName = supplied\n")
            .arg(db)
            .toUtf8());
    CertificatePair pair { path(name + QStringLiteral(".pem")),
        path(name + QStringLiteral(".key")) };
    const QString csr = name + QStringLiteral(".csr");
    QStringList req { QStringLiteral("req"), QStringLiteral("-new") };
    req += newKeyArgs(Key::Ec);
    req += { QStringLiteral("-nodes"), QStringLiteral("-keyout"), pair.keyFile,
        QStringLiteral("-out"), csr, QStringLiteral("-subj"), QStringLiteral("/CN=%1").arg(name) };
    if (!names.isEmpty())
        req += { QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=") + names.join(QLatin1Char(',')) };
    if (!run(req))
        return std::nullopt;
    if (!run({ QStringLiteral("ca"), QStringLiteral("-config"), db + QStringLiteral("/ca.cnf"),
            QStringLiteral("-batch"), QStringLiteral("-selfsign"), QStringLiteral("-keyfile"),
            pair.keyFile, QStringLiteral("-in"), csr, QStringLiteral("-out"), pair.certificateFile,
            QStringLiteral("-startdate"), QStringLiteral("20200101000000Z"),
            QStringLiteral("-enddate"), QStringLiteral("20200102000000Z"),
            QStringLiteral("-notext") }))
        return std::nullopt;
    return pair;
}

QString TestCertificates::encryptedKey(const CertificatePair &pair, const QByteArray &passphrase)
{
    const QString out = pair.keyFile + QStringLiteral(".encrypted");
    if (!run({ QStringLiteral("pkey"), QStringLiteral("-in"), pair.keyFile,
            QStringLiteral("-aes256"), QStringLiteral("-passout"),
            QStringLiteral("pass:") + QString::fromUtf8(passphrase), QStringLiteral("-out"), out }))
        return QString();
    return out;
}

QString TestCertificates::write(const QString &name, const QByteArray &contents)
{
    QFile f(path(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    f.write(contents);
    return f.fileName();
}

} // namespace Atiende::Test
