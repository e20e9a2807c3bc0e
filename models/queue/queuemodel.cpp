#include "queuemodel.h"

#include "core/domain/ticketlifecycle.h"
#include "core/text/fold.h"
#include "models/labels/labels.h"
#include "presence/ticketpresence.h"
#include "workspace/workspace.h"

#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFont>
#include <QLoggingCategory>
#include <algorithm>
#include <cstring>
#include <limits>

namespace Atiende::Models {

Q_LOGGING_CATEGORY(lcQueue, "atiende.queue", QtInfoMsg)

struct QueueModel::Row
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
    quint8 statusRank = 0;
    quint8 priorityRank = 0;
    bool live = false;
    int textStart = 0; // in m_text: folded "number subject customer organisation"
    int textLength = 0;
    int subjectStart = 0;
    int subjectLength = 0;
    Client::QueueRow data;
};

namespace {

constexpr int kBatchThreshold = 256; // changes at once: re-place rows one by one below this
constexpr int kRangeThreshold = 32; // filter changes as insert/remove ranges below this

using SlaState = Core::SlaTimeline::State;

QString slaStateLabel(const std::optional<SlaState> &state)
{
    return state ? Labels::slaState(*state) : QString();
}

// Substring search tuned for short haystacks (one row's text, about 100 characters) and
// short needles (what an agent types): a plain pass checking the first two characters,
// which beats a vectorised search for the first character when that character is common
// (it is called once per hit) and costs about one cycle a character.
bool containsWord(QStringView hay, QStringView word)
{
    const qsizetype n = word.size();
    if (n == 1)
        return hay.contains(word.front());
    const char16_t *h = reinterpret_cast<const char16_t *>(hay.data());
    const char16_t *w = reinterpret_cast<const char16_t *>(word.data());
    const char16_t c0 = w[0], c1 = w[1];
    const qsizetype last = hay.size() - n;
    const size_t restBytes = size_t(n - 2) * sizeof(char16_t);
    for (qsizetype i = 0; i <= last; ++i) {
        if (h[i] == c0 && h[i + 1] == c1
            && (restBytes == 0 || std::memcmp(h + i + 2, w + 2, restBytes) == 0))
            return true;
    }
    return false;
}

quint64 numberKey(const QString &number)
{
    // "INC-000123": up to three letters, then the digits.
    quint64 letters = 0, digits = 0;
    int i = 0;
    for (; i < number.size() && number.at(i) != QLatin1Char('-'); ++i) {
        if (i < 3)
            letters = (letters << 8) | (number.at(i).unicode() & 0xff);
    }
    for (++i; i < number.size(); ++i) {
        const int d = number.at(i).digitValue();
        if (d >= 0)
            digits = digits * 10 + quint64(d);
    }
    return (letters << 40) | (digits & ((quint64(1) << 40) - 1));
}

constexpr int kNoRank = std::numeric_limits<int>::max();

int rankIn(const QHash<qint64, int> &ranks, qint64 id)
{
    return id ? ranks.value(id, kNoRank - 1) : kNoRank;
}

quint64 prefixKey(QStringView folded)
{
    quint64 key = 0;
    for (int i = 0; i < 4; ++i)
        key = (key << 16) | (i < folded.size() ? folded.at(i).unicode() : 0);
    return key;
}

QHash<qint64, int> ranks(const QHash<qint64, QString> &names)
{
    std::vector<std::pair<QString, qint64>> sorted;
    sorted.reserve(size_t(names.size()));
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        sorted.emplace_back(Core::Text::fold(it.value()), it.key());
    std::sort(sorted.begin(), sorted.end());
    QHash<qint64, int> out;
    out.reserve(names.size());
    for (size_t i = 0; i < sorted.size(); ++i)
        out.insert(sorted[i].second, int(i));
    return out;
}

} // namespace

