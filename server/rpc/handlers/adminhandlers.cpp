#include "adminhandlers.h"

#include "server/admin/adminops.h"
#include "server/auth/passwordchecks.h"
#include "server/auth/passwordhasher.h"
#include "server/mail/mailchannel.h"
#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/rpc/sessions.h"
#include "server/satisfaction/autocloseengine.h"
#include "server/store/store.h"

#include <QJsonArray>
#include <QMetaEnum>

#include "core/domain/timestamp.h"

#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

void AdminHandlers::registerWith(Dispatcher &d)
{
    const auto writes = [this](const QString &method) {
        return [this, method](CallContext &c, const QJsonObject &params, const Reply &reply) {
            plainWrite(c, params, reply, method);
        };
    };
    d.add(QStringLiteral("sla.calendars.list"), Dispatcher::signedInOrLocal(),
        [this](CallContext &c, const QJsonObject &, const Reply &reply) {
            m_ops.read(c, reply, [](Store &s) { return s.slaConfig().calendars(); });
        });
    d.add(QStringLiteral("sla.policies.list"), Dispatcher::signedInOrLocal(),
        [this](CallContext &c, const QJsonObject &, const Reply &reply) {
            m_ops.read(c, reply, [](Store &s) { return s.slaConfig().policies(); });
        });
    d.add(QStringLiteral("routing.rules.list"), Dispatcher::signedInOrLocal(),
        [this](CallContext &c, const QJsonObject &, const Reply &reply) {
            m_ops.read(c, reply, [](Store &s) { return s.routing().rules(); });
        });
    d.add(QStringLiteral("escalation.rules.list"), Dispatcher::signedInOrLocal(),
        [this](CallContext &c, const QJsonObject &, const Reply &reply) {
            m_ops.read(c, reply, [](Store &s) { return s.escalation().rules(); });
        });
    d.add(QStringLiteral("sla.calendars.save"),
        Dispatcher::admins(QStringLiteral("change business calendars")),
        writes(QStringLiteral("sla.calendars.save")));
    d.add(QStringLiteral("sla.policies.save"),
        Dispatcher::admins(QStringLiteral("change SLA policies")),
        writes(QStringLiteral("sla.policies.save")));
    d.add(QStringLiteral("sla.config.save"),
        Dispatcher::admins(QStringLiteral("change business calendars and SLA policies")),
        writes(QStringLiteral("sla.config.save")));
    // The store says who may.
    d.add(QStringLiteral("routing.rules.save"), Dispatcher::signedInOrLocal(),
        writes(QStringLiteral("routing.rules.save")));
    d.add(QStringLiteral("escalation.rules.save"), Dispatcher::signedInOrLocal(),
        writes(QStringLiteral("escalation.rules.save")));
    d.add(QStringLiteral("groups.assignment.set"), Dispatcher::signedInOrLocal(),
        writes(QStringLiteral("groups.assignment.set")));
    d.add(QStringLiteral("agents.active.set"),
        Dispatcher::admins(QStringLiteral("enable and disable agents")),
        writes(QStringLiteral("agents.active.set")));
    d.add(QStringLiteral("settings.satisfaction"),
        Dispatcher::admins(QStringLiteral("see and change the satisfaction settings")),
        [this](CallContext &c, const QJsonObject &params, const Reply &reply) {
            setting(c, params, reply, QStringLiteral("settings.satisfaction"),
                QStringLiteral("reopenWindowHours"));
        });
    d.add(QStringLiteral("settings.timeZone"),
        Dispatcher::admins(QStringLiteral("see and change the desk's time zone")),
        [this](CallContext &c, const QJsonObject &params, const Reply &reply) {
            setting(c, params, reply, QStringLiteral("settings.timeZone"), QStringLiteral("zone"));
        });
    d.add(QStringLiteral("mail.accounts.save"),
        Dispatcher::admins(QStringLiteral("change the desk's mailboxes")),
        writes(QStringLiteral("mail.accounts.save")));
    d.add(QStringLiteral("mail.accounts.list"),
        Dispatcher::admins(QStringLiteral("see the desk's mailboxes")),
        [this](CallContext &c, const QJsonObject &params, const Reply &reply) {
            // The rows, with each mailbox's state as the running channel sees it.
            const Reply withState(
                [this, reply](const QJsonValue &result, const Core::Protocol::RpcError *error) {
                    if (error)
                        return reply.error(*error);
                    const auto states = m_s.mail ? m_s.mail->states()
                                                 : QHash<qint64, Mail::MailChannel::AccountState>();
                    QJsonArray accounts;
                    for (const QJsonValue &v :
                        result.toObject().value(QStringLiteral("accounts")).toArray()) {
                        QJsonObject a = v.toObject();
                        const auto st = states.value(a.value(QStringLiteral("id")).toInteger());
                        a.insert(QStringLiteral("state"),
                            QString::fromLatin1(
                                QMetaEnum::fromType<Mail::ImapMailbox::State>().valueToKey(
                                    int(st.state)))
                                .toLower());
                        a.insert(QStringLiteral("detail"), st.detail);
                        a.insert(QStringLiteral("since"), double(st.since));
                        a.insert(QStringLiteral("messagesSinceStart"), double(st.messages));
                        accounts.append(a);
                    }
                    reply.result(QJsonObject { { QStringLiteral("accounts"), accounts } });
                });
            read(c, withState, QStringLiteral("mail.accounts.list"), params);
        });
    d.add(QStringLiteral("agents.password.set"),
        Dispatcher::admins(QStringLiteral("set agents' passwords")),
        Dispatcher::bind(this, &AdminHandlers::passwordSet));
}

