// atiende-search-bench: tickets.query's text search on a big desk, server side (issue 11:
// "search across all tickets on a 100,000-ticket desk: p95 under 100 ms server side").
//
// The desk is atiended's own demo data (`DemoData`: a year of bilingual incidents and requests
// with their conversations, 500 customers, 40 organisations) at --tickets tickets, made once in
// --desk DIR and reused by later runs (`atiended demo-data --data DIR --tickets 100000` makes
// the same desk). Each query is TicketStore::query as a reader thread runs
// it for tickets.query (the count and the first page of 50, newest first), on its own
// connection to the file, timed on the wall clock; as an admin (every ticket) and as the demo
// agent (their groups' tickets). Texts are drawn from the desk itself: ticket numbers, single
// words of subjects and conversations (common and rare), two words, a word's first letters,
// customer and organisation names. A timing tool: it prints and never fails.

#include "benchinfo.h"

#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/demo/demodata.h"
#include "server/store/directorystore.h"
#include "server/store/store.h"
#include "server/store/ticketstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <map>
#include <set>

using namespace Atiende;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

bool makeDesk(const QString &path, int tickets, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    Server::PasswordHasher::initialise();
    auto store = Server::Store::open(path, true, error);
    if (!store)
        return false;
    Server::Setup setup(*store);
    if (!setup.init(QStringLiteral("admin"), QStringLiteral("Admin"),
            QStringLiteral("bench-password"), error))
        return false;
    // The same desk as `atiended demo-data --tickets N` makes (seed 2026, its other defaults).
    Server::DemoData::Options options;
    options.tickets = tickets;
    Server::DemoData demo(*store, options);
    if (!demo.generate(error))
        return false;
    out() << demo.summary() << " (made in " << timer.elapsed() / 1000 << " s)" << Qt::endl;
    return true;
}

struct Sample
{
    QString kind;
    QString text;
};

