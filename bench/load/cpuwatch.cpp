#include "cpuwatch.h"

#include "report.h"

namespace Atiende::Bench {

namespace {
// Above this, the rest of the machine took a noticeable share of two cores.
constexpr double kBusyOthersPercent = 15;
} // namespace

CpuWatch::CpuWatch(qint64 serverPid)
    : m_serverPid(serverPid)
{
}

void CpuWatch::start()
{
    m_machineBefore = ProcessStats::machine();
    m_serverBefore = ProcessStats::snapshot(m_serverPid);
    m_selfBefore = ProcessStats::snapshot(ProcessStats::selfPid());
}

void CpuWatch::stop()
{
    m_server = ProcessStats::usage(m_serverBefore, ProcessStats::snapshot(m_serverPid));
    m_self = ProcessStats::usage(m_selfBefore, ProcessStats::snapshot(ProcessStats::selfPid()));
    const double machine = ProcessStats::machinePercent(m_machineBefore, ProcessStats::machine());
    // /proc ticks are coarse (10 ms): a small negative remainder is rounding, not a figure.
    m_otherPercent
        = machine < 0 ? -1 : qMax(0.0, machine - m_server.processPercent - m_self.processPercent);
}

void CpuWatch::report(Report &report, const QString &scenario, const QString &serverName) const
{
    report.addCpu(scenario, serverName, m_server);
    report.addCpu(scenario, QStringLiteral("load tool"), m_self, 3);
    if (m_otherPercent < 0)
        return;
    report.add(scenario, QStringLiteral("other processes CPU (100 = one core busy)"),
        m_otherPercent, QStringLiteral("%"));
    if (m_otherPercent > kBusyOthersPercent)
        report.note(scenario,
            QStringLiteral(
                "other programs used %1% of a core during this run: the figures are lower than "
                "on a quiet machine; rerun when `uptime` shows it idle")
                .arg(QString::number(m_otherPercent, 'f', 0)));
}

} // namespace Atiende::Bench
