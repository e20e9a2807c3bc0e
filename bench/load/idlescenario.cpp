#include "idlescenario.h"

#include "benchclock.h"
#include "fanoutreceiver.h"
#include "processstats.h"
#include "serverprocess.h"
#include "servertarget.h"
#include "sessionpool.h"

#include <QTextStream>

namespace Atiende::Bench {

IdleScenario::IdleScenario(ScenarioContext &context, int sessions)
    : m_context(context)
    , m_sessions(sessions)
{
}

qint64 IdleScenario::settledRss(qint64 pid, int settleMs)
{
    EventWait::sleep(settleMs);
    return ProcessStats::rssKiB(pid);
}

bool IdleScenario::run()
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("idle k=%1").arg(m_sessions);
    m_context.out << Qt::endl
                  << "== " << name << ": " << m_sessions
                  << " idle sessions (hello + auth.resume), server VmRSS before and after"
                  << Qt::endl;

    ServerTarget server(o);
    QString error;
    if (!server.start(&error)) {
        report.fail(name, error);
        return false;
    }
    if (server.pid() <= 0 || ProcessStats::rssKiB(server.pid()) < 0) {
        report.fail(name,
            QStringLiteral("the server's memory cannot be read (with --url, give --server-pid)"));
        return false;
    }
    const qint64 before = settledRss(server.pid(), 500);
    SessionPool<LoadSession> pool(m_context.threads);
    const QUrl url = server.url();
    const QString token = server.token();
    const qint64 openNs = BenchClock::nowNs();
    if (!pool.open(
            m_sessions,
            [url, token](int) {
                return new LoadSession(url, { token, {}, {} });
            },
            60000, &error)) {
        report.fail(name, error);
        return false;
    }
    const double openMs = BenchClock::toMs(BenchClock::nowNs() - openNs);
    const qint64 after = settledRss(server.pid(), o.idleSettleMs);

    report.add(
        name, QStringLiteral("server VmRSS before"), double(before) / 1024, QStringLiteral("MiB"));
    report.add(name, QStringLiteral("server VmRSS with the sessions idle"), double(after) / 1024,
        QStringLiteral("MiB"));
    report.addTarget(name, QStringLiteral("server memory per idle session"),
        double(after - before) / m_sessions, QStringLiteral("KiB"), Figure::Bound::AtMost, 64);
    report.add(
        name, QStringLiteral("time to connect and authenticate all"), openMs, QStringLiteral("ms"));
    report.note(name,
        QStringLiteral("(VmRSS after %1 ms idle - VmRSS before) / %2; glibc keeps freed memory, so "
                       "this counts "
                       "what the sessions hold plus heap grown for them")
            .arg(o.idleSettleMs)
            .arg(m_sessions));
    pool.clear();
    const QString how = server.stop();
    if (!how.isEmpty())
        m_context.out << "  atiended: " << how << Qt::endl;
    if (o.baseline)
        runBaseline();
    return true;
}

void IdleScenario::runBaseline()
{
    Report &report = m_context.report;
    const QString name = QStringLiteral("baseline k=%1").arg(m_sessions);
    m_context.out << Qt::endl
                  << "== " << name << ": " << m_sessions
                  << " bare Qt WebSockets connections, baseline server VmRSS" << Qt::endl;
    ServerProcess server;
    QString error;
    if (!server.startBaseline(m_context.options.serverEnvironment, &error)) {
        report.fail(name, error);
        return;
    }
    const qint64 before = settledRss(server.pid(), 500);
    ArrivalLog unused;
    std::atomic<qint64> arrivals { 0 };
    {
        SessionPool<FanoutReceiver> pool(m_context.threads);
        const QUrl url = server.url();
        if (!pool.open(
                m_sessions,
                [&, url](int) { return new FanoutReceiver(url, QString(), &unused, &arrivals); },
                60000, &error)) {
            report.fail(name, error);
            return;
        }
        const qint64 after = settledRss(server.pid(), m_context.options.idleSettleMs);
        report.add(name, QStringLiteral("bare server memory per connection"),
            double(after - before) / m_sessions, QStringLiteral("KiB"));
    }
    server.stop();
}

} // namespace Atiende::Bench
