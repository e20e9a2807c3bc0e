#pragma once
// Keeps the console connected and logged in: opens the WebSocket, says hello, resumes the
// session with the stored token (or logs in with the password once and stores the token),
// pings to notice a dead link, and reconnects after a drop with exponential backoff and
// jitter, so a thousand consoles coming back after an outage do not arrive in one wave.
// It stops retrying only for what retrying cannot fix: a wrong password, an expired session
// with no password to renew it, a server that speaks another protocol, or a server whose
// certificate cannot be trusted. Every failed attempt says why (ConnectionFailure).
// wss:// is verified against the system's authorities; a certificate the agent chose to trust
// for this server (TrustedCertificates) passes with exactly the problems accepted then, and
// another one for that server is told apart (CertificateChanged).

#include "connectionfailure.h"
#include "rpc/rpcconnection.h"
#include "trustedcertificates.h"

#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

namespace Atiende::Client {

class TokenStore;

class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Online };
    Q_ENUM(State)

    Connection(QUrl url, QString user, TokenStore *tokens, QObject *parent = nullptr);
    // Over this transport instead of a WebSocket (null: a WebSocket); tests use an in-process desk.
    Connection(QUrl url, QString user, TokenStore *tokens, std::unique_ptr<Transport> transport,
        QObject *parent = nullptr);
    ~Connection() override;

    void setPassword(const QString &password) { m_password = password; }
    // Where the device token of each user and server is kept (docs/protocol.md, auth.login):
    // a lasting store even when the session itself is not remembered. Default: the token store.
    void setDeviceTokenStore(TokenStore *store) { m_deviceTokens = store; }
    QString deviceAccount() const { return QStringLiteral("device:") + tokenAccount(); }
    void setBackoff(int initialMs, int maxMs)
    {
        m_initialBackoffMs = initialMs;
        m_maxBackoffMs = maxMs;
    }
    void setHeartbeat(int intervalMs, int timeoutMs)
    {
        m_heartbeatMs = intervalMs;
        m_heartbeatTimeoutMs = timeoutMs;
    }
    // How long one attempt may take from opening the socket to a started session.
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }
    // The certificate the agent trusts for this server (null: none), before start().
    void setTrustedCertificate(const TrustedCertificates::Entry &entry);

    void start();
    void stop();
    // Drops the link now (as a lost network would) and reconnects after the backoff.
    void dropLink();

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Online; }
    QJsonObject agent() const { return m_agent; }
    // What the server said to hello in this session (protocol, revision, limits).
    QJsonObject serverInfo() const { return m_serverInfo; }
    qint64 agentId() const { return qint64(m_agent.value(QStringLiteral("id")).toDouble()); }
    QString tokenAccount() const { return tokenAccount(m_url, m_user); }
    // The key under which a user's token on a server is stored: user@ws://host:port.
    static QString tokenAccount(const QUrl &server, const QString &user);
    // Why the last attempt failed; null again once a session starts.
    const ConnectionFailure &lastFailure() const { return m_lastFailure; }
    RpcConnection &rpc() { return m_rpc; }
    int reconnectAttempts() const { return m_attempt; }

Q_SIGNALS:
    void stateChanged(Atiende::Client::Connection::State state);
    void sessionStarted(const QJsonObject &agent); // after every successful log-in or resume
    void fatalError(int code, const QString &message); // no more retries until start()
    // Every attempt that did not end in a session: fatal (after fatalError; start() again to
    // retry) or not (a retry is scheduled). Do not destroy the connection in a direct slot.
    void failed(const Atiende::Client::ConnectionFailure &failure);
    void notificationReceived(const QString &method, const QJsonObject &params);

private:
    void setState(State s);
    void openLink();
    void onOpened();
    void onClosed(int closeCode, const QString &reason);
    void finishFailedAttempt();
    void noteFailure(const ConnectionFailure &failure);
    ConnectionFailure failure(ConnectionFailure::Kind kind, const QString &message) const;
    ConnectionFailure serverFailure(
        ConnectionFailure::Kind kind, const Core::Protocol::RpcError &error) const;
    // The sign-in, one step per answer: the stored token (from the token store, which answers
    // when it can), auth.resume with it, else the device token and auth.login.
    void authenticate();
    void authenticateWith(const QString &token);
    void logIn(const QString &endReason, const QString &endMessage);
    void sendLogIn(const QString &device);
    void sessionStartedWith(const QJsonObject &result);
    TokenStore *deviceTokenStore() const { return m_deviceTokens ? m_deviceTokens : m_tokens; }
    void scheduleReconnect();
    void onHeartbeat();
    void onSslErrors(const QList<QSslError> &errors);
    void fail(ConnectionFailure failure);
    void retryLater(const Core::Protocol::RpcError &error);
    void onNotification(const QString &method, const QJsonObject &params);
    void sessionEnded(const QString &reason, const QString &message);

    QUrl m_url;
    QString m_user;
    QString m_password;
    TokenStore *m_tokens;
    TokenStore *m_deviceTokens = nullptr;
    TrustedCertificates::Entry m_trusted;
    RpcConnection m_rpc;
    // auth.ended said the session in use is over (reason, message); the close that follows
    // ends the connection's retries.
    QString m_endedReason;
    QString m_endedMessage;
    State m_state = State::Offline;
    bool m_running = false;
    int m_attempt = 0;
    int m_initialBackoffMs = 500;
    int m_maxBackoffMs = 30000;
    int m_heartbeatMs = 15000;
    int m_heartbeatTimeoutMs = 10000;
    int m_connectTimeoutMs = 20000;
    qint64 m_lastPong = 0;
    QTimer m_reconnectTimer;
    QTimer m_heartbeatTimer;
    QTimer m_connectTimer;
    quint64 m_attemptSerial = 0;
    ConnectionFailure m_attemptFailure; // what went wrong with the attempt under way
    ConnectionFailure m_lastFailure;
    QJsonObject m_agent;
    QJsonObject m_serverInfo;
    QRandomGenerator m_random;
};

} // namespace Atiende::Client
