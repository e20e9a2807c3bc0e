#include "kbresultdelegate.h"

#include "models/kb/kbresultmodel.h"
#include "ui/common/theme.h"
#include "ui/text/markdownrenderer.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace Atiende::Ui {

KbResultDelegate::KbResultDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor KbResultDelegate::markBackground(const QPalette &palette)
{
    return Theme::mix(palette.color(QPalette::Base), QColor(0xf5, 0xc5, 0x18), 0.5);
}

QString KbResultDelegate::highlightedSnippet(const QString &snippetHtml, const QPalette &palette)
{
    // The snippet is escaped text and <mark> tags only (Core::FtsQuery::snippetToHtml).
    QString html = snippetHtml;
    html.replace(QLatin1String("<mark>"),
        QStringLiteral("<span style=\"background-color:%1; color:%2; font-weight:600\">")
            .arg(markBackground(palette).name(), palette.color(QPalette::Text).name()));
    html.replace(QLatin1String("</mark>"), QLatin1String("</span>"));
    return html;
}

void KbResultDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background, selection and focus as the platform draws them; the text is ours.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette &pal = opt.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QRect area = opt.rect.adjusted(kPadding + 2, kPadding, -kPadding - 2, -kPadding);

    painter->save();
    QFont titleFont = opt.font;
    titleFont.setBold(true);
    const QFontMetrics titleMetrics(titleFont);
    int titleWidth = area.width();
    if (index.data(Models::KbResultModel::InternalRole).toBool()) {
        QFont badgeFont = opt.font;
        badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
        const QFontMetrics bm(badgeFont);
        const QString badge = tr("Internal");
        const QRect badgeRect(area.right() - bm.horizontalAdvance(badge) - 8,
            area.top() + (titleMetrics.height() - bm.height() - 2) / 2,
            bm.horizontalAdvance(badge) + 8, bm.height() + 2);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(Theme::noteBackground(pal));
        painter->drawRoundedRect(badgeRect, 3, 3);
        painter->setPen(Theme::mix(Theme::slaWarning(), pal.color(QPalette::Text), 0.4));
        painter->setFont(badgeFont);
        painter->drawText(badgeRect, Qt::AlignCenter, badge);
        titleWidth -= badgeRect.width() + 6;
    }
    painter->setFont(titleFont);
    painter->setPen(text);
    const QRect titleRect(area.left(), area.top(), titleWidth, titleMetrics.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
        titleMetrics.elidedText(index.data().toString(), Qt::ElideRight, titleWidth));

    // Two lines of the passage that matched.
    const QString snippet = index.data(Models::KbResultModel::SnippetRole).toString();
    if (!snippet.isEmpty()) {
        QTextDocument doc;
        MarkdownRenderer::confine(&doc);
        doc.setDocumentMargin(0);
        doc.setDefaultFont(opt.font);
        doc.setTextWidth(area.width());
        doc.setHtml(highlightedSnippet(snippet, pal));
        const QFontMetrics fm(opt.font);
        const QRect snippetRect(
            area.left(), titleRect.bottom() + 3, area.width(), fm.lineSpacing() * kSnippetLines);
        painter->translate(snippetRect.topLeft());
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = pal;
        context.palette.setColor(QPalette::Text,
            selected ? text
                     : Theme::mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.3));
        context.clip = QRectF(0, 0, snippetRect.width(), snippetRect.height());
        painter->setClipRect(context.clip);
        doc.documentLayout()->draw(painter, context);
    }
    painter->restore();
}

QSize KbResultDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    QFont bold = option.font;
    bold.setBold(true);
    const int height = kPadding + QFontMetrics(bold).height() + 3
        + QFontMetrics(option.font).lineSpacing() * kSnippetLines + kPadding;
    return QSize(200, height);
}

} // namespace Atiende::Ui
