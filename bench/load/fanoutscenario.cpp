#include "fanoutscenario.h"

#include "arrivallog.h"
#include "benchclock.h"
#include "cpuwatch.h"
#include "fanoutreceiver.h"
#include "filetransfer.h"
#include "latencyrecorder.h"
#include "serverprocess.h"
#include "servertarget.h"
#include "sessionpool.h"

#include "core/protocol/jsonrpc.h"

#include <QJsonArray>
#include <QSet>
#include <QTextStream>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

namespace Atiende::Bench {

namespace {

struct Sample
{
    qint64 sentNs = 0;
    qint64 revision = -1; // -1: the change failed or its revision never became known
};

// Which targets the issue sets for which M.
double targetP99Ms(int sessions)
{
    return sessions == 100 ? 15 : sessions == 1000 ? 100 : 0;
}

// Sends one change per tick to atiended through the control session and learns each
// change's revision from the sync.changed the driver gets itself.
class AtiendedDriver
{
public:
    explicit AtiendedDriver(LoadSession &session)
        : m_session(session)
    {
        m_notifications = QObject::connect(&session, &LoadSession::notificationReceived, &session,
            [this](const QString &method, const QJsonObject &params) {
                if (method != QLatin1String("sync.changed"))
                    return;
                const qint64 revision = qint64(params.value(QStringLiteral("revision")).toDouble());
                for (const QJsonValue &v : params.value(QStringLiteral("changes")).toArray()) {
                    const QJsonObject c = v.toObject();
                    if (c.value(QStringLiteral("entity")).toString() != QLatin1String("ticket"))
                        continue;
                    const QJsonObject data = c.value(QStringLiteral("data")).toObject();
                    m_revisionOf.insert(key(qint64(c.value(QStringLiteral("id")).toDouble()),
                                            data.value(QStringLiteral("version")).toInt()),
                        revision);
                }
                ++m_frames;
                m_frameBytes += Core::Protocol::JsonRpc::notification(method, params).size();
            });
    }

    ~AtiendedDriver()
    {
        // Replies still on their way must not reach a driver that is gone.
        *m_alive = false;
        QObject::disconnect(m_notifications);
    }

    void tick()
    {
        const int seq = int(m_sent.size());
        m_sent.push_back({});
        QJsonObject params;
        QString method;
        if (seq % 2 == 1 && m_lastId != 0 && !m_lastPending) {
            method = QStringLiteral("tickets.update");
            params = { { QStringLiteral("id"), double(m_lastId) },
                { QStringLiteral("baseVersion"), m_lastVersion },
                { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
                { QStringLiteral("fields"),
                    QJsonObject { { QStringLiteral("subject"),
                        QStringLiteral("Fan-out: la VPN se corta (%1)").arg(seq) } } } };
        } else {
            method = QStringLiteral("tickets.create");
            params = { { QStringLiteral("type"), QStringLiteral("incident") },
                { QStringLiteral("subject"),
                    QStringLiteral("Fan-out: la VPN se corta (%1)").arg(seq) },
                { QStringLiteral("description"),
                    QStringLiteral("Since the update the VPN drops every few minutes.") },
                { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } };
        }
        m_lastPending = true;
        m_sent[size_t(seq)].sentNs = BenchClock::nowNs();
        m_session.rpc().call(
            method, params, [this, alive = m_alive, seq](const Client::RpcReply &r) {
                if (!*alive)
                    return;
                Sent &s = m_sent[size_t(seq)];
                s.answered = true;
                s.answerNs = BenchClock::nowNs();
                m_lastPending = false;
                if (!r.ok) {
                    ++m_errors;
                    if (m_firstError.isEmpty())
                        m_firstError = r.error.message;
                    return;
                }
                const QJsonObject ticket = r.object().value(QStringLiteral("ticket")).toObject();
                s.ok = true;
                s.ticketId = qint64(ticket.value(QStringLiteral("id")).toDouble());
                s.version = ticket.value(QStringLiteral("version")).toInt();
                m_lastId = s.ticketId;
                m_lastVersion = s.version;
            });
    }

    // Every request answered and every successful change's revision known.
    bool settled() const
    {
        for (const Sent &s : m_sent) {
            if (!s.answered || (s.ok && !m_revisionOf.contains(key(s.ticketId, s.version))))
                return false;
        }
        return true;
    }

    QList<Sample> samples() const
    {
        QList<Sample> out;
        for (const Sent &s : m_sent)
            out << Sample { s.sentNs,
                s.ok ? m_revisionOf.value(key(s.ticketId, s.version), -1) : -1 };
        return out;
    }

    LatencyRecorder replyLatency(int skip) const
    {
        LatencyRecorder r;
        for (size_t i = size_t(skip); i < m_sent.size(); ++i) {
            if (m_sent[i].answered)
                r.add(m_sent[i].answerNs - m_sent[i].sentNs);
        }
        return r;
    }

    double meanFrameBytes() const { return m_frames ? double(m_frameBytes) / double(m_frames) : 0; }
    int errors() const { return m_errors; }
    QString firstError() const { return m_firstError; }

private:
    struct Sent
    {
        qint64 sentNs = 0;
        qint64 answerNs = 0;
        bool answered = false;
        bool ok = false;
        qint64 ticketId = 0;
        int version = 0;
    };
    static QString key(qint64 id, int version)
    {
        return QStringLiteral("%1/%2").arg(id).arg(version);
    }

    LoadSession &m_session;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    QMetaObject::Connection m_notifications;
    std::vector<Sent> m_sent;
    QHash<QString, qint64> m_revisionOf; // "ticketId/version" -> revision of its sync.changed
    qint64 m_lastId = 0;
    int m_lastVersion = 0;
    bool m_lastPending = false;
    qint64 m_frames = 0;
    qint64 m_frameBytes = 0;
    int m_errors = 0;
    QString m_firstError;
};

// Sends one sync.changed-shaped frame per tick to the bare broadcast server; the revision is
// the tick's number, so nothing has to be learnt.
class BaselineDriver
{
public:
    BaselineDriver(const QUrl &url, int frameBytes)
        : m_frameBytes(frameBytes)
    {
        QObject::connect(
            &m_socket, &QWebSocket::connected, &m_socket, [this] { m_connected = true; });
        m_socket.open(url);
    }

