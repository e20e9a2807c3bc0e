// The administration methods. Their work is AdminOps (server/admin/adminops), shared with the
// admin commands of atiended when no server runs; here they go through the one writer, and
// what they change outside the database follows once it is on disk: sessions they ended are
// closed, the auto-close window moves.

#include "params.h"
#include "rpcserver.h"

#include "server/admin/adminops.h"
#include "server/auth/passwordchecks.h"
#include "server/auth/passwordhasher.h"
#include "server/satisfaction/autocloseengine.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QWebSocket>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void RpcServer::adminWrite(Peer *peer, const QJsonValue &id, const QString &method, const QJsonObject &params)
{
    const Caller caller = peer->caller;
    write(peer, id, method, QString(),
          [caller, method, params](Store &s) { return AdminOps::write(s, caller, method, params, Timestamp::now()); },
          [this, method, params](const OpResult &r) { adminCommitted(method, params, r); });
}

void RpcServer::adminRead(Peer *peer, const QJsonValue &id, const QString &method, const QJsonObject &params)
{
    const Caller caller = peer->caller;
    read(peer, id, [caller, method, params](Store &s) { return AdminOps::read(s, caller, method, params, Timestamp::now()); });
}

void RpcServer::adminCommitted(const QString &method, const QJsonObject &params, const OpResult &r)
{
    const QJsonObject result = r.result.toObject();
    if (result.contains(QStringLiteral("endedSessions"))) {
        QList<qint64> ended;
        for (const QJsonValue &v : result.value(QStringLiteral("endedSessions")).toArray())
            ended << v.toInteger();
        endSessions(ended, result.value(QStringLiteral("endReason")).toString());
    }
    if (method.startsWith(QLatin1String("canned.")))
        publishCannedChanged();
    if (method == QLatin1String("settings.satisfaction") && m_autoClose) {
        // Only the engine's estimate for tickets resolved from now on; the store keeps each
        // ticket's real instant and the engine re-reads them after every close.
        m_autoClose->setWindowHours(params.value(QStringLiteral("reopenWindowHours")).toInt());
    }
}

bool RpcServer::refuseUnlessAdmin(Peer *peer, const QJsonValue &id, const QString &what)
{
    // Admin-only writes are refused here too, so an agent's attempt never takes a place in the
    // writer's queue.
    if (peer->caller.isAdmin())
        return false;
    replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins %1.").arg(what)));
    return true;
}

void RpcServer::slaCalendarsSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("change business calendars")))
        return;
    adminWrite(peer, id, QStringLiteral("sla.calendars.save"), params);
}

void RpcServer::slaPoliciesSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("change SLA policies")))
        return;
    adminWrite(peer, id, QStringLiteral("sla.policies.save"), params);
}

void RpcServer::slaConfigSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("change business calendars and SLA policies")))
        return;
    adminWrite(peer, id, QStringLiteral("sla.config.save"), params);
}

bool RpcServer::refuseUnlessAdminOrLead(Peer *peer, const QJsonValue &id, const QString &what)
{
    if (peer->caller.role != Role::Agent)
        return false; // the store says which groups a lead may touch
    replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("Only admins, and leads for the groups they lead, %1.").arg(what)));
    return true;
}

void RpcServer::cannedSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdminOrLead(peer, id, QStringLiteral("change canned responses")))
        return;
    adminWrite(peer, id, QStringLiteral("canned.save"), params);
}

void RpcServer::cannedDelete(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdminOrLead(peer, id, QStringLiteral("delete canned responses")))
        return;
    adminWrite(peer, id, QStringLiteral("canned.delete"), params);
}

void RpcServer::publishCannedChanged()
{
    // Nothing of the response travels: each console asks canned.list again and gets what its
    // agent may use.
    const QString frame = QString::fromUtf8(JsonRpc::notification(QStringLiteral("canned.changed"), QJsonObject()));
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        if (it.value()->authenticated && !it.value()->local && !it.value()->dropping)
            sendFrame(it.value(), frame);
    }
}

