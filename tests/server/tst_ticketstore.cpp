// The rules of tickets in the store: numbering, revisions, the audit journal, per-field
// conflicts, visibility by group, and what a console pulls.

#include "deskfixture.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

class TicketStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void numbersAreCountedPerType();
    void everyCommitGetsAHigherRevision();
    void theAuditJournalRecordsWhoChangedWhatFromWhatToWhat();
    void editsOfDifferentFieldsMerge();
    void theSameFieldFromAStaleVersionIsAConflictAndTheFirstWins();
    void anAgentsOwnEarlierEditIsNoConflict();
    void priorityFollowsTheMatrix();
    void theLifecycleIsEnforced();
    void startingWorkMakesTheCallerTheOwner();
    void theFirstPublicReplyIsTheFirstResponse();
    void reopeningCountsAndClearsResolution();
    void closedTicketsAreReadOnly();
    void agentsOnlySeeTheirGroups();
    void escalationHidesTheTicketFromTheOldGroupAndShowsItWithItsConversationToTheNew();
    void escalatingAWorkedTicketHandsItToTheNewGroupsQueue();
    void pullPagesWalkEveryChangeOnceWithinTheirRowLimit();
    void aRevisionLargerThanAPageComesOverSeveralPagesWithinTheByteBudget();
    void textIsStoredExactlyAsTyped();
    void searchFindsNumbersAndWordsWithoutAccents();
    void aWordSearchPagesSortsAndCountsLikeAnyQuery_data();
    void aWordSearchPagesSortsAndCountsLikeAnyQuery();
    void customerHistoryShowsTheCustomerAndTheOrganisation();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agentId);
    qint64 create(qint64 agentId, const QString &subject, qint64 groupId = 0,
        TicketType type = TicketType::Incident);
    OpResult update(qint64 agentId, qint64 id, int base, const QJsonObject &fields);
    Ticket ticket(qint64 id) { return *m_store->tickets().ticket(id); }

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    qint64 m_clock = 1767225600000; // 2026-01-01
};

void TicketStoreTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
}

void TicketStoreTest::cleanup()
{
    m_store.reset();
    delete m_dir;
}

OpResult TicketStoreTest::write(const std::function<OpResult()> &fn)
{
    m_clock += 60000;
    return Test::commit(*m_store, fn);
}

Caller TicketStoreTest::caller(qint64 agentId)
{
    return m_store->directory().callerFor(*m_store->directory().agent(agentId));
}

qint64 TicketStoreTest::create(
    qint64 agentId, const QString &subject, qint64 groupId, TicketType type)
{
    NewTicket n;
    n.type = type;
    n.subject = subject;
    n.description = QStringLiteral("Descripción de: ") + subject;
    n.groupId = groupId;
    n.customerId = m_desk.customer;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(agentId), n, m_clock); });
    if (!r.ok)
        qWarning() << r.error.message;
    return qint64(r.result.toObject()
                      .value(QStringLiteral("ticket"))
                      .toObject()
                      .value(QStringLiteral("id"))
                      .toDouble());
}

OpResult TicketStoreTest::update(qint64 agentId, qint64 id, int base, const QJsonObject &fields)
{
    return write(
        [&] { return m_store->tickets().update(caller(agentId), id, base, fields, m_clock); });
}

void TicketStoreTest::numbersAreCountedPerType()
{
    const qint64 a = create(m_desk.ana, QStringLiteral("one"));
    const qint64 b = create(m_desk.ana, QStringLiteral("two"), 0, TicketType::ServiceRequest);
    const qint64 c = create(m_desk.ana, QStringLiteral("three"));
    QCOMPARE(ticket(a).number, QStringLiteral("INC-000001"));
    QCOMPARE(ticket(b).number, QStringLiteral("REQ-000001"));
    QCOMPARE(ticket(c).number, QStringLiteral("INC-000002"));
}

void TicketStoreTest::everyCommitGetsAHigherRevision()
{
    const qint64 before = m_store->sync().committedRevision();
    const qint64 id = create(m_desk.ana, QStringLiteral("vpn"));
    const qint64 afterCreate = m_store->sync().committedRevision();
    QVERIFY(afterCreate > before);
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("in_progress") } })
            .ok);
    const qint64 afterUpdate = m_store->sync().committedRevision();
    QVERIFY(afterUpdate > afterCreate);
    QCOMPARE(m_store->sql()
                 .scalar(QStringLiteral(
                             "SELECT rev FROM sync_log WHERE entity = 'ticket' AND entity_id = ?"),
                     { id })
                 .toLongLong(),
        afterUpdate);
}

