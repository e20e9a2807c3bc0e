#include "outbox.h"

#include "cachedb.h"
#include "cachedelta.h"
#include "cachejson.h"
#include "conflicts.h"
#include "drafts.h"
#include "filerows.h"
#include "localedits.h"
#include "ticketrows.h"
#include "unreadmarks.h"

#include "core/domain/timestamp.h"

#include <QJsonArray>
#include <QPair>
#include <QSqlQuery>
#include <QUuid>

#include <limits>
#include <optional>

namespace Atiende::Client {

using namespace CacheJson;

QList<qint64> OutboxOp::dependsOn() const
{
    QList<qint64> ids;
    for (const char *key : { "id", "ticketId" }) {
        const qint64 v = qint64(params.value(QLatin1String(key)).toDouble());
        if (v < 0)
            ids << v;
    }
    return ids;
}

QStringList OutboxOp::uploadIds() const
{
    QStringList ids;
    for (const QJsonValue &v : params.value(QStringLiteral("attachments")).toArray())
        ids << v.toString();
    return ids;
}

QList<OutgoingFile> OutboxOp::files() const
{
    return OutgoingFile::listFromJson(params.value(QStringLiteral("localFiles")).toArray());
}

Outbox::Outbox(CacheDb &db, TicketRows &rows, LocalEdits &edits, Conflicts &conflicts,
    Drafts &drafts, UnreadMarks &marks, FileRows &files)
    : m_db(db)
    , m_rows(rows)
    , m_edits(edits)
    , m_conflicts(conflicts)
    , m_drafts(drafts)
    , m_marks(marks)
    , m_files(files)
{
}

std::optional<OutboxOp> Outbox::find(const QString &opId)
{
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT seq, op_id, method, params, created_at, "
                                           "attempts FROM outbox WHERE op_id = ?"),
        { opId });
    if (!q || !q->next())
        return std::nullopt;
    OutboxOp op { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
        toObject(q->value(3).toString()), q->value(4).toLongLong(), q->value(5).toInt() };
    q->finish();
    return op;
}

QString Outbox::renew(const QString &opId)
{
    const std::optional<OutboxOp> op = find(opId);
    if (!op || !m_db.beginEdit())
        return QString();
    const QString renewed = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject p = op->params;
    p.insert(QStringLiteral("opId"), renewed);
    p.insert(QStringLiteral("reuploads"), p.value(QStringLiteral("reuploads")).toInt() + 1);
    const bool ok = m_db.exec(QStringLiteral("UPDATE outbox SET op_id = ?, params = ? WHERE "
                                             "op_id = ?"),
                        { renewed, toText(p), opId })
        && m_files.renameOp(opId, renewed);
    if (!ok || !m_db.commit()) {
        m_db.rollback();
        return QString();
    }
    return renewed;
}

QList<OutboxOp> Outbox::list(int limit)
{
    QList<OutboxOp> ops;
    QSqlQuery *q = m_db.run(QStringLiteral("SELECT seq, op_id, method, params, created_at, "
                                           "attempts FROM outbox ORDER BY seq LIMIT ?"),
        { limit > 0 ? limit : std::numeric_limits<int>::max() });
    if (!q)
        return ops;
    while (q->next())
        ops << OutboxOp { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
            toObject(q->value(3).toString()), q->value(4).toLongLong(), q->value(5).toInt() };
    q->finish();
    return ops;
}

int Outbox::size()
{
    return m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt();
}

