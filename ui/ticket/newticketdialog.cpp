#include "newticketdialog.h"

#include "fieldtext.h"
#include "newcustomerdialog.h"

#include "client/workspace/workspace.h"
#include "core/text/fold.h"
#include "models/labels/labels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>

#include <algorithm>

namespace Atiende::Ui {

using Models::Labels;

namespace {
constexpr int kMaxSubject = 250; // the protocol's limit
constexpr int kMaxResults = 100; // more is no help: type another word
enum Column { NameColumn, EmailColumn, OrganisationColumn, PhoneColumn };
} // namespace

NewTicketDialog::NewTicketDialog(Client::Workspace *workspace, Purpose purpose, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_purpose(purpose)
{
    const bool call = purpose == Purpose::PhoneCall;
    setObjectName(QStringLiteral("newTicketDialog"));
    setWindowTitle(call ? tr("Log a phone call") : tr("New ticket"));
    auto *form = new QFormLayout(this);

    // The caller: found by typing, picked with Down and Enter, or added as a new customer.
    m_chosen = new QLabel(this);
    m_chosen->setObjectName(QStringLiteral("chosenCustomer"));
    m_chosen->setTextFormat(Qt::PlainText);
    m_chosen->setWordWrap(true);
    form->addRow(call ? tr("Caller:") : tr("Customer:"), m_chosen);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("callerSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Name, e-mail, phone or organisation; Down and Enter to pick"));
    m_search->installEventFilter(this);
    m_newCustomer = new QPushButton(tr("Ne&w customer…"), this);
    m_newCustomer->setObjectName(QStringLiteral("newCustomer"));
    m_newCustomer->setAutoDefault(false);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_newCustomer);
    auto *searchLabel
        = new QLabel(call ? tr("Find the ca&ller:") : tr("Find the c&ustomer:"), this);
    searchLabel->setBuddy(m_search); // a layout as the field gets no buddy of its own
    form->addRow(searchLabel, searchRow);

    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("callerResults"));
    m_results->setRootIsDecorated(false);
    m_results->setUniformRowHeights(true);
    m_results->setAllColumnsShowFocus(true);
    m_results->setHeaderLabels({ tr("Name"), tr("E-mail"), tr("Organisation"), tr("Phone") });
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(QHeaderView::Stretch);
    m_results->setFocusPolicy(Qt::ClickFocus); // the keys stay in the search: Down, Enter
    m_results->setFixedHeight(m_results->sizeHintForRow(0) > 0 ? m_results->sizeHintForRow(0) * 6
                                                               : fontMetrics().height() * 9);
    form->addRow(m_results);

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("type"));
    for (const Core::TicketType type :
        { Core::TicketType::Incident, Core::TicketType::ServiceRequest })
        m_type->addItem(Labels::type(type), int(type));
    form->addRow(tr("&Type:"), m_type);

    m_subject = new QLineEdit(this);
    m_subject->setObjectName(QStringLiteral("subject"));
    m_subject->setMaxLength(kMaxSubject);
    m_subject->setPlaceholderText(
        call ? tr("What the caller needs, in a line") : tr("What it is about, in a line"));
    form->addRow(tr("&Subject:"), m_subject);

    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setTabChangesFocus(true);
    m_description->setPlaceholderText(call ? tr("What the caller said (Markdown)")
                                           : tr("The request, in the customer's words (Markdown)"));
    form->addRow(tr("&Description:"), m_description);

    auto levels = [this](const QString &name) {
        auto *box = new QComboBox(this);
        box->setObjectName(name);
        for (const Core::Level level : { Core::Level::High, Core::Level::Medium, Core::Level::Low })
            box->addItem(Labels::level(level), int(level));
        box->setCurrentIndex(box->findData(int(Core::Level::Medium)));
        return box;
    };
    m_impact = levels(QStringLiteral("impact"));
    m_urgency = levels(QStringLiteral("urgency"));
    form->addRow(tr("&Impact:"), m_impact);
    form->addRow(tr("U&rgency:"), m_urgency);

    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("category"));
    m_category->addItem(tr("(none)"), 0);
    for (const Core::Category &c : workspace->categories())
        m_category->addItem(c.name, c.id);
    form->addRow(tr("Cate&gory:"), m_category);

    m_channel = new QComboBox(this);
    m_channel->setObjectName(QStringLiteral("channel"));
    for (const Core::Channel channel :
        { Core::Channel::Phone, Core::Channel::Console, Core::Channel::Email, Core::Channel::Chat })
        m_channel->addItem(Labels::channel(channel), int(channel));
    m_channel->setCurrentIndex(
        m_channel->findData(int(call ? Core::Channel::Phone : Core::Channel::Console)));
    form->addRow(tr("C&hannel:"), m_channel);

    // The group: one of the agent's own (a call is the agent's who took it), or for a ticket
    // for a customer, the routing rules' choice.
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("group"));
    const QHash<qint64, QString> groupNames = workspace->names(QStringLiteral("group"));
    QList<qint64> mine;
    for (const qint64 id : workspace->me().groupIds) {
        if (id > 0 && groupNames.contains(id))
            mine << id;
    }
    if (!call || mine.isEmpty())
        m_group->addItem(tr("(chosen by the routing rules)"), 0);
    for (qint64 id : std::as_const(mine))
        m_group->addItem(groupNames.value(id), id);
    m_assignToMe = new QCheckBox(tr("Assign to &me"), this);
    m_assignToMe->setObjectName(QStringLiteral("assignToMe"));
    m_assignToMe->setEnabled(!mine.isEmpty() && workspace->myId() > 0);
    m_assignToMe->setChecked(call && m_assignToMe->isEnabled());
    auto *groupRow = new QHBoxLayout;
    groupRow->addWidget(m_group, 1);
    groupRow->addWidget(m_assignToMe);
    auto *groupLabel = new QLabel(tr("Gr&oup:"), this);
    groupLabel->setBuddy(m_group);
    form->addRow(groupLabel, groupRow);
    // Only an own group can be assigned to the agent; the routing rules pick no assignee.
    connect(m_assignToMe, &QCheckBox::toggled, this, [this](bool on) {
        if (on && m_group->currentData().toLongLong() == 0 && m_group->count() > 1)
            m_group->setCurrentIndex(1);
    });
    connect(m_group, &QComboBox::currentIndexChanged, this, [this] {
        if (m_group->currentData().toLongLong() == 0)
            m_assignToMe->setChecked(false);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create ticket"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewTicketDialog::reject);
    form->addRow(buttons);

    connect(m_search, &QLineEdit::textChanged, this, &NewTicketDialog::search);
    connect(m_results, &QTreeWidget::itemActivated, this, &NewTicketDialog::pickCurrent);
    connect(m_newCustomer, &QPushButton::clicked, this, &NewTicketDialog::newCustomer);
    connect(m_subject, &QLineEdit::textChanged, this, &NewTicketDialog::updateOk);
    connect(workspace, &Client::Workspace::stateChanged, this, &NewTicketDialog::updateNewCustomer);
    connect(
        workspace, &Client::Workspace::directoryChanged, this, [this](const QSet<QString> &kinds) {
            if (kinds.contains(QStringLiteral("customer"))
                || kinds.contains(QStringLiteral("organisation"))) {
                loadCustomers();
                search();
            }
        });

    loadCustomers();
    showChosen();
    updateNewCustomer();
    updateOk();
    m_search->setFocus();
    resize(680, 640);
}

void NewTicketDialog::loadCustomers()
{
    m_entries.clear();
    const QList<Core::Customer> customers = m_workspace->customers();
    m_entries.reserve(customers.size() + 1);
    for (const Core::Customer &c : customers)
        m_entries.append(makeEntry(c));
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
        const int byName = QString::localeAwareCompare(a.customer.name, b.customer.name);
        return byName != 0 ? byName < 0 : a.customer.id < b.customer.id;
    });
}

