#include "newcustomerdialog.h"

#include "client/workspace/workspace.h"
#include "core/protocol/errorcode.h"
#include "ui/common/theme.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>

#include <algorithm>

namespace Atiende::Ui {

namespace {
constexpr int kMaxName = 200; // the protocol's limits
constexpr int kMaxEmail = 254;
constexpr int kMaxPhone = 50;
} // namespace

NewCustomerDialog::NewCustomerDialog(Client::Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("newCustomerDialog"));
    setWindowTitle(tr("New customer"));
    auto *form = new QFormLayout(this);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setMaxLength(kMaxName);
    form->addRow(tr("&Name:"), m_name);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("customerEmail"));
    m_email->setMaxLength(kMaxEmail);
    m_email->setPlaceholderText(tr("name@example.com"));
    form->addRow(tr("&E-mail:"), m_email);

    m_phone = new QLineEdit(this);
    m_phone->setObjectName(QStringLiteral("customerPhone"));
    m_phone->setMaxLength(kMaxPhone);
    form->addRow(tr("&Phone:"), m_phone);

    // Organisations the desk knows, found by typing any part of the name.
    m_organisation = new QComboBox(this);
    m_organisation->setObjectName(QStringLiteral("customerOrganisation"));
    m_organisation->setEditable(true);
    m_organisation->setInsertPolicy(QComboBox::NoInsert);
    QList<QPair<QString, qint64>> organisations;
    const QHash<qint64, QString> names = workspace->names(QStringLiteral("organisation"));
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        organisations.append({ it.value(), it.key() });
    std::sort(organisations.begin(), organisations.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    m_organisation->addItem(tr("(none)"), 0);
    for (const auto &[name, id] : std::as_const(organisations))
        m_organisation->addItem(name, id);
    m_organisation->completer()->setFilterMode(Qt::MatchContains);
    m_organisation->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_organisation->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    form->addRow(tr("&Organisation:"), m_organisation);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("customerLanguage"));
    m_language->addItem(tr("Spanish"), QStringLiteral("es"));
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->setCurrentIndex(QLocale().language() == QLocale::Spanish ? 0 : 1);
    form->addRow(tr("&Language:"), m_language);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("customerMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    form->addRow(m_message);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Add customer"));
    connect(buttons, &QDialogButtonBox::accepted, this, &NewCustomerDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);

    connect(m_name, &QLineEdit::textChanged, this, &NewCustomerDialog::updateOk);
    connect(m_organisation, &QComboBox::currentTextChanged, this, &NewCustomerDialog::updateOk);
    connect(workspace, &Client::Workspace::stateChanged, this, &NewCustomerDialog::updateOk);
    updateOk();
    m_name->setFocus();
    setMinimumWidth(420);
}

void NewCustomerDialog::prefill(const QString &searchText)
{
    const QString text = searchText.simplified();
    if (text.contains(QLatin1Char('@')))
        m_email->setText(text);
    else if (!text.isEmpty()
        && QRegularExpression(QStringLiteral("^[+0-9 ()./-]+$")).match(text).hasMatch())
        m_phone->setText(text);
    else
        m_name->setText(text);
}

QString NewCustomerDialog::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

qint64 NewCustomerDialog::chosenOrganisation() const
{
    const QString text = m_organisation->currentText().trimmed();
    if (text.isEmpty())
        return 0;
    const int current = m_organisation->currentIndex();
    if (current >= 0 && m_organisation->itemText(current) == text)
        return m_organisation->itemData(current).toLongLong();
    const int found = m_organisation->findText(text, Qt::MatchFixedString);
    return found >= 0 ? m_organisation->itemData(found).toLongLong() : -1;
}

void NewCustomerDialog::updateOk()
{
    const bool online = m_workspace->canCreateCustomer();
    const bool organisationKnown = chosenOrganisation() >= 0;
    m_ok->setEnabled(!m_busy && online && !m_name->text().trimmed().isEmpty() && organisationKnown);
    if (!online)
        m_ok->setToolTip(tr("Adding a customer needs the server, and the console is offline now."));
    else if (!organisationKnown)
        m_ok->setToolTip(tr("Pick an organisation from the list, or “(none)”."));
    else
        m_ok->setToolTip(QString());
}

void NewCustomerDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w :
        std::initializer_list<QWidget *> { m_name, m_email, m_phone, m_organisation, m_language })
        w->setEnabled(!busy);
    updateOk();
}

void NewCustomerDialog::accept()
{
    if (m_busy || !m_ok->isEnabled())
        return;
    Core::Customer c;
    c.name = m_name->text().simplified();
    c.email = m_email->text().trimmed();
    c.phone = m_phone->text().simplified();
    c.organisationId = std::max<qint64>(0, chosenOrganisation());
    c.language = m_language->currentData().toString();
    setBusy(true);
    m_message->setText(tr("Adding the customer…"));
    m_message->setPalette(palette());
    m_message->show();
    m_workspace->createCustomer(c, this, [this](const Client::Workspace::NewCustomer &result) {
        setBusy(false);
        if (result.customer.id > 0) {
            m_created = result.customer;
            m_message->hide();
            QDialog::accept();
            return;
        }
        using Core::Protocol::ErrorCode;
        QString text;
        QWidget *focus = m_name;
        if (result.field == QLatin1String("email")) {
            focus = m_email;
            const auto other
                = result.existingId ? m_workspace->customer(result.existingId) : std::nullopt;
            text = other ? tr("%1 already has this e-mail address: cancel and pick them in the "
                              "caller search.")
                               .arg(other->name)
                         : tr("This is not an e-mail address the desk can use.");
        } else if (result.errorCode == int(ErrorCode::InternalError)
            && !m_workspace->canCreateCustomer()) {
            text = tr("The connection was lost: adding a customer needs the server. Try again once "
                      "the console is connected.");
        } else {
            text = tr("The customer could not be added: %1").arg(result.error);
        }
        QPalette p = palette();
        p.setColor(QPalette::WindowText, Theme::slaBreached());
        m_message->setPalette(p);
        m_message->setText(text);
        m_message->show();
        focus->setFocus();
    });
}

} // namespace Atiende::Ui
