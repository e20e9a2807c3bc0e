// Routing against the target: over 50,000 decisions per second with 200 rules.
//
//   atiende-routing-bench                              # every case
//   atiende-routing-bench --benchmark_filter=Worst     # one case
//
// The rules are a realistic desk's, generated from a fixed seed: most have one to three
// conditions over channel, priority, category and organisation, and a third look for two to
// four keywords (some of them phrases) in Spanish or English. Ticket texts are about 300
// characters of Spanish or English, with accents.
//
// Cases:
// - Worst: the only matching rule is the last of 200, so every rule is tried and the text is
//   folded and cut into words (an earlier keyword rule forces it).
// - NoMatch: the same ticket without the last rule's word: 200 rules tried, default group.
// - Average: a pool of varied tickets, as a desk gets them; most are decided part-way down.
// - Ascii: the worst case with the accents taken out, to show what normalisation costs.

#include "core/routing/routingrules.h"
#include "core/text/fold.h"

#include <benchmark/benchmark.h>

#include <QRandomGenerator>

#include <vector>

using namespace Atiende::Core;

namespace {

constexpr int kRules = 200;
constexpr qint64 kUnusedCategory = 999; // no rule names it
constexpr qint64 kUnusedOrganisation = 99999;

// Words rules look for, and the words tickets are mostly made of (never keywords).
const char *const kKeywords[] = { "impresora", "impresión", "printer", "no imprime", "paper jam",
    "wifi", "vpn", "red", "contraseña", "password", "bloqueado", "locked out", "correo", "outlook",
    "teams", "licencia", "license", "portátil", "laptop", "pantalla", "monitor", "teclado", "ratón",
    "sap", "nómina", "payroll", "acceso", "permisos", "sharepoint", "onedrive", "servidor caído",
    "server down", "backup", "copia de seguridad", "virus", "phishing", "móvil", "teléfono",
    "headset", "docking" };
const char *const kFiller[] = { "hola", "buenos", "días", "desde", "esta", "mañana", "el", "equipo",
    "de", "la", "oficina", "tiene", "problemas", "cuando", "intento", "abrir", "aplicación",
    "aparece", "un", "mensaje", "error", "que", "dice", "algo", "sobre", "configuración", "podéis",
    "revisarlo", "por", "favor", "gracias", "saludos", "hello", "since", "this", "morning", "the",
    "office", "computer", "shows", "an", "message", "when", "try", "to", "open", "application",
    "about", "settings", "could", "you", "please", "check", "it", "thanks", "regards", "urgente",
    "reunión", "cliente", "también", "después", "actualización", "update" };

QString pick(QRandomGenerator &rng, const char *const *words, int count)
{
    return QString::fromUtf8(words[rng.bounded(count)]);
}

// About 300 characters of filler, with `extra` words dropped in at random places.
QString text(QRandomGenerator &rng, const QStringList &extra = {})
{
    QStringList words;
    int length = 0;
    while (length < 300) {
        words << pick(rng, kFiller, int(std::size(kFiller)));
        length += words.last().size() + 1;
    }
    for (const QString &w : extra)
        words.insert(int(rng.bounded(quint32(words.size()))), w);
    return words.join(QLatin1Char(' ')) + QStringLiteral(".");
}

// Every rule but the last names a category, an organisation or keywords, so a ticket with
// an unused category and organisation and no keyword in its text passes all of them.
QList<RoutingRule> desk(QRandomGenerator &rng)
{
    QList<RoutingRule> rules;
    for (int i = 0; i < kRules - 1; ++i) {
        RoutingRule r;
        r.id = i + 1;
        r.name = QStringLiteral("Rule %1").arg(i + 1);
        r.order = (i + 1) * 10;
        r.groupId = 1 + rng.bounded(40);
        const bool keywords = i % 3 == 0;
        if (keywords) {
            const int n = 2 + int(rng.bounded(3));
            for (int k = 0; k < n; ++k)
                r.keywords << pick(rng, kKeywords, int(std::size(kKeywords)));
        } else if (rng.bounded(2)) {
            r.categoryIds << 1 + rng.bounded(80);
            if (rng.bounded(3) == 0)
                r.categoryIds << 1 + rng.bounded(80);
        } else {
            r.organisationIds << 1 + rng.bounded(600);
        }
        // Up to two more conditions.
        const int more = int(rng.bounded(3));
        for (int m = 0; m < more; ++m) {
            if (rng.bounded(2))
                r.channels << Channel(rng.bounded(5));
            else
                r.priorities << Priority(rng.bounded(4));
        }
        rules << r;
    }
    RoutingRule last;
    last.id = kRules;
    last.name = QStringLiteral("Billing");
    last.order = kRules * 10;
    last.keywords = { QStringLiteral("facturación"), QStringLiteral("invoice") };
    last.groupId = 99;
    rules << last;
    return rules;
}

struct Fixture
{
    RoutingTable table;
    RoutingInput worst;
    RoutingInput noMatch;
    RoutingInput ascii;
    std::vector<RoutingInput> pool;

