#pragma once
// The queue's table. It tells a current row the agent picked (a click, an arrow key) from
// one the model moved (a row that left the view takes the current index with it), so only
// the agent's own choices open tickets; and it ignores input that was not meant for it:
// the second click of a double-click that started on another tab (the dashboard switched
// to this one under the pointer), and Enter held down elsewhere repeating into it.

#include <QElapsedTimer>
#include <QTableView>

namespace Atiende::Ui {

class QueueTable : public QTableView
{
    Q_OBJECT
public:
    explicit QueueTable(QWidget *parent = nullptr);

    // Whether the event being handled now is the agent's mouse or keyboard input.
    bool inUserInput() const { return m_userInput > 0; }
    // Mouse presses arriving in the next ms milliseconds belong to a gesture that started
    // elsewhere: they are swallowed.
    void ignoreClicksFor(int ms);

Q_SIGNALS:
    // The agent pressed a row (even the current one): for a row shown but not open.
    void rowPressed(int row);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool swallowing() const;

    int m_userInput = 0;
    QElapsedTimer m_ignoreSince;
    int m_ignoreMs = 0;
    bool m_swallowedPress = false;
};

} // namespace Atiende::Ui
