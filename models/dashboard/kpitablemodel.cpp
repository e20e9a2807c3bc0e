#include "kpitablemodel.h"

#include "models/common/keyedrows.h"

namespace Atiende::Models {

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

void KpiTableModel::setRows(const QList<Row> &rows)
{
    KeyedRowsHooks hooks;
    hooks.beginRemoveRows
        = [this](int first, int last) { beginRemoveRows(QModelIndex(), first, last); };
    hooks.endRemoveRows = [this] { endRemoveRows(); };
    hooks.beginInsertRows
        = [this](int first, int last) { beginInsertRows(QModelIndex(), first, last); };
    hooks.endInsertRows = [this] { endInsertRows(); };
    hooks.persistentIndexList = [this] { return persistentIndexList(); };
    hooks.changePersistentIndexList
        = [this](const QModelIndexList &from, const QModelIndexList &to) {
              changePersistentIndexList(from, to);
          };
    updateKeyedRows(
        this, &m_rows, rows, [](const Row &r) { return r.key; }, hooks);
}

int KpiTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}
int KpiTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

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
        return QVariant(
            (m_numeric.contains(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    return {};
}

Qt::ItemFlags KpiTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace Atiende::Models
