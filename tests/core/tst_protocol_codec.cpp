// The JSON-RPC framing every client relies on, and the error table of docs/protocol.md.

#include "core/domain/ticket.h"
#include "core/protocol/binaryframe.h"
#include "core/protocol/jsonrpc.h"
#include "core/protocol/protocol.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace Atiende::Core;
using namespace Atiende::Core::Protocol;

class ProtocolCodecTest : public QObject
{
    Q_OBJECT
private slots:
    void badFramesGetTheirOwnError_data();
    void badFramesGetTheirOwnError();
    void aRequestIsReadWithItsIdAndParams();
    void aNotificationHasNoId();
    void aBinaryMessageSplitsIntoItsJsonAndBytes();
    void responsesAndErrorsRoundTrip();
    void errorsAlwaysCarryTheirName();
    void anErrorAboutAnUnreadableFrameIsReadWithItsNullId();
    void theErrorTableOfTheDocumentMatchesTheCode();
    void ticketsSurviveTheWire();
};

void ProtocolCodecTest::badFramesGetTheirOwnError_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("code");
    QTest::addColumn<QJsonValue>("echoedId");
    const QJsonValue null(QJsonValue::Null);
    QTest::newRow("not json") << QByteArray("{oops") << int(ErrorCode::ParseError) << null;
    QTest::newRow("truncated") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"hel)")
                               << int(ErrorCode::ParseError) << null;
    QTest::newRow("a number") << QByteArray("42") << int(ErrorCode::InvalidRequest) << null;
    QTest::newRow("a string") << QByteArray("\"hello\"") << int(ErrorCode::InvalidRequest) << null;
    QTest::newRow("null") << QByteArray("null") << int(ErrorCode::InvalidRequest) << null;
    QTest::newRow("two objects") << QByteArray("{}{}") << int(ErrorCode::ParseError) << null;
    QTest::newRow("a batch") << QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"hello"}])")
                             << int(ErrorCode::InvalidRequest) << null;
    QTest::newRow("no version") << QByteArray(R"({"id":3,"method":"hello"})")
                                << int(ErrorCode::InvalidRequest) << QJsonValue(3);
    QTest::newRow("old version") << QByteArray(R"({"jsonrpc":"1.0","id":"a","method":"hello"})")
                                 << int(ErrorCode::InvalidRequest)
                                 << QJsonValue(QStringLiteral("a"));
    QTest::newRow("method a number") << QByteArray(R"({"jsonrpc":"2.0","id":4,"method":7})")
                                     << int(ErrorCode::InvalidRequest) << QJsonValue(4);
    QTest::newRow("empty method") << QByteArray(R"({"jsonrpc":"2.0","id":4,"method":""})")
                                  << int(ErrorCode::InvalidRequest) << QJsonValue(4);
    QTest::newRow("positional params")
        << QByteArray(R"({"jsonrpc":"2.0","id":5,"method":"hello","params":[1]})")
        << int(ErrorCode::InvalidRequest) << QJsonValue(5);
    QTest::newRow("id an object") << QByteArray(R"({"jsonrpc":"2.0","id":{},"method":"hello"})")
                                  << int(ErrorCode::InvalidRequest) << null;
    QTest::newRow("nothing to do") << QByteArray(R"({"jsonrpc":"2.0","id":6})")
                                   << int(ErrorCode::InvalidRequest) << QJsonValue(6);
}

void ProtocolCodecTest::badFramesGetTheirOwnError()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, code);
    QFETCH(QJsonValue, echoedId);
    RpcMessage m;
    RpcError e;
    QJsonValue id;
    QVERIFY(!JsonRpc::parse(frame, &m, &e, &id));
    QCOMPARE(int(e.code), code);
    QCOMPARE(id, echoedId);
    QVERIFY(!e.message.isEmpty());
    // The reply to it is a well-formed error response.
    const QJsonObject reply = QJsonDocument::fromJson(JsonRpc::error(id, e)).object();
    QCOMPARE(reply.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
    QCOMPARE(reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
        code);
}

