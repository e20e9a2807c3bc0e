#include "surveystore.h"

#include "server/auth/passwordhasher.h"
#include "server/store/directorystore.h"
#include "server/store/sqlcontext.h"
#include "server/store/syncstore.h"
#include "server/store/ticketstore.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

namespace {
constexpr qint64 kHourMs = 3600 * 1000;

// The desk acting on its own: sees every ticket, is nobody in the audit journal.
Caller systemCaller()
{
    return Caller { 0, Role::Admin, {} };
}

QJsonValue ratingJson(const QString &rating)
{
    return rating.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rating);
}
} // namespace

const QString &SurveyStore::windowSettingKey()
{
    static const QString key = QStringLiteral("satisfaction.reopen_window_hours");
    return key;
}

SurveyStore::SurveyStore(
    SqlContext &ctx, SyncStore &sync, DirectoryStore &directory, TicketStore &tickets)
    : m_ctx(ctx)
    , m_sync(sync)
    , m_directory(directory)
    , m_tickets(tickets)
{
}

int SurveyStore::reopenWindowHours()
{
    bool ok = false;
    const int hours = m_directory.setting(windowSettingKey()).toInt(&ok);
    return ok && hours >= 1 && hours <= kMaxWindowHours ? hours : kDefaultWindowHours;
}

OpResult SurveyStore::settings()
{
    return OpResult::success(
        QJsonObject { { QStringLiteral("reopenWindowHours"), reopenWindowHours() } });
}

OpResult SurveyStore::setSettings(const Caller &caller, int hours, qint64 now)
{
    if (!caller.isAdmin())
        return OpResult::failure(
            ErrorCode::Forbidden, QStringLiteral("Only admins change the satisfaction settings."));
    if (hours < 1 || hours > kMaxWindowHours)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("The reopen window must be 1 to %1 hours.").arg(kMaxWindowHours),
            { { QStringLiteral("field"), QStringLiteral("reopenWindowHours") } });
    const int before = reopenWindowHours();
    if (!m_directory.setSetting(windowSettingKey(), QString::number(hours))
        || !m_sync.audit(m_sync.nextRevision(), now, caller.agentId, QStringLiteral("settings"), 0,
            0, QStringLiteral("reopenWindowHours"), QString::number(before),
            QString::number(hours)))
        return OpResult::failure(ErrorCode::InternalError);
    return settings();
}

OpResult SurveyStore::onResolved(const Ticket &ticket, qint64 now)
{
    // One live survey per ticket: an answer to an older resolution must not reopen this one.
    if (!m_ctx.exec(QStringLiteral("UPDATE surveys SET expires_at = ? WHERE ticket_id = ? AND "
                                   "answered_at = 0 AND expires_at > ?"),
            { now, ticket.id, now }))
        return OpResult::failure(ErrorCode::InternalError);
    SurveyInvite invite;
    invite.ticketId = ticket.id;
    invite.token = PasswordHasher::newToken();
    invite.closeAt = now + reopenWindowHours() * kHourMs;
    invite.expiresAt = invite.closeAt + kTokenGraceMs;
    invite.surveyId = m_ctx.insert(
        QStringLiteral(
            "INSERT INTO surveys (ticket_id, token_hash, created_at, close_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?) RETURNING id"),
        { ticket.id, PasswordHasher::tokenHash(invite.token), now, invite.closeAt,
            invite.expiresAt });
    if (invite.surveyId == 0 || invite.token.isEmpty())
        return OpResult::failure(ErrorCode::InternalError);
    m_issued << invite;
    return OpResult::success(QJsonObject { { QStringLiteral("surveyId"), double(invite.surveyId) },
        { QStringLiteral("ticketId"), double(invite.ticketId) },
        { QStringLiteral("token"), invite.token },
        { QStringLiteral("closeAt"), Timestamp::toJson(invite.closeAt) },
        { QStringLiteral("expiresAt"), Timestamp::toJson(invite.expiresAt) } });
}

QList<SurveyInvite> SurveyStore::takeIssued()
{
    return std::exchange(m_issued, {});
}

