// The protocol codec on the frames atiended handles most: a tickets.create request coming in,
// its response and a sync.changed going out.

#include "server/store/changeset.h"

#include "core/domain/article.h"
#include "core/domain/ticket.h"
#include "core/domain/timestamp.h"
#include "core/protocol/jsonrpc.h"

#include <QJsonArray>

#include <benchmark/benchmark.h>

using namespace Atiende;
using Core::Protocol::JsonRpc;

namespace {

Core::Ticket typicalTicket()
{
    Core::Ticket t;
    t.id = 48213;
    t.number = QStringLiteral("INC-048213");
    t.type = Core::TicketType::Incident;
    t.subject = QStringLiteral("La VPN se desconecta cada pocos minutos desde la actualización");
    t.status = Core::TicketStatus::InProgress;
    t.impact = Core::Level::Medium;
    t.urgency = Core::Level::High;
    t.priority = Core::Priority::P2;
    t.channel = Core::Channel::Email;
    t.categoryId = 12;
    t.groupId = 2;
    t.assigneeId = 7;
    t.customerId = 311;
    t.organisationId = 18;
    t.createdBy = 7;
    t.createdAt = 1790000000000;
    t.updatedAt = 1790000360000;
    t.firstResponseAt = 1790000120000;
    t.version = 3;
    return t;
}

Core::Article typicalArticle()
{
    Core::Article a;
    a.id = 190233;
    a.ticketId = 48213;
    a.kind = Core::ArticleKind::PublicReply;
    a.authorCustomerId = 311;
    a.body = QStringLiteral("Hola, desde la actualización de ayer la VPN se corta cada cinco "
                            "minutos y pierdo la sesión "
                            "en el ERP. Ya reinicié el portátil. Adjunto captura del error 809.");
    a.createdAt = 1790000000000;
    return a;
}

QByteArray createRequestFrame()
{
    return JsonRpc::request(QJsonValue(1234.0), QStringLiteral("tickets.create"),
        { { QStringLiteral("type"), QStringLiteral("incident") },
            { QStringLiteral("subject"), typicalTicket().subject },
            { QStringLiteral("description"), typicalArticle().body },
            { QStringLiteral("impact"), QStringLiteral("medium") },
            { QStringLiteral("urgency"), QStringLiteral("high") },
            { QStringLiteral("opId"), QStringLiteral("5f0c2b8e-3d6a-4c1e-9a77-0b1f2e3d4c5b") } });
}

QJsonObject createResult()
{
    return { { QStringLiteral("ticket"), typicalTicket().toJson() },
        { QStringLiteral("articles"), QJsonArray { typicalArticle().toJson() } } };
}

void BM_JsonRpcParseRequest(benchmark::State &state)
{
    const QByteArray frame = createRequestFrame();
    for (auto _ : state) {
        Core::Protocol::RpcMessage m;
        Core::Protocol::RpcError e;
        QJsonValue id;
        benchmark::DoNotOptimize(JsonRpc::parse(frame, &m, &e, &id));
        benchmark::DoNotOptimize(m);
    }
    state.SetBytesProcessed(state.iterations() * frame.size());
}
BENCHMARK(BM_JsonRpcParseRequest);

// What a console does with each reply to tickets.create.
void BM_JsonRpcParseResponse(benchmark::State &state)
{
    const QByteArray frame = JsonRpc::response(QJsonValue(1234.0), createResult());
    for (auto _ : state) {
        Core::Protocol::RpcMessage m;
        Core::Protocol::RpcError e;
        QJsonValue id;
        benchmark::DoNotOptimize(JsonRpc::parse(frame, &m, &e, &id));
        benchmark::DoNotOptimize(m);
    }
    state.SetBytesProcessed(state.iterations() * frame.size());
}
BENCHMARK(BM_JsonRpcParseResponse);

// A ticket's wire form: built several times per tickets.create / tickets.update on the writer
// thread (the change for sync, the reply, the opId record), so its cost bounds tickets/s.
void BM_TicketToJson(benchmark::State &state)
{
    const Core::Ticket t = typicalTicket();
    for (auto _ : state)
        benchmark::DoNotOptimize(t.toJson());
}
BENCHMARK(BM_TicketToJson);

// One instant as the protocol writes it (ISO 8601 UTC with milliseconds); five per ticket.
void BM_TimestampToJson(benchmark::State &state)
{
    qint64 instant = 1790000000123;
    for (auto _ : state)
        benchmark::DoNotOptimize(Core::Timestamp::toJson(++instant));
}
BENCHMARK(BM_TimestampToJson);

// The server's reply to tickets.create, from the result object to the text frame it sends.
void BM_JsonRpcResponse(benchmark::State &state)
{
    const QJsonObject result = createResult();
    for (auto _ : state) {
        const QString frame = QString::fromUtf8(JsonRpc::response(QJsonValue(1234.0), result));
        benchmark::DoNotOptimize(frame);
    }
}
BENCHMARK(BM_JsonRpcResponse);

// What RpcServer::onCommitted does once per commit batch for each set of sessions that see the
// same changes: the changes to JSON, one notification frame, UTF-16 for QWebSocket. Argument:
// changes in the batch (1: the fan-out pace; 128: a busy group commit).
void BM_SyncChangedFrame(benchmark::State &state)
{
    const int n = int(state.range(0));
    QList<Server::Change> changes;
    for (int i = 0; i < n; ++i) {
        Server::Change c;
        c.rev = 1000 + i;
        c.entity = i % 2 ? QStringLiteral("article") : QStringLiteral("ticket");
        c.id = 48213 + i;
        c.data = i % 2 ? typicalArticle().toJson() : typicalTicket().toJson();
        changes << c;
    }
    qint64 bytes = 0;
    for (auto _ : state) {
        QJsonArray list;
        for (const Server::Change &c : std::as_const(changes))
            list.append(c.toJson());
        const QString frame
            = QString::fromUtf8(JsonRpc::notification(QStringLiteral("sync.changed"),
                { { QStringLiteral("revision"), double(1000 + n) },
                    { QStringLiteral("changes"), list } }));
        bytes = frame.size();
        benchmark::DoNotOptimize(frame);
    }
    state.counters[QStringLiteral("frame_chars").toStdString()] = double(bytes);
}
BENCHMARK(BM_SyncChangedFrame)->Arg(1)->Arg(16)->Arg(128);

} // namespace
