#pragma once
// Turns a model's rows into new ones with the fewest changes a view sees: rows that went away
// are removed, the rows that stay move into their new order (a layout change that keeps
// selections and the current row on them), new rows are inserted at their places and rows
// whose contents changed say so, each in runs. A live update then keeps the view where the
// user left it instead of resetting it. For small lists with a unique key per row (the
// dashboard's tables, the KB pane's results): the work is linear in the rows, with hashing.

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>

#include <algorithm>
#include <functional>

namespace Atiende::Models {

// The protected parts of QAbstractItemModel the update needs, forwarded by the model (lambdas
// written inside one of its member functions may call them).
struct KeyedRowsHooks
{
    std::function<void(int first, int last)> beginRemoveRows;
    std::function<void()> endRemoveRows;
    std::function<void(int first, int last)> beginInsertRows;
    std::function<void()> endInsertRows;
    std::function<QModelIndexList()> persistentIndexList;
    std::function<void(const QModelIndexList &from, const QModelIndexList &to)>
        changePersistentIndexList;
};

// Makes *held equal to incoming, telling model's views as above. Keys are unique; a repeated
// one in incoming keeps its first row. Row needs operator==; keyOf(row) gives its key.
template <typename Row, typename KeyOf>
void updateKeyedRows(QAbstractItemModel *model, QList<Row> *held, const QList<Row> &incoming,
    KeyOf keyOf, const KeyedRowsHooks &hooks)
{
    using Key = decltype(keyOf(incoming.value(0)));
    QList<Row> rows;
    rows.reserve(incoming.size());
    QSet<Key> wanted;
    for (const Row &r : incoming) {
        if (!wanted.contains(keyOf(r))) {
            wanted.insert(keyOf(r));
            rows << r;
        }
    }

    // 1. Rows that went away, in runs from the end so the indexes ahead stay valid.
    for (int end = int(held->size()) - 1; end >= 0;) {
        if (wanted.contains(keyOf(held->at(end)))) {
            --end;
            continue;
        }
        int first = end;
        while (first > 0 && !wanted.contains(keyOf(held->at(first - 1))))
            --first;
        hooks.beginRemoveRows(first, end);
        held->erase(held->begin() + first, held->begin() + end + 1);
        hooks.endRemoveRows();
        end = first - 1;
    }

    // 2. The rows that stay, into their new order; views keep their selection through it.
    QHash<Key, int> order;
    for (int i = 0; i < rows.size(); ++i)
        order.insert(keyOf(rows.at(i)), i);
    QList<Row> sorted = *held;
    std::stable_sort(sorted.begin(), sorted.end(),
        [&](const Row &a, const Row &b) { return order.value(keyOf(a)) < order.value(keyOf(b)); });
    bool moved = false;
    for (int i = 0; i < sorted.size() && !moved; ++i)
        moved = keyOf(sorted.at(i)) != keyOf(held->at(i));
    if (moved) {
        Q_EMIT model->layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QHash<Key, int> newRow;
        for (int i = 0; i < sorted.size(); ++i)
            newRow.insert(keyOf(sorted.at(i)), i);
        const QModelIndexList before = hooks.persistentIndexList();
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &index : before)
            after << model->index(newRow.value(keyOf(held->at(index.row()))), index.column());
        *held = sorted;
        hooks.changePersistentIndexList(before, after);
        Q_EMIT model->layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    // 3. New rows, in runs, at their places. The rows held are now in the new order, so the
    // first row that differs from the new list is a new one.
    QSet<Key> kept;
    for (const Row &r : std::as_const(*held))
        kept.insert(keyOf(r));
    for (int i = 0; i < rows.size();) {
        if (i < held->size() && keyOf(held->at(i)) == keyOf(rows.at(i))) {
            ++i;
            continue;
        }
        int last = i;
        while (last + 1 < rows.size() && !kept.contains(keyOf(rows.at(last + 1))))
            ++last;
        hooks.beginInsertRows(i, last);
        for (int k = i; k <= last; ++k)
            held->insert(k, rows.at(k));
        hooks.endInsertRows();
        i = last + 1;
    }

    // 4. Rows whose contents changed, in runs.
    const int lastColumn = model->columnCount() - 1;
    for (int i = 0; i < held->size();) {
        if (held->at(i) == rows.at(i)) {
            ++i;
            continue;
        }
        int last = i;
        while (last + 1 < held->size() && !(held->at(last + 1) == rows.at(last + 1)))
            ++last;
        for (int k = i; k <= last; ++k)
            (*held)[k] = rows.at(k);
        Q_EMIT model->dataChanged(model->index(i, 0), model->index(last, lastColumn));
        i = last + 1;
    }
}

} // namespace Atiende::Models