OpResult SurveyStore::reopen(
    const Ticket &ticket, const QString &cause, const QString &why, qint64 now)
{
    // Through update(), so the lifecycle, the reopen count, the SLA clocks, the audit and the
    // sync feed all follow their usual rules. A reopened ticket needs an owner: if it has
    // none, it goes back to whoever resolved it.
    QJsonObject fields { { QStringLiteral("status"), QStringLiteral("in_progress") } };
    if (!ticket.assigneeId) {
        const QVariant resolver = m_ctx.scalar(
            QStringLiteral(
                "SELECT agent_id FROM audit WHERE entity = 'ticket' AND entity_id = ? "
                "AND field = 'status' AND new_value = 'resolved' ORDER BY id DESC LIMIT 1"),
            { ticket.id });
        if (resolver.toLongLong() > 0)
            fields.insert(QStringLiteral("assigneeId"), double(resolver.toLongLong()));
    }
    OpResult r = m_tickets.update(systemCaller(), ticket.id, ticket.version, fields, now);
    if (!r.ok)
        return r;
    OpResult event = m_tickets.addSystemEvent(ticket.id, why,
        { { QStringLiteral("reopened"),
            QJsonObject {
                { QStringLiteral("cause"), cause }, { QStringLiteral("reason"), why } } } },
        now);
    if (!event.ok)
        return event;
    r.changes << event.changes;
    return r;
}

OpResult SurveyStore::answer(
    const QString &token, const QString &rating, const QString &comment, qint64 now)
{
    if (rating != QLatin1String("good") && rating != QLatin1String("bad"))
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("The rating is good or bad."),
            { { QStringLiteral("field"), QStringLiteral("rating") } });
    if (comment.size() > kMaxComment)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("The comment is longer than %1 characters.").arg(kMaxComment),
            { { QStringLiteral("field"), QStringLiteral("comment") } });
    QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, ticket_id, close_at, expires_at, "
                                            "answered_at FROM surveys WHERE token_hash = ?"),
        { PasswordHasher::tokenHash(token) });
    if (!q)
        return OpResult::failure(ErrorCode::InternalError);
    if (!q->next()) {
        q->finish();
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("This survey link is not valid."));
    }
    const qint64 surveyId = q->value(0).toLongLong();
    const qint64 ticketId = q->value(1).toLongLong();
    const qint64 closeAt = q->value(2).toLongLong();
    const qint64 expiresAt = q->value(3).toLongLong();
    const qint64 answeredAt = q->value(4).toLongLong();
    q->finish();
    if (answeredAt > 0)
        return OpResult::failure(ErrorCode::ValidationFailed,
            QStringLiteral("This survey has already been answered. Thank you!"));
    if (expiresAt <= now)
        return OpResult::failure(
            ErrorCode::ValidationFailed, QStringLiteral("This survey link has expired."));
    const std::optional<Ticket> ticket = m_tickets.ticket(ticketId);
    if (!ticket)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("This survey link is not valid."));

    const QString text = comment.trimmed();
    if (!m_ctx.exec(QStringLiteral(
                        "UPDATE surveys SET rating = ?, comment = ?, answered_at = ? WHERE id = ?"),
            { rating, text, now, surveyId }))
        return OpResult::failure(ErrorCode::InternalError);
    QString body = QStringLiteral("Customer satisfaction: %1").arg(rating);
    if (!text.isEmpty())
        body += QStringLiteral("\n") + text;
    OpResult out = m_tickets.addSystemEvent(ticketId, body,
        { { QStringLiteral("survey"),
            QJsonObject {
                { QStringLiteral("rating"), rating }, { QStringLiteral("comment"), text } } } },
        now);
    if (!out.ok)
        return out;
    // Only within the window and only a ticket still resolved: after it, or once an agent has
    // reopened or closed it, the rating is information, not a request.
    const bool reopens = rating == QLatin1String("bad") && ticket->status == TicketStatus::Resolved
        && now < closeAt;
    bool reopened = false;
    if (reopens) {
        const OpResult r = reopen(*ticket, QStringLiteral("badRating"),
            QStringLiteral("Reopened: the customer rated the resolution bad."), now);
        if (!r.ok && r.error.code == ErrorCode::InternalError)
            return r;
        reopened = r.ok;
        out.changes << r.changes;
    }
    out.result = QJsonObject { { QStringLiteral("ticket"), ticket->number },
        { QStringLiteral("rating"), rating }, { QStringLiteral("reopened"), reopened } };
    return out;
}

OpResult SurveyStore::customerReplied(qint64 ticketId, qint64 now)
{
    const std::optional<Ticket> ticket = m_tickets.ticket(ticketId);
    if (!ticket)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    if (ticket->status != TicketStatus::Resolved || now >= closeAt(ticketId))
        return OpResult::success(QJsonObject { { QStringLiteral("reopened"), false } });
    OpResult r = reopen(*ticket, QStringLiteral("customerReplied"),
        QStringLiteral("Reopened: the customer replied."), now);
    if (r.ok)
        r.result = QJsonObject { { QStringLiteral("reopened"), true } };
    return r;
}

