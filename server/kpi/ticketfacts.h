#pragma once
// What the KPIs need to know about one ticket (docs/kpis.md), read either from the ticket's
// wire JSON (a committed change, as the sync feed carries it) or from its row in the store
// (a rebuild or a report). Both readings give the same facts for the same ticket: the KPI
// state is a sum of every ticket's contribution, so "incremental equals recomputed" rests
// on this.

#include "core/domain/enums.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringView>

#include <vector>

namespace Atiende::Server {

// One SLA clock as the ticket last stored it.
struct ClockFacts
{
    enum class State : quint8 { None, Running, Paused, Warning, Breached, Met };

    qint64 targetMs = 0; // 0: no target
    qint64 usedMs = 0; // business time used before the current run; all of it once stopped
    qint64 stoppedAt = 0; // > 0 once met or missed
    qint64 dueAt = 0; // while running
    State state = State::None;

    // Stopped with a target: it counts for SLA compliance and for the business-time figures.
    bool measured() const { return targetMs > 0 && stoppedAt > 0; }
    bool met() const { return usedMs <= targetMs; }
    bool atRisk() const
    {
        return targetMs > 0 && (state == State::Warning || state == State::Breached);
    }

    static State stateFromWire(QStringView s);
    static QString wireName(State s);
    static ClockFacts fromJson(const QJsonObject &clock);
    bool operator==(const ClockFacts &o) const;
};

// A customer's answer to a satisfaction survey of the ticket.
struct Rating
{
    qint64 at = 0; // when it was answered
    bool good = false;
    bool operator==(const Rating &o) const { return at == o.at && good == o.good; }
};

struct TicketFacts
{
    qint64 id = 0;
    qint64 groupId = 0;
    qint64 categoryId = 0;
    qint64 customerId = 0;
    qint64 organisationId = 0;
    qint64 assigneeId = 0;
    qint64 createdAt = 0;
    qint64 resolvedAt = 0; // the latest resolution; 0 while open
    qint32 reopenCount = 0;
    qint32 agentReplies = 0;
    Core::TicketStatus status = Core::TicketStatus::New;
    Core::Priority priority = Core::Priority::P3;
    // False while only a rating of the ticket has been seen (KpiEngine: a survey answered
    // about a ticket it did not follow); such facts contribute their ratings and nothing else.
    bool known = true;
    ClockFacts firstResponse;
    ClockFacts resolution;
    QString number; // kept while open: the list of tickets at risk shows them
    QString subject;
    std::vector<Rating> ratings;

    bool isOpen() const
    {
        return known && status != Core::TicketStatus::Resolved
            && status != Core::TicketStatus::Closed;
    }
    bool isResolved() const { return known && !isOpen() && resolvedAt > 0; }
    // First-contact resolution (docs/kpis.md): never reopened, at most one public agent reply.
    bool firstContact() const { return reopenCount == 0 && agentReplies <= 1; }

    enum class Risk : quint8 { None, Warning, Breached };
    // The worse of the two clocks of an open ticket, and that clock: breached before
    // warning, then the earlier due instant (0, none: a clock paused after breaching).
    Risk risk() const;
    const ClockFacts *riskClock(bool *resolutionClock = nullptr) const;

    // The ticket's wire JSON (Core::Ticket::toJson).
    static TicketFacts fromTicketJson(const QJsonObject &ticket);
    // Its stored SLA text (the tickets.sla column, the same JSON): false if it is not
    // readable, which leaves both clocks without a target.
    bool readSlaText(QStringView text);
    bool readSlaText(QByteArrayView utf8); // the same, as the column's bytes
    void readSla(const QJsonObject &sla);

    bool operator==(const TicketFacts &o) const;
};

} // namespace Atiende::Server
