// sql/statements.h on its own, on an in-memory SQLite database: statements are kept and reused
// up to a bound without ever dropping one still being read, the binding rules (a null string is
// '', an invalid QVariant is NULL), what each helper answers, and failures that are reported and
// not kept.

#include "sql/statements.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QtTest>

using Atiende::Sql::Statements;

Q_LOGGING_CATEGORY(lcSqlTest, "atiende.test.sql")

class SqlStatementsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void eachHelperAnswersWhatItSays();
    void aNullStringIsEmptyTextAndAnInvalidVariantIsNull();
    void aStatementIsPreparedOnceAndReused();
    void theCacheStaysBoundedAndKeepsWhatIsBeingRead();
    void aStatementThatFailsToPrepareIsReportedAndNotKept();
    void listsBindAsOneJsonParameter();

private:
    QString m_connection;
    std::unique_ptr<Statements> m_sql;
};

void SqlStatementsTest::init()
{
    static int n = 0;
    m_connection = QStringLiteral("sqlstatements-%1").arg(++n);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY(db.open());
    m_sql = std::make_unique<Statements>(db, lcSqlTest);
    QVERIFY(m_sql->exec(QStringLiteral(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, note TEXT NOT NULL DEFAULT 'x')")));
}

void SqlStatementsTest::cleanup()
{
    m_sql.reset();
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

void SqlStatementsTest::eachHelperAnswersWhatItSays()
{
    QCOMPARE(m_sql->insert(QStringLiteral("INSERT INTO t (name) VALUES (?) RETURNING id"),
                 { QStringLiteral("ana") }),
        1);
    QCOMPARE(m_sql->insert(QStringLiteral("INSERT INTO t (name) VALUES (?) RETURNING id"),
                 { QStringLiteral("bruno") }),
        2);
    QCOMPARE(m_sql->scalar(QStringLiteral("SELECT name FROM t WHERE id = ?"), { 2 }).toString(),
        QStringLiteral("bruno"));
    QVERIFY(!m_sql->scalar(QStringLiteral("SELECT name FROM t WHERE id = ?"), { 9 }).isValid());
    QCOMPARE(m_sql->changedRows(QStringLiteral("UPDATE t SET note = 'y' WHERE id > ?"), { 0 }), 2);
    QCOMPARE(m_sql->changedRows(QStringLiteral("UPDATE t SET note = 'y' WHERE id > ?"), { 5 }), 0);
    QVERIFY(m_sql->exec(QStringLiteral("DELETE FROM t WHERE id = ?"), { 1 }));

    QSqlQuery *q = m_sql->run(QStringLiteral("SELECT id, name FROM t ORDER BY id"));
    QVERIFY(q);
    QVERIFY(q->next());
    QCOMPARE(q->value(1).toString(), QStringLiteral("bruno"));
    QVERIFY(!q->next());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("statement failed")));
    QVERIFY(!m_sql->exec(
        QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"), { 2, QStringLiteral("again") }));
    QVERIFY(m_sql->lastError().contains(QStringLiteral("UNIQUE")));
    QCOMPARE(m_sql->changedRows(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"),
                 { 3, QStringLiteral("carla") }),
        1);
}

void SqlStatementsTest::aNullStringIsEmptyTextAndAnInvalidVariantIsNull()
{
    QVERIFY(m_sql->exec(QStringLiteral("INSERT INTO t (id, name, note) VALUES (?, ?, ?)"),
        { 1, QVariant(), QString() }));
    QCOMPARE(m_sql->scalar(QStringLiteral("SELECT name IS NULL FROM t WHERE id = 1")).toInt(), 1);
    QCOMPARE(m_sql->scalar(QStringLiteral("SELECT note = '' FROM t WHERE id = 1")).toInt(), 1);
}

void SqlStatementsTest::aStatementIsPreparedOnceAndReused()
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM t WHERE id > ?");
    QSqlQuery &first = m_sql->prepared(sql);
    QSqlQuery &again = m_sql->prepared(sql);
    QCOMPARE(&first, &again);
    QCOMPARE(m_sql->cachedStatements(), 2); // the CREATE TABLE of init(), and this one
    m_sql->clear();
    QCOMPARE(m_sql->cachedStatements(), 0);
    QCOMPARE(m_sql->scalar(sql, { 0 }).toInt(), 0);
}

void SqlStatementsTest::theCacheStaysBoundedAndKeepsWhatIsBeingRead()
{
    for (int i = 1; i <= 3; ++i)
        QVERIFY(m_sql->exec(QStringLiteral("INSERT INTO t (id) VALUES (?)"), { i }));
    // A result being read when the cache is full must survive the eviction that follows.
    QSqlQuery *reading = m_sql->run(QStringLiteral("SELECT id FROM t ORDER BY id"));
    QVERIFY(reading);
    QVERIFY(reading->next());
    QCOMPARE(reading->value(0).toInt(), 1);
    for (int i = 0; i < Statements::kMaxStatements * 2; ++i) {
        QCOMPARE(m_sql->scalar(QStringLiteral("SELECT %1 + ?").arg(i), { 1 }).toInt(), i + 1);
        QVERIFY(m_sql->cachedStatements() <= Statements::kMaxStatements);
    }
    QVERIFY(reading->next());
    QCOMPARE(reading->value(0).toInt(), 2);
    QVERIFY(reading->next());
    QCOMPARE(reading->value(0).toInt(), 3);
}

void SqlStatementsTest::aStatementThatFailsToPrepareIsReportedAndNotKept()
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM later");
    const int held = m_sql->cachedStatements();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("prepare failed")));
    QVERIFY(!m_sql->scalar(sql).isValid());
    QVERIFY(m_sql->lastError().contains(QStringLiteral("later")));
    QCOMPARE(m_sql->cachedStatements(), held);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("prepare failed")));
    QVERIFY(!m_sql->prepared(sql).exec());
    // Once what it needs exists, the same SQL prepares and runs.
    QVERIFY(m_sql->exec(QStringLiteral("CREATE TABLE later (id INTEGER)")));
    QCOMPARE(m_sql->scalar(sql).toInt(), 0);
}

void SqlStatementsTest::listsBindAsOneJsonParameter()
{
    for (int i = 1; i <= 5; ++i)
        QVERIFY(m_sql->exec(QStringLiteral("INSERT INTO t (id, name) VALUES (?, ?)"),
            { i, QStringLiteral("n%1 \"quoted\"").arg(i) }));
    QCOMPARE(Statements::idSet({ 2, 4 }), QStringLiteral("[2,4]"));
    QCOMPARE(Statements::idSet({}), QStringLiteral("[]"));
    QCOMPARE(m_sql
                 ->scalar(QStringLiteral("SELECT COUNT(*) FROM t WHERE id IN (SELECT value FROM "
                                         "json_each(?))"),
                     { Statements::idSet({ 2, 4, 9 }) })
                 .toInt(),
        2);
    QCOMPARE(m_sql
                 ->scalar(QStringLiteral("SELECT group_concat(id) FROM t WHERE name IN (SELECT "
                                         "value FROM json_each(?))"),
                     { Statements::textSet(
                         { QStringLiteral("n3 \"quoted\""), QStringLiteral("n5 \"quoted\"") }) })
                 .toString(),
        QStringLiteral("3,5"));
}

QTEST_GUILESS_MAIN(SqlStatementsTest)
#include "tst_sqlstatements.moc"