QueueModel::QueueModel(Client::Workspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    m_view = QueueView::builtIn(QStringLiteral("all-open"));
    // Ranking subjects costs tens of milliseconds at 100,000 rows: done when the console is
    // idle after a load or a changed subject, so a click on the column finds them ready.
    m_rankTimer = new QTimer(this);
    m_rankTimer->setSingleShot(true);
    m_rankTimer->setInterval(500);
    connect(m_rankTimer, &QTimer::timeout, this, [this] {
        if (!m_subjectRanksValid)
            rankSubjects();
    });
    if (!m_workspace)
        return;
    connect(m_workspace, &Client::Workspace::ticketsChanged, this, &QueueModel::applyChanged);
    connect(m_workspace, &Client::Workspace::ticketsRemoved, this, &QueueModel::applyRemoved);
    connect(m_workspace, &Client::Workspace::directoryChanged, this,
        [this](const QSet<QString> &kinds) {
            if (kinds.contains(QStringLiteral("customer"))
                || kinds.contains(QStringLiteral("organisation"))
                || kinds.contains(QStringLiteral("agent"))
                || kinds.contains(QStringLiteral("group"))) {
                rebuildDirectory();
                for (size_t i = 0; i < m_rows.size(); ++i) {
                    if (m_rows[i].live) {
                        rankRow(m_rows[i]);
                        indexText(int(i));
                    }
                }
                refreshAll();
            }
        });
    connect(m_workspace, &Client::Workspace::meChanged, this, [this] {
        rebuildDirectory();
        refreshAll();
    });
}

QueueModel::~QueueModel() = default;

qint64 QueueModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void QueueModel::rebuildDirectory()
{
    if (!m_workspace)
        return;
    const Core::Agent me = m_workspace->me();
    m_myId = me.id;
    m_myGroups = QSet<qint64>(me.groupIds.begin(), me.groupIds.end());
    m_agentNames = m_workspace->names(QStringLiteral("agent"));
    m_groupNames = m_workspace->names(QStringLiteral("group"));
    m_customerNames = m_workspace->names(QStringLiteral("customer"));
    m_organisationNames = m_workspace->names(QStringLiteral("organisation"));
    m_agentRank = ranks(m_agentNames);
    m_groupRank = ranks(m_groupNames);
    m_customerRank = ranks(m_customerNames);
}

void QueueModel::reload()
{
    beginResetModel();
    rebuildDirectory();
    m_rows.clear();
    m_free.clear();
    m_slotOfTicket.clear();
    m_text.clear();
    m_deadText = 0;
    m_subjectRanksValid = false;
    m_filterHistory.clear();
    QElapsedTimer timer;
    timer.start();
    const QList<Client::QueueRow> rows
        = m_workspace ? m_workspace->queueRows() : QList<Client::QueueRow>();
    const qint64 readNs = timer.nsecsElapsed();
    m_rows.resize(size_t(rows.size()));
    m_text.reserve(size_t(rows.size()) * 96);
    m_slotOfTicket.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        fillRow(m_rows[size_t(i)], rows.at(i));
        m_slotOfTicket.insert(rows.at(i).id, i);
        indexText(i);
    }
    const qint64 indexNs = timer.nsecsElapsed();
    if (m_sortColumn == Subject)
        rankSubjects();
    // Everything at once: the base and the shown rows, without signals (we are resetting).
    m_base.clear();
    const qint64 t = now();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (passesView(m_rows[i], t))
            m_base.push_back(int(i));
    }
    sortSlots(m_base);
    const QList<QStringView> words = filterWords();
    m_shown.clear();
    for (int slot : m_base) {
        if (passesText(slot, words))
            m_shown.push_back(slot);
    }
    endResetModel();
    qCInfo(lcQueue,
        "queue loaded: %d tickets read in %.1f ms, indexed in %.1f ms, %d shown after %.1f ms",
        int(rows.size()), double(readNs) / 1e6, double(indexNs - readNs) / 1e6, int(m_shown.size()),
        double(timer.nsecsElapsed()) / 1e6);
    emitCounts();
    if (!m_subjectRanksValid)
        m_rankTimer->start();
}

void QueueModel::fillRow(Row &row, const Client::QueueRow &data)
{
    row.data = data;
    row.live = true;
    row.updatedAt = data.updatedAt;
    row.id = data.id;
    row.slaDueAt = data.slaDueAt;
    row.numberKey = numberKey(data.number);
    row.statusRank = quint8(data.status); // the enums' order: the lifecycle's, P1 first
    row.priorityRank = quint8(data.priority);
    rankRow(row);
}

void QueueModel::rankRow(Row &row) const
{
    row.customerRank = rankIn(m_customerRank, row.data.customerId);
    row.groupRank = rankIn(m_groupRank, row.data.groupId);
    row.assigneeRank = rankIn(m_agentRank, row.data.assigneeId);
}

