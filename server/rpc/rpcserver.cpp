#include "rpcserver.h"

#include "server/admin/adminops.h"
#include "server/auth/passwordchecks.h"
#include "server/auth/passwordhasher.h"
#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/kpisource.h"
#include "server/rpc/tlscontext.h"
#include "server/satisfaction/autocloseengine.h"
#include "server/sla/slaclock.h"
#include "server/sla/slaengine.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"
#include "core/routing/assignment.h"
#include "core/protocol/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

Q_LOGGING_CATEGORY(lcServer, "atiende.server")

namespace Atiende::Server {

using namespace Atiende::Core::Protocol;
namespace Timestamp = Core::Timestamp;

namespace {
// Frames between the protocol limit and this are read, answered with frame_too_large and
// dropped; beyond it the WebSocket layer closes the connection (close code 1009).
constexpr qint64 kHardFrameLimit = 4 * kMaxFrameBytes;
// Back-pressure: a console replaying a long outbox pipelines requests, but one peer must not
// fill the server's memory, nor all of them the writer's queue.
constexpr int kMaxInFlightPerPeer = 2000;
constexpr int kMaxQueuedWrites = 50000;
} // namespace

RpcServer::RpcServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_tokenThrottle(FailureBackoff::Policy{10, 1000, 5 * 60 * 1000, 30 * 60 * 1000})
{
    m_clock.start();
    connect(&m_heartbeat, &QTimer::timeout, this, &RpcServer::onHeartbeat);
    connect(&m_sweep, &QTimer::timeout, this, &RpcServer::onSweep);
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &RpcServer::onSessionsExpired);
    connect(&m_prune, &QTimer::timeout, this, &RpcServer::pruneSessions);
}

RpcServer::~RpcServer() { stop(); }

