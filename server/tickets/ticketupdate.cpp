#include "ticketupdate.h"

#include "emailaddress.h"

#include "core/domain/ids.h"
#include "core/domain/ticketlifecycle.h"
#include "core/sla/ticketsla.h"

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;
using Protocol::onField;

namespace {

Refusal refuse(ErrorCode code, const QString &message, const QJsonObject &data = {})
{
    return Refusal { code, message, data };
}

QString referenceProblem(
    TicketLookups &lookups, TicketLookups::Reference kind, qint64 id, const QString &what)
{
    if (id == 0 || lookups.exists(kind, id))
        return QString();
    return QStringLiteral("there is no %1 with id %2").arg(what).arg(id);
}

} // namespace

TicketUpdate::TicketUpdate(
    const PriorityMatrix &matrix, const SlaSetup &sla, TicketLookups &lookups)
    : m_matrix(matrix)
    , m_sla(sla)
    , m_lookups(lookups)
{
}

const QStringList &TicketUpdate::updatableFields()
{
    static const QStringList fields { QStringLiteral("subject"), QStringLiteral("status"),
        QStringLiteral("impact"), QStringLiteral("urgency"), QStringLiteral("categoryId"),
        QStringLiteral("groupId"), QStringLiteral("assigneeId"), QStringLiteral("customerId"),
        QStringLiteral("kbArticleIds"), QStringLiteral("cc") };
    return fields;
}

const QStringList &TicketUpdate::journalledFields()
{
    static const QStringList fields { QStringLiteral("subject"), QStringLiteral("status"),
        QStringLiteral("impact"), QStringLiteral("urgency"), QStringLiteral("priority"),
        QStringLiteral("categoryId"), QStringLiteral("groupId"), QStringLiteral("assigneeId"),
        QStringLiteral("customerId"), QStringLiteral("organisationId"),
        QStringLiteral("kbArticleIds"), QStringLiteral("cc") };
    return fields;
}

std::optional<Refusal> TicketUpdate::checkValue(
    const QString &field, const QJsonValue &value, qint64 *idValue)
{
    if (!updatableFields().contains(field))
        return refuse(ErrorCode::InvalidParams,
            QStringLiteral("\"%1\" is not a field that can be changed; allowed: %2.")
                .arg(field, updatableFields().join(QStringLiteral(", "))));
    *idValue = 0;
    const bool isIdField = field.endsWith(QLatin1String("Id"));
    if (isIdField && !idFromJson(value, idValue))
        return refuse(
            ErrorCode::InvalidParams, QStringLiteral("\"%1\" must be an id or null.").arg(field));
    if (!isIdField && !value.isString())
        return refuse(
            ErrorCode::InvalidParams, QStringLiteral("\"%1\" must be a string.").arg(field));
    if (field == QLatin1String("status") && !fromString<TicketStatus>(value.toString()))
        return refuse(ErrorCode::InvalidParams,
            QStringLiteral("Unknown status \"%1\"; one of %2.")
                .arg(value.toString(), wireNames<TicketStatus>().join(QStringLiteral(", "))));
    if ((field == QLatin1String("impact") || field == QLatin1String("urgency"))
        && !fromString<Level>(value.toString()))
        return refuse(ErrorCode::InvalidParams,
            QStringLiteral("\"%1\" must be high, medium or low.").arg(field));
    if (field == QLatin1String("groupId") && *idValue == 0)
        return refuse(ErrorCode::ValidationFailed,
            QStringLiteral("A ticket always belongs to a group."), onField(field));
    return std::nullopt;
}

