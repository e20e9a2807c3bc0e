#pragma once
// Colours code and log blocks in tickets and KB articles. One small interface with two
// engines behind it: KDE's Syntax-Highlighting (KF6) where the build found it, and a built-in
// highlighter everywhere else (Debian 12 ships no KF6) that knows what a service desk gets
// pasted: logs, JSON, shell and PowerShell, SQL, C-like and Python code, XML, YAML, INI and
// diffs. Both answer with character formats for ranges of a block's text, so whoever shows
// the block decides how to apply them.

#include <QList>
#include <QPalette>
#include <QString>
#include <QTextCharFormat>

#include <memory>

class QTextBlock;

namespace Atiende::Ui {

class CodeHighlighter
{
public:
    // A run of characters and how to show it. start and length count UTF-16 code units of
    // the text given to highlight().
    struct Range
    {
        int start = 0;
        int length = 0;
        QTextCharFormat format;
    };

    // Lines longer than this keep their first kMaxLineLength characters coloured and the rest
    // plain: a megabyte of minified JSON on one line must not stall the conversation.
    static constexpr int kMaxLineLength = 4000;
    // Blocks longer than this are not coloured at all.
    static constexpr int kMaxBlockLength = 256 * 1024;

    virtual ~CodeHighlighter();

    // KF6 Syntax-Highlighting when the build has it (ATIENDE_HAVE_KF6_SYNTAX), the built-in
    // highlighter otherwise.
    static std::unique_ptr<CodeHighlighter> create();
    static std::unique_ptr<CodeHighlighter> createBuiltin();

    // "KSyntaxHighlighting" or "built-in", for the about box and logs.
    virtual QString engineName() const = 0;

    // Picks the colours for text shown on this palette's Base colour (light or dark).
    virtual void setPalette(const QPalette &palette) = 0;

    // The formats for a code block: text is the block's lines joined by '\n'; language is the
    // fence's info string as the author typed it ("json", "Bash", "c++", "log"...), empty to
    // guess from the text. Ranges come sorted by start and never overlap; text outside them
    // keeps the block's own format.
    virtual QList<Range> highlight(const QString &text, const QString &language) const = 0;

    // Highlights the consecutive blocks first..last of a document (one code block, one line
    // per QTextBlock), merging the formats into what is there (the monospace font stays).
    void highlightBlocks(
        const QTextBlock &first, const QTextBlock &last, const QString &language) const;

    // The built-in engine's name for an info string: "json", "log", "shell", "powershell",
    // "sql", "c", "python", "xml", "yaml", "ini", "diff"; empty for anything it does not know.
    static QString canonicalLanguage(const QString &infoString);
    // What a block without an info string most likely holds, by the same names; empty when
    // nothing stands out (the block is then shown plain).
    static QString guessLanguage(const QString &text);
    // Whether the palette's text areas are dark (light text on a dark base).
    static bool isDark(const QPalette &palette);

protected:
    CodeHighlighter() = default;
    CodeHighlighter(const CodeHighlighter &) = delete;
    CodeHighlighter &operator=(const CodeHighlighter &) = delete;
};

} // namespace Atiende::Ui
