#include "connection.h"

#include "client/logging.h"

#include "tokenstore.h"

#include "core/protocol/errorcode.h"
#include "core/protocol/protocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QWebSocketProtocol>

namespace Atiende::Client {

using Core::Protocol::ErrorCode;
using Kind = ConnectionFailure::Kind;

namespace {
// The server's close code after auth.ended (docs/protocol.md).
constexpr int kSessionEndedCloseCode = 4001;
} // namespace

Connection::Connection(QUrl url, QString user, TokenStore *tokens, QObject *parent)
    : Connection(std::move(url), std::move(user), tokens, nullptr, parent)
{
}

Connection::Connection(QUrl url, QString user, TokenStore *tokens,
    std::unique_ptr<Transport> transport, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_user(std::move(user))
    , m_tokens(tokens)
    , m_rpc(std::move(transport))
    , m_random(QRandomGenerator::securelySeeded())
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, [this] {
        if (m_running && m_state == State::Offline)
            openLink();
    });
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_state != State::Connecting)
            return;
        ConnectionFailure f = failure(Kind::Unreachable,
            QStringLiteral("No answer from the server within %1 s.")
                .arg(m_connectTimeoutMs / 1000.0));
        f.socketError = QAbstractSocket::SocketTimeoutError;
        noteFailure(f);
        m_rpc.abort();
    });
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &Connection::onHeartbeat);
    connect(&m_rpc, &RpcConnection::opened, this, &Connection::onOpened);
    connect(&m_rpc, &RpcConnection::closed, this, &Connection::onClosed);
    connect(&m_rpc, &RpcConnection::pongReceived, this,
        [this] { m_lastPong = QDateTime::currentMSecsSinceEpoch(); });
    connect(&m_rpc, &RpcConnection::notificationReceived, this, &Connection::onNotification);
    connect(&m_rpc, &RpcConnection::socketError, this,
        [this](QAbstractSocket::SocketError error, const QString &text) {
            // A refused connection reports its error after it closed: the attempt is still being
            // settled then. A link lost after the sign-in is no failed attempt: it just reconnects.
            if (m_state == State::Online)
                return;
            ConnectionFailure f
                = failure(error == QAbstractSocket::SslHandshakeFailedError ? Kind::SecureChannel
                                                                            : Kind::Unreachable,
                    text);
            f.socketError = error;
            f.fatal = f.kind == Kind::SecureChannel;
            noteFailure(f);
        });
    connect(&m_rpc, &RpcConnection::sslErrors, this, &Connection::onSslErrors);
}

Connection::~Connection()
{
    m_running = false;
    m_rpc.disconnect(this);
}

QString Connection::tokenAccount(const QUrl &server, const QString &user)
{
    return user + QLatin1Char('@') + server.toString(QUrl::RemovePath);
}

void Connection::setTrustedCertificate(const TrustedCertificates::Entry &entry)
{
    m_trusted = entry;
    m_rpc.setIgnoredSslErrors(entry.acceptedErrors);
}

void Connection::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate shown = m_rpc.peerCertificate();
    // Exactly what the agent accepted for this certificate and server: the socket ignores them.
    if (!m_trusted.isNull() && shown == m_trusted.certificate
        && TrustedCertificates::covers(m_trusted, errors))
        return;
    // Otherwise the handshake fails right after this; say why, and stop there: reconnecting to a
    // server that cannot prove who it is would not make it any safer.
    QStringList why;
    for (const QSslError &e : errors)
        why << e.errorString();
    const bool changed = !m_trusted.isNull() && !shown.isNull() && shown != m_trusted.certificate;
    ConnectionFailure f = failure(
        changed ? Kind::CertificateChanged : Kind::Certificate, why.join(QStringLiteral("; ")));
    f.socketError = QAbstractSocket::SslHandshakeFailedError;
    f.sslErrors = errors;
    f.certificate = shown;
    if (changed)
        f.trustedCertificate = m_trusted.certificate;
    f.trustable = !shown.isNull() && TrustedCertificates::canTrust(errors);
    f.fatal = true;
    noteFailure(f);
}

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
    if (m_state == State::Offline)
        openLink();
}

void Connection::openLink()
{
    ++m_attemptSerial;
    m_attemptFailure = {};
    m_endedReason.clear();
    m_endedMessage.clear();
    setState(State::Connecting);
    if (m_connectTimeoutMs > 0)
        m_connectTimer.start(m_connectTimeoutMs);
    m_rpc.open(m_url);
}

void Connection::stop()
{
    m_running = false;
    ++m_attemptSerial;
    m_reconnectTimer.stop();
    m_heartbeatTimer.stop();
    m_connectTimer.stop();
    m_rpc.close();
    setState(State::Offline);
}

void Connection::dropLink()
{
    m_rpc.abort();
}