quint64 QueueModel::primaryKey(const Row &row) const
{
    switch (m_sortColumn) {
    case Number:
        return row.numberKey;
    case Priority:
        return row.priorityRank;
    case Status:
        return row.statusRank;
    case Subject:
        return m_subjectRanksValid ? quint64(row.subjectRank) : row.subjectKey;
    case Customer:
        return quint64(row.customerRank);
    case Group:
        return quint64(row.groupRank);
    case Assignee:
        return quint64(row.assigneeRank);
    case SlaDue:
        return row.slaDueAt > 0 ? quint64(row.slaDueAt) : std::numeric_limits<quint64>::max();
    case Updated:
    default:
        return quint64(row.updatedAt);
    }
}

void QueueModel::indexText(int slot)
{
    Row &row = m_rows[size_t(slot)];
    if (m_subjectRanksValid) {
        // A new row, or a subject that changed, has no rank among the others.
        const bool same = row.textLength > 0 && row.subjectLength == row.data.subject.size()
            && Core::Text::fold(row.data.subject)
                == QStringView(m_text.data() + row.subjectStart, row.subjectLength);
        if (!same) {
            m_subjectRanksValid = false;
            m_rankTimer->start();
        }
    }
    if (row.textLength > 0)
        m_deadText += row.textLength;
    row.textStart = int(m_text.size());
    Core::Text::foldAppend(row.data.number, m_text);
    m_text.push_back(u' ');
    row.subjectStart = int(m_text.size());
    Core::Text::foldAppend(row.data.subject, m_text);
    row.subjectLength = int(m_text.size()) - row.subjectStart;
    m_text.push_back(u' ');
    Core::Text::foldAppend(m_customerNames.value(row.data.customerId), m_text);
    m_text.push_back(u' ');
    Core::Text::foldAppend(m_organisationNames.value(row.data.organisationId), m_text);
    row.textLength = int(m_text.size()) - row.textStart;
    row.subjectKey = prefixKey(QStringView(m_text.data() + row.subjectStart, row.subjectLength));
    if (m_deadText > 1 << 20 && m_deadText > qint64(m_text.size()) / 2)
        compactText();
}

void QueueModel::compactText()
{
    std::vector<char16_t> text;
    text.reserve(m_text.size() - size_t(m_deadText) + 4096);
    for (Row &row : m_rows) {
        if (!row.live)
            continue;
        const int start = int(text.size());
        text.insert(text.end(), m_text.begin() + row.textStart,
            m_text.begin() + row.textStart + row.textLength);
        row.subjectStart = start + (row.subjectStart - row.textStart);
        row.textStart = start;
    }
    m_text.swap(text);
    m_deadText = 0;
}

bool QueueModel::passesView(const Row &row, qint64 t) const
{
    const Client::QueueRow &d = row.data;
    if (m_view.isSearch() && !m_view.ticketIds.contains(d.id))
        return false;
    if (m_view.openOnly && !Core::TicketLifecycle::isOpen(d.status))
        return false;
    if (!m_view.statuses.isEmpty() && !m_view.statuses.contains(d.status))
        return false;
    switch (m_view.assignee) {
    case QueueView::Assignee::Me:
        if (d.assigneeId != m_myId || m_myId == 0)
            return false;
        break;
    case QueueView::Assignee::Unassigned:
        if (d.assigneeId != 0)
            return false;
        break;
    case QueueView::Assignee::Someone:
        if (d.assigneeId == 0)
            return false;
        break;
    case QueueView::Assignee::Anyone:
        break;
    }
    if (m_view.myGroupsOnly && !m_myGroups.contains(d.groupId))
        return false;
    if (!m_view.groupIds.isEmpty() && !m_view.groupIds.contains(d.groupId))
        return false;
    if (!m_view.priorities.isEmpty() && !m_view.priorities.contains(d.priority))
        return false;
    if (m_view.atRisk) {
        const bool risky = d.slaState == SlaState::Warning || d.slaState == SlaState::Breached
            || (d.slaWarnAt > 0 && t >= d.slaWarnAt) || (d.slaDueAt > 0 && t >= d.slaDueAt);
        if (!risky)
            return false;
    }
    if (m_view.updatedWithinMs > 0 && d.updatedAt < t - m_view.updatedWithinMs)
        return false;
    return true;
}