NewTicketDialog::Entry NewTicketDialog::makeEntry(const Core::Customer &customer) const
{
    Entry e;
    e.customer = customer;
    e.organisation = customer.organisationId
        ? m_workspace->names(QStringLiteral("organisation")).value(customer.organisationId)
        : QString();
    e.folded = Core::Text::fold(
        QStringList { customer.name, customer.email, customer.phone, e.organisation }.join(
            QLatin1Char(' ')));
    return e;
}

void NewTicketDialog::addEntry(const Core::Customer &customer)
{
    // A customer just added here: the sync feed may not have brought it yet.
    if (std::none_of(m_entries.cbegin(), m_entries.cend(),
            [&customer](const Entry &e) { return e.customer.id == customer.id; }))
        m_entries.append(makeEntry(customer));
}

void NewTicketDialog::search()
{
    m_results->clear();
    const QStringList words
        = Core::Text::fold(m_search->text()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!words.isEmpty()) {
        // Phone numbers are typed with or without their spaces.
        const QString digits = QString(m_search->text()).remove(QLatin1Char(' '));
        int shown = 0;
        for (const Entry &e : std::as_const(m_entries)) {
            const bool all = std::all_of(words.begin(), words.end(),
                [&e](const QString &w) { return e.folded.contains(w); });
            const bool phone = digits.size() >= 3
                && QString(e.customer.phone).remove(QLatin1Char(' ')).contains(digits);
            if (!all && !phone)
                continue;
            auto *item = new QTreeWidgetItem(
                m_results, { e.customer.name, e.customer.email, e.organisation, e.customer.phone });
            item->setData(NameColumn, Qt::UserRole, e.customer.id);
            item->setToolTip(NameColumn, e.customer.name);
            if (++shown == kMaxResults)
                break;
        }
        if (m_results->topLevelItemCount() > 0)
            m_results->setCurrentItem(m_results->topLevelItem(0));
    }
    updateOk();
}