    bool isConnected() const { return m_connected; }

    void tick()
    {
        const qint64 revision = qint64(m_samples.size()) + 1;
        // The same shape as atiended's notification (sorted keys, revision last) and the size
        // of the frames it sent in the atiended run.
        const QString head = QStringLiteral("{\"jsonrpc\":\"2.0\",\"method\":\"sync.changed\","
                                            "\"params\":{\"changes\":[{\"pad\":\"");
        const QString tail = QStringLiteral("\"}],\"revision\":%1}}").arg(revision);
        const QString frame = head
            + QString(qMax(0, m_frameBytes - int(head.size() + tail.size())), QLatin1Char('x'))
            + tail;
        m_samples << Sample { BenchClock::nowNs(), revision };
        m_socket.sendTextMessage(frame);
    }

    QList<Sample> samples() const { return m_samples; }

private:
    QWebSocket m_socket;
    int m_frameBytes;
    bool m_connected = false;
    QList<Sample> m_samples;
};

struct Delivery
{
    LatencyRecorder last;
    LatencyRecorder first;
    int incomplete = 0; // changes that did not reach every receiver
    int unknown = 0; // changes that failed or whose revision never became known
};

Delivery analyse(const QList<Sample> &samples, int skip, const ArrivalLog &log, int receivers)
{
    Delivery d;
    for (int i = skip; i < samples.size(); ++i) {
        const Sample &s = samples.at(i);
        if (s.revision < 0) {
            ++d.unknown;
            continue;
        }
        const Arrival a = log.arrival(s.revision);
        if (a.count < receivers) {
            ++d.incomplete;
            continue;
        }
        d.last.add(a.lastNs - s.sentNs);
        d.first.add(a.firstNs - s.sentNs);
    }
    return d;
}

// Paces tick() every intervalMs on the main thread's event loop, count times.
void pace(int count, int intervalMs, const std::function<void()> &tick)
{
    int sent = 0;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(intervalMs);
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
        if (sent < count) {
            tick();
            ++sent;
        }
        if (sent >= count)
            timer.stop();
    });
    timer.start();
    EventWait::until([&] { return sent >= count; }, count * intervalMs * 4 + 5000);
    timer.stop();
}

} // namespace

FanoutScenario::FanoutScenario(ScenarioContext &context, int sessions, bool withUpload)
    : m_context(context)
    , m_sessions(sessions)
    , m_withUpload(withUpload)
{
}

bool FanoutScenario::run()
{
    double frameBytes = 0;
    const bool ok = runAtiended(&frameBytes);
    if (m_context.options.baseline && !m_withUpload)
        runBaseline(frameBytes > 0 ? int(frameBytes) : 900);
    return ok;
}

