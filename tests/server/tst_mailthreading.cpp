// Which ticket a mail lands on: the threading corpus of issue 14, each case a message as a
// mail client would send it, parsed by the real parser and written by the real ingestion into
// a real store. Asserts what an agent would see: one ticket or two, how it was threaded, the
// status, who is on the ticket's mail.

#include "deskfixture.h"

#include "server/mail/mailarticles.h"
#include "server/mail/mailingest.h"
#include "server/mail/mimeparser.h"
#include "server/store/store.h"

#include "core/domain/ticketlifecycle.h"
#include "core/domain/timestamp.h"
#include "core/mail/messagetoken.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Server;
using namespace Atiende::Server::Mail;
using Core::TicketStatus;

namespace {

const QByteArray kKey = QByteArray(32, 'k');
const QString kDesk = QStringLiteral("soporte@desk.example");

struct Msg
{
    QString from = QStringLiteral("Núria Peña <nuria@ferreteria.example>");
    QString to = QStringLiteral("Soporte <soporte@desk.example>");
    QString cc;
    QString subject = QStringLiteral("La VPN no conecta");
    QString id;
    QString inReplyTo;
    QString references;
    QStringList extraHeaders;
    QString body = QStringLiteral("Desde esta mañana la VPN no conecta.\n");

    QByteArray raw() const
    {
        QStringList h;
        h << QStringLiteral("From: ") + from << QStringLiteral("To: ") + to;
        if (!cc.isEmpty())
            h << QStringLiteral("Cc: ") + cc;
        h << QStringLiteral("Subject: ") + subject
          << QStringLiteral("Date: Mon, 07 Dec 2026 09:30:00 +0100")
          << QStringLiteral("Message-ID: <%1>").arg(id);
        if (!inReplyTo.isEmpty())
            h << QStringLiteral("In-Reply-To: ") + inReplyTo;
        if (!references.isEmpty())
            h << QStringLiteral("References: ") + references;
        h << extraHeaders << QStringLiteral("MIME-Version: 1.0")
          << QStringLiteral("Content-Type: text/plain; charset=utf-8")
          << QStringLiteral("Content-Transfer-Encoding: 8bit");
        return (h.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n\r\n") + body).toUtf8();
    }
};

} // namespace

class MailThreadingTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void aFirstMailOpensATicketForItsSender();
    void aReplyWithOnlyInReplyToLandsOnTheTicket();
    void onlyReferencesWithOurTokenInTheMiddle();
    void theSubjectTagFromTheRequester();
    void theSubjectTagFromAStrangerOpensALinkedTicket();
    void aForwardWithTheTagFromTheRequester();
    void anAutoResponderIsANoteAndChangesNoStatus();
    void aDeliveryReportLandsOnTheTicketOfTheFailedMail();
    void theUsersReplyToTheirOwnSentMailCcingTheDesk();
    void replyAllByACcdManager();
    void aLateReplyToAClosedTicketOpensALinkedOne();
    void aReplyToAPendingTicketPutsItBackToWork();
    void theSameMessageDeliveredTwiceIsWrittenOnce();
    void aThreadStartedOutsideTheDeskStaysOneTicket();
    void anotherDesksTagIsNotOurs();
    void aMessageTooBrokenToParseStillBecomesATicket();
    void aNewTicketIsAcknowledgedOnceADayPerAddress();
    void anAutoresponderPingPongStopsAfterOneAcknowledgement();
    void aFloodingAddressIsQuarantinedNotDropped();
    void anAgentsPublicReplyIsQueuedToTheRequesterAndTheCcd();
    void aBounceMarksTheSentMailBouncedOnItsTicketAndItsReply();
    // The article's mail object, the ticket's CC list, and the methods on a mail article.
    void anArrivingMailShowsOnItsArticleHowItCameAndWhatWasFolded();
    void aReplyGoesQueuedFailsWithItsErrorAndIsRetriedOnce();
    void mailMethodsRefuseArticlesThatAreNoMailOrNotTheCallers();
    void aCcEditMergesWithAddressesAMailBroughtMeanwhile();
    void aCcListThatIsNoListOrHasBadAddressesIsRefusedWhole();
    void anArticleMovedToAnotherTicketTakesItsThreadAlong();
    void anArticleMovedToANewTicketOpensItForItsAuthor();
    void descriptionsEventsAndClosedTicketsDoNotMove();

private:
    IngestCounts deliver(const QByteArray &raw);
    IngestCounts deliver(const Msg &m) { return deliver(m.raw()); }
    Core::Ticket ticket(qint64 id) { return *m_store->tickets().ticket(id); }
    QString threadedBy(const QString &messageId)
    {
        return m_store->mail().message(messageId)->threadedBy;
    }
    int ticketCount()
    {
        return m_store->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM tickets")).toInt();
    }
    void setStatus(qint64 id, TicketStatus s);
    Caller ana() const { return Caller { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } }; }
    qint64 reply(qint64 ticketId, const QString &body); // ana's public reply, its article id
    // The article an arriving message became.
    qint64 articleOf(const QString &messageId)
    {
        return m_store->mail().message(messageId)->articleId;
    }
    qint64 firstTicket(); // opens INC from Núria's first mail, id "first@ferreteria.example"

    std::unique_ptr<QTemporaryDir> m_dir;
    Test::Desk m_desk;
    std::unique_ptr<Store> m_store;
    MailAccountRow m_account;
};

void MailThreadingTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    QVERIFY(m_store->sync().loadRevision());
    m_account.name = QStringLiteral("soporte");
    m_account.address = kDesk;
    m_account.groupId = m_desk.serviceDesk;
    m_account.imap = { { QStringLiteral("host"), QStringLiteral("127.0.0.1") } };
    m_account.createdAt = 1;
    const OpResult r = Test::commit(*m_store, [&] {
        m_account.id = m_store->mail().insertAccount(m_account);
        if (!m_account.id)
            qWarning() << "insertAccount:" << m_store->sql().lastError();
        return m_account.id ? OpResult::success(QJsonValue())
                            : OpResult::failure(Core::Protocol::ErrorCode::InternalError);
    });
    QVERIFY(r.ok);
}

void MailThreadingTest::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

IngestCounts MailThreadingTest::deliver(const QByteArray &raw)
{
    ArrivedMail m;
    m.uid = ++m_account.lastUid;
    m.raw = raw;
    m.mail = MimeParser::parse(raw, QStringLiteral("desk-loop-id"));
    IngestCounts counts;
    ThreadingSettings settings;
    settings.tokenKey = kKey;
    settings.reopenDays = 14;
    const OpResult r = Test::commit(*m_store, [&] {
        return MailIngest::apply(
            *m_store, m_account, 7, { m }, settings, Core::Timestamp::now(), &counts);
    });
    if (!r.ok)
        qWarning() << "ingest failed:" << r.error.message;
    return counts;
}

