// The queue's index alone, without a workspace or a model: the filter (accents and case
// folded, narrowing while typing, widening on backspace), every sort both ways with ties, the
// views (open only, statuses, priorities, SLA at risk at an injected time), and live changes
// reporting exactly where a row was and where it goes. Every expectation is worked out here
// by brute force from the rows given.

#include "models/queue/queueindex.h"

#include "core/domain/ticketlifecycle.h"
#include "core/text/fold.h"

#include <QRandomGenerator>
#include <QtTest>

#include <algorithm>
#include <limits>

using namespace Atiende;
using Client::QueueRow;
using Core::Priority;
using Core::TicketStatus;
using Models::QueueDirectory;
using Models::QueueIndex;
using Models::QueueView;
using SlaState = Core::SlaTimeline::State;

namespace {

constexpr qint64 kNow = 1'800'000'000'000; // an instant in 2027
constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;

QueueDirectory directory()
{
    QueueDirectory d;
    d.me = 1;
    d.myGroups = { 1, 2 };
    d.agents = { { 1, QStringLiteral("Íñigo Ruiz") }, { 2, QStringLiteral("ana López") },
        { 3, QStringLiteral("Bea Soler") } };
    d.groups = { { 1, QStringLiteral("Service Desk") }, { 2, QStringLiteral("Network") },
        { 3, QStringLiteral("Aplicaciones") } };
    d.customers = { { 1, QStringLiteral("José Muñoz") }, { 2, QStringLiteral("Ángel Díaz") },
        { 3, QStringLiteral("carmen Peña") }, { 4, QStringLiteral("Óscar Álvarez") } };
    d.organisations
        = { { 1, QStringLiteral("Clínica Málaga") }, { 2, QStringLiteral("Hotel León") } };
    return d;
}

QueueRow row(qint64 id, const QString &subject, qint64 updatedAt = kNow - kHour)
{
    QueueRow r;
    r.id = id;
    r.number = QStringLiteral("%1-%2")
                   .arg(id % 3 == 0 ? QStringLiteral("REQ") : QStringLiteral("INC"))
                   .arg(id, 6, 10, QLatin1Char('0'));
    r.type = id % 3 == 0 ? Core::TicketType::ServiceRequest : Core::TicketType::Incident;
    r.subject = subject;
    r.updatedAt = updatedAt;
    r.createdAt = updatedAt - kHour;
    return r;
}

// A desk of `count` rows with every status, priority, SLA state, customer and organisation
// (and some without), subjects with accents and deliberate ties in every key.
QList<QueueRow> desk(int count, quint32 seed = 11)
{
    static const QString subjects[]
        = { QStringLiteral("Contraseña caducada"), QStringLiteral("VPN se desconecta"),
              QStringLiteral("La impresora no imprime"), QStringLiteral("Outlook does not sync"),
              QStringLiteral("Configuración del correo"), QStringLiteral("IMPRESORA atascada"),
              QStringLiteral("contrasena del ERP"), QStringLiteral("Pantalla parpadea") };
    QRandomGenerator rng(seed);
    QList<QueueRow> rows;
    for (int i = 1; i <= count; ++i) {
        // Few distinct instants, so many rows tie on every key but the id.
        QueueRow r = row(i, subjects[rng.bounded(8)], kNow - qint64(rng.bounded(6)) * kHour);
        r.status = TicketStatus(rng.bounded(7));
        r.priority = Priority(rng.bounded(4));
        r.groupId = rng.bounded(4); // 0: none
        r.assigneeId = rng.bounded(5); // 0: unassigned, 4: not in the directory
        r.customerId = rng.bounded(6); // 0: none, 5: not in the directory
        r.organisationId = rng.bounded(3);
        switch (rng.bounded(6)) {
        case 0:
            break; // no SLA
        case 1:
            r.slaState = SlaState::Paused;
            break;
        case 2:
            r.slaState = SlaState::Breached;
            r.slaDueAt = kNow - kHour;
            break;
        default:
            r.slaState = rng.bounded(2) ? SlaState::Running : SlaState::Warning;
            r.slaDueAt = kNow + qint64(rng.bounded(4)) * kHour;
            r.slaWarnAt = r.slaDueAt - 2 * kHour;
            break;
        }
        rows << r;
    }
    return rows;
}

QList<qint64> shownIds(const QueueIndex &index)
{
    QList<qint64> ids;
    for (int r = 0; r < index.shownCount(); ++r)
        ids << index.ticketIdAt(r);
    return ids;
}

// Shows `next` the way a model does: its steps in place (each checked against the rows
// shown), or at once. Returns the steps.
QueueIndex::Steps showAll(QueueIndex &index, QueueIndex::Shown next)
{
    const QueueIndex::Steps steps = index.steps(next);
    if (steps.inPlace) {
        for (auto it = steps.removed.rbegin(); it != steps.removed.rend(); ++it) {
            const int before = index.shownCount();
            index.removeShown(*it);
            if (index.shownCount() != before - (it->last - it->first + 1))
                qFatal("a removal step removed the wrong number of rows");
        }
        for (const QueueIndex::RowRange &r : steps.inserted)
            index.insertShown(r, next);
        const QList<qint64> stepped = shownIds(index);
        index.show(std::move(next));
        if (stepped != shownIds(index))
            qFatal("the steps in place did not lead to the rows shown");
    } else {
        index.show(std::move(next));
    }
    return steps;
}

QString foldedText(const QueueRow &r, const QueueDirectory &d)
{
    return Core::Text::fold(r.number + QLatin1Char(' ') + r.subject + QLatin1Char(' ')
        + d.customers.value(r.customerId) + QLatin1Char(' ')
        + d.organisations.value(r.organisationId));
}

bool matchesText(const QueueRow &r, const QueueDirectory &d, const QString &text)
{
    const QString hay = foldedText(r, d);
    const QStringList words = Core::Text::fold(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return std::all_of(
        words.begin(), words.end(), [&](const QString &w) { return hay.contains(w); });
}

// The order the agent expects from each column, by brute force: names by their folded text
// (a row without one last, an unknown one just before), the lifecycle's and P1..P4's order,
// SLA due soonest first (none last); ties newest first, then the higher id.
int compareKey(
    QueueIndex::SortKey key, const QueueRow &a, const QueueRow &b, const QueueDirectory &d)
{
    auto byName = [](const QHash<qint64, QString> &names, qint64 x, qint64 y) {
        auto rank = [&](qint64 id) { return id == 0 ? 2 : (names.contains(id) ? 0 : 1); };
        if (rank(x) != rank(y))
            return rank(x) < rank(y) ? -1 : 1;
        if (rank(x) != 0)
            return 0;
        return Core::Text::fold(names.value(x)).compare(Core::Text::fold(names.value(y)));
    };
    auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    switch (key) {
    case QueueIndex::SortKey::Number: {
        const int c = cmp(a.number.left(3), b.number.left(3));
        return c ? c : cmp(a.number.mid(4).toLongLong(), b.number.mid(4).toLongLong());
    }
    case QueueIndex::SortKey::Priority:
        return cmp(int(a.priority), int(b.priority));
    case QueueIndex::SortKey::Status:
        return cmp(int(a.status), int(b.status));
    case QueueIndex::SortKey::Subject:
        return Core::Text::fold(a.subject).compare(Core::Text::fold(b.subject));
    case QueueIndex::SortKey::Customer:
        return byName(d.customers, a.customerId, b.customerId);
    case QueueIndex::SortKey::Group:
        return byName(d.groups, a.groupId, b.groupId);
    case QueueIndex::SortKey::Assignee:
        return byName(d.agents, a.assigneeId, b.assigneeId);
    case QueueIndex::SortKey::SlaDue:
        return cmp(a.slaDueAt > 0 ? a.slaDueAt : std::numeric_limits<qint64>::max(),
            b.slaDueAt > 0 ? b.slaDueAt : std::numeric_limits<qint64>::max());
    case QueueIndex::SortKey::Updated:
        return cmp(a.updatedAt, b.updatedAt);
    }
    return 0;
}

QList<qint64> expectedOrder(
    QList<QueueRow> rows, QueueIndex::SortKey key, Qt::SortOrder order, const QueueDirectory &d)
{
    std::sort(rows.begin(), rows.end(), [&](const QueueRow &a, const QueueRow &b) {
        const int c = compareKey(key, a, b, d);
        if (c != 0)
            return order == Qt::AscendingOrder ? c < 0 : c > 0;
        if (a.updatedAt != b.updatedAt)
            return a.updatedAt > b.updatedAt;
        return a.id > b.id;
    });
    QList<qint64> ids;
    for (const QueueRow &r : rows)
        ids << r.id;
    return ids;
}

bool passesView(const QueueRow &r, const QueueView &v, const QueueDirectory &d, qint64 now)
{
    if (v.isSearch() && !v.ticketIds.contains(r.id))
        return false;
    if (v.openOnly && !Core::TicketLifecycle::isOpen(r.status))
        return false;
    if (!v.statuses.isEmpty() && !v.statuses.contains(r.status))
        return false;
    if (!v.priorities.isEmpty() && !v.priorities.contains(r.priority))
        return false;
    if (v.assignee == QueueView::Assignee::Me && (r.assigneeId != d.me || d.me == 0))
        return false;
    if (v.assignee == QueueView::Assignee::Unassigned && r.assigneeId != 0)
        return false;
    if (v.assignee == QueueView::Assignee::Someone && r.assigneeId == 0)
        return false;
    if (v.myGroupsOnly && !d.myGroups.contains(r.groupId))
        return false;
    if (!v.groupIds.isEmpty() && !v.groupIds.contains(r.groupId))
        return false;
    if (v.atRisk
        && !(r.slaState == SlaState::Warning || r.slaState == SlaState::Breached
            || (r.slaWarnAt > 0 && now >= r.slaWarnAt) || (r.slaDueAt > 0 && now >= r.slaDueAt)))
        return false;
    if (v.updatedWithinMs > 0 && r.updatedAt < now - v.updatedWithinMs)
        return false;
    return matchesText(r, d, v.text);
}

// What the index must show: the rows passing the view and the typed text, in the sort's order.
QList<qint64> expected(const QList<QueueRow> &rows, const QueueIndex &index, qint64 now)
{
    QList<QueueRow> pass;
    for (const QueueRow &r : rows) {
        if (passesView(r, index.view(), index.directory(), now)
            && matchesText(r, index.directory(), index.filterText()))
            pass << r;
    }
    return expectedOrder(pass, index.sortKey(), index.sortOrder(), index.directory());
}

QueueView everything()
{
    QueueView v;
    v.id = QStringLiteral("custom-1");
    return v;
}

} // namespace

class QueueIndexTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void wordsMatchIgnoringAccentsAndCase();
    void typingNarrowsAndBackspaceWidensInRowRanges();
    void anEditedFilterForgetsWhatNoLongerLeadsToIt();
    void manyScatteredChangesBecomeANewLayout();
    void everyColumnSortsBothWaysWithTiesBrokenTheSameWay();
    void subjectsSortTheSameRankedOrNot();
    void aLiveChangeThatMovesARowSaysWhereFromAndWhereTo();
    void aLiveChangeInPlaceOrOutOfTheFilter();
    void aNewRowIsPlacedAndARemovedRowLeaves();
    void viewsFilterOpenStatusPriorityAndAssignee();
    void atRiskFollowsTheClockGiven();
    void newNamesReorderAsANewLayout();
    void aBatchOfChangesIsANewLayout();
    void aDayOfChangesKeepsEveryRowsTextRight();
    void randomChangesKeepTheRowsShownExact();

private:
    QueueIndex m_index;
    QList<QueueRow> m_rows;
    void load(const QList<QueueRow> &rows)
    {
        m_rows = rows;
        m_index.load(rows, directory(), kNow);
    }
    void replace(const QueueRow &changed)
    {
        for (QueueRow &r : m_rows) {
            if (r.id == changed.id)
                r = changed;
        }
    }
};

