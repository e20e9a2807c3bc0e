#pragma once
// A ticket's SLA clocks as the server reported them with the ticket (its `sla` field): the
// stored state of each clock (SlaTimeline, as TicketSla keeps it) and what the server worked
// out from its calendar at the ticket's last change: when the clock falls due and warns, and
// its state then. A reader without the calendar (the console) counts down from dueAt.

#include "slatimeline.h"

#include <QJsonObject>

namespace Atiende::Core {

struct SlaClock
{
    SlaTimeline timeline;
    qint64 dueAt = 0; // while running; 0 otherwise
    qint64 warnAt = 0; // likewise
    SlaTimeline::State state = SlaTimeline::State::None;

    // SlaTimeline::toJson's form.
    QJsonObject toJson() const;
    static SlaClock fromJson(const QJsonObject &o);
    bool operator==(const SlaClock &o) const;
};

struct SlaClocks
{
    qint64 policyId = 0;
    SlaClock firstResponse;
    SlaClock resolution;
    // No SLA policy applies (the ticket's `sla` is null).
    bool isNull = true;

    // TicketSla::toJson's form; an empty object when null.
    QJsonObject toJson() const;
    static SlaClocks fromJson(const QJsonObject &o);
    bool operator==(const SlaClocks &o) const;
};

SlaTimeline::State slaStateFromWireName(const QString &name); // None for anything unknown

} // namespace Atiende::Core
