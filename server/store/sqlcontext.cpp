#include "sqlcontext.h"

#include <QLoggingCategory>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcStore, "atiende.store")

namespace Atiende::Server {

SqlContext::SqlContext(QSqlDatabase db, const Dialect *dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{
}

SqlContext::~SqlContext() { m_statements.clear(); }

QSqlQuery &SqlContext::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            qCWarning(lcStore) << "prepare failed:" << sql << q.lastError().text();
        it = m_statements.insert(sql, q);
    } else {
        it->finish();
    }
    return *it;
}

QSqlQuery *SqlContext::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery &q = prepared(sql);
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        // A null QString would bind as SQL NULL; text columns want '' for "nothing".
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.bindValue(i, QString(QLatin1String("")));
        else
            q.bindValue(i, v);
    }
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        qCWarning(lcStore) << "statement failed:" << sql << m_lastError;
        return nullptr;
    }
    return &q;
}

bool SqlContext::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (q)
        q->finish();
    return q != nullptr;
}

QVariant SqlContext::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (!q)
        return {};
    QVariant v;
    if (q->next())
        v = q->value(0);
    q->finish();
    return v;
}

qint64 SqlContext::insert(const QString &sql, const QVariantList &values)
{
    const QVariant v = scalar(sql, values);
    return v.isValid() ? v.toLongLong() : 0;
}

QVariant nullableId(qint64 id) { return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>()); }

} // namespace Atiende::Server