void TicketStoreTest::theAuditJournalRecordsWhoChangedWhatFromWhatToWhat()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("printer"));
    QVERIFY(update(m_desk.lola, id, 1,
        { { QStringLiteral("impact"), QStringLiteral("high") },
            { QStringLiteral("assigneeId"), double(m_desk.ana) } })
                .ok);
    QSqlQuery &q = m_store->sql().prepared(
        QStringLiteral("SELECT field, old_value, new_value, agent_id, version FROM audit WHERE "
                       "entity = 'ticket' AND entity_id = ? ORDER BY id"));
    q.bindValue(0, id);
    QVERIFY(q.exec());
    QHash<QString, QStringList> rows;
    while (q.next()) {
        rows.insert(q.value(0).toString(),
            { q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                q.value(4).toString() });
    }
    q.finish();
    QVERIFY(rows.contains(QStringLiteral("created")));
    QCOMPARE(rows.value(QStringLiteral("impact")),
        (QStringList { QStringLiteral("medium"), QStringLiteral("high"),
            QString::number(m_desk.lola), QStringLiteral("2") }));
    QCOMPARE(rows.value(QStringLiteral("priority")).mid(0, 2),
        (QStringList { QStringLiteral("P3"), QStringLiteral("P2") }));
    QCOMPARE(rows.value(QStringLiteral("assigneeId")).mid(0, 2),
        (QStringList { QString(), QString::number(m_desk.ana) }));
    QCOMPARE(rows.value(QStringLiteral("status")).mid(0, 2),
        (QStringList { QStringLiteral("new"), QStringLiteral("assigned") }));
}

void TicketStoreTest::editsOfDifferentFieldsMerge()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("mail"));
    QVERIFY(update(m_desk.ana, id, 1, { { QStringLiteral("impact"), QStringLiteral("high") } }).ok);
    // Lola still holds version 1 and changes another field: both survive.
    const OpResult r
        = update(m_desk.lola, id, 1, { { QStringLiteral("categoryId"), double(m_desk.category) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QVERIFY(r.result.toObject().value(QStringLiteral("conflicts")).toArray().isEmpty());
    QCOMPARE(ticket(id).impact, Level::High);
    QCOMPARE(ticket(id).categoryId, m_desk.category);
    QCOMPARE(ticket(id).version, 3);
}

void TicketStoreTest::theSameFieldFromAStaleVersionIsAConflictAndTheFirstWins()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("erp"));
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("urgency"), QStringLiteral("high") } }).ok);
    const OpResult all
        = update(m_desk.lola, id, 1, { { QStringLiteral("urgency"), QStringLiteral("low") } });
    QVERIFY(!all.ok);
    QCOMPARE(all.error.code, ErrorCode::VersionConflict);
    const QJsonObject conflict
        = all.error.data.value(QStringLiteral("conflicts")).toArray().first().toObject();
    QCOMPARE(conflict.value(QStringLiteral("field")).toString(), QStringLiteral("urgency"));
    QCOMPARE(conflict.value(QStringLiteral("yours")).toString(), QStringLiteral("low"));
    QCOMPARE(conflict.value(QStringLiteral("theirs")).toString(), QStringLiteral("high"));
    QCOMPARE(ticket(id).urgency, Level::High);

    // A mixed edit applies what does not conflict and reports the rest.
    const OpResult mixed = update(m_desk.lola, id, 1,
        { { QStringLiteral("urgency"), QStringLiteral("low") },
            { QStringLiteral("subject"), QStringLiteral("ERP caído") } });
    QVERIFY2(mixed.ok, qPrintable(mixed.error.message));
    QCOMPARE(mixed.result.toObject().value(QStringLiteral("conflicts")).toArray().size(), 1);
    QCOMPARE(ticket(id).subject, QStringLiteral("ERP caído"));
    QCOMPARE(ticket(id).urgency, Level::High);

    // Setting a field to the value it already has is no conflict at all.
    QVERIFY(
        update(m_desk.lola, id, 1, { { QStringLiteral("urgency"), QStringLiteral("high") } }).ok);
}

