#pragma once
// The KPI figures of any run of local days (docs/kpis.md, "Reports"): per day and in total,
// read from the store in one pass over the tickets that may count for it, through the same
// facts and KpiState the live engine uses, so a report and the dashboard never disagree on
// what a figure means. Used by reports.get (on a reader thread) and `atiended report`.
//
// Bounded: at most kMaxDays days (three years); a longer range is refused, not clamped, so
// nobody reads a partial report as a whole one.

#include "server/store/changeset.h"

#include <QDate>
#include <QList>
#include <QTimeZone>

namespace Atiende::Server {

class Store;

struct ReportRequest
{
    QDate from; // first day
    QDate to; // the day after the last one: [from, to)
    QList<qint64> groupIds; // empty: the whole desk
    QTimeZone zone; // invalid: the desk's time zone
};

class KpiReport
{
public:
    static constexpr int kMaxDays = 1096;

    // Empty, or why the range is refused.
    static QString validate(QDate from, QDate to);
    // {"from", "to", "timeZone", "groupIds", "generatedAt", "days": [{"date", ...figures}],
    //  "totals": {...figures}, "categories", "slowestCategories", "topCustomers",
    //  "topOrganisations"} (docs/protocol.md, reports.get). validation_failed for a range or
    // group that does not exist.
    static OpResult compute(Store &store, const ReportRequest &request, qint64 now);
};

} // namespace Atiende::Server
