#include "mailsecrets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sodium.h>

namespace Atiende::Server::Mail {

namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES] = { 'a', 't', 'd', 'm', 'a', 'i', 'l', '1' };

// A subkey of `bytes` (libsodium derives 16 to 64 bytes; a shorter one is cut from 16).
QByteArray derive(const QByteArray &master, quint64 id, int bytes)
{
    const int made = qBound(int(crypto_kdf_BYTES_MIN), bytes, int(crypto_kdf_BYTES_MAX));
    QByteArray out(made, '\0');
    if (crypto_kdf_derive_from_key(reinterpret_cast<unsigned char *>(out.data()), size_t(made), id,
            kContext, reinterpret_cast<const unsigned char *>(master.constData()))
        != 0)
        qFatal("atiende: libsodium refused to derive a mail key");
    return out.left(bytes);
}

} // namespace

std::optional<MailSecrets> MailSecrets::forDatabase(const QString &databasePath, QString *error)
{
    return open(QFileInfo(databasePath).dir().filePath(QStringLiteral("mail.key")), error);
}

std::optional<MailSecrets> MailSecrets::open(const QString &keyPath, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium cannot start");
        return std::nullopt;
    }
    QByteArray master;
    QFile existing(keyPath);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(keyPath, existing.errorString());
            return std::nullopt;
        }
        master = existing.readAll();
        if (master.size() != crypto_kdf_KEYBYTES) {
            *error = QStringLiteral("%1 is not a mail key (%2 bytes, not %3)")
                         .arg(keyPath)
                         .arg(master.size())
                         .arg(crypto_kdf_KEYBYTES);
            return std::nullopt;
        }
    } else {
        master.resize(crypto_kdf_KEYBYTES);
        crypto_kdf_keygen(reinterpret_cast<unsigned char *>(master.data()));
        QSaveFile f(keyPath);
        if (!f.open(QIODevice::WriteOnly)
            || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || f.write(master) != master.size() || !f.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(keyPath, f.errorString());
            return std::nullopt;
        }
    }
    MailSecrets s;
    s.m_sealKey = derive(master, 1, crypto_secretbox_KEYBYTES);
    s.m_tokenKey = derive(master, 2, 32);
    s.m_loopId = QString::fromLatin1(derive(master, 3, 8).toHex());
    sodium_memzero(master.data(), size_t(master.size()));
    return s;
}

QString MailSecrets::seal(const QString &secret) const
{
    const QByteArray plain = secret.toUtf8();
    QByteArray out(
        crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
        reinterpret_cast<const unsigned char *>(plain.constData()), size_t(plain.size()), nonce,
        reinterpret_cast<const unsigned char *>(m_sealKey.constData()));
    return QString::fromLatin1(out.toBase64());
}

std::optional<QString> MailSecrets::unseal(const QString &sealed) const
{
    if (sealed.isEmpty())
        return QString();
    const QByteArray in = QByteArray::fromBase64(sealed.toLatin1());
    if (in.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return std::nullopt;
    const auto *nonce = reinterpret_cast<const unsigned char *>(in.constData());
    QByteArray plain(
        in.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
            nonce + crypto_secretbox_NONCEBYTES, size_t(in.size() - crypto_secretbox_NONCEBYTES),
            nonce, reinterpret_cast<const unsigned char *>(m_sealKey.constData()))
        != 0)
        return std::nullopt;
    return QString::fromUtf8(plain);
}

QByteArray MailSecrets::tokenKey() const
{
    return m_tokenKey;
}

QString MailSecrets::loopId() const
{
    return m_loopId;
}

} // namespace Atiende::Server::Mail
