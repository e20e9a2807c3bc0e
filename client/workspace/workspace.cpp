#include "workspace.h"

#include "client/logging.h"

#include "core/domain/ids.h"
#include "core/domain/ticketnumber.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>

#include "core/domain/timestamp.h"
#include "core/protocol/errorcode.h"
#include "core/text/placeholders.h"

#include <QJsonArray>
#include <QPointer>
#include <QRegularExpression>
#include <QUuid>

namespace Atiende::Client {

Workspace::Workspace(QObject *parent)
    : QObject(parent)
{
}

Workspace::~Workspace()
{
    close();
}

QString Workspace::cachePath(const QString &dataDir, const QUrl &server, const QString &user)
{
    // A readable name with a short hash, so two servers on one host:port-less name differ.
    const QString key
        = user + QLatin1Char('@') + server.toString(QUrl::RemovePath | QUrl::RemoveUserInfo);
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
    QString host = server.host();
    host.replace(QLatin1Char(':'), QLatin1Char('_'));
    return QDir(dataDir).filePath(QStringLiteral("cache/%1-%2-%3.db").arg(user, host, hash));
}

QString Workspace::dataDir(const Options &options)
{
    return options.dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : options.dataDir;
}

static std::unique_ptr<TokenStore> lastingTokenStore(const Workspace::Options &options)
{
    const QString dir = Workspace::dataDir(options);
    return options.useKeychain ? TokenStore::create(dir) : TokenStore::file(dir);
}

bool Workspace::hasRememberedSession(const Options &options)
{
    return !lastingTokenStore(options)
                ->loadBlocking(Connection::tokenAccount(options.server, options.user))
                .isEmpty();
}

void Workspace::forgetSession(const Options &options)
{
    lastingTokenStore(options)->remove(Connection::tokenAccount(options.server, options.user));
}

bool Workspace::trustCertificate(const ConnectionFailure &failure)
{
    if ((failure.kind != ConnectionFailure::Kind::Certificate
            && failure.kind != ConnectionFailure::Kind::CertificateChanged)
        || !failure.trustable || failure.certificate.isNull())
        return false;
    TrustedCertificates().trust(TrustedCertificates::endpoint(failure.host, failure.port),
        failure.certificate, failure.sslErrors);
    return true;
}

bool Workspace::open(const Options &options, QString *error)
{
    close();
    const QString dir = dataDir(options);
    m_cache = LocalCache::open(cachePath(dir, options.server, options.user), &m_report, error);
    if (!m_cache)
        return false;
    if (options.rememberSession) {
        m_tokens = lastingTokenStore(options);
    } else {
        lastingTokenStore(options)->remove(Connection::tokenAccount(options.server, options.user));
        m_tokens = TokenStore::memory();
    }
    m_connection = std::make_unique<Connection>(options.server, options.user, m_tokens.get(),
        options.transport ? options.transport() : nullptr);
    m_connection->setPassword(options.password);
    // The device token is kept even when the session is not: it only spares this console from
    // being locked out by someone else's wrong guesses (docs/admin-guide.md).
    m_deviceTokens = lastingTokenStore(options);
    m_connection->setDeviceTokenStore(m_deviceTokens.get());
    if (options.server.scheme() == QLatin1String("wss"))
        m_connection->setTrustedCertificate(
            TrustedCertificates().find(TrustedCertificates::endpoint(options.server)));
    m_engine = std::make_unique<SyncEngine>(m_cache.get(), m_connection.get());
    // Files on tickets: the store beside the cache, what sends the agent's and what fetches
    // the others'. Uploads no draft or reply names any more (a reply closed unsent, a crash)
    // are forgotten first.
    m_files = std::make_unique<FileStore>(m_cache.get());
    m_cache->files().dropUnnamedUploads();
    m_files->evict();
    m_uploads = std::make_unique<Uploads>(m_cache.get(), m_files.get(), m_connection.get());
    m_engine->setUploads(m_uploads.get());
    connect(m_uploads.get(), &Uploads::progress, this, &Workspace::uploadProgress);
    connect(m_uploads.get(), &Uploads::failed, this, &Workspace::uploadFailed);
    m_fetches = std::make_unique<FileFetches>(m_files.get(), m_connection.get());
    connect(m_fetches.get(), &FileFetches::progress, this, &Workspace::fetchProgress);
    connect(m_fetches.get(), &FileFetches::stored, this,
        [this](const QString &sha256) { m_files->evict(sha256); });
    // What the agent opened offline may go again once the console is online; so may the files
    // of replies confirmed meanwhile.
    connect(m_engine.get(), &SyncEngine::stateChanged, this, [this](SyncEngine::State state) {
        if (state == SyncEngine::State::Online) {
            m_files->unpinAll();
            m_files->evict();
        }
    });
    connect(m_engine.get(), &SyncEngine::outboxSizeChanged, this, [this] { m_files->evict(); });
    connect(m_engine.get(), &SyncEngine::stateChanged, this, &Workspace::stateChanged);
    connect(m_engine.get(), &SyncEngine::progressChanged, this, &Workspace::syncProgressChanged);
    connect(m_engine.get(), &SyncEngine::outboxSizeChanged, this, &Workspace::outboxSizeChanged);
    connect(m_engine.get(), &SyncEngine::cacheChanged, this, &Workspace::onCacheChanged);
    connect(m_engine.get(), &SyncEngine::resynced, this, &Workspace::notice);
    connect(m_connection.get(), &Connection::fatalError, this, &Workspace::signInNeeded);
    connect(m_connection.get(), &Connection::failed, this, &Workspace::connectionFailed);
    connect(m_connection.get(), &Connection::sessionStarted, this, &Workspace::onSessionStarted);
    m_presence = std::make_unique<TicketPresence>(m_connection.get());
    connect(m_presence.get(), &TicketPresence::changed, this, &Workspace::presenceChanged);
    connect(this, &Workspace::ticketRenumbered, m_presence.get(), &TicketPresence::renumber);
    connect(this, &Workspace::ticketsRemoved, m_presence.get(), &TicketPresence::forget);
    m_dashboard = std::make_unique<Dashboard>(m_cache.get(), m_connection.get());
    m_me = QJsonDocument::fromJson(m_cache->meta(QStringLiteral("me")).toUtf8()).object();
    m_cache->setOwnAgent(myId());
    if (m_report.movedAside)
        Q_EMIT notice(tr("The local copy could not be used (%1) and is being rebuilt; %n unsent "
                         "edit(s) were kept.",
            nullptr, m_report.outboxSalvaged)
                          .arg(m_report.reason));
    // Canned responses change on the server without a sync change: ask again at each catch-up.
    connect(m_engine.get(), &SyncEngine::caughtUp, this, &Workspace::refreshCannedResponses);
    connect(
        m_connection.get(), &Connection::notificationReceived, this, [this](const QString &method) {
            if (method != QLatin1String("canned.changed"))
                return;
            refreshCannedResponses();
            Q_EMIT cannedResponsesEdited();
        });
    m_connection->start();
    return true;
}

void Workspace::close()
{
    m_presence.reset(); // before the connection it listens to
    m_dashboard.reset(); // likewise
    m_fetches.reset(); // likewise
    m_uploads.reset(); // likewise
    if (m_connection)
        m_connection->stop();
    m_engine.reset();
    m_connection.reset();
    m_files.reset();
    m_cache.reset();
    m_tokens.reset();
    m_deviceTokens.reset();
}

void Workspace::signOut()
{
    if (!m_connection)
        return;
    // The log-out goes out ahead of the close frame on the same socket: the server reads it first.
    if (m_connection->isOnline())
        m_connection->rpc().call(QStringLiteral("auth.logout"), {});
    if (m_tokens)
        m_tokens->remove(m_connection->tokenAccount());
    close();
}

void Workspace::onSessionStarted(const QJsonObject &agent)
{
    const QJsonObject limits
        = m_connection->serverInfo().value(QStringLiteral("fileLimits")).toObject();
    if (m_cache && !limits.isEmpty())
        m_cache->setMeta(QStringLiteral("fileLimits"),
            QString::fromUtf8(QJsonDocument(limits).toJson(QJsonDocument::Compact)));
    if (agent == m_me)
        return;
    m_me = agent;
    if (m_cache) {
        m_cache->setMeta(QStringLiteral("me"),
            QString::fromUtf8(QJsonDocument(agent).toJson(QJsonDocument::Compact)));
        m_cache->setOwnAgent(myId());
    }
    Q_EMIT meChanged();
}

Core::Agent Workspace::me() const
{
    if (m_connection && !m_connection->agent().isEmpty())
        return Core::Agent::fromJson(m_connection->agent());
    return Core::Agent::fromJson(m_me);
}

void Workspace::onCacheChanged(const CacheDelta &delta)
{
    for (auto it = delta.renumbered.constBegin(); it != delta.renumbered.constEnd(); ++it)
        Q_EMIT ticketRenumbered(it.key(), it.value());
    if (!delta.tickets.isEmpty())
        Q_EMIT ticketsChanged(delta.tickets);
    if (!delta.removedTickets.isEmpty())
        Q_EMIT ticketsRemoved(delta.removedTickets);
    for (qint64 id : delta.articleTickets)
        Q_EMIT conversationChanged(id);
    if (!delta.directory.isEmpty())
        Q_EMIT directoryChanged(delta.directory);
    if (delta.kb)
        Q_EMIT knowledgeBaseChanged();
    if (delta.conflicts)
        Q_EMIT conflictsChanged();
}

namespace {

// Ids as the cache holds them: the server's, or temporary negative ones for what was made here
// and is not confirmed yet (which the protocol's id rule would read as none).
qint64 localId(const QJsonValue &v)
{
    return qint64(v.toDouble());
}

Core::Ticket ticketFromCache(const QJsonObject &o)
{
    Core::Ticket t = Core::Ticket::fromJson(o);
    t.id = localId(o.value(QStringLiteral("id")));
    return t;
}

QList<Core::Ticket> ticketsFromCache(const QJsonArray &list)
{
    QList<Core::Ticket> out;
    out.reserve(list.size());
    for (const QJsonValue &v : list)
        out.append(ticketFromCache(v.toObject()));
    return out;
}

Core::Article articleFromCache(const QJsonObject &o)
{
    Core::Article a = Core::Article::fromJson(o);
    a.id = localId(o.value(QStringLiteral("id")));
    a.ticketId = localId(o.value(QStringLiteral("ticketId")));
    a.pending = o.value(QStringLiteral("pending")).toBool();
    return a;
}

template <typename T> QList<T> entitiesFrom(const QJsonArray &list)
{
    QList<T> out;
    out.reserve(list.size());
    for (const QJsonValue &v : list)
        out.append(T::fromJson(v.toObject()));
    return out;
}

template <typename T> std::optional<T> entityFrom(const std::optional<QJsonObject> &o)
{
    return o ? std::optional<T>(T::fromJson(*o)) : std::nullopt;
}

// What a cached conflict holds, typed (LocalCache keeps the wire values).
EditConflict typedConflict(const Conflict &c)
{
    EditConflict e;
    e.id = c.id;
    e.ticketId = c.ticketId;
    e.message = c.message;
    e.code = c.code;
    e.createdAt = c.createdAt;
    if (!c.field.isEmpty()) {
        e.fieldName = c.field;
        e.field = Core::fromString<Core::TicketField>(c.field);
        e.yours = Core::FieldValue::fromJson(c.yours);
        e.theirs = Core::FieldValue::fromJson(c.theirs);
    } else if (c.yours.isString()) {
        e.refusedText = c.yours.toString();
        if (e.refusedText.isNull())
            e.refusedText = QLatin1String(""); // still a text that was refused
    } else {
        const QJsonObject o = c.yours.toObject();
        if (o.contains(QLatin1String("escalation"))) {
            e.refusedEscalation = Core::EscalationRequest::fromJson(
                o.value(QStringLiteral("escalation")).toObject());
        } else {
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                Core::FieldChange change;
                change.fieldName = it.key();
                change.field = Core::fromString<Core::TicketField>(it.key());
                change.to = Core::FieldValue::fromJson(it.value());
                e.refusedChanges.append(change);
            }
        }
    }
    return e;
}

} // namespace

