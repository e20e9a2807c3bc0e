#include "tlscontext.h"

#include <QByteArrayView>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSslKey>
#include <QSslSocket>

namespace Atiende::Server {

namespace {

constexpr qint64 kMaxPemBytes = 1024 * 1024; // a chain of a dozen certificates is 30 KiB

// Just enough DER to find the public key in a certificate and in a private key: one-byte tags,
// definite lengths. The check that a key is the certificate's must not depend on which TLS
// backend Qt uses, so it reads the structures X.509, PKCS #1, SEC 1 and PKCS #8 define.
struct DerReader
{
    QByteArrayView rest;

    bool atEnd() const { return rest.isEmpty(); }
    quint8 nextTag() const { return rest.isEmpty() ? 0 : quint8(rest.front()); }
    // Takes the next element if it is well formed and has this tag; its contents in *contents.
    bool take(quint8 tag, QByteArrayView *contents = nullptr)
    {
        if (rest.size() < 2 || quint8(rest.at(0)) != tag)
            return false;
        qsizetype pos = 2;
        qsizetype length = quint8(rest.at(1));
        if (length >= 0x80) {
            const int bytes = int(length & 0x7f);
            if (bytes == 0 || bytes > 4 || rest.size() < pos + bytes)
                return false;
            length = 0;
            for (int i = 0; i < bytes; ++i)
                length = (length << 8) | quint8(rest.at(pos++));
        }
        if (length > rest.size() - pos)
            return false;
        if (contents)
            *contents = rest.sliced(pos, length);
        rest = rest.sliced(pos + length);
        return true;
    }
    bool skip() { return take(nextTag()); }
};

constexpr quint8 kSequence = 0x30, kInteger = 0x02, kBitString = 0x03, kOctetString = 0x04,
                 kOid = 0x06;
constexpr quint8 kContext0 = 0xa0, kContext1 = 0xa1;
const QByteArray kRsaOid
    = QByteArray::fromHex("2a864886f70d010101"); // 1.2.840.113549.1.1.1 rsaEncryption
const QByteArray kEcOid = QByteArray::fromHex("2a8648ce3d0201"); // 1.2.840.10045.2.1 id-ecPublicKey

// The public half of a key, as both a certificate and a private key carry it.
struct PublicKey
{
    enum class Kind { Unreadable, Rsa, Ec, Other };
    Kind kind = Kind::Unreadable;
    QByteArray modulus, exponent; // RSA
    QByteArray curve, point; // EC: the named curve's OID (may be unknown) and the point
};

QString kindName(PublicKey::Kind kind)
{
    switch (kind) {
    case PublicKey::Kind::Rsa:
        return QStringLiteral("RSA");
    case PublicKey::Kind::Ec:
        return QStringLiteral("ECDSA");
    case PublicKey::Kind::Other:
    case PublicKey::Kind::Unreadable:
        break;
    }
    return QStringLiteral("other");
}

QByteArray unsignedInteger(QByteArrayView v)
{
    while (v.size() > 1 && v.front() == 0)
        v = v.sliced(1);
    return v.toByteArray();
}

bool readRsaPublic(QByteArrayView sequence, PublicKey *key)
{
    DerReader r { sequence };
    QByteArrayView n, e;
    if (!r.take(kInteger, &n) || !r.take(kInteger, &e))
        return false;
    key->kind = PublicKey::Kind::Rsa;
    key->modulus = unsignedInteger(n);
    key->exponent = unsignedInteger(e);
    return true;
}

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
PublicKey readSubjectPublicKeyInfo(QByteArrayView spki)
{
    PublicKey key;
    DerReader r { spki };
    QByteArrayView algorithm, bits;
    if (!r.take(kSequence, &algorithm) || !r.take(kBitString, &bits) || bits.isEmpty()
        || bits.front() != 0)
        return key;
    bits = bits.sliced(1); // no unused bits in a key
    DerReader a { algorithm };
    QByteArrayView oid, curve;
    if (!a.take(kOid, &oid))
        return key;
    if (oid == kRsaOid) {
        DerReader k { bits };
        QByteArrayView sequence;
        if (k.take(kSequence, &sequence))
            readRsaPublic(sequence, &key);
    } else if (oid == kEcOid) {
        key.kind = PublicKey::Kind::Ec;
        if (a.take(kOid, &curve))
            key.curve = curve.toByteArray();
        key.point = bits.toByteArray();
    } else {
        key.kind = PublicKey::Kind::Other;
    }
    return key;
}

// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber,
// signature, issuer, validity, subject, subjectPublicKeyInfo, ... }, ... }
PublicKey certificateKey(const QByteArray &der)
{
    DerReader outer { der };
    QByteArrayView certificate, tbs;
    if (!outer.take(kSequence, &certificate))
        return {};
    DerReader c { certificate };
    if (!c.take(kSequence, &tbs))
        return {};
    DerReader t { tbs };
    if (t.nextTag() == kContext0 && !t.skip())
        return {};
    for (int i = 0; i < 5; ++i) { // serialNumber, signature, issuer, validity, subject
        if (!t.skip())
            return {};
    }
    QByteArrayView spki;
    if (!t.take(kSequence, &spki))
        return {};
    return readSubjectPublicKeyInfo(spki);
}

// ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters OPTIONAL,
// [1] publicKey BIT STRING OPTIONAL }: the public point is there when the key was written by
// OpenSSL (and every tool we know of).
bool readEcPrivate(QByteArrayView sequence, PublicKey *key)
{
    DerReader r { sequence };
    if (!r.take(kInteger) || !r.take(kOctetString))
        return false;
    key->kind = PublicKey::Kind::Ec;
    QByteArrayView field;
    if (r.nextTag() == kContext0 && r.take(kContext0, &field)) {
        DerReader p { field };
        QByteArrayView curve;
        if (p.take(kOid, &curve))
            key->curve = curve.toByteArray();
    }
    if (r.nextTag() == kContext1 && r.take(kContext1, &field)) {
        DerReader p { field };
        QByteArrayView bits;
        if (p.take(kBitString, &bits) && !bits.isEmpty() && bits.front() == 0)
            key->point = bits.sliced(1).toByteArray();
    }
    return true;
}

// A private key as QSslKey::toDer() gives it: PKCS #1 RSAPrivateKey, SEC 1 ECPrivateKey, or
// either wrapped in PKCS #8 PrivateKeyInfo, depending on the backend.
PublicKey privateKeyPublicHalf(const QByteArray &der)
{
    PublicKey key;
    DerReader outer { der };
    QByteArrayView sequence;
    if (!outer.take(kSequence, &sequence))
        return key;
    DerReader r { sequence };
    if (!r.take(kInteger))
        return key;
    switch (r.nextTag()) {
    case kInteger: // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... }
        readRsaPublic(r.rest, &key);
        break;
    case kOctetString: // ECPrivateKey, its version read already
        readEcPrivate(sequence, &key);
        break;
    case kSequence: { // PrivateKeyInfo ::= SEQUENCE { version, algorithm, privateKey OCTET STRING }
        QByteArrayView algorithm, inner, oid, curve, innerSequence;
        if (!r.take(kSequence, &algorithm) || !r.take(kOctetString, &inner))
            break;
        DerReader a { algorithm };
        if (!a.take(kOid, &oid))
            break;
        DerReader i { inner };
        if (!i.take(kSequence, &innerSequence))
            break;
        if (oid == kRsaOid) {
            DerReader k { innerSequence };
            if (k.take(kInteger))
                readRsaPublic(k.rest, &key);
        } else if (oid == kEcOid) {
            readEcPrivate(innerSequence, &key);
            if (key.curve.isEmpty() && a.take(kOid, &curve))
                key.curve = curve.toByteArray();
        } else {
            key.kind = PublicKey::Kind::Other;
        }
        break;
    }
    default:
        break;
    }
    return key;
}

QString dateText(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

bool readPem(const QString &file, const char *what, QByteArray *data, QString *error)
{
    const QFileInfo info(file);
    if (!info.exists()) {
        *error = QStringLiteral("the %1 file %2 does not exist").arg(QLatin1String(what), file);
        return false;
    }
    if (!info.isFile()) {
        *error = QStringLiteral("the %1 file %2 is not a file").arg(QLatin1String(what), file);
        return false;
    }
    if (info.size() > kMaxPemBytes) {
        *error = QStringLiteral("the %1 file %2 is too large (%3 bytes) to be PEM")
                     .arg(QLatin1String(what), file)
                     .arg(info.size());
        return false;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 file %2: %3")
                     .arg(QLatin1String(what), file, f.errorString());
        return false;
    }
    *data = f.readAll();
    return true;
}

} // namespace

TlsContext::TlsContext(QString certificateFile, QString keyFile, QByteArray passphrase)
    : m_certificateFile(std::move(certificateFile))
    , m_keyFile(std::move(keyFile))
    , m_passphrase(std::move(passphrase))
{
}

bool TlsContext::load(QString *error, const QDateTime &now)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("this Qt has no TLS backend (Qt's OpenSSL plugin and OpenSSL 3 are "
                                "needed to serve wss://)");
        return false;
    }
    const QString &certFile = m_certificateFile;
    const QString &keyFile = m_keyFile;
    QStringList warnings;

