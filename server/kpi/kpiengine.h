#pragma once
// The dashboard's KPIs (docs/kpis.md), kept up to date as tickets change instead of being
// recomputed by scanning tickets on every request.
//
// Built at start from the store (KpiSource::readSnapshot: every open ticket and every ticket
// that counts for the window's days), then following every committed change, as the SLA
// engine does: a ticket change replaces that ticket's facts (its old contribution to the
// KpiState is taken away, the new one added); a survey answer (an event article with
// data.survey) adds a rating to its ticket; agent changes keep names, roles and groups;
// presence comes from RpcServer. The window is the last 60 local days of the desk's time
// zone plus tomorrow (a change just after midnight lands before the window moves), enough
// for the 30 days and the 30 before them; it moves at local midnight, when tickets that no
// longer count are forgotten. A change touches some groups; changed() says which, so the
// dashboard feed pushes only to subscribers who see them.
//
// The engine lives on the server's network thread. figures() costs a sum over the window's
// buckets of the groups in scope (no ticket is scanned); one ticket change costs a few
// microseconds (atiende-kpi-bench).

#include "kpisource.h"
#include "kpistate.h"

#include "server/store/changeset.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Atiende::Server {

class Clock;

enum class KpiPeriod { Today, Last7Days, Last30Days };
QString wireName(KpiPeriod p);
std::optional<KpiPeriod> kpiPeriodFromString(const QString &s);
int periodDays(KpiPeriod p);

class KpiEngine : public QObject
{
    Q_OBJECT
public:
    static constexpr int kHistoryDays = 60; // today and the 59 days before it
    static constexpr int kMaxAtRisk = 50;
    static constexpr int kMaxAgents = 500;

    // The clock must outlive the engine.
    KpiEngine(const Clock *clock, const QTimeZone &zone, QObject *parent = nullptr);

    // The days the engine keeps as of `now`: 60 days up to today, and tomorrow.
    static DayIndex windowFor(const QTimeZone &zone, qint64 now);

    void build(KpiSnapshot snapshot);
    void onCommitted(const QList<Change> &changes);
    void setPresence(qint64 agentId, const QString &presence);

    // The dashboard's figures for the groups in scope (empty: the whole desk) and period,
    // as of now (docs/protocol.md, dashboard.subscribe).
    QJsonObject figures(const QList<qint64> &scope, KpiPeriod period);
    bool hasGroup(qint64 id) const { return m_groups.contains(id); }
    QTimeZone zone() const { return m_zone; }
    const DayIndex &window() const { return m_state.days(); }
    qsizetype trackedTickets() const { return m_facts.size(); }
    const QHash<qint64, TicketFacts> &facts() const { return m_facts; }

    // Moves the window when the local day has changed; the timer calls it, tests call it
    // after moving a ManualClock.
    void poll();

Q_SIGNALS:
    // Something changed for these groups (all: for every scope, such as a new day).
    void changed(const QSet<qint64> &groups, bool all);

private:
    void replace(TicketFacts next, QSet<qint64> *touched);
    void addRating(qint64 ticketId, qint64 groupId, const Rating &rating, QSet<qint64> *touched);
    void keepOrForget(qint64 id);
    void armTimer();

    const Clock *m_clock;
    QTimeZone m_zone;
    KpiState m_state;
    QHash<qint64, TicketFacts> m_facts;
    QHash<qint64, AgentFacts> m_agents;
    QSet<qint64> m_groups;
    QTimer m_timer;
};

} // namespace Atiende::Server