QList<Core::Ticket> Workspace::tickets(const LocalCache::Query &query, int *total) const
{
    return m_cache ? ticketsFromCache(m_cache->tickets(query, total)) : QList<Core::Ticket>();
}

std::optional<Core::Ticket> Workspace::ticket(qint64 id) const
{
    const std::optional<QJsonObject> o = m_cache ? m_cache->ticket(id) : std::nullopt;
    return o ? std::optional<Core::Ticket>(ticketFromCache(*o)) : std::nullopt;
}

QList<Core::Article> Workspace::conversation(qint64 ticketId) const
{
    QList<Core::Article> out;
    if (!m_cache)
        return out;
    const QJsonArray list = m_cache->articles(ticketId);
    out.reserve(list.size());
    for (const QJsonValue &v : list)
        out.append(articleFromCache(v.toObject()));
    return out;
}

QList<Core::Ticket> Workspace::customerHistory(qint64 customerId, int limit) const
{
    if (!m_cache)
        return {};
    const auto c = customer(customerId);
    return ticketsFromCache(
        m_cache->ticketsOfCustomer(customerId, c ? c->organisationId : 0, limit));
}

std::optional<Core::Customer> Workspace::customer(qint64 id) const
{
    return m_cache ? entityFrom<Core::Customer>(m_cache->entity(QStringLiteral("customer"), id))
                   : std::nullopt;
}

