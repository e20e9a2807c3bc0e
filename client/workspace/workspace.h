#pragma once
// What the console's models and widgets talk to: one object per logged-in agent and server
// that answers every question the screens ask from the local cache (so they work offline
// and never wait on the network), takes every edit, and says what changed. models/ and ui/
// never see SQL, sockets or the sync machinery behind it.

#include "cache/localcache.h"
#include "connection/connection.h"
#include "connection/tokenstore.h"
#include "dashboard/dashboard.h"
#include "files/filefetches.h"
#include "files/filestore.h"
#include "files/outgoingfile.h"
#include "files/uploads.h"
#include "presence/ticketpresence.h"
#include "sync/syncengine.h"

#include "core/domain/article.h"
#include "core/domain/cannedresponse.h"
#include "core/domain/directory.h"
#include "core/domain/fieldvalue.h"
#include "core/domain/kbarticle.h"
#include "core/domain/ticket.h"
#include "core/domain/ticketedits.h"

#include <QObject>
#include <QStandardPaths>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>

namespace Atiende::Client {

// What the server did not take from the agent, for the screens: a field someone else changed
// first (the server kept theirs), or an edit it refused whole (a reply or note, an
// escalation, field changes), with why.
struct EditConflict
{
    qint64 id = 0;
    qint64 ticketId = 0;
    // A field conflict: the field (its wire name as it came, and typed when known), the
    // agent's value and the one the server kept.
    std::optional<Core::TicketField> field;
    QString fieldName;
    Core::FieldValue yours;
    Core::FieldValue theirs;
    // A refused edit: the text of a reply or note, or the escalation asked for, or the
    // field changes sent (their `to`).
    QString refusedText;
    std::optional<Core::EscalationRequest> refusedEscalation;
    QList<Core::FieldChange> refusedChanges;
    QString message; // why, in English (the UI words it from code)
    int code = 0; // protocol error code; 0 for a field conflict inside an applied edit
    qint64 createdAt = 0;