void TicketStoreTest::anAgentsOwnEarlierEditIsNoConflict()
{
    // Offline, Ana set the status twice from the version she had; replayed, both apply.
    const qint64 id = create(m_desk.ana, QStringLiteral("two edits offline"));
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("in_progress") } })
            .ok);
    const OpResult second
        = update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("resolved") } });
    QVERIFY2(second.ok, qPrintable(second.error.message));
    QVERIFY(second.result.toObject().value(QStringLiteral("conflicts")).toArray().isEmpty());
    QCOMPARE(ticket(id).status, TicketStatus::Resolved);
    // Someone else's change in between is still a conflict for her.
    QVERIFY(
        update(m_desk.lola, id, 3, { { QStringLiteral("urgency"), QStringLiteral("high") } }).ok);
    QCOMPARE(update(m_desk.ana, id, 3, { { QStringLiteral("urgency"), QStringLiteral("low") } })
                 .error.code,
        ErrorCode::VersionConflict);
}

void TicketStoreTest::priorityFollowsTheMatrix()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("outage"));
    QCOMPARE(ticket(id).priority, Priority::P3);
    QVERIFY(update(m_desk.ana, id, 1,
        { { QStringLiteral("impact"), QStringLiteral("high") },
            { QStringLiteral("urgency"), QStringLiteral("high") } })
                .ok);
    QCOMPARE(ticket(id).priority, Priority::P1);
}

void TicketStoreTest::theLifecycleIsEnforced()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("lifecycle"));
    const OpResult r
        = update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("closed") } });
    QCOMPARE(r.error.code, ErrorCode::InvalidTransition);
    QCOMPARE(r.error.data.value(QStringLiteral("from")).toString(), QStringLiteral("new"));
    QCOMPARE(ticket(id).status, TicketStatus::New);
    QCOMPARE(ticket(id).version, 1);
}

void TicketStoreTest::startingWorkMakesTheCallerTheOwner()
{
    const qint64 id = create(m_desk.lola, QStringLiteral("owner"));
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("in_progress") } })
            .ok);
    QCOMPARE(ticket(id).assigneeId, m_desk.ana);
    // Bruno is not in Service Desk: he may not be given its tickets.
    const OpResult r
        = update(m_desk.lola, id, 2, { { QStringLiteral("assigneeId"), double(m_desk.bruno) } });
    QCOMPARE(r.error.code, ErrorCode::ValidationFailed);
    QCOMPARE(r.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("assigneeId"));
}

void TicketStoreTest::theFirstPublicReplyIsTheFirstResponse()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("reply"));
    QVERIFY(write([&] {
        return m_store->tickets().addArticle(
            caller(m_desk.ana), id, ArticleKind::InternalNote, QStringLiteral("looking"), m_clock);
    }).ok);
    QCOMPARE(ticket(id).firstResponseAt, 0);
    QVERIFY(write([&] {
        return m_store->tickets().addArticle(caller(m_desk.ana), id, ArticleKind::PublicReply,
            QStringLiteral("Hola Núria"), m_clock);
    }).ok);
    const qint64 first = ticket(id).firstResponseAt;
    QCOMPARE(first, m_clock);
    QVERIFY(write([&] {
        return m_store->tickets().addArticle(
            caller(m_desk.ana), id, ArticleKind::PublicReply, QStringLiteral("again"), m_clock);
    }).ok);
    QCOMPARE(ticket(id).firstResponseAt, first);
    QCOMPARE(m_store->tickets().articles(id).size(), 4); // description, note, two replies
}

void TicketStoreTest::reopeningCountsAndClearsResolution()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("reopen"));
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("resolved") } }).ok);
    QVERIFY(ticket(id).resolvedAt > 0);
    QVERIFY(
        update(m_desk.ana, id, 2, { { QStringLiteral("status"), QStringLiteral("in_progress") } })
            .ok);
    QCOMPARE(ticket(id).reopenCount, 1);
    QCOMPARE(ticket(id).resolvedAt, 0);
    QCOMPARE(ticket(id).assigneeId, m_desk.ana);
}

void TicketStoreTest::closedTicketsAreReadOnly()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("closed"));
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("resolved") } }).ok);
    QVERIFY(
        update(m_desk.ana, id, 2, { { QStringLiteral("status"), QStringLiteral("closed") } }).ok);
    QVERIFY(ticket(id).closedAt > 0);
    QCOMPARE(update(m_desk.ana, id, 3, { { QStringLiteral("subject"), QStringLiteral("x") } })
                 .error.code,
        ErrorCode::ValidationFailed);
    QCOMPARE(write([&] {
        return m_store->tickets().addArticle(
            caller(m_desk.ana), id, ArticleKind::PublicReply, QStringLiteral("x"), m_clock);
    }).error.code,
        ErrorCode::ValidationFailed);
}

