#pragma once
// What changed in the cache, so the UI can refresh just that: every part of the cache that
// writes says what it touched here, and the facade hands it on.

#include <QHash>
#include <QSet>
#include <QString>

namespace Atiende::Client {

struct CacheDelta
{
    QSet<qint64> tickets; // upserted or removed tickets (ids as the cache knows them)
    QSet<qint64> removedTickets;
    QSet<qint64> articleTickets; // tickets whose conversation changed
    QSet<QString> directory; // entity kinds that changed: "customer", "agent", ...
    QHash<qint64, qint64> renumbered; // temporary id -> the server's id, for tickets made offline
    bool kb = false;
    bool conflicts = false;
    bool outbox = false;
    bool isEmpty() const
    {
        return tickets.isEmpty() && removedTickets.isEmpty() && articleTickets.isEmpty()
            && directory.isEmpty() && renumbered.isEmpty() && !kb && !conflicts && !outbox;
    }
    void merge(const CacheDelta &o)
    {
        tickets += o.tickets;
        removedTickets += o.removedTickets;
        articleTickets += o.articleTickets;
        directory += o.directory;
        kb = kb || o.kb;
        conflicts = conflicts || o.conflicts;
        outbox = outbox || o.outbox;
    }
};

} // namespace Atiende::Client
