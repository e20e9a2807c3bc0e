#include "kpireport.h"

#include "server/logging.h"

#include "kpisource.h"
#include "kpistate.h"

#include "server/store/store.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace Atiende::Server {

using namespace Atiende::Core;
using Protocol::ErrorCode;

QString KpiReport::validate(QDate from, QDate to)
{
    if (!from.isValid() || !to.isValid())
        return QStringLiteral(
            "A report needs a first day and the day after its last one (yyyy-MM-dd).");
    if (to <= from)
        return QStringLiteral("The report's end (%1) must come after its start (%2).")
            .arg(to.toString(Qt::ISODate), from.toString(Qt::ISODate));
    if (from.daysTo(to) > kMaxDays)
        return QStringLiteral("A report covers at most %1 days (three years); %2 to %3 is %4 days. "
                              "Ask for it in parts.")
            .arg(kMaxDays)
            .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate))
            .arg(from.daysTo(to));
    return QString();
}

OpResult KpiReport::compute(Store &store, const ReportRequest &request, qint64 now)
{
    if (const QString why = validate(request.from, request.to); !why.isEmpty())
        return OpResult::failure(ErrorCode::ValidationFailed, why,
            { { QStringLiteral("field"), QStringLiteral("to") } });
    for (qint64 g : request.groupIds) {
        if (!store.directory().group(g))
            return OpResult::failure(ErrorCode::ValidationFailed,
                QStringLiteral("There is no group with id %1.").arg(g),
                { { QStringLiteral("field"), QStringLiteral("groupIds") } });
    }
    QElapsedTimer timer;
    timer.start();
    const QTimeZone zone = request.zone.isValid() ? request.zone : KpiSource::deskTimeZone(store);
    const DayIndex days(zone, request.from, int(request.from.daysTo(request.to)));
    KpiState state(days, false);
    qint64 read = 0;
    const bool ok = KpiSource::readTickets(
        store, days.start(0), days.end(), request.groupIds, false, [&](TicketFacts &&f) {
            ++read;
            state.apply(f, +1);
        });
    if (!ok)
        return OpResult::failure(ErrorCode::InternalError,
            QStringLiteral("The report could not be read: %1").arg(store.sql().lastError()));

    QJsonArray perDay;
    for (int d = 0; d < days.count(); ++d) {
        QJsonObject day = state.period(request.groupIds, d, d + 1).toJson();
        day.insert(QStringLiteral("date"), days.date(d).toString(Qt::ISODate));
        perDay.append(day);
    }
    QJsonObject out { { QStringLiteral("from"), request.from.toString(Qt::ISODate) },
        { QStringLiteral("to"), request.to.toString(Qt::ISODate) },
        { QStringLiteral("timeZone"), QString::fromUtf8(zone.id()) },
        { QStringLiteral("groupIds"), idListToJson(request.groupIds) },
        { QStringLiteral("generatedAt"), Timestamp::toJson(now) },
        { QStringLiteral("days"), perDay },
        { QStringLiteral("totals"), state.period(request.groupIds, 0, days.count()).toJson() } };
    state.breakdowns(request.groupIds, 0, days.count()).writeJson(&out);
    qCDebug(lcKpi) << "report" << request.from << "to" << request.to << ":" << read
                   << "tickets read in" << timer.elapsed() << "ms";
    return OpResult::success(out);
}

} // namespace Atiende::Server