bool NewTicketDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int rows = m_results->topLevelItemCount();
        const int row = m_results->currentItem()
            ? m_results->indexOfTopLevelItem(m_results->currentItem())
            : -1;
        switch (key->key()) {
        case Qt::Key_Down:
        case Qt::Key_Up:
        case Qt::Key_PageDown:
        case Qt::Key_PageUp: {
            if (rows == 0)
                return true;
            const int step = key->key() == Qt::Key_Down ? 1
                : key->key() == Qt::Key_Up              ? -1
                : key->key() == Qt::Key_PageDown        ? 5
                                                        : -5;
            m_results->setCurrentItem(m_results->topLevelItem(std::clamp(row + step, 0, rows - 1)));
            return true;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Enter picks the caller; it never creates the ticket from the search.
            if (row >= 0)
                pickCurrent();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void NewTicketDialog::pickCurrent()
{
    const QTreeWidgetItem *item = m_results->currentItem();
    if (!item)
        return;
    const qint64 id = item->data(NameColumn, Qt::UserRole).toLongLong();
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.customer.id == id) {
            choose(e.customer);
            return;
        }
    }
}

void NewTicketDialog::choose(const Core::Customer &customer)
{
    m_customer = customer;
    m_search->clear();
    showChosen();
    updateOk();
    m_subject->setFocus();
}

void NewTicketDialog::showChosen()
{
    if (m_customer.id <= 0) {
        m_chosen->setFont(font());
        m_chosen->setText(m_purpose == Purpose::PhoneCall
                ? tr("None yet: find the caller below, or add a new customer.")
                : tr("None: find the customer below, or leave it without one."));
        return;
    }
    QStringList parts { m_customer.name };
    if (!m_customer.email.isEmpty())
        parts << m_customer.email;
    if (m_customer.organisationId)
        parts
            << m_workspace->names(QStringLiteral("organisation")).value(m_customer.organisationId);
    if (!m_customer.phone.isEmpty())
        parts << m_customer.phone;
    parts.removeAll(QString());
    m_chosen->setText(parts.join(QStringLiteral(" · ")));
    QFont bold = font();
    bold.setBold(true);
    m_chosen->setFont(bold);
}

void NewTicketDialog::updateOk()
{
    // Text in the search that was not picked names nobody yet: the agent picks, adds the
    // customer, or clears the search for a ticket without one.
    const bool unpicked = !m_search->text().trimmed().isEmpty();
    m_ok->setEnabled(!m_subject->text().trimmed().isEmpty() && !unpicked);
    m_ok->setToolTip(unpicked ? tr("Pick the caller from the list (Down, then Enter), add a new "
                                   "customer, or clear the search.")
                              : QString());
}

