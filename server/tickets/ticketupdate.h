#pragma once
// The rules of changing a ticket (tickets.update), apart from storage: which fields may change
// and how their values must look, which edits conflict with another agent's since the version
// the editor saw, how KB links merge, what follows from the change (lifecycle, ownership,
// priority, timestamps, SLA clocks) and what the audit journal and the conversation's event
// record about it. TicketStore loads the ticket, asks plan() and writes what it decided; the
// steps are separate functions so each can be tested without a database.

#include "slasetup.h"
#include "ticketlookups.h"

#include "server/store/caller.h"

#include "core/domain/prioritymatrix.h"
#include "core/domain/ticket.h"
#include "core/protocol/errorcode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Atiende::Server {

// Why a change is refused: the error tickets.update answers with.
struct Refusal
{
    Core::Protocol::ErrorCode code = Core::Protocol::ErrorCode::ValidationFailed;
    QString message;
    QJsonObject data;
};

// One line of the audit journal for a ticket field.
struct AuditEntry
{
    QString field;
    QString before;
    QString after;
    bool operator==(const AuditEntry &o) const
    {
        return field == o.field && before == o.before && after == o.after;
    }
};

// What a change records: journal lines for every journalled field that changed, and for the
// conversation's system event the changes other than the subject (data and a readable body).
struct ChangeRecord
{
    QList<AuditEntry> audit;
    QJsonArray eventChanges; // [{field, from, to}]
    QString eventBody; // "status: new → assigned", one line each
};

struct UpdatePlan
{
    Core::Ticket before;
    Core::Ticket after; // == before when nothing changes
    QJsonArray conflicts; // fields left as they were: [{field, yours, theirs, changedInVersion}]
    bool changed = false; // false: nothing to write (every field already so)
    bool becameResolved = false; // the survey must be made in the same transaction
    bool visibilityChanged = false;
    ChangeRecord record;
};

class TicketUpdate
{
public:
    static constexpr int kMaxSubject = 250;
    static constexpr int kMaxKbLinks = 50;
    static constexpr int kMaxCc = 50; // addresses in a ticket's CC list

    TicketUpdate(const Core::PriorityMatrix &matrix, const SlaSetup &sla, TicketLookups &lookups);

    // The fields tickets.update accepts.
    static const QStringList &updatableFields();
    // The fields the audit journal follows, in the order it records them.
    static const QStringList &journalledFields();

    // The whole decision for one request: either a refusal or what to write.
    std::optional<Refusal> plan(const Caller &caller, const Core::Ticket &old, int baseVersion,
        const QJsonObject &fields, qint64 now, UpdatePlan *plan) const;

    // --- The steps, each without storage ---

    // The request's value for a field other than kbArticleIds, checked for shape before
    // anything else (an unknown field, a non-id, an unknown status or level, no group).
    // *idValue gets the id of an ...Id field.
    static std::optional<Refusal> checkValue(
        const QString &field, const QJsonValue &value, qint64 *idValue);

    // KB links are a set merged rather than replaced: what this edit added to and removed from
    // the list its agent saw is applied to the current list. The list the agent saw is the one
    // at their base version (the first later journal entry's "before", else the current list)
    // with the agent's own later changes in it.
    static QList<qint64> mergeKbLinks(const QList<qint64> &current, const QList<qint64> &yours,
        const QList<TicketLookups::FieldEdit> &since, qint64 agentId);

    // A ticket's CC list merges the same way (addresses, lower case, in the order added); the
    // journal keeps a list as its addresses separated by spaces.
    static QStringList mergeCc(const QStringList &current, const QStringList &yours,
        const QList<TicketLookups::FieldEdit> &since, qint64 agentId);
    static QStringList ccFromAuditText(const QString &text);

    // A field edited from baseVersion that someone else changed after it: the conflict entry
    // the editor's console shows, else nothing.
    static std::optional<QJsonObject> conflict(const QString &field, const QJsonValue &yours,
        const QJsonValue &theirs, int changedInVersion, int baseVersion);

    // What follows from the fields asked for: the owner when a ticket leaves its group or its
    // owner leaves, the status that goes with having an owner or not, the lifecycle's check,
    // whoever starts work owning it. Asks lookups who belongs where; changes *t.
    static std::optional<Refusal> settleOwnership(const Caller &caller, const Core::Ticket &old,
        Core::Ticket *t, bool statusRequested, TicketLookups &lookups);

    // The timestamps, counters and version that follow from the old and new states.
    static void stamp(const Core::Ticket &old, Core::Ticket *t, qint64 now);

    // The SLA clocks after the change: paused, resumed or stopped by the status, re-targeted
    // by a new priority, category, organisation or policy.
    static QJsonObject nextSla(
        const Core::Ticket &old, const Core::Ticket &t, const SlaSetup &sla, qint64 now);

    // The journal lines and event of a change, from the ticket's JSON before and after.
    static ChangeRecord record(const QJsonObject &before, const QJsonObject &after);

    // A field's value as the audit journal keeps it: plain text, ids as digits, lists of ids
    // as "3,7", null as empty.
    static QString auditText(const QJsonValue &v);

private:
    const Core::PriorityMatrix &m_matrix;
    const SlaSetup &m_sla;
    TicketLookups &m_lookups;
};

} // namespace Atiende::Server