std::optional<Core::Organisation> Workspace::organisation(qint64 id) const
{
    return m_cache
        ? entityFrom<Core::Organisation>(m_cache->entity(QStringLiteral("organisation"), id))
        : std::nullopt;
}

QList<Core::Customer> Workspace::customers() const
{
    return m_cache ? entitiesFrom<Core::Customer>(m_cache->entities(QStringLiteral("customer")))
                   : QList<Core::Customer>();
}

QHash<qint64, QString> Workspace::names(const QString &kind) const
{
    return m_cache ? m_cache->names(kind) : QHash<qint64, QString>();
}

QList<Core::Agent> Workspace::agents() const
{
    return m_cache ? entitiesFrom<Core::Agent>(m_cache->entities(QStringLiteral("agent")))
                   : QList<Core::Agent>();
}

QList<Core::Group> Workspace::groups() const
{
    return m_cache ? entitiesFrom<Core::Group>(m_cache->entities(QStringLiteral("group")))
                   : QList<Core::Group>();
}

QList<Core::Category> Workspace::categories() const
{
    return m_cache ? entitiesFrom<Core::Category>(m_cache->entities(QStringLiteral("category")))
                   : QList<Core::Category>();
}

QList<Core::KbSearchHit> Workspace::kbSearch(const QString &text, int limit) const
{
    return m_cache ? Core::KbSearchHit::listFromJson(m_cache->kbSearch(text, limit))
                   : QList<Core::KbSearchHit>();
}

QList<Core::KbSearchHit> Workspace::kbRelated(const QString &text, int limit) const
{
    return m_cache ? Core::KbSearchHit::listFromJson(m_cache->kbRelated(text, limit))
                   : QList<Core::KbSearchHit>();
}

std::optional<Core::KbArticle> Workspace::kbArticle(qint64 id) const
{
    if (!m_cache)
        return std::nullopt;
    const std::optional<QJsonObject> json = m_cache->kbArticle(id);
    if (!json)
        return std::nullopt;
    return Core::KbArticle::fromJson(*json);
}

QList<EditConflict> Workspace::conflicts(qint64 ticketId) const
{
    QList<EditConflict> out;
    if (!m_cache)
        return out;
    for (const Conflict &c : m_cache->conflicts(ticketId))
        out.append(typedConflict(c));
    return out;
}

QList<QueueRow> Workspace::queueRows(const QList<qint64> &ids) const
{
    return m_cache ? m_cache->queueRows(ids) : QList<QueueRow>();
}

void Workspace::markSeen(qint64 ticketId)
{
    if (m_cache && m_cache->markSeen(ticketId, Core::Timestamp::now()))
        Q_EMIT ticketsChanged({ ticketId });
}

void Workspace::saveDraft(qint64 ticketId, const Draft &draft)
{
    if (m_cache)
        m_cache->saveDraft(ticketId, draft);
}

std::optional<Draft> Workspace::draft(qint64 ticketId) const
{
    return m_cache ? m_cache->draft(ticketId) : std::nullopt;
}

void Workspace::clearDraft(qint64 ticketId)
{
    if (m_cache)
        m_cache->clearDraft(ticketId);
}

QString Workspace::setting(const QString &key) const
{
    return m_cache ? m_cache->meta(QStringLiteral("setting.") + key) : QString();
}

void Workspace::setSetting(const QString &key, const QString &value)
{
    if (m_cache)
        m_cache->setMeta(QStringLiteral("setting.") + key, value);
}

QString Workspace::createTicket(const Core::NewTicket &ticket, qint64 *tempId)
{
    return m_engine ? m_engine->createTicket(ticket.toJson(), tempId) : QString();
}

QString Workspace::updateTicket(qint64 ticketId, const QJsonObject &fields)
{
    return m_engine ? m_engine->updateTicket(ticketId, fields) : QString();
}

namespace {
QJsonObject fieldEdit(Core::TicketField field, const QJsonValue &value)
{
    return { { Core::wireName(field), value } };
}
} // namespace

QString Workspace::setSubject(qint64 ticketId, const QString &subject)
{
    return updateTicket(ticketId, fieldEdit(Core::TicketField::Subject, subject));
}

QString Workspace::setStatus(qint64 ticketId, Core::TicketStatus status)
{
    return updateTicket(ticketId, fieldEdit(Core::TicketField::Status, Core::wireName(status)));
}

QString Workspace::setImpact(qint64 ticketId, Core::Level impact)
{
    return updateTicket(ticketId, fieldEdit(Core::TicketField::Impact, Core::wireName(impact)));
}

QString Workspace::setUrgency(qint64 ticketId, Core::Level urgency)
{
    return updateTicket(ticketId, fieldEdit(Core::TicketField::Urgency, Core::wireName(urgency)));
}

QString Workspace::setImpactUrgency(qint64 ticketId, Core::Level impact, Core::Level urgency)
{
    return updateTicket(ticketId,
        { { Core::wireName(Core::TicketField::Impact), Core::wireName(impact) },
            { Core::wireName(Core::TicketField::Urgency), Core::wireName(urgency) } });
}

QString Workspace::assign(qint64 ticketId, qint64 agentId)
{
    return updateTicket(ticketId, fieldEdit(Core::TicketField::Assignee, Core::idToJson(agentId)));
}

