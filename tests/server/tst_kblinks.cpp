// KB articles linked to a ticket: kept in the ticket, shown in its conversation and journal
// like any change, and merged (never a conflict) when two agents link articles at once.

#include "deskfixture.h"

#include "core/domain/ids.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

class KbLinksTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aLinkIsKeptInTheTicketAndShownInItsConversation();
    void linkingWhatIsLinkedAlreadyChangesNothing();
    void twoAgentsLinkingAtOnceBothKeepTheirs();
    void anUnlinkAndALinkFromTheSameVersionMerge();
    void offlineEditsOfOneAgentBuildOnEachOther();
    void offlineEditsMergeWithAnotherAgentsLinkInBetween();
    void badListsAreRefusedAndChangeNothing();
    void otherFieldsStillConflictAsBefore();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    OpResult link(qint64 agent, const Ticket &basedOn, const QList<qint64> &kbIds);
    Ticket ticket(qint64 id) { return *m_store->tickets().ticket(id); }
    qint64 kb(const QString &title);

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    Ticket m_ticket;
    qint64 m_vpn = 0, m_printer = 0, m_mail = 0;
    qint64 m_now = 1767225600000;
};

void KbLinksTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    m_vpn = kb(QStringLiteral("VPN: el cliente no conecta tras actualizar Windows"));
    m_printer = kb(QStringLiteral("Impresora: atasco de papel en la bandeja 2"));
    m_mail = kb(QStringLiteral("Correo: reconfigurar el móvil"));
    QVERIFY(m_vpn && m_printer && m_mail);
    NewTicket n;
    n.subject = QStringLiteral("La VPN no conecta desde casa");
    n.groupId = m_desk.serviceDesk;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(m_desk.ana), n, m_now); });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    m_ticket = Ticket::fromJson(r.result.toObject().value(QStringLiteral("ticket")).toObject());
    QVERIFY(m_ticket.kbArticleIds.isEmpty());
    QCOMPARE(m_ticket.toJson().value(QStringLiteral("kbArticleIds")), QJsonValue(QJsonArray()));
}

void KbLinksTest::cleanup()
{
    m_store.reset();
    delete m_dir;
}

qint64 KbLinksTest::kb(const QString &title)
{
    const OpResult r = write([&] {
        QList<Change> changes;
        KbArticle a;
        a.title = title;
        a.body = QStringLiteral("Pasos: 1. ... 2. ...");
        a.audience = Audience::Agent;
        a.language = QStringLiteral("es");
        const qint64 id = m_store->kb().create(a, &changes);
        return id ? OpResult::success(double(id)) : OpResult::failure(ErrorCode::InternalError);
    });
    return r.ok ? qint64(r.result.toDouble()) : 0;
}

OpResult KbLinksTest::write(const std::function<OpResult()> &fn)
{
    m_now += 1000;
    return Test::commit(*m_store, fn);
}

OpResult KbLinksTest::link(qint64 agent, const Ticket &basedOn, const QList<qint64> &kbIds)
{
    return write([&] {
        return m_store->tickets().update(caller(agent), basedOn.id, basedOn.version,
            { { QStringLiteral("kbArticleIds"), idListToJson(kbIds) } }, m_now);
    });
}

