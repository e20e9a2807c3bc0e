#pragma once
// Tests of item models check the exact row changes a model announces (which rows were
// inserted, removed, moved or changed, and that nothing was reset), because that is what
// keeps a view's selection and scroll where the user left them. One recorder of those
// signals, in order and with their ranges, for every such test.

#include <QAbstractItemModel>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>

namespace Atiende::Test {

class ModelSignals : public QObject
{
public:
    struct Event
    {
        enum Kind { Inserted, Removed, Moved, Changed, LayoutChanged, Reset };
        Kind kind = Changed;
        int first = -1; // rows (Changed: of the top left and bottom right cells)
        int last = -1;
        int destination = -1; // Moved: the row they went before, as rowsMoved says
        int firstColumn = -1; // Changed
        int lastColumn = -1;
        QList<int> roles; // Changed; empty: all
    };

    explicit ModelSignals(QAbstractItemModel *model);

    const QList<Event> &events() const { return m_events; }
    bool isEmpty() const { return m_events.isEmpty(); }
    void clear() { m_events.clear(); }
    // The rows [first, last] of each signal of one kind, in the order they came.
    QList<QPair<int, int>> rows(Event::Kind kind) const;
    QList<QPair<int, int>> inserted() const { return rows(Event::Inserted); }
    QList<QPair<int, int>> removed() const { return rows(Event::Removed); }
    QList<QPair<int, int>> changed() const { return rows(Event::Changed); }
    int count(Event::Kind kind) const;
    int layoutChanges() const { return count(Event::LayoutChanged); }
    int resets() const { return count(Event::Reset); }
    // Every signal as a line ("removed 3-5", "inserted 0-0", "moved 7-7 to 0",
    // "changed 2-2 columns 0-8", "layout changed", "reset"), for comparisons that say what
    // differed.
    QStringList log() const;

private:
    QList<Event> m_events;
};

} // namespace Atiende::Test