void TicketStoreTest::agentsOnlySeeTheirGroups()
{
    const qint64 sd = create(m_desk.ana, QStringLiteral("service desk ticket"));
    const qint64 net = create(m_desk.bruno, QStringLiteral("network ticket"));
    QCOMPARE(m_store->tickets().get(caller(m_desk.bruno), sd).error.code, ErrorCode::Forbidden);
    QVERIFY(m_store->tickets().get(caller(m_desk.lola), sd).ok);
    QVERIFY(m_store->tickets().get(caller(m_desk.admin), net).ok);
    QCOMPARE(m_store->tickets().get(caller(m_desk.ana), 999999).error.code, ErrorCode::NotFound);
    // Opening a ticket in someone else's group is not allowed either.
    NewTicket n;
    n.subject = QStringLiteral("sneaky");
    n.groupId = m_desk.network;
    QCOMPARE(
        write([&] { return m_store->tickets().create(caller(m_desk.ana), n, m_clock); }).error.code,
        ErrorCode::Forbidden);

    TicketFilter all;
    const QJsonObject anaSees = m_store->tickets().query(caller(m_desk.ana), all).result.toObject();
    QCOMPARE(anaSees.value(QStringLiteral("total")).toInt(), 1);
    QCOMPARE(anaSees.value(QStringLiteral("tickets"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toInteger(),
        sd);
    QCOMPARE(m_store->tickets()
                 .query(caller(m_desk.lola), all)
                 .result.toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        2);
    // Being the assignee is enough, even in another group.
    QVERIFY(
        update(m_desk.lola, net, 1, { { QStringLiteral("assigneeId"), double(m_desk.lola) } }).ok);
    QVERIFY(m_store->tickets().get(caller(m_desk.lola), net).ok);
}

void TicketStoreTest::escalationHidesTheTicketFromTheOldGroupAndShowsItWithItsConversationToTheNew()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("switch down"));
    const qint64 anaRev = m_store->sync().committedRevision();
    const qint64 brunoRev = anaRev;
    QVERIFY(write([&] {
        return m_store->tickets().addArticle(caller(m_desk.ana), id, ArticleKind::InternalNote,
            QStringLiteral("tier 2 please"), m_clock);
    }).ok);
    const QJsonObject escalated
        = update(m_desk.ana, id, 2, { { QStringLiteral("groupId"), double(m_desk.network) } })
              .result.toObject();
    QCOMPARE(escalated.value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("groupId"))
                 .toInteger(),
        m_desk.network);

    const QJsonArray forAna = m_store->pull(caller(m_desk.ana), anaRev, std::nullopt, 500)
                                  .result.toObject()
                                  .value(QStringLiteral("changes"))
                                  .toArray();
    bool hidden = false;
    for (const QJsonValue &v : forAna) {
        const QJsonObject c = v.toObject();
        QVERIFY2(c.value(QStringLiteral("op")).toString() != QLatin1String("upsert")
                || c.value(QStringLiteral("entity")).toString() != QLatin1String("ticket"),
            "Ana must not get the escalated ticket's data");
        if (c.value(QStringLiteral("op")).toString() == QLatin1String("hide")
            && c.value(QStringLiteral("id")).toInteger() == id)
            hidden = true;
    }
    QVERIFY(hidden);

    const QJsonArray forBruno = m_store->pull(caller(m_desk.bruno), brunoRev, std::nullopt, 500)
                                    .result.toObject()
                                    .value(QStringLiteral("changes"))
                                    .toArray();
    int articles = 0;
    bool ticketSeen = false;
    for (const QJsonValue &v : forBruno) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("entity")).toString() == QLatin1String("article"))
            ++articles;
        if (c.value(QStringLiteral("entity")).toString() == QLatin1String("ticket")
            && c.value(QStringLiteral("id")).toInteger() == id)
            ticketSeen = true;
    }
    QVERIFY(ticketSeen);
    QCOMPARE(articles, 3); // the description, the note and the escalation event
}

