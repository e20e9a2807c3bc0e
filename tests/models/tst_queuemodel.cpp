// The queue as the agent sees it: saved views, filter as you type (accents and case
// ignored), sorting by any column, and live changes that keep the selection, over a real
// workspace opened offline on a cache holding a synthetic desk. Every change is announced as
// the exact rows inserted, removed or moved (checked by QAbstractItemModelTester and by
// replaying the recorded signals), never as a reset.

#include "core/text/fold.h"
#include "models/queue/queuemodel.h"

#include "cache/localcache.h"
#include "core/domain/ticketlifecycle.h"
#include "core/domain/timestamp.h"
#include "modelsignals.h"
#include "syntheticcache.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Models;

namespace {
const QUrl kServer(
    QStringLiteral("ws://127.0.0.1:1/ws")); // nobody listens: the workspace stays offline
const qint64 kNow = Core::Timestamp::fromJson(QStringLiteral("2026-11-23T12:00:00.000Z"));

QList<qint64> shownIds(const QueueModel &m)
{
    QList<qint64> ids;
    for (int r = 0; r < m.rowCount(); ++r)
        ids << m.ticketIdAt(r);
    return ids;
}

// The rows a view following the model's signals sees: `rows` as they were, changed by each
// recorded signal in turn (inserted rows are read from the model, where they stay; a layout
// change or a reset gives the model's rows).
QList<qint64> replay(QList<qint64> rows, const Test::ModelSignals &recorded, const QueueModel &m)
{
    using Event = Test::ModelSignals::Event;
    for (const Event &e : recorded.events()) {
        switch (e.kind) {
        case Event::Removed:
            rows.erase(rows.begin() + e.first, rows.begin() + e.last + 1);
            break;
        case Event::Inserted:
            for (int r = e.first; r <= e.last; ++r)
                rows.insert(r, m.ticketIdAt(r));
            break;
        case Event::Moved:
            rows.move(e.first, e.destination > e.first ? e.destination - 1 : e.destination);
            break;
        case Event::LayoutChanged:
        case Event::Reset:
            rows = shownIds(m);
            break;
        case Event::Changed:
            break;
        }
    }
    return rows;
}
} // namespace

class QueueModelTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void eachSavedViewShowsExactlyItsTickets();
    void typingNarrowsTheQueueIgnoringAccentsAndCase();
    void deletingTypedTextWidensTheQueueAgain();
    void sortingByAnyColumnOrdersRowsAndKeepsTheSelection();
    void aLiveChangeMovesItsRowAndKeepsTheSelection();
    void aChangeThatLeavesTheViewRemovesOnlyThatRow();
    void aNewTicketAppearsInItsPlace();
    void theSlaCountdownTurnsAmberThenRed();
    void theAgentsOwnFilterWorksLikeABuiltInView();
    void savedViewsKeepTheirJson();
    void cellsSayStatusPriorityAndSlaInWords();

private:
    std::unique_ptr<Client::LocalCache>
    writer(); // a second connection, as the sync engine would write
    QTemporaryDir m_dir;
    std::unique_ptr<Client::Workspace> m_workspace;
    std::unique_ptr<QueueModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<Test::ModelSignals> m_signals;
    QList<Client::QueueRow> m_all;
};

void QueueModelTest::initTestCase()
{
    Test::SyntheticDesk desk;
    desk.tickets = 3000;
    desk.now = kNow;
    QString error;
    QVERIFY2(
        Test::writeSyntheticCache(m_dir.path(), kServer, QStringLiteral("agent"), desk, &error),
        qPrintable(error));
}

void QueueModelTest::init()
{
    m_workspace = std::make_unique<Client::Workspace>();
    QString error;
    QVERIFY2(m_workspace->open(
                 { kServer, QStringLiteral("agent"), QString(), m_dir.path(), false }, &error),
        qPrintable(error));
    m_model = std::make_unique<QueueModel>(m_workspace.get());
    m_model->setClock([] { return kNow; });
    m_model->reload();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_signals = std::make_unique<Test::ModelSignals>(m_model.get());
    m_all = m_workspace->queueRows();
    QVERIFY(m_all.size() >= 3000);
}

