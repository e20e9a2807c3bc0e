#pragma once
// What the parts of the protocol server share: the configuration and the engines RpcServer
// starts (the store's threads, the SLA and auto-close engines, the KPIs and who watches them,
// the presence board, the password-check pool). RpcServer owns it and fills it in start();
// stop() empties some of it, so handlers look before they use what may be gone.

#include "serverconfig.h"

#include <memory>

namespace Atiende::Server {

class AutoCloseEngine;
class BlobStore;
class FileCollector;
class UploadSessions;
class Clock;
class DashboardFeed;
class KpiEngine;
class PasswordChecks;
class PresenceBoard;
class SlaEngine;
class StoreReaders;
class StoreWriter;
namespace Mail {
class MailChannel;
class MailSender;
} // namespace Mail

struct RpcServices
{
    explicit RpcServices(ServerConfig c);
    ~RpcServices();

    ServerConfig config;
    std::unique_ptr<StoreWriter> writer;
    std::unique_ptr<StoreReaders> readers;
    std::unique_ptr<Clock> wallClock; // the SLA engine's time
    std::unique_ptr<SlaEngine> sla;
    std::unique_ptr<AutoCloseEngine> autoClose;
    std::unique_ptr<KpiEngine> kpi; // the dashboard's figures
    std::unique_ptr<DashboardFeed> dashboard; // who watches them
    std::unique_ptr<PresenceBoard> presence;
    std::unique_ptr<PasswordChecks> passwordChecks;
    std::unique_ptr<BlobStore> blobs; // the bytes of files on tickets
    std::unique_ptr<UploadSessions> uploads; // uploads under way
    std::unique_ptr<FileCollector> fileCollector;
    std::unique_ptr<Mail::MailChannel> mail; // the desk's mailboxes (issue 14)
    std::unique_ptr<Mail::MailSender> mailSender; // the outbox
};

} // namespace Atiende::Server
