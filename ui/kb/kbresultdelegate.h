#pragma once
// Draws a KB result as the agent scans it: the title in bold (with an "Internal" badge for
// agent-only articles) over two lines of the matching passage, the matched words
// highlighted.

#include <QStyledItemDelegate>

namespace Atiende::Ui {

class KbResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit KbResultDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The snippet's <mark> words as rich text QTextDocument understands (it has no <mark>).
    static QString highlightedSnippet(const QString &snippetHtml, const QPalette &palette);
    // The colour behind a matched word.
    static QColor markBackground(const QPalette &palette);

private:
    static constexpr int kPadding = 6;
    static constexpr int kSnippetLines = 2;
};

} // namespace Atiende::Ui
