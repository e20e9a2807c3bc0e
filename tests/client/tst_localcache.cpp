// The console's offline cache on its own: newer changes win, edits show at once and wait in
// the outbox, answers map temporary ids, conflicts are kept, and a broken file costs no edit.

#include "cache/localcache.h"
#include "core/domain/timestamp.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende::Client;
using SlaState = Atiende::Core::SlaTimeline::State;

namespace {
QJsonObject ticket(qint64 id, const QString &subject, int version = 1,
    const QString &status = QStringLiteral("new"))
{
    return { { QStringLiteral("id"), double(id) },
        { QStringLiteral("number"), QStringLiteral("INC-%1").arg(id, 6, 10, QLatin1Char('0')) },
        { QStringLiteral("type"), QStringLiteral("incident") },
        { QStringLiteral("subject"), subject }, { QStringLiteral("status"), status },
        { QStringLiteral("impact"), QStringLiteral("medium") },
        { QStringLiteral("urgency"), QStringLiteral("medium") },
        { QStringLiteral("priority"), QStringLiteral("P3") }, { QStringLiteral("groupId"), 1 },
        { QStringLiteral("assigneeId"), QJsonValue::Null }, { QStringLiteral("customerId"), 7 },
        { QStringLiteral("organisationId"), 3 },
        { QStringLiteral("createdAt"), QStringLiteral("2026-11-20T10:00:00.000Z") },
        { QStringLiteral("updatedAt"), QStringLiteral("2026-11-20T10:0%1:00.000Z").arg(version) },
        { QStringLiteral("version"), version } };
}
QJsonObject change(qint64 rev, const QString &entity, qint64 id, const QJsonObject &data,
    const QString &op = QStringLiteral("upsert"))
{
    QJsonObject c { { QStringLiteral("rev"), double(rev) }, { QStringLiteral("entity"), entity },
        { QStringLiteral("id"), double(id) }, { QStringLiteral("op"), op } };
    if (op == QLatin1String("upsert"))
        c.insert(QStringLiteral("data"), data);
    return c;
}
} // namespace

class LocalCacheTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void aNewCacheIsEmptyAtRevisionZero();
    void newerChangesWinAndOlderOnesAreIgnored();
    void aHiddenTicketLeavesWithItsConversation();
    void anEditShowsAtOnceAndWaitsInTheOutbox();
    void serverChangesKeepPendingEditsOnTop();
    void anAnsweredCreateTakesItsRealIdAndLaterEditsFollow();
    void conflictsAndRefusalsAreKeptForTheAgent();
    void aRefusedReplyKeepsTheTextTheAgentWrote();
    void queuesFilterAsTheAgentTypesIgnoringAccents();
    void kbSearchRanksTitleHitsFirstAndHighlights();
    void kbRelatedFindsArticlesSharingAnyKeyword();
    void aCorruptFileIsMovedAsideAndItsOutboxRescued();
    void aCacheFromANewerVersionIsMovedAside();
    void aTruncatedFileIsMovedAside();
    void theOutboxSurvivesAReopen();
    void queueRowsCarryTheSlaClockThatCountsNow();
    void queueRowsReadEveryStatusPriorityTypeAndSlaStateTyped();
    void aReplyFromSomeoneElseMakesATicketUnreadUntilOpened();
    void aDraftSurvivesAReopenAndFollowsARenumberedTicket();

private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<LocalCache> m_cache;
    QString path() const { return m_dir->filePath(QStringLiteral("cache.db")); }
};

void LocalCacheTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    LocalCache::OpenReport report;
    m_cache = LocalCache::open(path(), &report, &error);
    QVERIFY2(m_cache, qPrintable(error));
    QVERIFY(report.created);
}

void LocalCacheTest::cleanup()
{
    m_cache.reset();
    delete m_dir;
}

void LocalCacheTest::aNewCacheIsEmptyAtRevisionZero()
{
    QCOMPARE(m_cache->revision(), 0);
    QCOMPARE(m_cache->count(QStringLiteral("tickets")), 0);
    QCOMPARE(m_cache->outboxSize(), 0);
}

