#pragma once
// The directory as the cache holds it (customers, organisations, agents, groups, categories:
// one row per entity with its JSON and name), written only when newer, and every kind's names
// by id kept in memory once read: the queue and the tickets' search text ask for them by the
// thousand.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Atiende::Client {

class CacheDb;

class DirectoryRows
{
public:
    explicit DirectoryRows(CacheDb &db);

    // A server change of an entity (upsert or removal) when newer than what is held: 1 if
    // written, 0 if not, -1 on failure.
    int apply(const QString &kind, qint64 id, qint64 rev, bool upsert, const QJsonObject &data);
    // Every entity goes (a resync).
    bool clear();
    // The names held in memory go (after a rollback that may have undone some).
    void forgetNames() { m_names.clear(); }

    std::optional<QJsonObject> entity(const QString &kind, qint64 id);
    QJsonArray entities(const QString &kind);
    // Every entity of a kind by id -> name, without reading their JSON.
    const QHash<qint64, QString> &names(const QString &kind);
    QString nameOf(const QString &kind, qint64 id); // empty for 0 or unknown

private:
    CacheDb &m_db;
    QHash<QString, QHash<qint64, QString>> m_names;
};

} // namespace Atiende::Client
