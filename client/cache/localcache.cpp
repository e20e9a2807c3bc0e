#include "localcache.h"

#include "cachedb.h"
#include "cachejson.h"
#include "directoryrows.h"
#include "kbindex.h"
#include "unreadmarks.h"

#include "client/logging.h"

#include "core/domain/timestamp.h"
#include "core/text/fold.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <limits>

namespace Atiende::Client {

using namespace CacheJson;

namespace {

using Core::Text::fold;

QString likePattern(const QString &text)
{
    QString s = fold(text.trimmed());
    s.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + s + QLatin1Char('%');
}

using Sql::bindAll;

} // namespace

void CacheDelta::merge(const CacheDelta &o)
{
    tickets += o.tickets;
    removedTickets += o.removedTickets;
    articleTickets += o.articleTickets;
    directory += o.directory;
    kb = kb || o.kb;
    conflicts = conflicts || o.conflicts;
    outbox = outbox || o.outbox;
}

// ---------------------------------------------------------------------------------------------
// Opening.

struct LocalCache::Parts
{
    explicit Parts(const QString &path)
        : db(path)
        , schema(db)
        , directory(db)
        , kb(db)
        , marks(db)
        , drafts(db)
        , conflicts(db)
    {
    }

    CacheDb db;
    CacheSchema schema;
    DirectoryRows directory;
    KbIndex kb;
    UnreadMarks marks;
    Drafts drafts;
    Conflicts conflicts;
};

LocalCache::LocalCache(const QString &path)
    : m_path(path)
    , m_parts(std::make_unique<Parts>(path))
    , m_db(m_parts->db.db())
{
}

LocalCache::~LocalCache() = default;

std::unique_ptr<LocalCache> LocalCache::open(
    const QString &path, OpenReport *report, QString *error)
{
    OpenReport r;
    const QList<OutboxOp> rescued = CacheSchema::setAsideIfUnusable(path, &r);
    std::unique_ptr<LocalCache> cache(new LocalCache(path));
    if (!cache->m_parts->schema.open(path, error))
        return nullptr;
    for (const OutboxOp &op : std::as_const(rescued)) {
        const qint64 ticketId = qint64(
            op.params
                .value(op.method == QLatin1String("tickets.create")    ? QStringLiteral("tempId")
                        : op.method == QLatin1String("tickets.update") ? QStringLiteral("id")
                                                                       : QStringLiteral("ticketId"))
                .toDouble());
        if (cache->exec(QStringLiteral("INSERT OR IGNORE INTO outbox (op_id, method, ticket_id, "
                                       "params, created_at) VALUES (?, ?, ?, ?, ?)"),
                { op.opId, op.method, ticketId, toText(op.params), op.createdAt }))
            ++r.outboxSalvaged;
    }
    if (!rescued.isEmpty()) {
        // Temporary ids in rescued edits must not collide with new ones.
        qint64 lowest = -1;
        for (const OutboxOp &op : std::as_const(rescued)) {
            for (qint64 id : op.dependsOn())
                lowest = qMin(lowest, id);
            lowest = qMin(lowest, qint64(op.params.value(QStringLiteral("tempId")).toDouble()));
        }
        cache->setMeta(QStringLiteral("next_temp_id"), QString::number(lowest - 1));
    }
    if (report)
        *report = r;
    return cache;
}

// ---------------------------------------------------------------------------------------------
// Small SQL helpers.

QSqlQuery *LocalCache::run(const QString &sql, const QVariantList &values)
{
    return m_parts->db.run(sql, values);
}

bool LocalCache::exec(const QString &sql, const QVariantList &values)
{
    return m_parts->db.exec(sql, values);
}

QVariant LocalCache::scalar(const QString &sql, const QVariantList &values)
{
    return m_parts->db.scalar(sql, values);
}

int LocalCache::changedRows(const QString &sql, const QVariantList &values)
{
    return m_parts->db.changedRows(sql, values);
}

QString LocalCache::nameOf(const QString &kind, qint64 id)
{
    return m_parts->directory.nameOf(kind, id);
}

const QHash<qint64, QString> &LocalCache::names(const QString &kind)
{
    return m_parts->directory.names(kind);
}

bool LocalCache::begin()
{
    return m_parts->db.begin();
}
bool LocalCache::commit()
{
    return m_parts->db.commit();
}
void LocalCache::rollback()
{
    m_parts->db.rollback();
}

bool LocalCache::beginEdit()
{
    return m_parts->db.beginEdit();
}

qint64 LocalCache::revision()
{
    return m_parts->db.revision();
}

bool LocalCache::setRevision(qint64 revision)
{
    return m_parts->db.setRevision(revision);
}

QString LocalCache::meta(const QString &key)
{
    return m_parts->db.meta(key);
}

bool LocalCache::setMeta(const QString &key, const QString &value)
{
    return m_parts->db.setMeta(key, value);
}

qint64 LocalCache::nextTempId()
{
    const qint64 id = meta(QStringLiteral("next_temp_id")).toLongLong();
    setMeta(QStringLiteral("next_temp_id"), QString::number(id - 1));
    return id;
}

// ---------------------------------------------------------------------------------------------
// Server changes.

bool LocalCache::upsertTicket(const QJsonObject &t, qint64 rev, bool pending)
{
    return upsertTicketIfNewer(t, rev, pending, false) >= 0;
}

int LocalCache::upsertTicketIfNewer(
    const QJsonObject &t, qint64 rev, bool pending, bool onlyIfNewer)
{
    if (idOf(t) == 0) {
        qCWarning(lcCache) << "refusing to store a ticket without an id";
        return -1;
    }
    const qint64 customer = idOf(t, QStringLiteral("customerId"));
    const qint64 org = idOf(t, QStringLiteral("organisationId"));
    const QString search = fold(t.value(QStringLiteral("number")).toString() + QLatin1Char(' ')
        + t.value(QStringLiteral("subject")).toString() + QLatin1Char(' ')
        + nameOf(QStringLiteral("customer"), customer) + QLatin1Char(' ')
        + nameOf(QStringLiteral("organisation"), org));
    const qint64 created = Core::Timestamp::fromJson(t.value(QStringLiteral("createdAt")));
    const qint64 updated = Core::Timestamp::fromJson(t.value(QStringLiteral("updatedAt")));
    const QString json = toText(t);
    const SlaColumns sla = slaColumns(t);
    // A ticket someone else made is news to the agent (until they open it).
    const qint64 activity = m_parts->marks.ticketActivity(t, created);
    // Server changes land only when newer than what the cache holds (a push may overtake
    // the pull that was running): one statement decides and writes.
    return changedRows(
        QStringLiteral("INSERT INTO tickets (id, number, subject, status, priority, group_id, "
                       "assignee_id, customer_id, organisation_id,"
                       " created_at, updated_at, rev, pending, search, json, server_json, type, "
                       "category_id, sla_due, sla_warn,"
                       " sla_state, activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET number = excluded.number, subject = "
                       "excluded.subject, status = excluded.status,"
                       " priority = excluded.priority, group_id = excluded.group_id, assignee_id = "
                       "excluded.assignee_id,"
                       " customer_id = excluded.customer_id, organisation_id = "
                       "excluded.organisation_id, created_at = excluded.created_at,"
                       " updated_at = excluded.updated_at, rev = MAX(tickets.rev, excluded.rev), "
                       "pending = excluded.pending,"
                       " search = excluded.search, json = excluded.json,"
                       " server_json = COALESCE(excluded.server_json, tickets.server_json), type = "
                       "excluded.type,"
                       " category_id = excluded.category_id, sla_due = excluded.sla_due, sla_warn "
                       "= excluded.sla_warn,"
                       " sla_state = excluded.sla_state, activity_at = MAX(tickets.activity_at, "
                       "excluded.activity_at)"
                       " WHERE ? = 0 OR tickets.rev = 0 OR excluded.rev > tickets.rev"),
        { idOf(t), t.value(QStringLiteral("number")).toString(),
            t.value(QStringLiteral("subject")).toString(),
            t.value(QStringLiteral("status")).toString(),
            t.value(QStringLiteral("priority")).toString(),
            nullable(idOf(t, QStringLiteral("groupId"))),
            nullable(idOf(t, QStringLiteral("assigneeId"))), nullable(customer), nullable(org),
            qMax<qint64>(0, created), qMax<qint64>(0, updated), rev, pending ? 1 : 0, search, json,
            pending ? QVariant() : QVariant(json), // invalid QVariant: SQL NULL
            t.value(QStringLiteral("type")).toString(QStringLiteral("incident")),
            nullable(idOf(t, QStringLiteral("categoryId"))), sla.dueAt, sla.warnAt, sla.state,
            activity, onlyIfNewer ? 1 : 0 });
}

bool LocalCache::upsertArticle(const QJsonObject &a, qint64 rev, bool pending)
{
    return upsertArticleIfNewer(a, rev, pending, false) >= 0;
}

int LocalCache::upsertArticleIfNewer(
    const QJsonObject &a, qint64 rev, bool pending, bool onlyIfNewer)
{
    const qint64 ticketId = idOf(a, QStringLiteral("ticketId"));
    const qint64 created
        = qMax<qint64>(0, Core::Timestamp::fromJson(a.value(QStringLiteral("createdAt"))));
    const int written = changedRows(
        QStringLiteral("INSERT INTO articles (id, ticket_id, created_at, rev, pending, json) "
                       "VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, created_at "
                       "= excluded.created_at,"
                       " rev = MAX(articles.rev, excluded.rev), pending = excluded.pending, json = "
                       "excluded.json"
                       " WHERE ? = 0 OR articles.rev = 0 OR excluded.rev > articles.rev"),
        { idOf(a), ticketId, created, rev, pending ? 1 : 0, toText(a), onlyIfNewer ? 1 : 0 });
    // A reply or note by someone else, newer than anything the agent could have read, makes
    // the ticket unread. (Older entries, such as a first snapshot's, do not.)
    if (written > 0 && !pending && m_parts->marks.isNews(a, created)) {
        if (!exec(
                QStringLiteral("UPDATE tickets SET activity_at = MAX(activity_at, ?) WHERE id = ?"),
                { created, ticketId }))
            return -1;
    }
    return written;
}

qint64 LocalCache::seenBaseline()
{
    return m_parts->marks.seenBaseline();
}

bool LocalCache::removeTicket(qint64 id)
{
    return exec(QStringLiteral("DELETE FROM articles WHERE ticket_id = ?"), { id })
        && exec(QStringLiteral("DELETE FROM tickets WHERE id = ?"), { id });
}

QJsonObject LocalCache::applyFields(QJsonObject t, const QJsonObject &fields) const
{
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        t.insert(it.key(), it.value());
    // Show what the server will decide, so the screen does not jump when it answers.
    const auto impact = Core::fromString<Core::Level>(t.value(QStringLiteral("impact")).toString());
    const auto urgency
        = Core::fromString<Core::Level>(t.value(QStringLiteral("urgency")).toString());
    if (impact && urgency)
        t.insert(QStringLiteral("priority"), Core::wireName(m_matrix.priority(*impact, *urgency)));
    const QString status = t.value(QStringLiteral("status")).toString();
    if (!fields.contains(QStringLiteral("status"))) {
        if (!t.value(QStringLiteral("assigneeId")).isNull() && status == QLatin1String("new"))
            t.insert(QStringLiteral("status"), QStringLiteral("assigned"));
        else if (t.value(QStringLiteral("assigneeId")).isNull()
            && status == QLatin1String("assigned"))
            t.insert(QStringLiteral("status"), QStringLiteral("new"));
    }
    return t;
}

void LocalCache::reapplyPending(qint64 ticketId)
{
    // The agent's unsent edits stay visible on top of whatever the server says; an
    // escalation moves nothing here but keeps the ticket marked pending until answered.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT method, params FROM outbox WHERE method IN ('tickets.update', "
                             "'tickets.escalate') AND ticket_id = ? ORDER BY seq"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return;
    QList<QJsonObject> fields;
    bool escalating = false;
    while (q.next()) {
        if (q.value(0).toString() == QLatin1String("tickets.escalate"))
            escalating = true;
        else
            fields << toObject(q.value(1).toString()).value(QStringLiteral("fields")).toObject();
    }
    q.finish();
    const QVariant base = scalar(
        QStringLiteral("SELECT COALESCE(NULLIF(server_json, ''), json) FROM tickets WHERE id = ?"),
        { ticketId });
    if (!base.isValid())
        return;
    QJsonObject t = toObject(base.toString());
    for (const QJsonObject &f : std::as_const(fields))
        t = applyFields(t, f);
    const qint64 rev
        = scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { ticketId }).toLongLong();
    upsertTicket(t, rev, !fields.isEmpty() || escalating || ticketId < 0);
}

