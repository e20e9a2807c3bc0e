// Our signed Message-IDs: a reply that carries only In-Reply-To or References finds its ticket,
// and nobody can make one up.

#include "core/mail/messagetoken.h"

#include <QtTest>

using namespace Atiende::Core::Mail;

namespace {

const QByteArray kKey = QByteArrayLiteral("0123456789abcdef0123456789abcdef-desk-secret");
const QByteArray kOtherKey = QByteArrayLiteral("another desk's secret, also 32 bytes or more");

} // namespace

class MessageTokenTest : public QObject
{
    Q_OBJECT
private slots:
    void makesTheDocumentedForm();
    void parsesWhatItMakes_data();
    void parsesWhatItMakes();
    void refuses_data();
    void refuses();
    void shortKeyIsRefused();
    void nearestAncestorWinsInReferences();
    void tokenInTheMiddleOfReferences();
    void forgedTokenInChainIsSkipped();
    void parseMessageIds_data();
    void parseMessageIds();
    void parseMessageIdsKeepsTheLast();
};

void MessageTokenTest::makesTheDocumentedForm()
{
    const QString id = MessageToken::make(123, 456, kKey, QStringLiteral("Mail.Atiende.Example"));
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^<atd\\.123\\.456\\.[0-9a-f]{16}@mail\\.atiende\\.example>$"))
                 .match(id)
                 .hasMatch(),
        qPrintable(id));
    // The same ticket and article give the same id: a mail sent again after a crash is the
    // same mail.
    QCOMPARE(MessageToken::make(123, 456, kKey, QStringLiteral("mail.atiende.example")), id);
    QVERIFY(MessageToken::make(123, 457, kKey, QStringLiteral("mail.atiende.example")) != id);
}

void MessageTokenTest::parsesWhatItMakes_data()
{
    QTest::addColumn<qint64>("ticket");
    QTest::addColumn<qint64>("article");
    QTest::addColumn<int>("form");
    QTest::newRow("with brackets") << qint64(123) << qint64(456) << 0;
    QTest::newRow("without brackets") << qint64(1) << qint64(1) << 1;
    QTest::newRow("host upper-cased by a mail client") << qint64(77) << qint64(9001) << 2;
    QTest::newRow("spaces around") << qint64(5) << qint64(6) << 3;
    QTest::newRow("large ids") << qint64(922337203685477580) << qint64(42) << 0;
}

void MessageTokenTest::parsesWhatItMakes()
{
    QFETCH(qint64, ticket);
    QFETCH(qint64, article);
    QFETCH(int, form);
    QString id = MessageToken::make(ticket, article, kKey, QStringLiteral("atiende.example"));
    if (form == 1)
        id = id.mid(1, id.size() - 2);
    else if (form == 2)
        id.replace(QStringLiteral("atiende.example"), QStringLiteral("ATIENDE.EXAMPLE"));
    else if (form == 3)
        id = QStringLiteral("  ") + id + QStringLiteral(" ");
    const auto parsed = MessageToken::parse(id, kKey);
    QVERIFY2(parsed.has_value(), qPrintable(id));
    QCOMPARE(parsed->ticketId, ticket);
    QCOMPARE(parsed->articleId, article);
}

void MessageTokenTest::refuses_data()
{
    const QString good = MessageToken::make(123, 456, kKey, QStringLiteral("atiende.example"));
    const QString mac = good.section(QLatin1Char('.'), 3, 3).section(QLatin1Char('@'), 0, 0);
    QTest::addColumn<QString>("id");
    QTest::newRow("another ticket with our mac (forged)")
        << QStringLiteral("<atd.124.456.%1@atiende.example>").arg(mac);
    QTest::newRow("another article with our mac (forged)")
        << QStringLiteral("<atd.123.455.%1@atiende.example>").arg(mac);
    QTest::newRow("made up mac") << QStringLiteral(
        "<atd.123.456.0000000000000000@atiende.example>");
    QTest::newRow("signed by another desk")
        << MessageToken::make(123, 456, kOtherKey, QStringLiteral("atiende.example"));
    QTest::newRow("mac one digit short")
        << QStringLiteral("<atd.123.456.%1@atiende.example>").arg(mac.left(15));
    QTest::newRow("mac one digit long")
        << QStringLiteral("<atd.123.456.%1a@atiende.example>").arg(mac);
    QTest::newRow("leading zero") << QStringLiteral("<atd.0123.456.%1@atiende.example>").arg(mac);
    QTest::newRow("negative") << QStringLiteral("<atd.-123.456.%1@atiende.example>").arg(mac);
    QTest::newRow("no host") << QStringLiteral("<atd.123.456.%1>").arg(mac);
    QTest::newRow("Gmail id") << QStringLiteral("<CAJx=ab12cd34@mail.gmail.com>");
    QTest::newRow("Outlook id") << QStringLiteral(
        "<AM0PR07MB61134B2A7C0D6E5F@AM0PR07MB6113.eurprd07.prod.outlook.com>");
    QTest::newRow("empty") << QString();
    QTest::newRow("overflowing ticket id")
        << QStringLiteral("<atd.99999999999999999999.456.%1@atiende.example>").arg(mac);
}

