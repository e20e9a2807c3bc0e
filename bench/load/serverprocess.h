#pragma once
// A server the load tool starts and stops itself: atiended on a fresh data folder, or this
// tool again in --baseline-server mode (the bare broadcast server). Both listen on 127.0.0.1
// port 0 and say their URL on stdout. The child dies with the load tool, so an aborted run
// leaves no server behind.

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Atiende::Bench {

class ServerProcess
{
public:
    ServerProcess();
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    // Makes a data folder under dataParent (the system's temporary folder when empty), runs
    // `atiended init` there with user and password, then serves it.
    bool startAtiended(const QString &program, const QString &user, const QString &password,
        const QString &dataParent, const QProcessEnvironment &environment, QString *error);
    // Starts this program as the bare Qt WebSockets broadcast server.
    bool startBaseline(const QProcessEnvironment &environment, QString *error);

    QUrl url() const { return m_url; }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // SIGTERM, then SIGKILL if it has not ended after timeoutMs. Returns a line describing
    // how it ended ("exit 0 after 12 ms"), for the log.
    QString stop(int timeoutMs = 5000);

private:
    bool launch(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment, QString *error);
    static void prepare(QProcess &process);

    QProcess m_process;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QUrl m_url;
};

} // namespace Atiende::Bench
