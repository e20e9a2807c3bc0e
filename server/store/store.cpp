#include "store.h"

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
    s->m_connection = QStringLiteral("atiende-store-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1));
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
        *error = QStringLiteral("%1 has schema version %2, expected %3").arg(path).arg(v).arg(migrator.latestVersion());
        return nullptr;
    }
    s->m_sync = std::make_unique<SyncStore>(*s->m_ctx);
    s->m_tickets = std::make_unique<TicketStore>(*s->m_ctx, *s->m_sync);
    s->m_directory = std::make_unique<DirectoryStore>(*s->m_ctx, *s->m_sync);
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
    s->m_surveys = std::make_unique<SurveyStore>(*s->m_ctx, *s->m_sync, *s->m_directory, *s->m_tickets);
    s->m_tickets->setResolvedHook([surveys = s->m_surveys.get()](const Core::Ticket &t, qint64 now) { return surveys->onResolved(t, now).ok; });
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
    m_surveys.reset();
    m_canned.reset();
    m_escalation.reset();
    m_routing.reset();
    m_slaConfig.reset();
    m_kb.reset();
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
    if (!m_sync->loadRevision() || !begin())
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, m_ctx->lastError());
    OpResult r = fn();
    if (!r.ok) {
        rollback();
        return r;
    }
    if (!m_sync->saveRevision() || !commit()) {
        rollback();
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, m_ctx->lastError());
    }
    return r;
}

bool Store::begin() { return m_ctx->exec(QStringLiteral("BEGIN")); }
bool Store::commit() { return m_ctx->exec(QStringLiteral("COMMIT")); }
void Store::rollback() { m_ctx->exec(QStringLiteral("ROLLBACK")); }
bool Store::savepoint() { return m_ctx->exec(QStringLiteral("SAVEPOINT op")); }
bool Store::releaseSavepoint() { return m_ctx->exec(QStringLiteral("RELEASE SAVEPOINT op")); }
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

OpResult Store::pull(const Caller &caller, qint64 since, int limit)
{
    // One read transaction: the page and the revision it reports come from one snapshot.
    if (!begin())
        return OpResult::failure(Core::Protocol::ErrorCode::InternalError, m_ctx->lastError());
    const qint64 committed = m_sync->committedRevision();
    QJsonArray changes;
    qint64 reached = committed;
    bool more = false;
    if (since < committed) {
        const QList<SyncStore::Row> rows = m_sync->pull(caller, since, committed, limit, &reached, &more);
        // Tickets and articles are most of any page: load them in a few statements, not one each.
        QList<qint64> ticketIds, articleIds;
        for (const SyncStore::Row &r : rows) {
            if (r.hide)
                continue;
            if (r.entity == QLatin1String("ticket"))
                ticketIds << r.id;
            else if (r.entity == QLatin1String("article"))
                articleIds << r.id;
        }
        const QHash<qint64, QJsonObject> tickets = m_tickets->ticketsJson(ticketIds);
        const QHash<qint64, QJsonObject> articles = m_tickets->articlesJson(articleIds);
        for (const SyncStore::Row &r : rows) {
            QJsonObject c{{QStringLiteral("rev"), double(r.rev)},
                          {QStringLiteral("entity"), r.entity},
                          {QStringLiteral("id"), double(r.id)}};
            if (r.hide) {
                c.insert(QStringLiteral("op"), QStringLiteral("hide"));
            } else {
                const QJsonObject data = r.entity == QLatin1String("ticket")    ? tickets.value(r.id)
                                       : r.entity == QLatin1String("article") ? articles.value(r.id)
                                                                              : entityData(r.entity, r.id);
                if (data.isEmpty()) {
                    c.insert(QStringLiteral("op"), QStringLiteral("delete"));
                } else {
                    c.insert(QStringLiteral("op"), QStringLiteral("upsert"));
                    c.insert(QStringLiteral("data"), data);
                }
            }
            changes.append(c);
        }
    } else {
        reached = committed; // below since: the server was restored from an older backup
    }
    rollback(); // read-only
    return OpResult::success(QJsonObject{{QStringLiteral("changes"), changes},
                                         {QStringLiteral("revision"), double(reached)},
                                         {QStringLiteral("serverRevision"), double(committed)},
                                         {QStringLiteral("more"), more}});
}

} // namespace Atiende::Server
