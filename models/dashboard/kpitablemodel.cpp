#include "kpitablemodel.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace Atiende::Ui {

KpiTableModel::KpiTableModel(const QStringList &headers, QObject *parent)
    : QAbstractTableModel(parent)
    , m_headers(headers)
{
}

int KpiTableModel::rowOf(qint64 key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

void KpiTableModel::setRows(const QList<Row> &incoming)
{
    // Keys are unique; a repeated one (which the server never sends) keeps its first row.
    QList<Row> rows;
    rows.reserve(incoming.size());
    QSet<qint64> wanted;
    for (const Row &r : incoming) {
        if (!wanted.contains(r.key)) {
            wanted.insert(r.key);
            rows << r;
        }
    }

    // 1. Rows that went away, in runs from the end so the indexes ahead stay valid.
    for (int end = int(m_rows.size()) - 1; end >= 0;) {
        if (wanted.contains(m_rows.at(end).key)) {
            --end;
            continue;
        }
        int first = end;
        while (first > 0 && !wanted.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows(QModelIndex(), first, end);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + end + 1);
        endRemoveRows();
        end = first - 1;
    }

    // 2. The rows that stay, into their new order; views keep their selection through it.
    QHash<qint64, int> order;
    for (int i = 0; i < rows.size(); ++i)
        order.insert(rows.at(i).key, i);
    QList<Row> sorted = m_rows;
    std::stable_sort(sorted.begin(), sorted.end(), [&](const Row &a, const Row &b) { return order.value(a.key) < order.value(b.key); });
    bool moved = false;
    for (int i = 0; i < sorted.size() && !moved; ++i)
        moved = sorted.at(i).key != m_rows.at(i).key;
    if (moved) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        QHash<qint64, int> newRow;
        for (int i = 0; i < sorted.size(); ++i)
            newRow.insert(sorted.at(i).key, i);
        const QModelIndexList before = persistentIndexList();
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &index : before)
            after << this->index(newRow.value(m_rows.at(index.row()).key), index.column());
        m_rows = sorted;
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    // 3. New rows, in runs, at their places. The rows held are now in the new order, so the
    // first row that differs from the new list is a new one.
    QSet<qint64> held;
    for (const Row &r : std::as_const(m_rows))
        held.insert(r.key);
    for (int i = 0; i < rows.size();) {
        if (i < m_rows.size() && m_rows.at(i).key == rows.at(i).key) {
            ++i;
            continue;
        }
        int last = i;
        while (last + 1 < rows.size() && !held.contains(rows.at(last + 1).key))
            ++last;
        beginInsertRows(QModelIndex(), i, last);
        for (int k = i; k <= last; ++k)
            m_rows.insert(k, rows.at(k));
        endInsertRows();
        i = last + 1;
    }

    // 4. Rows whose texts changed, in runs.
    const int columns = columnCount();
    for (int i = 0; i < m_rows.size();) {
        if (m_rows.at(i) == rows.at(i)) {
            ++i;
            continue;
        }
        int last = i;
        while (last + 1 < m_rows.size() && m_rows.at(last + 1) != rows.at(last + 1))
            ++last;
        for (int k = i; k <= last; ++k)
            m_rows[k] = rows.at(k);
        Q_EMIT dataChanged(index(i, 0), index(last, columns - 1));
        i = last + 1;
    }
}

int KpiTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int KpiTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_headers.size()); }

QVariant KpiTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() < row.cells.size() ? row.cells.at(index.column()) : QString();
    case Qt::ToolTipRole:
        return row.toolTip.isEmpty() ? QVariant() : QVariant(row.toolTip);
    case Qt::ForegroundRole:
        if (index.column() == m_accentColumn && row.accent.isValid())
            return row.accent;
        return {};
    case Qt::DecorationRole:
        if (index.column() == 0 && m_accentColumn >= 0 && row.accent.isValid())
            return row.accent;
        return {};
    case Qt::TextAlignmentRole:
        if (m_numeric.contains(index.column()))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case KeyRole:
        return row.key;
    default:
        return {};
    }
}

QVariant KpiTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_headers.size())
        return {};
    if (role == Qt::DisplayRole)
        return m_headers.at(section);
    if (role == Qt::TextAlignmentRole)
        return QVariant((m_numeric.contains(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    return {};
}

Qt::ItemFlags KpiTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace Atiende::Ui