    // The certificate, and the chain after it.
    QByteArray certPem;
    if (!readPem(certFile, "certificate", &certPem, error))
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    const qsizetype blocks = certPem.count("-----BEGIN CERTIFICATE-----");
    if (chain.isEmpty()) {
        *error = certPem.contains("PRIVATE KEY-----")
            ? QStringLiteral("%1 holds a private key, not a certificate: are --cert and --key the "
                             "other way round?")
                  .arg(certFile)
            : QStringLiteral("%1 holds no certificate in PEM form (-----BEGIN CERTIFICATE-----); a "
                             "DER file converts with "
                             "openssl x509 -inform der -in FILE -out FILE.pem")
                  .arg(certFile);
        return false;
    }
    if (chain.size() != blocks) {
        *error = QStringLiteral("%1 holds %2 PEM certificates, but only %3 of them can be read")
                     .arg(certFile)
                     .arg(blocks)
                     .arg(chain.size());
        return false;
    }
    const QSslCertificate &leaf = chain.first();
    const PublicKey certKey = certificateKey(leaf.toDer());
    if (certKey.kind == PublicKey::Kind::Unreadable) {
        *error = QStringLiteral("the public key of the certificate in %1 cannot be read")
                     .arg(certFile);
        return false;
    }
    if (certKey.kind == PublicKey::Kind::Other) {
        *error = QStringLiteral("the certificate in %1 has a key that is neither RSA nor ECDSA "
                                "(Ed25519, DSA...): atiended serves RSA and "
                                "ECDSA certificates")
                     .arg(certFile);
        return false;
    }

