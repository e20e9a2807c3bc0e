#include "testclient.h"

#include <memory>

#include <QJsonDocument>
#include <QUuid>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

namespace Atiende::Test {

QString newOpId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

TestClient::TestClient()
{
    QObject::connect(&m_rpc, &Client::RpcConnection::notificationReceived, &m_rpc,
        [this](const QString &method, const QJsonObject &params) {
            m_notifications.append({ method, params });
        });
    QObject::connect(&m_rpc, &Client::RpcConnection::strayMessage, &m_rpc,
        [this](const QByteArray &frame) { m_stray.append(frame); });
    QObject::connect(
        &m_rpc, &Client::RpcConnection::closed, &m_rpc, [this](int code, const QString &) {
            m_closeCode = code;
            m_closed = true;
        });
}

bool TestClient::open(const QUrl &url, int timeoutMs)
{
    m_closed = false;
    QSignalSpy opened(&m_rpc, &Client::RpcConnection::opened);
    m_rpc.open(url);
    return opened.wait(timeoutMs) || m_rpc.isOpen();
}

void TestClient::close()
{
    m_rpc.close();
}

bool TestClient::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
}

Client::RpcReply TestClient::call(const QString &method, const QJsonObject &params, int timeoutMs)
{
    // The answer may come after we stopped waiting for it: the callback holds its own state,
    // never this frame's.
    struct State
    {
        bool done = false;
        Client::RpcReply reply;
    };
    const auto state = std::make_shared<State>();
    m_rpc.call(method, params, [state](const Client::RpcReply &r) {
        state->reply = r;
        state->done = true;
    });
    QDeadlineTimer deadline(timeoutMs);
    while (!state->done && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    Client::RpcReply reply = state->reply;
    if (!state->done) {
        reply.error.message = QStringLiteral("timed out waiting for %1").arg(method);
        reply.error.code = Core::Protocol::ErrorCode::InternalError;
    }
    return reply;
}

Client::RpcReply TestClient::callBinary(
    const QString &method, const QJsonObject &params, const QByteArray &bytes, int timeoutMs)
{
    // The answer may come after we stopped waiting for it: the callback holds its own state,
    // never this frame's.
    struct State
    {
        bool done = false;
        Client::RpcReply reply;
    };
    const auto state = std::make_shared<State>();
    m_rpc.callBinary(method, params, bytes, [state](const Client::RpcReply &r) {
        state->reply = r;
        state->done = true;
    });
    QDeadlineTimer deadline(timeoutMs);
    while (!state->done && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    Client::RpcReply reply = state->reply;
    if (!state->done) {
        reply.error.message = QStringLiteral("timed out waiting for %1").arg(method);
        reply.error.code = Core::Protocol::ErrorCode::InternalError;
    }
    return reply;
}

QJsonObject TestClient::sendRawBinary(const QByteArray &message, int timeoutMs)
{
    m_rpc.sendBinary(message);
    return waitForStray(timeoutMs);
}

QJsonObject TestClient::waitForStray(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_stray.isEmpty() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    if (m_stray.isEmpty())
        return {};
    return QJsonDocument::fromJson(m_stray.takeFirst()).object();
}

QJsonObject TestClient::sendRaw(const QString &text, int timeoutMs)
{
    m_rpc.sendText(text);
    return waitForStray(timeoutMs);
}

bool TestClient::hello()
{
    return call(QStringLiteral("hello"),
        { { QStringLiteral("protocol"), 1 },
            { QStringLiteral("client"), QStringLiteral("tests") } })
        .ok;
}

bool TestClient::login(const QString &user, const QString &password)
{
    if (!hello())
        return false;
    const Client::RpcReply r = call(QStringLiteral("auth.login"),
        { { QStringLiteral("user"), user }, { QStringLiteral("password"), password } });
    if (!r.ok)
        return false;
    m_token = r.object().value(QStringLiteral("token")).toString();
    m_agentId = qint64(r.object()
                           .value(QStringLiteral("agent"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toDouble());
    return true;
}

std::optional<Notification> TestClient::waitForNotification(
    const std::function<bool(const Notification &)> &pred, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    int checked = 0;
    for (;;) {
        for (; checked < m_notifications.size(); ++checked) {
            if (pred(m_notifications.at(checked)))
                return m_notifications.at(checked);
        }
        if (deadline.hasExpired())
            return std::nullopt;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

qint64 TestClient::waitForTicket(const QString &subject, int timeoutMs)
{
    qint64 id = 0;
    waitForNotification(
        [&](const Notification &n) {
            if (n.method != QLatin1String("sync.changed"))
                return false;
            for (const QJsonValue &v : n.params.value(QStringLiteral("changes")).toArray()) {
                const QJsonObject data = v.toObject().value(QStringLiteral("data")).toObject();
                if (v.toObject().value(QStringLiteral("entity")).toString()
                        == QLatin1String("ticket")
                    && data.value(QStringLiteral("subject")).toString() == subject) {
                    id = data.value(QStringLiteral("id")).toInteger();
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return id;
}

QJsonArray TestClient::pushedChanges() const
{
    QJsonArray all;
    for (const Notification &n : m_notifications) {
        if (n.method == QLatin1String("sync.changed")) {
            for (const QJsonValue &c : n.params.value(QStringLiteral("changes")).toArray())
                all.append(c);
        }
    }
    return all;
}

} // namespace Atiende::Test