void MessageTokenTest::refuses()
{
    QFETCH(QString, id);
    QVERIFY(!MessageToken::parse(id, kKey).has_value());
}

void MessageTokenTest::shortKeyIsRefused()
{
    const QByteArray shortKey("too short");
    QVERIFY(MessageToken::make(1, 2, shortKey, QStringLiteral("atiende.example")).isEmpty());
    QVERIFY(!MessageToken::parse(
        MessageToken::make(1, 2, kKey, QStringLiteral("atiende.example")), shortKey)
                 .has_value());
}

void MessageTokenTest::nearestAncestorWinsInReferences()
{
    const QString older = MessageToken::make(10, 1, kKey, QStringLiteral("atiende.example"));
    const QString newer = MessageToken::make(10, 2, kKey, QStringLiteral("atiende.example"));
    const auto found = MessageToken::findInChain({ older, newer }, kKey);
    QVERIFY(found.has_value());
    QCOMPARE(found->articleId, qint64(2));
}

void MessageTokenTest::tokenInTheMiddleOfReferences()
{
    // A customer's colleague replied to the customer's reply: our token sits between ids of
    // other systems.
    const QString ours = MessageToken::make(321, 654, kKey, QStringLiteral("atiende.example"));
    const QString references
        = QStringLiteral("<CAJx=first@mail.gmail.com>\r\n %1\r\n "
                         "<AM0PR07MB61134B2A@AM0PR07MB6113.eurprd07.prod.outlook.com>\r\n "
                         "<3f1c2a9e-7b1d-4c55-9a0e-2b8f6d1e4a10@example.com>")
              .arg(ours);
    const QStringList ids = Atiende::Core::Mail::parseMessageIds(references);
    QCOMPARE(ids.size(), 4);
    const auto found = MessageToken::findInChain(ids, kKey);
    QVERIFY(found.has_value());
    QCOMPARE(found->ticketId, qint64(321));
    QCOMPARE(found->articleId, qint64(654));
}

void MessageTokenTest::forgedTokenInChainIsSkipped()
{
    const QString real = MessageToken::make(5, 50, kKey, QStringLiteral("atiende.example"));
    const QString forged = QStringLiteral("atd.6.60.0123456789abcdef@atiende.example");
    const auto found = MessageToken::findInChain({ real, forged }, kKey);
    QVERIFY(found.has_value());
    QCOMPARE(found->ticketId, qint64(5));
    QVERIFY(!MessageToken::findInChain({ forged }, kKey).has_value());
}

void MessageTokenTest::parseMessageIds_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("one") << "<a@b>" << QStringList { "a@b" };
    QTest::newRow("folded References")
        << "<a@b>\r\n\t<c@d>\r\n <e@f>" << QStringList { "a@b", "c@d", "e@f" };
    QTest::newRow("no spaces between") << "<a@b><c@d>" << QStringList { "a@b", "c@d" };
    QTest::newRow("comment after")
        << "<a@b> (Ana's message of 3 June <x@y>)" << QStringList { "a@b" };
    QTest::newRow("old mailer's phrase")
        << "Your message of \"Mon, 3 Jun 2024 <10:00>\" <a@b>" << QStringList { "a@b" };
    QTest::newRow("no brackets at all") << "a@b c@d" << QStringList { "a@b", "c@d" };
    QTest::newRow("stray words without @ ignored") << "see a@b" << QStringList { "a@b" };
    QTest::newRow("spaces folded inside an id")
        << "<a1234567890@\r\n example.com>" << QStringList { "a1234567890@example.com" };
    QTest::newRow("duplicates once") << "<a@b> <c@d> <a@b>" << QStringList { "a@b", "c@d" };
    QTest::newRow("empty brackets skipped") << "<> <a@b>" << QStringList { "a@b" };
    QTest::newRow("unclosed at the end dropped") << "<a@b> <c@d" << QStringList { "a@b" };
    QTest::newRow("empty") << "" << QStringList {};
}

void MessageTokenTest::parseMessageIds()
{
    QFETCH(QString, value);
    QFETCH(QStringList, ids);
    QCOMPARE(Atiende::Core::Mail::parseMessageIds(value), ids);
}

void MessageTokenTest::parseMessageIdsKeepsTheLast()
{
    QString value;
    for (int i = 0; i < 150; ++i)
        value += QStringLiteral("<id%1@example.com> ").arg(i);
    const QStringList ids = Atiende::Core::Mail::parseMessageIds(value);
    QCOMPARE(ids.size(), 100);
    QCOMPARE(ids.first(), QStringLiteral("id50@example.com"));
    QCOMPARE(ids.last(), QStringLiteral("id149@example.com"));
    QCOMPARE(Atiende::Core::Mail::parseMessageIds(value, 2),
        (QStringList { QStringLiteral("id148@example.com"), QStringLiteral("id149@example.com") }));
}

QTEST_APPLESS_MAIN(MessageTokenTest)
#include "tst_messagetoken.moc"