void LocalCacheTest::newerChangesWinAndOlderOnesAreIgnored()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(5, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("v5"), 2)) }, 5, &d));
    QVERIFY(d.tickets.contains(1));
    CacheDelta old;
    QVERIFY(m_cache->applyChanges(
        { change(3, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("v3"), 1)) }, 0, &old));
    QVERIFY(old.tickets.isEmpty());
    QCOMPARE(m_cache->ticket(1)->value(QStringLiteral("subject")).toString(), QStringLiteral("v5"));
    QCOMPARE(m_cache->revision(), 5); // 0 means "leave the revision alone"
    QVERIFY(m_cache->applyChanges(
        { change(9, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("v9"), 3)) }, 9, &d));
    QCOMPARE(m_cache->ticket(1)->value(QStringLiteral("subject")).toString(), QStringLiteral("v9"));
    QCOMPARE(m_cache->revision(), 9);
}

void LocalCacheTest::aHiddenTicketLeavesWithItsConversation()
{
    CacheDelta d;
    const QJsonObject article { { QStringLiteral("id"), 11 }, { QStringLiteral("ticketId"), 1 },
        { QStringLiteral("kind"), QStringLiteral("reply") },
        { QStringLiteral("body"), QStringLiteral("hola") },
        { QStringLiteral("createdAt"), QStringLiteral("2026-11-20T10:00:00.000Z") } };
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("x"))),
            change(2, QStringLiteral("article"), 11, article) },
        2, &d));
    QCOMPARE(m_cache->articles(1).size(), 1);
    QVERIFY(m_cache->applyChanges(
        { change(4, QStringLiteral("ticket"), 1, {}, QStringLiteral("hide")) }, 4, &d));
    QVERIFY(!m_cache->ticket(1));
    QCOMPARE(m_cache->articles(1).size(), 0);
    QVERIFY(d.removedTickets.contains(1));
}

void LocalCacheTest::anEditShowsAtOnceAndWaitsInTheOutbox()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("printer"))) }, 2, &d));
    const QString op = m_cache->updateTicket(1,
        { { QStringLiteral("impact"), QStringLiteral("high") },
            { QStringLiteral("urgency"), QStringLiteral("high") } },
        1000, &d);
    QVERIFY(!op.isEmpty());
    QCOMPARE(m_cache->ticket(1)->value(QStringLiteral("priority")).toString(),
        QStringLiteral("P1")); // the matrix, locally
    const QList<OutboxOp> ops = m_cache->outbox();
    QCOMPARE(ops.size(), 1);
    QCOMPARE(ops.first().opId, op);
    QCOMPARE(ops.first().params.value(QStringLiteral("baseVersion")).toInt(), 1);
    QCOMPARE(
        m_cache->tickets({}).first().toObject().value(QStringLiteral("pending")).toBool(), true);
}

void LocalCacheTest::serverChangesKeepPendingEditsOnTop()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("printer"))) }, 2, &d));
    QVERIFY(!m_cache
                 ->updateTicket(
                     1, { { QStringLiteral("status"), QStringLiteral("in_progress") } }, 1000, &d)
                 .isEmpty());
    // Someone renames it meanwhile: the rename shows, and so does the agent's status.
    QVERIFY(m_cache->applyChanges(
        { change(3, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("printer on fire"), 2)) },
        3, &d));
    const QJsonObject t = *m_cache->ticket(1);
    QCOMPARE(t.value(QStringLiteral("subject")).toString(), QStringLiteral("printer on fire"));
    QCOMPARE(t.value(QStringLiteral("status")).toString(), QStringLiteral("in_progress"));
    // When the edit is answered with the server's truth, nothing is pending any more.
    QJsonObject truth
        = ticket(1, QStringLiteral("printer on fire"), 3, QStringLiteral("in_progress"));
    QVERIFY(m_cache->acknowledge(m_cache->outbox().first().opId, true,
        QJsonObject {
            { QStringLiteral("ticket"), truth }, { QStringLiteral("conflicts"), QJsonArray() } },
        0, QString(), {}, &d));
    QCOMPARE(m_cache->outboxSize(), 0);
    QCOMPARE(m_cache->ticket(1)->value(QStringLiteral("version")).toInt(), 3);
    QVERIFY(!m_cache->tickets({}).first().toObject().contains(QStringLiteral("pending")));
}

