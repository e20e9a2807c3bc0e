// atiende-queue-bench: the queue's index alone (models/queue/queueindex.h) at desk scale,
// 100,000 rows by default (--rows=N), without a cache, a model or a view: what the console's
// queue costs before Qt's item views do anything. Each change is made the way QueueModel
// makes it (steps in place, or all at once), without the signals.
//   - load: every row indexed, the view applied and sorted;
//   - a keystroke of "contrasena" typed letter by letter (narrowing), at each length, and
//     the backspace back from it (widening, through remembered results); the whole word;
//   - a sort by each column, both ways (from another order);
//   - a live change: a row far down updated now, moved to the top; one changed in place.
// Google Benchmark: --benchmark_filter=REGEX picks benchmarks.

#include "models/queue/queueindex.h"

#include <QRandomGenerator>
#include <QStringList>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <memory>

using namespace Atiende;
using Models::QueueDirectory;
using Models::QueueIndex;
using Models::QueueView;

namespace {

int g_rows = 100000;
const QString kWord = QStringLiteral("contrasena");
constexpr qint64 kNow = 1'800'000'000'000;

// A desk like the tests' synthetic one (tests/support/syntheticcache.cpp): names with
// accents, subjects in Spanish and English, every status and priority, SLA clocks around now.
struct Desk
{
    QList<Client::QueueRow> rows;
    QueueDirectory directory;
};

Desk makeDesk(int tickets)
{
    static const char *const first[] = { "Ana", "Luis", "María", "José", "Lucía", "Jorge", "Carmen",
        "Íñigo", "Sofía", "Raúl", "Elena", "Tomás", "Paula", "Andrés", "Irene", "Óscar" };
    static const char *const last[]
        = { "Muñoz", "Peña", "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
              "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez" };
    static const char *const orgs[] = { "Ayuntamiento", "Clínica", "Hotel", "Logística", "Farmacia",
        "Colegio", "Bodegas", "Talleres", "Editorial", "Consultoría" };
    static const char *const places[]
        = { "Sevilla", "Bilbao", "Valencia", "Zaragoza", "Málaga", "Córdoba", "León", "Cádiz" };
    static const char *const subjects[] = { "No puedo iniciar sesión: contraseña caducada",
        "VPN se desconecta cada 10 minutos", "La impresora de la 2ª planta no imprime",
        "Outlook does not sync the shared calendar",
        "Solicitud de portátil nuevo para incorporación", "Error 500 al guardar la factura",
        "Wi-Fi slow in meeting room B", "Acceso a la carpeta de Contabilidad",
        "Teams crashes when sharing the screen", "Cambio de extensión telefónica",
        "Password reset for the ERP", "Configuración del correo en el móvil",
        "Monitor flickers after the update", "Alta de usuario en el CRM",
        "Backup job failed last night", "El lector de tarjetas no responde" };
    static const char *const groups[] = { "Service Desk", "Network", "Applications", "Facilities" };
    static const char *const agents[] = { "Agent Demo", "Beatriz Soler", "Carlos Vidal",
        "Diana Prieto", "Eduardo Lara", "Fátima Rey", "Gonzalo Ibáñez", "Helena Costa",
        "Iván Rojas", "Julia Navarro", "Kevin Ortiz", "Laura Campos" };
    Desk desk;
    const int customers = qMax(500, tickets / 10);
    const int organisations = qMax(40, tickets / 250);
    QueueDirectory &d = desk.directory;
    d.me = 1;
    d.myGroups = { 1, 2 };
    for (int g = 1; g <= 4; ++g)
        d.groups.insert(g, QString::fromUtf8(groups[g - 1]));
    for (int a = 1; a <= 12; ++a)
        d.agents.insert(a, QString::fromUtf8(agents[a - 1]));
    for (int o = 1; o <= organisations; ++o)
        d.organisations.insert(o,
            QString::fromUtf8(orgs[o % 10]) + QLatin1Char(' ')
                + QString::fromUtf8(places[(o / 10) % 8])
                + (o > 80 ? QStringLiteral(" %1").arg(o) : QString()));
    for (int c = 1; c <= customers; ++c)
        d.customers.insert(c,
            QString::fromUtf8(first[c % 16]) + QLatin1Char(' ')
                + QString::fromUtf8(last[(c / 16) % 16]));
    QRandomGenerator rng(7);
    desk.rows.reserve(tickets);
    for (int i = 1; i <= tickets; ++i) {
        Client::QueueRow r;
        r.id = i;
        const bool incident = rng.bounded(3) != 0;
        r.type = incident ? Core::TicketType::Incident : Core::TicketType::ServiceRequest;
        r.number = QStringLiteral("%1-%2")
                       .arg(incident ? QStringLiteral("INC") : QStringLiteral("REQ"))
                       .arg(i, 6, 10, QLatin1Char('0'));
        r.subject = QString::fromUtf8(subjects[rng.bounded(16)]) + QStringLiteral(" (%1)").arg(i);
        r.status = Core::TicketStatus(rng.bounded(7));
        r.priority = Core::Priority(rng.bounded(4));
        r.groupId = rng.bounded(4) + 1;
        r.assigneeId = r.status == Core::TicketStatus::New ? 0 : rng.bounded(12) + 1;
        r.customerId = rng.bounded(customers) + 1;
        r.organisationId = r.customerId % organisations + 1;
        r.createdAt = kNow - qint64(rng.bounded(90 * 24 * 3600)) * 1000;
        r.updatedAt = qMin(kNow, r.createdAt + qint64(rng.bounded(5 * 24 * 3600)) * 1000);
        if (r.status != Core::TicketStatus::Resolved && r.status != Core::TicketStatus::Closed) {
            r.slaDueAt = kNow + (qint64(rng.bounded(50 * 60)) - 2 * 60) * 60 * 1000;
            r.slaWarnAt = r.slaDueAt - 2LL * 3600 * 1000;
            r.slaState = kNow >= r.slaDueAt ? Core::SlaTimeline::State::Breached
                : kNow >= r.slaWarnAt       ? Core::SlaTimeline::State::Warning
                                            : Core::SlaTimeline::State::Running;
        }
        desk.rows << r;
    }
    return desk;
}

const Desk &desk()
{
    static const Desk d = makeDesk(g_rows);
    return d;
}

// Makes a change as QueueModel does, minus the signals.
void showAll(QueueIndex &index, QueueIndex::Shown next)
{
    const QueueIndex::Steps steps = index.steps(next);
    if (steps.inPlace) {
        for (auto it = steps.removed.rbegin(); it != steps.removed.rend(); ++it)
            index.removeShown(*it);
        for (const QueueIndex::RowRange &r : steps.inserted)
            index.insertShown(r, next);
    }
    index.show(std::move(next));
}

// A loaded index showing the view "all open", newest first.
std::unique_ptr<QueueIndex> loadedIndex()
{
    auto index = std::make_unique<QueueIndex>();
    showAll(*index, index->setView(QueueView::builtIn(QStringLiteral("all-open")), kNow));
    index->load(desk().rows, desk().directory, kNow);
    return index;
}

void BM_Load(benchmark::State &state)
{
    const Desk &d = desk();
    QueueIndex index;
    showAll(index, index.setView(QueueView::builtIn(QStringLiteral("all-open")), kNow));
    for (auto _ : state)
        index.load(d.rows, d.directory, kNow);
    state.counters["shown"] = index.shownCount();
}

// One keystroke: the word's first `length` letters, typed after the ones before.
void BM_Keystroke(benchmark::State &state)
{
    const int length = int(state.range(0));
    auto index = loadedIndex();
    for (auto _ : state) {
        state.PauseTiming();
        for (int i = 1; i < length; ++i)
            showAll(*index, index->setFilterText(kWord.left(i)));
        state.ResumeTiming();
        showAll(*index, index->setFilterText(kWord.left(length)));
        state.PauseTiming();
        showAll(*index, index->setFilterText(QString()));
        state.ResumeTiming();
    }
    state.counters["shown"] = index->shownCount();
}

// One backspace: from the word's first `length` letters to one fewer, typed before.
void BM_Backspace(benchmark::State &state)
{
    const int length = int(state.range(0));
    auto index = loadedIndex();
    for (auto _ : state) {
        state.PauseTiming();
        for (int i = 1; i <= length; ++i)
            showAll(*index, index->setFilterText(kWord.left(i)));
        state.ResumeTiming();
        showAll(*index, index->setFilterText(kWord.left(length - 1)));
        state.PauseTiming();
        showAll(*index, index->setFilterText(QString()));
        state.ResumeTiming();
    }
    state.counters["shown"] = index->shownCount();
}

// The whole word typed, then deleted, letter by letter (per keystroke).
void BM_TypeAndDeleteWord(benchmark::State &state)
{
    auto index = loadedIndex();
    for (auto _ : state) {
        for (int i = 1; i <= kWord.size(); ++i)
            showAll(*index, index->setFilterText(kWord.left(i)));
        for (int i = int(kWord.size()) - 1; i >= 0; --i)
            showAll(*index, index->setFilterText(kWord.left(i)));
    }
    state.counters["keystroke"] = benchmark::Counter(double(2 * kWord.size()),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// A sort by one column, from the default order (newest first) or, for that column, from
// the other way.
void BM_Sort(benchmark::State &state)
{
    const auto key = QueueIndex::SortKey(state.range(0));
    const Qt::SortOrder order = state.range(1) ? Qt::DescendingOrder : Qt::AscendingOrder;
    auto index = loadedIndex();
    index->rankSubjects(); // as the console does when idle after loading
    for (auto _ : state) {
        state.PauseTiming();
        if (key == QueueIndex::SortKey::Updated)
            index->sort(
                key, order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
        else
            index->sort(QueueIndex::SortKey::Updated, Qt::DescendingOrder);
        state.ResumeTiming();
        index->sort(key, order);
    }
    state.SetLabel(order == Qt::AscendingOrder ? "ascending" : "descending");
}

// A live change: the row at the bottom updated now goes to the top.
void BM_LiveUpsertMoves(benchmark::State &state)
{
    auto index = loadedIndex();
    qint64 clock = kNow;
    for (auto _ : state) {
        Client::QueueRow r = index->shownRow(index->shownCount() - 1);
        r.updatedAt = ++clock;
        const QueueIndex::Placement p = index->upsert(r, kNow);
        index->place(p);
        benchmark::DoNotOptimize(p.to);
    }
}

// A live change that leaves the row where it is (a flag changes).
void BM_LiveUpsertInPlace(benchmark::State &state)
{
    auto index = loadedIndex();
    for (auto _ : state) {
        Client::QueueRow r = index->shownRow(index->shownCount() / 2);
        r.pending = !r.pending;
        const QueueIndex::Placement p = index->upsert(r, kNow);
        index->place(p);
        benchmark::DoNotOptimize(p.to);
    }
}

void registerAll()
{
    benchmark::RegisterBenchmark("load", BM_Load)->Unit(benchmark::kMillisecond);
    for (int i = 1; i <= kWord.size(); ++i)
        benchmark::RegisterBenchmark("keystroke", BM_Keystroke)
            ->Arg(i)
            ->Iterations(40)
            ->Unit(benchmark::kMicrosecond);
    for (int i = int(kWord.size()); i >= 1; --i)
        benchmark::RegisterBenchmark("backspace", BM_Backspace)
            ->Arg(i)
            ->Iterations(40)
            ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("type_and_delete_word", BM_TypeAndDeleteWord)
        ->Unit(benchmark::kMillisecond);
    static const char *const keys[] = { "number", "priority", "status", "subject", "customer",
        "group", "assignee", "sla_due", "updated" };
    for (int k = 0; k < 9; ++k) {
        for (int descending : { 0, 1 })
            benchmark::RegisterBenchmark((std::string("sort/") + keys[k]).c_str(), BM_Sort)
                ->Args({ k, descending })
                ->Iterations(20)
                ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("live_upsert_moves", BM_LiveUpsertMoves)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("live_upsert_in_place", BM_LiveUpsertInPlace)
        ->Unit(benchmark::kMicrosecond);
}

} // namespace

int main(int argc, char **argv)
{
    // --rows=N before Google Benchmark reads the rest.
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--rows=", 7) == 0) {
            g_rows = std::atoi(argv[i] + 7);
            for (int j = i; j + 1 < argc; ++j)
                argv[j] = argv[j + 1];
            --argc;
            break;
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
