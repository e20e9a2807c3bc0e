#pragma once
// atiended's network side: accepts WebSocket connections on /ws, speaks JSON-RPC 2.0 (one
// message per text frame), checks every request against the caller's session, role and
// groups, hands reads to the reader threads and writes to the group-committing writer, and
// pushes sync.changed to every session allowed to see a committed change. It also relays
// who has which ticket open (presence.viewing, presence.typing), kept in memory on a
// PresenceBoard, with presence.changed to the same sessions sync.changed would reach.

#include "server/auth/devicetokens.h"
#include "server/auth/failurebackoff.h"
#include "server/auth/loginthrottle.h"
#include "server/presence/presenceboard.h"
#include "server/store/caller.h"
#include "server/store/changeset.h"

#include "core/protocol/jsonrpc.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>
#include <memory>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace Atiende::Server {

class AutoCloseEngine;
class Clock;
class DashboardFeed;
class KpiEngine;
class PasswordChecks;
class SlaEngine;
class Store;
class StoreReaders;
class StoreWriter;
class TlsContext;
struct WriteJob;

struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8765;      // 0: any free port (see RpcServer::port())
    QString databasePath;     // the SQLite file
    int readerThreads = 2;
    qint64 sessionLifetimeMs = 14LL * 24 * 3600 * 1000;
    int heartbeatIntervalMs = 30000;
    int heartbeatTimeoutMs = 90000;
    int listenBacklog = 1024; // a burst of reconnecting consoles must not wait for SYN retries
    qint64 typingTimeoutMs = PresenceBoard::kDefaultTypingTimeoutMs; // a typing flag not refreshed lapses

    // Limits (docs/admin-guide.md, "Limits"). A connection is "pending" from its TCP accept
    // until it signs in; pending ones are bounded in number, time and memory.
    int handshakeTimeoutMs = 10000;         // accept -> WebSocket upgrade done
    int loginTimeoutMs = 30000;             // upgrade -> signed in (or a survey answered)
    int maxPendingConnections = 1024;       // pending, all addresses together (full: the
                                            // address with most gives up its oldest)
    int maxPendingPerAddress = 1024;        // pending, from one address
    qint64 maxPendingFrameBytes = 64 * 1024; // the largest message before signing in
    qint64 maxPendingBacklogBytes = 64 * 1024;  // unread answers before signing in
    qint64 maxBacklogBytes = 16 * 1024 * 1024;  // unread answers and pushes of a signed-in peer
    int passwordCheckThreads = 2;           // Argon2id checks at once (64 MiB each)
    int passwordCheckQueue = 32;            // and waiting
    int passwordChecksPerAddress = 4;
    // TLS (wss://) when both are set: PEM files, the certificate file may hold the chain after
    // the certificate (TlsContext). The passphrase decrypts an encrypted key.
    QString certificateFile;
    QString keyFile;
    QByteArray keyPassphrase;
    int tlsHandshakeTimeoutMs = 10000; // accept -> TLS handshake done (atiended sets it to handshakeTimeoutMs)
};

class RpcServer : public QObject
{
    Q_OBJECT
public:
    explicit RpcServer(ServerConfig config, QObject *parent = nullptr);
    ~RpcServer() override;

    bool start(QString *error);
    void stop();
    quint16 port() const;
    int peerCount() const { return int(m_peers.size()); }
    // The token of local administration sessions (auth.local), made at start: atiended
    // publishes it in its data folder for its admin commands (DataFolder).
    QString localAdminToken() const { return m_localAdminToken; }