void LocalCacheTest::anAnsweredCreateTakesItsRealIdAndLaterEditsFollow()
{
    CacheDelta d;
    qint64 temp = 0;
    const QString create = m_cache->createTicket(
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), QStringLiteral("offline one") },
            { QStringLiteral("description"), QStringLiteral("typed on a train") } },
        1000, &temp, &d);
    QVERIFY(temp < 0);
    QVERIFY(m_cache->ticket(temp));
    QCOMPARE(m_cache->articles(temp).size(), 1);
    QVERIFY(!m_cache
                 ->updateTicket(
                     temp, { { QStringLiteral("urgency"), QStringLiteral("high") } }, 1001, &d)
                 .isEmpty());
    qint64 tempArticle = 0;
    QVERIFY(!m_cache
                 ->addArticle(temp, QStringLiteral("note"), QStringLiteral("called them"), 5, 1002,
                     &tempArticle, &d)
                 .isEmpty());
    QCOMPARE(m_cache->outbox().at(1).dependsOn(), QList<qint64> { temp });

    QJsonObject real = ticket(42, QStringLiteral("offline one"));
    const QJsonObject desc { { QStringLiteral("id"), 100 }, { QStringLiteral("ticketId"), 42 },
        { QStringLiteral("kind"), QStringLiteral("reply") },
        { QStringLiteral("body"), QStringLiteral("typed on a train") },
        { QStringLiteral("createdAt"), QStringLiteral("2026-11-20T10:00:00.000Z") } };
    QVERIFY(m_cache->acknowledge(create, true,
        QJsonObject { { QStringLiteral("ticket"), real },
            { QStringLiteral("articles"), QJsonArray { desc } } },
        0, QString(), {}, &d));
    QVERIFY(!m_cache->ticket(temp));
    QVERIFY(m_cache->ticket(42));
    const QList<OutboxOp> left = m_cache->outbox();
    QCOMPARE(left.size(), 2);
    QCOMPARE(left.at(0).params.value(QStringLiteral("id")).toInteger(), 42);
    QCOMPARE(left.at(1).params.value(QStringLiteral("ticketId")).toInteger(), 42);
    QVERIFY(left.at(0).dependsOn().isEmpty());
    // The pending urgency still shows on the real ticket, and the pending note sits under it.
    QCOMPARE(
        m_cache->ticket(42)->value(QStringLiteral("urgency")).toString(), QStringLiteral("high"));
    QCOMPARE(m_cache->articles(42).size(), 2);
}

void LocalCacheTest::conflictsAndRefusalsAreKeptForTheAgent()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("x"))) }, 2, &d));
    const QString op = m_cache->updateTicket(
        1, { { QStringLiteral("urgency"), QStringLiteral("low") } }, 1000, &d);
    QJsonObject theirs = ticket(1, QStringLiteral("x"), 2);
    theirs.insert(QStringLiteral("urgency"), QStringLiteral("high"));
    const QJsonObject data {
        { QStringLiteral("conflicts"),
            QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("urgency") },
                { QStringLiteral("yours"), QStringLiteral("low") },
                { QStringLiteral("theirs"), QStringLiteral("high") } } } },
        { QStringLiteral("ticket"), theirs }
    };
    QVERIFY(m_cache->acknowledge(op, false, {}, -32012, QStringLiteral("changed since"), data, &d));
    QVERIFY(d.conflicts);
    const QList<Conflict> c = m_cache->conflicts(1);
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.first().field, QStringLiteral("urgency"));
    QCOMPARE(c.first().yours.toString(), QStringLiteral("low"));
    QCOMPARE(c.first().theirs.toString(), QStringLiteral("high"));
    QCOMPARE(m_cache->ticket(1)->value(QStringLiteral("urgency")).toString(),
        QStringLiteral("high")); // the server's value shows
    QVERIFY(m_cache->resolveConflict(c.first().id));
    QVERIFY(m_cache->conflicts(1).isEmpty());
}

