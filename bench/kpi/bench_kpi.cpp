// The KPI engine against the target: one ticket change costs the KPI state under 50
// microseconds. Measured on an engine that follows as many tickets as a desk of a million
// tickets a year keeps in its 60-day window (about 200,000: 165,000 of the last 60 days and
// the open ones), with a dashboard feed of 50 subscribers listening, as in atiended.
//
//   atiende-kpi-bench                                  # everything
//   atiende-kpi-bench --benchmark_filter=Change        # one family
//
// A change is what RpcServer::onCommitted hands the engine: the ticket's wire JSON, already
// parsed. Each iteration replaces a ticket's facts (its old contribution taken away, the new
// one added) and tells the feed which groups changed.

#include "kpidesk.h"

#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/ticketfacts.h"
#include "server/sla/slaclock.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimeZone>

#include <map>
#include <memory>

using namespace Atiende;
using namespace Atiende::Server;
using Atiende::Bench::KpiDesk;

namespace {

constexpr qint64 kNow = 1'795'003'600'000; // 2026-11-18, midday UTC

struct Fixture
{
    ManualClock clock { kNow };
    std::unique_ptr<KpiEngine> engine;
    std::unique_ptr<DashboardFeed> feed;
    qint64 tickets = 0;

    explicit Fixture(qint64 count)
        : tickets(count)
    {
        engine = std::make_unique<KpiEngine>(&clock, QTimeZone::utc());
        KpiSnapshot snapshot;
        QRandomGenerator rng(2026);
        snapshot.tickets.reserve(size_t(count));
        // Spread over the 60 days of the window, newest last; one in seven still open.
        for (qint64 i = 1; i <= count; ++i) {
            const qint64 createdAt
                = kNow - 60 * KpiDesk::kDay + (60 * KpiDesk::kDay) * i / (count + 1);
            const bool open = rng.bounded(7) == 0 || createdAt > kNow - KpiDesk::kDay / 2;
            Core::Ticket t = KpiDesk::ticket(i, createdAt, open, rng);
            if (t.updatedAt > kNow) { // not in the future
                t.status = Core::TicketStatus::InProgress;
                t.resolvedAt = 0;
                t.updatedAt = kNow;
            }
            snapshot.tickets.push_back(TicketFacts::fromTicketJson(t.toJson()));
        }
        for (int g = 1; g <= KpiDesk::kGroups; ++g)
            snapshot.groups << g;
        for (int a = 1; a <= KpiDesk::kAgents; ++a)
            snapshot.agents.append({ a, QStringLiteral("Agent %1").arg(a), Core::Role::Agent, true,
                { 1 + a % KpiDesk::kGroups }, QStringLiteral("available") });
        engine->build(std::move(snapshot));
        feed = std::make_unique<DashboardFeed>(
            engine.get(), &clock, [](DashboardFeed::Subscriber, const QByteArray &) {});
        for (int s = 0; s < 50; ++s)
            feed->subscribe(quintptr(s + 1),
                s % 5 ? QList<qint64> { 1 + s % KpiDesk::kGroups } : QList<qint64> {},
                KpiPeriod::Today);
    }

