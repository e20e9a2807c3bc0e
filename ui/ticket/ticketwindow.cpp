#include "ticketwindow.h"

#include "ticketpanel.h"

#include "client/workspace/workspace.h"

#include <QApplication>
#include <QCloseEvent>
#include <QSettings>
#include <QShortcut>
#include <QVBoxLayout>

namespace Atiende::Ui {

namespace {
const QString kGeometryKey = QStringLiteral("ticketWindow/geometry");
}

TicketWindow::TicketWindow(Client::Workspace *workspace, qint64 ticketId, QWidget *parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("ticketWindow"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_panel = new TicketPanel(workspace, this);
    m_panel->setOwnWindowActionVisible(false);
    layout->addWidget(m_panel);
    // The number and subject are part of the context; a status change is not.
    connect(m_panel, &TicketPanel::ticketContextChanged, this, &TicketWindow::updateTitle);
    m_panel->showTicket(ticketId);
    updateTitle();
    if (!restoreGeometry(QSettings().value(kGeometryKey).toByteArray()))
        resize(900, 760);
    // Escape and the platform's Close key (Ctrl+W) close it like its title bar's button; the
    // draft is kept (closeEvent).
    for (const QKeySequence &key :
        { QKeySequence(QKeySequence::Close), QKeySequence(Qt::Key_Escape) }) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, &QWidget::close);
    }
}

TicketWindow::~TicketWindow() = default;

TicketWindow *TicketWindow::open(Client::Workspace *workspace, qint64 ticketId)
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        auto *window = qobject_cast<TicketWindow *>(w);
        if (window && window->ticketId() == ticketId && window->m_panel->ticket().id != 0) {
            window->showNormal();
            window->raise();
            window->activateWindow();
            return window;
        }
    }
    auto *window = new TicketWindow(workspace, ticketId);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    return window;
}

qint64 TicketWindow::ticketId() const
{
    return m_panel->ticketId();
}

void TicketWindow::updateTitle()
{
    const Core::Ticket &t = m_panel->ticket();
    if (t.id == 0) {
        setWindowTitle(tr("Ticket — Atiende"));
        return;
    }
    const QString number = t.number;
    setWindowTitle(
        tr("%1 %2 — Atiende").arg(number.isEmpty() ? tr("New ticket") : number, t.subject));
}

void TicketWindow::saveGeometryNow()
{
    QSettings().setValue(kGeometryKey, saveGeometry());
}

void TicketWindow::closeEvent(QCloseEvent *event)
{
    m_panel->saveDraftNow();
    saveGeometryNow();
    QWidget::closeEvent(event);
}

} // namespace Atiende::Ui
