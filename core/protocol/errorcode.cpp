#include "errorcode.h"

namespace Atiende::Core::Protocol {
namespace {
struct Entry
{
    ErrorCode code;
    const char *name;
    const char *message;
};
constexpr Entry kEntries[] = {
    { ErrorCode::ParseError, "parse_error", "The frame is not valid JSON." },
    { ErrorCode::InvalidRequest, "invalid_request",
        "The frame is not a JSON-RPC 2.0 request object." },
    { ErrorCode::MethodNotFound, "method_not_found", "There is no such method." },
    { ErrorCode::InvalidParams, "invalid_params",
        "The parameters are missing or of the wrong type." },
    { ErrorCode::InternalError, "internal_error", "The server failed to process the request." },
    { ErrorCode::UnsupportedProtocol, "unsupported_protocol",
        "This server does not speak that protocol version." },
    { ErrorCode::HelloRequired, "hello_required", "Send hello before any other request." },
    { ErrorCode::Unauthenticated, "unauthenticated", "Log in first (auth.login or auth.resume)." },
    { ErrorCode::InvalidCredentials, "invalid_credentials", "Wrong user name or password." },
    { ErrorCode::RateLimited, "rate_limited",
        "Too many failed attempts; wait before trying again." },
    { ErrorCode::SessionExpired, "session_expired",
        "The session has expired or was revoked; log in again." },
    { ErrorCode::Forbidden, "forbidden", "You are not allowed to do that." },
    { ErrorCode::NotFound, "not_found", "No such entity." },
    { ErrorCode::VersionConflict, "version_conflict",
        "Someone else changed it since you loaded it." },
    { ErrorCode::InvalidTransition, "invalid_transition", "That status change is not allowed." },
    { ErrorCode::ValidationFailed, "validation_failed", "The values break a rule." },
    { ErrorCode::FrameTooLarge, "frame_too_large", "The frame exceeds the size limit." },
    { ErrorCode::Busy, "busy", "The server cannot take the request now; try again." },
};
const Entry *find(ErrorCode code)
{
    for (const Entry &e : kEntries) {
        if (e.code == code)
            return &e;
    }
    return nullptr;
}
} // namespace

QString errorName(ErrorCode code)
{
    const Entry *e = find(code);
    return e ? QString::fromLatin1(e->name) : QStringLiteral("unknown");
}

QString defaultMessage(ErrorCode code)
{
    const Entry *e = find(code);
    return e ? QString::fromLatin1(e->message) : QString();
}

bool isKnownErrorCode(int code)
{
    return find(static_cast<ErrorCode>(code)) != nullptr;
}

QJsonObject onField(const QString &field, QJsonObject more)
{
    more.insert(QStringLiteral("field"), field);
    return more;
}

} // namespace Atiende::Core::Protocol
