#pragma once
// A synthetic desk for the KPI benchmarks: tickets as the server writes them (wire JSON with
// SLA clocks counted on an around-the-clock calendar), spread over days, groups, categories,
// customers and organisations like a busy desk's. Deterministic for a seed.

#include "core/calendar/businesscalendar.h"
#include "core/domain/ticket.h"
#include "core/sla/slatimeline.h"

#include <QJsonObject>
#include <QRandomGenerator>

namespace Atiende::Bench {

struct KpiDesk
{
    static constexpr qint64 kHour = 3600 * 1000;
    static constexpr qint64 kDay = 24 * kHour;
    static constexpr int kGroups = 8;
    static constexpr int kCategories = 15;
    static constexpr int kCustomers = 5000;
    static constexpr int kOrganisations = 200;
    static constexpr int kAgents = 60;

    // One ticket created at createdAt; open (in progress) or resolved some hours later, its
    // first response and resolution clocks stopped then, met or missed.
    static Core::Ticket ticket(qint64 id, qint64 createdAt, bool open, QRandomGenerator &rng)
    {
        using namespace Atiende::Core;
        Ticket t;
        t.id = id;
        t.number = QStringLiteral("INC-%1").arg(id, 7, 10, QLatin1Char('0'));
        t.subject = QStringLiteral("La impresora de la planta %1 no imprime").arg(id % 9);
        t.priority = Priority(rng.bounded(4));
        t.groupId = 1 + qint64(rng.bounded(kGroups));
        t.categoryId = rng.bounded(10) ? 1 + qint64(rng.bounded(kCategories)) : 0;
        t.customerId = 1 + qint64(rng.bounded(kCustomers));
        t.organisationId = 1 + t.customerId % kOrganisations;
        t.assigneeId = 1 + qint64(rng.bounded(kAgents));
        t.channel = Channel::Email;
        t.createdAt = createdAt;
        t.version = 3;
        const qint64 frTarget = (4 - int(t.priority)) * kHour;
        const qint64 resTarget = (4 - int(t.priority)) * 8 * kHour;
        const qint64 frAfter = qint64(rng.bounded(quint32(frTarget * 5 / 4 / 1000))) * 1000;
        SlaTimeline fr { frTarget, 75, 0, createdAt, 0, false };
        SlaTimeline res { resTarget, 75, 0, createdAt, 0, false };
        const BusinessCalendar always;
        qint64 now = createdAt + frAfter;
        fr.stop(always, now);
        t.firstResponseAt = now;
        t.agentReplies = 1 + int(rng.bounded(3));
        if (open) {
            t.status = TicketStatus::InProgress;
        } else {
            now += qint64(rng.bounded(quint32(resTarget * 5 / 4 / 1000))) * 1000;
            res.stop(always, now);
            t.status = TicketStatus::Resolved;
            t.resolvedAt = now;
            t.reopenCount = rng.bounded(20) ? 0 : 1;
        }
        t.updatedAt = now;
        t.sla = QJsonObject { { QStringLiteral("policyId"), 1 },
            { QStringLiteral("firstResponse"), fr.toJson(always, now) },
            { QStringLiteral("resolution"), res.toJson(always, now) } };
        return t;
    }
};

} // namespace Atiende::Bench
