#include "kbstore.h"

#include "sqlcontext.h"
#include "syncstore.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"
#include "core/search/ftsquery.h"

#include <QJsonArray>
#include <QSqlError>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

KbStore::KbStore(SqlContext &ctx, SyncStore &sync)
    : m_ctx(ctx)
    , m_sync(sync)
{
}

qint64 KbStore::create(KbArticle a, QList<Change> *changes)
{
    a.version = 1;
    const QString keywords = a.keywords.join(QLatin1Char(' '));
    a.id = m_ctx.insert(
        QStringLiteral(
            "INSERT INTO kb_articles (title, body, category_id, audience, keywords, language, "
            "author_id, "
            "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id"),
        { a.title, a.body, nullableId(a.categoryId), wireName(a.audience), keywords, a.language,
            nullableId(a.authorId), a.createdAt, a.updatedAt });
    if (a.id == 0)
        return 0;
    const QString index = m_ctx.dialect().indexKbSql();
    if (!index.isEmpty() && !m_ctx.exec(index, { a.id, a.title, keywords, a.body }))
        return 0;
    Change c;
    c.rev = m_sync.nextRevision();
    c.entity = QStringLiteral("kb");
    c.id = a.id;
    c.data = a.toJson();
    if (!m_sync.record(c))
        return 0;
    changes->append(c);
    return a.id;
}

std::optional<KbArticle> KbStore::article(qint64 id)
{
    QSqlQuery &q = m_ctx.prepared(QStringLiteral(
        "SELECT id, title, body, category_id, audience, keywords, language, author_id, "
        "created_at, updated_at, version FROM kb_articles WHERE id = ?"));
    q.bindValue(0, id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    KbArticle a;
    a.id = q.value(0).toLongLong();
    a.title = q.value(1).toString();
    a.body = q.value(2).toString();
    a.categoryId = q.value(3).toLongLong();
    a.audience = fromString<Audience>(q.value(4).toString()).value_or(Audience::Agent);
    a.keywords = q.value(5).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    a.language = q.value(6).toString();
    a.authorId = q.value(7).toLongLong();
    a.createdAt = q.value(8).toLongLong();
    a.updatedAt = q.value(9).toLongLong();
    a.version = q.value(10).toInt();
    q.finish();
    return a;
}

OpResult KbStore::search(const QString &text, bool publicOnly, int offset, int limit)
{
    QJsonArray results;
    const QString match = m_ctx.dialect().match(text);
    if (!match.isEmpty()) {
        QSqlQuery &q = m_ctx.prepared(m_ctx.dialect().kbSearchSql());
        q.bindValue(QStringLiteral(":match"), match);
        q.bindValue(QStringLiteral(":publicOnly"), publicOnly ? 1 : 0);
        q.bindValue(QStringLiteral(":limit"), limit);
        q.bindValue(QStringLiteral(":offset"), offset);
        if (!q.exec())
            return OpResult::failure(ErrorCode::InternalError, q.lastError().text());
        while (q.next()) {
            results.append(QJsonObject { { QStringLiteral("id"), double(q.value(0).toLongLong()) },
                { QStringLiteral("title"), q.value(1).toString() },
                { QStringLiteral("snippet"), FtsQuery::snippetToHtml(q.value(2).toString()) },
                { QStringLiteral("score"), q.value(3).toDouble() },
                { QStringLiteral("audience"), q.value(4).toString() },
                { QStringLiteral("categoryId"), idToJson(q.value(5).toLongLong()) },
                { QStringLiteral("language"), q.value(6).toString() },
                { QStringLiteral("updatedAt"), Timestamp::toJson(q.value(7).toLongLong()) } });
        }
        q.finish();
    }
    return OpResult::success(QJsonObject {
        { QStringLiteral("results"), results }, { QStringLiteral("offset"), offset } });
}

} // namespace Atiende::Server
