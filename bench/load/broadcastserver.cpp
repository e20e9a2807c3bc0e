#include "broadcastserver.h"

#include <QTcpSocket>
#include <QWebSocket>

namespace Atiende::Bench {

namespace {
constexpr int kBacklog = 1024; // as atiended's ServerConfig::listenBacklog
}

BroadcastServer::BroadcastServer(QObject *parent)
    : QObject(parent)
    , m_ws(QStringLiteral("atiende-load-baseline"), QWebSocketServer::NonSecureMode)
{
    m_ws.setMaxPendingConnections(kBacklog);
    m_tcp.setListenBacklogSize(kBacklog);
    m_tcp.setMaxPendingConnections(kBacklog);
    connect(&m_tcp, &QTcpServer::newConnection, this, &BroadcastServer::onTcpConnection);
    connect(&m_ws, &QWebSocketServer::newConnection, this, &BroadcastServer::onWebSocket);
}

bool BroadcastServer::listen(QString *error)
{
    if (!m_tcp.listen(QHostAddress::LocalHost, 0)) {
        *error = m_tcp.errorString();
        return false;
    }
    return true;
}

void BroadcastServer::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        // Without TCP_NODELAY a push that follows an unacknowledged one waits for the
        // client's delayed ACK (40 ms on Linux); the floor we compare against must not.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_ws.handleConnection(socket);
    }
}

void BroadcastServer::onWebSocket()
{
    while (QWebSocket *socket = m_ws.nextPendingConnection()) {
        socket->setParent(this);
        m_clients.insert(socket);
        connect(
            socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &frame) {
                for (QWebSocket *client : std::as_const(m_clients)) {
                    if (client != socket)
                        client->sendTextMessage(frame);
                }
            });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
    }
}

} // namespace Atiende::Bench
