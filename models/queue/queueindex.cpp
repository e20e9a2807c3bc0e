#include "queueindex.h"

#include "core/domain/ticketlifecycle.h"
#include "core/text/fold.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace Atiende::Models {

namespace {

constexpr int kRangeThreshold = 32; // a change in more ranges than this is a new layout
constexpr size_t kHistoryDepth = 32; // filter texts remembered while typing

// Substring search tuned for short haystacks (one row's text, about 100 characters) and
// short needles (what an agent types). Every position is checked for the word's first two
// characters without a branch, 16 positions at a time (the compiler vectorises the inner
// loop): with common letters ("co", "in") a branch per position mispredicts at every other
// one. Only a block with a candidate is looked at position by position.
bool containsWord(QStringView hay, QStringView word)
{
    const qsizetype n = word.size();
    if (n == 1)
        return hay.contains(word.front());
    const qsizetype starts = hay.size() - n + 1; // positions the word may start at
    const char16_t *h = reinterpret_cast<const char16_t *>(hay.data());
    const char16_t *w = reinterpret_cast<const char16_t *>(word.data());
    const char16_t c0 = w[0], c1 = w[1];
    const size_t restBytes = size_t(n - 2) * sizeof(char16_t);
    auto at = [&](qsizetype i) {
        return h[i] == c0 && h[i + 1] == c1
            && (restBytes == 0 || std::memcmp(h + i + 2, w + 2, restBytes) == 0);
    };
    constexpr qsizetype kBlock = 16;
    qsizetype i = 0;
    for (; i + kBlock <= starts; i += kBlock) {
        unsigned candidates = 0;
        for (qsizetype k = 0; k < kBlock; ++k)
            candidates |= unsigned(h[i + k] == c0) & unsigned(h[i + k + 1] == c1);
        if (candidates == 0)
            continue;
        if (restBytes == 0)
            return true;
        for (qsizetype k = 0; k < kBlock; ++k) {
            if (at(i + k))
                return true;
        }
    }
    for (; i < starts; ++i) {
        if (at(i))
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

QueueIndex::QueueIndex() = default;
QueueIndex::~QueueIndex() = default;

void QueueIndex::load(
    const QList<Client::QueueRow> &rows, const QueueDirectory &directory, qint64 now)
{
    m_rows.clear();
    m_spans.clear();
    m_free.clear();
    m_slotOfTicket.clear();
    m_text.clear();
    m_deadText = 0;
    m_subjectRanksValid = false;
    m_filterHistory.clear();
    m_directory = directory;
    m_agentRank = ranks(m_directory.agents);
    m_groupRank = ranks(m_directory.groups);
    m_customerRank = ranks(m_directory.customers);
    m_rows.resize(size_t(rows.size()));
    m_spans.assign(size_t(rows.size()), {});
    m_text.reserve(size_t(rows.size()) * 96);
    m_slotOfTicket.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i) {
        fill(m_rows[size_t(i)], rows.at(i));
        m_slotOfTicket.insert(rows.at(i).id, i);
        indexText(i);
    }
    if (m_sortKey == SortKey::Subject)
        rankSubjects();
    rebuildBase(now);
    m_shown = filtered(m_base, true).m_slots;
}

QueueIndex::Shown QueueIndex::setDirectory(const QueueDirectory &directory, qint64 now)
{
    const bool renamed = directory.agents != m_directory.agents
        || directory.groups != m_directory.groups || directory.customers != m_directory.customers
        || directory.organisations != m_directory.organisations;
    m_directory = directory;
    if (renamed) {
        m_agentRank = ranks(m_directory.agents);
        m_groupRank = ranks(m_directory.groups);
        m_customerRank = ranks(m_directory.customers);
        for (size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].live) {
                rank(m_rows[i]);
                indexText(int(i));
            }
        }
    }
    // Rows may have moved under the sort (new ranks): no steps in place.
    rebuildBase(now);
    return filtered(m_base, false);
}

void QueueIndex::fill(Row &row, const Client::QueueRow &data) const
{
    row.data = data;
    row.live = true;
    row.updatedAt = data.updatedAt;
    row.id = data.id;
    row.slaDueAt = data.slaDueAt;
    row.numberKey = numberKey(data.number);
    row.statusRank = quint8(data.status);
    row.priorityRank = quint8(data.priority);
    rank(row);
}