    static Fixture &get(qint64 count)
    {
        static std::map<qint64, std::unique_ptr<Fixture>> fixtures;
        auto &f = fixtures[count];
        if (!f)
            f = std::make_unique<Fixture>(count);
        return *f;
    }
};

Change changeOf(const Core::Ticket &t, qint64 rev)
{
    Change c;
    c.rev = rev;
    c.entity = QStringLiteral("ticket");
    c.id = t.id;
    c.data = t.toJson();
    c.scoped = true;
    c.groupId = t.groupId;
    c.assigneeId = t.assigneeId;
    return c;
}

// An open ticket of the last hours, changing back and forth between two states: in progress
// and waiting on the customer (the light case), or in progress and resolved today with both
// clocks stopped (the heavy case: today's sorted durations, first contact, per-assignee counts).
void BM_KpiTicketChange(benchmark::State &state)
{
    Fixture &f = Fixture::get(state.range(0));
    const bool resolve = state.range(1) != 0;
    QRandomGenerator rng(7);
    // A few hundred recent open tickets, so the caches see varied buckets, as in life.
    std::vector<std::pair<Change, Change>> pairs;
    for (int i = 0; i < 256; ++i) {
        Core::Ticket open
            = KpiDesk::ticket(f.tickets - i, kNow - KpiDesk::kHour * (1 + i % 10), true, rng);
        open.updatedAt = kNow;
        Core::Ticket other = open;
        if (resolve) {
            QRandomGenerator again { quint32(i) };
            other = KpiDesk::ticket(open.id, open.createdAt, false, again);
            other.groupId = open.groupId;
            other.resolvedAt = qMin(other.resolvedAt, kNow);
        } else {
            other.status = Core::TicketStatus::PendingCustomer;
        }
        pairs.emplace_back(changeOf(open, 1), changeOf(other, 2));
    }
    for (const auto &p : pairs)
        f.engine->onCommitted({ p.first });
    size_t i = 0;
    bool flip = false;
    for (auto _ : state) {
        const auto &p = pairs[i];
        f.engine->onCommitted({ flip ? p.first : p.second });
        if (++i == pairs.size()) {
            i = 0;
            flip = !flip;
        }
    }
    for (const auto &p : pairs)
        f.engine->onCommitted({ p.first });
    state.counters["trackedTickets"] = double(f.engine->trackedTickets());
}
BENCHMARK(BM_KpiTicketChange)
    ->ArgNames({ "tracked", "resolve" })
    ->Args({ 10'000, 0 })
    ->Args({ 10'000, 1 })
    ->Args({ 200'000, 0 })
    ->Args({ 200'000, 1 })
    ->Unit(benchmark::kMicrosecond);

// What a push costs before it is sent: the figures of one scope and period.
void BM_KpiFigures(benchmark::State &state)
{
    Fixture &f = Fixture::get(200'000);
    const QList<qint64> scope = state.range(0) ? QList<qint64> { 1 } : QList<qint64> {};
    const KpiPeriod period = state.range(1) == 30 ? KpiPeriod::Last30Days
        : state.range(1) == 7                     ? KpiPeriod::Last7Days
                                                  : KpiPeriod::Today;
    qint64 bytes = 0;
    for (auto _ : state) {
        const QJsonObject figures = f.engine->figures(scope, period);
        benchmark::DoNotOptimize(figures);
        if (bytes == 0)
            bytes = QJsonDocument(figures).toJson(QJsonDocument::Compact).size();
    }
    state.counters["jsonBytes"] = double(bytes);
}
BENCHMARK(BM_KpiFigures)
    ->ArgNames({ "oneGroup", "days" })
    ->Args({ 0, 1 })
    ->Args({ 0, 30 })
    ->Args({ 1, 1 })
    ->Args({ 1, 30 })
    ->Unit(benchmark::kMicrosecond);

// The pieces: a ticket's facts from its wire JSON, and from its stored SLA text (reports
// and the start read a million of those) with the scanner and with QJsonDocument.
void BM_TicketFactsFromJson(benchmark::State &state)
{
    QRandomGenerator rng(1);
    const QJsonObject json = KpiDesk::ticket(1, kNow - KpiDesk::kDay, false, rng).toJson();
    for (auto _ : state)
        benchmark::DoNotOptimize(TicketFacts::fromTicketJson(json));
}
BENCHMARK(BM_TicketFactsFromJson)->Unit(benchmark::kMicrosecond);

void BM_SlaText(benchmark::State &state)
{
    QRandomGenerator rng(1);
    const QString text
        = QString::fromUtf8(QJsonDocument(KpiDesk::ticket(1, kNow - KpiDesk::kDay, false, rng).sla)
                                .toJson(QJsonDocument::Compact));
    const bool scanner = state.range(0) != 0;
    for (auto _ : state) {
        TicketFacts f;
        if (scanner)
            f.readSlaText(text);
        else
            f.readSla(QJsonDocument::fromJson(text.toUtf8()).object());
        benchmark::DoNotOptimize(f);
    }
}
BENCHMARK(BM_SlaText)->ArgName("scanner")->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);

} // namespace

// The engine and the feed arm QTimers: they need Qt's main thread.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