void QueueIndexTest::init()
{
    // A fresh index for each test: everything shown, newest first.
    m_index.show(m_index.setView(everything(), kNow));
    m_index.show(m_index.setFilterText(QString()));
    m_index.sort(QueueIndex::SortKey::Updated, Qt::DescendingOrder);
    load(desk(400));
}

void QueueIndexTest::wordsMatchIgnoringAccentsAndCase()
{
    QCOMPARE(m_index.shownCount(), 400);
    QCOMPARE(m_index.totalTickets(), 400);
    const QStringList typed { QStringLiteral("CONTRASENA"), QStringLiteral("contraseña"),
        QStringLiteral("munoz"), QStringLiteral("MUÑOZ contraseña"),
        QStringLiteral("  clinica   malaga  "), QStringLiteral("inc-0001"),
        QStringLiteral("REQ-000003"), QStringLiteral("angel impresora"), QStringLiteral("leon"),
        QStringLiteral("nothing like this"), QStringLiteral("a") };
    for (const QString &text : typed) {
        showAll(m_index, m_index.setFilterText(text));
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    }
    // The checks above found something for most texts.
    showAll(m_index, m_index.setFilterText(QStringLiteral("MUÑOZ contraseña")));
    QVERIFY(m_index.shownCount() > 0 && m_index.shownCount() < 400);
    for (int r = 0; r < m_index.shownCount(); ++r) {
        const QueueRow &row = m_index.shownRow(r);
        QVERIFY(Core::Text::fold(row.subject).contains(QStringLiteral("contrasena")));
        QVERIFY(row.customerId == 1);
    }
    // The saved text of a view and the typed text both apply.
    QueueView view = everything();
    view.text = QStringLiteral("impresora");
    showAll(m_index, m_index.setView(view, kNow));
    showAll(m_index, m_index.setFilterText(QStringLiteral("Peña")));
    QVERIFY(m_index.shownCount() > 0);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
}

