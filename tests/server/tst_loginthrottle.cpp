// Password guessing is slowed down and then all but stopped; honest typos cost nothing; the
// owner's console with its device token is never locked out by someone else's guesses.

#include "server/auth/devicetokens.h"
#include "server/auth/failurebackoff.h"
#include "server/auth/loginthrottle.h"
#include "server/auth/passwordhasher.h"

#include <QtTest>

using namespace Atiende::Server;

namespace {
const QString kAna = QStringLiteral("ana");
const QString kHome = QStringLiteral("10.0.0.1");
const QString kGuesser = QStringLiteral("203.0.113.9");

// One attempt that fails, started and finished at `now`; false if it was not even let through.
bool fail(LoginThrottle &t, const LoginThrottle::Attempt &a, qint64 now)
{
    if (t.begin(a, now) != 0)
        return false;
    t.finish(a, false, now);
    return true;
}
} // namespace

class LoginThrottleTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(PasswordHasher::initialise()); }
    void aFewTyposCostNothing();
    void guessingFromOneAddressIsSlowedDownMoreAndMore();
    void parallelGuessesCountFromTheirStart();
    void theWaitIsCapped();
    void aSuccessClearsTheUsersCountNotTheAddresss();
    void guessesFromManyAddressesSlowDownUntrustedLogIns();
    void theOwnersConsoleWithADeviceTokenIsNeverLockedOut();
    void aStolenDeviceTokenIsThrottledOnItsOwn();
    void oneAddressGuessingManyNamesIsSlowedToo();
    void oldFailuresAreForgotten();
    void attemptsNeverCheckedDoNotCount();
    void memoryStaysBoundedUnderAFloodOfNames();
    void deviceTokensProveOnlyTheirOwnUser();
};

void LoginThrottleTest::aFewTyposCostNothing()
{
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kHome, {} };
    for (int i = 0; i < LoginThrottle::kUserAddressPolicy.freeFailures - 1; ++i)
        QVERIFY(fail(t, a, 1000));
    QCOMPARE(t.begin(a, 1000), 0);
}

void LoginThrottleTest::guessingFromOneAddressIsSlowedDownMoreAndMore()
{
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kGuesser, {} };
    qint64 now = 1000;
    for (int i = 0; i < LoginThrottle::kUserAddressPolicy.freeFailures; ++i)
        QVERIFY(fail(t, a, now));
    QCOMPARE(t.begin(a, now), 1000);
    now += 1000;
    QVERIFY(fail(t, a, now));
    QCOMPARE(t.begin(a, now), 2000);
    now += 2000;
    QVERIFY(fail(t, a, now));
    QCOMPARE(t.begin(a, now), 4000);
}

void LoginThrottleTest::parallelGuessesCountFromTheirStart()
{
    // Thirty wrong passwords sent at once: only the free ones are checked; the rest wait.
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kGuesser, {} };
    int started = 0;
    for (int i = 0; i < 30; ++i)
        started += t.begin(a, 1000) == 0 ? 1 : 0;
    QCOMPARE(started, LoginThrottle::kUserAddressPolicy.freeFailures);
}

void LoginThrottleTest::theWaitIsCapped()
{
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kGuesser, {} };
    qint64 now = 0;
    for (int i = 0; i < 80; ++i) {
        now += LoginThrottle::kUserAddressPolicy.maxMs; // every attempt waits out its delay
        QVERIFY(fail(t, a, now));
    }
    QCOMPARE(t.begin(a, now), LoginThrottle::kUserAddressPolicy.maxMs);
}

void LoginThrottleTest::aSuccessClearsTheUsersCountNotTheAddresss()
{
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kHome, {} };
    for (int i = 0; i < LoginThrottle::kUserAddressPolicy.freeFailures - 1; ++i)
        QVERIFY(fail(t, a, 1000));
    QCOMPARE(t.begin(a, 1000), 0);
    t.finish(a, true, 1000);
    for (int i = 0; i < LoginThrottle::kUserAddressPolicy.freeFailures - 1; ++i)
        QVERIFY(fail(t, a, 1000));
    QCOMPARE(t.begin(a, 1000), 0); // the count started again
    t.abandon(a);

    // The address's count is kept: one good password does not launder a guesser's address.
    LoginThrottle spray;
    for (int i = 0; i < LoginThrottle::kAddressPolicy.freeFailures - 1; ++i)
        QVERIFY(fail(spray, { QStringLiteral("user%1").arg(i), kGuesser, {} }, 1000));
    const LoginThrottle::Attempt own { QStringLiteral("mallory"), kGuesser, {} };
    QCOMPARE(spray.begin(own, 1000), 0);
    spray.finish(own, true, 1000);
    QVERIFY(fail(spray, { QStringLiteral("another"), kGuesser, {} }, 1000));
    QVERIFY(spray.begin({ QStringLiteral("yet-another"), kGuesser, {} }, 1000) > 0);
}

void LoginThrottleTest::guessesFromManyAddressesSlowDownUntrustedLogIns()
{
    LoginThrottle t;
    for (int i = 0; i < LoginThrottle::kUserPolicy.freeFailures; ++i)
        QVERIFY(fail(t, { kAna, QStringLiteral("198.51.100.%1").arg(i), {} }, 1000));
    // A console that never logged in as ana before must wait now, from any address...
    QVERIFY(t.begin({ kAna, kHome, {} }, 1000) > 0);
    // ...and another user is not touched.
    QCOMPARE(t.begin({ QStringLiteral("bruno"), kHome, {} }, 1000), 0);
}

