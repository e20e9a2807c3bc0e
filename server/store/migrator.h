#pragma once
// Applies the numbered schema migrations (NNNN_what.sql, plus NNNN_what.<engine>.sql for
// engine-only parts) in order, each in its own transaction, and records them in
// schema_migrations. A database written by a newer atiended is refused, never touched.

#include <QString>
#include <QStringList>

namespace Atiende::Server {

class SqlContext;

class Migrator
{
public:
    struct Step
    {
        int version;
        QString name;
        QString portable;
        QString engineOnly;
    };

    // The migrations shipped in the binary (Qt resources under :/atiende/migrations).
    static QList<Step> builtIn(const QString &engine);

    explicit Migrator(SqlContext &ctx, QList<Step> steps);

    int currentVersion(); // 0 for an empty database, -1 when unreadable
    int latestVersion() const;
    bool migrate(QString *error); // to latestVersion()

    // Splits a script into statements on semicolons outside quotes and comments.
    static QStringList splitStatements(const QString &script);

private:
    bool ensureTable(QString *error);
    SqlContext &m_ctx;
    QList<Step> m_steps;
};

} // namespace Atiende::Server
