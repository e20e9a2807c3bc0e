// Satisfaction surveys and auto-close on real tickets: resolving invites the customer, the
// answer is recorded in the conversation, a bad one within the window reopens, and after the
// window the engine closes the ticket, driven by a manual clock (no sleeping).

#include "deskfixture.h"

#include "server/satisfaction/autocloseengine.h"
#include "server/store/storethreads.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende;
using namespace Atiende::Core;
using namespace Atiende::Server;
using Protocol::ErrorCode;

namespace {
constexpr qint64 kHour = 3600 * 1000;
constexpr qint64 kStart = 1795428000000; // 2026-11-23T10:00:00Z
constexpr qint64 kWindow = 72 * kHour;
} // namespace

class SatisfactionTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void resolvingIssuesOneSurveyAndAgainAfterAReopen();
    void answers_data();
    void answers();
    void unknownExpiredAndReusedTokensAreRefused_data();
    void unknownExpiredAndReusedTokensAreRefused();
    void aCustomerReplyWithinTheWindowReopens();
    void theTicketClosesByItselfAtTheEndOfTheWindow();
    void aRestartRebuildsTheWakeUps();
    void onlyAdminsChangeTheWindowAndItAppliesToLaterResolutions();

private:
    OpResult write(const std::function<OpResult()> &fn);
    Caller caller(qint64 agent)
    {
        return m_store->directory().callerFor(*m_store->directory().agent(agent));
    }
    Ticket ticket(qint64 id) { return *m_store->tickets().ticket(id); }
    qint64 createWorking();
    // Resolves the ticket at `at` and returns the token the customer would get.
    QString resolve(qint64 id, qint64 at);
    AutoCloseEngine::Submit runNow()
    {
        return [this](WriteJob job) {
            const OpResult r = write([&] { return job.apply(*m_store); });
            if (job.done)
                job.done(r);
            if (r.ok)
                m_engine->onCommitted(r.changes);
        };
    }
    QList<Article> events(qint64 id)
    {
        QList<Article> out;
        for (const Article &a : m_store->tickets().articles(id)) {
            if (a.kind == ArticleKind::SystemEvent)
                out << a;
        }
        return out;
    }

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Store> m_store;
    Test::Desk m_desk;
    ManualClock m_clock { kStart };
    std::unique_ptr<AutoCloseEngine> m_engine;
};

void SatisfactionTest::init()
{
    m_dir = new QTemporaryDir;
    QString error;
    QVERIFY2(Test::seedDesk(m_dir->path(), &m_desk, &error), qPrintable(error));
    m_store = Store::open(m_dir->filePath(QStringLiteral("atiende.db")), false, &error);
    QVERIFY2(m_store, qPrintable(error));
    m_clock.setNow(kStart);
    m_engine = std::make_unique<AutoCloseEngine>(&m_clock, runNow());
}

void SatisfactionTest::cleanup()
{
    m_engine.reset();
    m_store.reset();
    delete m_dir;
}

OpResult SatisfactionTest::write(const std::function<OpResult()> &fn)
{
    return Test::commit(*m_store, fn);
}

qint64 SatisfactionTest::createWorking()
{
    NewTicket n;
    n.subject = QStringLiteral("la impresora no imprime");
    n.customerId = m_desk.customer;
    n.assigneeId = m_desk.ana;
    const OpResult r
        = write([&] { return m_store->tickets().create(caller(m_desk.ana), n, kStart - kHour); });
    if (!r.ok)
        qWarning() << r.error.message;
    return r.result.toObject()
        .value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("id"))
        .toInteger();
}

QString SatisfactionTest::resolve(qint64 id, qint64 at)
{
    m_store->surveys().takeIssued();
    const OpResult r = write([&] {
        return m_store->tickets().update(caller(m_desk.ana), id, ticket(id).version,
            { { QStringLiteral("status"), QStringLiteral("resolved") } }, at);
    });
    if (!r.ok) {
        qWarning() << r.error.message;
        return QString();
    }
    m_engine->onCommitted(r.changes);
    const QList<SurveyInvite> issued = m_store->surveys().takeIssued();
    return issued.size() == 1 && issued.first().ticketId == id ? issued.first().token : QString();
}

