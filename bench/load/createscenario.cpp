#include "createscenario.h"

#include "benchclock.h"
#include "cpuwatch.h"
#include "latencyrecorder.h"
#include "servertarget.h"
#include "sessionpool.h"

#include <QJsonArray>
#include <QMap>
#include <QTextStream>
#include <QUuid>

#include <atomic>

namespace Atiende::Bench {

namespace {

// Shared between the main thread and the client threads.
struct Window
{
    std::atomic<bool> stopping { false };
    std::atomic<int> outstanding { 0 };
    qint64 startNs = 0; // set before the start is posted, read-only afterwards
    qint64 endNs = 0;
};

// The figures of one session, read by the main thread once the session is idle.
struct SessionFigures
{
    LatencyRecorder all;
    LatencyRecorder creates;
    LatencyRecorder updates;
    qint64 created = 0;
    qint64 updated = 0;
    qint64 notifications = 0;
    qint64 changes = 0;
    QMap<int, int> errors; // error code -> count
    QString firstError;
};

// Drives one session: W slots, each doing create, then update of what it created, and again.
class CreateDriver
{
public:
    CreateDriver(
        LoadSession *session, int index, int inFlight, int descriptionChars, Window *window)
        : m_session(session)
        , m_index(index)
        , m_inFlight(inFlight)
        , m_window(window)
    {
        const QString sentence
            = QStringLiteral("La impresora de la planta 3 no imprime desde esta mañana; "
                             "the queue shows the jobs as sent. ");
        while (m_description.size() < descriptionChars)
            m_description += sentence;
        m_description.truncate(descriptionChars);
        QObject::connect(session, &LoadSession::notificationReceived, session,
            [this](const QString &method, const QJsonObject &params) {
                if (method != QLatin1String("sync.changed") || !inWindow(BenchClock::nowNs()))
                    return;
                ++m_figures.notifications;
                m_figures.changes += params.value(QStringLiteral("changes")).toArray().size();
            });
    }

    void start()
    {
        for (int i = 0; i < m_inFlight; ++i)
            create();
    }

    const SessionFigures &figures() const { return m_figures; }

private:
    bool inWindow(qint64 ns) const { return ns >= m_window->startNs && ns <= m_window->endNs; }

    void create()
    {
        if (m_window->stopping.load(std::memory_order_relaxed))
            return;
        const qint64 n = ++m_serial;
        const QJsonObject params { { QStringLiteral("type"),
                                       n % 3 == 0 ? QStringLiteral("service_request")
                                                  : QStringLiteral("incident") },
            { QStringLiteral("subject"),
                QStringLiteral("Carga s%1 #%2: no puedo imprimir").arg(m_index).arg(n) },
            { QStringLiteral("description"), m_description },
            { QStringLiteral("impact"), n % 2 ? QStringLiteral("medium") : QStringLiteral("low") },
            { QStringLiteral("urgency"),
                n % 5 ? QStringLiteral("medium") : QStringLiteral("high") },
            { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } };
        send(QStringLiteral("tickets.create"), params, true);
    }

    void update(qint64 id, int version)
    {
        if (m_window->stopping.load(std::memory_order_relaxed))
            return;
        const QJsonObject params { { QStringLiteral("id"), double(id) },
            { QStringLiteral("baseVersion"), version },
            { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
            { QStringLiteral("fields"),
                QJsonObject { { QStringLiteral("status"), QStringLiteral("in_progress") } } } };
        send(QStringLiteral("tickets.update"), params, false);
    }

    void send(const QString &method, const QJsonObject &params, bool isCreate)
    {
        m_window->outstanding.fetch_add(1);
        const qint64 sentNs = BenchClock::nowNs();
        m_session->rpc().call(method, params, [this, sentNs, isCreate](const Client::RpcReply &r) {
            const qint64 now = BenchClock::nowNs();
            const bool counted = inWindow(now) && sentNs >= m_window->startNs;
            if (counted) {
                m_figures.all.add(now - sentNs);
                (isCreate ? m_figures.creates : m_figures.updates).add(now - sentNs);
            }
            if (!r.ok) {
                if (counted) {
                    m_figures.errors[int(r.error.code)] += 1;
                    if (m_figures.firstError.isEmpty())
                        m_figures.firstError = r.error.message;
                }
                m_window->outstanding.fetch_sub(1);
                create(); // keep the slot busy
                return;
            }
            const QJsonObject ticket = r.object().value(QStringLiteral("ticket")).toObject();
            if (isCreate) {
                if (counted)
                    ++m_figures.created;
                update(qint64(ticket.value(QStringLiteral("id")).toDouble()),
                    ticket.value(QStringLiteral("version")).toInt());
            } else {
                if (counted)
                    ++m_figures.updated;
                create();
            }
            m_window->outstanding.fetch_sub(1);
        });
    }

    LoadSession *m_session;
    int m_index;
    int m_inFlight;
    Window *m_window;
    QString m_description;
    qint64 m_serial = 0;
    SessionFigures m_figures;
};

} // namespace

CreateScenario::CreateScenario(ScenarioContext &context, int inFlight)
    : m_context(context)
    , m_inFlight(inFlight)
{
}

bool CreateScenario::run()
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("create w=%1").arg(m_inFlight);
    m_context.out << Qt::endl
                  << "== " << name << ": " << o.createSessions << " sessions, " << m_inFlight
                  << " requests in flight each, " << o.createSeconds << " s" << Qt::endl;

