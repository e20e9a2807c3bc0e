#pragma once
// CPU used during a measured window: by the server (per thread), by the load tool, and by
// everything else on the machine. On two cores another program's compile halves the
// figures, so every timed scenario says how busy the rest of the machine was.

#include "processstats.h"

#include <QString>

namespace Atiende::Bench {

class Report;

class CpuWatch
{
public:
    explicit CpuWatch(qint64 serverPid);

    void start();
    void stop();
    // Adds "<serverName> CPU", "load tool CPU" and "other processes CPU" to the report, with
    // the server's busiest threads, and a warning when others took much of the machine.
    void report(Report &report, const QString &scenario,
        const QString &serverName = QStringLiteral("server")) const;

    double otherPercent() const { return m_otherPercent; }

private:
    qint64 m_serverPid;
    CpuSnapshot m_serverBefore;
    CpuSnapshot m_selfBefore;
    MachineSnapshot m_machineBefore;
    CpuUsage m_server;
    CpuUsage m_self;
    double m_otherPercent = -1;
};

} // namespace Atiende::Bench
