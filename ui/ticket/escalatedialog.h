#pragma once
// Escalating a ticket, ITIL's two ways: functional (hand it to a group with more skill, by
// default the next tier up) or hierarchical (tell the team leads), with a reason that goes
// into the ticket's timeline.

#include "core/domain/ticket.h"
#include "core/domain/ticketedits.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QRadioButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class EscalateDialog : public QDialog
{
    Q_OBJECT
public:
    EscalateDialog(
        const Client::Workspace *workspace, const Core::Ticket &ticket, QWidget *parent = nullptr);

    Core::EscalationKind kind() const;
    qint64 toGroupId() const; // 0: the next tier (functional only)
    QString reason() const;
    // All three, as Workspace::escalate takes them.
    Core::EscalationRequest request() const { return { kind(), toGroupId(), reason() }; }

private:
    QRadioButton *m_functional;
    QRadioButton *m_hierarchical;
    QComboBox *m_group;
    QPlainTextEdit *m_reason;
    QLabel *m_warning;
};

} // namespace Atiende::Ui
