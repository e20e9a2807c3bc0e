#pragma once
// Where the console keeps its session token between runs: the OS key store (QtKeychain:
// Keychain on macOS, Credential Manager on Windows, Secret Service on Linux), or a private
// file where no key store exists (the log says so). Asynchronous, because key stores are: a
// read answers through a callback from the event loop, so the connection goes on with its
// log-in when the token comes instead of waiting inside a socket's handler. Operations on one
// store take effect in the order they were asked for.

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace Atiende::Client {

class TokenStore
{
public:
    using Loaded = std::function<void(const QString &token)>;
    using Saved = std::function<void(bool stored)>;

    virtual ~TokenStore() = default;
    // The token kept for account (empty: none, or the key store did not answer within 5 s).
    // done runs once, never before load() returns, and not at all once context is destroyed.
    virtual void load(const QString &account, QObject *context, Loaded done) = 0;
    // Keeps token for account; done (when given) says whether it was kept, as load's does.
    virtual void save(
        const QString &account, const QString &token, QObject *context = nullptr, Saved done = {})
        = 0;
    // Forgets account's token; it completes on its own, even when this store is gone first.
    virtual void remove(const QString &account) = 0;
    virtual QString kind() const = 0; // "keychain", "file" or "memory" (or "probing"), for the log

    // load()'s answer, waited for: at once from the file and memory stores, in a local event
    // loop from a key store. Only for questions asked before any connection (is a session
    // remembered?); never from a socket's or a timer's handler.
    virtual QString loadBlocking(const QString &account);

    // The OS key store when it answers, else a file under dir (mode 0600). The key store is
    // asked once, without waiting: operations asked for meanwhile wait for its answer.
    static std::unique_ptr<TokenStore> create(const QString &fallbackDir);
    static std::unique_ptr<TokenStore> file(const QString &dir);
    // Kept in this process only: the session works (and resumes after a drop) until the
    // console exits, and nothing is written anywhere. For "do not remember me".
    static std::unique_ptr<TokenStore> memory();

protected:
    // Runs f from the event loop, unless context is gone by then (null: the application).
    static void later(QObject *context, std::function<void()> f);
};

} // namespace Atiende::Client
