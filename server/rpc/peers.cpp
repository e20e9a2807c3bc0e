#include "peers.h"

#include "server/logging.h"

#include "dispatcher.h"

#include "core/protocol/binaryframe.h"
#include "core/protocol/protocol.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Atiende::Server {

using namespace Atiende::Core::Protocol;

namespace {
// Frames between the protocol limit and this are read, answered with frame_too_large and
// dropped; beyond it the WebSocket layer closes the connection (close code 1009).
constexpr qint64 kHardFrameLimit = 4 * kMaxFrameBytes;
} // namespace

void Peer::push(const QString &frame)
{
    m_peers->sendFrame(*this, frame);
}

void Peer::signedIn()
{
    if (pending) {
        pending = false;
        m_peers->releasePending(address);
    }
    // Signed in: the frame limit of the protocol applies from now on.
    socket->setMaxAllowedIncomingMessageSize(quint64(kHardFrameLimit));
    socket->setMaxAllowedIncomingFrameSize(quint64(kHardFrameLimit));
}

void Peer::endSession(quint16 code, const QString &message)
{
    if (dropping)
        return;
    dropping = true; // nothing more goes out before the close
    // close() may report the disconnection at once, and with it the peer is gone: only the
    // socket, guarded, and what was copied before are touched from there on.
    QPointer<QWebSocket> guarded = socket;
    Peers *peers = m_peers;
    guarded->close(QWebSocketProtocol::CloseCode(code), message);
    QTimer::singleShot(5000, peers, [guarded] {
        if (guarded)
            guarded->abort(); // a peer that never answers the close
    });
}

