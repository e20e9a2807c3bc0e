// RpcServer's TLS: the pair it serves (TlsContext), the listener that finishes each handshake
// before a connection reaches the WebSocket layer (TlsListener), and reloading the pair.

#include "rpcserver.h"

#include "peers.h"
#include "rpcservices.h"

#include "tlscontext.h"
#include "tlslistener.h"

#include <QTcpServer>

namespace Atiende::Server {

bool RpcServer::startTls(QString *error)
{
    if (m_s->config.certificateFile.isEmpty() && m_s->config.keyFile.isEmpty())
        return true;
    if (m_s->config.certificateFile.isEmpty() || m_s->config.keyFile.isEmpty()) {
        *error = QStringLiteral("TLS needs both a certificate file and a key file");
        return false;
    }
    auto tls = std::make_unique<TlsContext>(
        m_s->config.certificateFile, m_s->config.keyFile, m_s->config.keyPassphrase);
    if (!tls->load(error))
        return false;
    m_tls = std::move(tls);
    return true;
}

QTcpServer *RpcServer::newListener()
{
    if (!m_tls)
        return new QTcpServer(this);
    auto *listener = new TlsListener(m_tls.get(), m_s->config.tlsHandshakeTimeoutMs, this);
    // A TLS handshake under way is a pending connection like an upgrade under way.
    listener->setAdmission(
        [this](const QString &address) { return m_peers->admitPending(address); },
        [this](const QString &address) { m_peers->releasePending(address); });
    return listener;
}

bool RpcServer::isSecure() const
{
    return m_tls && m_tls->isLoaded();
}

QByteArray RpcServer::certificateSha256() const
{
    return m_tls ? m_tls->sha256() : QByteArray();
}

bool RpcServer::reloadCertificate(QString *error)
{
    if (!m_tls) {
        *error = QStringLiteral("this server does not serve TLS (no certificate was given)");
        return false;
    }
    // The listener asks the context for its configuration at every accept: new connections
    // get the new pair from here on, established ones keep theirs.
    return m_tls->load(error);
}

} // namespace Atiende::Server