    Fixture()
    {
        QRandomGenerator rng(20260101);
        table = RoutingTable(desk(rng));
        worst.channel = Channel::Email;
        worst.categoryId = kUnusedCategory;
        worst.organisationId = kUnusedOrganisation;
        worst.subject = QStringLiteral("Consulta sobre la facturación de marzo");
        worst.body = text(rng);
        noMatch = worst;
        noMatch.subject = QStringLiteral("Consulta sobre marzo");
        ascii = worst;
        ascii.subject = Text::fold(worst.subject);
        ascii.body = Text::fold(worst.body);
        for (int i = 0; i < 1000; ++i) {
            RoutingInput in;
            in.channel = Channel(rng.bounded(5));
            in.priority = Priority(rng.bounded(4));
            in.categoryId = 1 + rng.bounded(100);
            in.organisationId = 1 + rng.bounded(800);
            QStringList extra;
            if (rng.bounded(2))
                extra << pick(rng, kKeywords, int(std::size(kKeywords)));
            in.subject = text(rng, extra).left(60);
            in.body = text(rng, extra);
            pool.push_back(in);
        }
    }
};

const Fixture &fixture()
{
    static const Fixture f;
    return f;
}

void run(benchmark::State &state, const RoutingInput &in, qint64 expectedGroup)
{
    const RoutingTable &table = fixture().table;
    const auto check = table.route(in);
    if (check.value_or(RoutingDecision {}).groupId != expectedGroup) {
        state.SkipWithError("the fixture does not route as this case assumes");
        return;
    }
    for (auto _ : state)
        benchmark::DoNotOptimize(table.route(in));
    state.counters["decisions/s"]
        = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_RouteWorst(benchmark::State &state)
{
    run(state, fixture().worst, 99);
}
void BM_RouteNoMatch(benchmark::State &state)
{
    run(state, fixture().noMatch, 0);
}
void BM_RouteAscii(benchmark::State &state)
{
    run(state, fixture().ascii, 99);
}

void BM_RouteAverage(benchmark::State &state)
{
    const Fixture &f = fixture();
    size_t i = 0;
    qint64 routed = 0;
    for (auto _ : state) {
        const auto d = f.table.route(f.pool[i]);
        routed += d ? 1 : 0;
        benchmark::DoNotOptimize(d);
        i = (i + 1) % f.pool.size();
    }
    state.counters["decisions/s"]
        = benchmark::Counter(double(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["routed %"] = 100.0 * double(routed)
        / double(std::max<benchmark::IterationCount>(state.iterations(), 1));
}

// What one table build costs (rules saved by an admin, or loaded at start).
void BM_BuildTable(benchmark::State &state)
{
    QRandomGenerator rng(20260101);
    const QList<RoutingRule> rules = desk(rng);
    for (auto _ : state)
        benchmark::DoNotOptimize(RoutingTable(rules));
}

} // namespace

BENCHMARK(BM_RouteWorst);
BENCHMARK(BM_RouteNoMatch);
BENCHMARK(BM_RouteAscii);
BENCHMARK(BM_RouteAverage);
BENCHMARK(BM_BuildTable)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
