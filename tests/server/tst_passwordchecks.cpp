// The password-check pool owns its jobs: stop() drops the checks not started, waits for the
// ones running, and no answer is given after it, even one already on its way. Places are
// bounded in all and per address before anything runs.

#include "server/auth/passwordchecks.h"

#include <QSemaphore>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Atiende::Server;

class PasswordChecksTest : public QObject
{
    Q_OBJECT

private slots:
    void placesAreBoundedInAllAndPerAddress();
    void answersComeOnTheOwnersThreadAndGiveThePlaceBack();
    void stopWaitsForRunningChecksAndDropsTheRest();
    void noAnswerRunsAfterStopEvenOneOnItsWay();
    void destroyingThePoolWhileChecksRunIsAStop();
};

void PasswordChecksTest::placesAreBoundedInAllAndPerAddress()
{
    PasswordChecks checks(1, 2, 2); // three places, two per address
    QCOMPARE(checks.capacity(), 3);
    QCOMPARE(checks.reserve(QStringLiteral("a")), PasswordChecks::Admission::Reserved);
    QCOMPARE(checks.reserve(QStringLiteral("a")), PasswordChecks::Admission::Reserved);
    QCOMPARE(checks.reserve(QStringLiteral("a")), PasswordChecks::Admission::AddressFull);
    QCOMPARE(checks.reserve(QStringLiteral("b")), PasswordChecks::Admission::Reserved);
    QCOMPARE(checks.reserve(QStringLiteral("c")), PasswordChecks::Admission::Full);
    checks.release(QStringLiteral("a"));
    QCOMPARE(checks.outstanding(), 2);
    QCOMPARE(checks.reserve(QStringLiteral("c")), PasswordChecks::Admission::Reserved);
    checks.stop();
    QVERIFY(checks.isStopped());
    QCOMPARE(checks.outstanding(), 0);
    QCOMPARE(
        checks.reserve(QStringLiteral("d")), PasswordChecks::Admission::Full); // nothing after stop
}

void PasswordChecksTest::answersComeOnTheOwnersThreadAndGiveThePlaceBack()
{
    PasswordChecks checks(2, 4, 4);
    int answers = 0;
    for (bool expected : { true, false }) {
        QCOMPARE(checks.reserve(QStringLiteral("a")), PasswordChecks::Admission::Reserved);
        checks.run(
            QStringLiteral("a"), [expected] { return expected; },
            [&, expected](bool ok) {
                QCOMPARE(QThread::currentThread(), checks.thread());
                QCOMPARE(ok, expected);
                ++answers;
            });
    }
    QTRY_COMPARE(answers, 2);
    QCOMPARE(checks.outstanding(), 0);
}

void PasswordChecksTest::stopWaitsForRunningChecksAndDropsTheRest()
{
    PasswordChecks checks(2, 3, 5);
    QSemaphore started;
    std::atomic<int> finished = 0;
    int answers = 0;
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(checks.reserve(QStringLiteral("a")), PasswordChecks::Admission::Reserved);
        checks.run(
            QStringLiteral("a"),
            [&] {
                started.release();
                // Busy until the pool is told to stop: a check cannot be interrupted, so stop()
                // has to wait for it.
                while (!checks.isStopped())
                    std::this_thread::yield();
                ++finished;
                return true;
            },
            [&](bool) { ++answers; });
    }
    started.acquire(2); // both threads are inside a check; three wait in the queue
    checks.stop();
    QCOMPARE(finished.load(), 2); // the running ones ended before stop() returned
    QCOMPARE(started.available(), 0); // the queued ones never started
    QCoreApplication::processEvents();
    QCOMPARE(answers, 0);
    QCOMPARE(checks.outstanding(), 0);
    // Nothing runs once stopped.
    bool ran = false;
    checks.run(
        QStringLiteral("a"), [&] { return ran = true; }, [&](bool) { ++answers; });
    QCoreApplication::processEvents();
    QVERIFY(!ran);
    QCOMPARE(answers, 0);
}

void PasswordChecksTest::noAnswerRunsAfterStopEvenOneOnItsWay()
{
    PasswordChecks checks(1, 1, 1);
    QSemaphore done;
    int answers = 0;
    QCOMPARE(checks.reserve(QStringLiteral("a")), PasswordChecks::Admission::Reserved);
    checks.run(
        QStringLiteral("a"), [&] { return true; }, [&](bool) { ++answers; });
    // The check ends and posts its answer; this thread has not taken it yet.
    QCOMPARE(checks.reserve(QStringLiteral("b")), PasswordChecks::Admission::Reserved);
    checks.run(
        QStringLiteral("b"),
        [&] {
            done.release();
            return true;
        },
        [&](bool) { ++answers; });
    done.acquire();
    checks.stop();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(answers, 0);
}

void PasswordChecksTest::destroyingThePoolWhileChecksRunIsAStop()
{
    QSemaphore started;
    std::atomic<bool> release = false;
    std::atomic<int> finished = 0;
    auto answers = std::make_shared<int>(0);
    {
        auto checks = std::make_unique<PasswordChecks>(2, 2, 4);
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(checks->reserve(QStringLiteral("a")), PasswordChecks::Admission::Reserved);
            checks->run(
                QStringLiteral("a"),
                [&] {
                    started.release();
                    while (!release.load())
                        std::this_thread::yield();
                    ++finished;
                    return true;
                },
                [answers](bool) { ++*answers; });
        }
        started.acquire(2);
        // The destructor waits for the two running checks: let them end from another thread
        // once it has begun (the pool reports it is stopping).
        std::thread opener([&, pool = checks.get()] {
            while (!pool->isStopped())
                std::this_thread::yield();
            release = true;
        });
        checks.reset();
        opener.join();
    }
    QCOMPARE(finished.load(), 2);
    QCoreApplication::processEvents();
    QCOMPARE(*answers, 0);
}

QTEST_GUILESS_MAIN(PasswordChecksTest)
#include "tst_passwordchecks.moc"
