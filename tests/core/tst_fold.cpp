// The one folding (core/text/fold.h): what agents type finds what was written, whatever the
// case and accents, the same way in the queue filter, the cache's search, routing keywords,
// full-text query words and the server's canned-response search.

#include "core/search/ftsquery.h"
#include "core/text/fold.h"

#include <QTest>

using namespace Atiende;

class FoldTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void foldDropsCaseAndAccents_data();
    void foldDropsCaseAndAccents();
    void foldIsIdempotent_data() { foldDropsCaseAndAccents_data(); }
    void foldIsIdempotent();
    void appendingFoldsLikeFold();
    void tableAndDecompositionAgreeOnEveryLatinCharacter();
    void fullTextWordsAreFoldedTheSameWay();
};

void FoldTest::foldDropsCaseAndAccents_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("ascii") << "Printer JAM 42"
                           << "printer jam 42";
    QTest::newRow("Spanish") << "IMPRESIÓN, Cañón, pingüino, MUÑOZ"
                             << "impresion, canon, pinguino, munoz";
    QTest::newRow("precomposed and decomposed alike")
        << QStringLiteral("e\u0301 \u00e9 E\u0301") << "e e e";
    QTest::newRow("French and German") << "Élève Größe"
                                       << "eleve große";
    QTest::newRow("Latin Extended-A") << "Łódź Šťastný"
                                      << "łodz stastny";
    QTest::newRow("Greek keeps its letters") << "ΆΛΦΑ"
                                             << "αλφα";
    QTest::newRow("beyond the table") << "ǺṼỲ"
                                      << "avy";
    QTest::newRow("emoji stays whole")
        << QStringLiteral("ok \U0001F600") << QStringLiteral("ok \U0001F600");
    QTest::newRow("punctuation kept") << "VPN: ¿no?"
                                      << "vpn: ¿no?";
}

void FoldTest::foldDropsCaseAndAccents()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(Core::Text::fold(text), folded);
}

void FoldTest::foldIsIdempotent()
{
    QFETCH(QString, text);
    const QString once = Core::Text::fold(text);
    QCOMPARE(Core::Text::fold(once), once);
}

void FoldTest::appendingFoldsLikeFold()
{
    std::vector<char16_t> out;
    Core::Text::foldAppend(u"Configuración ", out);
    Core::Text::foldAppend(u"DEL Ñandú", out);
    QCOMPARE(QString(reinterpret_cast<const QChar *>(out.data()), qsizetype(out.size())),
        Core::Text::fold(u"Configuración DEL Ñandú"));
}

// The fast table (below U+0250) must give what the slow path (decomposition) gives.
void FoldTest::tableAndDecompositionAgreeOnEveryLatinCharacter()
{
    for (char16_t c = 0x20; c < 0x0250; ++c) {
        const QChar ch(c);
        if (ch.category() == QChar::Mark_NonSpacing)
            continue;
        QString expected;
        for (QChar x : QString(ch).normalized(QString::NormalizationForm_D)) {
            if (x.category() != QChar::Mark_NonSpacing) {
                expected = QString(x.toLower());
                break;
            }
        }
        QCOMPARE(Core::Text::fold(QString(ch)), expected);
    }
}

void FoldTest::fullTextWordsAreFoldedTheSameWay()
{
    // Related-article keywords: "Está" is a stop word in either spelling, and a word written
    // twice with and without accents counts once.
    QCOMPARE(Core::FtsQuery::keywords(QStringLiteral("Está ESTA esta")), QStringList());
    QCOMPARE(Core::FtsQuery::keywords(QStringLiteral("Impresora IMPRESORA impresóra")).size(), 1);
}

QTEST_APPLESS_MAIN(FoldTest)
#include "tst_fold.moc"
