#include "sqlcontext.h"

#include "server/logging.h"

namespace Atiende::Server {

SqlContext::SqlContext(QSqlDatabase db, const Dialect *dialect)
    : Sql::Statements(std::move(db), lcStore)
    , m_dialect(dialect)
{
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace Atiende::Server