bool Outbox::markAttempt(const QString &opId)
{
    return m_db.exec(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1 WHERE op_id = ?"), { opId });
}

int Outbox::restore(const QList<OutboxOp> &rescued)
{
    int restored = 0;
    for (const OutboxOp &op : rescued) {
        const qint64 ticketId = qint64(
            op.params
                .value(op.method == QLatin1String("tickets.create")    ? QStringLiteral("tempId")
                        : op.method == QLatin1String("tickets.update") ? QStringLiteral("id")
                                                                       : QStringLiteral("ticketId"))
                .toDouble());
        if (m_db.exec(QStringLiteral("INSERT OR IGNORE INTO outbox (op_id, method, ticket_id, "
                                     "params, created_at) VALUES (?, ?, ?, ?, ?)"),
                { op.opId, op.method, ticketId, toText(op.params), op.createdAt }))
            ++restored;
    }
    if (!rescued.isEmpty()) {
        // Temporary ids in rescued edits must not collide with new ones.
        qint64 lowest = -1;
        for (const OutboxOp &op : rescued) {
            for (qint64 id : op.dependsOn())
                lowest = qMin(lowest, id);
            lowest = qMin(lowest, qint64(op.params.value(QStringLiteral("tempId")).toDouble()));
        }
        m_db.setMeta(QStringLiteral("next_temp_id"), QString::number(lowest - 1));
    }
    return restored;
}

bool Outbox::acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
    const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta)
{
    QSqlQuery find(m_db.db());
    find.prepare(QStringLiteral("SELECT method, params FROM outbox WHERE op_id = ?"));
    find.addBindValue(opId);
    if (!find.exec() || !find.next())
        return true; // already acknowledged (a duplicate answer): nothing to do
    const QString method = find.value(0).toString();
    const QJsonObject params = toObject(find.value(1).toString());
    find.finish();
    const QJsonObject r = result.toObject();
    const qint64 now = Core::Timestamp::now();
    auto addConflict = [&](qint64 ticketId, const QString &field, const QJsonValue &yours,
                           const QJsonValue &theirs, const QString &message, int code) {
        delta->conflicts = true;
        return m_conflicts.add(ticketId, field, yours, theirs, message, code, now);
    };
    // Keeps the server's ticket unless the cache already holds a newer version of it.
    auto storeServerTicket = [&](const QJsonObject &t) {
        if (t.isEmpty())
            return true;
        const qint64 id = idOf(t);
        const std::optional<QJsonObject> held = m_rows.serverTicket(id);
        if (held
            && held->value(QStringLiteral("version")).toInt()
                > t.value(QStringLiteral("version")).toInt())
            return true;
        const qint64 rev = m_rows.rev(id);
        delta->tickets.insert(id);
        return m_rows.upsertTicket(t, rev, false);
    };

    if (!m_db.begin())
        return false;
    bool good = m_db.exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), { opId });
    delta->outbox = true;
    if (method == QLatin1String("tickets.create")) {
        const qint64 temp = qint64(params.value(QStringLiteral("tempId")).toDouble());
        // The local stand-ins go; articles the agent added offline stay and follow the ticket.
        good = good && m_rows.deleteTicketRow(temp)
            && m_rows.deleteArticle(
                qint64(params.value(QStringLiteral("descriptionTempId")).toDouble()));
        delta->removedTickets.insert(temp);
        if (!ok)
            good = good && m_rows.deleteArticlesOf(temp);
        if (ok) {
            const QJsonObject t = r.value(QStringLiteral("ticket")).toObject();
            const qint64 real = idOf(t);
            good = good && storeServerTicket(t);
            for (const QJsonValue &a : r.value(QStringLiteral("articles")).toArray())
                good = good && m_rows.upsertArticle(a.toObject(), 0, false);
            delta->articleTickets.insert(real);
            // Later edits of the ticket made offline now name it by its real id.
            QSqlQuery later(m_db.db());
            if (later.exec(QStringLiteral("SELECT op_id, params FROM outbox"))) {
                QList<QPair<QString, QJsonObject>> rewrite;
                while (later.next()) {
                    QJsonObject p = toObject(later.value(1).toString());
                    bool changed = false;
                    for (const char *key : { "id", "ticketId" }) {
                        if (qint64(p.value(QLatin1String(key)).toDouble()) == temp) {
                            p.insert(QLatin1String(key), double(real));
                            changed = true;
                        }
                    }
                    if (changed)
                        rewrite.append({ later.value(0).toString(), p });
                }
                later.finish();
                for (const auto &[op, p] : std::as_const(rewrite))
                    good = good
                        && m_db.exec(
                            QStringLiteral(
                                "UPDATE outbox SET params = ?, ticket_id = ? WHERE op_id = ?"),
                            { toText(p), real, op });
                good = good && m_rows.moveArticles(temp, real);
                good = good && m_conflicts.renumber(temp, real);
                good = good && m_drafts.renumber(temp, real);
                good = good && m_marks.renumber(temp, real);
                delta->renumbered.insert(temp, real);
                if (!rewrite.isEmpty())
                    m_edits.reapplyPending(real);
            }
        } else {
            good = good && addConflict(0, QString(), params, QJsonValue(), errorMessage, errorCode);
            // Edits of the ticket that was never made cannot go anywhere: the agent gets them
            // back as refusals, texts included.
            QSqlQuery dependent(m_db.db());
            dependent.prepare(
                QStringLiteral("SELECT op_id, params FROM outbox WHERE ticket_id = ?"));
            dependent.addBindValue(temp);
            QList<QPair<QString, QJsonObject>> orphans;
            if (dependent.exec()) {
                while (dependent.next())
                    orphans.append(
                        { dependent.value(0).toString(), toObject(dependent.value(1).toString()) });
            }
            dependent.finish();
            for (const auto &[orphan, p] : std::as_const(orphans)) {
                const QJsonValue what = p.contains(QStringLiteral("body"))
                    ? p.value(QStringLiteral("body"))
                    : p.value(QStringLiteral("fields"));
                good = good
                    && m_db.exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), { orphan })
                    && m_files.finishOp(orphan)
                    && addConflict(0, QString(), what, QJsonValue(), errorMessage, errorCode);
            }
        }
    } else if (method == QLatin1String("tickets.update")) {
        const qint64 id = idOf(params);
        if (ok) {
            good = good && storeServerTicket(r.value(QStringLiteral("ticket")).toObject());
            for (const QJsonValue &c : r.value(QStringLiteral("conflicts")).toArray()) {
                const QJsonObject o = c.toObject();
                good = good
                    && addConflict(id, o.value(QStringLiteral("field")).toString(),
                        o.value(QStringLiteral("yours")), o.value(QStringLiteral("theirs")),
                        QStringLiteral("changed by someone else"), 0);
            }
        } else {
            good = good && storeServerTicket(errorData.value(QStringLiteral("ticket")).toObject());
            const QJsonArray conflicts = errorData.value(QStringLiteral("conflicts")).toArray();
            for (const QJsonValue &c : conflicts) {
                const QJsonObject o = c.toObject();
                good = good
                    && addConflict(id, o.value(QStringLiteral("field")).toString(),
                        o.value(QStringLiteral("yours")), o.value(QStringLiteral("theirs")),
                        errorMessage, errorCode);
            }
            if (conflicts.isEmpty())
                good = good
                    && addConflict(id, QString(), params.value(QStringLiteral("fields")),
                        QJsonValue(), errorMessage, errorCode);
        }
        m_edits.reapplyPending(id);
        delta->tickets.insert(id);
    } else if (method == QLatin1String("tickets.addArticle")) {
        const qint64 temp = qint64(params.value(QStringLiteral("tempId")).toDouble());
        const qint64 ticketId = idOf(params, QStringLiteral("ticketId"));
        good = good && m_rows.deleteArticle(temp);
        // Its uploads are done with either way: their copies stay as files just used.
        good = good && m_files.finishOp(opId);
        if (ok) {
            good = good
                && m_rows.upsertArticle(r.value(QStringLiteral("article")).toObject(), 0, false)
                && storeServerTicket(r.value(QStringLiteral("ticket")).toObject());
            m_edits.reapplyPending(ticketId);
        } else {
            // The text the agent wrote is kept with the refusal, never thrown away.
            good = good
                && addConflict(ticketId, QString(), params.value(QStringLiteral("body")),
                    QJsonValue(), errorMessage, errorCode);
        }
        delta->articleTickets.insert(ticketId);
    } else if (method == QLatin1String("tickets.escalate")) {
        const qint64 id = idOf(params);
        // The outcome (the ticket moved, an event in its conversation, or the ticket leaving
        // the agent's sight) arrives as sync changes; storing the answer's ticket here could
        // bring back one that a hide has just removed.
        if (!ok) {
            QJsonObject request = params;
            request.remove(QStringLiteral("opId"));
            good = good
                && addConflict(id, QString(),
                    QJsonObject { { QStringLiteral("escalation"), request } }, QJsonValue(),
                    errorMessage, errorCode);
        }
        m_edits.reapplyPending(id);
        delta->tickets.insert(id);
    }
    if (!good) {
        m_db.rollback();
        return false;
    }
    return m_db.commit();
}

} // namespace Atiende::Client
