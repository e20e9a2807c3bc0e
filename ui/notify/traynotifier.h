#pragma once
// Desktop notifications through the system tray: a ticket newly assigned to the agent, and
// an SLA clock of one of their tickets reaching its warning mark or breaching. Decided from
// the cache's changes (so it works for changes made by anyone, online), never twice for the
// same event.

#include "core/sla/slatimeline.h"

#include <QHash>
#include <QObject>
#include <optional>

class QSystemTrayIcon;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class TrayNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TrayNotifier(Client::Workspace *workspace, QObject *parent = nullptr);
    ~TrayNotifier() override;

    // Remembers the agent's tickets as they are now, so only what happens next is news.
    void prime();

Q_SIGNALS:
    // Every notification, shown in the tray or not (tests listen here).
    void notified(qint64 ticketId, const QString &title, const QString &text);
    void openTicketRequested(qint64 ticketId); // the agent clicked the notification

private:
    struct Mine
    {
        bool assignedToMe = false;
        std::optional<Core::SlaTimeline::State> slaState;
    };
    void onTicketsChanged(const QSet<qint64> &ids);
    void show(qint64 ticketId, const QString &title, const QString &text);

    Client::Workspace *m_workspace;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<qint64, Mine> m_known;
    qint64 m_lastShown = 0;
};

} // namespace Atiende::Ui