void QueueIndex::rank(Row &row) const
{
    row.customerRank = rankIn(m_customerRank, row.data.customerId);
    row.groupRank = rankIn(m_groupRank, row.data.groupId);
    row.assigneeRank = rankIn(m_agentRank, row.data.assigneeId);
}

void QueueIndex::indexText(int slot)
{
    Row &row = m_rows[size_t(slot)];
    TextSpan &span = m_spans[size_t(slot)];
    if (m_subjectRanksValid) {
        // A new row, or a subject that changed, has no rank among the others.
        const bool same = span.length > 0 && row.subjectLength == row.data.subject.size()
            && Core::Text::fold(row.data.subject)
                == QStringView(m_text.data() + row.subjectStart, row.subjectLength);
        if (!same)
            m_subjectRanksValid = false;
    }
    m_deadText += span.length;
    span.start = int(m_text.size());
    Core::Text::foldAppend(row.data.number, m_text);
    m_text.push_back(u' ');
    row.subjectStart = int(m_text.size());
    Core::Text::foldAppend(row.data.subject, m_text);
    row.subjectLength = int(m_text.size()) - row.subjectStart;
    m_text.push_back(u' ');
    Core::Text::foldAppend(m_directory.customers.value(row.data.customerId), m_text);
    m_text.push_back(u' ');
    Core::Text::foldAppend(m_directory.organisations.value(row.data.organisationId), m_text);
    span.length = int(m_text.size()) - span.start;
    row.subjectKey = prefixKey(QStringView(m_text.data() + row.subjectStart, row.subjectLength));
    if (m_deadText > 1 << 20 && m_deadText > qint64(m_text.size()) / 2)
        compactText();
}

void QueueIndex::compactText()
{
    std::vector<char16_t> text;
    text.reserve(m_text.size() - size_t(m_deadText) + 4096);
    for (size_t slot = 0; slot < m_rows.size(); ++slot) {
        Row &row = m_rows[slot];
        TextSpan &span = m_spans[slot];
        if (!row.live)
            continue;
        const int start = int(text.size());
        text.insert(
            text.end(), m_text.begin() + span.start, m_text.begin() + span.start + span.length);
        row.subjectStart = start + (row.subjectStart - span.start);
        span.start = start;
    }
    m_text.swap(text);
    m_deadText = 0;
}

int QueueIndex::newSlot(qint64 ticketId)
{
    int slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = int(m_rows.size());
        m_rows.emplace_back();
        m_spans.emplace_back();
    }
    m_slotOfTicket.insert(ticketId, slot);
    return slot;
}

void QueueIndex::dropSlot(int slot)
{
    Row &row = m_rows[size_t(slot)];
    m_slotOfTicket.remove(row.data.id);
    row.live = false;
    m_deadText += m_spans[size_t(slot)].length;
    m_spans[size_t(slot)].length = 0;
    m_free.push_back(slot);
}

quint64 QueueIndex::primaryKey(const Row &row) const
{
    switch (m_sortKey) {
    case SortKey::Number:
        return row.numberKey;
    case SortKey::Priority:
        return row.priorityRank;
    case SortKey::Status:
        return row.statusRank;
    case SortKey::Subject:
        return m_subjectRanksValid ? quint64(row.subjectRank) : row.subjectKey;
    case SortKey::Customer:
        return quint64(row.customerRank);
    case SortKey::Group:
        return quint64(row.groupRank);
    case SortKey::Assignee:
        return quint64(row.assigneeRank);
    case SortKey::SlaDue:
        return row.slaDueAt > 0 ? quint64(row.slaDueAt) : std::numeric_limits<quint64>::max();
    case SortKey::Updated:
        break;
    }
    return quint64(row.updatedAt);
}

bool QueueIndex::lessThan(int a, int b) const
{
    const Row &ra = m_rows[size_t(a)];
    const Row &rb = m_rows[size_t(b)];
    const quint64 ka = primaryKey(ra), kb = primaryKey(rb);
    int c = ka < kb ? -1 : (kb < ka ? 1 : 0);
    if (c == 0 && m_sortKey == SortKey::Subject && !m_subjectRanksValid)
        c = QStringView(m_text.data() + ra.subjectStart, ra.subjectLength)
                .compare(QStringView(m_text.data() + rb.subjectStart, rb.subjectLength));
    if (c != 0)
        return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
    // A total order, the same whichever way the column runs: newest first, then by id.
    if (ra.updatedAt != rb.updatedAt)
        return ra.updatedAt > rb.updatedAt;
    return ra.id > rb.id;
}