QList<QStringView> QueueModel::filterWords() const
{
    QList<QStringView> words;
    QStringView rest(m_foldedWords);
    qsizetype i = 0;
    while (i < rest.size()) {
        while (i < rest.size() && rest.at(i).isSpace())
            ++i;
        const qsizetype start = i;
        while (i < rest.size() && !rest.at(i).isSpace())
            ++i;
        if (i > start)
            words << rest.mid(start, i - start);
    }
    return words;
}

bool QueueModel::passesText(int slot, const QList<QStringView> &words) const
{
    if (words.isEmpty())
        return true;
    const Row &row = m_rows[size_t(slot)];
    const QStringView hay(m_text.data() + row.textStart, row.textLength);
    for (QStringView w : words) {
        if (!containsWord(hay, w))
            return false;
    }
    return true;
}

bool QueueModel::lessThan(int a, int b) const
{
    const Row &ra = m_rows[size_t(a)];
    const Row &rb = m_rows[size_t(b)];
    const quint64 ka = primaryKey(ra), kb = primaryKey(rb);
    int c = ka < kb ? -1 : (kb < ka ? 1 : 0);
    if (c == 0 && m_sortColumn == Subject && !m_subjectRanksValid)
        c = QStringView(m_text.data() + ra.subjectStart, ra.subjectLength)
                .compare(QStringView(m_text.data() + rb.subjectStart, rb.subjectLength));
    if (c != 0)
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    // A total order, the same whichever way the column runs: newest first, then by id.
    if (ra.updatedAt != rb.updatedAt)
        return ra.updatedAt > rb.updatedAt;
    return ra.id > rb.id;
}

void QueueModel::sortSlots(std::vector<int> &rows) const
{
    // Sorting 100,000 rows through lessThan() would chase each row twice per comparison;
    // the keys are gathered once into a flat array and sorted there.
    struct Item
    {
        quint64 key;
        qint64 updatedAt;
        qint64 id;
        int slot;
    };
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::vector<Item> items;
    items.reserve(rows.size());
    for (int slot : rows) {
        const Row &r = m_rows[size_t(slot)];
        const quint64 k = primaryKey(r);
        items.push_back({ descending ? ~k : k, r.updatedAt, r.id, slot });
    }
    const bool bySubject = m_sortColumn == Subject && !m_subjectRanksValid;
    std::sort(
        items.begin(), items.end(), [this, bySubject, descending](const Item &x, const Item &y) {
            if (x.key != y.key)
                return x.key < y.key;
            if (bySubject) {
                const Row &rx = m_rows[size_t(x.slot)];
                const Row &ry = m_rows[size_t(y.slot)];
                const int c
                    = QStringView(m_text.data() + rx.subjectStart, rx.subjectLength)
                          .compare(QStringView(m_text.data() + ry.subjectStart, ry.subjectLength));
                if (c != 0)
                    return descending ? c > 0 : c < 0;
            }
            if (x.updatedAt != y.updatedAt)
                return x.updatedAt > y.updatedAt;
            return x.id > y.id;
        });
    for (size_t i = 0; i < items.size(); ++i)
        rows[i] = items[i].slot;
}

void QueueModel::rankSubjects()
{
    // Subjects share long beginnings ("No puedo iniciar sesión..."), so comparing them is
    // the dearest part of a sort. Ranked once, every later sort by subject compares ints;
    // a changed subject invalidates the ranks (comparisons fall back to the text, which
    // orders the same way) until the next sort by subject ranks them again.
    struct Item
    {
        quint64 key;
        int slot;
    };
    std::vector<Item> items;
    items.reserve(m_rows.size());
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].live)
            items.push_back({ m_rows[i].subjectKey, int(i) });
    }
    auto text = [this](int slot) {
        const Row &r = m_rows[size_t(slot)];
        return QStringView(m_text.data() + r.subjectStart, r.subjectLength);
    };
    std::sort(items.begin(), items.end(), [&](const Item &x, const Item &y) {
        if (x.key != y.key)
            return x.key < y.key;
        return text(x.slot).compare(text(y.slot)) < 0;
    });
    int rank = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0
            && (items[i].key != items[i - 1].key || text(items[i].slot) != text(items[i - 1].slot)))
            ++rank;
        m_rows[size_t(items[i].slot)].subjectRank = rank;
    }
    m_subjectRanksValid = true;
}

