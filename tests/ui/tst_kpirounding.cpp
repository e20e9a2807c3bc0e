// A KPI duration reads the same on the dashboard's tiles and in the PDF report: one rounding
// (Core::roundDurationForReading) for both. The PDF's text is read back with pdftotext.

#include "ui/dashboard/kpiformat.h"

#include "core/kpi/durationrounding.h"
#include "report/reportdocument.h"

#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;

class KpiRoundingTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void theDashboardAndThePdfShowTheSameDuration_data();
    void theDashboardAndThePdfShowTheSameDuration();
    void roundingIsToTheNearestMinuteFromOneMinuteOn_data();
    void roundingIsToTheNearestMinuteFromOneMinuteOn();
};

void KpiRoundingTest::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void KpiRoundingTest::theDashboardAndThePdfShowTheSameDuration_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<QString>("text");
    // The user's case: 50 min 30 s was "50 min" on the dashboard and "51 min" in the PDF.
    QTest::newRow("50 min 30 s") << 50.5 * 60000 << QStringLiteral("51 min");
    QTest::newRow("50 min 29.9 s") << 50 * 60000 + 29900.0 << QStringLiteral("50 min");
    QTest::newRow("1 h 59 min 45 s") << (119 * 60 + 45) * 1000.0 << QStringLiteral("2 h 00 min");
    QTest::newRow("40 s") << 40000.0 << QStringLiteral("40 s");
    QTest::newRow("59.6 s") << 59600.0 << QStringLiteral("1 min");
}

void KpiRoundingTest::theDashboardAndThePdfShowTheSameDuration()
{
    QFETCH(double, ms);
    QFETCH(QString, text);
    QCOMPARE(Ui::KpiFormat::duration(ms), text);

    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (pdftotext.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed: the PDF's text cannot be read back");
    const QJsonObject report { { QStringLiteral("from"), QStringLiteral("2026-11-01") },
        { QStringLiteral("to"), QStringLiteral("2026-11-02") },
        { QStringLiteral("timeZone"), QStringLiteral("Europe/Madrid") },
        { QStringLiteral("totals"),
            QJsonObject { { QStringLiteral("created"), 3 }, { QStringLiteral("resolved"), 2 },
                { QStringLiteral("resolution"),
                    QJsonObject { { QStringLiteral("meanMs"), ms } } } } } };
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    QVERIFY2(
        Report::ReportDocument(report, Report::Names {}).writePdf(pdf, &error), qPrintable(error));
    QProcess p;
    p.start(pdftotext, { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    QVERIFY(p.waitForFinished(30000));
    const QString all = QString::fromUtf8(p.readAllStandardOutput());
    // The tile: its title, then its figure.
    const qsizetype tile = all.indexOf(QStringLiteral("Time to resolution"));
    QVERIFY2(tile >= 0, qPrintable(all.left(2000)));
    const QString after = all.mid(tile, 400).simplified();
    QVERIFY2(after.contains(text), qPrintable(after));
}

void KpiRoundingTest::roundingIsToTheNearestMinuteFromOneMinuteOn_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<qint64>("rounded");
    QTest::newRow("zero") << 0.0 << qint64(0);
    QTest::newRow("0.4 s") << 400.0 << qint64(0);
    QTest::newRow("12.5 s up") << 12500.0 << qint64(13000);
    QTest::newRow("59.4 s") << 59400.0 << qint64(59000);
    QTest::newRow("59.5 s is a minute") << 59500.0 << qint64(60000);
    QTest::newRow("90 s up") << 90000.0 << qint64(120000);
    QTest::newRow("89.9 s down") << 89900.0 << qint64(60000);
    QTest::newRow("negative mirrors") << -90000.0 << qint64(-120000);
    QTest::newRow("not a number") << qQNaN() << qint64(0);
}

void KpiRoundingTest::roundingIsToTheNearestMinuteFromOneMinuteOn()
{
    QFETCH(double, ms);
    QFETCH(qint64, rounded);
    QCOMPARE(Core::roundDurationForReading(ms), rounded);
}

QTEST_MAIN(KpiRoundingTest)
#include "tst_kpirounding.moc"
