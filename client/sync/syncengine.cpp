#include "syncengine.h"

#include "client/logging.h"

#include "core/domain/timestamp.h"
#include "core/protocol/errorcode.h"

#include <limits>

namespace Atiende::Client {

using Core::Protocol::ErrorCode;

SyncEngine::SyncEngine(LocalCache *cache, Connection *connection, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_connection(connection)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::pump);
    connect(connection, &Connection::stateChanged, this, &SyncEngine::onConnectionState);
    connect(connection, &Connection::sessionStarted, this, &SyncEngine::onSessionStarted);
    connect(connection, &Connection::notificationReceived, this, &SyncEngine::onNotification);
    m_outboxSize = m_cache->outboxSize();
}

void SyncEngine::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void SyncEngine::refreshOutboxSize()
{
    const int n = m_cache->outboxSize();
    if (n != m_outboxSize) {
        m_outboxSize = n;
        Q_EMIT outboxSizeChanged(n);
    }
}

void SyncEngine::publish(const CacheDelta &delta)
{
    if (delta.outbox)
        refreshOutboxSize();
    if (!delta.isEmpty())
        Q_EMIT cacheChanged(delta);
}

void SyncEngine::onConnectionState(Connection::State s)
{
    if (s == Connection::State::Online)
        return; // sessionStarted takes it from here
    if (m_bulk) {
        m_bulk = false; // an interrupted snapshot resumes with its indexes in place
        m_cache->endBulkLoad();
    }
    ++m_session;
    m_inFlight.clear(); // unanswered edits stay in the outbox and go again next session
    m_pulling = false;
    m_retry.stop();
    setState(s == Connection::State::Connecting ? State::Connecting : State::Offline);
}

void SyncEngine::onSessionStarted()
{
    ++m_session;
    m_inFlight.clear();
    m_replayed = false;
    m_maxPushed = 0;
    m_pulledPages = 0;
    m_pulledChanges = 0;
    m_applyNs = 0;
    m_sessionClock.start();
    m_progress = 0;
    setState(State::Syncing);
    Q_EMIT progressChanged(0);
    // A server behind the cache was restored from an older backup. Notice it before replaying
    // the outbox, whose edits would move the server's revision forward again.
    const qint64 serverRevision
        = qint64(m_connection->serverInfo().value(QStringLiteral("revision")).toDouble(-1));
    if (serverRevision >= 0 && serverRevision < m_cache->revision())
        resync(tr("The server was restored from an older backup (revision %1, this console had "
                  "%2); reloading everything.")
                   .arg(serverRevision)
                   .arg(m_cache->revision()));
    pump(); // replay first; the catch-up starts when the outbox is drained
}

QString SyncEngine::createTicket(const QJsonObject &params, qint64 *tempId)
{
    CacheDelta delta;
    qint64 id = 0;
    const QString op = m_cache->createTicket(params, Core::Timestamp::now(), &id, &delta);
    if (tempId)
        *tempId = id;
    publish(delta);
    pump();
    return op;
}

QString SyncEngine::updateTicket(qint64 ticketId, const QJsonObject &fields)
{
    CacheDelta delta;
    const QString op = m_cache->updateTicket(ticketId, fields, Core::Timestamp::now(), &delta);
    publish(delta);
    pump();
    return op;
}

QString SyncEngine::addArticle(
    qint64 ticketId, const QString &kind, const QString &body, qint64 *tempId)
{
    CacheDelta delta;
    qint64 id = 0;
    const QString op = m_cache->addArticle(
        ticketId, kind, body, m_connection->agentId(), Core::Timestamp::now(), &id, &delta);
    if (tempId)
        *tempId = id;
    publish(delta);
    pump();
    return op;
}

QString SyncEngine::addArticle(qint64 ticketId, const QString &kind, const QString &body,
    const QList<OutgoingFile> &files, qint64 *tempId)
{
    CacheDelta delta;
    qint64 id = 0;
    const QString op = m_cache->addArticle(
        ticketId, kind, body, m_connection->agentId(), Core::Timestamp::now(), &id, &delta, files);
    if (tempId)
        *tempId = id;
    publish(delta);
    pump();
    return op;
}

void SyncEngine::setUploads(Uploads *uploads)
{
    if (m_uploads)
        m_uploads->disconnect(this);
    m_uploads = uploads;
    if (!uploads)
        return;
    // A reply waiting for its files goes when the last one is done (or refused: then the
    // server refuses the reply too, and the agent gets its text back as a conflict).
    connect(uploads, &Uploads::completed, this, &SyncEngine::pump);
    connect(uploads, &Uploads::failed, this, &SyncEngine::pump);
}

QString SyncEngine::escalate(qint64 ticketId, const QJsonObject &params)
{
    CacheDelta delta;
    const QString op = m_cache->escalate(ticketId, params, Core::Timestamp::now(), &delta);
    publish(delta);
    pump();
    return op;
}

