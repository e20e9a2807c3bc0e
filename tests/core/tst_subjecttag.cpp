// The ticket tag in mail subjects, through the reply and forward prefixes of the mail clients
// our customers use, and only ours.

#include "core/mail/subjecttag.h"

#include <QtTest>

using namespace Atiende::Core;
using namespace Atiende::Core::Mail;

class SubjectTagTest : public QObject
{
    Q_OBJECT
private slots:
    void find_data();
    void find();
    void tagged_data();
    void tagged();
    void clean_data();
    void clean();
};

void SubjectTagTest::find_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("number"); // empty: none of ours
    QTest::newRow("plain") << "[INC-000123] Printer"
                           << "INC-000123";
    QTest::newRow("after Re") << "Re: [INC-000123] Printer"
                              << "INC-000123";
    QTest::newRow("Outlook Spanish forward") << "RV: [REQ-000045] Alta de usuario"
                                             << "REQ-000045";
    QTest::newRow("German reply") << "AW: AW: [INC-000123] Drucker"
                                  << "INC-000123";
    QTest::newRow("at the end") << "Printer on 3rd floor [INC-000123]"
                                << "INC-000123";
    QTest::newRow("lower case typed by a person") << "re: [inc-123] printer"
                                                  << "INC-000123";
    QTest::newRow("spaces inside the brackets") << "Re: [ INC-000123 ] printer"
                                                << "INC-000123";
    QTest::newRow("the last one wins") << "[INC-000001] merged into [INC-000002]"
                                       << "INC-000002";
    QTest::newRow("double bracket") << "Re: [[INC-000123]] x"
                                    << "INC-000123";
    QTest::newRow("another desk's hash") << "Re: [#123] Printer"
                                         << "";
    QTest::newRow("Znuny's ticket hook") << "Re: [Ticket#2024060410000011] Printer"
                                         << "";
    QTest::newRow("a change number") << "[CHG-000123] Maintenance"
                                     << "";
    QTest::newRow("without brackets") << "Re: INC-000123 printer"
                                      << "";
    QTest::newRow("zero") << "[INC-000000] x"
                          << "";
    QTest::newRow("letters after the digits") << "[INC-000123a] x"
                                              << "";
    QTest::newRow("unclosed") << "[INC-000123 printer"
                              << "";
    QTest::newRow("empty") << ""
                           << "";
}

void SubjectTagTest::find()
{
    QFETCH(QString, subject);
    QFETCH(QString, number);
    const auto found = SubjectTag::find(subject);
    QCOMPARE(found.has_value(), !number.isEmpty());
    if (found)
        QCOMPARE(TicketNumber::format(found->type, found->sequence), number);
}

void SubjectTagTest::tagged_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("reply");
    QTest::addColumn<QString>("expected");
    QTest::newRow("first acknowledgement")
        << "Printer broken" << false << "[INC-000123] Printer broken";
    QTest::newRow("reply") << "Printer broken" << true << "Re: [INC-000123] Printer broken";
    QTest::newRow("reply to a reply does not grow")
        << "Re: [INC-000123] Printer broken" << true << "Re: [INC-000123] Printer broken";
    QTest::newRow("customer's prefixes replaced by one Re")
        << "RE: AW: Fwd: [INC-000123] Printer broken" << true << "Re: [INC-000123] Printer broken";
    QTest::newRow("Outlook counters")
        << "Re[2]: RE(3): Printer" << true << "Re: [INC-000123] Printer";
    QTest::newRow("full-width colon") << "RE\uFF1A Printer" << true << "Re: [INC-000123] Printer";
    QTest::newRow("tag moved to the front")
        << "Printer [INC-000123] again" << false << "[INC-000123] Printer again";
    QTest::newRow("an old number of ours replaced")
        << "Re: [INC-000099] Printer" << true << "Re: [INC-000123] Printer";
    QTest::newRow("another desk's tag kept")
        << "[#4711] Printer" << false << "[INC-000123] [#4711] Printer";
    QTest::newRow("empty subject") << "" << false << "[INC-000123]";
    QTest::newRow("not a reply keeps the customer's prefix")
        << "Fwd: Printer" << false << "[INC-000123] Fwd: Printer";
}

void SubjectTagTest::tagged()
{
    QFETCH(QString, subject);
    QFETCH(bool, reply);
    QFETCH(QString, expected);
    QCOMPARE(SubjectTag::tagged(QStringLiteral("INC-000123"), subject, reply), expected);
}

void SubjectTagTest::clean_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing to clean") << "Printer broken"
                                      << "Printer broken";
    QTest::newRow("English") << "Re: Fwd: FW: Printer"
                             << "Printer";
    QTest::newRow("Spanish Outlook") << "RV: RE: Impresora"
                                     << "Impresora";
    QTest::newRow("Portuguese Outlook") << "ENC: RES: Impressora"
                                        << "Impressora";
    QTest::newRow("French") << "TR: Réf : imprimante"
                            << "Réf : imprimante";
    QTest::newRow("French reply") << "RE : TR : imprimante"
                                  << "imprimante";
    QTest::newRow("Italian") << "R: I: stampante"
                             << "I: stampante";
    QTest::newRow("Nordic") << "SV: Sv: Skrivare"
                            << "Skrivare";
    QTest::newRow("Dutch") << "Antw: Printer"
                           << "Printer";
    QTest::newRow("counter in brackets") << "Re[2]: Printer"
                                         << "Printer";
    QTest::newRow("counter in parentheses") << "Re(2): Printer"
                                            << "Printer";
    QTest::newRow("full-width colon") << "Re\uFF1APrinter"
                                      << "Printer";
    QTest::newRow("our tag") << "Re: [INC-000123] Re: Printer"
                             << "Printer";
    QTest::newRow("not a prefix: a word") << "Reunión mañana"
                                          << "Reunión mañana";
    QTest::newRow("not a prefix: no colon") << "Re printer"
                                            << "Re printer";
    QTest::newRow("whitespace collapsed") << "  Re:   Printer \t broken "
                                          << "Printer broken";
    QTest::newRow("only prefixes") << "Re: Fwd:"
                                   << "";
}

void SubjectTagTest::clean()
{
    QFETCH(QString, subject);
    QFETCH(QString, expected);
    QCOMPARE(SubjectTag::clean(subject), expected);
}

QTEST_APPLESS_MAIN(SubjectTagTest)
#include "tst_subjecttag.moc"
