#include "connection.h"

#include "tokenstore.h"

#include "core/protocol/errorcode.h"
#include "core/protocol/protocol.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcConnection, "atiende.connection")

namespace Atiende::Client {

using Core::Protocol::ErrorCode;

Connection::Connection(QUrl url, QString user, TokenStore *tokens, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_user(std::move(user))
    , m_tokens(tokens)
    , m_random(QRandomGenerator::securelySeeded())
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_running && m_state == State::Offline) {
            setState(State::Connecting);
            m_rpc.open(m_url);
        }
    });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Connection::onHeartbeat);
    connect(&m_rpc, &RpcConnection::opened, this, &Connection::onOpened);
    connect(&m_rpc, &RpcConnection::closed, this, &Connection::onClosed);
    connect(&m_rpc, &RpcConnection::pongReceived, this, [this] { m_lastPong = QDateTime::currentMSecsSinceEpoch(); });
    connect(&m_rpc, &RpcConnection::notificationReceived, this, &Connection::notificationReceived);
}

Connection::~Connection()
{
    m_running = false;
    m_rpc.disconnect(this);
}

QString Connection::tokenAccount() const { return m_user + QLatin1Char('@') + m_url.toString(QUrl::RemovePath); }

void Connection::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void Connection::start()
{
    m_running = true;
    m_attempt = 0;
    if (m_state == State::Offline) {
        setState(State::Connecting);
        m_rpc.open(m_url);
    }
}

void Connection::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_heartbeatTimer.stop();
    m_rpc.close();
    setState(State::Offline);
}

void Connection::dropLink() { m_rpc.abort(); }

void Connection::onOpened()
{
    m_rpc.call(QStringLiteral("hello"), {{QStringLiteral("protocol"), Core::Protocol::kVersion}, {QStringLiteral("client"), QStringLiteral("atiende")}},
               [this](const RpcReply &r) {
                   if (!r.ok) {
                       if (r.error.code == ErrorCode::UnsupportedProtocol)
                           return fail(int(r.error.code), r.error.message);
                       return m_rpc.abort();
                   }
                   m_serverInfo = r.object();
                   authenticate();
               });
}

void Connection::authenticate()
{
    const QString token = m_tokens ? m_tokens->load(tokenAccount()) : QString();
    auto started = [this](const QJsonObject &result) {
        m_agent = result.value(QStringLiteral("agent")).toObject();
        m_attempt = 0;
        m_lastPong = QDateTime::currentMSecsSinceEpoch();
        m_heartbeatTimer.start(m_heartbeatMs);
        setState(State::Online);
        Q_EMIT sessionStarted(m_agent);
    };
    auto login = [this, started] {
        if (m_password.isEmpty())
            return fail(int(ErrorCode::SessionExpired), tr("Your session has ended; log in again."));
        m_rpc.call(QStringLiteral("auth.login"), {{QStringLiteral("user"), m_user}, {QStringLiteral("password"), m_password}},
                   [this, started](const RpcReply &r) {
                       if (!r.ok) {
                           if (r.error.code == ErrorCode::InvalidCredentials || r.error.code == ErrorCode::RateLimited)
                               return fail(int(r.error.code), r.error.message);
                           return m_rpc.abort();
                       }
                       if (m_tokens && !m_tokens->save(tokenAccount(), r.object().value(QStringLiteral("token")).toString()))
                           qCWarning(lcConnection) << "could not store the session token; the next start will ask for the password";
                       started(r.object());
                   });
    };
    if (token.isEmpty())
        return login();
    m_rpc.call(QStringLiteral("auth.resume"), {{QStringLiteral("token"), token}}, [this, started, login](const RpcReply &r) {
        if (r.ok)
            return started(r.object());
        if (r.error.code == ErrorCode::SessionExpired) {
            if (m_tokens)
                m_tokens->remove(tokenAccount());
            return login();
        }
        m_rpc.abort();
    });
}

void Connection::onClosed(int closeCode, const QString &reason)
{
    if (m_state == State::Online)
        qCInfo(lcConnection).noquote() << "connection closed:" << closeCode << reason;
    m_heartbeatTimer.stop();
    setState(State::Offline);
    if (m_running)
        scheduleReconnect();
}

void Connection::scheduleReconnect()
{
    // Exponential backoff with +-25% jitter, so reconnecting consoles spread out.
    const int exponent = qMin(m_attempt, 16);
    const double base = qMin<double>(m_maxBackoffMs, double(m_initialBackoffMs) * double(1 << exponent));
    const int delay = int(base * (0.75 + 0.5 * m_random.generateDouble()));
    ++m_attempt;
    qCDebug(lcConnection) << "reconnecting in" << delay << "ms, attempt" << m_attempt;
    m_reconnectTimer.start(delay);
}

void Connection::onHeartbeat()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastPong > m_heartbeatMs + m_heartbeatTimeoutMs) {
        qCInfo(lcConnection) << "no answer from the server for" << (now - m_lastPong) << "ms; reconnecting";
        m_rpc.abort();
        return;
    }
    m_rpc.ping();
}

void Connection::fail(int code, const QString &message)
{
    qCWarning(lcConnection).noquote() << "giving up:" << message;
    m_running = false;
    m_reconnectTimer.stop();
    m_heartbeatTimer.stop();
    m_rpc.close();
    setState(State::Offline);
    Q_EMIT fatalError(code, message);
}

} // namespace Atiende::Client
