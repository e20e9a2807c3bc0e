#include "devicetokens.h"

#include <QtEndian>

#include <sodium.h>

namespace Atiende::Server {

namespace {
constexpr int kHeadBytes = 1 + 8 + 16;
constexpr int kTokenBytes = kHeadBytes + crypto_auth_hmacsha256_BYTES;
constexpr char kVersion = 1;
} // namespace

DeviceTokens::DeviceTokens(QByteArray key)
    : m_key(std::move(key))
{
}

QByteArray DeviceTokens::newKey()
{
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

QByteArray DeviceTokens::mac(const QString &user, const QByteArray &head) const
{
    QByteArray message("atiende-device");
    message.append('\0');
    message.append(user.toLower().toUtf8());
    message.append('\0');
    message.append(head);
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(out.data()),
        reinterpret_cast<const unsigned char *>(message.constData()), quint64(message.size()),
        reinterpret_cast<const unsigned char *>(m_key.constData()));
    return out;
}

QString DeviceTokens::issue(const QString &user, qint64 now) const
{
    if (!isReady())
        return QString();
    QByteArray head(kHeadBytes, Qt::Uninitialized);
    head[0] = kVersion;
    qToBigEndian<qint64>(now, head.data() + 1);
    randombytes_buf(head.data() + 9, 16);
    return QString::fromLatin1(
        (head + mac(user, head))
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString DeviceTokens::verify(const QString &token, const QString &user, qint64 now) const
{
    if (!isReady() || token.isEmpty() || token.size() > kMaxTokenLength)
        return QString();
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kTokenBytes || decoded.decoded.at(0) != kVersion)
        return QString();
    const QByteArray head = decoded.decoded.left(kHeadBytes);
    const QByteArray expected = mac(user, head);
    if (sodium_memcmp(
            expected.constData(), decoded.decoded.constData() + kHeadBytes, size_t(expected.size()))
        != 0)
        return QString();
    const qint64 issued = qFromBigEndian<qint64>(head.constData() + 1);
    if (issued > now + 60000 || now - issued > kMaxAgeMs)
        return QString();
    return QString::fromLatin1(head.mid(9, 16).toHex());
}

} // namespace Atiende::Server
