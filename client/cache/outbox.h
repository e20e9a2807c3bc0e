#pragma once
// The outbox: the agent's edits waiting for the server, oldest first, kept until the server
// has answered each (its operation id makes a repeat harmless), surviving restarts and even a
// cache file that had to be set aside. An answer stores the server's truth, gives what was made
// offline its real id (and everything that named the temporary one), and keeps what the server
// did not take as conflicts for the agent (conflicts.h).

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Atiende::Client {

struct OutboxOp
{
    qint64 seq = 0;
    QString opId;
    QString method; // tickets.create, tickets.update, tickets.addArticle, tickets.escalate
    QJsonObject params;
    qint64 createdAt = 0;
    int attempts = 0;
    // The temporary (negative) ids this op refers to that are not yet known to the server.
    QList<qint64> dependsOn() const;
};

} // namespace Atiende::Client
