// The KB pane's result list as an item model: checked by QAbstractItemModelTester on every
// change, and each new list changes exactly the rows that differ (removed, moved, inserted,
// changed), never resetting the view, so the agent's current result stays on its article.

#include "models/kb/kbresultmodel.h"

#include "modelsignals.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using Atiende::Core::Audience;
using Atiende::Core::KbSearchHit;
using Atiende::Models::KbResultModel;

namespace {

KbSearchHit hit(qint64 id, const QString &title, const QString &snippet = QString(),
    Audience audience = Audience::Public)
{
    KbSearchHit h;
    h.id = id;
    h.title = title;
    h.snippet = snippet.isEmpty() ? QStringLiteral("about <mark>%1</mark>").arg(title) : snippet;
    h.audience = audience;
    h.language = QStringLiteral("es");
    h.score = -double(id);
    return h;
}

QList<qint64> ids(const KbResultModel &m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.idAt(r);
    return out;
}

} // namespace

class KbResultModelTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aFirstListIsOneInsertion();
    void theSameListAgainChangesNothing();
    void narrowingRemovesTheRowsThatWentInRuns();
    void wideningInsertsTheNewRowsAtTheirPlaces();
    void aChangedHitChangesJustItsRow();
    void reRankedRowsMoveAndTheCurrentOneFollowsItsArticle();
    void aRepeatedArticleIsListedOnce();
    void rowsSayWhatTheDelegateDraws();

private:
    std::unique_ptr<KbResultModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<Atiende::Test::ModelSignals> m_signals;
};

void KbResultModelTest::init()
{
    m_model = std::make_unique<KbResultModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    m_signals = std::make_unique<Atiende::Test::ModelSignals>(m_model.get());
}

void KbResultModelTest::cleanup()
{
    QCOMPARE(m_signals->resets(), 0); // never a reset
    m_signals.reset();
    m_tester.reset();
    m_model.reset();
}

void KbResultModelTest::aFirstListIsOneInsertion()
{
    m_model->setResults({ hit(1, QStringLiteral("VPN")), hit(2, QStringLiteral("Outlook")),
        hit(3, QStringLiteral("Impresora")) });
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 0, 2 } }));
    QVERIFY(m_signals->removed().isEmpty() && m_signals->changed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(ids(*m_model), (QList<qint64> { 1, 2, 3 }));
}

void KbResultModelTest::theSameListAgainChangesNothing()
{
    const QList<KbSearchHit> list { hit(1, QStringLiteral("VPN")),
        hit(2, QStringLiteral("Outlook")) };
    m_model->setResults(list);
    m_signals->clear();
    m_model->setResults(list);
    QVERIFY(m_signals->inserted().isEmpty() && m_signals->removed().isEmpty()
        && m_signals->changed().isEmpty() && m_signals->layoutChanges() == 0);
}

void KbResultModelTest::narrowingRemovesTheRowsThatWentInRuns()
{
    m_model->setResults({ hit(1, QStringLiteral("a")), hit(2, QStringLiteral("b")),
        hit(3, QStringLiteral("c")), hit(4, QStringLiteral("d")), hit(5, QStringLiteral("e")),
        hit(6, QStringLiteral("f")) });
    m_signals->clear();
    // The agent typed one more letter: b, c, d and f no longer match.
    m_model->setResults({ hit(1, QStringLiteral("a")), hit(5, QStringLiteral("e")) });
    QCOMPARE(m_signals->removed(),
        (QList<QPair<int, int>> {
            { 5, 5 }, { 1, 3 } })); // from the end, so the rows ahead keep their numbers
    QVERIFY(m_signals->inserted().isEmpty() && m_signals->changed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(ids(*m_model), (QList<qint64> { 1, 5 }));
    m_signals->clear();
    m_model->setResults({});
    QCOMPARE(m_signals->removed(), (QList<QPair<int, int>> { { 0, 1 } }));
    QCOMPARE(m_model->rowCount(), 0);
}

void KbResultModelTest::wideningInsertsTheNewRowsAtTheirPlaces()
{
    m_model->setResults({ hit(1, QStringLiteral("a")), hit(5, QStringLiteral("e")) });
    m_signals->clear();
    m_model->setResults({ hit(7, QStringLiteral("g")), hit(1, QStringLiteral("a")),
        hit(2, QStringLiteral("b")), hit(3, QStringLiteral("c")), hit(5, QStringLiteral("e")),
        hit(8, QStringLiteral("h")) });
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 0, 0 }, { 2, 3 }, { 5, 5 } }));
    QVERIFY(m_signals->removed().isEmpty() && m_signals->changed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(ids(*m_model), (QList<qint64> { 7, 1, 2, 3, 5, 8 }));
}

