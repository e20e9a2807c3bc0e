// The SQLite dialect: WAL mode, durable commits and FTS5. The only C++ file that knows it is
// talking to SQLite.

#include "dialect.h"

#include "core/search/ftsquery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Atiende::Server {
namespace {

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(sql, q.lastError().text());
        return false;
    }
    return true;
}

class SqliteDialect final : public Dialect
{
public:
    QString engine() const override { return QStringLiteral("sqlite"); }
    QString driver() const override { return QStringLiteral("QSQLITE"); }

    bool configure(QSqlDatabase &db, QString *error) const override
    {
        // WAL lets readers work while the writer commits. synchronous=FULL keeps every
        // acknowledged commit on disk across a power cut; throughput comes from group commits.
        // busy_timeout covers the rare checkpoint contention between our own connections.
        return exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), error)
            && exec(db, QStringLiteral("PRAGMA synchronous=FULL"), error)
            && exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), error)
            && exec(db, QStringLiteral("PRAGMA busy_timeout=10000"), error)
            && exec(db, QStringLiteral("PRAGMA cache_size=-32000"), error)
            && exec(db, QStringLiteral("PRAGMA temp_store=MEMORY"), error);
    }

    QString expandMigration(const QString &sql) const override
    {
        QString out = sql;
        out.replace(QLatin1String("@ID@"), QLatin1String("INTEGER PRIMARY KEY"));
        // A 64-bit key that is the rowid: one b-tree, no index beside it.
        out.replace(QLatin1String("@REVISION_KEY@"), QLatin1String("INTEGER PRIMARY KEY"));
        out.replace(QLatin1String("@BYTES@"), QLatin1String("BLOB"));
        return out;
    }

    QString match(const QString &userText) const override
    {
        return Core::FtsQuery::toFts5(userText);
    }

    QString ticketIdsMatchingSql() const override
    {
        // Articles to their tickets through the narrow (id, ticket_id) index: reading ticket_id
        // from article_fts (or the articles table) visits each match's row among long bodies,
        // and the planner would pick the table by its primary key.
        return QStringLiteral(
            "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? "
            "UNION SELECT ticket_id FROM articles INDEXED BY articles_id_ticket "
            "WHERE id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)");
    }

    QString kbSearchSql() const override
    {
        // bm25 weights: a hit in the title counts most, then keywords, then the body.
        return QStringLiteral(
            "SELECT k.id, k.title, snippet(kb_fts, 2, char(2), char(3), '…', 24) AS snip, "
            "       bm25(kb_fts, 10.0, 5.0, 1.0) AS score, k.audience, k.category_id, k.language, "
            "k.updated_at "
            "FROM kb_fts JOIN kb_articles k ON k.id = kb_fts.rowid "
            "WHERE kb_fts MATCH :match AND (:publicOnly = 0 OR k.audience = 'public') "
            "ORDER BY score, k.id LIMIT :limit OFFSET :offset");
    }

    QString indexTicketSql() const override
    {
        return QStringLiteral("INSERT INTO ticket_fts (rowid, subject, body) VALUES (?, ?, ?)");
    }
    QString reindexTicketSubjectSql() const override
    {
        return QStringLiteral("UPDATE ticket_fts SET subject = ? WHERE rowid = ?");
    }
    QString indexArticleSql() const override
    {
        return QStringLiteral("INSERT INTO article_fts (rowid, body, ticket_id) VALUES (?, ?, ?)");
    }
    QString moveArticleIndexSql() const override
    {
        return QStringLiteral("UPDATE article_fts SET ticket_id = ? WHERE rowid = ?");
    }
    QString unindexKbSql() const override
    {
        return QStringLiteral("DELETE FROM kb_fts WHERE rowid = ?");
    }
    QString idSetSql() const override { return QStringLiteral("SELECT value FROM json_each(?)"); }
    QString textSetSql() const override { return QStringLiteral("SELECT value FROM json_each(?)"); }
    QString utf8Bytes(const QString &column) const override
    {
        return QStringLiteral("CAST(%1 AS BLOB)").arg(column);
    }
    QString indexKbSql() const override
    {
        return QStringLiteral(
            "INSERT INTO kb_fts (rowid, title, keywords, body) VALUES (?, ?, ?, ?)");
    }
};

} // namespace

std::unique_ptr<Dialect> Dialect::sqlite()
{
    return std::make_unique<SqliteDialect>();
}

} // namespace Atiende::Server