    // TLS (rpctls.cpp). Secure: the listener serves wss:// only.
    bool isSecure() const;
    // The SHA-256 digest of the certificate served (of its DER); empty without TLS.
    QByteArray certificateSha256() const;
    // The pair in use, or nullptr without TLS.
    const TlsContext *tls() const { return m_tls.get(); }
    // Reads the certificate and key again from the same files (SIGHUP): new connections get the
    // new pair, established ones go on. A pair that does not pass is not used: false, *error
    // says why and the previous pair stays.
    bool reloadCertificate(QString *error);

private:
    struct Peer
    {
        QWebSocket *socket = nullptr;
        quint64 id = 0;          // this connection, for the presence board
        QString address;         // the peer's address, for limits and logs
        QString client;          // what hello said it is
        bool greeted = false;
        bool authenticated = false;
        bool pending = true;     // not signed in yet: counted among the pending connections
        bool local = false;      // a local administration session (auth.local)
        bool dropping = false;   // being dropped: nothing more is sent to it
        qint64 sentSinceCheck = 0; // characters sent since its backlog was last looked at
        qint64 connectedAt = 0;  // m_clock time of the upgrade
        qint64 sessionId = 0;    // the session's public id
        qint64 expiresAt = 0;    // when the session expires (epoch ms)
        Caller caller;
        QString agentName;       // shown to others viewing the same ticket
        quint64 presenceAsks = 0; // presence.viewing / presence.typing requests so far: the last wins
        QString tokenHash;
        qint64 lastSeen = 0;
        quint32 pendingAuth = 0; // an auth.* call is running
        int inFlight = 0;        // requests handed to the store and not answered yet
        bool dashboardOwnGroups = false; // a lead's dashboard of "my groups" follows their membership
    };
    using Reply = std::function<void(const QJsonValue &result)>;
    using Handler = void (RpcServer::*)(Peer *peer, const QJsonValue &id, const QJsonObject &params);
    // needsSession: refused before a sign-in; forLocal: what a local administration session
    // (auth.local, the admin commands) may call, besides hello and the auth methods.
    struct Method { Handler handler; bool needsSession; bool forLocal = false; };

    bool startTls(QString *error);  // loads the pair when configured (rpctls.cpp)
    QTcpServer *newListener();     // a TlsListener with TLS, else a QTcpServer
    void onTcpConnection();
    void onWebSocket();
    void onTextMessage(QWebSocket *socket, const QString &text);
    void onDisconnected(QWebSocket *socket);
    void onHeartbeat();
    void onSweep();
    void onCommitted(const QList<Change> &changes);

    // Pending connections (accepted, not signed in), counted per address.
    bool admitPending(const QString &address);
    bool evictOldestPending(const QString &address);
    void releasePending(const QString &address);
    void endHandshake(QTcpSocket *socket);

    void dispatch(Peer *peer, const Core::Protocol::RpcMessage &message);
    void send(QWebSocket *socket, const QByteArray &frame);
    void sendFrame(Peer *peer, const QString &frame);
    // Drops a peer that does not read what it is sent (its backlog over the limit). Deferred:
    // safe inside loops over the peers.
    void dropPeer(Peer *peer, const QString &why);
    void replyResult(QWebSocket *socket, const QJsonValue &id, const QJsonValue &result);
    void replyError(QWebSocket *socket, const QJsonValue &id, const Core::Protocol::RpcError &error);
    void replyOutcome(QPointer<QWebSocket> socket, const QJsonValue &id, const OpResult &r);

    // Runs fn on a reader thread and replies with its outcome.
    void read(Peer *peer, const QJsonValue &id, std::function<OpResult(Store &)> fn);
    // Queues a write (deduplicated by opId when given) and replies once it is on disk;
    // committed, when given, runs on this thread after a successful commit, before the reply.
    void write(Peer *peer, const QJsonValue &id, const QString &method, const QString &opId,
               std::function<OpResult(Store &)> fn, std::function<void(const OpResult &)> committed = {});
    // Refuses with busy when the peer or the writer has too much outstanding work; otherwise
    // counts the request in and returns a function that counts it out.
    std::optional<std::function<void()>> admit(Peer *peer, const QJsonValue &id, bool isWrite);
    struct SessionStart
    {
        qint64 agentId = 0;
        qint64 sessionId = 0;
        QString tokenHash;
        qint64 expiresAt = 0;
        QString token;  // only after a log-in (auth.resume knows it already)
        QString device; // a fresh device token, after a log-in
    };
    void beginSession(Peer *peer, const QJsonValue &id, const SessionStart &start);
    // The peer stops being signed in: it leaves presence and its dashboard, and when it was
    // the agent's last console, the agent is offline.
    void signOut(Peer *peer);
    // Sessions that ended (logged out elsewhere, revoked, password changed, disabled, expired):
    // each live connection on one of them hears auth.ended with the reason, is signed out and
    // closed. `except` is spared (the connection that logged out answers its own request).
    void endSessions(const QList<qint64> &sessionIds, const QString &reason, const Peer *except = nullptr);
    void endPeer(Peer *peer, const QString &reason);
    // Arms the timer for the next session expiry among live connections.
    void scheduleExpiry();
    void onSessionsExpired();
    void pruneSessions();
    // Admin operations shared with the admin commands (server/admin/adminops).
    void adminWrite(Peer *peer, const QJsonValue &id, const QString &method, const QJsonObject &params);
    void adminRead(Peer *peer, const QJsonValue &id, const QString &method, const QJsonObject &params);
    void adminCommitted(const QString &method, const QJsonObject &params, const OpResult &r);
    // Answers forbidden ("Only admins <what>.") unless the caller is an admin; true if it did.
    bool refuseUnlessAdmin(Peer *peer, const QJsonValue &id, const QString &what);
    // Answers forbidden to agents ("Only admins, and leads for the groups they lead, <what>.").
    bool refuseUnlessAdminOrLead(Peer *peer, const QJsonValue &id, const QString &what);
    // canned.changed to every signed-in console, after a canned response was saved or deleted.
    void publishCannedChanged();

