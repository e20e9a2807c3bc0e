// What the sender wrote, apart from what they quoted and their signature, in the replies
// English and Spanish mail clients send; and never a word the sender typed folded away.

#include "core/mail/quotefolding.h"

#include <QtTest>

using namespace Atiende::Core::Mail;

class QuoteFoldingTest : public QObject
{
    Q_OBJECT
private slots:
    void fold_data();
    void fold();
    void nothingTypedIsLost_data();
    void nothingTypedIsLost();
};

void QuoteFoldingTest::fold_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fresh");
    QTest::addColumn<QString>("quoted");
    QTest::addColumn<QString>("signature");

    QTest::newRow("no quote at all") << "The printer works again.\nThanks!"
                                     << "The printer works again.\nThanks!"
                                     << ""
                                     << "";

    QTest::newRow("Gmail top-posted reply")
        << "It works now, thank you.\n\nOn Tue, Jun 4, 2024 at 9:12 AM Soporte "
           "<soporte@atiende.example> wrote:\n"
           "> Please restart the printer and try again.\n>\n> Regards,\n> Desk\n"
        << "It works now, thank you."
        << "On Tue, Jun 4, 2024 at 9:12 AM Soporte <soporte@atiende.example> wrote:\n"
           "> Please restart the printer and try again.\n>\n> Regards,\n> Desk"
        << "";

    QTest::newRow("Gmail in Spanish, attribution wrapped on two lines")
        << "Ya funciona, gracias.\r\n\r\nEl mar, 4 jun 2024 a las 9:12, Soporte "
           "(<soporte@atiende.example>)\r\n"
           "escribió:\r\n\r\n> Reinicie la impresora, por favor.\r\n"
        << "Ya funciona, gracias."
        << "El mar, 4 jun 2024 a las 9:12, Soporte (<soporte@atiende.example>)\nescribió:\n\n"
           "> Reinicie la impresora, por favor."
        << "";

    QTest::newRow("Outlook in English")
        << "Still failing, see the screenshot.\n\nLuis\n\n"
           "________________________________\nFrom: Soporte <soporte@atiende.example>\n"
           "Sent: Tuesday, June 4, 2024 9:12 AM\nTo: Luis Ortega <luis.ortega@contoso.com>\n"
           "Subject: [INC-000123] VPN\n\nPlease reinstall the VPN client.\n"
        << "Still failing, see the screenshot.\n\nLuis"
        << "________________________________\nFrom: Soporte <soporte@atiende.example>\n"
           "Sent: Tuesday, June 4, 2024 9:12 AM\nTo: Luis Ortega <luis.ortega@contoso.com>\n"
           "Subject: [INC-000123] VPN\n\nPlease reinstall the VPN client."
        << "";

    QTest::newRow("Outlook in Spanish")
        << "Sigue igual.\n\nDe: Soporte <soporte@atiende.example>\n"
           "Enviado el: martes, 4 de junio de 2024 9:12\nPara: Luis Ortega\n"
           "Asunto: [INC-000123] VPN\n\nReinstale el cliente.\n"
        << "Sigue igual."
        << "De: Soporte <soporte@atiende.example>\nEnviado el: martes, 4 de junio de 2024 9:12\n"
           "Para: Luis Ortega\nAsunto: [INC-000123] VPN\n\nReinstale el cliente."
        << "";

    QTest::newRow("Outlook for Mac with bold field names")
        << "Done.\n\n*From:* Soporte <soporte@atiende.example>\n*Date:* Tuesday, 4 June 2024\n"
           "*Subject:* VPN\n\nOld text\n"
        << "Done."
        << "*From:* Soporte <soporte@atiende.example>\n*Date:* Tuesday, 4 June 2024\n"
           "*Subject:* VPN\n\nOld text"
        << "";

    QTest::newRow("Original Message separator")
        << "Yes, please go ahead.\n\n-----Original Message-----\nFrom: Desk\nPlease confirm.\n"
        << "Yes, please go ahead."
        << "-----Original Message-----\nFrom: Desk\nPlease confirm."
        << "";

    QTest::newRow("Mensaje original")
        << "Adelante.\n\n-----Mensaje original-----\nDe: Soporte\nConfirme, por favor.\n"
        << "Adelante."
        << "-----Mensaje original-----\nDe: Soporte\nConfirme, por favor."
        << "";

    QTest::newRow("signature then quote")
        << "Thanks, it works.\n\n-- \nAna López\nFinance, 3rd floor\n\n"
           "On 4 Jun 2024, at 09:12, Soporte <soporte@atiende.example> wrote:\n\n> Try again.\n"
        << "Thanks, it works."
        << "On 4 Jun 2024, at 09:12, Soporte <soporte@atiende.example> wrote:\n\n> Try again."
        << "Ana López\nFinance, 3rd floor";

    QTest::newRow("phone footer folded like a signature")
        << "Ok, thanks.\n\nSent from my iPhone\n\nOn 4 Jun 2024, at 09:12, Soporte wrote:\n> "
           "Done?\n"
        << "Ok, thanks."
        << "On 4 Jun 2024, at 09:12, Soporte wrote:\n> Done?"
        << "Sent from my iPhone";

    QTest::newRow("bottom-posted reply")
        << "On Tue, 4 Jun 2024, Soporte wrote:\n> Is it fixed?\n\nYes, it is.\n"
        << "Yes, it is."
        << "On Tue, 4 Jun 2024, Soporte wrote:\n> Is it fixed?"
        << "";

    QTest::newRow("interleaved reply keeps what was typed inside the quote")
        << "Answers below.\n\nOn Tue, 4 Jun 2024, Soporte wrote:\n> 1. Which floor?\n"
           "Third.\n> 2. Which printer model?\nHP LaserJet M404.\n> 3. Since when?\n\n> Regards\n"
        << "Answers below.\n\nOn Tue, 4 Jun 2024, Soporte wrote:\n> 1. Which floor?\nThird.\n"
           "> 2. Which printer model?\nHP LaserJet M404."
        << "> 3. Since when?\n\n> Regards"
        << "";

    QTest::newRow("Gmail forward kept whole")
        << "Please look at this one.\n\n---------- Forwarded message ---------\n"
           "From: Ana <ana@example.com>\nDate: Mon, Jun 3, 2024 at 5:00 PM\nSubject: Printer\n"
           "To: Luis <luis@example.com>\n\n> an old quote inside the forward\nThe printer is "
           "broken.\n"
        << "Please look at this one.\n\n---------- Forwarded message ---------\n"
           "From: Ana <ana@example.com>\nDate: Mon, Jun 3, 2024 at 5:00 PM\nSubject: Printer\n"
           "To: Luis <luis@example.com>\n\n> an old quote inside the forward\nThe printer is "
           "broken."
        << ""
        << "";

    QTest::newRow("Spanish Gmail forward kept whole")
        << "---------- Mensaje reenviado ---------\nDe: Ana\nAsunto: Impresora\n\nNo imprime.\n"
        << "---------- Mensaje reenviado ---------\nDe: Ana\nAsunto: Impresora\n\nNo imprime."
        << ""
        << "";

    QTest::newRow("Apple Mail forward kept whole")
        << "FYI\n\nBegin forwarded message:\n\nFrom: Ana <ana@example.com>\nSubject: Printer\n"
           "Date: 3 June 2024 at 17:00:00 CEST\n\nBroken again.\n"
        << "FYI\n\nBegin forwarded message:\n\nFrom: Ana <ana@example.com>\nSubject: Printer\n"
           "Date: 3 June 2024 at 17:00:00 CEST\n\nBroken again."
        << ""
        << "";

    QTest::newRow("only a quote") << "> quoted\n> more\n"
                                  << ""
                                  << "> quoted\n> more"
                                  << "";

    QTest::newRow("'wrote:' in a sentence is text")
        << "My manager wrote:\nthe budget is approved.\n"
        << "My manager wrote:\nthe budget is approved."
        << ""
        << "";

    QTest::newRow("a From line in prose is text")
        << "From: what I can see, the cable is loose.\nCan someone come?\n"
        << "From: what I can see, the cable is loose.\nCan someone come?"
        << ""
        << "";
}

void QuoteFoldingTest::fold()
{
    QFETCH(QString, text);
    QFETCH(QString, fresh);
    QFETCH(QString, quoted);
    QFETCH(QString, signature);
    const FoldedText folded = foldQuotes(text);
    QCOMPARE(folded.fresh, fresh);
    QCOMPARE(folded.quoted, quoted);
    QCOMPARE(folded.signature, signature);
}

void QuoteFoldingTest::nothingTypedIsLost_data()
{
    fold_data();
}

// Every non-blank line of the input is in one of the three parts.
void QuoteFoldingTest::nothingTypedIsLost()
{
    QFETCH(QString, text);
    const FoldedText folded = foldQuotes(text);
    const QString all
        = folded.fresh + QLatin1Char('\n') + folded.quoted + QLatin1Char('\n') + folded.signature;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && t != QLatin1String("--"))
            QVERIFY2(all.contains(t), qPrintable(t));
    }
}

QTEST_APPLESS_MAIN(QuoteFoldingTest)
#include "tst_quotefolding.moc"