bool FanoutScenario::runAtiended(double *meanFrameBytes)
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("fanout m=%1%2")
                             .arg(m_sessions)
                             .arg(m_withUpload ? QStringLiteral(" +upload") : QString());
    const int ticks = o.fanoutWarmup + int(o.fanoutSeconds * 1000 / o.fanoutIntervalMs);
    m_context.out << Qt::endl
                  << "== " << name << ": " << m_sessions
                  << " sessions receive, one driver changes a ticket every " << o.fanoutIntervalMs
                  << " ms, " << ticks << " changes (" << o.fanoutWarmup << " of them warm-up)"
                  << Qt::endl;

    ServerTarget server(o);
    QString error;
    if (!server.start(&error)) {
        report.fail(name, error);
        return false;
    }
    std::vector<ArrivalLog> logs(size_t(m_context.threads.count()));
    std::atomic<qint64> arrivals { 0 };
    SessionPool<FanoutReceiver> pool(m_context.threads);
    const QUrl url = server.url();
    const QString token = server.token();
    const int threads = m_context.threads.count();
    if (!pool.open(
            m_sessions,
            [&, url, token, threads](int i) {
                return new FanoutReceiver(url, token, &logs[size_t(i % threads)], &arrivals);
            },
            60000, &error)) {
        report.fail(name, error);
        return false;
    }
    EventWait::sleep(300); // let the connection storm settle before measuring

    // A 25 MiB upload always under way, on a session of its own on a client thread of its own
    // (a console on another computer: its sending must not delay the receivers' reading).
    UploadLoop *uploads = nullptr;
    std::unique_ptr<ClientThreads> uploader;
    if (m_withUpload)
        uploader = std::make_unique<ClientThreads>(1);
    const int uploadThread = 0;
    if (m_withUpload) {
        QByteArray file(25 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < file.size(); ++i)
            file[i] = char((i * 7919) >> 3);
        uploader->run(uploadThread, [&] {
            uploads = new UploadLoop(url, token, file);
            uploads->start();
        });
        if (!EventWait::until([&] { return uploads->isUploading(); }, 15000)) {
            report.fail(name, QStringLiteral("the upload did not start: %1").arg(uploads->error()));
            uploader->run(uploadThread, [&] { delete uploads; });
            return false;
        }
    }

    AtiendedDriver driver(server.control());
    CpuWatch cpu(server.pid());
    cpu.start();
    pace(ticks, o.fanoutIntervalMs, [&] { driver.tick(); });
    EventWait::until([&] { return driver.settled(); }, 10000);
    const QList<Sample> samples = driver.samples();
    QSet<qint64> revisions;
    for (const Sample &s : samples) {
        if (s.revision >= 0)
            revisions.insert(s.revision);
    }
    const qint64 expected = qint64(revisions.size()) * m_sessions;
    EventWait::until([&] { return arrivals.load() >= expected; }, 10000);
    cpu.stop();
    if (uploads) {
        const qint64 uploaded = uploads->uploadedBytes();
        const QString uploadError = uploads->error();
        uploader->run(uploadThread, [&] { delete uploads; });
        report.add(name, QStringLiteral("uploaded meanwhile"), double(uploaded) / (1024.0 * 1024.0),
            QStringLiteral("MiB"));
        if (!uploadError.isEmpty())
            report.note(name, QStringLiteral("upload failed: %1").arg(uploadError));
    }

    ArrivalLog all;
    pool.run([&](int t, const QList<FanoutReceiver *> &) { all.merge(logs[size_t(t)]); });
    pool.clear();
    const Delivery d = analyse(samples, o.fanoutWarmup, all, m_sessions);
    const LatencyRecorder replies = driver.replyLatency(o.fanoutWarmup);

    report.note(name,
        QStringLiteral("latency = driver's send of tickets.create/update -> sync.changed for that "
                       "revision at the "
                       "last (and first) of %1 receivers; receivers on %2 client threads of the "
                       "load tool, frames "
                       "scanned for the revision, not parsed; server and load tool share this "
                       "machine's %3 cores")
            .arg(m_sessions)
            .arg(threads)
            .arg(QThread::idealThreadCount()));
    report.add(name, QStringLiteral("changes measured"), double(d.last.count()), QString());
    report.add(name, QStringLiteral("sync.changed at last receiver p50"), d.last.percentileMs(50),
        QStringLiteral("ms"));
    if (const double target = targetP99Ms(m_sessions); target > 0)
        report.addTarget(name, QStringLiteral("sync.changed at last receiver p99"),
            d.last.percentileMs(99), QStringLiteral("ms"), Figure::Bound::AtMost, target);
    else
        report.add(name, QStringLiteral("sync.changed at last receiver p99"),
            d.last.percentileMs(99), QStringLiteral("ms"));
    report.add(name, QStringLiteral("sync.changed at last receiver max"), d.last.maxMs(),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("sync.changed at first receiver p50"), d.first.percentileMs(50),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("sync.changed at first receiver p99"), d.first.percentileMs(99),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("driver's reply (durable commit) p50"),
        replies.percentileMs(50), QStringLiteral("ms"));
    report.add(name, QStringLiteral("driver's reply (durable commit) p99"),
        replies.percentileMs(99), QStringLiteral("ms"));
    report.add(name, QStringLiteral("sync.changed frame size (mean)"), driver.meanFrameBytes(),
        QStringLiteral("bytes"));
    if (d.incomplete || d.unknown || driver.errors()) {
        report.add(name, QStringLiteral("changes not seen by every receiver"), double(d.incomplete),
            QString());
        report.add(
            name, QStringLiteral("changes failed or unmatched"), double(d.unknown), QString());
        if (driver.errors())
            report.note(name,
                QStringLiteral("%1 driver errors; first: %2")
                    .arg(driver.errors())
                    .arg(driver.firstError()));
    }
    cpu.report(report, name);
    *meanFrameBytes = driver.meanFrameBytes();
    const QString how = server.stop();
    if (!how.isEmpty())
        m_context.out << "  atiended: " << how << Qt::endl;
    return true;
}