bool LocalCache::applyChanges(const QJsonArray &changes, qint64 revision, CacheDelta *delta)
{
    if (!begin())
        return false;
    // Tickets with unsent field edits (or an escalation), whose edits must stay on top of
    // what arrives.
    QSet<qint64> withPendingEdits;
    if (QSqlQuery *q = run(QStringLiteral("SELECT DISTINCT ticket_id FROM outbox WHERE method IN "
                                          "('tickets.update', 'tickets.escalate')"))) {
        while (q->next())
            withPendingEdits.insert(q->value(0).toLongLong());
        q->finish();
    }
    QSet<qint64> toReapply;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        const QString entity = c.value(QStringLiteral("entity")).toString();
        const qint64 id = idOf(c);
        const qint64 rev = qint64(c.value(QStringLiteral("rev")).toDouble());
        const bool upsert = c.value(QStringLiteral("op")).toString() == QLatin1String("upsert");
        const QJsonObject data = c.value(QStringLiteral("data")).toObject();
        int written = 0;
        if (entity == QLatin1String("ticket")) {
            if (upsert) {
                written = upsertTicketIfNewer(data, rev, false, true);
                if (written > 0) {
                    delta->tickets.insert(id);
                    if (withPendingEdits.contains(id))
                        toReapply.insert(id);
                }
            } else if (scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { id })
                           .toLongLong()
                < rev) {
                // Hidden or deleted: the ticket leaves with its conversation.
                written = removeTicket(id) ? 1 : -1;
                delta->removedTickets.insert(id);
            }
        } else if (entity == QLatin1String("article")) {
            if (upsert) {
                written = upsertArticleIfNewer(data, rev, false, true);
                if (written > 0)
                    delta->articleTickets.insert(idOf(data, QStringLiteral("ticketId")));
            } else {
                written = changedRows(
                    QStringLiteral("DELETE FROM articles WHERE id = ? AND rev < ?"), { id, rev });
            }
        } else if (entity == QLatin1String("kb")) {
            written = m_parts->kb.apply(id, rev, upsert, data);
            if (written == 0)
                continue; // the cache holds it at rev or newer
            delta->kb = true;
        } else if (!entity.isEmpty()) {
            written = m_parts->directory.apply(entity, id, rev, upsert, data);
            if (written > 0)
                delta->directory.insert(entity);
        }
        if (written < 0) {
            rollback();
            // The in-memory copy may hold names the rollback undid.
            m_parts->directory.forgetNames();
            return false;
        }
    }
    for (qint64 id : std::as_const(toReapply))
        reapplyPending(id);
    if (revision > 0 && !setRevision(revision)) {
        rollback();
        return false;
    }
    return commit();
}

