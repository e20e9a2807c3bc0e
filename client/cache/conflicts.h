#pragma once
// What the server did not take from the agent, kept until the agent has seen it: a field
// someone else changed first (the server kept theirs), or an edit refused whole with what the
// agent wrote (a reply's text, the fields, the escalation asked for). Nothing the agent typed
// is dropped silently.

#include <QJsonValue>
#include <QList>
#include <QString>

namespace Atiende::Client {

class CacheDb;

struct Conflict
{
    qint64 id = 0;
    qint64 ticketId = 0;
    QString field; // a ticket field, or empty for a refused edit
    QJsonValue yours;
    QJsonValue theirs;
    QString message; // why, in English (the UI translates from code)
    int code = 0; // protocol error code, 0 for a field conflict inside an applied edit
    qint64 createdAt = 0;
};

class Conflicts
{
public:
    explicit Conflicts(CacheDb &db);

    bool add(qint64 ticketId, const QString &field, const QJsonValue &yours,
        const QJsonValue &theirs, const QString &message, int code, qint64 now);
    QList<Conflict> list(qint64 ticketId = 0); // 0: every ticket's
    bool resolve(qint64 conflictId);
    // A ticket made offline got its real id.
    bool renumber(qint64 tempId, qint64 realId);

private:
    CacheDb &m_db;
};

} // namespace Atiende::Client
