// The token store answers from the event loop, never inside the call that asks, in the order
// things were asked; an answer for something destroyed meanwhile is dropped. Without a key
// store (as in CI: no Secret Service daemon) the OS store falls back to the private file, and
// what was asked before the key store's probe answered is done then, in order.

#include "connection/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende::Client;

class TokenStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void aReadAnswersLaterWithWhatWasKeptInOrder_data();
    void aReadAnswersLaterWithWhatWasKeptInOrder();
    void anAnswerForSomethingGoneIsDropped();
    void withoutAKeyStoreTheFileKeepsTheTokenPrivately();
    void whatIsAskedBeforeTheKeyStoreAnswersIsDoneInOrder();
    void aRemoveAskedJustBeforeTheStoreGoesStillHappens();

private:
    static QString read(TokenStore &store, const QString &account)
    {
        bool answered = false;
        QString token;
        store.load(account, nullptr, [&](const QString &t) {
            token = t;
            answered = true;
        });
        if (answered)
            return QStringLiteral("<answered inside load()>");
        if (!QTest::qWaitFor([&] { return answered; }, 15000))
            return QStringLiteral("<no answer>");
        return token;
    }
    static QJsonObject fileContents(const QString &dir)
    {
        QFile f(QDir(dir).filePath(QStringLiteral("tokens.json")));
        return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                           : QJsonObject();
    }
    // The OS store as the console makes it (the key store when it answers), even where the
    // environment turned it off.
    static std::unique_ptr<TokenStore> osStore(const QString &dir)
    {
        qunsetenv("ATIENDE_NO_KEYCHAIN");
        return TokenStore::create(dir);
    }
};

void TokenStoreTest::aReadAnswersLaterWithWhatWasKeptInOrder_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("file") << QStringLiteral("file");
    QTest::newRow("memory") << QStringLiteral("memory");
}

void TokenStoreTest::aReadAnswersLaterWithWhatWasKeptInOrder()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const auto store
        = kind == QLatin1String("file") ? TokenStore::file(dir.path()) : TokenStore::memory();
    QCOMPARE(store->kind(), kind);
    QCOMPARE(read(*store, QStringLiteral("ana@ws://desk:8765")), QString());

    QList<bool> saved;
    store->save(QStringLiteral("ana@ws://desk:8765"), QStringLiteral("t1"), this,
        [&](bool ok) { saved << ok; });
    QVERIFY(saved.isEmpty()); // not inside save() either
    QCOMPARE(read(*store, QStringLiteral("ana@ws://desk:8765")), QStringLiteral("t1"));
    QCOMPARE(saved, QList<bool> { true });
    QCOMPARE(
        read(*store, QStringLiteral("bruno@ws://desk:8765")), QString()); // each account its own

    // Asked one after the other without waiting: each read sees what was asked before it.
    QStringList seen;
    store->save(QStringLiteral("ana@ws://desk:8765"), QStringLiteral("t2"));
    store->load(QStringLiteral("ana@ws://desk:8765"), this, [&](const QString &t) { seen << t; });
    store->remove(QStringLiteral("ana@ws://desk:8765"));
    store->load(QStringLiteral("ana@ws://desk:8765"), this, [&](const QString &t) { seen << t; });
    QVERIFY(seen.isEmpty());
    QTRY_COMPARE(seen, (QStringList { QStringLiteral("t2"), QString() }));
    QCOMPARE(store->loadBlocking(QStringLiteral("ana@ws://desk:8765")), QString());
    store->save(QStringLiteral("ana@ws://desk:8765"), QStringLiteral("t3"));
    QCOMPARE(store->loadBlocking(QStringLiteral("ana@ws://desk:8765")), QStringLiteral("t3"));
    if (kind == QLatin1String("file")) {
        QCOMPARE(fileContents(dir.path()).value(QStringLiteral("ana@ws://desk:8765")).toString(),
            QStringLiteral("t3"));
        QCOMPARE(QFile::permissions(QDir(dir.path()).filePath(QStringLiteral("tokens.json")))
                & (QFile::ReadGroup | QFile::ReadOther),
            QFile::Permissions());
    }
}

