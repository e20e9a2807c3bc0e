#include "rpcconnection.h"

#include "core/protocol/protocol.h"

namespace Atiende::Client {

using namespace Atiende::Core::Protocol;

RpcConnection::RpcConnection(QObject *parent)
    : QObject(parent)
{
    // Pages of a snapshot are large; the default limits of QWebSocket are not the protocol's.
    m_socket.setMaxAllowedIncomingMessageSize(quint64(256) * 1024 * 1024);
    m_socket.setMaxAllowedIncomingFrameSize(quint64(256) * 1024 * 1024);
    connect(&m_socket, &QWebSocket::connected, this, &RpcConnection::opened);
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        failPending(QStringLiteral("The connection to the server closed."));
        Q_EMIT closed(int(m_socket.closeCode()), m_socket.closeReason());
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RpcConnection::onText);
    connect(&m_socket, &QWebSocket::pong, this, [this] { Q_EMIT pongReceived(); });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) { Q_EMIT socketError(error, m_socket.errorString()); });
    connect(&m_socket, &QWebSocket::sslErrors, this, &RpcConnection::sslErrors);
}

RpcConnection::~RpcConnection()
{
    m_socket.disconnect(this);
    m_pending.clear();
}

void RpcConnection::open(const QUrl &url) { m_socket.open(url); }
void RpcConnection::close()
{
    if (m_socket.state() != QAbstractSocket::UnconnectedState) // nothing to say goodbye to
        m_socket.close();
}
void RpcConnection::abort() { m_socket.abort(); }

qint64 RpcConnection::call(const QString &method, const QJsonObject &params, Callback cb)
{
    const qint64 id = m_nextId++;
    if (!isOpen()) {
        if (cb) {
            RpcReply r;
            r.error = JsonRpc::makeError(ErrorCode::InternalError, QStringLiteral("Not connected to the server."));
            cb(r);
        }
        return id;
    }
    if (cb)
        m_pending.insert(id, std::move(cb));
    m_socket.sendTextMessage(QString::fromUtf8(JsonRpc::request(double(id), method, params)));
    return id;
}

void RpcConnection::sendText(const QString &text) { m_socket.sendTextMessage(text); }

void RpcConnection::onText(const QString &text)
{
    const QByteArray frame = text.toUtf8();
    RpcMessage m;
    RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(frame, &m, &error, &id)) {
        Q_EMIT strayMessage(frame);
        return;
    }
    if (m.kind == RpcMessage::Kind::Notification) {
        Q_EMIT notificationReceived(m.method, m.params);
        return;
    }
    if (m.kind != RpcMessage::Kind::Response && m.kind != RpcMessage::Kind::ErrorResponse) {
        Q_EMIT strayMessage(frame);
        return;
    }
    const auto it = m.id.isDouble() ? m_pending.find(qint64(m.id.toDouble())) : m_pending.end();
    if (it == m_pending.end()) {
        Q_EMIT strayMessage(frame);
        return;
    }
    Callback cb = std::move(*it);
    m_pending.erase(it);
    RpcReply r;
    r.ok = m.kind == RpcMessage::Kind::Response;
    r.result = m.result;
    r.error = m.error;
    cb(r);
}

void RpcConnection::failPending(const QString &why)
{
    const auto pending = std::exchange(m_pending, {});
    for (const Callback &cb : pending) {
        RpcReply r;
        r.error = JsonRpc::makeError(ErrorCode::InternalError, why);
        cb(r);
    }
}

} // namespace Atiende::Client
