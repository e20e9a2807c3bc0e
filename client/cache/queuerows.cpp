#include "queuerows.h"

#include "cachedb.h"
#include "unreadmarks.h"

#include "client/logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace Atiende::Client {

using Sql::bindAll;

QueueRows::QueueRows(CacheDb &db, UnreadMarks &marks)
    : m_cache(db)
    , m_marks(marks)
    , m_db(db.db())
{
}

qint64 QueueRows::seenBaseline()
{
    return m_marks.seenBaseline();
}

int QueueRows::count(const QString &what)
{
    return m_cache.count(what);
}

QList<QueueRow> QueueRows::queueRows(const QList<qint64> &ids)
{
    // 100,000 rows must load in a fraction of a second, and most of the cost is per column
    // (a QVariant each, a UTF-16 conversion per text): the short wire names travel packed
    // into one integer, and as text only when this console does not know them.
    static const QStringList statuses { QStringLiteral("new"), QStringLiteral("assigned"),
        QStringLiteral("in_progress"), QStringLiteral("pending_customer"),
        QStringLiteral("pending_third_party"), QStringLiteral("resolved"),
        QStringLiteral("closed") };
    static const QStringList priorities { QStringLiteral("P1"), QStringLiteral("P2"),
        QStringLiteral("P3"), QStringLiteral("P4") };
    static const QStringList types { QStringLiteral("incident"),
        QStringLiteral("service_request") };
    static const QStringList slaStates { QString(QLatin1String("")), QStringLiteral("none"),
        QStringLiteral("running"), QStringLiteral("paused"), QStringLiteral("warning"),
        QStringLiteral("breached"), QStringLiteral("met") };
    static const QString sqlPrefix = [] {
        auto code = [](const QString &column, const QStringList &names) {
            QString e = QStringLiteral("(CASE %1").arg(column);
            for (int i = 0; i < names.size(); ++i)
                e += QStringLiteral(" WHEN '%1' THEN %2").arg(names.at(i)).arg(i);
            return e + QStringLiteral(" ELSE 15 END)");
        };
        auto known = [](const QString &column, const QStringList &names) {
            QStringList quoted;
            for (const QString &n : names)
                quoted << QStringLiteral("'%1'").arg(n);
            return QStringLiteral("%1 IN (%2)").arg(column, quoted.join(QLatin1Char(',')));
        };
        return QStringLiteral("SELECT t.id, t.number, t.subject, %1 | (%2 << 4) | (%3 << 8) | (%4 "
                              "<< 12) | ((t.pending <> 0) << 16)"
                              " | ((t.activity_at > MAX(COALESCE(s.seen_at, 0), ?)) << 17),"
                              " CASE WHEN %5 AND %6 AND %7 AND %8 THEN NULL ELSE t.status || '|' "
                              "|| t.priority || '|' || t.type || '|' || t.sla_state END,"
                              " t.group_id, t.assignee_id, t.customer_id, t.organisation_id, "
                              "t.category_id, t.created_at, t.updated_at, t.sla_due,"
                              " t.sla_warn FROM tickets t LEFT JOIN seen s ON s.ticket_id = t.id")
            .arg(code(QStringLiteral("t.status"), statuses),
                code(QStringLiteral("t.priority"), priorities),
                code(QStringLiteral("t.type"), types),
                code(QStringLiteral("t.sla_state"), slaStates),
                known(QStringLiteral("t.status"), statuses),
                known(QStringLiteral("t.priority"), priorities),
                known(QStringLiteral("t.type"), types),
                known(QStringLiteral("t.sla_state"), slaStates));
    }();
    QList<QueueRow> rows;
    QString sql = sqlPrefix;
    QVariantList values { seenBaseline() };
    if (!ids.isEmpty()) {
        QStringList marks;
        for (qint64 id : ids) {
            marks << QStringLiteral("?");
            values << id;
        }
        sql += QStringLiteral(" WHERE t.id IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindAll(q, values);
    if (!q.exec()) {
        qCWarning(lcCache) << "cannot read the queue:" << q.lastError().text();
        return rows;
    }
    rows.reserve(ids.isEmpty() ? count(QStringLiteral("tickets")) : int(ids.size()));
    while (q.next()) {
        QueueRow r;
        r.id = q.value(0).toLongLong();
        r.number = q.value(1).toString();
        r.subject = q.value(2).toString();
        const qint64 flags = q.value(3).toLongLong();
        const QVariant unknown = q.value(4);
        if (unknown.isNull()) {
            // Each code is a place in the lists above, which follow the enums' order (SLA
            // states after "": none); tst_localcache reads back every value.
            r.status = Core::TicketStatus(flags & 15);
            r.priority = Core::Priority((flags >> 4) & 15);
            r.type = Core::TicketType((flags >> 8) & 15);
            if (const int sla = int((flags >> 12) & 15); sla > 0)
                r.slaState = Core::SlaTimeline::State(sla - 1);
        } else {
            const QStringList parts = unknown.toString().split(QLatin1Char('|'));
            r.status = Core::fromString<Core::TicketStatus>(parts.value(0))
                           .value_or(Core::TicketStatus::New);
            r.priority
                = Core::fromString<Core::Priority>(parts.value(1)).value_or(Core::Priority::P3);
            r.type = Core::fromString<Core::TicketType>(parts.value(2))
                         .value_or(Core::TicketType::Incident);
            if (!parts.value(3).isEmpty())
                r.slaState = Core::slaStateFromWireName(parts.value(3));
        }
        r.pending = (flags >> 16) & 1;
        r.unread = (flags >> 17) & 1;
        r.groupId = q.value(5).toLongLong();
        r.assigneeId = q.value(6).toLongLong();
        r.customerId = q.value(7).toLongLong();
        r.organisationId = q.value(8).toLongLong();
        r.categoryId = q.value(9).toLongLong();
        r.createdAt = q.value(10).toLongLong();
        r.updatedAt = q.value(11).toLongLong();
        r.slaDueAt = q.value(12).toLongLong();
        r.slaWarnAt = q.value(13).toLongLong();
        rows.append(std::move(r));
    }
    return rows;
}

} // namespace Atiende::Client