bool LocalCache::storeFetchedTicket(
    const QJsonObject &ticket, const QJsonArray &articles, qint64 rev, CacheDelta *delta)
{
    const qint64 id = idOf(ticket);
    if (id <= 0 || !begin())
        return false;
    // Under the rule sync follows: written only where the cache holds nothing as new, so a
    // push that overtook this answer is not undone, and later changes (greater revs) apply.
    // The conversation is stored under the ticket's rev: every entry of it changed with the
    // ticket, at that revision or before, and the answer was read after rev (see tickets.get).
    int written = upsertTicketIfNewer(ticket, rev, false, true);
    if (written > 0)
        delta->tickets.insert(id);
    for (const QJsonValue &v : articles) {
        const int a = written < 0 ? -1 : upsertArticleIfNewer(v.toObject(), rev, false, true);
        if (a < 0) {
            written = -1;
            break;
        }
        if (a > 0)
            delta->articleTickets.insert(id);
    }
    if (written < 0) {
        rollback();
        return false;
    }
    if (scalar(QStringLiteral("SELECT 1 FROM outbox WHERE method IN ('tickets.update', "
                              "'tickets.escalate') AND ticket_id = ? LIMIT 1"),
            { id })
            .isValid())
        reapplyPending(id);
    return commit();
}