QString Workspace::setGroup(qint64 ticketId, qint64 groupId)
{
    return updateTicket(ticketId, fieldEdit(Core::TicketField::Group, Core::idToJson(groupId)));
}

QString Workspace::setCategory(qint64 ticketId, qint64 categoryId)
{
    return updateTicket(
        ticketId, fieldEdit(Core::TicketField::Category, Core::idToJson(categoryId)));
}

QString Workspace::setCustomer(qint64 ticketId, qint64 customerId)
{
    return updateTicket(
        ticketId, fieldEdit(Core::TicketField::Customer, Core::idToJson(customerId)));
}

QString Workspace::reply(qint64 ticketId, const QString &body, const QList<OutgoingFile> &files)
{
    return addArticle(ticketId, QStringLiteral("reply"), body, files);
}
QString Workspace::addNote(qint64 ticketId, const QString &body, const QList<OutgoingFile> &files)
{
    return addArticle(ticketId, QStringLiteral("note"), body, files);
}

QString Workspace::addArticle(
    qint64 ticketId, const QString &kind, const QString &body, const QList<OutgoingFile> &files)
{
    if (!m_engine)
        return QString();
    if (files.isEmpty())
        return m_engine->addArticle(ticketId, kind, body);
    // Every file needs its upload's record; a draft's files from an earlier start have theirs
    // unless the cache was rebuilt, then they get one again from the store's copy.
    FileRows &rows = m_cache->files();
    for (const OutgoingFile &f : files) {
        if (rows.upload(f.uploadId))
            continue;
        if (m_files->copyOf(f.file.sha256, false).isEmpty()
            || !rows.addUpload(UploadRow { f, 0, UploadRow::State::Sending, QString(), 0 })) {
            qCWarning(lcFiles).noquote()
                << "not sending the" << kind << "with" << f.file.name << "on ticket" << ticketId
                << ": the file is no longer on this computer";
            return QString();
        }
        m_uploads->start(f.uploadId);
    }
    return m_engine->addArticle(ticketId, kind, body, files);
}

void Workspace::keepTheirs(qint64 conflictId)
{
    if (m_cache && m_cache->resolveConflict(conflictId))
        Q_EMIT conflictsChanged();
}

void Workspace::applyMine(const EditConflict &conflict)
{
    if (!m_cache || !m_engine)
        return;
    // Re-applying is a new edit based on what the agent now sees, so it is no conflict.
    if (conflict.isFieldConflict() && conflict.ticketId)
        m_engine->updateTicket(
            conflict.ticketId, { { conflict.fieldName, conflict.yours.toJson() } });
    keepTheirs(conflict.id);
}

QString Workspace::escalate(qint64 ticketId, const Core::EscalationRequest &request)
{
    return m_engine ? m_engine->escalate(ticketId, request.toJson()) : QString();
}

namespace {
const QString kCannedKey = QStringLiteral("canned.responses");

qint64 idOr0(const QJsonValue &v)
{
    qint64 id = 0;
    return Core::idFromJson(v, &id) ? id : 0;
}

// A canned response as canned.list and canned.save answer it (docs/protocol.md).
Core::CannedResponse cannedFromJson(const QJsonObject &o)
{
    Core::CannedResponse r;
    r.id = idOr0(o.value(QStringLiteral("id")));
    r.title = o.value(QStringLiteral("title")).toString();
    r.body = o.value(QStringLiteral("body")).toString();
    r.groupId = idOr0(o.value(QStringLiteral("groupId")));
    r.language = o.value(QStringLiteral("language")).toString();
    r.keywords = o.value(QStringLiteral("keywords")).toString();
    r.active = o.value(QStringLiteral("active")).toBool(true);
    r.version = o.value(QStringLiteral("version")).toInt();
    r.createdAt = Core::Timestamp::fromJson(o.value(QStringLiteral("createdAt")));
    r.updatedAt = Core::Timestamp::fromJson(o.value(QStringLiteral("updatedAt")));
    return r;
}
} // namespace

QList<Core::CannedResponse> Workspace::cannedResponses() const
{
    QList<Core::CannedResponse> out;
    if (!m_cache)
        return out;
    const QJsonArray list = QJsonDocument::fromJson(m_cache->meta(kCannedKey).toUtf8()).array();
    for (const QJsonValue &v : list)
        out << cannedFromJson(v.toObject());
    return out;
}

bool Workspace::cannedResponsesFetched() const
{
    return m_cache && !m_cache->meta(kCannedKey).isEmpty();
}

bool Workspace::mayManageCannedResponses() const
{
    const Core::Role role = me().role;
    return role == Core::Role::Admin || role == Core::Role::Lead;
}

void Workspace::refreshCannedResponses()
{
    if (!m_connection || !m_connection->isOnline())
        return;
    m_connection->rpc().call(QStringLiteral("canned.list"), {}, [this](const RpcReply &r) {
        if (!r.ok || !m_cache)
            return; // offline again, or closing: the cached list stays
        const QJsonArray responses = r.object().value(QStringLiteral("responses")).toArray();
        const QString text
            = QString::fromUtf8(QJsonDocument(responses).toJson(QJsonDocument::Compact));
        if (text == m_cache->meta(kCannedKey))
            return;
        m_cache->setMeta(kCannedKey, text);
        Q_EMIT cannedResponsesChanged();
    });
}

Workspace::CannedText Workspace::previewCanned(const QString &body, qint64 ticketId) const
{
    // The server's values (server/store/cannedstore.cpp), from what the cache holds.
    QHash<QString, QString> values;
    if (const std::optional<Core::Ticket> t = ticketId ? ticket(ticketId) : std::nullopt) {
        values.insert(QStringLiteral("ticket.number"), t->number);
        values.insert(QStringLiteral("ticket.subject"), t->subject);
        qint64 organisationId = t->organisationId;
        if (const auto c = customer(t->customerId)) {
            values.insert(QStringLiteral("customer.name"), c->name);
            values.insert(
                QStringLiteral("customer.firstName"), Core::Placeholders::firstNameOf(c->name));
            if (!organisationId)
                organisationId = c->organisationId;
        }
        if (const auto o = organisation(organisationId))
            values.insert(QStringLiteral("organisation.name"), o->name);
    }
    const QString agent = me().name;
    if (!agent.isEmpty()) {
        values.insert(QStringLiteral("agent.name"), agent);
        values.insert(QStringLiteral("agent.firstName"), Core::Placeholders::firstNameOf(agent));
    }
    const Core::Placeholders::Rendered r = Core::Placeholders::render(body, values);
    CannedText out;
    out.local = true;
    out.body = r.text;
    out.unknown = r.unknown;
    out.missing = r.missing;
    return out;
}

