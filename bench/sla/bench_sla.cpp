// The SLA schedule against the targets for 1,000,000 open tickets: under 200 MB,
// rebuilt after a restart in under 3 s, one due-time update in under 10 microseconds and
// logarithmic in the number of tickets.
//
//   atiende-sla-bench                                # everything, memory first
//   atiende-sla-bench --benchmark_filter=Move        # one family
//
// Memory is reported twice: what SlaSchedule::memoryBytes() claims, and how much the process's
// resident set (VmRSS) grew while the schedule was filled. The memory benchmarks are
// registered first so they run in a process whose allocator has not yet been warmed by the
// others, and the allocator's free memory is handed back before each baseline.
//
// Ids: "dense" is 1..N, what a database hands out; "sparse" spreads the same N over 2^40, to
// show the position index does not care.

#include "server/sla/slaschedule.h"

#include <benchmark/benchmark.h>

#include <QFile>
#include <QRandomGenerator>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <vector>

using namespace Atiende::Server;

namespace {

constexpr qint64 kNow = 1'767'225'600'000; // 2026-01-01, ms
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;

qint64 ticketId(qint64 i, bool sparse)
{
    // A bijection onto widely spread ids: i times an odd constant, kept under 2^40.
    return sparse ? 1 + ((i * 0x9e3779b1LL) & ((qint64(1) << 40) - 1)) : i + 1;
}

// What a restart reads: per ticket, in id order, a resolution warning at 75% of a target
// between 4 hours and 30 days, and the breach at 100%, for tickets opened at some point of
// their target already. Millisecond times, so ties are rare but happen.
std::vector<SlaSchedule::Entry> restartEntries(qint64 tickets, bool sparse)
{
    QRandomGenerator rng(1234);
    std::vector<SlaSchedule::Entry> entries;
    entries.reserve(size_t(2 * tickets));
    for (qint64 i = 0; i < tickets; ++i) {
        const qint64 target = 4 * kHour + qint64(rng.bounded(quint32(30 * kDay / 1000))) * 1000;
        const qint64 opened = kNow - qint64(rng.generate64() % quint64(target / 2));
        const qint64 id = ticketId(i, sparse);
        entries.push_back({ id, SlaEvent::ResolutionWarning, opened + target * 3 / 4 });
        entries.push_back({ id, SlaEvent::ResolutionBreach, opened + target });
    }
    return entries;
}

qint64 rssBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return 0;
}

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void reportMemory(benchmark::State &state, const SlaSchedule &s, qint64 rssBefore)
{
    constexpr double mib = 1024.0 * 1024.0;
    state.counters["tickets"] = double(s.ticketCount());
    state.counters["events"] = double(s.size());
    state.counters["memoryMiB"] = double(s.memoryBytes()) / mib;
    state.counters["rssGrowthMiB"] = double(rssBytes() - rssBefore) / mib;
    state.counters["bytesPerTicket"] = double(s.memoryBytes()) / double(s.ticketCount());
}

