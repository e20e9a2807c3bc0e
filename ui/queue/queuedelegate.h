#pragma once
// Paints the marks of a queue row that text alone cannot carry: the unread dot before the
// number, the pending mark of edits not yet confirmed, and who else has the ticket open
// (initials in small pills after the subject, amber while they are typing).

#include <QStyledItemDelegate>

namespace Atiende::Ui {

class QueueDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Atiende::Ui