void SyncEngine::pump()
{
    if (m_state != State::Syncing && m_state != State::Online)
        return;
    // The head of the outbox is enough: what is in flight plus a window's worth more.
    const QList<OutboxOp> ops = m_cache->outbox(int(m_inFlight.size()) + m_window);
    QSet<qint64> unsentTemps; // temporary ids whose create has not been answered yet
    for (const OutboxOp &op : ops) {
        if (int(m_inFlight.size()) >= m_window)
            return;
        bool blocked = false;
        for (qint64 id : op.dependsOn()) {
            if (unsentTemps.contains(id) || id < 0)
                blocked = true; // wait for the create to be answered and the id mapped
        }
        // A reply or note goes once the server has every file it names.
        if (!blocked && op.method == QLatin1String("tickets.addArticle")
            && !m_cache->files().noneSending(op.uploadIds()))
            blocked = true;
        if (op.method == QLatin1String("tickets.create"))
            unsentTemps.insert(qint64(op.params.value(QStringLiteral("tempId")).toDouble()));
        if (blocked)
            break; // keep the order: later edits wait behind this one
        if (!m_inFlight.contains(op.opId))
            send(op);
    }
    if (m_inFlight.isEmpty() && !m_replayed && m_state == State::Syncing) {
        m_replayed = true;
        if (m_cache->revision() == 0 && m_cache->count(QStringLiteral("tickets")) == 0)
            m_bulk = m_cache->beginBulkLoad();
        pullFrom(m_cache->revision(), m_cache->revision());
    }
}

void SyncEngine::send(const OutboxOp &op)
{
    m_inFlight.insert(op.opId);
    m_cache->markAttempt(op.opId);
    const quint64 session = m_session;
    m_connection->rpc().call(
        op.method, op.params, [this, session, opId = op.opId](const RpcReply &r) {
            if (session != m_session)
                return; // an answer from a dead session; the op goes again
            onAnswer(opId, r);
        });
}

void SyncEngine::onAnswer(const QString &opId, const RpcReply &r)
{
    m_inFlight.remove(opId);
    if (!r.ok
        && (r.error.code == ErrorCode::InternalError || r.error.code == ErrorCode::Busy
            || r.error.code == ErrorCode::Unauthenticated
            || r.error.code == ErrorCode::HelloRequired)) {
        // Nothing was applied: keep the edit and try again shortly (or next session).
        qCInfo(lcSync) << "edit" << opId << "not applied yet:" << r.error.message;
        m_retry.start(r.error.code == ErrorCode::Busy
                ? r.error.data.value(QStringLiteral("retryAfterMs")).toInt(500)
                : 2000);
        return;
    }
    if (uploadAgain(opId, r))
        return;
    CacheDelta delta;
    if (!m_cache->acknowledge(
            opId, r.ok, r.result, int(r.error.code), r.error.message, r.error.data, &delta))
        qCWarning(lcSync) << "could not record the answer to" << opId << "; it will be replayed";
    publish(delta);
    pump();
}

bool SyncEngine::uploadAgain(const QString &opId, const RpcReply &r)
{
    // The server names the upload it lacks: one of this reply's that it forgot (it keeps a
    // finished upload no reply names for a day) or never completed. Nothing of the reply was
    // applied, so making the uploads again and sending it as a new operation still adds it
    // once. A few times at most: then the refusal stands, like any other.
    constexpr int kMaxReuploads = 3;
    if (r.ok || r.error.code != ErrorCode::ValidationFailed || !m_uploads
        || r.error.data.value(QStringLiteral("field")).toString() != QLatin1String("attachments"))
        return false;
    const QString uploadId = r.error.data.value(QStringLiteral("uploadId")).toString();
    const std::optional<OutboxOp> op = m_cache->outboxOp(opId);
    if (uploadId.isEmpty() || !op || !op->uploadIds().contains(uploadId)
        || op->params.value(QStringLiteral("reuploads")).toInt() >= kMaxReuploads
        || !m_uploads->sendAgain(op->uploadIds(), op->files(), opId))
        return false;
    const QString renewed = m_cache->renewOp(opId);
    if (renewed.isEmpty())
        return false;
    qCInfo(lcSync).noquote() << QStringLiteral(
        "the server lacks upload %1 of %2 (%3); sending it again, then the reply as %4")
                                    .arg(uploadId, opId, r.error.message, renewed);
    pump();
    return true;
}