void SatisfactionTest::resolvingIssuesOneSurveyAndAgainAfterAReopen()
{
    const qint64 id = createWorking();
    const QString first = resolve(id, kStart);
    QVERIFY(!first.isEmpty());
    QJsonArray surveys = m_store->surveys()
                             .get(caller(m_desk.ana), id)
                             .result.toObject()
                             .value(QStringLiteral("surveys"))
                             .toArray();
    QCOMPARE(surveys.size(), 1);
    QCOMPARE(Timestamp::fromJson(surveys.at(0).toObject().value(QStringLiteral("closeAt"))),
        kStart + kWindow);
    QVERIFY(surveys.at(0).toObject().value(QStringLiteral("rating")).isNull());
    QVERIFY(!surveys.at(0).toObject().contains(QStringLiteral("token")));
    // Only the hash is stored.
    QCOMPARE(
        m_store->sql()
            .scalar(QStringLiteral("SELECT COUNT(*) FROM surveys WHERE token_hash = ?"), { first })
            .toInt(),
        0);

    // An agent reopens it and resolves it again: a second survey, the first one superseded.
    OpResult reopen = write([&] {
        return m_store->tickets().update(caller(m_desk.ana), id, ticket(id).version,
            { { QStringLiteral("status"), QStringLiteral("in_progress") } }, kStart + kHour);
    });
    QVERIFY2(reopen.ok, qPrintable(reopen.error.message));
    const QString second = resolve(id, kStart + 2 * kHour);
    QVERIFY(!second.isEmpty());
    QVERIFY(second != first);
    surveys = m_store->surveys()
                  .get(caller(m_desk.ana), id)
                  .result.toObject()
                  .value(QStringLiteral("surveys"))
                  .toArray();
    QCOMPARE(surveys.size(), 2);
    QCOMPARE(write([&] {
        return m_store->surveys().answer(
            first, QStringLiteral("bad"), QString(), kStart + 3 * kHour);
    }).error.code,
        ErrorCode::ValidationFailed);
    // Another group's agent may not look.
    QCOMPARE(m_store->surveys().get(caller(m_desk.bruno), id).error.code, ErrorCode::Forbidden);
}

void SatisfactionTest::answers_data()
{
    QTest::addColumn<QString>("rating");
    QTest::addColumn<qint64>("after");
    QTest::addColumn<bool>("reopened");

    QTest::newRow("good, within the window") << "good" << kHour << false;
    QTest::newRow("bad, within the window") << "bad" << kHour << true;
    QTest::newRow("bad, a moment before the end") << "bad" << kWindow - 1 << true;
    // A late bad rating is recorded but does not reopen: the ticket has been or is about to be
    // closed, and a closed ticket is final (a new contact is a new ticket).
    QTest::newRow("bad, at the end of the window") << "bad" << kWindow << false;
    QTest::newRow("bad, a week later") << "bad" << 7 * 24 * kHour << false;
}

