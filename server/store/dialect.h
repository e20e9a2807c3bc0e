#pragma once
// What differs between the storage engines. Everything SQLite-only lives in sqlitedialect.cpp
// (and the *.sqlite.sql migration companions); a PostgreSQL dialect implements the same
// interface with its own full-text search.

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <memory>

namespace Atiende::Server {

class Dialect
{
public:
    virtual ~Dialect() = default;

    virtual QString engine() const = 0; // "sqlite", "postgresql": the migration file suffix
    virtual QString driver() const = 0; // the QtSql driver name

    // Prepares a fresh connection (pragmas, durability settings). False with *error on failure.
    virtual bool configure(QSqlDatabase &db, QString *error) const = 0;

    // Replaces the dialect's placeholders in a portable migration: @ID@ (a generated id key),
    // @REVISION_KEY@ (a 64-bit primary key given by the application, the row key if any),
    // @BYTES@ (a column of raw bytes: BLOB, BYTEA).
    virtual QString expandMigration(const QString &sql) const = 0;

    // Full-text search. A "match" is what the engine's query needs for the user's text;
    // an empty match means the text had no searchable words.
    virtual QString match(const QString &userText) const = 0;

    // SQL that yields the ids of tickets whose subject, description or any article matches.
    // Takes the match twice, as positional parameters.
    virtual QString ticketIdsMatchingSql() const = 0;

    // SQL for KB search: columns id, title, snippet (marked), score (lower is better),
    // filtered by :match; the caller appends audience conditions through :publicOnly (0/1),
    // and binds :limit and :offset.
    virtual QString kbSearchSql() const = 0;

    // Keep the full-text indexes in step with the rows, inside the write transaction. Each
    // returns SQL with positional parameters (in the order given), or an empty string when the
    // engine keeps its index by itself.
    virtual QString indexTicketSql() const = 0; // id, subject, body
    virtual QString reindexTicketSubjectSql() const = 0; // subject, id
    virtual QString indexArticleSql() const = 0; // id, body, ticket id
    virtual QString moveArticleIndexSql() const = 0; // ticket id, article id (articles.move)
    virtual QString unindexKbSql() const = 0; // id
    virtual QString indexKbSql() const = 0; // id, title, keywords, body

    // A subquery giving the members of a list of ids bound as one parameter (the list as a
    // JSON array, SqlContext::idSet()): `col IN (<this>)`. One statement serves lists of any
    // length, so neither the statement cache nor the planner sees one statement per length.
    virtual QString idSetSql() const = 0;
    // The same for a list of strings (a JSON array of strings).
    virtual QString textSetSql() const = 0;

    // An expression for a text column as its UTF-8 bytes, which QtSql hands over as a
    // QByteArray without converting them to UTF-16: for columns read by the million (reports).
    virtual QString utf8Bytes(const QString &column) const = 0;

    static std::unique_ptr<Dialect> sqlite();
};

} // namespace Atiende::Server
