// The console's built-in code and log highlighter (ui/text/builtinhighlighter.h): hand-written
// scanners over whatever customers paste into tickets. The input's first line is the fence's
// info string (the language as typed, empty to guess), the rest is the block's text.
// Checked: spans (what highlight() turns into formats one for one) are sorted, never overlap,
// lie inside the text and are not empty; tokens are real tokens; language names come from
// the documented set.

#include "fuzzsupport.h"

#include "ui/text/builtinhighlighter.h"

#include <QGuiApplication>

using Atiende::Ui::BuiltinHighlighter;
using Atiende::Ui::CodeHighlighter;

namespace {

BuiltinHighlighter *s_highlighter = nullptr;

const QStringList &languages()
{
    static const QStringList names { QString(), QStringLiteral("json"), QStringLiteral("log"),
        QStringLiteral("shell"), QStringLiteral("powershell"), QStringLiteral("sql"),
        QStringLiteral("c"), QStringLiteral("python"), QStringLiteral("xml"),
        QStringLiteral("yaml"), QStringLiteral("ini"), QStringLiteral("diff") };
    return names;
}

template <typename Run>
void checkRuns(const QList<Run> &runs, const QString &text, const QString &language)
{
    int end = 0;
    for (const Run &r : runs) {
        const QString where = QStringLiteral("[%1, +%2) after %3 in %4 characters of %5")
                                  .arg(r.start)
                                  .arg(r.length)
                                  .arg(end)
                                  .arg(text.size())
                                  .arg(language);
        FUZZ_CHECK(r.length > 0, where);
        FUZZ_CHECK(r.start >= end, where);
        FUZZ_CHECK(qsizetype(r.start) + r.length <= text.size(), where);
        end = r.start + r.length;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Atiende::Fuzz::silenceQtMessages();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Formats and palettes want a GUI application; one for the whole run.
    new QGuiApplication(*argc, *argv);
    s_highlighter = new BuiltinHighlighter;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = Atiende::Fuzz::text(data, size);
    const qsizetype newline = input.indexOf(QLatin1Char('\n'));
    const QString info = newline < 0 ? QString() : input.left(newline);
    const QString text = newline < 0 ? input : input.mid(newline + 1);

    const QString language = CodeHighlighter::canonicalLanguage(info);
    FUZZ_CHECK(languages().contains(language), language);
    FUZZ_CHECK(languages().contains(CodeHighlighter::guessLanguage(text)),
        CodeHighlighter::guessLanguage(text));

    const QList<BuiltinHighlighter::Span> spans = s_highlighter->spans(text, info);
    checkRuns(spans, text, info);
    for (const BuiltinHighlighter::Span &s : spans)
        FUZZ_CHECK(s.token < BuiltinHighlighter::Token::Count, QString::number(int(s.token)));
    return 0;
}
