// Base64 as files travel in the protocol: every length decodes to what Qt encoded, and what
// is not canonical base64 is refused rather than guessed at.

#include "core/text/base64.h"

#include <QRandomGenerator>
#include <QtTest>

using Atiende::Core::Text::base64DecodedSize;
using Atiende::Core::Text::decodeBase64;

class Base64Test : public QObject
{
    Q_OBJECT
private slots:
    void everyLengthComesBackAsQtEncodedIt();
    void whatIsNotCanonicalBase64IsRefused_data();
    void whatIsNotCanonicalBase64IsRefused();
};

void Base64Test::everyLengthComesBackAsQtEncodedIt()
{
    QRandomGenerator g(5);
    for (int n = 0; n < 300; ++n) {
        QByteArray bytes(n, Qt::Uninitialized);
        for (char &c : bytes)
            c = char(g.bounded(256));
        const QByteArray text = bytes.toBase64();
        const auto back = decodeBase64(text);
        QVERIFY2(back, qPrintable(QString::number(n)));
        QCOMPARE(*back, bytes);
        // The size is known from the text's shape alone, before decoding (uploads check it).
        QCOMPARE(base64DecodedSize(text), qint64(n));
    }
}

void Base64Test::whatIsNotCanonicalBase64IsRefused_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("length") << QByteArray("abc");
    QTest::newRow("alphabet") << QByteArray("ab!d");
    QTest::newRow("url alphabet") << QByteArray("ab-_");
    QTest::newRow("padding inside") << QByteArray("a=bcdefg");
    QTest::newRow("three pads") << QByteArray("a===");
    QTest::newRow("non-zero dropped bits") << QByteArray("aB==");
    QTest::newRow("space") << QByteArray("ab d");
    QTest::newRow("high byte") << QByteArray("ab\xc3\xb1");
}

void Base64Test::whatIsNotCanonicalBase64IsRefused()
{
    QFETCH(QByteArray, text);
    QVERIFY(!decodeBase64(text));
    if (text.size() % 4 != 0)
        QCOMPARE(base64DecodedSize(text), qint64(-1));
}

QTEST_GUILESS_MAIN(Base64Test)
#include "tst_base64.moc"
