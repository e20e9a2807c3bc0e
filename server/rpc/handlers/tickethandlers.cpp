#include "tickethandlers.h"

#include "server/mail/mailarticles.h"
#include "server/mail/mailsender.h"
#include "server/rpc/operations.h"
#include "server/rpc/params.h"
#include "server/rpc/rpcservices.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"
#include "core/protocol/protocol.h"

namespace Atiende::Server {

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

namespace {
// A ticket that is, or has just become, P1 goes through the p1 escalation rules in the same
// transaction as the write that made it so; the rules themselves never escalate it twice.
OpResult escalateIfP1(Store &s, OpResult r, qint64 now)
{
    if (!r.ok)
        return r;
    QJsonObject result = r.result.toObject();
    const QJsonObject ticket = result.value(QStringLiteral("ticket")).toObject();
    if (ticket.value(QStringLiteral("priority")).toString() != wireName(Priority::P1))
        return r;
    const OpResult e = s.escalation().apply(ticket.value(QStringLiteral("id")).toInteger(),
        QStringLiteral("p1"), QStringLiteral("any"), now);
    if (!e.ok)
        return e;
    if (!e.changes.isEmpty()) {
        r.changes += e.changes;
        result.insert(
            QStringLiteral("ticket"), e.result.toObject().value(QStringLiteral("ticket")));
        r.result = result;
    }
    return r;
}
} // namespace

void TicketHandlers::registerWith(Dispatcher &d)
{
    d.add(QStringLiteral("tickets.query"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::query));
    d.add(QStringLiteral("tickets.get"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::get));
    d.add(QStringLiteral("tickets.create"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::create));
    d.add(QStringLiteral("tickets.update"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::update));
    d.add(QStringLiteral("tickets.addArticle"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::addArticle));
    d.add(QStringLiteral("tickets.escalate"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::escalate));
    d.add(QStringLiteral("customers.history"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::customerHistory));
    d.add(QStringLiteral("customers.create"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::customerCreate));
    d.add(QStringLiteral("articles.move"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::moveArticle));
    d.add(QStringLiteral("mail.message"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::mailMessage));
    d.add(QStringLiteral("mail.retry"), Dispatcher::signedIn(),
        Dispatcher::bind(this, &TicketHandlers::mailRetry));
}

void TicketHandlers::query(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    TicketFilter f;
    f.groupIds = p.idList(QStringLiteral("groupId"));
    f.statuses = p.enumList<TicketStatus>(QStringLiteral("status"));
    f.priorities = p.enumList<Priority>(QStringLiteral("priority"));
    if (params.contains(QStringLiteral("assigneeId")))
        f.assigneeId = p.id(QStringLiteral("assigneeId"), false); // null: unassigned
    f.customerId = p.id(QStringLiteral("customerId"), false);
    f.organisationId = p.id(QStringLiteral("organisationId"), false);
    f.text = p.string(QStringLiteral("text"), false, 500);
    f.openOnly = p.boolean(QStringLiteral("openOnly"), false);
    const QString sort = p.string(QStringLiteral("sort"), false, 32);
    static const QStringList kSorts { QStringLiteral("updatedAt"), QStringLiteral("createdAt"),
        QStringLiteral("priority"), QStringLiteral("number"), QStringLiteral("status") };
    if (!sort.isEmpty() && !kSorts.contains(sort))
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
            QStringLiteral("\"sort\" must be one of %1.").arg(kSorts.join(QStringLiteral(", "))),
            { { QStringLiteral("param"), QStringLiteral("sort") } }));
    if (!sort.isEmpty())
        f.sort = sort;
    const QString order = p.string(QStringLiteral("order"), false, 8);
    if (!order.isEmpty() && order != QLatin1String("asc") && order != QLatin1String("desc"))
        return reply.error(JsonRpc::makeError(ErrorCode::InvalidParams,
            QStringLiteral("\"order\" must be asc or desc."),
            { { QStringLiteral("param"), QStringLiteral("order") } }));
    f.descending = order != QLatin1String("asc");
    f.offset = int(p.integer(QStringLiteral("offset"), false, 0, 100000000, 0));
    f.limit = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPageSize, kDefaultPageSize));
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.read(c, reply, [caller, f](Store &s) { return s.tickets().query(caller, f); });
}

void TicketHandlers::get(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const Caller caller = c.caller;
    // By id, or by the number agents type (an agent looking up a ticket the console does not hold).
    if (params.contains(QStringLiteral("number")) && !params.contains(QStringLiteral("id"))) {
        const QString number = p.string(QStringLiteral("number"), true, 32);
        if (!p.ok())
            return reply.error(p.error());
        return m_ops.read(c, reply,
            [caller, number](Store &s) { return s.tickets().getByNumber(caller, number); });
    }
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    if (!p.ok())
        return reply.error(p.error());
    m_ops.read(
        c, reply, [caller, ticketId](Store &s) { return s.tickets().get(caller, ticketId); });
}