void KbLinksTest::aLinkIsKeptInTheTicketAndShownInItsConversation()
{
    const OpResult r = link(m_desk.ana, m_ticket, { m_vpn });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    const QJsonObject json = r.result.toObject().value(QStringLiteral("ticket")).toObject();
    QCOMPARE(json.value(QStringLiteral("kbArticleIds")), QJsonValue(QJsonArray { double(m_vpn) }));
    QCOMPARE(json.value(QStringLiteral("version")).toInt(), m_ticket.version + 1);
    QVERIFY(r.result.toObject().value(QStringLiteral("conflicts")).toArray().isEmpty());
    // Stored: read back, and in query results.
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, QList<qint64> { m_vpn });
    TicketFilter f;
    const QJsonArray found = m_store->tickets()
                                 .query(caller(m_desk.lola), f)
                                 .result.toObject()
                                 .value(QStringLiteral("tickets"))
                                 .toArray();
    QCOMPARE(found.first().toObject().value(QStringLiteral("kbArticleIds")),
        QJsonValue(QJsonArray { double(m_vpn) }));
    // Carried to every console that may see it.
    bool synced = false;
    for (const Change &c : r.changes)
        synced = synced
            || (c.entity == QLatin1String("ticket")
                && c.data.value(QStringLiteral("kbArticleIds"))
                    == QJsonValue(QJsonArray { double(m_vpn) }));
    QVERIFY(synced);
    // In the conversation, as an event like any other change.
    const QList<Article> all = m_store->tickets().articles(m_ticket.id);
    QCOMPARE(all.last().kind, ArticleKind::SystemEvent);
    QCOMPARE(all.last().body, QStringLiteral("kbArticleIds:  → %1").arg(m_vpn));
    const QJsonObject event = m_store->tickets()
                                  .get(caller(m_desk.ana), m_ticket.id)
                                  .result.toObject()
                                  .value(QStringLiteral("articles"))
                                  .toArray()
                                  .last()
                                  .toObject();
    QCOMPARE(
        event.value(QStringLiteral("data")).toObject().value(QStringLiteral("changes")).toArray(),
        (QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("kbArticleIds") },
            { QStringLiteral("from"), QJsonArray() },
            { QStringLiteral("to"), QJsonArray { double(m_vpn) } } } }));
    // And in the journal, which later merges read.
    const auto journal = m_store->sync().fieldChangesSince(
        QStringLiteral("ticket"), m_ticket.id, QStringLiteral("kbArticleIds"), m_ticket.version);
    QCOMPARE(journal.size(), 1);
    QCOMPARE(journal.first().agentId, m_desk.ana);
    QCOMPARE(journal.first().version, m_ticket.version + 1);
    QVERIFY(journal.first().oldValue.isEmpty());
    QCOMPARE(journal.first().newValue, QString::number(m_vpn));

    // A second link goes after the first; unlinking takes it out.
    const OpResult second = link(m_desk.ana, ticket(m_ticket.id), { m_vpn, m_mail });
    QVERIFY(second.ok);
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_vpn, m_mail }));
    QVERIFY(link(m_desk.ana, ticket(m_ticket.id), { m_mail }).ok);
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, QList<qint64> { m_mail });
    QCOMPARE(m_store->tickets().articles(m_ticket.id).last().body,
        QStringLiteral("kbArticleIds: %1,%2 → %2").arg(m_vpn).arg(m_mail));
}

void KbLinksTest::linkingWhatIsLinkedAlreadyChangesNothing()
{
    QVERIFY(link(m_desk.ana, m_ticket, { m_vpn }).ok);
    const Ticket linked = ticket(m_ticket.id);
    const int events = int(m_store->tickets().articles(m_ticket.id).size());
    const OpResult again = link(m_desk.lola, linked, { m_vpn, m_vpn });
    QVERIFY(again.ok);
    QVERIFY(again.changes.isEmpty());
    QCOMPARE(ticket(m_ticket.id).version, linked.version);
    QCOMPARE(int(m_store->tickets().articles(m_ticket.id).size()), events);
}

void KbLinksTest::twoAgentsLinkingAtOnceBothKeepTheirs()
{
    // Ana and Lola both look at version 1; each links a different article.
    const OpResult ana = link(m_desk.ana, m_ticket, { m_vpn });
    QVERIFY(ana.ok);
    const OpResult lola = link(m_desk.lola, m_ticket, { m_printer });
    QVERIFY2(lola.ok, qPrintable(lola.error.message));
    QVERIFY(lola.result.toObject().value(QStringLiteral("conflicts")).toArray().isEmpty());
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_vpn, m_printer }));
    // Both based on version 1 again, linking the same article: nothing more to do.
    const OpResult same = link(m_desk.admin, m_ticket, { m_vpn });
    QVERIFY(same.ok);
    QVERIFY(same.changes.isEmpty());
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_vpn, m_printer }));
}

void KbLinksTest::anUnlinkAndALinkFromTheSameVersionMerge()
{
    QVERIFY(link(m_desk.ana, m_ticket, { m_vpn, m_printer }).ok);
    const Ticket seen = ticket(m_ticket.id);
    // Lola unlinks the printer article; Ana, from the same version, adds the mail one and
    // knows nothing of Lola's edit: her list still has the printer article in it.
    QVERIFY(link(m_desk.lola, seen, { m_vpn }).ok);
    const OpResult ana = link(m_desk.ana, seen, { m_vpn, m_printer, m_mail });
    QVERIFY2(ana.ok, qPrintable(ana.error.message));
    QVERIFY(ana.result.toObject().value(QStringLiteral("conflicts")).toArray().isEmpty());
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_vpn, m_mail }));
}

void KbLinksTest::offlineEditsOfOneAgentBuildOnEachOther()
{
    // A console replaying two offline edits, both based on the version it last saw.
    QVERIFY(link(m_desk.ana, m_ticket, { m_vpn }).ok);
    QVERIFY(link(m_desk.ana, m_ticket, { m_vpn, m_printer }).ok);
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_vpn, m_printer }));
    QVERIFY(link(m_desk.ana, m_ticket, { m_printer }).ok); // and then she took the first one out
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, QList<qint64> { m_printer });
}

