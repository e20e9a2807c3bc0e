#pragma once
// A ticket in a window of its own (a second screen): its own TicketPanel for that ticket,
// titled with the number and subject, following the ticket as it changes (a ticket made
// offline keeps its window when it gets its number). Where it was and how big is remembered.
// Escape and Ctrl+W (the platform's Close) close it; the draft stays.

#include <QWidget>

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class TicketPanel;

class TicketWindow : public QWidget
{
    Q_OBJECT
public:
    TicketWindow(Client::Workspace *workspace, qint64 ticketId, QWidget *parent = nullptr);
    ~TicketWindow() override;

    // Raises the window already showing ticketId, or opens a new one (deleted when closed).
    static TicketWindow *open(Client::Workspace *workspace, qint64 ticketId);

    TicketPanel *panel() const { return m_panel; }
    qint64 ticketId() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateTitle();
    void saveGeometryNow();

    TicketPanel *m_panel;
};

} // namespace Atiende::Ui
