#pragma once
// Escalating a ticket, ITIL's two ways: functional (hand it to a group with more skill, by
// default the next tier up) or hierarchical (tell the team leads), with a reason that goes
// into the ticket's timeline.

#include <QDialog>
#include <QJsonObject>

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
    EscalateDialog(const Client::Workspace *workspace, const QJsonObject &ticket, QWidget *parent = nullptr);

    QString kind() const; // "functional" or "hierarchical"
    qint64 toGroupId() const; // 0: the next tier (functional only)
    QString reason() const;

private:
    QRadioButton *m_functional;
    QRadioButton *m_hierarchical;
    QComboBox *m_group;
    QPlainTextEdit *m_reason;
    QLabel *m_warning;
};

} // namespace Atiende::Ui