void SatisfactionTest::answers()
{
    QFETCH(QString, rating);
    QFETCH(qint64, after);
    QFETCH(bool, reopened);

    const qint64 id = createWorking();
    const QString token = resolve(id, kStart);
    const int reopens = ticket(id).reopenCount;
    const OpResult r = write([&] {
        return m_store->surveys().answer(
            token, rating, QStringLiteral("  gracias, Ana  "), kStart + after);
    });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("reopened")).toBool(), reopened);
    QCOMPARE(r.result.toObject().value(QStringLiteral("ticket")).toString(), ticket(id).number);
    QCOMPARE(ticket(id).status, reopened ? TicketStatus::InProgress : TicketStatus::Resolved);
    QCOMPARE(ticket(id).reopenCount, reopens + (reopened ? 1 : 0));
    QCOMPARE(ticket(id).assigneeId, m_desk.ana);

    // The rating is in the conversation, with its data, and in the survey; a reopen says why
    // as data too (the console words it).
    bool shown = false;
    QStringList causes;
    for (const QJsonValue &a : m_store->tickets()
                                   .get(caller(m_desk.ana), id)
                                   .result.toObject()
                                   .value(QStringLiteral("articles"))
                                   .toArray()) {
        const QJsonObject reopen = a.toObject()
                                       .value(QStringLiteral("data"))
                                       .toObject()
                                       .value(QStringLiteral("reopened"))
                                       .toObject();
        if (!reopen.isEmpty())
            causes << reopen.value(QStringLiteral("cause")).toString();
        const QJsonObject survey = a.toObject()
                                       .value(QStringLiteral("data"))
                                       .toObject()
                                       .value(QStringLiteral("survey"))
                                       .toObject();
        if (!survey.isEmpty()) {
            QCOMPARE(survey.value(QStringLiteral("rating")).toString(), rating);
            QCOMPARE(
                survey.value(QStringLiteral("comment")).toString(), QStringLiteral("gracias, Ana"));
            shown = true;
        }
    }
    QVERIFY(shown);
    QCOMPARE(causes, reopened ? QStringList { QStringLiteral("badRating") } : QStringList());
    const QJsonObject survey = m_store->surveys()
                                   .get(caller(m_desk.ana), id)
                                   .result.toObject()
                                   .value(QStringLiteral("surveys"))
                                   .toArray()
                                   .first()
                                   .toObject();
    QCOMPARE(survey.value(QStringLiteral("rating")).toString(), rating);
    QCOMPARE(Timestamp::fromJson(survey.value(QStringLiteral("answeredAt"))), kStart + after);
    // A reopened ticket leaves the auto-close schedule; one still resolved stays in it.
    m_engine->onCommitted(r.changes);
    QCOMPARE(m_engine->closeAt(id) > 0, !reopened);
}

void SatisfactionTest::unknownExpiredAndReusedTokensAreRefused_data()
{
    QTest::addColumn<QString>("case_");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("garbage") << "garbage" << int(ErrorCode::NotFound) << "not valid";
    QTest::newRow("empty") << "empty" << int(ErrorCode::NotFound) << "not valid";
    QTest::newRow("answered twice")
        << "twice" << int(ErrorCode::ValidationFailed) << "already been answered";
    QTest::newRow("expired") << "expired" << int(ErrorCode::ValidationFailed) << "expired";
    QTest::newRow("unknown rating")
        << "rating" << int(ErrorCode::ValidationFailed) << "good or bad";
}

void SatisfactionTest::unknownExpiredAndReusedTokensAreRefused()
{
    QFETCH(QString, case_);
    QFETCH(int, code);
    QFETCH(QString, message);
    const qint64 id = createWorking();
    QString token = resolve(id, kStart);
    qint64 at = kStart + kHour;
    QString rating = QStringLiteral("good");
    if (case_ == QLatin1String("garbage"))
        token = QStringLiteral("' OR 1=1 --");
    else if (case_ == QLatin1String("empty"))
        token.clear();
    else if (case_ == QLatin1String("twice"))
        QVERIFY(write([&] { return m_store->surveys().answer(token, rating, QString(), at); }).ok);
    else if (case_ == QLatin1String("expired"))
        at = kStart + kWindow + SurveyStore::kTokenGraceMs;
    else if (case_ == QLatin1String("rating"))
        rating = QStringLiteral("meh");
    const int before = events(id).size();
    const OpResult r
        = write([&] { return m_store->surveys().answer(token, rating, QString(), at); });
    QVERIFY(!r.ok);
    QCOMPARE(int(r.error.code), code);
    QVERIFY2(r.error.message.contains(message), qPrintable(r.error.message));
    QCOMPARE(events(id).size(), before);
}

void SatisfactionTest::aCustomerReplyWithinTheWindowReopens()
{
    const qint64 id = createWorking();
    resolve(id, kStart);
    OpResult r = write([&] { return m_store->surveys().customerReplied(id, kStart + kWindow); });
    QVERIFY(r.ok);
    QCOMPARE(r.result.toObject().value(QStringLiteral("reopened")).toBool(), false);
    r = write([&] { return m_store->surveys().customerReplied(id, kStart + kWindow - 1); });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("reopened")).toBool(), true);
    QCOMPARE(ticket(id).status, TicketStatus::InProgress);
    QCOMPARE(ticket(id).reopenCount, 1);
    QCOMPARE(events(id).last().body, QStringLiteral("Reopened: the customer replied."));
}

