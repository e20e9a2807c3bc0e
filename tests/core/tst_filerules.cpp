// The rules for files on tickets every side applies: names safe to store and show, what a
// content hash looks like, and which files could run code when opened.

#include "core/files/filerules.h"

#include <QtTest>

using namespace Atiende::Core::Files;

class FileRulesTest : public QObject
{
    Q_OBJECT
private slots:
    void namesAreStoredWithoutFoldersOrTricks_data();
    void namesAreStoredWithoutFoldersOrTricks();
    void aLongNameIsShortenedKeepingItsExtension();
    void onlyLowercaseHexOfTheRightLengthIsAHash();
    void programsScriptsAndPagesAreFlaggedByNameOrContent_data();
    void programsScriptsAndPagesAreFlaggedByNameOrContent();
    void previewsAreOfferedOnlyForSafeImagesAndText();
};

void FileRulesTest::namesAreStoredWithoutFoldersOrTricks_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("stored");
    QTest::newRow("plain") << QStringLiteral("captura de pantalla.png")
                           << QStringLiteral("captura de pantalla.png");
    QTest::newRow("accents kept") << QStringLiteral("nómina diciembre.pdf")
                                  << QStringLiteral("nómina diciembre.pdf");
    QTest::newRow("unix path") << QStringLiteral("/home/ana/../../etc/passwd")
                               << QStringLiteral("passwd");
    QTest::newRow("windows path") << QStringLiteral("C:\\Users\\ana\\Desktop\\error.log")
                                  << QStringLiteral("error.log");
    QTest::newRow("right-to-left override")
        << QStringLiteral("factura\u202Efdp.exe") << QStringLiteral("facturafdp.exe");
    QTest::newRow("control characters")
        << QStringLiteral("a\tb\nc\x7f.txt") << QStringLiteral("abc.txt");
    QTest::newRow("windows refuses")
        << QStringLiteral("informe: ¿qué pasó?.docx") << QStringLiteral("informe_ ¿qué pasó_.docx");
    QTest::newRow("hidden and trailing dots")
        << QStringLiteral("..bashrc. . ") << QStringLiteral("bashrc");
    QTest::newRow("device name") << QStringLiteral("con.txt") << QStringLiteral("_con.txt");
    QTest::newRow("nothing left") << QStringLiteral("../..") << QString();
    QTest::newRow("emoji kept") << QStringLiteral("👩‍💻 notas.txt")
                                << QStringLiteral("👩‍💻 notas.txt");
}

void FileRulesTest::namesAreStoredWithoutFoldersOrTricks()
{
    QFETCH(QString, given);
    QFETCH(QString, stored);
    QCOMPARE(sanitiseName(given), stored);
}

void FileRulesTest::aLongNameIsShortenedKeepingItsExtension()
{
    const QString name = sanitiseName(QString(300, QChar(u'ñ')) + QStringLiteral(".pdf"));
    QVERIFY(name.toUtf8().size() <= kMaxNameBytes);
    QVERIFY(name.endsWith(QLatin1String(".pdf")));
    QVERIFY(name.startsWith(QChar(u'ñ')));
}

void FileRulesTest::onlyLowercaseHexOfTheRightLengthIsAHash()
{
    QVERIFY(isSha256(QString(64, QLatin1Char('a'))));
    QVERIFY(!isSha256(QString(64, QLatin1Char('A'))));
    QVERIFY(!isSha256(QString(63, QLatin1Char('0'))));
    QVERIFY(!isSha256(QString(63, QLatin1Char('0')) + QLatin1Char('g')));
}

void FileRulesTest::programsScriptsAndPagesAreFlaggedByNameOrContent_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("mediaType");
    QTest::addColumn<bool>("flagged");
    QTest::newRow("exe") << QStringLiteral("setup.EXE")
                         << QStringLiteral("application/octet-stream") << true;
    QTest::newRow("powershell") << QStringLiteral("fix.ps1") << QStringLiteral("text/plain")
                                << true;
    QTest::newRow("shell script") << QStringLiteral("arreglo.sh")
                                  << QStringLiteral("application/x-shellscript") << true;
    QTest::newRow("html page") << QStringLiteral("factura.html") << QStringLiteral("text/html")
                               << true;
    QTest::newRow("svg") << QStringLiteral("logo.svg") << QStringLiteral("image/svg+xml") << true;
    QTest::newRow("pdf named pdf, a program inside")
        << QStringLiteral("factura.pdf") << QStringLiteral("application/x-msdownload") << true;
    QTest::newRow("pdf") << QStringLiteral("factura.pdf") << QStringLiteral("application/pdf")
                         << false;
    QTest::newRow("png") << QStringLiteral("captura.png") << QStringLiteral("image/png") << false;
    QTest::newRow("log") << QStringLiteral("vpnclient.log") << QStringLiteral("text/plain")
                         << false;
}

void FileRulesTest::programsScriptsAndPagesAreFlaggedByNameOrContent()
{
    QFETCH(QString, name);
    QFETCH(QString, mediaType);
    QFETCH(bool, flagged);
    QCOMPARE(couldRunCode(name, mediaType), flagged);
}

void FileRulesTest::previewsAreOfferedOnlyForSafeImagesAndText()
{
    QVERIFY(isPreviewableImage(QStringLiteral("image/png")));
    QVERIFY(!isPreviewableImage(QStringLiteral("image/svg+xml")));
    QVERIFY(isPreviewableText(QStringLiteral("text/plain")));
    QVERIFY(isPreviewableText(QStringLiteral("application/json")));
    QVERIFY(isPreviewableText(QStringLiteral("text/html"))); // as its source
    QVERIFY(!isPreviewableText(QStringLiteral("application/pdf")));
}

QTEST_GUILESS_MAIN(FileRulesTest)
#include "tst_filerules.moc"