Peers::Peers(const ServerConfig &config, const Dispatcher &dispatcher, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_dispatcher(dispatcher)
{
    m_clock.start();
    connect(&m_heartbeat, &QTimer::timeout, this, &Peers::onHeartbeat);
    connect(&m_sweep, &QTimer::timeout, this, &Peers::onSweep);
}

Peers::~Peers()
{
    stop();
}

void Peers::serve(QTcpServer *listener)
{
    m_ws = new QWebSocketServer(QStringLiteral("atiended"), QWebSocketServer::NonSecureMode, this);
    m_ws->setMaxPendingConnections(m_config.listenBacklog);
    connect(m_ws, &QWebSocketServer::newConnection, this, &Peers::onWebSocket);
    m_tcp = listener;
    connect(m_tcp, &QTcpServer::newConnection, this, &Peers::onTcpConnection);
    m_heartbeat.start(m_config.heartbeatIntervalMs);
    m_sweep.start(qBound(50, qMin(m_config.handshakeTimeoutMs, m_config.loginTimeoutMs) / 4, 1000));
}

void Peers::stop()
{
    m_heartbeat.stop();
    m_sweep.stop();
    if (m_tcp)
        disconnect(m_tcp, nullptr, this, nullptr);
    m_tcp = nullptr;
    const auto handshaking = m_handshaking;
    for (auto it = handshaking.begin(); it != handshaking.end(); ++it)
        it.key()->abort();
    m_handshaking.clear();
    const auto peers = m_peers;
    m_peers.clear();
    for (auto it = peers.begin(); it != peers.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->close(
            QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
        it.key()->deleteLater();
    }
    m_pendingByAddress.clear();
    m_pendingTotal = 0;
}

bool Peers::admitPending(const QString &address)
{
    const int mine = m_pendingByAddress.value(address);
    bool refuse = mine >= m_config.maxPendingPerAddress;
    if (!refuse && m_pendingTotal >= m_config.maxPendingConnections) {
        // Full: the address holding the most pending connections gives up its oldest, unless
        // that is this one's own. A flood from a few addresses thus cannot keep the others out,
        // while a whole office behind one address reconnecting at once still gets in.
        QString heaviest;
        int most = 0;
        for (auto it = m_pendingByAddress.cbegin(); it != m_pendingByAddress.cend(); ++it) {
            if (it.value() > most) {
                most = it.value();
                heaviest = it.key();
            }
        }
        refuse = heaviest.isEmpty() || most <= mine || !evictOldestPending(heaviest);
    }
    if (refuse) {
        // This one is closed at once, before a byte of it is read.
        qCInfo(lcServer).noquote().nospace()
            << "refusing a connection from " << address << ": " << m_pendingTotal
            << " pending in all, " << mine << " from this address";
        return false;
    }
    m_pendingByAddress[address] += 1;
    ++m_pendingTotal;
    return true;
}

bool Peers::evictOldestPending(const QString &address)
{
    QTcpSocket *oldestHandshake = nullptr;
    qint64 handshakeDeadline = 0;
    for (auto it = m_handshaking.cbegin(); it != m_handshaking.cend(); ++it) {
        if (it->address == address && (!oldestHandshake || it->deadline < handshakeDeadline)) {
            oldestHandshake = it.key();
            handshakeDeadline = it->deadline;
        }
    }
    Peer *oldestPeer = nullptr;
    for (const auto &peer : std::as_const(m_peers)) {
        // Caller ids grow with each upgrade: the smallest is the one that has waited longest.
        if (peer->pending && !peer->dropping && peer->address == address
            && (!oldestPeer || peer->id < oldestPeer->id))
            oldestPeer = peer.get();
    }
    // The one that has waited longest: an upgrade started at deadline - timeout.
    const bool takeHandshake = oldestHandshake
        && (!oldestPeer
            || handshakeDeadline - m_config.handshakeTimeoutMs <= oldestPeer->connectedAt);
    qCInfo(lcServer).noquote() << "pending connections full: closing the oldest of" << address;
    if (takeHandshake) {
        endHandshake(oldestHandshake); // gives its place back now
        oldestHandshake->abort();
        oldestHandshake->deleteLater();
        return true;
    }
    if (!oldestPeer)
        return false; // all of it in TLS handshakes: the newcomer waits its turn instead
    oldestPeer->pending = false;
    releasePending(address);
    dropPeer(
        *oldestPeer, QStringLiteral("the pending connections are full and it has waited longest"));
    return true;
}

void Peers::releasePending(const QString &address)
{
    auto it = m_pendingByAddress.find(address);
    if (it != m_pendingByAddress.end() && --*it <= 0)
        m_pendingByAddress.erase(it);
    m_pendingTotal = qMax(0, m_pendingTotal - 1);
}

void Peers::onTcpConnection()
{
    while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
        const QString address = socket->peerAddress().toString();
        // A TLS connection was counted when its handshake began (TlsListener).
        if (!socket->property("atiende.admitted").toBool() && !admitPending(address)) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // A response and the push that follows it are two small writes: with Nagle's
        // algorithm the second waits for the peer's delayed ACK, up to 40 ms on Linux.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // The upgrade must be done within the handshake deadline (onSweep); a socket that goes
        // away before gives its place back.
        m_handshaking.insert(
            socket, Handshake { m_clock.elapsed() + m_config.handshakeTimeoutMs, address });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (m_handshaking.contains(socket)) {
                endHandshake(socket);
                socket->deleteLater();
            }
        });
        connect(socket, &QObject::destroyed, this, [this, socket] { endHandshake(socket); });
        m_ws->handleConnection(socket);
    }
}

void Peers::endHandshake(QTcpSocket *socket)
{
    // Called with a socket that may be half destroyed: only its pointer is used as a key.
    const auto it = m_handshaking.find(socket);
    if (it == m_handshaking.end())
        return;
    const QString address = it->address;
    m_handshaking.erase(it);
    releasePending(address);
}

void Peers::onWebSocket()
{
    while (QWebSocket *socket = m_ws->nextPendingConnection()) {
        // The upgrade is done: the connection stops being a handshake and becomes a peer, still
        // pending (counted) until it signs in.
        const QString address = socket->peerAddress().toString();
        bool counted = false;
        for (auto it = m_handshaking.begin(); it != m_handshaking.end(); ++it) {
            if (it.key()->peerPort() == socket->peerPort()
                && it.key()->peerAddress() == socket->peerAddress()) {
                m_handshaking.erase(it);
                counted = true;
                break;
            }
        }
        if (!counted && !admitPending(address)) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        if (socket->requestUrl().path() != QLatin1String(kPath)) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                QStringLiteral("unknown path; the WebSocket endpoint is %1")
                    .arg(QLatin1String(kPath)));
            socket->deleteLater();
            releasePending(address);
            continue;
        }
        socket->setParent(this);
        // Before signing in, a peer may send only small messages (hello, auth.*, a survey answer).
        socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxPendingFrameBytes));
        socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxPendingFrameBytes));
        // One frame per message: Qt 6.4's WebSocket client rejects a text message whose
        // fragments split a multi-byte UTF-8 character (close 1007), which big sync pages
        // in Spanish would do at the default 512 KiB fragment size.
        socket->setOutgoingFrameSize(quint64(64) * 1024 * 1024);
        auto peer = std::make_shared<Peer>(this, socket);
        peer->address = address;
        peer->connectedAt = m_clock.elapsed();
        peer->lastSeen = peer->connectedAt;
        m_peers.insert(socket, peer);
        connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { onTextMessage(socket, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray &message) { onBinaryMessage(socket, message); });
        connect(socket, &QWebSocket::pong, this, [this, socket](quint64, const QByteArray &) {
            if (const auto p = m_peers.value(socket))
                p->lastSeen = m_clock.elapsed();
        });
        connect(
            socket, &QWebSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
    }
}