    bool isFieldConflict() const { return !fieldName.isEmpty(); }
    bool isRefusedText() const { return !isFieldConflict() && !refusedText.isNull(); }
};

class Workspace : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl server; // ws://host:port/ws
        QString user;
        QString password; // empty: resume with the stored token
        QString dataDir; // where the cache and (fallback) tokens live; empty: app-data
        bool useKeychain = true;
        // Keep the session token for the next start (the key store, or the file fallback).
        // false: it lives in this process only, and one remembered earlier is forgotten.
        bool rememberSession = true;
        // What the connection runs over (null: a WebSocket to server); tests give an in-process
        // desk.
        TransportFactory transport = {};
    };

    // The cache file for a user on a server: one per pair, under dataDir.
    static QString cachePath(const QString &dataDir, const QUrl &server, const QString &user);
    // The folder options.dataDir means (the platform's app-data folder when empty).
    static QString dataDir(const Options &options);
    // A session of this user on this server is remembered: open() without a password resumes
    // it (unless the server has ended it since: then signInNeeded / connectionFailed say so).
    static bool hasRememberedSession(const Options &options);
    // Forgets the remembered session of this user on this server (the token; not the cache).
    static void forgetSession(const Options &options);
    // The agent trusts the certificate a Certificate or CertificateChanged failure showed, for the
    // server it names: from then on the console accepts that certificate, with the problems it
    // had then and no others, from that server only (TrustedCertificates), in place of any it
    // trusted there before. False, and nothing remembered, when the failure is not trustable.
    static bool trustCertificate(const ConnectionFailure &failure);

    explicit Workspace(QObject *parent = nullptr);
    ~Workspace() override;

    // Opens the cache (instantly usable) and starts connecting. False with *error when the
    // cache cannot be opened at all; a damaged one is rebuilt and openReport() says so.
    bool open(const Options &options, QString *error);
    void close();
    // Ends the session on the server (when online), forgets its token here, and closes.
    void signOut();
    const LocalCache::OpenReport &openReport() const { return m_report; }

    // State for the status bar.
    SyncEngine::State state() const
    {
        return m_engine ? m_engine->state() : SyncEngine::State::Offline;
    }
    double syncProgress() const { return m_engine ? m_engine->progress() : 0; }
    int outboxSize() const { return m_engine ? m_engine->outboxSize() : 0; }
    // Why the last attempt to connect or sign in failed; null once a session started.
    ConnectionFailure lastFailure() const
    {
        return m_connection ? m_connection->lastFailure() : ConnectionFailure();
    }
    // The logged-in agent; from the last session when offline (id 0 before any).
    Core::Agent me() const;
    qint64 myId() const { return me().id; }

    // Reads, from the cache. Tickets and entries made here and not yet confirmed carry
    // temporary negative ids.
    QList<Core::Ticket> tickets(const LocalCache::Query &query, int *total = nullptr) const;
    std::optional<Core::Ticket> ticket(qint64 id) const;
    // Oldest first; the agent's entries the server has not confirmed are marked pending.
    QList<Core::Article> conversation(qint64 ticketId) const;
    // The customer's and their organisation's other tickets the console holds, newest first.
    QList<Core::Ticket> customerHistory(qint64 customerId, int limit = 50) const;
    std::optional<Core::Customer> customer(qint64 id) const;
    std::optional<Core::Organisation> organisation(qint64 id) const;
    // Every customer the console holds (the phone-call dialog finds the caller among them).
    QList<Core::Customer> customers() const;
    // Names of every customer, organisation, agent, group or category, by id.
    QHash<qint64, QString> names(const QString &kind) const;
    QList<Core::Agent> agents() const;
    QList<Core::Group> groups() const;
    QList<Core::Category> categories() const;
    // The knowledge base the console holds, searched as the server searches it (the same
    // ranking and snippets), best first.
    QList<Core::KbSearchHit> kbSearch(const QString &text, int limit = 20) const;
    // Articles about what a text is about, before the agent types anything (the KB pane's
    // suggestions for a ticket's subject): any of its keywords, best first.
    QList<Core::KbSearchHit> kbRelated(const QString &text, int limit = 5) const;
    std::optional<Core::KbArticle> kbArticle(qint64 id) const;
    QList<EditConflict> conflicts(qint64 ticketId = 0) const;
    // The queue's rows: all tickets held (ids empty), or just these.
    QList<QueueRow> queueRows(const QList<qint64> &ids = {}) const;

    // A ticket number as agents type it: "INC-002751", "inc-2751", "INC2751", "REQ-12"; a bare
    // number ("2751") is not a ticket number (ambiguous between types). Empty when not one.
    // Canonical form: the server's ("INC-002751").
    static QString ticketNumber(const QString &typed);
    // The ticket with this number in the cache (0: none held).
    qint64 ticketIdByNumber(const QString &number) const;

    struct FoundTicket
    {
        qint64 id = 0; // 0: not opened (see error)
        bool fetched = false; // it was not on this computer: fetched from the server now
        int errorCode = 0; // protocol error code: not_found, forbidden...; or -1 offline
        QString error; // English message (the UI words it from errorCode)
    };
    // Finds the ticket with this number (canonical form) so the panel can show it: from the
    // cache when held; otherwise from the server (tickets.get by number), stored into the
    // cache with its conversation so that ticket(id) and conversation(id) answer and later
    // sync changes apply to it (ticketsChanged and conversationChanged say it came). Text
    // that is not a ticket number gives not_found. done runs once, never before this
    // returns, not at all if context is destroyed first.
    void findTicket(
        const QString &number, QObject *context, std::function<void(const FoundTicket &)> done);

    struct TicketSearch
    {
        QString text;
        QList<qint64> ids; // best / newest first, every one held in the cache when done runs
        int total = 0; // all matches on the server (ids holds at most the limit)
        bool local = false; // offline: searched this computer's copy only (number, subject,
                            // customer, organisation)
        int errorCode = 0;
        QString error;
    };
    // Searches every ticket the agent may see, open and closed: subjects, conversations,
    // customer and organisation names (the server's tickets.query text search), newest
    // first; a ticket number finds that ticket. Tickets not held are fetched and stored as
    // for findTicket. Offline (or when the link drops meanwhile): the cache's own matching.
    // limit: 1-500. done runs once, never before this returns, not at all if context is
    // destroyed first.
    void searchTickets(const QString &text, int limit, QObject *context,
        std::function<void(const TicketSearch &)> done);
    // Drops a ticket and its conversation from this computer (ticketsRemoved says so); sync or
    // findTicket bring it back. For tests and benchmarks of fetching what is not held.
    bool forgetTicket(qint64 id);

    // The agent opened a ticket: its unread mark goes.
    void markSeen(qint64 ticketId);
    // Drafts, saved to the cache as the agent types (they survive a crash or a restart).
    void saveDraft(qint64 ticketId, const Draft &draft);
    std::optional<Draft> draft(qint64 ticketId) const;
    void clearDraft(qint64 ticketId);
    // The agent's own settings on this server (saved filters...), kept in the cache.
    QString setting(const QString &key) const;
    void setSetting(const QString &key, const QString &value);

    // Edits: shown at once, sent when possible. Return the operation id (empty when there is
    // no workspace open).
    QString createTicket(const Core::NewTicket &ticket, qint64 *tempId = nullptr);
    QString setSubject(qint64 ticketId, const QString &subject);
    QString setStatus(qint64 ticketId, Core::TicketStatus status);
    // Impact and urgency; the server derives the priority from them.
    QString setImpact(qint64 ticketId, Core::Level impact);
    QString setUrgency(qint64 ticketId, Core::Level urgency);
    QString setImpactUrgency(qint64 ticketId, Core::Level impact, Core::Level urgency);
    QString assign(qint64 ticketId, qint64 agentId); // 0: unassign
    QString setGroup(qint64 ticketId, qint64 groupId);
    QString setCategory(qint64 ticketId, qint64 categoryId); // 0: none
    QString setCustomer(qint64 ticketId, qint64 customerId);
    // A reply or note, with the files the agent attached (attachFile/attachData). It shows at
    // once with its files; it goes to the server once every file's upload is done (uploads
    // resume after a drop; offline everything waits in the outbox and goes exactly once).
    QString reply(qint64 ticketId, const QString &body, const QList<OutgoingFile> &files = {});
    QString addNote(qint64 ticketId, const QString &body, const QList<OutgoingFile> &files = {});
    // The agent chose: keep the server's value (drop the conflict) or apply theirs again.
    void keepTheirs(qint64 conflictId);
    void applyMine(const EditConflict &conflict);
    // tickets.escalate: functional moves the ticket to toGroupId (0: the next tier up),
    // hierarchical names the leads of its group. Queued like every edit (the ticket shows
    // pending until the server answers); a refusal comes back as a conflict holding the
    // request. Returns the operation id.
    QString escalate(qint64 ticketId, const Core::EscalationRequest &request);
    QString escalate(qint64 ticketId, Core::EscalationKind kind, qint64 toGroupId = 0,
        const QString &reason = QString())
    {
        return escalate(ticketId, Core::EscalationRequest { kind, toGroupId, reason });
    }

    // customers.create: a caller the desk does not know yet. It needs the server (a customer
    // made offline could not be told from one the server already has), so canCreateCustomer()
    // is false offline. done runs once with the new customer (id > 0) or the refusal, never
    // before this returns, and not at all if context is destroyed first. The customer also
    // reaches the cache through the sync feed, like one any console adds.
    struct NewCustomer
    {
        Core::Customer customer; // id 0: not created
        int errorCode = 0; // the protocol's code (validation_failed...); 0 when created
        QString error; // its English message
        QString field; // the field a validation_failed names
        qint64 existingId = 0; // the customer who already has that e-mail address
    };
    bool canCreateCustomer() const;
    void createCustomer(const Core::Customer &customer, QObject *context,
        std::function<void(const NewCustomer &)> done);

    // Canned responses this agent may use (the server's canned.list: active global ones and
    // those of the agent's groups), kept in the cache so they are offered offline too;
    // refreshed at every catch-up, whenever the server says they changed (canned.changed),
    // and by refreshCannedResponses() when online.
    QList<Core::CannedResponse> cannedResponses() const;
    void refreshCannedResponses();
    // The list has been fetched from the server at least once (it may be empty): an empty
    // list then means the desk has none for this agent, not that it is still to come.
    bool cannedResponsesFetched() const;
    // Admins change every canned response, leads those of the groups they lead.
    bool mayManageCannedResponses() const;
    struct CannedText
    {
        QString body; // placeholders filled in, ready to edit
        QStringList unknown; // names between braces that are not placeholders, left as written
        QStringList missing; // placeholders without a value, rendered as nothing
        bool local = false; // rendered from the cache (offline), not by the server
        int errorCode = 0; // not rendered at all: the protocol's error code (not_found...)
        QString error; // and its English message; body empty
    };
    // Fills a canned response in for a ticket: canned.render when online, the same rules over
    // the cache when not (or for a ticket the server does not know yet). done runs once,
    // never before this returns, and not at all if context is destroyed first.
    void renderCanned(qint64 responseId, qint64 ticketId, QObject *context,
        std::function<void(const CannedText &)> done);
    // A template filled in for a ticket from what the cache holds, at once (the previews, for a
    // response being edited too): the same rules and values as canned.render. ticketId 0 (or
    // one the cache lacks) fills in only the agent. Never an error.
    CannedText previewCanned(const QString &body, qint64 ticketId) const;

    // Managing them (online only; done runs once, not at all if context is destroyed first).
    struct CannedOutcome
    {
        bool ok = false;
        int errorCode = 0; // the protocol's error code when not ok (0: not online)
        QString error; // its English message
        QString field; // validation_failed: the field to blame
        QList<Core::CannedResponse> responses; // fetchManageable: the list; save: the saved one
    };
    // canned.list with manageable: every response this agent may change, inactive ones too.
    void fetchManageableCanned(QObject *context, std::function<void(const CannedOutcome &)> done);
    // canned.save (id 0: a new one) and canned.delete. Every console hears of it (canned.changed).
    void saveCanned(const Core::CannedResponse &response, QObject *context,
        std::function<void(const CannedOutcome &)> done);
    void deleteCanned(
        qint64 responseId, QObject *context, std::function<void(const CannedOutcome &)> done);

    // Files on tickets. The console keeps its own copy of every file the agent attaches (until
    // the server has it and its reply is confirmed; then like any fetched file) and of every
    // file fetched, under the cache's folder, evicting the least recently used past
    // fileCacheLimit(), except files waiting to be sent and files the agent opened while
    // offline (kept until the console is online again).
    //
    // The limits the server announced in hello (kept in the cache for offline starts; the
    // defaults before the first session).
    FileLimits fileLimits() const;
    // Copies a file into the store and starts its upload when online (the agent is still
    // typing: by Send it is often done). nullopt with *error (English) when it cannot be read,
    // is empty of a usable name or is over the file limit.
    std::optional<OutgoingFile> attachFile(const QString &path, QString *error);
    // The same for bytes (a pasted screenshot), under the name given.
    std::optional<OutgoingFile> attachData(
        const QByteArray &bytes, const QString &name, QString *error);
    // The agent took a file off the reply before sending it: its upload stops (the server
    // forgets an upload nothing names), the copy goes unless something else holds it. A file
    // already sent with a reply or note is not taken back.
    void discardFile(const QString &uploadId);
    // Bytes of an attached file the server holds (its size once uploaded; 0 once the upload is
    // forgotten: discarded, or its reply confirmed).
    qint64 uploadedBytes(const QString &uploadId) const;
    // The copy of a file on this computer (marked used), or empty when none is held.
    QString cachedFile(const QString &sha256) const;
    // Fetches a file into the cache (from it at once when held). done runs once, never
    // before this returns, not at all if context is destroyed first. Offline and not held:
    // FileFetch::Offline.
    void fetchFile(
        const QString &sha256, QObject *context, std::function<void(const FileFetch &)> done);
    // The agent opened or saved it: while the console is offline it is never evicted.
    void markFileOpened(const QString &sha256);
    // The cache's size cap in bytes (a setting of this agent on this server; default 1 GiB)
    // and the bytes it holds now. A lower cap evicts at once.
    qint64 fileCacheLimit() const;
    void setFileCacheLimit(qint64 bytes);
    qint64 fileCacheSize() const;

    // Who else is here. The console says which ticket it shows (0: none) and, on every
    // keystroke of a reply or note, that its agent is typing (false when the text is sent,
    // discarded or left); the server hears of it sparingly (TicketPresence: "typing" at most
    // every 3 s, "stopped" also after 5 s without a keystroke). After every log-in or resume
    // the console's state is said again and the whole picture fetched.
    void setViewing(qint64 ticketId);
    void setTyping(qint64 ticketId, bool typing);
    // The other agents with the ticket open now, by agent id (never the agent themself);
    // empty offline.
    QList<Viewer> viewers(qint64 ticketId) const;

    // Links a KB article to a ticket (ITIL: the knowledge that solved it), or takes it off:
    // an update of the ticket's kbArticleIds, shown at once and sent like any edit; the
    // server merges it with links others make meanwhile, so it never conflicts. Returns the
    // operation id; empty when there is nothing to do (linked already, not linked, no such
    // ticket).
    QString linkKbArticle(qint64 ticketId, qint64 kbId);
    QString unlinkKbArticle(qint64 ticketId, qint64 kbId);

    // E-mail. Who a public reply to this ticket goes to by e-mail: the requester's address
    // (to) and the ticket's CC list; both empty when the ticket's conversation never came by
    // e-mail (then replies are not mailed).
    struct MailRecipients
    {
        QStringList to;
        QStringList cc;
        bool isEmpty() const { return to.isEmpty() && cc.isEmpty(); }
    };
    MailRecipients mailRecipients(qint64 ticketId) const;
    // Sets the ticket's CC list (an edit like any other: offline too). Addresses are checked
    // first: *invalid gets the first one that is no address, and nothing is sent.
    QString setCc(qint64 ticketId, const QStringList &cc, QString *invalid = nullptr);
    static bool isMailAddress(const QString &address);

    // Online calls about one article (done runs once, not at all if context is destroyed first;
    // offline it runs at once with errorCode 0).
    struct CallOutcome
    {
        bool ok = false;
        int errorCode = 0; // the protocol's error code when not ok (0: not online)
        QString error; // its English message
        QString field; // validation_failed: the field to blame
        QJsonObject result;
        QString quoted; // mail.message: the quoted text and signature the mail folded
        QString movedTo; // articles.move: the number of the ticket the article is on now
    };
    // Any method, online only: for the calls that have no typed form here (the admins'
    // mail.accounts.*).
    void onlineCall(const QString &method, const QJsonObject &params, QObject *context,
        std::function<void(const CallOutcome &)> done);
    // The desk's mailboxes as the server sees them (mail.accounts.list; admins only).
    struct MailAccount
    {
        QString name;
        QString address;
        QString displayName;
        qint64 groupId = 0;
        bool enabled = true;
        QString state; // stopped, connecting, fetching, waiting, failed
        QString detail; // why, in plain English
        qint64 since = 0; // ms since the epoch: in this state since
    };
    void fetchMailAccounts(QObject *context,
        std::function<void(const CallOutcome &, const QList<MailAccount> &)> done);
    // Reading a mailbox on or off (mail.accounts.save with `enabled`).
    void setMailAccountEnabled(const QString &name, bool enabled, QObject *context,
        std::function<void(const CallOutcome &)> done);
    // mail.message: the quoted text and HTML an e-mail article folds away.
    void fetchMailMessage(
        qint64 articleId, QObject *context, std::function<void(const CallOutcome &)> done);
    // mail.retry: a failed or bounced mail goes out again; its state arrives by sync.
    void retryMail(
        qint64 articleId, QObject *context, std::function<void(const CallOutcome &)> done);
    // articles.move: an article threaded onto the wrong ticket goes to another (toTicketId)
    // or to a new one (0). The result's `to` is the ticket it now belongs to.
    void moveArticle(qint64 articleId, qint64 toTicketId, QObject *context,
        std::function<void(const CallOutcome &)> done);

    // The live dashboard of leads and admins: the groups and period the tab shows, the last
    // figures (kept in the cache with when they came, for offline use), and reports.
    Dashboard *dashboard() const { return m_dashboard.get(); }

    SyncEngine *engine() const { return m_engine.get(); }
    Connection *connection() const { return m_connection.get(); }
    // The files' machinery, for tests and diagnostics (the screens use the methods above).
    FileStore *fileStore() const { return m_files.get(); }
    Uploads *uploads() const { return m_uploads.get(); }

