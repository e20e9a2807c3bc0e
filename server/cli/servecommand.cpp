#include "servecommand.h"

#include "server/admin/datafolder.h"
#include "server/platform/resourcelimits.h"
#include "server/rpc/rpcserver.h"
#include "server/rpc/tlscontext.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"
#include "core/protocol/protocol.h"

#include <QCoreApplication>
#include <QSslCertificate>

namespace Atiende::Server::Cli {

namespace {

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    *address = host.isEmpty() ? QHostAddress(QHostAddress::Any) : QHostAddress(host);
    *port = quint16(p);
    return !address->isNull();
}

QString hostText(const QHostAddress &a)
{
    return a.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(a.toString())
                                                         : a.toString();
}

// What the agents of a desk whose certificate no authority vouches for compare with what
// their console shows before they trust it.
QString describeCertificate(const TlsContext &tls)
{
    const QSslCertificate cert = tls.certificate();
    return QStringLiteral(
        "certificate for %1 (issued by %2), valid until %3; SHA-256 fingerprint %4")
        .arg(TlsContext::names(cert).join(QStringLiteral(", ")), cert.issuerDisplayName(),
            cert.expiryDate().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")),
            TlsContext::fingerprintText(tls.sha256()));
}

void warnAbout(const TlsContext &tls, CommandIo &io)
{
    for (const QString &warning : tls.warnings())
        io.err << "atiended: warning: " << warning << Qt::endl;
}

} // namespace

