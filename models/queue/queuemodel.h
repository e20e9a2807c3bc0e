#pragma once
// The queue: every ticket the console holds, through a saved view, a filter typed by the
// agent and a sort, for a QTableView. Built for 100,000 tickets and a whole working day:
//
// - Rows are loaded once from the cache (no JSON) and then kept up to date from the
//   Workspace's change signals, one row at a time: a live change moves, inserts or removes
//   just that row, so the selection and the scroll position stay where the agent left them.
// - Filter-as-you-type runs over the model's own case- and accent-folded index (number,
//   subject, customer, organisation) laid out in one contiguous buffer; a keystroke that
//   extends the text only narrows the rows that matched before. Words must all match.
// - The rows that pass the view are kept sorted, so filtering never sorts: it keeps the
//   order. Sorting compares precomputed keys (ranks for names, a folded prefix for
//   subjects), not strings through a collator.
//
// QSortFilterProxyModel does the same in 200 ms a keystroke on 100,000 rows; see
// bench/console for the figures.

#include "models/queue/queueview.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <vector>

namespace Atiende::Core {
struct Viewer;
}
namespace Atiende::Client {
class Workspace;
struct QueueRow;
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
    const QueueView &view() const { return m_view; }
    // The text typed in the filter box (words, all must match; accents and case ignored).
    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

    // The clock for countdowns and time-dependent views (tests and benchmarks set it).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const;
    // Re-evaluates countdowns (and the rows of a time-dependent view). The view calls it
    // on a timer.
    void tick();

    // Who else is looking at which ticket (from the server's presence relay).
    void setViewers(qint64 ticketId, const QList<Client::Viewer> &viewers);

    qint64 ticketIdAt(int row) const;
    int rowOfTicket(qint64 ticketId) const; // -1 when not shown
    int totalTickets() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Applies changes to these tickets (as Workspace::ticketsChanged says). Public for the
    // benchmark; the model connects itself to the workspace.
    void applyChanged(const QSet<qint64> &ids);
    void applyRemoved(const QSet<qint64> &ids);

Q_SIGNALS:
    void countsChanged(int shown, int total);

private:
    struct Row;
    struct Key;
    void rebuildDirectory();
    void fillRow(Row &row, const Client::QueueRow &data);
    void indexText(int slot);
    void compactText();
    bool passesView(const Row &row, qint64 now) const;
    bool passesText(int slot, const QList<QStringView> &words) const;
    bool lessThan(int a, int b) const;
    void sortSlots(std::vector<int> &rows) const;
    quint64 primaryKey(const Row &row) const;
    void rankRow(Row &row) const;
    void rankSubjects();
    int newSlot(qint64 ticketId); // a free slot (or a new one) for a ticket the model did not hold
    void rebuildBase(); // view + sort, from all rows
    void refilter(bool narrowing);
    void refreshAll(); // rows changed under the sort: view, text and order again // text, from the
                       // base (or from the shown rows when narrowing)
    void resetShown(
        std::vector<int> shown, bool ordered); // replaces the shown rows keeping the selection
    void placeRow(int slot, bool wasShown, int oldPos);
    void emitCounts();
    QList<QStringView> filterWords() const;

    Client::Workspace *m_workspace = nullptr;
    std::function<qint64()> m_clock;
    std::vector<Row> m_rows; // slots; removed ones are on m_free
    std::vector<int> m_free;
    QHash<qint64, int> m_slotOfTicket;
    std::vector<char16_t> m_text; // folded "number subject customer organisation" per row
    qint64 m_deadText = 0; // characters of m_text no row refers to any more
    std::vector<int> m_base; // slots passing the view, sorted
    std::vector<int> m_shown; // slots passing the view and the text, sorted
    QueueView m_view;
    QString m_filterText;
    QString m_foldedFilter;
    QString m_foldedWords; // the view's saved text and the typed text: every word must match
    bool m_subjectRanksValid = false;
    int m_sortColumn = Updated;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    qint64 m_myId = 0;
    QSet<qint64> m_myGroups;
    QHash<qint64, QString> m_agentNames, m_groupNames, m_customerNames, m_organisationNames;
    QHash<qint64, int> m_agentRank, m_groupRank, m_customerRank; // position in name order
    QHash<qint64, QList<Client::Viewer>> m_viewers;
    std::vector<std::pair<QString, std::vector<int>>>
        m_filterHistory; // folded text -> rows shown, while typing
    QTimer *m_rankTimer = nullptr; // ranks subjects when the console is idle
};

} // namespace Atiende::Models