Workspace::CannedText Workspace::renderCannedLocally(qint64 responseId, qint64 ticketId) const
{
    std::optional<Core::CannedResponse> response;
    for (const Core::CannedResponse &r : cannedResponses()) {
        if (r.id == responseId)
            response = r;
    }
    if (!response || !ticket(ticketId)) {
        CannedText out;
        out.local = true;
        out.errorCode = int(Core::Protocol::ErrorCode::NotFound);
        out.error = response
            ? QStringLiteral("There is no ticket with id %1.").arg(ticketId)
            : QStringLiteral("There is no canned response with id %1.").arg(responseId);
        return out;
    }
    return previewCanned(response->body, ticketId);
}

void Workspace::renderCanned(qint64 responseId, qint64 ticketId, QObject *context,
    std::function<void(const CannedText &)> done)
{
    const QPointer<QObject> guard(context);
    auto deliverLocally = [this, guard, responseId, ticketId, done]() {
        if (!guard)
            return;
        const CannedText text = renderCannedLocally(responseId, ticketId);
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, text] {
                if (guard)
                    done(text);
            },
            Qt::QueuedConnection);
    };
    // A ticket made offline is not on the server yet: only the cache can fill it in.
    if (!m_connection || !m_connection->isOnline() || ticketId <= 0)
        return deliverLocally();
    m_connection->rpc().call(QStringLiteral("canned.render"),
        { { QStringLiteral("id"), double(responseId) },
            { QStringLiteral("ticketId"), double(ticketId) } },
        [this, guard, done, deliverLocally](const RpcReply &r) {
            if (!guard || !m_cache)
                return;
            if (!r.ok && r.error.code == Core::Protocol::ErrorCode::InternalError)
                return deliverLocally(); // the link dropped (or the server failed): the cache can
                                         // do it
            CannedText text;
            if (r.ok) {
                const QJsonObject o = r.object();
                text.body = o.value(QStringLiteral("body")).toString();
                for (const QJsonValue &v : o.value(QStringLiteral("unknown")).toArray())
                    text.unknown << v.toString();
                for (const QJsonValue &v : o.value(QStringLiteral("missing")).toArray())
                    text.missing << v.toString();
            } else {
                text.errorCode = int(r.error.code);
                text.error = r.error.message;
            }
            done(text);
        });
}

// ---------------------------------------------------------------------------------------------
// Finding any ticket: by number, or by words, among all the agent may see, open or closed.

QString Workspace::ticketNumber(const QString &typed)
{
    QString t = typed.trimmed();
    // "INC2751" as well as "INC-2751": agents drop the dash. A bare number says no type.
    if (t.size() > 3 && t.at(3).isDigit())
        t.insert(3, QLatin1Char('-'));
    const auto parsed = Core::TicketNumber::parse(t);
    return parsed ? Core::TicketNumber::format(parsed->type, parsed->sequence) : QString();
}

qint64 Workspace::ticketIdByNumber(const QString &number) const
{
    const QString canonical = ticketNumber(number);
    return m_cache && !canonical.isEmpty() ? m_cache->ticketIdByNumber(canonical) : 0;
}

bool Workspace::forgetTicket(qint64 id)
{
    CacheDelta delta;
    if (!m_cache || !m_cache->forgetTicket(id, &delta))
        return false;
    onCacheChanged(delta);
    return true;
}

bool Workspace::isOffline() const
{
    return !m_connection || !m_connection->isOnline() || !m_connection->rpc().isOpen();
}

namespace {
// Runs done(value) from the event loop (never inside the call that asked), and not at all once
// context is gone.
template <typename T>
void deliverLater(QObject *context, std::function<void(const T &)> done, const T &value)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context, [done = std::move(done), value] { done(value); }, Qt::QueuedConnection);
}
} // namespace

void Workspace::findTicket(
    const QString &number, QObject *context, std::function<void(const FoundTicket &)> done)
{
    FoundTicket found;
    const QString canonical = ticketNumber(number);
    if (canonical.isEmpty()) {
        found.errorCode = int(Core::Protocol::ErrorCode::NotFound);
        found.error = QStringLiteral("\"%1\" is not a ticket number.").arg(number.trimmed());
        return deliverLater(context, std::move(done), found);
    }
    found.id = ticketIdByNumber(canonical);
    if (found.id)
        return deliverLater(context, std::move(done), found);
    if (isOffline()) {
        found.errorCode = -1;
        found.error = QStringLiteral("%1 is not on this computer and the server cannot be reached.")
                          .arg(canonical);
        return deliverLater(context, std::move(done), found);
    }
    const QPointer<QObject> guard(context);
    m_connection->rpc().call(QStringLiteral("tickets.get"),
        { { QStringLiteral("number"), canonical } },
        [this, guard, done = std::move(done), canonical](const RpcReply &r) {
            if (!guard)
                return;
            FoundTicket found;
            if (r.ok && m_cache) {
                const QJsonObject o = r.object();
                const QJsonObject t = o.value(QStringLiteral("ticket")).toObject();
                CacheDelta delta;
                if (m_cache->storeFetchedTicket(t, o.value(QStringLiteral("articles")).toArray(),
                        qint64(o.value(QStringLiteral("rev")).toDouble()), &delta)) {
                    found.id = qint64(t.value(QStringLiteral("id")).toDouble());
                    found.fetched = true;
                    onCacheChanged(delta);
                } else {
                    found.errorCode = int(Core::Protocol::ErrorCode::InternalError);
                    found.error
                        = QStringLiteral("%1 could not be stored on this computer.").arg(canonical);
                }
            } else if (!r.ok && r.error.code == Core::Protocol::ErrorCode::InternalError
                && isOffline()) {
                found.errorCode = -1; // the link dropped while asking
                found.error
                    = QStringLiteral("%1 is not on this computer and the server cannot be reached.")
                          .arg(canonical);
            } else {
                found.errorCode = int(r.error.code);
                found.error = r.error.message;
            }
            done(found);
        });
}

