#include "kpisource.h"

#include "server/logging.h"

#include "kpistate.h"

#include "server/store/store.h"

#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace Atiende::Server {

using namespace Atiende::Core;

namespace KpiSource {

namespace {

constexpr qint64 kScanBeyondMs = 90LL * 24 * 3600 * 1000;

const QString kOpenStatuses = QStringLiteral(
    "('new', 'assigned', 'in_progress', 'pending_customer', 'pending_third_party')");

// " AND group_id IN (<set>)" and its value; empty for every group. One statement shape for
// any number of groups.
QString groupFilter(const SqlContext &sql, const QList<qint64> &groups, QVariantList *values)
{
    if (groups.isEmpty())
        return QString();
    *values << SqlContext::idSet(groups);
    return QStringLiteral(" AND group_id IN (%1)").arg(sql.dialect().idSetSql());
}

TicketFacts factsFromRow(const QSqlQuery &q, bool withText)
{
    TicketFacts f;
    f.id = q.value(0).toLongLong();
    f.groupId = q.value(1).toLongLong();
    f.categoryId = q.value(2).toLongLong();
    f.customerId = q.value(3).toLongLong();
    f.organisationId = q.value(4).toLongLong();
    f.assigneeId = q.value(5).toLongLong();
    f.status = fromString<TicketStatus>(q.value(6).toString()).value_or(TicketStatus::New);
    f.priority = fromString<Priority>(q.value(7).toString()).value_or(Priority::P3);
    f.createdAt = q.value(8).toLongLong();
    f.resolvedAt = q.value(9).toLongLong();
    f.reopenCount = q.value(10).toInt();
    f.agentReplies = q.value(11).toInt();
    if (!f.readSlaText(QByteArrayView(q.value(12).toByteArray())))
        qCWarning(lcKpi) << "ticket" << f.id
                         << "has SLA clocks that cannot be read; counted without them";
    if (withText && f.isOpen()) {
        f.number = q.value(13).toString();
        f.subject = q.value(14).toString();
    }
    return f;
}

} // namespace

const QString &timeZoneSettingKey()
{
    static const QString key = QStringLiteral("desk.time_zone");
    return key;
}

QTimeZone deskTimeZone(Store &store, QString *source)
{
    const QString configured = store.directory().setting(timeZoneSettingKey());
    if (!configured.isEmpty()) {
        const QTimeZone zone(configured.toUtf8());
        if (zone.isValid()) {
            if (source)
                *source = QStringLiteral("setting");
            return zone;
        }
        qCWarning(lcKpi) << "the desk's time zone" << configured
                         << "is unknown to this system; using another";
    }
    const QString definition
        = store.sql()
              .scalar(QStringLiteral("SELECT definition FROM calendars ORDER BY id LIMIT 1"))
              .toString();
    if (!definition.isEmpty()) {
        const QTimeZone zone(QJsonDocument::fromJson(definition.toUtf8())
                                 .object()
                                 .value(QStringLiteral("timeZone"))
                                 .toString()
                                 .toUtf8());
        if (zone.isValid()) {
            if (source)
                *source = QStringLiteral("calendar");
            return zone;
        }
    }
    if (source)
        *source = QStringLiteral("default");
    return QTimeZone::utc();
}

bool setDeskTimeZone(Store &store, const QString &zone, QString *error)
{
    if (!QTimeZone(zone.toUtf8()).isValid()) {
        *error = QStringLiteral(
            "\"%1\" is not a time zone this system knows (an IANA name such as Europe/Madrid)")
                     .arg(zone);
        return false;
    }
    if (!store.directory().setSetting(timeZoneSettingKey(), zone)) {
        *error = store.sql().lastError();
        return false;
    }
    return true;
}

bool readTickets(Store &store, qint64 fromMs, qint64 toMs, const QList<qint64> &groups,
    bool withOpen, const std::function<void(TicketFacts &&)> &fn)
{
    SqlContext &sql = store.sql();
    // Ratings first, so each ticket is handed over whole.
    QHash<qint64, std::vector<Rating>> ratings;
    {
        QSqlQuery *q = sql.run(
            QStringLiteral(
                "SELECT ticket_id, answered_at, rating FROM surveys "
                "WHERE answered_at >= ? AND answered_at < ? AND rating IN ('good', 'bad')"),
            { qMax<qint64>(1, fromMs), toMs });
        if (!q)
            return false;
        while (q->next())
            ratings[q->value(0).toLongLong()].push_back(
                { q->value(1).toLongLong(), q->value(2).toString() == QLatin1String("good") });
        q->finish();
    }
    const QString columns = QStringLiteral("SELECT id, group_id, category_id, customer_id, "
                                           "organisation_id, assignee_id, status, priority, "
                                           "created_at, resolved_at, reopen_count, agent_replies, ")
        + sql.dialect().utf8Bytes(QStringLiteral("sla"))
        + (withOpen ? QStringLiteral(", number, subject FROM tickets WHERE ")
                    : QStringLiteral(" FROM tickets WHERE "));
    // Three disjoint sets: changed in the run (every timestamp that counts is at or before the
    // last change, and after the creation); open and unchanged since before it; closed or
    // resolved, unchanged since before it, with a survey answered in it.
    struct Part
    {
        QString where;
        QVariantList values;
    };
    QList<Part> parts;
    // A long run covers most of the table: one pass over it beats looking every row up from
    // the index of last changes ("+" keeps the engine off that index, in SQL any engine reads).
    const bool scan = toMs - fromMs > kScanBeyondMs;
    parts.append({ scan ? QStringLiteral("+updated_at >= ? AND created_at < ?")
                        : QStringLiteral("updated_at >= ? AND created_at < ?"),
        { fromMs, toMs } });
    if (withOpen)
        parts.append(
            { QStringLiteral("status IN ") + kOpenStatuses + QStringLiteral(" AND updated_at < ?"),
                { fromMs } });
    parts.append(
        { QStringLiteral(
              "id IN (SELECT ticket_id FROM surveys WHERE answered_at >= ? AND answered_at < ?) "
              "AND updated_at < ? AND status IN ('resolved', 'closed')"),
            { qMax<qint64>(1, fromMs), toMs, fromMs } });
    for (Part &part : parts) {
        const QString filter = groupFilter(sql, groups, &part.values);
        QSqlQuery *q = sql.run(columns + part.where + filter, part.values);
        if (!q)
            return false;
        while (q->next()) {
            TicketFacts f = factsFromRow(*q, withOpen);
            const auto it = ratings.constFind(f.id);
            if (it != ratings.cend())
                f.ratings = *it;
            fn(std::move(f));
        }
        q->finish();
    }
    return true;
}

QList<AgentFacts> readAgents(Store &store)
{
    QHash<qint64, QString> presence;
    if (QSqlQuery *q = store.sql().run(QStringLiteral("SELECT id, presence FROM agents"))) {
        while (q->next())
            presence.insert(q->value(0).toLongLong(), q->value(1).toString());
        q->finish();
    }
    QList<AgentFacts> out;
    for (const Agent &a : store.directory().agents())
        out.append({ a.id, a.name, a.role, a.active, a.groupIds,
            presence.value(a.id, QStringLiteral("offline")) });
    return out;
}

bool readSnapshot(Store &store, const DayIndex &window, KpiSnapshot *out)
{
    const KpiState probe(window, false);
    const bool ok
        = readTickets(store, window.start(0), window.end(), {}, true, [&](TicketFacts &&f) {
              if (f.isOpen() || probe.touches(f))
                  out->tickets.push_back(std::move(f));
          });
    if (!ok)
        return false;
    out->agents = readAgents(store);
    for (const Group &g : store.directory().groups())
        out->groups.append(g.id);
    return true;
}

} // namespace KpiSource

} // namespace Atiende::Server
