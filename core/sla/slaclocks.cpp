#include "slaclocks.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

namespace Atiende::Core {

SlaTimeline::State slaStateFromWireName(const QString &name)
{
    for (auto st :
        { SlaTimeline::State::None, SlaTimeline::State::Running, SlaTimeline::State::Paused,
            SlaTimeline::State::Warning, SlaTimeline::State::Breached, SlaTimeline::State::Met }) {
        if (name == SlaTimeline::wireName(st))
            return st;
    }
    return SlaTimeline::State::None;
}

QJsonObject SlaClock::toJson() const
{
    return { { QStringLiteral("targetMs"), double(timeline.targetMs) },
        { QStringLiteral("warnPercent"), timeline.warnPercent },
        { QStringLiteral("usedMs"), double(timeline.usedMs) },
        { QStringLiteral("runningSince"), Timestamp::toJson(timeline.runningSince) },
        { QStringLiteral("stoppedAt"), Timestamp::toJson(timeline.stoppedAt) },
        { QStringLiteral("paused"), timeline.paused },
        { QStringLiteral("dueAt"), Timestamp::toJson(dueAt) },
        { QStringLiteral("warnAt"), Timestamp::toJson(warnAt) },
        { QStringLiteral("state"), SlaTimeline::wireName(state) } };
}

SlaClock SlaClock::fromJson(const QJsonObject &o)
{
    SlaClock c;
    c.timeline = SlaTimeline::fromJson(o);
    c.dueAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("dueAt"))));
    c.warnAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("warnAt"))));
    c.state = slaStateFromWireName(o.value(QStringLiteral("state")).toString());
    return c;
}

bool SlaClock::operator==(const SlaClock &o) const
{
    const SlaTimeline &a = timeline;
    const SlaTimeline &b = o.timeline;
    return a.targetMs == b.targetMs && a.warnPercent == b.warnPercent && a.usedMs == b.usedMs
        && a.runningSince == b.runningSince && a.stoppedAt == b.stoppedAt && a.paused == b.paused
        && dueAt == o.dueAt && warnAt == o.warnAt && state == o.state;
}

QJsonObject SlaClocks::toJson() const
{
    if (isNull)
        return {};
    return { { QStringLiteral("policyId"), idToJson(policyId) },
        { QStringLiteral("firstResponse"), firstResponse.toJson() },
        { QStringLiteral("resolution"), resolution.toJson() } };
}

SlaClocks SlaClocks::fromJson(const QJsonObject &o)
{
    SlaClocks s;
    if (o.isEmpty())
        return s;
    s.isNull = false;
    idFromJson(o.value(QStringLiteral("policyId")), &s.policyId);
    s.firstResponse = SlaClock::fromJson(o.value(QStringLiteral("firstResponse")).toObject());
    s.resolution = SlaClock::fromJson(o.value(QStringLiteral("resolution")).toObject());
    return s;
}

bool SlaClocks::operator==(const SlaClocks &o) const
{
    return isNull == o.isNull && policyId == o.policyId && firstResponse == o.firstResponse
        && resolution == o.resolution;
}

} // namespace Atiende::Core
