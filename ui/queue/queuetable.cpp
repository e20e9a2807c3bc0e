#include "queuetable.h"

#include <QKeyEvent>
#include <QMouseEvent>

namespace Atiende::Ui {

namespace {
struct UserInput
{
    explicit UserInput(int &depth)
        : depth(depth)
    {
        ++depth;
    }
    ~UserInput() { --depth; }
    int &depth;
};
} // namespace

QueueTable::QueueTable(QWidget *parent)
    : QTableView(parent)
{
}

void QueueTable::ignoreClicksFor(int ms)
{
    m_ignoreMs = ms;
    m_ignoreSince.start();
}

bool QueueTable::swallowing() const
{
    return m_ignoreMs > 0 && m_ignoreSince.isValid() && m_ignoreSince.elapsed() < m_ignoreMs;
}

void QueueTable::mousePressEvent(QMouseEvent *event)
{
    if (swallowing()) {
        m_swallowedPress = true;
        event->accept();
        return;
    }
    m_swallowedPress = false;
    const UserInput input(m_userInput);
    QTableView::mousePressEvent(event);
    if (event->button() == Qt::LeftButton) {
        const QModelIndex index = indexAt(event->position().toPoint());
        if (index.isValid())
            Q_EMIT rowPressed(index.row());
    }
}

void QueueTable::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_swallowedPress) {
        m_swallowedPress = false;
        event->accept();
        return;
    }
    const UserInput input(m_userInput);
    QTableView::mouseReleaseEvent(event);
}

void QueueTable::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (swallowing() || m_swallowedPress) {
        m_swallowedPress = true; // and its release
        event->accept();
        return;
    }
    const UserInput input(m_userInput);
    QTableView::mouseDoubleClickEvent(event);
}

void QueueTable::mouseMoveEvent(QMouseEvent *event)
{
    if (m_swallowedPress) {
        event->accept();
        return;
    }
    // Dragging over rows with the button held selects them as it goes: the agent's doing.
    const UserInput input(m_userInput);
    QTableView::mouseMoveEvent(event);
}

void QueueTable::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && event->isAutoRepeat()) {
        // Enter held down: a window per repeat is never what the agent meant, and the first
        // press may have been meant for another tab's table.
        event->accept();
        return;
    }
    const UserInput input(m_userInput);
    QTableView::keyPressEvent(event);
}

} // namespace Atiende::Ui
