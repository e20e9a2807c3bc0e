// The dashboard's small tables (tickets at risk, demand per category, top customers) as an
// item model: checked by QAbstractItemModelTester on every change, and each live update changes
// exactly the rows that differ (removed, moved, inserted, changed), in runs, never resetting
// the view, so the lead's selection stays on its ticket.

#include "models/dashboard/kpitablemodel.h"

#include "modelsignals.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using Atiende::Models::KpiTableModel;

namespace {

KpiTableModel::Row row(qint64 key, const QString &text)
{
    return { key, { text, QString::number(key) }, {}, {} };
}

QList<KpiTableModel::Row> rows(const QList<qint64> &keys)
{
    QList<KpiTableModel::Row> out;
    for (qint64 k : keys)
        out << row(k, QStringLiteral("row %1").arg(k));
    return out;
}

QList<qint64> keys(const KpiTableModel &m)
{
    QList<qint64> out;
    for (const KpiTableModel::Row &r : m.rows())
        out << r.key;
    return out;
}

} // namespace

class KpiTableModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void newRowsAreInsertedWhereTheyBelong();
    void rowsThatWentAreRemovedInRunsFromTheEnd();
    void changedRowsSayTheirWholeWidth();
    void aMoveKeepsTheSelectionOnItsKey();
    void theSameRowsAgainChangeNothing();
    void aRepeatedKeyKeepsItsFirstRow();
    void cellsAlignFiguresAndColourTheAccent();

private:
    std::unique_ptr<KpiTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<Atiende::Test::ModelSignals> m_signals;
};

void KpiTableModelTest::init()
{
    m_model = std::make_unique<KpiTableModel>(
        QStringList { QStringLiteral("Name"), QStringLiteral("Count") });
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_signals = std::make_unique<Atiende::Test::ModelSignals>(m_model.get());
}

void KpiTableModelTest::cleanup()
{
    QCOMPARE(m_signals->resets(), 0); // never a reset
    m_signals.reset();
    m_tester.reset();
    m_model.reset();
}

void KpiTableModelTest::newRowsAreInsertedWhereTheyBelong()
{
    m_model->setRows(rows({ 10, 20 }));
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 0, 1 } }));
    m_signals->clear();
    // Two tickets came at risk before the first, one between, one at the end.
    m_model->setRows(rows({ 1, 2, 10, 15, 20, 30 }));
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 0, 1 }, { 3, 3 }, { 5, 5 } }));
    QVERIFY(m_signals->removed().isEmpty() && m_signals->changed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(keys(*m_model), (QList<qint64> { 1, 2, 10, 15, 20, 30 }));
}

void KpiTableModelTest::rowsThatWentAreRemovedInRunsFromTheEnd()
{
    m_model->setRows(rows({ 1, 2, 3, 4, 5, 6, 7 }));
    m_signals->clear();
    m_model->setRows(rows({ 1, 5, 6 }));
    QCOMPARE(m_signals->removed(), (QList<QPair<int, int>> { { 6, 6 }, { 1, 3 } }));
    QVERIFY(m_signals->inserted().isEmpty() && m_signals->changed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(keys(*m_model), (QList<qint64> { 1, 5, 6 }));
    m_signals->clear();
    m_model->setRows({});
    QCOMPARE(m_signals->removed(), (QList<QPair<int, int>> { { 0, 2 } }));
}

void KpiTableModelTest::changedRowsSayTheirWholeWidth()
{
    m_model->setRows(rows({ 1, 2, 3, 4 }));
    m_signals->clear();
    QList<KpiTableModel::Row> next = rows({ 1, 2, 3, 4 });
    next[0].cells[1] = QStringLiteral("due in 5 min");
    next[2].toolTip = QStringLiteral("now breached");
    next[3].accent = QColor(Qt::red);
    m_model->setRows(next);
    QCOMPARE(m_signals->log(),
        (QStringList { QStringLiteral("changed 0-0 columns 0-1"),
            QStringLiteral("changed 2-3 columns 0-1") }));
    QVERIFY(m_signals->inserted().isEmpty() && m_signals->removed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(m_model->index(0, 1).data().toString(), QStringLiteral("due in 5 min"));
    QCOMPARE(m_model->index(2, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("now breached"));
}

void KpiTableModelTest::aMoveKeepsTheSelectionOnItsKey()
{
    m_model->setRows(rows({ 1, 2, 3, 4 }));
    const QPersistentModelIndex three(m_model->index(2, 1));
    const QPersistentModelIndex two(m_model->index(1, 0));
    m_signals->clear();
    // 2 went; 3 became the most urgent; 5 came in after it.
    m_model->setRows(rows({ 3, 5, 1, 4 }));
    QCOMPARE(m_signals->removed(), (QList<QPair<int, int>> { { 1, 1 } }));
    QCOMPARE(m_signals->layoutChanges(), 1);
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 1, 1 } }));
    QVERIFY(m_signals->changed().isEmpty());
    QCOMPARE(keys(*m_model), (QList<qint64> { 3, 5, 1, 4 }));
    QVERIFY(three.isValid());
    QCOMPARE(three.row(), 0);
    QCOMPARE(three.column(), 1);
    QCOMPARE(three.data(KpiTableModel::KeyRole).toLongLong(), qint64(3));
    QVERIFY(!two.isValid());
    QCOMPARE(m_model->rowOf(4), 3);
    QCOMPARE(m_model->keyAt(1), qint64(5));
}

void KpiTableModelTest::theSameRowsAgainChangeNothing()
{
    m_model->setRows(rows({ 1, 2, 3 }));
    m_signals->clear();
    m_model->setRows(rows({ 1, 2, 3 }));
    QVERIFY(m_signals->inserted().isEmpty() && m_signals->removed().isEmpty()
        && m_signals->changed().isEmpty() && m_signals->layoutChanges() == 0);
}

void KpiTableModelTest::aRepeatedKeyKeepsItsFirstRow()
{
    m_model->setRows({ row(1, QStringLiteral("first")), row(2, QStringLiteral("b")),
        row(1, QStringLiteral("second")) });
    QCOMPARE(keys(*m_model), (QList<qint64> { 1, 2 }));
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("first"));
}

void KpiTableModelTest::cellsAlignFiguresAndColourTheAccent()
{
    m_model->setNumericColumns({ 1 });
    m_model->setAccentColumn(1);
    KpiTableModel::Row r = row(7, QStringLiteral("INC-000007"));
    r.accent = QColor(Qt::red);
    m_model->setRows({ r, row(8, QStringLiteral("INC-000008")) });
    QCOMPARE(m_model->index(0, 1).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));
    QCOMPARE(m_model->index(0, 0).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignLeft | Qt::AlignVCenter));
    QCOMPARE(m_model->index(0, 1).data(Qt::ForegroundRole).value<QColor>(), QColor(Qt::red));
    QCOMPARE(m_model->index(0, 0).data(Qt::DecorationRole).value<QColor>(), QColor(Qt::red));
    QVERIFY(!m_model->index(1, 1).data(Qt::ForegroundRole).isValid());
    QCOMPARE(m_model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Count"));
    QCOMPARE(m_model->index(1, 0).data(KpiTableModel::KeyRole).toLongLong(), qint64(8));
}

QTEST_MAIN(KpiTableModelTest)
#include "tst_kpitablemodel.moc"
