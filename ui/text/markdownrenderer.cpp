#include "markdownrenderer.h"

#include "ui/common/theme.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QImage>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>

namespace Atiende::Ui {

namespace {

constexpr QTextDocument::MarkdownFeatures kFeatures = QTextDocument::MarkdownFeatures(
    QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML);

bool isCodeBlock(const QTextBlockFormat &f)
{
    return f.hasProperty(QTextFormat::BlockCodeFence)
        || f.hasProperty(QTextFormat::BlockCodeLanguage);
}

bool sameCodeBlock(const QTextBlockFormat &a, const QTextBlockFormat &b)
{
    return isCodeBlock(b)
        && a.property(QTextFormat::BlockCodeFence) == b.property(QTextFormat::BlockCodeFence)
        && a.stringProperty(QTextFormat::BlockCodeLanguage)
        == b.stringProperty(QTextFormat::BlockCodeLanguage);
}

// What to do with a run of characters once the block's fragments have all been seen
// (changing formats while walking fragments would invalidate the walk).
struct CharChange
{
    int start;
    int length;
    QTextCharFormat format;
    bool replace; // setCharFormat instead of mergeCharFormat
};

// Ends every line that continues a paragraph with two spaces (a hard break), leaving fenced
// and indented code alone.
QString withHardBreaks(QString markdown)
{
    markdown.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    const QStringList lines = markdown.split(QLatin1Char('\n'));
    QString out;
    out.reserve(markdown.size() + lines.size() * 2);
    QChar fenceChar;
    qsizetype fenceLength = 0;
    bool previousBlank = true;
    bool inIndentedCode = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const QStringView trimmed = QStringView(line).trimmed();
        const bool blank = trimmed.isEmpty();
        bool code = false;
        // A fence opens with three or more ` or ~ and closes with at least as many of the same.
        qsizetype run = 0;
        if (!blank
            && (trimmed.front() == QLatin1Char('`') || trimmed.front() == QLatin1Char('~'))) {
            while (run < trimmed.size() && trimmed.at(run) == trimmed.front())
                ++run;
        }
        if (fenceLength > 0) {
            code = true;
            if (run >= fenceLength && trimmed.front() == fenceChar
                && trimmed.mid(run).trimmed().isEmpty())
                fenceLength = 0;
        } else if (run >= 3
            && !(trimmed.front() == QLatin1Char('`')
                && trimmed.mid(run).contains(QLatin1Char('`')))) {
            fenceChar = trimmed.front();
            fenceLength = run;
            code = true;
        } else {
            const bool indented
                = line.startsWith(QLatin1Char('\t')) || line.startsWith(QLatin1String("    "));
            inIndentedCode = !blank && indented && (previousBlank || inIndentedCode);
            code = inIndentedCode;
        }
        out += line;
        const bool nextContinues
            = i + 1 < lines.size() && !QStringView(lines.at(i + 1)).trimmed().isEmpty();
        if (!code && !blank && nextContinues && !line.endsWith(QLatin1String("  ")))
            out += QLatin1String("  ");
        if (i + 1 < lines.size())
            out += QLatin1Char('\n');
        previousBlank = blank;
    }
    return out;
}

struct Image
{
    int position;
    QTextImageFormat format;
};

void selectBlockText(QTextCursor &cursor, const QTextBlock &block)
{
    cursor.setPosition(block.position());
    cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
}

} // namespace

MarkdownRenderer::MarkdownRenderer(std::unique_ptr<CodeHighlighter> highlighter)
    : m_highlighter(highlighter ? std::move(highlighter) : CodeHighlighter::create())
    , m_codeFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{
    setPalette(QPalette());
}

MarkdownRenderer::~MarkdownRenderer() = default;

void MarkdownRenderer::setPalette(const QPalette &palette)
{
    m_palette = palette;
    m_highlighter->setPalette(palette);
}

QColor MarkdownRenderer::codeBackground(const QPalette &palette)
{
    return Theme::mix(palette.color(QPalette::Base), palette.color(QPalette::Text),
        CodeHighlighter::isDark(palette) ? 0.10 : 0.05);
}

bool MarkdownRenderer::isSafeLink(const QUrl &url)
{
    if (!url.isValid() || url.isRelative())
        return false;
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https")
        || scheme == QLatin1String("mailto") || scheme == QLatin1String("tel")
        || scheme == QLatin1String("atiende");
}

void MarkdownRenderer::confine(QTextDocument *document)
{
    // A valid (empty) answer for every resource: QTextDocument then never falls back to
    // reading the URL as a file, which on Windows could be \\host\share and leak credentials.
    document->setResourceProvider([](const QUrl &) { return QVariant(QImage()); });
}

