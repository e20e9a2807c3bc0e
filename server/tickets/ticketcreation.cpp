#include "ticketcreation.h"

#include "core/domain/ticketnumber.h"
#include "core/sla/ticketsla.h"

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;
using Protocol::onField;

namespace {

} // namespace

std::optional<Refusal> TicketCreation::checkText(const NewTicket &n, QString *subject)
{
    *subject = n.subject.trimmed();
    if (subject->isEmpty())
        return Refusal { ErrorCode::ValidationFailed, QStringLiteral("A ticket needs a subject."),
            onField(QStringLiteral("subject")) };
    if (subject->size() > kMaxSubject)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("The subject is longer than %1 characters.").arg(kMaxSubject),
            onField(QStringLiteral("subject")) };
    if (n.description.size() > kMaxBody)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("The description is longer than %1 characters.").arg(kMaxBody),
            onField(QStringLiteral("description")) };
    return std::nullopt;
}

qint64 TicketCreation::fallbackGroup(const Caller &caller, TicketLookups &lookups)
{
    return caller.groupIds.isEmpty() ? lookups.firstGroup() : caller.groupIds.first();
}

std::optional<Refusal> TicketCreation::checkPlacement(const Caller &caller, const NewTicket &n,
    qint64 groupId, bool routed, TicketLookups &lookups, qint64 *organisationId)
{
    if (groupId == 0)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("There is no group to file the ticket in; create a group first."), {} };
    if (!lookups.exists(TicketLookups::Reference::Group, groupId))
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("there is no group with id %1").arg(groupId),
            onField(QStringLiteral("groupId")) };
    if (!routed && !caller.isAdmin() && !caller.inGroup(groupId))
        return Refusal { ErrorCode::Forbidden,
            QStringLiteral("You may only open tickets in your own groups."), {} };
    if (n.categoryId && !lookups.exists(TicketLookups::Reference::Category, n.categoryId))
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("there is no category with id %1").arg(n.categoryId),
            onField(QStringLiteral("categoryId")) };
    *organisationId = 0;
    if (n.customerId) {
        const std::optional<qint64> org = lookups.customerOrganisation(n.customerId);
        if (!org)
            return Refusal { ErrorCode::ValidationFailed,
                QStringLiteral("there is no customer with id %1").arg(n.customerId),
                onField(QStringLiteral("customerId")) };
        *organisationId = *org;
    }
    if (n.assigneeId && !lookups.isActiveMember(groupId, n.assigneeId))
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("The assignee must be an active member of the ticket's group."),
            onField(QStringLiteral("assigneeId")) };
    return std::nullopt;
}

Ticket TicketCreation::build(const Caller &caller, const NewTicket &n, const QString &subject,
    qint64 groupId, qint64 assigneeId, qint64 organisationId, qint64 sequence,
    const PriorityMatrix &matrix, const SlaSetup &sla, qint64 now)
{
    Ticket t;
    t.number = TicketNumber::format(n.type, sequence);
    t.type = n.type;
    t.subject = subject;
    t.status = assigneeId ? TicketStatus::Assigned : TicketStatus::New;
    t.impact = n.impact;
    t.urgency = n.urgency;
    t.priority = matrix.priority(n.impact, n.urgency);
    t.channel = n.channel;
    t.categoryId = n.categoryId;
    t.groupId = groupId;
    t.assigneeId = assigneeId;
    t.customerId = n.customerId;
    t.organisationId = organisationId;
    t.createdBy = caller.agentId;
    t.createdAt = now;
    t.updatedAt = now;
    t.version = 1;
    const SlaPolicy *policy
        = SlaPolicy::select(sla.policies, t.categoryId, t.organisationId, t.priority);
    const TicketSla clocks = TicketSla::begin(policy, t.priority, t.status, now);
    if (clocks.hasTargets())
        t.sla = clocks.toJson(sla.calendarFor(clocks.policyId), now);
    return t;
}

std::optional<Refusal> TicketReply::checkMessage(
    ArticleKind kind, const QString &body, bool carriesFiles)
{
    if (kind == ArticleKind::SystemEvent)
        return Refusal { ErrorCode::InvalidParams,
            QStringLiteral("\"kind\" must be reply or note; events are written by the server."),
            {} };
    if (body.trimmed().isEmpty() && !carriesFiles)
        return Refusal { ErrorCode::ValidationFailed, QStringLiteral("The message is empty."),
            onField(QStringLiteral("body")) };
    if (body.size() > TicketCreation::kMaxBody)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("The message is longer than %1 characters.")
                .arg(TicketCreation::kMaxBody),
            onField(QStringLiteral("body")) };
    return std::nullopt;
}

std::optional<Refusal> TicketReply::checkTicket(const Caller &caller, const Ticket &t)
{
    if (!caller.canSeeTicket(t.groupId, t.assigneeId))
        return Refusal { ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(t.number), {} };
    if (t.status == TicketStatus::Closed)
        return Refusal { ErrorCode::ValidationFailed,
            QStringLiteral("%1 is closed; open a new ticket that refers to it.").arg(t.number),
            {} };
    return std::nullopt;
}

TicketReply::Outcome TicketReply::apply(
    const Ticket &t, ArticleKind kind, const SlaSetup &sla, qint64 now)
{
    Outcome o;
    o.after = t;
    o.firstResponse = kind == ArticleKind::PublicReply && t.firstResponseAt == 0;
    if (o.firstResponse) {
        o.after.firstResponseAt = now;
        if (!t.sla.isEmpty()) {
            TicketSla clocks = TicketSla::fromJson(t.sla);
            clocks.onFirstResponse(sla.calendarFor(clocks.policyId), now);
            o.after.sla = clocks.toJson(sla.calendarFor(clocks.policyId), now);
        }
    }
    if (kind == ArticleKind::PublicReply)
        o.after.agentReplies += 1; // first-contact resolution counts them (docs/kpis.md)
    o.after.version += 1;
    o.after.updatedAt = now;
    return o;
}

QList<AuditEntry> TicketReply::record(
    ArticleKind kind, qint64 articleId, bool firstResponse, qint64 now)
{
    QList<AuditEntry> out { { QStringLiteral("article"), QString(),
        QStringLiteral("%1 %2").arg(wireName(kind)).arg(articleId) } };
    if (firstResponse)
        out.append({ QStringLiteral("firstResponseAt"), QString(), QString::number(now) });
    return out;
}

} // namespace Atiende::Server
