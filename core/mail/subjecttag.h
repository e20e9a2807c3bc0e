#pragma once
// The ticket tag in a mail subject: "[INC-000123]" or "[REQ-000045]" (TicketNumber's form, in
// brackets), anywhere in the subject, after any number of "Re:", "RE:", "AW:", "Fwd:", "RV:",
// "Enc:", "TR:" prefixes. Only our own prefixes count: another desk's "[#123]" or
// "[Ticket#2024...]" is not ours. QtCore only.

#include "core/domain/ticketnumber.h"

#include <QString>

#include <optional>

namespace Atiende::Core::Mail {

class SubjectTag
{
public:
    // The ticket number in the subject, if one of ours is there (the last one wins).
    static std::optional<TicketNumber::Parsed> find(const QString &subject);
    // The subject for an outgoing mail about a ticket: "[INC-000123] " + subject, without
    // doubling a tag already there; reply prefixes stripped first when reply is true and
    // "Re: " put in front.
    static QString tagged(const QString &number, const QString &subject, bool reply);
    // The subject without reply/forward prefixes and without our tags: for a new ticket.
    static QString clean(const QString &subject);
};

} // namespace Atiende::Core::Mail
