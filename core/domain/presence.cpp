#include "presence.h"

#include "ids.h"

namespace Atiende::Core {

QJsonObject Viewer::toJson() const
{
    return { { QStringLiteral("agentId"), idToJson(agentId) }, { QStringLiteral("name"), name },
        { QStringLiteral("typing"), typing } };
}

Viewer Viewer::fromJson(const QJsonObject &o)
{
    Viewer v;
    if (!idFromJson(o.value(QLatin1String("agentId")), &v.agentId))
        v.agentId = 0;
    v.name = o.value(QLatin1String("name")).toString();
    v.typing = o.value(QLatin1String("typing")).toBool();
    return v;
}

QList<Viewer> Viewer::listFromJson(const QJsonValue &v)
{
    QList<Viewer> out;
    for (const QJsonValue &item : v.toArray()) {
        Viewer viewer = fromJson(item.toObject());
        if (viewer.agentId > 0)
            out.append(std::move(viewer));
    }
    return out;
}

QJsonArray Viewer::listToJson(const QList<Viewer> &viewers)
{
    QJsonArray out;
    for (const Viewer &v : viewers)
        out.append(v.toJson());
    return out;
}

QJsonObject TicketViewers::toJson() const
{
    return { { QStringLiteral("ticketId"), idToJson(ticketId) },
        { QStringLiteral("viewers"), Viewer::listToJson(viewers) } };
}

TicketViewers TicketViewers::fromJson(const QJsonObject &o)
{
    TicketViewers t;
    if (!idFromJson(o.value(QLatin1String("ticketId")), &t.ticketId))
        t.ticketId = 0;
    t.viewers = Viewer::listFromJson(o.value(QLatin1String("viewers")));
    return t;
}

QList<TicketViewers> TicketViewers::listFromJson(const QJsonObject &result)
{
    QList<TicketViewers> out;
    for (const QJsonValue &item : result.value(QLatin1String("tickets")).toArray()) {
        TicketViewers t = fromJson(item.toObject());
        if (t.ticketId > 0)
            out.append(std::move(t));
    }
    return out;
}

} // namespace Atiende::Core
