#include "store.h"

#include "server/mail/mailoutbox.h"

#include "migrator.h"

#include "core/domain/prioritymatrix.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Atiende::Server {

namespace {
QAtomicInteger<quint64> s_connectionCounter;
}

std::unique_ptr<Store> Store::open(const QString &path, bool migrate, QString *error)
{
    std::unique_ptr<Store> s(new Store);
    s->m_dialect = Dialect::sqlite();
    s->m_connection
        = QStringLiteral("atiende-store-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(s->m_dialect->driver(), s->m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        return nullptr;
    }
    if (!s->m_dialect->configure(db, error)) {
        *error = QStringLiteral("cannot use %1 (%2)").arg(path, *error);
        return nullptr;
    }
    s->m_ctx = std::make_unique<SqlContext>(db, s->m_dialect.get());
    Migrator migrator(*s->m_ctx, Migrator::builtIn(s->m_dialect->engine()));
    if (migrate) {
        if (!migrator.migrate(error))
            return nullptr;
    } else if (const int v = migrator.currentVersion(); v != migrator.latestVersion()) {
        *error = QStringLiteral("%1 has schema version %2, expected %3")
                     .arg(path)
                     .arg(v)
                     .arg(migrator.latestVersion());
        return nullptr;
    }
    s->m_sync = std::make_unique<SyncStore>(*s->m_ctx);
    s->m_tickets = std::make_unique<TicketStore>(*s->m_ctx, *s->m_sync);
    s->m_directory = std::make_unique<DirectoryStore>(*s->m_ctx, *s->m_sync);
    s->m_sessions = std::make_unique<SessionStore>(*s->m_ctx);
    s->m_kb = std::make_unique<KbStore>(*s->m_ctx, *s->m_sync);
    s->m_slaConfig = std::make_unique<SlaConfigStore>(*s->m_ctx, *s->m_sync, *s->m_tickets);
    s->m_routing = std::make_unique<RoutingStore>(*s->m_ctx, *s->m_sync);
    if (!s->m_routing->load())
        qWarning("atiende.store: some routing rules could not be read and are ignored");
    s->m_tickets->setRouting(s->m_routing.get());
    s->m_escalation = std::make_unique<EscalationStore>(*s->m_ctx, *s->m_sync, *s->m_tickets);
    if (!s->m_escalation->load())
        qWarning("atiende.store: some escalation rules could not be read and are ignored");
    s->m_canned = std::make_unique<CannedStore>(*s->m_ctx, *s->m_directory, *s->m_tickets);
    s->m_surveys
        = std::make_unique<SurveyStore>(*s->m_ctx, *s->m_sync, *s->m_directory, *s->m_tickets);
    s->m_attachments = std::make_unique<AttachmentStore>(*s->m_ctx);
    s->m_mail = std::make_unique<MailStore>(*s->m_ctx);
    s->m_tickets->setResolvedHook([surveys = s->m_surveys.get()](const Core::Ticket &t,
                                      qint64 now) { return surveys->onResolved(t, now).ok; });
    s->m_tickets->setPublicReplyHook(
        [store = s.get()](const Core::Ticket &t, Core::Article &a, qint64 now) {
            return Mail::MailOutbox::queueReply(*store, t, a, now);
        });
    if (!s->m_tickets->loadSlaConfig())
        qWarning("atiende.store: some SLA policies or calendars could not be read and are ignored");
    const QString matrix = s->m_directory->setting(QStringLiteral("priority_matrix"));
    if (!matrix.isEmpty()) {
        Core::PriorityMatrix m;
        if (m.fromJson(QJsonDocument::fromJson(matrix.toUtf8()).object()))
            s->m_tickets->setPriorityMatrix(m);
    }
    return s;
}

Store::~Store()
{
    if (m_tickets)
        m_tickets->setResolvedHook({});
    if (m_tickets)
        m_tickets->setPublicReplyHook({});
    m_attachments.reset();
    m_mail.reset();
    m_surveys.reset();
    m_canned.reset();
    m_escalation.reset();
    m_routing.reset();
    m_slaConfig.reset();
    m_kb.reset();
    m_sessions.reset();
    m_directory.reset();
    m_tickets.reset();
    m_sync.reset();
    if (m_ctx) {
        m_ctx->db().close();
        m_ctx.reset();
    }
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

OpResult Store::transact(const std::function<OpResult()> &fn)
{
    // The counter is read inside the transaction, so it is the one this transaction sees.
    if (!begin())
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, m_ctx->lastError());
    if (!m_sync->loadRevision()) {
        rollback();
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, m_ctx->lastError());
    }
    OpResult r = fn();
    if (!r.ok) {
        rollback();
        m_sync->loadRevision();
        return r;
    }
    if (!m_sync->saveRevision() || !commit()) {
        const QString why = m_ctx->lastError();
        rollback();
        m_sync->loadRevision();
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, why);
    }
    return r;
}