void LocalCacheTest::aRefusedReplyKeepsTheTextTheAgentWrote()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("x"))) }, 2, &d));
    qint64 temp = 0;
    const QString op = m_cache->addArticle(
        1, QStringLiteral("reply"), QStringLiteral("A long careful answer"), 5, 1000, &temp, &d);
    QVERIFY(m_cache->acknowledge(
        op, false, {}, -32014, QStringLiteral("INC-000001 is closed"), {}, &d));
    QCOMPARE(m_cache->articles(1).size(), 0);
    const QList<Conflict> c = m_cache->conflicts(1);
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.first().yours.toString(), QStringLiteral("A long careful answer"));
    QCOMPARE(c.first().code, -32014);
}

void LocalCacheTest::queuesFilterAsTheAgentTypesIgnoringAccents()
{
    CacheDelta d;
    const QJsonObject customer { { QStringLiteral("id"), 7 },
        { QStringLiteral("name"), QStringLiteral("Núria Peña") },
        { QStringLiteral("organisationId"), 3 } };
    const QJsonObject org { { QStringLiteral("id"), 3 },
        { QStringLiteral("name"), QStringLiteral("Ferretería Norte") } };
    QVERIFY(m_cache->applyChanges(
        { change(1, QStringLiteral("customer"), 7, customer),
            change(1, QStringLiteral("organisation"), 3, org),
            change(2, QStringLiteral("ticket"), 1,
                ticket(1, QStringLiteral("Configuración del móvil"))),
            change(3, QStringLiteral("ticket"), 2,
                ticket(2, QStringLiteral("VPN"), 1, QStringLiteral("closed"))) },
        3, &d));
    LocalCache::Query q;
    q.text = QStringLiteral("configuracion");
    QCOMPARE(m_cache->tickets(q).size(), 1);
    q.text = QStringLiteral("nuria");
    QCOMPARE(m_cache->tickets(q).size(), 2);
    q.text = QStringLiteral("ferreteria");
    QCOMPARE(m_cache->tickets(q).size(), 2);
    q.text = QStringLiteral("inc-000002");
    QCOMPARE(m_cache->tickets(q).size(), 1);
    q.text = QStringLiteral("%");
    QCOMPARE(m_cache->tickets(q).size(), 0);
    q.text.clear();
    q.openOnly = true;
    int total = 0;
    QCOMPARE(m_cache->tickets(q, &total).size(), 1);
    QCOMPARE(total, 1);
}

void LocalCacheTest::kbSearchRanksTitleHitsFirstAndHighlights()
{
    CacheDelta d;
    auto kb = [](qint64 id, const QString &title, const QString &body) {
        return QJsonObject { { QStringLiteral("id"), double(id) },
            { QStringLiteral("title"), title }, { QStringLiteral("body"), body },
            { QStringLiteral("keywords"), QJsonArray {} },
            { QStringLiteral("audience"), QStringLiteral("agent") },
            { QStringLiteral("language"), QStringLiteral("es") },
            { QStringLiteral("updatedAt"), QStringLiteral("2026-11-01T00:00:00.000Z") } };
    };
    QVERIFY(m_cache->applyChanges(
        { change(1, QStringLiteral("kb"), 1,
              kb(1, QStringLiteral("Impresoras"), QStringLiteral("Si la VPN falla, reinicie."))),
            change(2, QStringLiteral("kb"), 2,
                kb(2, QStringLiteral("Configuración de la VPN"),
                    QStringLiteral("Pasos para conectar."))) },
        2, &d));
    const QJsonArray r = m_cache->kbSearch(QStringLiteral("vpn"), 10);
    QCOMPARE(r.size(), 2);
    QCOMPARE(r.at(0).toObject().value(QStringLiteral("id")).toInt(), 2);
    QVERIFY(r.at(1)
                .toObject()
                .value(QStringLiteral("snippet"))
                .toString()
                .contains(QLatin1String("<mark>VPN</mark>")));
    QCOMPARE(m_cache->kbSearch(QStringLiteral("configuracion"), 10).size(), 1);
    QCOMPARE(m_cache->kbSearch(QStringLiteral("\"; DROP"), 10).size(), 0);
}

