#pragma once
// "New customer…" of the phone-call dialog: a caller the desk does not know yet. Name,
// e-mail, phone, organisation and language; created on the server (customers.create), so it
// needs the console online. What the server refuses (an e-mail address another customer has)
// is said in the form, which stays open with what was typed.

#include "core/domain/directory.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class NewCustomerDialog : public QDialog
{
    Q_OBJECT
public:
    NewCustomerDialog(Client::Workspace *workspace, QWidget *parent = nullptr);

    // Fills in what the agent had typed in the caller search: an e-mail address, a phone
    // number or a name, each where it belongs.
    void prefill(const QString &searchText);

    // The customer the server created (id > 0) once accepted.
    const Core::Customer &customer() const { return m_created; }

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *phoneEdit() const { return m_phone; }
    QComboBox *organisationBox() const { return m_organisation; }
    QPushButton *createButton() const { return m_ok; }
    QString message() const;

public Q_SLOTS:
    void accept() override; // sends customers.create; closes when the server agrees

private:
    void updateOk();
    void setBusy(bool busy);
    qint64 chosenOrganisation() const; // 0: none, -1: text that names no organisation

    Client::Workspace *m_workspace;
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QComboBox *m_organisation;
    QComboBox *m_language;
    QLabel *m_message;
    QPushButton *m_ok;
    bool m_busy = false;
    Core::Customer m_created;
};

} // namespace Atiende::Ui
