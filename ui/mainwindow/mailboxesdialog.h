#pragma once
// The desk's mailboxes as the running server sees them, for admins: each one's address, the
// group it feeds, whether it is read, and its state in plain words (waiting for mail, failed:
// "sign-in refused by the server; next try in 32 s") with how long it has been so. Read again
// every few seconds while open; a mailbox is turned off or on from here (mail.accounts.save
// with `enabled`). Adding one and its passwords stay with `atiended mail` (admin guide).

#include "client/workspace/workspace.h"
#include <QDialog>

#include <QTimer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace Atiende::Ui {

class MailboxesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MailboxesDialog(Client::Workspace *workspace, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QPushButton *toggleButton() const { return m_toggle; }
    QString message() const; // what the line under the table says
    void refresh();

private:
    void showAccounts(const QList<Client::Workspace::MailAccount> &accounts);
    void updateToggle();
    void toggleSelected();
    QString groupName(qint64 id) const;

    Client::Workspace *m_workspace;
    QTableWidget *m_table;
    QPushButton *m_toggle;
    QLabel *m_message;
    QTimer m_timer;
    QList<Client::Workspace::MailAccount> m_accounts;
    bool m_busy = false;
};

} // namespace Atiende::Ui
