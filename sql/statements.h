#pragma once
// One implementation of what every user of SQL here needs on a connection: prepared statements
// kept for reuse (bounded, least recently used first out), and the few ways to run one (rows,
// an effect, one value, a new id, a count of changed rows) with the binding rules they share.
// The server's store (SqlContext, which adds the engine's dialect) and the console's offline
// cache both work through it. It belongs to the thread that opened the connection.

#include <QList>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <unordered_map>

namespace Atiende::Sql {

// Binds values positionally. A null QString would bind as SQL NULL; text columns want '' for
// "nothing", so it binds as an empty string. An invalid QVariant (QVariant()) binds as NULL.
void bindAll(QSqlQuery &query, const QVariantList &values);

class Statements
{
public:
    // Where failures are logged: the category of the library using the connection (the
    // function Q_DECLARE_LOGGING_CATEGORY declares, such as lcStore).
    using LogCategory = QMessageLogger::CategoryFunction;

    Statements(QSqlDatabase db, LogCategory log);
    ~Statements();
    Statements(const Statements &) = delete;
    Statements &operator=(const Statements &) = delete;

    QSqlDatabase &db() { return m_db; }

    // A prepared statement for this SQL, reused across calls. Bind positionally with
    // addBindValue() or by name, then exec(). The reference stays valid while the statement is
    // active (being read); the cache keeps at most kMaxStatements and lets the least recently
    // used inactive ones go, so SQL built per request can never grow it without bound. SQL that
    // fails to prepare is logged and not kept (the next call prepares it again); its exec()
    // fails.
    QSqlQuery &prepared(const QString &sql);
    static constexpr int kMaxStatements = 256;
    int cachedStatements() const { return int(m_statements.size()); }
    // Lets every cached statement go (before the schema changes under them, or the connection
    // closes). No statement may be in use.
    void clear();

    // A list bound as one parameter: a JSON array of numbers or of strings, for SQL that reads
    // it back as a set (the server's Dialect::idSetSql() / textSetSql()).
    static QString idSet(const QList<qint64> &ids);
    static QString textSet(const QStringList &values);

    // Runs a prepared statement with positional values (bindAll's rules); nullptr (and logs)
    // on failure. The result stays readable until the next use of the same SQL.
    QSqlQuery *run(const QString &sql, const QVariantList &values = {});
    // Runs a statement for its effect; false (and logs) on failure.
    bool exec(const QString &sql, const QVariantList &values = {});
    // The first column of the first row, or an invalid QVariant (no row, or a failure).
    QVariant scalar(const QString &sql, const QVariantList &values = {});
    // Runs an INSERT ... RETURNING id and gives the new id (0 on failure).
    qint64 insert(const QString &sql, const QVariantList &values);
    // Runs a statement for its effect and gives how many rows it changed (-1 on failure).
    int changedRows(const QString &sql, const QVariantList &values = {});

    // The last failure of run() and what uses it (or what the owner set).
    QString lastError() const { return m_lastError; }
    void setLastError(const QString &error) { m_lastError = error; }

private:
    struct Statement
    {
        QSqlQuery query;
        quint64 lastUse = 0;
    };
    void evict();

    QSqlDatabase m_db;
    LogCategory m_log;
    std::unordered_map<QString, std::unique_ptr<Statement>> m_statements;
    // The last statement that failed to prepare: prepared() hands it out, the cache keeps it
    // not.
    std::unique_ptr<QSqlQuery> m_unprepared;
    quint64 m_uses = 0;
    QString m_lastError;
};

} // namespace Atiende::Sql
