#include "filesscenario.h"

#include "benchclock.h"
#include "eventwait.h"
#include "filetransfer.h"
#include "processstats.h"
#include "servertarget.h"

#include <QRandomGenerator>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

namespace Atiende::Bench {

namespace {

constexpr qint64 kFileBytes = 25LL * 1024 * 1024;
constexpr int kRuns = 3;
constexpr int kParallel = 20;

QByteArray randomFile(qint64 size)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator g(13);
    g.fillRange(reinterpret_cast<quint32 *>(out.data()), size_t(size / 4));
    return out;
}

double mibPerSecond(qint64 bytes, qint64 ns)
{
    return ns > 0 ? double(bytes) / (1024.0 * 1024.0) / (double(ns) / 1e9) : 0;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

// Runs one transfer on this thread's event loop to its end.
bool runTransfer(FileTransfer &t, const std::function<void()> &start, int timeoutMs)
{
    bool over = false;
    QObject::connect(&t, &FileTransfer::finished, &t, [&over] { over = true; });
    start();
    return EventWait::until([&] { return over; }, timeoutMs) && t.ok();
}

} // namespace

FilesScenario::FilesScenario(ScenarioContext &context)
    : m_context(context)
{
}

bool FilesScenario::run()
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("files");
    m_context.out << Qt::endl
                  << "== files ("
                  << (FileTransfer::textFrames() ? "text frames, base64" : "binary frames")
                  << "): a 25 MiB file up and down " << kRuns << " times, then " << kParallel
                  << " uploads of 25 MiB at once" << Qt::endl;
    ServerTarget server(o);
    QString error;
    if (!server.start(&error)) {
        report.fail(name, error);
        return false;
    }
    const QByteArray bytes = randomFile(kFileBytes);
    const QString hash = FileTransfer::sha256(bytes);

    // One at a time, on the main thread: nothing else runs.
    LoadSession session(server.url(), LoadSession::Credentials { server.token(), {}, {} });
    session.open();
    if (!EventWait::until([&] { return session.isReady(); }, 15000)) {
        report.fail(name, QStringLiteral("the uploading session did not sign in"));
        return false;
    }
    QList<double> up, down;
    for (int run = 0; run < kRuns; ++run) {
        FileTransfer t(session);
        if (!runTransfer(
                t, [&] { t.upload(bytes, QStringLiteral("volcado.bin")); }, 120000)) {
            report.fail(name, QStringLiteral("upload: %1").arg(t.error()));
            return false;
        }
        up << mibPerSecond(kFileBytes, t.finishedNs() - t.startedNs());
    }
    for (int run = 0; run < kRuns; ++run) {
        FileTransfer t(session);
        if (!runTransfer(
                t, [&] { t.download(hash, kFileBytes); }, 120000)) {
            report.fail(name, QStringLiteral("download: %1").arg(t.error()));
            return false;
        }
        if (t.received() != bytes) {
            report.fail(name, QStringLiteral("download: the bytes differ from those sent"));
            return false;
        }
        down << mibPerSecond(kFileBytes, t.finishedNs() - t.startedNs());
    }
    report.note(name,
        QStringLiteral("one session on loopback; the client hashes the file and %1, as a "
                       "console does; median of %2 runs (runs: up %3, down %4 MiB/s)")
            .arg(FileTransfer::textFrames()
                    ? QStringLiteral("encodes and decodes base64 (text frames)")
                    : QStringLiteral("sends and reads raw bytes (binary frames)"))
            .arg(kRuns)
            .arg(QStringLiteral("%1/%2/%3")
                     .arg(up.value(0), 0, 'f', 0)
                     .arg(up.value(1), 0, 'f', 0)
                     .arg(up.value(2), 0, 'f', 0),
                QStringLiteral("%1/%2/%3")
                    .arg(down.value(0), 0, 'f', 0)
                    .arg(down.value(1), 0, 'f', 0)
                    .arg(down.value(2), 0, 'f', 0)));
    report.addTarget(name, QStringLiteral("upload of 25 MiB"), median(up), QStringLiteral("MiB/s"),
        Figure::Bound::AtLeast, 100);
    report.addTarget(name, QStringLiteral("download of 25 MiB"), median(down),
        QStringLiteral("MiB/s"), Figure::Bound::AtLeast, 100);

    // Twenty at once, spread over the client threads; the server's memory sampled every 20 ms.
    const qint64 pid = server.pid();
    const qint64 rssBefore = ProcessStats::rssKiB(pid);
    qint64 rssPeak = rssBefore;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler,
        [&] { rssPeak = qMax(rssPeak, ProcessStats::rssKiB(pid)); });
    sampler.start(20);
    std::vector<UploadLoop *> loops(kParallel, nullptr);
    ClientThreads &threads = m_context.threads;
    const qint64 startNs = BenchClock::nowNs();
    for (int i = 0; i < kParallel; ++i) {
        threads.run(threads.threadFor(i), [&, i] {
            loops[size_t(i)] = new UploadLoop(server.url(), server.token(), bytes, 1);
            loops[size_t(i)]->start();
        });
    }
    // Each loop stops after its first upload: this measures 20 uploads, not a stream.
    const bool done = EventWait::until(
        [&] {
            for (UploadLoop *l : loops) {
                if (l->uploadedBytes() < kFileBytes && l->error().isEmpty())
                    return false;
            }
            return true;
        },
        300000);
    const qint64 wallNs = BenchClock::nowNs() - startNs;
    sampler.stop();
    rssPeak = qMax(rssPeak, ProcessStats::rssKiB(pid));
    QString loopError;
    for (int i = 0; i < kParallel; ++i) {
        threads.run(threads.threadFor(i), [&, i] {
            if (loopError.isEmpty())
                loopError = loops[size_t(i)]->error();
            loops[size_t(i)]->stop();
            delete loops[size_t(i)];
        });
    }
    if (!done || !loopError.isEmpty()) {
        report.fail(QStringLiteral("files x20"),
            loopError.isEmpty() ? QStringLiteral("the uploads did not finish in 300 s")
                                : loopError);
        return false;
    }
    const QString parallel = QStringLiteral("files x%1").arg(kParallel);
    report.add(parallel, QStringLiteral("server resident before"), double(rssBefore) / 1024.0,
        QStringLiteral("MiB"));
    report.add(parallel, QStringLiteral("server resident peak"), double(rssPeak) / 1024.0,
        QStringLiteral("MiB"));
    report.add(parallel, QStringLiteral("uploads together"),
        mibPerSecond(kParallel * kFileBytes, wallNs), QStringLiteral("MiB/s"));
    report.note(parallel,
        QStringLiteral("%1 sessions on %2 client threads each upload the same 25 MiB under its "
                       "own upload id at once (window 4 of 512 KiB); resident memory of atiended "
                       "sampled every 20 ms")
            .arg(kParallel)
            .arg(threads.count()));
    const QString how = server.stop();
    if (!how.isEmpty())
        m_context.out << "  atiended: " << how << Qt::endl;
    return true;
}

} // namespace Atiende::Bench