void MailThreadingTest::setStatus(qint64 id, TicketStatus s)
{
    const OpResult r = Test::commit(*m_store, [&] {
        Core::Ticket t = ticket(id);
        Caller admin { m_desk.admin, Core::Role::Admin, { m_desk.serviceDesk } };
        QJsonObject fields { { QStringLiteral("status"), Core::wireName(s) } };
        if (Core::TicketLifecycle::needsAssignee(s) && !t.assigneeId)
            fields.insert(QStringLiteral("assigneeId"), double(m_desk.ana));
        return m_store->tickets().update(admin, id, t.version, fields, Core::Timestamp::now());
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
}

qint64 MailThreadingTest::firstTicket()
{
    Msg m;
    m.id = QStringLiteral("first@ferreteria.example");
    const IngestCounts c = deliver(m);
    return c.ticketIds.value(0);
}

void MailThreadingTest::aFirstMailOpensATicketForItsSender()
{
    Msg m;
    m.from = QStringLiteral("Marta Ruiz <marta@nueva.example>");
    m.id = QStringLiteral("hello@nueva.example");
    const IngestCounts c = deliver(m);
    QCOMPARE(c.created, 1);
    const Core::Ticket t = ticket(c.ticketIds.first());
    QCOMPARE(t.subject, QStringLiteral("La VPN no conecta"));
    QCOMPARE(t.channel, Core::Channel::Email);
    QCOMPARE(t.groupId, m_desk.serviceDesk);
    const auto customer = m_store->directory().customer(t.customerId);
    QVERIFY(customer);
    QCOMPARE(customer->email, QStringLiteral("marta@nueva.example"));
    QCOMPARE(customer->name, QStringLiteral("Marta Ruiz"));
    QCOMPARE(customer->language, QStringLiteral("es")); // she wrote in Spanish: answered so
    Msg english;
    english.from = QStringLiteral("John Smith <john@newco.example>");
    english.id = QStringLiteral("hello@newco.example");
    english.subject = QStringLiteral("Cannot print");
    english.body = QStringLiteral("Hello, the printer on the second floor is not working and it "
                                  "shows an error. Thanks for your help.\n");
    const IngestCounts e = deliver(english);
    QCOMPARE(m_store->directory().customer(ticket(e.ticketIds.first()).customerId)->language,
        QStringLiteral("en"));
    QCOMPARE(threadedBy(m.id), QStringLiteral("new"));
    // The read position moved with the commit.
    QCOMPARE(m_store->mail().account(m_account.id)->lastUid, m_account.lastUid);
    QVERIFY(m_store->mail().raw(m_store->mail().message(m.id)->id)->contains("VPN no conecta"));
}

void MailThreadingTest::aReplyWithOnlyInReplyToLandsOnTheTicket()
{
    const qint64 id = firstTicket();
    Msg reply;
    reply.id = QStringLiteral("second@ferreteria.example");
    reply.subject = QStringLiteral("Re: otra cosa distinta");
    reply.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    reply.body = QStringLiteral("Sigue sin funcionar.\n");
    const IngestCounts c = deliver(reply);
    QCOMPARE(c.threaded, 1);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(ticketCount(), 1);
    QCOMPARE(threadedBy(reply.id), QStringLiteral("in-reply-to"));
    QCOMPARE(m_store->tickets().articles(id).last().body, QStringLiteral("Sigue sin funcionar."));
}

void MailThreadingTest::onlyReferencesWithOurTokenInTheMiddle()
{
    const qint64 id = firstTicket();
    const qint64 articleId = m_store->tickets().articles(id).first().id;
    const QString ours
        = Core::Mail::MessageToken::make(id, articleId, kKey, QStringLiteral("desk.example"));
    Msg reply;
    reply.id = QStringLiteral("third@elsewhere.example");
    reply.subject = QStringLiteral("Re: Re: asunto cambiado");
    reply.references = QStringLiteral("<unknown-1@x.example> %1 <unknown-2@y.example>").arg(ours);
    const IngestCounts c = deliver(reply);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(threadedBy(reply.id), QStringLiteral("token"));
    // A forged token (right shape, wrong signature) is not believed.
    Msg forged;
    forged.id = QStringLiteral("forged@evil.example");
    forged.from = QStringLiteral("evil@evil.example");
    forged.subject = QStringLiteral("hola");
    forged.inReplyTo
        = QStringLiteral("<atd.%1.%2.0123456789abcdef@desk.example>").arg(id).arg(articleId);
    const IngestCounts f = deliver(forged);
    QCOMPARE(f.created, 1);
    QVERIFY(f.ticketIds.first() != id);
}

void MailThreadingTest::theSubjectTagFromTheRequester()
{
    const qint64 id = firstTicket();
    Msg m;
    m.id = QStringLiteral("tagged@ferreteria.example");
    m.subject = QStringLiteral("RE: [%1] La VPN no conecta").arg(ticket(id).number);
    const IngestCounts c = deliver(m);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(threadedBy(m.id), QStringLiteral("subject-tag"));
}

void MailThreadingTest::theSubjectTagFromAStrangerOpensALinkedTicket()
{
    const qint64 id = firstTicket();
    Msg m;
    m.from = QStringLiteral("desconocido@otra.example");
    m.id = QStringLiteral("stranger@otra.example");
    m.subject = QStringLiteral("[%1] quiero ver este ticket").arg(ticket(id).number);
    const IngestCounts c = deliver(m);
    QCOMPARE(c.created, 1);
    const qint64 made = c.ticketIds.first();
    QVERIFY(made != id);
    QCOMPARE(threadedBy(m.id), QStringLiteral("new-linked"));
    QVERIFY(
        m_store->mail().message(m.id)->note.contains(QStringLiteral("desconocido@otra.example")));
    // Both tickets say so in their conversation.
    QVERIFY(m_store->tickets().articles(made).last().body.contains(ticket(id).number));
    QVERIFY(m_store->tickets().articles(id).last().body.contains(ticket(made).number));
}

void MailThreadingTest::aForwardWithTheTagFromTheRequester()
{
    const qint64 id = firstTicket();
    Msg m;
    m.id = QStringLiteral("fwd@ferreteria.example");
    m.subject = QStringLiteral("Fwd: [%1] La VPN no conecta").arg(ticket(id).number);
    m.body = QStringLiteral("Os reenvío el error.\n\n---------- Forwarded message ---------\nFrom: "
                            "vpn@ferreteria.example\nError 809\n");
    const IngestCounts c = deliver(m);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QVERIFY(m_store->tickets().articles(id).last().body.contains(QStringLiteral("Error 809")));
}

void MailThreadingTest::anAutoResponderIsANoteAndChangesNoStatus()
{
    const qint64 id = firstTicket();
    setStatus(id, TicketStatus::PendingCustomer);
    const qint64 articleId = m_store->tickets().articles(id).first().id;
    Msg ooo;
    ooo.id = QStringLiteral("ooo@ferreteria.example");
    ooo.subject = QStringLiteral("Fuera de la oficina: La VPN no conecta");
    ooo.inReplyTo
        = Core::Mail::MessageToken::make(id, articleId, kKey, QStringLiteral("desk.example"));
    ooo.extraHeaders << QStringLiteral("Auto-Submitted: auto-replied");
    ooo.body = QStringLiteral("Estaré fuera hasta el lunes.\n");
    const IngestCounts c = deliver(ooo);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(c.automatic, 1);
    QCOMPARE(ticket(id).status, TicketStatus::PendingCustomer);
    QCOMPARE(m_store->tickets().articles(id).last().kind, Core::ArticleKind::InternalNote);
    QCOMPARE(m_store->mail().message(ooo.id)->automatic, QStringLiteral("auto-reply"));
}

void MailThreadingTest::aDeliveryReportLandsOnTheTicketOfTheFailedMail()
{
    const qint64 id = firstTicket();
    const qint64 articleId = m_store->tickets().articles(id).first().id;
    const QString ours
        = Core::Mail::MessageToken::make(id, articleId, kKey, QStringLiteral("desk.example"));
    const QByteArray dsn = QStringLiteral(
        "From: Mail Delivery System <MAILER-DAEMON@mx.ferreteria.example>\r\n"
        "To: soporte@desk.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Date: Mon, 07 Dec 2026 10:00:00 +0100\r\n"
        "Message-ID: <dsn-1@mx.ferreteria.example>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"BND\"\r\n\r\n"
        "--BND\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        "I'm sorry to have to inform you that your message could not be delivered.\r\n\r\n"
        "--BND\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.ferreteria.example\r\n\r\n"
        "Final-Recipient: rfc822; nuria@ferreteria.example\r\nAction: failed\r\n"
        "Status: 5.1.1\r\n\r\n"
        "--BND\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        "From: soporte@desk.example\r\nTo: nuria@ferreteria.example\r\n"
        "Subject: [INC-000001] La VPN no conecta\r\nMessage-ID: %1\r\n\r\n"
        "--BND--\r\n")
                               .arg(ours)
                               .toUtf8();
    const IngestCounts c = deliver(dsn);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(c.automatic, 1);
    QCOMPARE(m_store->tickets().articles(id).last().kind, Core::ArticleKind::InternalNote);
    QCOMPARE(ticketCount(), 1);
}

void MailThreadingTest::theUsersReplyToTheirOwnSentMailCcingTheDesk()
{
    const qint64 id = firstTicket();
    Msg own;
    own.id = QStringLiteral("own-followup@ferreteria.example");
    own.to = QStringLiteral("jefe@ferreteria.example");
    own.cc = kDesk;
    own.subject = QStringLiteral("Re: La VPN no conecta");
    own.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    own.references = QStringLiteral("<first@ferreteria.example>");
    const IngestCounts c = deliver(own);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(ticketCount(), 1);
    // The ticket's CC list takes in the people this mail went to, never the desk itself.
    const auto t = m_store->tickets().ticket(id);
    QVERIFY(t->cc.contains(QStringLiteral("jefe@ferreteria.example")));
    QVERIFY(!t->cc.contains(kDesk));
}

void MailThreadingTest::replyAllByACcdManager()
{
    Msg first;
    first.id = QStringLiteral("with-cc@ferreteria.example");
    first.cc = QStringLiteral("Jefa <jefa@ferreteria.example>");
    const qint64 id = deliver(first).ticketIds.value(0);
    QVERIFY(id);
    Msg all;
    all.from = QStringLiteral("Jefa <jefa@ferreteria.example>");
    all.to = QStringLiteral("nuria@ferreteria.example, soporte@desk.example");
    all.id = QStringLiteral("reply-all@ferreteria.example");
    all.subject = QStringLiteral("RE: La VPN no conecta");
    all.inReplyTo = QStringLiteral("<with-cc@ferreteria.example>");
    all.body = QStringLiteral("Es urgente, por favor.\n");
    const IngestCounts c = deliver(all);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
    QCOMPARE(ticketCount(), 1);
    // The manager's tag mail is accepted from now on: she is on the ticket's mail.
    Msg tagged;
    tagged.from = QStringLiteral("jefa@ferreteria.example");
    tagged.id = QStringLiteral("jefa-tag@ferreteria.example");
    tagged.subject = QStringLiteral("[%1] ¿novedades?").arg(ticket(id).number);
    QCOMPARE(deliver(tagged).ticketIds, QList<qint64> { id });
}

void MailThreadingTest::aLateReplyToAClosedTicketOpensALinkedOne()
{
    const qint64 id = firstTicket();
    setStatus(id, TicketStatus::Resolved);
    setStatus(id, TicketStatus::Closed);
    Msg late;
    late.id = QStringLiteral("late@ferreteria.example");
    late.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    late.subject = QStringLiteral("Re: La VPN no conecta");
    late.body = QStringLiteral("Ha vuelto a pasar.\n");
    const IngestCounts c = deliver(late);
    QCOMPARE(c.created, 1);
    QVERIFY(c.ticketIds.first() != id);
    QCOMPARE(ticket(id).status, TicketStatus::Closed);
    QCOMPARE(threadedBy(late.id), QStringLiteral("new-linked"));
}

void MailThreadingTest::aReplyToAPendingTicketPutsItBackToWork()
{
    const qint64 id = firstTicket();
    setStatus(id, TicketStatus::PendingCustomer);
    Msg reply;
    reply.id = QStringLiteral("answer@ferreteria.example");
    reply.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    reply.body = QStringLiteral("Aquí tenéis la captura.\n");
    QCOMPARE(deliver(reply).ticketIds, QList<qint64> { id });
    QCOMPARE(ticket(id).status, TicketStatus::InProgress);
    // And a resolved one reopens within the window.
    setStatus(id, TicketStatus::Resolved);
    Msg again;
    again.id = QStringLiteral("again@ferreteria.example");
    again.inReplyTo = QStringLiteral("<answer@ferreteria.example>");
    QCOMPARE(deliver(again).ticketIds, QList<qint64> { id });
    QCOMPARE(ticket(id).status, TicketStatus::InProgress);
}

void MailThreadingTest::theSameMessageDeliveredTwiceIsWrittenOnce()
{
    Msg m;
    m.id = QStringLiteral("twice@ferreteria.example");
    QCOMPARE(deliver(m).created, 1);
    const IngestCounts again = deliver(m);
    QCOMPARE(again.duplicates, 1);
    QCOMPARE(again.created + again.threaded, 0);
    QCOMPARE(ticketCount(), 1);
}

void MailThreadingTest::aThreadStartedOutsideTheDeskStaysOneTicket()
{
    // Ana at the customer writes to a colleague (X, not to the desk); he answers all with the
    // desk in CC (Y): a ticket. Then she answers X herself, desk in CC: the same ticket.
    Msg y;
    y.from = QStringLiteral("pedro@ferreteria.example");
    y.cc = kDesk;
    y.id = QStringLiteral("y@ferreteria.example");
    y.subject = QStringLiteral("Re: impresora");
    y.inReplyTo = QStringLiteral("<x@ferreteria.example>");
    y.references = QStringLiteral("<x@ferreteria.example>");
    const qint64 id = deliver(y).ticketIds.value(0);
    QVERIFY(id);
    Msg sibling;
    sibling.id = QStringLiteral("z@ferreteria.example");
    sibling.cc = kDesk;
    sibling.subject = QStringLiteral("Re: impresora");
    sibling.inReplyTo = QStringLiteral("<x@ferreteria.example>");
    sibling.references = QStringLiteral("<x@ferreteria.example>");
    QCOMPARE(deliver(sibling).ticketIds, QList<qint64> { id });
    QCOMPARE(ticketCount(), 1);
    // And X itself, forwarded to the desk later with its own id, is not taken for a duplicate.
    Msg x;
    x.id = QStringLiteral("x@ferreteria.example");
    x.subject = QStringLiteral("impresora");
    const IngestCounts c = deliver(x);
    QCOMPARE(c.duplicates, 0);
    QCOMPARE(c.ticketIds, QList<qint64> { id });
}

void MailThreadingTest::anotherDesksTagIsNotOurs()
{
    const qint64 id = firstTicket();
    Msg m;
    m.id = QStringLiteral("other-desk@ferreteria.example");
    m.subject = QStringLiteral("Re: [#%1] Ticket del proveedor").arg(id);
    const IngestCounts c = deliver(m);
    QCOMPARE(c.created, 1);
    QCOMPARE(ticketCount(), 2);
}

void MailThreadingTest::aMessageTooBrokenToParseStillBecomesATicket()
{
    const QByteArray broken = "From: \xff\xfe broken <\r\nSubject: =?utf-8?B?////?=\r\n"
                              "Content-Type: multipart/mixed; boundary=\"never\"\r\n\r\n"
                              "--never\r\nContent-Type: text/plain\r\n\r\nhalf a mess";
    const IngestCounts c = deliver(broken);
    QCOMPARE(c.created + c.threaded, 1);
}

void MailThreadingTest::aNewTicketIsAcknowledgedOnceADayPerAddress()
{
    Msg a;
    a.id = QStringLiteral("a1@ferreteria.example");
    const IngestCounts first = deliver(a);
    QCOMPARE(first.acknowledged, 1);
    const auto queued = m_store->mail().outboxOfTicket(first.ticketIds.first());
    QCOMPARE(queued.size(), 1);
    QCOMPARE(queued.first().kind, QStringLiteral("ack"));
    QCOMPARE(queued.first().toAddress, QStringLiteral("nuria@ferreteria.example"));
    Msg b;
    b.id = QStringLiteral("a2@ferreteria.example");
    b.subject = QStringLiteral("Otra cosa: la impresora");
    const IngestCounts second = deliver(b);
    QCOMPARE(second.created, 1);
    QCOMPARE(second.acknowledged, 0);
}

void MailThreadingTest::anAutoresponderPingPongStopsAfterOneAcknowledgement()
{
    // A robot that answers every mail it gets, without saying it is one.
    Msg m;
    m.from = QStringLiteral("robot@proveedor.example");
    m.id = QStringLiteral("robot-0@proveedor.example");
    m.subject = QStringLiteral("Aviso");
    IngestCounts c = deliver(m);
    const qint64 id = c.ticketIds.first();
    int acks = c.acknowledged;
    for (int i = 1; i <= 5; ++i) {
        Msg answer;
        answer.from = m.from;
        answer.id = QStringLiteral("robot-%1@proveedor.example").arg(i);
        answer.subject = QStringLiteral("Re: Aviso");
        // It answers our acknowledgement, whose Message-ID names the ticket's first message.
        answer.inReplyTo = Core::Mail::MessageToken::make(
            id, m_store->tickets().articles(id).first().id, kKey, QStringLiteral("desk.example"));
        c = deliver(answer);
        acks += c.acknowledged;
        QCOMPARE(c.ticketIds, QList<qint64> { id });
    }
    QCOMPARE(acks, 1);
    QCOMPARE(ticketCount(), 1);
}

void MailThreadingTest::aFloodingAddressIsQuarantinedNotDropped()
{
    int quarantined = 0;
    for (int i = 0; i < 35; ++i) {
        Msg m;
        m.from = QStringLiteral("flood@spam.example");
        m.id = QStringLiteral("flood-%1@spam.example").arg(i);
        m.subject = QStringLiteral("Oferta %1").arg(i);
        quarantined += deliver(m).quarantined;
    }
    QCOMPARE(quarantined, 5);
    QCOMPARE(ticketCount(), 30);
    const auto kept = m_store->mail().message(QStringLiteral("flood-34@spam.example"));
    QVERIFY(kept);
    QCOMPARE(kept->threadedBy, QStringLiteral("quarantine"));
    QVERIFY(m_store->mail().raw(kept->id));
}

void MailThreadingTest::anAgentsPublicReplyIsQueuedToTheRequesterAndTheCcd()
{
    Msg first;
    first.id = QStringLiteral("q@ferreteria.example");
    first.cc
        = QStringLiteral("Jefa <jefa@ferreteria.example>, soporte@desk.example, ana@desk.example");
    const qint64 id = deliver(first).ticketIds.value(0);
    const OpResult r = Test::commit(*m_store, [&] {
        Caller ana { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } };
        return m_store->tickets().addArticle(ana, id, Core::ArticleKind::PublicReply,
            QStringLiteral("Reinicie el cliente VPN, por favor."), Core::Timestamp::now());
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const auto outbox = m_store->mail().outboxOfTicket(id);
    QCOMPARE(outbox.size(), 2); // the acknowledgement and the reply
    const OutboxRow reply = outbox.last();
    QCOMPARE(reply.kind, QStringLiteral("reply"));
    QCOMPARE(reply.toAddress, QStringLiteral("nuria@ferreteria.example"));
    QCOMPARE(reply.recipients.value(QStringLiteral("cc")).toArray(),
        QJsonArray { QStringLiteral("jefa@ferreteria.example") });
    // A note goes nowhere.
    const OpResult note = Test::commit(*m_store, [&] {
        Caller ana { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } };
        return m_store->tickets().addArticle(ana, id, Core::ArticleKind::InternalNote,
            QStringLiteral("Creo que es el certificado."), Core::Timestamp::now());
    });
    QVERIFY(note.ok);
    QCOMPARE(m_store->mail().outboxOfTicket(id).size(), 2);
}

void MailThreadingTest::aBounceMarksTheSentMailBouncedOnItsTicketAndItsReply()
{
    const qint64 id = firstTicket();
    qint64 replyId = 0;
    const OpResult r = Test::commit(*m_store, [&] {
        Caller ana { m_desk.ana, Core::Role::Agent, { m_desk.serviceDesk } };
        OpResult a = m_store->tickets().addArticle(ana, id, Core::ArticleKind::PublicReply,
            QStringLiteral("Pruebe ahora."), Core::Timestamp::now());
        replyId = a.result.toObject()
                      .value(QStringLiteral("article"))
                      .toObject()
                      .value(QStringLiteral("id"))
                      .toInteger();
        return a;
    });
    QVERIFY(r.ok);
    const OutboxRow queued = m_store->mail().outboxOfTicket(id).last();
    QString token
        = Core::Mail::MessageToken::make(id, replyId, kKey, QStringLiteral("desk.example"));
    token = token.mid(1, token.size() - 2);
    QVERIFY(Test::commit(*m_store, [&] {
        return m_store->mail().markSent(queued.id, token, Core::Timestamp::now())
            ? OpResult::success(QJsonValue())
            : OpResult::failure(Core::Protocol::ErrorCode::InternalError);
    }).ok);
    const QByteArray dsn = QStringLiteral(
        "From: MAILER-DAEMON@mx.ferreteria.example\r\nTo: soporte@desk.example\r\n"
        "Subject: Undelivered Mail\r\nMessage-ID: <dsn-2@mx.ferreteria.example>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nNo such user.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
        "Final-Recipient: rfc822; nuria@ferreteria.example\r\nAction: failed\r\nStatus: "
        "5.1.1\r\n\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <%1>\r\n\r\n--B--\r\n")
                               .arg(token)
                               .toUtf8();
    QCOMPARE(deliver(dsn).ticketIds, QList<qint64> { id });
    const auto after = m_store->mail().outboxRow(queued.id);
    QCOMPARE(after->state, QStringLiteral("bounced"));
    QVERIFY(after->lastError.contains(QStringLiteral("nuria@ferreteria.example")));
    // The reply shows it came back, and why; the bounce itself adds nobody to the CC list.
    const auto reply = m_store->tickets().article(replyId);
    QVERIFY(reply->mail);
    QCOMPARE(reply->mail->state, Core::ArticleMail::State::Bounced);
    QVERIFY(reply->mail->error.contains(QStringLiteral("nuria@ferreteria.example")));
    QVERIFY(!m_store->tickets().ticket(id)->cc.contains(
        QStringLiteral("mailer-daemon@mx.ferreteria.example")));
    QVERIFY(m_store->tickets().articles(id).last().body.contains(QStringLiteral("did not arrive")));
}

qint64 MailThreadingTest::reply(qint64 ticketId, const QString &body)
{
    qint64 id = 0;
    const OpResult r = Test::commit(*m_store, [&] {
        OpResult a = m_store->tickets().addArticle(
            ana(), ticketId, Core::ArticleKind::PublicReply, body, Core::Timestamp::now());
        id = a.result.toObject()
                 .value(QStringLiteral("article"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toInteger();
        return a;
    });
    if (!r.ok)
        qWarning() << "reply refused:" << r.error.message;
    return r.ok ? id : 0;
}

void MailThreadingTest::anArrivingMailShowsOnItsArticleHowItCameAndWhatWasFolded()
{
    Msg m;
    m.id = QStringLiteral("cc-first@ferreteria.example");
    m.cc = QStringLiteral("Jefa <Jefa@Ferreteria.example>, soporte@desk.example");
    const qint64 id = deliver(m).ticketIds.value(0);
    QVERIFY(id);
    // The desk's own address is no CC of the ticket; the others are, lower case.
    QCOMPARE(ticket(id).cc, QStringList { QStringLiteral("jefa@ferreteria.example") });
    const auto first = m_store->tickets().article(articleOf(m.id));
    QVERIFY(first && first->mail);
    QCOMPARE(first->mail->direction, Core::ArticleMail::Direction::In);
    QCOMPARE(first->mail->from, QStringLiteral("Núria Peña <nuria@ferreteria.example>"));
    QCOMPARE(first->mail->to, QStringList { kDesk });
    QCOMPARE(first->mail->cc, QStringList({ QStringLiteral("jefa@ferreteria.example"), kDesk }));
    QCOMPARE(first->mail->subject, QStringLiteral("La VPN no conecta"));
    QCOMPARE(first->mail->threadedBy, QStringLiteral("new"));
    QVERIFY(!first->mail->hasQuoted);
    QVERIFY(!first->mail->hasHtml);
    // The wire object comes back from the row as it was written.
    QCOMPARE(m_store->entityData(QStringLiteral("article"), first->id)
                 .value(QStringLiteral("mail"))
                 .toObject(),
        first->mail->toJson());

    Msg answer;
    answer.id = QStringLiteral("cc-second@ferreteria.example");
    answer.inReplyTo = QStringLiteral("<cc-first@ferreteria.example>");
    answer.subject = QStringLiteral("Re: La VPN no conecta");
    answer.body = QStringLiteral("Sigue igual.\n\nEl lun, 7 dic 2026, Soporte escribió:\n"
                                 "> ¿Ha reiniciado el equipo?\n> Un saludo\n");
    QCOMPARE(deliver(answer).ticketIds, QList<qint64> { id });
    const auto second = m_store->tickets().article(articleOf(answer.id));
    QVERIFY(second && second->mail);
    QCOMPARE(second->mail->threadedBy, QStringLiteral("in-reply-to"));
    QVERIFY(second->mail->hasQuoted);
    QVERIFY(!second->body.contains(QStringLiteral("reiniciado")));
    const OpResult message = MailArticles::message(*m_store, ana(), second->id);
    QVERIFY2(message.ok, qPrintable(message.error.message));
    const QJsonObject o = message.result.toObject();
    QVERIFY(o.value(QStringLiteral("quoted")).toString().contains(QStringLiteral("reiniciado")));
    QCOMPARE(o.value(QStringLiteral("messageId")).toString(), answer.id);
    QCOMPARE(o.value(QStringLiteral("subject")).toString(), answer.subject);
    QCOMPARE(o.value(QStringLiteral("html")).toString(), QString());
    QCOMPARE(o.value(QStringLiteral("rawSize")).toInteger(), qint64(answer.raw().size()));
}

void MailThreadingTest::aReplyGoesQueuedFailsWithItsErrorAndIsRetriedOnce()
{
    Msg m;
    m.id = QStringLiteral("retry-first@ferreteria.example");
    m.cc = QStringLiteral("jefa@ferreteria.example");
    const qint64 id = deliver(m).ticketIds.value(0);
    const qint64 replyId = reply(id, QStringLiteral("Pruebe ahora."));
    QVERIFY(replyId);
    auto a = m_store->tickets().article(replyId);
    QVERIFY(a && a->mail);
    QCOMPARE(a->mail->direction, Core::ArticleMail::Direction::Out);
    QCOMPARE(a->mail->state, Core::ArticleMail::State::Queued);
    QCOMPARE(a->mail->from, kDesk);
    QCOMPARE(a->mail->to, QStringList { QStringLiteral("nuria@ferreteria.example") });
    QCOMPARE(a->mail->cc, QStringList { QStringLiteral("jefa@ferreteria.example") });
    QVERIFY(a->mail->subject.startsWith(QStringLiteral("Re: [INC-")));
    QCOMPARE(MailArticles::retry(*m_store, ana(), replyId, Core::Timestamp::now()).error.code,
        Core::Protocol::ErrorCode::ValidationFailed); // queued: nothing failed yet

    const OutboxRow row = m_store->mail().outboxOfArticle(replyId).value(0);
    QCOMPARE(row.kind, QStringLiteral("reply"));
    // A try that failed for now: still queued, with its error and attempts.
    QVERIFY(Test::commit(*m_store, [&] {
        if (!m_store->mail().markFailed(
                row.id, 1, Core::Timestamp::now() + 60000, QStringLiteral("timed out"), false))
            return OpResult::failure(Core::Protocol::ErrorCode::InternalError);
        return MailArticles::outboxChanged(*m_store, row.id);
    }).ok);
    a = m_store->tickets().article(replyId);
    QCOMPARE(a->mail->state, Core::ArticleMail::State::Queued);
    QCOMPARE(a->mail->error, QStringLiteral("timed out"));
    QCOMPARE(a->mail->attempts, 1);
    QCOMPARE(MailArticles::retry(*m_store, ana(), replyId, Core::Timestamp::now()).error.code,
        Core::Protocol::ErrorCode::ValidationFailed); // still queued: nothing to retry
    const qint64 revBefore = m_store->sync().committedRevision();
    QList<Change> changes;
    QVERIFY(Test::commit(*m_store, [&] {
        if (!m_store->mail().markFailed(row.id, 6, 0, QStringLiteral("connection refused"), true))
            return OpResult::failure(Core::Protocol::ErrorCode::InternalError);
        OpResult r = MailArticles::outboxChanged(*m_store, row.id);
        changes = r.changes;
        return r;
    }).ok);
    a = m_store->tickets().article(replyId);
    QCOMPARE(a->mail->state, Core::ArticleMail::State::Failed);
    QCOMPARE(a->mail->error, QStringLiteral("connection refused"));
    QCOMPARE(a->mail->attempts, 6);
    // One upsert of the article, at a revision of its own, for the feed.
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().entity, QStringLiteral("article"));
    QVERIFY(changes.first().rev > revBefore);
    QCOMPARE(changes.first().groupId, m_desk.serviceDesk);

    // Someone outside the ticket's group may not retry it.
    const Caller bruno { m_desk.bruno, Core::Role::Agent, { m_desk.network } };
    QCOMPARE(MailArticles::retry(*m_store, bruno, replyId, Core::Timestamp::now()).error.code,
        Core::Protocol::ErrorCode::Forbidden);
    const OpResult retried = Test::commit(*m_store,
        [&] { return MailArticles::retry(*m_store, ana(), replyId, Core::Timestamp::now()); });
    QVERIFY2(retried.ok, qPrintable(retried.error.message));
    QCOMPARE(retried.result.toObject()
                 .value(QStringLiteral("article"))
                 .toObject()
                 .value(QStringLiteral("mail"))
                 .toObject()
                 .value(QStringLiteral("state"))
                 .toString(),
        QStringLiteral("queued"));
    QCOMPARE(m_store->mail().outboxRow(row.id)->state, QStringLiteral("queued"));
    QCOMPARE(m_store->mail().dueMail(Core::Timestamp::now() + 1, 10).size(), 2); // ack + reply
    const OpResult again = Test::commit(*m_store,
        [&] { return MailArticles::retry(*m_store, ana(), replyId, Core::Timestamp::now()); });
    QCOMPARE(again.error.code, Core::Protocol::ErrorCode::ValidationFailed);
    QVERIFY(again.error.message.contains(QStringLiteral("queued")));
}

void MailThreadingTest::mailMethodsRefuseArticlesThatAreNoMailOrNotTheCallers()
{
    const qint64 id = firstTicket();
    qint64 noteId = 0;
    QVERIFY(Test::commit(*m_store, [&] {
        OpResult r = m_store->tickets().addArticle(ana(), id, Core::ArticleKind::InternalNote,
            QStringLiteral("Una nota."), Core::Timestamp::now());
        noteId = r.result.toObject()
                     .value(QStringLiteral("article"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger();
        return r;
    }).ok);
    QVERIFY(!m_store->tickets().article(noteId)->mail); // a note goes nowhere
    const OpResult noMail = MailArticles::message(*m_store, ana(), noteId);
    QCOMPARE(noMail.error.code, Core::Protocol::ErrorCode::NotFound);
    QVERIFY(noMail.error.message.contains(QStringLiteral("no mail")));
    QCOMPARE(MailArticles::message(*m_store, ana(), 999999).error.code,
        Core::Protocol::ErrorCode::NotFound);
    const Caller bruno { m_desk.bruno, Core::Role::Agent, { m_desk.network } };
    QCOMPARE(MailArticles::message(
                 *m_store, bruno, articleOf(QStringLiteral("first@ferreteria.example")))
                 .error.code,
        Core::Protocol::ErrorCode::Forbidden);
    QCOMPARE(MailArticles::retry(*m_store, ana(), noteId, Core::Timestamp::now()).error.code,
        Core::Protocol::ErrorCode::ValidationFailed);
}

void MailThreadingTest::aCcEditMergesWithAddressesAMailBroughtMeanwhile()
{
    const qint64 id = firstTicket();
    const int seen = ticket(id).version; // what ana's console holds
    // Meanwhile Núria answers to all, CC'ing her boss.
    Msg all;
    all.id = QStringLiteral("reply-all@ferreteria.example");
    all.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    all.cc = QStringLiteral("Jefe <jefe@ferreteria.example>");
    QCOMPARE(deliver(all).ticketIds, QList<qint64> { id });
    QCOMPARE(ticket(id).cc, QStringList { QStringLiteral("jefe@ferreteria.example") });
    QVERIFY(ticket(id).version > seen); // the ticket moved: consoles get the new list

    // Ana, from the version she saw, adds two addresses (one in capitals).
    const OpResult r = Test::commit(*m_store, [&] {
        return m_store->tickets().update(ana(), id, seen,
            { { QStringLiteral("cc"),
                QJsonArray { QStringLiteral("IT@ferreteria.example"),
                    QStringLiteral("tom@ferreteria.example") } } },
            Core::Timestamp::now());
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("conflicts")).toArray().size(), 0);
    const QStringList expected { QStringLiteral("jefe@ferreteria.example"),
        QStringLiteral("it@ferreteria.example"), QStringLiteral("tom@ferreteria.example") };
    QCOMPARE(ticket(id).cc, expected);
    QCOMPARE(r.result.toObject()
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("cc"))
                 .toArray(),
        QJsonArray::fromStringList(expected));
    // The conversation says so, as for any field.
    const Core::Article event = m_store->tickets().articles(id).last();
    QCOMPARE(event.kind, Core::ArticleKind::SystemEvent);
    const QJsonObject change = m_store->entityData(QStringLiteral("article"), event.id)
                                   .value(QStringLiteral("data"))
                                   .toObject()
                                   .value(QStringLiteral("changes"))
                                   .toArray()
                                   .first()
                                   .toObject();
    QCOMPARE(change.value(QStringLiteral("field")).toString(), QStringLiteral("cc"));
    QCOMPARE(change.value(QStringLiteral("from")).toArray(),
        QJsonArray { QStringLiteral("jefe@ferreteria.example") });
    QCOMPARE(change.value(QStringLiteral("to")).toArray(), QJsonArray::fromStringList(expected));

    // Removing one keeps the rest; the next reply goes to the requester and the list left.
    const OpResult removed = Test::commit(*m_store, [&] {
        return m_store->tickets().update(ana(), id, ticket(id).version,
            { { QStringLiteral("cc"),
                QJsonArray { QStringLiteral("jefe@ferreteria.example"),
                    QStringLiteral("it@ferreteria.example") } } },
            Core::Timestamp::now());
    });
    QVERIFY(removed.ok);
    QCOMPARE(ticket(id).cc,
        QStringList({ QStringLiteral("jefe@ferreteria.example"),
            QStringLiteral("it@ferreteria.example") }));
    const qint64 replyId = reply(id, QStringLiteral("Ya está."));
    const OutboxRow out = m_store->mail().outboxOfArticle(replyId).value(0);
    QCOMPARE(out.recipients.value(QStringLiteral("cc")).toArray(),
        QJsonArray({ QStringLiteral("jefe@ferreteria.example"),
            QStringLiteral("it@ferreteria.example") }));
}

void MailThreadingTest::aCcListThatIsNoListOrHasBadAddressesIsRefusedWhole()
{
    const qint64 id = firstTicket();
    const auto update = [&](const QJsonValue &cc) {
        return Test::commit(*m_store, [&] {
            return m_store->tickets().update(ana(), id, ticket(id).version,
                { { QStringLiteral("cc"), cc } }, Core::Timestamp::now());
        });
    };
    const int version = ticket(id).version;
    const OpResult notList = update(QStringLiteral("jefe@ferreteria.example"));
    QCOMPARE(notList.error.code, Core::Protocol::ErrorCode::InvalidParams);
    QCOMPARE(update(QJsonArray { 42 }).error.code, Core::Protocol::ErrorCode::InvalidParams);
    const OpResult bad = update(
        QJsonArray { QStringLiteral("ok@ferreteria.example"), QStringLiteral("no address") });
    QCOMPARE(bad.error.code, Core::Protocol::ErrorCode::ValidationFailed);
    QCOMPARE(bad.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("cc"));
    QVERIFY(bad.error.message.contains(QStringLiteral("no address")));
    QJsonArray many;
    for (int i = 0; i < 51; ++i)
        many.append(QStringLiteral("p%1@ferreteria.example").arg(i));
    const OpResult tooMany = update(many);
    QCOMPARE(tooMany.error.code, Core::Protocol::ErrorCode::ValidationFailed);
    QVERIFY(tooMany.error.message.contains(QStringLiteral("50")));
    // Nothing of any of them was kept.
    QCOMPARE(ticket(id).cc, QStringList());
    QCOMPARE(ticket(id).version, version);
    many.removeLast();
    QVERIFY(update(many).ok); // fifty is allowed
    QCOMPARE(ticket(id).cc.size(), 50);
}

void MailThreadingTest::anArticleMovedToAnotherTicketTakesItsThreadAlong()
{
    const qint64 first = firstTicket();
    Msg other;
    other.from = QStringLiteral("Tom Baker <tom@ferreteria.example>");
    other.id = QStringLiteral("printer@ferreteria.example");
    other.subject = QStringLiteral("La impresora no imprime");
    const qint64 second = deliver(other).ticketIds.value(0);
    QVERIFY(second && second != first);
    // Tom answers in Núria's thread about his printer: it lands on her ticket.
    Msg wrong;
    wrong.from = other.from;
    wrong.id = QStringLiteral("printer-2@ferreteria.example");
    wrong.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    wrong.subject = QStringLiteral("Re: La impresora");
    QCOMPARE(deliver(wrong).ticketIds, QList<qint64> { first });
    const qint64 articleId = articleOf(wrong.id);
    const int firstVersion = ticket(first).version;
    const int secondVersion = ticket(second).version;

    OpResult moved = Test::commit(*m_store, [&] {
        return MailArticles::move(*m_store, ana(), articleId, second, Core::Timestamp::now());
    });
    QVERIFY2(moved.ok, qPrintable(moved.error.message));
    const QJsonObject result = moved.result.toObject();
    QCOMPARE(result.value(QStringLiteral("article"))
                 .toObject()
                 .value(QStringLiteral("ticketId"))
                 .toInteger(),
        second);
    QCOMPARE(
        result.value(QStringLiteral("from")).toObject().value(QStringLiteral("version")).toInt(),
        firstVersion + 1);
    QCOMPARE(result.value(QStringLiteral("to")).toObject().value(QStringLiteral("version")).toInt(),
        secondVersion + 1);
    const auto a = m_store->tickets().article(articleId);
    QCOMPARE(a->ticketId, second);
    QCOMPARE(a->mail->threadedBy, QStringLiteral("moved"));
    // Both conversations say what moved where.
    for (const qint64 t : { first, second }) {
        const Core::Article e = m_store->tickets().articles(t).last();
        QCOMPARE(e.kind, Core::ArticleKind::SystemEvent);
        QCOMPARE(e.data.kind, Core::ArticleEvent::Kind::Moved);
        QCOMPARE(e.data.move.articleId, articleId);
        QCOMPARE(e.data.move.fromTicketId, first);
        QCOMPARE(e.data.move.toTicketId, second);
        QCOMPARE(e.data.move.toNumber, ticket(second).number);
    }
    // The feed carries the article with its new ticket and both tickets.
    bool articleUpsert = false, fromTicket = false, toTicket = false;
    for (const Change &c : std::as_const(moved.changes)) {
        articleUpsert |= c.entity == QLatin1String("article") && c.id == articleId
            && c.data.value(QStringLiteral("ticketId")).toInteger() == second;
        fromTicket |= c.entity == QLatin1String("ticket") && c.id == first;
        toTicket |= c.entity == QLatin1String("ticket") && c.id == second;
    }
    QVERIFY(articleUpsert && fromTicket && toTicket);
    // Tom's next answer in that thread lands on his ticket.
    Msg next;
    next.from = other.from;
    next.id = QStringLiteral("printer-3@ferreteria.example");
    next.inReplyTo = QStringLiteral("<printer-2@ferreteria.example>");
    // Its References still hold our token for Núria's ticket (the thread was hers): the moved
    // parent wins over it.
    const QString token = Core::Mail::MessageToken::make(first,
        articleOf(QStringLiteral("first@ferreteria.example")), kKey,
        QStringLiteral("desk.example"));
    next.references = QStringLiteral("<first@ferreteria.example> %1 "
                                     "<printer-2@ferreteria.example>")
                          .arg(token);
    QCOMPARE(deliver(next).ticketIds, QList<qint64> { second });
    // Moving again under the same rules: to the ticket it is on already is refused.
    QCOMPARE(
        MailArticles::move(*m_store, ana(), articleId, second, Core::Timestamp::now()).error.code,
        Core::Protocol::ErrorCode::ValidationFailed);
}

void MailThreadingTest::anArticleMovedToANewTicketOpensItForItsAuthor()
{
    const qint64 first = firstTicket();
    Msg wrong;
    wrong.from = QStringLiteral("Tom Baker <tom@ferreteria.example>");
    wrong.id = QStringLiteral("own-issue@ferreteria.example");
    wrong.inReplyTo = QStringLiteral("<first@ferreteria.example>");
    wrong.subject = QStringLiteral("Re: [INC-000001] Otra cosa: el correo no llega");
    wrong.cc = QStringLiteral("it@ferreteria.example");
    QCOMPARE(deliver(wrong).ticketIds, QList<qint64> { first });
    const qint64 articleId = articleOf(wrong.id);
    const int before = ticketCount();
    OpResult moved = Test::commit(*m_store,
        [&] { return MailArticles::move(*m_store, ana(), articleId, 0, Core::Timestamp::now()); });
    QVERIFY2(moved.ok, qPrintable(moved.error.message));
    QCOMPARE(ticketCount(), before + 1);
    const qint64 made = moved.result.toObject()
                            .value(QStringLiteral("to"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toInteger();
    const Core::Ticket t = ticket(made);
    QCOMPARE(t.subject, QStringLiteral("Otra cosa: el correo no llega"));
    QCOMPARE(t.customerId, m_desk.otherCustomer);
    QCOMPARE(t.groupId, ticket(first).groupId);
    QCOMPARE(t.channel, Core::Channel::Email);
    QVERIFY(t.cc.contains(QStringLiteral("it@ferreteria.example")));
    QCOMPARE(m_store->tickets().articles(made).first().id, articleId); // its first article
    Msg next;
    next.from = wrong.from;
    next.id = QStringLiteral("own-issue-2@ferreteria.example");
    next.inReplyTo = QStringLiteral("<own-issue@ferreteria.example>");
    QCOMPARE(deliver(next).ticketIds, QList<qint64> { made });
}

void MailThreadingTest::descriptionsEventsAndClosedTicketsDoNotMove()
{
    const qint64 first = firstTicket();
    Msg other;
    other.from = QStringLiteral("Tom Baker <tom@ferreteria.example>");
    other.id = QStringLiteral("closed-target@ferreteria.example");
    other.subject = QStringLiteral("Otra");
    const qint64 second = deliver(other).ticketIds.value(0);
    const qint64 description = articleOf(QStringLiteral("first@ferreteria.example"));
    const auto move = [&](qint64 articleId, qint64 to, const Caller &who) {
        return Test::commit(*m_store, [&] {
            return MailArticles::move(*m_store, who, articleId, to, Core::Timestamp::now());
        });
    };
    const OpResult desc = move(description, second, ana());
    QCOMPARE(desc.error.code, Core::Protocol::ErrorCode::ValidationFailed);
    QVERIFY(desc.error.message.contains(QStringLiteral("description")));
    const qint64 replyId = reply(first, QStringLiteral("Miramos."));
    QVERIFY(Test::commit(*m_store, [&] {
        return m_store->tickets().update(ana(), first, ticket(first).version,
            { { QStringLiteral("impact"), QStringLiteral("high") } }, Core::Timestamp::now());
    }).ok);
    const qint64 eventId = m_store->tickets().articles(first).last().id;
    QCOMPARE(m_store->tickets().article(eventId)->kind, Core::ArticleKind::SystemEvent);
    QCOMPARE(move(eventId, second, ana()).error.code, Core::Protocol::ErrorCode::ValidationFailed);
    const Caller bruno { m_desk.bruno, Core::Role::Agent, { m_desk.network } };
    QCOMPARE(move(replyId, second, bruno).error.code, Core::Protocol::ErrorCode::Forbidden);
    QCOMPARE(move(replyId, 999999, ana()).error.code, Core::Protocol::ErrorCode::NotFound);
    setStatus(second, TicketStatus::InProgress);
    setStatus(second, TicketStatus::Resolved);
    setStatus(second, TicketStatus::Closed);
    const OpResult closed = move(replyId, second, ana());
    QCOMPARE(closed.error.code, Core::Protocol::ErrorCode::ValidationFailed);
    QVERIFY(closed.error.message.contains(QStringLiteral("closed")));
    QCOMPARE(m_store->tickets().article(replyId)->ticketId, first); // nothing moved
}

QTEST_GUILESS_MAIN(MailThreadingTest)
#include "tst_mailthreading.moc"
