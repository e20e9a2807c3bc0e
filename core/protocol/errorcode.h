#pragma once
// Every error the protocol can return, with its stable number and name. Numbers -32700..-32600
// are JSON-RPC 2.0's own; -32000..-32099 are ours. Append-only: never renumber or rename.
// docs/protocol.md lists the same table; tst_protocol_codec checks they agree.

#include <QJsonObject>
#include <QString>

namespace Atiende::Core::Protocol {

enum class ErrorCode : int {
    // JSON-RPC 2.0
    ParseError = -32700, // the frame is not JSON
    InvalidRequest = -32600, // JSON, but not a JSON-RPC 2.0 request object
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    // Atiende
    UnsupportedProtocol = -32001, // hello asked for a protocol version this server does not speak
    HelloRequired = -32002, // a call before hello
    Unauthenticated = -32003, // a call that needs a session before auth.login / auth.resume
    InvalidCredentials = -32004, // wrong user or password
    RateLimited = -32005, // too many failed logins; data.retryAfterMs says when to try
    SessionExpired = -32006, // the token was valid once and has expired or was revoked
    Forbidden = -32010, // the caller's role or groups do not allow it
    NotFound = -32011,
    VersionConflict = -32012, // the entity changed since the base version; data says how
    InvalidTransition = -32013, // the ticket lifecycle does not allow that status change
    ValidationFailed = -32014, // well-typed params that break a rule (empty subject...)
    FrameTooLarge = -32020, // sent just before the server closes the connection
    Busy = -32021, // the server is shutting down or overloaded; try again
};

QString errorName(ErrorCode code); // "forbidden", "version_conflict"...
QString defaultMessage(ErrorCode code); // English, for logs and third-party clients
bool isKnownErrorCode(int code);

// An error's data naming the parameter to blame (`field`), with more of what went wrong; what
// validation_failed and some invalid_params carry, so a client can point at the input.
QJsonObject onField(const QString &field, QJsonObject more = {});

} // namespace Atiende::Core::Protocol
