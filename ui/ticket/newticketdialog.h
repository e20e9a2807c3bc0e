#pragma once
// A new ticket from the console: a phone call logged as it happens, or a ticket opened for a
// customer. The caller is found by typing any of name, e-mail, phone or organisation (the
// results tell namesakes apart) and picked with Down and Enter, or added on the spot ("New
// customer…", online only); then type, subject, description, impact and urgency, category,
// channel, and the group with "assign to me" (a call is the agent's who took it). Closing it
// with anything typed asks first. What it returns goes to Workspace::createTicket.

#include "core/domain/directory.h"

#include "core/domain/ticketedits.h"
#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class NewCustomerDialog;

class NewTicketDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose { PhoneCall, ForCustomer };
    NewTicketDialog(Client::Workspace *workspace, Purpose purpose, QWidget *parent = nullptr);

    Purpose purpose() const { return m_purpose; }
    // The customer the ticket is for (shown above the search, which can change it); 0: none.
    void setCustomer(qint64 customerId);
    qint64 customerId() const { return m_customer.id; }
    void setCategory(qint64 categoryId);
    void setSubject(const QString &subject);
    void setDescription(const QString &description);

    // The ticket as filled in, for Workspace::createTicket.
    Core::NewTicket newTicket() const;
    // Whether the ticket goes to the agent (its assignee in newTicket()).
    bool assignsToMe() const;
    // Something typed or picked that closing would lose.
    bool hasInput() const;

    QLineEdit *callerSearch() const { return m_search; }
    QTreeWidget *callerResults() const { return m_results; }
    QLabel *chosenCustomerLabel() const { return m_chosen; }
    QPushButton *newCustomerButton() const { return m_newCustomer; }
    QLineEdit *subjectEdit() const { return m_subject; }
    QComboBox *groupBox() const { return m_group; }
    QCheckBox *assignToMeBox() const { return m_assignToMe; }
    QPushButton *createButton() const { return m_ok; }
    // The "Discard this …?" question while it is open, and the new-customer form.
    QMessageBox *discardQuestion() const;
    NewCustomerDialog *newCustomerDialog() const;

public Q_SLOTS:
    void reject() override; // Cancel, Escape or the window's close: asks first when hasInput()
    void newCustomer(); // the form for a caller the desk does not know

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Entry
    {
        Core::Customer customer;
        QString organisation;
        QString folded; // name, e-mail, phone and organisation, for the search
    };
    void loadCustomers();
    Entry makeEntry(const Core::Customer &customer) const;
    void addEntry(const Core::Customer &customer);
    void search();
    void pickCurrent();
    void choose(const Core::Customer &customer);
    void showChosen();
    void updateOk();
    void updateNewCustomer();

    Client::Workspace *m_workspace;
    Purpose m_purpose;
    QList<Entry> m_entries;
    Core::Customer m_customer; // the one chosen; id 0: none
    qint64 m_initialCustomer = 0; // set by setCustomer before the agent did anything
    QPointer<QMessageBox> m_discard;
    QPointer<NewCustomerDialog> m_customerForm;

    QLineEdit *m_search;
    QTreeWidget *m_results;
    QLabel *m_chosen;
    QPushButton *m_newCustomer;
    QComboBox *m_type;
    QLineEdit *m_subject;
    QPlainTextEdit *m_description;
    QComboBox *m_impact;
    QComboBox *m_urgency;
    QComboBox *m_category;
    QComboBox *m_channel;
    QComboBox *m_group;
    QCheckBox *m_assignToMe;
    QPushButton *m_ok;
};

} // namespace Atiende::Ui
