#include "statements.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

#include <algorithm>
#include <vector>

namespace Atiende::Sql {

void bindAll(QSqlQuery &query, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            query.bindValue(i, QString(QLatin1String("")));
        else
            query.bindValue(i, v);
    }
}

Statements::Statements(QSqlDatabase db, LogCategory log)
    : m_db(std::move(db))
    , m_log(log)
{
}

Statements::~Statements()
{
    clear();
}

void Statements::clear()
{
    m_statements.clear();
    m_unprepared.reset();
}

QSqlQuery &Statements::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        if (int(m_statements.size()) >= kMaxStatements)
            evict();
        auto statement = std::make_unique<Statement>(Statement { QSqlQuery(m_db), 0 });
        statement->query.setForwardOnly(true);
        if (!statement->query.prepare(sql)) {
            qCWarning(m_log) << "prepare failed:" << sql << statement->query.lastError().text();
            m_unprepared = std::make_unique<QSqlQuery>(std::move(statement->query));
            return *m_unprepared;
        }
        it = m_statements.emplace(sql, std::move(statement)).first;
    } else {
        it->second->query.finish();
    }
    it->second->lastUse = ++m_uses;
    return it->second->query;
}

void Statements::evict()
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

QString Statements::idSet(const QList<qint64> &ids)
{
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        out += QString::number(ids.at(i));
    }
    return out + QLatin1Char(']');
}

QString Statements::textSet(const QStringList &values)
{
    QJsonArray list;
    for (const QString &v : values)
        list.append(v);
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

QSqlQuery *Statements::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery &q = prepared(sql);
    if (&q == m_unprepared.get()) {
        m_lastError = q.lastError().text(); // logged by prepared()
        return nullptr;
    }
    bindAll(q, values);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        qCWarning(m_log) << "statement failed:" << sql << m_lastError;
        return nullptr;
    }
    return &q;
}

bool Statements::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (q)
        q->finish();
    return q != nullptr;
}

QVariant Statements::scalar(const QString &sql, const QVariantList &values)
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

qint64 Statements::insert(const QString &sql, const QVariantList &values)
{
    const QVariant v = scalar(sql, values);
    return v.isValid() ? v.toLongLong() : 0;
}

int Statements::changedRows(const QString &sql, const QVariantList &values)
{
    QSqlQuery *q = run(sql, values);
    if (!q)
        return -1;
    const int n = q->numRowsAffected();
    q->finish();
    return n;
}

} // namespace Atiende::Sql
