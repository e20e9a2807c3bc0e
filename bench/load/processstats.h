#pragma once
// What the load tool reads about a process from /proc: resident memory, and CPU time per
// process and per thread. Per-thread CPU tells which of the server's threads (network,
// writer, readers) is the one that saturates a core. Linux only; elsewhere every figure is -1.

#include <QHash>
#include <QList>
#include <QString>

namespace Atiende::Bench {

struct ThreadCpu
{
    qint64 tid = 0;
    QString name; // the kernel's comm: QThread object names, truncated to 15 characters
    qint64 cpuNs = 0;
};

struct CpuSnapshot
{
    qint64 wallNs = 0;
    qint64 processCpuNs = -1;
    QHash<qint64, ThreadCpu> threads;
};

// CPU used between two snapshots of the same process.
struct CpuUsage
{
    double wallMs = 0;
    double processPercent = 0; // of one core
    QList<QPair<QString, double>> threadPercents; // busiest first: "name[tid]", % of one core
};

// All CPUs of the machine together, from /proc/stat.
struct MachineSnapshot
{
    qint64 wallNs = 0;
    qint64 busyNs = -1; // summed over cores
};

class ProcessStats
{
public:
    static qint64 selfPid();
    // VmRSS in KiB, -1 when unreadable.
    static qint64 rssKiB(qint64 pid);
    static CpuSnapshot snapshot(qint64 pid);
    static CpuUsage usage(const CpuSnapshot &before, const CpuSnapshot &after);
    static MachineSnapshot machine();
    // % of one core the whole machine was busy between two snapshots; -1 when unknown.
    static double machinePercent(const MachineSnapshot &before, const MachineSnapshot &after);
};

} // namespace Atiende::Bench