void Connection::onOpened()
{
    m_rpc.call(QStringLiteral("hello"),
        { { QStringLiteral("protocol"), Core::Protocol::kVersion },
            { QStringLiteral("client"), QStringLiteral("atiende") } },
        [this](const RpcReply &r) {
            if (!r.ok) {
                if (r.error.code == ErrorCode::UnsupportedProtocol) {
                    ConnectionFailure f = serverFailure(Kind::ProtocolMismatch, r.error);
                    const QJsonArray supported
                        = r.error.data.value(QStringLiteral("supported")).toArray();
                    for (const QJsonValue &v : supported)
                        f.supportedProtocols << v.toInt();
                    return fail(f);
                }
                return retryLater(r.error);
            }
            m_serverInfo = r.object();
            authenticate();
        });
}

void Connection::authenticate()
{
    if (!m_tokens)
        return authenticateWith(QString());
    // The key store answers when it can (a callback from the event loop): the attempt goes on
    // then, if it is still this one and its link still open.
    m_tokens->load(tokenAccount(), this, [this, serial = m_attemptSerial](const QString &token) {
        if (serial == m_attemptSerial && m_state == State::Connecting && m_rpc.isOpen())
            authenticateWith(token);
    });
}

void Connection::authenticateWith(const QString &token)
{
    if (token.isEmpty())
        return logIn(QString(), QString());
    m_rpc.call(QStringLiteral("auth.resume"), { { QStringLiteral("token"), token } },
        [this](const RpcReply &r) {
            if (r.ok)
                return sessionStartedWith(r.object());
            if (r.error.code == ErrorCode::SessionExpired) {
                if (m_tokens)
                    m_tokens->remove(tokenAccount());
                return logIn(
                    r.error.data.value(QStringLiteral("reason")).toString(), r.error.message);
            }
            retryLater(r.error);
        });
}

void Connection::logIn(const QString &endReason, const QString &endMessage)
{
    if (m_password.isEmpty()) {
        ConnectionFailure f = failure(Kind::SessionExpired,
            endMessage.isEmpty() ? tr("Your session has ended; log in again.") : endMessage);
        f.code = int(ErrorCode::SessionExpired);
        f.sessionEndReason = endReason;
        return fail(f);
    }
    TokenStore *devices = deviceTokenStore();
    if (!devices)
        return sendLogIn(QString());
    devices->load(deviceAccount(), this, [this, serial = m_attemptSerial](const QString &device) {
        if (serial == m_attemptSerial && m_state == State::Connecting && m_rpc.isOpen())
            sendLogIn(device);
    });
}

void Connection::sendLogIn(const QString &device)
{
    QJsonObject params { { QStringLiteral("user"), m_user },
        { QStringLiteral("password"), m_password } };
    // The device token from an earlier sign-in here: with it, someone else's wrong guesses
    // for this user never lock this console out.
    if (!device.isEmpty())
        params.insert(QStringLiteral("device"), device);
    m_rpc.call(QStringLiteral("auth.login"), params, [this](const RpcReply &r) {
        if (!r.ok) {
            if (r.error.code == ErrorCode::InvalidCredentials)
                return fail(serverFailure(Kind::WrongCredentials, r.error));
            if (r.error.code == ErrorCode::RateLimited) {
                ConnectionFailure f = serverFailure(Kind::Throttled, r.error);
                f.retryAfterMs
                    = qint64(r.error.data.value(QStringLiteral("retryAfterMs")).toDouble());
                return fail(f);
            }
            return retryLater(r.error);
        }
        if (m_tokens) {
            m_tokens->save(tokenAccount(), r.object().value(QStringLiteral("token")).toString(),
                this, [](bool stored) {
                    if (!stored)
                        qCWarning(lcConnection) << "could not store the session token; the next "
                                                   "start will ask for the password";
                });
        }
        if (const QString device = r.object().value(QStringLiteral("device")).toString();
            deviceTokenStore() && !device.isEmpty())
            deviceTokenStore()->save(deviceAccount(), device);
        sessionStartedWith(r.object());
    });
}

void Connection::sessionStartedWith(const QJsonObject &result)
{
    m_agent = result.value(QStringLiteral("agent")).toObject();
    m_attempt = 0;
    m_connectTimer.stop();
    m_attemptFailure = {};
    m_lastFailure = {};
    m_lastPong = QDateTime::currentMSecsSinceEpoch();
    m_heartbeatTimer.start(m_heartbeatMs);
    setState(State::Online);
    Q_EMIT sessionStarted(m_agent);
}

void Connection::retryLater(const Core::Protocol::RpcError &error)
{
    // A call that failed because the link went is told by the socket; one the server answered
    // with an error of its own (busy, internal_error) is this attempt's failure.
    if (!m_rpc.isOpen())
        return;
    noteFailure(serverFailure(Kind::ServerError, error));
    m_rpc.abort();
}

void Connection::onNotification(const QString &method, const QJsonObject &params)
{
    if (method == QLatin1String("auth.ended")) {
        // The session in use is over (signed out elsewhere, ended by an admin, password changed,
        // account disabled, expired): no more retries with it, and no quiet sign-in with a
        // password kept from before either, or an admin could never end a session.
        m_endedReason = params.value(QStringLiteral("reason")).toString(QStringLiteral("unknown"));
        m_endedMessage = params.value(QStringLiteral("message")).toString();
        return;
    }
    Q_EMIT notificationReceived(method, params);
}