void QueueIndexTest::typingNarrowsAndBackspaceWidensInRowRanges()
{
    const QString word = QStringLiteral("impresora");
    QList<int> counts { m_index.shownCount() };
    for (int i = 1; i <= word.size(); ++i) {
        const QList<qint64> before = shownIds(m_index);
        const QueueIndex::Steps steps = showAll(m_index, m_index.setFilterText(word.left(i)));
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
        // Narrowing only removes: the ranges say exactly which rows went.
        QVERIFY(steps.inPlace || m_index.shownCount() < before.size() - 32);
        QVERIFY(steps.inserted.empty());
        if (steps.inPlace) {
            QList<qint64> left = before;
            for (auto it = steps.removed.rbegin(); it != steps.removed.rend(); ++it)
                left.erase(left.begin() + it->first, left.begin() + it->last + 1);
            QCOMPARE(left, shownIds(m_index));
        }
        counts << m_index.shownCount();
    }
    QVERIFY(counts.last() > 0);
    QVERIFY(counts.last() < counts.first());
    // Backspace, back to nothing: only insertions, through the same counts.
    for (int i = word.size() - 1; i >= 0; --i) {
        const QueueIndex::Steps steps = showAll(m_index, m_index.setFilterText(word.left(i)));
        QVERIFY(steps.removed.empty());
        QCOMPARE(m_index.shownCount(), counts.at(i));
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    }
    QCOMPARE(m_index.shownCount(), 400);
}

