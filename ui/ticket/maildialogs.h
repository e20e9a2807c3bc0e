#pragma once
// The two small dialogs of a ticket's e-mail: who else gets its mail (the CC list), and where
// an arriving mail threaded onto the wrong ticket should go (another ticket by its number, or
// a new one).

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;

namespace Atiende::Ui {

class CcDialog : public QDialog
{
    Q_OBJECT
public:
    // requester: the address replies go to first (shown, not editable).
    CcDialog(const QString &requester, const QStringList &cc, QWidget *parent = nullptr);

    // The addresses as typed, one per line or separated by commas or semicolons; checked
    // before the dialog may be accepted.
    QStringList addresses() const;
    QPlainTextEdit *editor() const { return m_edit; }
    QString problem() const; // what is wrong with what is typed, empty when nothing

private:
    void check();

    QPlainTextEdit *m_edit;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

class MoveArticleDialog : public QDialog
{
    Q_OBJECT
public:
    // from: the number of the ticket the mail is on now ("INC-000123").
    MoveArticleDialog(const QString &from, const QString &subject, QWidget *parent = nullptr);

    bool toNewTicket() const;
    QString ticketNumber() const; // canonical ("INC-000124"), empty for a new ticket
    QLineEdit *numberEdit() const { return m_number; }
    QRadioButton *newTicketButton() const { return m_new; }

private:
    void check();

    QString m_from;
    QRadioButton *m_existing;
    QRadioButton *m_new;
    QLineEdit *m_number;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace Atiende::Ui
