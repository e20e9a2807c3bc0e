#pragma once
// One panel of the dashboard: a title, an optional note beside it, and a body (a chart, a
// table) that gives way to a short sentence when there is nothing to show. Drawn as a
// rounded card on the palette's base colour, so the tab reads as a grid of panels in light
// and dark palettes alike.

#include <QFrame>

class QLabel;
class QStackedLayout;

namespace Atiende::Ui {

class DashboardCard : public QFrame
{
    Q_OBJECT
public:
    explicit DashboardCard(const QString &title, QWidget *parent = nullptr);

    QString title() const;
    void setTitle(const QString &title);
    // Muted text right of the title ("50 of 73 shown").
    void setNote(const QString &note);
    QString note() const;
    // The card takes the body; it keeps its place in the layout while the empty text shows.
    void setBody(QWidget *body);
    QWidget *body() const { return m_body; }
    void setEmptyText(const QString &text);
    void setEmpty(bool empty);
    bool isEmpty() const { return m_empty; }

    // Colours shared with the tiles.
    static QColor mutedText(const QPalette &palette);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    virtual void paletteChanged();

private:
    QLabel *m_title;
    QLabel *m_note;
    QLabel *m_emptyLabel;
    QStackedLayout *m_stack;
    QWidget *m_body = nullptr;
    bool m_empty = false;
};

} // namespace Atiende::Ui
