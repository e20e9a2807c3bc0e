#include "loadsession.h"

#include "benchclock.h"

#include "core/protocol/protocol.h"

namespace Atiende::Bench {

LoadSession::LoadSession(QUrl url, Credentials credentials, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_credentials(std::move(credentials))
{
}

LoadSession::~LoadSession()
{
    if (m_rpc)
        m_rpc->disconnect(this);
}

void LoadSession::open()
{
    // A fresh connection object each time: nothing of the dropped one can leak into this one.
    if (m_rpc) {
        m_rpc->disconnect(this);
        m_rpc->abort();
    }
    m_rpc = std::make_unique<Client::RpcConnection>();
    m_ready = false;
    m_closing = false;
    m_openedAtNs = BenchClock::nowNs();
    m_readyAtNs = 0;
    connect(m_rpc.get(), &Client::RpcConnection::opened, this, &LoadSession::onOpened);
    connect(
        m_rpc.get(), &Client::RpcConnection::closed, this, [this](int code, const QString &reason) {
            if (m_closing)
                return;
            if (m_ready) {
                m_ready = false;
                Q_EMIT dropped();
            } else {
                fail(QStringLiteral("the connection closed during the handshake (%1 %2)")
                         .arg(code)
                         .arg(reason));
            }
        });
    connect(m_rpc.get(), &Client::RpcConnection::notificationReceived, this,
        &LoadSession::notificationReceived);
    m_rpc->open(m_url);
}

void LoadSession::abort()
{
    m_closing = true;
    m_ready = false;
    if (m_rpc)
        m_rpc->abort();
}

void LoadSession::close()
{
    m_closing = true;
    m_ready = false;
    if (m_rpc)
        m_rpc->close();
}

void LoadSession::onOpened()
{
    // Pipelined: the server handles frames of one connection in order, so auth goes out
    // without waiting for hello's reply, as a console in a hurry would.
    m_rpc->call(QStringLiteral("hello"),
        { { QStringLiteral("protocol"), Core::Protocol::kVersion },
            { QStringLiteral("client"), QStringLiteral("atiende-load") } },
        [this](const Client::RpcReply &r) {
            if (!r.ok)
                fail(QStringLiteral("hello: %1").arg(r.error.message));
        });
    if (!m_credentials.token.isEmpty()) {
        m_rpc->call(QStringLiteral("auth.resume"),
            { { QStringLiteral("token"), m_credentials.token } },
            [this](const Client::RpcReply &r) { onAuthenticated(r); });
    } else {
        m_rpc->call(QStringLiteral("auth.login"),
            { { QStringLiteral("user"), m_credentials.user },
                { QStringLiteral("password"), m_credentials.password } },
            [this](const Client::RpcReply &r) { onAuthenticated(r); });
    }
}

void LoadSession::onAuthenticated(const Client::RpcReply &reply)
{
    if (!reply.ok)
        return fail(QStringLiteral("authentication: %1").arg(reply.error.message));
    const QJsonObject result = reply.object();
    if (result.contains(QStringLiteral("token")))
        m_credentials.token = result.value(QStringLiteral("token")).toString();
    m_agentId = qint64(
        result.value(QStringLiteral("agent")).toObject().value(QStringLiteral("id")).toDouble());
    m_ready = true;
    m_readyAtNs = BenchClock::nowNs();
    Q_EMIT ready();
}

void LoadSession::fail(const QString &why)
{
    if (m_closing)
        return;
    m_closing = true; // one failure per open(), however many replies fail after it
    m_ready = false;
    Q_EMIT failed(why);
}

} // namespace Atiende::Bench
