// atiende-sla-restart-bench: the SLA engine's whole restart at a million open tickets —
// reading every open ticket's stored wake-up instants from the store and building the
// schedule — with the process's memory. A timing tool, not a test.

#include "server/sla/slaclock.h"
#include "server/sla/slaengine.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Atiende;

namespace {
double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption ticketsOpt(QStringLiteral("tickets"), QStringLiteral("Open tickets."),
        QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption dataOpt(QStringLiteral("data"),
        QStringLiteral("Keep/reuse the database here."), QStringLiteral("dir"));
    parser.addOptions({ ticketsOpt, dataOpt });
    parser.process(app);
    const int tickets = parser.value(ticketsOpt).toInt();
    QTextStream out(stdout);
    QTemporaryDir tmp;
    const QString dir = parser.isSet(dataOpt) ? parser.value(dataOpt) : tmp.path();
    const QString path = dir + QStringLiteral("/atiende.db");
    QString error;

    if (!QFile::exists(path)) {
        // Open tickets with running clocks, written straight into the table: this measures
        // the restart, not ticket creation.
        auto store = Server::Store::open(path, true, &error);
        if (!store) {
            out << error << Qt::endl;
            return 1;
        }
        QElapsedTimer seed;
        seed.start();
        store->sql().exec(QStringLiteral("INSERT INTO groups_ (name) VALUES ('Service Desk')"));
        store->begin();
        const qint64 base = 1795000000000;
        for (int i = 1; i <= tickets; ++i) {
            const qint64 at = base + qint64(i) * 1000;
            store->sql().exec(QStringLiteral("INSERT INTO tickets (number, type, subject, status, "
                                             "impact, urgency, priority, channel, group_id, "
                                             "created_at, updated_at, sla, sla_fr_warn_at, "
                                             "sla_fr_due_at, sla_res_warn_at, sla_res_due_at) "
                                             "VALUES (?, 'incident', 's', 'in_progress', 'medium', "
                                             "'medium', 'P3', 'email', 1, ?, ?, '{}', ?, ?, ?, ?)"),
                { QStringLiteral("INC-%1").arg(i), at, at, i % 3 ? 0 : at + 3600000,
                    i % 3 ? 0 : at + 4800000, at + 86400000, at + 115200000 });
        }
        store->commit();
        out << "seeded " << tickets << " open tickets in " << seed.elapsed() / 1000.0
            << " s (not a target)" << Qt::endl;
    }

    const double before = rssMiB();
    QElapsedTimer t;
    t.start();
    auto store = Server::Store::open(path, false, &error);
    if (!store) {
        out << error << Qt::endl;
        return 1;
    }
    const qint64 opened = t.elapsed();
    const QList<Server::TicketStore::SlaWake> wakeups = store->tickets().slaWakeups();
    const qint64 read = t.elapsed();
    Server::SystemClock clock;
    Server::SlaEngine engine(&clock, [](Server::WriteJob) {});
    engine.build(wakeups);
    const qint64 built = t.elapsed();
    out << "open tickets:                   " << wakeups.size() << Qt::endl;
    out << "SLA instants scheduled:         " << engine.schedule().size() << Qt::endl;
    out << "open the store:                 " << opened << " ms" << Qt::endl;
    out << "read every wake-up instant:     " << read - opened << " ms" << Qt::endl;
    out << "build the schedule:             " << built - read << " ms" << Qt::endl;
    out << "restart, all of it:             " << built << " ms   (target < 3000 ms)" << Qt::endl;
    out << "schedule memory (its own count): " << engine.schedule().memoryBytes() / 1048576.0
        << " MiB" << Qt::endl;
    out << "process RSS growth:             " << rssMiB() - before
        << " MiB   (target < 200 MB; includes the wake-up list read from the store)" << Qt::endl;
    return 0;
}