Q_SIGNALS:
    void stateChanged(Atiende::Client::SyncEngine::State state);
    void syncProgressChanged(double progress);
    void outboxSizeChanged(int size);
    void ticketsChanged(const QSet<qint64> &ids);
    void ticketsRemoved(const QSet<qint64> &ids);
    void conversationChanged(qint64 ticketId);
    void directoryChanged(const QSet<QString> &kinds);
    void knowledgeBaseChanged();
    void conflictsChanged();
    void cannedResponsesChanged();
    // The desk says a canned response was saved or deleted (canned.changed), by anyone: for
    // lists of the ones this agent manages, which cannedResponsesChanged does not cover.
    void cannedResponsesEdited();
    void ticketRenumbered(qint64 tempId, qint64 id); // a ticket made offline got its real id
    // An attached file's upload moved on (sent bytes the server holds, of total), or failed
    // for good (error set: the server refused it; the reply carrying it will be refused too).
    void uploadProgress(const QString &uploadId, const QString &sha256, qint64 sent, qint64 total);
    void uploadFailed(const QString &uploadId, const QString &error);
    // A fetch moved on (for a progress bar on large files).
    void fetchProgress(const QString &sha256, qint64 received, qint64 total);
    void presenceChanged(qint64 ticketId); // viewers(ticketId) changed, or their typing
    void meChanged(); // logged in (again): me() may say more
    void notice(const QString &message); // for the status bar: a resync, a rebuilt cache
    void signInNeeded(int code, const QString &message); // wrong password, session ended
    // Why an attempt to connect or sign in failed (fatal: the workspace stopped trying, as for
    // signInNeeded; otherwise it retries). Queue anything that closes the workspace.
    void connectionFailed(const Atiende::Client::ConnectionFailure &failure);

