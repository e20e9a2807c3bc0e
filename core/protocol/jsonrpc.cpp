#include "jsonrpc.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Atiende::Core::Protocol {
namespace {
const QString kJsonRpc = QStringLiteral("jsonrpc");
const QString kId = QStringLiteral("id");
const QString kMethod = QStringLiteral("method");
const QString kParams = QStringLiteral("params");
const QString kResult = QStringLiteral("result");
const QString kError = QStringLiteral("error");

QByteArray serialize(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Ids are echoed in every answer: a long one would make each answer as long, so strings are
// bounded (kMaxIdLength).
bool validId(const QJsonValue &id)
{
    return (id.isString() && id.toString().size() <= JsonRpc::kMaxIdLength) || id.isDouble();
}
} // namespace

RpcError JsonRpc::makeError(ErrorCode code, const QString &message, const QJsonObject &data)
{
    RpcError e;
    e.code = code;
    e.message = message.isEmpty() ? defaultMessage(code) : message;
    e.data = data;
    e.data.insert(QStringLiteral("name"), errorName(code));
    return e;
}

bool JsonRpc::parse(const QByteArray &frame, RpcMessage *out, RpcError *error, QJsonValue *id)
{
    *id = QJsonValue(QJsonValue::Null);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // QJsonDocument reads only objects and arrays; a bare scalar (42, "x", null) is
        // valid JSON all the same, and so not a parse error but a wrong request.
        QJsonParseError inner;
        if (QJsonDocument::fromJson("[" + frame + "]", &inner).isArray()
            && inner.error == QJsonParseError::NoError) {
            *error = makeError(
                ErrorCode::InvalidRequest, QStringLiteral("A frame must hold a JSON object."));
            return false;
        }
        *error = makeError(ErrorCode::ParseError,
            QStringLiteral("The frame is not valid JSON: %1 at offset %2.")
                .arg(pe.errorString())
                .arg(pe.offset));
        return false;
    }
    if (doc.isArray()) {
        *error = makeError(ErrorCode::InvalidRequest,
            QStringLiteral("Batches are not supported; send one message per frame."));
        return false;
    }
    if (!doc.isObject()) {
        *error = makeError(
            ErrorCode::InvalidRequest, QStringLiteral("A frame must hold a JSON object."));
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonValue idValue = o.value(kId);
    if (validId(idValue))
        *id = idValue;
    if (o.value(kJsonRpc).toString() != QLatin1String("2.0")) {
        *error
            = makeError(ErrorCode::InvalidRequest, QStringLiteral("\"jsonrpc\" must be \"2.0\"."));
        return false;
    }
    // JSON-RPC 2.0 gives an error about a request that could not be read the id null, and
    // that is what error() writes then; anywhere else an id is a string or a number.
    const bool errorAboutUnreadRequest
        = idValue.isNull() && o.contains(kError) && !o.contains(kMethod) && !o.contains(kResult);
    if (!idValue.isUndefined() && !validId(idValue) && !errorAboutUnreadRequest) {
        *error = makeError(ErrorCode::InvalidRequest,
            QStringLiteral("\"id\" must be a number or a string of at most %1 characters.")
                .arg(kMaxIdLength));
        return false;
    }

    RpcMessage m;
    m.id = idValue;
    if (o.contains(kMethod)) {
        const QJsonValue method = o.value(kMethod);
        if (!method.isString() || method.toString().isEmpty()) {
            *error = makeError(ErrorCode::InvalidRequest,
                QStringLiteral("\"method\" must be a non-empty string."));
            return false;
        }
        m.method = method.toString();
        const QJsonValue params = o.value(kParams);
        if (!params.isUndefined() && !params.isObject()) {
            *error = makeError(ErrorCode::InvalidRequest,
                QStringLiteral("\"params\" must be an object (by-name parameters)."));
            return false;
        }
        m.params = params.toObject();
        m.kind = idValue.isUndefined() ? RpcMessage::Kind::Notification : RpcMessage::Kind::Request;
    } else if (o.contains(kResult) && validId(idValue)) {
        m.kind = RpcMessage::Kind::Response;
        m.result = o.value(kResult);
    } else if (o.contains(kError)) {
        const QJsonObject e = o.value(kError).toObject();
        m.kind = RpcMessage::Kind::ErrorResponse;
        m.error.code = static_cast<ErrorCode>(e.value(QStringLiteral("code")).toInt());
        m.error.message = e.value(QStringLiteral("message")).toString();
        m.error.data = e.value(QStringLiteral("data")).toObject();
    } else {
        *error = makeError(ErrorCode::InvalidRequest,
            QStringLiteral("A message needs \"method\", \"result\" or \"error\"."));
        return false;
    }
    *out = m;
    return true;
}

QByteArray JsonRpc::request(const QJsonValue &id, const QString &method, const QJsonObject &params)
{
    return serialize({ { kJsonRpc, QStringLiteral("2.0") }, { kId, id }, { kMethod, method },
        { kParams, params } });
}

QByteArray JsonRpc::quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // without the brackets
}

QByteArray JsonRpc::notification(const QString &method, const QJsonObject &params)
{
    return serialize(
        { { kJsonRpc, QStringLiteral("2.0") }, { kMethod, method }, { kParams, params } });
}

QByteArray JsonRpc::response(const QJsonValue &id, const QJsonValue &result)
{
    return serialize({ { kJsonRpc, QStringLiteral("2.0") }, { kId, id }, { kResult, result } });
}

QByteArray JsonRpc::error(const QJsonValue &id, const RpcError &e)
{
    QJsonObject err { { QStringLiteral("code"), static_cast<int>(e.code) },
        { QStringLiteral("message"), e.message } };
    QJsonObject data = e.data;
    if (!data.contains(QStringLiteral("name")))
        data.insert(QStringLiteral("name"), errorName(e.code));
    err.insert(QStringLiteral("data"), data);
    return serialize({ { kJsonRpc, QStringLiteral("2.0") },
        { kId, id.isUndefined() ? QJsonValue(QJsonValue::Null) : id }, { kError, err } });
}

} // namespace Atiende::Core::Protocol
