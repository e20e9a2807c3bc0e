#pragma once
// Canned responses: admins keep them (desk-wide or per group), leads those of the groups they
// lead; agents list the ones they may use and have one filled in for a ticket, with themselves
// as the agent who signs it.

#include "caller.h"
#include "changeset.h"

#include "core/domain/cannedresponse.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace Atiende::Server {

class DirectoryStore;
class SqlContext;
class TicketStore;

class CannedStore
{
public:
    CannedStore(SqlContext &ctx, DirectoryStore &directory, TicketStore &tickets);

    // {"responses": [...]} by title: the global ones and those of the caller's groups, active
    // only (admins: all of them). groupId (0: none) narrows to the global ones and that group's;
    // text keeps those whose title, keywords or body hold every word, accents and case aside.
    // manageable: instead, the ones the caller may change (mayChange), inactive ones too.
    OpResult list(
        const Caller &caller, qint64 groupId, const QString &text, bool manageable = false);

    // {"response": {...}} with an "id" replaces that one; without, adds. Admins any; leads
    // only in the groups they lead, before and after the change.
    OpResult save(const Caller &caller, const QJsonObject &definition, qint64 now);

    // Deletes one for good: {"id": ...}. The same rights as save.
    OpResult remove(const Caller &caller, qint64 id);

    // Admins change every response; leads those of the groups they lead (the groups they are
    // a member of), never the desk-wide ones (groupId 0); agents none.
    static bool mayChange(const Caller &caller, qint64 groupId);

    // {"body": ..., "unknown": [...], "missing": [...]}: the response filled in for a ticket the
    // caller may see, with the ticket's customer and organisation and the caller as agent.
    OpResult render(const Caller &caller, qint64 responseId, qint64 ticketId);

    std::optional<Core::CannedResponse> response(qint64 id);

private:
    static bool mayUse(const Caller &caller, const Core::CannedResponse &r);
    QList<Core::CannedResponse> all();
    SqlContext &m_ctx;
    DirectoryStore &m_directory;
    TicketStore &m_tickets;
};

} // namespace Atiende::Server
