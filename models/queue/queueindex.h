#pragma once
// The queue's rows as a data structure, apart from the Qt model that shows them: QueueModel
// (the adapter to QTableView) reads the Workspace and formats cells; this class owns the rows,
// the filter and the sort, and is tested and measured on its own (tst_queueindex,
// atiende-queue-bench), without a workspace, a QObject or a view. Plain C++ and Qt Core:
// rows, names and the clock come in as values.
//
// - Rows live in slots (a removed row's slot is reused) found by ticket id.
// - Filter-as-you-type runs over a case- and accent-folded copy of each row's number,
//   subject, customer and organisation, laid out in one contiguous buffer; text that extends
//   the previous text only narrows the rows that matched before, and deleting goes back
//   through results already found. Words must all match.
// - The rows that pass the view (the base) are kept sorted, so filtering never sorts: it
//   keeps the order. Sorting compares precomputed keys (ranks for names, a folded prefix for
//   subjects), not strings through a collator.
//
// Every change says exactly what it does to the rows shown, so that a model can announce it
// (rows inserted, removed or moved stay where the agent left the selection and the scroll):
// - a new view, filter text, directory or batch of rows gives the rows to show next (Shown),
//   not shown yet: steps() tells whether they can be reached in row ranges (removed, then
//   inserted) and which, removeShown() and insertShown() make one step each, show() ends it;
// - one changed or removed row gives its Placement (its row before, its row after), not made
//   yet: place() makes it.
// Until then the rows shown are the ones before the change, as a model's views expect while
// they are told what is about to happen.

#include "cache/queuerow.h"
#include "models/queue/queueview.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringView>
#include <utility>
#include <vector>

namespace Atiende::Models {

// Who uses the console and the names rows refer to, by id (from the Workspace's directory).
struct QueueDirectory
{
    qint64 me = 0; // the agent, for the views of their tickets
    QSet<qint64> myGroups; // and of their groups
    QHash<qint64, QString> agents, groups, customers, organisations;
};

class QueueIndex
{
public:
    // What rows can be sorted by (the queue's columns).
    enum class SortKey {
        Number,
        Priority,
        Status,
        Subject,
        Customer,
        Group,
        Assignee,
        SlaDue,
        Updated
    };

    // Rows [first, last] of the shown rows.
    struct RowRange
    {
        int first = 0;
        int last = 0;
        bool operator==(const RowRange &o) const { return first == o.first && last == o.last; }
    };

    // The rows to show after a change, worked out and not shown yet.
    class Shown
    {
    public:
        int size() const { return int(m_slots.size()); }

    private:
        friend class QueueIndex;
        std::vector<int> m_slots;
        bool m_sameOrder = true; // the rows shown before keep their order among these
    };

    // How the shown rows become a Shown: in place, as row ranges removed (numbered as the rows
    // are before, top-down; made from the bottom up, so each keeps its numbers) and then
    // inserted (numbered as the rows are after, top-down); or, when the order changed or the
    // ranges would be many, all at once (a new layout).
    struct Steps
    {
        bool inPlace = true;
        std::vector<RowRange> removed;
        std::vector<RowRange> inserted;
    };

    // Where one changed row goes: its row before (-1: not shown) and its row after, numbered
    // as the rows are after the change (-1: not shown any more). Other rows keep their order.
    struct Placement
    {
        qint64 ticketId = 0;
        int from = -1;
        int to = -1;

    private:
        friend class QueueIndex;
        int m_slot = -1;
        bool m_drop = false; // the row is gone: its slot is freed once placed
    };

    QueueIndex();
    ~QueueIndex();
    QueueIndex(const QueueIndex &) = delete;
    QueueIndex &operator=(const QueueIndex &) = delete;

    // Every row at once (for a model's reset): the rows shown follow at once from the view,
    // filter text and sort the index has.
    void load(const QList<Client::QueueRow> &rows, const QueueDirectory &directory, qint64 now);

    // The agent and the names may have changed: rows take new names' ranks and text, and the
    // view applies again.
    Shown setDirectory(const QueueDirectory &directory, qint64 now);
    const QueueDirectory &directory() const { return m_directory; }

    Shown setView(const QueueView &view, qint64 now);
    const QueueView &view() const { return m_view; }
    // The text typed in the filter box (words, all must match; accents and case ignored).
    Shown setFilterText(const QString &text);
    const QString &filterText() const { return m_filterText; }
    // The view again at a later time (a view that depends on the clock); the order stays.
    Shown reapplyView(qint64 now);

