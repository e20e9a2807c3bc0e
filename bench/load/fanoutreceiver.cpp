#include "fanoutreceiver.h"

#include "benchclock.h"

#include "core/protocol/jsonrpc.h"
#include "core/protocol/protocol.h"

namespace Atiende::Bench {

using Core::Protocol::JsonRpc;

namespace {
constexpr qint64 kHelloId = 1;
constexpr qint64 kResumeId = 2;
} // namespace

FanoutReceiver::FanoutReceiver(
    QUrl url, QString token, ArrivalLog *log, std::atomic<qint64> *arrivals, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_token(std::move(token))
    , m_log(log)
    , m_arrivals(arrivals)
{
    m_socket.setParent(this);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &FanoutReceiver::onText);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        if (m_token.isEmpty()) {
            m_ready = true;
            Q_EMIT ready();
            return;
        }
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

void FanoutReceiver::open()
{
    m_socket.open(m_url);
}

void FanoutReceiver::close()
{
    m_ready = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

qint64 FanoutReceiver::revisionOf(QStringView frame)
{
    static const QLatin1String kMethod("\"method\":\"sync.changed\"");
    static const QLatin1String kKey("\"revision\":");
    if (!frame.left(64).contains(kMethod))
        return -1;
    const qsizetype at = frame.lastIndexOf(kKey);
    if (at < 0)
        return -1;
    qint64 revision = 0;
    bool any = false;
    for (qsizetype i = at + kKey.size(); i < frame.size() && frame.at(i).isDigit(); ++i) {
        revision = revision * 10 + frame.at(i).digitValue();
        any = true;
    }
    return any ? revision : -1;
}

void FanoutReceiver::onText(const QString &text)
{
    if (m_ready) {
        const qint64 now = BenchClock::nowNs();
        const qint64 revision = revisionOf(text);
        if (revision >= 0) {
            m_log->record(revision, now);
            m_arrivals->fetch_add(1, std::memory_order_relaxed);
        }
        return;
    }
    // Only the two handshake replies are parsed in full.
    Core::Protocol::RpcMessage m;
    Core::Protocol::RpcError error;
    QJsonValue id;
    if (!JsonRpc::parse(text.toUtf8(), &m, &error, &id))
        return Q_EMIT failed(QStringLiteral("unreadable frame during the handshake"));
    if (m.kind == Core::Protocol::RpcMessage::Kind::ErrorResponse)
        return Q_EMIT failed(QStringLiteral("handshake refused: %1").arg(m.error.message));
    if (m.kind == Core::Protocol::RpcMessage::Kind::Response
        && m.id.toDouble() == double(kResumeId)) {
        m_ready = true;
        Q_EMIT ready();
    }
}

} // namespace Atiende::Bench