void TokenStoreTest::anAnswerForSomethingGoneIsDropped()
{
    QTemporaryDir dir;
    const auto store = TokenStore::file(dir.path());
    store->save(QStringLiteral("ana"), QStringLiteral("t1"));
    int answers = 0;
    {
        QObject gone;
        store->load(QStringLiteral("ana"), &gone, [&](const QString &) { ++answers; });
        store->save(QStringLiteral("ana"), QStringLiteral("t2"), &gone, [&](bool) { ++answers; });
    }
    QObject here;
    bool done = false;
    store->load(QStringLiteral("ana"), &here, [&](const QString &t) {
        ++answers;
        done = t == QLatin1String("t2");
    });
    QTRY_VERIFY(done);
    QCOMPARE(answers, 1); // only the one whose asker is still there
}

void TokenStoreTest::withoutAKeyStoreTheFileKeepsTheTokenPrivately()
{
    QTemporaryDir dir;
    const auto store = osStore(dir.path());
    bool saved = false;
    store->save(QStringLiteral("ana@ws://desk:8765"), QStringLiteral("t1"), this,
        [&](bool ok) { saved = ok; });
    QTRY_VERIFY_WITH_TIMEOUT(saved, 15000);
    if (store->kind() == QLatin1String("keychain")) {
        store->remove(QStringLiteral("ana@ws://desk:8765"));
        QSKIP("this computer has a key store; the fallback is not used here");
    }
    QCOMPARE(store->kind(), QStringLiteral("file"));
    QCOMPARE(fileContents(dir.path()).value(QStringLiteral("ana@ws://desk:8765")).toString(),
        QStringLiteral("t1"));
    QCOMPARE(read(*store, QStringLiteral("ana@ws://desk:8765")), QStringLiteral("t1"));
    QCOMPARE(read(*TokenStore::file(dir.path()), QStringLiteral("ana@ws://desk:8765")),
        QStringLiteral("t1"));
}

void TokenStoreTest::whatIsAskedBeforeTheKeyStoreAnswersIsDoneInOrder()
{
    QTemporaryDir dir;
    const auto store = osStore(dir.path());
    QStringList seen;
    bool saved = false;
    // All asked at once, before the probe of the key store can have answered.
    store->save(QStringLiteral("ana"), QStringLiteral("t1"));
    store->load(QStringLiteral("ana"), this, [&](const QString &t) { seen << t; });
    store->remove(QStringLiteral("ana"));
    store->load(QStringLiteral("ana"), this, [&](const QString &t) { seen << t; });
    store->save(QStringLiteral("ana"), QStringLiteral("t2"), this, [&](bool ok) { saved = ok; });
    store->load(QStringLiteral("ana"), this, [&](const QString &t) { seen << t; });
    QVERIFY(seen.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(seen.size(), 3, 15000);
    QCOMPARE(seen, (QStringList { QStringLiteral("t1"), QString(), QStringLiteral("t2") }));
    QVERIFY(saved);
    const bool keychain = store->kind() == QLatin1String("keychain");
    store->remove(QStringLiteral("ana"));
    if (keychain)
        QSKIP("this computer has a key store; the order held there too");
    QCOMPARE(store->kind(), QStringLiteral("file"));
}

void TokenStoreTest::aRemoveAskedJustBeforeTheStoreGoesStillHappens()
{
    QTemporaryDir dir;
    {
        const auto store = osStore(dir.path());
        bool saved = false;
        store->save(
            QStringLiteral("ana"), QStringLiteral("t1"), this, [&](bool ok) { saved = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(saved, 15000);
    }
    {
        const auto store = osStore(dir.path()); // a new one: its probe has not answered yet
        store->remove(QStringLiteral("ana"));
    } // gone at once, as Workspace::open's throw-away store is
    const auto store = osStore(dir.path());
    QCOMPARE(read(*store, QStringLiteral("ana")), QString());
}

QTEST_GUILESS_MAIN(TokenStoreTest)
#include "tst_tokenstore.moc"