bool LocalCache::forgetTicket(qint64 id, CacheDelta *delta)
{
    if (!holdsTicket(id) || !begin())
        return false;
    if (!removeTicket(id)) {
        rollback();
        return false;
    }
    if (!commit())
        return false;
    delta->removedTickets.insert(id);
    return true;
}

bool LocalCache::holdsTicket(qint64 id)
{
    return scalar(QStringLiteral("SELECT 1 FROM tickets WHERE id = ?"), { id }).isValid();
}

qint64 LocalCache::ticketIdByNumber(const QString &number)
{
    return scalar(QStringLiteral("SELECT id FROM tickets WHERE number = ?"), { number })
        .toLongLong();
}

bool LocalCache::beginBulkLoad()
{
    return m_parts->schema.dropIndexes();
}

bool LocalCache::endBulkLoad()
{
    return m_parts->schema.buildIndexes();
}

bool LocalCache::clearServerData()
{
    m_parts->directory.forgetNames();
    if (!begin())
        return false;
    const bool ok = exec(QStringLiteral("DELETE FROM tickets WHERE id > 0"))
        && exec(QStringLiteral("DELETE FROM articles WHERE id > 0")) && m_parts->directory.clear()
        && m_parts->kb.clear() && setRevision(0)
        && m_parts->marks.setBaseline(Core::Timestamp::now());
    m_parts->marks.forgetBaseline();
    if (!ok) {
        rollback();
        return false;
    }
    return commit();
}