void MarkdownRenderer::render(const QString &markdown, QTextDocument *document) const
{
    confine(document);
    document->setUndoRedoEnabled(false);
    // Inside an edit block, because Qt 6.4's reader inserts a paragraph piece by piece and,
    // outside one, each insertion lays the whole paragraph out again: a 5,000-line log pasted
    // without a fence took 1.5 s instead of 3 ms.
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    document->setMarkdown(m_hardLineBreaks ? withHardBreaks(markdown) : markdown, kFeatures);
    cursor.endEditBlock(); // tables become frames only now
    polish(document);
}

QTextDocumentFragment MarkdownRenderer::renderFragment(const QString &markdown) const
{
    QTextDocument document;
    render(markdown, &document);
    return QTextDocumentFragment(&document);
}

QString MarkdownRenderer::renderHtml(const QString &markdown) const
{
    QTextDocument document;
    render(markdown, &document);
    const QString html = document.toHtml();
    const qsizetype body = html.indexOf(QLatin1String("<body"));
    const qsizetype open = body < 0 ? -1 : html.indexOf(QLatin1Char('>'), body);
    const qsizetype close = html.lastIndexOf(QLatin1String("</body>"));
    if (open < 0 || close < open)
        return html;
    return html.mid(open + 1, close - open - 1).trimmed();
}

