// Mail that no person wrote, told apart from mail people write: out-of-office replies from
// Exchange and Gmail, delivery reports from Postfix and Exchange, lists, newsletters, read
// receipts, our own mail come back; and the replies people send from Thunderbird and Outlook,
// which must never be taken for a robot's.

#include "core/mail/automail.h"

#include <QtTest>

using namespace Atiende::Core::Mail;

Q_DECLARE_METATYPE(Atiende::Core::Mail::AutoKind)

namespace {

constexpr char kDesk[] = "desk-7f3a9c";

// A header block as it arrives (folded lines included) to the name/value pairs classify takes.
Headers headersOf(const QString &block)
{
    Headers headers;
    for (const QString &line : block.split(QLatin1Char('\n'))) {
        if (line.isEmpty())
            continue;
        if ((line.startsWith(QLatin1Char(' ')) || line.startsWith(QLatin1Char('\t')))
            && !headers.isEmpty()) {
            headers.last().second += QLatin1Char(' ') + line.trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    }
    return headers;
}

QString valueOf(const Headers &headers, const char *name)
{
    for (const auto &[n, v] : headers) {
        if (n.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return v;
    }
    return QString();
}

QString addressOf(const QString &from)
{
    const qsizetype lt = from.lastIndexOf(QLatin1Char('<'));
    if (lt < 0)
        return from.section(QLatin1Char(' '), 0, 0);
    return from.mid(lt + 1, from.indexOf(QLatin1Char('>'), lt) - lt - 1);
}

const char *const kThunderbirdReply = R"H(Return-Path: <ana.lopez@example.com>
Received: from mail.example.com (mail.example.com [192.0.2.10])
	by mx.atiende.example (Postfix) with ESMTPS id 4VtQ2k1Zx9z9sRb
	for <soporte@atiende.example>; Tue,  4 Jun 2024 09:12:45 +0200 (CEST)
Message-ID: <3f1c2a9e-7b1d-4c55-9a0e-2b8f6d1e4a10@example.com>
Date: Tue, 4 Jun 2024 09:12:44 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: [INC-000123] La impresora no imprime
Content-Language: es-ES
To: Soporte <soporte@atiende.example>
References: <atd.123.456.0123456789abcdef@atiende.example>
From: =?UTF-8?Q?Ana_L=C3=B3pez?= <ana.lopez@example.com>
In-Reply-To: <atd.123.456.0123456789abcdef@atiende.example>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit
)H";

const char *const kOutlookMail
    = R"H(Received: from AM0PR07MB6113.eurprd07.prod.outlook.com (2603:10a6:208:11b::19)
 by AM0PR07MB6113.eurprd07.prod.outlook.com with HTTPS; Tue, 4 Jun 2024 07:20:01 +0000
From: Luis Ortega <luis.ortega@contoso.com>
To: "soporte@atiende.example" <soporte@atiende.example>
Subject: VPN no conecta desde casa
Thread-Topic: VPN no conecta desde casa
Thread-Index: AdqqNn8ZB1xv0mJbRjuVq1Yk5d0hZw==
Date: Tue, 4 Jun 2024 07:20:00 +0000
Message-ID: <AM0PR07MB61134B2A7C0D6E5F@AM0PR07MB6113.eurprd07.prod.outlook.com>
Accept-Language: es-ES, en-US
Content-Language: es-ES
X-MS-Has-Attach: yes
X-MS-TNEF-Correlator:
x-ms-exchange-senderadcheck: 1
X-MS-Exchange-Organization-AuthAs: Internal
X-MS-Exchange-CrossTenant-originalarrivaltime: 04 Jun 2024 07:20:00.5135 (UTC)
Content-Type: multipart/mixed; boundary="_004_AM0PR07MB61134B2A_"
MIME-Version: 1.0
)H";

// Forwarded by the recipient's own inbox rule: Exchange marks it, a person still wrote it.
const char *const kOutlookRuleForward = R"H(From: Marta Gil <marta.gil@contoso.com>
To: Helpdesk <soporte@atiende.example>
Subject: FW: Cambio de contraseña
Date: Tue, 4 Jun 2024 08:00:10 +0000
Message-ID: <DB9PR07MB7771C1D2@DB9PR07MB7771.eurprd07.prod.outlook.com>
X-MS-Exchange-Inbox-Rules-Loop: marta.gil@contoso.com
X-MS-Exchange-Organization-AuthSource: DB9PR07MB7771.eurprd07.prod.outlook.com
Content-Type: text/plain; charset="iso-8859-1"
)H";

