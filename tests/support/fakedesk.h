#pragma once
// An in-process desk for tests of the console's behaviour (connection policy, sign-in
// failures, certificate prompts, dropped links, replies that never come): no socket, no
// process, no timers. It sits behind Client::Transport, so the console's own RpcConnection
// speaks real JSON-RPC 2.0 frames to it and matches its answers by id. The test says what
// each method answers (a result, an error, or nothing until the test answers it), pushes
// notifications, drops the link with a close code, refuses or holds an open, shows a
// certificate with problems, and reads the calls received in order. Everything it sends
// arrives from the event loop (queued), as a socket's would, in the order it was sent.
//
// Out of the box it is a small desk: hello answers protocol 1, auth.login takes the agents
// added with addAgent (a token and a device token), auth.resume takes the tokens it issued,
// auth.logout ends the session, sync.pull has nothing new; any other method is unknown.

#include "client/rpc/transport.h"
#include "core/protocol/errorcode.h"
#include "core/protocol/jsonrpc.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <deque>
#include <functional>

namespace Atiende::Test {

class FakeDesk;

// The console's end of one link to a FakeDesk.
class FakeTransport final : public Client::Transport
{
    Q_OBJECT
public:
    explicit FakeTransport(FakeDesk *desk);
    ~FakeTransport() override;

    void open(const QUrl &url) override;
    void close() override;
    void abort() override;
    bool isOpen() const override { return m_state == State::Open; }
    void sendText(const QString &text) override;
    // The desk sees a binary message's request with its bytes as base64 "data" in its params.
    void sendBinary(const QByteArray &message) override;
    void ping() override;
    void setIgnoredSslErrors(const QList<QSslError> &errors) override { m_ignored = errors; }
    QSslCertificate peerCertificate() const override { return m_peerCertificate; }

private:
    friend class FakeDesk;
    enum class State { Closed, Opening, Open };
    // From the desk: each runs from the event loop, dropped if this link has closed since.
    void deliver(std::function<void()> f);
    void finishOpen();
    void closeFromDesk(int code, const QString &reason);
    void closeNow(int code, const QString &reason);

    QPointer<FakeDesk> m_desk;
    State m_state = State::Closed;
    quint64 m_generation = 0; // a new one at each open and close: what was queued before is void
    bool m_deskClosed = false; // the desk has let go of this link (its close is on the way)
    quint64 m_link = 0; // which link of the desk (1, 2, ...), 0 when closed
    QList<QSslError> m_ignored;
    QSslCertificate m_peerCertificate;
};

class FakeDesk : public QObject
{
    Q_OBJECT
public:
    struct Call
    {
        QString method;
        QJsonObject params;
        QJsonValue id;
        quint64 link = 0; // the link it came on (1 for the first opened, then 2...)
    };
    struct Answer
    {
        enum class Kind { Result, Error, Never };
        Kind kind = Kind::Result;
        QJsonValue result = QJsonObject();
        Core::Protocol::RpcError error;

        static Answer ok(const QJsonValue &result = QJsonObject());
        static Answer fail(Core::Protocol::ErrorCode code, const QString &message = QString(),
            const QJsonObject &data = {});
        // No answer until the test gives one (answerHeld) or the link goes.
        static Answer never();
    };
    using Handler = std::function<Answer(const Call &call)>;
    enum class Opening { Accept, Refuse, Hold };

    explicit FakeDesk(QObject *parent = nullptr);
    ~FakeDesk() override;

    // For Client::Connection and Workspace::Options::transport.
    Client::TransportFactory factory();
    std::unique_ptr<Client::Transport> makeTransport();
    // An address to give the console (the desk takes any).
    static QUrl url(const QString &scheme = QStringLiteral("ws"));

    // An agent who may sign in; agent is what auth.login and auth.resume give back (its id,
    // name...). Returns the agent as given, with "id" and "login" filled in when missing.
    QJsonObject addAgent(const QString &user, const QString &password, QJsonObject agent = {});
    void setRevision(qint64 revision) { m_revision = revision; }