void Connection::sessionEnded(const QString &reason, const QString &message)
{
    qCInfo(lcConnection).noquote() << "the session ended:" << reason << message;
    if (m_tokens)
        m_tokens->remove(tokenAccount());
    m_password.clear();
    ConnectionFailure f = failure(Kind::SessionExpired,
        message.isEmpty() ? tr("Your session has ended; log in again.") : message);
    f.code = int(ErrorCode::SessionExpired);
    f.sessionEndReason = reason;
    m_endedReason.clear();
    m_endedMessage.clear();
    fail(f);
}

void Connection::onClosed(int closeCode, const QString &reason)
{
    if (!m_endedReason.isEmpty() || closeCode == kSessionEndedCloseCode) {
        m_heartbeatTimer.stop();
        m_connectTimer.stop();
        setState(State::Offline);
        if (m_running)
            sessionEnded(m_endedReason.isEmpty() ? QStringLiteral("unknown") : m_endedReason,
                m_endedMessage.isEmpty() ? reason : m_endedMessage);
        return;
    }
    const bool wasOnline = m_state == State::Online;
    if (wasOnline)
        qCInfo(lcConnection).noquote() << "connection closed:" << closeCode << reason;
    m_heartbeatTimer.stop();
    m_connectTimer.stop();
    setState(State::Offline);
    if (!m_running)
        return;
    if (wasOnline) {
        scheduleReconnect();
        return;
    }
    if (m_attemptFailure.isNull() && closeCode != QWebSocketProtocol::CloseCodeNormal) {
        ConnectionFailure f = failure(Kind::Unreachable,
            QStringLiteral("The server closed the connection (%1 %2).").arg(closeCode).arg(reason));
        f.socketError = QAbstractSocket::RemoteHostClosedError;
        noteFailure(f);
    }
    // The socket may report its error just after it closed (a refused connection does):
    // settle the attempt once it has had its say.
    QMetaObject::invokeMethod(
        this,
        [this, serial = m_attemptSerial] {
            if (serial == m_attemptSerial)
                finishFailedAttempt();
        },
        Qt::QueuedConnection);
}

void Connection::finishFailedAttempt()
{
    if (!m_running || m_state != State::Offline)
        return;
    ConnectionFailure f = std::exchange(m_attemptFailure, {});
    if (f.isNull()) {
        f = failure(Kind::Unreachable,
            QStringLiteral("The connection closed before the sign-in was done."));
        f.socketError = QAbstractSocket::RemoteHostClosedError;
    }
    if (f.fatal)
        return fail(f);
    qCInfo(lcConnection).noquote() << "could not connect to" << f.endpoint() << ':' << f.message;
    m_lastFailure = f;
    scheduleReconnect();
    Q_EMIT failed(f);
}

void Connection::noteFailure(const ConnectionFailure &failure)
{
    if (m_attemptFailure.isNull()) // the first cause, not its consequences
        m_attemptFailure = failure;
}

ConnectionFailure Connection::failure(ConnectionFailure::Kind kind, const QString &message) const
{
    ConnectionFailure f;
    f.kind = kind;
    f.message = message;
    f.host = m_url.host();
    f.port = m_url.port(m_url.scheme() == QLatin1String("wss") ? 443 : 80);
    return f;
}

ConnectionFailure Connection::serverFailure(
    ConnectionFailure::Kind kind, const Core::Protocol::RpcError &error) const
{
    ConnectionFailure f = failure(
        kind, error.message.isEmpty() ? Core::Protocol::defaultMessage(error.code) : error.message);
    f.code = int(error.code);
    return f;
}

void Connection::scheduleReconnect()
{
    // Exponential backoff with +-25% jitter, so reconnecting consoles spread out.
    const int exponent = qMin(m_attempt, 16);
    const double base
        = qMin<double>(m_maxBackoffMs, double(m_initialBackoffMs) * double(1 << exponent));
    const int delay = int(base * (0.75 + 0.5 * m_random.generateDouble()));
    ++m_attempt;
    qCDebug(lcConnection) << "reconnecting in" << delay << "ms, attempt" << m_attempt;
    m_reconnectTimer.start(delay);
}

void Connection::onHeartbeat()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastPong > m_heartbeatMs + m_heartbeatTimeoutMs) {
        qCInfo(lcConnection) << "no answer from the server for" << (now - m_lastPong)
                             << "ms; reconnecting";
        m_rpc.abort();
        return;
    }
    m_rpc.ping();
}

void Connection::fail(ConnectionFailure failure)
{
    failure.fatal = true;
    qCWarning(lcConnection).noquote()
        << "giving up on" << failure.endpoint() << ':' << failure.message;
    m_running = false;
    ++m_attemptSerial;
    m_reconnectTimer.stop();
    m_heartbeatTimer.stop();
    m_connectTimer.stop();
    m_attemptFailure = {};
    m_lastFailure = failure;
    m_rpc.close();
    setState(State::Offline);
    Q_EMIT fatalError(failure.code, failure.message);
    Q_EMIT failed(failure);
}

} // namespace Atiende::Client