bool RpcServer::start(QString *error)
{
    if (!startTls(error)) // a bad certificate or key is refused before anything starts
        return false;
    {
        // Before the writer starts, while nothing else writes: the key that signs device tokens
        // (made once per desk, kept in its settings), and ended sessions pruned.
        auto store = Store::open(m_config.databasePath, false, error);
        if (!store)
            return false;
        QByteArray key = QByteArray::fromBase64(store->directory().setting(QStringLiteral("auth.device_key")).toLatin1());
        if (key.size() != DeviceTokens::kKeyBytes) {
            key = DeviceTokens::newKey();
            const OpResult saved = store->transact([&] {
                return store->directory().setSetting(QStringLiteral("auth.device_key"), QString::fromLatin1(key.toBase64()))
                           ? OpResult::success(QJsonValue())
                           : OpResult::failure(ErrorCode::InternalError, store->sql().lastError());
            });
            if (!saved.ok) {
                *error = QStringLiteral("cannot store the device-token key: %1").arg(saved.error.message);
                return false;
            }
        }
        m_deviceTokens.setKey(key);
        store->transact([&] {
            store->sessions().prune(Timestamp::now(), AdminOps::kKeepEndedSessionsMs);
            return OpResult::success(QJsonValue());
        });
    }
    m_localAdminToken = PasswordHasher::newToken();
    m_localAdminTokenHash = PasswordHasher::tokenHash(m_localAdminToken);
    m_passwordChecks = std::make_unique<PasswordChecks>(m_config.passwordCheckThreads, m_config.passwordCheckQueue,
                                                        m_config.passwordChecksPerAddress);

    m_writer = std::make_unique<StoreWriter>(m_config.databasePath, this,
                                             [this](const QList<Change> &changes) { onCommitted(changes); });
    if (!m_writer->start(error))
        return false;
    m_readers = std::make_unique<StoreReaders>(m_config.databasePath, m_config.readerThreads);
    if (!m_readers->start(error))
        return false;

    // The SLA engine starts from every open ticket's stored instants, read before anyone can
    // change a ticket, so no later change is overwritten by this older picture.
    m_wallClock = std::make_unique<SystemClock>();
    m_presence = std::make_unique<PresenceBoard>(m_wallClock.get(), m_config.typingTimeoutMs);
    connect(m_presence.get(), &PresenceBoard::typingLapsed, this, &RpcServer::publishPresence);
    m_sla = std::make_unique<SlaEngine>(m_wallClock.get(), [this](WriteJob job) { m_writer->submit(std::move(job)); }, this);
    {
        auto store = Store::open(m_config.databasePath, false, error);
        if (!store)
            return false;
        m_sla->build(store->tickets().slaWakeups());
        // Auto-close likewise starts from every resolved ticket's close instant.
        m_autoClose = std::make_unique<AutoCloseEngine>(m_wallClock.get(), [this](WriteJob job) { m_writer->submit(std::move(job)); }, this);
        m_autoClose->setWindowHours(store->surveys().reopenWindowHours());
        m_autoClose->build(store->surveys().closeWakeups());
        // And the dashboard's KPIs from every open ticket and every one that counts for the
        // last 60 days, counted in the desk's time zone.
        m_kpi = std::make_unique<KpiEngine>(m_wallClock.get(), KpiSource::deskTimeZone(*store), this);
        KpiSnapshot snapshot;
        if (!KpiSource::readSnapshot(*store, m_kpi->window(), &snapshot)) {
            *error = QStringLiteral("cannot read the tickets for the dashboard: %1").arg(store->sql().lastError());
            return false;
        }
        m_kpi->build(std::move(snapshot));
    }
    m_dashboard = std::make_unique<DashboardFeed>(m_kpi.get(), m_wallClock.get(), [this](DashboardFeed::Subscriber who, const QByteArray &frame) {
        if (const Peer *peer = m_peersById.value(who))
            send(peer->socket, frame);
    }, this);

    m_ws = new QWebSocketServer(QStringLiteral("atiended"), QWebSocketServer::NonSecureMode, this);
    m_ws->setMaxPendingConnections(m_config.listenBacklog);
    connect(m_ws, &QWebSocketServer::newConnection, this, &RpcServer::onWebSocket);

    // Our own TCP listener (not QWebSocketServer's) so the accept backlog can be raised, the
    // upgrade given a deadline, and HTTP can share the port later.
    m_tcp = newListener(); // a TlsListener with --cert and --key
    m_tcp->setListenBacklogSize(m_config.listenBacklog);
    m_tcp->setMaxPendingConnections(m_config.listenBacklog);
    connect(m_tcp, &QTcpServer::newConnection, this, &RpcServer::onTcpConnection);
    if (!m_tcp->listen(m_config.address, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3").arg(m_config.address.toString()).arg(m_config.port).arg(m_tcp->errorString());
        return false;
    }
    m_heartbeat.start(m_config.heartbeatIntervalMs);
    m_sweep.start(qBound(50, qMin(m_config.handshakeTimeoutMs, m_config.loginTimeoutMs) / 4, 1000));
    m_prune.start(3600 * 1000);
    qCInfo(lcServer).noquote() << "listening on" << m_config.address.toString() << port();
    return true;
}

void RpcServer::stop()
{
    m_heartbeat.stop();
    m_sweep.stop();
    m_expiry.stop();
    m_prune.stop();
    m_sla.reset(); // no new SLA marks once stopping
    m_autoClose.reset();
    m_dashboard.reset();
    m_kpi.reset();
    m_presence.reset(); // nobody left to tell
    if (m_tcp)
        m_tcp->close();
    const auto handshaking = m_handshaking;
    for (auto it = handshaking.begin(); it != handshaking.end(); ++it)
        it.key()->abort();
    m_handshaking.clear();
    const auto peers = m_peers;
    for (auto it = peers.begin(); it != peers.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server shutting down"));
        it.key()->deleteLater();
        delete it.value();
    }
    m_peers.clear();
    m_peersById.clear();
    m_pendingByAddress.clear();
    m_pendingTotal = 0;
    m_passwordChecks.reset(); // waits for checks under way; their answers go nowhere
    if (m_readers)
        m_readers->stop();
    if (m_writer)
        m_writer->stop(); // finishes what was queued: acknowledged work is never dropped
}

quint16 RpcServer::port() const { return m_tcp ? m_tcp->serverPort() : 0; }

bool RpcServer::admitPending(const QString &address)
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
        qCInfo(lcServer).noquote().nospace() << "refusing a connection from " << address << ": " << m_pendingTotal << " pending in all, " << mine
                                             << " from this address";
        return false;
    }
    m_pendingByAddress[address] += 1;
    ++m_pendingTotal;
    return true;
}

