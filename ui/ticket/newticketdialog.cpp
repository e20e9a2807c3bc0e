#include "newticketdialog.h"

#include "fieldtext.h"

#include "client/workspace/workspace.h"
#include "models/labels/labels.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

#include <algorithm>

namespace Atiende::Ui {

using Models::Labels;

namespace {
constexpr int kMaxSubject = 250; // the protocol's limit
}

NewTicketDialog::NewTicketDialog(const Client::Workspace *workspace, Purpose purpose, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newTicketDialog"));
    setWindowTitle(purpose == Purpose::PhoneCall ? tr("Log a phone call") : tr("New ticket"));
    auto *form = new QFormLayout(this);

    // Every customer the desk knows, found by typing any part of the name.
    m_customer = new QComboBox(this);
    m_customer->setObjectName(QStringLiteral("customer"));
    m_customer->setEditable(true);
    m_customer->setInsertPolicy(QComboBox::NoInsert);
    QList<QPair<QString, qint64>> customers;
    const QHash<qint64, QString> names = workspace->names(QStringLiteral("customer"));
    customers.reserve(names.size());
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        customers.append({it.value(), it.key()});
    std::sort(customers.begin(), customers.end(), [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.first, b.first) < 0; });
    m_customer->addItem(tr("(no customer)"), 0);
    for (const auto &[name, id] : std::as_const(customers))
        m_customer->addItem(name, id);
    m_customer->completer()->setFilterMode(Qt::MatchContains);
    m_customer->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_customer->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    form->addRow(tr("C&ustomer:"), m_customer);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("type"));
    m_type->addItem(Labels::type(QStringLiteral("incident")), QStringLiteral("incident"));
    m_type->addItem(Labels::type(QStringLiteral("service_request")), QStringLiteral("service_request"));
    form->addRow(tr("&Type:"), m_type);

    m_subject = new QLineEdit(this);
    m_subject->setObjectName(QStringLiteral("subject"));
    m_subject->setMaxLength(kMaxSubject);
    m_subject->setPlaceholderText(purpose == Purpose::PhoneCall ? tr("What the caller needs, in a line") : tr("What it is about, in a line"));
    form->addRow(tr("&Subject:"), m_subject);

    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(purpose == Purpose::PhoneCall ? tr("What the caller said (Markdown)") : tr("The request, in the customer's words (Markdown)"));
    form->addRow(tr("&Description:"), m_description);

    auto levels = [this](const QString &name) {
        auto *box = new QComboBox(this);
        box->setObjectName(name);
        for (const QString &level : Labels::levels())
            box->addItem(Labels::level(level), level);
        box->setCurrentIndex(box->findData(QStringLiteral("medium")));
        return box;
    };
    m_impact = levels(QStringLiteral("impact"));
    m_urgency = levels(QStringLiteral("urgency"));
    form->addRow(tr("&Impact:"), m_impact);
    form->addRow(tr("U&rgency:"), m_urgency);

    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("category"));
    m_category->addItem(tr("(none)"), 0);
    for (const QJsonValue &v : workspace->categories()) {
        const QJsonObject c = v.toObject();
        m_category->addItem(c.value(QStringLiteral("name")).toString(), FieldText::id(c, QStringLiteral("id")));
    }
    form->addRow(tr("Cate&gory:"), m_category);

    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("channel"));
    for (const QString &channel : {QStringLiteral("phone"), QStringLiteral("console"), QStringLiteral("email"), QStringLiteral("chat")})
        m_channel->addItem(Labels::channel(channel), channel);
    m_channel->setCurrentIndex(m_channel->findData(purpose == Purpose::PhoneCall ? QStringLiteral("phone") : QStringLiteral("console")));
    form->addRow(tr("C&hannel:"), m_channel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create ticket"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    connect(m_subject, &QLineEdit::textChanged, this, &NewTicketDialog::updateOk);
    connect(m_customer, &QComboBox::currentTextChanged, this, &NewTicketDialog::updateOk);
    updateOk();
    m_subject->setFocus();
    resize(520, 460);
}

qint64 NewTicketDialog::chosenCustomer() const
{
    // The typed text must name a customer exactly (a half-typed name is no customer); of two
    // customers with one name, the one picked in the list.
    const QString text = m_customer->currentText();
    const int current = m_customer->currentIndex();
    if (current >= 0 && m_customer->itemText(current) == text)
        return m_customer->itemData(current).toLongLong();
    const int found = m_customer->findText(text, Qt::MatchFixedString);
    return found >= 0 ? m_customer->itemData(found).toLongLong() : -1;
}

void NewTicketDialog::updateOk()
{
    const bool customerKnown = chosenCustomer() >= 0;
    m_ok->setEnabled(!m_subject->text().trimmed().isEmpty() && customerKnown);
    m_ok->setToolTip(customerKnown ? QString() : tr("Pick a customer from the list, or “(no customer)”."));
}

void NewTicketDialog::setCustomer(qint64 customerId)
{
    const int i = m_customer->findData(customerId);
    if (i >= 0)
        m_customer->setCurrentIndex(i);
}

void NewTicketDialog::setCategory(qint64 categoryId)
{
    const int i = m_category->findData(categoryId);
    if (i >= 0)
        m_category->setCurrentIndex(i);
}

void NewTicketDialog::setSubject(const QString &subject) { m_subject->setText(subject); }
void NewTicketDialog::setDescription(const QString &description) { m_description->setPlainText(description); }

QJsonObject NewTicketDialog::params() const
{
    QJsonObject p{{QStringLiteral("type"), m_type->currentData().toString()},
                  {QStringLiteral("subject"), m_subject->text().trimmed()},
                  {QStringLiteral("impact"), m_impact->currentData().toString()},
                  {QStringLiteral("urgency"), m_urgency->currentData().toString()},
                  {QStringLiteral("channel"), m_channel->currentData().toString()}};
    const QString description = m_description->toPlainText();
    if (!description.trimmed().isEmpty())
        p.insert(QStringLiteral("description"), description);
    if (const qint64 customerId = chosenCustomer(); customerId > 0)
        p.insert(QStringLiteral("customerId"), double(customerId));
    if (const qint64 category = m_category->currentData().toLongLong())
        p.insert(QStringLiteral("categoryId"), double(category));
    return p;
}

} // namespace Atiende::Ui