int ServeCommand::run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io)
{
    ServerConfig config;
    if (!parseListen(parser.value(line.listen), &config.address, &config.port))
        return io.fail(QStringLiteral("--listen wants host:port, such as 127.0.0.1:8765"));
    config.readerThreads = qBound(1, parser.value(line.readers).toInt(), 16);
    bool sessionOk = false;
    const qint64 sessionSeconds = parser.value(line.sessionSeconds).toLongLong(&sessionOk);
    if (!sessionOk || sessionSeconds < 1)
        return io.fail(QStringLiteral("--session-seconds wants a positive number of seconds"));
    config.sessionLifetimeMs = sessionSeconds * 1000;
    bool timeoutsOk = false, loginOk = false;
    config.handshakeTimeoutMs = parser.value(line.handshakeTimeout).toInt(&timeoutsOk);
    config.loginTimeoutMs = parser.value(line.loginTimeout).toInt(&loginOk);
    config.tlsHandshakeTimeoutMs = config.handshakeTimeoutMs;
    if (!timeoutsOk || !loginOk || config.handshakeTimeoutMs < 100 || config.loginTimeoutMs < 100)
        return io.fail(
            QStringLiteral("--handshake-timeout-ms and --login-timeout-ms want at least 100 ms"));
    const QStringList pending = parser.value(line.maxPending).split(QLatin1Char(','));
    bool allOk = false, perOk = false;
    config.maxPendingConnections = pending.value(0).toInt(&allOk);
    config.maxPendingPerAddress = pending.value(1).toInt(&perOk);
    if (pending.size() != 2 || !allOk || !perOk || config.maxPendingConnections < 1
        || config.maxPendingPerAddress < 1)
        return io.fail(QStringLiteral(
            "--max-pending wants two positive numbers, all,per-address, such as 1024,1024"));

    const QStringList files = parser.value(line.fileLimits).split(QLatin1Char(','));
    bool fileOk = false, countOk = false, messageOk = false;
    const qint64 fileMiB = files.value(0).toLongLong(&fileOk);
    config.files.maxArticleFiles = files.value(1).toInt(&countOk);
    const qint64 messageMiB = files.value(2).toLongLong(&messageOk);
    if (files.size() != 3 || !fileOk || !countOk || !messageOk || fileMiB < 1 || fileMiB > 4096
        || config.files.maxArticleFiles < 1 || config.files.maxArticleFiles > 100
        || messageMiB < fileMiB)
        return io.fail(QStringLiteral("--file-limits wants MiB a file (1-4096), files a message "
                                      "(1-100) and MiB a message (at least a file's), such as "
                                      "25,20,100"));
    config.files.maxFileBytes = fileMiB * 1024 * 1024;
    config.files.maxArticleBytes = messageMiB * 1024 * 1024;
    const QStringList times = parser.value(line.uploadTimes).split(QLatin1Char(','));
    bool stallOk = false, keepOk = false;
    const qint64 stallSeconds = times.value(0).toLongLong(&stallOk);
    const qint64 keepSeconds = times.value(1).toLongLong(&keepOk);
    if (times.size() != 2 || !stallOk || !keepOk || stallSeconds < 1 || keepSeconds < stallSeconds)
        return io.fail(QStringLiteral("--upload-times wants two numbers of seconds, stall,keep, "
                                      "keep at least stall, such as 900,86400"));
    QList<qint64> retries;
    for (const QString &s : parser.value(line.mailRetries).split(QLatin1Char(','))) {
        bool ok = false;
        const double seconds = s.trimmed().toDouble(&ok);
        if (!ok || seconds < 0.1 || seconds > 7 * 24 * 3600) {
            retries.clear();
            break;
        }
        retries << qint64(seconds * 1000);
    }
    if (retries.isEmpty() || retries.size() > 20)
        return io.fail(QStringLiteral("--mail-retries wants 1 to 20 numbers of seconds (0.1 to a "
                                      "week each), such as 60,300,1800,7200,21600"));
    config.mailSender.backoffMs = retries;
    config.files.stallMs = stallSeconds * 1000;
    config.files.keepMs = keepSeconds * 1000;

    if (parser.isSet(line.cert) != parser.isSet(line.key))
        return io.fail(QStringLiteral(
            "--cert and --key go together: the certificate and its private key, both PEM files"));
    config.certificateFile = parser.value(line.cert);
    config.keyFile = parser.value(line.key);
    // Read once, so a reload decrypts the new key with it; no child process needs to see it.
    config.keyPassphrase = qgetenv(TlsContext::kPassphraseVariable);
    qunsetenv(TlsContext::kPassphraseVariable);

    // One serving process per data folder, for as long as it serves.
    QString error;
    DataFolder folder(parser.value(line.data));
    if (!folder.tryLock(&error))
        return io.fail(QStringLiteral("%1; one data folder has one server").arg(error));
    {
        if (!folder.hasDatabase())
            return io.fail(
                QStringLiteral("there is no desk in %1: run atiended init (or demo-data) first")
                    .arg(folder.path()));
        auto store = Store::open(folder.databasePath(), true, &error); // migrates before serving
        if (!store)
            return io.fail(error);
        if (store->directory().agentCount() == 0)
            return io.fail(QStringLiteral(
                "the desk in %1 has no agents: run atiended init (or demo-data) first")
                               .arg(folder.path()));
        config.databasePath = folder.databasePath();
        config.filesDirectory = folder.filesPath();
    }
    ResourceLimits::raiseOpenFiles();
    RpcServer server(config);
    if (!server.start(&error))
        return io.fail(error);
    // Where the admin commands find this server (DataFolder), reachable from this host.
    QHostAddress local = config.address;
    if (local == QHostAddress(QHostAddress::Any) || local == QHostAddress(QHostAddress::AnyIPv4))
        local = QHostAddress(QHostAddress::LocalHost);
    else if (local == QHostAddress(QHostAddress::AnyIPv6))
        local = QHostAddress(QHostAddress::LocalHostIPv6);
    DataFolder::Endpoint endpoint;
    endpoint.pid = QCoreApplication::applicationPid();
    endpoint.url = QUrl(
        QStringLiteral("%1://%2:%3%4")
            .arg(server.isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"), hostText(local))
            .arg(server.port())
            .arg(QLatin1String(Core::Protocol::kPath)));
    endpoint.certificateSha256 = server.certificateSha256();
    endpoint.adminToken = server.localAdminToken();
    endpoint.startedAt = Core::Timestamp::now();
    if (!folder.publish(endpoint, &error)) {
        server.stop();
        return io.fail(error);
    }
    m_server = &server;
    m_folder = &folder;
    m_io = &io;
    if (onServing) // before anything is printed: whoever waits for the line may signal at once
        onServing(*this);
    const QString host = hostText(config.address);
    io.out << "atiended " << QCoreApplication::applicationVersion() << " listening on "
           << (server.isSecure() ? "wss://" : "ws://") << host << ':' << server.port()
           << Core::Protocol::kPath << " (protocol " << Core::Protocol::kVersion << ", data "
           << folder.path() << ')' << Qt::endl;
    if (const TlsContext *tls = server.tls()) {
        io.out << "atiended: " << describeCertificate(*tls) << Qt::endl;
        warnAbout(*tls, io);
    } else if (!config.address.isLoopback()) {
        io.err
            << "atiended: warning: serving in clear text (ws://) on " << host << ':'
            << server.port()
            << ", which other machines can reach: passwords, session tokens and tickets cross the "
               "network unencrypted. "
               "Give --cert and --key to serve wss://, or listen on 127.0.0.1 behind a TLS proxy."
            << Qt::endl;
    }
    const int code = QCoreApplication::exec();
    folder.unpublish();
    m_server = nullptr;
    m_folder = nullptr;
    m_io = nullptr;
    return code;
}

void ServeCommand::stop()
{
    if (!m_server)
        return;
    m_io->out << "atiended: stopping" << Qt::endl;
    m_folder->unpublish();
    m_server->stop();
    QCoreApplication::quit();
}

void ServeCommand::reloadCertificate()
{
    if (!m_server || !m_server->tls())
        return;
    const QByteArray before = m_server->certificateSha256();
    QString why;
    if (!m_server->reloadCertificate(&why)) {
        m_io->err << "atiended: SIGHUP: kept the certificate in use (SHA-256 "
                  << TlsContext::fingerprintText(before) << "): " << why << Qt::endl;
        return;
    }
    m_io->out << "atiended: SIGHUP: reloaded " << m_server->tls()->certificateFile() << " and "
              << m_server->tls()->keyFile() << ": "
              << (m_server->certificateSha256() == before
                         ? QStringLiteral("the same ")
                         : QStringLiteral("new connections get the "))
              << describeCertificate(*m_server->tls()) << Qt::endl;
    warnAbout(*m_server->tls(), *m_io);
}

bool ServeCommand::isSecure() const
{
    return m_server && m_server->isSecure();
}

quint16 ServeCommand::port() const
{
    return m_server ? m_server->port() : 0;
}

} // namespace Atiende::Server::Cli
