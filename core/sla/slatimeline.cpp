#include "slatimeline.h"

#include "core/domain/timestamp.h"

namespace Atiende::Core {

QString SlaTimeline::wireName(State s)
{
    switch (s) {
    case State::None:
        return QStringLiteral("none");
    case State::Running:
        return QStringLiteral("running");
    case State::Paused:
        return QStringLiteral("paused");
    case State::Warning:
        return QStringLiteral("warning");
    case State::Breached:
        return QStringLiteral("breached");
    case State::Met:
        return QStringLiteral("met");
    }
    return QString();
}

void SlaTimeline::start(qint64 at)
{
    if (!hasTarget() || stoppedAt)
        return;
    paused = false;
    if (!runningSince)
        runningSince = at;
}

void SlaTimeline::pause(const BusinessCalendar &cal, qint64 at)
{
    if (!runningSince)
        return;
    usedMs += cal.businessMsBetween(runningSince, at);
    runningSince = 0;
    paused = true;
}

void SlaTimeline::resume(qint64 at)
{
    if (!paused || stoppedAt)
        return;
    paused = false;
    runningSince = at;
}

void SlaTimeline::stop(const BusinessCalendar &cal, qint64 at)
{
    if (stoppedAt || !hasTarget())
        return;
    if (runningSince)
        usedMs += cal.businessMsBetween(runningSince, at);
    runningSince = 0;
    paused = false;
    stoppedAt = at;
}

void SlaTimeline::reopen(qint64 at)
{
    if (!stoppedAt)
        return;
    stoppedAt = 0;
    paused = false;
    runningSince = at;
}

qint64 SlaTimeline::used(const BusinessCalendar &cal, qint64 now) const
{
    return usedMs + (runningSince ? cal.businessMsBetween(runningSince, now) : 0);
}

std::optional<qint64> SlaTimeline::dueAt(const BusinessCalendar &cal) const
{
    if (!runningSince || !hasTarget() || usedMs >= targetMs)
        return std::nullopt;
    return cal.addBusinessMs(runningSince, targetMs - usedMs);
}

std::optional<qint64> SlaTimeline::warnAt(const BusinessCalendar &cal) const
{
    const qint64 warnMs = targetMs * warnPercent / 100;
    if (!runningSince || !hasTarget() || usedMs >= warnMs)
        return std::nullopt;
    return cal.addBusinessMs(runningSince, warnMs - usedMs);
}

SlaTimeline::State SlaTimeline::state(const BusinessCalendar &cal, qint64 now) const
{
    if (!hasTarget())
        return State::None;
    const qint64 u = used(cal, now);
    if (stoppedAt)
        return u <= targetMs ? State::Met : State::Breached;
    if (u >= targetMs)
        return State::Breached;
    if (!runningSince)
        return State::Paused;
    if (u >= targetMs * warnPercent / 100)
        return State::Warning;
    return State::Running;
}

QJsonObject SlaTimeline::toJson(const BusinessCalendar &cal, qint64 now) const
{
    const auto due = dueAt(cal);
    return { { QStringLiteral("targetMs"), double(targetMs) },
        { QStringLiteral("warnPercent"), warnPercent },
        { QStringLiteral("usedMs"), double(usedMs) },
        { QStringLiteral("runningSince"), Timestamp::toJson(runningSince) },
        { QStringLiteral("stoppedAt"), Timestamp::toJson(stoppedAt) },
        { QStringLiteral("paused"), paused },
        { QStringLiteral("dueAt"), Timestamp::toJson(due.value_or(0)) },
        { QStringLiteral("warnAt"), Timestamp::toJson(warnAt(cal).value_or(0)) },
        { QStringLiteral("state"), wireName(state(cal, now)) } };
}

SlaTimeline SlaTimeline::fromJson(const QJsonObject &o)
{
    SlaTimeline t;
    t.targetMs = qint64(o.value(QStringLiteral("targetMs")).toDouble());
    t.warnPercent = o.value(QStringLiteral("warnPercent")).toInt(75);
    t.usedMs = qint64(o.value(QStringLiteral("usedMs")).toDouble());
    t.runningSince = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("runningSince"))));
    t.stoppedAt = qMax<qint64>(0, Timestamp::fromJson(o.value(QStringLiteral("stoppedAt"))));
    t.paused = o.value(QStringLiteral("paused")).toBool();
    return t;
}

} // namespace Atiende::Core
