#pragma once
// The highlighter the console carries itself: hand-written scanners, linear in the text, for
// the languages a service desk gets pasted (see CodeHighlighter::canonicalLanguage), and
// colours chosen for light and dark palettes. Used when KF6 Syntax-Highlighting is absent.

#include "codehighlighter.h"

#include <array>

namespace Atiende::Ui {

class BuiltinHighlighter final : public CodeHighlighter
{
public:
    // What a run of text is; each has one format per palette.
    enum class Token : quint8 {
        Keyword,
        Type, // built-in types, cmdlets, SQL functions
        String,
        Number,
        Comment,
        Key, // JSON and YAML keys, key=value names, XML attributes
        Literal, // true, false, null, UUIDs
        Variable, // $HOME, ${x}, %PATH%
        Meta, // preprocessor lines, annotations, decorators, sections, diff headers
        Tag, // XML and HTML element names
        Prompt, // "$ " or "PS C:\>" in a shell transcript
        Option, // --verbose
        Timestamp, // log instants
        Address, // IP addresses, URLs
        Error, // the level word of an error line: ERROR, FATAL...
        Warning,
        Info,
        Debug,
        ErrorText, // the rest of an error line
        WarningText, // the rest of a warning line
        StackFrame, // "    at com.example.Foo(Foo.java:12)", "  File "x.py", line 3"
        Inserted, // diff
        Deleted,
        Count
    };

    struct Span
    {
        int start = 0;
        int length = 0;
        Token token = Token::Count;
    };

    BuiltinHighlighter();

    QString engineName() const override;
    void setPalette(const QPalette &palette) override;
    QList<Range> highlight(const QString &text, const QString &language) const override;

    // What highlight() colours, by meaning: sorted, never overlapping.
    QList<Span> spans(const QString &text, const QString &language) const;
    // The format a token gets on the current palette.
    QTextCharFormat format(Token token) const { return m_formats.at(size_t(token)); }
    bool isDarkTheme() const { return m_dark; }

private:
    std::array<QTextCharFormat, size_t(Token::Count)> m_formats;
    bool m_dark = false;
};

} // namespace Atiende::Ui