void QueueIndexTest::anEditedFilterForgetsWhatNoLongerLeadsToIt()
{
    // "imp" then "impr", back to "imp", then "impa": results remembered for "impr" must not
    // answer for "impa".
    for (const QString &text : { QStringLiteral("i"), QStringLiteral("im"), QStringLiteral("imp"),
             QStringLiteral("impr"), QStringLiteral("imp"), QStringLiteral("impa"),
             QStringLiteral("imp"), QStringLiteral("c"), QStringLiteral("co"),
             QStringLiteral("con"), QStringLiteral(""), QStringLiteral("con") }) {
        showAll(m_index, m_index.setFilterText(text));
        QCOMPARE(m_index.filterText(), text);
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    }
    // A live change in between: remembered results are not reused for the changed rows.
    showAll(m_index, m_index.setFilterText(QStringLiteral("vpn")));
    QueueRow changed = m_rows.first();
    changed.subject = QStringLiteral("VPN caída");
    m_rows.first() = changed;
    m_index.place(m_index.upsert(changed, kNow));
    showAll(m_index, m_index.setFilterText(QStringLiteral("vp")));
    showAll(m_index, m_index.setFilterText(QStringLiteral("vpn")));
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    QVERIFY(shownIds(m_index).contains(changed.id));
}

void QueueIndexTest::manyScatteredChangesBecomeANewLayout()
{
    // From everything to one word: far more than a few ranges go, so the change is one new
    // layout (a model moves the selection along instead of announcing hundreds of ranges).
    const QueueIndex::Steps steps
        = showAll(m_index, m_index.setFilterText(QStringLiteral("contrasena")));
    QVERIFY(!steps.inPlace);
    QVERIFY(steps.removed.empty() && steps.inserted.empty());
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    // The same rows again change nothing.
    const QueueIndex::Steps none = showAll(m_index, m_index.reapplyView(kNow));
    QVERIFY(none.inPlace && none.removed.empty() && none.inserted.empty());
}

