#pragma once
// The heart of the console: keeps the local cache and the server in step.
//
// On every session start it replays the outbox (each edit with its operation id, so the
// server applies it once however often it arrives), then catches up with sync.pull from the
// last revision the cache holds (a first start pulls a paged snapshot), then applies
// sync.changed pushes live. Edits made while online go out at once; made offline, they wait
// in the outbox. A server restored from an older backup is noticed (its revision is behind
// the cache's) and the cache resyncs from scratch, keeping its outbox.

#include "cache/localcache.h"
#include "connection/connection.h"
#include "files/uploads.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Atiende::Client {

class SyncEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Syncing, Online };
    Q_ENUM(State)

    SyncEngine(LocalCache *cache, Connection *connection, QObject *parent = nullptr);

    State state() const { return m_state; }
    // 0..1 while syncing (the share of the revision range pulled so far).
    double progress() const { return m_progress; }
    int outboxSize() const { return m_outboxSize; }
    bool isCaughtUp() const { return m_state == State::Online; }
    void setReplayWindow(int requests) { m_window = qMax(1, requests); }
    void setPullPageSize(int rows) { m_pageSize = rows; }

    // Edits: applied to the cache at once and sent when the server can be reached.
    QString createTicket(const QJsonObject &params, qint64 *tempId = nullptr);
    QString updateTicket(qint64 ticketId, const QJsonObject &fields);
    QString addArticle(
        qint64 ticketId, const QString &kind, const QString &body, qint64 *tempId = nullptr);
    // A reply or note with files: it waits in the outbox, in order with the other edits, until
    // every upload it names is complete (Uploads).
    QString addArticle(qint64 ticketId, const QString &kind, const QString &body,
        const QList<OutgoingFile> &files, qint64 *tempId = nullptr);
    // What sends the files of replies and notes: the engine sends a reply once its uploads are
    // complete, and has an upload made again when the server refuses a reply because it has
    // forgotten it (a console offline for longer than the server keeps finished uploads).
    void setUploads(Uploads *uploads);
    // tickets.escalate: queued like the other edits; the outcome arrives as sync changes.
    QString escalate(qint64 ticketId, const QJsonObject &params);

    LocalCache *cache() const { return m_cache; }

Q_SIGNALS:
    void stateChanged(Atiende::Client::SyncEngine::State state);
    void progressChanged(double progress);
    void outboxSizeChanged(int size);
    void cacheChanged(const Atiende::Client::CacheDelta &delta);
    // The server was restored from an older backup, or the cache was rebuilt: a notice for
    // the status bar and the log.
    void resynced(const QString &why);
    void caughtUp(qint64 revision);

private:
    void setState(State s);
    void onConnectionState(Connection::State s);
    void onSessionStarted();
    void onNotification(const QString &method, const QJsonObject &params);
    void pump();
    void send(const OutboxOp &op);
    void onAnswer(const QString &opId, const RpcReply &r);
    // A reply refused for an upload the server has forgotten: made again, the reply renewed.
    bool uploadAgain(const QString &opId, const RpcReply &r);
    void pullFrom(qint64 since, qint64 startRevision, const QString &cursor = QString());
    void finishCatchUp(qint64 revision);
    void resync(const QString &why);
    void publish(const CacheDelta &delta);
    void refreshOutboxSize();

    LocalCache *m_cache;
    Connection *m_connection;
    State m_state = State::Offline;
    double m_progress = 0;
    int m_outboxSize = 0;
    int m_window = 64;
    int m_pageSize = 2000; // the server's largest sync.pull page
    bool m_replayed = false; // this session's outbox replay reached the end
    bool m_pulling = false;
    bool m_bulk = false; // a first snapshot is filling an empty cache without its indexes
    qint64 m_maxPushed = 0; // the highest revision pushed during this session
    quint64 m_session = 0; // guards answers that arrive after a reconnect
    QSet<QString> m_inFlight;
    QPointer<Uploads> m_uploads;
    // Catch-up figures for the log: pages, changes, time storing them, since the session began.
    int m_pulledPages = 0;
    qint64 m_pulledChanges = 0;
    qint64 m_applyNs = 0;
    QElapsedTimer m_sessionClock;
    QTimer m_retry;
};

} // namespace Atiende::Client