void SatisfactionTest::theTicketClosesByItselfAtTheEndOfTheWindow()
{
    const qint64 id = createWorking();
    const qint64 other = createWorking();
    resolve(id, kStart);
    resolve(other, kStart + kHour);
    QCOMPARE(m_engine->closeAt(id), kStart + kWindow);
    QCOMPARE(m_store->surveys().nextCloseAt(), kStart + kWindow);
    QSignalSpy closed(m_engine.get(), &AutoCloseEngine::ticketClosed);

    m_clock.setNow(kStart + kWindow - 1);
    m_engine->timer().poll();
    QCOMPARE(closed.count(), 0);
    QCOMPARE(ticket(id).status, TicketStatus::Resolved);

    m_clock.setNow(kStart + kWindow);
    m_engine->timer().poll();
    QCOMPARE(closed.count(), 1);
    QCOMPARE(closed.at(0).at(0).toLongLong(), id);
    QCOMPARE(ticket(id).status, TicketStatus::Closed);
    QCOMPARE(ticket(id).closedAt, kStart + kWindow);
    QCOMPARE(events(id).last().body, QStringLiteral("Closed automatically after 72 hours"));
    QCOMPARE(ticket(other).status, TicketStatus::Resolved);
    QCOMPARE(m_engine->closeAt(id), 0);
    QCOMPARE(m_engine->closeAt(other), kStart + kHour + kWindow);

    // A clock jump far ahead closes what is overdue at once.
    m_clock.setNow(kStart + 30 * 24 * kHour);
    m_engine->timer().poll();
    QCOMPARE(closed.count(), 2);
    QCOMPARE(ticket(other).status, TicketStatus::Closed);
    QCOMPARE(m_engine->size(), 0);
    // A rating after the close is still recorded; the ticket stays closed.
    QCOMPARE(m_store->surveys().nextCloseAt(), 0);
}

void SatisfactionTest::aRestartRebuildsTheWakeUps()
{
    const qint64 a = createWorking();
    const qint64 b = createWorking();
    resolve(a, kStart);
    resolve(b, kStart + 5 * kHour);
    m_engine = std::make_unique<AutoCloseEngine>(&m_clock, runNow()); // the server restarts
    QCOMPARE(m_engine->size(), 0);
    m_engine->build(m_store->surveys().closeWakeups());
    QCOMPARE(m_engine->size(), 2);
    QCOMPARE(m_engine->closeAt(a), kStart + kWindow);
    QCOMPARE(m_engine->closeAt(b), kStart + 5 * kHour + kWindow);
    m_clock.setNow(kStart + 5 * kHour + kWindow);
    m_engine->timer().poll();
    QCOMPARE(ticket(a).status, TicketStatus::Closed);
    QCOMPARE(ticket(b).status, TicketStatus::Closed);
}

void SatisfactionTest::onlyAdminsChangeTheWindowAndItAppliesToLaterResolutions()
{
    QCOMPARE(m_store->surveys()
                 .settings()
                 .result.toObject()
                 .value(QStringLiteral("reopenWindowHours"))
                 .toInt(),
        72);
    QCOMPARE(write([&] {
        return m_store->surveys().setSettings(caller(m_desk.lola), 24, kStart);
    }).error.code,
        ErrorCode::Forbidden);
    QCOMPARE(write([&] {
        return m_store->surveys().setSettings(caller(m_desk.admin), 0, kStart);
    }).error.code,
        ErrorCode::ValidationFailed);
    const qint64 before = createWorking();
    resolve(before, kStart);
    const OpResult r
        = write([&] { return m_store->surveys().setSettings(caller(m_desk.admin), 24, kStart); });
    QVERIFY2(r.ok, qPrintable(r.error.message));
    QCOMPARE(r.result.toObject().value(QStringLiteral("reopenWindowHours")).toInt(), 24);
    m_engine->setWindowHours(24);
    const qint64 after = createWorking();
    resolve(after, kStart + kHour);
    QCOMPARE(m_store->surveys().closeAt(before), kStart + kWindow); // keeps the window it was given
    QCOMPARE(m_store->surveys().closeAt(after), kStart + kHour + 24 * kHour);
    QCOMPARE(m_engine->closeAt(after), kStart + kHour + 24 * kHour);
}

QTEST_GUILESS_MAIN(SatisfactionTest)
#include "tst_satisfaction.moc"
