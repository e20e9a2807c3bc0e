#include "rpcconnection.h"

#include "websockettransport.h"

#include "core/protocol/binaryframe.h"
#include "core/protocol/protocol.h"

namespace Atiende::Client {

using namespace Atiende::Core::Protocol;

RpcConnection::RpcConnection(QObject *parent)
    : RpcConnection(nullptr, parent)
{
}

RpcConnection::RpcConnection(std::unique_ptr<Transport> transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport ? std::move(transport) : std::make_unique<WebSocketTransport>())
{
    connect(m_transport.get(), &Transport::opened, this, &RpcConnection::opened);
    connect(
        m_transport.get(), &Transport::closed, this, [this](int closeCode, const QString &reason) {
            failPending(QStringLiteral("The connection to the server closed."));
            Q_EMIT closed(closeCode, reason);
        });
    connect(m_transport.get(), &Transport::textReceived, this, &RpcConnection::onText);
    connect(m_transport.get(), &Transport::binaryReceived, this, &RpcConnection::onBinary);
    connect(m_transport.get(), &Transport::pong, this, &RpcConnection::pongReceived);
    connect(m_transport.get(), &Transport::socketError, this, &RpcConnection::socketError);
    connect(m_transport.get(), &Transport::sslErrors, this, &RpcConnection::sslErrors);
}

RpcConnection::~RpcConnection()
{
    m_transport->disconnect(this);
    m_pending.clear();
}

void RpcConnection::open(const QUrl &url)
{
    m_transport->open(url);
}
void RpcConnection::close()
{
    m_transport->close();
}
void RpcConnection::abort()
{
    m_transport->abort();
}

qint64 RpcConnection::call(const QString &method, const QJsonObject &params, Callback cb)
{
    return send(JsonRpc::request(double(m_nextId), method, params), std::move(cb));
}

qint64 RpcConnection::callWithJson(const QString &method, const QByteArray &paramsJson, Callback cb)
{
    QByteArray frame;
    frame.reserve(paramsJson.size() + method.size() + 64);
    frame += R"({"id":)";
    frame += QByteArray::number(m_nextId);
    frame += R"(,"jsonrpc":"2.0","method":)";
    frame += JsonRpc::quoted(method);
    frame += R"(,"params":)";
    frame += paramsJson;
    frame += '}';
    return send(frame, std::move(cb));
}

qint64 RpcConnection::callBinary(
    const QString &method, const QJsonObject &params, QByteArrayView bytes, Callback cb)
{
    return send(BinaryFrame::make(JsonRpc::request(double(m_nextId), method, params), bytes),
        std::move(cb), true);
}

qint64 RpcConnection::send(const QByteArray &frame, Callback cb, bool binary)
{
    const qint64 id = m_nextId++;
    if (!isOpen()) {
        if (cb) {
            RpcReply r;
            r.error = JsonRpc::makeError(
                ErrorCode::InternalError, QStringLiteral("Not connected to the server."));
            cb(r);
        }
        return id;
    }
    if (cb)
        m_pending.insert(id, std::move(cb));
    if (binary)
        m_transport->sendBinary(frame);
    else
        m_transport->sendText(QString::fromUtf8(frame));
    return id;
}

void RpcConnection::sendText(const QString &text)
{
    m_transport->sendText(text);
}

void RpcConnection::sendBinary(const QByteArray &message)
{
    m_transport->sendBinary(message);
}

void RpcConnection::onText(const QString &text)
{
    onFrame(text.toUtf8(), QByteArray());
}

void RpcConnection::onBinary(const QByteArray &message)
{
    QByteArray header;
    qsizetype offset = 0;
    QString why;
    if (!BinaryFrame::split(message, &header, &offset, &why)) {
        Q_EMIT strayMessage(message);
        return;
    }
    onFrame(QByteArray(header.constData(), header.size()), message.sliced(offset));
}

void RpcConnection::onFrame(const QByteArray &frame, const QByteArray &bytes)
{
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
    r.bytes = bytes;
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
