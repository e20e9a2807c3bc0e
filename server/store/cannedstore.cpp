#include "cannedstore.h"

#include "directorystore.h"
#include "sqlcontext.h"
#include "ticketstore.h"

#include "core/domain/ids.h"
#include "core/search/ftsquery.h"
#include "core/text/fold.h"
#include "core/text/placeholders.h"

#include <QJsonArray>

#include <algorithm>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {
const QString kColumns = QStringLiteral(
    "id, title, body, group_id, language, keywords, active, version, created_at, updated_at");

CannedResponse fromRow(const QSqlQuery &q)
{
    CannedResponse r;
    r.id = q.value(0).toLongLong();
    r.title = q.value(1).toString();
    r.body = q.value(2).toString();
    r.groupId = q.value(3).isNull() ? 0 : q.value(3).toLongLong();
    r.language = q.value(4).toString();
    r.keywords = q.value(5).toString();
    r.active = q.value(6).toInt() != 0;
    r.version = q.value(7).toInt();
    r.createdAt = q.value(8).toLongLong();
    r.updatedAt = q.value(9).toLongLong();
    return r;
}

} // namespace

CannedStore::CannedStore(SqlContext &ctx, DirectoryStore &directory, TicketStore &tickets)
    : m_ctx(ctx)
    , m_directory(directory)
    , m_tickets(tickets)
{
}

bool CannedStore::mayUse(const Caller &caller, const CannedResponse &r)
{
    if (caller.isAdmin())
        return true;
    return r.active && (r.groupId == 0 || caller.inGroup(r.groupId));
}

bool CannedStore::mayChange(const Caller &caller, qint64 groupId)
{
    if (caller.isAdmin())
        return true;
    return caller.role == Role::Lead && groupId != 0 && caller.inGroup(groupId);
}

namespace {
OpResult refusal(const Caller &caller)
{
    return OpResult::failure(ErrorCode::Forbidden,
        caller.role == Role::Lead
            ? QStringLiteral("Leads change only the canned responses of the groups they lead; "
                             "desk-wide ones are for admins.")
            : QStringLiteral(
                "Only admins, and leads for the groups they lead, change canned responses."));
}
} // namespace

QList<CannedResponse> CannedStore::all()
{
    QList<CannedResponse> out;
    if (QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT %1 FROM canned_responses ORDER BY title, id").arg(kColumns))) {
        while (q->next())
            out << fromRow(*q);
        q->finish();
    }
    return out;
}

std::optional<CannedResponse> CannedStore::response(qint64 id)
{
    std::optional<CannedResponse> r;
    if (QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT %1 FROM canned_responses WHERE id = ?").arg(kColumns), { id })) {
        if (q->next())
            r = fromRow(*q);
        q->finish();
    }
    return r;
}

OpResult CannedStore::list(
    const Caller &caller, qint64 groupId, const QString &text, bool manageable)
{
    // A desk keeps tens or a few hundred of these: filtering here keeps the rules (who may use
    // which, accent-blind words) in one place for every database engine.
    QStringList words = FtsQuery::terms(text);
    for (QString &w : words)
        w = Core::Text::fold(w);
    QJsonArray list;
    for (const CannedResponse &r : all()) {
        if (!(manageable ? mayChange(caller, r.groupId) : mayUse(caller, r))
            || (groupId && r.groupId && r.groupId != groupId))
            continue;
        if (!words.isEmpty()) {
            const QString haystack = Core::Text::fold(
                r.title + QLatin1Char('\n') + r.keywords + QLatin1Char('\n') + r.body);
            const bool matches = std::all_of(words.cbegin(), words.cend(),
                [&](const QString &w) { return haystack.contains(w); });
            if (!matches)
                continue;
        }
        list.append(r.toJson());
    }
    return OpResult::success(QJsonObject { { QStringLiteral("responses"), list } });
}

