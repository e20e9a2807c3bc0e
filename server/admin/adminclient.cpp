#include "adminclient.h"

#include "core/protocol/jsonrpc.h"
#include "core/protocol/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>
#include <QWebSocket>

namespace Atiende::Server {

using namespace Atiende::Core::Protocol;

AdminClient::AdminClient() = default;

AdminClient::~AdminClient()
{
    close();
}

void AdminClient::close()
{
    if (m_socket) {
        m_socket->disconnect();
        m_socket->close();
        m_socket.reset();
    }
}

bool AdminClient::open(const DataFolder::Endpoint &server, QString *error, int timeoutMs)
{
    close();
    m_expectedCertificate = server.certificateSha256;
    m_socket = std::make_unique<QWebSocket>(
        QStringLiteral("atiended-admin"), QWebSocketProtocol::VersionLatest);
    m_socket->setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
    QObject::connect(m_socket.get(), &QWebSocket::textMessageReceived,
        [this](const QString &text) { m_frames << text.toUtf8(); });
    QObject::connect(
        m_socket.get(), &QWebSocket::sslErrors, [this](const QList<QSslError> &errors) {
            // The certificate the server published in the data folder is the one to expect, CA or
            // not; anything else is refused.
            const QSslCertificate presented = m_socket->sslConfiguration().peerCertificate();
            if (!m_expectedCertificate.isEmpty() && !presented.isNull()
                && presented.digest(QCryptographicHash::Sha256) == m_expectedCertificate) {
                m_socket->ignoreSslErrors(errors);
                return;
            }
            QStringList why;
            for (const QSslError &e : errors)
                why << e.errorString();
            m_linkError = QStringLiteral(
                "the server's certificate is not the one it published in the data folder (%1)")
                              .arg(why.join(QStringLiteral("; ")));
        });
    QObject::connect(m_socket.get(),
        QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error),
        [this](QAbstractSocket::SocketError) {
            if (m_linkError.isEmpty())
                m_linkError = m_socket->errorString();
        });

    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QWebSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QWebSocket::disconnected, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    m_socket->open(server.url);
    loop.exec();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        *error
            = QStringLiteral("cannot reach the server at %1 (pid %2): %3")
                  .arg(server.url.toString())
                  .arg(server.pid)
                  .arg(m_linkError.isEmpty() ? QStringLiteral("no answer in time") : m_linkError);
        close();
        return false;
    }
    const OpResult hello = call(QStringLiteral("hello"),
        { { QStringLiteral("protocol"), kVersion },
            { QStringLiteral("client"), QStringLiteral("atiended-admin") } },
        timeoutMs);
    if (!hello.ok) {
        *error = QStringLiteral("the server at %1 refused hello: %2")
                     .arg(server.url.toString(), hello.error.message);
        close();
        return false;
    }
    const OpResult auth = call(QStringLiteral("auth.local"),
        { { QStringLiteral("token"), server.adminToken } }, timeoutMs);
    if (!auth.ok) {
        *error = QStringLiteral("the server at %1 refused the local administration token: %2")
                     .arg(server.url.toString(), auth.error.message);
        close();
        return false;
    }
    return true;
}

OpResult AdminClient::call(const QString &method, const QJsonObject &params, int timeoutMs)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return OpResult::failure(
            ErrorCode::InternalError, QStringLiteral("not connected to the server"));
    const qint64 id = ++m_nextId;
    m_socket->sendTextMessage(QString::fromUtf8(JsonRpc::request(double(id), method, params)));
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        while (!m_frames.isEmpty()) {
            const QByteArray frame = m_frames.takeFirst();
            RpcMessage message;
            RpcError parseError;
            QJsonValue messageId;
            if (!JsonRpc::parse(frame, &message, &parseError, &messageId))
                continue;
            if (message.kind == RpcMessage::Kind::Notification)
                continue; // pushes are for consoles
            if (message.id.toInteger() != id)
                continue;
            if (message.kind == RpcMessage::Kind::Response)
                return OpResult::success(message.result);
            OpResult r;
            r.error = message.error;
            return r;
        }
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            return OpResult::failure(ErrorCode::InternalError,
                QStringLiteral("the server closed the connection (%1)")
                    .arg(m_socket->closeReason().isEmpty() ? m_socket->errorString()
                                                           : m_socket->closeReason()));
        if (deadline.hasExpired())
            return OpResult::failure(ErrorCode::InternalError,
                QStringLiteral("no answer from the server within %1 s").arg(timeoutMs / 1000));
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(
            m_socket.get(), &QWebSocket::textMessageReceived, &loop, &QEventLoop::quit);
        QObject::connect(m_socket.get(), &QWebSocket::disconnected, &loop, &QEventLoop::quit);
        timer.start(int(qMax<qint64>(1, deadline.remainingTime())));
        loop.exec();
    }
}

} // namespace Atiende::Server
