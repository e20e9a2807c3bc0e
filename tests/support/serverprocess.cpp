#include "serverprocess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QtTest/QTest>

#if defined(Q_OS_UNIX)
#include <csignal>
#endif

namespace Atiende::Test {

namespace {
// In the sanitizer build (./dev.sh test-asan) a report in the server must fail the test that
// started it, not scroll by in a child's output: ASan and LSan reports, UBSan's runtime errors.
// A test can end a server in ways (SIGTERM at teardown, a crash it provokes) where the exit
// code says nothing, so the output is what is read.
void failOnSanitizerReport(const QString &what, const QString &output)
{
    static const QRegularExpression report(
        QStringLiteral("ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: "
                       "UndefinedBehaviorSanitizer|: runtime error: "));
    if (report.match(output).hasMatch())
        qFatal("a sanitizer reported a problem in atiended %s:\n%s", qPrintable(what),
            qPrintable(output));
}
} // namespace

ServerProcess::ServerProcess()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
}

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::binary()
{
    const QString bin = qEnvironmentVariable("ATIENDED_BIN");
    if (bin.isEmpty())
        qFatal("ATIENDED_BIN is not set: run the tests through CTest");
    return bin;
}

int ServerProcess::runCommand(const QStringList &args, QString *output, const QByteArray &password)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!password.isEmpty())
        env.insert(QStringLiteral("ATIENDE_PASSWORD"), QString::fromUtf8(password));
    p.setProcessEnvironment(env);
    p.start(binary(), args + QStringList { QStringLiteral("--data"), m_dir.path() });
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    const QString out = QString::fromUtf8(p.readAll());
    failOnSanitizerReport(args.join(QLatin1Char(' ')), out);
    if (output)
        *output = out;
    if (p.exitCode() != 0)
        qWarning().noquote() << "atiended" << args.join(QLatin1Char(' ')) << "failed:" << out;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool ServerProcess::init(const QString &password)
{
    return runCommand({ QStringLiteral("init"), QStringLiteral("--user"), QStringLiteral("admin"),
                          QStringLiteral("--name"), QStringLiteral("Ada Admin") },
               nullptr, password.toUtf8())
        == 0;
}

bool ServerProcess::demoData(int tickets, quint32 seed)
{
    return runCommand({ QStringLiteral("demo-data"), QStringLiteral("--tickets"),
               QString::number(tickets), QStringLiteral("--seed"), QString::number(seed) })
        == 0;
}

bool ServerProcess::start(const QStringList &extraArgs)
{
    // A server of this object that ended by itself may have said why.
    if (m_process.state() == QProcess::NotRunning)
        failOnSanitizerReport(
            QStringLiteral("serve"), m_log + QString::fromUtf8(m_process.readAll()));
    m_log.clear();
    // Restarting reuses the port, so consoles reconnect to the same address.
    const QString listen = QStringLiteral("127.0.0.1:%1").arg(m_lastPort);
    m_process.start(binary(),
        QStringList { QStringLiteral("serve"), QStringLiteral("--data"), m_dir.path(),
            QStringLiteral("--listen"), listen }
            + extraArgs);
    if (!m_process.waitForStarted(10000))
        return false;
    static const QRegularExpression re(QStringLiteral("listening on (wss?://\\S+)"));
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(100) && m_process.state() != QProcess::Running)
            break;
        m_log += QString::fromUtf8(m_process.readAll());
        const auto match = re.match(m_log);
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            m_lastPort = quint16(m_url.port());
            return true;
        }
    }
    m_log += QString::fromUtf8(m_process.readAll());
    failOnSanitizerReport(QStringLiteral("serve"), m_log);
    qWarning().noquote() << "atiended did not start:" << m_log;
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // Also when it had already ended by itself: what it said last is still to be read.
    m_log += QString::fromUtf8(m_process.readAll());
    failOnSanitizerReport(QStringLiteral("serve"), m_log);
}

QString ServerProcess::readLog()
{
    m_log += QString::fromUtf8(m_process.readAll());
    return m_log;
}

bool ServerProcess::reload()
{
#if defined(Q_OS_UNIX)
    return m_process.state() == QProcess::Running
        && ::kill(pid_t(m_process.processId()), SIGHUP) == 0;
#else
    return false;
#endif
}

QString ServerProcess::waitForOutput(const QString &pattern, int timeoutMs)
{
    const QRegularExpression re(pattern);
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_log += QString::fromUtf8(m_process.readAll());
        const auto match = re.match(m_log);
        if (match.hasMatch())
            return match.captured(0);
        if (deadline.hasExpired() || m_process.state() != QProcess::Running)
            return QString();
        m_process.waitForReadyRead(50);
        QCoreApplication::processEvents();
    }
}

void ServerProcess::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    m_log += QString::fromUtf8(m_process.readAll());
    failOnSanitizerReport(QStringLiteral("serve"), m_log);
}

} // namespace Atiende::Test
