// atiende-client-bench: the console's sync engine and cache at desk scale, against a real
// atiended on loopback. Figures for docs/performance.md (issue 3):
//   - first snapshot of N tickets into an empty cache;
//   - cold open of that cache until the first queue page is answerable, next to a bare
//     SQLite read of the same rows, in the same run;
//   - catch-up of K changes made while the console was closed;
//   - outbox replay of E edits made offline.
// A timing tool, not a test: it prints figures and never fails on them.

#include "cache/localcache.h"
#include "connection/connection.h"
#include "connection/tokenstore.h"
#include "sync/syncengine.h"

#include "server/admin/setup.h"
#include "server/auth/passwordhasher.h"
#include "server/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>

using namespace Atiende;

namespace {

QTextStream out(stdout);

void figure(const QString &name, double value, const QString &unit, const QString &note = QString())
{
    out << QStringLiteral("%1: %2 %3")
               .arg(name, -46)
               .arg(value, 0, 'f', unit == QLatin1String("s") ? 3 : 1)
               .arg(unit);
    if (!note.isEmpty())
        out << "   (" << note << ")";
    out << Qt::endl;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// A desk of N tickets (each with its description), written straight into the server's
// store through the real ticket rules, in large transactions.
bool seed(const QString &dir, int tickets, QString *error)
{
    Server::PasswordHasher::initialise();
    auto store = Server::Store::open(dir + QStringLiteral("/atiende.db"), true, error);
    if (!store)
        return false;
    Server::Setup setup(*store);
    if (!setup.init(QStringLiteral("admin"), QStringLiteral("Bench Admin"),
            QStringLiteral("bench-admin"), error))
        return false;
    auto admin = store->directory().credentials(QStringLiteral("admin"));
    const Server::Caller caller = store->directory().callerFor(admin->agent);
    QList<Server::Change> changes;
    store->sync().loadRevision();
    store->begin();
    QList<qint64> customers;
    for (int i = 0; i < 200; ++i) {
        customers << store->directory().createCustomer(
            Core::Customer { 0, QStringLiteral("Cliente %1").arg(i),
                QStringLiteral("c%1@example.com").arg(i), QString(), 0, QStringLiteral("es"), 0 },
            &changes);
    }
    store->sync().saveRevision();
    store->commit();
    const qint64 start = QDateTime::currentMSecsSinceEpoch() - qint64(tickets) * 60000;
    for (int done = 0; done < tickets;) {
        store->sync().loadRevision();
        store->begin();
        const int batch = qMin(5000, tickets - done);
        for (int i = 0; i < batch; ++i, ++done) {
            Server::NewTicket n;
            n.type = done % 3 ? Core::TicketType::Incident : Core::TicketType::ServiceRequest;
            n.subject = QStringLiteral("Incidencia %1: la impresora de la planta %2 no imprime")
                            .arg(done)
                            .arg(done % 7);
            n.description = QStringLiteral(
                "Desde esta mañana la impresora muestra un error de papel. Ticket de carga %1.")
                                .arg(done);
            n.impact = Core::Level(done % 3);
            n.urgency = Core::Level((done / 3) % 3);
            n.customerId = customers.at(done % customers.size());
            const Server::OpResult r
                = store->tickets().create(caller, n, start + qint64(done) * 60000);
            if (!r.ok) {
                *error = r.error.message;
                return false;
            }
        }
        store->sync().saveRevision();
        if (!store->commit()) {
            *error = store->sql().lastError();
            return false;
        }
    }
    return true;
}

struct Server_
{
    QProcess process;
    QUrl url;
    bool start(const QString &bin, const QString &dir)
    {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(bin,
            { QStringLiteral("serve"), QStringLiteral("--data"), dir, QStringLiteral("--listen"),
                QStringLiteral("127.0.0.1:0") });
        QString log;
        static const QRegularExpression re(QStringLiteral("listening on (ws://\\S+)"));
        QDeadlineTimer d(20000);
        while (!d.hasExpired()
            && process.waitForReadyRead(200) | (process.state() == QProcess::Running)) {
            log += QString::fromUtf8(process.readAll());
            const auto m = re.match(log);
            if (m.hasMatch()) {
                url = QUrl(m.captured(1));
                return true;
            }
        }
        return false;
    }
    ~Server_()
    {
        process.terminate();
        if (!process.waitForFinished(10000))
            process.kill();
    }
};

// One console: cache, connection, engine.
struct Console
{
    std::unique_ptr<Client::TokenStore> tokens;
    std::unique_ptr<Client::LocalCache> cache;
    std::unique_ptr<Client::Connection> connection;
    std::unique_ptr<Client::SyncEngine> engine;
    Console(const QString &dir, const QUrl &url)
    {
        tokens = Client::TokenStore::file(dir);
        Client::LocalCache::OpenReport report;
        QString error;
        cache = Client::LocalCache::open(dir + QStringLiteral("/cache.db"), &report, &error);
        connection
            = std::make_unique<Client::Connection>(url, QStringLiteral("admin"), tokens.get());
        connection->setPassword(QStringLiteral("bench-admin"));
        engine = std::make_unique<Client::SyncEngine>(cache.get(), connection.get());
    }
    // Starts and waits, in a plain event loop as the console's would, until caught up with an
    // empty outbox; returns seconds, -1 on timeout.
    double runUntilCaughtUp(int timeoutMs = 600000)
    {
        QElapsedTimer t;
        t.start();
        QEventLoop loop;
        auto check = [&] {
            if (engine->state() == Client::SyncEngine::State::Online && engine->outboxSize() == 0)
                loop.quit();
        };
        QObject::connect(engine.get(), &Client::SyncEngine::caughtUp, &loop, check);
        QObject::connect(engine.get(), &Client::SyncEngine::outboxSizeChanged, &loop, check);
        QTimer::singleShot(timeoutMs, &loop, [&] { loop.exit(1); });
        connection->start();
        return loop.exec() == 0 ? t.nsecsElapsed() / 1e9 : -1;
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sync engine and cache figures at desk scale."));
    parser.addHelpOption();
    const QCommandLineOption ticketsOpt(QStringLiteral("tickets"),
        QStringLiteral("Tickets on the server."), QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption changesOpt(QStringLiteral("changes"),
        QStringLiteral("Changes to catch up."), QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption editsOpt(QStringLiteral("edits"),
        QStringLiteral("Offline edits to replay."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption serverOpt(QStringLiteral("server"), QStringLiteral("atiended binary."),
        QStringLiteral("path"), QStringLiteral(ATIENDED_PATH));
    const QCommandLineOption keepOpt(QStringLiteral("data"),
        QStringLiteral("Reuse/keep the seeded server data here."), QStringLiteral("dir"));
    parser.addOptions({ ticketsOpt, changesOpt, editsOpt, serverOpt, keepOpt });
    parser.process(app);
    const int tickets = parser.value(ticketsOpt).toInt();
    const int changes = parser.value(changesOpt).toInt();
    const int edits = parser.value(editsOpt).toInt();

    QTemporaryDir tmp;
    const QString serverDir
        = parser.isSet(keepOpt) ? parser.value(keepOpt) : tmp.filePath(QStringLiteral("server"));
    QDir().mkpath(serverDir);
    QString error;
    QElapsedTimer t;
    if (!QFile::exists(serverDir + QStringLiteral("/atiende.db"))) {
        t.start();
        if (!seed(serverDir, tickets, &error)) {
            out << "seeding failed: " << error << Qt::endl;
            return 1;
        }
        figure(QStringLiteral("seed (not a target)"), t.nsecsElapsed() / 1e9, QStringLiteral("s"),
            QStringLiteral("%1 tickets through the store's rules").arg(tickets));
    }
    Server_ server;
    if (!server.start(parser.value(serverOpt), serverDir)) {
        out << "atiended did not start" << Qt::endl;
        return 1;
    }
    const QString consoleDir = tmp.filePath(QStringLiteral("console"));
    QDir().mkpath(consoleDir);

    // 1. First snapshot.
    {
        Console c(consoleDir, server.url);
        const double s = c.runUntilCaughtUp();
        figure(QStringLiteral("first snapshot"), s, QStringLiteral("s"),
            QStringLiteral("%1 tickets, %2 articles, target < 10 s")
                .arg(c.cache->count(QStringLiteral("tickets")))
                .arg(c.cache->count(QStringLiteral("articles"))));
        c.connection->stop();
    }

    // 2. Cold open until the first queue page, next to a bare read of the same rows.
    {
        QList<double> opens, pages, loadAll, bare;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer o;
            o.start();
            Client::LocalCache::OpenReport report;
            auto cache = Client::LocalCache::open(
                consoleDir + QStringLiteral("/cache.db"), &report, &error);
            Client::LocalCache::Query q;
            q.openOnly = true;
            const QJsonArray page = cache->tickets(q);
            pages << o.nsecsElapsed() / 1e9;
            Client::LocalCache::Query all;
            all.limit = 10000000;
            QElapsedTimer a;
            a.start();
            const QJsonArray everything = cache->tickets(all);
            loadAll << a.nsecsElapsed() / 1e9;
            opens << double(everything.size() + page.size() * 0);
            cache.reset();

            QElapsedTimer b;
            b.start();
            {
                QSqlDatabase db
                    = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bare"));
                db.setDatabaseName(consoleDir + QStringLiteral("/cache.db"));
                db.open();
                QSqlQuery q(db);
                q.setForwardOnly(true);
                q.exec(QStringLiteral("SELECT id, number, subject, status, priority, group_id, "
                                      "assignee_id, customer_id, updated_at, json FROM tickets"));
                qint64 sum = 0;
                while (q.next())
                    sum += q.value(0).toLongLong() + q.value(9).toString().size();
                Q_UNUSED(sum)
                db.close();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("bare"));
            bare << b.nsecsElapsed() / 1e9;
        }
        figure(QStringLiteral("cold open until the first queue page"), median(pages),
            QStringLiteral("s"), QStringLiteral("median of 5; process-cold, OS cache warm"));
        figure(QStringLiteral("bare SQLite read of all ticket rows"), median(bare),
            QStringLiteral("s"), QStringLiteral("the same file, median of 5"));
        figure(QStringLiteral("ratio open+first page / bare read"), median(pages) / median(bare),
            QStringLiteral("x"), QStringLiteral("target <= 2x"));
        figure(QStringLiteral("load every cached ticket as JSON (model food)"), median(loadAll),
            QStringLiteral("s"), QStringLiteral("%1 tickets").arg(opens.first()));
    }

    // 3. Catch-up of K changes made while the console was closed.
    {
        QWebSocket ws;
        QEventLoop loop;
        QObject::connect(&ws, &QWebSocket::connected, &loop, &QEventLoop::quit);
        ws.open(server.url);
        loop.exec();
        int answered = 0;
        QString token;
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &loop, [&](const QString &m) {
            if (m.contains(QLatin1String("\"id\":")) && !m.contains(QLatin1String("sync.changed")))
                ++answered;
            if (answered >= changes + 2)
                loop.quit();
        });
        auto send = [&](int id, const QString &method, const QJsonObject &params) {
            ws.sendTextMessage(QString::fromUtf8(QJsonDocument(
                QJsonObject { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                    { QStringLiteral("id"), id }, { QStringLiteral("method"), method },
                    { QStringLiteral("params"),
                        params } }).toJson(QJsonDocument::Compact)));
        };
        send(1, QStringLiteral("hello"), { { QStringLiteral("protocol"), 1 } });
        send(2, QStringLiteral("auth.login"),
            { { QStringLiteral("user"), QStringLiteral("admin") },
                { QStringLiteral("password"), QStringLiteral("bench-admin") } });
        QTimer::singleShot(1000, &loop, [&] {
            // Pipelined, a window at a time so the server's back-pressure is never hit.
            for (int i = 0; i < changes; ++i) {
                const qint64 id = 1 + (qint64(i) * 7919) % tickets;
                send(10 + i, QStringLiteral("tickets.addArticle"),
                    { { QStringLiteral("ticketId"), double(id) },
                        { QStringLiteral("kind"), QStringLiteral("note") },
                        { QStringLiteral("body"), QStringLiteral("nota de carga %1").arg(i) } });
                if (i % 1000 == 999) {
                    while (answered < i - 500)
                        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
                }
            }
        });
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);
        loop.exec();
        ws.close();
        Console c(consoleDir, server.url);
        const double s = c.runUntilCaughtUp();
        figure(QStringLiteral("catch-up"), s, QStringLiteral("s"),
            QStringLiteral("%1 notes added while closed, target < 2 s").arg(changes));
        c.connection->stop();
    }

    // 4. Outbox replay of E edits made offline.
    {
        Console c(consoleDir, server.url);
        for (int i = 0; i < edits; ++i)
            c.engine->updateTicket(1 + (qint64(i) * 104729) % tickets,
                { { QStringLiteral("subject"), QStringLiteral("renamed offline %1").arg(i) } });
        const double s = c.runUntilCaughtUp();
        figure(QStringLiteral("outbox replay"), s, QStringLiteral("s"),
            QStringLiteral("%1 edits, then the catch-up, target < 2 s").arg(edits));
    }
    return 0;
}
