#pragma once
// Starts a real atiended process for a test: a fresh data folder, `init` or `demo-data`,
// then `serve` on a free loopback port (the server picks it; we read it from its output).
// Stopped by pid when the object goes away.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace Atiende::Test {

class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();

    static QString binary(); // $ATIENDED_BIN

    QString dataDir() const { return m_dir.path(); }
    // atiended init: admin "admin" with this password.
    bool init(const QString &password = QStringLiteral("secret-admin"));
    // atiended demo-data with this many tickets (agent, lead, admin / "demo").
    bool demoData(int tickets = 300, quint32 seed = 7);
    // Runs any sub-command against the data folder; returns its exit code and output.
    int runCommand(const QStringList &args, QString *output = nullptr,
        const QByteArray &password = {}); // password: ATIENDE_PASSWORD

    // The environment serve starts with (the test's by default).
    void setEnvironment(const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
    }
    bool start(
        const QStringList &extraArgs = {}); // serve; waits until it listens (ws:// or wss://)
    void stop(); // SIGTERM, then SIGKILL if it lingers
    void kill(); // SIGKILL now: a crash
    // SIGHUP: reload the certificate (Unix only; false elsewhere).
    bool reload();
    // Waits until the output since start() matches, and returns the match (empty: it did not).
    QString waitForOutput(const QString &pattern, int timeoutMs = 10000);
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }
    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QString log() const { return m_log; }
    // Everything the server has printed so far, while it runs.
    QString readLog();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
    QString m_log;
    quint16 m_lastPort = 0;
};

} // namespace Atiende::Test