Workspace::TicketSearch Workspace::searchLocally(const QString &text, int limit) const
{
    TicketSearch out;
    out.text = text;
    out.local = true;
    if (!m_cache)
        return out;
    LocalCache::Query q;
    q.text = text;
    q.limit = limit;
    const QJsonArray found = m_cache->tickets(q, &out.total);
    for (const QJsonValue &v : found)
        out.ids << qint64(v.toObject().value(QStringLiteral("id")).toDouble());
    return out;
}

void Workspace::searchTickets(const QString &text, int limit, QObject *context,
    std::function<void(const TicketSearch &)> done)
{
    limit = qBound(1, limit, 500); // the protocol's page
    const QString number = ticketNumber(text);
    const QString query = number.isEmpty() ? text.trimmed() : number;
    if (query.isEmpty()) {
        TicketSearch none;
        none.text = text;
        return deliverLater(context, std::move(done), none);
    }
    if (isOffline())
        return deliverLater(context, std::move(done), searchLocally(query, limit));

    // What the answer needs: the server's list, then each ticket not held fetched with its
    // conversation; done runs when the last of those answers.
    struct Pending
    {
        TicketSearch result;
        QList<qint64> order; // the server's, best / newest first
        QSet<qint64> failed; // could not be fetched: left out
        CacheDelta delta;
        int waiting = 0;
        std::function<void(const TicketSearch &)> done;
    };
    auto state = std::make_shared<Pending>();
    state->result.text = text;
    state->done = std::move(done);
    const QPointer<QObject> guard(context);
    auto finish = [this, state, guard] {
        if (!guard)
            return;
        if (!state->delta.isEmpty())
            onCacheChanged(state->delta);
        for (qint64 id : std::as_const(state->order)) {
            if (!state->failed.contains(id))
                state->result.ids << id;
        }
        state->done(state->result);
    };
    m_connection->rpc().call(QStringLiteral("tickets.query"),
        { { QStringLiteral("text"), query }, { QStringLiteral("limit"), limit },
            { QStringLiteral("sort"), QStringLiteral("updatedAt") },
            { QStringLiteral("order"), QStringLiteral("desc") } },
        [this, state, guard, finish, query, limit](const RpcReply &r) {
            if (!guard || !m_cache)
                return;
            if (!r.ok) {
                if (r.error.code == Core::Protocol::ErrorCode::InternalError && isOffline()) {
                    const TicketSearch local
                        = searchLocally(query, limit); // the link dropped: this computer's copy
                    state->result.ids = local.ids;
                    state->result.total = local.total;
                    state->result.local = true;
                } else {
                    state->result.errorCode = int(r.error.code);
                    state->result.error = r.error.message;
                }
                return state->done(state->result);
            }
            const QJsonObject o = r.object();
            state->result.total = int(o.value(QStringLiteral("total")).toDouble());
            QList<qint64> missing;
            for (const QJsonValue &v : o.value(QStringLiteral("tickets")).toArray()) {
                const qint64 id = qint64(v.toObject().value(QStringLiteral("id")).toDouble());
                state->order << id;
                if (!m_cache->holdsTicket(id))
                    missing << id;
            }
            if (missing.isEmpty())
                return finish();
            state->waiting = int(missing.size());
            for (qint64 id : std::as_const(missing)) {
                m_connection->rpc().call(QStringLiteral("tickets.get"),
                    { { QStringLiteral("id"), double(id) } },
                    [this, state, finish, id](const RpcReply &g) {
                        const QJsonObject o = g.object();
                        if (!g.ok || !m_cache
                            || !m_cache->storeFetchedTicket(
                                o.value(QStringLiteral("ticket")).toObject(),
                                o.value(QStringLiteral("articles")).toArray(),
                                qint64(o.value(QStringLiteral("rev")).toDouble()), &state->delta))
                            state->failed.insert(
                                id); // gone from sight meanwhile, or the link dropped
                        if (--state->waiting == 0)
                            finish();
                    });
            }
        });
}

bool Workspace::canCreateCustomer() const
{
    return m_connection && m_connection->isOnline();
}

void Workspace::createCustomer(
    const Core::Customer &customer, QObject *context, std::function<void(const NewCustomer &)> done)
{
    const QPointer<QObject> guard(context);
    auto deliver = [guard, done](const NewCustomer &result) {
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, result] {
                if (guard)
                    done(result);
            },
            Qt::QueuedConnection);
    };
    if (!guard)
        return;
    if (!canCreateCustomer()) {
        NewCustomer offline;
        offline.errorCode = int(Core::Protocol::ErrorCode::InternalError);
        offline.error = QStringLiteral("The console is offline.");
        return deliver(offline);
    }
    QJsonObject params { { QStringLiteral("name"), customer.name },
        { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } };
    if (!customer.email.trimmed().isEmpty())
        params.insert(QStringLiteral("email"), customer.email.trimmed());
    if (!customer.phone.trimmed().isEmpty())
        params.insert(QStringLiteral("phone"), customer.phone.trimmed());
    if (customer.organisationId)
        params.insert(QStringLiteral("organisationId"), double(customer.organisationId));
    if (!customer.language.isEmpty())
        params.insert(QStringLiteral("language"), customer.language);
    m_connection->rpc().call(
        QStringLiteral("customers.create"), params, [deliver](const RpcReply &r) {
            NewCustomer result;
            if (r.ok) {
                result.customer = Core::Customer::fromJson(
                    r.object().value(QStringLiteral("customer")).toObject());
            } else {
                result.errorCode = int(r.error.code);
                result.error = r.error.message;
                result.field = r.error.data.value(QStringLiteral("field")).toString();
                result.existingId = r.error.data.value(QStringLiteral("customerId")).toInteger();
            }
            deliver(result);
        });
}

void Workspace::cannedCall(const QString &method, const QJsonObject &params, QObject *context,
    std::function<void(const CannedOutcome &)> done)
{
    onlineCall(method, params, context, [this, done, method](const CallOutcome &r) {
        CannedOutcome out;
        out.ok = r.ok;
        out.errorCode = r.errorCode;
        out.error = r.error;
        out.field = r.field;
        if (r.ok && method == QLatin1String("canned.list")) {
            for (const QJsonValue &v : r.result.value(QStringLiteral("responses")).toArray())
                out.responses << cannedFromJson(v.toObject());
        } else if (r.ok && method == QLatin1String("canned.save")) {
            out.responses << cannedFromJson(r.result.value(QStringLiteral("response")).toObject());
        }
        if (r.ok && method != QLatin1String("canned.list"))
            refreshCannedResponses(); // this console's own list, before canned.changed comes
        done(out);
    });
}