    // In date: clients refuse a certificate out of its dates, so serving one helps nobody.
    if (now < leaf.effectiveDate()) {
        *error = QStringLiteral(
            "the certificate in %1 is not valid before %2 (is this machine's clock right?)")
                     .arg(certFile, dateText(leaf.effectiveDate()));
        return false;
    }
    if (now >= leaf.expiryDate()) {
        *error = QStringLiteral("the certificate in %1 expired on %2: renew it")
                     .arg(certFile, dateText(leaf.expiryDate()));
        return false;
    }
    const qint64 secondsLeft = now.secsTo(leaf.expiryDate());
    if (secondsLeft < qint64(kExpiryWarningDays) * 24 * 3600) {
        const qint64 days = secondsLeft / (24 * 3600);
        warnings << QStringLiteral("the certificate in %1 expires on %2, %3: renew it and send "
                                   "atiended SIGHUP (or restart it) to serve the new one")
                        .arg(certFile, dateText(leaf.expiryDate()),
                            days == 0       ? QStringLiteral("in less than a day")
                                : days == 1 ? QStringLiteral("in 1 day")
                                            : QStringLiteral("in %1 days").arg(days));
    }
    for (qsizetype i = 1; i < chain.size(); ++i) {
        const QSslCertificate &c = chain.at(i);
        if (chain.at(i - 1).issuerDisplayName() != c.subjectDisplayName())
            warnings << QStringLiteral("the certificates after the first in %1 should each be the "
                                       "issuer of the one before, but certificate %2 "
                                       "(%3) did not issue certificate %4 (issued by %5): clients "
                                       "may not be able to verify the chain")
                            .arg(certFile)
                            .arg(i + 1)
                            .arg(c.subjectDisplayName())
                            .arg(i)
                            .arg(chain.at(i - 1).issuerDisplayName());
        if (now >= c.expiryDate())
            warnings << QStringLiteral("certificate %1 of the chain in %2 (%3) expired on %4")
                            .arg(i + 1)
                            .arg(certFile, c.subjectDisplayName(), dateText(c.expiryDate()));
    }

