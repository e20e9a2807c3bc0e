#pragma once
// The rows of a small dashboard table (tickets at risk, demand per category, top customers):
// each row has a key (a ticket or category id) and its texts. setRows() turns the old rows
// into the new ones with the fewest changes (rows removed, moved, inserted, changed), so a
// live update keeps the selection and the current row and does not reset the view.
// The tables are bounded by the server (at most 50 rows), so the diff is cheap. The dashboard
// tab fills it with texts made from Core::DashboardFigures; the model knows no widget.

#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>

namespace Atiende::Models {

class KpiTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int KeyRole = Qt::UserRole + 1;

    struct Row
    {
        qint64 key = 0; // unique in the table
        QStringList cells; // one per column
        QColor accent; // colours the accent column's text and marks the first column
        QString toolTip; // for the whole row
        bool operator==(const Row &o) const
        {
            return key == o.key && cells == o.cells && accent == o.accent && toolTip == o.toolTip;
        }
        bool operator!=(const Row &o) const { return !(*this == o); }
    };

    explicit KpiTableModel(const QStringList &headers, QObject *parent = nullptr);

    // Columns whose texts are figures: right-aligned.
    void setNumericColumns(const QList<int> &columns) { m_numeric = columns; }
    // The column the accent colours (-1: none).
    void setAccentColumn(int column) { m_accentColumn = column; }

    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    qint64 keyAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : 0; }
    int rowOf(qint64 key) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QStringList m_headers;
    QList<int> m_numeric;
    int m_accentColumn = -1;
    QList<Row> m_rows;
};

} // namespace Atiende::Models
