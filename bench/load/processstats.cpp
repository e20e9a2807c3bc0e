#include "processstats.h"

#include "benchclock.h"

#include <QDir>
#include <QFile>

#include <algorithm>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

namespace Atiende::Bench {

namespace {

QByteArray readProcFile(const QString &path)
{
    // /proc files report size 0, so read until the end rather than by size.
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// utime + stime of a /proc/.../stat line, in ns; the name in parentheses through *name.
qint64 statCpuNs(const QByteArray &stat, QString *name)
{
#if defined(Q_OS_UNIX)
    // The name may contain spaces and parentheses: it ends at the last ')'.
    const int open = stat.indexOf('(');
    const int close = stat.lastIndexOf(')');
    if (open < 0 || close < open)
        return -1;
    if (name)
        *name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // Field 3 (state) is fields[0]; utime and stime are fields 14 and 15.
    if (fields.size() < 13)
        return -1;
    static const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    return ticks * (1000000000LL / ticksPerSecond);
#else
    Q_UNUSED(stat)
    Q_UNUSED(name)
    return -1;
#endif
}

} // namespace

qint64 ProcessStats::selfPid()
{
#if defined(Q_OS_UNIX)
    return qint64(getpid());
#else
    return 0;
#endif
}

qint64 ProcessStats::rssKiB(qint64 pid)
{
    if (pid <= 0)
        return -1;
    const QByteArray status = readProcFile(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

CpuSnapshot ProcessStats::snapshot(qint64 pid)
{
    CpuSnapshot s;
    s.wallNs = BenchClock::nowNs();
    if (pid <= 0)
        return s;
    s.processCpuNs = statCpuNs(readProcFile(QStringLiteral("/proc/%1/stat").arg(pid)), nullptr);
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    const QStringList tids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        ThreadCpu t;
        t.tid = tid.toLongLong();
        t.cpuNs = statCpuNs(readProcFile(tasks.filePath(tid + QStringLiteral("/stat"))), &t.name);
        if (t.cpuNs >= 0)
            s.threads.insert(t.tid, t);
    }
    return s;
}

CpuUsage ProcessStats::usage(const CpuSnapshot &before, const CpuSnapshot &after)
{
    CpuUsage u;
    const qint64 wall = after.wallNs - before.wallNs;
    u.wallMs = double(wall) / 1e6;
    if (wall <= 0 || before.processCpuNs < 0 || after.processCpuNs < 0)
        return u;
    u.processPercent = 100.0 * double(after.processCpuNs - before.processCpuNs) / double(wall);
    for (const ThreadCpu &t : after.threads) {
        const qint64 start = before.threads.value(t.tid).cpuNs; // 0 for threads born since
        u.threadPercents << qMakePair(QStringLiteral("%1[%2]").arg(t.name).arg(t.tid),
            100.0 * double(t.cpuNs - start) / double(wall));
    }
    std::sort(u.threadPercents.begin(), u.threadPercents.end(),
        [](const auto &a, const auto &b) { return a.second > b.second; });
    return u;
}

MachineSnapshot ProcessStats::machine()
{
    MachineSnapshot s;
    s.wallNs = BenchClock::nowNs();
#if defined(Q_OS_UNIX)
    const QByteArray stat = readProcFile(QStringLiteral("/proc/stat"));
    const QByteArray first = stat.left(stat.indexOf('\n'));
    if (!first.startsWith("cpu "))
        return s;
    // user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
    const QList<QByteArray> fields = first.mid(4).simplified().split(' ');
    qint64 busy = 0;
    for (int i = 0; i < fields.size() && i < 8; ++i) {
        if (i != 3 && i != 4)
            busy += fields.at(i).toLongLong();
    }
    static const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    s.busyNs = busy * (1000000000LL / ticksPerSecond);
#endif
    return s;
}

double ProcessStats::machinePercent(const MachineSnapshot &before, const MachineSnapshot &after)
{
    const qint64 wall = after.wallNs - before.wallNs;
    if (wall <= 0 || before.busyNs < 0 || after.busyNs < 0)
        return -1;
    return 100.0 * double(after.busyNs - before.busyNs) / double(wall);
}

} // namespace Atiende::Bench
