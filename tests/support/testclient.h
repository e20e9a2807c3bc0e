#pragma once
// A protocol client for tests: synchronous calls with a timeout over the real
// Client::RpcConnection, and the notifications it received.

#include "client/rpc/rpcconnection.h"

#include <QJsonArray>
#include <QList>
#include <QUrl>
#include <functional>

namespace Atiende::Test {

struct Notification
{
    QString method;
    QJsonObject params;
};

class TestClient
{
public:
    TestClient();

    bool open(const QUrl &url, int timeoutMs = 5000);
    void close();
    bool isOpen() const { return m_rpc.isOpen(); }
    bool waitClosed(int timeoutMs = 5000);
    int closeCode() const { return m_closeCode; }

    Client::RpcReply call(
        const QString &method, const QJsonObject &params = {}, int timeoutMs = 15000);
    // The same as a binary message, bytes after the request (docs/protocol.md, "Binary frames").
    Client::RpcReply callBinary(const QString &method, const QJsonObject &params,
        const QByteArray &bytes, int timeoutMs = 15000);
    // Sends raw text and waits for the next frame that is not a notification.
    QJsonObject sendRaw(const QString &text, int timeoutMs = 5000);
    // Sends a raw binary message and waits for the next frame that is not a notification.
    QJsonObject sendRawBinary(const QByteArray &message, int timeoutMs = 5000);

    bool hello();
    // hello + auth.login; keeps the token.
    bool login(const QString &user, const QString &password);
    QString token() const { return m_token; }
    qint64 agentId() const { return m_agentId; }

    // Waits until a notification matching pred has arrived (already or within the timeout).
    std::optional<Notification> waitForNotification(
        const std::function<bool(const Notification &)> &pred, int timeoutMs = 5000);
    QList<Notification> notifications() const { return m_notifications; }
    void clearNotifications() { m_notifications.clear(); }
    // All changes of sync.changed notifications so far, flattened.
    QJsonArray pushedChanges() const;
    // Waits for a pushed ticket with this subject (already pushed or within the timeout): its
    // id, 0 when none came.
    qint64 waitForTicket(const QString &subject, int timeoutMs = 10000);

    Client::RpcConnection &rpc() { return m_rpc; }

private:
    QJsonObject waitForStray(int timeoutMs);
    Client::RpcConnection m_rpc;
    QList<Notification> m_notifications;
    QList<QByteArray> m_stray;
    QString m_token;
    qint64 m_agentId = 0;
    int m_closeCode = -1;
    bool m_closed = false;
};

// A fresh operation id.
QString newOpId();

} // namespace Atiende::Test