QStringList wordsOf(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("[\\p{L}\\p{N}]{5,}"));
    QStringList words;
    for (auto it = re.globalMatch(text); it.hasNext();)
        words << it.next().captured();
    return words;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("tickets.query text search on a big demo desk, server side."));
    parser.addHelpOption();
    const QCommandLineOption ticketsOpt(QStringLiteral("tickets"),
        QStringLiteral("Tickets on the desk (100000)."), QStringLiteral("n"),
        QStringLiteral("100000"));
    const QCommandLineOption deskOpt(QStringLiteral("desk"),
        QStringLiteral(
            "Folder of the desk, made when empty and reused (a temporary folder when not given)."),
        QStringLiteral("dir"));
    const QCommandLineOption perKindOpt(QStringLiteral("per-kind"),
        QStringLiteral("Texts of each kind (40)."), QStringLiteral("n"), QStringLiteral("40"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"),
        QStringLiteral("Seed of the texts drawn (11)."), QStringLiteral("n"), QStringLiteral("11"));
    parser.addOptions({ ticketsOpt, deskOpt, perKindOpt, seedOpt });
    parser.process(app);
    const int tickets = parser.value(ticketsOpt).toInt();
    const int perKind = parser.value(perKindOpt).toInt();

    QTemporaryDir temp;
    const QString dir = parser.isSet(deskOpt) ? parser.value(deskOpt) : temp.path();
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("atiende.db"));
    QString error;
    if (!QFileInfo::exists(path)) {
        out() << "making a desk of " << tickets << " tickets in " << dir
              << " (once; --desk keeps it for later runs)" << Qt::endl;
        if (!makeDesk(path, tickets, &error)) {
            out() << "could not make the desk: " << error << Qt::endl;
            return 1;
        }
    }
    auto store = Server::Store::open(path, true, &error);
    if (!store) {
        out() << "could not open " << path << ": " << error << Qt::endl;
        return 1;
    }
    const auto adminCreds = store->directory().credentials(QStringLiteral("admin"));
    const auto agentCreds = store->directory().credentials(QStringLiteral("agent"));
    if (!adminCreds || !agentCreds) {
        out() << "the desk has no admin or demo agent" << Qt::endl;
        return 1;
    }
    const Server::Caller admin = store->directory().callerFor(adminCreds->agent);
    const Server::Caller agent = store->directory().callerFor(agentCreds->agent);
    Server::TicketStore &ts = store->tickets();
    Server::TicketFilter all;
    all.limit = 1;
    const int held
        = int(ts.query(admin, all).result.toObject().value(QStringLiteral("total")).toDouble());

    // Texts drawn from the desk: what agents would type.
    QRandomGenerator rng(parser.value(seedOpt).toUInt());
    QList<Sample> samples;
    std::map<QString, int> wordTickets; // a word -> in how many of the drawn tickets it shows
    QStringList drawnWords, drawnPairs;
    std::set<qint64> customers, organisations; // ordered: the same texts in every run
    for (int i = 0; i < perKind * 3; ++i) {
        Server::TicketFilter f;
        f.sort = QStringLiteral("number");
        f.offset = int(rng.bounded(held));
        f.limit = 1;
        const QJsonObject t = ts.query(admin, f)
                                  .result.toObject()
                                  .value(QStringLiteral("tickets"))
                                  .toArray()
                                  .first()
                                  .toObject();
        const qint64 id = qint64(t.value(QStringLiteral("id")).toDouble());
        if (i < perKind)
            samples << Sample { QStringLiteral("number"),
                t.value(QStringLiteral("number")).toString() };
        customers.insert(qint64(t.value(QStringLiteral("customerId")).toDouble()));
        organisations.insert(qint64(t.value(QStringLiteral("organisationId")).toDouble()));
        QStringList words = wordsOf(t.value(QStringLiteral("subject")).toString());
        for (const QJsonValue &a :
            ts.get(admin, id).result.toObject().value(QStringLiteral("articles")).toArray())
            words << wordsOf(a.toObject().value(QStringLiteral("body")).toString());
        if (words.size() < 2)
            continue;
        const int at = int(rng.bounded(int(words.size()) - 1));
        drawnWords << words.at(at);
        drawnPairs << words.at(at) + QLatin1Char(' ') + words.at(at + 1);
    }
    for (int i = 0; i < perKind && i < drawnWords.size(); ++i) {
        samples << Sample { QStringLiteral("one word"), drawnWords.at(i) };
        samples << Sample { QStringLiteral("two words"), drawnPairs.at(i) };
        samples << Sample { QStringLiteral("word prefix"), drawnWords.at(i).left(4) };
    }
    int n = 0;
    for (qint64 c : std::as_const(customers)) {
        if (n++ >= perKind)
            break;
        if (const auto customer = store->directory().customer(c))
            samples << Sample { QStringLiteral("customer name"), customer->name };
    }
    n = 0;
    for (qint64 o : std::as_const(organisations)) {
        if (n++ >= perKind)
            break;
        if (const auto org = store->directory().organisation(o))
            samples << Sample { QStringLiteral("organisation name"), org->name };
    }
    samples << Sample { QStringLiteral("no match"), QStringLiteral("xylofonista") }
            << Sample { QStringLiteral("no match"), QStringLiteral("INC-9999999") };

    out() << "atiende-search-bench: " << held << " tickets on the desk, commit "
          << Bench::sourceCommit() << ", " << Bench::buildType() << " build, load average before "
          << Bench::loadAverage() << Qt::endl;
    out() << "each query: TicketStore::query (tickets.query's count and first page of 50, newest "
             "first); wall clock, and the thread's CPU time;"
          << " matches: the average total" << Qt::endl;

    // One warm-up pass (the page cache, prepared statements), then the timed passes.
    for (const Sample &s : std::as_const(samples)) {
        Server::TicketFilter f;
        f.text = s.text;
        ts.query(admin, f);
    }
    for (const auto &[who, caller] : { std::pair { QStringLiteral("admin (every ticket)"), admin },
             std::pair { QStringLiteral("agent (their groups)"), agent } }) {
        std::map<QString, std::vector<double>> byKind, cpuByKind;
        std::map<QString, std::pair<qint64, qint64>> matches; // kind -> sum of totals, samples
        std::vector<double> every, everyCpu;
        for (int pass = 0; pass < 3; ++pass) {
            for (const Sample &s : std::as_const(samples)) {
                Server::TicketFilter f;
                f.text = s.text;
                QElapsedTimer t;
                const double cpu0 = Bench::threadCpuMs();
                t.start();
                const Server::OpResult r = ts.query(caller, f);
                const double ms = double(t.nsecsElapsed()) / 1e6;
                const double cpu = Bench::threadCpuMs() - cpu0;
                cpuByKind[s.kind].push_back(cpu);
                everyCpu.push_back(cpu);
                if (!r.ok) {
                    out() << "query failed for \"" << s.text << "\": " << r.error.message
                          << Qt::endl;
                    return 1;
                }
                byKind[s.kind].push_back(ms);
                every.push_back(ms);
                if (pass == 0) {
                    matches[s.kind].first
                        += qint64(r.result.toObject().value(QStringLiteral("total")).toDouble());
                    matches[s.kind].second += 1;
                }
            }
        }
        out() << "\n" << who << ":" << Qt::endl;
        out() << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %8")
                     .arg(QStringLiteral("texts"), -20)
                     .arg(QStringLiteral("queries"), 8)
                     .arg(QStringLiteral("matches"), 10)
                     .arg(QStringLiteral("p50 ms"), 8)
                     .arg(QStringLiteral("p95 ms"), 8)
                     .arg(QStringLiteral("max ms"), 8)
                     .arg(QStringLiteral("CPU p50"), 8)
                     .arg(QStringLiteral("CPU p95"), 8)
              << Qt::endl;
        auto row = [](const QString &kind, const std::vector<double> &wall,
                       const std::vector<double> &cpu, const QString &matches) {
            const Bench::Percentiles p = Bench::percentiles(wall);
            const Bench::Percentiles c = Bench::percentiles(cpu);
            out() << QStringLiteral("  %1 %2 %3 %4 %5 %6 %7 %8")
                         .arg(kind, -20)
                         .arg(p.count, 8)
                         .arg(matches, 10)
                         .arg(p.p50, 8, 'f', 2)
                         .arg(p.p95, 8, 'f', 2)
                         .arg(p.max, 8, 'f', 2)
                         .arg(c.p50, 8, 'f', 2)
                         .arg(c.p95, 8, 'f', 2)
                  << Qt::endl;
        };
        for (const auto &[kind, ms] : byKind) {
            const double avgMatches
                = double(matches[kind].first) / double(qMax<qint64>(1, matches[kind].second));
            row(kind, ms, cpuByKind[kind], QString::number(avgMatches, 'f', 0));
        }
        row(QStringLiteral("all"), every, everyCpu, QString());
    }
    out() << "\nload average after " << Bench::loadAverage()
          << " (2 cores; other engineers' builds share them)" << Qt::endl;
    return 0;
}