// ---------------------------------------------------------------------------------------------
// Edits.

QString LocalCache::createTicket(
    const QJsonObject &params, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    if (!beginEdit())
        return QString();
    const qint64 id = nextTempId();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject p = params;
    p.insert(QStringLiteral("opId"), opId);
    // Ours only (the server ignores unknown params): which local rows stand for this create.
    p.insert(QStringLiteral("tempId"), double(id));
    if (!params.value(QStringLiteral("description")).toString().trimmed().isEmpty())
        p.insert(QStringLiteral("descriptionTempId"), double(nextTempId()));
    QJsonObject t { { QStringLiteral("id"), double(id) }, { QStringLiteral("number"), QString() },
        { QStringLiteral("type"), params.value(QStringLiteral("type")).toString() },
        { QStringLiteral("subject"), params.value(QStringLiteral("subject")).toString() },
        { QStringLiteral("status"),
            params.contains(QStringLiteral("assigneeId")) ? QStringLiteral("assigned")
                                                          : QStringLiteral("new") },
        { QStringLiteral("impact"),
            params.value(QStringLiteral("impact")).toString(QStringLiteral("medium")) },
        { QStringLiteral("urgency"),
            params.value(QStringLiteral("urgency")).toString(QStringLiteral("medium")) },
        { QStringLiteral("channel"),
            params.value(QStringLiteral("channel")).toString(QStringLiteral("console")) },
        { QStringLiteral("categoryId"), params.value(QStringLiteral("categoryId")) },
        { QStringLiteral("groupId"), params.value(QStringLiteral("groupId")) },
        { QStringLiteral("assigneeId"), params.value(QStringLiteral("assigneeId")) },
        { QStringLiteral("customerId"), params.value(QStringLiteral("customerId")) },
        { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) },
        { QStringLiteral("updatedAt"), Core::Timestamp::toJson(now) },
        { QStringLiteral("version"), 0 } };
    for (const char *key : { "categoryId", "groupId", "assigneeId", "customerId" }) {
        if (t.value(QLatin1String(key)).isUndefined())
            t.insert(QLatin1String(key), QJsonValue(QJsonValue::Null));
    }
    if (const auto c = m_parts->directory.entity(
            QStringLiteral("customer"), idOf(params, QStringLiteral("customerId"))))
        t.insert(QStringLiteral("organisationId"), c->value(QStringLiteral("organisationId")));
    t = applyFields(t, {});
    bool ok = upsertTicket(t, 0, true)
        && exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, created_at) "
                               "VALUES (?, 'tickets.create', ?, ?, ?)"),
            { opId, id, toText(p), now });
    const QString description = params.value(QStringLiteral("description")).toString();
    if (ok && !description.trimmed().isEmpty()) {
        const qint64 articleId = qint64(p.value(QStringLiteral("descriptionTempId")).toDouble());
        ok = upsertArticle(
            { { QStringLiteral("id"), double(articleId) },
                { QStringLiteral("ticketId"), double(id) },
                { QStringLiteral("kind"), QStringLiteral("reply") },
                { QStringLiteral("authorCustomerId"), params.value(QStringLiteral("customerId")) },
                { QStringLiteral("body"), description },
                { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) } },
            0, true);
    }
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    *tempId = id;
    delta->tickets.insert(id);
    delta->articleTickets.insert(id);
    delta->outbox = true;
    return opId;
}

