// The schema comes from numbered migrations, each in its own transaction.

#include "server/store/migrator.h"
#include "server/store/sqlcontext.h"
#include "server/store/store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Atiende::Server;

class StoreMigrationsTest : public QObject
{
    Q_OBJECT
private slots:
    void anEmptyDatabaseIsMigratedToTheLatestSchema();
    void migratingAgainChangesNothing();
    void aDatabaseFromANewerServerIsRefusedUntouched();
    void aFailingStepLeavesTheDatabaseAsItWas();
    void aFileThatIsNotADatabaseGivesAClearError();
    void scriptsAreSplitOutsideQuotesAndComments();

private:
    static QStringList tables(Store &s)
    {
        QStringList out;
        QSqlQuery q(s.sql().db());
        q.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name"));
        while (q.next())
            out << q.value(0).toString();
        return out;
    }
};

void StoreMigrationsTest::anEmptyDatabaseIsMigratedToTheLatestSchema()
{
    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(QStringLiteral("a.db")), true, &error);
    QVERIFY2(store, qPrintable(error));
    Migrator m(store->sql(), Migrator::builtIn(QStringLiteral("sqlite")));
    QVERIFY(m.latestVersion() >= 1);
    QCOMPARE(m.currentVersion(), m.latestVersion());
    const QStringList t = tables(*store);
    for (const char *name : { "tickets", "articles", "agents", "groups_", "customers",
             "organisations", "kb_articles", "audit", "sync_log", "visibility_log", "operations",
             "sessions", "ticket_fts", "kb_fts" })
        QVERIFY2(t.contains(QLatin1String(name)), name);
    QCOMPARE(store->sql().scalar(QStringLiteral("PRAGMA journal_mode")).toString(),
        QStringLiteral("wal"));
    QCOMPARE(store->sql()
                 .scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'revision'"))
                 .toString(),
        QStringLiteral("0"));
}

void StoreMigrationsTest::migratingAgainChangesNothing()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    QStringList before;
    {
        auto store = Store::open(path, true, &error);
        QVERIFY2(store, qPrintable(error));
        before = tables(*store);
    }
    auto again = Store::open(path, true, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(tables(*again), before);
    QCOMPARE(again->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")).toInt(),
        Migrator(again->sql(), Migrator::builtIn(QStringLiteral("sqlite"))).latestVersion());
}

void StoreMigrationsTest::aDatabaseFromANewerServerIsRefusedUntouched()
{
    QTemporaryDir dir;
    QString error;
    const QString path = dir.filePath(QStringLiteral("a.db"));
    {
        auto store = Store::open(path, true, &error);
        QVERIFY(store);
        QVERIFY(store->sql().exec(QStringLiteral("INSERT INTO schema_migrations (version, name, "
                                                 "applied_at) VALUES (9999, 'future', 0)")));
    }
    auto store = Store::open(path, true, &error);
    QVERIFY(!store);
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    QVERIFY(!Store::open(path, false, &error));
}

void StoreMigrationsTest::aFailingStepLeavesTheDatabaseAsItWas()
{
    QTemporaryDir dir;
    QSqlDatabase db
        = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("failing"));
    db.setDatabaseName(dir.filePath(QStringLiteral("b.db")));
    QVERIFY(db.open());
    {
        auto dialect = Dialect::sqlite();
        SqlContext ctx(db, dialect.get());
        QList<Migrator::Step> steps {
            { 1, QStringLiteral("one"),
                QStringLiteral("CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1);"),
                QString() },
            { 2, QStringLiteral("two"),
                QStringLiteral("CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (2);"),
                QString() },
        };
        Migrator m(ctx, steps);
        QString error;
        QVERIFY(!m.migrate(&error));
        QVERIFY2(error.contains(QLatin1String("0002_two")), qPrintable(error));
        QCOMPARE(m.currentVersion(), 1);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'"))
            && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // step 2's table rolled back with it
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("failing"));
}

void StoreMigrationsTest::aFileThatIsNotADatabaseGivesAClearError()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("junk.db"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    QString error;
    QVERIFY(!Store::open(path, true, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QLatin1String("junk.db")), qPrintable(error));
}

void StoreMigrationsTest::scriptsAreSplitOutsideQuotesAndComments()
{
    const QStringList s = Migrator::splitStatements(
        QStringLiteral("-- a comment; with a semicolon\nCREATE TABLE t (x TEXT DEFAULT "
                       "'a;b');\nINSERT INTO t VALUES ('it''s; fine');\n\n"));
    QCOMPARE(s.size(), 2);
    QVERIFY(s.at(0).startsWith(QLatin1String("CREATE TABLE t")));
    QVERIFY(s.at(0).contains(QLatin1String("'a;b'")));
    QCOMPARE(s.at(1), QStringLiteral("INSERT INTO t VALUES ('it''s; fine')"));
}

QTEST_GUILESS_MAIN(StoreMigrationsTest)
#include "tst_store_migrations.moc"