    // What method answers from now on, every time (replacing the desk's own answer).
    void on(const QString &method, const Answer &answer);
    void on(const QString &method, Handler handler);
    // What the next call of method answers, once, before the standing answer (in order).
    void once(const QString &method, const Answer &answer);

    // Calls that got Answer::never() and are still waiting on an open link, oldest first.
    QList<Call> heldCalls() const;
    // Answers the oldest held call of method; false when none waits.
    bool answerHeld(const QString &method, const Answer &answer);

    // Pushes a notification on every open link.
    void notify(const QString &method, const QJsonObject &params = {});
    // The server closes every open link with this code (1006: the network went, no close frame).
    void drop(int closeCode = 1006, const QString &reason = QString());
    // auth.ended then a 4001 close, as atiended ends a session (docs/protocol.md).
    void endSession(const QString &reason, const QString &message = QString());

    // How the next opens go: accepted (default), refused with error (as nobody listening), or
    // held (connected, the handshake never finishing, until releaseHeldOpens or an abort).
    void setOpening(Opening how,
        QAbstractSocket::SocketError error = QAbstractSocket::ConnectionRefusedError,
        const QString &text = QStringLiteral("Connection refused"));
    // Accepts the opens being held; returns how many.
    int releaseHeldOpens();
    // wss://: the handshakes show certificate with these problems; an open goes on only when the
    // console ignores exactly them (Transport::setIgnoredSslErrors), else it fails as TLS does.
    void presentCertificate(const QSslCertificate &certificate, const QList<QSslError> &problems);
    // A frozen desk answers nothing, pings and calls alike, as a hung process; thawed, it
    // answers the calls it held meanwhile on the links still open.
    void setFrozen(bool frozen);

    // Every request received, in order (all links).
    const QList<Call> &calls() const { return m_calls; }
    QStringList methods() const;
    int count(const QString &method) const;
    void clearCalls() { m_calls.clear(); }
    // Links opened so far (accepted), and those open now.
    int opened() const { return int(m_nextLink - 1); }
    int openLinks() const;
    // Opens asked for (accepted, refused or held).
    int attempts() const { return m_attempts; }
    QStringList issuedTokens() const { return m_tokens.keys(); }

Q_SIGNALS:
    void callReceived(const QString &method);
    void linkOpened();
    // The console closed (or aborted) its link.
    void linkClosed();

private:
    friend class FakeTransport;
    void attach(FakeTransport *t) { m_transports.insert(t); }
    void detach(FakeTransport *t);
    void opening(FakeTransport *t);
    void received(FakeTransport *t, const QString &text);
    void reply(FakeTransport *t, const Call &call, const Answer &answer);
    Answer answerFor(const Call &call);
    Answer builtIn(const Call &call);

    QSet<FakeTransport *> m_transports;
    QHash<QString, Handler> m_handlers;
    QHash<QString, std::deque<Answer>> m_once;
    QList<Call> m_calls;
    struct Held
    {
        Call call;
        QPointer<FakeTransport> transport;
        bool byFreeze = false; // held because the desk was frozen, not by its answer
    };
    QList<Held> m_held;
    QList<QPointer<FakeTransport>> m_heldOpens;
    struct Account
    {
        QString password;
        QJsonObject agent;
    };
    QHash<QString, Account> m_agents;
    QHash<QString, QString> m_tokens; // token -> user
    QHash<quint64, QString> m_linkTokens; // the session each link signed in with
    Opening m_opening = Opening::Accept;
    QAbstractSocket::SocketError m_openError = QAbstractSocket::ConnectionRefusedError;
    QString m_openErrorText;
    QSslCertificate m_certificate;
    QList<QSslError> m_certificateProblems;
    bool m_frozen = false;
    qint64 m_revision = 0;
    quint64 m_nextLink = 1;
    int m_attempts = 0;
    int m_nextToken = 1;
};

} // namespace Atiende::Test
