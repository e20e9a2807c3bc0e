#pragma once
// A new ticket from the console: a phone call logged as it happens, or a ticket opened for a
// customer. Customer, type, subject, description, impact and urgency, category and channel;
// the routing rules pick the group. What it returns goes to Workspace::createTicket.

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Atiende::Client {
class Workspace;
}

namespace Atiende::Ui {

class NewTicketDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Purpose { PhoneCall, ForCustomer };
    NewTicketDialog(const Client::Workspace *workspace, Purpose purpose, QWidget *parent = nullptr);

    void setCustomer(qint64 customerId);
    void setCategory(qint64 categoryId);
    void setSubject(const QString &subject);
    void setDescription(const QString &description);

    // tickets.create's params (type, subject, description, impact, urgency, channel,
    // categoryId, customerId); no opId: the outbox adds it.
    QJsonObject params() const;

    QLineEdit *subjectEdit() const { return m_subject; }
    QComboBox *customerBox() const { return m_customer; }

private:
    void updateOk();
    qint64 chosenCustomer() const; // 0: none, -1: text that names nobody

    QComboBox *m_customer;
    QComboBox *m_type;
    QLineEdit *m_subject;
    QPlainTextEdit *m_description;
    QComboBox *m_impact;
    QComboBox *m_urgency;
    QComboBox *m_category;
    QComboBox *m_channel;
    QPushButton *m_ok;
};

} // namespace Atiende::Ui
