#include "reportcommand.h"

#include "report/reportdocument.h"
#include "server/admin/datafolder.h"
#include "server/kpi/dayindex.h"
#include "server/kpi/kpireport.h"
#include "server/kpi/kpisource.h"
#include "server/store/store.h"

#include "core/domain/timestamp.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonArray>

namespace Atiende::Server::Cli {

std::optional<QDate> ReportCommand::reportDay(const QString &text, const QDate &today)
{
    const QDate exact = QDate::fromString(text, Qt::ISODate);
    if (exact.isValid())
        return exact;
    for (const QString &base : { QStringLiteral("today"), QStringLiteral("month") }) {
        if (!text.startsWith(base))
            continue;
        const QString rest = text.mid(base.size());
        bool ok = rest.isEmpty();
        const int n = rest.startsWith(QLatin1Char('-')) ? rest.mid(1).toInt(&ok) : 0;
        if (!ok || n < 0)
            return std::nullopt;
        if (base == QLatin1String("today"))
            return today.addDays(-n);
        return QDate(today.year(), today.month(), 1).addMonths(-n);
    }
    return std::nullopt;
}

int ReportCommand::run(const QCommandLineParser &parser, const CommandLine &line, CommandIo &io)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return io.fail(
            QStringLiteral("report must be the first argument: atiended report --data DIR ..."));
    if (!parser.isSet(line.csv) && !parser.isSet(line.pdf))
        return io.fail(QStringLiteral("report wants --csv FILE, --pdf FILE or both"));
    if (!parser.isSet(line.from) || !parser.isSet(line.to))
        return io.fail(QStringLiteral("report wants --from DAY --to DAY (the day after the last "
                                      "one), e.g. --from 2026-01-01 --to 2027-01-01"));
    QList<qint64> groups;
    for (const QString &item :
        parser.value(line.groups).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = item.trimmed().toLongLong(&ok);
        if (!ok || id < 1)
            return io.fail(
                QStringLiteral("--groups wants group ids separated by commas, such as 1,3"));
        groups << id;
    }
    // Reading only: beside a running server too (the store's WAL lets readers in).
    const DataFolder folder(parser.value(line.data));
    if (!folder.hasDatabase())
        return io.fail(QStringLiteral("there is no desk in %1").arg(folder.path()));
    QString error;
    auto store = Store::open(folder.databasePath(), false, &error);
    if (!store)
        return io.fail(QStringLiteral("%1 (if the desk was made by an older atiended, start its "
                                      "server once to bring it up to date)")
                           .arg(error));
    QElapsedTimer timer;
    timer.start();
    ReportRequest request;
    request.zone = KpiSource::deskTimeZone(*store);
    const QDate today = DayIndex::localDate(request.zone, Core::Timestamp::now());
    const auto from = reportDay(parser.value(line.from), today);
    const auto to = reportDay(parser.value(line.to), today);
    if (!from || !to)
        return io.fail(QStringLiteral(
            "--from and --to want a day: yyyy-MM-dd, today, today-N, month or month-N"));
    request.from = *from;
    request.to = *to;
    request.groupIds = groups;
    const OpResult r = KpiReport::compute(*store, request, Core::Timestamp::now());
    if (!r.ok)
        return io.fail(r.error.message);
    const QJsonObject report = r.result.toObject();
    Report::Names names;
    names.desk = QStringLiteral("Atiende");
    for (const Core::Group &g : store->directory().groups())
        names.groups.insert(g.id, g.name);
    for (const Core::Category &c : store->directory().categories())
        names.categories.insert(c.id, c.name);
    for (const QJsonValue &v : report.value(QStringLiteral("topCustomers")).toArray()) {
        const qint64 id = v.toObject().value(QStringLiteral("customerId")).toInteger();
        if (const auto c = store->directory().customer(id))
            names.customers.insert(id, c->name);
    }
    for (const QJsonValue &v : report.value(QStringLiteral("topOrganisations")).toArray()) {
        const qint64 id = v.toObject().value(QStringLiteral("organisationId")).toInteger();
        if (const auto o = store->directory().organisation(id))
            names.organisations.insert(id, o->name);
    }
    const qint64 computed = timer.elapsed();
    const Report::ReportDocument document(report, names);
    QStringList wrote;
    if (parser.isSet(line.csv)) {
        if (!document.writeCsv(parser.value(line.csv), &error))
            return io.fail(error);
        wrote << parser.value(line.csv);
    }
    if (parser.isSet(line.pdf)) {
        if (!document.writePdf(parser.value(line.pdf), &error))
            return io.fail(error);
        wrote << parser.value(line.pdf);
    }
    const QJsonObject totals = report.value(QStringLiteral("totals")).toObject();
    io.out << "report " << document.rangeText() << ", " << document.scopeText().toLower() << ": "
           << totals.value(QStringLiteral("created")).toInteger() << " tickets created, "
           << totals.value(QStringLiteral("resolved")).toInteger() << " resolved; wrote "
           << wrote.join(QStringLiteral(" and ")) << " in " << timer.elapsed() << " ms (figures "
           << computed << " ms)" << Qt::endl;
    return 0;
}

} // namespace Atiende::Server::Cli
