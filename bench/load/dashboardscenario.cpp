#include "dashboardscenario.h"

#include "benchclock.h"
#include "cpuwatch.h"
#include "dashboardreceiver.h"
#include "latencyrecorder.h"
#include "servertarget.h"
#include "sessionpool.h"

#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace Atiende::Bench {

namespace {

constexpr double kTargetMs
    = 250; // issue 6: a ticket change reaches the dashboards of 50 leads within 250 ms

QJsonObject newTicket(int seq)
{
    return { { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"),
            QStringLiteral("Dashboard: no imprime la impresora de la planta %1").arg(seq % 7) },
        { QStringLiteral("impact"), seq % 3 ? QStringLiteral("medium") : QStringLiteral("high") },
        { QStringLiteral("description"), QStringLiteral("Sale una hoja en blanco y luego nada.") },
        { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } };
}

// Creates count tickets with up to inFlight requests outstanding; false if any failed.
bool backlog(LoadSession &session, int count, int inFlight, QString *error)
{
    int sent = 0, answered = 0, failed = 0;
    std::function<void()> next = [&] {
        while (sent < count && sent - answered < inFlight) {
            session.rpc().call(
                QStringLiteral("tickets.create"), newTicket(sent), [&](const Client::RpcReply &r) {
                    ++answered;
                    if (!r.ok && failed++ == 0)
                        *error = r.error.message;
                    next();
                });
            ++sent;
        }
    };
    next();
    EventWait::until([&] { return answered >= count; }, 120000);
    return answered >= count && failed == 0;
}

struct Run
{
    LatencyRecorder last, first;
    int unseen = 0; // tickets some session never saw counted
    qint64 pushes = 0;
};

} // namespace

DashboardScenario::DashboardScenario(ScenarioContext &context, int sessions)
    : m_context(context)
    , m_sessions(sessions)
{
}

