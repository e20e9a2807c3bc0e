#pragma once
// Device tokens, after OWASP's "device cookies": every successful log-in gives the client a
// token bound to that user name and signed with a key of the desk (HMAC-SHA-256, libsodium).
// A log-in that presents a valid token for its user is throttled on that token alone, so
// someone who keeps guessing a user's password (which slows down every log-in of that user
// without a token) never locks the user's own consoles out. A token proves only that this
// client logged in as this user before; it is no credential and opens nothing by itself.
//
// Format (base64url, no padding): version 1 (1 byte) | issued at, ms (8 bytes, big endian) |
// nonce (16 bytes) | MAC over "atiende-device\0" + lower-cased user name + "\0" + the first
// 25 bytes (32 bytes).

#include <QByteArray>
#include <QString>

namespace Atiende::Server {

class DeviceTokens
{
public:
    static constexpr int kKeyBytes = 32;
    static constexpr qint64 kMaxAgeMs = 365LL * 24 * 3600 * 1000;
    static constexpr int kMaxTokenLength = 128; // characters; a token has 76

    explicit DeviceTokens(QByteArray key = {});
    bool isReady() const { return m_key.size() == kKeyBytes; }
    void setKey(const QByteArray &key) { m_key = key; }

    QString issue(const QString &user, qint64 now) const;
    // The token's id (its nonce in hex) when it is valid for this user and not too old; empty
    // otherwise (malformed, another user's, forged, expired).
    QString verify(const QString &token, const QString &user, qint64 now) const;

    static QByteArray newKey();

private:
    QByteArray mac(const QString &user, const QByteArray &head) const;
    QByteArray m_key;
};

} // namespace Atiende::Server