QString LocalCache::updateTicket(
    qint64 ticketId, const QJsonObject &fields, qint64 now, CacheDelta *delta)
{
    const std::optional<QJsonObject> t = ticket(ticketId);
    if (!t || !beginEdit())
        return QString();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The base is the server's version the agent was looking at (1 for a ticket made offline:
    // that is the version it will have when created).
    const int base = ticketId < 0 ? 1 : qMax(1, t->value(QStringLiteral("version")).toInt());
    const QJsonObject params { { QStringLiteral("id"), double(ticketId) },
        { QStringLiteral("baseVersion"), base }, { QStringLiteral("opId"), opId },
        { QStringLiteral("fields"), fields } };
    QJsonObject shown = applyFields(*t, fields);
    shown.insert(QStringLiteral("updatedAt"), Core::Timestamp::toJson(now));
    const bool ok = exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                        "created_at) VALUES (?, 'tickets.update', ?, ?, ?)"),
                        { opId, ticketId, toText(params), now })
        && upsertTicket(shown,
            scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { ticketId })
                .toLongLong(),
            true);
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    delta->tickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QString LocalCache::addArticle(qint64 ticketId, const QString &kind, const QString &body,
    qint64 authorId, qint64 now, qint64 *tempId, CacheDelta *delta)
{
    if (!ticket(ticketId) || !beginEdit())
        return QString();
    const qint64 id = nextTempId();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject params { { QStringLiteral("ticketId"), double(ticketId) },
        { QStringLiteral("kind"), kind }, { QStringLiteral("body"), body },
        { QStringLiteral("opId"), opId }, { QStringLiteral("tempId"), double(id) } };
    const QJsonObject a { { QStringLiteral("id"), double(id) },
        { QStringLiteral("ticketId"), double(ticketId) }, { QStringLiteral("kind"), kind },
        { QStringLiteral("authorAgentId"), double(authorId) },
        { QStringLiteral("authorCustomerId"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("body"), body },
        { QStringLiteral("createdAt"), Core::Timestamp::toJson(now) } };
    const bool ok = upsertArticle(a, 0, true)
        && exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, created_at) "
                               "VALUES (?, 'tickets.addArticle', ?, ?, ?)"),
            { opId, ticketId, toText(params), now });
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    *tempId = id;
    delta->articleTickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QString LocalCache::escalate(
    qint64 ticketId, const QJsonObject &params, qint64 now, CacheDelta *delta)
{
    if (!ticket(ticketId) || !beginEdit())
        return QString();
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject p = params;
    p.insert(QStringLiteral("id"), double(ticketId));
    p.insert(QStringLiteral("opId"), opId);
    const bool ok = exec(QStringLiteral("INSERT INTO outbox (op_id, method, ticket_id, params, "
                                        "created_at) VALUES (?, 'tickets.escalate', ?, ?, ?)"),
                        { opId, ticketId, toText(p), now })
        && exec(QStringLiteral("UPDATE tickets SET pending = 1 WHERE id = ?"), { ticketId });
    if (!ok || !commit()) {
        rollback();
        return QString();
    }
    delta->tickets.insert(ticketId);
    delta->outbox = true;
    return opId;
}

QList<OutboxOp> LocalCache::outbox(int limit)
{
    QList<OutboxOp> ops;
    QSqlQuery *q = run(QStringLiteral("SELECT seq, op_id, method, params, created_at, attempts "
                                      "FROM outbox ORDER BY seq LIMIT ?"),
        { limit > 0 ? limit : std::numeric_limits<int>::max() });
    if (!q)
        return ops;
    while (q->next())
        ops << OutboxOp { q->value(0).toLongLong(), q->value(1).toString(), q->value(2).toString(),
            toObject(q->value(3).toString()), q->value(4).toLongLong(), q->value(5).toInt() };
    q->finish();
    return ops;
}

int LocalCache::outboxSize()
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt();
}

