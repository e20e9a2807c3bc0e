#include "surveyhandlers.h"

#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void SurveyHandlers::registerWith(Dispatcher &d)
{
    // The customer has no account: the survey token is the credential.
    d.add(QStringLiteral("surveys.answer"), Dispatcher::open(),
        Dispatcher::bind(this, &SurveyHandlers::answer));
    d.add(QStringLiteral("surveys.get"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &SurveyHandlers::get));
}

void SurveyHandlers::answer(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString token = p.string(QStringLiteral("token"), true, 256);
    const QString rating = p.string(QStringLiteral("rating"), true, 16);
    const QString comment = p.string(QStringLiteral("comment"), false, SurveyStore::kMaxComment);
    if (!p.ok())
        return reply.error(p.error());
    if (rating != QLatin1String("good") && rating != QLatin1String("bad"))
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
            QStringLiteral("\"rating\" must be good or bad."),
            { { QStringLiteral("param"), QStringLiteral("rating") } }));
    // Anyone who said hello may try a token, so guessing is slowed down like passwords are,
    // by the caller's address (there is no user name to key on).
    const QString address = c.address;
    FailureBackoff &throttle = m_sessions.tokenThrottle();
    if (const qint64 wait = throttle.wait(address, Timestamp::now()); wait > 0) {
        return reply.error(JsonRpc::makeError(ErrorCode::RateLimited,
            QStringLiteral("Too many unknown survey links; try again in %1 s.")
                .arg((wait + 999) / 1000),
            { { QStringLiteral("retryAfterMs"), double(wait) } }));
    }
    auto release = m_ops.admit(c, reply, true);
    if (!release)
        return;
    throttle.begin(address, Timestamp::now());
    WriteJob job;
    job.apply = [token, rating, comment](Store &s) {
        return s.surveys().answer(token, rating, comment, Timestamp::now());
    };
    job.done = [this, reply, address, release = *release](const OpResult &r) {
        release();
        if (r.error.code == ErrorCode::NotFound && !r.ok)
            m_sessions.tokenThrottle().failed(address, Timestamp::now());
        else
            m_sessions.tokenThrottle().abandoned(
                address); // a real link: neither a guess nor a reset of one
        reply.outcome(r);
    };
    m_s.writer->submit(std::move(job));
}

void SurveyHandlers::get(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.read(
        c, reply, [caller, ticketId](Store &s) { return s.surveys().get(caller, ticketId); });
}

} // namespace Atiende::Server