bool RpcServer::evictOldestPending(const QString &address)
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
    for (Peer *peer : std::as_const(m_peers)) {
        // Peer ids grow with each upgrade: the smallest is the one that has waited longest.
        if (peer->pending && !peer->dropping && peer->address == address && (!oldestPeer || peer->id < oldestPeer->id))
            oldestPeer = peer;
    }
    // The one that has waited longest: an upgrade started at deadline - timeout.
    const bool takeHandshake = oldestHandshake
                            && (!oldestPeer || handshakeDeadline - m_config.handshakeTimeoutMs <= oldestPeer->connectedAt);
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
    dropPeer(oldestPeer, QStringLiteral("the pending connections are full and it has waited longest"));
    return true;
}

void RpcServer::releasePending(const QString &address)
{
    auto it = m_pendingByAddress.find(address);
    if (it != m_pendingByAddress.end() && --*it <= 0)
        m_pendingByAddress.erase(it);
    m_pendingTotal = qMax(0, m_pendingTotal - 1);
}

void RpcServer::onTcpConnection()
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
        m_handshaking.insert(socket, Handshake{m_clock.elapsed() + m_config.handshakeTimeoutMs, address});
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

void RpcServer::endHandshake(QTcpSocket *socket)
{
    // Called with a socket that may be half destroyed: only its pointer is used as a key.
    const auto it = m_handshaking.find(socket);
    if (it == m_handshaking.end())
        return;
    const QString address = it->address;
    m_handshaking.erase(it);
    releasePending(address);
}

void RpcServer::onWebSocket()
{
    while (QWebSocket *socket = m_ws->nextPendingConnection()) {
        // The upgrade is done: the connection stops being a handshake and becomes a peer, still
        // pending (counted) until it signs in.
        const QString address = socket->peerAddress().toString();
        bool counted = false;
        for (auto it = m_handshaking.begin(); it != m_handshaking.end(); ++it) {
            if (it.key()->peerPort() == socket->peerPort() && it.key()->peerAddress() == socket->peerAddress()) {
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
                          QStringLiteral("unknown path; the WebSocket endpoint is %1").arg(QLatin1String(kPath)));
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
        auto *peer = new Peer;
        peer->socket = socket;
        peer->id = ++m_lastPeerId;
        peer->address = address;
        peer->connectedAt = m_clock.elapsed();
        peer->lastSeen = peer->connectedAt;
        m_peers.insert(socket, peer);
        m_peersById.insert(peer->id, peer);
        connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &text) { onTextMessage(socket, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &) {
            if (Peer *p = m_peers.value(socket))
                p->lastSeen = m_clock.elapsed();
            replyError(socket, QJsonValue(QJsonValue::Null),
                       JsonRpc::makeError(ErrorCode::InvalidRequest, QStringLiteral("Binary frames are not part of the protocol; send JSON as text frames.")));
        });
        connect(socket, &QWebSocket::pong, this, [this, socket](quint64, const QByteArray &) {
            if (Peer *p = m_peers.value(socket))
                p->lastSeen = m_clock.elapsed();
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
    }
}

void RpcServer::onDisconnected(QWebSocket *socket)
{
    std::unique_ptr<Peer> peer(m_peers.take(socket));
    socket->deleteLater();
    if (!peer)
        return;
    m_peersById.remove(peer->id);
    if (peer->pending)
        releasePending(peer->address);
    if (m_dashboard)
        m_dashboard->unsubscribe(peer->id);
    if (peer->authenticated)
        signOut(peer.get());
}

void RpcServer::signOut(Peer *peer)
{
    const bool wasAgent = peer->authenticated && !peer->local;
    leavePresence(peer); // whoever sees its ticket hears it is gone (a closed console, a dead link)
    if (m_dashboard)
        m_dashboard->unsubscribe(peer->id);
    const Caller caller = peer->caller;
    peer->authenticated = false;
    peer->local = false;
    peer->caller = Caller();
    peer->tokenHash.clear();
    peer->sessionId = 0;
    peer->expiresAt = 0;
    if (!wasAgent)
        return;
    for (const Peer *other : std::as_const(m_peers)) {
        if (other != peer && other->authenticated && other->caller.agentId == caller.agentId)
            return; // still at another console
    }
    // The agent's last console went away: nobody gives work to someone not there.
    WriteJob job;
    job.apply = [caller](Store &s) { return s.routing().setPresence(caller, caller.agentId, Core::Presence::Offline); };
    job.done = [this, agentId = caller.agentId](const OpResult &r) {
        if (r.ok && m_kpi)
            m_kpi->setPresence(agentId, Core::wireName(Core::Presence::Offline));
    };
    m_writer->submit(std::move(job));
}

void RpcServer::onHeartbeat()
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

void RpcServer::onSweep()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> late;
    for (auto it = m_handshaking.cbegin(); it != m_handshaking.cend(); ++it) {
        if (it->deadline <= now)
            late << it.key();
    }
    for (QTcpSocket *socket : std::as_const(late)) {
        qCInfo(lcServer).noquote() << "closing a connection from" << socket->peerAddress().toString() << "that did not finish its upgrade in time";
        endHandshake(socket);
        socket->abort();
        socket->deleteLater();
    }
    QList<QWebSocket *> silent;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        if (it.value()->pending && !it.value()->dropping && now - it.value()->connectedAt >= m_config.loginTimeoutMs)
            silent << it.key();
    }
    for (QWebSocket *socket : std::as_const(silent)) {
        if (Peer *peer = m_peers.value(socket))
            peer->dropping = true;
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      QStringLiteral("sign in within %1 s of connecting").arg(m_config.loginTimeoutMs / 1000.0));
        // A peer that does not answer the close handshake is cut on the next sweep's round.
        QTimer::singleShot(qMax(1000, m_config.loginTimeoutMs / 4), socket, [socket] { socket->abort(); });
    }
}

