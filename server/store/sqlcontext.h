#pragma once
// One database connection with its dialect and a cache of prepared statements. Every store
// class works through one of these; it belongs to the thread that opened it.

#include "dialect.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

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
    // addBindValue() or by name, then exec().
    QSqlQuery &prepared(const QString &sql);

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
    QHash<QString, QSqlQuery> m_statements;
    QString m_lastError;
};

// Nulls for ids and instants that are "none" (0), so foreign keys and indexes stay honest.
QVariant nullableId(qint64 id);

} // namespace Atiende::Server
