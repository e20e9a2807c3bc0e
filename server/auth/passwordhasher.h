#pragma once
// Password hashing with Argon2id (libsodium's crypto_pwhash_str, interactive limits), and the
// random session tokens handed to clients (only their hash is stored).

#include <QByteArray>
#include <QString>

namespace Atiende::Server {

class PasswordHasher
{
public:
    static bool initialise(); // sodium_init; false if the library cannot start
    static QString hash(const QString &password); // empty on failure (out of memory)
    // Constant-time with respect to the password. An empty or malformed hash never verifies.
    static bool verify(const QString &hash, const QString &password);
    // A hash to verify against when the user does not exist, so a wrong user name costs the
    // same time as a wrong password and names cannot be probed.
    static const QString &dummyHash();

    static QString newToken(); // 256 random bits, base64url
    static QString tokenHash(const QString &token); // BLAKE2b-256, hex
};

} // namespace Atiende::Server
