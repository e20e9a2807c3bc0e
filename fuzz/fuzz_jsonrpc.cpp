// JsonRpc::parse on any frame a peer can send. Besides "no crash": a refused frame gets
// ParseError or InvalidRequest with an id that can be echoed, and the error reply we would
// send parses back as that error; an accepted message, built again with our own
// request/notification/response/error writers, parses back to the same message.

#include "fuzzsupport.h"

#include "core/protocol/jsonrpc.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Atiende::Core::Protocol;

namespace {

QString describe(const QJsonValue &v)
{
    if (v.isUndefined())
        return QStringLiteral("undefined");
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

RpcMessage reparse(const QByteArray &frame)
{
    RpcMessage m;
    RpcError error;
    QJsonValue id;
    FUZZ_CHECK(JsonRpc::parse(frame, &m, &error, &id),
        QStringLiteral("our own frame is refused: ") + QString::fromUtf8(frame)
            + QStringLiteral(" -> ") + error.message);
    return m;
}

void checkErrorReply(const QJsonValue &id, const RpcError &error)
{
    const QByteArray frame = JsonRpc::error(id, error);
    const RpcMessage back = reparse(frame);
    FUZZ_CHECK(back.kind == RpcMessage::Kind::ErrorResponse, QString::fromUtf8(frame));
    FUZZ_CHECK(back.error.code == error.code, QString::fromUtf8(frame));
    FUZZ_CHECK(back.error.message == error.message, QString::fromUtf8(frame));
    FUZZ_CHECK(back.error.data.value(QStringLiteral("name")).isString(), QString::fromUtf8(frame));
    const QJsonValue expectedId = id.isUndefined() ? QJsonValue(QJsonValue::Null) : id;
    FUZZ_CHECK(
        back.id == expectedId, describe(back.id) + QStringLiteral(" != ") + describe(expectedId));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Atiende::Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame = Atiende::Fuzz::rawBytes(data, size);
    RpcMessage m;
    RpcError error;
    QJsonValue id = QJsonValue(QStringLiteral("not set"));
    if (!JsonRpc::parse(frame, &m, &error, &id)) {
        FUZZ_CHECK(error.code == ErrorCode::ParseError || error.code == ErrorCode::InvalidRequest,
            QStringLiteral("code %1").arg(int(error.code)));
        FUZZ_CHECK(!error.message.isEmpty(), QString());
        FUZZ_CHECK(id.isNull() || id.isString() || id.isDouble(), describe(id));
        checkErrorReply(id, error);
        return 0;
    }
    // An id is a string or a number; null only on an error about an unreadable request.
    FUZZ_CHECK(m.id.isUndefined() || m.id.isString() || m.id.isDouble()
            || (m.id.isNull() && m.kind == RpcMessage::Kind::ErrorResponse),
        describe(m.id));
    switch (m.kind) {
    case RpcMessage::Kind::Request: {
        FUZZ_CHECK(!m.method.isEmpty() && !m.id.isUndefined(), m.method);
        const RpcMessage back = reparse(JsonRpc::request(m.id, m.method, m.params));
        FUZZ_CHECK(back.kind == RpcMessage::Kind::Request, m.method);
        FUZZ_CHECK(back.id == m.id, describe(back.id) + QStringLiteral(" != ") + describe(m.id));
        FUZZ_CHECK(back.method == m.method, back.method + QStringLiteral(" != ") + m.method);
        FUZZ_CHECK(back.params == m.params, QString::fromUtf8(QJsonDocument(back.params).toJson()));
        // What the server answers a request with echoes its id.
        const RpcMessage reply
            = reparse(JsonRpc::response(m.id, QJsonObject { { QStringLiteral("ok"), true } }));
        FUZZ_CHECK(
            reply.kind == RpcMessage::Kind::Response && reply.id == m.id, describe(reply.id));
        checkErrorReply(m.id, JsonRpc::makeError(ErrorCode::MethodNotFound));
        break;
    }
    case RpcMessage::Kind::Notification: {
        FUZZ_CHECK(!m.method.isEmpty() && m.id.isUndefined(), m.method);
        const RpcMessage back = reparse(JsonRpc::notification(m.method, m.params));
        FUZZ_CHECK(back.kind == RpcMessage::Kind::Notification, m.method);
        FUZZ_CHECK(back.method == m.method && back.params == m.params, m.method);
        break;
    }
    case RpcMessage::Kind::Response: {
        const RpcMessage back = reparse(JsonRpc::response(m.id, m.result));
        FUZZ_CHECK(back.kind == RpcMessage::Kind::Response, describe(m.id));
        FUZZ_CHECK(back.id == m.id, describe(back.id) + QStringLiteral(" != ") + describe(m.id));
        FUZZ_CHECK(back.result == m.result,
            describe(back.result) + QStringLiteral(" != ") + describe(m.result));
        break;
    }
    case RpcMessage::Kind::ErrorResponse:
        checkErrorReply(m.id, m.error);
        break;
    }
    return 0;
}