    // The private key: of the certificate's kind, decrypted with the passphrase if it needs one.
    QByteArray keyPem;
    if (!readPem(keyFile, "key", &keyPem, error))
        return false;
    if (!keyPem.contains("PRIVATE KEY-----")) {
        *error = keyPem.contains("-----BEGIN CERTIFICATE-----")
            ? QStringLiteral("%1 holds a certificate, not a private key: are --cert and --key the "
                             "other way round?")
                  .arg(keyFile)
            : QStringLiteral("%1 holds no private key in PEM form (-----BEGIN PRIVATE KEY-----)")
                  .arg(keyFile);
        return false;
    }
    const bool encrypted = keyPem.contains("ENCRYPTED");
    if (encrypted && m_passphrase.isEmpty()) {
        *error = QStringLiteral("the private key in %1 is encrypted: put its passphrase in the "
                                "environment variable %2, or store it "
                                "decrypted (openssl pkey -in ENCRYPTED.pem -out KEY.pem) where "
                                "only atiended's user can read it")
                     .arg(keyFile, QLatin1String(kPassphraseVariable));
        return false;
    }
    const QSsl::KeyAlgorithm algorithm
        = certKey.kind == PublicKey::Kind::Rsa ? QSsl::Rsa : QSsl::Ec;
    const QSslKey key(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey, m_passphrase);
    if (key.isNull()) {
        const QSsl::KeyAlgorithm other = algorithm == QSsl::Rsa ? QSsl::Ec : QSsl::Rsa;
        if (encrypted)
            *error = QStringLiteral("the private key in %1 cannot be decrypted with the passphrase "
                                    "in %2 (or it is not an %3 key, as the "
                                    "certificate's is)")
                         .arg(keyFile, QLatin1String(kPassphraseVariable), kindName(certKey.kind));
        else if (!QSslKey(keyPem, other, QSsl::Pem, QSsl::PrivateKey).isNull())
            *error = QStringLiteral("the private key in %1 is not the certificate's: it is an %2 "
                                    "key, and the certificate in %3 has an %4 key")
                         .arg(keyFile,
                             kindName(certKey.kind == PublicKey::Kind::Rsa ? PublicKey::Kind::Ec
                                                                           : PublicKey::Kind::Rsa),
                             certFile, kindName(certKey.kind));
        else
            *error = QStringLiteral(
                "the private key in %1 cannot be read (an RSA or EC key in PEM form is expected)")
                         .arg(keyFile);
        return false;
    }
    const PublicKey keyHalf = privateKeyPublicHalf(key.toDer());
    bool matches = false;
    bool checked = true;
    if (certKey.kind == PublicKey::Kind::Rsa) {
        matches = keyHalf.kind == PublicKey::Kind::Rsa && keyHalf.modulus == certKey.modulus
            && keyHalf.exponent == certKey.exponent;
        checked = keyHalf.kind != PublicKey::Kind::Unreadable;
    } else {
        checked = keyHalf.kind == PublicKey::Kind::Ec && !keyHalf.point.isEmpty();
        matches = checked && keyHalf.point == certKey.point
            && (keyHalf.curve.isEmpty() || certKey.curve.isEmpty()
                || keyHalf.curve == certKey.curve);
    }
    if (!checked) {
        warnings << QStringLiteral("could not check that the private key in %1 belongs to the "
                                   "certificate in %2 (the key does not carry its "
                                   "public half); if it does not, every TLS handshake fails")
                        .arg(keyFile, certFile);
    } else if (!matches) {
        *error = QStringLiteral("the private key in %1 does not belong to the certificate in %2 "
                                "(the certificate's public key is another): "
                                "give the key the certificate was made for")
                     .arg(keyFile, certFile);
        return false;
    }
#if defined(Q_OS_UNIX)
    if (QFileInfo(keyFile).permissions() & QFileDevice::ReadOther)
        warnings << QStringLiteral("every user of this machine can read the private key %1: let "
                                   "only atiended's user (and group) read it, "
                                   "chmod 600 %1 (or 640)")
                        .arg(keyFile);
#endif

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(
        QSslSocket::VerifyNone); // consoles sign in with passwords, not client certificates

    m_chain = chain;
    m_configuration = configuration;
    m_sha256 = leaf.digest(QCryptographicHash::Sha256);
    m_warnings = warnings;
    return true;
}

QString TlsContext::fingerprintText(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QStringList TlsContext::names(const QSslCertificate &certificate)
{
    const auto alternatives = certificate.subjectAlternativeNames();
    QStringList out = alternatives.values(QSsl::DnsEntry);
    out += alternatives.values(QSsl::IpAddressEntry);
    if (out.isEmpty())
        out = certificate.subjectInfo(QSslCertificate::CommonName);
    out.removeDuplicates();
    return out;
}

} // namespace Atiende::Server
