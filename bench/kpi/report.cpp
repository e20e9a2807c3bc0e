// atiende-kpi-report-bench: a report of one year of a desk with 1,000,000 tickets (the issue's
// target: under 10 s), from the store to the figures (KpiReport), the CSV and the PDF; and the
// KPI engine's start on the same store (reading the window's tickets and building its state).
// A timing tool, not a test.
//
//   atiende-kpi-report-bench                          # seeds a temporary store first
//   atiende-kpi-report-bench --data /var/tmp/kpi1m    # keeps the store for the next run
//
// The store is filled straight with SQL (ticket creation is not what is measured): tickets
// over the year up to now, 2,740 a day, a few percent still open, each with SLA clocks as the
// server writes them, and a satisfaction rating for one resolved ticket in five.

#include "kpidesk.h"

#include "report/reportdocument.h"
#include "server/kpi/kpiengine.h"
#include "server/kpi/kpireport.h"
#include "server/kpi/kpisource.h"
#include "server/sla/slaclock.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Atiende;
using Atiende::Bench::KpiDesk;

namespace {

double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

bool seed(Server::Store &store, int tickets, qint64 now, QTextStream &out)
{
    Server::SqlContext &sql = store.sql();
    if (!store.begin())
        return false;
    for (int g = 1; g <= KpiDesk::kGroups; ++g)
        sql.exec(QStringLiteral("INSERT INTO groups_ (name) VALUES (?)"),
            { QStringLiteral("Group %1").arg(g) });
    for (int c = 1; c <= KpiDesk::kCategories; ++c)
        sql.exec(QStringLiteral("INSERT INTO categories (name) VALUES (?)"),
            { QStringLiteral("Category %1").arg(c) });
    for (int o = 1; o <= KpiDesk::kOrganisations; ++o)
        sql.exec(QStringLiteral("INSERT INTO organisations (name) VALUES (?)"),
            { QStringLiteral("Organisation %1").arg(o) });
    for (int c = 1; c <= KpiDesk::kCustomers; ++c)
        sql.exec(QStringLiteral("INSERT INTO customers (name, organisation_id) VALUES (?, ?)"),
            { QStringLiteral("Customer %1").arg(c), 1 + c % KpiDesk::kOrganisations });
    for (int a = 1; a <= KpiDesk::kAgents; ++a)
        sql.exec(QStringLiteral("INSERT INTO agents (login, name, role, password_hash) VALUES (?, "
                                "?, 'agent', 'x')"),
            { QStringLiteral("agent%1").arg(a), QStringLiteral("Agent %1").arg(a) });
    if (!store.commit())
        return false;

    QElapsedTimer timer;
    timer.start();
    QRandomGenerator rng(1'000'000);
    const qint64 start = now - 365 * KpiDesk::kDay;
    const QString insert
        = QStringLiteral("INSERT INTO tickets (number, type, subject, status, impact, urgency, "
                         "priority, channel, category_id, group_id, assignee_id, "
                         "customer_id, organisation_id, created_at, updated_at, first_response_at, "
                         "resolved_at, reopen_count, agent_replies, version, sla) "
                         "VALUES (?, 'incident', ?, ?, 'medium', 'medium', ?, 'email', ?, ?, ?, ?, "
                         "?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int surveys = 0;
    for (int i = 1; i <= tickets; ++i) {
        if ((i - 1) % 20000 == 0 && !store.begin())
            return false;
        const qint64 createdAt = start + (365 * KpiDesk::kDay) * qint64(i) / (qint64(tickets) + 1);
        const bool open = rng.bounded(40) == 0 || createdAt > now - 2 * KpiDesk::kDay;
        Core::Ticket t = KpiDesk::ticket(i, createdAt, open, rng);
        if (t.updatedAt > now) {
            t.status = Core::TicketStatus::InProgress;
            t.resolvedAt = 0;
            t.updatedAt = now;
        }
        const QString sla = QString::fromUtf8(QJsonDocument(t.sla).toJson(QJsonDocument::Compact));
        sql.exec(insert,
            { t.number, t.subject, Core::wireName(t.status), Core::wireName(t.priority),
                Server::nullableId(t.categoryId), t.groupId, t.assigneeId, t.customerId,
                t.organisationId, t.createdAt, t.updatedAt, t.firstResponseAt, t.resolvedAt,
                t.reopenCount, t.agentReplies, t.version, sla });
        if (t.resolvedAt > 0 && rng.bounded(5) == 0) {
            const qint64 answered
                = qMin(now - 1, t.resolvedAt + qint64(rng.bounded(48)) * KpiDesk::kHour);
            sql.exec(QStringLiteral("INSERT INTO surveys (ticket_id, token_hash, created_at, "
                                    "close_at, expires_at, rating, answered_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                { i, QStringLiteral("h%1").arg(i), t.resolvedAt, t.resolvedAt + 72 * KpiDesk::kHour,
                    t.resolvedAt + 30 * KpiDesk::kDay,
                    rng.bounded(7) ? QStringLiteral("good") : QStringLiteral("bad"), answered });
            ++surveys;
        }
        if (i % 20000 == 0 || i == tickets) {
            if (!store.commit())
                return false;
            if (i % 200000 == 0)
                out << "  seeded " << i << " tickets" << Qt::endl;
        }
    }
    out << "seeded " << tickets << " tickets and " << surveys << " ratings in "
        << timer.elapsed() / 1000.0 << " s (not a target)" << Qt::endl;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // the PDF is drawn with Qt Gui
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption ticketsOpt(QStringLiteral("tickets"),
        QStringLiteral("Tickets over the year."), QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption dataOpt(QStringLiteral("data"),
        QStringLiteral("Keep/reuse the database here."), QStringLiteral("dir"));
    const QCommandLineOption daysOpt(QStringLiteral("days"),
        QStringLiteral("Days of the report, up to today."), QStringLiteral("n"),
        QStringLiteral("365"));
    parser.addOptions({ ticketsOpt, dataOpt, daysOpt });
    parser.process(app);
    QTextStream out(stdout);
    QTemporaryDir tmp;
    const QString dir = parser.isSet(dataOpt) ? parser.value(dataOpt) : tmp.path();
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("atiende.db"));
    QString error;
    const qint64 now = Core::Timestamp::now();
    const bool fresh = !QFile::exists(path);
    auto store = Server::Store::open(path, true, &error);
    if (!store) {
        out << error << Qt::endl;
        return 1;
    }
    if (fresh && !seed(*store, parser.value(ticketsOpt).toInt(), now, out)) {
        out << "seeding failed: " << store->sql().lastError() << Qt::endl;
        return 1;
    }
    const qint64 stored
        = store->sql().scalar(QStringLiteral("SELECT COUNT(*) FROM tickets")).toLongLong();
    out << "store: " << stored << " tickets, " << QFileInfo(path).size() / 1048576 << " MiB"
        << Qt::endl;

    // The report of the last 365 days (--days), as `atiended report` makes it.
    const QDate today = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).date();
    Server::ReportRequest request;
    request.from
        = today.addDays(-qBound(1, parser.value(daysOpt).toInt(), Server::KpiReport::kMaxDays - 1));
    request.to = today.addDays(1);
    request.zone = QTimeZone::utc();
    QElapsedTimer timer;
    timer.start();
    const Server::OpResult r = Server::KpiReport::compute(*store, request, now);
    const qint64 figuresMs = timer.elapsed();
    if (!r.ok) {
        out << "report failed: " << r.error.message << Qt::endl;
        return 1;
    }
    const QJsonObject report = r.result.toObject();
    Report::ReportDocument document(report, Report::Names());
    if (!document.writeCsv(QDir(dir).filePath(QStringLiteral("report.csv")), &error)) {
        out << error << Qt::endl;
        return 1;
    }
    const qint64 csvMs = timer.elapsed() - figuresMs;
    if (!document.writePdf(QDir(dir).filePath(QStringLiteral("report.pdf")), &error)) {
        out << error << Qt::endl;
        return 1;
    }
    const qint64 totalMs = timer.elapsed();
    out << "report of " << report.value(QStringLiteral("days")).toArray().size() << " days, "
        << report.value(QStringLiteral("totals"))
               .toObject()
               .value(QStringLiteral("created"))
               .toInteger()
        << " tickets created in it:" << Qt::endl;
    out << "  figures from the store:      " << figuresMs << " ms" << Qt::endl;
    out << "  CSV:                         " << csvMs << " ms" << Qt::endl;
    out << "  PDF:                         " << totalMs - figuresMs - csvMs << " ms ("
        << QFileInfo(QDir(dir).filePath(QStringLiteral("report.pdf"))).size() / 1024 << " KiB)"
        << Qt::endl;
    out << "  all of it:                   " << totalMs << " ms   (target < 10000 ms)" << Qt::endl;

    // The engine's start on the same store.
    const double before = rssMiB();
    timer.restart();
    Server::SystemClock clock;
    Server::KpiEngine engine(&clock, QTimeZone::utc());
    Server::KpiSnapshot snapshot;
    if (!Server::KpiSource::readSnapshot(*store, engine.window(), &snapshot)) {
        out << "snapshot failed" << Qt::endl;
        return 1;
    }
    const qint64 readMs = timer.elapsed();
    engine.build(std::move(snapshot));
    const qint64 builtMs = timer.elapsed();
    out << "KPI engine start: " << engine.trackedTickets() << " tickets followed; read " << readMs
        << " ms, built " << builtMs - readMs << " ms, " << builtMs << " ms in all; RSS growth "
        << QString::number(rssMiB() - before, 'f', 0) << " MiB" << Qt::endl;
    return 0;
}