void RpcServer::send(QWebSocket *socket, const QByteArray &frame)
{
    if (Peer *peer = m_peers.value(socket))
        sendFrame(peer, QString::fromUtf8(frame));
}

void RpcServer::sendFrame(Peer *peer, const QString &frame)
{
    if (peer->dropping)
        return;
    peer->socket->sendTextMessage(frame);
    // Back-pressure: what a peer does not read piles up in its socket's buffer. Past the limit
    // it is dropped (it reconnects and catches up from its revision) rather than let it take
    // the server's memory. Asking the socket costs about as much as a small push, so it is
    // asked once a sixteenth of the limit has been sent since the last look: a peer can go
    // past its limit by that much at most.
    const qint64 limit = peer->pending ? m_config.maxPendingBacklogBytes : m_config.maxBacklogBytes;
    peer->sentSinceCheck += frame.size();
    if (peer->sentSinceCheck < limit / 16)
        return;
    peer->sentSinceCheck = 0;
    if (peer->socket->bytesToWrite() > limit)
        dropPeer(peer, QStringLiteral("it has %1 bytes of answers and pushes unread (the limit is %2)").arg(peer->socket->bytesToWrite()).arg(limit));
}

void RpcServer::dropPeer(Peer *peer, const QString &why)
{
    if (peer->dropping)
        return;
    peer->dropping = true;
    qCWarning(lcServer).noquote() << "dropping the connection from" << peer->address << "because" << why;
    QPointer<QWebSocket> socket = peer->socket;
    QMetaObject::invokeMethod(this, [socket] {
        if (socket)
            socket->abort();
    }, Qt::QueuedConnection);
}

void RpcServer::replyResult(QWebSocket *socket, const QJsonValue &id, const QJsonValue &result)
{
    send(socket, JsonRpc::response(id, result));
}

void RpcServer::replyError(QWebSocket *socket, const QJsonValue &id, const RpcError &error)
{
    send(socket, JsonRpc::error(id, error));
}

void RpcServer::replyOutcome(QPointer<QWebSocket> socket, const QJsonValue &id, const OpResult &r)
{
    if (!socket)
        return;
    if (r.ok)
        replyResult(socket, id, r.result);
    else
        replyError(socket, id, r.error);
}