const char *const kExchangeOutOfOffice = R"H(From: Peter Brandt <peter.brandt@fabrikam.com>
To: Soporte <soporte@atiende.example>
Subject: Automatic reply: [INC-000123] Printer on the 3rd floor
Thread-Topic: [INC-000123] Printer on the 3rd floor
Thread-Index: AQHatl0ZbYv6qR3vQ0a6Fg7yNf2LAg==
Date: Tue, 4 Jun 2024 10:00:03 +0000
Message-ID: <5c0b0ef2a1a04f0e9c3e2d1f0a9b8c7d@fabrikam.com>
In-Reply-To: <atd.123.457.89abcdef01234567@atiende.example>
Auto-Submitted: auto-generated
X-MS-Exchange-Inbox-Rules-Loop: peter.brandt@fabrikam.com
X-Auto-Response-Suppress: All
X-MS-Exchange-Organization-AuthAs: Internal
Content-Type: text/plain; charset="us-ascii"
)H";

// As the parser hands it over: encoded words already decoded.
const char *const kExchangeOutOfOfficeSpanish = R"H(From: Lucía Ferrer <lucia.ferrer@contoso.es>
To: Soporte <soporte@atiende.example>
Subject: Respuesta automática: [REQ-000045] Alta de usuario
Date: Tue, 4 Jun 2024 10:05:00 +0000
Message-ID: <VI1PR0702MB3728A1B2C3D4E5F6@VI1PR0702MB3728.eurprd07.prod.outlook.com>
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset="iso-8859-1"
)H";

const char *const kGmailVacation = R"H(Return-Path: <jorge.marin@gmail.com>
Received: by mail-sor-f41.google.com with SMTP id 5b1f17b1804b1-42127d3d2c1so12345f.2
        for <soporte@atiende.example>; Tue, 04 Jun 2024 02:15:32 -0700 (PDT)
X-Google-Smtp-Source: AGHT+IFq3c1Qx2c7PwlOZ8C2e1Bd0nN9q8a3Lw==
MIME-Version: 1.0
From: Jorge Marin <jorge.marin@gmail.com>
Date: Tue, 4 Jun 2024 02:15:31 -0700
Message-ID: <CAJx=vacation+3f2@mail.gmail.com>
Subject: Re: [INC-000130] Acceso a la carpeta compartida
To: soporte@atiende.example
Auto-Submitted: auto-replied
Content-Type: text/plain; charset="UTF-8"
)H";

const char *const kPostfixBounce = R"H(Return-Path: <>
Received: by mx.atiende.example (Postfix) id 4VtR0C2mH5z9sRc; Tue,  4 Jun 2024 11:02:03 +0200 (CEST)
Date: Tue,  4 Jun 2024 11:02:03 +0200 (CEST)
From: MAILER-DAEMON@mx.atiende.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: soporte@atiende.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4VtR0C2mH5z9sRc.1717491723/mx.atiende.example"
Message-Id: <20240604090203.4VtR0C2mH5z9sRc@mx.atiende.example>
)H";

const char *const kExchangeBounce = R"H(From: Microsoft Outlook <postmaster@contoso.com>
To: <soporte@atiende.example>
Date: Tue, 4 Jun 2024 09:30:12 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="3a2b1c0d-9e8f-7a6b-5c4d-3e2f1a0b9c8d"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <3f8c2d10-aa55-4b1c-9d0e-5b6a7c8d9e0f@AM0PR07MB6113.eurprd07.prod.outlook.com>
In-Reply-To: <atd.123.458.fedcba9876543210@atiende.example>
Subject: Undeliverable: [INC-000123] Printer on the 3rd floor
Auto-Submitted: auto-replied
)H";

const char *const kReadReceipt = R"H(From: Luis Ortega <luis.ortega@contoso.com>
To: <soporte@atiende.example>
Subject: Read: [INC-000123] Printer on the 3rd floor
Date: Tue, 4 Jun 2024 09:45:00 +0000
Message-ID: <AM0PR07MB6113D1E2F3@AM0PR07MB6113.eurprd07.prod.outlook.com>
Content-Type: multipart/report; report-type=disposition-notification;
	boundary="_000_AM0PR07MB6113D1E2F3_"
)H";

const char *const kMailmanList
    = R"H(Return-Path: <users-bounces+soporte=atiende.example@lists.example.org>
From: Carmen Ruiz <carmen@example.net>
To: users@lists.example.org
Subject: [users] Problema con la 2.3
Date: Tue, 4 Jun 2024 12:00:00 +0200
Message-ID: <87h6e3xq2f.fsf@example.net>
List-Id: Usuarios <users.lists.example.org>
List-Unsubscribe: <https://lists.example.org/mailman/options/users>,
 <mailto:users-request@lists.example.org?subject=unsubscribe>