void QueueIndex::sortSlots(std::vector<int> &list) const
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
    items.reserve(list.size());
    for (int slot : list) {
        const Row &r = m_rows[size_t(slot)];
        const quint64 k = primaryKey(r);
        items.push_back({ descending ? ~k : k, r.updatedAt, r.id, slot });
    }
    const bool bySubject = m_sortKey == SortKey::Subject && !m_subjectRanksValid;
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
        list[i] = items[i].slot;
}

int QueueIndex::positionOf(const std::vector<int> &list, int slot) const
{
    // The list is sorted: a binary search by the row's own key finds it.
    const auto pos = std::lower_bound(
        list.begin(), list.end(), slot, [this](int a, int b) { return lessThan(a, b); });
    if (pos != list.end() && *pos == slot)
        return int(pos - list.begin());
    return -1;
}

void QueueIndex::rankSubjects()
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

bool QueueIndex::passesView(const Row &row, qint64 now) const
{
    using State = Core::SlaTimeline::State;
    const Client::QueueRow &d = row.data;
    if (m_view.isSearch() && !m_view.ticketIds.contains(d.id))
        return false;
    if (m_view.openOnly && !Core::TicketLifecycle::isOpen(d.status))
        return false;
    if (!m_view.statuses.isEmpty() && !m_view.statuses.contains(d.status))
        return false;
    const qint64 me = m_directory.me;
    switch (m_view.assignee) {
    case QueueView::Assignee::Me:
        if (d.assigneeId != me || me == 0)
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
    if (m_view.myGroupsOnly && !m_directory.myGroups.contains(d.groupId))
        return false;
    if (!m_view.groupIds.isEmpty() && !m_view.groupIds.contains(d.groupId))
        return false;
    if (!m_view.priorities.isEmpty() && !m_view.priorities.contains(d.priority))
        return false;
    if (m_view.atRisk) {
        const bool risky = d.slaState == State::Warning || d.slaState == State::Breached
            || (d.slaWarnAt > 0 && now >= d.slaWarnAt) || (d.slaDueAt > 0 && now >= d.slaDueAt);
        if (!risky)
            return false;
    }
    if (m_view.updatedWithinMs > 0 && d.updatedAt < now - m_view.updatedWithinMs)
        return false;
    return true;
}

void QueueIndex::foldWords()
{
    m_foldedWords = (Core::Text::fold(m_view.text) + QLatin1Char(' ') + m_foldedFilter).trimmed();
}

QList<QStringView> QueueIndex::filterWords() const
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

bool QueueIndex::passesText(int slot, const QList<QStringView> &words) const
{
    if (words.isEmpty())
        return true;
    const TextSpan &span = m_spans[size_t(slot)];
    const QStringView hay(m_text.data() + span.start, span.length);
    for (QStringView w : words) {
        if (!containsWord(hay, w))
            return false;
    }
    return true;
}

void QueueIndex::rebuildBase(qint64 now)
{
    m_filterHistory.clear();
    m_base.clear();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].live && passesView(m_rows[i], now))
            m_base.push_back(int(i));
    }
    sortSlots(m_base);
}

QueueIndex::Shown QueueIndex::filtered(const std::vector<int> &from, bool sameOrder) const
{
    const QList<QStringView> words = filterWords();
    Shown next;
    next.m_sameOrder = sameOrder;
    if (words.isEmpty()) {
        next.m_slots = from;
        return next;
    }
    next.m_slots.reserve(from.size());
    if (from.size() < m_rows.size() / 8) {
        for (int slot : from) {
            if (passesText(slot, words))
                next.m_slots.push_back(slot);
        }
        return next;
    }
    // Many rows are checked in the order of their slots, which is the order of their text in
    // memory, and not in the sort's order, which jumps across memory at every row (at 100,000
    // rows most of a keystroke went to waiting for memory). The result keeps the sort's order.
    std::vector<quint8> passes(m_rows.size(), 0);
    for (int slot : from)
        passes[size_t(slot)] = 1;
    for (size_t slot = 0; slot < passes.size(); ++slot) {
        if (passes[slot])
            passes[slot] = passesText(int(slot), words) ? 1 : 0;
    }
    for (int slot : from) {
        if (passes[size_t(slot)])
            next.m_slots.push_back(slot);
    }
    return next;
}

