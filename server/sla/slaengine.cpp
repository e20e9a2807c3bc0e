#include "slaengine.h"

#include "server/logging.h"

#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

#include <tuple>

namespace Atiende::Server {

namespace {
bool isOpen(const QString &status)
{
    return status != QLatin1String("resolved") && status != QLatin1String("closed");
}
qint64 instant(const QJsonObject &sla, const char *clock, const char *field)
{
    return qMax<qint64>(0,
        Core::Timestamp::fromJson(
            sla.value(QLatin1String(clock)).toObject().value(QLatin1String(field))));
}
} // namespace

SlaEngine::SlaEngine(const Clock *clock, Submit submit, QObject *parent)
    : QObject(parent)
    , m_timer(clock)
    , m_submit(std::move(submit))
{
    connect(&m_timer, &SlaTimer::due, this, &SlaEngine::onDue);
}

void SlaEngine::build(const QList<TicketStore::SlaWake> &wakeups)
{
    std::vector<SlaSchedule::Entry> entries;
    entries.reserve(size_t(wakeups.size()) * 2);
    for (const TicketStore::SlaWake &w : wakeups) {
        const std::pair<SlaEvent, qint64> events[]
            = { { SlaEvent::FirstResponseWarning, w.firstResponseWarn },
                  { SlaEvent::FirstResponseBreach, w.firstResponseDue },
                  { SlaEvent::ResolutionWarning, w.resolutionWarn },
                  { SlaEvent::ResolutionBreach, w.resolutionDue } };
        for (const auto &[event, at] : events) {
            if (at > 0)
                entries.push_back({ w.ticketId, event, at });
        }
    }
    m_timer.build(entries);
    qCInfo(lcSla) << "watching" << wakeups.size() << "open tickets," << entries.size()
                  << "SLA instants";
}

void SlaEngine::follow(qint64 ticketId, const QJsonObject &ticket)
{
    const QJsonObject sla = ticket.value(QStringLiteral("sla")).toObject();
    if (sla.isEmpty() || !isOpen(ticket.value(QStringLiteral("status")).toString())) {
        m_timer.clear(ticketId);
        return;
    }
    // A mark already made is not planned again.
    for (const auto &[clock, warning, breach] :
        { std::tuple {
              "firstResponse", SlaEvent::FirstResponseWarning, SlaEvent::FirstResponseBreach },
            std::tuple {
                "resolution", SlaEvent::ResolutionWarning, SlaEvent::ResolutionBreach } }) {
        const QString state
            = sla.value(QLatin1String(clock)).toObject().value(QStringLiteral("state")).toString();
        const bool warned = state == QLatin1String("warning") || state == QLatin1String("breached");
        m_timer.set(ticketId, warning, warned ? 0 : instant(sla, clock, "warnAt"));
        m_timer.set(ticketId, breach,
            state == QLatin1String("breached") ? 0 : instant(sla, clock, "dueAt"));
    }
}

void SlaEngine::onCommitted(const QList<Change> &changes)
{
    for (const Change &c : changes) {
        if (c.entity == QLatin1String("ticket"))
            follow(c.id, c.data);
    }
}

void SlaEngine::onDue(const QList<SlaSchedule::Due> &events)
{
    for (const SlaSchedule::Due &d : events) {
        const bool resolution
            = d.event == SlaEvent::ResolutionWarning || d.event == SlaEvent::ResolutionBreach;
        const bool breach
            = d.event == SlaEvent::FirstResponseBreach || d.event == SlaEvent::ResolutionBreach;
        WriteJob job;
        // Marked as of the instant it fell due, not of when the server got round to it.
        job.apply = [ticket = d.ticketId, resolution, breach, at = d.at](Store &store) {
            OpResult r = store.tickets().slaReached(ticket, resolution, breach, at);
            if (!r.ok || !r.result.toObject().value(QStringLiteral("changed")).toBool())
                return r;
            // Escalation follows the mark in the same transaction: both or neither.
            const OpResult e = store.escalation().apply(ticket,
                breach ? QStringLiteral("breach") : QStringLiteral("warning"),
                resolution ? QStringLiteral("resolution") : QStringLiteral("firstResponse"), at);
            if (!e.ok)
                return e;
            r.changes += e.changes;
            return r;
        };
        job.done = [this, ticket = d.ticketId, resolution, breach](const OpResult &r) {
            if (!r.ok || !r.result.toObject().value(QStringLiteral("changed")).toBool())
                return;
            ++m_marked;
            Q_EMIT reached(ticket,
                resolution ? QStringLiteral("resolution") : QStringLiteral("firstResponse"),
                breach ? QStringLiteral("breached") : QStringLiteral("warning"));
        };
        m_submit(std::move(job));
    }
}

} // namespace Atiende::Server