List-Post: <mailto:users@lists.example.org>
Precedence: list
Errors-To: users-bounces+soporte=atiende.example@lists.example.org
)H";

const char *const kNewsletter
    = R"H(Return-Path: <bounce-mc.us21_1234.5678-soporte=atiende.example@mail123.suw17.mcsv.net>
From: Tienda Ejemplo <noticias@tienda.example>
To: <soporte@atiende.example>
Subject: =?utf-8?Q?Ofertas_de_junio?=
Date: Tue, 4 Jun 2024 14:00:00 +0000
Message-ID: <a1b2c3d4e5f6.0.42@mail123.suw17.mcsv.net>
List-Unsubscribe: <https://tienda.us21.list-manage.com/unsubscribe?u=abc&id=def>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Precedence: bulk
)H";

const char *const kJiraNotification = R"H(From: "Pedro Sanz (Jira)" <jira@contoso.atlassian.net>
To: soporte@atiende.example
Subject: [JIRA] (OPS-412) Renovar certificado
Date: Tue, 4 Jun 2024 15:00:00 +0000
Message-ID: <JIRA.10412.1717513200000@Atlassian.JIRA>
Auto-Submitted: auto-generated
Precedence: bulk
)H";

const char *const kSharePointAlert = R"H(From: SharePoint Online <no-reply@sharepointonline.com>
To: soporte@atiende.example
Subject: Documentos compartidos: se ha modificado un elemento
Date: Tue, 4 Jun 2024 15:10:00 +0000
Message-ID: <c0ffee01-2345-6789-abcd-ef0123456789@sharepointonline.com>
X-Auto-Response-Suppress: All
)H";

const char *const kOurOwnMail = R"H(Return-Path: <bounces+t123@atiende.example>
From: Soporte <soporte@atiende.example>
To: soporte@atiende.example
Subject: [INC-000123] Printer on the 3rd floor
Message-ID: <atd.123.459.0011223344556677@atiende.example>
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
X-Atiende-Loop: desk-7f3a9c
)H";

const char *const kAnotherDesk = R"H(From: Service Desk <desk@partner.example>
To: soporte@atiende.example
Subject: [INC-000900] Shared printer
Message-ID: <atd.900.1.aabbccddeeff0011@partner.example>
X-Atiende-Loop: desk-0b1c2d
)H";

const char *const kSieveVacation = R"H(Return-Path: <>
From: Nuria Vidal <nuria@example.org>
To: soporte@atiende.example
Subject: Auto: Re: [INC-000140] Impresora
Message-ID: <dovecot-sieve-1717513200-1234-0@mail.example.org>
Auto-Submitted: auto-replied (vacation)
Precedence: bulk
)H";

const char *const kNullSenderOnly = R"H(Return-Path: < >
From: Mail System <system@legacy.example>
To: soporte@atiende.example
Subject: Delivery failure
)H";

const char *const kEximBounce = R"H(Return-Path: <>
From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: soporte@atiende.example
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: old.user@example.net
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=us-ascii
)H";

const char *const kExplicitlyPersonal = R"H(From: Ana <ana@example.com>
To: soporte@atiende.example
Subject: Sigue sin funcionar
Auto-Submitted: no
Precedence: normal
X-Auto-Response-Suppress: None
)H";

const char *const kOldAutoresponder = R"H(From: Ventas <ventas@example.com>
To: soporte@atiende.example
Subject: Gracias por su mensaje
X-Autorespond: Gracias por su mensaje
)H";

const char *const kPrecedenceAutoReply = R"H(From: info@example.com
To: soporte@atiende.example
Subject: Recibido
Precedence: auto_reply
)H";

const char *const kLowerCaseNames = R"H(from: ana@example.com
to: soporte@atiende.example
auto-submitted: Auto-Replied
)H";

} // namespace

class AutoMailTest : public QObject
{
    Q_OBJECT
private slots:
    void classify_data();
    void classify();
    void deskLoopIdMustBeSet();
    void names();
};