void QueueModel::rebuildBase()
{
    m_filterHistory.clear();
    const qint64 t = now();
    m_base.clear();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].live && passesView(m_rows[i], t))
            m_base.push_back(int(i));
    }
    sortSlots(m_base);
}

void QueueModel::refreshAll()
{
    rebuildBase();
    const QList<QStringView> words = filterWords();
    std::vector<int> shown;
    shown.reserve(m_base.size());
    for (int slot : m_base) {
        if (passesText(slot, words))
            shown.push_back(slot);
    }
    resetShown(std::move(shown), false);
}

void QueueModel::refilter(bool narrowing)
{
    const QList<QStringView> words = filterWords();
    const std::vector<int> &source = narrowing ? m_shown : m_base;
    std::vector<int> shown;
    shown.reserve(source.size());
    for (int slot : source) {
        if (passesText(slot, words))
            shown.push_back(slot);
    }
    resetShown(std::move(shown), true);
}

void QueueModel::resetShown(std::vector<int> shown, bool ordered)
{
    // When old and new are both in the sort's order (a new filter or view over unchanged
    // rows), a merge finds what left and what came. Few changes go out as row ranges (what
    // a view keeps its place through); many go out as one layout change with the persistent
    // indexes (the selection) moved along.
    std::vector<std::pair<int, int>> removed, inserted; // [first, last] in old / new rows
    bool sameOrder = ordered;
    auto extend = [](std::vector<std::pair<int, int>> &ranges, int at) {
        if (!ranges.empty() && ranges.back().second == at - 1)
            ranges.back().second = at;
        else
            ranges.emplace_back(at, at);
    };
    if (sameOrder) {
        // Both lists follow the same order, so one pass over each with a membership bitmap
        // finds the ranges without comparing rows.
        std::vector<quint8> inOld(m_rows.size(), 0), inNew(m_rows.size(), 0);
        for (int slot : m_shown)
            inOld[size_t(slot)] = 1;
        for (int slot : shown)
            inNew[size_t(slot)] = 1;
        size_t i = 0, j = 0;
        while (i < m_shown.size() || j < shown.size()) {
            if (removed.size() + inserted.size() > size_t(kRangeThreshold)) {
                sameOrder = false;
                break;
            }
            if (i < m_shown.size() && j < shown.size() && m_shown[i] == shown[j]) {
                ++i;
                ++j;
            } else if (i < m_shown.size() && !inNew[size_t(m_shown[i])]) {
                extend(removed, int(i++));
            } else if (j < shown.size() && !inOld[size_t(shown[j])]) {
                extend(inserted, int(j++));
            } else {
                sameOrder = false; // the orders disagree after all
                break;
            }
        }
    }
    if (sameOrder) {
        // Removals from the bottom up (earlier ranges keep their numbers), then insertions
        // from the top down, each in the numbering of the list as it is by then.
        for (auto it = removed.rbegin(); it != removed.rend(); ++it) {
            beginRemoveRows({}, it->first, it->second);
            m_shown.erase(m_shown.begin() + it->first, m_shown.begin() + it->second + 1);
            endRemoveRows();
        }
        for (const auto &[first, last] : inserted) {
            beginInsertRows({}, first, last);
            m_shown.insert(
                m_shown.begin() + first, shown.begin() + first, shown.begin() + last + 1);
            endInsertRows();
        }
        Q_ASSERT(m_shown == shown);
    } else {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        QList<qint64> ids;
        ids.reserve(before.size());
        for (const QModelIndex &i : before)
            ids << ticketIdAt(i.row());
        m_shown = std::move(shown);
        QHash<qint64, int> rowOf;
        if (!before.isEmpty()) {
            rowOf.reserve(int(m_shown.size()));
            for (size_t r = 0; r < m_shown.size(); ++r)
                rowOf.insert(m_rows[size_t(m_shown[r])].data.id, int(r));
        }
        QModelIndexList after;
        after.reserve(before.size());
        for (int k = 0; k < before.size(); ++k) {
            const int r = rowOf.value(ids.at(k), -1);
            after << (r < 0 ? QModelIndex() : index(r, before.at(k).column()));
        }
        changePersistentIndexList(before, after);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }
    emitCounts();
}