void ProtocolCodecTest::aRequestIsReadWithItsIdAndParams()
{
    RpcMessage m;
    RpcError e;
    QJsonValue id;
    QVERIFY(JsonRpc::parse(
        R"({"jsonrpc":"2.0","id":"req-1","method":"tickets.get","params":{"id":12}})", &m, &e,
        &id));
    QCOMPARE(m.kind, RpcMessage::Kind::Request);
    QCOMPARE(m.id.toString(), QStringLiteral("req-1"));
    QCOMPARE(m.method, QStringLiteral("tickets.get"));
    QCOMPARE(m.params.value(QStringLiteral("id")).toInt(), 12);
}

void ProtocolCodecTest::aNotificationHasNoId()
{
    const QByteArray frame = JsonRpc::notification(
        QStringLiteral("sync.changed"), { { QStringLiteral("revision"), 5 } });
    RpcMessage m;
    RpcError e;
    QJsonValue id;
    QVERIFY(JsonRpc::parse(frame, &m, &e, &id));
    QCOMPARE(m.kind, RpcMessage::Kind::Notification);
    QVERIFY(m.id.isUndefined());
    QCOMPARE(m.params.value(QStringLiteral("revision")).toInt(), 5);
}

void ProtocolCodecTest::responsesAndErrorsRoundTrip()
{
    RpcMessage m;
    RpcError e;
    QJsonValue id;
    QVERIFY(JsonRpc::parse(
        JsonRpc::response(7, QJsonObject { { QStringLiteral("ok"), true } }), &m, &e, &id));
    QCOMPARE(m.kind, RpcMessage::Kind::Response);
    QCOMPARE(m.result.toObject().value(QStringLiteral("ok")).toBool(), true);

    const RpcError conflict = JsonRpc::makeError(ErrorCode::VersionConflict, QString(),
        { { QStringLiteral("field"), QStringLiteral("status") } });
    QVERIFY(JsonRpc::parse(JsonRpc::error(8, conflict), &m, &e, &id));
    QCOMPARE(m.kind, RpcMessage::Kind::ErrorResponse);
    QCOMPARE(m.error.code, ErrorCode::VersionConflict);
    QCOMPARE(m.error.data.value(QStringLiteral("field")).toString(), QStringLiteral("status"));
    QCOMPARE(
        m.error.data.value(QStringLiteral("name")).toString(), QStringLiteral("version_conflict"));
}

void ProtocolCodecTest::errorsAlwaysCarryTheirName()
{
    RpcError e;
    e.code = ErrorCode::Forbidden;
    e.message = QStringLiteral("no");
    const QJsonObject reply = QJsonDocument::fromJson(JsonRpc::error(QJsonValue(), e)).object();
    QCOMPARE(reply.value(QStringLiteral("id")), QJsonValue(QJsonValue::Null));
    QCOMPARE(reply.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("forbidden"));
}

// Found by fuzz/fuzz_jsonrpc: the reply to a frame that is not JSON has the id null (as
// JSON-RPC 2.0 says), and parse() refused our own reply as a request with a bad id.
void ProtocolCodecTest::anErrorAboutAnUnreadableFrameIsReadWithItsNullId()
{
    RpcMessage m;
    RpcError e;
    QJsonValue id;
    QVERIFY(!JsonRpc::parse("{oops", &m, &e, &id));
    const QByteArray reply = JsonRpc::error(id, e);
    QVERIFY2(JsonRpc::parse(reply, &m, &e, &id), qPrintable(e.message));
    QCOMPARE(m.kind, RpcMessage::Kind::ErrorResponse);
    QCOMPARE(m.error.code, ErrorCode::ParseError);
    QCOMPARE(m.id, QJsonValue(QJsonValue::Null));

    // Only an error may have a null id: a request or a response with one is still refused.
    QVERIFY(!JsonRpc::parse(R"({"jsonrpc":"2.0","id":null,"method":"hello"})", &m, &e, &id));
    QCOMPARE(e.code, ErrorCode::InvalidRequest);
    QVERIFY(!JsonRpc::parse(R"({"jsonrpc":"2.0","id":null,"result":1})", &m, &e, &id));
    QCOMPARE(e.code, ErrorCode::InvalidRequest);
}

