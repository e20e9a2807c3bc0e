#include "tokenstore.h"

#include "client/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <vector>

namespace Atiende::Client {

namespace {

const QString kService = QStringLiteral("Atiende");
constexpr int kKeyStoreTimeoutMs = 5000; // a key store that never answers

struct JobResult
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString = QStringLiteral("The key store did not answer.");
    QString text;
    bool ok() const { return error == QKeychain::NoError; }
};

// Starts a QtKeychain job (it deletes itself once finished; QtKeychain runs one job at a time,
// in the order started) and calls done once with what it said, from the event loop: when it
// finishes, or with an error after kKeyStoreTimeoutMs; never once context (when given) is gone.
void runJob(QKeychain::Job *job, QObject *context, std::function<void(const JobResult &)> done)
{
    const QPointer<QObject> guard(context);
    const bool guarded = context != nullptr;
    auto answered = std::make_shared<bool>(false);
    auto deliver = [guard, guarded, answered, done](const JobResult &result) {
        if (std::exchange(*answered, true) || (guarded && !guard) || !done)
            return;
        done(result);
    };
    QObject::connect(
        job, &QKeychain::Job::finished, job, [deliver, guard, guarded](QKeychain::Job *j) {
            JobResult result;
            result.error = j->error();
            result.errorString = j->errorString();
            if (const auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
                result.text = read->textData();
            // The job is deleted after this signal: take what it said, answer from the event loop.
            QObject *target = guarded ? guard.data() : QCoreApplication::instance();
            if (target)
                QMetaObject::invokeMethod(
                    target, [deliver, result] { deliver(result); }, Qt::QueuedConnection);
        });
    QTimer::singleShot(
        kKeyStoreTimeoutMs, context ? context : job, [deliver] { deliver(JobResult()); });
    job->start();
}

class KeychainStore final : public TokenStore
{
public:
    void load(const QString &account, QObject *context, Loaded done) override
    {
        auto *job = new QKeychain::ReadPasswordJob(kService); // deletes itself when finished
        job->setKey(account);
        runJob(job, context, [done = std::move(done)](const JobResult &r) {
            if (!r.ok() && r.error != QKeychain::EntryNotFound)
                qCWarning(lcToken).noquote()
                    << "could not read the session token from the key store:" << r.errorString;
            done(r.ok() ? r.text : QString());
        });
    }
    void save(const QString &account, const QString &token, QObject *context, Saved done) override
    {
        auto *job = new QKeychain::WritePasswordJob(kService);
        job->setKey(account);
        job->setTextData(token);
        runJob(job, context, [done = std::move(done)](const JobResult &r) {
            if (done)
                done(r.ok());
        });
    }
    void remove(const QString &account) override
    {
        auto *job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(account);
        runJob(job, nullptr, {});
    }
    QString kind() const override { return QStringLiteral("keychain"); }
};

class FileStore final : public TokenStore
{
public:
    explicit FileStore(QString dir)
        : m_path(QDir(dir).filePath(QStringLiteral("tokens.json")))
    {
        QDir().mkpath(dir);
    }
    void load(const QString &account, QObject *context, Loaded done) override
    {
        later(context,
            [token = read().value(account).toString(), done = std::move(done)] { done(token); });
    }
    void save(const QString &account, const QString &token, QObject *context, Saved done) override
    {
        QJsonObject all = read();
        all.insert(account, token);
        const bool stored = write(all);
        if (done)
            later(context, [stored, done = std::move(done)] { done(stored); });
    }
    void remove(const QString &account) override
    {
        QJsonObject all = read();
        all.remove(account);
        write(all);
    }
    QString loadBlocking(const QString &account) override
    {
        return read().value(account).toString();
    }
    QString kind() const override { return QStringLiteral("file"); }

private:
    QJsonObject read() const
    {
        QFile f(m_path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }
    bool write(const QJsonObject &all) const
    {
        QSaveFile f(m_path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(QJsonDocument(all).toJson(QJsonDocument::Compact));
        return f.commit();
    }
    QString m_path;
};

class MemoryStore final : public TokenStore
{
public:
    void load(const QString &account, QObject *context, Loaded done) override
    {
        later(context, [token = m_tokens.value(account), done = std::move(done)] { done(token); });
    }
    void save(const QString &account, const QString &token, QObject *context, Saved done) override
    {
        m_tokens.insert(account, token);
        if (done)
            later(context, [done = std::move(done)] { done(true); });
    }
    void remove(const QString &account) override { m_tokens.remove(account); }
    QString loadBlocking(const QString &account) override { return m_tokens.value(account); }
    QString kind() const override { return QStringLiteral("memory"); }

private:
    QHash<QString, QString> m_tokens;
};

// The key store if it answers a probe, else the file; what is asked before the probe's answer
// waits for it, in order. The choice and the queue outlive this object, so a remove() asked
// just before it is destroyed still happens.
class KeychainOrFileStore final : public TokenStore
{
public:
    explicit KeychainOrFileStore(const QString &fallbackDir)
        : m_shared(std::make_shared<Shared>())
    {
        // A read of a key that does not exist answers EntryNotFound from a working key store,
        // and NoBackendAvailable / an access error where there is none.
        auto *probe = new QKeychain::ReadPasswordJob(kService);
        probe->setKey(QStringLiteral("atiende-probe"));
        runJob(probe, nullptr, [shared = m_shared, fallbackDir](const JobResult &r) {
            if (r.ok() || r.error == QKeychain::EntryNotFound) {
                shared->chosen = std::make_unique<KeychainStore>();
            } else {
                qCWarning(lcToken).noquote()
                    << "no OS key store available (" << r.errorString
                    << "); keeping the session token in a private file under" << fallbackDir;
                shared->chosen = TokenStore::file(fallbackDir);
            }
            for (const auto &op : std::exchange(shared->waiting, {}))
                op(*shared->chosen);
        });
    }
    void load(const QString &account, QObject *context, Loaded done) override
    {
        const QPointer<QObject> guard(context);
        whenChosen(
            [account, guard, guarded = context != nullptr, done = std::move(done)](TokenStore &s) {
                if (!guarded || guard)
                    s.load(account, guard, done);
            });
    }
    void save(const QString &account, const QString &token, QObject *context, Saved done) override
    {
        const QPointer<QObject> guard(context);
        whenChosen([account, token, guard, guarded = context != nullptr, done = std::move(done)](
                       TokenStore &s) {
            s.save(account, token, guard, guarded && !guard ? Saved() : done);
        });
    }
    void remove(const QString &account) override
    {
        whenChosen([account](TokenStore &s) { s.remove(account); });
    }
    QString loadBlocking(const QString &account) override
    {
        if (m_shared->chosen && m_shared->waiting.empty())
            return m_shared->chosen->loadBlocking(account);
        return TokenStore::loadBlocking(account);
    }
    QString kind() const override
    {
        return m_shared->chosen ? m_shared->chosen->kind() : QStringLiteral("probing");
    }

private:
    struct Shared
    {
        std::unique_ptr<TokenStore> chosen;
        std::vector<std::function<void(TokenStore &)>> waiting;
    };
    void whenChosen(std::function<void(TokenStore &)> op)
    {
        if (m_shared->chosen)
            op(*m_shared->chosen);
        else
            m_shared->waiting.push_back(std::move(op));
    }
    std::shared_ptr<Shared> m_shared;
};

} // namespace

void TokenStore::later(QObject *context, std::function<void()> f)
{
    QObject *target = context ? context : QCoreApplication::instance();
    if (target)
        QMetaObject::invokeMethod(target, std::move(f), Qt::QueuedConnection);
}

QString TokenStore::loadBlocking(const QString &account)
{
    QEventLoop loop;
    QString token;
    load(account, &loop, [&](const QString &t) {
        token = t;
        loop.quit();
    });
    loop.exec(); // load() never answers before it returns, and always answers (a timeout at worst)
    return token;
}

std::unique_ptr<TokenStore> TokenStore::memory()
{
    return std::make_unique<MemoryStore>();
}

std::unique_ptr<TokenStore> TokenStore::file(const QString &dir)
{
    return std::make_unique<FileStore>(dir);
}

std::unique_ptr<TokenStore> TokenStore::create(const QString &fallbackDir)
{
    if (qEnvironmentVariableIsEmpty("ATIENDE_NO_KEYCHAIN"))
        return std::make_unique<KeychainOrFileStore>(fallbackDir);
    return std::make_unique<FileStore>(fallbackDir);
}

} // namespace Atiende::Client