void TicketStoreTest::escalatingAWorkedTicketHandsItToTheNewGroupsQueue()
{
    const qint64 id = create(m_desk.ana, QStringLiteral("router flapping"));
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("status"), QStringLiteral("in_progress") } })
            .ok);
    QCOMPARE(ticket(id).assigneeId, m_desk.ana);
    // Ana is not in Network: the ticket waits there, unassigned, as new.
    const OpResult r
        = update(m_desk.ana, id, 2, { { QStringLiteral("groupId"), double(m_desk.network) } });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(ticket(id).groupId, m_desk.network);
    QCOMPARE(ticket(id).assigneeId, 0);
    QCOMPARE(ticket(id).status, TicketStatus::New);
    // Lola is in both groups: she keeps a pending ticket she escalates.
    const qint64 other = create(m_desk.lola, QStringLiteral("waiting on the carrier"));
    QVERIFY(update(m_desk.lola, other, 1,
        { { QStringLiteral("status"), QStringLiteral("pending_third_party") } })
                .ok);
    QVERIFY(update(m_desk.lola, other, 2, { { QStringLiteral("groupId"), double(m_desk.network) } })
                .ok);
    QCOMPARE(ticket(other).assigneeId, m_desk.lola);
    QCOMPARE(ticket(other).status, TicketStatus::PendingThirdParty);
}