int QueueModel::totalTickets() const
{
    return int(m_rows.size()) - int(m_free.size());
}

void QueueModel::emitCounts()
{
    Q_EMIT countsChanged(int(m_shown.size()), totalTickets());
}

void QueueModel::setView(const QueueView &view)
{
    m_view = view;
    m_foldedWords = (Core::Text::fold(m_view.text) + QLatin1Char(' ') + m_foldedFilter).trimmed();
    rebuildBase();
    refilter(false);
}

void QueueModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    const QString folded = Core::Text::fold(text);
    const bool narrowing = !m_foldedFilter.isEmpty() && folded.startsWith(m_foldedFilter);
    m_filterText = text;
    m_foldedFilter = folded;
    m_foldedWords = (Core::Text::fold(m_view.text) + QLatin1Char(' ') + m_foldedFilter).trimmed();
    // Deleting what was just typed goes back through results already found: keep the ones
    // on the way to the current text (each a prefix of it), reuse one that matches exactly.
    while (!m_filterHistory.empty() && !folded.startsWith(m_filterHistory.back().first))
        m_filterHistory.pop_back();
    if (!m_filterHistory.empty() && m_filterHistory.back().first == folded) {
        resetShown(m_filterHistory.back().second, true);
        return;
    }
    refilter(narrowing);
    if (!folded.isEmpty()) {
        if (m_filterHistory.size() >= 32)
            m_filterHistory.erase(m_filterHistory.begin());
        m_filterHistory.emplace_back(folded, m_shown);
    }
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (column == Subject && !m_subjectRanksValid)
        rankSubjects();
    m_filterHistory.clear(); // in the old order
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<qint64> ids;
    for (const QModelIndex &i : before)
        ids << ticketIdAt(i.row());
    sortSlots(m_base);
    if (m_shown.size() == m_base.size())
        m_shown = m_base; // nothing filtered out
    else
        sortSlots(m_shown);
    if (!before.isEmpty()) {
        QModelIndexList after;
        for (int k = 0; k < before.size(); ++k) {
            const int r = rowOfTicket(ids.at(k));
            after << (r < 0 ? QModelIndex() : index(r, before.at(k).column()));
        }
        changePersistentIndexList(before, after);
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void QueueModel::tick()
{
    if (m_view.isTimeDependent()) {
        rebuildBase();
        refilter(false);
    }
    if (!m_shown.empty())
        Q_EMIT dataChanged(index(0, SlaDue), index(int(m_shown.size()) - 1, Updated),
            { Qt::DisplayRole, Qt::ForegroundRole, SlaColorRole });
}

void QueueModel::setViewers(qint64 ticketId, const QList<Client::Viewer> &viewers)
{
    if (viewers.isEmpty())
        m_viewers.remove(ticketId);
    else
        m_viewers.insert(ticketId, viewers);
    const int r = rowOfTicket(ticketId);
    if (r >= 0)
        Q_EMIT dataChanged(
            index(r, 0), index(r, ColumnCount - 1), { ViewersRole, TypingRole, Qt::ToolTipRole });
}

qint64 QueueModel::ticketIdAt(int row) const
{
    if (row < 0 || size_t(row) >= m_shown.size())
        return 0;
    return m_rows[size_t(m_shown[size_t(row)])].data.id;
}

int QueueModel::rowOfTicket(qint64 ticketId) const
{
    const auto it = m_slotOfTicket.constFind(ticketId);
    if (it == m_slotOfTicket.constEnd())
        return -1;
    // The shown rows are sorted: a binary search by the row's own key finds it.
    const int slot = *it;
    auto pos = std::lower_bound(
        m_shown.begin(), m_shown.end(), slot, [this](int a, int b) { return lessThan(a, b); });
    if (pos != m_shown.end() && *pos == slot)
        return int(pos - m_shown.begin());
    return -1;
}

void QueueModel::placeRow(int slot, bool wasShown, int oldPos)
{
    m_filterHistory.clear(); // the rows changed under the results
    const Row &row = m_rows[size_t(slot)];
    const bool inBase = row.live && passesView(row, now());
    const bool inShown = inBase && passesText(slot, filterWords());
    auto less = [this](int a, int b) { return lessThan(a, b); };
    // The base: out and back in at its place.
    auto b = std::find(m_base.begin(), m_base.end(), slot);
    if (b != m_base.end())
        m_base.erase(b);
    if (inBase)
        m_base.insert(std::lower_bound(m_base.begin(), m_base.end(), slot, less), slot);

    if (!wasShown && !inShown)
        return;
    if (wasShown && !inShown) {
        beginRemoveRows({}, oldPos, oldPos);
        m_shown.erase(m_shown.begin() + oldPos);
        endRemoveRows();
        return;
    }
    if (!wasShown) {
        const int newPos
            = int(std::lower_bound(m_shown.begin(), m_shown.end(), slot, less) - m_shown.begin());
        beginInsertRows({}, newPos, newPos);
        m_shown.insert(m_shown.begin() + newPos, slot);
        endInsertRows();
        return;
    }
    // Still shown: it may have moved.
    m_shown.erase(m_shown.begin() + oldPos);
    const int newPos
        = int(std::lower_bound(m_shown.begin(), m_shown.end(), slot, less) - m_shown.begin());
    m_shown.insert(m_shown.begin() + oldPos, slot); // back, for the move's bookkeeping
    if (newPos == oldPos) {
        Q_EMIT dataChanged(index(oldPos, 0), index(oldPos, ColumnCount - 1));
        return;
    }
    const int destination = newPos > oldPos ? newPos + 1 : newPos;
    if (beginMoveRows({}, oldPos, oldPos, {}, destination)) {
        m_shown.erase(m_shown.begin() + oldPos);
        m_shown.insert(m_shown.begin() + newPos, slot);
        endMoveRows();
    } else {
        m_shown.erase(m_shown.begin() + oldPos);
        m_shown.insert(m_shown.begin() + newPos, slot);
    }
    Q_EMIT dataChanged(index(newPos, 0), index(newPos, ColumnCount - 1));
}

int QueueModel::newSlot(qint64 ticketId)
{
    int slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = int(m_rows.size());
        m_rows.emplace_back();
    }
    m_slotOfTicket.insert(ticketId, slot);
    return slot;
}