void AdminHandlers::write(
    CallContext &c, const Reply &reply, const QString &method, const QJsonObject &params)
{
    const Caller caller = c.caller;
    m_ops.write(
        c, reply, method, QString(),
        [caller, method, params](
            Store &s) { return AdminOps::write(s, caller, method, params, Timestamp::now()); },
        [this, method, params](const OpResult &r) { committed(method, params, r); });
}

void AdminHandlers::read(
    CallContext &c, const Reply &reply, const QString &method, const QJsonObject &params)
{
    const Caller caller = c.caller;
    m_ops.read(c, reply, [caller, method, params](Store &s) {
        return AdminOps::read(s, caller, method, params, Timestamp::now());
    });
}

void AdminHandlers::plainWrite(
    CallContext &c, const QJsonObject &params, const Reply &reply, const QString &method)
{
    write(c, reply, method, params);
}

void AdminHandlers::setting(CallContext &c, const QJsonObject &params, const Reply &reply,
    const QString &method, const QString &valueParam)
{
    if (params.contains(valueParam))
        write(c, reply, method, params);
    else
        read(c, reply, method, params);
}

void AdminHandlers::committed(const QString &method, const QJsonObject &params, const OpResult &r)
{
    if (r.ok && method == QLatin1String("mail.accounts.save") && m_s.mail)
        m_s.mail->reload();
    const QJsonObject result = r.result.toObject();
    if (result.contains(QStringLiteral("endedSessions"))) {
        QList<qint64> ended;
        for (const QJsonValue &v : result.value(QStringLiteral("endedSessions")).toArray())
            ended << v.toInteger();
        m_sessions.endSessions(ended, result.value(QStringLiteral("endReason")).toString());
    }
    if (method.startsWith(QLatin1String("canned."))) {
        // Nothing of the response travels: each console asks canned.list again and gets what
        // its agent may use.
        m_sessions.broadcast(QString::fromUtf8(
            JsonRpc::notification(QStringLiteral("canned.changed"), QJsonObject())));
    }
    if (method == QLatin1String("settings.satisfaction") && m_s.autoClose) {
        // Only the engine's estimate for tickets resolved from now on; the store keeps each
        // ticket's real instant and the engine re-reads them after every close.
        m_s.autoClose->setWindowHours(params.value(QStringLiteral("reopenWindowHours")).toInt());
    }
}

void AdminHandlers::passwordSet(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const QString password
        = p.string(QStringLiteral("password"), true, AdminOps::kMaxPasswordLength);
    if (!p.ok())
        return reply.error(p.error());
    if (const QString problem = AdminOps::passwordProblem(password); !problem.isEmpty())
        return reply.error(JsonRpc::makeError(ErrorCode::ValidationFailed, problem,
            { { QStringLiteral("field"), QStringLiteral("password") } }));
    // Hashing costs what a log-in check costs: on the password pool, never on the writer.
    if (m_s.passwordChecks->reserve(c.address) != PasswordChecks::Admission::Reserved)
        return reply.error(JsonRpc::makeError(ErrorCode::Busy,
            QStringLiteral("Too many passwords are being checked; retry in a moment."),
            { { QStringLiteral("retryAfterMs"), 1000 } }));
    auto hash = std::make_shared<QString>();
    const Caller caller = c.caller;
    m_s.passwordChecks->run(
        c.address,
        [hash, password] {
            *hash = PasswordHasher::hash(password);
            return !hash->isEmpty();
        },
        [this, weak = c.weak(), reply, params, hash, caller](bool) {
            const auto c = weak.lock();
            if (!c)
                return;
            m_ops.write(
                *c, reply, QStringLiteral("agents.password.set"), QString(),
                [caller, params, hash](Store &s) {
                    return AdminOps::setPasswordHash(s, caller, params, *hash, Timestamp::now());
                },
                [this, params](const OpResult &r) {
                    committed(QStringLiteral("agents.password.set"), params, r);
                });
        });
}

} // namespace Atiende::Server