void LocalCacheTest::kbRelatedFindsArticlesSharingAnyKeyword()
{
    CacheDelta d;
    auto kb = [](qint64 id, const QString &title, const QString &body) {
        return QJsonObject { { QStringLiteral("id"), double(id) },
            { QStringLiteral("title"), title }, { QStringLiteral("body"), body },
            { QStringLiteral("keywords"), QJsonArray {} },
            { QStringLiteral("audience"), QStringLiteral("public") },
            { QStringLiteral("language"), QStringLiteral("es") },
            { QStringLiteral("updatedAt"), QStringLiteral("2026-11-01T00:00:00.000Z") } };
    };
    QVERIFY(m_cache->applyChanges(
        { change(1, QStringLiteral("kb"), 1,
              kb(1, QStringLiteral("Restablecer la contraseña"),
                  QStringLiteral("Desde el portal."))),
            change(2, QStringLiteral("kb"), 2,
                kb(2, QStringLiteral("Outlook pide la contraseña"),
                    QStringLiteral(
                        "Si Outlook vuelve a pedirla, borre las credenciales guardadas."))),
            change(3, QStringLiteral("kb"), 3,
                kb(3, QStringLiteral("Impresoras atascadas"),
                    QStringLiteral("Abra la bandeja."))) },
        3, &d));
    // Every word must match in a search; a related search wants any, and the more the better.
    QCOMPARE(
        m_cache->kbSearch(QStringLiteral("Outlook me pide las contraseñas cada hora"), 10).size(),
        0);
    const QJsonArray r
        = m_cache->kbRelated(QStringLiteral("Outlook me pide las contraseñas cada hora"), 10);
    QCOMPARE(r.size(), 2);
    QCOMPARE(r.at(0).toObject().value(QStringLiteral("id")).toInt(), 2);
    QCOMPARE(r.at(1).toObject().value(QStringLiteral("id")).toInt(), 1);
    QVERIFY(r.at(0)
                .toObject()
                .value(QStringLiteral("snippet"))
                .toString()
                .contains(QLatin1String("<mark>")));
    QVERIFY(m_cache->kbRelated(QStringLiteral("Hola, ayuda por favor"), 10).isEmpty());
}

void LocalCacheTest::aCorruptFileIsMovedAsideAndItsOutboxRescued()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("x"))) }, 2, &d));
    const QString op = m_cache->updateTicket(
        1, { { QStringLiteral("subject"), QStringLiteral("renamed offline") } }, 1000, &d);
    m_cache.reset();
    // Scribble over the middle of the file, where the tables' pages are.
    QFile f(path());
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 8192);
    f.seek(4096);
    f.write(QByteArray(int(qMin<qint64>(size - 8192, 40960)), '\xAB'));
    f.close();
    LocalCache::OpenReport report;
    QString error;
    m_cache = LocalCache::open(path(), &report, &error);
    QVERIFY2(m_cache, qPrintable(error));
    if (!report.movedAside)
        QSKIP("SQLite still reads this file; the damage landed in free pages");
    QVERIFY(QFile::exists(report.movedTo));
    QVERIFY(!report.reason.isEmpty());
    QCOMPARE(m_cache->revision(), 0);
    Q_UNUSED(op)
}

void LocalCacheTest::aCacheFromANewerVersionIsMovedAside()
{
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, ticket(1, QStringLiteral("x"))) }, 2, &d));
    const QString op = m_cache->updateTicket(
        1, { { QStringLiteral("subject"), QStringLiteral("from the future") } }, 1000, &d);
    QVERIFY(m_cache->setMeta(QStringLiteral("probe"), QStringLiteral("1")));
    m_cache.reset();
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    LocalCache::OpenReport report;
    QString error;
    m_cache = LocalCache::open(path(), &report, &error);
    QVERIFY2(m_cache, qPrintable(error));
    QVERIFY(report.movedAside);
    QVERIFY2(report.reason.contains(QLatin1String("newer")), qPrintable(report.reason));
    QCOMPARE(report.outboxSalvaged, 1);
    QCOMPARE(m_cache->outbox().first().opId, op);
}

