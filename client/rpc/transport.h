#pragma once
// What RpcConnection needs of the link under it: open, close, send a text frame, ping, and
// be told what happened. The console uses a WebSocket (WebSocketTransport); tests of console
// behaviour put an in-process desk behind it instead (tests/support/fakedesk.h), so what they
// prove does not depend on sockets, a server process or timing. Frames are whole JSON-RPC
// messages as text, or binary messages carrying file bytes after one: framing and id matching
// stay RpcConnection's.

#include <QAbstractSocket>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace Atiende::Client {

class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    // Starts opening; opened() or closed() (often with socketError() too) says how it went.
    // A transport may be opened again after it closed.
    virtual void open(const QUrl &url) = 0;
    // Says goodbye and closes (closed() follows); nothing when not connected at all.
    virtual void close() = 0;
    // Drops the link now, as a lost network would (closed() follows when it was open or opening).
    virtual void abort() = 0;
    virtual bool isOpen() const = 0;
    // One text frame (one JSON-RPC message).
    virtual void sendText(const QString &text) = 0;
    // One binary message (docs/protocol.md, "Binary frames": a length, a JSON-RPC message, file
    // bytes).
    virtual void sendBinary(const QByteArray &message) = 0;
    // A keep-alive probe; pong() answers it.
    virtual void ping() = 0;
    // wss://: the verification errors the handshakes of the next open() may pass with, each for
    // the certificate it names (exactly those; none by default). Nothing without TLS.
    virtual void setIgnoredSslErrors(const QList<QSslError> &errors) { Q_UNUSED(errors) }
    // wss://: the certificate the server showed, from its handshake on (also within sslErrors).
    virtual QSslCertificate peerCertificate() const { return QSslCertificate(); }

Q_SIGNALS:
    void opened();
    void closed(int closeCode, const QString &reason);
    void textReceived(const QString &text);
    void binaryReceived(const QByteArray &message);
    void pong();
    // The link failed: refused, host not found, a TLS handshake... (before or after closed).
    void socketError(QAbstractSocket::SocketError error, const QString &text);
    // wss://: what is wrong with the server's certificate. The handshake fails unless every one
    // was given to setIgnoredSslErrors (it is told either way).
    void sslErrors(const QList<QSslError> &errors);
};

// Makes the transport of a new connection (null: the default, a WebSocket).
using TransportFactory = std::function<std::unique_ptr<Transport>()>;

} // namespace Atiende::Client
