#include "kbindex.h"

#include "cachedb.h"
#include "cachejson.h"

#include "core/domain/timestamp.h"
#include "core/search/ftsquery.h"

#include <QSqlQuery>
#include <QStringList>

namespace Atiende::Client {

using namespace CacheJson;

KbIndex::KbIndex(CacheDb &db)
    : m_db(db)
{
}

int KbIndex::apply(qint64 id, qint64 rev, bool upsert, const QJsonObject &data)
{
    const QVariant held = m_db.scalar(QStringLiteral("SELECT rev FROM kb WHERE id = ?"), { id });
    if (held.isValid() && held.toLongLong() >= rev)
        return 0;
    bool ok = m_db.exec(QStringLiteral("DELETE FROM kb_fts WHERE rowid = ?"), { id })
        && m_db.exec(QStringLiteral("DELETE FROM kb WHERE id = ?"), { id });
    if (ok && upsert) {
        QStringList keywords;
        for (const QJsonValue &k : data.value(QStringLiteral("keywords")).toArray())
            keywords << k.toString();
        ok = m_db.exec(QStringLiteral("INSERT INTO kb (id, audience, language, updated_at, rev, "
                                      "json) VALUES (?, ?, ?, ?, ?, ?)"),
                 { id, data.value(QStringLiteral("audience")).toString(),
                     data.value(QStringLiteral("language")).toString(),
                     qMax<qint64>(
                         0, Core::Timestamp::fromJson(data.value(QStringLiteral("updatedAt")))),
                     rev, toText(data) })
            && m_db.exec(QStringLiteral("INSERT INTO kb_fts (rowid, title, keywords, body) "
                                        "VALUES (?, ?, ?, ?)"),
                { id, data.value(QStringLiteral("title")).toString(),
                    keywords.join(QLatin1Char(' ')),
                    data.value(QStringLiteral("body")).toString() });
    }
    return ok ? 1 : -1;
}

bool KbIndex::clear()
{
    return m_db.exec(QStringLiteral("DELETE FROM kb"))
        && m_db.exec(QStringLiteral("DELETE FROM kb_fts"));
}

QJsonArray KbIndex::search(const QString &text, int limit)
{
    return matching(Core::FtsQuery::toFts5(text), limit);
}

QJsonArray KbIndex::related(const QString &text, int limit)
{
    return matching(Core::FtsQuery::toFts5AnyOf(Core::FtsQuery::keywords(text)), limit);
}

QJsonArray KbIndex::matching(const QString &match, int limit)
{
    QJsonArray out;
    if (match.isEmpty())
        return out;
    // The server's weights and snippet, so offline results rank as online ones do.
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT kb.id, kb.json, snippet(kb_fts, 2, char(2), char(3), '…', "
                             "24), bm25(kb_fts, 10.0, 5.0, 1.0) AS score "
                             "FROM kb_fts JOIN kb ON kb.id = kb_fts.rowid WHERE kb_fts MATCH ? "
                             "ORDER BY score, kb.id LIMIT ?"));
    q.addBindValue(match);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        const QJsonObject a = toObject(q.value(1).toString());
        out.append(QJsonObject { { QStringLiteral("id"), double(q.value(0).toLongLong()) },
            { QStringLiteral("title"), a.value(QStringLiteral("title")) },
            { QStringLiteral("snippet"), Core::FtsQuery::snippetToHtml(q.value(2).toString()) },
            { QStringLiteral("score"), q.value(3).toDouble() },
            { QStringLiteral("audience"), a.value(QStringLiteral("audience")) },
            { QStringLiteral("categoryId"), a.value(QStringLiteral("categoryId")) },
            { QStringLiteral("language"), a.value(QStringLiteral("language")) },
            { QStringLiteral("updatedAt"), a.value(QStringLiteral("updatedAt")) } });
    }
    return out;
}

std::optional<QJsonObject> KbIndex::article(qint64 id)
{
    const QVariant v = m_db.scalar(QStringLiteral("SELECT json FROM kb WHERE id = ?"), { id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

} // namespace Atiende::Client
