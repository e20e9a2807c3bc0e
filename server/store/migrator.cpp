#include "migrator.h"

#include "sqlcontext.h"

#include "core/domain/timestamp.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace Atiende::Server {

namespace {
QString readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}
} // namespace

QList<Migrator::Step> Migrator::builtIn(const QString &engine)
{
    const QString dir = QStringLiteral(":/atiende/migrations");
    static const QRegularExpression re(QStringLiteral("^(\\d{4})_([a-z0-9_]+)\\.sql$"));
    QList<Step> steps;
    const QStringList files
        = QDir(dir).entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto m = re.match(file);
        if (!m.hasMatch())
            continue; // an engine companion: picked up with its portable file
        Step s;
        s.version = m.captured(1).toInt();
        s.name = m.captured(2);
        s.portable = readAll(dir + QLatin1Char('/') + file);
        s.engineOnly
            = readAll(QStringLiteral("%1/%2_%3.%4.sql").arg(dir, m.captured(1), s.name, engine));
        steps << s;
    }
    return steps;
}

Migrator::Migrator(SqlContext &ctx, QList<Step> steps)
    : m_ctx(ctx)
    , m_steps(std::move(steps))
{
}

int Migrator::latestVersion() const
{
    return m_steps.isEmpty() ? 0 : m_steps.last().version;
}

bool Migrator::ensureTable(QString *error)
{
    QSqlQuery q(m_ctx.db());
    if (!q.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"))) {
        *error = QStringLiteral("cannot create schema_migrations: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

int Migrator::currentVersion()
{
    QString error;
    if (!ensureTable(&error))
        return -1;
    QSqlQuery q(m_ctx.db());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Migrator::migrate(QString *error)
{
    const int current = currentVersion();
    if (current < 0) {
        *error = QStringLiteral("the database cannot be read (is it an Atiende database?): %1")
                     .arg(m_ctx.db().lastError().text());
        return false;
    }
    if (current > latestVersion()) {
        *error = QStringLiteral(
            "the database has schema version %1 but this atiended knows only up to %2; "
            "it was written by a newer atiended, which is the one to run")
                     .arg(current)
                     .arg(latestVersion());
        return false;
    }
    for (const Step &step : std::as_const(m_steps)) {
        if (step.version <= current)
            continue;
        QSqlDatabase &db = m_ctx.db();
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        const QStringList statements
            = splitStatements(m_ctx.dialect().expandMigration(step.portable))
            + splitStatements(step.engineOnly);
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                *error = QStringLiteral("migration %1_%2 failed: %3\n%4")
                             .arg(step.version, 4, 10, QLatin1Char('0'))
                             .arg(step.name, q.lastError().text(), sql);
                db.rollback();
                return false;
            }
        }
        QSqlQuery rec(db);
        rec.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
        rec.addBindValue(step.version);
        rec.addBindValue(step.name);
        rec.addBindValue(Core::Timestamp::now());
        if (!rec.exec() || !db.commit()) {
            *error = QStringLiteral("migration %1 could not be recorded: %2")
                         .arg(step.version)
                         .arg(db.lastError().text());
            db.rollback();
            return false;
        }
    }
    return true;
}

QStringList Migrator::splitStatements(const QString &script)
{
    QStringList out;
    QString current;
    bool inQuote = false;
    for (int i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        if (!inQuote && c == QLatin1Char('-') && i + 1 < script.size()
            && script.at(i + 1) == QLatin1Char('-')) {
            while (i < script.size() && script.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char('\n');
            continue;
        }
        if (c == QLatin1Char('\''))
            inQuote = !inQuote;
        if (c == QLatin1Char(';') && !inQuote) {
            if (!current.trimmed().isEmpty())
                out << current.trimmed();
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        out << current.trimmed();
    return out;
}

} // namespace Atiende::Server