QList<qint64> TicketUpdate::mergeKbLinks(const QList<qint64> &current, const QList<qint64> &yours,
    const QList<TicketLookups::FieldEdit> &since, qint64 agentId)
{
    QList<qint64> base = since.isEmpty() ? current : idListFromText(since.first().before);
    for (const TicketLookups::FieldEdit &c : since) {
        if (c.agentId != agentId)
            continue;
        const QList<qint64> before = idListFromText(c.before);
        const QList<qint64> after = idListFromText(c.after);
        for (qint64 kb : before) {
            if (!after.contains(kb))
                base.removeAll(kb);
        }
        for (qint64 kb : after) {
            if (!before.contains(kb) && !base.contains(kb))
                base << kb;
        }
    }
    QList<qint64> merged;
    for (qint64 kb : current) {
        if (yours.contains(kb) || !base.contains(kb))
            merged << kb; // kept, or linked by someone else since
    }
    for (qint64 kb : yours) {
        if (!base.contains(kb) && !merged.contains(kb))
            merged << kb; // linked by this edit
    }
    return merged;
}

QStringList TicketUpdate::ccFromAuditText(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QStringList TicketUpdate::mergeCc(const QStringList &current, const QStringList &yours,
    const QList<TicketLookups::FieldEdit> &since, qint64 agentId)
{
    QStringList base = since.isEmpty() ? current : ccFromAuditText(since.first().before);
    for (const TicketLookups::FieldEdit &c : since) {
        if (c.agentId != agentId)
            continue;
        const QStringList before = ccFromAuditText(c.before);
        const QStringList after = ccFromAuditText(c.after);
        for (const QString &a : before) {
            if (!after.contains(a))
                base.removeAll(a);
        }
        for (const QString &a : after) {
            if (!before.contains(a) && !base.contains(a))
                base << a;
        }
    }
    QStringList merged;
    for (const QString &a : current) {
        if (yours.contains(a) || !base.contains(a))
            merged << a; // kept, or added by someone (or a mail) since
    }
    for (const QString &a : yours) {
        if (!base.contains(a) && !merged.contains(a))
            merged << a; // added by this edit
    }
    return merged;
}

std::optional<QJsonObject> TicketUpdate::conflict(const QString &field, const QJsonValue &yours,
    const QJsonValue &theirs, int changedInVersion, int baseVersion)
{
    if (changedInVersion <= baseVersion)
        return std::nullopt;
    return QJsonObject { { QStringLiteral("field"), field }, { QStringLiteral("yours"), yours },
        { QStringLiteral("theirs"), theirs },
        { QStringLiteral("changedInVersion"), changedInVersion } };
}

std::optional<Refusal> TicketUpdate::settleOwnership(const Caller &caller, const Ticket &old,
    Ticket *t, bool statusRequested, TicketLookups &lookups)
{
    if (t->assigneeId && t->assigneeId != old.assigneeId
        && !lookups.isActiveMember(t->groupId, t->assigneeId))
        return refuse(ErrorCode::ValidationFailed,
            QStringLiteral("The assignee must be an active member of the ticket's group."),
            onField(QStringLiteral("assigneeId")));
    bool handedOver = false; // escalated away from its owner: back into the new group's queue
    if (t->groupId != old.groupId && t->assigneeId && t->assigneeId == old.assigneeId) {
        // Escalated to another group: the old owner keeps it only if they are a member there.
        if (!lookups.isMember(t->groupId, t->assigneeId)) {
            t->assigneeId = 0;
            if (!statusRequested && TicketLifecycle::needsAssignee(t->status)) {
                t->status = TicketStatus::New;
                handedOver = true;
            }
        }
    }
    if (!handedOver && !statusRequested && old.assigneeId && !t->assigneeId
        && t->groupId == old.groupId && TicketLifecycle::needsAssignee(t->status)) {
        // The owner left the group (groups.members.set): the working ticket goes back to new in
        // the same group's queue, like a hand-over, instead of waiting for an owner it lost.
        if (!lookups.isMember(t->groupId, old.assigneeId)) {
            t->status = TicketStatus::New;
            handedOver = true;
        }
    }
    if (!statusRequested) {
        if (t->assigneeId && t->status == TicketStatus::New)
            t->status = TicketStatus::Assigned;
        else if (!t->assigneeId && t->status == TicketStatus::Assigned)
            t->status = TicketStatus::New;
    }
    // The lifecycle governs what agents ask for; a hand-over to another group's queue is the
    // desk's own move and may take any working ticket back to new.
    if (!handedOver && !TicketLifecycle::canTransition(old.status, t->status))
        return refuse(ErrorCode::InvalidTransition,
            QStringLiteral("%1 cannot go from %2 to %3.")
                .arg(old.number, wireName(old.status), wireName(t->status)),
            { { QStringLiteral("from"), wireName(old.status) },
                { QStringLiteral("to"), wireName(t->status) } });
    if (TicketLifecycle::needsAssignee(t->status) && !t->assigneeId) {
        if (!caller.inGroup(t->groupId))
            return refuse(ErrorCode::ValidationFailed,
                QStringLiteral("Status %1 needs an assignee.").arg(wireName(t->status)),
                onField(QStringLiteral("assigneeId")));
        t->assigneeId = caller.agentId; // whoever starts work on it owns it
    }
    return std::nullopt;
}

void TicketUpdate::stamp(const Ticket &old, Ticket *t, qint64 now)
{
    if (t->status == TicketStatus::Resolved && old.status != TicketStatus::Resolved)
        t->resolvedAt = now;
    if (t->status == TicketStatus::Closed)
        t->closedAt = now;
    if (TicketLifecycle::isReopen(old.status, t->status)) {
        t->reopenCount += 1;
        t->resolvedAt = 0;
    }
    t->version = old.version + 1;
    t->updatedAt = now;
}

QJsonObject TicketUpdate::nextSla(
    const Ticket &old, const Ticket &t, const SlaSetup &setup, qint64 now)
{
    TicketSla sla = TicketSla::fromJson(old.sla);
    const SlaPolicy *policy
        = SlaPolicy::select(setup.policies, t.categoryId, t.organisationId, t.priority);
    const bool retarget = t.priority != old.priority || t.categoryId != old.categoryId
        || t.organisationId != old.organisationId || (policy ? policy->id : 0) != sla.policyId;
    if (t.status != old.status)
        sla.onStatus(old.status, t.status, setup.calendarFor(sla.policyId), now);
    if (retarget)
        sla.retarget(policy, t.priority, t.status, setup.calendarFor(policy ? policy->id : 0), now);
    return sla.hasTargets() || !old.sla.isEmpty() ? sla.toJson(setup.calendarFor(sla.policyId), now)
                                                  : QJsonObject();
}

QString TicketUpdate::auditText(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return QString();
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    if (v.isArray() && !v.toArray().isEmpty() && v.toArray().first().isString()) {
        QStringList texts;
        for (const QJsonValue &e : v.toArray())
            texts << e.toString();
        return texts.join(QLatin1Char(' ')); // a CC list: addresses have no spaces
    }
    if (v.isArray()) {
        QList<qint64> ids;
        idListFromJson(v, &ids);
        return idListToText(ids);
    }
    return v.toString();
}

ChangeRecord TicketUpdate::record(const QJsonObject &before, const QJsonObject &after)
{
    ChangeRecord r;
    QStringList summary;
    for (const QString &field : journalledFields()) {
        if (before.value(field) == after.value(field))
            continue;
        r.audit.append({ field, auditText(before.value(field)), auditText(after.value(field)) });
        if (field != QLatin1String("subject")) {
            r.eventChanges.append(QJsonObject { { QStringLiteral("field"), field },
                { QStringLiteral("from"), before.value(field) },
                { QStringLiteral("to"), after.value(field) } });
            summary << QStringLiteral("%1: %2 → %3")
                           .arg(field, auditText(before.value(field)),
                               auditText(after.value(field)));
        }
    }
    r.eventBody = summary.join(QLatin1Char('\n'));
    return r;
}

std::optional<Refusal> TicketUpdate::plan(const Caller &caller, const Ticket &old, int baseVersion,
    const QJsonObject &fields, qint64 now, UpdatePlan *plan) const
{
    if (!caller.canSeeTicket(old.groupId, old.assigneeId))
        return refuse(ErrorCode::Forbidden,
            QStringLiteral("%1 belongs to a group you are not in.").arg(old.number));
    if (baseVersion > old.version)
        return refuse(ErrorCode::ValidationFailed,
            QStringLiteral("baseVersion %1 is newer than %2's version %3; reload the ticket.")
                .arg(baseVersion)
                .arg(old.number)
                .arg(old.version));
    if (old.status == TicketStatus::Closed)
        return refuse(ErrorCode::ValidationFailed,
            QStringLiteral("%1 is closed and can no longer change.").arg(old.number));

    const QJsonObject current = old.toJson();
    Ticket t = old;
    QJsonArray conflicts;
    QStringList applied;
    bool statusRequested = false;

    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        const QString &field = it.key();
        const QJsonValue &value = it.value();
        if (field == QLatin1String("kbArticleIds")) {
            QList<qint64> yours;
            if (!value.isArray() || !idListFromJson(value, &yours))
                return refuse(ErrorCode::InvalidParams,
                    QStringLiteral("\"kbArticleIds\" must be a list of KB article ids."));
            // Merged rather than replaced, so links made by two agents at once both stay and
            // there is nothing to conflict; a console replaying offline edits builds on its own.
            const QList<qint64> merged = mergeKbLinks(old.kbArticleIds, yours,
                m_lookups.fieldEditsSince(old.id, field, baseVersion), caller.agentId);
            if (merged == old.kbArticleIds)
                continue; // already so
            for (qint64 kb : merged) {
                if (old.kbArticleIds.contains(kb))
                    continue;
                if (QString e = referenceProblem(m_lookups, TicketLookups::Reference::KbArticle, kb,
                        QStringLiteral("KB article"));
                    !e.isEmpty())
                    return refuse(ErrorCode::ValidationFailed, e, onField(field));
            }
            if (merged.size() > kMaxKbLinks)
                return refuse(ErrorCode::ValidationFailed,
                    QStringLiteral("A ticket links at most %1 KB articles.").arg(kMaxKbLinks),
                    onField(field));
            t.kbArticleIds = merged;
            applied << field;
            continue;
        }
        if (field == QLatin1String("cc")) {
            const QString notList
                = QStringLiteral("\"cc\" must be a list of e-mail addresses (strings).");
            if (!value.isArray())
                return refuse(ErrorCode::InvalidParams, notList);
            QStringList yours;
            for (const QJsonValue &v : value.toArray()) {
                if (!v.isString())
                    return refuse(ErrorCode::InvalidParams, notList);
                const QString address = v.toString().trimmed().toLower();
                if (!looksLikeEmail(address) || address.size() > 254)
                    return refuse(ErrorCode::ValidationFailed,
                        QStringLiteral("\"%1\" is not an e-mail address.").arg(v.toString()),
                        onField(field));
                if (!yours.contains(address))
                    yours << address;
            }
            if (yours.size() > kMaxCc)
                return refuse(ErrorCode::ValidationFailed,
                    QStringLiteral("A ticket's mail goes to at most %1 addresses in CC.")
                        .arg(kMaxCc),
                    onField(field));
            // Merged like the KB links: two agents adding at once both stay, nothing conflicts.
            const QStringList merged = mergeCc(old.cc, yours,
                m_lookups.fieldEditsSince(old.id, field, baseVersion), caller.agentId);
            if (merged == old.cc)
                continue; // already so
            if (merged.size() > kMaxCc)
                return refuse(ErrorCode::ValidationFailed,
                    QStringLiteral("A ticket's mail goes to at most %1 addresses in CC.")
                        .arg(kMaxCc),
                    onField(field));
            t.cc = merged;
            applied << field;
            continue;
        }
        // Validate the value's shape first, whatever happens next.
        qint64 idValue = 0;
        if (auto refusal = checkValue(field, value, &idValue))
            return refusal;
        const bool isIdField = field.endsWith(QLatin1String("Id"));
        if (current.value(field) == (isIdField ? idToJson(idValue) : value))
            continue; // already so: nothing to change, nothing to conflict with
        if (auto c = conflict(field, value, current.value(field),
                m_lookups.lastFieldVersion(old.id, field, caller.agentId), baseVersion)) {
            conflicts.append(*c);
            continue;
        }
        if (field == QLatin1String("subject")) {
            const QString s = value.toString().trimmed();
            if (s.isEmpty() || s.size() > kMaxSubject)
                return refuse(ErrorCode::ValidationFailed,
                    QStringLiteral("The subject must have 1 to %1 characters.").arg(kMaxSubject),
                    onField(field));
            t.subject = s;
        } else if (field == QLatin1String("status")) {
            t.status = *fromString<TicketStatus>(value.toString());
            statusRequested = true;
        } else if (field == QLatin1String("impact")) {
            t.impact = *fromString<Level>(value.toString());
        } else if (field == QLatin1String("urgency")) {
            t.urgency = *fromString<Level>(value.toString());
        } else if (field == QLatin1String("categoryId")) {
            if (QString e = referenceProblem(m_lookups, TicketLookups::Reference::Category, idValue,
                    QStringLiteral("category"));
                !e.isEmpty())
                return refuse(ErrorCode::ValidationFailed, e, onField(field));
            t.categoryId = idValue;
        } else if (field == QLatin1String("groupId")) {
            if (QString e = referenceProblem(
                    m_lookups, TicketLookups::Reference::Group, idValue, QStringLiteral("group"));
                !e.isEmpty())
                return refuse(ErrorCode::ValidationFailed, e, onField(field));
            t.groupId = idValue; // functional escalation may send it to any group
        } else if (field == QLatin1String("assigneeId")) {
            t.assigneeId = idValue;
        } else if (field == QLatin1String("customerId")) {
            const std::optional<qint64> org
                = idValue ? m_lookups.customerOrganisation(idValue) : std::optional<qint64>(0);
            if (!org)
                return refuse(ErrorCode::ValidationFailed,
                    QStringLiteral("there is no customer with id %1").arg(idValue), onField(field));
            t.customerId = idValue;
            t.organisationId = *org;
        }
        applied << field;
    }

    plan->before = old;
    plan->conflicts = conflicts;
    if (applied.isEmpty()) {
        if (!conflicts.isEmpty())
            return refuse(ErrorCode::VersionConflict,
                QStringLiteral("%1 changed since version %2: %3.")
                    .arg(old.number)
                    .arg(baseVersion)
                    .arg(conflicts.size() == 1
                            ? conflicts.first().toObject().value(QStringLiteral("field")).toString()
                            : QStringLiteral("%1 fields").arg(conflicts.size())),
                { { QStringLiteral("conflicts"), conflicts },
                    { QStringLiteral("ticket"), current } });
        plan->after = old;
        plan->changed = false;
        return std::nullopt;
    }

    // Rules that follow from the fields: the lifecycle, ownership, priority, timestamps.
    if (auto refusal = settleOwnership(caller, old, &t, statusRequested, m_lookups))
        return refusal;
    t.priority = m_matrix.priority(t.impact, t.urgency);
    stamp(old, &t, now);
    t.sla = nextSla(old, t, m_sla, now);

    plan->after = t;
    plan->changed = true;
    plan->becameResolved
        = t.status == TicketStatus::Resolved && old.status != TicketStatus::Resolved;
    plan->visibilityChanged = t.groupId != old.groupId || t.assigneeId != old.assigneeId;
    plan->record = record(current, t.toJson());
    return std::nullopt;
}

} // namespace Atiende::Server
