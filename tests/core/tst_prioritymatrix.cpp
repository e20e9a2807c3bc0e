// Impact x urgency -> priority, the default table and a site's own.

#include "core/domain/prioritymatrix.h"

#include <QJsonDocument>
#include <QtTest>

using namespace Atiende::Core;

class PriorityMatrixTest : public QObject
{
    Q_OBJECT
private slots:
    void defaultMatrix_data();
    void defaultMatrix();
    void aSiteCanConfigureItsOwn();
    void anIncompleteMatrixIsRefusedAndChangesNothing();
};

void PriorityMatrixTest::defaultMatrix_data()
{
    QTest::addColumn<QString>("impact");
    QTest::addColumn<QString>("urgency");
    QTest::addColumn<QString>("priority");
    QTest::newRow("high/high") << "high"
                               << "high"
                               << "P1";
    QTest::newRow("high/medium") << "high"
                                 << "medium"
                                 << "P2";
    QTest::newRow("high/low") << "high"
                              << "low"
                              << "P3";
    QTest::newRow("medium/high") << "medium"
                                 << "high"
                                 << "P2";
    QTest::newRow("medium/medium") << "medium"
                                   << "medium"
                                   << "P3";
    QTest::newRow("medium/low") << "medium"
                                << "low"
                                << "P4";
    QTest::newRow("low/high") << "low"
                              << "high"
                              << "P3";
    QTest::newRow("low/medium") << "low"
                                << "medium"
                                << "P4";
    QTest::newRow("low/low") << "low"
                             << "low"
                             << "P4";
}

void PriorityMatrixTest::defaultMatrix()
{
    QFETCH(QString, impact);
    QFETCH(QString, urgency);
    QFETCH(QString, priority);
    const PriorityMatrix m;
    QCOMPARE(
        wireName(m.priority(*fromString<Level>(impact), *fromString<Level>(urgency))), priority);
}

void PriorityMatrixTest::aSiteCanConfigureItsOwn()
{
    PriorityMatrix m;
    m.set(Level::Medium, Level::High, Priority::P1);
    PriorityMatrix copy;
    QString error;
    QVERIFY2(copy.fromJson(m.toJson(), &error), qPrintable(error));
    QCOMPARE(copy.priority(Level::Medium, Level::High), Priority::P1);
    QVERIFY(copy == m);
}

void PriorityMatrixTest::anIncompleteMatrixIsRefusedAndChangesNothing()
{
    QJsonObject json = PriorityMatrix().toJson();
    QJsonObject row = json.value(QStringLiteral("low")).toObject();
    row.insert(QStringLiteral("low"), QStringLiteral("P9"));
    json.insert(QStringLiteral("low"), row);
    PriorityMatrix m;
    m.set(Level::High, Level::High, Priority::P2);
    QString error;
    QVERIFY(!m.fromJson(json, &error));
    QVERIFY(error.contains(QLatin1String("low")));
    QCOMPARE(m.priority(Level::High, Level::High), Priority::P2);
}

QTEST_APPLESS_MAIN(PriorityMatrixTest)
#include "tst_prioritymatrix.moc"
