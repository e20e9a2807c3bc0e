#include "slapolicy.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <algorithm>

namespace Atiende::Core {

bool SlaPolicy::matches(qint64 categoryId, qint64 organisationId, Priority p) const
{
    if (!categoryIds.isEmpty() && !categoryIds.contains(categoryId))
        return false;
    if (!organisationIds.isEmpty() && !organisationIds.contains(organisationId))
        return false;
    return !target(p).isEmpty();
}

std::optional<SlaPolicy> SlaPolicy::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    SlaPolicy p;
    idFromJson(o.value(QStringLiteral("id")), &p.id);
    p.name = o.value(QStringLiteral("name")).toString().trimmed();
    if (p.name.isEmpty())
        return fail(QStringLiteral("an SLA policy needs a name"));
    if (!idFromJson(o.value(QStringLiteral("calendarId")), &p.calendarId))
        return fail(QStringLiteral("SLA policy %1: calendarId must be an id or null").arg(p.name));
    p.order = o.value(QStringLiteral("order")).toInt(100);
    p.warnPercent = o.value(QStringLiteral("warnPercent")).toInt(75);
    if (p.warnPercent < 1 || p.warnPercent > 99)
        return fail(
            QStringLiteral("SLA policy %1: warnPercent must be between 1 and 99").arg(p.name));
    if (!idListFromJson(o.value(QStringLiteral("categoryIds")), &p.categoryIds))
        return fail(QStringLiteral("SLA policy %1: categoryIds must be a list of ids").arg(p.name));
    if (!idListFromJson(o.value(QStringLiteral("organisationIds")), &p.organisationIds))
        return fail(
            QStringLiteral("SLA policy %1: organisationIds must be a list of ids").arg(p.name));
    const QJsonObject targets = o.value(QStringLiteral("targets")).toObject();
    bool any = false;
    for (auto it = targets.constBegin(); it != targets.constEnd(); ++it) {
        const auto priority = fromString<Priority>(it.key());
        if (!priority)
            return fail(QStringLiteral("SLA policy %1: \"%2\" is not a priority (P1..P4)")
                            .arg(p.name, it.key()));
        const QJsonObject t = it.value().toObject();
        SlaTarget &target = p.targets[int(*priority)];
        for (auto [key, field] :
            { std::pair { "firstResponseMinutes", &target.firstResponseMinutes },
                std::pair { "resolutionMinutes", &target.resolutionMinutes } }) {
            const QJsonValue v = t.value(QLatin1String(key));
            if (v.isUndefined() || v.isNull())
                continue;
            const double d = v.toDouble();
            // The range first: the cast of a double beyond qint64 is undefined.
            if (!v.isDouble() || d < 1 || d > 10.0 * 366 * 24 * 60 || d != double(qint64(d)))
                return fail(QStringLiteral(
                    "SLA policy %1: %2 %3 must be a positive whole number of minutes")
                                .arg(p.name, it.key(), QLatin1String(key)));
            *field = qint64(d);
        }
        any = any || !target.isEmpty();
    }
    if (!any)
        return fail(QStringLiteral("SLA policy %1 has no target: give at least one priority a "
                                   "first-response or resolution time")
                        .arg(p.name));
    p.version = o.value(QStringLiteral("version")).toInt();
    return p;
}

QJsonObject SlaPolicy::toJson() const
{
    QJsonObject targetsJson;
    for (int i = 0; i < 4; ++i) {
        if (targets[i].isEmpty())
            continue;
        QJsonObject t;
        if (targets[i].firstResponseMinutes > 0)
            t.insert(
                QStringLiteral("firstResponseMinutes"), double(targets[i].firstResponseMinutes));
        if (targets[i].resolutionMinutes > 0)
            t.insert(QStringLiteral("resolutionMinutes"), double(targets[i].resolutionMinutes));
        targetsJson.insert(wireName(Priority(i)), t);
    }
    return { { QStringLiteral("id"), idToJson(id) }, { QStringLiteral("name"), name },
        { QStringLiteral("calendarId"), idToJson(calendarId) }, { QStringLiteral("order"), order },
        { QStringLiteral("warnPercent"), warnPercent },
        { QStringLiteral("categoryIds"), idListToJson(categoryIds) },
        { QStringLiteral("organisationIds"), idListToJson(organisationIds) },
        { QStringLiteral("targets"), targetsJson }, { QStringLiteral("version"), version } };
}

const SlaPolicy *SlaPolicy::select(
    const QList<SlaPolicy> &policies, qint64 categoryId, qint64 organisationId, Priority p)
{
    const SlaPolicy *best = nullptr;
    for (const SlaPolicy &policy : policies) {
        if (!policy.matches(categoryId, organisationId, p))
            continue;
        if (!best || policy.order < best->order
            || (policy.order == best->order && policy.id < best->id))
            best = &policy;
    }
    return best;
}

} // namespace Atiende::Core