void Workspace::fetchManageableCanned(
    QObject *context, std::function<void(const CannedOutcome &)> done)
{
    cannedCall(QStringLiteral("canned.list"), { { QStringLiteral("manageable"), true } }, context,
        std::move(done));
}

void Workspace::saveCanned(const Core::CannedResponse &response, QObject *context,
    std::function<void(const CannedOutcome &)> done)
{
    QJsonObject definition { { QStringLiteral("title"), response.title },
        { QStringLiteral("body"), response.body },
        { QStringLiteral("groupId"), Core::idToJson(response.groupId) },
        { QStringLiteral("language"), response.language },
        { QStringLiteral("keywords"), response.keywords },
        { QStringLiteral("active"), response.active } };
    if (response.id > 0)
        definition.insert(QStringLiteral("id"), double(response.id));
    cannedCall(QStringLiteral("canned.save"), { { QStringLiteral("response"), definition } },
        context, std::move(done));
}

void Workspace::deleteCanned(
    qint64 responseId, QObject *context, std::function<void(const CannedOutcome &)> done)
{
    cannedCall(QStringLiteral("canned.delete"), { { QStringLiteral("id"), double(responseId) } },
        context, std::move(done));
}

void Workspace::setViewing(qint64 ticketId)
{
    if (m_presence)
        m_presence->setViewing(ticketId);
}

void Workspace::setTyping(qint64 ticketId, bool typing)
{
    if (m_presence)
        m_presence->setTyping(ticketId, typing);
}

QList<Viewer> Workspace::viewers(qint64 ticketId) const
{
    return m_presence ? m_presence->viewers(ticketId) : QList<Viewer>();
}

// ---------------------------------------------------------------------------------------------
// Files on tickets.

FileLimits Workspace::fileLimits() const
{
    QJsonObject o;
    if (m_connection)
        o = m_connection->serverInfo().value(QStringLiteral("fileLimits")).toObject();
    if (o.isEmpty() && m_cache)
        o = QJsonDocument::fromJson(m_cache->meta(QStringLiteral("fileLimits")).toUtf8()).object();
    FileLimits limits;
    limits.fileBytes = o.value(QStringLiteral("fileBytes")).toInteger(limits.fileBytes);
    limits.filesPerMessage
        = o.value(QStringLiteral("filesPerMessage")).toInt(limits.filesPerMessage);
    limits.messageBytes = o.value(QStringLiteral("messageBytes")).toInteger(limits.messageBytes);
    return limits;
}

std::optional<OutgoingFile> Workspace::attach(const std::optional<Core::Attachment> &file)
{
    if (!file)
        return std::nullopt;
    const OutgoingFile out { QUuid::createUuid().toString(QUuid::WithoutBraces), *file };
    if (!m_cache->files().addUpload(UploadRow { out, 0, UploadRow::State::Sending, QString(), 0 }))
        return std::nullopt;
    m_uploads->start(out.uploadId);
    m_files->evict(); // the new copy is needed: others may have to go
    return out;
}

std::optional<OutgoingFile> Workspace::attachFile(const QString &path, QString *error)
{
    QString why;
    std::optional<OutgoingFile> out;
    if (!m_files)
        why = QStringLiteral("No workspace is open.");
    else if (!(out = attach(m_files->addFile(path, fileLimits().fileBytes, &why))) && why.isEmpty())
        why = QStringLiteral("The console's cache cannot record the file.");
    if (error)
        *error = why;
    return out;
}

std::optional<OutgoingFile> Workspace::attachData(
    const QByteArray &bytes, const QString &name, QString *error)
{
    QString why;
    std::optional<OutgoingFile> out;
    if (!m_files)
        why = QStringLiteral("No workspace is open.");
    else if (!(out = attach(m_files->addData(bytes, name, fileLimits().fileBytes, &why)))
        && why.isEmpty())
        why = QStringLiteral("The console's cache cannot record the file.");
    if (error)
        *error = why;
    return out;
}

void Workspace::discardFile(const QString &uploadId)
{
    if (!m_cache)
        return;
    const std::optional<UploadRow> row = m_cache->files().upload(uploadId);
    if (!row || !row->opId.isEmpty())
        return; // unknown, or on its way with a reply already
    m_uploads->cancel(uploadId);
    m_cache->files().removeUpload(uploadId);
    m_files->release(row->file.file.sha256);
}

qint64 Workspace::uploadedBytes(const QString &uploadId) const
{
    const std::optional<UploadRow> row = m_cache ? m_cache->files().upload(uploadId) : std::nullopt;
    if (!row)
        return 0;
    return row->state == UploadRow::State::Complete ? row->file.file.size : row->received;
}

QString Workspace::cachedFile(const QString &sha256) const
{
    return m_files ? m_files->copyOf(sha256, true) : QString();
}

void Workspace::fetchFile(
    const QString &sha256, QObject *context, std::function<void(const FileFetch &)> done)
{
    if (m_fetches)
        return m_fetches->fetch(sha256, context, std::move(done));
    FileFetch none;
    none.sha256 = sha256;
    none.errorCode = FileFetch::Offline;
    none.error = QStringLiteral("No workspace is open.");
    deliverLater(context, std::move(done), none);
}

void Workspace::markFileOpened(const QString &sha256)
{
    if (m_files)
        m_files->markOpened(sha256, state() != SyncEngine::State::Online);
}

qint64 Workspace::fileCacheLimit() const
{
    return m_files ? m_files->limit() : FileStore::kDefaultLimit;
}

void Workspace::setFileCacheLimit(qint64 bytes)
{
    if (m_files)
        m_files->setLimit(bytes);
}

qint64 Workspace::fileCacheSize() const
{
    return m_files ? m_files->size() : 0;
}

