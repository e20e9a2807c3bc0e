#pragma once
// One database connection of the store with its dialect. Every store class works through one
// of these: the prepared-statement cache and the helpers that run statements are the ones the
// console's cache uses too (sql/statements.h); what this adds is the engine's Dialect, and
// logging to the store's category. It belongs to the thread that opened it.

#include "dialect.h"

#include "sql/statements.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace Atiende::Server {

class SqlContext : public Sql::Statements
{
public:
    SqlContext(QSqlDatabase db, const Dialect *dialect);

    const Dialect &dialect() const { return *m_dialect; }

    // What the store classes use of Sql::Statements: db(), prepared() (kMaxStatements),
    // idSet() and textSet() for Dialect::idSetSql() / textSetSql(), run(), exec(), scalar(),
    // insert(), lastError() and setLastError().

private:
    const Dialect *m_dialect;
};

// Nulls for ids and instants that are "none" (0), so foreign keys and indexes stay honest.
QVariant nullableId(qint64 id);

} // namespace Atiende::Server
