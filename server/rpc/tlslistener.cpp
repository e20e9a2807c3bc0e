#include "tlslistener.h"

#include "server/logging.h"

#include "tlscontext.h"

#include <QHostAddress>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

#include <memory>

namespace Atiende::Server {

namespace {
// 203.0.113.7:51234 or [2001:db8::7]:51234; an IPv4 peer of a dual-stack listener as IPv4.
QString peerText(const QAbstractSocket *socket)
{
    const QHostAddress address = socket->peerAddress();
    bool v4 = false;
    const quint32 ipv4 = address.toIPv4Address(&v4);
    QString host = v4 ? QHostAddress(ipv4).toString() : address.toString();
    if (!v4 && address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(socket->peerPort());
}
} // namespace

TlsListener::TlsListener(const TlsContext *context, int handshakeTimeoutMs, QObject *parent)
    : QTcpServer(parent)
    , m_context(context)
    , m_handshakeTimeoutMs(handshakeTimeoutMs)
{
}

void TlsListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcTls).noquote()
            << "cannot take an incoming connection:" << socket->errorString();
        delete socket;
        return;
    }
    const QString address = socket->peerAddress().toString();
    if (m_admit && !m_admit(address)) {
        socket->abort();
        delete socket;
        return;
    }
    socket->setProperty("atiende.admitted", bool(m_admit));
    // The handshake is a few small writes each way: Nagle's algorithm would only slow it down.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSslConfiguration(m_context->configuration());
    const QString peer = peerText(socket);
    ++m_handshaking;

    // Settled once: served (encrypted) or dropped (an error, the peer leaving, the deadline).
    auto settled = std::make_shared<bool>(false);
    auto *deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    auto drop = [this, socket, deadline, peer, settled, address](const QString &reason) {
        if (*settled)
            return;
        *settled = true;
        --m_handshaking;
        if (m_release)
            m_release(address);
        deadline->stop();
        socket->disconnect(this);
        qCInfo(lcTls).noquote() << "TLS handshake with" << peer << "failed:" << reason;
        Q_EMIT handshakeFailed(peer, reason);
        socket->abort();
        socket->deleteLater();
    };
    connect(deadline, &QTimer::timeout, this, [this, drop] {
        drop(QStringLiteral("not finished within %1 s; closed").arg(m_handshakeTimeoutMs / 1000.0));
    });
    connect(socket, &QAbstractSocket::errorOccurred, this,
        [socket, drop](QAbstractSocket::SocketError) { drop(socket->errorString()); });
    connect(socket, &QAbstractSocket::disconnected, this,
        [drop] { drop(QStringLiteral("the peer closed the connection")); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket, deadline, settled] {
        if (*settled)
            return;
        *settled = true;
        --m_handshaking;
        socket->disconnect(this);
        deadline->deleteLater();
        qCDebug(lcTls).noquote() << socket->sessionCipher().protocolString()
                                 << socket->sessionCipher().name() << "with" << peerText(socket);
        addPendingConnection(socket);
        Q_EMIT newConnection(); // QTcpServer announced it at the accept, when it was not ready
    });
    deadline->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

} // namespace Atiende::Server
