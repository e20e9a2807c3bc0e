#pragma once
// The protocol's method table and the checks every call gets before its handler runs, in this
// order: an unknown method (method_not_found), a call before hello (hello_required), a call
// that needs a session without one (unauthenticated), a local administration session calling
// what is not for it (forbidden), a role the method is not open to (forbidden). Its input is
// a caller, a method, its params and where the answer goes; it knows nothing about WebSockets,
// so any front (the WebSocket peers today, HTTP next) calls the same operations with the same
// checks. Each feature's handlers register their methods here (server/rpc/handlers/).

#include "callcontext.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace Atiende::Server {

class Dispatcher
{
public:
    using Handler
        = std::function<void(CallContext &caller, const QJsonObject &params, const Reply &reply)>;

    // Who may call a method. needsSession: refused before a sign-in; forLocal: what a local
    // administration session (auth.local, the admin commands) may call, besides what needs no
    // session. roles: the method is refused to the other roles with forbidden and the message
    // "Only <who> <what>." before anything else of it runs (params included).
    enum class Roles { Any, LeadsAndAdmins, Admins };
    struct Access
    {
        bool needsSession = true;
        bool forLocal = false;
        Roles roles = Roles::Any;
        QString what; // completes the forbidden message: "change business calendars"
    };
    static Access open() { return Access { false, false, Roles::Any, {} }; }
    static Access signedIn() { return Access { true, false, Roles::Any, {} }; }
    static Access signedInOrLocal() { return Access { true, true, Roles::Any, {} }; }
    static Access admins(const QString &what) { return Access { true, true, Roles::Admins, what }; }
    static Access leadsAndAdmins(const QString &what)
    {
        return Access { true, true, Roles::LeadsAndAdmins, what };
    }

    // A method that also takes binary messages (docs/protocol.md, "Binary frames"): the
    // payload's bytes stand for its params' data.
    using BinaryHandler = std::function<void(CallContext &caller, const QJsonObject &params,
        const BinaryPayload &payload, const Reply &reply)>;

    // Method names are unique: registering one twice is a programming error (asserted).
    void add(const QString &method, Access access, Handler handler);
    bool has(const QString &method) const { return m_methods.contains(method); }
    QStringList methods() const { return m_methods.keys(); }

    // Lets a registered method take binary messages too.
    void addBinary(const QString &method, BinaryHandler handler);

    // payload: the call came in a binary message. A method that takes none is refused
    // (invalid_request) before anything else of it runs.
    void dispatch(CallContext &caller, const QString &method, const QJsonObject &params,
        const Reply &reply, const BinaryPayload *payload = nullptr) const;

    // A handler that is a member function of a handler unit.
    template <class Unit>
    static Handler bind(
        Unit *unit, void (Unit::*fn)(CallContext &, const QJsonObject &, const Reply &))
    {
        return [unit, fn](CallContext &caller, const QJsonObject &params, const Reply &reply) {
            (unit->*fn)(caller, params, reply);
        };
    }

private:
    struct Method
    {
        Access access;
        Handler handler;
        BinaryHandler binary;
    };
    QHash<QString, Method> m_methods;
};

} // namespace Atiende::Server
