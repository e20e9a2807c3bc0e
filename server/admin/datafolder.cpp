#include "datafolder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimeZone>

namespace Atiende::Server {

namespace {
constexpr char kLockFile[] = "atiended.lock";
constexpr char kRunFile[] = "atiended.run";
constexpr char kAdminFile[] = "atiended.admin";
constexpr char kDatabaseFile[] = "atiende.db";

bool writePrivate(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    // Owner only before a byte is written: the admin token is as good as the database.
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (f.write(content) != content.size() || !f.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}
} // namespace

DataFolder::DataFolder(QString path)
    : m_path(QDir(path).absolutePath())
{
}

DataFolder::~DataFolder()
{
    unlock();
}

QString DataFolder::filePath(const char *name) const
{
    return QDir(m_path).filePath(QLatin1String(name));
}

QString DataFolder::databasePath() const
{
    return filePath(kDatabaseFile);
}

QString DataFolder::filesPath() const
{
    return filePath("files");
}

bool DataFolder::hasDatabase() const
{
    return QFileInfo::exists(databasePath());
}

bool DataFolder::tryLock(QString *error)
{
    if (isLocked())
        return true;
    if (!QDir().mkpath(m_path)) {
        *error = QStringLiteral("cannot create the data folder %1").arg(m_path);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(filePath(kLockFile));
    // A lock is stale only when its holder is gone (a dead pid on this host), never by age:
    // a server holds it for months.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return true;
    switch (m_lock->error()) {
    case QLockFile::LockFailedError:
        *error = describeHolder();
        break;
    case QLockFile::PermissionError:
        *error = QStringLiteral("cannot create %1: permission denied").arg(filePath(kLockFile));
        break;
    default:
        *error = QStringLiteral("cannot lock the data folder %1").arg(m_path);
        break;
    }
    m_lock.reset();
    return false;
}

void DataFolder::unlock()
{
    if (m_lock)
        m_lock->unlock();
    m_lock.reset();
}

std::optional<DataFolder::Holder> DataFolder::holder() const
{
    QLockFile probe(filePath(kLockFile));
    Holder h;
    if (!QFileInfo::exists(filePath(kLockFile)) || !probe.getLockInfo(&h.pid, &h.host, &h.program))
        return std::nullopt;
    return h;
}

QString DataFolder::describeHolder() const
{
    const auto h = holder();
    if (!h)
        return QStringLiteral("another process is using the data folder %1").arg(m_path);
    QString error;
    const bool serving = runningServer(&error).has_value();
    return QStringLiteral("another %1 (pid %2 on %3) %4 the data folder %5")
        .arg(h->program.isEmpty() ? QStringLiteral("program") : h->program)
        .arg(h->pid)
        .arg(h->host.isEmpty() ? QStringLiteral("this host") : h->host)
        .arg(serving ? QStringLiteral("serves") : QStringLiteral("is using"))
        .arg(m_path);
}

bool DataFolder::publish(const Endpoint &endpoint, QString *error)
{
    const QJsonObject run { { QStringLiteral("pid"), double(endpoint.pid) },
        { QStringLiteral("url"), endpoint.url.toString() },
        { QStringLiteral("certificateSha256"),
            QString::fromLatin1(endpoint.certificateSha256.toHex()) },
        { QStringLiteral("startedAt"),
            QDateTime::fromMSecsSinceEpoch(endpoint.startedAt, Qt::UTC)
                .toString(Qt::ISODateWithMs) } };
    // The token first: a reader that finds the run file finds the token too.
    return writePrivate(filePath(kAdminFile), endpoint.adminToken.toUtf8() + '\n', error)
        && writePrivate(filePath(kRunFile), QJsonDocument(run).toJson(), error);
}

void DataFolder::unpublish()
{
    QFile::remove(filePath(kRunFile));
    QFile::remove(filePath(kAdminFile));
}

std::optional<DataFolder::Endpoint> DataFolder::runningServer(QString *error) const
{
    const auto h = holder();
    if (!h) {
        *error = QStringLiteral("no atiended serves %1").arg(m_path);
        return std::nullopt;
    }
    QFile runFile(filePath(kRunFile));
    if (!runFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("atiended (pid %1) holds %2 but is not serving yet, or another "
                                "command is running; try again in a moment")
                     .arg(h->pid)
                     .arg(m_path);
        return std::nullopt;
    }
    const QJsonObject run = QJsonDocument::fromJson(runFile.readAll()).object();
    Endpoint e;
    e.pid = run.value(QStringLiteral("pid")).toInteger();
    e.url = QUrl(run.value(QStringLiteral("url")).toString());
    e.certificateSha256
        = QByteArray::fromHex(run.value(QStringLiteral("certificateSha256")).toString().toLatin1());
    e.startedAt = QDateTime::fromString(
        run.value(QStringLiteral("startedAt")).toString(), Qt::ISODateWithMs)
                      .toMSecsSinceEpoch();
    if (e.pid != h->pid || !e.url.isValid()) {
        // A run file left by a server that died; the lock's holder is someone else.
        *error = QStringLiteral(
            "another atiended command (pid %1) is using %2; try again when it ends")
                     .arg(h->pid)
                     .arg(m_path);
        return std::nullopt;
    }
    QFile adminFile(filePath(kAdminFile));
    if (!adminFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral(
            "atiended (pid %1) serves %2, but its administration token %3 cannot be read: %4")
                     .arg(e.pid)
                     .arg(m_path, adminFile.fileName(), adminFile.errorString());
        return std::nullopt;
    }
    e.adminToken = QString::fromUtf8(adminFile.readAll()).trimmed();
    return e;
}

} // namespace Atiende::Server
