#pragma once
// The knowledge base: articles in Markdown with a full-text index (bm25 ranking, accents
// folded, highlighted snippets).

#include "changeset.h"

#include "core/domain/kbarticle.h"

#include <optional>

namespace Atiende::Server {

class SqlContext;
class SyncStore;

class KbStore
{
public:
    KbStore(SqlContext &ctx, SyncStore &sync);

    qint64 create(Core::KbArticle a, QList<Change> *changes);
    std::optional<Core::KbArticle> article(qint64 id);

    // {"results": [{id, title, snippet (HTML with <mark>), score, audience, categoryId,
    //   language, updatedAt}], "offset"}; empty results for text without searchable words.
    OpResult search(const QString &text, bool publicOnly, int offset, int limit);

private:
    SqlContext &m_ctx;
    SyncStore &m_sync;
};

} // namespace Atiende::Server
