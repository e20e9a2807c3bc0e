#include "modelsignals.h"

#include <algorithm>

namespace Atiende::Test {

ModelSignals::ModelSignals(QAbstractItemModel *model)
{
    auto record = [this](Event::Kind kind, int first = -1, int last = -1, int destination = -1) {
        Event e;
        e.kind = kind;
        e.first = first;
        e.last = last;
        e.destination = destination;
        m_events.append(e);
    };
    connect(model, &QAbstractItemModel::rowsInserted, this,
        [record](
            const QModelIndex &, int first, int last) { record(Event::Inserted, first, last); });
    connect(model, &QAbstractItemModel::rowsRemoved, this,
        [record](
            const QModelIndex &, int first, int last) { record(Event::Removed, first, last); });
    connect(model, &QAbstractItemModel::rowsMoved, this,
        [record](const QModelIndex &, int first, int last, const QModelIndex &, int destination) {
            record(Event::Moved, first, last, destination);
        });
    connect(model, &QAbstractItemModel::dataChanged, this,
        [this](
            const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
            Event e;
            e.kind = Event::Changed;
            e.first = topLeft.row();
            e.last = bottomRight.row();
            e.firstColumn = topLeft.column();
            e.lastColumn = bottomRight.column();
            e.roles = roles;
            m_events.append(e);
        });
    connect(model, &QAbstractItemModel::layoutChanged, this,
        [record] { record(Event::LayoutChanged); });
    connect(model, &QAbstractItemModel::modelReset, this, [record] { record(Event::Reset); });
}

QList<QPair<int, int>> ModelSignals::rows(Event::Kind kind) const
{
    QList<QPair<int, int>> out;
    for (const Event &e : m_events) {
        if (e.kind == kind)
            out.append({ e.first, e.last });
    }
    return out;
}

int ModelSignals::count(Event::Kind kind) const
{
    return int(std::count_if(
        m_events.begin(), m_events.end(), [kind](const Event &e) { return e.kind == kind; }));
}

QStringList ModelSignals::log() const
{
    QStringList out;
    for (const Event &e : m_events) {
        switch (e.kind) {
        case Event::Inserted:
            out << QStringLiteral("inserted %1-%2").arg(e.first).arg(e.last);
            break;
        case Event::Removed:
            out << QStringLiteral("removed %1-%2").arg(e.first).arg(e.last);
            break;
        case Event::Moved:
            out << QStringLiteral("moved %1-%2 to %3").arg(e.first).arg(e.last).arg(e.destination);
            break;
        case Event::Changed:
            out << QStringLiteral("changed %1-%2 columns %3-%4")
                       .arg(e.first)
                       .arg(e.last)
                       .arg(e.firstColumn)
                       .arg(e.lastColumn);
            break;
        case Event::LayoutChanged:
            out << QStringLiteral("layout changed");
            break;
        case Event::Reset:
            out << QStringLiteral("reset");
            break;
        }
    }
    return out;
}

} // namespace Atiende::Test
