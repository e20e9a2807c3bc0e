#include "traynotifier.h"

#include "core/domain/ticketlifecycle.h"
#include "models/labels/labels.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Atiende::Ui {

using Core::TicketLifecycle;
using SlaState = Core::SlaTimeline::State;

TrayNotifier::TrayNotifier(Client::Workspace *workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        m_tray->setIcon(QApplication::windowIcon().isNull()
                ? QIcon(QStringLiteral(":/atiende/icons/atiende.png"))
                : QApplication::windowIcon());
        m_tray->setToolTip(tr("Atiende"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_lastShown)
                Q_EMIT openTicketRequested(m_lastShown);
        });
        connect(
            m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason) {
                if (QWidget *w = QApplication::activeWindow())
                    w->raise();
            });
    }
    connect(m_workspace, &Client::Workspace::ticketsChanged, this, &TrayNotifier::onTicketsChanged);
}

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::prime()
{
    m_known.clear();
    const qint64 me = m_workspace->myId();
    for (const Client::QueueRow &r : m_workspace->queueRows())
        m_known.insert(r.id,
            { r.assigneeId == me && me != 0 && TicketLifecycle::isOpen(r.status), r.slaState });
}

void TrayNotifier::onTicketsChanged(const QSet<qint64> &ids)
{
    const qint64 me = m_workspace->myId();
    if (me == 0 || ids.size() > 500) {
        // A catch-up after a long time offline is not a stream of news: take it as the new normal.
        if (ids.size() > 500)
            prime();
        return;
    }
    for (const Client::QueueRow &r :
        m_workspace->queueRows(QList<qint64>(ids.begin(), ids.end()))) {
        const bool mine = r.assigneeId == me && TicketLifecycle::isOpen(r.status);
        const Mine before = m_known.value(r.id);
        m_known.insert(r.id, { mine, r.slaState });
        if (r.id < 0)
            continue; // the agent's own offline creation
        if (mine && !before.assignedToMe && !r.pending)
            show(r.id, tr("Assigned to you: %1").arg(r.number), r.subject);
        if (mine && r.slaState != before.slaState
            && (r.slaState == SlaState::Warning || r.slaState == SlaState::Breached))
            show(r.id,
                r.slaState == SlaState::Breached ? tr("SLA breached: %1").arg(r.number)
                                                 : tr("SLA about to breach: %1").arg(r.number),
                r.subject);
    }
}

void TrayNotifier::show(qint64 ticketId, const QString &title, const QString &text)
{
    m_lastShown = ticketId;
    if (m_tray)
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 8000);
    Q_EMIT notified(ticketId, title, text);
}

} // namespace Atiende::Ui
