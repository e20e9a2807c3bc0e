#pragma once
// One database connection with its dialect and a cache of prepared statements. Every store
// class works through one of these; it belongs to the thread that opened it.

#include "dialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <unordered_map>

namespace Atiende::Server {

class SqlContext
{
public:
    SqlContext(QSqlDatabase db, const Dialect *dialect);
    ~SqlContext();
    SqlContext(const SqlContext &) = delete;
    SqlContext &operator=(const SqlContext &) = delete;

    QSqlDatabase &db() { return m_db; }
    const Dialect &dialect() const { return *m_dialect; }

    // A prepared statement for this SQL, reused across calls. Bind positionally with
    // addBindValue() or by name, then exec(). The reference stays valid while the statement is
    // active (being read); the cache keeps at most kMaxStatements and lets the least recently
    // used inactive ones go, so SQL built per request can never grow it without bound.
    QSqlQuery &prepared(const QString &sql);
    static constexpr int kMaxStatements = 256;
    int cachedStatements() const { return int(m_statements.size()); }

    // A list bound as one parameter of Dialect::idSetSql() / textSetSql().
    static QString idSet(const QList<qint64> &ids);
    static QString textSet(const QStringList &values);

    // Runs a prepared statement with positional values; nullptr (and logs) on failure. The
    // result stays readable until the next use of the same SQL.
    QSqlQuery *run(const QString &sql, const QVariantList &values = {});
    // Runs a statement for its effect; false (and logs) on failure.
    bool exec(const QString &sql, const QVariantList &values = {});
    // The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &values = {});
    // Runs an INSERT ... RETURNING id and gives the new id (0 on failure).
    qint64 insert(const QString &sql, const QVariantList &values);

    QString lastError() const { return m_lastError; }
    void setLastError(const QString &error) { m_lastError = error; }

private:
    QSqlDatabase m_db;
    const Dialect *m_dialect;
    struct Statement
    {
        QSqlQuery query;
        quint64 lastUse = 0;
    };
    void evict();
    std::unordered_map<QString, std::unique_ptr<Statement>> m_statements;
    quint64 m_uses = 0;
    QString m_lastError;
};

// Nulls for ids and instants that are "none" (0), so foreign keys and indexes stay honest.
QVariant nullableId(qint64 id);

} // namespace Atiende::Server
