#include "sqlcontext.h"

#include "server/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <algorithm>
#include <vector>

namespace Atiende::Server {

SqlContext::SqlContext(QSqlDatabase db, const Dialect *dialect)
    : m_db(std::move(db))
    , m_dialect(dialect)
{
}

SqlContext::~SqlContext()
{
    m_statements.clear();
}

QSqlQuery &SqlContext::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (int(m_statements.size()) >= kMaxStatements)
            evict();
        auto statement = std::make_unique<Statement>(Statement { QSqlQuery(m_db), 0 });
        statement->query.setForwardOnly(true);
        if (!statement->query.prepare(sql))
            qCWarning(lcStore) << "prepare failed:" << sql << statement->query.lastError().text();
        it = m_statements.emplace(sql, std::move(statement)).first;
    } else {
        it->second->query.finish();
    }
    it->second->lastUse = ++m_uses;
    return it->second->query;
}

void SqlContext::evict()
{
    // Down to three quarters, oldest first, never a statement someone is still reading.
    std::vector<std::pair<quint64, const QString *>> idle;
    idle.reserve(m_statements.size());
    for (const auto &[sql, statement] : m_statements) {
        if (!statement->query.isActive())
            idle.emplace_back(statement->lastUse, &sql);
    }
    std::sort(idle.begin(), idle.end());
    const size_t excess = m_statements.size() - size_t(kMaxStatements) * 3 / 4;
    QStringList gone;
    for (size_t i = 0; i < idle.size() && i < excess; ++i)
        gone << *idle[i].second;
    for (const QString &sql : std::as_const(gone))
        m_statements.erase(sql);
}

QString SqlContext::idSet(const QList<qint64> &ids)
{
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        out += QString::number(ids.at(i));
    }
    return out + QLatin1Char(']');
}

QString SqlContext::textSet(const QStringList &values)
{
    QJsonArray list;
    for (const QString &v : values)
        list.append(v);
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
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

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace Atiende::Server
