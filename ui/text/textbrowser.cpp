#include "textbrowser.h"

#include "markdownrenderer.h"

#include <QDesktopServices>
#include <QImage>
#include <QMimeData>

#include <memory>

namespace Atiende::Ui {

TextBrowser::TextBrowser(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setUndoRedoEnabled(false);
    MarkdownRenderer::confine(document());
    connect(this, &QTextBrowser::anchorClicked, this, &TextBrowser::onAnchorClicked);
}

void TextBrowser::onAnchorClicked(const QUrl &url)
{
    if (!MarkdownRenderer::isSafeLink(url))
        return;
    if (url.scheme().compare(QLatin1String("atiende"), Qt::CaseInsensitive) == 0)
        Q_EMIT internalLinkActivated(url);
    else
        QDesktopServices::openUrl(url);
}

QMimeData *TextBrowser::createMimeDataFromSelection() const
{
    // Plain text and HTML, both without break hints (Qt's own data would also offer Markdown
    // and ODF made lazily from the document, hints included).
    const std::unique_ptr<QMimeData> source(QTextBrowser::createMimeDataFromSelection());
    if (!source)
        return nullptr;
    auto *data = new QMimeData;
    data->setText(MarkdownRenderer::withoutBreakHints(source->text()));
    if (source->hasHtml())
        data->setHtml(MarkdownRenderer::withoutBreakHints(source->html()));
    return data;
}

QVariant TextBrowser::loadResource(int type, const QUrl &name)
{
    // The document asks its view before reading a URL as a file: the answer is always nothing.
    Q_UNUSED(type)
    Q_UNUSED(name)
    return QVariant(QImage());
}

} // namespace Atiende::Ui