void LocalCacheTest::aTruncatedFileIsMovedAside()
{
    CacheDelta d;
    QJsonArray many;
    for (int i = 1; i <= 300; ++i)
        many.append(change(i, QStringLiteral("ticket"), i,
            ticket(
                i, QStringLiteral("ticket %1 with a long enough subject to fill pages").arg(i))));
    QVERIFY(m_cache->applyChanges(many, 300, &d));
    m_cache.reset();
    // A copy cut short (a full disk, a sync tool): SQLite may still open it.
    QFile f(path());
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 16384);
    QVERIFY(f.resize(size / 2));
    f.close();
    QFile::remove(path() + QStringLiteral("-wal"));
    LocalCache::OpenReport report;
    QString error;
    m_cache = LocalCache::open(path(), &report, &error);
    QVERIFY2(m_cache, qPrintable(error));
    QVERIFY(report.movedAside);
    QVERIFY2(report.reason.contains(QLatin1String("truncated"))
            || report.reason.contains(QLatin1String("damaged"))
            || report.reason.contains(QLatin1String("cannot be read")),
        qPrintable(report.reason));
    QCOMPARE(m_cache->revision(), 0);
    QCOMPARE(m_cache->count(QStringLiteral("tickets")), 0);
}

void LocalCacheTest::theOutboxSurvivesAReopen()
{
    CacheDelta d;
    qint64 temp = 0;
    const QString op
        = m_cache->createTicket({ { QStringLiteral("type"), QStringLiteral("incident") },
                                    { QStringLiteral("subject"), QStringLiteral("kept") } },
            1000, &temp, &d);
    m_cache.reset();
    LocalCache::OpenReport report;
    QString error;
    m_cache = LocalCache::open(path(), &report, &error);
    QVERIFY(m_cache);
    QVERIFY(!report.created && !report.movedAside);
    QCOMPARE(m_cache->outbox().size(), 1);
    QCOMPARE(m_cache->outbox().first().opId, op);
    QVERIFY(m_cache->ticket(temp));
}

void LocalCacheTest::queueRowsCarryTheSlaClockThatCountsNow()
{
    auto clock = [](const QString &state, const QJsonValue &due, const QJsonValue &stopped,
                     bool paused = false) {
        return QJsonObject { { QStringLiteral("targetMs"), 3600000.0 },
            { QStringLiteral("state"), state }, { QStringLiteral("dueAt"), due },
            { QStringLiteral("warnAt"), due }, { QStringLiteral("stoppedAt"), stopped },
            { QStringLiteral("paused"), paused } };
    };
    QJsonObject answered = ticket(1, QStringLiteral("answered"));
    answered.insert(QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("firstResponse"),
                          clock(QStringLiteral("met"), QJsonValue::Null,
                              QStringLiteral("2026-11-20T10:30:00.000Z")) },
            { QStringLiteral("resolution"),
                clock(QStringLiteral("warning"), QStringLiteral("2026-11-21T10:00:00.000Z"),
                    QJsonValue::Null) } });
    QJsonObject fresh = ticket(2, QStringLiteral("fresh"));
    fresh.insert(QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("firstResponse"),
                          clock(QStringLiteral("running"),
                              QStringLiteral("2026-11-20T11:00:00.000Z"), QJsonValue::Null) },
            { QStringLiteral("resolution"),
                clock(QStringLiteral("running"), QStringLiteral("2026-11-22T10:00:00.000Z"),
                    QJsonValue::Null) } });
    QJsonObject waiting
        = ticket(3, QStringLiteral("waiting"), 1, QStringLiteral("pending_customer"));
    waiting.insert(QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("firstResponse"),
                          clock(QStringLiteral("met"), QJsonValue::Null,
                              QStringLiteral("2026-11-20T10:30:00.000Z")) },
            { QStringLiteral("resolution"),
                clock(QStringLiteral("paused"), QJsonValue::Null, QJsonValue::Null, true) } });
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(
        { change(2, QStringLiteral("ticket"), 1, answered),
            change(2, QStringLiteral("ticket"), 2, fresh),
            change(2, QStringLiteral("ticket"), 3, waiting),
            change(2, QStringLiteral("ticket"), 4, ticket(4, QStringLiteral("no sla"))) },
        2, &d));
    QHash<qint64, QueueRow> rows;
    for (const QueueRow &r : m_cache->queueRows())
        rows.insert(r.id, r);
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows[1].slaState, SlaState::Warning);
    QCOMPARE(rows[1].slaDueAt,
        Atiende::Core::Timestamp::fromJson(QStringLiteral("2026-11-21T10:00:00.000Z")));
    QCOMPARE(rows[2].slaState, SlaState::Running);
    QCOMPARE(rows[2].slaDueAt,
        Atiende::Core::Timestamp::fromJson(
            QStringLiteral("2026-11-20T11:00:00.000Z"))); // first response counts first
    QCOMPARE(rows[3].slaState, SlaState::Paused);
    QCOMPARE(rows[3].slaDueAt, 0);
    QVERIFY(!rows[4].slaState); // no SLA
    QCOMPARE(rows[4].number, QStringLiteral("INC-000004"));
    QCOMPARE(rows[4].customerId, 7);
    // Just some of them, for a live change.
    const QList<QueueRow> two = m_cache->queueRows({ 2, 3 });
    QCOMPARE(two.size(), 2);
}

