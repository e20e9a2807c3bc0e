#pragma once
// The console's real link to atiended: a QWebSocket (ws:// or wss://) behind the Transport
// interface, with the protocol's message size limits instead of QWebSocket's defaults.

#include "transport.h"

#include <QWebSocket>

namespace Atiende::Client {

class WebSocketTransport final : public Transport
{
    Q_OBJECT
public:
    explicit WebSocketTransport(QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &url) override { m_socket.open(url); }
    void close() override;
    void abort() override { m_socket.abort(); }
    bool isOpen() const override { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void sendText(const QString &text) override { m_socket.sendTextMessage(text); }
    void sendBinary(const QByteArray &message) override { m_socket.sendBinaryMessage(message); }
    void ping() override { m_socket.ping(); }
    void setIgnoredSslErrors(const QList<QSslError> &errors) override
    {
        m_socket.ignoreSslErrors(errors);
    }
    QSslCertificate peerCertificate() const override
    {
        return m_socket.sslConfiguration().peerCertificate();
    }

private:
    QWebSocket m_socket;
};

} // namespace Atiende::Client
