#pragma once
// What the ticket rules (ticketupdate.h) need to know beyond the ticket itself, asked as
// questions rather than queries: does a referenced row exist, who belongs to a group, what the
// journal says about a field. The store's TicketRepository answers them from the database;
// the rules' tests answer them from memory. Nothing here writes.

#include <QList>
#include <QString>
#include <optional>

namespace Atiende::Server {

class TicketLookups
{
public:
    enum class Reference { Category, Group, KbArticle };

    // One journalled change of a ticket's field: who made it, the values as the journal keeps them.
    struct FieldEdit
    {
        int version = 0;
        qint64 agentId = 0;
        QString before;
        QString after;
    };

    virtual ~TicketLookups() = default;

    virtual bool exists(Reference kind, qint64 id) = 0;
    // A customer's organisation (0 for none); nullopt when there is no such customer.
    virtual std::optional<qint64> customerOrganisation(qint64 customerId) = 0;
    // The desk's first group (the lowest id), 0 when it has none.
    virtual qint64 firstGroup() = 0;
    virtual bool isMember(qint64 groupId, qint64 agentId) = 0; // active or not
    virtual bool isActiveMember(qint64 groupId, qint64 agentId) = 0; // and the agent is active
    // The last version in which someone other than agentId changed the ticket's field (0: never).
    virtual int lastFieldVersion(qint64 ticketId, const QString &field, qint64 agentId) = 0;
    // The ticket's journalled changes of field after version, oldest first.
    virtual QList<FieldEdit> fieldEditsSince(qint64 ticketId, const QString &field, int version)
        = 0;
};

} // namespace Atiende::Server