void ProtocolCodecTest::theErrorTableOfTheDocumentMatchesTheCode()
{
    QFile doc(qEnvironmentVariable("ATIENDE_SOURCE_DIR") + QStringLiteral("/docs/protocol.md"));
    QVERIFY2(doc.open(QIODevice::ReadOnly), "docs/protocol.md is missing");
    const QString text = QString::fromUtf8(doc.readAll());
    static const QRegularExpression row(QStringLiteral("^\\| (-32\\d\\d\\d) \\| `([a-z_]+)` \\|"),
        QRegularExpression::MultilineOption);
    int rows = 0;
    for (auto it = row.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int code = m.captured(1).toInt();
        QVERIFY2(isKnownErrorCode(code),
            qPrintable(QStringLiteral("documented code %1 is unknown to the code").arg(code)));
        QCOMPARE(errorName(ErrorCode(code)), m.captured(2));
        ++rows;
    }
    // Every code the server can send is documented.
    const int all[] = { -32700, -32600, -32601, -32602, -32603, -32001, -32002, -32003, -32004,
        -32005, -32006, -32010, -32011, -32012, -32013, -32014, -32020, -32021 };
    for (int code : all)
        QVERIFY2(isKnownErrorCode(code) && text.contains(QStringLiteral("| %1 |").arg(code)),
            qPrintable(QString::number(code)));
    QCOMPARE(rows, int(std::size(all)));
}

void ProtocolCodecTest::ticketsSurviveTheWire()
{
    Ticket t;
    t.id = 42;
    t.number = QStringLiteral("REQ-000042");
    t.type = TicketType::ServiceRequest;
    t.subject = QStringLiteral("Alta de empleada: «Núria» 😀 ' OR 1=1 --");
    t.status = TicketStatus::PendingThirdParty;
    t.impact = Level::Low;
    t.urgency = Level::High;
    t.priority = Priority::P3;
    t.channel = Channel::Portal;
    t.groupId = 3;
    t.assigneeId = 9;
    t.customerId = 77;
    t.createdAt = 1767225600123;
    t.updatedAt = 1767225700456;
    t.resolvedAt = 0;
    t.version = 4;
    const QByteArray wire = QJsonDocument(t.toJson()).toJson();
    const Ticket back = Ticket::fromJson(QJsonDocument::fromJson(wire).object());
    QCOMPARE(back.subject, t.subject);
    QVERIFY(back == t);
    QVERIFY(t.toJson().value(QStringLiteral("resolvedAt")).isNull());
    QCOMPARE(t.toJson().value(QStringLiteral("createdAt")).toString(),
        QStringLiteral("2026-01-01T00:00:00.123Z"));
}

void ProtocolCodecTest::aBinaryMessageSplitsIntoItsJsonAndBytes()
{
    using namespace Atiende::Core::Protocol;
    const QByteArray json = R"({"jsonrpc":"2.0","id":1,"method":"files.read"})";
    const QByteArray bytes("\0\1\2\xff", 4);
    const QByteArray message = BinaryFrame::make(json, bytes);
    QCOMPARE(message.left(4), QByteArray("\0\0\0\x2e", 4)); // 46, big-endian
    QByteArray header;
    qsizetype offset = 0;
    QString why;
    QVERIFY(BinaryFrame::split(message, &header, &offset, &why));
    QCOMPARE(header, json);
    QCOMPARE(message.mid(offset), bytes);
    QVERIFY(BinaryFrame::split(BinaryFrame::make(json, {}), &header, &offset, &why));
    QCOMPARE(offset, 4 + json.size());
    // Too short, a length past the end, a length over the limit.
    QVERIFY(!BinaryFrame::split(QByteArray("\0\0\0", 3), &header, &offset, &why));
    QVERIFY(!why.isEmpty());
    QVERIFY(!BinaryFrame::split(message.left(20), &header, &offset, &why));
    QByteArray huge = BinaryFrame::make(QByteArray(kMaxBinaryHeaderBytes + 1, ' '), {});
    QVERIFY(!BinaryFrame::split(huge, &header, &offset, &why));
}

QTEST_APPLESS_MAIN(ProtocolCodecTest)
#include "tst_protocol_codec.moc"