void KbResultModelTest::aChangedHitChangesJustItsRow()
{
    m_model->setResults({ hit(1, QStringLiteral("a")), hit(2, QStringLiteral("b")),
        hit(3, QStringLiteral("c")), hit(4, QStringLiteral("d")) });
    m_signals->clear();
    // Another word typed moves the marks in two adjacent snippets, and an article got a new title.
    m_model->setResults({ hit(1, QStringLiteral("A")), hit(2, QStringLiteral("b")),
        hit(3, QStringLiteral("c"), QStringLiteral("<mark>c</mark> again")),
        hit(4, QStringLiteral("d"), QStringLiteral("<mark>d</mark> again")) });
    QCOMPARE(m_signals->changed(), (QList<QPair<int, int>> { { 0, 0 }, { 2, 3 } }));
    QVERIFY(m_signals->inserted().isEmpty() && m_signals->removed().isEmpty()
        && m_signals->layoutChanges() == 0);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("A"));
    QCOMPARE(m_model->index(3, 0).data(KbResultModel::SnippetRole).toString(),
        QStringLiteral("<mark>d</mark> again"));
    // The score alone is not shown: no change for the view.
    m_signals->clear();
    QList<KbSearchHit> rescored { hit(1, QStringLiteral("A")), hit(2, QStringLiteral("b")),
        hit(3, QStringLiteral("c"), QStringLiteral("<mark>c</mark> again")),
        hit(4, QStringLiteral("d"), QStringLiteral("<mark>d</mark> again")) };
    rescored[0].score = 42;
    m_model->setResults(rescored);
    QVERIFY(m_signals->changed().isEmpty());
}

void KbResultModelTest::reRankedRowsMoveAndTheCurrentOneFollowsItsArticle()
{
    m_model->setResults(
        { hit(1, QStringLiteral("a")), hit(2, QStringLiteral("b")), hit(3, QStringLiteral("c")) });
    const QPersistentModelIndex current = m_model->index(2, 0); // article 3
    m_signals->clear();
    m_model->setResults(
        { hit(3, QStringLiteral("c")), hit(4, QStringLiteral("d")), hit(1, QStringLiteral("a")) });
    QCOMPARE(m_signals->removed(), (QList<QPair<int, int>> { { 1, 1 } })); // b
    QCOMPARE(m_signals->layoutChanges(), 1); // c before a
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 1, 1 } })); // d, between them
    QVERIFY(m_signals->changed().isEmpty());
    QCOMPARE(ids(*m_model), (QList<qint64> { 3, 4, 1 }));
    QVERIFY(current.isValid());
    QCOMPARE(current.row(), 0);
    QCOMPARE(current.data(KbResultModel::IdRole).toLongLong(), qint64(3));
    QCOMPARE(m_model->rowOf(1), 2);
    QCOMPARE(m_model->rowOf(2), -1);
}

void KbResultModelTest::aRepeatedArticleIsListedOnce()
{
    m_model->setResults({ hit(1, QStringLiteral("a")), hit(2, QStringLiteral("b")),
        hit(1, QStringLiteral("a again")) });
    QCOMPARE(ids(*m_model), (QList<qint64> { 1, 2 }));
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("a"));
    QCOMPARE(m_signals->inserted(), (QList<QPair<int, int>> { { 0, 1 } }));
}

void KbResultModelTest::rowsSayWhatTheDelegateDraws()
{
    m_model->setResults({ hit(12, QStringLiteral("Restablecer Outlook"),
                              QStringLiteral("Si **<mark>Outlook</mark>** pide `cmdkey` &amp; más"),
                              Audience::Agent),
        hit(14, QStringLiteral("VPN")) });
    const QModelIndex outlook = m_model->index(0, 0);
    QCOMPARE(outlook.data().toString(), QStringLiteral("Restablecer Outlook"));
    QCOMPARE(outlook.data(KbResultModel::IdRole).toLongLong(), qint64(12));
    QCOMPARE(outlook.data(KbResultModel::SnippetRole).toString(),
        QStringLiteral("Si <mark>Outlook</mark> pide cmdkey &amp; más"));
    QCOMPARE(
        outlook.data(Qt::ToolTipRole).toString(), QStringLiteral("Si Outlook pide cmdkey & más"));
    QCOMPARE(outlook.data(KbResultModel::InternalRole).toBool(), true);
    QCOMPARE(outlook.data(KbResultModel::LanguageRole).toString(), QStringLiteral("es"));
    QCOMPARE(m_model->index(1, 0).data(KbResultModel::InternalRole).toBool(), false);
    QCOMPARE(m_model->idAt(5), qint64(0));
}

QTEST_MAIN(KbResultModelTest)
#include "tst_kbresultmodel.moc"
