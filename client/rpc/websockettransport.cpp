#include "websockettransport.h"

namespace Atiende::Client {

WebSocketTransport::WebSocketTransport(QObject *parent)
    : Transport(parent)
{
    // Pages of a snapshot are large; the default limits of QWebSocket are not the protocol's.
    m_socket.setMaxAllowedIncomingMessageSize(quint64(256) * 1024 * 1024);
    m_socket.setMaxAllowedIncomingFrameSize(quint64(256) * 1024 * 1024);
    // A file chunk (512 KiB and its JSON) in one frame, not two the server must put together.
    m_socket.setOutgoingFrameSize(quint64(1024) * 1024);
    connect(&m_socket, &QWebSocket::connected, this, &Transport::opened);
    connect(&m_socket, &QWebSocket::disconnected, this,
        [this] { Q_EMIT closed(int(m_socket.closeCode()), m_socket.closeReason()); });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &Transport::textReceived);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &Transport::binaryReceived);
    connect(&m_socket, &QWebSocket::pong, this, [this] { Q_EMIT pong(); });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
        [this](QAbstractSocket::SocketError error) {
            Q_EMIT socketError(error, m_socket.errorString());
        });
    connect(&m_socket, &QWebSocket::sslErrors, this, &Transport::sslErrors);
}

WebSocketTransport::~WebSocketTransport()
{
    m_socket.disconnect(this);
}

void WebSocketTransport::close()
{
    if (m_socket.state() != QAbstractSocket::UnconnectedState) // nothing to say goodbye to
        m_socket.close();
}

} // namespace Atiende::Client