OpResult SurveyStore::get(const Caller &caller, qint64 ticketId)
{
    const std::optional<Ticket> ticket = m_tickets.ticket(ticketId);
    if (!ticket)
        return OpResult::failure(
            ErrorCode::NotFound, QStringLiteral("There is no ticket with id %1.").arg(ticketId));
    if (!caller.canSeeTicket(ticket->groupId, ticket->assigneeId))
        return OpResult::failure(ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(ticket->number));
    QJsonArray list;
    if (QSqlQuery *q = m_ctx.run(QStringLiteral("SELECT id, created_at, close_at, expires_at, "
                                                "rating, comment, answered_at FROM surveys "
                                                "WHERE ticket_id = ? ORDER BY id"),
            { ticketId })) {
        while (q->next()) {
            list.append(QJsonObject { { QStringLiteral("id"), double(q->value(0).toLongLong()) },
                { QStringLiteral("createdAt"), Timestamp::toJson(q->value(1).toLongLong()) },
                { QStringLiteral("closeAt"), Timestamp::toJson(q->value(2).toLongLong()) },
                { QStringLiteral("expiresAt"), Timestamp::toJson(q->value(3).toLongLong()) },
                { QStringLiteral("rating"), ratingJson(q->value(4).toString()) },
                { QStringLiteral("comment"), q->value(5).toString() },
                { QStringLiteral("answeredAt"), Timestamp::toJson(q->value(6).toLongLong()) } });
        }
        q->finish();
    }
    return OpResult::success(QJsonObject {
        { QStringLiteral("ticketId"), double(ticketId) }, { QStringLiteral("surveys"), list } });
}

QList<SurveyStore::CloseWake> SurveyStore::closeWakeups()
{
    QList<CloseWake> out;
    // A ticket resolved before surveys existed has no survey: it gets today's window.
    QSqlQuery *q = m_ctx.run(
        QStringLiteral("SELECT t.id, t.resolved_at, (SELECT MAX(s.close_at) FROM surveys s "
                       "WHERE s.ticket_id = t.id AND s.created_at >= t.resolved_at) "
                       "FROM tickets t WHERE t.status = 'resolved'"));
    if (!q)
        return out;
    const qint64 window = reopenWindowHours() * kHourMs;
    while (q->next())
        out.append({ q->value(0).toLongLong(),
            q->value(2).isNull() ? q->value(1).toLongLong() + window : q->value(2).toLongLong() });
    q->finish();
    return out;
}

qint64 SurveyStore::closeAt(qint64 ticketId)
{
    for (const CloseWake &w : closeWakeups()) {
        if (w.ticketId == ticketId)
            return w.at;
    }
    return 0;
}

qint64 SurveyStore::nextCloseAt()
{
    qint64 next = 0;
    for (const CloseWake &w : closeWakeups())
        next = next == 0 ? w.at : qMin(next, w.at);
    return next;
}

OpResult SurveyStore::closeDue(qint64 now)
{
    OpResult out = OpResult::success(QJsonValue());
    QJsonArray closed;
    for (const CloseWake &w : closeWakeups()) {
        if (w.at > now)
            continue;
        const std::optional<Ticket> ticket = m_tickets.ticket(w.ticketId);
        if (!ticket)
            continue;
        const qint64 hours = (w.at - ticket->resolvedAt) / kHourMs;
        OpResult r = m_tickets.update(systemCaller(), ticket->id, ticket->version,
            { { QStringLiteral("status"), QStringLiteral("closed") } }, now);
        if (!r.ok) {
            if (r.error.code == ErrorCode::InternalError)
                return r;
            qWarning("atiende.satisfaction: ticket %lld could not be closed: %s", ticket->id,
                qPrintable(r.error.message));
            continue;
        }
        const OpResult event = m_tickets.addSystemEvent(ticket->id,
            QStringLiteral("Closed automatically after %1 hours").arg(hours),
            { { QStringLiteral("autoClosed"),
                QJsonObject { { QStringLiteral("afterHours"), double(hours) } } } },
            now);
        if (!event.ok)
            return event;
        out.changes << r.changes << event.changes;
        closed.append(double(ticket->id));
    }
    out.result = QJsonObject { { QStringLiteral("closed"), closed } };
    return out;
}

} // namespace Atiende::Server
