#include "escalationrule.h"

#include "core/domain/ids.h"

#include <QJsonArray>

#include <algorithm>

namespace Atiende::Core {

namespace {
const QStringList &triggers()
{
    static const QStringList s { QStringLiteral("warning"), QStringLiteral("breach"),
        QStringLiteral("p1") };
    return s;
}
const QStringList &clocks()
{
    static const QStringList s { QStringLiteral("firstResponse"), QStringLiteral("resolution"),
        QStringLiteral("any") };
    return s;
}
const QStringList &kinds()
{
    static const QStringList s { QStringLiteral("functional"), QStringLiteral("hierarchical") };
    return s;
}
std::optional<EscalationRule> refuse(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}
} // namespace

std::optional<EscalationRule> EscalationRule::fromJson(const QJsonObject &o, QString *error)
{
    EscalationRule r;
    if (!idFromJson(o.value(QStringLiteral("id")), &r.id))
        return refuse(error, QStringLiteral("\"id\" must be a positive integer or null."));
    r.name = o.value(QStringLiteral("name")).toString().trimmed();
    if (r.name.isEmpty() || r.name.size() > 200)
        return refuse(
            error, QStringLiteral("An escalation rule needs a name of 1 to 200 characters."));
    r.on = o.value(QStringLiteral("on")).toString();
    if (!triggers().contains(r.on))
        return refuse(error,
            QStringLiteral("\"on\" must be one of %1.").arg(triggers().join(QStringLiteral(", "))));
    const QJsonValue clock = o.value(QStringLiteral("clock"));
    if (!clock.isUndefined() && !clock.isNull()) {
        r.clock = clock.toString();
        if (!clocks().contains(r.clock))
            return refuse(error,
                QStringLiteral("\"clock\" must be one of %1.")
                    .arg(clocks().join(QStringLiteral(", "))));
    }
    // A P1 is not about a clock: accepting one would suggest a filter that never applies.
    if (r.on == QLatin1String("p1") && r.clock != QLatin1String("any"))
        return refuse(error, QStringLiteral("A p1 rule has no clock."));
    if (!idListFromJson(o.value(QStringLiteral("groupIds")), &r.groupIds))
        return refuse(error, QStringLiteral("\"groupIds\" must be a list of group ids."));
    r.kind = o.value(QStringLiteral("kind")).toString();
    if (!kinds().contains(r.kind))
        return refuse(error,
            QStringLiteral("\"kind\" must be one of %1.").arg(kinds().join(QStringLiteral(", "))));
    if (!idFromJson(o.value(QStringLiteral("toGroupId")), &r.toGroupId))
        return refuse(error, QStringLiteral("\"toGroupId\" must be a group id or null."));
    if (r.kind == QLatin1String("hierarchical") && r.toGroupId)
        return refuse(error,
            QStringLiteral("A hierarchical rule tells the ticket's own group's leads; it has no "
                           "target group."));
    const QJsonValue active = o.value(QStringLiteral("active"));
    if (!active.isUndefined() && !active.isBool())
        return refuse(error, QStringLiteral("\"active\" must be true or false."));
    r.active = active.toBool(true);
    r.version = o.value(QStringLiteral("version")).toInt(0);
    return r;
}

QJsonObject EscalationRule::toJson() const
{
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("on"), on }, { QStringLiteral("clock"), clock },
        { QStringLiteral("groupIds"), idListToJson(groupIds) }, { QStringLiteral("kind"), kind },
        { QStringLiteral("toGroupId"), idToJson(toGroupId) }, { QStringLiteral("active"), active },
        { QStringLiteral("version"), version } };
}

bool EscalationRule::matches(const QString &trigger, const QString &clockName, qint64 groupId) const
{
    if (!active || on != trigger)
        return false;
    if (clock != QLatin1String("any") && clock != clockName)
        return false;
    return groupIds.isEmpty() || groupIds.contains(groupId);
}

QList<EscalationRule> EscalationRule::matching(const QList<EscalationRule> &rules,
    const QString &trigger, const QString &clockName, qint64 groupId)
{
    QList<EscalationRule> out;
    for (const EscalationRule &r : rules) {
        if (r.matches(trigger, clockName, groupId))
            out << r;
    }
    std::sort(out.begin(), out.end(),
        [](const EscalationRule &a, const EscalationRule &b) { return a.id < b.id; });
    return out;
}

qint64 EscalationRule::nextTier(const QList<Group> &groups, qint64 fromGroupId)
{
    const auto from = std::find_if(
        groups.cbegin(), groups.cend(), [&](const Group &g) { return g.id == fromGroupId; });
    if (from == groups.cend())
        return 0;
    const Group *best = nullptr;
    for (const Group &g : groups) {
        if (g.tier <= from->tier)
            continue;
        if (!best || g.tier < best->tier || (g.tier == best->tier && g.id < best->id))
            best = &g;
    }
    return best ? best->id : 0;
}

} // namespace Atiende::Core
