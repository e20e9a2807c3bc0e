#include "assignment.h"

#include <algorithm>
#include <array>

namespace Atiende::Core {

namespace {

const std::array<const char *, 4> kPresences { { "available", "busy", "away", "offline" } };
const std::array<const char *, 4> kStrategies { { "manual", "round_robin", "least_open",
    "skills" } };

template <typename E, size_t N>
std::optional<E> parse(const std::array<const char *, N> &names, const QString &s)
{
    for (size_t i = 0; i < N; ++i) {
        if (s == QLatin1String(names[i]))
            return static_cast<E>(i);
    }
    return std::nullopt;
}

template <size_t N> QStringList all(const std::array<const char *, N> &names)
{
    QStringList out;
    for (const char *n : names)
        out << QString::fromLatin1(n);
    return out;
}

bool hasSkills(const AgentLoad &a, const QStringList &required)
{
    return std::all_of(required.begin(), required.end(), [&](const QString &skill) {
        return a.skills.contains(skill.trimmed(), Qt::CaseInsensitive);
    });
}

// Fewest open tickets, then given work longest ago, then lowest id: a total order, so the
// choice never depends on the order the caller lists agents in.
bool lessLoaded(const AgentLoad &a, const AgentLoad &b)
{
    if (a.openTickets != b.openTickets)
        return a.openTickets < b.openTickets;
    if (a.lastAssignedAt != b.lastAssignedAt)
        return a.lastAssignedAt < b.lastAssignedAt;
    return a.agentId < b.agentId;
}

} // namespace

QString wireName(Presence v)
{
    return QString::fromLatin1(kPresences[size_t(v)]);
}
QString wireName(AssignmentStrategy v)
{
    return QString::fromLatin1(kStrategies[size_t(v)]);
}
template <> std::optional<Presence> fromString<Presence>(const QString &s)
{
    return parse<Presence>(kPresences, s);
}
template <> std::optional<AssignmentStrategy> fromString<AssignmentStrategy>(const QString &s)
{
    return parse<AssignmentStrategy>(kStrategies, s);
}
template <> QStringList wireNames<Presence>()
{
    return all(kPresences);
}
template <> QStringList wireNames<AssignmentStrategy>()
{
    return all(kStrategies);
}

std::optional<qint64> Assigner::choose(AssignmentStrategy strategy,
    const QList<AgentLoad> &candidates, const QStringList &requiredSkills, qint64 *roundRobinCursor)
{
    if (strategy == AssignmentStrategy::Manual)
        return std::nullopt;

    const AgentLoad *best = nullptr;
    switch (strategy) {
    case AssignmentStrategy::Manual:
        break;
    case AssignmentStrategy::RoundRobin: {
        // The next id after the cursor, else (wrapping round) the lowest id.
        const qint64 cursor = roundRobinCursor ? *roundRobinCursor : 0;
        const AgentLoad *lowest = nullptr;
        for (const AgentLoad &a : candidates) {
            if (a.presence != Presence::Available || a.agentId <= 0)
                continue;
            if (!lowest || a.agentId < lowest->agentId)
                lowest = &a;
            if (a.agentId > cursor && (!best || a.agentId < best->agentId))
                best = &a;
        }
        if (!best)
            best = lowest;
        if (best && roundRobinCursor)
            *roundRobinCursor = best->agentId;
        break;
    }
    case AssignmentStrategy::LeastOpen:
    case AssignmentStrategy::Skills:
        for (const AgentLoad &a : candidates) {
            if (a.presence != Presence::Available || a.agentId <= 0)
                continue;
            if (strategy == AssignmentStrategy::Skills && !hasSkills(a, requiredSkills))
                continue;
            if (!best || lessLoaded(a, *best))
                best = &a;
        }
        break;
    }
    if (!best)
        return std::nullopt;
    return best->agentId;
}

QList<qint64> Assigner::onAgentLeftGroup(
    qint64 agentId, const QHash<qint64, qint64> &assigneeByTicket)
{
    QList<qint64> tickets;
    if (agentId <= 0)
        return tickets;
    for (auto it = assigneeByTicket.constBegin(); it != assigneeByTicket.constEnd(); ++it) {
        if (it.value() == agentId)
            tickets.append(it.key());
    }
    std::sort(tickets.begin(), tickets.end());
    return tickets;
}

} // namespace Atiende::Core
