#pragma once
// Human ticket numbers, counted per type: INC-000123 for incidents, REQ-000045 for requests.

#include "enums.h"

#include <QString>
#include <optional>

namespace Atiende::Core {

class TicketNumber
{
public:
    static QString prefix(TicketType type);
    // At least six digits; numbers past 999999 simply grow a digit.
    static QString format(TicketType type, qint64 sequence);

    struct Parsed
    {
        TicketType type;
        qint64 sequence;
    };
    // Accepts any case and surrounding space ("inc-123" too); nullopt if it is not a number.
    static std::optional<Parsed> parse(const QString &text);
};

} // namespace Atiende::Core