void LocalCacheTest::queueRowsReadEveryStatusPriorityTypeAndSlaStateTyped()
{
    using namespace Atiende::Core;
    // Ticket i has the i-th status, priority, type and SLA state (cycling through each list),
    // ticket 0 has no SLA; ticket 100 has values this console does not know, which read as
    // Ticket reads them.
    const QStringList states { QStringLiteral("none"), QStringLiteral("running"),
        QStringLiteral("paused"), QStringLiteral("warning"), QStringLiteral("breached"),
        QStringLiteral("met") };
    QJsonArray changes;
    for (int i = 0; i <= 7; ++i) {
        QJsonObject t
            = ticket(i + 1, QStringLiteral("t%1").arg(i), 1, wireNames<TicketStatus>().at(i % 7));
        t.insert(QStringLiteral("priority"), wireNames<Priority>().at(i % 4));
        t.insert(QStringLiteral("type"), wireNames<TicketType>().at(i % 2));
        if (i > 0)
            t.insert(QStringLiteral("sla"),
                QJsonObject { { QStringLiteral("resolution"),
                    QJsonObject { { QStringLiteral("targetMs"), 3600000.0 },
                        { QStringLiteral("state"), states.at((i - 1) % 6) } } } });
        changes.append(change(2, QStringLiteral("ticket"), i + 1, t));
    }
    QJsonObject future
        = ticket(100, QStringLiteral("from a newer server"), 1, QStringLiteral("on_hold"));
    future.insert(QStringLiteral("priority"), QStringLiteral("P0"));
    future.insert(QStringLiteral("type"), QStringLiteral("problem"));
    future.insert(QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("resolution"),
            QJsonObject { { QStringLiteral("targetMs"), 3600000.0 },
                { QStringLiteral("state"), QStringLiteral("frozen") } } } });
    changes.append(change(2, QStringLiteral("ticket"), 100, future));
    // A known status with an unknown SLA state reads its status all the same.
    QJsonObject half = ticket(101, QStringLiteral("half known"), 1, QStringLiteral("resolved"));
    half.insert(QStringLiteral("sla"),
        QJsonObject { { QStringLiteral("resolution"),
            QJsonObject { { QStringLiteral("targetMs"), 3600000.0 },
                { QStringLiteral("state"), QStringLiteral("frozen") } } } });
    changes.append(change(2, QStringLiteral("ticket"), 101, half));
    CacheDelta d;
    QVERIFY(m_cache->applyChanges(changes, 2, &d));
    QHash<qint64, QueueRow> rows;
    for (const QueueRow &r : m_cache->queueRows())
        rows.insert(r.id, r);
    QCOMPARE(rows.size(), 10);
    for (int i = 0; i <= 7; ++i) {
        const QueueRow &r = rows.value(i + 1);
        QCOMPARE(r.status, TicketStatus(i % 7));
        QCOMPARE(r.priority, Priority(i % 4));
        QCOMPARE(r.type, TicketType(i % 2));
        if (i == 0)
            QVERIFY(!r.slaState);
        else
            QCOMPARE(r.slaState, SlaState((i - 1) % 6));
    }
    QCOMPARE(rows.value(100).status, TicketStatus::New);
    QCOMPARE(rows.value(100).priority, Priority::P3);
    QCOMPARE(rows.value(100).type, TicketType::Incident);
    QCOMPARE(rows.value(100).slaState, SlaState::None);
    QCOMPARE(rows.value(101).status, TicketStatus::Resolved);
    QCOMPARE(rows.value(101).slaState, SlaState::None);
}