void KbLinksTest::offlineEditsMergeWithAnotherAgentsLinkInBetween()
{
    // Ana works offline from version 1: links VPN, then adds mail. Before her console is back,
    // Lola links the printer article. Ana never saw it, so her edits leave it alone.
    QVERIFY(link(m_desk.lola, m_ticket, { m_printer }).ok);
    QVERIFY(link(m_desk.ana, m_ticket, { m_vpn }).ok);
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_printer, m_vpn }));
    QVERIFY(link(m_desk.ana, m_ticket, { m_vpn, m_mail }).ok);
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_printer, m_vpn, m_mail }));
    QVERIFY(link(m_desk.ana, m_ticket, { m_mail }).ok); // she takes out what she linked
    QCOMPARE(ticket(m_ticket.id).kbArticleIds, (QList<qint64> { m_printer, m_mail }));
}

void KbLinksTest::badListsAreRefusedAndChangeNothing()
{
    auto update = [&](const QJsonValue &value) {
        return write([&] {
            return m_store->tickets().update(caller(m_desk.ana), m_ticket.id, m_ticket.version,
                { { QStringLiteral("kbArticleIds"), value } }, m_now);
        });
    };
    for (const QJsonValue &v : { QJsonValue(QStringLiteral("1,2")), QJsonValue(double(m_vpn)),
             QJsonValue(QJsonValue::Null), QJsonValue(QJsonArray { QStringLiteral("1") }),
             QJsonValue(QJsonArray { 0 }), QJsonValue(QJsonArray { -4 }),
             QJsonValue(QJsonArray { 1.5 }) }) {
        const OpResult r = update(v);
        QVERIFY2(!r.ok && r.error.code == ErrorCode::InvalidParams,
            qPrintable(QString::number(int(r.error.code)) + r.error.message));
    }
    OpResult r = update(QJsonArray { double(m_vpn), 987654 });
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    QCOMPARE(
        r.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("kbArticleIds"));
    QVERIFY(r.error.message.contains(QLatin1String("987654")));
    QJsonArray many;
    for (int i = 0; i <= TicketStore::kMaxKbLinks; ++i)
        many.append(double(kb(QStringLiteral("Artículo %1").arg(i))));
    r = update(many);
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    many.removeLast();
    QVERIFY(update(many).ok); // 50 are fine
    const Ticket after = ticket(m_ticket.id);
    QCOMPARE(after.kbArticleIds.size(), TicketStore::kMaxKbLinks);
    QCOMPARE(after.version, m_ticket.version + 1); // only the good one changed it
    // A closed ticket is read-only, its links too.
    for (const char *status : { "resolved", "closed" }) {
        const Ticket t = ticket(m_ticket.id);
        const OpResult s = write([&] {
            return m_store->tickets().update(caller(m_desk.ana), t.id, t.version,
                { { QStringLiteral("status"), QLatin1String(status) } }, m_now);
        });
        QVERIFY2(s.ok, qPrintable(s.error.message));
    }
    QCOMPARE(
        link(m_desk.ana, ticket(m_ticket.id), { m_vpn }).error.code, ErrorCode::ValidationFailed);
}

void KbLinksTest::otherFieldsStillConflictAsBefore()
{
    // Lola changes the impact and links an article; Ana, from the same version, wants another
    // impact and another article: the impact conflicts, the links merge.
    QVERIFY(write([&] {
        return m_store->tickets().update(caller(m_desk.lola), m_ticket.id, m_ticket.version,
            { { QStringLiteral("impact"), QStringLiteral("high") },
                { QStringLiteral("kbArticleIds"), QJsonArray { double(m_vpn) } } },
            m_now);
    }).ok);
    const OpResult ana = write([&] {
        return m_store->tickets().update(caller(m_desk.ana), m_ticket.id, m_ticket.version,
            { { QStringLiteral("impact"), QStringLiteral("low") },
                { QStringLiteral("kbArticleIds"), QJsonArray { double(m_mail) } } },
            m_now);
    });
    QVERIFY2(ana.ok, qPrintable(ana.error.message));
    const QJsonArray conflicts = ana.result.toObject().value(QStringLiteral("conflicts")).toArray();
    QCOMPARE(conflicts.size(), 1);
    QCOMPARE(conflicts.first().toObject().value(QStringLiteral("field")).toString(),
        QStringLiteral("impact"));
    const Ticket t = ticket(m_ticket.id);
    QCOMPARE(t.impact, Level::High);
    QCOMPARE(t.kbArticleIds, (QList<qint64> { m_vpn, m_mail }));
}

QTEST_GUILESS_MAIN(KbLinksTest)
#include "tst_kblinks.moc"