void AutoMailTest::classify_data()
{
    QTest::addColumn<QString>("block");
    QTest::addColumn<AutoKind>("kind");
    QTest::addColumn<QString>("reason");

    QTest::newRow("Thunderbird reply is a person") << kThunderbirdReply << AutoKind::None << "";
    QTest::newRow("Outlook mail with Exchange headers is a person")
        << kOutlookMail << AutoKind::None << "";
    QTest::newRow("forwarded by an Outlook inbox rule is a person")
        << kOutlookRuleForward << AutoKind::None << "";
    QTest::newRow("Exchange out-of-office is an auto-reply")
        << kExchangeOutOfOffice << AutoKind::AutoReply << "Auto-Submitted: auto-generated";
    QTest::newRow("Exchange out-of-office in Spanish is an auto-reply")
        << kExchangeOutOfOfficeSpanish << AutoKind::AutoReply << "Respuesta autom";
    QTest::newRow("Gmail vacation")
        << kGmailVacation << AutoKind::AutoReply << "Auto-Submitted: auto-replied";
    QTest::newRow("Postfix bounce")
        << kPostfixBounce << AutoKind::Bounce << "report-type=delivery-status";
    QTest::newRow("Exchange bounce")
        << kExchangeBounce << AutoKind::Bounce << "X-MS-Exchange-Message-Is-Ndr";
    QTest::newRow("Exim bounce") << kEximBounce << AutoKind::Bounce << "X-Failed-Recipients";
    QTest::newRow("read receipt") << kReadReceipt << AutoKind::AutoGenerated
                                  << "disposition-notification";
    QTest::newRow("Mailman list") << kMailmanList << AutoKind::List << "List-Id";
    QTest::newRow("newsletter") << kNewsletter << AutoKind::Bulk << "Precedence: bulk";
    QTest::newRow("Jira notification")
        << kJiraNotification << AutoKind::AutoGenerated << "Auto-Submitted: auto-generated";
    QTest::newRow("SharePoint alert")
        << kSharePointAlert << AutoKind::AutoGenerated << "X-Auto-Response-Suppress: All";
    QTest::newRow("our own mail came back")
        << kOurOwnMail << AutoKind::Loop << "X-Atiende-Loop: desk-7f3a9c";
    QTest::newRow("another Atiende desk's reply is a person")
        << kAnotherDesk << AutoKind::None << "";
    QTest::newRow("Sieve vacation from <> is an auto-reply, not a bounce")
        << kSieveVacation << AutoKind::AutoReply << "auto-replied";
    QTest::newRow("null Return-Path alone is a bounce")
        << kNullSenderOnly << AutoKind::Bounce << "Return-Path: <>";
    QTest::newRow("Auto-Submitted: no is a person") << kExplicitlyPersonal << AutoKind::None << "";
    QTest::newRow("X-Autorespond") << kOldAutoresponder << AutoKind::AutoReply << "X-Autorespond";
    QTest::newRow("Precedence: auto_reply")
        << kPrecedenceAutoReply << AutoKind::AutoReply << "Precedence: auto_reply";
    QTest::newRow("header names in any case")
        << kLowerCaseNames << AutoKind::AutoReply << "Auto-Replied";
}

void AutoMailTest::classify()
{
    QFETCH(QString, block);
    QFETCH(AutoKind, kind);
    QFETCH(QString, reason);
    const Headers headers = headersOf(block);
    const AutoVerdict verdict
        = Atiende::Core::Mail::classify(headers, valueOf(headers, "Content-Type"),
            addressOf(valueOf(headers, "From")), QString::fromLatin1(kDesk));
    QCOMPARE(toString(verdict.kind), toString(kind));
    QCOMPARE(verdict.isAutomatic(), kind != AutoKind::None);
    if (reason.isEmpty())
        QVERIFY2(verdict.reason.isEmpty(), qPrintable(verdict.reason));
    else
        QVERIFY2(verdict.reason.contains(reason, Qt::CaseInsensitive), qPrintable(verdict.reason));
}

void AutoMailTest::deskLoopIdMustBeSet()
{
    // A desk without a loop id configured must not take every "X-Atiende-Loop:" (empty) as its
    // own.
    const Headers headers { { QStringLiteral("From"), QStringLiteral("ana@example.com") },
        { QStringLiteral("X-Atiende-Loop"), QString() } };
    const AutoVerdict verdict = Atiende::Core::Mail::classify(
        headers, QString(), QStringLiteral("ana@example.com"), QString());
    QCOMPARE(toString(verdict.kind), toString(AutoKind::None));
}

void AutoMailTest::names()
{
    QCOMPARE(toString(AutoKind::None), QStringLiteral("none"));
    QCOMPARE(toString(AutoKind::AutoReply), QStringLiteral("auto-reply"));
    QCOMPARE(toString(AutoKind::AutoGenerated), QStringLiteral("auto-generated"));
    QCOMPARE(toString(AutoKind::Bulk), QStringLiteral("bulk"));
    QCOMPARE(toString(AutoKind::List), QStringLiteral("list"));
    QCOMPARE(toString(AutoKind::Bounce), QStringLiteral("bounce"));
    QCOMPARE(toString(AutoKind::Loop), QStringLiteral("loop"));
}

QTEST_APPLESS_MAIN(AutoMailTest)
#include "tst_automail.moc"
