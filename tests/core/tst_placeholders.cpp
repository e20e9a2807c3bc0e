// Canned-response placeholders: what gets filled in, what is left alone and reported, and
// what a template must not use to be saved.

#include "core/text/placeholders.h"

#include <QtTest>

using namespace Atiende::Core;

class PlaceholdersTest : public QObject
{
    Q_OBJECT
private slots:
    void render_data();
    void render();
    void validate_data();
    void validate();
    void firstNameOf_data();
    void firstNameOf();
};

namespace {
QHash<QString, QString> nuria()
{
    return { { QStringLiteral("customer.name"), QStringLiteral("Núria Peña") },
        { QStringLiteral("customer.firstName"), QStringLiteral("Núria") },
        { QStringLiteral("ticket.number"), QStringLiteral("INC-000042") },
        { QStringLiteral("ticket.subject"), QStringLiteral("La VPN no conecta 🔌") },
        { QStringLiteral("agent.name"), QStringLiteral("Ana") },
        { QStringLiteral("agent.firstName"), QStringLiteral("Ana") },
        { QStringLiteral("organisation.name"), QStringLiteral("Ferretería Norte") } };
}
} // namespace

void PlaceholdersTest::render_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("withValues");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QStringList>("unknown");
    QTest::addColumn<QStringList>("missing");
    const QStringList none;

    QTest::newRow("no placeholders") << "Gracias." << true << "Gracias." << none << none;
    QTest::newRow("empty") << "" << true << "" << none << none;
    QTest::newRow("customer first name, accents")
        << "Hola {{customer.firstName}}:" << true << "Hola Núria:" << none << none;
    QTest::newRow("all of them")
        << "{{customer.name}} ({{organisation.name}}), {{ticket.number}} «{{ticket.subject}}» — "
           "{{agent.name}}/{{agent.firstName}}"
        << true << "Núria Peña (Ferretería Norte), INC-000042 «La VPN no conecta 🔌» — Ana/Ana"
        << none << none;
    QTest::newRow("spaces inside the braces")
        << "{{ ticket.number }}." << true << "INC-000042." << none << none;
    QTest::newRow("used twice") << "{{agent.name}} y {{agent.name}}" << true << "Ana y Ana" << none
                                << none;
    QTest::newRow("emoji and markdown around")
        << "**Hola** 👋 {{customer.firstName}}!\n\n- {{ticket.number}} ✅" << true
        << "**Hola** 👋 Núria!\n\n- INC-000042 ✅" << none << none;
    QTest::newRow("unknown is left and reported once")
        << "{{customer.email}} {{ticket.number}} {{customer.email}}" << true
        << "{{customer.email}} INC-000042 {{customer.email}}"
        << QStringList { QStringLiteral("customer.email") } << none;
    QTest::newRow("case matters") << "{{Customer.Name}}" << true << "{{Customer.Name}}"
                                  << QStringList { QStringLiteral("Customer.Name") } << none;
    QTest::newRow("missing values are empty and reported")
        << "Hola {{customer.firstName}}, {{ticket.number}}" << false << "Hola , " << none
        << QStringList { QStringLiteral("customer.firstName"), QStringLiteral("ticket.number") };
    QTest::newRow("empty braces are text")
        << "{{}} y {{ }}" << true << "{{}} y {{ }}" << none << none;
    QTest::newRow("single braces are text")
        << "{customer.name} {x}" << true << "{customer.name} {x}" << none << none;
    QTest::newRow("words with spaces are text")
        << "{{ hola mundo }}" << true << "{{ hola mundo }}" << none << none;
    QTest::newRow("unclosed is text")
        << "{{customer.name" << true << "{{customer.name" << none << none;
    QTest::newRow("triple braces keep the outer ones")
        << "{{{agent.name}}}" << true << "{Ana}" << none << none;
    QTest::newRow("json-like text")
        << "{\"a\": {\"b\": 1}}" << true << "{\"a\": {\"b\": 1}}" << none << none;
    QTest::newRow("sql metacharacters are only text")
        << "'; DROP TABLE x; -- {{agent.name}}" << true << "'; DROP TABLE x; -- Ana" << none
        << none;
}

void PlaceholdersTest::render()
{
    QFETCH(QString, text);
    QFETCH(bool, withValues);
    QFETCH(QString, expected);
    QFETCH(QStringList, unknown);
    QFETCH(QStringList, missing);
    const Placeholders::Rendered r
        = Placeholders::render(text, withValues ? nuria() : QHash<QString, QString> {});
    QCOMPARE(r.text, expected);
    QCOMPARE(r.unknown, unknown);
    QCOMPARE(r.missing, missing);
}

void PlaceholdersTest::validate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("named"); // must appear in the message
    QTest::newRow("plain") << "Gracias por escribirnos." << true << "";
    QTest::newRow("known") << "Hola {{customer.firstName}}, soy {{agent.firstName}}." << true << "";
    QTest::newRow("braces that are text") << "{{}} {x} {{ a b }}" << true << "";
    QTest::newRow("unknown") << "Hola {{customer.nombre}}" << false << "{{customer.nombre}}";
    QTest::newRow("typo among good ones")
        << "{{ticket.number}} {{tiket.subject}}" << false << "{{tiket.subject}}";
}

void PlaceholdersTest::validate()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, named);
    QString error;
    QCOMPARE(Placeholders::validate(text, &error), valid);
    if (!valid)
        QVERIFY2(error.contains(named), qPrintable(error));
    else
        QVERIFY(error.isEmpty());
}

void PlaceholdersTest::firstNameOf_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("first");
    QTest::newRow("two words") << "Núria Peña"
                               << "Núria";
    QTest::newRow("one word") << "Ana"
                              << "Ana";
    QTest::newRow("padded") << "  Tom Baker "
                            << "Tom";
    QTest::newRow("empty") << ""
                           << "";
}

void PlaceholdersTest::firstNameOf()
{
    QFETCH(QString, name);
    QFETCH(QString, first);
    QCOMPARE(Placeholders::firstNameOf(name), first);
}

QTEST_APPLESS_MAIN(PlaceholdersTest)
#include "tst_placeholders.moc"