void RpcServer::onTextMessage(QWebSocket *socket, const QString &text)
{
    Peer *peer = m_peers.value(socket);
    if (!peer || peer->dropping)
        return;
    peer->lastSeen = m_clock.elapsed();
    const QByteArray frame = text.toUtf8();
    if (frame.size() > kMaxFrameBytes) {
        replyError(socket, QJsonValue(QJsonValue::Null),
                   JsonRpc::makeError(ErrorCode::FrameTooLarge,
                                      QStringLiteral("The frame has %1 bytes; the limit is %2.").arg(frame.size()).arg(kMaxFrameBytes),
                                      {{QStringLiteral("limit"), double(kMaxFrameBytes)}}));
        return;
    }
    RpcMessage message;
    RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(frame, &message, &error, &id)) {
        replyError(socket, id, error);
        return;
    }
    switch (message.kind) {
    case RpcMessage::Kind::Request:
        dispatch(peer, message);
        break;
    case RpcMessage::Kind::Notification:
        // Clients send no notifications in protocol v1; JSON-RPC says never to answer them.
        qCDebug(lcServer) << "ignoring a notification" << message.method.left(100);
        break;
    case RpcMessage::Kind::Response:
    case RpcMessage::Kind::ErrorResponse:
        replyError(socket, id, JsonRpc::makeError(ErrorCode::InvalidRequest, QStringLiteral("The server sends no requests, so it expects no responses.")));
        break;
    }
}

void RpcServer::dispatch(Peer *peer, const RpcMessage &m)
{
    const auto it = methods().constFind(m.method);
    if (it == methods().constEnd()) {
        replyError(peer->socket, m.id, JsonRpc::makeError(ErrorCode::MethodNotFound,
                                                          QStringLiteral("There is no method \"%1\".").arg(m.method.left(100)),
                                                          {{QStringLiteral("method"), m.method.left(100)}}));
        return;
    }
    if (!peer->greeted && m.method != QLatin1String("hello")) {
        replyError(peer->socket, m.id, JsonRpc::makeError(ErrorCode::HelloRequired));
        return;
    }
    if (it->needsSession && !peer->authenticated) {
        replyError(peer->socket, m.id, JsonRpc::makeError(ErrorCode::Unauthenticated));
        return;
    }
    if (peer->local && it->needsSession && !it->forLocal) {
        replyError(peer->socket, m.id, JsonRpc::makeError(ErrorCode::Forbidden, QStringLiteral("A local administration session runs admin commands only.")));
        return;
    }
    (this->*(it->handler))(peer, m.id, m.params);
}

std::optional<std::function<void()>> RpcServer::admit(Peer *peer, const QJsonValue &id, bool isWrite)
{
    if (peer->inFlight >= kMaxInFlightPerPeer || (isWrite && m_writer->queued() >= kMaxQueuedWrites)) {
        replyError(peer->socket, id, JsonRpc::makeError(ErrorCode::Busy,
                                                        QStringLiteral("Too many requests waiting; send fewer at a time and retry."),
                                                        {{QStringLiteral("retryAfterMs"), 200}}));
        return std::nullopt;
    }
    ++peer->inFlight;
    QPointer<QWebSocket> socket = peer->socket;
    return [this, socket] {
        if (Peer *p = socket ? m_peers.value(socket) : nullptr)
            --p->inFlight;
    };
}

void RpcServer::read(Peer *peer, const QJsonValue &id, std::function<OpResult(Store &)> fn)
{
    auto release = admit(peer, id, false);
    if (!release)
        return;
    QPointer<QWebSocket> socket = peer->socket;
    m_readers->run([this, socket, id, fn = std::move(fn), release = *release](Store &store) {
        OpResult r = fn(store);
        QMetaObject::invokeMethod(this, [this, socket, id, r, release] {
            release();
            replyOutcome(socket, id, r);
        }, Qt::QueuedConnection);
    });
}

namespace {
QJsonObject outcomeToJson(const OpResult &r)
{
    if (r.ok)
        return {{QStringLiteral("result"), r.result}};
    return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), int(r.error.code)},
                                                  {QStringLiteral("message"), r.error.message},
                                                  {QStringLiteral("data"), r.error.data}}}};
}

OpResult outcomeFromJson(const QJsonObject &o)
{
    OpResult r;
    r.replayed = true;
    if (o.contains(QStringLiteral("result"))) {
        r.ok = true;
        r.result = o.value(QStringLiteral("result"));
        return r;
    }
    const QJsonObject e = o.value(QStringLiteral("error")).toObject();
    r.error.code = ErrorCode(e.value(QStringLiteral("code")).toInt());
    r.error.message = e.value(QStringLiteral("message")).toString();
    r.error.data = e.value(QStringLiteral("data")).toObject();
    return r;
}
} // namespace

