#include "reconnectscenario.h"

#include "benchclock.h"
#include "cpuwatch.h"
#include "latencyrecorder.h"
#include "servertarget.h"
#include "sessionpool.h"

#include <QMutex>
#include <QTextStream>

namespace Atiende::Bench {

ReconnectScenario::ReconnectScenario(ScenarioContext &context, int sessions)
    : m_context(context)
    , m_sessions(sessions)
{
}

bool ReconnectScenario::run()
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("reconnect k=%1").arg(m_sessions);
    m_context.out << Qt::endl
                  << "== " << name << ": " << m_sessions
                  << " sessions drop their sockets at once and reconnect at once" << Qt::endl;

    ServerTarget server(o);
    QString error;
    if (!server.start(&error)) {
        report.fail(name, error);
        return false;
    }
    SessionPool<LoadSession> pool(m_context.threads);
    const QUrl url = server.url();
    const QString token = server.token();
    const qint64 firstNs = BenchClock::nowNs();
    if (!pool.open(
            m_sessions,
            [url, token](int) {
                return new LoadSession(url, { token, {}, {} });
            },
            60000, &error)) {
        report.fail(name, error);
        return false;
    }
    const double firstMs = BenchClock::toMs(BenchClock::nowNs() - firstNs);
    EventWait::sleep(500);

    CpuWatch cpu(server.pid());
    cpu.start();
    pool.resetCounters();
    const qint64 startNs = BenchClock::nowNs();
    pool.post([](int, const QList<LoadSession *> &sessions) {
        for (LoadSession *s : sessions)
            s->abort();
        for (LoadSession *s : sessions)
            s->open();
    });
    const bool all = pool.waitAllReady(10000, &error);
    const qint64 doneNs = BenchClock::nowNs();
    cpu.stop();

    LatencyRecorder ready;
    qint64 lastReadyNs = 0;
    QMutex mutex;
    pool.run([&](int, const QList<LoadSession *> &sessions) {
        QMutexLocker lock(&mutex);
        for (const LoadSession *s : sessions) {
            if (s->isReady()) {
                ready.add(s->readyAtNs() - startNs);
                lastReadyNs = qMax(lastReadyNs, s->readyAtNs());
            }
        }
    });
    pool.clear();

    if (!all)
        report.note(name, QStringLiteral("not all came back within 10 s: %1").arg(error));
    report.add(name, QStringLiteral("first connect of all (for comparison)"), firstMs,
        QStringLiteral("ms"));
    report.add(
        name, QStringLiteral("sessions authenticated again"), double(ready.count()), QString());
    report.addTarget(name, QStringLiteral("all authenticated again after"),
        BenchClock::toMs((all ? lastReadyNs : doneNs) - startNs), QStringLiteral("ms"),
        Figure::Bound::AtMost, 500);
    report.add(name, QStringLiteral("per-session reconnect p50"), ready.percentileMs(50),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("per-session reconnect p99"), ready.percentileMs(99),
        QStringLiteral("ms"));
    cpu.report(report, name);
    report.note(name,
        QStringLiteral("timed from the moment the load tool starts aborting all sockets; each "
                       "session then opens a "
                       "new WebSocket and pipelines hello + auth.resume; %1 client threads")
            .arg(m_context.threads.count()));
    const QString how = server.stop();
    if (!how.isEmpty())
        m_context.out << "  atiended: " << how << Qt::endl;
    return true;
}

} // namespace Atiende::Bench