bool FanoutScenario::runBaseline(int frameBytes)
{
    const LoadOptions &o = m_context.options;
    Report &report = m_context.report;
    const QString name = QStringLiteral("baseline m=%1").arg(m_sessions);
    const int ticks = o.fanoutWarmup + int(o.fanoutSeconds * 1000 / o.fanoutIntervalMs);
    m_context.out << Qt::endl
                  << "== " << name << ": bare Qt WebSockets broadcast of one " << frameBytes
                  << "-byte frame to " << m_sessions << " clients every " << o.fanoutIntervalMs
                  << " ms" << Qt::endl;

    ServerProcess server;
    QString error;
    if (!server.startBaseline(o.serverEnvironment, &error)) {
        report.fail(name, error);
        return false;
    }
    std::vector<ArrivalLog> logs(size_t(m_context.threads.count()));
    std::atomic<qint64> arrivals { 0 };
    SessionPool<FanoutReceiver> pool(m_context.threads);
    const QUrl url = server.url();
    const int threads = m_context.threads.count();
    if (!pool.open(
            m_sessions,
            [&, url, threads](int i) {
                return new FanoutReceiver(url, QString(), &logs[size_t(i % threads)], &arrivals);
            },
            60000, &error)) {
        report.fail(name, error);
        return false;
    }
    BaselineDriver driver(url, frameBytes);
    if (!EventWait::until([&] { return driver.isConnected(); }, 10000)) {
        report.fail(name, QStringLiteral("the driver could not connect to the baseline server"));
        return false;
    }
    EventWait::sleep(300);

    CpuWatch cpu(server.pid());
    cpu.start();
    pace(ticks, o.fanoutIntervalMs, [&] { driver.tick(); });
    EventWait::until([&] { return arrivals.load() >= qint64(ticks) * m_sessions; }, 10000);
    cpu.stop();

    ArrivalLog all;
    pool.run([&](int t, const QList<FanoutReceiver *> &) { all.merge(logs[size_t(t)]); });
    pool.clear();
    const Delivery d = analyse(driver.samples(), o.fanoutWarmup, all, m_sessions);
    report.add(name, QStringLiteral("frames measured"), double(d.last.count()), QString());
    report.add(name, QStringLiteral("bare broadcast at last receiver p50"), d.last.percentileMs(50),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("bare broadcast at last receiver p99"), d.last.percentileMs(99),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("bare broadcast at last receiver max"), d.last.maxMs(),
        QStringLiteral("ms"));
    report.add(name, QStringLiteral("bare broadcast at first receiver p50"),
        d.first.percentileMs(50), QStringLiteral("ms"));
    if (d.incomplete)
        report.add(name, QStringLiteral("frames not seen by every receiver"), double(d.incomplete),
            QString());
    cpu.report(report, name, QStringLiteral("baseline server"));
    server.stop();
    return true;
}

} // namespace Atiende::Bench
