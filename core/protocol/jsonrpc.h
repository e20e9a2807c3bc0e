#pragma once
// JSON-RPC 2.0 framing: parse one text frame into a message, and build the frames we send.
// One message per frame; batches are not part of protocol v1.

#include "errorcode.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Atiende::Core::Protocol {

struct RpcError
{
    ErrorCode code = ErrorCode::InternalError;
    QString message;
    QJsonObject data; // always carries "name"; may carry details
};

struct RpcMessage
{
    enum class Kind { Request, Notification, Response, ErrorResponse };
    Kind kind = Kind::Request;
    QJsonValue id; // string or number for requests and responses; undefined for notifications
    QString method;
    QJsonObject params; // by-name params only
    QJsonValue result;
    RpcError error;
};

class JsonRpc
{
public:
    static constexpr int kMaxIdLength = 128; // characters of a string id
    // Parses a frame. On failure fills *error (ParseError or InvalidRequest) and *id with the
    // request id when one could be read, so the reply can echo it.
    static bool parse(const QByteArray &frame, RpcMessage *out, RpcError *error, QJsonValue *id);

    static QByteArray request(
        const QJsonValue &id, const QString &method, const QJsonObject &params);
    static QByteArray notification(const QString &method, const QJsonObject &params);
    // A text as a JSON string literal, quotes and escapes included.
    static QByteArray quoted(const QString &text);
    static QByteArray response(const QJsonValue &id, const QJsonValue &result);
    static QByteArray error(const QJsonValue &id, const RpcError &error);

    static RpcError makeError(ErrorCode code, const QString &message = QString(),
        const QJsonObject &data = QJsonObject());
};

} // namespace Atiende::Core::Protocol
