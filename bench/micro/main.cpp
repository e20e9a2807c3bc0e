// atiende-micro-bench: Google Benchmark micro-benchmarks of core/ and server/ hot paths.
//
//   atiende-micro-bench                                  # everything
//   atiende-micro-bench --benchmark_filter=TicketStore   # one family
//
// A QCoreApplication exists for the benchmarks that open SQLite through QtSql (its driver is
// a plugin found through the application).

#include "server/auth/passwordhasher.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

int main(int argc, char *argv[])
{
    benchmark::Initialize(&argc, argv); // takes its own --benchmark_* flags out first
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    QCoreApplication app(argc, argv);
    if (!Atiende::Server::PasswordHasher::initialise())
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