    ServerTarget server(o);
    QString error;
    if (!server.start(&error)) {
        report.fail(name, error);
        return false;
    }
    SessionPool<LoadSession> pool(m_context.threads);
    const QUrl url = server.url();
    const QString token = server.token();
    if (!pool.open(
            o.createSessions,
            [url, token](int) {
                return new LoadSession(url, { token, {}, {} });
            },
            30000, &error)) {
        report.fail(name, error);
        return false;
    }

    Window window;
    std::vector<std::unique_ptr<CreateDriver>> drivers(size_t(o.createSessions));
    // Drivers are made on the sessions' threads; session i is the i-th of thread i % T.
    pool.run([&](int thread, const QList<LoadSession *> &sessions) {
        for (int k = 0; k < sessions.size(); ++k) {
            const int i = thread + k * m_context.threads.count();
            drivers[size_t(i)] = std::make_unique<CreateDriver>(
                sessions.at(k), i, m_inFlight, o.descriptionChars, &window);
        }
    });

    CpuWatch cpu(server.pid());
    cpu.start();
    window.startNs = BenchClock::nowNs();
    window.endNs = window.startNs + qint64(o.createSeconds * 1e9);
    for (int i = 0; i < o.createSessions; ++i) {
        CreateDriver *d = drivers[size_t(i)].get();
        m_context.threads.post(m_context.threads.threadFor(i), [d] { d->start(); });
    }
    EventWait::until(
        [&] { return BenchClock::nowNs() >= window.endNs; }, int(o.createSeconds * 1000) + 1000);
    window.stopping.store(true);
    cpu.stop();
    const bool drained = EventWait::until([&] { return window.outstanding.load() == 0; }, 15000);

    // The drivers are idle now (or their sessions are about to be closed): read their figures
    // on their own threads.
    SessionFigures total;
    qint64 sessionsWithFigures = 0;
    pool.run([&](int thread, const QList<LoadSession *> &sessions) {
        for (int k = 0; k < sessions.size(); ++k) {
            const SessionFigures &f
                = drivers[size_t(thread + k * m_context.threads.count())]->figures();
            total.all.merge(f.all);
            total.creates.merge(f.creates);
            total.updates.merge(f.updates);
            total.created += f.created;
            total.updated += f.updated;
            total.notifications += f.notifications;
            total.changes += f.changes;
            for (auto it = f.errors.cbegin(); it != f.errors.cend(); ++it)
                total.errors[it.key()] += it.value();
            if (total.firstError.isEmpty())
                total.firstError = f.firstError;
            ++sessionsWithFigures;
        }
    });
    // Sessions go first: a reply or notification still on its way must find its driver.
    pool.clear();
    drivers.clear();

    const double seconds = o.createSeconds;
    qint64 errors = 0;
    for (int n : std::as_const(total.errors))
        errors += n;
    report.addTarget(name, QStringLiteral("tickets created"), double(total.created) / seconds,
        QStringLiteral("/s"), Figure::Bound::AtLeast, 2000);
    report.add(name, QStringLiteral("requests answered (create + update)"),
        double(total.all.count()) / seconds, QStringLiteral("/s"));
    report.add(name, QStringLiteral("request latency p50"), total.all.percentileMs(50),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("request latency p90"), total.all.percentileMs(90),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("request latency p99"), total.all.percentileMs(99),
        QStringLiteral("ms"));
    report.add(
        name, QStringLiteral("request latency max"), total.all.maxMs(), QStringLiteral("ms"));
    report.add(name, QStringLiteral("tickets.create latency p50"), total.creates.percentileMs(50),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("tickets.create latency p99"), total.creates.percentileMs(99),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("tickets.update latency p50"), total.updates.percentileMs(50),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("tickets.update latency p99"), total.updates.percentileMs(99),
        QStringLiteral("ms"));
    if (sessionsWithFigures > 0 && total.notifications > 0) {
        // Every session is the admin and sees every batch: one session's count is the batch count.
        const double perSession = double(total.notifications) / double(sessionsWithFigures);
        report.add(name, QStringLiteral("commit batches (sync.changed per session)"),
            perSession / seconds, QStringLiteral("/s"));
        report.add(name, QStringLiteral("changes per sync.changed"),
            double(total.changes) / double(total.notifications), QString());
    }
    report.add(name, QStringLiteral("errors"), double(errors), QString());
    if (errors > 0) {
        QStringList codes;
        for (auto it = total.errors.cbegin(); it != total.errors.cend(); ++it)
            codes << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
        report.note(name,
            QStringLiteral("errors by code: %1; first: %2")
                .arg(codes.join(QStringLiteral(", ")), total.firstError));
    }
    if (!drained)
        report.note(name,
            QStringLiteral("%1 requests still unanswered 15 s after the run")
                .arg(window.outstanding.load()));
    cpu.report(report, name);
    const QString how = server.stop();
    if (!how.isEmpty())
        m_context.out << "  atiended: " << how << Qt::endl;
    return true;
}

} // namespace Atiende::Bench
