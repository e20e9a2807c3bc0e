#include "fieldtext.h"

#include "client/workspace/workspace.h"
#include "models/labels/labels.h"

#include <QCoreApplication>

namespace Atiende::Ui {

using Models::Labels;

FieldText::FieldText(const Client::Workspace *workspace)
    : m_workspace(workspace)
{
    refresh();
}

void FieldText::refresh()
{
    m_agents = m_workspace->names(QStringLiteral("agent"));
    m_groups = m_workspace->names(QStringLiteral("group"));
    m_categories = m_workspace->names(QStringLiteral("category"));
    m_customers = m_workspace->names(QStringLiteral("customer"));
    m_organisations = m_workspace->names(QStringLiteral("organisation"));
}

QString FieldText::nameOr(const QHash<qint64, QString> &names, qint64 id, const QString &none) const
{
    if (id == 0)
        return none;
    const QString name = names.value(id);
    // Not in the directory yet (a first sync under way): say which one rather than nothing.
    return name.isEmpty() ? QStringLiteral("#%1").arg(id) : name;
}

QString FieldText::agent(qint64 id) const
{
    return nameOr(m_agents, id, tr("Unassigned"));
}
QString FieldText::group(qint64 id) const
{
    return nameOr(m_groups, id, tr("No group"));
}
QString FieldText::category(qint64 id) const
{
    return nameOr(m_categories, id, tr("No category"));
}
QString FieldText::customer(qint64 id) const
{
    return nameOr(m_customers, id, tr("No customer"));
}
QString FieldText::organisation(qint64 id) const
{
    return nameOr(m_organisations, id, tr("No organisation"));
}

QString FieldText::value(std::optional<Core::TicketField> field, const Core::FieldValue &v) const
{
    using Core::TicketField;
    if (field) {
        switch (*field) {
        case TicketField::Status:
            return Labels::status(v.text);
        case TicketField::Impact:
        case TicketField::Urgency:
            return Labels::level(v.text);
        case TicketField::Priority:
            return Labels::priority(v.text);
        case TicketField::Type:
            return Labels::type(v.text);
        case TicketField::Channel:
            return Labels::channel(v.text);
        case TicketField::Assignee:
            return agent(v.id());
        case TicketField::Group:
            return group(v.id());
        case TicketField::Category:
            return category(v.id());
        case TicketField::Customer:
            return customer(v.id());
        default:
            break;
        }
    }
    switch (v.kind) {
    case Core::FieldValue::Kind::Null:
        return tr("(nothing)");
    case Core::FieldValue::Kind::Text:
        return v.text;
    case Core::FieldValue::Kind::Number:
        return QString::number(v.number);
    case Core::FieldValue::Kind::List:
        break;
    case Core::FieldValue::Kind::Texts:
        return v.texts.join(QStringLiteral(", "));
    }
    return QString();
}

QString FieldText::fieldLabel(std::optional<Core::TicketField> field, const QString &name)
{
    return field ? Labels::field(*field) : Labels::field(name);
}

QString FieldText::impactTimesUrgency(const Core::Ticket &t)
{
    return impactTimesUrgency(Labels::level(t.impact), Labels::level(t.urgency));
}

QString FieldText::impactTimesUrgency(const QString &impact, const QString &urgency)
{
    return tr("impact: %1 × urgency: %2").arg(impact, urgency);
}

} // namespace Atiende::Ui
