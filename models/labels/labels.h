#pragma once
// What the console calls things: the protocol's wire names (in_progress, P1, pending_customer)
// turned into words the agent reads, in their language, and durations and instants written
// the way a person says them. One place, so the queue, the ticket panel and the dashboard
// agree on every label.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Atiende::Models {

class Labels
{
    Q_DECLARE_TR_FUNCTIONS(Labels)
public:
    static QString status(const QString &wire);
    static QString priority(const QString &wire);    // "P1 · Critical"
    static QString priorityShort(const QString &wire); // "P1"
    static QString type(const QString &wire);
    static QString channel(const QString &wire);
    static QString level(const QString &wire);       // impact and urgency
    static QString slaState(const QString &wire);
    static QString articleKind(const QString &wire);
    static QString role(const QString &wire);
    static QString presence(const QString &wire);
    static QString field(const QString &wire);       // a ticket field's name, for events and conflicts

    // The wire names in the order a person expects them in a menu.
    static QStringList statuses();
    static QStringList levels();
    static QStringList priorities();

    // "3 h 05 min", "2 d 4 h", "45 s"; negative values: "-15 min" (overdue).
    static QString duration(qint64 ms);
    // "10:42" today, "Mon 10:42" this week, "12 Mar" this year, "12 Mar 2025" before.
    static QString when(qint64 msSinceEpoch, qint64 now);
};

} // namespace Atiende::Models