namespace {
// Pulls everything after `since` page by page as a console does (passing the cursor back),
// checking each page against its limits; the changes in order, and the pages' sizes.
struct Pulled
{
    QList<QJsonObject> changes;
    QList<qint64> pageBytes;
    qint64 revision = 0;
    int cursors = 0;
};
Pulled pullAll(Store &store, const Caller &caller, qint64 since, int limit,
    qint64 maxBytes = Store::kMaxPullPageBytes)
{
    Pulled out;
    std::optional<PullCursor> cursor;
    for (int pages = 0; pages < 10000; ++pages) {
        const OpResult r = store.pull(caller, since, cursor, limit, maxBytes);
        if (!r.ok) {
            qWarning() << r.error.message;
            return out;
        }
        const QJsonObject page = r.result.toObject();
        const QJsonArray changes = page.value(QStringLiteral("changes")).toArray();
        out.pageBytes << QJsonDocument(page).toJson(QJsonDocument::Compact).size();
        for (const QJsonValue &v : changes)
            out.changes << v.toObject();
        const qint64 revision = page.value(QStringLiteral("revision")).toInteger();
        since = revision;
        cursor = page.contains(QStringLiteral("cursor"))
            ? PullCursor::fromString(page.value(QStringLiteral("cursor")).toString())
            : std::nullopt;
        out.cursors += cursor ? 1 : 0;
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    out.revision = since;
    return out;
}
} // namespace

void TicketStoreTest::pullPagesWalkEveryChangeOnceWithinTheirRowLimit()
{
    for (int i = 0; i < 30; ++i)
        create(m_desk.ana,
            QStringLiteral("ticket %1").arg(i)); // each: ticket + description, one revision
    const Pulled pulled = pullAll(*m_store, caller(m_desk.ana), 0, 7);
    QSet<QString> seen;
    qint64 lastRev = 0;
    for (const QJsonObject &c : pulled.changes) {
        const qint64 rev = c.value(QStringLiteral("rev")).toInteger();
        QVERIFY(rev >= lastRev); // in revision order, across pages too
        lastRev = rev;
        const QString key = c.value(QStringLiteral("entity")).toString()
            + QString::number(c.value(QStringLiteral("id")).toInteger());
        QVERIFY2(!seen.contains(key), qPrintable(key + QStringLiteral(" came twice")));
        seen.insert(key);
    }
    QVERIFY(pulled.pageBytes.size() > 8); // 7 rows a page at most
    QVERIFY(pulled.cursors > 0); // some pages ended inside a revision
    QCOMPARE(pulled.revision, m_store->sync().committedRevision());
    int tickets = 0;
    for (const QString &key : std::as_const(seen))
        tickets += key.startsWith(QLatin1String("ticket"));
    QCOMPARE(tickets, 30);
    QVERIFY(m_store->pull(caller(m_desk.ana), pulled.revision, std::nullopt, 7)
                .result.toObject()
                .value(QStringLiteral("changes"))
                .toArray()
                .isEmpty());
}

void TicketStoreTest::aRevisionLargerThanAPageComesOverSeveralPagesWithinTheByteBudget()
{
    // A ticket with a long conversation moves to another group: its whole conversation is one
    // revision for that group's consoles. Pages stay near the budget and all of it arrives.
    const qint64 id = create(m_desk.ana, QStringLiteral("log dump"));
    const QString chunk = QStringLiteral("línea del registro ")
                              .repeated(4000); // ~80 kB of text, some of it two bytes
    for (int i = 0; i < 30; ++i)
        QVERIFY(write([&] {
            return m_store->tickets().addArticle(
                caller(m_desk.ana), id, ArticleKind::InternalNote, chunk, m_clock);
        }).ok);
    const qint64 before = m_store->sync().committedRevision();
    QVERIFY(
        update(m_desk.ana, id, 1, { { QStringLiteral("groupId"), double(m_desk.network) } }).ok);

    const qint64 budget = 256 * 1024;
    const Pulled pulled = pullAll(*m_store, caller(m_desk.bruno), before, 2000, budget);
    int articles = 0;
    for (const QJsonObject &c : pulled.changes)
        articles
            += c.value(QStringLiteral("entity")).toString() == QLatin1String("article") ? 1 : 0;
    QCOMPARE(articles, 32); // the description, 30 notes and the move
    QVERIFY2(pulled.pageBytes.size() >= 8, qPrintable(QString::number(pulled.pageBytes.size())));
    for (qint64 bytes : pulled.pageBytes)
        QVERIFY2(bytes <= budget + 200 * 1024,
            qPrintable(QStringLiteral("a page of %1 bytes")
                           .arg(bytes))); // one article past the budget at most
    QCOMPARE(pulled.revision, m_store->sync().committedRevision());
}

void TicketStoreTest::textIsStoredExactlyAsTyped()
{
    const QString nasty = QStringLiteral("Robert'); DROP TABLE tickets;-- 😀 «ñ» \\ % _ \"x\"");
    const qint64 id = create(m_desk.ana, nasty);
    QCOMPARE(ticket(id).subject, nasty);
    QVERIFY(m_store->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM tickets")).toInt() == 1);
    TicketFilter f;
    f.text = nasty;
    QVERIFY(m_store->tickets().query(caller(m_desk.ana), f).ok);
    f.text = QStringLiteral("%");
    QCOMPARE(m_store->tickets()
                 .query(caller(m_desk.ana), f)
                 .result.toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        0);
}

void TicketStoreTest::searchFindsNumbersAndWordsWithoutAccents()
{
    create(m_desk.ana, QStringLiteral("Configuración del correo en el móvil"));
    const qint64 vpn = create(m_desk.ana, QStringLiteral("VPN no conecta"));
    TicketFilter f;
    f.text = QStringLiteral("configuracion movil");
    QCOMPARE(m_store->tickets()
                 .query(caller(m_desk.ana), f)
                 .result.toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        1);
    f.text = QStringLiteral("inc-2");
    const QJsonArray byNumber = m_store->tickets()
                                    .query(caller(m_desk.ana), f)
                                    .result.toObject()
                                    .value(QStringLiteral("tickets"))
                                    .toArray();
    QCOMPARE(byNumber.size(), 1);
    QCOMPARE(byNumber.first().toObject().value(QStringLiteral("id")).toInteger(), vpn);
    f.text = QStringLiteral(
        "ferreteria"); // the organisation's name, without its accent? no: LIKE is exact
    f.text = QStringLiteral("Ferretería");
    QCOMPARE(m_store->tickets()
                 .query(caller(m_desk.ana), f)
                 .result.toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        2);
    f.text = QStringLiteral("conec"); // a prefix, as the user types
    QCOMPARE(m_store->tickets()
                 .query(caller(m_desk.ana), f)
                 .result.toObject()
                 .value(QStringLiteral("total"))
                 .toInt(),
        1);
}

void TicketStoreTest::aWordSearchPagesSortsAndCountsLikeAnyQuery_data()
{
    QTest::addColumn<QString>("sort");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("limit");
    QTest::newRow("newest first, first page") << "updatedAt" << true << 0 << 2;
    QTest::newRow("newest first, second page") << "updatedAt" << true << 2 << 2;
    QTest::newRow("the last one") << "updatedAt" << true << 4 << 2;
    QTest::newRow("past the end") << "updatedAt" << true << 10 << 2;
    QTest::newRow("by number, oldest first") << "number" << false << 1 << 3;
    QTest::newRow("by priority, P1 first") << "priority" << false << 0 << 5;
    QTest::newRow("by status") << "status" << true << 0 << 50;
}

void TicketStoreTest::aWordSearchPagesSortsAndCountsLikeAnyQuery()
{
    QFETCH(QString, sort);
    QFETCH(bool, descending);
    QFETCH(int, offset);
    QFETCH(int, limit);
    // Five of ana's group with the word (one closed, priorities apart), one without, one in a
    // group she is not in.
    QList<qint64> withWord;
    for (int i = 0; i < 5; ++i) {
        m_clock += 60000;
        withWord << create(m_desk.ana, QStringLiteral("La impresora %1 no imprime").arg(i));
    }
    QVERIFY(update(m_desk.ana, withWord.at(1), 1,
        { { QStringLiteral("impact"), QStringLiteral("high") },
            { QStringLiteral("urgency"), QStringLiteral("high") } })
                .ok);
    QVERIFY(update(
        m_desk.ana, withWord.at(3), 1, { { QStringLiteral("status"), QStringLiteral("resolved") } })
                .ok);
    m_clock += 60000;
    create(m_desk.ana, QStringLiteral("VPN no conecta"));
    create(m_desk.bruno, QStringLiteral("La impresora de red"));

    // The same page as the same query without words, over the tickets that have the word.
    TicketFilter byWord;
    byWord.text = QStringLiteral("impresora");
    byWord.sort = sort;
    byWord.descending = descending;
    byWord.offset = offset;
    byWord.limit = limit;
    const QJsonObject found
        = m_store->tickets().query(caller(m_desk.ana), byWord).result.toObject();
    TicketFilter every = byWord;
    every.text.clear();
    every.offset = 0;
    every.limit = 500;
    QList<qint64> expected;
    for (const QJsonValue &v : m_store->tickets()
                                   .query(caller(m_desk.ana), every)
                                   .result.toObject()
                                   .value(QStringLiteral("tickets"))
                                   .toArray()) {
        if (withWord.contains(v.toObject().value(QStringLiteral("id")).toInteger()))
            expected << v.toObject().value(QStringLiteral("id")).toInteger();
    }
    QCOMPARE(expected.size(), 5);
    expected = expected.mid(offset, limit);
    QList<qint64> got;
    for (const QJsonValue &v : found.value(QStringLiteral("tickets")).toArray())
        got << v.toObject().value(QStringLiteral("id")).toInteger();
    QCOMPARE(got, expected);
    QCOMPARE(found.value(QStringLiteral("total")).toInt(), 5);
    QCOMPARE(found.value(QStringLiteral("offset")).toInt(), offset);
    // Whole tickets, as without words.
    if (!got.isEmpty())
        QCOMPARE(found.value(QStringLiteral("tickets")).toArray().first().toObject(),
            ticket(got.first()).toJson());
}

void TicketStoreTest::customerHistoryShowsTheCustomerAndTheOrganisation()
{
    create(m_desk.ana, QStringLiteral("mine 1"));
    create(m_desk.bruno, QStringLiteral("mine 2, other group"));
    NewTicket n;
    n.subject = QStringLiteral("Tom's");
    n.customerId = m_desk.otherCustomer;
    QVERIFY(write([&] { return m_store->tickets().create(caller(m_desk.ana), n, m_clock); }).ok);
    const QJsonObject h = m_store->tickets()
                              .customerHistory(caller(m_desk.ana), m_desk.customer, 50)
                              .result.toObject();
    const QJsonArray mine = h.value(QStringLiteral("tickets")).toArray();
    QCOMPARE(mine.size(), 2);
    QCOMPARE(h.value(QStringLiteral("openTickets")).toInt(), 2);
    // Newest first; the other group's ticket is listed but not openable by Ana.
    QCOMPARE(mine.at(0).toObject().value(QStringLiteral("subject")).toString(),
        QStringLiteral("mine 2, other group"));
    QCOMPARE(mine.at(0).toObject().value(QStringLiteral("visible")).toBool(), false);
    QCOMPARE(mine.at(1).toObject().value(QStringLiteral("visible")).toBool(), true);
    const QJsonArray org = h.value(QStringLiteral("organisationTickets")).toArray();
    QCOMPARE(org.size(), 1);
    QCOMPARE(
        org.at(0).toObject().value(QStringLiteral("subject")).toString(), QStringLiteral("Tom's"));
    QCOMPARE(m_store->tickets().customerHistory(caller(m_desk.ana), 424242, 50).error.code,
        ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TicketStoreTest)
#include "tst_ticketstore.moc"
