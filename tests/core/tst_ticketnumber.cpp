// Ticket numbers people read out on the phone: INC-000123, REQ-000045.

#include "core/domain/ticketnumber.h"

#include <QtTest>

using namespace Atiende::Core;

class TicketNumberTest : public QObject
{
    Q_OBJECT
private slots:
    void format_data();
    void format();
    void parse_data();
    void parse();
};

void TicketNumberTest::format_data()
{
    QTest::addColumn<bool>("incident");
    QTest::addColumn<qint64>("sequence");
    QTest::addColumn<QString>("number");
    QTest::newRow("first incident") << true << qint64(1) << "INC-000001";
    QTest::newRow("request") << false << qint64(45) << "REQ-000045";
    QTest::newRow("six digits") << true << qint64(999999) << "INC-999999";
    QTest::newRow("grows past a million") << true << qint64(1234567) << "INC-1234567";
}

void TicketNumberTest::format()
{
    QFETCH(bool, incident);
    QFETCH(qint64, sequence);
    QFETCH(QString, number);
    QCOMPARE(TicketNumber::format(
                 incident ? TicketType::Incident : TicketType::ServiceRequest, sequence),
        number);
}

void TicketNumberTest::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("exact") << "INC-000123" << true << "INC-000123";
    QTest::newRow("lower case and short") << " inc-123 " << true << "INC-000123";
    QTest::newRow("request") << "req-45" << true << "REQ-000045";
    QTest::newRow("no digits") << "INC-" << false << "";
    QTest::newRow("zero") << "INC-0" << false << "";
    QTest::newRow("other prefix") << "CHG-000001" << false << "";
    QTest::newRow("letters in digits") << "INC-12a" << false << "";
    QTest::newRow("a word") << "printer" << false << "";
    QTest::newRow("sql") << "INC-1' OR 1=1" << false << "";
}

void TicketNumberTest::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, normalised);
    const auto parsed = TicketNumber::parse(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(TicketNumber::format(parsed->type, parsed->sequence), normalised);
}

QTEST_APPLESS_MAIN(TicketNumberTest)
#include "tst_ticketnumber.moc"
