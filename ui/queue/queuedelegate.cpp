#include "queuedelegate.h"

#include "models/queue/queuemodel.h"
#include "ui/common/theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace Atiende::Ui {

using Models::QueueModel;

namespace {

QString initials(const QString &name)
{
    QString out;
    for (const QString &part : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (out.size() < 2 && part.at(0).isLetter())
            out += part.at(0).toUpper();
    }
    return out.isEmpty() ? QStringLiteral("?") : out;
}

} // namespace

void QueueDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const int column = index.column();
    const bool unread = column == QueueModel::Number && index.data(QueueModel::UnreadRole).toBool();
    const bool pending
        = column == QueueModel::Number && index.data(QueueModel::PendingRole).toBool();
    const QStringList viewers = column == QueueModel::Subject
        ? index.data(QueueModel::ViewersRole).toStringList()
        : QStringList();
    const QStringList typing
        = viewers.isEmpty() ? QStringList() : index.data(QueueModel::TypingRole).toStringList();
    const int markWidth = opt.fontMetrics.height() / 2 + 4;
    if (column == QueueModel::Number)
        opt.rect.adjust(markWidth, 0, 0, 0);
    // Room for the pills at the right of the subject.
    const int pill = opt.fontMetrics.height();
    const int pillsWidth = viewers.isEmpty() ? 0 : int(viewers.size()) * (pill + 2) + 4;
    if (pillsWidth)
        opt.rect.adjust(0, 0, -pillsWidth, 0);

    // The row background first, over the whole cell, then the text in the narrowed rect.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    opt.backgroundBrush = Qt::NoBrush;
    opt.showDecorationSelected = false;
    opt.state &= ~QStyle::State_HasFocus;
    QStyleOptionViewItem textOnly = opt;
    textOnly.features &= ~QStyleOptionViewItem::HasDisplay;
    style->drawItemText(painter, opt.rect.adjusted(3, 0, -3, 0), int(opt.displayAlignment),
        opt.palette, true,
        opt.fontMetrics.elidedText(opt.text, opt.textElideMode, opt.rect.width() - 6),
        opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (unread || pending) {
        const int d = opt.fontMetrics.height() / 2;
        const QRect dot(option.rect.left() + 3, option.rect.center().y() - d / 2, d, d);
        if (unread) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(Theme::unreadMark());
            painter->drawEllipse(dot);
        } else {
            painter->setPen(QPen(Theme::pendingMark(), 1.5));
            painter->setBrush(Qt::NoBrush);
            painter->drawEllipse(dot);
        }
    }
    if (!viewers.isEmpty()) {
        QFont small = opt.font;
        small.setPointSizeF(small.pointSizeF() * 0.75);
        small.setBold(true);
        painter->setFont(small);
        int x = option.rect.right() - pillsWidth + 4;
        for (const QString &name : viewers) {
            const QRect r(x, option.rect.center().y() - pill / 2, pill, pill);
            painter->setPen(Qt::NoPen);
            painter->setBrush(typing.contains(name) ? Theme::slaWarning() : Theme::unreadMark());
            painter->drawEllipse(r);
            painter->setPen(Qt::white);
            painter->drawText(r, Qt::AlignCenter, initials(name));
            x += pill + 2;
        }
    }
    painter->restore();
}

QSize QueueDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == QueueModel::Number)
        s.rwidth() += option.fontMetrics.height() / 2 + 4;
    return s;
}

} // namespace Atiende::Ui