OpResult CannedStore::save(const Caller &caller, const QJsonObject &definition, qint64 now)
{
    if (!caller.isAdmin() && caller.role != Role::Lead)
        return refusal(caller);
    QString error, field;
    std::optional<CannedResponse> r = CannedResponse::fromJson(definition, &error, &field);
    if (!r)
        return OpResult::failure(
            ErrorCode::ValidationFailed, error, { { QStringLiteral("field"), field } });
    if (r->groupId && !m_directory.group(r->groupId))
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("There is no group with id %1.").arg(r->groupId),
            { { QStringLiteral("field"), QStringLiteral("groupId") } });
    if (!mayChange(caller, r->groupId))
        return refusal(caller);
    const QVariantList values { r->title, r->body, nullableId(r->groupId), r->language, r->keywords,
        r->active ? 1 : 0, now };
    if (r->id) {
        const std::optional<CannedResponse> old = response(r->id);
        if (!old)
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no canned response with id %1.").arg(r->id));
        if (!mayChange(caller, old->groupId)) // a lead may not take another group's response over
            return refusal(caller);
        if (!m_ctx.exec(
                QStringLiteral("UPDATE canned_responses SET title = ?, body = ?, group_id = ?, "
                               "language = ?, keywords = ?, "
                               "active = ?, updated_at = ?, version = version + 1 WHERE id = ?"),
                values + QVariantList { r->id }))
            return OpResult::failure(ErrorCode::InternalError, m_ctx.lastError());
    } else {
        r->id = m_ctx.insert(
            QStringLiteral(
                "INSERT INTO canned_responses (title, body, group_id, language, keywords, active, "
                "updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            values + QVariantList { now });
        if (!r->id)
            return OpResult::failure(ErrorCode::InternalError, m_ctx.lastError());
    }
    const std::optional<CannedResponse> saved = response(r->id);
    if (!saved)
        return OpResult::failure(ErrorCode::InternalError,
            QStringLiteral("The canned response could not be read back."));
    return OpResult::success(QJsonObject { { QStringLiteral("response"), saved->toJson() } });
}

OpResult CannedStore::remove(const Caller &caller, qint64 id)
{
    if (!caller.isAdmin() && caller.role != Role::Lead)
        return refusal(caller);
    const std::optional<CannedResponse> old = response(id);
    if (!old)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no canned response with id %1.").arg(id));
    if (!mayChange(caller, old->groupId))
        return refusal(caller);
    if (!m_ctx.exec(QStringLiteral("DELETE FROM canned_responses WHERE id = ?"), { id }))
        return OpResult::failure(ErrorCode::InternalError, m_ctx.lastError());
    return OpResult::success(QJsonObject { { QStringLiteral("id"), idToJson(id) } });
}

OpResult CannedStore::render(const Caller &caller, qint64 responseId, qint64 ticketId)
{
    const std::optional<CannedResponse> r = response(responseId);
    if (!r)
        return OpResult::failure(ErrorCode::NotFound,
            QStringLiteral("There is no canned response with id %1.").arg(responseId));
    if (!mayUse(caller, *r))
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("This canned response belongs to another group."));
    const std::optional<Ticket> t = m_tickets.ticket(ticketId);
    if (!t)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    if (!caller.canSeeTicket(t->groupId, t->assigneeId))
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("This ticket belongs to another group."));

    QHash<QString, QString> values { { QStringLiteral("ticket.number"), t->number },
        { QStringLiteral("ticket.subject"), t->subject } };
    qint64 organisationId = t->organisationId;
    if (t->customerId) {
        if (const auto c = m_directory.customer(t->customerId)) {
            values.insert(QStringLiteral("customer.name"), c->name);
            values.insert(QStringLiteral("customer.firstName"), Placeholders::firstNameOf(c->name));
            if (!organisationId)
                organisationId = c->organisationId;
        }
    }
    if (organisationId) {
        if (const auto o = m_directory.organisation(organisationId))
            values.insert(QStringLiteral("organisation.name"), o->name);
    }
    if (const auto a = m_directory.agent(caller.agentId)) {
        values.insert(QStringLiteral("agent.name"), a->name);
        values.insert(QStringLiteral("agent.firstName"), Placeholders::firstNameOf(a->name));
    }
    const Placeholders::Rendered rendered = Placeholders::render(r->body, values);
    return OpResult::success(QJsonObject { { QStringLiteral("body"), rendered.text },
        { QStringLiteral("unknown"), QJsonArray::fromStringList(rendered.unknown) },
        { QStringLiteral("missing"), QJsonArray::fromStringList(rendered.missing) } });
}

} // namespace Atiende::Server