void QueueIndexTest::everyColumnSortsBothWaysWithTiesBrokenTheSameWay()
{
    showAll(m_index, m_index.setFilterText(QStringLiteral("a")));
    for (int k = 0; k <= int(QueueIndex::SortKey::Updated); ++k) {
        const auto key = QueueIndex::SortKey(k);
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            m_index.sort(key, order);
            QCOMPARE(m_index.sortKey(), key);
            QCOMPARE(m_index.sortOrder(), order);
            const QList<qint64> want = expected(m_rows, m_index, kNow);
            QCOMPARE(shownIds(m_index), want);
            // Every row is found where it is shown.
            for (int r = 0; r < m_index.shownCount(); ++r)
                QCOMPARE(m_index.rowOfTicket(m_index.ticketIdAt(r)), r);
            // Filtering keeps the order (nothing is sorted again).
            showAll(m_index, m_index.setFilterText(QStringLiteral("a i")));
            QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
            showAll(m_index, m_index.setFilterText(QStringLiteral("a")));
            QCOMPARE(shownIds(m_index), want);
        }
    }
}

void QueueIndexTest::subjectsSortTheSameRankedOrNot()
{
    m_index.sort(QueueIndex::SortKey::Subject, Qt::AscendingOrder);
    QVERIFY(m_index.subjectsRanked()); // sorting by subject ranks them
    const QList<qint64> ranked = shownIds(m_index);
    QCOMPARE(ranked, expected(m_rows, m_index, kNow));
    // A changed subject unranks them; the order is the same by the text.
    QueueRow changed = m_rows.at(10);
    changed.subject = QStringLiteral("Árbol de directorios");
    m_rows[10] = changed;
    const QueueIndex::Placement p = m_index.upsert(changed, kNow);
    QVERIFY(!m_index.subjectsRanked());
    m_index.place(p);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    m_index.sort(QueueIndex::SortKey::Subject, Qt::DescendingOrder);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    m_index.rankSubjects();
    m_index.sort(QueueIndex::SortKey::Subject, Qt::DescendingOrder);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    // A change that keeps the subject keeps the ranks.
    changed.priority = Priority::P1;
    m_index.place(m_index.upsert(changed, kNow));
    QVERIFY(m_index.subjectsRanked());
}

void QueueIndexTest::aLiveChangeThatMovesARowSaysWhereFromAndWhereTo()
{
    // Newest first: a row far down updated now goes to the top.
    const int from = m_index.shownCount() - 3;
    QueueRow changed = m_index.shownRow(from);
    const qint64 neighbour = m_index.ticketIdAt(from + 1);
    changed.updatedAt = kNow + kMinute;
    const QueueIndex::Placement up = m_index.upsert(changed, kNow);
    QCOMPARE(up.ticketId, changed.id);
    QCOMPARE(up.from, from);
    QCOMPARE(up.to, 0);
    // Until placed, the rows shown are the ones before.
    QCOMPARE(m_index.ticketIdAt(from), changed.id);
    QCOMPARE(m_index.ticketIdAt(from + 1), neighbour);
    m_index.place(up);
    QCOMPARE(m_index.ticketIdAt(0), changed.id);
    QCOMPARE(m_index.ticketIdAt(from + 1), neighbour);
    QCOMPARE(m_index.rowOfTicket(changed.id), 0);
    // Back down: numbered as the rows are after the move.
    replace(changed);
    QueueRow older = changed;
    older.updatedAt = kNow - 100 * kHour;
    const QueueIndex::Placement down = m_index.upsert(older, kNow);
    QCOMPARE(down.from, 0);
    QCOMPARE(down.to, m_index.shownCount() - 1);
    m_index.place(down);
    replace(older);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    // Anywhere in between: the row it goes to is where the brute force puts it.
    m_index.sort(QueueIndex::SortKey::Number, Qt::AscendingOrder);
    for (const QString &number : { QStringLiteral("INC-000000"), QStringLiteral("REQ-999999"),
             QStringLiteral("INC-000150"), QStringLiteral("REQ-000151"),
             QStringLiteral("INC-000399"), QStringLiteral("REQ-000002") }) {
        QueueRow moving = m_index.shownRow(123);
        moving.number = number;
        replace(moving);
        const QueueIndex::Placement p = m_index.upsert(moving, kNow);
        QCOMPARE(p.from, 123);
        QCOMPARE(p.to, int(expected(m_rows, m_index, kNow).indexOf(moving.id)));
        m_index.place(p);
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
        QCOMPARE(m_index.rowOfTicket(moving.id), p.to);
    }
}

