#include "kbhandlers.h"

#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/store/store.h"

#include "core/protocol/protocol.h"

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void KbHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("kb.search"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &KbHandlers::search));
    d.add(
        QStringLiteral("kb.get"), Dispatcher::signedIn(), Dispatcher::bind(this, &KbHandlers::get));
}

void KbHandlers::search(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString text = p.string(QStringLiteral("text"), true, 500);
    const bool publicOnly = p.boolean(QStringLiteral("publicOnly"), false);
    const int offset = int(p.integer(QStringLiteral("offset"), false, 0, 100000, 0));
    const int limit = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPageSize, 20));
    if (!p.ok())
        return reply.error(p.error());
    m_ops.read(c, reply, [text, publicOnly, offset, limit](Store &s) {
        return s.kb().search(text, publicOnly, offset, limit);
    });
}

void KbHandlers::get(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 articleId = p.id(QStringLiteral("id"), true);
    if (!p.ok())
        return reply.error(p.error());
    m_ops.read(c, reply, [articleId](Store &s) {
        const auto a = s.kb().article(articleId);
        if (!a)
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no knowledge-base article with id %1.").arg(articleId));
        return OpResult::success(QJsonObject { { QStringLiteral("article"), a->toJson() } });
    });
}

} // namespace Atiende::Server
