// What people type into a search box becomes a safe full-text query.

#include "core/search/ftsquery.h"

#include <QtTest>

using namespace Atiende::Core;

class FtsQueryTest : public QObject
{
    Q_OBJECT
private slots:
    void terms_data();
    void terms();
    void everyWordMustMatchAndTheLastIsAPrefix();
    void textWithoutWordsSearchesNothing();
    void snippetsAreEscapedAndMarked();
    void keywords_data();
    void keywords();
    void anyOfMatchesEachTermAsAPrefix();
};

void FtsQueryTest::terms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("terms");
    QTest::newRow("plain") << "vpn madrid" << QStringList { "vpn", "madrid" };
    QTest::newRow("accents kept for the engine to fold")
        << "configuración" << QStringList { "configuración" };
    QTest::newRow("fts operators are just separators")
        << "vpn NOT -madrid OR \"x\"*" << QStringList { "vpn", "NOT", "madrid", "OR", "x" };
    QTest::newRow("sql metacharacters")
        << "'; DROP TABLE tickets;--" << QStringList { "DROP", "TABLE", "tickets" };
    QTest::newRow("emoji separate words")
        << "impresora😀rota" << QStringList { "impresora", "rota" };
    QTest::newRow("column filter syntax") << "title:vpn" << QStringList { "title", "vpn" };
}

void FtsQueryTest::terms()
{
    QFETCH(QString, text);
    QFETCH(QStringList, terms);
    QCOMPARE(FtsQuery::terms(text), terms);
}

void FtsQueryTest::everyWordMustMatchAndTheLastIsAPrefix()
{
    QCOMPARE(FtsQuery::toFts5(QStringLiteral("reset contraseñ")),
        QStringLiteral("\"reset\" \"contraseñ\"*"));
}

void FtsQueryTest::textWithoutWordsSearchesNothing()
{
    QVERIFY(FtsQuery::toFts5(QStringLiteral("  ?!* \"\" 😀 ")).isEmpty());
    QCOMPARE(FtsQuery::terms(
                 QString(40, QLatin1Char('a')).replace(QLatin1Char('a'), QStringLiteral("w ")))
                 .size(),
        FtsQuery::kMaxTerms);
}

void FtsQueryTest::snippetsAreEscapedAndMarked()
{
    const QString marked = QStringLiteral("use <b>") + FtsQuery::openMark() + QStringLiteral("VPN")
        + FtsQuery::closeMark() + QStringLiteral(" & co");
    QCOMPARE(
        FtsQuery::snippetToHtml(marked), QStringLiteral("use &lt;b&gt;<mark>VPN</mark> &amp; co"));
}

void FtsQueryTest::keywords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("keywords");
    QTest::newRow("spanish subject") << "No puedo restablecer la contraseña de Outlook"
                                     << QStringList { "restablecer", "contraseñ", "outlook" };
    QTest::newRow("english subject") << "Printer on the 2nd floor keeps jamming"
                                     << QStringList { "printer", "2nd", "floor", "keep", "jamm" };
    QTest::newRow("accents do not hide stop words")
        << "Está bloqueada ESTA cuenta" << QStringList { "bloquead", "cuent" };
    QTest::newRow("each once") << "VPN vpn Vpn" << QStringList { "vpn" };
    QTest::newRow("plural and singular are one")
        << "impresoras impresora" << QStringList { "impresor" };
    QTest::newRow("numbers alone say nothing")
        << "Error 404 en 10.0.0.1" << QStringList { "error" };
    QTest::newRow("only noise") << "Hola, ayuda por favor!!" << QStringList();
}

void FtsQueryTest::keywords()
{
    QFETCH(QString, text);
    QFETCH(QStringList, keywords);
    QCOMPARE(FtsQuery::keywords(text), keywords);
}

void FtsQueryTest::anyOfMatchesEachTermAsAPrefix()
{
    QCOMPARE(FtsQuery::toFts5AnyOf({ "contraseñ", "outlook" }),
        QStringLiteral("\"contraseñ\"* OR \"outlook\"*"));
    // Whatever arrives is cleaned like typed text: no operator or quote reaches the engine.
    QCOMPARE(FtsQuery::toFts5AnyOf({ "a\" OR x", "NEAR(y" }),
        QStringLiteral("\"a\"* OR \"OR\"* OR \"x\"* OR \"NEAR\"* OR \"y\"*"));
    QVERIFY(FtsQuery::toFts5AnyOf({}).isEmpty());
    QVERIFY(FtsQuery::toFts5AnyOf({ "!!", " " }).isEmpty());
}

QTEST_APPLESS_MAIN(FtsQueryTest)
#include "tst_ftsquery.moc"