void QueueIndexTest::aLiveChangeInPlaceOrOutOfTheFilter()
{
    showAll(m_index, m_index.setFilterText(QStringLiteral("vpn")));
    QVERIFY(m_index.shownCount() > 3);
    // A change that moves nothing: from == to.
    QueueRow same = m_index.shownRow(2);
    same.pending = true;
    const QueueIndex::Placement still = m_index.upsert(same, kNow);
    QCOMPARE(still.from, 2);
    QCOMPARE(still.to, 2);
    m_index.place(still);
    QVERIFY(m_index.shownRow(2).pending);
    // A changed subject that no longer matches: it leaves the rows shown.
    QueueRow out = m_index.shownRow(1);
    out.subject = QStringLiteral("Pantalla negra");
    const QueueIndex::Placement left = m_index.upsert(out, kNow);
    QCOMPARE(left.from, 1);
    QCOMPARE(left.to, -1);
    const int count = m_index.shownCount();
    m_index.place(left);
    QCOMPARE(m_index.shownCount(), count - 1);
    QCOMPARE(m_index.rowOfTicket(out.id), -1);
    QVERIFY(m_index.holds(out.id));
    // And back in when it matches again.
    out.subject = QStringLiteral("VPN otra vez");
    const QueueIndex::Placement back = m_index.upsert(out, kNow);
    QCOMPARE(back.from, -1);
    QVERIFY(back.to >= 0);
    m_index.place(back);
    QCOMPARE(m_index.rowOfTicket(out.id), back.to);
    // A change of a row not shown that stays not shown moves nothing.
    QueueRow hidden;
    for (const QueueRow &r : std::as_const(m_rows)) {
        if (!Core::Text::fold(r.subject).contains(QStringLiteral("vpn")) && r.id != out.id)
            hidden = r;
    }
    hidden.updatedAt = kNow;
    const QueueIndex::Placement none = m_index.upsert(hidden, kNow);
    QCOMPARE(none.from, -1);
    QCOMPARE(none.to, -1);
    m_index.place(none);
    QCOMPARE(m_index.shownCount(), count);
}

void QueueIndexTest::aNewRowIsPlacedAndARemovedRowLeaves()
{
    QueueRow fresh = row(5000, QStringLiteral("Nuevo portátil"), kNow);
    const QueueIndex::Placement in = m_index.upsert(fresh, kNow);
    QCOMPARE(in.from, -1);
    QCOMPARE(in.to, 0); // the newest
    m_index.place(in);
    QCOMPARE(m_index.totalTickets(), 401);
    QCOMPARE(m_index.ticketIdAt(0), 5000);
    m_rows << fresh;

    const qint64 gone = m_index.ticketIdAt(17);
    const qint64 next = m_index.ticketIdAt(18);
    const QueueIndex::Placement out = m_index.remove(gone);
    QCOMPARE(out.ticketId, gone);
    QCOMPARE(out.from, 17);
    QCOMPARE(out.to, -1);
    QCOMPARE(m_index.ticketIdAt(17), gone); // still shown until placed
    m_index.place(out);
    QCOMPARE(m_index.ticketIdAt(17), next);
    QCOMPARE(m_index.totalTickets(), 400);
    QVERIFY(!m_index.holds(gone));
    QCOMPARE(m_index.rowOfTicket(gone), -1);
    m_rows.erase(std::remove_if(
                     m_rows.begin(), m_rows.end(), [&](const QueueRow &r) { return r.id == gone; }),
        m_rows.end());
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    // Removing what is not held says so.
    const QueueIndex::Placement nothing = m_index.remove(gone);
    QCOMPARE(nothing.from, -1);
    m_index.place(nothing);
    QCOMPARE(m_index.totalTickets(), 400);
    // The freed place serves the next new row, and the filter finds its text, not the old.
    QueueRow another = row(5001, QStringLiteral("Teclado roto"), kNow - 3 * kHour);
    m_index.place(m_index.upsert(another, kNow));
    m_rows << another;
    QCOMPARE(m_index.totalTickets(), 401);
    showAll(m_index, m_index.setFilterText(QStringLiteral("teclado")));
    QCOMPARE(shownIds(m_index), (QList<qint64> { 5001 }));
}

