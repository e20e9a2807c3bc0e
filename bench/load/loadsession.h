#pragma once
// One simulated console: an RpcConnection that says hello and then resumes a session with a
// token (cheap: what most consoles do when they connect) or logs in (Argon2: once per run,
// to get the token). Lives on the thread that created it.

#include "client/rpc/rpcconnection.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace Atiende::Bench {

class LoadSession : public QObject
{
    Q_OBJECT
public:
    struct Credentials
    {
        QString token; // auth.resume when set
        QString user; // auth.login otherwise
        QString password;
    };

    LoadSession(QUrl url, Credentials credentials, QObject *parent = nullptr);
    ~LoadSession() override;

    // Connects and authenticates; ready() or failed() follows.
    void open();
    // Drops the socket without a close handshake, as a network failure would.
    void abort();
    void close();

    bool isReady() const { return m_ready; }
    QString token() const { return m_credentials.token; }
    qint64 agentId() const { return m_agentId; }
    // When the last open() began and when it became ready (BenchClock ns).
    qint64 openedAtNs() const { return m_openedAtNs; }
    qint64 readyAtNs() const { return m_readyAtNs; }

    Client::RpcConnection &rpc() { return *m_rpc; }

Q_SIGNALS:
    void ready();
    void failed(const QString &why);
    // The connection closed while the session was in use (not by abort() or close()).
    void dropped();
    void notificationReceived(const QString &method, const QJsonObject &params);

private:
    void onOpened();
    void onAuthenticated(const Client::RpcReply &reply);
    void fail(const QString &why);

    QUrl m_url;
    Credentials m_credentials;
    std::unique_ptr<Client::RpcConnection> m_rpc;
    bool m_ready = false;
    bool m_closing = false;
    qint64 m_agentId = 0;
    qint64 m_openedAtNs = 0;
    qint64 m_readyAtNs = 0;
};

} // namespace Atiende::Bench