QueueIndex::Shown QueueIndex::setView(const QueueView &view, qint64 now)
{
    m_view = view;
    foldWords();
    return reapplyView(now);
}

QueueIndex::Shown QueueIndex::reapplyView(qint64 now)
{
    rebuildBase(now);
    return filtered(m_base, true);
}

QueueIndex::Shown QueueIndex::setFilterText(const QString &text)
{
    const QString folded = Core::Text::fold(text);
    const bool narrowing = !m_foldedFilter.isEmpty() && folded.startsWith(m_foldedFilter);
    m_filterText = text;
    m_foldedFilter = folded;
    foldWords();
    // Deleting what was just typed goes back through results already found: keep the ones
    // on the way to the current text (each a prefix of it), reuse one that matches exactly.
    while (!m_filterHistory.empty() && !folded.startsWith(m_filterHistory.back().first))
        m_filterHistory.pop_back();
    if (!m_filterHistory.empty() && m_filterHistory.back().first == folded) {
        Shown again;
        again.m_slots = m_filterHistory.back().second;
        return again;
    }
    Shown next = filtered(narrowing ? m_shown : m_base, true);
    if (!folded.isEmpty()) {
        if (m_filterHistory.size() >= kHistoryDepth)
            m_filterHistory.erase(m_filterHistory.begin());
        m_filterHistory.emplace_back(folded, next.m_slots);
    }
    return next;
}

void QueueIndex::sort(SortKey key, Qt::SortOrder order)
{
    m_sortKey = key;
    m_sortOrder = order;
    if (key == SortKey::Subject && !m_subjectRanksValid)
        rankSubjects();
    m_filterHistory.clear(); // in the old order
    sortSlots(m_base);
    if (m_shown.size() == m_base.size())
        m_shown = m_base; // nothing filtered out
    else
        sortSlots(m_shown);
}

QueueIndex::Placement QueueIndex::upsert(const Client::QueueRow &data, qint64 now)
{
    m_filterHistory.clear(); // the rows changed under the results
    Placement p;
    p.ticketId = data.id;
    int basePos = -1;
    if (const auto it = m_slotOfTicket.constFind(data.id); it != m_slotOfTicket.constEnd()) {
        p.m_slot = *it;
        // Found by the row's keys before they change.
        p.from = positionOf(m_shown, p.m_slot);
        basePos = positionOf(m_base, p.m_slot);
    } else {
        p.m_slot = newSlot(data.id);
    }
    fill(m_rows[size_t(p.m_slot)], data);
    indexText(p.m_slot);

    const Row &row = m_rows[size_t(p.m_slot)];
    const bool inBase = passesView(row, now);
    const bool inShown = inBase && passesText(p.m_slot, filterWords());
    auto less = [this](int a, int b) { return lessThan(a, b); };
    // The base: out and back in at its place.
    if (basePos >= 0)
        m_base.erase(m_base.begin() + basePos);
    if (inBase)
        m_base.insert(std::lower_bound(m_base.begin(), m_base.end(), p.m_slot, less), p.m_slot);
    if (!inShown)
        return p;
    // Its row among the others, which keep their order around the one that changed.
    if (p.from < 0) {
        p.to = int(
            std::lower_bound(m_shown.begin(), m_shown.end(), p.m_slot, less) - m_shown.begin());
    } else {
        const auto at = m_shown.begin() + p.from;
        p.to = int(std::lower_bound(m_shown.begin(), at, p.m_slot, less) - m_shown.begin())
            + int(std::lower_bound(at + 1, m_shown.end(), p.m_slot, less) - (at + 1));
    }
    return p;
}

