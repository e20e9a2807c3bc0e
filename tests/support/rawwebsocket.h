#pragma once
// A WebSocket client that behaves badly on purpose, for tests of the server's limits: it can
// stop half way through the upgrade, send frames without ever reading the answers (its read
// buffer is kept small, so the server's writes back up), or send whatever bytes it likes.
// Written against RFC 6455 directly; frames it sends are masked as a client's must be.

#include <QByteArray>
#include <QTcpSocket>
#include <QUrl>

namespace Atiende::Test {

class RawWebSocket
{
public:
    RawWebSocket();

    // TCP only; from this local address when given (any 127.x.y.z on Linux: another "client").
    bool connectTcp(const QUrl &url, int timeoutMs = 5000, const QString &from = QString());
    // Sends the first part of an upgrade request and stops there.
    void sendHalfUpgrade(const QUrl &url);
    // The whole upgrade; true when the server answered 101.
    bool upgrade(const QUrl &url, int timeoutMs = 5000);
    // A masked text frame.
    void sendText(const QByteArray &text);
    // Reads one text frame (for the hello and log-in of a client that stops reading later).
    QByteArray readText(int timeoutMs = 5000);
    // Stops taking bytes from the kernel beyond a few KiB: what the server sends piles up there
    // and then in the server.
    void stopReading();

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    // Waits until the server closed the TCP connection.
    bool waitDisconnected(int timeoutMs);
    void abort() { m_socket.abort(); }

private:
    QTcpSocket m_socket;
    QByteArray m_pending;
};

// The resident memory of a process in KiB, from /proc (Linux); -1 elsewhere.
qint64 residentKiB(qint64 pid);

} // namespace Atiende::Test
