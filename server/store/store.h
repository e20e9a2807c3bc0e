#pragma once
// One connection to the server's database and the stores that work through it. A Store
// belongs to the thread that opened it: the writer thread has one, each reader thread one.

#include "attachmentstore.h"
#include "cannedstore.h"
#include "changeset.h"
#include "dialect.h"
#include "directorystore.h"
#include "escalationstore.h"
#include "kbstore.h"
#include "mailstore.h"
#include "pullcursor.h"
#include "routingstore.h"
#include "sessionstore.h"
#include "slaconfigstore.h"
#include "sqlcontext.h"
#include "syncstore.h"
#include "ticketstore.h"

#include "server/satisfaction/surveystore.h"

#include <functional>
#include <memory>
#include <optional>

namespace Atiende::Server {

class Store
{
public:
    // Opens (creating if needed) the database at path. With migrate, brings its schema up to
    // date first; without, refuses a database whose schema is not current.
    static std::unique_ptr<Store> open(const QString &path, bool migrate, QString *error);
    ~Store();

    SqlContext &sql() { return *m_ctx; }
    SyncStore &sync() { return *m_sync; }
    TicketStore &tickets() { return *m_tickets; }
    DirectoryStore &directory() { return *m_directory; }
    SessionStore &sessions() { return *m_sessions; }
    KbStore &kb() { return *m_kb; }
    SlaConfigStore &slaConfig() { return *m_slaConfig; }
    RoutingStore &routing() { return *m_routing; }
    EscalationStore &escalation() { return *m_escalation; }
    CannedStore &canned() { return *m_canned; }
    SurveyStore &surveys() { return *m_surveys; }
    AttachmentStore &attachments() { return *m_attachments; }
    MailStore &mail() { return *m_mail; }

    // Runs one operation as the writer thread would, for admin commands and tests: one
    // transaction with the revision counter kept in step, rolled back when fn refuses (its
    // error is returned) or the commit fails (internal_error with the database's message).
    OpResult transact(const std::function<OpResult()> &fn);

    bool begin();
    bool commit();
    void rollback();
    bool savepoint();
    bool releaseSavepoint();
    bool rollbackToSavepoint();

    // sync.pull: what changed since a revision (and after a cursor) that the caller may see,
    // with each entity's current state, at most limit rows and about maxBytes of them (one row
    // at least). {"changes": [...], "revision": R, "serverRevision": S, "more": bool,
    // "cursor"?: when the page ended inside a revision}
    static constexpr qint64 kMaxPullPageBytes = 1024 * 1024;
    OpResult pull(const Caller &caller, qint64 since, const std::optional<PullCursor> &cursor,
        int limit, qint64 maxBytes = kMaxPullPageBytes);

    // The sync payload of one entity as it is now (empty if it no longer exists).
    QJsonObject entityData(const QString &entity, qint64 id);

private:
    Store() = default;
    QString m_connection;
    std::unique_ptr<Dialect> m_dialect;
    std::unique_ptr<SqlContext> m_ctx;
    std::unique_ptr<SyncStore> m_sync;
    std::unique_ptr<TicketStore> m_tickets;
    std::unique_ptr<DirectoryStore> m_directory;
    std::unique_ptr<SessionStore> m_sessions;
    std::unique_ptr<KbStore> m_kb;
    std::unique_ptr<SlaConfigStore> m_slaConfig;
    std::unique_ptr<RoutingStore> m_routing;
    std::unique_ptr<EscalationStore> m_escalation;
    std::unique_ptr<CannedStore> m_canned;
    std::unique_ptr<SurveyStore> m_surveys;
    std::unique_ptr<AttachmentStore> m_attachments;
    std::unique_ptr<MailStore> m_mail;
};

} // namespace Atiende::Server