QueueIndex::Placement QueueIndex::remove(qint64 ticketId)
{
    Placement p;
    p.ticketId = ticketId;
    const auto it = m_slotOfTicket.constFind(ticketId);
    if (it == m_slotOfTicket.constEnd())
        return p;
    m_filterHistory.clear();
    p.m_slot = *it;
    p.m_drop = true;
    p.from = positionOf(m_shown, p.m_slot);
    const int basePos = positionOf(m_base, p.m_slot);
    if (basePos >= 0)
        m_base.erase(m_base.begin() + basePos);
    return p;
}

void QueueIndex::place(const Placement &p)
{
    if (p.from >= 0)
        m_shown.erase(m_shown.begin() + p.from);
    if (p.to >= 0)
        m_shown.insert(m_shown.begin() + p.to, p.m_slot);
    if (p.m_drop)
        dropSlot(p.m_slot);
}

QueueIndex::Shown QueueIndex::changeRows(
    const QList<Client::QueueRow> &rows, const QSet<qint64> &gone, qint64 now)
{
    for (const Client::QueueRow &r : rows) {
        const auto it = m_slotOfTicket.constFind(r.id);
        const int slot = it != m_slotOfTicket.constEnd() ? *it : newSlot(r.id);
        fill(m_rows[size_t(slot)], r);
        indexText(slot);
    }
    // Slots of rows gone are freed after the changed rows took theirs, so none of them is
    // reused while the rows shown still name it.
    for (qint64 id : gone) {
        const auto it = m_slotOfTicket.constFind(id);
        if (it != m_slotOfTicket.constEnd())
            dropSlot(*it);
    }
    rebuildBase(now);
    return filtered(m_base, false);
}

QueueIndex::Steps QueueIndex::steps(const Shown &next) const
{
    // When old and new are both in the sort's order (a new filter or view over unchanged
    // rows), a merge finds what left and what came. Few changes go in place, as row ranges
    // (what a view keeps its place through); many go as one new layout.
    Steps s;
    s.inPlace = next.m_sameOrder;
    if (!s.inPlace)
        return s;
    auto extend = [](std::vector<RowRange> &ranges, int at) {
        if (!ranges.empty() && ranges.back().last == at - 1)
            ranges.back().last = at;
        else
            ranges.push_back({ at, at });
    };
    // Both lists follow the same order, so one pass over each with a membership bitmap finds
    // the ranges without comparing rows.
    const std::vector<int> &before = m_shown, &after = next.m_slots;
    std::vector<quint8> inOld(m_rows.size(), 0), inNew(m_rows.size(), 0);
    for (int slot : before)
        inOld[size_t(slot)] = 1;
    for (int slot : after)
        inNew[size_t(slot)] = 1;
    size_t i = 0, j = 0;
    while (i < before.size() || j < after.size()) {
        if (s.removed.size() + s.inserted.size() > size_t(kRangeThreshold)) {
            s.inPlace = false;
            break;
        }
        if (i < before.size() && j < after.size() && before[i] == after[j]) {
            ++i;
            ++j;
        } else if (i < before.size() && !inNew[size_t(before[i])]) {
            extend(s.removed, int(i++));
        } else if (j < after.size() && !inOld[size_t(after[j])]) {
            extend(s.inserted, int(j++));
        } else {
            s.inPlace = false; // the orders disagree after all
            break;
        }
    }
    if (!s.inPlace) {
        s.removed.clear();
        s.inserted.clear();
    }
    return s;
}

void QueueIndex::removeShown(RowRange range)
{
    m_shown.erase(m_shown.begin() + range.first, m_shown.begin() + range.last + 1);
}

void QueueIndex::insertShown(RowRange range, const Shown &next)
{
    m_shown.insert(m_shown.begin() + range.first, next.m_slots.begin() + range.first,
        next.m_slots.begin() + range.last + 1);
}

void QueueIndex::show(Shown next)
{
    m_shown = std::move(next.m_slots);
}

qint64 QueueIndex::ticketIdAt(int row) const
{
    if (row < 0 || size_t(row) >= m_shown.size())
        return 0;
    return m_rows[size_t(m_shown[size_t(row)])].data.id;
}

int QueueIndex::rowOfTicket(qint64 ticketId) const
{
    const auto it = m_slotOfTicket.constFind(ticketId);
    return it == m_slotOfTicket.constEnd() ? -1 : positionOf(m_shown, *it);
}

} // namespace Atiende::Models
