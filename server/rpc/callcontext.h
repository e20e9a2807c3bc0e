#pragma once
// Who is calling, as the dispatcher and the handlers see it, whatever carries the calls: the
// WebSocket front makes one per connection (Peer), an HTTP front would make one per request or
// per session. It holds what the protocol's checks need (greeted? signed in? the caller's role
// and groups, the session) and the few things a transport must do for the rest of the server
// (push a notification, close when a session ends). Reply carries one call's answer back to
// whichever front asked.

#include "server/store/caller.h"
#include "server/store/changeset.h"

#include "core/protocol/jsonrpc.h"

#include <QJsonValue>
#include <QString>

#include <functional>
#include <memory>

namespace Atiende::Server {

class CallContext : public std::enable_shared_from_this<CallContext>
{
public:
    CallContext();
    virtual ~CallContext();
    CallContext(const CallContext &) = delete;
    CallContext &operator=(const CallContext &) = delete;

    const quint64 id; // unique in this process, growing: presence, dashboards, logs
    QString address; // the caller's address, for limits and logs
    QString client; // what hello said it is
    bool greeted = false;
    bool authenticated = false;
    bool local = false; // a local administration session (auth.local)
    qint64 sessionId = 0; // the session's public id
    qint64 expiresAt = 0; // when the session expires (epoch ms)
    QString tokenHash;
    Caller caller;
    QString agentName; // shown to others viewing the same ticket
    quint32 pendingAuth = 0; // an auth.* call is running
    int inFlight = 0; // requests handed to the store and not answered yet
    quint64 presenceAsks = 0; // presence.viewing / presence.typing requests so far: the last wins
    bool dashboardOwnGroups = false; // a lead's dashboard of "my groups" follows their membership

    // Handlers keep this, never the context itself: the caller may go away before the answer.
    std::weak_ptr<CallContext> weak() { return weak_from_this(); }

    // A notification (a whole JSON-RPC frame) for this caller; a front that is dropping it, or
    // cannot push, lets it go.
    virtual void push(const QString &frame) = 0;
    // True once nothing more reaches this caller (being dropped or closed).
    virtual bool closing() const = 0;
    // The caller has just signed in (Sessions): a front lifts what it limits before that.
    virtual void signedIn() { }
    // The session this caller used has ended and auth.ended was pushed: the front ends the
    // connection (a WebSocket closes with `code`, 4001).
    virtual void endSession(quint16 code, const QString &message) = 0;
};

// The file bytes of a binary message (docs/protocol.md, "Binary frames"): the whole message,
// shared and not copied, and where its bytes begin.
struct BinaryPayload
{
    QByteArray message;
    qsizetype offset = 0;
    qsizetype size() const { return message.size() - offset; }
};

// One call's answer: a result or an error, given once. A front that can send binary messages
// gives a second function: a result followed by raw bytes (files.read with binary: true).
class Reply
{
public:
    using Fn = std::function<void(const QJsonValue &result, const Core::Protocol::RpcError *error)>;
    using BinaryFn = std::function<void(const QJsonValue &result, const QByteArray &bytes)>;
    explicit Reply(Fn fn, BinaryFn binary = {})
        : m_fn(std::move(fn))
        , m_binary(std::move(binary))
    {
    }

    bool canSendBinary() const { return bool(m_binary); }
    // Only when canSendBinary().
    void binaryResult(const QJsonValue &value, const QByteArray &bytes) const
    {
        m_binary(value, bytes);
    }
    void result(const QJsonValue &value) const { m_fn(value, nullptr); }
    void error(const Core::Protocol::RpcError &error) const { m_fn(QJsonValue(), &error); }
    void outcome(const OpResult &r) const
    {
        if (r.ok)
            result(r.result);
        else
            error(r.error);
    }

private:
    Fn m_fn;
    BinaryFn m_binary;
};

} // namespace Atiende::Server