    // Sorts the rows shown at once (a new layout of the same rows).
    void sort(SortKey key, Qt::SortOrder order);
    SortKey sortKey() const { return m_sortKey; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // Sorting by subject compares ranks once the subjects are ranked (tens of milliseconds at
    // 100,000 rows: a model does it when idle). A new or changed subject unranks them.
    bool subjectsRanked() const { return m_subjectRanksValid; }
    void rankSubjects();

    // A ticket's row, new or changed.
    Placement upsert(const Client::QueueRow &row, qint64 now);
    // A ticket gone (from = -1 when it was not shown or not held).
    Placement remove(qint64 ticketId);
    // Makes a Placement: the rows shown are then the ones after it. Every Placement is placed
    // before the next change.
    void place(const Placement &placement);
    // Many rows at once (a catch-up after a week offline): these changed or new, those gone;
    // the rows to show follow from all rows again.
    Shown changeRows(const QList<Client::QueueRow> &rows, const QSet<qint64> &gone, qint64 now);

    Steps steps(const Shown &next) const;
    // One step in place: rows removed from the ones shown, or rows of `next` inserted.
    void removeShown(RowRange range);
    void insertShown(RowRange range, const Shown &next);
    // Ends a change: `next` is shown (after its steps in place, or at once).
    void show(Shown next);

    // The rows shown, in order.
    int shownCount() const { return int(m_shown.size()); }
    const Client::QueueRow &shownRow(int row) const
    {
        return m_rows[size_t(m_shown[size_t(row)])].data;
    }
    qint64 ticketIdAt(int row) const; // 0 outside the rows shown
    int rowOfTicket(qint64 ticketId) const; // -1 when not shown
    bool holds(qint64 ticketId) const { return m_slotOfTicket.contains(ticketId); }
    int totalTickets() const { return int(m_rows.size() - m_free.size()); }

private:
    struct Row
    {
        // What sorting compares, first and together (one cache line per comparison).
        qint64 updatedAt = 0;
        qint64 id = 0;
        qint64 slaDueAt = 0;
        quint64 numberKey = 0; // type letters and the number, so INC-000099 < INC-000100
        quint64 subjectKey = 0; // the folded subject's first four characters
        int customerRank = 0; // position of the name in name order (the directory's)
        int groupRank = 0;
        int assigneeRank = 0;
        int subjectRank = 0; // valid while m_subjectRanksValid
        quint8 statusRank = 0; // the enums' order: the lifecycle's, P1 first
        quint8 priorityRank = 0;
        bool live = false;
        int subjectStart = 0; // in m_text
        int subjectLength = 0;
        Client::QueueRow data;
    };
    void rank(Row &row) const;
    void fill(Row &row, const Client::QueueRow &data) const;
    void indexText(int slot);
    void compactText();
    int newSlot(qint64 ticketId);
    void dropSlot(int slot);
    quint64 primaryKey(const Row &row) const;
    bool lessThan(int a, int b) const;
    void sortSlots(std::vector<int> &list) const;
    int positionOf(const std::vector<int> &list, int slot) const;
    bool passesView(const Row &row, qint64 now) const;
    bool passesText(int slot, const QList<QStringView> &words) const;
    QList<QStringView> filterWords() const;
    void foldWords();
    void rebuildBase(qint64 now);
    Shown filtered(const std::vector<int> &from, bool sameOrder) const;

    std::vector<Row> m_rows; // slots; removed ones are on m_free
    std::vector<int> m_free;
    QHash<qint64, int> m_slotOfTicket;
    // Each row's folded "number subject customer organisation", one after the other, and
    // where it is, per slot (apart from the rows: a keystroke reads only these two).
    struct TextSpan
    {
        int start = 0;
        int length = 0;
    };
    std::vector<char16_t> m_text;
    std::vector<TextSpan> m_spans;
    qint64 m_deadText = 0; // characters of m_text no row refers to any more
    std::vector<int> m_base; // slots passing the view, sorted
    std::vector<int> m_shown; // slots passing the view and the text, sorted
    QueueView m_view;
    QString m_filterText;
    QString m_foldedFilter;
    QString m_foldedWords; // the view's saved text and the typed text: every word must match
    bool m_subjectRanksValid = false;
    SortKey m_sortKey = SortKey::Updated;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QueueDirectory m_directory;
    QHash<qint64, int> m_agentRank, m_groupRank, m_customerRank; // position in name order
    // Folded text -> rows shown, while typing: deleting goes back through them.
    std::vector<std::pair<QString, std::vector<int>>> m_filterHistory;
};

} // namespace Atiende::Models
