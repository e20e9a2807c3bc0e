#pragma once
// What every figure of the find benchmarks is printed beside (docs/performance.md, "Honest
// figures"): the commit, the build type, the load average, and percentiles of a sample.

#include <QFile>
#include <QProcess>
#include <QString>

#include <algorithm>
#include <ctime>
#include <vector>

namespace Atiende::Bench {

inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

// The source's commit, "+dirty" when the tree differs from it.
inline QString sourceCommit()
{
    auto git = [](const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral("git"),
            QStringList { QStringLiteral("-C"), QStringLiteral(ATIENDE_SOURCE_DIR) } + args);
        p.waitForFinished(10000);
        return QString::fromLatin1(p.readAllStandardOutput()).trimmed();
    };
    const QString commit
        = git({ QStringLiteral("rev-parse"), QStringLiteral("--short"), QStringLiteral("HEAD") });
    const bool dirty = !git({ QStringLiteral("status"), QStringLiteral("--porcelain"),
                                QStringLiteral("--untracked-files=no") })
                            .isEmpty();
    return commit.isEmpty() ? QStringLiteral("?")
                            : commit + (dirty ? QStringLiteral("+dirty") : QString());
}

// CPU time of the calling thread: what the work costs whatever else runs on the machine.
inline double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

inline QString buildType()
{
    return QStringLiteral(ATIENDE_BUILD_TYPE);
}

struct Percentiles
{
    double p50 = 0, p95 = 0, max = 0, mean = 0;
    int count = 0;
};

// Nearest-rank percentiles of a sample of milliseconds.
inline Percentiles percentiles(std::vector<double> ms)
{
    Percentiles p;
    if (ms.empty())
        return p;
    std::sort(ms.begin(), ms.end());
    auto rank = [&](double q) {
        return ms[std::min(ms.size() - 1, size_t(std::max(0.0, q * double(ms.size()) - 1e-9)))];
    };
    p.p50 = rank(0.50);
    p.p95 = rank(0.95);
    p.max = ms.back();
    double sum = 0;
    for (double v : ms)
        sum += v;
    p.mean = sum / double(ms.size());
    p.count = int(ms.size());
    return p;
}

} // namespace Atiende::Bench
