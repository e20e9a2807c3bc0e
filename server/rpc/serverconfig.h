#pragma once
// What atiended's protocol server is told at start: where to listen, the database, and the
// limits of docs/admin-guide.md. Its own header so the parts of server/rpc (peers, sessions,
// handlers) read the limits without depending on the RpcServer that composes them.

#include "server/files/filelimits.h"
#include "server/mail/mailsender.h"
#include "server/presence/presenceboard.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace Atiende::Server {

struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8765; // 0: any free port (see RpcServer::port())
    QString databasePath; // the SQLite file
    QString filesDirectory; // files on tickets; empty: "files" beside the database
    FileLimits files;
    int readerThreads = 2;
    qint64 sessionLifetimeMs = 14LL * 24 * 3600 * 1000;
    int heartbeatIntervalMs = 30000;
    int heartbeatTimeoutMs = 90000;
    int listenBacklog = 1024; // a burst of reconnecting consoles must not wait for SYN retries
    qint64 typingTimeoutMs
        = PresenceBoard::kDefaultTypingTimeoutMs; // a typing flag not refreshed lapses

    // Limits (docs/admin-guide.md, "Limits"). A connection is "pending" from its TCP accept
    // until it signs in; pending ones are bounded in number, time and memory.
    int handshakeTimeoutMs = 10000; // accept -> WebSocket upgrade done
    int loginTimeoutMs = 30000; // upgrade -> signed in (or a survey answered)
    int maxPendingConnections = 1024; // pending, all addresses together (full: the
                                      // address with most gives up its oldest)
    int maxPendingPerAddress = 1024; // pending, from one address
    qint64 maxPendingFrameBytes = 64 * 1024; // the largest message before signing in
    qint64 maxPendingBacklogBytes = 64 * 1024; // unread answers before signing in
    qint64 maxBacklogBytes = 16 * 1024 * 1024; // unread answers and pushes of a signed-in peer
    int passwordCheckThreads = 2; // Argon2id checks at once (64 MiB each)
    int passwordCheckQueue = 32; // and waiting
    int passwordChecksPerAddress = 4;
    // TLS (wss://) when both are set: PEM files, the certificate file may hold the chain after
    // the certificate (TlsContext). The passphrase decrypts an encrypted key.
    QString certificateFile;
    QString keyFile;
    QByteArray keyPassphrase;
    int tlsHandshakeTimeoutMs
        = 10000; // accept -> TLS handshake done (atiended sets it to handshakeTimeoutMs)
    Mail::MailSender::Options mailSender; // the outbox's polling and backoff
};

} // namespace Atiende::Server
