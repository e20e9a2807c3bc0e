#pragma once
// The baseline of the fan-out and idle figures: the least a Qt WebSockets server can do.
// It accepts connections the way atiended does (its own QTcpServer with the same backlog,
// handed to QWebSocketServer) and sends every text frame a client sends to every other
// client, the same QString for all, as atiended sends one serialised sync.changed to all.
// No JSON, no sessions, no database; TCP_NODELAY on every connection. Runs in its own process
// (atiende-load
// --baseline-server), so it shares the machine with the load tool as atiended does.

#include <QObject>
#include <QSet>
#include <QTcpServer>
#include <QWebSocketServer>

namespace Atiende::Bench {

class BroadcastServer : public QObject
{
    Q_OBJECT
public:
    explicit BroadcastServer(QObject *parent = nullptr);

    bool listen(QString *error);
    quint16 port() const { return m_tcp.serverPort(); }

private:
    void onTcpConnection();
    void onWebSocket();

    QTcpServer m_tcp;
    QWebSocketServer m_ws;
    QSet<QWebSocket *> m_clients;
};

} // namespace Atiende::Bench
