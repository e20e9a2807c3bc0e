// Linking KB articles to a ticket from the console: shown at once, carried to the other
// consoles, and merged without a conflict with what another agent linked meanwhile, also
// when one of the two was offline.

#include "workspace/workspace.h"

#include "deskfixture.h"
#include "serverprocess.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Client;
using namespace Atiende::Test;

class KbLinksTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void aLinkShowsAtOnceAndReachesTheOtherConsole();
    void anOfflineLinkAndAnOnlineOneBothStayWithoutAConflict();

private:
    bool waitOnline(Workspace &w)
    {
        QDeadlineTimer d(20000);
        while (!d.hasExpired() && !(w.state() == SyncEngine::State::Online && w.outboxSize() == 0))
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        return w.state() == SyncEngine::State::Online && w.outboxSize() == 0;
    }
    Workspace::Options options(const QString &user) const
    {
        Workspace::Options o;
        o.server = m_server.url();
        o.user = user;
        o.password = QStringLiteral("pw-") + user;
        o.dataDir = m_dirs.filePath(user);
        o.useKeychain = false;
        return o;
    }
    static QList<qint64> links(const Workspace &w, qint64 ticketId)
    {
        const auto t = w.ticket(ticketId);
        return t ? t->kbArticleIds : QList<qint64>();
    }
    qint64 newTicket(Workspace &w, const QString &subject)
    {
        qint64 temp = 0;
        Core::NewTicket t;
        t.subject = subject;
        t.groupId = m_desk.serviceDesk;
        w.createTicket(t, &temp);
        if (!waitOnline(w))
            return 0;
        LocalCache::Query q;
        q.text = subject;
        const QList<Core::Ticket> found = w.tickets(q);
        return found.isEmpty() ? 0 : found.first().id;
    }

    ServerProcess m_server;
    QTemporaryDir m_dirs;
    Desk m_desk;
    qint64 m_vpn = 0, m_printer = 0, m_mail = 0;
};

void KbLinksTest::initTestCase()
{
    QString error;
    QVERIFY2(seedDesk(m_server.dataDir(), &m_desk, &error), qPrintable(error));
    {
        auto store = Server::Store::open(
            m_server.dataDir() + QStringLiteral("/atiende.db"), false, &error);
        QVERIFY2(store, qPrintable(error));
        const Server::OpResult r = store->transact([&] {
            QList<Server::Change> changes;
            Core::KbArticle a;
            a.audience = Core::Audience::Agent;
            a.language = QStringLiteral("es");
            a.body = QStringLiteral("1. ...\n2. ...");
            a.title = QStringLiteral("VPN: el cliente no conecta");
            m_vpn = store->kb().create(a, &changes);
            a.title = QStringLiteral("Impresora: atasco de papel");
            m_printer = store->kb().create(a, &changes);
            a.title = QStringLiteral("Correo en el móvil");
            m_mail = store->kb().create(a, &changes);
            Server::OpResult ok = Server::OpResult::success(QJsonValue());
            ok.changes = changes;
            return m_vpn && m_printer && m_mail
                ? ok
                : Server::OpResult::failure(Core::Protocol::ErrorCode::InternalError);
        });
        QVERIFY2(r.ok, qPrintable(r.error.message));
    }
    QVERIFY(m_server.start());
}

void KbLinksTest::aLinkShowsAtOnceAndReachesTheOtherConsole()
{
    Workspace ana, lola;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana")), &error)
        && lola.open(options(QStringLiteral("lola")), &error));
    QVERIFY(waitOnline(ana) && waitOnline(lola));
    const qint64 id = newTicket(ana, QStringLiteral("No conecta la VPN desde el hotel"));
    QVERIFY(id > 0);
    QVERIFY(links(ana, id).isEmpty());
    QVERIFY(ana.kbArticle(m_vpn).has_value()); // the console has the KB to link from

    QSignalSpy changed(&ana, &Workspace::ticketsChanged);
    QVERIFY(!ana.linkKbArticle(id, m_vpn).isEmpty());
    QCOMPARE(links(ana, id), QList<qint64> { m_vpn }); // at once, before the server answers
    QVERIFY(!changed.isEmpty());
    QVERIFY(waitOnline(ana));
    QTRY_COMPARE(links(lola, id), QList<qint64> { m_vpn });
    // Its record in the conversation reaches both.
    QTRY_VERIFY(!lola.conversation(id).isEmpty());
    const Core::Article event = lola.conversation(id).last();
    QCOMPARE(event.kind, Core::ArticleKind::SystemEvent);
    QCOMPARE(event.data.kind, Core::ArticleEvent::Kind::Changes);
    QCOMPARE(event.data.changes.first().field,
        std::optional<Core::TicketField>(Core::TicketField::KbArticles));

    // Linked already: nothing to send. Unlinking something not linked: likewise.
    QVERIFY(ana.linkKbArticle(id, m_vpn).isEmpty());
    QVERIFY(ana.unlinkKbArticle(id, m_mail).isEmpty());
    QVERIFY(ana.linkKbArticle(987654, m_vpn).isEmpty());
    QCOMPARE(ana.outboxSize(), 0);
    QVERIFY(!lola.unlinkKbArticle(id, m_vpn).isEmpty());
    QVERIFY(links(lola, id).isEmpty());
    QVERIFY(waitOnline(lola));
    QTRY_VERIFY(links(ana, id).isEmpty());
}

void KbLinksTest::anOfflineLinkAndAnOnlineOneBothStayWithoutAConflict()
{
    Workspace ana, lola;
    QString error;
    QVERIFY(ana.open(options(QStringLiteral("ana")), &error)
        && lola.open(options(QStringLiteral("lola")), &error));
    QVERIFY(waitOnline(ana) && waitOnline(lola));
    const qint64 id = newTicket(ana, QStringLiteral("Impresora y correo a la vez"));
    QVERIFY(id > 0);
    QTRY_VERIFY(lola.ticket(id).has_value());

    // Ana's train goes into a tunnel: she links two articles offline.
    ana.connection()->stop();
    QVERIFY(!ana.linkKbArticle(id, m_printer).isEmpty());
    QVERIFY(!ana.linkKbArticle(id, m_vpn).isEmpty());
    QCOMPARE(links(ana, id), (QList<qint64> { m_printer, m_vpn }));
    QCOMPARE(ana.outboxSize(), 2);
    // Meanwhile Lola links the mail article from the same version.
    QVERIFY(!lola.linkKbArticle(id, m_mail).isEmpty());
    QVERIFY(waitOnline(lola));

    ana.connection()->start();
    QVERIFY(waitOnline(ana));
    const QList<qint64> expected { m_mail, m_printer, m_vpn };
    QTRY_COMPARE(links(ana, id), expected);
    QTRY_COMPARE(links(lola, id), expected);
    QVERIFY(ana.conflicts(id).isEmpty());
    QVERIFY(lola.conflicts(id).isEmpty());
}

QTEST_GUILESS_MAIN(KbLinksTest)
#include "tst_kblinks.moc"
