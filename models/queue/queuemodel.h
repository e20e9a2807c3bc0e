#pragma once
// The queue: every ticket the console holds, through a saved view, a filter typed by the
// agent and a sort, for a QTableView. Built for 100,000 tickets and a whole working day:
//
// - Rows are loaded once from the cache (no JSON) and then kept up to date from the
//   Workspace's change signals, one row at a time: a live change moves, inserts or removes
//   just that row, so the selection and the scroll position stay where the agent left them.
// - The rows, the filter-as-you-type and the sort are a QueueIndex (queueindex.h), which says
//   what each change does to the rows shown; this model reads the Workspace, feeds the index,
//   announces each change as the exact rows inserted, removed or moved, and writes the cells.
//
// QSortFilterProxyModel does the same in 200 ms a keystroke on 100,000 rows; see
// bench/console for the figures.

#include "models/queue/queueindex.h"
#include "models/queue/queueview.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <functional>

namespace Atiende::Core {
struct Viewer;
}
namespace Atiende::Client {
class Workspace;
using Viewer = Core::Viewer;
} // namespace Atiende::Client

namespace Atiende::Models {

class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Number,
        Priority,
        Status,
        Subject,
        Customer,
        Group,
        Assignee,
        SlaDue,
        Updated,
        ColumnCount
    };
    enum Role {
        TicketIdRole = Qt::UserRole + 1,
        UnreadRole, // bool
        PendingRole, // bool: edits not yet confirmed by the server
        ViewersRole, // QStringList: who else has it open
        TypingRole, // QStringList: those of them typing a reply or note
        SlaStateRole, // QString wire state of the clock that counts
        SlaDueRole, // qint64 ms since epoch, 0 without a running clock
        SlaColorRole, // QColor for the countdown: green, amber, red, grey
        OrganisationRole, // QString
    };

    explicit QueueModel(Client::Workspace *workspace, QObject *parent = nullptr);
    ~QueueModel() override;

    // Reads every ticket from the cache. Call once after the workspace opened.
    void reload();

    void setView(const QueueView &view);
    const QueueView &view() const { return m_index.view(); }
    // The text typed in the filter box (words, all must match; accents and case ignored).
    void setFilterText(const QString &text);
    QString filterText() const { return m_index.filterText(); }

    // The clock for countdowns and time-dependent views (tests and benchmarks set it).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const;
    // Re-evaluates countdowns (and the rows of a time-dependent view). The view calls it
    // on a timer.
    void tick();

    // Who else is looking at which ticket (from the server's presence relay).
    void setViewers(qint64 ticketId, const QList<Client::Viewer> &viewers);

    qint64 ticketIdAt(int row) const { return m_index.ticketIdAt(row); }
    int rowOfTicket(qint64 ticketId) const { return m_index.rowOfTicket(ticketId); }
    int totalTickets() const { return m_index.totalTickets(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return int(m_index.sortKey()); }
    Qt::SortOrder sortOrder() const { return m_index.sortOrder(); }

    // Applies changes to these tickets (as Workspace::ticketsChanged says). Public for the
    // benchmark; the model connects itself to the workspace.
    void applyChanged(const QSet<qint64> &ids);
    void applyRemoved(const QSet<qint64> &ids);

Q_SIGNALS:
    void countsChanged(int shown, int total);

private:
    QueueDirectory readDirectory() const;
    // Announces and makes a change of the rows shown: in row ranges when the index can, else
    // as one layout change that carries the persistent indexes (the selection) along.
    void showNext(QueueIndex::Shown next);
    void place(const QueueIndex::Placement &placement);
    void relayout(const std::function<void()> &change);
    void rankSubjectsLater(bool wereRanked);
    void emitCounts();

    Client::Workspace *m_workspace = nullptr;
    std::function<qint64()> m_clock;
    QueueIndex m_index;
    QHash<qint64, QList<Client::Viewer>> m_viewers;
    QTimer *m_rankTimer = nullptr; // ranks subjects when the console is idle
};

} // namespace Atiende::Models