Workspace::MailRecipients Workspace::mailRecipients(qint64 ticketId) const
{
    MailRecipients out;
    const std::optional<Core::Ticket> t = ticket(ticketId);
    if (!t)
        return out;
    // The server mails a reply when the ticket's mail came in through a desk mailbox.
    bool byMail = t->channel == Core::Channel::Email;
    if (!byMail) {
        for (const Core::Article &a : conversation(ticketId)) {
            if (a.mail && a.mail->isIncoming()) {
                byMail = true;
                break;
            }
        }
    }
    if (!byMail)
        return out;
    if (t->customerId) {
        if (const auto c = customer(t->customerId); c && !c->email.isEmpty())
            out.to << c->email.toLower();
    }
    for (const QString &address : t->cc) {
        if (!out.to.contains(address))
            out.cc << address;
    }
    if (out.to.isEmpty() && !out.cc.isEmpty())
        out.to << out.cc.takeFirst(); // the server writes to the first CC'd then
    return out;
}

bool Workspace::isMailAddress(const QString &address)
{
    // One @, a local part and a domain with a dot, no spaces, angle brackets, commas or
    // quotes, at most 254 characters. Stricter than the server's own check
    // (Server::looksLikeEmail, which has no length bound and lets <>,;" through), so what the
    // console sends is never refused for its form.
    static const QRegularExpression re(
        QStringLiteral("^[^\\s@<>,;\"]+@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+$"));
    return address.size() <= 254 && re.match(address).hasMatch();
}

QString Workspace::setCc(qint64 ticketId, const QStringList &cc, QString *invalid)
{
    QStringList list;
    for (const QString &raw : cc) {
        const QString address = raw.trimmed().toLower();
        if (address.isEmpty())
            continue;
        if (!isMailAddress(address)) {
            if (invalid)
                *invalid = raw.trimmed();
            return QString();
        }
        if (!list.contains(address))
            list << address;
    }
    const std::optional<Core::Ticket> t = ticket(ticketId);
    if (!t || t->cc == list)
        return QString();
    return updateTicket(
        ticketId, fieldEdit(Core::TicketField::Cc, QJsonArray::fromStringList(list)));
}

void Workspace::onlineCall(const QString &method, const QJsonObject &params, QObject *context,
    std::function<void(const CallOutcome &)> done)
{
    const QPointer<QObject> guard(context);
    if (!m_connection || !m_connection->isOnline()) {
        QMetaObject::invokeMethod(
            context,
            [guard, done] {
                if (guard)
                    done(CallOutcome());
            },
            Qt::QueuedConnection);
        return;
    }
    m_connection->rpc().call(method, params, [guard, done](const RpcReply &r) {
        if (!guard)
            return;
        CallOutcome out;
        out.ok = r.ok;
        if (r.ok) {
            out.result = r.object();
        } else {
            out.errorCode = int(r.error.code);
            out.error = r.error.message;
            out.field = r.error.data.value(QStringLiteral("field")).toString();
        }
        done(out);
    });
}

void Workspace::fetchMailMessage(
    qint64 articleId, QObject *context, std::function<void(const CallOutcome &)> done)
{
    onlineCall(QStringLiteral("mail.message"),
        { { QStringLiteral("articleId"), double(articleId) } }, context,
        [done](const CallOutcome &outcome) {
            CallOutcome out = outcome;
            out.quoted = outcome.result.value(QStringLiteral("quoted")).toString();
            done(out);
        });
}

void Workspace::fetchMailAccounts(
    QObject *context, std::function<void(const CallOutcome &, const QList<MailAccount> &)> done)
{
    onlineCall(
        QStringLiteral("mail.accounts.list"), {}, context, [done](const CallOutcome &outcome) {
            QList<MailAccount> accounts;
            for (const QJsonValue &v : outcome.result.value(QStringLiteral("accounts")).toArray()) {
                const QJsonObject o = v.toObject();
                MailAccount a;
                a.name = o.value(QStringLiteral("name")).toString();
                a.address = o.value(QStringLiteral("address")).toString();
                a.displayName = o.value(QStringLiteral("displayName")).toString();
                Core::idFromJson(o.value(QStringLiteral("groupId")), &a.groupId);
                a.enabled = o.value(QStringLiteral("enabled")).toBool(true);
                a.state = o.value(QStringLiteral("state")).toString();
                a.detail = o.value(QStringLiteral("detail")).toString();
                a.since
                    = qMax<qint64>(0, Core::Timestamp::fromJson(o.value(QStringLiteral("since"))));
                accounts << a;
            }
            done(outcome, accounts);
        });
}

void Workspace::setMailAccountEnabled(const QString &name, bool enabled, QObject *context,
    std::function<void(const CallOutcome &)> done)
{
    onlineCall(QStringLiteral("mail.accounts.save"),
        { { QStringLiteral("name"), name }, { QStringLiteral("enabled"), enabled } }, context,
        std::move(done));
}

void Workspace::retryMail(
    qint64 articleId, QObject *context, std::function<void(const CallOutcome &)> done)
{
    onlineCall(QStringLiteral("mail.retry"),
        { { QStringLiteral("articleId"), double(articleId) },
            { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } },
        context, std::move(done));
}

void Workspace::moveArticle(qint64 articleId, qint64 toTicketId, QObject *context,
    std::function<void(const CallOutcome &)> done)
{
    QJsonObject params { { QStringLiteral("articleId"), double(articleId) },
        { QStringLiteral("opId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } };
    if (toTicketId > 0)
        params.insert(QStringLiteral("toTicketId"), double(toTicketId));
    onlineCall(
        QStringLiteral("articles.move"), params, context, [done](const CallOutcome &outcome) {
            CallOutcome out = outcome;
            out.movedTo = outcome.result.value(QStringLiteral("to"))
                              .toObject()
                              .value(QStringLiteral("number"))
                              .toString();
            done(out);
        });
}

QString Workspace::linkKbArticle(qint64 ticketId, qint64 kbId)
{
    const std::optional<Core::Ticket> t = ticket(ticketId);
    if (!t || kbId <= 0 || t->kbArticleIds.contains(kbId))
        return QString();
    QList<qint64> ids = t->kbArticleIds;
    ids << kbId;
    return updateTicket(
        ticketId, fieldEdit(Core::TicketField::KbArticles, Core::idListToJson(ids)));
}

QString Workspace::unlinkKbArticle(qint64 ticketId, qint64 kbId)
{
    const std::optional<Core::Ticket> t = ticket(ticketId);
    if (!t)
        return QString();
    QList<qint64> ids = t->kbArticleIds;
    if (!ids.removeAll(kbId))
        return QString();
    return updateTicket(
        ticketId, fieldEdit(Core::TicketField::KbArticles, Core::idListToJson(ids)));
}

} // namespace Atiende::Client
