#pragma once
// The mail channel's secrets, from one key kept in the data folder (mail.key, 32 random bytes,
// readable by the server's user only, made on first use): mailbox passwords are sealed with it
// before they reach the database (XSalsa20-Poly1305, libsodium's secretbox, a fresh nonce
// each time), and the key that signs our Message-ID tokens is derived from it. A copy of the
// database alone gives away no password; a lost key means entering the passwords again.

#include <QByteArray>
#include <QString>

#include <optional>

namespace Atiende::Server::Mail {

class MailSecrets
{
public:
    // The key file beside the database (databasePath's folder / "mail.key"). Made when missing.
    static std::optional<MailSecrets> forDatabase(const QString &databasePath, QString *error);
    static std::optional<MailSecrets> open(const QString &keyPath, QString *error);

    QString seal(const QString &secret) const; // base64 text for the database
    std::optional<QString> unseal(const QString &sealed) const; // nullopt: not sealed with this key
    QByteArray tokenKey() const; // for Core::Mail::MessageToken
    QString loopId() const; // this desk's X-Atiende-Loop value (stable, not secret)

private:
    QByteArray m_sealKey;
    QByteArray m_tokenKey;
    QString m_loopId;
};

} // namespace Atiende::Server::Mail