    // Presence (rpcpresence.cpp). A presence.viewing or presence.typing request for a ticket
    // other than the one the session shows is checked against the store first.
    struct PresenceAsk
    {
        QJsonValue requestId;
        qint64 agentId = 0;
        qint64 ticketId = 0;
        std::optional<bool> typing; // absent: presence.viewing
        quint64 serial = 0;         // the peer's presenceAsks when it was made
        int attempt = 0;
    };
    void askPresence(Peer *peer, PresenceAsk ask);
    void lookUpPresence(QPointer<QWebSocket> socket, PresenceAsk ask, std::function<void()> release);
    void applyPresence(Peer *peer, const PresenceAsk &ask, const TicketScope &scope);
    QJsonObject presenceOf(qint64 ticketId) const;
    // presence.changed for each change, to every logged-in session that may see its ticket.
    void publishPresence(const QList<Atiende::Server::PresenceChange> &changes);
    void leavePresence(Peer *peer);
    // After tickets moved or sessions' groups changed: sessions that may no longer see the
    // ticket they show leave it; with announce, the ticket's viewers are told again to all
    // who may see it now (some of them could not before).
    void recheckPresence(const QList<qint64> &ticketIds, bool announce);

    // Dashboard and reports (rpcdashboard.cpp). The groups a dashboard or report may cover for
    // the caller, or an error sent (agents: forbidden; leads: only the groups they lead).
    std::optional<QList<qint64>> dashboardScope(Peer *peer, const QJsonValue &id, const QJsonObject &params, bool *ownGroups);
    // After group membership changed: leads' dashboards follow what they now lead.
    void followDashboardScopes();