bool LocalCache::markAttempt(const QString &opId)
{
    return exec(
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1 WHERE op_id = ?"), { opId });
}

bool LocalCache::acknowledge(const QString &opId, bool ok, const QJsonValue &result, int errorCode,
    const QString &errorMessage, const QJsonObject &errorData, CacheDelta *delta)
{
    QSqlQuery find(m_db);
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
        return m_parts->conflicts.add(ticketId, field, yours, theirs, message, code, now);
    };
    // Keeps the server's ticket unless the cache already holds a newer version of it.
    auto storeServerTicket = [&](const QJsonObject &t) {
        if (t.isEmpty())
            return true;
        const qint64 id = idOf(t);
        const std::optional<QJsonObject> held = [&]() -> std::optional<QJsonObject> {
            const QVariant s
                = scalar(QStringLiteral("SELECT server_json FROM tickets WHERE id = ?"), { id });
            if (!s.isValid() || s.isNull())
                return std::nullopt;
            return toObject(s.toString());
        }();
        if (held
            && held->value(QStringLiteral("version")).toInt()
                > t.value(QStringLiteral("version")).toInt())
            return true;
        const qint64 rev
            = scalar(QStringLiteral("SELECT rev FROM tickets WHERE id = ?"), { id }).toLongLong();
        delta->tickets.insert(id);
        return upsertTicket(t, rev, false);
    };

    if (!begin())
        return false;
    bool good = exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), { opId });
    delta->outbox = true;
    if (method == QLatin1String("tickets.create")) {
        const qint64 temp = qint64(params.value(QStringLiteral("tempId")).toDouble());
        // The local stand-ins go; articles the agent added offline stay and follow the ticket.
        good = good && exec(QStringLiteral("DELETE FROM tickets WHERE id = ?"), { temp })
            && exec(QStringLiteral("DELETE FROM articles WHERE id = ?"),
                { qint64(params.value(QStringLiteral("descriptionTempId")).toDouble()) });
        delta->removedTickets.insert(temp);
        if (!ok)
            good = good
                && exec(QStringLiteral("DELETE FROM articles WHERE ticket_id = ?"), { temp });
        if (ok) {
            const QJsonObject t = r.value(QStringLiteral("ticket")).toObject();
            const qint64 real = idOf(t);
            good = good && storeServerTicket(t);
            for (const QJsonValue &a : r.value(QStringLiteral("articles")).toArray())
                good = good && upsertArticle(a.toObject(), 0, false);
            delta->articleTickets.insert(real);
            // Later edits of the ticket made offline now name it by its real id.
            QSqlQuery later(m_db);
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
                        && exec(QStringLiteral(
                                    "UPDATE outbox SET params = ?, ticket_id = ? WHERE op_id = ?"),
                            { toText(p), real, op });
                good = good
                    && exec(QStringLiteral("UPDATE articles SET ticket_id = ? WHERE ticket_id = ?"),
                        { real, temp });
                good = good && m_parts->conflicts.renumber(temp, real);
                good = good && m_parts->drafts.renumber(temp, real);
                good = good && m_parts->marks.renumber(temp, real);
                delta->renumbered.insert(temp, real);
                if (!rewrite.isEmpty())
                    reapplyPending(real);
            }
        } else {
            good = good && addConflict(0, QString(), params, QJsonValue(), errorMessage, errorCode);
            // Edits of the ticket that was never made cannot go anywhere: the agent gets them
            // back as refusals, texts included.
            QSqlQuery dependent(m_db);
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
                    && exec(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"), { orphan })
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
        reapplyPending(id);
        delta->tickets.insert(id);
    } else if (method == QLatin1String("tickets.addArticle")) {
        const qint64 temp = qint64(params.value(QStringLiteral("tempId")).toDouble());
        const qint64 ticketId = idOf(params, QStringLiteral("ticketId"));
        good = good && exec(QStringLiteral("DELETE FROM articles WHERE id = ?"), { temp });
        if (ok) {
            good = good && upsertArticle(r.value(QStringLiteral("article")).toObject(), 0, false)
                && storeServerTicket(r.value(QStringLiteral("ticket")).toObject());
            reapplyPending(ticketId);
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
        reapplyPending(id);
        delta->tickets.insert(id);
    }
    if (!good) {
        rollback();
        return false;
    }
    return commit();
}

QList<Conflict> LocalCache::conflicts(qint64 ticketId)
{
    return m_parts->conflicts.list(ticketId);
}

bool LocalCache::resolveConflict(qint64 conflictId)
{
    return m_parts->conflicts.resolve(conflictId);
}

// ---------------------------------------------------------------------------------------------
// Reads.

std::optional<QJsonObject> LocalCache::ticket(qint64 id)
{
    const QVariant v = scalar(QStringLiteral("SELECT json FROM tickets WHERE id = ?"), { id });
    if (!v.isValid())
        return std::nullopt;
    return toObject(v.toString());
}

QJsonArray LocalCache::articles(qint64 ticketId)
{
    QJsonArray out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json, pending FROM articles WHERE ticket_id = ? ORDER BY "
                             "created_at, (id < 0), abs(id)"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject a = toObject(q.value(0).toString());
        if (q.value(1).toInt())
            a.insert(QStringLiteral("pending"), true);
        out.append(a);
    }
    return out;
}