void QueueModel::applyChanged(const QSet<qint64> &ids)
{
    if (ids.isEmpty() || !m_workspace)
        return;
    const QList<Client::QueueRow> fresh
        = m_workspace->queueRows(QList<qint64>(ids.begin(), ids.end()));
    QSet<qint64> gone = ids;
    if (fresh.size() > kBatchThreshold) {
        // A big batch (a catch-up after a week offline): update every row, then re-place
        // them all at once.
        for (const Client::QueueRow &r : fresh) {
            gone.remove(r.id);
            auto it = m_slotOfTicket.constFind(r.id);
            const int slot = it != m_slotOfTicket.constEnd() ? *it : newSlot(r.id);
            fillRow(m_rows[size_t(slot)], r);
            indexText(slot);
        }
        for (qint64 id : std::as_const(gone)) {
            auto it = m_slotOfTicket.find(id);
            if (it == m_slotOfTicket.end())
                continue;
            m_rows[size_t(*it)].live = false;
            m_deadText += m_rows[size_t(*it)].textLength;
            m_rows[size_t(*it)].textLength = 0;
            m_free.push_back(*it);
            m_slotOfTicket.erase(it);
        }
        refreshAll();
        return;
    }
    for (const Client::QueueRow &r : fresh) {
        gone.remove(r.id);
        auto it = m_slotOfTicket.constFind(r.id);
        if (it == m_slotOfTicket.constEnd()) {
            const int slot = newSlot(r.id);
            fillRow(m_rows[size_t(slot)], r);
            indexText(slot);
            placeRow(slot, false, -1);
        } else {
            const int slot = *it;
            const int oldPos = [&] {
                auto pos = std::find(m_shown.begin(), m_shown.end(), slot);
                return pos == m_shown.end() ? -1 : int(pos - m_shown.begin());
            }();
            fillRow(m_rows[size_t(slot)], r);
            indexText(slot);
            placeRow(slot, oldPos >= 0, oldPos);
        }
    }
    if (!gone.isEmpty())
        applyRemoved(gone);
    else
        emitCounts();
}

