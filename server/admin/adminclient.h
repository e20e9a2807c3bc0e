#pragma once
// How an admin command reaches the server that serves its data folder: a small blocking
// JSON-RPC client over the same WebSocket the consoles use, signed in with the folder's local
// administration token (auth.local). Every change then goes through the server's one writer
// and is pushed to the consoles like any other. With TLS, the server's certificate is accepted
// only if it is the one the server published in the data folder.

#include "server/admin/datafolder.h"
#include "server/store/changeset.h"

#include <QJsonObject>
#include <QString>

#include <memory>

class QWebSocket;

namespace Atiende::Server {

class AdminClient
{
public:
    AdminClient();
    ~AdminClient();

    // Connects, says hello and signs in. False with *error saying why.
    bool open(const DataFolder::Endpoint &server, QString *error, int timeoutMs = 15000);
    // One call; the server's answer as an OpResult (its error code and message when refused;
    // internal_error when the link fails or the answer does not come in time).
    OpResult call(const QString &method, const QJsonObject &params, int timeoutMs = 120000);
    void close();

private:
    std::unique_ptr<QWebSocket> m_socket;
    QByteArray m_expectedCertificate;
    qint64 m_nextId = 0;
    QList<QByteArray> m_frames; // received, not yet matched
    QString m_linkError;
};

} // namespace Atiende::Server
