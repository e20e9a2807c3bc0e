#include "slaconfigstore.h"

#include "sqlcontext.h"
#include "syncstore.h"
#include "ticketstore.h"

#include "core/calendar/businesscalendar.h"
#include "core/domain/ids.h"
#include "core/sla/slapolicy.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {
QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

SlaConfigStore::SlaConfigStore(SqlContext &ctx, SyncStore &sync, TicketStore &tickets)
    : m_ctx(ctx)
    , m_sync(sync)
    , m_tickets(tickets)
{
}

OpResult SlaConfigStore::calendars()
{
    QJsonArray list;
    if (QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT id, definition, version FROM calendars ORDER BY name"))) {
        while (q->next()) {
            QJsonObject o = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            o.insert(QStringLiteral("id"), double(q->value(0).toLongLong()));
            o.insert(QStringLiteral("version"), q->value(2).toInt());
            list.append(o);
        }
        q->finish();
    }
    return OpResult::success(QJsonObject { { QStringLiteral("calendars"), list } });
}

OpResult SlaConfigStore::policies()
{
    // From the table, not the writer's in-memory copy: readers answer this too.
    QJsonArray list;
    if (QSqlQuery *q = m_ctx.run(
            QStringLiteral("SELECT id, definition, version FROM sla_policies ORDER BY id"))) {
        while (q->next()) {
            QJsonObject o = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
            o.insert(QStringLiteral("id"), double(q->value(0).toLongLong()));
            o.insert(QStringLiteral("version"), q->value(2).toInt());
            list.append(o);
        }
        q->finish();
    }
    return OpResult::success(QJsonObject { { QStringLiteral("policies"), list } });
}

OpResult SlaConfigStore::saveCalendar(
    const Caller &caller, const QJsonObject &definition, qint64 now)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins change business calendars."));
    QString error;
    const auto cal = BusinessCalendar::fromJson(definition, &error);
    if (!cal)
        return OpResult::failure(ErrorCode::ValidationFailed, error,
            { { QStringLiteral("field"), QStringLiteral("calendar") } });
    qint64 id = 0;
    idFromJson(definition.value(QStringLiteral("id")), &id);
    const QJsonObject normal = cal->toJson();
    if (id) {
        if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM calendars WHERE id = ?"), { id }).isValid())
            return OpResult::failure(
                ErrorCode::NotFound, QStringLiteral("There is no calendar with id %1.").arg(id));
        if (!m_ctx.exec(QStringLiteral("UPDATE calendars SET name = ?, definition = ?, version = "
                                       "version + 1 WHERE id = ?"),
                { cal->name(), compact(normal), id }))
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("Another calendar is called %1.").arg(cal->name()));
    } else {
        id = m_ctx.insert(
            QStringLiteral("INSERT INTO calendars (name, definition) VALUES (?, ?) RETURNING id"),
            { cal->name(), compact(normal) });
        if (!id)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("Another calendar is called %1.").arg(cal->name()));
    }
    QJsonObject saved = normal;
    saved.insert(QStringLiteral("id"), double(id));
    return afterChange(caller, QStringLiteral("calendar"), saved, now);
}

OpResult SlaConfigStore::savePolicy(const Caller &caller, const QJsonObject &definition, qint64 now)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins change SLA policies."));
    QString error;
    auto policy = SlaPolicy::fromJson(definition, &error);
    if (!policy)
        return OpResult::failure(ErrorCode::ValidationFailed, error,
            { { QStringLiteral("field"), QStringLiteral("policy") } });
    if (policy->calendarId
        && !m_ctx
                .scalar(
                    QStringLiteral("SELECT 1 FROM calendars WHERE id = ?"), { policy->calendarId })
                .isValid())
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("There is no calendar with id %1.").arg(policy->calendarId),
            { { QStringLiteral("field"), QStringLiteral("calendarId") } });
    QJsonObject stored = policy->toJson();
    stored.remove(QStringLiteral("id"));
    stored.remove(QStringLiteral("version"));
    if (policy->id) {
        if (!m_ctx.scalar(QStringLiteral("SELECT 1 FROM sla_policies WHERE id = ?"), { policy->id })
                 .isValid())
            return OpResult::failure(ErrorCode::NotFound,
                QStringLiteral("There is no SLA policy with id %1.").arg(policy->id));
        if (!m_ctx.exec(QStringLiteral("UPDATE sla_policies SET name = ?, definition = ?, version "
                                       "= version + 1 WHERE id = ?"),
                { policy->name, compact(stored), policy->id }))
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("Another SLA policy is called %1.").arg(policy->name));
    } else {
        policy->id = m_ctx.insert(
            QStringLiteral(
                "INSERT INTO sla_policies (name, definition) VALUES (?, ?) RETURNING id"),
            { policy->name, compact(stored) });
        if (!policy->id)
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("Another SLA policy is called %1.").arg(policy->name));
    }
    return afterChange(caller, QStringLiteral("policy"), policy->toJson(), now);
}

OpResult SlaConfigStore::afterChange(
    const Caller &caller, const QString &key, const QJsonObject &saved, qint64 now)
{
    if (!m_tickets.loadSlaConfig())
        return OpResult::failure(ErrorCode::InternalError,
            QStringLiteral("The SLA configuration could not be read back."));
    OpResult r = m_tickets.recomputeSla(caller, now);
    if (!r.ok)
        return r;
    const int recomputed = r.result.toObject().value(QStringLiteral("recomputed")).toInt();
    r.result = QJsonObject { { key, saved }, { QStringLiteral("recomputed"), recomputed } };
    return r;
}

} // namespace Atiende::Server
