#include "slaschedule.h"

#include <algorithm>
#include <utility>

namespace Atiende::Server {

namespace {

constexpr size_t kArity = 4;
constexpr size_t kPrefetchAhead = 16;

// Moves node down from hole i until no child is smaller; moved(node, index) is told where
// every node that changed place ended up, so the same code serves build() (which records
// positions afterwards) and the indexed updates.
template <typename Node, typename Less, typename Moved>
void siftDownFrom(std::vector<Node> &heap, size_t i, Node node, Less less, Moved moved)
{
    const size_t n = heap.size();
    for (;;) {
        const size_t first = kArity * i + 1;
        if (first >= n)
            break;
        const size_t end = std::min(first + kArity, n);
        size_t best = first;
        for (size_t c = first + 1; c < end; ++c) {
            if (less(heap[c], heap[best]))
                best = c;
        }
        if (!less(heap[best], node))
            break;
        heap[i] = heap[best];
        moved(heap[i], i);
        i = best;
    }
    heap[i] = node;
    moved(node, i);
}

} // namespace

SlaSchedule::Due SlaSchedule::toDue(const Node &n)
{
    return Due { qint64(n.key >> 2), SlaEvent(n.key & 3), n.at };
}

// Fibonacci hashing spreads consecutive ids (what a database hands out) over the table; the
// top 32 bits are then scaled to the capacity, which need not be a power of two, so a
// reserve() or build() can size the table to the ticket count instead of the next power.
size_t SlaSchedule::home(qint64 ticketId) const
{
    const quint64 h = (quint64(ticketId) * 0x9e3779b97f4a7c15ull) >> 32;
    return size_t((h * quint64(m_slots.size())) >> 32);
}

size_t SlaSchedule::find(qint64 ticketId) const
{
    const size_t cap = m_slots.size();
    if (cap == 0)
        return 0;
    size_t i = home(ticketId);
    for (;;) {
        const qint64 id = m_slots[i].ticketId;
        if (id == ticketId)
            return i;
        if (id == 0)
            return cap;
        i = (i + 1 == cap) ? 0 : i + 1;
    }
}

size_t SlaSchedule::findOrInsert(qint64 ticketId)
{
    const size_t found = find(ticketId);
    if (found < m_slots.size())
        return found;
    if ((m_ticketCount + 1) * 4 > qsizetype(m_slots.size()) * 3)
        rehash(std::max<size_t>(16, m_slots.size() * 2));
    const size_t cap = m_slots.size();
    size_t i = home(ticketId);
    while (m_slots[i].ticketId != 0)
        i = (i + 1 == cap) ? 0 : i + 1;
    m_slots[i].ticketId = ticketId;
    ++m_ticketCount;
    return i;
}

// Backward-shift deletion: later members of the probe run move up into the hole when their
// home allows it, so lookups never need tombstones and the table never degrades.
void SlaSchedule::eraseSlot(size_t i)
{
    const size_t cap = m_slots.size();
    size_t j = i;
    for (;;) {
        j = (j + 1 == cap) ? 0 : j + 1;
        const qint64 id = m_slots[j].ticketId;
        if (id == 0)
            break;
        const size_t h = home(id);
        const bool staysBehind = (i <= j) ? (i < h && h <= j) : (i < h || h <= j);
        if (!staysBehind) {
            m_slots[i] = m_slots[j];
            i = j;
        }
    }
    m_slots[i] = Slot { 0, { kNoPos, kNoPos, kNoPos, kNoPos } };
    --m_ticketCount;
}

void SlaSchedule::rehash(size_t capacity)
{
    Q_ASSERT(capacity < (size_t(1) << 32) && qsizetype(capacity) > m_ticketCount);
    std::vector<Slot> old(capacity, Slot { 0, { kNoPos, kNoPos, kNoPos, kNoPos } });
    old.swap(m_slots);
    for (const Slot &s : old) {
        if (s.ticketId == 0)
            continue;
        size_t i = home(s.ticketId);
        while (m_slots[i].ticketId != 0)
            i = (i + 1 == capacity) ? 0 : i + 1;
        m_slots[i] = s;
    }
}

// Two thirds full: room for some growth before the table doubles.
size_t SlaSchedule::capacityFor(qsizetype tickets)
{
    return size_t(tickets) * 3 / 2 + 8;
}

// build() knows which slots it touches next. A million tickets' slots do not fit in a cache,
// and they are visited in an order unrelated to where they live, so asking for them a few
// steps ahead hides most of the wait.
void SlaSchedule::prefetchSlot(qint64 ticketId) const
{
#if defined(__GNUC__)
    __builtin_prefetch(m_slots.data() + home(ticketId), 1);
#else
    Q_UNUSED(ticketId);
#endif
}

quint32 &SlaSchedule::posOf(quint64 key)
{
    const size_t i = find(qint64(key >> 2));
    Q_ASSERT(i < m_slots.size());
    return m_slots[i].pos[key & 3];
}

void SlaSchedule::siftUp(size_t i, Node node, quint32 &nodePos)
{
    while (i > 0) {
        const size_t parent = (i - 1) / kArity;
        if (!less(node, m_heap[parent]))
            break;
        m_heap[i] = m_heap[parent];
        posOf(m_heap[i].key) = quint32(i);
        i = parent;
    }
    m_heap[i] = node;
    nodePos = quint32(i);
}

void SlaSchedule::siftDown(size_t i, Node node, quint32 &nodePos)
{
    // The node itself is written last, through nodePos, which the caller has already found:
    // one hash lookup saved per move.
    const quint64 key = node.key;
    siftDownFrom(m_heap, i, node, &SlaSchedule::less, [&](const Node &moved, size_t at) {
        if (moved.key == key)
            nodePos = quint32(at);
        else
            posOf(moved.key) = quint32(at);
    });
}

void SlaSchedule::removeAt(size_t i)
{
    const Node last = m_heap.back();
    m_heap.pop_back();
    if (i == m_heap.size())
        return;
    quint32 &lastPos = posOf(last.key);
    if (i > 0 && less(last, m_heap[(i - 1) / kArity]))
        siftUp(i, last, lastPos);
    else
        siftDown(i, last, lastPos);
}

void SlaSchedule::unschedule(size_t slot, int event)
{
    Slot &s = m_slots[slot];
    const quint32 pos = s.pos[event];
    s.pos[event] = kNoPos;
    removeAt(pos);
    if (std::all_of(std::begin(s.pos), std::end(s.pos), [](quint32 p) { return p == kNoPos; }))
        eraseSlot(slot);
}

void SlaSchedule::set(qint64 ticketId, SlaEvent event, qint64 atMs)
{
    const int e = int(event);
    if (ticketId < 1 || ticketId > kMaxTicketId || e < 0 || e >= kEventCount) {
        Q_ASSERT_X(false, "SlaSchedule::set", "ticket id or event out of range");
        return;
    }
    if (atMs <= 0) {
        const size_t s = find(ticketId);
        if (s < m_slots.size() && m_slots[s].pos[e] != kNoPos)
            unschedule(s, e);
        return;
    }
    const size_t s = findOrInsert(ticketId);
    quint32 &pos = m_slots[s].pos[e];
    const Node node { atMs, (quint64(ticketId) << 2) | quint64(e) };
    if (pos == kNoPos) {
        Q_ASSERT(m_heap.size() < kNoPos);
        m_heap.push_back(node);
        siftUp(m_heap.size() - 1, node, pos);
        return;
    }
    const qint64 old = m_heap[pos].at;
    if (atMs < old)
        siftUp(pos, node, pos);
    else if (atMs > old)
        siftDown(pos, node, pos);
}

void SlaSchedule::clear(qint64 ticketId)
{
    const size_t s = find(ticketId);
    if (s >= m_slots.size())
        return;
    Slot &slot = m_slots[s];
    // Removing one event may move another of this ticket's nodes, so each position is read
    // only when its turn comes.
    for (quint32 &pos : slot.pos) {
        if (pos == kNoPos)
            continue;
        const quint32 at = pos;
        pos = kNoPos;
        removeAt(at);
    }
    eraseSlot(s);
}

void SlaSchedule::clearAll()
{
    std::vector<Node>().swap(m_heap);
    std::vector<Slot>().swap(m_slots);
    m_ticketCount = 0;
}

qint64 SlaSchedule::dueAt(qint64 ticketId, SlaEvent event) const
{
    const int e = int(event);
    if (e < 0 || e >= kEventCount)
        return 0;
    const size_t s = find(ticketId);
    if (s >= m_slots.size() || m_slots[s].pos[e] == kNoPos)
        return 0;
    return m_heap[m_slots[s].pos[e]].at;
}

std::optional<SlaSchedule::Due> SlaSchedule::next() const
{
    if (m_heap.empty())
        return std::nullopt;
    return toDue(m_heap.front());
}

QList<SlaSchedule::Due> SlaSchedule::takeDue(qint64 nowMs)
{
    QList<Due> due;
    while (!m_heap.empty() && m_heap.front().at <= nowMs) {
        const Node root = m_heap.front();
        due.append(toDue(root));
        unschedule(find(qint64(root.key >> 2)), int(root.key & 3));
    }
    return due;
}

void SlaSchedule::build(const std::vector<Entry> &entries)
{
    clearAll();
    // A restart reads tickets in id order, so counting runs of one id counts the tickets; in
    // any order it is at least their number, so the table never grows during the fill.
    qsizetype runs = 0;
    qint64 previous = 0;
    for (const Entry &entry : entries) {
        if (entry.ticketId != previous) {
            ++runs;
            previous = entry.ticketId;
        }
    }
    if (runs > 0)
        rehash(capacityFor(runs));
    m_heap.reserve(entries.size() + entries.size() / 8);

    // Fill: an unordered array whose positions are exact, so duplicates and cancellations
    // apply as set() would apply them.
    for (size_t k = 0; k < entries.size(); ++k) {
        if (k + kPrefetchAhead < entries.size())
            prefetchSlot(entries[k + kPrefetchAhead].ticketId);
        const Entry &entry = entries[k];
        const int e = int(entry.event);
        if (entry.ticketId < 1 || entry.ticketId > kMaxTicketId || e < 0 || e >= kEventCount) {
            Q_ASSERT_X(false, "SlaSchedule::build", "ticket id or event out of range");
            continue;
        }
        if (entry.at <= 0) {
            const size_t s = find(entry.ticketId);
            if (s >= m_slots.size() || m_slots[s].pos[e] == kNoPos)
                continue;
            Slot &slot = m_slots[s];
            const quint32 pos = slot.pos[e];
            slot.pos[e] = kNoPos;
            const Node last = m_heap.back();
            m_heap.pop_back();
            if (pos < m_heap.size()) {
                m_heap[pos] = last;
                posOf(last.key) = pos;
            }
            if (std::all_of(std::begin(slot.pos), std::end(slot.pos),
                    [](quint32 p) { return p == kNoPos; }))
                eraseSlot(s);
            continue;
        }
        const size_t s = findOrInsert(entry.ticketId);
        quint32 &pos = m_slots[s].pos[e];
        if (pos == kNoPos) {
            Q_ASSERT(m_heap.size() < kNoPos);
            pos = quint32(m_heap.size());
            m_heap.push_back(Node { entry.at, (quint64(entry.ticketId) << 2) | quint64(e) });
        } else {
            m_heap[pos].at = entry.at;
        }
    }

    // Floyd's heapify, then every position in one pass.
    const size_t n = m_heap.size();
    if (n > 1) {
        for (size_t i = (n - 2) / kArity + 1; i-- > 0;)
            siftDownFrom(m_heap, i, m_heap[i], &SlaSchedule::less, [](const Node &, size_t) {});
    }
    for (size_t i = 0; i < n; ++i) {
        if (i + kPrefetchAhead < n)
            prefetchSlot(qint64(m_heap[i + kPrefetchAhead].key >> 2));
        posOf(m_heap[i].key) = quint32(i);
    }
}

qsizetype SlaSchedule::memoryBytes() const
{
    return qsizetype(
        sizeof(*this) + m_heap.capacity() * sizeof(Node) + m_slots.capacity() * sizeof(Slot));
}

void SlaSchedule::reserve(qsizetype tickets, int eventsPerTicket)
{
    if (tickets <= 0)
        return;
    m_heap.reserve(size_t(tickets) * size_t(std::clamp(eventsPerTicket, 1, kEventCount)));
    const size_t capacity = capacityFor(tickets);
    if (capacity > m_slots.size())
        rehash(capacity);
}

bool SlaSchedule::isConsistent() const
{
    qsizetype tickets = 0;
    size_t positions = 0;
    for (size_t i = 0; i < m_slots.size(); ++i) {
        const Slot &slot = m_slots[i];
        if (slot.ticketId == 0)
            continue;
        ++tickets;
        if (find(slot.ticketId) != i)
            return false; // unreachable from its home
        bool any = false;
        for (int e = 0; e < kEventCount; ++e) {
            const quint32 pos = slot.pos[e];
            if (pos == kNoPos)
                continue;
            any = true;
            ++positions;
            if (pos >= m_heap.size()
                || m_heap[pos].key != ((quint64(slot.ticketId) << 2) | quint64(e)))
                return false;
        }
        if (!any)
            return false;
    }
    if (tickets != m_ticketCount || positions != m_heap.size())
        return false;
    for (size_t i = 0; i < m_heap.size(); ++i) {
        if (m_heap[i].at <= 0 || (i > 0 && less(m_heap[i], m_heap[(i - 1) / kArity])))
            return false;
    }
    return true;
}

} // namespace Atiende::Server