private:
    // tickets.update with these fields in their wire form.
    QString updateTicket(qint64 ticketId, const QJsonObject &fields);
    void onCacheChanged(const CacheDelta &delta);
    void onSessionStarted(const QJsonObject &agent);
    CannedText renderCannedLocally(qint64 responseId, qint64 ticketId) const;
    TicketSearch searchLocally(const QString &text, int limit) const;
    // The link is gone (a reply failed because the connection closed, or it was never up).
    bool isOffline() const;
    void cannedCall(const QString &method, const QJsonObject &params, QObject *context,
        std::function<void(const CannedOutcome &)> done);
    QString addArticle(qint64 ticketId, const QString &kind, const QString &body,
        const QList<OutgoingFile> &files);
    std::optional<OutgoingFile> attach(const std::optional<Core::Attachment> &file);

    LocalCache::OpenReport m_report;
    QJsonObject m_me;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<TokenStore> m_deviceTokens; // lasting, even when the session is not
    std::unique_ptr<LocalCache> m_cache;
    std::unique_ptr<Connection> m_connection;
    std::unique_ptr<SyncEngine> m_engine;
    std::unique_ptr<TicketPresence> m_presence;
    std::unique_ptr<Dashboard> m_dashboard;
    std::unique_ptr<FileStore> m_files;
    std::unique_ptr<Uploads> m_uploads;
    std::unique_ptr<FileFetches> m_fetches;
};

} // namespace Atiende::Client
