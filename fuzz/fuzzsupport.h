#pragma once
// What every harness shares: the libFuzzer entry points, a check that stops the run with a
// readable message when an invariant breaks (under libFuzzer and in the corpus replay alike),
// and the ways harnesses turn raw bytes into the inputs they need.

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
// Every harness defines it, even when it has nothing to set up, so that the replay driver
// needs no weak symbols.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace Atiende::Fuzz {

[[noreturn]] inline void invariantBroken(
    const char *file, int line, const char *condition, const QString &detail)
{
    std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, condition,
        detail.toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

// The input as it came: no copy, so AddressSanitizer sees a read one byte past the end.
inline QByteArray rawBytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Text as a person or a peer can send it. UTF-8 normally; an input that starts with a zero
// byte is UTF-16 (little endian) after it, which is how lone surrogates and other code units
// that no UTF-8 decoder produces reach the code (JSON's "\ud800" escapes do the same).
inline QString text(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] == 0) {
        QString s;
        s.resize(qsizetype((size - 1) / 2));
        for (qsizetype i = 0; i < s.size(); ++i)
            s[i] = QChar(char16_t(data[1 + 2 * i] | (data[2 + 2 * i] << 8)));
        return s;
    }
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Qt's warnings about odd input are expected here and only slow the fuzzer down.
inline void silenceQtMessages()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &message) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", message.toUtf8().constData());
            std::abort();
        }
    });
}

} // namespace Atiende::Fuzz

#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::Atiende::Fuzz::invariantBroken(__FILE__, __LINE__, #condition, (detail));            \
    } while (false)
