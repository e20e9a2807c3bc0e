#include "rpcserver.h"

#include "server/logging.h"

#include "operations.h"
#include "peers.h"
#include "rpcservices.h"
#include "sessions.h"

#include "handlers/adminhandlers.h"
#include "handlers/cannedhandlers.h"
#include "handlers/dashboardhandlers.h"
#include "handlers/directoryhandlers.h"
#include "handlers/filehandlers.h"
#include "handlers/kbhandlers.h"
#include "handlers/presencehandlers.h"
#include "handlers/sessionhandlers.h"
#include "handlers/surveyhandlers.h"
#include "handlers/synchandlers.h"
#include "handlers/tickethandlers.h"

#include "server/auth/passwordchecks.h"
#include "server/files/blobstore.h"
#include "server/files/filecollector.h"
#include "server/files/uploadsessions.h"
#include "server/kpi/dashboardfeed.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/kpisource.h"
#include "server/mail/mailchannel.h"
#include "server/mail/mailsender.h"
#include "server/presence/presenceboard.h"
#include "server/rpc/tlscontext.h"
#include "server/satisfaction/autocloseengine.h"
#include "server/sla/slaclock.h"
#include "server/sla/slaengine.h"
#include "server/store/store.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

#include <QDir>
#include <QFileInfo>
#include <QTcpServer>

