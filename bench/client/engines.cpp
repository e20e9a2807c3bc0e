// atiende-engines-bench: many consoles' sync engines at once (issue 3: "make the load tool
// drive many client/ engines at once and report the spread of sync.changed latency").
//
// N complete engines (connection, cache file, sync engine) spread over a few threads, all
// logged in as agents of the desk; one driver creates a ticket every few milliseconds; for
// each, the time from the driver's send until the ticket is stored in each engine's cache.
// Reported: the spread over engines (p50, p99, max) and the last engine per ticket. A timing
// tool, not a test.

#include "cache/localcache.h"
#include "connection/connection.h"
#include "connection/tokenstore.h"
#include "rpc/rpcconnection.h"
#include "sync/syncengine.h"

#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/platform/resourcelimits.h"
#include "server/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <memory>
#include <vector>

using namespace Atiende;

namespace {

QElapsedTimer g_clock; // one clock for every thread: nanoseconds since start

struct Arrivals
{
    QMutex mutex;
    QHash<QString, QList<qint64>> bySubject; // subject -> arrival times (ns)
    void add(const QString &subject, qint64 ns)
    {
        QMutexLocker lock(&mutex);
        bySubject[subject].append(ns);
    }
};

// A thread with its own event loop that owns some engines, built inside the thread so their
// cache connections and sockets belong to it.
class EngineThread : public QThread
{
public:
    EngineThread(QUrl url, QString dir, int first, int count, Arrivals *arrivals)
        : m_url(std::move(url))
        , m_dir(std::move(dir))
        , m_first(first)
        , m_count(count)
        , m_arrivals(arrivals)
    {
    }
    std::atomic<int> online { 0 };

protected:
    void run() override
    {
        struct Engine
        {
            std::unique_ptr<Client::TokenStore> tokens;
            std::unique_ptr<Client::LocalCache> cache;
            std::unique_ptr<Client::Connection> connection;
            std::unique_ptr<Client::SyncEngine> engine;
            bool counted = false;
        };
        std::vector<std::unique_ptr<Engine>> engines;
        for (int i = m_first; i < m_first + m_count; ++i) {
            auto e = std::make_unique<Engine>();
            const QString dir = QStringLiteral("%1/console-%2").arg(m_dir).arg(i);
            QDir().mkpath(dir);
            QString error;
            Client::LocalCache::OpenReport report;
            e->tokens = Client::TokenStore::file(dir);
            e->cache = Client::LocalCache::open(dir + QStringLiteral("/cache.db"), &report, &error);
            const QString user = QStringLiteral("bench%1").arg(i % 20);
            e->connection = std::make_unique<Client::Connection>(m_url, user, e->tokens.get());
            e->connection->setPassword(QStringLiteral("bench-pw"));
            e->connection->setBackoff(200, 2000);
            e->engine = std::make_unique<Client::SyncEngine>(e->cache.get(), e->connection.get());
            Engine *raw = e.get();
            QObject::connect(e->engine.get(), &Client::SyncEngine::stateChanged, e->engine.get(),
                [this, raw](Client::SyncEngine::State s) {
                    if (s == Client::SyncEngine::State::Online && !raw->counted) {
                        raw->counted = true;
                        ++online;
                    }
                });
            QObject::connect(e->engine.get(), &Client::SyncEngine::cacheChanged, e->engine.get(),
                [this, raw](const Client::CacheDelta &d) {
                    const qint64 now = g_clock.nsecsElapsed();
                    for (qint64 id : d.tickets) {
                        if (const auto t = raw->cache->ticket(id)) {
                            const QString subject = t->value(QStringLiteral("subject")).toString();
                            if (subject.startsWith(QLatin1String("probe ")))
                                m_arrivals->add(subject, now);
                        }
                    }
                });
            // Stagger the log-ins a little, as consoles starting in the morning would.
            QTimer::singleShot(
                (i - m_first) * 3, e->connection.get(), [c = e->connection.get()] { c->start(); });
            engines.push_back(std::move(e));
        }
        exec();
        for (auto &e : engines)
            e->connection->stop();
    }

private:
    QUrl m_url;
    QString m_dir;
    int m_first, m_count;
    Arrivals *m_arrivals;
};

double percentile(QList<qint64> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(qMin(int(v.size()) - 1, int(p * (v.size() - 1) + 0.5))) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    g_clock.start();
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption enginesOpt(QStringLiteral("engines"), QStringLiteral("Sync engines."),
        QStringLiteral("n"), QStringLiteral("500"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"),
        QStringLiteral("Threads for the engines."), QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption probesOpt(QStringLiteral("probes"),
        QStringLiteral("Tickets the driver creates."), QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption intervalOpt(QStringLiteral("interval"),
        QStringLiteral("ms between them."), QStringLiteral("ms"), QStringLiteral("50"));
    const QCommandLineOption serverOpt(QStringLiteral("server"), QStringLiteral("atiended binary."),
        QStringLiteral("path"), QStringLiteral(ATIENDED_PATH));
    parser.addOptions({ enginesOpt, threadsOpt, probesOpt, intervalOpt, serverOpt });
    parser.process(app);
    const int engines = parser.value(enginesOpt).toInt();
    const int threads = qMax(1, parser.value(threadsOpt).toInt());
    const int probes = parser.value(probesOpt).toInt();
    Server::ResourceLimits::raiseOpenFiles(65536);
    QTextStream out(stdout);

    // A desk: 20 agents in one group, so every engine sees every probe.
    QTemporaryDir tmp;
    {
        Server::PasswordHasher::initialise();
        QString error;
        auto store = Server::Store::open(tmp.filePath(QStringLiteral("atiende.db")), true, &error);
        Server::Setup setup(*store);
        if (!store
            || !setup.init(QStringLiteral("admin"), QStringLiteral("Admin"),
                QStringLiteral("bench-pw"), &error)) {
            out << "setup failed: " << error << Qt::endl;
            return 1;
        }
        store->sync().loadRevision();
        store->begin();
        for (int i = 0; i < 20; ++i) {
            Core::Agent a;
            a.login = QStringLiteral("bench%1").arg(i);
            a.name = a.login;
            a.groupIds = { 1 };
            setup.addAgent(a, QStringLiteral("bench-pw"), &error);
        }
        store->sync().saveRevision();
        store->commit();
    }
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(parser.value(serverOpt),
        { QStringLiteral("--data"), tmp.path(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0") });
    QUrl url;
    {
        QString log;
        static const QRegularExpression re(QStringLiteral("listening on (ws://\\S+)"));
        QElapsedTimer wait;
        wait.start();
        while (url.isEmpty() && wait.elapsed() < 20000 && server.waitForReadyRead(200) | true) {
            log += QString::fromUtf8(server.readAll());
            const auto m = re.match(log);
            if (m.hasMatch())
                url = QUrl(m.captured(1));
        }
    }
    if (url.isEmpty()) {
        out << "atiended did not start" << Qt::endl;
        return 1;
    }

    Arrivals arrivals;
    std::vector<std::unique_ptr<EngineThread>> pool;
    const int per = (engines + threads - 1) / threads;
    for (int t = 0, first = 0; t < threads && first < engines; ++t, first += per) {
        pool.push_back(std::make_unique<EngineThread>(url, tmp.filePath(QStringLiteral("consoles")),
            first, qMin(per, engines - first), &arrivals));
        pool.back()->start();
    }
    QElapsedTimer started;
    started.start();
    auto online = [&] {
        int n = 0;
        for (auto &t : pool)
            n += t->online;
        return n;
    };
    while (online() < engines && started.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
    out << QStringLiteral("%1 of %2 engines online and caught up after %3 s")
               .arg(online())
               .arg(engines)
               .arg(started.elapsed() / 1000.0)
        << Qt::endl;

    // The driver: a plain connection creating a ticket every interval.
    Client::RpcConnection driver;
    QEventLoop loop;
    QObject::connect(&driver, &Client::RpcConnection::opened, &loop, &QEventLoop::quit);
    driver.open(url);
    loop.exec();
    driver.call(QStringLiteral("hello"), { { QStringLiteral("protocol"), 1 } });
    bool in = false;
    driver.call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), QStringLiteral("admin") },
            { QStringLiteral("password"), QStringLiteral("bench-pw") } },
        [&](const Client::RpcReply &r) {
            in = r.ok;
            loop.quit();
        });
    loop.exec();
    QHash<QString, qint64> sent;
    int n = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (n >= probes) {
            tick.stop();
            QTimer::singleShot(3000, &loop, &QEventLoop::quit); // the last arrivals
            return;
        }
        const QString subject = QStringLiteral("probe %1").arg(n++);
        sent.insert(subject, g_clock.nsecsElapsed());
        driver.call(QStringLiteral("tickets.create"),
            { { QStringLiteral("type"), QStringLiteral("incident") },
                { QStringLiteral("subject"), subject } });
    });
    tick.start(parser.value(intervalOpt).toInt());
    loop.exec();

    QList<qint64> all, last;
    int complete = 0;
    {
        QMutexLocker lock(&arrivals.mutex);
        for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
            const QList<qint64> times = arrivals.bySubject.value(it.key());
            for (qint64 t : times)
                all << t - it.value();
            if (times.size() >= online()) {
                ++complete;
                last << *std::max_element(times.begin(), times.end()) - it.value();
            }
        }
    }
    out << QStringLiteral("%1 tickets, %2 engines: stored in every engine for %3 of them")
               .arg(sent.size())
               .arg(online())
               .arg(complete)
        << Qt::endl;
    out << QStringLiteral(
        "send -> stored in a cache, over all engines: p50 %1 ms, p99 %2 ms, max %3 ms")
               .arg(percentile(all, 0.5), 0, 'f', 1)
               .arg(percentile(all, 0.99), 0, 'f', 1)
               .arg(percentile(all, 1.0), 0, 'f', 1)
        << Qt::endl;
    out << QStringLiteral("send -> stored in the last engine: p50 %1 ms, p99 %2 ms, max %3 ms")
               .arg(percentile(last, 0.5), 0, 'f', 1)
               .arg(percentile(last, 0.99), 0, 'f', 1)
               .arg(percentile(last, 1.0), 0, 'f', 1)
        << Qt::endl;
    for (auto &t : pool) {
        t->quit();
        t->wait();
    }
    server.terminate();
    server.waitForFinished(10000);
    return in ? 0 : 1;
}