// The restart path: build() from 2 events per ticket. One iteration: memory is the point.
void BM_SlaMemoryAfterBuild(benchmark::State &state)
{
    const std::vector<SlaSchedule::Entry> entries
        = restartEntries(state.range(0), state.range(1) != 0);
    for (auto _ : state) {
        releaseFreeMemory();
        const qint64 before = rssBytes();
        SlaSchedule s;
        s.build(entries);
        reportMemory(state, s, before);
    }
}
BENCHMARK(BM_SlaMemoryAfterBuild)
    ->ArgNames({ "tickets", "sparse" })
    ->Args({ 1'000'000, 0 })
    ->Args({ 1'000'000, 1 })
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// A server that started empty and grew to the size one set() at a time, all 4 events per
// ticket: the worst case, with the arrays' doubling slack.
void BM_SlaMemoryAfterInserts(benchmark::State &state)
{
    const qint64 tickets = state.range(0);
    for (auto _ : state) {
        releaseFreeMemory();
        const qint64 before = rssBytes();
        SlaSchedule s;
        QRandomGenerator rng(99);
        for (qint64 i = 0; i < tickets; ++i) {
            const qint64 at = kNow + qint64(rng.bounded(quint32(30 * kDay / 1000))) * 1000;
            for (int e = 0; e < SlaSchedule::kEventCount; ++e)
                s.set(i + 1, SlaEvent(e), at + e * kHour);
        }
        reportMemory(state, s, before);
    }
}
BENCHMARK(BM_SlaMemoryAfterInserts)
    ->ArgName("tickets")
    ->Arg(1'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// Rebuild time: build() of N tickets x 2 events.
void BM_SlaBuild(benchmark::State &state)
{
    const std::vector<SlaSchedule::Entry> entries
        = restartEntries(state.range(0), state.range(1) != 0);
    for (auto _ : state) {
        SlaSchedule s;
        s.build(entries);
        benchmark::DoNotOptimize(s.next());
        state.PauseTiming(); // freeing is not part of a restart
        s.clearAll();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * qint64(entries.size()));
}
BENCHMARK(BM_SlaBuild)
    ->ArgNames({ "tickets", "sparse" })
    ->Args({ 100'000, 0 })
    ->Args({ 1'000'000, 0 })
    ->Args({ 1'000'000, 1 })
    ->Unit(benchmark::kMillisecond);

// For comparison: the same schedule from N x 2 set() calls.
void BM_SlaBuildByInserts(benchmark::State &state)
{
    const std::vector<SlaSchedule::Entry> entries = restartEntries(state.range(0), false);
    for (auto _ : state) {
        SlaSchedule s;
        s.reserve(state.range(0), 2);
        for (const SlaSchedule::Entry &e : entries)
            s.set(e.ticketId, e.event, e.at);
        benchmark::DoNotOptimize(s.next());
        state.PauseTiming();
        s.clearAll();
        state.ResumeTiming();
    }
}
BENCHMARK(BM_SlaBuildByInserts)->ArgName("tickets")->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Pre-drawn so the timed loop measures the schedule, not the generator.
struct Moves
{
    static constexpr size_t kCount = 1 << 20;
    std::vector<qint64> ids;
    std::vector<qint64> times;
    Moves(qint64 tickets, bool sparse)
    {
        QRandomGenerator rng(5678);
        ids.reserve(kCount);
        times.reserve(kCount);
        for (size_t i = 0; i < kCount; ++i) {
            ids.push_back(ticketId(qint64(rng.bounded(quint32(tickets))), sparse));
            times.push_back(kNow + qint64(rng.generate64() % quint64(30 * kDay)));
        }
    }
};

// One due-time update: a random ticket's breach moved to a random time in the next 30 days
// (its priority changed, it was reassigned to a group with another SLA).
void BM_SlaMove(benchmark::State &state)
{
    const qint64 tickets = state.range(0);
    const bool sparse = state.range(1) != 0;
    SlaSchedule s;
    s.build(restartEntries(tickets, sparse));
    const Moves moves(tickets, sparse);
    size_t i = 0;
    for (auto _ : state) {
        s.set(moves.ids[i], SlaEvent::ResolutionBreach, moves.times[i]);
        i = (i + 1) & (Moves::kCount - 1);
    }
    state.SetComplexityN(tickets);
}
BENCHMARK(BM_SlaMove)
    ->ArgNames({ "tickets", "sparse" })
    ->ArgsProduct({ { 1'000, 10'000, 100'000, 1'000'000 }, { 0 } })
    ->Complexity(benchmark::oLogN);
BENCHMARK(BM_SlaMove)->ArgNames({ "tickets", "sparse" })->Args({ 1'000'000, 1 });

// The worst update: every other one moves a ticket ahead of all (a sift from the bottom to
// the root), the others move the earliest event behind all (a sift from the root to a leaf).
void BM_SlaMoveWorst(benchmark::State &state)
{
    const qint64 tickets = state.range(0);
    SlaSchedule s;
    s.build(restartEntries(tickets, false));
    const Moves moves(tickets, false);
    qint64 front = kNow - kDay;
    qint64 back = kNow + 365 * kDay;
    size_t i = 0;
    for (auto _ : state) {
        if (i & 1) {
            const SlaSchedule::Due first = *s.next();
            s.set(first.ticketId, first.event, ++back);
        } else {
            s.set(moves.ids[i], SlaEvent::ResolutionWarning, --front);
        }
        i = (i + 1) & (Moves::kCount - 1);
    }
    state.SetComplexityN(tickets);
}
BENCHMARK(BM_SlaMoveWorst)
    ->ArgName("tickets")
    ->RangeMultiplier(10)
    ->Range(1'000, 1'000'000)
    ->Complexity(benchmark::oLogN);

// A ticket resolved: clear() of both its events, then it comes back (a reopen) so the size
// stays put. Three operations per iteration.
void BM_SlaClearAndReschedule(benchmark::State &state)
{
    const qint64 tickets = state.range(0);
    SlaSchedule s;
    s.build(restartEntries(tickets, false));
    const Moves moves(tickets, false);
    size_t i = 0;
    for (auto _ : state) {
        const qint64 id = moves.ids[i];
        s.clear(id);
        s.set(id, SlaEvent::ResolutionWarning, moves.times[i] - kHour);
        s.set(id, SlaEvent::ResolutionBreach, moves.times[i]);
        i = (i + 1) & (Moves::kCount - 1);
    }
}
BENCHMARK(BM_SlaClearAndReschedule)->ArgName("tickets")->Arg(1'000'000);

// One event falls due: takeDue() at the earliest time, which takes exactly that event (the
// times in this schedule are unique). 100,000 of them from 2,000,000 events: the size stays
// about the same throughout.
void BM_SlaTakeDueOne(benchmark::State &state)
{
    const qint64 tickets = state.range(0);
    std::vector<SlaSchedule::Entry> entries = restartEntries(tickets, false);
    for (size_t i = 0; i < entries.size(); ++i)
        entries[i].at = kNow + qint64(((i * 2654435761u) % entries.size())) * 10; // a permutation
    SlaSchedule s;
    s.build(entries);
    qint64 taken = 0;
    for (auto _ : state) {
        const QList<SlaSchedule::Due> due = s.takeDue(s.next()->at);
        taken += due.size();
    }
    state.counters["eventsTaken"] = double(taken);
    state.counters["eventsLeft"] = double(s.size());
}
BENCHMARK(BM_SlaTakeDueOne)->ArgName("tickets")->Arg(1'000'000)->Iterations(100'000);

} // namespace

BENCHMARK_MAIN();