void Peers::onDisconnected(QWebSocket *socket)
{
    const std::shared_ptr<Peer> peer = m_peers.take(socket);
    socket->deleteLater();
    if (!peer)
        return;
    if (peer->pending)
        releasePending(peer->address);
    emit gone(*peer);
}

void Peers::onHeartbeat()
{
    const qint64 now = m_clock.elapsed();
    QList<QWebSocket *> dead;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        const qint64 silent = now - it.value()->lastSeen;
        if (silent >= m_config.heartbeatTimeoutMs)
            dead << it.key();
        else if (silent >= m_config.heartbeatIntervalMs - 1000)
            it.key()->ping();
    }
    for (QWebSocket *s : std::as_const(dead)) {
        qCInfo(lcServer).noquote() << "dropping a silent peer" << s->peerAddress().toString();
        s->abort();
    }
}

void Peers::onSweep()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> late;
    for (auto it = m_handshaking.cbegin(); it != m_handshaking.cend(); ++it) {
        if (it->deadline <= now)
            late << it.key();
    }
    for (QTcpSocket *socket : std::as_const(late)) {
        qCInfo(lcServer).noquote()
            << "closing a connection from" << socket->peerAddress().toString()
            << "that did not finish its upgrade in time";
        endHandshake(socket);
        socket->abort();
        socket->deleteLater();
    }
    QList<QWebSocket *> silent;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        if (it.value()->pending && !it.value()->dropping
            && now - it.value()->connectedAt >= m_config.loginTimeoutMs)
            silent << it.key();
    }
    for (QWebSocket *socket : std::as_const(silent)) {
        if (const auto peer = m_peers.value(socket))
            peer->dropping = true;
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
            QStringLiteral("sign in within %1 s of connecting")
                .arg(m_config.loginTimeoutMs / 1000.0));
        // A peer that does not answer the close handshake is cut on the next sweep's round.
        QTimer::singleShot(
            qMax(1000, m_config.loginTimeoutMs / 4), socket, [socket] { socket->abort(); });
    }
}

void Peers::sendFrame(Peer &peer, const QString &frame)
{
    if (peer.dropping)
        return;
    peer.socket->sendTextMessage(frame);
    checkBacklog(peer, frame.size());
}

void Peers::sendBinary(Peer &peer, const QByteArray &message)
{
    if (peer.dropping)
        return;
    peer.socket->sendBinaryMessage(message);
    checkBacklog(peer, message.size());
}

void Peers::checkBacklog(Peer &peer, qint64 bytes)
{
    // Back-pressure: what a peer does not read piles up in its socket's buffer. Past the limit
    // it is dropped (it reconnects and catches up from its revision) rather than let it take
    // the server's memory. Asking the socket costs about as much as a small push, so it is
    // asked once a sixteenth of the limit has been sent since the last look: a peer can go
    // past its limit by that much at most.
    const qint64 limit = peer.pending ? m_config.maxPendingBacklogBytes : m_config.maxBacklogBytes;
    peer.sentSinceCheck += bytes;
    if (peer.sentSinceCheck < limit / 16)
        return;
    peer.sentSinceCheck = 0;
    if (peer.socket->bytesToWrite() > limit)
        dropPeer(peer,
            QStringLiteral("it has %1 bytes of answers and pushes unread (the limit is %2)")
                .arg(peer.socket->bytesToWrite())
                .arg(limit));
}

void Peers::sendError(Peer &peer, const QJsonValue &id, const RpcError &error)
{
    sendFrame(peer, QString::fromUtf8(JsonRpc::error(id, error)));
}