void MarkdownRenderer::polish(QTextDocument *document) const
{
    const QColor codeBg = codeBackground(m_palette);
    const QColor link = m_palette.color(QPalette::Link);
    const QColor quoteText
        = Theme::mix(m_palette.color(QPalette::Text), m_palette.color(QPalette::Base), 0.3);

    QTextCharFormat code;
    code.setFontFamilies({ m_codeFont.family() });
    code.setFontFixedPitch(true);
    QTextCharFormat inlineCode = code;
    inlineCode.setBackground(codeBg);
    QTextCharFormat linkFormat;
    linkFormat.setForeground(link);
    linkFormat.setFontUnderline(true);

    QList<Image> images;
    QList<CharChange> changes;
    QTextCursor cursor(document);
    cursor.beginEditBlock();

    // Tables first (this may remove text): thin borders in the palette's colours instead of
    // Qt's raised grey ones.
    QList<QTextFrame *> frames { document->rootFrame() };
    while (!frames.isEmpty()) {
        QTextFrame *frame = frames.takeLast();
        frames += frame->childFrames();
        if (auto *table = qobject_cast<QTextTable *>(frame)) {
            QTextTableFormat tf = table->format();
            tf.setBorder(1);
            tf.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
            tf.setBorderBrush(m_palette.color(QPalette::Mid));
            tf.setBorderCollapse(true);
            tf.setCellSpacing(0);
            tf.setCellPadding(4);
            table->setFormat(tf);
            // The reader gives some cells' paragraphs page margins: rows of uneven height.
            QTextBlockFormat flat;
            flat.setTopMargin(0);
            flat.setBottomMargin(0);
            QTextCharFormat bold;
            bold.setFontWeight(QFont::Bold);
            for (int row = 0; row < table->rows(); ++row) {
                for (int column = 0; column < table->columns(); ++column) {
                    const QTextTableCell cell = table->cellAt(row, column);
                    // And a table right after a quote starts with an empty paragraph.
                    const QTextBlock first = document->findBlock(cell.firstPosition());
                    if (first.length() == 1 && first.next().isValid()
                        && first.next().position() <= cell.lastPosition()) {
                        cursor.setPosition(first.position());
                        cursor.setPosition(first.next().position(), QTextCursor::KeepAnchor);
                        cursor.removeSelectedText();
                    }
                    cursor.setPosition(cell.firstPosition());
                    cursor.setPosition(cell.lastPosition(), QTextCursor::KeepAnchor);
                    cursor.mergeBlockFormat(flat);
                    // A Markdown table always has a header row; Qt forgets to bold its first cell.
                    if (row == 0)
                        cursor.mergeCharFormat(bold);
                }
            }
        }
    }

    for (QTextBlock block = document->begin(); block.isValid();) {
        const QTextBlockFormat bf = block.blockFormat();
        if (isCodeBlock(bf)) {
            QTextBlock last = block;
            while (last.next().isValid() && sameCodeBlock(bf, last.next().blockFormat()))
                last = last.next();
            for (QTextBlock b = block;; b = b.next()) {
                QTextBlockFormat f = b.blockFormat();
                f.setBackground(codeBg);
                // Long log lines wrap instead of widening the whole conversation.
                f.setNonBreakableLines(false);
                f.setLeftMargin(0);
                f.setTopMargin(b == block ? 4 : 0);
                f.setBottomMargin(b == last ? 4 : 0);
                cursor.setPosition(b.position());
                cursor.setBlockFormat(f);
                selectBlockText(cursor, b);
                cursor.mergeCharFormat(code);
                if (b == last)
                    break;
            }
            m_highlighter->highlightBlocks(
                block, last, bf.stringProperty(QTextFormat::BlockCodeLanguage));
            block = last.next();
            continue;
        }

        if (const int level = bf.headingLevel(); level > 0) {
            // Qt's sizes are made for pages; a conversation wants them smaller.
            QTextCharFormat heading;
            heading.setProperty(QTextFormat::FontSizeAdjustment,
                level == 1       ? 2
                    : level == 2 ? 1
                                 : 0);
            heading.setFontWeight(QFont::Bold);
            selectBlockText(cursor, block);
            cursor.mergeCharFormat(heading);
            QTextBlockFormat f = bf;
            f.setTopMargin(8);
            f.setBottomMargin(4);
            cursor.setBlockFormat(f);
        }
        if (const int quote = bf.intProperty(QTextFormat::BlockQuoteLevel); quote > 0) {
            QTextBlockFormat f = bf;
            f.setLeftMargin(14 * quote);
            f.setRightMargin(0);
            cursor.setPosition(block.position());
            cursor.setBlockFormat(f);
            QTextCharFormat muted;
            muted.setForeground(quoteText);
            selectBlockText(cursor, block);
            cursor.mergeCharFormat(muted);
        }

        changes.clear();
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            const QTextCharFormat cf = fragment.charFormat();
            if (cf.isImageFormat()) {
                for (int i = 0; i < fragment.length();
                     ++i) // one object replacement character per image
                    images.append({ fragment.position() + i, cf.toImageFormat() });
                continue;
            }
            if (cf.isAnchor()) {
                if (isSafeLink(QUrl(cf.anchorHref()))) {
                    changes.append({ fragment.position(), fragment.length(), linkFormat, false });
                } else {
                    QTextCharFormat plain = cf;
                    plain.setAnchor(false);
                    plain.clearProperty(QTextFormat::AnchorHref);
                    plain.clearProperty(QTextFormat::AnchorName);
                    plain.clearForeground();
                    plain.setFontUnderline(false);
                    changes.append({ fragment.position(), fragment.length(), plain, true });
                }
            }
            if (cf.fontFixedPitch())
                changes.append({ fragment.position(), fragment.length(), inlineCode, false });
        }
        for (const CharChange &c : std::as_const(changes)) {
            cursor.setPosition(c.start);
            cursor.setPosition(c.start + c.length, QTextCursor::KeepAnchor);
            if (c.replace)
                cursor.setCharFormat(c.format);
            else
                cursor.mergeCharFormat(c.format);
        }
        block = block.next();
    }

    // Images last and from the end, since each becomes text of another length. Nothing is
    // fetched: the image becomes a link to where it is, when that is a web address.
    for (auto it = images.crbegin(); it != images.crend(); ++it) {
        const QString name = it->format.name();
        const QUrl url(name);
        QString label = it->format.stringProperty(QTextFormat::ImageAltText).trimmed();
        if (label.isEmpty() && !name.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
            label = QFileInfo(url.path()).fileName();
        const QString text = label.isEmpty() ? tr("[image]") : tr("[image: %1]").arg(label);
        QTextCharFormat f;
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
            f = linkFormat;
            f.setAnchor(true);
            f.setAnchorHref(url.toString());
            f.setToolTip(url.toString());
        }
        cursor.setPosition(it->position);
        cursor.setPosition(it->position + 1, QTextCursor::KeepAnchor);
        cursor.insertText(text, f);
    }

    // Qt lays a line with no break opportunity out in time quadratic in its length (a 200 KB
    // base64 blob or minified JSON: 3.6 s). Long unbroken runs get an invisible opportunity
    // every kBreakEvery characters; the views take them out again when text is copied.
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block.length() <= kLongRun)
            continue;
        const QString text = block.text();
        QList<int> at;
        int runStart = 0;
        for (int i = 0; i <= text.size(); ++i) {
            if (i < text.size() && !text.at(i).isSpace())
                continue;
            if (i - runStart > kLongRun) {
                for (int p = runStart + kBreakEvery; p < i; p += kBreakEvery)
                    at.append(p);
            }
            runStart = i + 1;
        }
        for (auto p = at.crbegin(); p != at.crend(); ++p) {
            cursor.setPosition(block.position() + *p);
            cursor.insertText(QString(kBreakHint));
        }
    }
    cursor.endEditBlock();
}

QString MarkdownRenderer::withoutBreakHints(QString text)
{
    text.remove(kBreakHint);
    return text;
}

} // namespace Atiende::Ui
