#pragma once
// atiended's protocol server, a thin composition of its parts: the listener (TLS when
// configured), the WebSocket front (Peers: connections and what bounds them), who is signed in
// (Sessions), the method table with the checks every call gets (Dispatcher), the way to the
// store (Operations) and each feature's handlers (handlers/). It starts the engines they share
// (RpcServices: the store's threads, SLA and auto-close, KPIs and the dashboard feed, the
// presence board, the password-check pool), hands every committed batch to those that follow
// changes (sync.changed, presence, SLA, KPIs), and stops it all in an order that lets nothing
// run on what is gone.

#include "serverconfig.h"

#include "server/rpc/dispatcher.h"
#include "server/store/changeset.h"

#include <QObject>

#include <memory>

class QTcpServer;

namespace Atiende::Server {

class AdminHandlers;
class CannedHandlers;
class DashboardHandlers;
class DirectoryHandlers;
class FileHandlers;
class KbHandlers;
class Operations;
class Peers;
class PresenceHandlers;
class SessionHandlers;
class Sessions;
class SurveyHandlers;
class SyncHandlers;
class TicketHandlers;
class TlsContext;
struct RpcServices;

class RpcServer : public QObject
{
    Q_OBJECT
public:
    explicit RpcServer(ServerConfig config, QObject *parent = nullptr);
    ~RpcServer() override;

    bool start(QString *error);
    // Stops listening, closes every connection, waits for the password checks under way (their
    // answers go nowhere), and finishes what the writer was given: acknowledged work is never
    // dropped. Nothing of the server runs after it returns, except what the writer still
    // delivers to this object's thread (answers that find no connection).
    void stop();
    quint16 port() const;
    int peerCount() const;
    // The token of local administration sessions (auth.local), made at start: atiended
    // publishes it in its data folder for its admin commands (DataFolder).
    QString localAdminToken() const;

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

    // The method table, for what serves the same operations another way.
    const Dispatcher &dispatcher() const { return m_dispatcher; }

private:
    bool startTls(QString *error); // loads the pair when configured (rpctls.cpp)
    QTcpServer *newListener(); // a TlsListener with TLS, else a QTcpServer
    void onCommitted(const QList<Change> &changes);

    std::unique_ptr<RpcServices> m_s;
    std::unique_ptr<TlsContext> m_tls;
    QTcpServer *m_tcp = nullptr;
    Dispatcher m_dispatcher;
    std::unique_ptr<Operations> m_operations;
    std::unique_ptr<Sessions> m_sessions;
    // Handlers per feature; they register their methods with m_dispatcher.
    std::unique_ptr<AdminHandlers> m_admin;
    std::unique_ptr<SessionHandlers> m_sessionHandlers;
    std::unique_ptr<TicketHandlers> m_tickets;
    std::unique_ptr<SyncHandlers> m_sync;
    std::unique_ptr<DirectoryHandlers> m_directory;
    std::unique_ptr<KbHandlers> m_kb;
    std::unique_ptr<CannedHandlers> m_canned;
    std::unique_ptr<SurveyHandlers> m_surveys;
    std::unique_ptr<PresenceHandlers> m_presence;
    std::unique_ptr<DashboardHandlers> m_dashboard;
    std::unique_ptr<FileHandlers> m_files;
    std::unique_ptr<Peers> m_peers; // last: it goes first, before what its calls reach
};

} // namespace Atiende::Server