QJsonArray LocalCache::tickets(const Query &f, int *total)
{
    QStringList where;
    QVariantList values;
    auto inList = [&](const QString &column, const QVariantList &items) {
        QStringList marks;
        for (const QVariant &v : items) {
            marks << QStringLiteral("?");
            values << v;
        }
        where << QStringLiteral("%1 IN (%2)").arg(column, marks.join(QLatin1Char(',')));
    };
    if (!f.statuses.isEmpty()) {
        QVariantList items;
        for (const QString &s : f.statuses)
            items << s;
        inList(QStringLiteral("status"), items);
    } else if (f.openOnly) {
        where << QStringLiteral("status NOT IN ('resolved', 'closed')");
    }
    if (!f.groupIds.isEmpty()) {
        QVariantList items;
        for (qint64 g : f.groupIds)
            items << g;
        inList(QStringLiteral("group_id"), items);
    }
    if (f.assigneeId) {
        if (*f.assigneeId == 0)
            where << QStringLiteral("assignee_id IS NULL");
        else {
            where << QStringLiteral("assignee_id = ?");
            values << *f.assigneeId;
        }
    }
    if (f.customerId) {
        where << QStringLiteral("customer_id = ?");
        values << f.customerId;
    }
    if (f.organisationId) {
        where << QStringLiteral("organisation_id = ?");
        values << f.organisationId;
    }
    if (!f.text.trimmed().isEmpty()) {
        where << QStringLiteral("search LIKE ? ESCAPE '\\'");
        values << likePattern(f.text);
    }
    static const QHash<QString, QString> kSort { { QStringLiteral("updatedAt"),
                                                     QStringLiteral("updated_at") },
        { QStringLiteral("createdAt"), QStringLiteral("created_at") },
        { QStringLiteral("priority"), QStringLiteral("priority") },
        { QStringLiteral("number"), QStringLiteral("number") },
        { QStringLiteral("status"), QStringLiteral("status") } };
    const QString whereSql = where.isEmpty()
        ? QString()
        : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    const QString order = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    if (total)
        *total = scalar(QStringLiteral("SELECT COUNT(*) FROM tickets") + whereSql, values).toInt();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT json, pending FROM tickets") + whereSql
        + QStringLiteral(" ORDER BY %1 %2, id %2 LIMIT ? OFFSET ?")
              .arg(kSort.value(f.sort, QStringLiteral("updated_at")), order));
    int i = 0;
    for (; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    q.bindValue(i++, f.limit);
    q.bindValue(i, f.offset);
    QJsonArray out;
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject t = toObject(q.value(0).toString());
        if (q.value(1).toInt())
            t.insert(QStringLiteral("pending"), true);
        out.append(t);
    }
    return out;
}

QJsonArray LocalCache::ticketsOfCustomer(qint64 customerId, qint64 organisationId, int limit)
{
    QJsonArray out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT json FROM tickets WHERE customer_id = ? OR (? <> 0 AND "
                             "organisation_id = ?) ORDER BY created_at DESC LIMIT ?"));
    q.addBindValue(customerId);
    q.addBindValue(organisationId);
    q.addBindValue(organisationId);
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next())
            out.append(toObject(q.value(0).toString()));
    }
    return out;
}

std::optional<QJsonObject> LocalCache::entity(const QString &kind, qint64 id)
{
    return m_parts->directory.entity(kind, id);
}

QJsonArray LocalCache::entities(const QString &kind)
{
    return m_parts->directory.entities(kind);
}

QJsonArray LocalCache::kbSearch(const QString &text, int limit)
{
    return m_parts->kb.search(text, limit);
}

QJsonArray LocalCache::kbRelated(const QString &text, int limit)
{
    return m_parts->kb.related(text, limit);
}

std::optional<QJsonObject> LocalCache::kbArticle(qint64 id)
{
    return m_parts->kb.article(id);
}

int LocalCache::count(const QString &what)
{
    return m_parts->db.count(what);
}

QList<QueueRow> LocalCache::queueRows(const QList<qint64> &ids)
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
    auto pick = [](const QStringList &names, qint64 code) {
        return code < names.size() ? names.at(int(code)) : QString();
    };
    while (q.next()) {
        QueueRow r;
        r.id = q.value(0).toLongLong();
        r.number = q.value(1).toString();
        r.subject = q.value(2).toString();
        const qint64 flags = q.value(3).toLongLong();
        const QVariant unknown = q.value(4);
        if (unknown.isNull()) {
            r.status = pick(statuses, flags & 15);
            r.priority = pick(priorities, (flags >> 4) & 15);
            r.type = pick(types, (flags >> 8) & 15);
            r.slaState = pick(slaStates, (flags >> 12) & 15);
        } else {
            const QStringList parts = unknown.toString().split(QLatin1Char('|'));
            r.status = parts.value(0);
            r.priority = parts.value(1);
            r.type = parts.value(2);
            r.slaState = parts.value(3);
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

void LocalCache::setOwnAgent(qint64 agentId)
{
    m_parts->marks.setOwnAgent(agentId);
}

bool LocalCache::markSeen(qint64 ticketId, qint64 now)
{
    return m_parts->marks.markSeen(ticketId, now);
}

bool LocalCache::saveDraft(qint64 ticketId, const Draft &draft)
{
    return m_parts->drafts.save(ticketId, draft);
}

std::optional<Draft> LocalCache::draft(qint64 ticketId)
{
    return m_parts->drafts.draft(ticketId);
}

bool LocalCache::clearDraft(qint64 ticketId)
{
    return m_parts->drafts.clear(ticketId);
}

} // namespace Atiende::Client