void LocalCacheTest::aReplyFromSomeoneElseMakesATicketUnreadUntilOpened()
{
    m_cache->setOwnAgent(5);
    CacheDelta d;
    QJsonObject mine = ticket(1, QStringLiteral("mine"));
    mine.insert(QStringLiteral("createdBy"), 5);
    QVERIFY(m_cache->applyChanges({ change(2, QStringLiteral("ticket"), 1, mine) }, 2, &d));
    auto unread = [this](qint64 id) { return m_cache->queueRows({ id }).value(0).unread; };
    QVERIFY(!unread(1)); // an old ticket from the first snapshot is not news
    const qint64 later = Atiende::Core::Timestamp::now() + 1000;
    auto article = [later](qint64 id, qint64 author, const QString &kind) {
        return QJsonObject { { QStringLiteral("id"), double(id) },
            { QStringLiteral("ticketId"), 1 }, { QStringLiteral("kind"), kind },
            { QStringLiteral("authorAgentId"),
                author ? QJsonValue(double(author)) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("authorCustomerId"),
                author ? QJsonValue(QJsonValue::Null) : QJsonValue(7) },
            { QStringLiteral("body"), QStringLiteral("x") },
            { QStringLiteral("createdAt"), Atiende::Core::Timestamp::toJson(later + id) } };
    };
    QVERIFY(m_cache->applyChanges(
        { change(3, QStringLiteral("article"), 10, article(10, 5, QStringLiteral("reply"))) }, 3,
        &d));
    QVERIFY(!unread(1)); // the agent's own reply
    QVERIFY(m_cache->applyChanges(
        { change(4, QStringLiteral("article"), 11, article(11, 0, QStringLiteral("reply"))) }, 4,
        &d));
    QVERIFY(unread(1)); // the customer answered
    QVERIFY(m_cache->markSeen(1, Atiende::Core::Timestamp::now()));
    QVERIFY(!unread(1));
    QVERIFY(m_cache->applyChanges(
        { change(5, QStringLiteral("article"), 12, article(12, 6, QStringLiteral("note"))) }, 5,
        &d));
    QVERIFY(unread(1)); // a colleague's note
}

void LocalCacheTest::aDraftSurvivesAReopenAndFollowsARenumberedTicket()
{
    CacheDelta d;
    qint64 temp = 0;
    QVERIFY(!m_cache
                 ->createTicket({ { QStringLiteral("subject"), QStringLiteral("phone call") },
                                    { QStringLiteral("groupId"), 1 } },
                     1000, &temp, &d)
                 .isEmpty());
    QVERIFY(m_cache->saveDraft(
        temp, { QStringLiteral("reply"), QStringLiteral("Hola Ana, ya está"), 1001, {} }));
    m_cache.reset();
    QString error;
    m_cache = LocalCache::open(path(), nullptr, &error);
    QVERIFY2(m_cache, qPrintable(error));
    QCOMPARE(m_cache->draft(temp)->body, QStringLiteral("Hola Ana, ya está"));
    // The server answers the create: the draft goes with the ticket to its real id.
    QJsonObject real = ticket(77, QStringLiteral("phone call"));
    QVERIFY(m_cache->acknowledge(m_cache->outbox().first().opId, true,
        QJsonObject { { QStringLiteral("ticket"), real } }, 0, QString(), {}, &d));
    QCOMPARE(d.renumbered.value(temp), 77);
    QVERIFY(!m_cache->draft(temp));
    QCOMPARE(m_cache->draft(77)->kind, QStringLiteral("reply"));
    QVERIFY(m_cache->clearDraft(77));
    QVERIFY(!m_cache->draft(77));
}

QTEST_GUILESS_MAIN(LocalCacheTest)
#include "tst_localcache.moc"