void QueueIndexTest::viewsFilterOpenStatusPriorityAndAssignee()
{
    QList<QueueView> views = QueueView::builtIns();
    QueueView urgent = everything();
    urgent.openOnly = true;
    urgent.priorities = { Priority::P1, Priority::P2 };
    urgent.statuses = { TicketStatus::New, TicketStatus::InProgress, TicketStatus::Resolved };
    urgent.groupIds = { 2, 3 };
    views << urgent;
    QueueView someone = everything();
    someone.assignee = QueueView::Assignee::Someone;
    views << someone;
    QueueView search = everything();
    search.id = QStringLiteral("search");
    search.ticketIds = { 3, 30, 300, 3000 };
    views << search;
    for (const QueueView &view : std::as_const(views)) {
        showAll(m_index, m_index.setView(view, kNow));
        QCOMPARE(m_index.view().id, view.id);
        const QList<qint64> want = expected(m_rows, m_index, kNow);
        QVERIFY2(!want.isEmpty(), qPrintable(view.id));
        QCOMPARE(shownIds(m_index), want);
        // With a word typed too.
        showAll(m_index, m_index.setFilterText(QStringLiteral("a")));
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
        showAll(m_index, m_index.setFilterText(QString()));
    }
    QCOMPARE(m_index.shownCount(), 3); // the search's tickets held
}

void QueueIndexTest::atRiskFollowsTheClockGiven()
{
    showAll(m_index, m_index.setView(QueueView::builtIn(QStringLiteral("at-risk")), kNow));
    const QList<qint64> now = shownIds(m_index);
    QCOMPARE(now, expected(m_rows, m_index, kNow));
    // Three hours later more clocks are past their warning mark: only rows come in.
    const qint64 later = kNow + 3 * kHour;
    const QueueIndex::Steps steps = showAll(m_index, m_index.reapplyView(later));
    QVERIFY(m_index.shownCount() > now.size());
    QVERIFY(steps.removed.empty());
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, later));
    // Recently updated, an hour from now and a day from now.
    showAll(m_index, m_index.setView(QueueView::builtIn(QStringLiteral("recent")), kNow));
    QCOMPARE(m_index.shownCount(), 400);
    showAll(m_index, m_index.reapplyView(kNow + 24 * kHour - 2 * kHour));
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow + 22 * kHour));
    QVERIFY(m_index.shownCount() < 400 && m_index.shownCount() > 0);
}

void QueueIndexTest::newNamesReorderAsANewLayout()
{
    m_index.sort(QueueIndex::SortKey::Customer, Qt::AscendingOrder);
    QueueDirectory renamed = directory();
    renamed.customers[1] = QStringLiteral("Zoe Zamora"); // José Muñoz goes last
    renamed.organisations[1] = QStringLiteral("Farmacia Cádiz");
    const QueueIndex::Steps steps = showAll(m_index, m_index.setDirectory(renamed, kNow));
    QVERIFY(!steps.inPlace);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    showAll(m_index, m_index.setFilterText(QStringLiteral("zamora cadiz")));
    QVERIFY(m_index.shownCount() > 0);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    showAll(m_index, m_index.setFilterText(QStringLiteral("munoz")));
    QCOMPARE(m_index.shownCount(), 0);
    // Another agent: the views of "mine" follow.
    showAll(m_index, m_index.setFilterText(QString()));
    renamed.me = 2;
    renamed.myGroups = { 3 };
    showAll(m_index, m_index.setDirectory(renamed, kNow));
    showAll(m_index, m_index.setView(QueueView::builtIn(QStringLiteral("mine")), kNow));
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    showAll(m_index, m_index.setView(QueueView::builtIn(QStringLiteral("unassigned")), kNow));
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
}

void QueueIndexTest::aBatchOfChangesIsANewLayout()
{
    QList<QueueRow> changed;
    QSet<qint64> gone;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i % 3 == 0) {
            m_rows[i].updatedAt = kNow - qint64(i) * kMinute;
            m_rows[i].status = TicketStatus::Closed;
            changed << m_rows[i];
        } else if (i % 7 == 0) {
            gone.insert(m_rows[i].id);
        }
    }
    for (int i = 0; i < 50; ++i)
        changed << row(10000 + i, QStringLiteral("Alta de usuario %1").arg(i), kNow - i);
    m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                     [&](const QueueRow &r) { return gone.contains(r.id); }),
        m_rows.end());
    m_rows << changed.mid(changed.size() - 50);
    const QList<qint64> before = shownIds(m_index);
    QueueIndex::Shown next = m_index.changeRows(changed, gone, kNow);
    // Until shown, the rows shown are the ones before (a model reads their ids first).
    QCOMPARE(shownIds(m_index), before);
    QVERIFY(!m_index.steps(next).inPlace);
    showAll(m_index, std::move(next));
    QCOMPARE(m_index.totalTickets(), int(m_rows.size()));
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
}