bool Store::begin()
{
    return m_ctx->exec(QStringLiteral("BEGIN"));
}
bool Store::commit()
{
    return m_ctx->exec(QStringLiteral("COMMIT"));
}
void Store::rollback()
{
    m_ctx->exec(QStringLiteral("ROLLBACK"));
}
bool Store::savepoint()
{
    return m_ctx->exec(QStringLiteral("SAVEPOINT op"));
}
bool Store::releaseSavepoint()
{
    return m_ctx->exec(QStringLiteral("RELEASE SAVEPOINT op"));
}
bool Store::rollbackToSavepoint()
{
    return m_ctx->exec(QStringLiteral("ROLLBACK TO SAVEPOINT op")) && releaseSavepoint();
}

QJsonObject Store::entityData(const QString &entity, qint64 id)
{
    if (entity == QLatin1String("ticket")) {
        if (auto t = m_tickets->ticket(id))
            return t->toJson();
    } else if (entity == QLatin1String("article")) {
        QSqlQuery &q = m_ctx->prepared(QStringLiteral("SELECT data FROM articles WHERE id = ?"));
        q.bindValue(0, id);
        QJsonObject extra;
        if (q.exec() && q.next() && !q.value(0).toString().isEmpty())
            extra = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        q.finish();
        if (auto a = m_tickets->article(id)) {
            QJsonObject o = a->toJson();
            if (!extra.isEmpty())
                o.insert(QStringLiteral("data"), extra);
            return o;
        }
    } else if (entity == QLatin1String("customer")) {
        if (auto c = m_directory->customer(id))
            return c->toJson();
    } else if (entity == QLatin1String("organisation")) {
        if (auto o = m_directory->organisation(id))
            return o->toJson();
    } else if (entity == QLatin1String("agent")) {
        if (auto a = m_directory->agent(id))
            return a->toJson();
    } else if (entity == QLatin1String("group")) {
        if (auto g = m_directory->group(id))
            return g->toJson();
    } else if (entity == QLatin1String("category")) {
        if (auto c = m_directory->category(id))
            return c->toJson();
    } else if (entity == QLatin1String("kb")) {
        if (auto k = m_kb->article(id))
            return k->toJson();
    }
    return {};
}

namespace {
qint64 utf8Bytes(const QString &s)
{
    qint64 n = 0;
    for (const QChar c : s) {
        const ushort u = c.unicode();
        n += u < 0x80 ? 1 : u < 0x800 ? 2 : c.isSurrogate() ? 2 : 3;
    }
    return n;
}

// About what a change takes once written: its long texts in UTF-8, and a fixed allowance for
// the rest of the entity (ids, states, instants, the SLA object), which is a few hundred bytes
// whatever the entity holds. Close enough to keep a page near its byte budget, and cheap: no
// walk over every field of 200,000 changes of a snapshot.
qint64 approxChangeBytes(const QString &entity, const QJsonObject &data)
{
    static const QString kBody = QStringLiteral("body");
    static const QString kDescription = QStringLiteral("description");
    static const QString kSubject = QStringLiteral("subject");
    static const QString kTitle = QStringLiteral("title");
    // The allowances are what the rest of each entity weighs on the wire, measured on the demo
    // desk (a ticket's SLA object and instants are most of its 960 bytes).
    if (entity == QLatin1String("article"))
        return 250 + utf8Bytes(data.value(kBody).toString());
    if (entity == QLatin1String("ticket"))
        return 1000 + utf8Bytes(data.value(kSubject).toString())
            + utf8Bytes(data.value(kDescription).toString());
    if (entity == QLatin1String("kb"))
        return 320 + utf8Bytes(data.value(kTitle).toString())
            + utf8Bytes(data.value(kBody).toString());
    return 220;
}
} // namespace

