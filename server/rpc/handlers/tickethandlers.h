#pragma once
// Tickets and their customers: tickets.query, tickets.get, tickets.create, tickets.update,
// tickets.addArticle, tickets.escalate, customers.history, customers.create, and the methods on
// an article that is mail: articles.move, mail.message, mail.retry (docs/protocol.md).
// What an agent may see and change is the store's rule (TicketStore); a ticket that becomes P1
// goes through the p1 escalation rules in the same transaction.

#include "handlerunit.h"

namespace Atiende::Server {

class TicketHandlers : public HandlerUnit
{
public:
    using HandlerUnit::HandlerUnit;
    void registerWith(Dispatcher &dispatcher) override;

private:
    void query(CallContext &, const QJsonObject &, const Reply &);
    void get(CallContext &, const QJsonObject &, const Reply &);
    void create(CallContext &, const QJsonObject &, const Reply &);
    void update(CallContext &, const QJsonObject &, const Reply &);
    void addArticle(CallContext &, const QJsonObject &, const Reply &);
    void escalate(CallContext &, const QJsonObject &, const Reply &);
    void customerHistory(CallContext &, const QJsonObject &, const Reply &);
    void customerCreate(CallContext &, const QJsonObject &, const Reply &);
    void moveArticle(CallContext &, const QJsonObject &, const Reply &);
    void mailMessage(CallContext &, const QJsonObject &, const Reply &);
    void mailRetry(CallContext &, const QJsonObject &, const Reply &);
};

} // namespace Atiende::Server
