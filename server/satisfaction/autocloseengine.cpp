#include "autocloseengine.h"

#include "server/logging.h"

#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>

#include <memory>

namespace Atiende::Server {

namespace {
// SlaTimer is a priority queue of (ticket, event kind, instant) with the clock-jump handling
// we want here too; a ticket has one close instant, kept in one of its event slots. This
// engine has a timer of its own, so the slot never meets an SLA event.
constexpr SlaEvent kCloseAt = SlaEvent::ResolutionBreach;
} // namespace

AutoCloseEngine::AutoCloseEngine(const Clock *clock, Submit submit, QObject *parent)
    : QObject(parent)
    , m_timer(clock)
    , m_clock(clock)
    , m_submit(std::move(submit))
{
    connect(&m_timer, &SlaTimer::due, this, &AutoCloseEngine::onDue);
}

void AutoCloseEngine::build(const QList<SurveyStore::CloseWake> &wakeups)
{
    std::vector<SlaSchedule::Entry> entries;
    entries.reserve(size_t(wakeups.size()));
    for (const SurveyStore::CloseWake &w : wakeups) {
        if (w.at > 0)
            entries.push_back({ w.ticketId, kCloseAt, w.at });
    }
    m_timer.build(entries);
    qCInfo(lcAutoClose) << "watching" << entries.size() << "resolved tickets for auto-close";
}

qint64 AutoCloseEngine::closeAt(qint64 ticketId) const
{
    return m_timer.schedule().dueAt(ticketId, kCloseAt);
}

void AutoCloseEngine::onCommitted(const QList<Change> &changes)
{
    for (const Change &c : changes) {
        if (c.entity != QLatin1String("ticket"))
            continue;
        if (c.data.value(QStringLiteral("status")).toString() != QLatin1String("resolved")) {
            m_timer.clear(c.id);
            continue;
        }
        // Another change to a ticket that stays resolved keeps the instant already planned.
        if (closeAt(c.id) > 0)
            continue;
        const qint64 resolvedAt
            = Core::Timestamp::fromJson(c.data.value(QStringLiteral("resolvedAt")));
        if (resolvedAt > 0)
            m_timer.set(c.id, kCloseAt, resolvedAt + m_windowMs);
    }
}

void AutoCloseEngine::onDue(const QList<SlaSchedule::Due> &events)
{
    if (m_closing)
        return; // the queued job closes these too, and re-plans from the store
    m_closing = true;
    // Filled on the writer thread by apply(), read here by done(), which runs after it.
    auto next = std::make_shared<QList<SurveyStore::CloseWake>>();
    WriteJob job;
    job.apply = [next, now = m_clock->now()](Store &store) {
        OpResult r = store.surveys().closeDue(now);
        if (r.ok)
            *next = store.surveys().closeWakeups();
        return r;
    };
    job.done = [this, next, events](const OpResult &r) {
        m_closing = false;
        if (!r.ok) {
            // Tried again in a minute rather than forgotten until the next restart.
            qCWarning(lcAutoClose) << "auto-close failed:" << r.error.message;
            for (const SlaSchedule::Due &d : events)
                m_timer.set(d.ticketId, kCloseAt, m_clock->now() + 60 * 1000);
            return;
        }
        build(*next);
        const QJsonArray closed = r.result.toObject().value(QStringLiteral("closed")).toArray();
        for (const QJsonValue &id : closed) {
            ++m_closed;
            Q_EMIT ticketClosed(id.toInteger());
        }
    };
    m_submit(std::move(job));
}

} // namespace Atiende::Server
