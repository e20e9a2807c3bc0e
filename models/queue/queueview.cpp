#include "queueview.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Atiende::Models {

namespace {

const char *assigneeName(QueueView::Assignee a)
{
    switch (a) {
    case QueueView::Assignee::Me:
        return "me";
    case QueueView::Assignee::Unassigned:
        return "unassigned";
    case QueueView::Assignee::Someone:
        return "someone";
    case QueueView::Assignee::Anyone:
        break;
    }
    return "anyone";
}

// Saved as their wire names in alphabetical order, as they always were.
template <typename E> QJsonArray toArray(const QSet<E> &set)
{
    QStringList sorted;
    for (E v : set)
        sorted << Core::wireName(v);
    sorted.sort();
    return QJsonArray::fromStringList(sorted);
}

// A name this console does not know is left out.
template <typename E> QSet<E> enumSet(const QJsonValue &v)
{
    QSet<E> out;
    for (const QJsonValue &x : v.toArray()) {
        if (const std::optional<E> e = Core::fromString<E>(x.toString()))
            out.insert(*e);
    }
    return out;
}

} // namespace

QJsonObject QueueView::toJson() const
{
    QJsonArray groups;
    QList<qint64> sortedGroups(groupIds.begin(), groupIds.end());
    std::sort(sortedGroups.begin(), sortedGroups.end());
    for (qint64 g : sortedGroups)
        groups.append(double(g));
    return { { QStringLiteral("id"), id }, { QStringLiteral("name"), name },
        { QStringLiteral("statuses"), toArray(statuses) }, { QStringLiteral("openOnly"), openOnly },
        { QStringLiteral("assignee"), QLatin1String(assigneeName(assignee)) },
        { QStringLiteral("myGroupsOnly"), myGroupsOnly }, { QStringLiteral("groupIds"), groups },
        { QStringLiteral("priorities"), toArray(priorities) }, { QStringLiteral("atRisk"), atRisk },
        { QStringLiteral("updatedWithinMs"), double(updatedWithinMs) },
        { QStringLiteral("text"), text } };
}

QString QueueView::listToText(const QList<QueueView> &views)
{
    QJsonArray array;
    for (const QueueView &v : views)
        array.append(v.toJson());
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<QueueView> QueueView::listFromText(const QString &text)
{
    QList<QueueView> views;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array())
        views << fromJson(v.toObject());
    return views;
}

QueueView QueueView::fromJson(const QJsonObject &o)
{
    QueueView v;
    v.id = o.value(QStringLiteral("id")).toString();
    v.name = o.value(QStringLiteral("name")).toString();
    v.statuses = enumSet<Core::TicketStatus>(o.value(QStringLiteral("statuses")));
    v.openOnly = o.value(QStringLiteral("openOnly")).toBool();
    const QString a = o.value(QStringLiteral("assignee")).toString();
    v.assignee = a == QLatin1String("me")  ? Assignee::Me
        : a == QLatin1String("unassigned") ? Assignee::Unassigned
        : a == QLatin1String("someone")    ? Assignee::Someone
                                           : Assignee::Anyone;
    v.myGroupsOnly = o.value(QStringLiteral("myGroupsOnly")).toBool();
    for (const QJsonValue &g : o.value(QStringLiteral("groupIds")).toArray())
        v.groupIds.insert(qint64(g.toDouble()));
    v.priorities = enumSet<Core::Priority>(o.value(QStringLiteral("priorities")));
    v.atRisk = o.value(QStringLiteral("atRisk")).toBool();
    v.updatedWithinMs = qint64(o.value(QStringLiteral("updatedWithinMs")).toDouble());
    v.text = o.value(QStringLiteral("text")).toString();
    return v;
}

QList<QueueView> QueueView::builtIns()
{
    QList<QueueView> views;
    QueueView mine;
    mine.id = QStringLiteral("mine");
    mine.name = tr("My open tickets");
    mine.openOnly = true;
    mine.assignee = Assignee::Me;
    views << mine;

    QueueView unassigned;
    unassigned.id = QStringLiteral("unassigned");
    unassigned.name = tr("Unassigned in my groups");
    unassigned.openOnly = true;
    unassigned.assignee = Assignee::Unassigned;
    unassigned.myGroupsOnly = true;
    views << unassigned;

    QueueView risk;
    risk.id = QStringLiteral("at-risk");
    risk.name = tr("Breaching or about to breach");
    risk.openOnly = true;
    risk.atRisk = true;
    views << risk;

    QueueView pending;
    pending.id = QStringLiteral("pending-customer");
    pending.name = tr("Pending on customer");
    pending.statuses = { Core::TicketStatus::PendingCustomer };
    views << pending;

    QueueView open;
    open.id = QStringLiteral("all-open");
    open.name = tr("All open");
    open.openOnly = true;
    views << open;

    QueueView recent;
    recent.id = QStringLiteral("recent");
    recent.name = tr("Recently updated");
    recent.updatedWithinMs = 24LL * 3600 * 1000;
    views << recent;
    return views;
}

QueueView QueueView::builtIn(const QString &id)
{
    for (const QueueView &v : builtIns()) {
        if (v.id == id)
            return v;
    }
    return {};
}

} // namespace Atiende::Models
