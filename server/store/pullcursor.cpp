#include "pullcursor.h"

#include <QStringList>

namespace Atiende::Server {

QString PullCursor::toString() const
{
    return QStringLiteral("%1:%2:%3").arg(rev).arg(entity).arg(id);
}

std::optional<PullCursor> PullCursor::fromString(const QString &text)
{
    if (text.size() > 100)
        return std::nullopt;
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 3)
        return std::nullopt;
    bool revOk = false, idOk = false;
    PullCursor c { parts.at(0).toLongLong(&revOk), parts.at(1), parts.at(2).toLongLong(&idOk) };
    static const QStringList kEntities { QStringLiteral("ticket"), QStringLiteral("article"),
        QStringLiteral("customer"), QStringLiteral("organisation"), QStringLiteral("agent"),
        QStringLiteral("group"), QStringLiteral("category"), QStringLiteral("kb") };
    if (!revOk || !idOk || c.rev < 1 || c.id < 1 || !kEntities.contains(c.entity))
        return std::nullopt;
    return c;
}

} // namespace Atiende::Server
