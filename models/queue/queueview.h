#pragma once
// A saved view of the queue: which tickets it shows. The six built-in views every agent has
// (my open tickets, unassigned in my groups, at risk of breaching, pending on the customer,
// all open, recently updated) and the agent's own saved filters are the same thing, so a
// filter the agent saves behaves exactly like a built-in view.

#include "core/domain/enums.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace Atiende::Models {

struct QueueView
{
    Q_DECLARE_TR_FUNCTIONS(QueueView)
public:
    enum class Assignee { Anyone, Me, Unassigned, Someone };

    QString id; // "mine", "unassigned", ... or "custom-<n>" for the agent's own
    QString name; // as the agent sees it (built-in names are translated)
    QSet<Core::TicketStatus> statuses; // empty: any
    bool openOnly = false; // not resolved or closed
    Assignee assignee = Assignee::Anyone;
    bool myGroupsOnly = false;
    QSet<qint64> groupIds; // empty: any (within myGroupsOnly when set)
    QSet<Core::Priority> priorities; // empty: any
    bool atRisk = false; // the SLA clock is past its warning mark or breached
    qint64 updatedWithinMs = 0; // 0: any time
    QString text; // a saved text filter, applied before the typed one
    // Only these tickets (a search across all tickets shows its results as a view); empty:
    // no such limit. Never saved with the agent's own views.
    QSet<qint64> ticketIds;
    bool isSearch() const { return id == QLatin1String("search"); }

    bool isBuiltIn() const { return !id.startsWith(QLatin1String("custom-")); }
    // Depends on the clock: must be re-evaluated as time passes.
    bool isTimeDependent() const { return atRisk || updatedWithinMs > 0; }

    QJsonObject toJson() const;
    static QueueView fromJson(const QJsonObject &o);
    // A list of views as one setting's text (the agent's own views), and back; text that is
    // not such a list is no views.
    static QString listToText(const QList<QueueView> &views);
    static QList<QueueView> listFromText(const QString &text);

    static QList<QueueView> builtIns();
    static QueueView builtIn(const QString &id);
};

} // namespace Atiende::Models
