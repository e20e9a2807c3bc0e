#pragma once
// The listening socket of an atiended that serves TLS: a QTcpServer whose connections come out
// of nextPendingConnection() (announced by newConnection()) only once their TLS handshake is
// done, as QSslSockets that read and write in the clear from then on, so RpcServer hands them
// to the WebSocket layer as it does plain sockets. Each handshake starts from the context's
// configuration of the moment (a reload applies to new connections only) and must finish
// within a deadline counted from the accept, or the socket is closed; a handshake that fails
// is logged with the peer's address. Handshakes run side by side on the event loop: a slow or
// hostile peer delays nobody else.

#include <QTcpServer>

#include <functional>

namespace Atiende::Server {

class TlsContext;

class TlsListener : public QTcpServer
{
    Q_OBJECT
public:
    TlsListener(const TlsContext *context, int handshakeTimeoutMs, QObject *parent = nullptr);

    int handshakeTimeoutMs() const { return m_handshakeTimeoutMs; }
    // Who may start a handshake: admit(address) at the accept (false: closed at once), and
    // release(address) when the handshake fails. A connection whose handshake succeeds leaves
    // with the property "atiende.admitted" set: its place is the caller's to give back.
    void setAdmission(
        std::function<bool(const QString &)> admit, std::function<void(const QString &)> release)
    {
        m_admit = std::move(admit);
        m_release = std::move(release);
    }
    int handshakesInProgress() const { return m_handshaking; }

Q_SIGNALS:
    // A connection that will not be served: the handshake failed or ran out of time. peer is
    // address:port.
    void handshakeFailed(const QString &peer, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    const TlsContext *m_context;
    int m_handshakeTimeoutMs;
    int m_handshaking = 0;
    std::function<bool(const QString &)> m_admit;
    std::function<void(const QString &)> m_release;
};

} // namespace Atiende::Server
