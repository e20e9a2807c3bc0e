// The store as atiended's writer and readers use it, on a real SQLite file with the server's
// durability settings (WAL, synchronous=FULL): the per-operation cost that bounds tickets per
// second, and KB search.

#include "benchstore.h"

#include "core/domain/timestamp.h"

#include <QUuid>

#include <benchmark/benchmark.h>

using namespace Atiende;

namespace {

Server::NewTicket newTicket(qint64 n)
{
    Server::NewTicket t;
    t.type = n % 3 == 0 ? Core::TicketType::ServiceRequest : Core::TicketType::Incident;
    t.subject = QStringLiteral("No puedo imprimir en la planta 3 (#%1)").arg(n);
    t.description = QStringLiteral("La impresora de la planta 3 no imprime desde esta mañana; the "
                                   "queue shows the jobs as sent. "
                                   "Ya reinicié el equipo y sigue igual.");
    t.impact = Core::Level::Medium;
    t.urgency = n % 5 == 0 ? Core::Level::High : Core::Level::Medium;
    return t;
}

// One ticket per iteration, committed (one fsync) every state.range(0) tickets: the writer's
// cost per create at that batch size. With state.range(1) each create runs in its own
// savepoint, as StoreWriter runs every job; without, the whole batch is one plain
// transaction. The difference is what the savepoints cost, FTS5 included (it flushes its
// pending index at every savepoint).
void BM_TicketStoreCreate(benchmark::State &state)
{
    Bench::BenchStore db;
    if (!db.isValid())
        return state.SkipWithError(db.error().toStdString().c_str());
    const int batch = int(state.range(0));
    const bool savepoints = state.range(1) != 0;
    Server::Store &store = db.store();
    qint64 n = 0;
    db.begin();
    for (auto _ : state) {
        if (savepoints)
            store.savepoint();
        const Server::OpResult r
            = store.tickets().create(db.admin(), newTicket(++n), Core::Timestamp::now());
        if (!r.ok) {
            state.SkipWithError(r.error.message.toStdString().c_str());
            break;
        }
        if (savepoints)
            store.releaseSavepoint();
        if (n % batch == 0) {
            db.commit();
            db.begin();
        }
    }
    db.commit();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TicketStoreCreate)
    ->ArgNames({ "batch", "savepoint" })
    ->Args({ 1, 1 })
    ->Args({ 100, 1 })
    ->Args({ 100, 0 })
    ->Unit(benchmark::kMicrosecond);

// What the server adds around a create: the opId lookup and record (RpcServer::write).
void BM_TicketStoreCreateWithOpId(benchmark::State &state)
{
    Bench::BenchStore db;
    if (!db.isValid())
        return state.SkipWithError(db.error().toStdString().c_str());
    Server::Store &store = db.store();
    qint64 n = 0;
    db.begin();
    for (auto _ : state) {
        const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        store.savepoint();
        benchmark::DoNotOptimize(store.sync().findOperation(opId));
        const qint64 now = Core::Timestamp::now();
        const Server::OpResult r = store.tickets().create(db.admin(), newTicket(++n), now);
        store.sync().recordOperation(opId, db.admin().agentId, QStringLiteral("tickets.create"),
            { { QStringLiteral("result"), r.result } }, store.sync().revision(), now);
        store.releaseSavepoint();
        if (n % 100 == 0) {
            db.commit();
            db.begin();
        }
    }
    db.commit();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TicketStoreCreateWithOpId)->Unit(benchmark::kMicrosecond);

// tickets.update status new -> in_progress (takes the ticket: assignee, system event,
// visibility change), one per iteration, committed every 100.
void BM_TicketStoreUpdateToInProgress(benchmark::State &state)
{
    Bench::BenchStore db;
    if (!db.isValid())
        return state.SkipWithError(db.error().toStdString().c_str());
    Server::Store &store = db.store();
    const QJsonObject fields { { QStringLiteral("status"), QStringLiteral("in_progress") } };
    qint64 n = 0;
    db.begin();
    for (auto _ : state) {
        state.PauseTiming();
        const Server::OpResult created
            = store.tickets().create(db.admin(), newTicket(++n), Core::Timestamp::now());
        const qint64 id = qint64(created.result.toObject()
                                     .value(QStringLiteral("ticket"))
                                     .toObject()
                                     .value(QStringLiteral("id"))
                                     .toDouble());
        state.ResumeTiming();
        store.savepoint();
        const Server::OpResult r
            = store.tickets().update(db.admin(), id, 1, fields, Core::Timestamp::now());
        if (!r.ok) {
            state.SkipWithError(r.error.message.toStdString().c_str());
            break;
        }
        store.releaseSavepoint();
        if (n % 100 == 0) {
            db.commit();
            db.begin();
        }
    }
    db.commit();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TicketStoreUpdateToInProgress)->Unit(benchmark::kMicrosecond);

// KB search over a few hundred bilingual articles, one query per iteration.
void BM_KbStoreSearch(benchmark::State &state)
{
    static const std::array<QString, 4> queries { QStringLiteral("impresora"),
        QStringLiteral("configuracion vpn"), QStringLiteral("password reset"),
        QStringLiteral("actualiz") };
    Bench::BenchStore db;
    if (!db.isValid())
        return state.SkipWithError(db.error().toStdString().c_str());
    if (!db.addKbArticles(int(state.range(0))))
        return state.SkipWithError("cannot add knowledge-base articles");
    const QString &text = queries.at(size_t(state.range(1)));
    int results = 0;
    for (auto _ : state) {
        const Server::OpResult r = db.store().kb().search(text, false, 0, 20);
        results = int(r.result.toObject().value(QStringLiteral("results")).toArray().size());
        benchmark::DoNotOptimize(r);
    }
    state.counters["results"] = results;
}
BENCHMARK(BM_KbStoreSearch)
    ->ArgsProduct({ { 300 }, { 0, 1, 2, 3 } })
    ->Unit(benchmark::kMicrosecond);

} // namespace
