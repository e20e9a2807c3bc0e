#pragma once
// What the console calls things: the protocol's wire names (in_progress, P1, pending_customer)
// turned into words the agent reads, in their language, and durations and instants written
// the way a person says them. One place, so the queue, the ticket panel and the dashboard
// agree on every label.

#include "core/domain/enums.h"
#include "core/sla/slatimeline.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QStringList>

class QDateTime;

namespace Atiende::Models {

class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)
public:
    static QString status(const QString &wire);
    static QString priority(const QString &wire); // "P1 · Critical"
    static QString priorityShort(const QString &wire); // "P1"
    static QString type(const QString &wire);
    static QString channel(const QString &wire);
    static QString level(const QString &wire); // impact and urgency
    static QString slaState(const QString &wire);
    static QString articleKind(const QString &wire);
    static QString role(const QString &wire);
    static QString presence(const QString &wire);
    static QString field(const QString &wire); // a ticket field's name, for events and conflicts

    // The same for typed values.
    static QString status(Core::TicketStatus v) { return status(Core::wireName(v)); }
    static QString priority(Core::Priority v) { return priority(Core::wireName(v)); }
    static QString priorityShort(Core::Priority v) { return priorityShort(Core::wireName(v)); }
    static QString type(Core::TicketType v) { return type(Core::wireName(v)); }
    static QString channel(Core::Channel v) { return channel(Core::wireName(v)); }
    static QString level(Core::Level v) { return level(Core::wireName(v)); }
    static QString slaState(Core::SlaTimeline::State v)
    {
        return slaState(Core::SlaTimeline::wireName(v));
    }
    static QString role(Core::Role v) { return role(Core::wireName(v)); }
    static QString field(Core::TicketField v) { return field(Core::wireName(v)); }

    // The wire names in the order a person expects them in a menu.
    static QStringList statuses();
    static QStringList levels();
    static QStringList priorities();

    // A language by its code ("es", "en"), named in the agent's language ("Spanish" /
    // "español"); a language we have no word for by its own name; an unknown code as is.
    static QString language(const QString &code);

    // "3 h 05 min", "2 d 4 h", "45 s"; negative values: "-15 min" (overdue).
    static QString duration(qint64 ms);

    // Instants: the one place the console writes times and dates, all in the agent's
    // locale (QLocale's default, set from the interface language) and this computer's time
    // zone. Times of day as the locale writes them ("14:05", "2:05 PM").
    //
    // Compact, for lists and lines: "10:42" today, "Mon 10:42" this week, "12 Mar" this
    // year, "12 Mar 2025" before.
    static QString when(qint64 msSinceEpoch, qint64 now);
    // In full, for tooltips: "Thursday, 3 December 2026, 14:05".
    static QString instant(qint64 msSinceEpoch);
    // A time of day, in the time zone the QDateTime carries (the dashboard's desk zone).
    static QString timeOfDay(const QDateTime &t);
    // A day: "3 Dec 2026".
    static QString date(QDate day);
};

} // namespace Atiende::Models
