#include "kpifigures.h"

#include "core/domain/ids.h"

#include <QJsonArray>

namespace Atiende::Server {

using Core::idToJson;

QJsonValue nullableRate(qint64 count, qint64 of)
{
    if (of <= 0)
        return QJsonValue(QJsonValue::Null);
    return double(count) / double(of);
}

namespace {
QJsonValue nullableMs(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(double(*ms)) : QJsonValue(QJsonValue::Null);
}
} // namespace

std::optional<double> ClockFigures::compliance() const
{
    if (measured() <= 0)
        return std::nullopt;
    return double(met) / double(measured());
}

std::optional<qint64> ClockFigures::meanMs() const
{
    const qint64 n = measured();
    if (n <= 0)
        return std::nullopt;
    return (sumMs + n / 2) / n; // rounded to the nearest millisecond
}

QJsonObject ClockFigures::toJson() const
{
    return { { QStringLiteral("met"), double(met) },
        { QStringLiteral("breached"), double(breached) },
        { QStringLiteral("compliance"), nullableRate(met, measured()) },
        { QStringLiteral("meanMs"), nullableMs(meanMs()) },
        { QStringLiteral("medianMs"), nullableMs(medianMs) } };
}

QJsonObject PeriodFigures::toJson() const
{
    return { { QStringLiteral("created"), double(created) },
        { QStringLiteral("resolved"), double(resolved) },
        { QStringLiteral("firstResponse"), firstResponse.toJson() },
        { QStringLiteral("resolution"), resolution.toJson() },
        { QStringLiteral("firstContactResolution"),
            QJsonObject { { QStringLiteral("count"), double(firstContact) },
                { QStringLiteral("rate"), nullableRate(firstContact, resolved) } } },
        { QStringLiteral("reopened"),
            QJsonObject { { QStringLiteral("count"), double(reopened) },
                { QStringLiteral("rate"), nullableRate(reopened, resolved) } } },
        { QStringLiteral("csat"),
            QJsonObject { { QStringLiteral("good"), double(good) },
                { QStringLiteral("bad"), double(bad) },
                { QStringLiteral("count"), double(good + bad) },
                { QStringLiteral("goodShare"), nullableRate(good, good + bad) } } } };
}

void Breakdowns::writeJson(QJsonObject *into) const
{
    auto ranked = [](const QList<RankedCount> &list, const QString &idName) {
        QJsonArray out;
        for (const RankedCount &r : list)
            out.append(QJsonObject {
                { idName, idToJson(r.id) }, { QStringLiteral("created"), double(r.count) } });
        return out;
    };
    into->insert(QStringLiteral("categories"), ranked(categories, QStringLiteral("categoryId")));
    QJsonArray slowest;
    for (const CategoryTime &c : slowestCategories)
        slowest.append(QJsonObject { { QStringLiteral("categoryId"), idToJson(c.categoryId) },
            { QStringLiteral("resolved"), double(c.resolved) },
            { QStringLiteral("meanResolutionMs"), double(c.meanMs) } });
    into->insert(QStringLiteral("slowestCategories"), slowest);
    into->insert(QStringLiteral("topCustomers"), ranked(customers, QStringLiteral("customerId")));
    into->insert(QStringLiteral("topOrganisations"),
        ranked(organisations, QStringLiteral("organisationId")));
}

} // namespace Atiende::Server
