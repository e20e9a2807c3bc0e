#include "directoryrows.h"

#include "cachedb.h"
#include "cachejson.h"

#include <QSqlQuery>

namespace Atiende::Client {

using namespace CacheJson;

DirectoryRows::DirectoryRows(CacheDb &db)
    : m_db(db)
{
}

int DirectoryRows::apply(
    const QString &entity, qint64 id, qint64 rev, bool upsert, const QJsonObject &data)
{
    int written = 0;
    if (upsert) {
        written = m_db.changedRows(
            QStringLiteral("INSERT INTO entities (entity, id, rev, name, json) VALUES (?, "
                           "?, ?, ?, ?) ON CONFLICT (entity, id) DO UPDATE"
                           " SET rev = excluded.rev, name = excluded.name, json = "
                           "excluded.json WHERE excluded.rev > entities.rev"),
            { entity, id, rev, data.value(QStringLiteral("name")).toString(), toText(data) });
        if (written > 0 && m_names.contains(entity))
            m_names[entity].insert(id, data.value(QStringLiteral("name")).toString());
    } else {
        written = m_db.changedRows(
            QStringLiteral("DELETE FROM entities WHERE entity = ? AND id = ? AND rev < ?"),
            { entity, id, rev });
        if (m_names.contains(entity))
            m_names[entity].remove(id);
    }
    return written;
}

bool DirectoryRows::clear()
{
    return m_db.exec(QStringLiteral("DELETE FROM entities"));
}

std::optional<QJsonObject> DirectoryRows::entity(const QString &kind, qint64 id)
{
    const QVariant v = m_db.scalar(
        QStringLiteral("SELECT json FROM entities WHERE entity = ? AND id = ?"), { kind, id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

QJsonArray DirectoryRows::entities(const QString &kind)
{
    QJsonArray out;
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT json FROM entities WHERE entity = ? ORDER BY name, id"));
    q.addBindValue(kind);
    if (q.exec()) {
        while (q.next())
            out.append(toObject(q.value(0).toString()));
    }
    return out;
}

const QHash<qint64, QString> &DirectoryRows::names(const QString &kind)
{
    auto names = m_names.find(kind);
    if (names == m_names.end()) {
        names = m_names.insert(kind, {});
        if (QSqlQuery *q = m_db.run(
                QStringLiteral("SELECT id, name FROM entities WHERE entity = ?"), { kind })) {
            while (q->next())
                names->insert(q->value(0).toLongLong(), q->value(1).toString());
            q->finish();
        }
    }
    return *names;
}

QString DirectoryRows::nameOf(const QString &kind, qint64 id)
{
    if (!id)
        return QString();
    return names(kind).value(id);
}

} // namespace Atiende::Client