void QueueModelTest::cleanup()
{
    QCOMPARE(m_signals->resets(), 0); // never a reset
    m_signals.reset();
    m_tester.reset();
    m_model.reset();
    m_workspace.reset();
}

std::unique_ptr<Client::LocalCache> QueueModelTest::writer()
{
    QString error;
    auto cache = Client::LocalCache::open(
        Client::Workspace::cachePath(m_dir.path(), kServer, QStringLiteral("agent")), nullptr,
        &error);
    if (!cache)
        qWarning() << error;
    return cache;
}

void QueueModelTest::eachSavedViewShowsExactlyItsTickets()
{
    auto isOpen = [](const Client::QueueRow &r) { return Core::TicketLifecycle::isOpen(r.status); };
    const QHash<QString, std::function<bool(const Client::QueueRow &)>> expected {
        { QStringLiteral("mine"),
            [&](const Client::QueueRow &r) { return isOpen(r) && r.assigneeId == 1; } },
        { QStringLiteral("unassigned"),
            [&](const Client::QueueRow &r) {
                return isOpen(r) && r.assigneeId == 0 && (r.groupId == 1 || r.groupId == 2);
            } },
        { QStringLiteral("at-risk"),
            [&](const Client::QueueRow &r) {
                return isOpen(r)
                    && (r.slaState == Core::SlaTimeline::State::Warning
                        || r.slaState == Core::SlaTimeline::State::Breached);
            } },
        { QStringLiteral("pending-customer"),
            [&](const Client::QueueRow &r) {
                return r.status == Core::TicketStatus::PendingCustomer;
            } },
        { QStringLiteral("all-open"), isOpen },
        { QStringLiteral("recent"),
            [&](const Client::QueueRow &r) { return r.updatedAt >= kNow - 24 * 3600 * 1000; } },
    };
    for (const QueueView &view : QueueView::builtIns()) {
        const QList<qint64> before = shownIds(*m_model);
        m_signals->clear();
        m_model->setView(view);
        QCOMPARE(replay(before, *m_signals, *m_model), shownIds(*m_model));
        QSet<qint64> want;
        for (const Client::QueueRow &r : std::as_const(m_all)) {
            if (expected.value(view.id)(r))
                want.insert(r.id);
        }
        QSet<qint64> got;
        for (int row = 0; row < m_model->rowCount(); ++row)
            got.insert(m_model->ticketIdAt(row));
        QVERIFY2(!want.isEmpty(), qPrintable(view.id));
        QCOMPARE(got, want);
    }
}

void QueueModelTest::typingNarrowsTheQueueIgnoringAccentsAndCase()
{
    m_model->setView(QueueView::builtIn(QStringLiteral("all-open")));
    const int before = m_model->rowCount();
    // Typed letter by letter, the way an agent does.
    const QString typed = QStringLiteral("MUNOZ contrasena");
    for (int i = 1; i <= typed.size(); ++i) {
        const QList<qint64> before = shownIds(*m_model);
        m_signals->clear();
        m_model->setFilterText(typed.left(i));
        // Narrowing only takes rows away, and says exactly which.
        QVERIFY(m_signals->inserted().isEmpty());
        QCOMPARE(replay(before, *m_signals, *m_model), shownIds(*m_model));
    }
    QVERIFY(m_model->rowCount() > 0);
    QVERIFY(m_model->rowCount() < before);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString customer = m_model->index(row, QueueModel::Customer).data().toString();
        const QString subject = m_model->index(row, QueueModel::Subject).data().toString();
        QVERIFY2(customer.contains(QStringLiteral("Muñoz"))
                || m_model->index(row, 0)
                       .data(QueueModel::OrganisationRole)
                       .toString()
                       .contains(QStringLiteral("Muñoz")),
            qPrintable(customer));
        QVERIFY2(subject.contains(QStringLiteral("contraseña")), qPrintable(subject));
    }
    // The number matches too; a few rows less come as row ranges, not a new layout.
    m_model->setFilterText(QStringLiteral("inc-0001"));
    QVERIFY(m_model->rowCount() > 1);
    QVERIFY(m_model->index(0, QueueModel::Number)
                .data()
                .toString()
                .startsWith(QStringLiteral("INC-0001")));
    const QList<qint64> numbered = shownIds(*m_model);
    const QString number = m_model->index(1, QueueModel::Number).data().toString();
    m_signals->clear();
    m_model->setFilterText(number);
    QCOMPARE(shownIds(*m_model), QList<qint64> { numbered.at(1) });
    QCOMPARE(m_signals->layoutChanges(), 0);
    QCOMPARE(replay(numbered, *m_signals, *m_model), shownIds(*m_model));
    QVERIFY(!m_signals->removed().isEmpty());
}

