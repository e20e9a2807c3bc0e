// MimeParser::parse, the first step of every mail the desk ingests, over the messages of
// tests/server/mail/ (Outlook with an inline image and a PDF, Gmail, Apple Mail, bounces,
// lists, hostile HTML, broken ones): messages and megabytes per second. The research measured
// 4,900-6,600 messages/s on one thread for GMime and gumbo on mail of 18.5 KB on average;
// BM_ParseOutlookWithAttachment parses one message of that size.
//
//   atiende-mime-bench [--benchmark_filter=Corpus]

#include "server/mail/mimeparser.h"

#include <QDir>
#include <QFile>

#include <benchmark/benchmark.h>

#include <cstdio>

using namespace Atiende::Server::Mail;

namespace {

QList<QByteArray> loadCorpus()
{
    QList<QByteArray> messages;
    const QDir dir(QStringLiteral(ATIENDE_MAIL_CORPUS));
    for (const QString &name :
        dir.entryList({ QStringLiteral("*.eml") }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            messages.append(file.readAll());
    }
    return messages;
}

const QList<QByteArray> &corpus()
{
    static const QList<QByteArray> messages = loadCorpus();
    return messages;
}

// The Outlook message with its PDF grown to 14 KB of base64: 18.5 KB in all, the research's
// average.
QByteArray outlookOfAverageSize()
{
    for (const QByteArray &m : corpus()) {
        if (!m.contains("Informe mensual.pdf"))
            continue;
        const qsizetype pdf = m.indexOf("JVBERi0xLjQK");
        const qsizetype end = m.indexOf("\r\n\r\n--_005_", pdf);
        QByteArray bytes(10500, '\0');
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char((i * 7919) % 251);
        QByteArray lines;
        const QByteArray base64 = bytes.toBase64();
        for (qsizetype i = 0; i < base64.size(); i += 76)
            lines += base64.mid(i, 76) + "\r\n";
        return m.left(pdf) + lines + m.mid(end + 2);
    }
    return QByteArray();
}

void BM_ParseCorpus(benchmark::State &state)
{
    const QList<QByteArray> &messages = corpus();
    qint64 bytes = 0;
    for (const QByteArray &m : messages)
        bytes += m.size();
    for (auto _ : state) {
        for (const QByteArray &m : messages)
            benchmark::DoNotOptimize(MimeParser::parse(m, QStringLiteral("desk-bench")));
    }
    state.SetItemsProcessed(state.iterations() * messages.size());
    state.SetBytesProcessed(state.iterations() * bytes);
    state.counters["messages"] = double(messages.size());
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMicrosecond)->Threads(2)->UseRealTime();

void BM_ParseOutlookWithAttachment(benchmark::State &state)
{
    const QByteArray m = outlookOfAverageSize();
    for (auto _ : state)
        benchmark::DoNotOptimize(MimeParser::parse(m, QStringLiteral("desk-bench")));
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * m.size());
    state.counters["bytes"] = double(m.size());
}
BENCHMARK(BM_ParseOutlookWithAttachment)->Unit(benchmark::kMicrosecond);

// Each message on its own, to see which kind costs what.
void BM_ParseOne(benchmark::State &state)
{
    const QByteArray &m = corpus().at(qsizetype(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(MimeParser::parse(m, QStringLiteral("desk-bench")));
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * m.size());
}

void registerEach()
{
    const QDir dir(QStringLiteral(ATIENDE_MAIL_CORPUS));
    const QStringList names = dir.entryList({ QStringLiteral("*.eml") }, QDir::Files, QDir::Name);
    for (qsizetype i = 0; i < names.size(); ++i) {
        benchmark::RegisterBenchmark(
            ("BM_ParseOne/" + names.at(i).toStdString()).c_str(), BM_ParseOne)
            ->Arg(i)
            ->Unit(benchmark::kMicrosecond);
    }
}

} // namespace

int main(int argc, char **argv)
{
    registerEach();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    if (corpus().isEmpty()) {
        std::fprintf(stderr, "no messages in %s\n", ATIENDE_MAIL_CORPUS);
        return 1;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
