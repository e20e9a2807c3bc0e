#pragma once
// The one connection to a cache file that every part of the offline cache works through: the
// statement cache and helpers shared with the server (sql/statements.h), the transactions (an
// edit the agent made commits durably), and the meta table of small values (the revision, the
// next temporary id, the unread baseline, the agent's settings). One per LocalCache; the parts
// hold a reference to it. It adds a connection of its own and removes it when it goes.

#include "sql/statements.h"

#include <QString>

namespace Atiende::Client {

class CacheDb : public Sql::Statements
{
public:
    // A connection to the file at path, not opened yet.
    explicit CacheDb(const QString &path);
    ~CacheDb();

    // A name for a connection of the cache's own, unique in the process.
    static QString connectionName(const QString &prefix);

    bool begin();
    bool beginEdit(); // a transaction that is durable (fsynced) when it commits
    bool commit();
    void rollback();

    QString meta(const QString &key);
    bool setMeta(const QString &key, const QString &value);
    // The last server revision the cache holds everything up to.
    qint64 revision();
    bool setRevision(qint64 revision);

    // Rows of one of the cache's tables ("tickets", "articles", "kb", "outbox", "conflicts"),
    // or the entities of a kind.
    int count(const QString &what);

private:
    CacheDb(const QString &path, const QString &connection);

    QString m_connection;
    bool m_durable = false;
};

} // namespace Atiende::Client
