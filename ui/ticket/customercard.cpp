#include "customercard.h"

#include "fieldtext.h"

#include "core/domain/timestamp.h"
#include "models/labels/labels.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Models::Labels;

namespace {
enum Column { NumberColumn, SubjectColumn, StatusColumn, DateColumn, ColumnCount };
constexpr int kIdRole = Qt::UserRole;
} // namespace

CustomerCard::CustomerCard(QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return Core::Timestamp::now(); })
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_name = new QLabel(this);
    m_name->setObjectName(QStringLiteral("customerName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name->setTextFormat(Qt::PlainText);
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    m_contact = new QLabel(this);
    m_contact->setObjectName(QStringLiteral("customerContact"));
    m_contact->setTextFormat(Qt::RichText);
    m_contact->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_contact->setOpenExternalLinks(true);
    m_contact->setWordWrap(true);
    m_organisation = new QLabel(this);
    m_organisation->setObjectName(QStringLiteral("customerOrganisation"));
    m_organisation->setTextFormat(Qt::PlainText);
    m_organisation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_organisation->setWordWrap(true);
    layout->addWidget(m_name);
    layout->addWidget(m_contact);
    layout->addWidget(m_organisation);

    auto *title = new QLabel(tr("Earlier ti&ckets"), this);
    m_history = new QTreeWidget(this);
    m_history->setObjectName(QStringLiteral("customerHistory"));
    title->setBuddy(m_history);
    m_history->setColumnCount(ColumnCount);
    m_history->setHeaderLabels({tr("Number"), tr("Subject"), tr("Status"), tr("Created")});
    m_history->setUniformRowHeights(true);
    m_history->setAllColumnsShowFocus(true);
    m_history->setExpandsOnDoubleClick(false);
    m_history->header()->setStretchLastSection(false);
    m_history->header()->setSectionResizeMode(SubjectColumn, QHeaderView::Stretch);
    for (int c : {NumberColumn, StatusColumn, DateColumn})
        m_history->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(title);
    layout->addWidget(m_history, 1);

    connect(m_history, &QTreeWidget::itemClicked, this, &CustomerCard::onItem);
    connect(m_history, &QTreeWidget::itemActivated, this, &CustomerCard::onItem);
}

void CustomerCard::onItem(QTreeWidgetItem *item)
{
    const qint64 id = item ? item->data(0, kIdRole).toLongLong() : 0;
    if (id)
        Q_EMIT ticketActivated(id);
}

void CustomerCard::setCustomer(const std::optional<QJsonObject> &customer, const std::optional<QJsonObject> &organisation)
{
    if (!customer) {
        m_name->setText(tr("No customer"));
        m_contact->setText(tr("This ticket was logged without a customer."));
        m_organisation->clear();
        m_organisation->hide();
        return;
    }
    const QJsonObject &c = *customer;
    m_name->setText(c.value(QStringLiteral("name")).toString());
    QStringList lines;
    const QString email = c.value(QStringLiteral("email")).toString();
    const QString phone = c.value(QStringLiteral("phone")).toString();
    const QString language = c.value(QStringLiteral("language")).toString();
    if (!email.isEmpty())
        lines << QStringLiteral("<a href=\"mailto:%1\">%2</a>").arg(QString::fromLatin1(QUrl::toPercentEncoding(email, "@+")), email.toHtmlEscaped());
    if (!phone.isEmpty()) {
        QString dial = phone;
        dial.remove(QLatin1Char(' '));
        lines << QStringLiteral("<a href=\"tel:%1\">%2</a>").arg(QString::fromLatin1(QUrl::toPercentEncoding(dial, "+")), phone.toHtmlEscaped());
    }
    if (!language.isEmpty()) {
        // What the customer is written to in, named in the agent's language.
        lines << tr("Language: %1").arg(Labels::language(language)).toHtmlEscaped();
    }
    m_contact->setText(lines.isEmpty() ? tr("No contact data").toHtmlEscaped() : lines.join(QStringLiteral("<br>")));
    if (organisation) {
        const QString domain = organisation->value(QStringLiteral("domain")).toString();
        const QString name = organisation->value(QStringLiteral("name")).toString();
        m_organisation->setText(domain.isEmpty() ? name : tr("%1 (%2)").arg(name, domain));
        m_organisation->show();
    } else {
        m_organisation->clear();
        m_organisation->hide();
    }
}

void CustomerCard::setHistory(const QJsonArray &history, qint64 customerId, qint64 currentTicketId)
{
    // Rebuilding keeps the row the agent is on (keyboard users walk this list).
    const qint64 current = m_history->currentItem() ? m_history->currentItem()->data(0, kIdRole).toLongLong() : 0;
    m_history->clear();
    m_listed.clear();
    const qint64 now = m_clock();
    auto *own = new QTreeWidgetItem(m_history);
    auto *organisation = new QTreeWidgetItem(m_history);
    int ownCount = 0, ownOpen = 0, orgCount = 0;
    QTreeWidgetItem *restore = nullptr;
    const QColor done = palette().color(QPalette::Disabled, QPalette::Text);
    for (const QJsonValue &v : history) {
        const QJsonObject t = v.toObject();
        const qint64 id = FieldText::id(t, QStringLiteral("id"));
        if (id == currentTicketId)
            continue;
        const bool mine = FieldText::id(t, QStringLiteral("customerId")) == customerId;
        const QString status = t.value(QStringLiteral("status")).toString();
        const bool open = status != QLatin1String("resolved") && status != QLatin1String("closed");
        const qint64 created = Core::Timestamp::fromJson(t.value(QStringLiteral("createdAt")));
        const QString number = t.value(QStringLiteral("number")).toString();
        auto *item = new QTreeWidgetItem(mine ? own : organisation);
        item->setText(NumberColumn, number.isEmpty() ? tr("(new)") : number);
        item->setText(SubjectColumn, t.value(QStringLiteral("subject")).toString());
        item->setToolTip(SubjectColumn, t.value(QStringLiteral("subject")).toString());
        item->setText(StatusColumn, Labels::status(status));
        item->setText(DateColumn, Labels::when(created, now));
        item->setToolTip(DateColumn, Labels::instant(created));
        item->setData(0, kIdRole, id);
        if (!open) {
            for (int c = 0; c < ColumnCount; ++c)
                item->setForeground(c, done);
        }
        m_listed.insert(id);
        if (id == current)
            restore = item;
        if (mine) {
            ++ownCount;
            ownOpen += open ? 1 : 0;
        } else {
            ++orgCount;
        }
    }
    own->setText(0, ownCount ? tr("This customer: %n other ticket(s), %1 open", nullptr, ownCount).arg(ownOpen) : tr("This customer: no other tickets"));
    organisation->setText(0, tr("Their organisation: %n ticket(s) of colleagues", nullptr, orgCount));
    for (QTreeWidgetItem *section : {own, organisation}) {
        section->setFirstColumnSpanned(true);
        section->setFlags(Qt::ItemIsEnabled);
        section->setExpanded(true);
    }
    organisation->setHidden(orgCount == 0);
    if (restore)
        m_history->setCurrentItem(restore);
}

} // namespace Atiende::Ui
