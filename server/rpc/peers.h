#pragma once
// The WebSocket front: the connection side of atiended's protocol server. It takes sockets from
// the listener RpcServer gives it (a QTcpServer, or a TlsListener), upgrades them on /ws, and
// keeps one Peer per connection with what bounds it: the pending connections (accepted, not
// signed in) counted per address and in all, with the oldest of the heaviest address giving
// way when full; the handshake and sign-in deadlines (one sweep timer); the frame limits
// (small before signing in); back-pressure on everything sent (sendFrame); the heartbeat. Each
// text frame is parsed as JSON-RPC and its request handed to the Dispatcher with a Reply that
// comes back here; so is the JSON part of a binary message (files.upload.chunk, files.read),
// with its bytes beside it.

#include "callcontext.h"
#include "serverconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace Atiende::Server {

class Dispatcher;
class Peers;

// One WebSocket connection and the caller on it.
class Peer final : public CallContext
{
public:
    Peer(Peers *peers, QWebSocket *socket)
        : socket(socket)
        , m_peers(peers)
    {
    }

    QWebSocket *const socket;
    bool pending = true; // not signed in yet: counted among the pending connections
    bool dropping = false; // being dropped: nothing more is sent to it
    qint64 sentSinceCheck = 0; // characters sent since its backlog was last looked at
    qint64 connectedAt = 0; // Peers' clock at the upgrade
    qint64 lastSeen = 0;

    void push(const QString &frame) override;
    bool closing() const override { return dropping; }
    void signedIn() override;
    void endSession(quint16 code, const QString &message) override;

private:
    Peers *m_peers;
};

class Peers : public QObject
{
    Q_OBJECT
public:
    Peers(const ServerConfig &config, const Dispatcher &dispatcher, QObject *parent = nullptr);
    ~Peers() override;

    // Serves the connections of listener (listening or about to; not owned). Starts the
    // heartbeat and the sweep of pending connections.
    void serve(QTcpServer *listener);
    // Closes every connection (going away) and stops the timers; nothing is reported gone.
    void stop();

    int count() const { return int(m_peers.size()); }

    // Pending connections (accepted, not signed in), counted per address. TlsListener asks for
    // a place when a handshake begins and gives it back when one fails.
    bool admitPending(const QString &address);
    void releasePending(const QString &address);

    // Every frame goes out here: a peer past its backlog limit is dropped.
    void sendFrame(Peer &peer, const QString &frame);
    // The same for a binary message (docs/protocol.md, "Binary frames").
    void sendBinary(Peer &peer, const QByteArray &message);

signals:
    // The connection closed; the peer goes once the connected slots return.
    void gone(Atiende::Server::CallContext &caller);

private:
    friend class Peer;
    void onTcpConnection();
    void onWebSocket();
    void onTextMessage(QWebSocket *socket, const QString &text);
    void onBinaryMessage(QWebSocket *socket, const QByteArray &message);
    // A request of a text or binary message (payload) to the dispatcher, its answer back here.
    void dispatch(const std::shared_ptr<Peer> &peer, const Core::Protocol::RpcMessage &message,
        const BinaryPayload *payload);
    // After a message of `bytes` went out to peer: drops it when past its backlog limit.
    void checkBacklog(Peer &peer, qint64 bytes);
    void onDisconnected(QWebSocket *socket);
    void onHeartbeat();
    void onSweep();
    bool evictOldestPending(const QString &address);
    void endHandshake(QTcpSocket *socket);
    void sendError(Peer &peer, const QJsonValue &id, const Core::Protocol::RpcError &error);
    // Drops a peer that does not read what it is sent (its backlog over the limit). Deferred:
    // safe inside loops over the peers.
    void dropPeer(Peer &peer, const QString &why);

    const ServerConfig &m_config;
    const Dispatcher &m_dispatcher;
    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_ws = nullptr;
    QHash<QWebSocket *, std::shared_ptr<Peer>> m_peers;
    struct Handshake
    {
        qint64 deadline = 0; // m_clock time by which the upgrade must be done
        QString address;
    };
    QHash<QTcpSocket *, Handshake> m_handshaking;
    QHash<QString, int> m_pendingByAddress;
    int m_pendingTotal = 0;
    QTimer m_heartbeat;
    QTimer m_sweep; // deadlines of pending connections
    QElapsedTimer m_clock;
};

} // namespace Atiende::Server
