#include "dashboardreceiver.h"

#include "benchclock.h"

#include "core/protocol/jsonrpc.h"
#include "core/protocol/protocol.h"

namespace Atiende::Bench {

using Core::Protocol::JsonRpc;

namespace {
constexpr qint64 kHelloId = 1;
constexpr qint64 kResumeId = 2;
constexpr qint64 kSubscribeId = 3;
} // namespace

DashboardReceiver::DashboardReceiver(
    QUrl url, QString token, std::atomic<qint64> *pushes, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_token(std::move(token))
    , m_pushes(pushes)
{
    m_socket.setParent(this);
    m_seen.reserve(4096);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &DashboardReceiver::onText);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_socket.sendTextMessage(
            QString::fromUtf8(JsonRpc::request(double(kHelloId), QStringLiteral("hello"),
                { { QStringLiteral("protocol"), Core::Protocol::kVersion } })));
        m_socket.sendTextMessage(QString::fromUtf8(JsonRpc::request(double(kResumeId),
            QStringLiteral("auth.resume"), { { QStringLiteral("token"), m_token } })));
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        if (!m_ready)
            Q_EMIT failed(
                QStringLiteral("closed before it was ready: %1").arg(m_socket.errorString()));
        m_ready = false;
    });
}

void DashboardReceiver::open()
{
    m_socket.open(m_url);
}

void DashboardReceiver::close()
{
    m_ready = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

qint64 DashboardReceiver::createdOf(QStringView frame)
{
    static const QLatin1String kKey("\"current\":{\"created\":");
    const qsizetype at = frame.indexOf(kKey);
    if (at < 0)
        return -1;
    qint64 n = 0;
    bool any = false;
    for (qsizetype i = at + kKey.size(); i < frame.size() && frame.at(i).isDigit(); ++i) {
        n = n * 10 + frame.at(i).digitValue();
        any = true;
    }
    return any ? n : -1;
}

void DashboardReceiver::onText(const QString &text)
{
    const qint64 now = BenchClock::nowNs();
    if (m_ready) {
        if (!text.left(64).contains(QLatin1String("\"method\":\"dashboard.changed\"")))
            return;
        const qint64 created = createdOf(text);
        if (created >= 0) {
            m_seen.emplace_back(created, now);
            m_pushes->fetch_add(1, std::memory_order_relaxed);
        }
        return;
    }
    Core::Protocol::RpcMessage m;
    Core::Protocol::RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(text.toUtf8(), &m, &error, &id))
        return Q_EMIT failed(QStringLiteral("unreadable frame during the handshake"));
    if (m.kind == Core::Protocol::RpcMessage::Kind::ErrorResponse)
        return Q_EMIT failed(QStringLiteral("refused: %1").arg(m.error.message));
    if (m.kind == Core::Protocol::RpcMessage::Kind::Response
        && m.id.toDouble() == double(kResumeId)) {
        // Logged in: now the dashboard.
        m_socket.sendTextMessage(QString::fromUtf8(
            JsonRpc::request(double(kSubscribeId), QStringLiteral("dashboard.subscribe"),
                { { QStringLiteral("period"), QStringLiteral("today") } })));
        return;
    }
    if (m.kind == Core::Protocol::RpcMessage::Kind::Response
        && m.id.toDouble() == double(kSubscribeId)) {
        m_initial = createdOf(text);
        m_ready = true;
        Q_EMIT ready();
    }
}

} // namespace Atiende::Bench
