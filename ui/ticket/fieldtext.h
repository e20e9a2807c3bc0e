#pragma once
// Ticket field values in words (the group's name, not 7; "In progress", not in_progress), as
// the ticket header, its menus and the conflict banner show them. Names come from the
// workspace's directory and are read again only when it changes.

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include "core/domain/fieldvalue.h"
#include "core/domain/ticket.h"

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class FieldText
{
    Q_DECLARE_TR_FUNCTIONS(FieldText)
public:
    explicit FieldText(const Client::Workspace *workspace);

    // Reads the names again (after Workspace::directoryChanged).
    void refresh();

    QString agent(qint64 id) const;
    QString group(qint64 id) const;
    QString category(qint64 id) const;
    QString customer(qint64 id) const;
    QString organisation(qint64 id) const;

    // A ticket field's value as the agent reads it (field empty: a field this console does
    // not know, its value as it came).
    QString value(std::optional<Core::TicketField> field, const Core::FieldValue &value) const;
    // A field's name as the agent reads it; one this console does not know by its name as it came.
    static QString fieldLabel(std::optional<Core::TicketField> field, const QString &name);
    // "Impact high × urgency medium", for the priority's explanation.
    static QString impactTimesUrgency(const Core::Ticket &ticket);
    static QString impactTimesUrgency(const QString &impact, const QString &urgency);

private:
    QString nameOr(const QHash<qint64, QString> &names, qint64 id, const QString &none) const;

    const Client::Workspace *m_workspace;
    QHash<qint64, QString> m_agents;
    QHash<qint64, QString> m_groups;
    QHash<qint64, QString> m_categories;
    QHash<qint64, QString> m_customers;
    QHash<qint64, QString> m_organisations;
};

} // namespace Atiende::Ui
