#include "operations.h"

#include "rpcservices.h"

#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

namespace Atiende::Server {

using namespace Atiende::Core::Protocol;

namespace {
// Back-pressure: a console replaying a long outbox pipelines requests, but one peer must not
// fill the server's memory, nor all of them the writer's queue.
constexpr int kMaxInFlightPerPeer = 2000;
constexpr int kMaxQueuedWrites = 50000;

QJsonObject outcomeToJson(const OpResult &r)
{
    if (r.ok)
        return { { QStringLiteral("result"), r.result } };
    return { { QStringLiteral("error"),
        QJsonObject { { QStringLiteral("code"), int(r.error.code) },
            { QStringLiteral("message"), r.error.message },
            { QStringLiteral("data"), r.error.data } } } };
}

OpResult outcomeFromJson(const QJsonObject &o)
{
    OpResult r;
    r.replayed = true;
    if (o.contains(QStringLiteral("result"))) {
        r.ok = true;
        r.result = o.value(QStringLiteral("result"));
        return r;
    }
    const QJsonObject e = o.value(QStringLiteral("error")).toObject();
    r.error.code = ErrorCode(e.value(QStringLiteral("code")).toInt());
    r.error.message = e.value(QStringLiteral("message")).toString();
    r.error.data = e.value(QStringLiteral("data")).toObject();
    return r;
}
} // namespace

Operations::Operations(RpcServices &services, QObject *parent)
    : QObject(parent)
    , m_s(services)
{
}

std::optional<std::function<void()>> Operations::admit(
    CallContext &caller, const Reply &reply, bool isWrite)
{
    if (caller.inFlight >= kMaxInFlightPerPeer
        || (isWrite && m_s.writer->queued() >= kMaxQueuedWrites)) {
        reply.error(JsonRpc::makeError(ErrorCode::Busy,
            QStringLiteral("Too many requests waiting; send fewer at a time and retry."),
            { { QStringLiteral("retryAfterMs"), 200 } }));
        return std::nullopt;
    }
    ++caller.inFlight;
    return [weak = caller.weak()] {
        if (const auto c = weak.lock())
            --c->inFlight;
    };
}

void Operations::read(CallContext &caller, const Reply &reply, std::function<OpResult(Store &)> fn)
{
    auto release = admit(caller, reply, false);
    if (!release)
        return;
    m_s.readers->run([this, reply, fn = std::move(fn), release = *release](Store &store) {
        OpResult r = fn(store);
        QMetaObject::invokeMethod(
            this,
            [r, reply, release] {
                release();
                reply.outcome(r);
            },
            Qt::QueuedConnection);
    });
}

void Operations::write(CallContext &caller, const Reply &reply, const QString &method,
    const QString &opId, std::function<OpResult(Store &)> fn,
    std::function<void(const OpResult &)> committed)
{
    auto release = admit(caller, reply, true);
    if (!release)
        return;
    const qint64 agentId = caller.caller.agentId;
    WriteJob job;
    job.apply = [fn = std::move(fn), opId, agentId, method](Store &store) -> OpResult {
        if (!opId.isEmpty()) {
            if (const auto stored = store.sync().findOperation(opId)) {
                if (stored->agentId != agentId || stored->method != method)
                    return OpResult::failure(ErrorCode::ValidationFailed,
                        QStringLiteral(
                            "The operation id %1 was already used for another operation.")
                            .arg(opId),
                        { { QStringLiteral("field"), QStringLiteral("opId") } });
                return outcomeFromJson(stored->outcome); // applied before: same answer, no change
            }
        }
        OpResult r = fn(store);
        if (!opId.isEmpty() && (r.ok || r.error.code != ErrorCode::InternalError)) {
            if (!r.ok) {
                // Drop any partial work but keep the refusal, so a replay is refused the same way.
                store.rollbackToSavepoint();
                store.savepoint();
                r.keepOnError = true;
            }
            if (!store.sync().recordOperation(opId, agentId, method, outcomeToJson(r),
                    store.sync().revision(), Core::Timestamp::now()))
                return OpResult::failure(ErrorCode::InternalError);
        }
        return r;
    };
    job.done = [reply, release = *release, committed = std::move(committed)](const OpResult &r) {
        release();
        if (r.ok && !r.replayed && committed)
            committed(r);
        reply.outcome(r);
    };
    m_s.writer->submit(std::move(job));
}

} // namespace Atiende::Server