    // Methods (rpcmethods.cpp), one per protocol method.
    void hello(Peer *, const QJsonValue &, const QJsonObject &);
    void authLogin(Peer *, const QJsonValue &, const QJsonObject &);
    void authResume(Peer *, const QJsonValue &, const QJsonObject &);
    void authLogout(Peer *, const QJsonValue &, const QJsonObject &);
    void authLocal(Peer *, const QJsonValue &, const QJsonObject &);
    void sessionsList(Peer *, const QJsonValue &, const QJsonObject &);
    void sessionsRevoke(Peer *, const QJsonValue &, const QJsonObject &);
    void agentsPasswordSet(Peer *, const QJsonValue &, const QJsonObject &);
    void agentsActiveSet(Peer *, const QJsonValue &, const QJsonObject &);
    void settingsTimeZone(Peer *, const QJsonValue &, const QJsonObject &);
    void slaConfigSave(Peer *, const QJsonValue &, const QJsonObject &);
    void ticketsQuery(Peer *, const QJsonValue &, const QJsonObject &);
    void ticketsGet(Peer *, const QJsonValue &, const QJsonObject &);
    void ticketsCreate(Peer *, const QJsonValue &, const QJsonObject &);
    void ticketsUpdate(Peer *, const QJsonValue &, const QJsonObject &);
    void ticketsAddArticle(Peer *, const QJsonValue &, const QJsonObject &);
    void customersHistory(Peer *, const QJsonValue &, const QJsonObject &);
    void customersCreate(Peer *, const QJsonValue &, const QJsonObject &);
    void kbSearch(Peer *, const QJsonValue &, const QJsonObject &);
    void kbGet(Peer *, const QJsonValue &, const QJsonObject &);
    void syncPull(Peer *, const QJsonValue &, const QJsonObject &);
    void directoryGet(Peer *, const QJsonValue &, const QJsonObject &);
    void slaCalendarsList(Peer *, const QJsonValue &, const QJsonObject &);
    void slaCalendarsSave(Peer *, const QJsonValue &, const QJsonObject &);
    void slaPoliciesList(Peer *, const QJsonValue &, const QJsonObject &);
    void slaPoliciesSave(Peer *, const QJsonValue &, const QJsonObject &);
    void routingRulesList(Peer *, const QJsonValue &, const QJsonObject &);
    void routingRulesSave(Peer *, const QJsonValue &, const QJsonObject &);
    void groupsAssignmentSet(Peer *, const QJsonValue &, const QJsonObject &);
    void agentsSkillsSet(Peer *, const QJsonValue &, const QJsonObject &);
    void presenceSet(Peer *, const QJsonValue &, const QJsonObject &);
    void cannedList(Peer *, const QJsonValue &, const QJsonObject &);
    void cannedSave(Peer *, const QJsonValue &, const QJsonObject &);
    void cannedDelete(Peer *, const QJsonValue &, const QJsonObject &);
    void cannedRender(Peer *, const QJsonValue &, const QJsonObject &);
    void surveysAnswer(Peer *, const QJsonValue &, const QJsonObject &);
    void surveysGet(Peer *, const QJsonValue &, const QJsonObject &);
    void settingsSatisfaction(Peer *, const QJsonValue &, const QJsonObject &);
    void escalationRulesList(Peer *, const QJsonValue &, const QJsonObject &);
    void escalationRulesSave(Peer *, const QJsonValue &, const QJsonObject &);
    void ticketsEscalate(Peer *, const QJsonValue &, const QJsonObject &);
    void groupsMembersSet(Peer *, const QJsonValue &, const QJsonObject &);
    void presenceViewing(Peer *, const QJsonValue &, const QJsonObject &);
    void presenceTyping(Peer *, const QJsonValue &, const QJsonObject &);
    void presenceList(Peer *, const QJsonValue &, const QJsonObject &);
    void dashboardSubscribe(Peer *, const QJsonValue &, const QJsonObject &);
    void dashboardUnsubscribe(Peer *, const QJsonValue &, const QJsonObject &);
    void reportsGet(Peer *, const QJsonValue &, const QJsonObject &);

    static const QHash<QString, Method> &methods();

    ServerConfig m_config;
    std::unique_ptr<TlsContext> m_tls;
    QTcpServer *m_tcp = nullptr;
    QWebSocketServer *m_ws = nullptr;
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<StoreReaders> m_readers;
    std::unique_ptr<Clock> m_wallClock; // the SLA engine's time
    std::unique_ptr<SlaEngine> m_sla;
    std::unique_ptr<AutoCloseEngine> m_autoClose;
    std::unique_ptr<KpiEngine> m_kpi;             // the dashboard's figures
    std::unique_ptr<DashboardFeed> m_dashboard;   // who watches them
    QHash<QWebSocket *, Peer *> m_peers;
    QHash<quint64, Peer *> m_peersById;
    quint64 m_lastPeerId = 0;
    std::unique_ptr<PresenceBoard> m_presence;
    qint64 m_pushedRevision = 0; // the highest revision onCommitted has handled
    QTimer m_heartbeat;
    QTimer m_sweep;          // deadlines of pending connections
    QTimer m_expiry;         // the next session to expire among live connections
    QTimer m_prune;          // ended and expired sessions leave the database
    struct Handshake
    {
        qint64 deadline = 0; // m_clock time by which the upgrade must be done
        QString address;
    };
    QHash<QTcpSocket *, Handshake> m_handshaking;
    QHash<QString, int> m_pendingByAddress;
    int m_pendingTotal = 0;
    LoginThrottle m_throttle;
    FailureBackoff m_tokenThrottle; // wrong survey and local administration tokens, by address
    DeviceTokens m_deviceTokens;
    std::unique_ptr<PasswordChecks> m_passwordChecks;
    QString m_localAdminToken;
    QString m_localAdminTokenHash;
    QElapsedTimer m_clock;
};

} // namespace Atiende::Server
