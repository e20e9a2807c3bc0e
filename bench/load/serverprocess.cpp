#include "serverprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Atiende::Bench {

namespace {
constexpr int kStartTimeoutMs = 15000;
}

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess()
{
    stop();
}

void ServerProcess::prepare(QProcess &process)
{
    process.setProcessChannelMode(
        QProcess::ForwardedErrorChannel); // its warnings belong in our log
#if defined(Q_OS_LINUX)
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
}

bool ServerProcess::startAtiended(const QString &program, const QString &user,
    const QString &password, const QString &dataParent, const QProcessEnvironment &environment,
    QString *error)
{
    m_dataDir = dataParent.isEmpty()
        ? std::make_unique<QTemporaryDir>()
        : std::make_unique<QTemporaryDir>(
            QDir(dataParent).filePath(QStringLiteral("atiende-load-XXXXXX")));
    if (!m_dataDir->isValid()) {
        *error = QStringLiteral("cannot create a data folder: %1").arg(m_dataDir->errorString());
        return false;
    }
    QProcess init;
    prepare(init);
    QProcessEnvironment env = environment;
    env.insert(QStringLiteral("ATIENDE_PASSWORD"), password);
    init.setProcessEnvironment(env);
    init.start(program,
        { QStringLiteral("init"), QStringLiteral("--data"), m_dataDir->path(),
            QStringLiteral("--user"), user });
    if (!init.waitForFinished(kStartTimeoutMs) || init.exitStatus() != QProcess::NormalExit
        || init.exitCode() != 0) {
        *error = QStringLiteral("`%1 init` failed (%2)").arg(program, init.errorString());
        init.kill();
        init.waitForFinished(1000);
        return false;
    }
    return launch(program,
        { QStringLiteral("--data"), m_dataDir->path(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:0") },
        environment, error);
}

bool ServerProcess::startBaseline(const QProcessEnvironment &environment, QString *error)
{
    return launch(QCoreApplication::applicationFilePath(), { QStringLiteral("--baseline-server") },
        environment, error);
}

bool ServerProcess::launch(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &environment, QString *error)
{
    prepare(m_process);
    m_process.setProcessEnvironment(environment);
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(kStartTimeoutMs)) {
        *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    // Wait for the "... listening on ws://127.0.0.1:PORT/ws ..." line.
    static const QRegularExpression listening(QStringLiteral("listening on (ws://\\S+)"));
    QElapsedTimer clock;
    clock.start();
    QByteArray seen;
    while (clock.elapsed() < kStartTimeoutMs) {
        if (!m_process.canReadLine()
            && !m_process.waitForReadyRead(int(kStartTimeoutMs - clock.elapsed()))) {
            if (m_process.state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            seen += line.toUtf8() + '\n';
            const QRegularExpressionMatch m = listening.match(line);
            if (m.hasMatch()) {
                m_url = QUrl(m.captured(1));
                // Nothing else it prints matters; drop it so the pipe never fills up.
                QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                    [this] { m_process.readAllStandardOutput(); });
                return true;
            }
        }
    }
    *error = QStringLiteral("%1 did not say where it listens within %2 s; its output: %3")
                 .arg(program)
                 .arg(kStartTimeoutMs / 1000)
                 .arg(QString::fromUtf8(seen).trimmed());
    stop(1000);
    return false;
}

QString ServerProcess::stop(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return QString();
    QElapsedTimer clock;
    clock.start();
    m_process.terminate(); // SIGTERM: atiended finishes queued writes and closes its sessions
    QString how;
    if (m_process.waitForFinished(timeoutMs)) {
        how = m_process.exitStatus() == QProcess::NormalExit
            ? QStringLiteral("exit %1 after %2 ms").arg(m_process.exitCode()).arg(clock.elapsed())
            : QStringLiteral("ended by a signal after %1 ms").arg(clock.elapsed());
    } else {
        m_process.kill();
        m_process.waitForFinished(2000);
        how = QStringLiteral("did not stop within %1 ms of SIGTERM; killed").arg(timeoutMs);
    }
    m_url.clear();
    return how;
}

} // namespace Atiende::Bench