namespace Atiende::Server {

RpcServices::RpcServices(ServerConfig c)
    : config(std::move(c))
{
}
RpcServices::~RpcServices() = default;

RpcServer::RpcServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_s(std::make_unique<RpcServices>(std::move(config)))
{
    m_operations = std::make_unique<Operations>(*m_s);
    m_sessions = std::make_unique<Sessions>(*m_s);
    Operations &ops = *m_operations;
    Sessions &sessions = *m_sessions;
    m_admin = std::make_unique<AdminHandlers>(*m_s, ops, sessions);
    m_sessionHandlers = std::make_unique<SessionHandlers>(*m_s, ops, sessions, *m_admin);
    m_tickets = std::make_unique<TicketHandlers>(*m_s, ops, sessions);
    m_sync = std::make_unique<SyncHandlers>(*m_s, ops, sessions);
    m_directory = std::make_unique<DirectoryHandlers>(*m_s, ops, sessions);
    m_kb = std::make_unique<KbHandlers>(*m_s, ops, sessions);
    m_canned = std::make_unique<CannedHandlers>(*m_s, ops, sessions, *m_admin);
    m_surveys = std::make_unique<SurveyHandlers>(*m_s, ops, sessions);
    // Presence before the dashboard: a caller signing out leaves presence, then its dashboard.
    m_presence = std::make_unique<PresenceHandlers>(*m_s, ops, sessions);
    m_dashboard = std::make_unique<DashboardHandlers>(*m_s, ops, sessions);
    m_files = std::make_unique<FileHandlers>(*m_s, ops, sessions);
    const std::initializer_list<HandlerUnit *> units { m_sessionHandlers.get(), m_tickets.get(),
        m_sync.get(), m_directory.get(), m_kb.get(), m_canned.get(), m_surveys.get(),
        m_presence.get(), m_dashboard.get(), m_admin.get(), m_files.get() };
    for (HandlerUnit *unit : units)
        unit->registerWith(m_dispatcher);

    m_peers = std::make_unique<Peers>(m_s->config, m_dispatcher);
    connect(m_peers.get(), &Peers::gone, this, [this](CallContext &caller) {
        m_dashboard->unsubscribe(caller);
        if (caller.authenticated)
            m_sessions->signOut(caller);
    });
}

RpcServer::~RpcServer()
{
    stop();
}

bool RpcServer::start(QString *error)
{
    if (!startTls(error)) // a bad certificate or key is refused before anything starts
        return false;
    {
        // Before the writer starts, while nothing else writes.
        auto store = Store::open(m_s->config.databasePath, false, error);
        if (!store || !m_sessions->start(*store, error))
            return false;
        // Files: what a crash left half done goes (a file renamed into place whose row never
        // committed, partial files of uploads no longer open); partial files of open uploads
        // stay, so their clients resume where they were.
        QString filesDir = m_s->config.filesDirectory;
        if (filesDir.isEmpty())
            filesDir = QFileInfo(m_s->config.databasePath).dir().filePath(QStringLiteral("files"));
        m_s->blobs = std::make_unique<BlobStore>(filesDir);
        if (!m_s->blobs->prepare(error))
            return false;
        m_s->blobs->sweep(store->attachments().storedHashes(),
            store->attachments().openUploadIds(Core::Timestamp::now()));
    }
    const ServerConfig &config = m_s->config;
    m_s->passwordChecks = std::make_unique<PasswordChecks>(
        config.passwordCheckThreads, config.passwordCheckQueue, config.passwordChecksPerAddress);

    m_s->writer = std::make_unique<StoreWriter>(
        config.databasePath, this, [this](const QList<Change> &changes) { onCommitted(changes); });
    if (!m_s->writer->start(error))
        return false;
    m_s->readers = std::make_unique<StoreReaders>(config.databasePath, config.readerThreads);
    if (!m_s->readers->start(error))
        return false;
    m_s->uploads = std::make_unique<UploadSessions>(*m_s->blobs, config.files);
    {
        StoreWriter *w = m_s->writer.get();
        m_s->fileCollector = std::make_unique<FileCollector>(
            *m_s->blobs, [w](WriteJob job) { w->submit(std::move(job)); },
            [] { return Core::Timestamp::now(); });
        m_s->fileCollector->collect();
    }
    {
        // The desk's mailboxes: read from where the last commit left each one.
        auto secrets = Mail::MailSecrets::forDatabase(config.databasePath, error);
        if (!secrets)
            return false;
        auto store = Store::open(config.databasePath, false, error);
        if (!store)
            return false;
        StoreWriter *w = m_s->writer.get();
        Mail::MailChannel::Options options;
        options.maxFileBytes = config.files.maxFileBytes;
        m_s->mailSender = std::make_unique<Mail::MailSender>(
            *secrets, *m_s->blobs, [w](WriteJob job) { w->submit(std::move(job)); },
            config.mailSender);
        m_s->mail = std::make_unique<Mail::MailChannel>(
            std::move(*secrets), *m_s->blobs, [w](WriteJob job) { w->submit(std::move(job)); },
            options);
        m_s->mail->start(store->mail().accounts());
        m_s->mailSender->start();
    }

    // The SLA engine starts from every open ticket's stored instants, read before anyone can
    // change a ticket, so no later change is overwritten by this older picture.
    m_s->wallClock = std::make_unique<SystemClock>();
    m_s->presence = std::make_unique<PresenceBoard>(m_s->wallClock.get(), config.typingTimeoutMs);
    connect(m_s->presence.get(), &PresenceBoard::typingLapsed, m_presence.get(),
        &PresenceHandlers::publish);
    StoreWriter *writer = m_s->writer.get();
    m_s->sla = std::make_unique<SlaEngine>(
        m_s->wallClock.get(), [writer](WriteJob job) { writer->submit(std::move(job)); }, this);
    {
        auto store = Store::open(config.databasePath, false, error);
        if (!store)
            return false;
        m_s->sla->build(store->tickets().slaWakeups());
        // Auto-close likewise starts from every resolved ticket's close instant.
        m_s->autoClose = std::make_unique<AutoCloseEngine>(
            m_s->wallClock.get(), [writer](WriteJob job) { writer->submit(std::move(job)); }, this);
        m_s->autoClose->setWindowHours(store->surveys().reopenWindowHours());
        m_s->autoClose->build(store->surveys().closeWakeups());
        // And the dashboard's KPIs from every open ticket and every one that counts for the
        // last 60 days, counted in the desk's time zone.
        m_s->kpi = std::make_unique<KpiEngine>(
            m_s->wallClock.get(), KpiSource::deskTimeZone(*store), this);
        KpiSnapshot snapshot;
        if (!KpiSource::readSnapshot(*store, m_s->kpi->window(), &snapshot)) {
            *error = QStringLiteral("cannot read the tickets for the dashboard: %1")
                         .arg(store->sql().lastError());
            return false;
        }
        m_s->kpi->build(std::move(snapshot));
    }
    m_s->dashboard = std::make_unique<DashboardFeed>(
        m_s->kpi.get(), m_s->wallClock.get(),
        [this](DashboardFeed::Subscriber who, const QByteArray &frame) {
            if (CallContext *caller = m_sessions->caller(who))
                caller->push(QString::fromUtf8(frame));
        },
        this);

    // Our own TCP listener (not QWebSocketServer's) so the accept backlog can be raised, the
    // upgrade given a deadline, and HTTP can share the port later.
    m_tcp = newListener(); // a TlsListener with --cert and --key
    m_tcp->setListenBacklogSize(config.listenBacklog);
    m_tcp->setMaxPendingConnections(config.listenBacklog);
    m_peers->serve(m_tcp);
    if (!m_tcp->listen(config.address, config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(config.address.toString())
                     .arg(config.port)
                     .arg(m_tcp->errorString());
        return false;
    }
    qCInfo(lcServer).noquote() << "listening on" << config.address.toString() << port();
    return true;
}

void RpcServer::stop()
{
    m_sessions->stop(); // no expiry, no pruning, nobody left to tell
    m_s->sla.reset(); // no new SLA marks once stopping
    m_s->autoClose.reset();
    m_s->dashboard.reset();
    m_s->kpi.reset();
    m_s->presence.reset();
    if (m_tcp)
        m_tcp->close();
    m_peers->stop();
    // The upload worker finishes the chunk it writes; nothing more is accepted. Collection
    // stops with it (what it decided is on the writer's queue, finished below).
    m_s->fileCollector.reset();
    // The mailboxes stop reading. A batch already on the writer's queue is written below; one
    // still being parsed is dropped and read again at the next start, from the committed
    // position (it was never acknowledged).
    if (m_s->mail)
        m_s->mail->stop();
    if (m_s->mailSender)
        m_s->mailSender->stop();
    if (m_s->uploads)
        m_s->uploads->stop();
    // Waits for the checks under way; their answers go nowhere, and none runs after this.
    if (m_s->passwordChecks)
        m_s->passwordChecks->stop();
    if (m_s->readers)
        m_s->readers->stop();
    if (m_s->writer)
        m_s->writer->stop(); // finishes what was queued: acknowledged work is never dropped
}

quint16 RpcServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

int RpcServer::peerCount() const
{
    return m_peers->count();
}

QString RpcServer::localAdminToken() const
{
    return m_sessions->localAdminToken();
}

void RpcServer::onCommitted(const QList<Change> &changes)
{
    if (m_s->sla)
        m_s->sla->onCommitted(changes);
    if (m_s->autoClose)
        m_s->autoClose->onCommitted(changes);
    if (m_s->kpi)
        m_s->kpi->onCommitted(
            changes); // dashboards hear of it on the next turn, after sync.changed
    m_presence->noteCommitted(changes);
    // One sync.changed per session for the whole batch, with only what it may see.
    m_sync->publish(changes);
    // Then presence follows the tickets that moved.
    m_presence->followTickets(changes);
}

} // namespace Atiende::Server