OpResult Store::pull(const Caller &caller, qint64 since, const std::optional<PullCursor> &cursor,
    int limit, qint64 maxBytes)
{
    // One read transaction: the page and the revision it reports come from one snapshot.
    if (!begin())
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, m_ctx->lastError());
    const qint64 committed = m_sync->committedRevision();
    // Where this page starts, and the last revision the client holds whole.
    SyncStore::Position after { since, QString(), 0 };
    qint64 completeBefore = since;
    if (cursor && cursor->rev > since) {
        after = SyncStore::Position { cursor->rev, cursor->entity, cursor->id };
        completeBefore = cursor->rev - 1;
    }
    QJsonArray changes;
    qint64 reached = committed;
    bool more = false;
    std::optional<PullCursor> next;
    if (completeBefore < committed) {
        QList<SyncStore::Row> rows = m_sync->rows(caller, after, committed, limit + 1);
        const bool moreRows = rows.size() > limit;
        // Load the page in chunks, in feed order, until the byte budget is spent (one row at
        // least): a ticket with eighty long articles comes over several pages, not in one. The
        // first chunk is small; later ones are sized from what the rows so far weighed, so a
        // page of small rows takes a few statements and one of big rows never loads far more
        // than its budget.
        qint64 bytes = 0;
        int taken = 0;
        int chunk = 64;
        const int available = int(qMin<qsizetype>(rows.size(), limit));
        while (taken < available && (taken == 0 || bytes < maxBytes)) {
            const int end = qMin(available, taken + chunk);
            QList<qint64> ticketIds, articleIds;
            for (int i = taken; i < end; ++i) {
                if (rows.at(i).entity == QLatin1String("ticket"))
                    ticketIds << rows.at(i).id;
                else if (rows.at(i).entity == QLatin1String("article"))
                    articleIds << rows.at(i).id;
            }
            const QHash<qint64, QJsonObject> tickets = m_tickets->ticketsJson(ticketIds);
            const QHash<qint64, QJsonObject> articles = m_tickets->articlesJson(articleIds);
            for (int i = taken; i < end && (i == 0 || bytes < maxBytes); ++i, ++taken) {
                const SyncStore::Row &r = rows.at(i);
                QJsonObject c { { QStringLiteral("rev"), double(r.rev) },
                    { QStringLiteral("entity"), r.entity },
                    { QStringLiteral("id"), double(r.id) } };
                const QJsonObject data = r.entity == QLatin1String("ticket") ? tickets.value(r.id)
                    : r.entity == QLatin1String("article")                   ? articles.value(r.id)
                                                           : entityData(r.entity, r.id);
                if (data.isEmpty()) {
                    c.insert(QStringLiteral("op"), QStringLiteral("delete"));
                    bytes += 100;
                } else {
                    c.insert(QStringLiteral("op"), QStringLiteral("upsert"));
                    c.insert(QStringLiteral("data"), data);
                    bytes += approxChangeBytes(r.entity, data);
                }
                changes.append(c);
            }
            const qint64 perRow = qMax<qint64>(1, bytes / qMax(1, taken));
            chunk = int(qBound(qint64(16), (maxBytes - bytes) / perRow + 1, qint64(1000)));
        }
        if (taken < rows.size()) {
            // Rows remain: the page ends after the last one taken, inside its revision or at
            // its end.
            const SyncStore::Row &last = rows.at(taken - 1);
            const SyncStore::Row &following = rows.at(taken);
            more = true;
            if (following.rev == last.rev) {
                reached = last.rev - 1;
                next = PullCursor { last.rev, last.entity, last.id };
            } else {
                reached = last.rev;
            }
        }
        Q_UNUSED(moreRows)
        // Tickets that left the caller's sight in the revisions this page completes.
        const QList<SyncStore::Row> hidden = m_sync->hides(caller, completeBefore, reached);
        if (!hidden.isEmpty()) {
            QList<QJsonObject> all;
            for (const QJsonValue &v : std::as_const(changes))
                all << v.toObject();
            for (const SyncStore::Row &h : hidden) {
                all << QJsonObject { { QStringLiteral("rev"), double(h.rev) },
                    { QStringLiteral("entity"), h.entity }, { QStringLiteral("id"), double(h.id) },
                    { QStringLiteral("op"), QStringLiteral("hide") } };
            }
            std::stable_sort(
                all.begin(), all.end(), [](const QJsonObject &a, const QJsonObject &b) {
                    return a.value(QStringLiteral("rev")).toInteger()
                        < b.value(QStringLiteral("rev")).toInteger();
                });
            changes = QJsonArray();
            for (const QJsonObject &o : std::as_const(all))
                changes.append(o);
        }
    } else {
        reached = committed; // at or below since: nothing new, or a server restored from an older
                             // backup
    }
    rollback(); // read-only
    QJsonObject page { { QStringLiteral("changes"), changes },
        { QStringLiteral("revision"), double(reached) },
        { QStringLiteral("serverRevision"), double(committed) }, { QStringLiteral("more"), more } };
    if (next)
        page.insert(QStringLiteral("cursor"), next->toString());
    return OpResult::success(page);
}

} // namespace Atiende::Server