void QueueModel::applyRemoved(const QSet<qint64> &ids)
{
    for (qint64 id : ids) {
        auto it = m_slotOfTicket.find(id);
        if (it == m_slotOfTicket.end())
            continue;
        const int slot = *it;
        const auto pos = std::find(m_shown.begin(), m_shown.end(), slot);
        const int oldPos = pos == m_shown.end() ? -1 : int(pos - m_shown.begin());
        m_rows[size_t(slot)].live = false;
        placeRow(slot, oldPos >= 0, oldPos);
        m_deadText += m_rows[size_t(slot)].textLength;
        m_rows[size_t(slot)].textLength = 0;
        m_free.push_back(slot);
        m_slotOfTicket.erase(it);
        m_viewers.remove(id);
    }
    emitCounts();
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}
int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_shown.size())
        return {};
    const Row &row = m_rows[size_t(m_shown[size_t(index.row())])];
    const Client::QueueRow &d = row.data;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Number:
            return d.number;
        case Priority:
            return Labels::priorityShort(d.priority);
        case Status:
            return Labels::status(d.status);
        case Subject:
            return d.subject;
        case Customer:
            return m_customerNames.value(d.customerId);
        case Group:
            return m_groupNames.value(d.groupId);
        case Assignee:
            return d.assigneeId ? m_agentNames.value(d.assigneeId) : QString();
        case SlaDue:
            if (d.slaDueAt > 0)
                return Labels::duration(d.slaDueAt - now());
            return d.slaState == SlaState::None ? QString() : slaStateLabel(d.slaState);
        case Updated:
            return Labels::when(d.updatedAt, now());
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Priority:
            return Labels::priority(d.priority);
        case Customer: {
            const QString org = m_organisationNames.value(d.organisationId);
            return org.isEmpty() ? m_customerNames.value(d.customerId)
                                 : tr("%1, %2").arg(m_customerNames.value(d.customerId), org);
        }
        case SlaDue:
            if (d.slaDueAt > 0)
                return tr("Due %1 (%2)")
                    .arg(Labels::instant(d.slaDueAt), slaStateLabel(d.slaState));
            return slaStateLabel(d.slaState);
        case Updated:
            return Labels::instant(d.updatedAt);
        default: {
            QString tip = d.subject;
            QStringList here;
            for (const Client::Viewer &v : m_viewers.value(d.id))
                here << (v.typing ? tr("%1 (typing)").arg(v.name) : v.name);
            if (!here.isEmpty())
                tip += QLatin1Char('\n') + tr("Also here: %1").arg(here.join(QStringLiteral(", ")));
            if (d.pending)
                tip += QLatin1Char('\n') + tr("Your changes are waiting to be sent");
            return tip;
        }
        }
    case Qt::FontRole:
        if (d.unread) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == SlaDue)
            return data(index, SlaColorRole);
        if (index.column() == Priority && d.priority == Core::Priority::P1)
            return QColor(0xd9, 0x8a, 0x00);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SlaDue || index.column() == Updated)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case TicketIdRole:
        return d.id;
    case UnreadRole:
        return d.unread;
    case PendingRole:
        return d.pending;
    case ViewersRole:
    case TypingRole: {
        QStringList names;
        for (const Client::Viewer &v : m_viewers.value(d.id)) {
            if (role == ViewersRole || v.typing)
                names << v.name;
        }
        return names;
    }
    case SlaStateRole:
        return d.slaState ? Core::SlaTimeline::wireName(*d.slaState) : QString();
    case SlaDueRole:
        return d.slaDueAt;
    case SlaColorRole: {
        const qint64 t = now();
        if (d.slaState == SlaState::Breached || (d.slaDueAt > 0 && t >= d.slaDueAt))
            return QColor(0xd0, 0x31, 0x2d);
        if (d.slaState == SlaState::Warning || (d.slaWarnAt > 0 && t >= d.slaWarnAt))
            return QColor(0xd9, 0x8a, 0x00);
        if (d.slaDueAt > 0)
            return QColor(0x2e, 0x9d, 0x4f);
        return QColor(0x80, 0x80, 0x80);
    }
    case OrganisationRole:
        return m_organisationNames.value(d.organisationId);
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("Number");
    case Priority:
        return tr("Priority");
    case Status:
        return tr("Status");
    case Subject:
        return tr("Subject");
    case Customer:
        return tr("Customer");
    case Group:
        return tr("Group");
    case Assignee:
        return tr("Assignee");
    case SlaDue:
        return tr("SLA due");
    case Updated:
        return tr("Updated");
    }
    return {};
}

} // namespace Atiende::Models
