#pragma once
// A layout that places its items left to right and wraps to a new line when the width runs
// out, like words in a paragraph: for rows of chips (a ticket's status, priority, group...)
// that must not force a wide minimum width on a panel in a splitter.

#include <QLayout>
#include <QList>

namespace Atiende::Ui {

class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = 4);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int place(const QRect &rect, bool apply) const; // returns the height used
    QList<QLayoutItem *> m_items;
    int m_gap;
};

} // namespace Atiende::Ui