void RpcServer::routingRulesSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    adminWrite(peer, id, QStringLiteral("routing.rules.save"), params); // the store says who may
}

void RpcServer::escalationRulesSave(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    adminWrite(peer, id, QStringLiteral("escalation.rules.save"), params); // the store says who may
}

void RpcServer::groupsAssignmentSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    adminWrite(peer, id, QStringLiteral("groups.assignment.set"), params); // the store says who may
}

void RpcServer::settingsSatisfaction(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("see and change the satisfaction settings")))
        return;
    if (params.contains(QStringLiteral("reopenWindowHours")))
        adminWrite(peer, id, QStringLiteral("settings.satisfaction"), params);
    else
        adminRead(peer, id, QStringLiteral("settings.satisfaction"), params);
}

void RpcServer::settingsTimeZone(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("see and change the desk's time zone")))
        return;
    if (params.contains(QStringLiteral("zone")))
        adminWrite(peer, id, QStringLiteral("settings.timeZone"), params);
    else
        adminRead(peer, id, QStringLiteral("settings.timeZone"), params);
}

void RpcServer::agentsActiveSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("enable and disable agents")))
        return;
    adminWrite(peer, id, QStringLiteral("agents.active.set"), params);
}

void RpcServer::sessionsList(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    // Anyone may list their own sessions; the store refuses others' to non-admins.
    const Caller caller = peer->caller;
    const qint64 current = peer->sessionId;
    read(peer, id, [caller, params, current](Store &s) {
        OpResult r = AdminOps::read(s, caller, QStringLiteral("sessions.list"), params, Timestamp::now());
        if (!r.ok)
            return r;
        // Which of them this connection uses, so a console can say "this one".
        QJsonArray list;
        for (const QJsonValue &v : r.result.toObject().value(QStringLiteral("sessions")).toArray()) {
            QJsonObject o = v.toObject();
            o.insert(QStringLiteral("current"), current != 0 && o.value(QStringLiteral("id")).toInteger() == current);
            list.append(o);
        }
        return OpResult::success(QJsonObject{{QStringLiteral("sessions"), list}});
    });
}

void RpcServer::sessionsRevoke(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    adminWrite(peer, id, QStringLiteral("sessions.revoke"), params); // own sessions, or anyone's for admins
}

void RpcServer::agentsPasswordSet(Peer *peer, const QJsonValue &id, const QJsonObject &params)
{
    if (refuseUnlessAdmin(peer, id, QStringLiteral("set agents' passwords")))
        return;
    Params p(params);
    const QString password = p.string(QStringLiteral("password"), true, AdminOps::kMaxPasswordLength);
    if (!p.ok())
        return replyError(peer->socket, id, p.error());
    if (const QString problem = AdminOps::passwordProblem(password); !problem.isEmpty())
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::ValidationFailed, problem, {{QStringLiteral("field"), QStringLiteral("password")}}));
    // Hashing costs what a log-in check costs: on the password pool, never on the writer.
    if (m_passwordChecks->reserve(peer->address) != PasswordChecks::Admission::Reserved)
        return replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Busy, QStringLiteral("Too many passwords are being checked; retry in a moment."),
                                                               {{QStringLiteral("retryAfterMs"), 1000}}));
    auto hash = std::make_shared<QString>();
    QPointer<QWebSocket> socket = peer->socket;
    const Caller caller = peer->caller;
    m_passwordChecks->run(
        peer->address,
        [hash, password] {
            *hash = PasswordHasher::hash(password);
            return !hash->isEmpty();
        },
        [this, socket, id, params, hash, caller](bool) {
            Peer *peer = socket ? m_peers.value(socket) : nullptr;
            if (!peer)
                return;
            write(peer, id, QStringLiteral("agents.password.set"), QString(),
                  [caller, params, hash](Store &s) { return AdminOps::setPasswordHash(s, caller, params, *hash, Timestamp::now()); },
                  [this, params](const OpResult &r) { adminCommitted(QStringLiteral("agents.password.set"), params, r); });
        });
}

} // namespace Atiende::Server
