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

qint64 FieldText::id(const QJsonObject &o, const QString &key) { return qint64(o.value(key).toDouble()); }

QString FieldText::nameOr(const QHash<qint64, QString> &names, qint64 id, const QString &none) const
{
    if (id == 0)
        return none;
    const QString name = names.value(id);
    // Not in the directory yet (a first sync under way): say which one rather than nothing.
    return name.isEmpty() ? QStringLiteral("#%1").arg(id) : name;
}

QString FieldText::agent(qint64 id) const { return nameOr(m_agents, id, tr("Unassigned")); }
QString FieldText::group(qint64 id) const { return nameOr(m_groups, id, tr("No group")); }
QString FieldText::category(qint64 id) const { return nameOr(m_categories, id, tr("No category")); }
QString FieldText::customer(qint64 id) const { return nameOr(m_customers, id, tr("No customer")); }
QString FieldText::organisation(qint64 id) const
{
    return nameOr(m_organisations, id, tr("No organisation"));
}

QString FieldText::value(const QString &field, const QJsonValue &v) const
{
    if (field == QLatin1String("status"))
        return Labels::status(v.toString());
    if (field == QLatin1String("impact") || field == QLatin1String("urgency"))
        return Labels::level(v.toString());
    if (field == QLatin1String("priority"))
        return Labels::priority(v.toString());
    if (field == QLatin1String("type"))
        return Labels::type(v.toString());
    if (field == QLatin1String("channel"))
        return Labels::channel(v.toString());
    if (field == QLatin1String("assigneeId"))
        return agent(id(v));
    if (field == QLatin1String("groupId"))
        return group(id(v));
    if (field == QLatin1String("categoryId"))
        return category(id(v));
    if (field == QLatin1String("customerId"))
        return customer(id(v));
    if (v.isNull() || v.isUndefined())
        return tr("(nothing)");
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? tr("yes") : tr("no");
    return QString();
}

QString FieldText::impactTimesUrgency(const QJsonObject &t)
{
    return tr("impact: %1 × urgency: %2")
        .arg(Labels::level(t.value(QStringLiteral("impact")).toString()), Labels::level(t.value(QStringLiteral("urgency")).toString()));
}

} // namespace Atiende::Ui
