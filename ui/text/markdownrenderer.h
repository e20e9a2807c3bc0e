#pragma once
// Turns the Markdown of article and KB bodies into rich text the console shows: Qt's own
// Markdown reader (GitHub dialect), then code and log blocks coloured by a CodeHighlighter,
// code in the platform's fixed-pitch font, colours from the palette (light or dark).
//
// What arrives here was written by customers and mailed in, so the result never does more
// than show text: raw HTML is shown as the characters typed (nothing is interpreted, no
// script ever runs), images are not loaded from anywhere (the web, the disk, a network
// share) but become a link to what they point at, and only http(s), mailto, tel and
// atiende: links stay links. Fast enough to render 200 articles in a few milliseconds each.

#include "codehighlighter.h"

#include <QCoreApplication>
#include <QFont>
#include <QPalette>
#include <QString>

#include <memory>

class QTextDocument;
class QTextDocumentFragment;
class QUrl;

namespace Atiende::Ui {

class MarkdownRenderer
{
    Q_DECLARE_TR_FUNCTIONS(MarkdownRenderer)
public:
    explicit MarkdownRenderer(
        std::unique_ptr<CodeHighlighter> highlighter = CodeHighlighter::create());
    ~MarkdownRenderer();
    MarkdownRenderer(const MarkdownRenderer &) = delete;
    MarkdownRenderer &operator=(const MarkdownRenderer &) = delete;

    // Colours for code, quotes and links come from the palette the text is shown on.
    void setPalette(const QPalette &palette);
    const QPalette &palette() const { return m_palette; }
    // The font of code blocks and inline code; the platform's fixed-pitch font by default.
    // Only the family is used: code follows the size of the text around it.
    void setCodeFont(const QFont &font) { m_codeFont = font; }
    QFont codeFont() const { return m_codeFont; }
    const CodeHighlighter &highlighter() const { return *m_highlighter; }
    // Keep single line breaks inside paragraphs, as e-mail and GitHub comments do ("Thanks,
    // <newline> Núria" stays two lines). Off by default: documents (KB articles) follow
    // CommonMark, where a single line break is a space.
    void setHardLineBreaks(bool on) { m_hardLineBreaks = on; }
    bool hardLineBreaks() const { return m_hardLineBreaks; }

    // Replaces the document's content with the rendered Markdown, and confines it (below).
    void render(const QString &markdown, QTextDocument *document) const;
    // The same as a piece to insert into another document (the timeline makes one per article).
    QTextDocumentFragment renderFragment(const QString &markdown) const;
    // The same as an HTML fragment: what goes inside <body>, with inline styles.
    QString renderHtml(const QString &markdown) const;

    // Runs of more than kLongRun characters without a space get an invisible break
    // opportunity (kBreakHint, U+200B) every kBreakEvery characters, so that laying them out
    // stays linear. Views that let the agent copy text remove them (withoutBreakHints).
    static constexpr int kLongRun = 1000;
    static constexpr int kBreakEvery = 250;
    static constexpr QChar kBreakHint = QChar(0x200B);
    static QString withoutBreakHints(QString text);

    // The colour behind code blocks and inline code on a palette.
    static QColor codeBackground(const QPalette &palette);
    // Whether a link may stay clickable: http, https, mailto, tel, atiende.
    static bool isSafeLink(const QUrl &url);
    // Makes a document unable to load anything: every image or style sheet it asks for
    // resolves to nothing instead of being read from a URL or a file.
    static void confine(QTextDocument *document);

private:
    void polish(QTextDocument *document) const;

    std::unique_ptr<CodeHighlighter> m_highlighter;
    QPalette m_palette;
    QFont m_codeFont;
    bool m_hardLineBreaks = false;
};

} // namespace Atiende::Ui