void Peers::dropPeer(Peer &peer, const QString &why)
{
    if (peer.dropping)
        return;
    peer.dropping = true;
    qCWarning(lcServer).noquote() << "dropping the connection from" << peer.address << "because"
                                  << why;
    QPointer<QWebSocket> socket = peer.socket;
    QMetaObject::invokeMethod(
        this,
        [socket] {
            if (socket)
                socket->abort();
        },
        Qt::QueuedConnection);
}

void Peers::onTextMessage(QWebSocket *socket, const QString &text)
{
    const std::shared_ptr<Peer> peer = m_peers.value(socket);
    if (!peer || peer->dropping)
        return;
    peer->lastSeen = m_clock.elapsed();
    const QByteArray frame = text.toUtf8();
    if (frame.size() > kMaxFrameBytes) {
        sendError(*peer, QJsonValue(QJsonValue::Null),
            JsonRpc::makeError(ErrorCode::FrameTooLarge,
                QStringLiteral("The frame has %1 bytes; the limit is %2.")
                    .arg(frame.size())
                    .arg(kMaxFrameBytes),
                { { QStringLiteral("limit"), double(kMaxFrameBytes) } }));
        return;
    }
    RpcMessage message;
    RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(frame, &message, &error, &id)) {
        sendError(*peer, id, error);
        return;
    }
    switch (message.kind) {
    case RpcMessage::Kind::Request:
        dispatch(peer, message, nullptr);
        break;
    case RpcMessage::Kind::Notification:
        // Clients send no notifications in protocol v1; JSON-RPC says never to answer them.
        qCDebug(lcServer) << "ignoring a notification" << message.method.left(100);
        break;
    case RpcMessage::Kind::Response:
    case RpcMessage::Kind::ErrorResponse:
        sendError(*peer, id,
            JsonRpc::makeError(ErrorCode::InvalidRequest,
                QStringLiteral("The server sends no requests, so it expects no responses.")));
        break;
    }
}

void Peers::dispatch(
    const std::shared_ptr<Peer> &peer, const RpcMessage &message, const BinaryPayload *payload)
{
    // The answer goes to this connection if it is still there when it comes: a text frame, or a
    // binary message when the handler gives bytes (files.read with binary: true).
    const std::weak_ptr<Peer> weak = peer;
    const QJsonValue id = message.id;
    const Reply reply(
        [this, weak, id](const QJsonValue &result, const RpcError *error) {
            if (const auto p = weak.lock())
                sendFrame(*p,
                    QString::fromUtf8(
                        error ? JsonRpc::error(id, *error) : JsonRpc::response(id, result)));
        },
        [this, weak, id](const QJsonValue &result, const QByteArray &bytes) {
            if (const auto p = weak.lock())
                sendBinary(*p, BinaryFrame::make(JsonRpc::response(id, result), bytes));
        });
    m_dispatcher.dispatch(*peer, message.method, message.params, reply, payload);
}

void Peers::onBinaryMessage(QWebSocket *socket, const QByteArray &message)
{
    const std::shared_ptr<Peer> peer = m_peers.value(socket);
    if (!peer || peer->dropping)
        return;
    peer->lastSeen = m_clock.elapsed();
    // The JSON part and one chunk: anything larger is refused as an oversized text frame is.
    const qint64 limit = kMaxBinaryHeaderBytes + m_config.files.chunkBytes;
    if (message.size() > limit) {
        sendError(*peer, QJsonValue(QJsonValue::Null),
            JsonRpc::makeError(ErrorCode::FrameTooLarge,
                QStringLiteral("The binary message has %1 bytes; the limit is %2.")
                    .arg(message.size())
                    .arg(limit),
                { { QStringLiteral("limit"), double(limit) } }));
        return;
    }
    QByteArray header;
    BinaryPayload payload { message, 0 };
    QString why;
    if (!BinaryFrame::split(message, &header, &payload.offset, &why)) {
        sendError(
            *peer, QJsonValue(QJsonValue::Null), JsonRpc::makeError(ErrorCode::ParseError, why));
        return;
    }
    RpcMessage parsed;
    RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(header, &parsed, &error, &id)) {
        sendError(*peer, id, error);
        return;
    }
    if (parsed.kind != RpcMessage::Kind::Request) {
        sendError(*peer, id,
            JsonRpc::makeError(ErrorCode::InvalidRequest,
                QStringLiteral("A binary message carries a request with an id.")));
        return;
    }
    dispatch(peer, parsed, &payload);
}

} // namespace Atiende::Server
