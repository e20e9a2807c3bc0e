// Domain rules that run on every write and in every view: search text to FTS5, the status
// lifecycle, the priority matrix.

#include "core/domain/prioritymatrix.h"
#include "core/domain/ticketlifecycle.h"
#include "core/search/ftsquery.h"

#include <benchmark/benchmark.h>

#include <array>

using namespace Atiende::Core;

namespace {

void BM_FtsQueryToFts5(benchmark::State &state)
{
    // What people type: a few words with accents, a pasted error with punctuation, an
    // attempt at operators, and a long paste that hits the term limit.
    static const std::array<QString, 4> inputs { QStringLiteral("configuración vpn"),
        QStringLiteral("Outlook error 0x800CCC0E: \"cannot connect\" (SMTP)"),
        QStringLiteral("printer OR 1=1; -- NEAR(\"drop\" table)*"),
        QStringLiteral("el portátil no arranca después de la actualización de windows y muestra "
                       "una pantalla azul con el "
                       "código de error critical process died cada vez que intento iniciar sesión "
                       "con mi usuario") };
    const QString &text = inputs.at(size_t(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(FtsQuery::toFts5(text));
}
BENCHMARK(BM_FtsQueryToFts5)->DenseRange(0, 3);

// All 49 pairs of statuses per iteration.
void BM_TicketLifecycleCanTransition(benchmark::State &state)
{
    constexpr std::array<TicketStatus, 7> all { TicketStatus::New, TicketStatus::Assigned,
        TicketStatus::InProgress, TicketStatus::PendingCustomer, TicketStatus::PendingThirdParty,
        TicketStatus::Resolved, TicketStatus::Closed };
    for (auto _ : state) {
        int allowed = 0;
        for (TicketStatus from : all) {
            for (TicketStatus to : all)
                allowed += TicketLifecycle::canTransition(from, to) ? 1 : 0;
        }
        benchmark::DoNotOptimize(allowed);
    }
    state.SetItemsProcessed(state.iterations() * 49);
}
BENCHMARK(BM_TicketLifecycleCanTransition);

// All 9 cells per iteration.
void BM_PriorityMatrixPriority(benchmark::State &state)
{
    constexpr std::array<Level, 3> levels { Level::High, Level::Medium, Level::Low };
    const PriorityMatrix matrix;
    for (auto _ : state) {
        int sum = 0;
        for (Level impact : levels) {
            for (Level urgency : levels)
                sum += int(matrix.priority(impact, urgency));
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetItemsProcessed(state.iterations() * 9);
}
BENCHMARK(BM_PriorityMatrixPriority);

} // namespace
