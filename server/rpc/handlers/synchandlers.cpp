#include "synchandlers.h"

#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/sessions.h"
#include "server/store/store.h"

#include "core/protocol/protocol.h"

#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void SyncHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("sync.pull"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &SyncHandlers::pull));
}

void SyncHandlers::pull(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 since = p.integer(QStringLiteral("since"), true, 0, 9007199254740991LL);
    const int limit
        = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPullPageSize, kMaxPageSize));
    const QString cursorText = p.string(QStringLiteral("cursor"), false, 100);
    if (!p.ok())
        return reply.error(p.error());
    std::optional<PullCursor> cursor;
    if (!cursorText.isEmpty()) {
        cursor = PullCursor::fromString(cursorText);
        if (!cursor)
            return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
                QStringLiteral("\"cursor\" must be passed back as a page gave it."),
                { { QStringLiteral("param"), QStringLiteral("cursor") } }));
    }
    const Caller caller = c.caller;
    m_ops.read(c, reply,
        [caller, since, cursor, limit](Store &s) { return s.pull(caller, since, cursor, limit); });
}

void SyncHandlers::publish(const QList<Change> &changes)
{
    qint64 revision = 0;
    QList<QJsonObject> upserts;
    QList<QJsonObject> hides;
    upserts.reserve(changes.size());
    for (const Change &c : changes) {
        revision = qMax(revision, c.rev);
        upserts << c.toJson();
        hides << (c.visibilityChanged ? c.toJson(QStringLiteral("hide")) : QJsonObject());
    }
    QHash<QByteArray, QString> frames;
    for (CallContext *caller : m_sessions.callers()) {
        if (!caller->authenticated || caller->local || caller->closing())
            continue; // local administration sessions run commands and hear no pushes
        QByteArray key(changes.size(), '-');
        bool any = false;
        for (int i = 0; i < changes.size(); ++i) {
            const Change &c = changes.at(i);
            if (!c.scoped || caller->caller.canSeeTicket(c.groupId, c.assigneeId)) {
                key[i] = 'u';
                any = true;
            } else if (c.visibilityChanged && c.entity == QLatin1String("ticket")
                && caller->caller.canSeeTicket(c.prevGroupId, c.prevAssigneeId)) {
                key[i] = 'h';
                any = true;
            }
        }
        if (!any)
            continue;
        auto frame = frames.find(key);
        if (frame == frames.end()) {
            QJsonArray list;
            for (int i = 0; i < changes.size(); ++i) {
                if (key.at(i) == 'u')
                    list.append(upserts.at(i));
                else if (key.at(i) == 'h')
                    list.append(hides.at(i));
            }
            frame = frames.insert(key,
                QString::fromUtf8(JsonRpc::notification(QStringLiteral("sync.changed"),
                    { { QStringLiteral("revision"), double(revision) },
                        { QStringLiteral("changes"), list } })));
        }
        caller->push(*frame);
    }
}

} // namespace Atiende::Server
