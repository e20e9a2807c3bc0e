#include "ticketnumber.h"

namespace Atiende::Core {

QString TicketNumber::prefix(TicketType type)
{
    return type == TicketType::Incident ? QStringLiteral("INC") : QStringLiteral("REQ");
}

QString TicketNumber::format(TicketType type, qint64 sequence)
{
    return prefix(type) + QLatin1Char('-')
        + QStringLiteral("%1").arg(sequence, 6, 10, QLatin1Char('0'));
}

std::optional<TicketNumber::Parsed> TicketNumber::parse(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    if (t.size() < 5 || t.at(3) != QLatin1Char('-'))
        return std::nullopt;
    TicketType type;
    if (t.startsWith(QLatin1String("INC")))
        type = TicketType::Incident;
    else if (t.startsWith(QLatin1String("REQ")))
        type = TicketType::ServiceRequest;
    else
        return std::nullopt;
    const QStringView digits = QStringView(t).mid(4);
    for (QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    bool ok = false;
    const qint64 seq = digits.toLongLong(&ok);
    if (!ok || seq <= 0)
        return std::nullopt;
    return Parsed { type, seq };
}

} // namespace Atiende::Core