void QueueModelTest::deletingTypedTextWidensTheQueueAgain()
{
    const int all = m_model->rowCount();
    m_model->setFilterText(QStringLiteral("impresora"));
    const int narrow = m_model->rowCount();
    QVERIFY(narrow > 0 && narrow < all);
    // Each deletion only brings rows back, and says exactly which.
    for (const QString &text : { QStringLiteral("impreso"), QStringLiteral("im"), QString() }) {
        const QList<qint64> before = shownIds(*m_model);
        m_signals->clear();
        m_model->setFilterText(text);
        QVERIFY(m_signals->removed().isEmpty());
        QCOMPARE(replay(before, *m_signals, *m_model), shownIds(*m_model));
        if (text == QLatin1String("impreso"))
            QCOMPARE(m_model->rowCount(), narrow); // no other word starts that way
        else
            QVERIFY(m_model->rowCount() >= narrow);
    }
    QCOMPARE(m_model->rowCount(), all);
}

void QueueModelTest::sortingByAnyColumnOrdersRowsAndKeepsTheSelection()
{
    QItemSelectionModel selection(m_model.get());
    const qint64 chosen = m_model->ticketIdAt(17);
    selection.setCurrentIndex(
        m_model->index(17, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    for (int column = 0; column < QueueModel::ColumnCount; ++column) {
        for (Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            m_signals->clear();
            m_model->sort(column, order);
            QCOMPARE(m_signals->log(), QStringList { QStringLiteral("layout changed") });
            QCOMPARE(m_model->sortColumn(), column);
            QCOMPARE(m_model->sortOrder(), order);
            QCOMPARE(m_model->ticketIdAt(selection.currentIndex().row()), chosen);
            QVERIFY(selection.isRowSelected(selection.currentIndex().row(), {}));
            // Ordered by what the agent sees (checked on the columns whose text sorts as text).
            if (column == QueueModel::Number || column == QueueModel::Priority) {
                for (int row = 1; row < m_model->rowCount(); ++row) {
                    const QString a = m_model->index(row - 1, column).data().toString();
                    const QString b = m_model->index(row, column).data().toString();
                    QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b,
                        qPrintable(a + QLatin1Char('/') + b));
                }
            }
            if (column == QueueModel::SlaDue) {
                for (int row = 1; row < m_model->rowCount(); ++row) {
                    const qint64 a
                        = m_model->index(row - 1, 0).data(QueueModel::SlaDueRole).toLongLong();
                    const qint64 b
                        = m_model->index(row, 0).data(QueueModel::SlaDueRole).toLongLong();
                    if (a && b)
                        QVERIFY(order == Qt::AscendingOrder ? a <= b : a >= b);
                }
            }
            if (column == QueueModel::Customer) {
                for (int row = 1; row < m_model->rowCount(); ++row) {
                    const QString a = m_model->index(row - 1, column).data().toString();
                    const QString b = m_model->index(row, column).data().toString();
                    if (!a.isEmpty() && !b.isEmpty())
                        QVERIFY2(order == Qt::AscendingOrder
                                ? Core::Text::fold(a) <= Core::Text::fold(b)
                                : Core::Text::fold(a) >= Core::Text::fold(b),
                            qPrintable(
                                a + QLatin1Char('/') + b)); // accents ignored: Álvarez before Díaz
                }
            }
        }
    }
}

void QueueModelTest::aLiveChangeMovesItsRowAndKeepsTheSelection()
{
    m_model->sort(QueueModel::Updated, Qt::DescendingOrder);
    QItemSelectionModel selection(m_model.get());
    const qint64 selected = m_model->ticketIdAt(5);
    selection.setCurrentIndex(
        m_model->index(5, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Someone updates a ticket far down the list: it jumps to the top.
    const int from = m_model->rowCount() - 3;
    const qint64 moved = m_model->ticketIdAt(from);
    auto w = writer();
    QVERIFY(w);
    QJsonObject t = *w->ticket(moved);
    t.insert(QStringLiteral("updatedAt"), Core::Timestamp::toJson(kNow + 1000));
    t.insert(QStringLiteral("subject"), QStringLiteral("Updated just now"));
    t.insert(QStringLiteral("version"), t.value(QStringLiteral("version")).toInt() + 1);
    Client::CacheDelta d;
    QVERIFY(w->applyChanges(
        { QJsonObject { { QStringLiteral("rev"), 1e6 },
            { QStringLiteral("entity"), QStringLiteral("ticket") },
            { QStringLiteral("id"), double(moved) },
            { QStringLiteral("op"), QStringLiteral("upsert") }, { QStringLiteral("data"), t } } },
        1000000, &d));
    m_signals->clear();
    m_model->applyChanged({ moved });
    // One row moved from where it was to the top, and its cells changed there.
    QCOMPARE(m_signals->log(),
        (QStringList { QStringLiteral("moved %1-%1 to 0").arg(from),
            QStringLiteral("changed 0-0 columns 0-%1").arg(QueueModel::ColumnCount - 1) }));
    QCOMPARE(m_model->ticketIdAt(0), moved);
    QCOMPARE(m_model->index(0, QueueModel::Subject).data().toString(),
        QStringLiteral("Updated just now"));
    QCOMPARE(m_model->ticketIdAt(selection.currentIndex().row()),
        selected); // one row lower now, still selected
    QCOMPARE(selection.currentIndex().row(), 6);
}

void QueueModelTest::aChangeThatLeavesTheViewRemovesOnlyThatRow()
{
    m_model->setView(QueueView::builtIn(QStringLiteral("all-open")));
    const int before = m_model->rowCount();
    const qint64 id = m_model->ticketIdAt(3);
    auto w = writer();
    QJsonObject t = *w->ticket(id);
    t.insert(QStringLiteral("status"), QStringLiteral("resolved"));
    t.insert(QStringLiteral("version"), t.value(QStringLiteral("version")).toInt() + 1);
    Client::CacheDelta d;
    QVERIFY(w->applyChanges(
        { QJsonObject { { QStringLiteral("rev"), 2e6 },
            { QStringLiteral("entity"), QStringLiteral("ticket") },
            { QStringLiteral("id"), double(id) },
            { QStringLiteral("op"), QStringLiteral("upsert") }, { QStringLiteral("data"), t } } },
        2000000, &d));
    m_signals->clear();
    m_model->applyChanged({ id });
    QCOMPARE(m_signals->log(), QStringList { QStringLiteral("removed 3-3") });
    QCOMPARE(m_model->rowCount(), before - 1);
    QCOMPARE(m_model->rowOfTicket(id), -1);
}

void QueueModelTest::aNewTicketAppearsInItsPlace()
{
    m_model->sort(QueueModel::Updated, Qt::DescendingOrder);
    const int before = m_model->rowCount();
    auto w = writer();
    QJsonObject t = *w->ticket(m_all.first().id);
    t.insert(QStringLiteral("id"), 999999);
    t.insert(QStringLiteral("number"), QStringLiteral("INC-999999"));
    t.insert(QStringLiteral("status"), QStringLiteral("new"));
    t.insert(QStringLiteral("updatedAt"), Core::Timestamp::toJson(kNow + 5000));
    Client::CacheDelta d;
    QVERIFY(w->applyChanges(
        { QJsonObject { { QStringLiteral("rev"), 3e6 },
            { QStringLiteral("entity"), QStringLiteral("ticket") },
            { QStringLiteral("id"), 999999 }, { QStringLiteral("op"), QStringLiteral("upsert") },
            { QStringLiteral("data"), t } } },
        3000000, &d));
    m_signals->clear();
    m_model->applyChanged({ 999999 });
    QCOMPARE(m_signals->log(), QStringList { QStringLiteral("inserted 0-0") });
    QCOMPARE(m_model->rowCount(), before + 1);
    QCOMPARE(m_model->index(0, QueueModel::Number).data().toString(), QStringLiteral("INC-999999"));
    m_signals->clear();
    m_model->applyRemoved({ 999999 });
    QCOMPARE(m_signals->log(), QStringList { QStringLiteral("removed 0-0") });
    QCOMPARE(m_model->rowCount(), before);
}

void QueueModelTest::theSlaCountdownTurnsAmberThenRed()
{
    m_model->sort(QueueModel::SlaDue, Qt::AscendingOrder);
    // The first row with a running clock that is still on track now.
    int row = -1;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const qint64 due = m_model->index(r, 0).data(QueueModel::SlaDueRole).toLongLong();
        if (due > kNow + 3 * 3600 * 1000) {
            row = r;
            break;
        }
    }
    QVERIFY(row >= 0);
    const qint64 id = m_model->ticketIdAt(row);
    const qint64 due = m_model->index(row, 0).data(QueueModel::SlaDueRole).toLongLong();
    auto colourAt = [&](qint64 t) {
        m_model->setClock([t] { return t; });
        m_model->tick();
        return m_model->index(m_model->rowOfTicket(id), QueueModel::SlaDue)
            .data(Qt::ForegroundRole)
            .value<QColor>();
    };
    const QColor green = colourAt(kNow);
    const QColor amber = colourAt(due - 30 * 60 * 1000); // past the warning mark (2 h before due)
    const QColor red = colourAt(due + 60 * 1000);
    QVERIFY(green.green() > green.red());
    QVERIFY(amber.red() > amber.blue() && amber.green() > amber.blue() && amber != green);
    QVERIFY(red.red() > red.green() * 2);
    QVERIFY(m_model->index(m_model->rowOfTicket(id), QueueModel::SlaDue)
                .data()
                .toString()
                .startsWith(QLatin1Char('-'))); // overdue
}

void QueueModelTest::theAgentsOwnFilterWorksLikeABuiltInView()
{
    QueueView mine;
    mine.id = QStringLiteral("custom-1");
    mine.name = QStringLiteral("P1 in Network");
    mine.openOnly = true;
    mine.groupIds = { 2 };
    mine.priorities = { Core::Priority::P1 };
    const QueueView roundTrip = QueueView::fromJson(
        QJsonDocument::fromJson(QJsonDocument(mine.toJson()).toJson()).object());
    QCOMPARE(roundTrip.toJson(), mine.toJson());
    m_model->setView(roundTrip);
    QVERIFY(m_model->rowCount() > 0);
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QCOMPARE(m_model->index(r, QueueModel::Priority).data().toString(), QStringLiteral("P1"));
        QCOMPARE(m_model->index(r, QueueModel::Group).data().toString(), QStringLiteral("Network"));
    }
}

void QueueModelTest::savedViewsKeepTheirJson()
{
    // The agent's own views are stored as this JSON: statuses and priorities by their wire
    // names in alphabetical order. What was saved reads back typed and writes the same text.
    const QString saved = QStringLiteral(
        R"([{"assignee":"me","atRisk":true,"groupIds":[2,4],"id":"custom-1","myGroupsOnly":false,)"
        R"("name":"Mine, urgent","openOnly":true,"priorities":["P1","P2"],)"
        R"("statuses":["in_progress","new","pending_customer"],"text":"vpn",)"
        R"("updatedWithinMs":3600000}])");
    const QList<QueueView> views = QueueView::listFromText(saved);
    QCOMPARE(views.size(), 1);
    const QueueView &v = views.first();
    QCOMPARE(v.priorities, (QSet<Core::Priority> { Core::Priority::P1, Core::Priority::P2 }));
    QCOMPARE(v.statuses,
        (QSet<Core::TicketStatus> { Core::TicketStatus::New, Core::TicketStatus::InProgress,
            Core::TicketStatus::PendingCustomer }));
    QCOMPARE(v.assignee, QueueView::Assignee::Me);
    QCOMPARE(v.groupIds, (QSet<qint64> { 2, 4 }));
    QCOMPARE(QueueView::listToText(views), saved);
    // A built-in view names its statuses the same way.
    QCOMPARE(QJsonDocument(QueueView::builtIn(QStringLiteral("pending-customer"))
                               .toJson()
                               .value(QStringLiteral("statuses"))
                               .toArray())
                 .toJson(QJsonDocument::Compact),
        QByteArray(R"(["pending_customer"])"));
}

void QueueModelTest::cellsSayStatusPriorityAndSlaInWords()
{
    m_model->setView(QueueView()); // every ticket
    // One row of each kind the synthetic desk has.
    auto find = [&](const std::function<bool(const Client::QueueRow &)> &pick) {
        for (const Client::QueueRow &r : std::as_const(m_all)) {
            if (pick(r))
                return m_model->rowOfTicket(r.id);
        }
        return -1;
    };
    using State = Core::SlaTimeline::State;
    const int paused = find([](const Client::QueueRow &r) {
        return r.status == Core::TicketStatus::PendingCustomer && r.slaState == State::Paused;
    });
    const int p1 = find([](const Client::QueueRow &r) {
        return r.priority == Core::Priority::P1 && r.slaState == State::Running;
    });
    const int p2 = find([](const Client::QueueRow &r) { return r.priority == Core::Priority::P2; });
    const int closed = find([](const Client::QueueRow &r) {
        return r.status == Core::TicketStatus::Closed && !r.slaState;
    });
    QVERIFY(paused >= 0 && p1 >= 0 && p2 >= 0 && closed >= 0);
    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return m_model->index(row, column).data(role);
    };
    QCOMPARE(cell(paused, QueueModel::Status).toString(), QStringLiteral("Pending customer"));
    QCOMPARE(cell(paused, QueueModel::SlaDue).toString(), QStringLiteral("Paused"));
    QCOMPARE(
        cell(paused, QueueModel::SlaDue, Qt::ToolTipRole).toString(), QStringLiteral("Paused"));
    QCOMPARE(cell(paused, 0, QueueModel::SlaStateRole).toString(), QStringLiteral("paused"));
    QCOMPARE(cell(p1, QueueModel::Priority).toString(), QStringLiteral("P1"));
    QCOMPARE(cell(p1, QueueModel::Priority, Qt::ToolTipRole).toString(),
        QString::fromUtf8("P1 · Critical"));
    QCOMPARE(cell(p1, QueueModel::Priority, Qt::ForegroundRole).value<QColor>(),
        QColor(0xd9, 0x8a, 0x00));
    QVERIFY(!cell(p2, QueueModel::Priority, Qt::ForegroundRole).isValid());
    QCOMPARE(cell(p1, 0, QueueModel::SlaStateRole).toString(), QStringLiteral("running"));
    QVERIFY(cell(p1, QueueModel::SlaDue, Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral("(Running)")));
    QCOMPARE(cell(closed, QueueModel::Status).toString(), QStringLiteral("Closed"));
    QCOMPARE(cell(closed, QueueModel::SlaDue).toString(), QString());
    QCOMPARE(cell(closed, QueueModel::SlaDue, Qt::ToolTipRole).toString(), QString());
    QCOMPARE(cell(closed, 0, QueueModel::SlaStateRole).toString(), QString());
    QCOMPARE(cell(closed, 0, QueueModel::SlaColorRole).value<QColor>(), QColor(0x80, 0x80, 0x80));
}

QTEST_MAIN(QueueModelTest)
#include "tst_queuemodel.moc"
