// The console's Markdown renderer (ui/text/markdownrenderer.h) on what customers mail in and
// agents paste: Qt's Markdown reader and our polish after it. An odd first byte turns on
// hard line breaks (e-mail style), as the timeline does for replies. Checked: the result
// never does more than show text: no image is left to load (each became text or a link),
// every remaining link is one isSafeLink() allows, and no block is left with an unbroken
// run much longer than kLongRun (the layout's quadratic case).

#include "fuzzsupport.h"

#include "ui/text/markdownrenderer.h"

#include <QGuiApplication>
#include <QTextBlock>
#include <QTextDocument>
#include <QUrl>

using Atiende::Ui::MarkdownRenderer;

namespace {

MarkdownRenderer *s_renderer = nullptr;
QTextDocument *s_document = nullptr;

void checkDocument(const QTextDocument &document, const QString &markdown)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid())
                continue;
            const QTextCharFormat cf = fragment.charFormat();
            FUZZ_CHECK(
                !cf.isImageFormat(), QStringLiteral("an image is left in ") + markdown.left(200));
            if (cf.isAnchor() || cf.hasProperty(QTextFormat::AnchorHref)) {
                const QString href = cf.anchorHref();
                FUZZ_CHECK(href.isEmpty() || MarkdownRenderer::isSafeLink(QUrl(href)),
                    QStringLiteral("unsafe link ") + href);
            }
        }
        if (block.length() > MarkdownRenderer::kLongRun) {
            int run = 0;
            const QString text = block.text();
            for (QChar c : text) {
                run = (c.isSpace() || c == MarkdownRenderer::kBreakHint) ? 0 : run + 1;
                FUZZ_CHECK(run <= MarkdownRenderer::kLongRun,
                    QStringLiteral("an unbroken run of more than %1 characters")
                        .arg(MarkdownRenderer::kLongRun));
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Atiende::Fuzz::silenceQtMessages();
    qputenv("QT_QPA_PLATFORM", "offscreen");
    new QGuiApplication(*argc, *argv);
    s_renderer = new MarkdownRenderer;
    s_document = new QTextDocument;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString markdown = Atiende::Fuzz::text(data, size);
    s_renderer->setHardLineBreaks(size > 0 && (data[0] & 1));
    s_renderer->render(markdown, s_document);
    checkDocument(*s_document, markdown);
    return 0;
}