void NewTicketDialog::updateNewCustomer()
{
    const bool online = m_workspace->canCreateCustomer();
    m_newCustomer->setEnabled(online);
    m_newCustomer->setToolTip(online
            ? tr("Add a caller the desk does not know yet.")
            : tr("Adding a customer needs the server, and the console is offline now."));
}

void NewTicketDialog::newCustomer()
{
    if (m_customerForm || !m_workspace->canCreateCustomer())
        return;
    m_customerForm = new NewCustomerDialog(m_workspace, this);
    m_customerForm->setAttribute(Qt::WA_DeleteOnClose);
    m_customerForm->prefill(m_search->text());
    connect(m_customerForm, &QDialog::accepted, this, [this, form = m_customerForm] {
        if (!form)
            return;
        addEntry(form->customer());
        choose(form->customer());
    });
    m_customerForm->open();
}

QMessageBox *NewTicketDialog::discardQuestion() const
{
    return m_discard.data();
}
NewCustomerDialog *NewTicketDialog::newCustomerDialog() const
{
    return m_customerForm.data();
}

void NewTicketDialog::setCustomer(qint64 customerId)
{
    const auto c = m_workspace->customer(customerId);
    if (!c)
        return;
    m_customer = *c;
    m_initialCustomer = m_customer.id;
    showChosen();
    updateOk();
}

void NewTicketDialog::setCategory(qint64 categoryId)
{
    const int i = m_category->findData(categoryId);
    if (i >= 0)
        m_category->setCurrentIndex(i);
}

void NewTicketDialog::setSubject(const QString &subject)
{
    m_subject->setText(subject);
}
void NewTicketDialog::setDescription(const QString &description)
{
    m_description->setPlainText(description);
}

bool NewTicketDialog::assignsToMe() const
{
    return m_assignToMe->isEnabled() && m_assignToMe->isChecked()
        && m_group->currentData().toLongLong() > 0;
}

bool NewTicketDialog::hasInput() const
{
    return !m_search->text().trimmed().isEmpty() || !m_subject->text().trimmed().isEmpty()
        || !m_description->toPlainText().trimmed().isEmpty() || m_customer.id != m_initialCustomer;
}

void NewTicketDialog::reject()
{
    if (!hasInput())
        return QDialog::reject();
    if (m_discard)
        return m_discard->raise();
    m_discard = new QMessageBox(QMessageBox::Question,
        m_purpose == Purpose::PhoneCall ? tr("Discard this call?") : tr("Discard this ticket?"),
        m_purpose == Purpose::PhoneCall ? tr("Discard this call?") : tr("Discard this ticket?"),
        QMessageBox::NoButton, this);
    m_discard->setObjectName(QStringLiteral("discardQuestion"));
    m_discard->setInformativeText(tr("What you typed here is lost."));
    QPushButton *discard = m_discard->addButton(tr("&Discard"), QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discard"));
    QPushButton *keep = m_discard->addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepEditing"));
    m_discard->setDefaultButton(keep);
    m_discard->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        m_discard, &QMessageBox::buttonClicked, this, [this, discard](QAbstractButton *clicked) {
            if (clicked == discard)
                QDialog::reject();
        });
    m_discard->open();
}

Core::NewTicket NewTicketDialog::newTicket() const
{
    Core::NewTicket t;
    t.type = Core::TicketType(m_type->currentData().toInt());
    t.subject = m_subject->text().trimmed();
    t.impact = Core::Level(m_impact->currentData().toInt());
    t.urgency = Core::Level(m_urgency->currentData().toInt());
    t.channel = Core::Channel(m_channel->currentData().toInt());
    const QString description = m_description->toPlainText();
    if (!description.trimmed().isEmpty())
        t.description = description;
    t.customerId = qMax<qint64>(0, m_customer.id);
    t.categoryId = m_category->currentData().toLongLong();
    t.groupId = m_group->currentData().toLongLong();
    if (assignsToMe())
        t.assigneeId = m_workspace->myId();
    return t;
}

} // namespace Atiende::Ui
