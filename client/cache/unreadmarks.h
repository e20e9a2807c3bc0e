#pragma once
// What the agent has not seen yet: a ticket is unread when someone other than the agent did
// something worth a look in it (made it, replied, noted) after the agent last opened it, and
// after the baseline (everything older than the cache's first fill or last resync counts as
// read). The rules live here; the rows they mark are the tickets' (ticketrows.h).

#include <QJsonObject>

namespace Atiende::Client {

class CacheDb;

class UnreadMarks
{
public:
    explicit UnreadMarks(CacheDb &db);

    // Whose conversation entries count as news (everyone's but the agent's own).
    void setOwnAgent(qint64 agentId) { m_ownAgent = agentId; }

    // The activity a ticket brings by itself (made at created): news unless the agent made
    // it; 0 for none.
    qint64 ticketActivity(const QJsonObject &ticket, qint64 created) const;
    // A conversation entry made at created (not a pending one of the agent's) is news: newer
    // than the baseline, a reply or note, by someone else.
    bool isNews(const QJsonObject &article, qint64 created);

    // Before this instant nothing is news (read lazily from the meta table).
    qint64 seenBaseline();
    // A new baseline (a resync: what comes again is not news); forgetBaseline() makes the
    // next seenBaseline() read it again.
    bool setBaseline(qint64 at);
    void forgetBaseline() { m_seenBaseline = -1; }

    // The agent opened the ticket: it is no longer unread.
    bool markSeen(qint64 ticketId, qint64 now);
    // A ticket made offline got its real id.
    bool renumber(qint64 tempId, qint64 realId);

private:
    CacheDb &m_db;
    qint64 m_ownAgent = 0;
    qint64 m_seenBaseline = -1; // read lazily from meta
};

} // namespace Atiende::Client
