#pragma once
// The console side of the protocol: JSON-RPC requests over one link to atiended (a WebSocket
// unless another Transport is given), matched to their responses by id, server notifications
// passed on as signals. No policy here (login, reconnects, sync): those build on top of it.

#include "core/protocol/jsonrpc.h"
#include "transport.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace Atiende::Client {

struct RpcReply
{
    bool ok = false;
    QJsonValue result;
    Core::Protocol::RpcError
        error; // when !ok; code InternalError and a message for transport failures
    QJsonObject object() const { return result.toObject(); }
    QByteArray bytes; // the file bytes of a binary answer (files.read with binary: true)
};

class RpcConnection : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const RpcReply &)>;

    // Over a WebSocket.
    explicit RpcConnection(QObject *parent = nullptr);
    // Over this transport (null: a WebSocket).
    explicit RpcConnection(std::unique_ptr<Transport> transport, QObject *parent = nullptr);
    ~RpcConnection() override;

    void open(const QUrl &url);
    void close();
    void abort();
    bool isOpen() const { return m_transport->isOpen(); }

    // Sends a request; cb runs once with its response, or with an error if the connection
    // closes first. Returns the request id.
    qint64 call(const QString &method, const QJsonObject &params, Callback cb = {});
    // The same with params already written as a compact JSON object, for large ones the caller
    // can write faster than QJsonDocument (a file chunk: names and base64 need no escaping).
    // paramsJson must be one valid JSON object.
    qint64 callWithJson(const QString &method, const QByteArray &paramsJson, Callback cb = {});
    // Sends a request as a binary message with bytes after it (docs/protocol.md, "Binary
    // frames": files.upload.chunk without data). cb as for call(); an answer that is a binary
    // message gives its bytes in RpcReply::bytes.
    qint64 callBinary(
        const QString &method, const QJsonObject &params, QByteArrayView bytes, Callback cb = {});
    // Sends any text as one frame (for tests of malformed input).
    void sendText(const QString &text);
    // Sends any bytes as one binary message (for tests of malformed input).
    void sendBinary(const QByteArray &message);
    int pendingCalls() const { return int(m_pending.size()); }
    // A WebSocket ping; pongReceived answers it.
    void ping() { m_transport->ping(); }
    // wss://: the verification errors the handshakes of the next open() may pass with, each
    // for the certificate it names (exactly those; none by default).
    void setIgnoredSslErrors(const QList<QSslError> &errors)
    {
        m_transport->setIgnoredSslErrors(errors);
    }
    // wss://: the certificate the server showed, from its handshake on (also within sslErrors).
    QSslCertificate peerCertificate() const { return m_transport->peerCertificate(); }

Q_SIGNALS:
    void opened();
    void closed(int closeCode, const QString &reason);
    void notificationReceived(const QString &method, const QJsonObject &params);
    // A frame that is not a response to a pending call nor a notification.
    void strayMessage(const QByteArray &frame);
    void pongReceived();
    // The socket failed: refused, host not found, a TLS handshake... (before or after closed).
    void socketError(QAbstractSocket::SocketError error, const QString &text);
    // wss://: what is wrong with the server's certificate. The handshake fails unless every one
    // was given to setIgnoredSslErrors (it is told either way).
    void sslErrors(const QList<QSslError> &errors);

private:
    // The frame carries id m_nextId; binary: it is a binary message.
    qint64 send(const QByteArray &frame, Callback cb, bool binary = false);
    void onText(const QString &text);
    void onBinary(const QByteArray &message);
    // A response (or anything else) of a text frame or a binary message's JSON part.
    void onFrame(const QByteArray &frame, const QByteArray &bytes);
    void failPending(const QString &why);

    std::unique_ptr<Transport> m_transport;
    qint64 m_nextId = 1;
    QHash<qint64, Callback> m_pending;
};

} // namespace Atiende::Client
