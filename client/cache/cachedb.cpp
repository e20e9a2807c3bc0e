#include "cachedb.h"

#include "client/logging.h"

#include <QAtomicInteger>
#include <QSqlDatabase>

namespace Atiende::Client {

namespace {
QAtomicInteger<quint64> s_connections;
}

QString CacheDb::connectionName(const QString &prefix)
{
    return QStringLiteral("%1-%2").arg(prefix).arg(s_connections.fetchAndAddRelaxed(1));
}

CacheDb::CacheDb(const QString &path)
    : CacheDb(path, connectionName(QStringLiteral("atiende-cache")))
{
}

CacheDb::CacheDb(const QString &path, const QString &connection)
    : Sql::Statements(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection), lcCache)
    , m_connection(connection)
{
    db().setDatabaseName(path);
}

CacheDb::~CacheDb()
{
    clear(); // statements before their connection
    if (db().isOpen())
        db().close();
    db() = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool CacheDb::begin()
{
    return db().transaction();
}

bool CacheDb::commit()
{
    const bool ok = db().commit();
    if (m_durable) {
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        m_durable = false;
    }
    return ok;
}

void CacheDb::rollback()
{
    db().rollback();
    if (m_durable) {
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        m_durable = false;
    }
}

bool CacheDb::beginEdit()
{
    // An edit the agent made must survive a power cut the moment it shows on screen.
    m_durable = exec(QStringLiteral("PRAGMA synchronous=FULL"));
    return begin();
}

QString CacheDb::meta(const QString &key)
{
    return scalar(QStringLiteral("SELECT value FROM meta WHERE key = ?"), { key }).toString();
}

bool CacheDb::setMeta(const QString &key, const QString &value)
{
    return exec(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO "
                               "UPDATE SET value = excluded.value"),
        { key, value });
}

qint64 CacheDb::revision()
{
    return scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
        .toString()
        .toLongLong();
}

bool CacheDb::setRevision(qint64 revision)
{
    return setMeta(QStringLiteral("revision"), QString::number(revision));
}

int CacheDb::count(const QString &what)
{
    if (what == QLatin1String("tickets") || what == QLatin1String("articles")
        || what == QLatin1String("kb") || what == QLatin1String("outbox")
        || what == QLatin1String("conflicts"))
        return scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(what))
            .toInt(); // a fixed table name, never user text
    return scalar(QStringLiteral("SELECT COUNT(*) FROM entities WHERE entity = ?"), { what })
        .toInt();
}

} // namespace Atiende::Client
