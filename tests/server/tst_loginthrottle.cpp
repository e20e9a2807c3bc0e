// Password guessing is slowed down; honest typos are not punished.

#include "server/auth/loginthrottle.h"

#include <QtTest>

using namespace Atiende::Server;

class LoginThrottleTest : public QObject
{
    Q_OBJECT
private slots:
    void aFewTyposCostNothing();
    void guessingIsSlowedDownMoreAndMore();
    void theWaitIsCapped();
    void successClearsTheUsersCount();
    void oneAddressGuessingManyNamesIsSlowedToo();
    void oldFailuresAreForgotten();
};

void LoginThrottleTest::aFewTyposCostNothing()
{
    LoginThrottle t;
    for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i)
        t.recordFailure(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), 1000);
    QCOMPARE(t.retryAfter(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), 1000), 0);
}

void LoginThrottleTest::guessingIsSlowedDownMoreAndMore()
{
    LoginThrottle t;
    qint64 now = 1000;
    for (int i = 0; i < LoginThrottle::kFreeFailures; ++i)
        t.recordFailure(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), now);
    QCOMPARE(t.retryAfter(QStringLiteral("ANA"), QStringLiteral("10.0.0.9"), now), LoginThrottle::kBaseLockMs);
    now += LoginThrottle::kBaseLockMs;
    QCOMPARE(t.retryAfter(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), now), 0);
    t.recordFailure(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), now);
    QCOMPARE(t.retryAfter(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), now), 2 * LoginThrottle::kBaseLockMs);
}

void LoginThrottleTest::theWaitIsCapped()
{
    LoginThrottle t;
    qint64 now = 0;
    for (int i = 0; i < 60; ++i) {
        now += LoginThrottle::kMaxLockMs; // every attempt waits out its lock: still capped
        t.recordFailure(QStringLiteral("bruno"), QStringLiteral("10.0.0.2"), now);
    }
    QCOMPARE(t.retryAfter(QStringLiteral("bruno"), QStringLiteral("x"), now), LoginThrottle::kMaxLockMs);
}

void LoginThrottleTest::successClearsTheUsersCount()
{
    LoginThrottle t;
    for (int i = 0; i < LoginThrottle::kFreeFailures - 1; ++i)
        t.recordFailure(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), 1000);
    t.recordSuccess(QStringLiteral("ana"), QStringLiteral("10.0.0.1"));
    t.recordFailure(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), 1000);
    QCOMPARE(t.retryAfter(QStringLiteral("ana"), QStringLiteral("10.0.0.1"), 1000), 0);
}

void LoginThrottleTest::oneAddressGuessingManyNamesIsSlowedToo()
{
    LoginThrottle t;
    for (int i = 0; i < LoginThrottle::kFreePeerFailures; ++i)
        t.recordFailure(QStringLiteral("user%1").arg(i), QStringLiteral("203.0.113.5"), 5000);
    QVERIFY(t.retryAfter(QStringLiteral("somebody"), QStringLiteral("203.0.113.5"), 5000) > 0);
    QCOMPARE(t.retryAfter(QStringLiteral("somebody"), QStringLiteral("203.0.113.6"), 5000), 0);
}

void LoginThrottleTest::oldFailuresAreForgotten()
{
    LoginThrottle t;
    for (int i = 0; i < LoginThrottle::kFreeFailures; ++i)
        t.recordFailure(QStringLiteral("ana"), QStringLiteral("p"), 0);
    const qint64 later = LoginThrottle::kForgetAfterMs + LoginThrottle::kMaxLockMs;
    t.recordFailure(QStringLiteral("ana"), QStringLiteral("p"), later);
    QCOMPARE(t.retryAfter(QStringLiteral("ana"), QStringLiteral("p"), later), 0);
}

QTEST_APPLESS_MAIN(LoginThrottleTest)
#include "tst_loginthrottle.moc"