void SyncEngine::pullFrom(qint64 since, qint64 startRevision, const QString &cursor)
{
    m_pulling = true;
    const quint64 session = m_session;
    QJsonObject params { { QStringLiteral("since"), double(since) },
        { QStringLiteral("limit"), m_pageSize } };
    if (!cursor.isEmpty())
        params.insert(QStringLiteral("cursor"), cursor); // the last page ended inside a revision
    m_connection->rpc().call(QStringLiteral("sync.pull"), params,
        [this, session, since, startRevision](const RpcReply &r) {
            if (session != m_session)
                return;
            if (!r.ok) {
                qCWarning(lcSync) << "pull failed:" << r.error.message;
                m_pulling = false;
                if (r.error.code != ErrorCode::InternalError)
                    m_connection->dropLink(); // start over with a fresh session
                return;
            }
            const QJsonObject page = r.object();
            const qint64 revision = qint64(page.value(QStringLiteral("revision")).toDouble());
            const qint64 serverRevision
                = qint64(page.value(QStringLiteral("serverRevision")).toDouble());
            if (revision < since) {
                // The server is behind us: restored from an older backup. Start again from
                // nothing, keeping the agent's unsent edits.
                resync(tr("The server was restored from an older backup (revision %1, this console "
                          "had %2); reloading everything.")
                           .arg(serverRevision)
                           .arg(since));
                return pullFrom(0, 0);
            }
            CacheDelta delta;
            const bool more = page.value(QStringLiteral("more")).toBool();
            // Ask for the next page before storing this one: the server reads it while we write.
            if (more)
                pullFrom(revision, startRevision, page.value(QStringLiteral("cursor")).toString());
            // The cache's revision moves with each page, so an interrupted snapshot resumes (from
            // the last revision a page completed: a revision cut by a page comes again whole).
            const QJsonArray changes = page.value(QStringLiteral("changes")).toArray();
            QElapsedTimer applying;
            applying.start();
            const bool stored = m_cache->applyChanges(changes, revision, &delta);
            m_applyNs += applying.nsecsElapsed();
            ++m_pulledPages;
            m_pulledChanges += changes.size();
            if (!stored) {
                qCWarning(lcSync) << "could not store a pulled page; reconnecting";
                ++m_session; // the page already asked for must not be stored after this one
                m_connection->dropLink();
                return;
            }
            publish(delta);
            const qint64 span = qMax<qint64>(1, serverRevision - startRevision);
            m_progress
                = more ? qBound(0.0, double(revision - startRevision) / double(span), 1.0) : 1.0;
            Q_EMIT progressChanged(m_progress);
            if (!more)
                finishCatchUp(revision);
        });
}

void SyncEngine::resync(const QString &why)
{
    qCWarning(lcSync).noquote() << why;
    CacheDelta all;
    LocalCache::Query everything;
    everything.limit = std::numeric_limits<int>::max();
    for (const QJsonValue &t : m_cache->tickets(everything)) {
        const qint64 id = qint64(t.toObject().value(QStringLiteral("id")).toDouble());
        if (id > 0)
            all.removedTickets.insert(id);
    }
    m_cache->clearServerData();
    all.kb = true;
    all.directory = { QStringLiteral("customer"), QStringLiteral("organisation"),
        QStringLiteral("agent"), QStringLiteral("group"), QStringLiteral("category") };
    Q_EMIT resynced(why);
    publish(all);
}

void SyncEngine::finishCatchUp(qint64 revision)
{
    m_pulling = false;
    if (m_bulk) {
        m_bulk = false;
        if (!m_cache->endBulkLoad())
            qCWarning(lcSync) << "could not index the cache; it will try again when it next opens";
    }
    // Everything committed after the pull's snapshot was pushed to this session, in order.
    const qint64 caughtUpTo = qMax(revision, m_maxPushed);
    if (caughtUpTo > revision)
        m_cache->setRevision(caughtUpTo);
    qCInfo(lcSync).nospace() << "caught up to revision " << caughtUpTo << ": " << m_pulledChanges
                             << " changes in " << m_pulledPages << " pages, "
                             << m_sessionClock.elapsed() << " ms since the session began, "
                             << m_applyNs / 1000000 << " ms of it storing them";
    setState(State::Online);
    Q_EMIT caughtUp(caughtUpTo);
    pump();
}

void SyncEngine::onNotification(const QString &method, const QJsonObject &params)
{
    if (method != QLatin1String("sync.changed"))
        return;
    const qint64 revision = qint64(params.value(QStringLiteral("revision")).toDouble());
    m_maxPushed = qMax(m_maxPushed, revision);
    CacheDelta delta;
    // Only a caught-up cache may move its revision with a push: before that, earlier changes
    // may still be on their way in the pull.
    if (!m_cache->applyChanges(params.value(QStringLiteral("changes")).toArray(),
            m_state == State::Online ? revision : 0, &delta))
        qCWarning(lcSync) << "could not store pushed changes; the next catch-up brings them again";
    publish(delta);
}

} // namespace Atiende::Client