bool DashboardScenario::run()
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("dashboard m=%1").arg(m_sessions);
    m_context.out << Qt::endl
                  << "== " << name << ": " << m_sessions
                  << " sessions subscribed to the dashboard; a backlog of " << o.dashboardBacklog
                  << " tickets, then tickets created one every " << o.dashboardIntervalMs << " ms ("
                  << o.dashboardPaced << "), then one every 50 ms (" << o.dashboardBurst << ")"
                  << Qt::endl;

    ServerTarget server(o);
    QString error;
    if (!server.start(&error)) {
        report.fail(name, error);
        return false;
    }
    if (o.dashboardBacklog > 0 && !backlog(server.control(), o.dashboardBacklog, 32, &error)) {
        report.fail(name, QStringLiteral("could not create the backlog: %1").arg(error));
        return false;
    }
    std::atomic<qint64> pushes { 0 };
    SessionPool<DashboardReceiver> pool(m_context.threads);
    const QUrl url = server.url();
    const QString token = server.token();
    if (!pool.open(
            m_sessions, [&, url, token](int) { return new DashboardReceiver(url, token, &pushes); },
            60000, &error)) {
        report.fail(name, error);
        return false;
    }
    qint64 base = -1;
    bool agreed = true;
    pool.run([&](int, const QList<DashboardReceiver *> &sessions) {
        for (const DashboardReceiver *r : sessions) {
            if (base < 0)
                base = r->initialCreated();
            agreed = agreed && r->initialCreated() == base;
        }
    });
    if (!agreed || base < 0) {
        report.fail(name, QStringLiteral("the sessions' first figures disagree"));
        return false;
    }
    EventWait::sleep(500); // past any push of the subscriptions themselves

    // The driver: tickets.create at a pace; the k-th ticket makes today's count base + k.
    std::vector<qint64> sentNs;
    int answered = 0, failures = 0;
    auto drive = [&](int count, int intervalMs) {
        int sent = 0;
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(intervalMs);
        QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
            if (sent >= count)
                return timer.stop();
            sentNs.push_back(BenchClock::nowNs());
            server.control().rpc().call(QStringLiteral("tickets.create"),
                newTicket(int(sentNs.size())), [&](const Client::RpcReply &r) {
                    ++answered;
                    failures += r.ok ? 0 : 1;
                });
            ++sent;
        });
        timer.start();
        EventWait::until([&] { return sent >= count; }, count * intervalMs * 4 + 10000);
        timer.stop();
    };
    CpuWatch cpu(server.pid());
    cpu.start();
    drive(o.dashboardPaced, o.dashboardIntervalMs);
    const size_t pacedCount = sentNs.size();
    EventWait::sleep(600);
    drive(o.dashboardBurst, 50);
    const qint64 total = qint64(sentNs.size());
    // Every session has seen the last ticket counted.
    auto allSeen = [&] {
        int done = 0;
        pool.run([&](int, const QList<DashboardReceiver *> &sessions) {
            for (const DashboardReceiver *r : sessions)
                done += !r->seen().empty() && r->seen().back().first >= base + total;
        });
        return done >= m_sessions;
    };
    EventWait::until([&] { return answered >= total && allSeen(); }, 15000);
    cpu.stop();

    // For ticket k, when each session first saw a count of at least base + k.
    Run paced, burst;
    std::vector<qint64> lastNs(size_t(total), 0),
        firstNs(size_t(total), std::numeric_limits<qint64>::max());
    std::vector<int> seenBy(size_t(total), 0);
    pool.run([&](int, const QList<DashboardReceiver *> &sessions) {
        for (const DashboardReceiver *r : sessions) {
            size_t k = 0;
            for (const auto &[created, ns] : r->seen()) {
                while (k < size_t(total) && base + qint64(k) + 1 <= created) {
                    lastNs[k] = qMax(lastNs[k], ns);
                    firstNs[k] = qMin(firstNs[k], ns);
                    ++seenBy[k];
                    ++k;
                }
            }
            (paced.pushes) += qint64(r->seen().size());
        }
    });
    pool.clear();
    for (size_t k = 0; k < size_t(total); ++k) {
        Run &run = k < pacedCount ? paced : burst;
        if (seenBy[k] < m_sessions) {
            ++run.unseen;
            continue;
        }
        run.last.add(lastNs[k] - sentNs[k]);
        run.first.add(firstNs[k] - sentNs[k]);
    }

    report.note(name,
        QStringLiteral("latency = the driver's send of tickets.create -> the first "
                       "dashboard.changed counting that ticket at the "
                       "last (and first) of %1 sessions (the whole desk's figures, 'today'); "
                       "pushes are coalesced to one "
                       "every 200 ms per session, so in the burst a ticket may wait for the end of "
                       "an interval; sessions "
                       "on %2 client threads; server and load tool share this machine's %3 cores")
            .arg(m_sessions)
            .arg(m_context.threads.count())
            .arg(QThread::idealThreadCount()));
    report.add(name, QStringLiteral("backlog before measuring"), double(o.dashboardBacklog),
        QStringLiteral("tickets"));
    const QString pacedName = QStringLiteral("one every %1 ms").arg(o.dashboardIntervalMs);
    report.add(name, QStringLiteral("tickets measured (%1)").arg(pacedName),
        double(paced.last.count()), QString());
    report.add(name, QStringLiteral("push at last session p50 (%1)").arg(pacedName),
        paced.last.percentileMs(50), QStringLiteral("ms"));
    report.addTarget(name, QStringLiteral("push at last session p99 (%1)").arg(pacedName),
        paced.last.percentileMs(99), QStringLiteral("ms"), Figure::Bound::AtMost, kTargetMs);
    report.add(name, QStringLiteral("push at last session max (%1)").arg(pacedName),
        paced.last.maxMs(), QStringLiteral("ms"));
    report.add(name, QStringLiteral("push at first session p50 (%1)").arg(pacedName),
        paced.first.percentileMs(50), QStringLiteral("ms"));
    report.add(name, QStringLiteral("tickets measured (burst, one every 50 ms)"),
        double(burst.last.count()), QString());
    report.add(name, QStringLiteral("push at last session p50 (burst)"),
        burst.last.percentileMs(50), QStringLiteral("ms"));
    report.addTarget(name, QStringLiteral("push at last session p99 (burst)"),
        burst.last.percentileMs(99), QStringLiteral("ms"), Figure::Bound::AtMost, kTargetMs);
    report.add(name, QStringLiteral("push at last session max (burst)"), burst.last.maxMs(),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("dashboard.changed received per session"),
        double(paced.pushes) / m_sessions, QString());
    if (paced.unseen || burst.unseen || failures)
        report.note(name,
            QStringLiteral("%1 tickets not counted by every session, %2 failed creates")
                .arg(paced.unseen + burst.unseen)
                .arg(failures));
    cpu.report(report, name);
    const QString how = server.stop();
    if (!how.isEmpty())
        m_context.out << "  atiended: " << how << Qt::endl;
    return true;
}

} // namespace Atiende::Bench
