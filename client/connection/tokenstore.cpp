#include "tokenstore.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTimer>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcToken, "atiende.auth")

namespace Atiende::Client {

namespace {

const QString kService = QStringLiteral("Atiende");

// QtKeychain's jobs are asynchronous; a token is tiny and read rarely, so wait for it.
template<typename Job>
bool runJob(Job &job)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit); // a key store that never answers
    job.start();
    loop.exec();
    return job.error() == QKeychain::NoError;
}

class KeychainStore final : public TokenStore
{
public:
    QString load(const QString &account) override
    {
        QKeychain::ReadPasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(account);
        return runJob(job) ? job.textData() : QString();
    }
    bool save(const QString &account, const QString &token) override
    {
        QKeychain::WritePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(account);
        job.setTextData(token);
        return runJob(job);
    }
    void remove(const QString &account) override
    {
        QKeychain::DeletePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(account);
        runJob(job);
    }
    QString kind() const override { return QStringLiteral("keychain"); }
};

class FileStore final : public TokenStore
{
public:
    explicit FileStore(QString dir) : m_path(QDir(dir).filePath(QStringLiteral("tokens.json"))) { QDir().mkpath(dir); }
    QString load(const QString &account) override { return read().value(account).toString(); }
    bool save(const QString &account, const QString &token) override
    {
        QJsonObject all = read();
        all.insert(account, token);
        return write(all);
    }
    void remove(const QString &account) override
    {
        QJsonObject all = read();
        all.remove(account);
        write(all);
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
    QString load(const QString &account) override { return m_tokens.value(account); }
    bool save(const QString &account, const QString &token) override
    {
        m_tokens.insert(account, token);
        return true;
    }
    void remove(const QString &account) override { m_tokens.remove(account); }
    QString kind() const override { return QStringLiteral("memory"); }

private:
    QHash<QString, QString> m_tokens;
};

} // namespace

std::unique_ptr<TokenStore> TokenStore::memory() { return std::make_unique<MemoryStore>(); }

std::unique_ptr<TokenStore> TokenStore::file(const QString &dir) { return std::make_unique<FileStore>(dir); }

std::unique_ptr<TokenStore> TokenStore::create(const QString &fallbackDir)
{
    if (qEnvironmentVariableIsEmpty("ATIENDE_NO_KEYCHAIN")) {
        // Probe: a read of a key that does not exist answers EntryNotFound from a working
        // key store, and NoBackendAvailable / an access error where there is none.
        QKeychain::ReadPasswordJob probe(kService);
        probe.setAutoDelete(false);
        probe.setKey(QStringLiteral("atiende-probe"));
        runJob(probe);
        if (probe.error() == QKeychain::NoError || probe.error() == QKeychain::EntryNotFound)
            return std::make_unique<KeychainStore>();
        qCWarning(lcToken).noquote() << "no OS key store available (" << probe.errorString()
                                     << "); keeping the session token in a private file under" << fallbackDir;
    }
    return std::make_unique<FileStore>(fallbackDir);
}

} // namespace Atiende::Client