void RpcServer::write(Peer *peer, const QJsonValue &id, const QString &method, const QString &opId,
                      std::function<OpResult(Store &)> fn, std::function<void(const OpResult &)> committed)
{
    auto release = admit(peer, id, true);
    if (!release)
        return;
    QPointer<QWebSocket> socket = peer->socket;
    const qint64 agentId = peer->caller.agentId;
    WriteJob job;
    job.apply = [fn = std::move(fn), opId, agentId, method](Store &store) -> OpResult {
        if (!opId.isEmpty()) {
            if (const auto stored = store.sync().findOperation(opId)) {
                if (stored->agentId != agentId || stored->method != method)
                    return OpResult::failure(ErrorCode::ValidationFailed,
                                             QStringLiteral("The operation id %1 was already used for another operation.").arg(opId),
                                             {{QStringLiteral("field"), QStringLiteral("opId")}});
                return outcomeFromJson(stored->outcome); // applied before: same answer, no change
            }
        }
        OpResult r = fn(store);
        if (!opId.isEmpty() && (r.ok || r.error.code != ErrorCode::InternalError)) {
            if (!r.ok) {
                // Drop any partial work but keep the refusal, so a replay is refused the same way.
                store.rollbackToSavepoint();
                store.savepoint();
                r.keepOnError = true;
            }
            if (!store.sync().recordOperation(opId, agentId, method, outcomeToJson(r), store.sync().revision(), Core::Timestamp::now()))
                return OpResult::failure(ErrorCode::InternalError);
        }
        return r;
    };
    job.done = [this, socket, id, release = *release, committed = std::move(committed)](const OpResult &r) {
        release();
        if (r.ok && !r.replayed && committed)
            committed(r);
        replyOutcome(socket, id, r);
    };
    m_writer->submit(std::move(job));
}

void RpcServer::onCommitted(const QList<Change> &changes)
{
    if (m_sla)
        m_sla->onCommitted(changes);
    if (m_autoClose)
        m_autoClose->onCommitted(changes);
    if (m_kpi)
        m_kpi->onCommitted(changes); // dashboards hear of it on the next turn, after sync.changed
    for (const Change &c : changes)
        m_pushedRevision = qMax(m_pushedRevision, c.rev);
    // One sync.changed per session for the whole batch, with only what it may see. Sessions
    // that see the same subset share one serialized frame.
    qint64 revision = 0;
    QList<QJsonObject> upserts;
    QList<QJsonObject> hides;
    upserts.reserve(changes.size());
    for (const Change &c : changes) {
        revision = qMax(revision, c.rev);
        upserts << c.toJson();
        hides << (c.visibilityChanged ? c.toJson(QStringLiteral("hide")) : QJsonObject());
    }
    QHash<QByteArray, QString> frames;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it) {
        Peer *peer = it.value();
        if (!peer->authenticated || peer->local || peer->dropping)
            continue; // local administration sessions run commands and hear no pushes
        QByteArray key(changes.size(), '-');
        bool any = false;
        for (int i = 0; i < changes.size(); ++i) {
            const Change &c = changes.at(i);
            if (!c.scoped || peer->caller.canSeeTicket(c.groupId, c.assigneeId)) {
                key[i] = 'u';
                any = true;
            } else if (c.visibilityChanged && c.entity == QLatin1String("ticket")
                       && peer->caller.canSeeTicket(c.prevGroupId, c.prevAssigneeId)) {
                key[i] = 'h';
                any = true;
            }
        }
        if (!any)
            continue;
        auto frame = frames.find(key);
        if (frame == frames.end()) {
            QJsonArray list;
            for (int i = 0; i < changes.size(); ++i) {
                if (key.at(i) == 'u')
                    list.append(upserts.at(i));
                else if (key.at(i) == 'h')
                    list.append(hides.at(i));
            }
            frame = frames.insert(key, QString::fromUtf8(JsonRpc::notification(
                                           QStringLiteral("sync.changed"),
                                           {{QStringLiteral("revision"), double(revision)}, {QStringLiteral("changes"), list}})));
        }
        sendFrame(peer, *frame);
    }

    // Tickets someone has open that moved (another group, another assignee): after the sync
    // push, so a console that now sees the ticket has it before it hears who is there.
    QList<qint64> moved;
    if (m_presence) {
        for (const Change &c : changes) {
            if (c.entity == QLatin1String("ticket") && m_presence->setScope(c.id, TicketScope{c.groupId, c.assigneeId}))
                moved << c.id;
        }
    }
    if (!moved.isEmpty())
        recheckPresence(moved, true);
}

} // namespace Atiende::Server