void LoginThrottleTest::theOwnersConsoleWithADeviceTokenIsNeverLockedOut()
{
    // A guesser hammers ana's account from behind the same NAT as ana and from elsewhere for an
    // hour; ana's own console, which presents its device token, is let through every time.
    LoginThrottle t;
    qint64 now = 0;
    for (int i = 0; i < 200; ++i) {
        now += 15000;
        fail(t, { kAna, i % 2 ? kHome : kGuesser, {} }, now);
        fail(t, { QStringLiteral("user%1").arg(i), kHome, {} }, now);
    }
    QVERIFY(t.begin({ kAna, kHome, {} }, now) > 0); // untrusted: slowed down
    const LoginThrottle::Attempt owner { kAna, kHome, QStringLiteral("device-of-ana") };
    QCOMPARE(t.begin(owner, now), 0);
    t.finish(owner, true, now);
}

void LoginThrottleTest::aStolenDeviceTokenIsThrottledOnItsOwn()
{
    LoginThrottle t;
    const LoginThrottle::Attempt stolen { kAna, kGuesser, QStringLiteral("device-of-ana") };
    for (int i = 0; i < LoginThrottle::kDevicePolicy.freeFailures; ++i)
        QVERIFY(fail(t, stolen, 1000));
    QVERIFY(t.begin(stolen, 1000) > 0);
    // Ana logging in without it (a new console) is not affected by that token's failures.
    QCOMPARE(t.begin({ kAna, kHome, {} }, 1000), 0);
}

void LoginThrottleTest::oneAddressGuessingManyNamesIsSlowedToo()
{
    LoginThrottle t;
    for (int i = 0; i < LoginThrottle::kAddressPolicy.freeFailures; ++i)
        QVERIFY(fail(t, { QStringLiteral("user%1").arg(i), kGuesser, {} }, 1000));
    QVERIFY(t.begin({ QStringLiteral("someone-else"), kGuesser, {} }, 1000) > 0);
    QCOMPARE(t.begin({ QStringLiteral("someone-else"), kHome, {} }, 1000), 0);
}

void LoginThrottleTest::oldFailuresAreForgotten()
{
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kGuesser, {} };
    for (int i = 0; i < LoginThrottle::kUserAddressPolicy.freeFailures; ++i)
        QVERIFY(fail(t, a, 1000));
    QVERIFY(t.begin(a, 1000) > 0);
    const qint64 later = 1000 + LoginThrottle::kUserAddressPolicy.forgetMs
        + LoginThrottle::kUserAddressPolicy.maxMs;
    QCOMPARE(t.begin(a, later), 0);
}

void LoginThrottleTest::attemptsNeverCheckedDoNotCount()
{
    LoginThrottle t;
    const LoginThrottle::Attempt a { kAna, kHome, {} };
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(t.begin(a, 1000), 0);
        t.abandon(a); // the check queue was full
    }
    QCOMPARE(t.begin(a, 1000), 0);
}

void LoginThrottleTest::memoryStaysBoundedUnderAFloodOfNames()
{
    FailureBackoff b(FailureBackoff::Policy { 3, 1000, 60000, 600000 }, 1000);
    for (int i = 0; i < 100000; ++i) {
        const QString key = QStringLiteral("name-%1").arg(i);
        b.begin(key, i);
        b.failed(key, i);
    }
    QVERIFY2(b.size() <= 1000, qPrintable(QString::number(b.size())));
}

void LoginThrottleTest::deviceTokensProveOnlyTheirOwnUser()
{
    const DeviceTokens tokens(DeviceTokens::newKey());
    const qint64 now = 1767225600000;
    const QString token = tokens.issue(QStringLiteral("Ana"), now);
    QVERIFY(!token.isEmpty());
    const QString id = tokens.verify(token, QStringLiteral("ana"), now + 1000);
    QCOMPARE(id.size(), 32);
    QCOMPARE(
        tokens.verify(tokens.issue(QStringLiteral("ana"), now), QStringLiteral("ana"), now).size(),
        32);
    QVERIFY(tokens.verify(token, QStringLiteral("bruno"), now) != id); // another user's
    QVERIFY(tokens.verify(token, QStringLiteral("bruno"), now).isEmpty());
    QVERIFY(tokens.verify(token, QStringLiteral("ana"), now + DeviceTokens::kMaxAgeMs + 1)
                .isEmpty()); // too old
    QVERIFY(DeviceTokens(DeviceTokens::newKey())
                .verify(token, QStringLiteral("ana"), now)
                .isEmpty()); // another desk's
    QString forged = token;
    forged[10] = forged.at(10) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QVERIFY(tokens.verify(forged, QStringLiteral("ana"), now).isEmpty());
    QVERIFY(tokens.verify(QStringLiteral("not a token"), QStringLiteral("ana"), now).isEmpty());
    QVERIFY(tokens.verify(QString(), QStringLiteral("ana"), now).isEmpty());
}

QTEST_APPLESS_MAIN(LoginThrottleTest)
#include "tst_loginthrottle.moc"
