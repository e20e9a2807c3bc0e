#include "kpifigures.h"

#include "core/domain/ids.h"
#include "core/domain/timestamp.h"

#include <QJsonArray>

#include <cmath>

namespace Atiende::Core {

namespace {

qint64 count(const QJsonObject &o, QLatin1String key)
{
    const double d = o.value(key).toDouble();
    return std::isfinite(d) ? qint64(std::llround(d)) : 0;
}

qint64 id(const QJsonObject &o, QLatin1String key)
{
    qint64 out = 0;
    return idFromJson(o.value(key), &out) ? out : 0;
}

qint64 instant(const QJsonObject &o, QLatin1String key)
{
    return qMax<qint64>(0, Timestamp::fromJson(o.value(key)));
}

std::optional<double> rate(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

std::optional<qint64> millis(const QJsonObject &o, QLatin1String key)
{
    const std::optional<double> d = rate(o, key);
    if (!d)
        return std::nullopt;
    return qint64(std::llround(*d));
}

QJsonValue nullable(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
QJsonValue nullable(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QList<qint64> ids(const QJsonValue &v)
{
    QList<qint64> out;
    if (!idListFromJson(v, &out))
        out.clear();
    return out;
}

QList<KpiCount> counts(const QJsonValue &v, QLatin1String idKey)
{
    QList<KpiCount> out;
    for (const QJsonValue &item : v.toArray()) {
        const QJsonObject o = item.toObject();
        out.append({ id(o, idKey), count(o, QLatin1String("created")) });
    }
    return out;
}

QJsonArray countsToJson(const QList<KpiCount> &list, const QString &idKey)
{
    QJsonArray out;
    for (const KpiCount &c : list)
        out.append(QJsonObject {
            { idKey, idToJson(c.id) }, { QStringLiteral("created"), double(c.created) } });
    return out;
}

template <typename E> QMap<E, qint64> countsByName(const QJsonObject &o)
{
    QMap<E, qint64> out;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (const std::optional<E> e = fromString<E>(it.key()))
            out.insert(*e, qint64(std::llround(it.value().toDouble())));
    }
    return out;
}

template <typename E> QJsonObject countsByNameToJson(const QMap<E, qint64> &map)
{
    QJsonObject out;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        out.insert(wireName(it.key()), double(it.value()));
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------

QJsonObject KpiClock::toJson() const
{
    return { { QStringLiteral("met"), double(met) },
        { QStringLiteral("breached"), double(breached) },
        { QStringLiteral("compliance"), nullable(compliance) },
        { QStringLiteral("meanMs"), nullable(meanMs) },
        { QStringLiteral("medianMs"), nullable(medianMs) } };
}

KpiClock KpiClock::fromJson(const QJsonObject &o)
{
    KpiClock c;
    c.met = count(o, QLatin1String("met"));
    c.breached = count(o, QLatin1String("breached"));
    c.compliance = rate(o, QLatin1String("compliance"));
    c.meanMs = millis(o, QLatin1String("meanMs"));
    c.medianMs = millis(o, QLatin1String("medianMs"));
    return c;
}

QJsonObject KpiShare::toJson() const
{
    return { { QStringLiteral("count"), double(count) },
        { QStringLiteral("rate"), nullable(rate) } };
}

KpiShare KpiShare::fromJson(const QJsonObject &o)
{
    return { Core::count(o, QLatin1String("count")), Core::rate(o, QLatin1String("rate")) };
}

QJsonObject KpiCsat::toJson() const
{
    return { { QStringLiteral("good"), double(good) }, { QStringLiteral("bad"), double(bad) },
        { QStringLiteral("count"), double(count) },
        { QStringLiteral("goodShare"), nullable(goodShare) } };
}

KpiCsat KpiCsat::fromJson(const QJsonObject &o)
{
    KpiCsat c;
    c.good = Core::count(o, QLatin1String("good"));
    c.bad = Core::count(o, QLatin1String("bad"));
    c.count = Core::count(o, QLatin1String("count"));
    c.goodShare = rate(o, QLatin1String("goodShare"));
    return c;
}

QJsonObject KpiPeriodFigures::toJson() const
{
    return { { QStringLiteral("created"), double(created) },
        { QStringLiteral("resolved"), double(resolved) },
        { QStringLiteral("firstResponse"), firstResponse.toJson() },
        { QStringLiteral("resolution"), resolution.toJson() },
        { QStringLiteral("firstContactResolution"), firstContactResolution.toJson() },
        { QStringLiteral("reopened"), reopened.toJson() },
        { QStringLiteral("csat"), csat.toJson() } };
}

KpiPeriodFigures KpiPeriodFigures::fromJson(const QJsonObject &o)
{
    KpiPeriodFigures f;
    f.created = count(o, QLatin1String("created"));
    f.resolved = count(o, QLatin1String("resolved"));
    f.firstResponse = KpiClock::fromJson(o.value(QLatin1String("firstResponse")).toObject());
    f.resolution = KpiClock::fromJson(o.value(QLatin1String("resolution")).toObject());
    f.firstContactResolution
        = KpiShare::fromJson(o.value(QLatin1String("firstContactResolution")).toObject());
    f.reopened = KpiShare::fromJson(o.value(QLatin1String("reopened")).toObject());
    f.csat = KpiCsat::fromJson(o.value(QLatin1String("csat")).toObject());
    return f;
}

QJsonObject KpiSeriesPoint::toJson() const
{
    return { { QStringLiteral("start"), Timestamp::toJson(start) },
        { QStringLiteral("created"), double(created) },
        { QStringLiteral("resolved"), double(resolved) },
        { QStringLiteral("firstResponseMet"), double(firstResponseMet) },
        { QStringLiteral("firstResponseBreached"), double(firstResponseBreached) },
        { QStringLiteral("resolutionMet"), double(resolutionMet) },
        { QStringLiteral("resolutionBreached"), double(resolutionBreached) } };
}

KpiSeriesPoint KpiSeriesPoint::fromJson(const QJsonObject &o)
{
    KpiSeriesPoint p;
    p.start = instant(o, QLatin1String("start"));
    p.created = count(o, QLatin1String("created"));
    p.resolved = count(o, QLatin1String("resolved"));
    p.firstResponseMet = count(o, QLatin1String("firstResponseMet"));
    p.firstResponseBreached = count(o, QLatin1String("firstResponseBreached"));
    p.resolutionMet = count(o, QLatin1String("resolutionMet"));
    p.resolutionBreached = count(o, QLatin1String("resolutionBreached"));
    return p;
}

QJsonObject KpiSeries::toJson() const
{
    QJsonArray list;
    for (const KpiSeriesPoint &p : points)
        list.append(p.toJson());
    return { { QStringLiteral("unit"),
                 unit == Unit::Hour ? QStringLiteral("hour") : QStringLiteral("day") },
        { QStringLiteral("points"), list } };
}

KpiSeries KpiSeries::fromJson(const QJsonObject &o)
{
    KpiSeries s;
    s.unit = o.value(QLatin1String("unit")).toString() == QLatin1String("hour") ? Unit::Hour
                                                                                : Unit::Day;
    for (const QJsonValue &v : o.value(QLatin1String("points")).toArray())
        s.points.append(KpiSeriesPoint::fromJson(v.toObject()));
    return s;
}

QJsonObject KpiBacklog::toJson() const
{
    QJsonObject both;
    for (auto it = byPriorityAndStatus.constBegin(); it != byPriorityAndStatus.constEnd(); ++it)
        both.insert(wireName(it.key()), countsByNameToJson(it.value()));
    return { { QStringLiteral("total"), double(total) },
        { QStringLiteral("unassigned"), double(unassigned) },
        { QStringLiteral("byPriority"), countsByNameToJson(byPriority) },
        { QStringLiteral("byStatus"), countsByNameToJson(byStatus) },
        { QStringLiteral("byPriorityAndStatus"), both } };
}

KpiBacklog KpiBacklog::fromJson(const QJsonObject &o)
{
    KpiBacklog b;
    b.total = count(o, QLatin1String("total"));
    b.unassigned = count(o, QLatin1String("unassigned"));
    b.byPriority = countsByName<Priority>(o.value(QLatin1String("byPriority")).toObject());
    b.byStatus = countsByName<TicketStatus>(o.value(QLatin1String("byStatus")).toObject());
    const QJsonObject both = o.value(QLatin1String("byPriorityAndStatus")).toObject();
    for (auto it = both.constBegin(); it != both.constEnd(); ++it) {
        if (const std::optional<Priority> p = fromString<Priority>(it.key()))
            b.byPriorityAndStatus.insert(*p, countsByName<TicketStatus>(it.value().toObject()));
    }
    return b;
}

QString wireName(KpiAtRiskTicket::State v)
{
    return v == KpiAtRiskTicket::State::Breached ? QStringLiteral("breached")
                                                 : QStringLiteral("warning");
}

QJsonObject KpiAtRiskTicket::toJson() const
{
    return { { QStringLiteral("id"), double(id) }, { QStringLiteral("number"), number },
        { QStringLiteral("subject"), subject }, { QStringLiteral("priority"), wireName(priority) },
        { QStringLiteral("status"), wireName(status) },
        { QStringLiteral("groupId"), idToJson(groupId) },
        { QStringLiteral("assigneeId"), idToJson(assigneeId) },
        { QStringLiteral("state"), wireName(state) },
        { QStringLiteral("clock"),
            clock == Clock::FirstResponse ? QStringLiteral("firstResponse")
                                          : QStringLiteral("resolution") },
        { QStringLiteral("dueAt"), Timestamp::toJson(dueAt) } };
}

KpiAtRiskTicket KpiAtRiskTicket::fromJson(const QJsonObject &o)
{
    KpiAtRiskTicket t;
    t.id = Core::id(o, QLatin1String("id"));
    t.number = o.value(QLatin1String("number")).toString();
    t.subject = o.value(QLatin1String("subject")).toString();
    t.priority = fromString<Priority>(o.value(QLatin1String("priority")).toString())
                     .value_or(Priority::P4);
    t.status = fromString<TicketStatus>(o.value(QLatin1String("status")).toString())
                   .value_or(TicketStatus::New);
    t.groupId = Core::id(o, QLatin1String("groupId"));
    t.assigneeId = Core::id(o, QLatin1String("assigneeId"));
    t.state = o.value(QLatin1String("state")).toString() == QLatin1String("breached")
        ? State::Breached
        : State::Warning;
    t.clock = o.value(QLatin1String("clock")).toString() == QLatin1String("firstResponse")
        ? Clock::FirstResponse
        : Clock::Resolution;
    t.dueAt = instant(o, QLatin1String("dueAt"));
    return t;
}

void KpiBreakdowns::writeJson(QJsonObject *into) const
{
    into->insert(
        QStringLiteral("categories"), countsToJson(categories, QStringLiteral("categoryId")));
    QJsonArray slowest;
    for (const KpiSlowCategory &c : slowestCategories)
        slowest.append(QJsonObject { { QStringLiteral("categoryId"), idToJson(c.categoryId) },
            { QStringLiteral("resolved"), double(c.resolved) },
            { QStringLiteral("meanResolutionMs"), double(c.meanResolutionMs) } });
    into->insert(QStringLiteral("slowestCategories"), slowest);
    into->insert(
        QStringLiteral("topCustomers"), countsToJson(topCustomers, QStringLiteral("customerId")));
    into->insert(QStringLiteral("topOrganisations"),
        countsToJson(topOrganisations, QStringLiteral("organisationId")));
}

KpiBreakdowns KpiBreakdowns::fromJson(const QJsonObject &o)
{
    KpiBreakdowns b;
    b.categories = counts(o.value(QLatin1String("categories")), QLatin1String("categoryId"));
    for (const QJsonValue &v : o.value(QLatin1String("slowestCategories")).toArray()) {
        const QJsonObject c = v.toObject();
        b.slowestCategories.append({ id(c, QLatin1String("categoryId")),
            count(c, QLatin1String("resolved")), count(c, QLatin1String("meanResolutionMs")) });
    }
    b.topCustomers = counts(o.value(QLatin1String("topCustomers")), QLatin1String("customerId"));
    b.topOrganisations
        = counts(o.value(QLatin1String("topOrganisations")), QLatin1String("organisationId"));
    return b;
}

QJsonObject KpiAgentLoad::toJson() const
{
    return { { QStringLiteral("agentId"), double(agentId) }, { QStringLiteral("name"), name },
        { QStringLiteral("presence"), wireName(presence) },
        { QStringLiteral("openTickets"), double(openTickets) },
        { QStringLiteral("resolvedToday"), double(resolvedToday) } };
}

KpiAgentLoad KpiAgentLoad::fromJson(const QJsonObject &o)
{
    KpiAgentLoad a;
    a.agentId = id(o, QLatin1String("agentId"));
    a.name = o.value(QLatin1String("name")).toString();
    a.presence = fromString<Presence>(o.value(QLatin1String("presence")).toString())
                     .value_or(Presence::Offline);
    a.openTickets = count(o, QLatin1String("openTickets"));
    a.resolvedToday = count(o, QLatin1String("resolvedToday"));
    return a;
}

QJsonObject DashboardFigures::toJson() const
{
    if (isEmpty())
        return {};
    QJsonObject out { { QStringLiteral("period"), period },
        { QStringLiteral("groupIds"), idListToJson(groupIds) },
        { QStringLiteral("timeZone"), timeZone },
        { QStringLiteral("asOf"), Timestamp::toJson(asOf) },
        { QStringLiteral("from"), Timestamp::toJson(from) },
        { QStringLiteral("to"), Timestamp::toJson(to) },
        { QStringLiteral("previousFrom"), Timestamp::toJson(previousFrom) },
        { QStringLiteral("previousTo"), Timestamp::toJson(previousTo) },
        { QStringLiteral("current"), current.toJson() },
        { QStringLiteral("previous"), previous.toJson() },
        { QStringLiteral("series"), series.toJson() },
        { QStringLiteral("backlog"), backlog.toJson() },
        { QStringLiteral("slaNow"),
            QJsonObject { { QStringLiteral("warning"), double(slaWarning) },
                { QStringLiteral("breached"), double(slaBreached) } } },
        { QStringLiteral("atRiskTotal"), double(atRiskTotal) } };
    breakdowns.writeJson(&out);
    QJsonArray risk;
    for (const KpiAtRiskTicket &t : atRisk)
        risk.append(t.toJson());
    out.insert(QStringLiteral("atRisk"), risk);
    QJsonArray load;
    for (const KpiAgentLoad &a : agents)
        load.append(a.toJson());
    out.insert(QStringLiteral("agents"), load);
    return out;
}

DashboardFigures DashboardFigures::fromJson(const QJsonObject &o)
{
    DashboardFigures f;
    f.period = o.value(QLatin1String("period")).toString();
    f.groupIds = ids(o.value(QLatin1String("groupIds")));
    f.timeZone = o.value(QLatin1String("timeZone")).toString();
    f.asOf = instant(o, QLatin1String("asOf"));
    f.from = instant(o, QLatin1String("from"));
    f.to = instant(o, QLatin1String("to"));
    f.previousFrom = instant(o, QLatin1String("previousFrom"));
    f.previousTo = instant(o, QLatin1String("previousTo"));
    f.current = KpiPeriodFigures::fromJson(o.value(QLatin1String("current")).toObject());
    f.previous = KpiPeriodFigures::fromJson(o.value(QLatin1String("previous")).toObject());
    f.series = KpiSeries::fromJson(o.value(QLatin1String("series")).toObject());
    f.backlog = KpiBacklog::fromJson(o.value(QLatin1String("backlog")).toObject());
    const QJsonObject slaNow = o.value(QLatin1String("slaNow")).toObject();
    f.slaWarning = count(slaNow, QLatin1String("warning"));
    f.slaBreached = count(slaNow, QLatin1String("breached"));
    for (const QJsonValue &v : o.value(QLatin1String("atRisk")).toArray())
        f.atRisk.append(KpiAtRiskTicket::fromJson(v.toObject()));
    f.atRiskTotal = count(o, QLatin1String("atRiskTotal"));
    f.breakdowns = KpiBreakdowns::fromJson(o);
    for (const QJsonValue &v : o.value(QLatin1String("agents")).toArray())
        f.agents.append(KpiAgentLoad::fromJson(v.toObject()));
    return f;
}

QJsonObject KpiReportFigures::toJson() const
{
    QJsonArray perDay;
    for (const KpiDayFigures &d : days) {
        QJsonObject day = d.figures.toJson();
        day.insert(QStringLiteral("date"), d.date.toString(Qt::ISODate));
        perDay.append(day);
    }
    QJsonObject out { { QStringLiteral("from"), from.toString(Qt::ISODate) },
        { QStringLiteral("to"), to.toString(Qt::ISODate) },
        { QStringLiteral("timeZone"), timeZone },
        { QStringLiteral("groupIds"), idListToJson(groupIds) },
        { QStringLiteral("generatedAt"), Timestamp::toJson(generatedAt) },
        { QStringLiteral("days"), perDay }, { QStringLiteral("totals"), totals.toJson() } };
    breakdowns.writeJson(&out);
    return out;
}

KpiReportFigures KpiReportFigures::fromJson(const QJsonObject &o)
{
    KpiReportFigures r;
    r.from = QDate::fromString(o.value(QLatin1String("from")).toString(), Qt::ISODate);
    r.to = QDate::fromString(o.value(QLatin1String("to")).toString(), Qt::ISODate);
    r.timeZone = o.value(QLatin1String("timeZone")).toString();
    r.groupIds = ids(o.value(QLatin1String("groupIds")));
    r.generatedAt = instant(o, QLatin1String("generatedAt"));
    for (const QJsonValue &v : o.value(QLatin1String("days")).toArray()) {
        const QJsonObject day = v.toObject();
        r.days.append({ QDate::fromString(day.value(QLatin1String("date")).toString(), Qt::ISODate),
            KpiPeriodFigures::fromJson(day) });
    }
    r.totals = KpiPeriodFigures::fromJson(o.value(QLatin1String("totals")).toObject());
    r.breakdowns = KpiBreakdowns::fromJson(o);
    return r;
}

} // namespace Atiende::Core
