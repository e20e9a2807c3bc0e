#pragma once
// Where the console keeps its session token between runs: the OS key store (QtKeychain:
// Keychain on macOS, Credential Manager on Windows, Secret Service on Linux), or a private
// file where no key store exists (the log says so). Small and synchronous on purpose: a
// token is read once at start and written once per log-in.

#include <QString>
#include <memory>

namespace Atiende::Client {

class TokenStore
{
public:
    virtual ~TokenStore() = default;
    virtual QString load(const QString &account) = 0;
    virtual bool save(const QString &account, const QString &token) = 0;
    virtual void remove(const QString &account) = 0;
    virtual QString kind() const = 0; // "keychain", "file" or "memory", for the log

    // The OS key store when it answers, else a file under dir (mode 0600).
    static std::unique_ptr<TokenStore> create(const QString &fallbackDir);
    static std::unique_ptr<TokenStore> file(const QString &dir);
    // Kept in this process only: the session works (and resumes after a drop) until the
    // console exits, and nothing is written anywhere. For "do not remember me".
    static std::unique_ptr<TokenStore> memory();
};

} // namespace Atiende::Client