void TicketHandlers::create(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    NewTicket n;
    n.type = p.enumValue<TicketType>(QStringLiteral("type"), true).value_or(TicketType::Incident);
    n.subject = p.string(QStringLiteral("subject"), true, 10000);
    n.description = p.string(QStringLiteral("description"), false);
    n.impact = p.enumValue<Level>(QStringLiteral("impact"), false).value_or(Level::Medium);
    n.urgency = p.enumValue<Level>(QStringLiteral("urgency"), false).value_or(Level::Medium);
    n.channel = p.enumValue<Channel>(QStringLiteral("channel"), false).value_or(Channel::Console);
    n.categoryId = p.id(QStringLiteral("categoryId"), false);
    n.groupId = p.id(QStringLiteral("groupId"), false);
    n.customerId = p.id(QStringLiteral("customerId"), false);
    n.assigneeId = p.id(QStringLiteral("assigneeId"), false);
    n.attachments = p.stringList(QStringLiteral("attachments"), false, 100, 64);
    const QString opId = p.opId(false);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    const FileLimits limits = m_s.config.files;
    m_ops.write(c, reply, QStringLiteral("tickets.create"), opId, [caller, n, limits](Store &s) {
        const qint64 now = Timestamp::now();
        return escalateIfP1(s, s.tickets().create(caller, n, now, limits), now);
    });
}

void TicketHandlers::update(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    const int baseVersion = int(p.integer(QStringLiteral("baseVersion"), true, 1, 2000000000));
    const QString opId = p.opId(true);
    const QJsonObject fields = p.object(QStringLiteral("fields"), true);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.write(c, reply, QStringLiteral("tickets.update"), opId,
        [caller, ticketId, baseVersion, fields](Store &s) {
            const qint64 now = Timestamp::now();
            return escalateIfP1(
                s, s.tickets().update(caller, ticketId, baseVersion, fields, now), now);
        });
}

void TicketHandlers::addArticle(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("ticketId"), true);
    const auto kind = p.enumValue<ArticleKind>(QStringLiteral("kind"), true);
    const QString body = p.string(QStringLiteral("body"), true);
    const QStringList uploadIds = p.stringList(QStringLiteral("attachments"), false, 100, 64);
    const QString opId = p.opId(false);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    const FileLimits limits = m_s.config.files;
    m_ops.write(c, reply, QStringLiteral("tickets.addArticle"), opId,
        [caller, ticketId, kind, body, uploadIds, limits](Store &s) {
            return s.tickets().addArticle(
                caller, ticketId, *kind, body, Timestamp::now(), uploadIds, limits);
        });
}

void TicketHandlers::escalate(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 ticketId = p.id(QStringLiteral("id"), true);
    const QString kind = p.string(QStringLiteral("kind"), true, 20);
    const qint64 toGroupId = p.id(QStringLiteral("toGroupId"), false);
    const QString reason = p.string(QStringLiteral("reason"), false, 2000);
    const QString opId = p.opId(false);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.write(c, reply, QStringLiteral("tickets.escalate"), opId,
        [caller, ticketId, kind, toGroupId, reason](Store &s) {
            return s.escalation().escalate(
                caller, ticketId, kind, toGroupId, reason, Timestamp::now());
        });
}

void TicketHandlers::customerHistory(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 customerId = p.id(QStringLiteral("customerId"), true);
    const int limit
        = int(p.integer(QStringLiteral("limit"), false, 1, kMaxPageSize, kDefaultPageSize));
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.read(c, reply, [caller, customerId, limit](Store &s) {
        return s.tickets().customerHistory(caller, customerId, limit);
    });
}

void TicketHandlers::customerCreate(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    Customer customer;
    customer.name = p.string(QStringLiteral("name"), true, 200);
    customer.email = p.string(QStringLiteral("email"), false, 254);
    customer.phone = p.string(QStringLiteral("phone"), false, 50);
    customer.organisationId = p.id(QStringLiteral("organisationId"), false);
    customer.language = p.string(QStringLiteral("language"), false, 8);
    const QString opId = p.opId(false);
    if (!p.ok())
        return reply.error(p.error());
    // Every agent may add a customer: they are visible to all (docs/protocol.md).
    m_ops.write(c, reply, QStringLiteral("customers.create"), opId,
        [customer](Store &s) { return s.directory().addCustomer(customer); });
}

void TicketHandlers::moveArticle(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 articleId = p.id(QStringLiteral("articleId"), true);
    const qint64 toTicketId = p.id(QStringLiteral("toTicketId"), false);
    const QString opId = p.opId(true);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.write(
        c, reply, QStringLiteral("articles.move"), opId, [caller, articleId, toTicketId](Store &s) {
            return Mail::MailArticles::move(s, caller, articleId, toTicketId, Timestamp::now());
        });
}

void TicketHandlers::mailMessage(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 articleId = p.id(QStringLiteral("articleId"), true);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    m_ops.read(c, reply, [caller, articleId](Store &s) {
        return Mail::MailArticles::message(s, caller, articleId);
    });
}

void TicketHandlers::mailRetry(CallContext &c, const QJsonObject &params, const Reply &reply)
{
    Params p(params);
    const qint64 articleId = p.id(QStringLiteral("articleId"), true);
    const QString opId = p.opId(false);
    if (!p.ok())
        return reply.error(p.error());
    const Caller caller = c.caller;
    RpcServices *services = &m_s;
    m_ops.write(
        c, reply, QStringLiteral("mail.retry"), opId,
        [caller, articleId](
            Store &s) { return Mail::MailArticles::retry(s, caller, articleId, Timestamp::now()); },
        [services](const OpResult &) {
            if (services->mailSender) // due now: no need to wait for the next look at the outbox
                services->mailSender->kick();
        });
}

} // namespace Atiende::Server
