#pragma once
// The SLA engine's agenda: for every open ticket, up to four instants at which something
// must happen (a warning or a breach, for first response and for resolution), kept so that
// the earliest is always at hand. The engine sleeps until next() instead of scanning tickets.
// Plain data, no clock and no timer: SlaTimer drives it.
//
// Design, for 1,000,000 open tickets (docs: "under 200 MB, rebuilt in under 3 s, an update in
// under 10 microseconds"):
// - An indexed 4-ary min-heap of 16-byte nodes (due time; ticket id and event packed into one
//   key). Each scheduled event knows its heap position, so moving one is a sift up or down and
//   cancelling one a swap with the last node: O(log n), nothing left behind. Lazy deletion
//   (push the new time, skip stale nodes later) was rejected: every recomputation of a ticket
//   would leave garbage until a compaction, so memory would follow the update rate instead of
//   the ticket count, and compaction is an O(n) pause in the one thread that fires breaches.
//   Four children instead of two halve the depth, hence the position updates per move, and
//   the four children (64 bytes) usually share one or two cache lines.
// - Comparing (due time, key) orders ties by ticket id, then event, with no extra lookup, so
//   what next() and takeDue() return never depends on the order of inserts.
// - The positions live in an open-addressing hash table keyed by ticket id (linear probing,
//   24 bytes a ticket, kept at most 3/4 full, deletion by backward shift so no tombstones).
//   A vector indexed by ticket id was measured against it with ids 1..1,000,000: 50 MB
//   instead of 69, build() in 60 ms instead of 110, a move in 150 ns instead of 200. It was
//   rejected because its size follows the largest id ever handed out, not the open tickets:
//   a desk with 50 million tickets in its history and 1 million open would pay 800 MB, and
//   one stray id would try to allocate it all. The hash table costs the same for any ids.
// - build() fills the arrays and heapifies (Floyd, O(n)), then records every position in one
//   pass, prefetching the slots it is about to touch.
// - Nothing shrinks when tickets close (a closing spree would otherwise rehash); build() at
//   the next restart sizes everything to fit, and memoryBytes() always says what is held.
//
// Ticket ids must be in [1, 2^61): they share the key with the event. Due times are ms since
// the epoch; a time <= 0 means "not scheduled".

#include <QList>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace Atiende::Server {

// Values are part of the ordering of ties (a warning before its breach) and fit in two bits.
enum class SlaEvent : quint8 {
    FirstResponseWarning = 0,
    FirstResponseBreach = 1,
    ResolutionWarning = 2,
    ResolutionBreach = 3,
};

class SlaSchedule
{
public:
    static constexpr int kEventCount = 4;
    static constexpr qint64 kMaxTicketId = (qint64(1) << 61) - 1;

    // One scheduled event: what next() and takeDue() report, and what build() takes.
    struct Due
    {
        qint64 ticketId = 0;
        SlaEvent event = SlaEvent::FirstResponseWarning;
        qint64 at = 0;
        friend bool operator==(const Due &a, const Due &b)
        {
            return a.ticketId == b.ticketId && a.event == b.event && a.at == b.at;
        }
        friend bool operator!=(const Due &a, const Due &b) { return !(a == b); }
    };
    using Entry = Due;

    // Schedules the event at atMs, or moves it there if it was already scheduled; atMs <= 0
    // cancels it. An id outside [1, kMaxTicketId] is a caller's bug: asserted, then ignored.
    void set(qint64 ticketId, SlaEvent event, qint64 atMs);
    void cancel(qint64 ticketId, SlaEvent event) { set(ticketId, event, 0); }
    // Cancels all of the ticket's events: it was resolved, closed or paused.
    void clear(qint64 ticketId);
    void clearAll();

    // When the event is scheduled, 0 if it is not.
    qint64 dueAt(qint64 ticketId, SlaEvent event) const;
    // The earliest event; ties by ticket id, then event.
    std::optional<Due> next() const;
    // Removes and returns every event due at or before nowMs, in next()'s order.
    QList<Due> takeDue(qint64 nowMs);

    // Replaces the whole schedule in O(n), for the restart path. The result is the same as
    // clearAll() followed by set() for each entry in order (a later entry for the same ticket
    // and event wins; at <= 0 cancels an earlier one). Sized to fit, with a little room to grow.
    void build(const std::vector<Entry> &entries);

    qsizetype size() const { return qsizetype(m_heap.size()); } // scheduled events
    bool isEmpty() const { return m_heap.empty(); }
    qsizetype ticketCount() const { return m_ticketCount; } // tickets with at least one event
    // Bytes held in this object and its two arrays (their capacities, not their sizes).
    qsizetype memoryBytes() const;
    // Room for this many tickets without rehashing, and their events without reallocating.
    void reserve(qsizetype tickets, int eventsPerTicket = 2);

    // Every invariant, in O(n): heap order, each node's recorded position, one slot for each
    // ticket with events and none for a ticket without. For tests.
    bool isConsistent() const;

private:
    static constexpr quint32 kNoPos = 0xffffffffu;

    struct Node
    {
        qint64 at;
        quint64 key; // ticketId << 2 | event
    };
    struct Slot
    {
        qint64 ticketId; // 0: empty
        quint32 pos[kEventCount];
    };
    static_assert(sizeof(Node) == 16 && sizeof(Slot) == 24);

    static bool less(const Node &a, const Node &b)
    {
        return a.at < b.at || (a.at == b.at && a.key < b.key);
    }
    static Due toDue(const Node &n);

    // Hash table of slots.
    size_t home(qint64 ticketId) const;
    size_t find(qint64 ticketId) const; // slotCount() when absent
    size_t findOrInsert(qint64 ticketId);
    void eraseSlot(size_t i);
    void rehash(size_t capacity);
    size_t slotCount() const { return m_slots.size(); }
    static size_t capacityFor(qsizetype tickets);
    quint32 &posOf(quint64 key);
    void prefetchSlot(qint64 ticketId) const;

    // Heap.
    void siftUp(size_t i, Node node, quint32 &nodePos);
    void siftDown(size_t i, Node node, quint32 &nodePos);
    void removeAt(size_t i); // the caller has already forgotten that node's position
    void unschedule(size_t slot, int event);

    std::vector<Node> m_heap;
    std::vector<Slot> m_slots;
    qsizetype m_ticketCount = 0;
};

} // namespace Atiende::Server
