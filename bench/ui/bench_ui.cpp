// The console's text against the target: opening a ticket with 200 articles under
// 100 ms. The conversation is made up the way a service desk's are: customers' e-mails (some
// quoting the previous message), agents' replies with steps, links and commands, internal
// notes with pasted logs, JSON and PowerShell, and the system's events in between.
//
//   atiende-ui-bench                                    # everything
//   atiende-ui-bench --benchmark_filter=Timeline        # the timeline only
//
// Runs on an offscreen QApplication unless QT_QPA_PLATFORM says otherwise. The timeline is a
// shown 760 x 900 widget, so the figures include laying the whole document out at its real
// width (what opening a ticket costs before the first frame); "AndPaint" adds painting the
// visible part.

#include "ui/text/builtinhighlighter.h"
#include "ui/text/markdownrenderer.h"
#include "ui/ticket/timelineview.h"

#include <benchmark/benchmark.h>

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QPixmap>
#include <QRandomGenerator>
#include <QTextDocument>
#include <QTextDocumentFragment>

using namespace Atiende::Ui;

namespace {

const char *const kCustomer[] = {
    "Hola, desde esta mañana no puedo conectarme a la VPN desde casa. Me sale un error de "
    "certificado y no sé si es cosa mía.",
    "Buenos días. Outlook me pide la contraseña cada pocos minutos desde que la cambié ayer. La "
    "escribo bien y vuelve a pedirla.",
    "Hi, the printer on the **second floor** keeps jamming and now it shows *Error 50.2*. Could "
    "someone have a look?",
    "I tried what you said but it still fails. I attach the screenshot "
    "![error](https://files.example/err.png) of the message.",
    "Necesito acceso a la carpeta compartida de Finanzas para cerrar el trimestre antes del "
    "viernes.",
    "Thanks, it works now. One more thing: the laptop fan is very loud since the last update.",
};
const char *const kQuote = "\n\n> El lun, 3 mar 2026 a las 10:02, Soporte <soporte@desk.example> "
                           "escribió:\n> ¿Puedes decirnos qué versión de Windows usas?\n> Gracias.";
const char *const kAgent[] = {
    "Hola Núria, gracias por avisar. Vamos a probar lo siguiente:\n\n1. Abre **Configuración** > "
    "*Red e Internet*\n2. Pulsa en `VPN` y borra el perfil\n"
    "3. Vuelve a instalarlo desde la [guía de la VPN](https://kb.example/vpn)\n\nSi sigue "
    "fallando, avísanos.",
    "Hi Tom, I've reset your password. Please sign in at https://portal.example and choose a new "
    "one. It must have **12 characters** at least.",
    "Could you run this and send us the output?\n\n```powershell\nGet-ChildItem "
    "$env:LOCALAPPDATA\\Microsoft\\Outlook -Recurse | Remove-Item -Force\n"
    "ipconfig /flushdns\n```",
    "Hemos reiniciado el servicio de impresión. Prueba ahora, por favor, y dinos si el problema "
    "continúa.",
};
const char *const kNote[] = {
    "Same as INC-000812: the token expires after 3600 s. Escalating if it happens again.",
    "Customer is VIP (CFO). Keep them posted every hour.",
    "Checked the switch port: no errors. Cable replaced by facilities.",
};

QString logMessage(QRandomGenerator &rng)
{
    switch (rng.bounded(5)) {
    case 0:
        return QStringLiteral("login ana from 10.0.%1.%2")
            .arg(rng.bounded(255))
            .arg(rng.bounded(255));
    case 1:
        return QStringLiteral("LDAP bind failed: \"invalid credentials\" (code 49)");
    case 2:
        return QStringLiteral("retry %1/3 in 500ms").arg(1 + rng.bounded(3));
    case 3:
        return QStringLiteral("session %1 expired after 3600s").arg(rng.bounded(100000));
    default:
        return QStringLiteral("GET /api/tickets?page=%1 200 %2ms")
            .arg(rng.bounded(50))
            .arg(rng.bounded(300));
    }
}

QString logBlock(QRandomGenerator &rng, int lines)
{
    static const char *const levels[] = { "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR" };
    QString out = QStringLiteral("```log\n");
    for (int i = 0; i < lines; ++i) {
        out += QStringLiteral("2026-03-05 10:%1:%2,%3 %4 [auth] ")
                   .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                   .arg(i % 60, 2, 10, QLatin1Char('0'))
                   .arg(rng.bounded(1000), 3, 10, QLatin1Char('0'))
                   .arg(QLatin1String(levels[rng.bounded(5)]));
        out += logMessage(rng) + QLatin1Char('\n');
    }
    return out + QStringLiteral("```");
}

QString jsonBlock(QRandomGenerator &rng)
{
    return QStringLiteral("```json\n{\n  \"error\": \"invalid_grant\",\n  \"error_description\": "
                          "\"AADSTS50173: The provided grant has expired\",\n"
                          "  \"timestamp\": \"2026-03-05 10:%1:00Z\",\n  \"trace_id\": "
                          "\"3f1c9a2e-8b4d-4c1e-9f2a-%2\",\n  \"retry\": true\n}\n```")
        .arg(rng.bounded(60), 2, 10, QLatin1Char('0'))
        .arg(rng.bounded(1000000), 12, 10, QLatin1Char('0'));
}

QJsonObject article(qint64 ticket, qint64 id, const QString &kind, const QString &body,
    qint64 agent, qint64 customer, const QJsonObject &data = {})
{
    QJsonObject a { { QStringLiteral("id"), double(id) },
        { QStringLiteral("ticketId"), double(ticket) }, { QStringLiteral("kind"), kind },
        { QStringLiteral("authorAgentId"),
            agent ? QJsonValue(double(agent)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("authorCustomerId"),
            customer ? QJsonValue(double(customer)) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("body"), body },
        { QStringLiteral("createdAt"),
            QStringLiteral("2026-03-%1T%2:%3:00.000Z")
                .arg(1 + id / 48 % 28, 2, 10, QLatin1Char('0'))
                .arg(id / 2 % 24, 2, 10, QLatin1Char('0'))
                .arg(id % 60, 2, 10, QLatin1Char('0')) } };
    if (!data.isEmpty())
        a.insert(QStringLiteral("data"), data);
    return a;
}

// A ticket's conversation of n entries: about 40 % customer e-mails, 25 % agent replies,
// 15 % internal notes (a third of them with a log, JSON or commands) and 20 % events.
QJsonArray conversation(qint64 ticket, int n)
{
    QRandomGenerator rng(quint32(ticket * 7919));
    QJsonArray out;
    for (int i = 1; i <= n; ++i) {
        const int roll = int(rng.bounded(100));
        if (roll < 40) {
            QString body = QString::fromUtf8(kCustomer[rng.bounded(int(std::size(kCustomer)))]);
            if (rng.bounded(3) == 0)
                body += QString::fromUtf8(kQuote);
            out.append(article(ticket, i, QStringLiteral("reply"), body, 0, 9));
        } else if (roll < 65) {
            out.append(article(ticket, i, QStringLiteral("reply"),
                QString::fromUtf8(kAgent[rng.bounded(int(std::size(kAgent)))]), 2, 0));
        } else if (roll < 80) {
            QString body = QString::fromUtf8(kNote[rng.bounded(int(std::size(kNote)))]);
            const int extra = int(rng.bounded(3));
            if (extra == 0)
                body += QStringLiteral("\n\n") + logBlock(rng, 10 + int(rng.bounded(30)));
            else if (extra == 1)
                body += QStringLiteral("\n\n") + jsonBlock(rng);
            out.append(article(ticket, i, QStringLiteral("note"), body, 3, 0));
        } else {
            const QJsonObject data = rng.bounded(4) == 0
                ? QJsonObject { { QStringLiteral("sla"),
                    QJsonObject { { QStringLiteral("clock"), QStringLiteral("resolution") },
                        { QStringLiteral("state"), QStringLiteral("warning") },
                        { QStringLiteral("dueAt"),
                            QStringLiteral("2026-03-06T10:00:00.000Z") } } } }
                : QJsonObject { { QStringLiteral("changes"),
                    QJsonArray {
                        QJsonObject { { QStringLiteral("field"), QStringLiteral("status") },
                            { QStringLiteral("from"), QStringLiteral("assigned") },
                            { QStringLiteral("to"), QStringLiteral("in_progress") } },
                        QJsonObject { { QStringLiteral("field"), QStringLiteral("assigneeId") },
                            { QStringLiteral("from"), QJsonValue::Null },
                            { QStringLiteral("to"), 2 } } } } };
            out.append(article(ticket, i, QStringLiteral("event"),
                QStringLiteral("status: assigned → in_progress"), 2, 0, data));
        }
    }
    return out;
}

QString names(const QString &kind, qint64 id)
{
    if (kind == QLatin1String("agent"))
        return id == 2 ? QStringLiteral("Ana López") : QStringLiteral("Bruno Díaz");
    if (kind == QLatin1String("customer"))
        return QStringLiteral("Núria Peña");
    return QStringLiteral("Service Desk");
}

std::unique_ptr<TimelineView> shownTimeline()
{
    auto view = std::make_unique<TimelineView>();
    view->setEntityResolver(names);
    view->resize(760, 900);
    view->show();
    QApplication::processEvents();
    return view;
}

// The timeline takes typed articles, as Workspace::conversation() gives them.
QList<Atiende::Core::Article> typed(const QJsonArray &json)
{
    QList<Atiende::Core::Article> out;
    for (const QJsonValue &v : json)
        out << Atiende::Core::Article::fromJson(v.toObject());
    return out;
}

qsizetype characters(const QJsonArray &articles)
{
    qsizetype n = 0;
    for (const QJsonValue &a : articles)
        n += a.toObject().value(QStringLiteral("body")).toString().size();
    return n;
}

// Opening a ticket: the whole conversation rendered and laid out at the widget's width.
void BM_TimelineOpen(benchmark::State &state)
{
    const int n = int(state.range(0));
    const QJsonArray json = conversation(1, n);
    const QList<Atiende::Core::Article> tickets[] = { typed(json), typed(conversation(2, n)) };
    auto view = shownTimeline();
    int which = 0;
    for (auto _ : state) {
        view->setArticles(tickets[which]); // another ticket each time: everything is rendered
        which ^= 1;
    }
    state.counters["articles"] = n;
    state.counters["chars"] = double(characters(json));
}
BENCHMARK(BM_TimelineOpen)->Arg(20)->Arg(200)->Unit(benchmark::kMillisecond);

// The same and the first paint of what is in view.
void BM_TimelineOpenAndPaint(benchmark::State &state)
{
    const int n = int(state.range(0));
    const QList<Atiende::Core::Article> tickets[]
        = { typed(conversation(1, n)), typed(conversation(2, n)) };
    auto view = shownTimeline();
    int which = 0;
    for (auto _ : state) {
        view->setArticles(tickets[which]);
        const QPixmap frame = view->viewport()->grab();
        benchmark::DoNotOptimize(frame.cacheKey());
        which ^= 1;
    }
    state.counters["articles"] = n;
}
BENCHMARK(BM_TimelineOpenAndPaint)->Arg(200)->Unit(benchmark::kMillisecond);

// A new entry arriving in an open ticket of 200: only it is rendered.
void BM_TimelineAppendOne(benchmark::State &state)
{
    const QList<Atiende::Core::Article> base = typed(conversation(1, 200));
    QList<Atiende::Core::Article> more = base;
    more.append(Atiende::Core::Article::fromJson(
        article(1, 1000, QStringLiteral("reply"), QString::fromUtf8(kCustomer[0]), 0, 9)));
    auto view = shownTimeline();
    view->setArticles(base);
    bool grown = false;
    for (auto _ : state) {
        view->setArticles(grown ? base : more); // back and forth: one entry removed or added
        grown = !grown;
    }
}
BENCHMARK(BM_TimelineAppendOne)->Unit(benchmark::kMicrosecond);

// One article's Markdown to a fragment, averaged over a 200-article conversation.
void BM_MarkdownArticle(benchmark::State &state)
{
    const QJsonArray articles = conversation(1, 200);
    MarkdownRenderer renderer;
    qsizetype i = 0;
    for (auto _ : state) {
        const QTextDocumentFragment f = renderer.renderFragment(
            articles.at(i).toObject().value(QStringLiteral("body")).toString());
        benchmark::DoNotOptimize(f.isEmpty());
        i = (i + 1) % articles.size();
    }
}
BENCHMARK(BM_MarkdownArticle)->Unit(benchmark::kMicrosecond);

// The built-in highlighter on a pasted log.
void BM_HighlightLog(benchmark::State &state)
{
    QRandomGenerator rng(5);
    QString log = logBlock(rng, int(state.range(0)));
    log = log.mid(7, log.size() - 10); // without the fence
    BuiltinHighlighter h;
    for (auto _ : state)
        benchmark::DoNotOptimize(h.highlight(log, QStringLiteral("log")).size());
    state.SetBytesProcessed(state.iterations() * log.size() * qsizetype(sizeof(QChar)));
}
BENCHMARK(BM_HighlightLog)->Arg(1000)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