void QueueIndexTest::aDayOfChangesKeepsEveryRowsTextRight()
{
    // Every change writes the row's text anew and leaves the old text behind; past a
    // megabyte of it (four rounds of 400 rows with 1,000-character subjects) the buffer is
    // compacted. Each row is found by its last text only, before and after.
    const QString padding(1000, QLatin1Char('x'));
    for (int round = 0; round < 4; ++round) {
        for (QueueRow &r : m_rows) {
            r.subject = QStringLiteral("ronda%1 %2 ").arg(round).arg(r.id) + padding;
            m_index.place(m_index.upsert(r, kNow));
        }
        showAll(m_index, m_index.setFilterText(QStringLiteral("ronda%1").arg(round)));
        QCOMPARE(m_index.shownCount(), 400);
        if (round > 0) {
            showAll(m_index, m_index.setFilterText(QStringLiteral("ronda%1").arg(round - 1)));
            QCOMPARE(m_index.shownCount(), 0);
        }
        showAll(m_index, m_index.setFilterText(QStringLiteral("ronda%1 117 munoz").arg(round)));
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
        showAll(m_index, m_index.setFilterText(QString()));
    }
    m_index.sort(QueueIndex::SortKey::Subject, Qt::AscendingOrder);
    QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
}

void QueueIndexTest::randomChangesKeepTheRowsShownExact()
{
    // Changes of every kind in a random order; after each one the rows shown are exactly the
    // brute-force answer, and each placement said where the row went.
    QRandomGenerator rng(2026);
    const QStringList texts { QString(), QStringLiteral("vpn"), QStringLiteral("im"),
        QStringLiteral("impresora"), QStringLiteral("pena"), QStringLiteral("inc") };
    QList<QueueView> views = QueueView::builtIns();
    views << everything();
    qint64 nextId = 100000;
    for (int step = 0; step < 300; ++step) {
        const int what = rng.bounded(10);
        if (what == 0) {
            showAll(m_index, m_index.setFilterText(texts.at(rng.bounded(texts.size()))));
        } else if (what == 1) {
            showAll(m_index, m_index.setView(views.at(rng.bounded(views.size())), kNow));
        } else if (what == 2) {
            m_index.sort(QueueIndex::SortKey(rng.bounded(9)),
                rng.bounded(2) ? Qt::AscendingOrder : Qt::DescendingOrder);
        } else if (what == 3 && !m_rows.isEmpty()) {
            const int i = rng.bounded(m_rows.size());
            const qint64 id = m_rows.at(i).id;
            const int wasAt = m_index.rowOfTicket(id);
            const QueueIndex::Placement p = m_index.remove(id);
            QCOMPARE(p.from, wasAt);
            QCOMPARE(p.to, -1);
            m_index.place(p);
            m_rows.removeAt(i);
        } else {
            QueueRow r;
            if (what == 4 || m_rows.isEmpty()) {
                r = desk(1, quint32(step)).first();
                r.id = nextId++;
            } else {
                r = m_rows.at(rng.bounded(m_rows.size()));
            }
            r.updatedAt = kNow - qint64(rng.bounded(8)) * kHour;
            r.subject = desk(1, quint32(step * 7)).first().subject;
            r.priority = Priority(rng.bounded(4));
            r.status = TicketStatus(rng.bounded(7));
            r.customerId = rng.bounded(6);
            const int wasAt = m_index.rowOfTicket(r.id);
            const QueueIndex::Placement p = m_index.upsert(r, kNow);
            QCOMPARE(p.from, wasAt);
            m_index.place(p);
            QCOMPARE(m_index.rowOfTicket(r.id), p.to);
            bool replaced = false;
            for (QueueRow &held : m_rows) {
                if (held.id == r.id) {
                    held = r;
                    replaced = true;
                }
            }
            if (!replaced)
                m_rows << r;
        }
        QCOMPARE(m_index.totalTickets(), int(m_rows.size()));
        QCOMPARE(shownIds(m_index), expected(m_rows, m_index, kNow));
    }
}

QTEST_GUILESS_MAIN(QueueIndexTest)
#include "tst_queueindex.moc"
