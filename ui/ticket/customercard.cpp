#include "customercard.h"

#include "fieldtext.h"

#include "core/domain/timestamp.h"
#include "models/labels/labels.h"

#include <QApplication>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace Atiende::Ui {

using Models::Labels;

namespace {
constexpr int kIdRole = CustomerCard::TicketIdRole;

// An entry in two lines: "INC-003066  Resolved" over the subject and, at the right, the date.
// The status gets the first line's whole width (it is what tells the entries apart at a
// glance, and Spanish ones are long); the subject gives way to the date. Sections ("This
// customer: ...") are one bold line.
class HistoryDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int line = option.fontMetrics.height();
        if (index.data(CustomerCard::SectionRole).toBool())
            return { option.rect.width(), line + 8 };
        return { option.rect.width(), 2 * line + 10 };
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        opt.text.clear();
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(
            QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus
        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette::ColorGroup group
            = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        QColor ink
            = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
        QColor quiet = opt.palette.color(
            group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        const QRect r = opt.rect.adjusted(6, 4, -6, -4);
        const QFontMetrics fm = opt.fontMetrics;
        painter->save();
        if (index.data(CustomerCard::SectionRole).toBool()) {
            QFont bold = opt.font;
            bold.setBold(true);
            painter->setFont(bold);
            painter->setPen(ink);
            painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(bold).elidedText(text, Qt::ElideRight, r.width()));
            painter->restore();
            return;
        }
        const bool open = index.data(CustomerCard::OpenRole).toBool();
        if (!open && !selected)
            ink = quiet; // done: greyed, still readable
        const QRect top(r.left(), r.top(), r.width(), fm.height());
        const QRect bottom(r.left(), r.top() + fm.height() + 2, r.width(), fm.height());
        QFont bold = opt.font;
        bold.setBold(true);
        const QString number = index.data(CustomerCard::NumberRole).toString();
        const QString date = index.data(CustomerCard::DateRole).toString();
        const QString status = index.data(CustomerCard::StatusRole).toString();
        const QString gap = QStringLiteral("  ");
        painter->setFont(bold);
        painter->setPen(ink);
        const int numberWidth = QFontMetrics(bold).horizontalAdvance(number);
        painter->drawText(top, Qt::AlignLeft | Qt::AlignVCenter, number);
        painter->setFont(opt.font);
        const int statusLeft = top.left() + numberWidth + fm.horizontalAdvance(gap);
        const int statusWidth = qMax(0, top.right() - statusLeft);
        painter->setPen(open ? ink : quiet);
        painter->drawText(QRect(statusLeft, top.top(), statusWidth, top.height()),
            Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(status, Qt::ElideRight, statusWidth));
        const int dateWidth = fm.horizontalAdvance(date);
        painter->setPen(quiet);
        painter->drawText(bottom, Qt::AlignRight | Qt::AlignVCenter, date);
        painter->setPen(ink);
        const int subjectWidth = qMax(0, bottom.width() - dateWidth - fm.horizontalAdvance(gap));
        painter->drawText(QRect(bottom.left(), bottom.top(), subjectWidth, bottom.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(
                index.data(CustomerCard::SubjectRole).toString(), Qt::ElideRight, subjectWidth));
        painter->restore();
    }
};
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
    m_history->setColumnCount(1);
    m_history->setHeaderHidden(true);
    m_history->setRootIsDecorated(false);
    m_history->setIndentation(0);
    m_history->setExpandsOnDoubleClick(false);
    m_history->setItemDelegate(new HistoryDelegate(m_history));
    m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_history->setTextElideMode(Qt::ElideRight);
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

void CustomerCard::clear()
{
    m_name->setText(tr("No ticket open"));
    m_contact->clear();
    m_organisation->clear();
    m_organisation->hide();
    m_history->clear();
    m_listed.clear();
}

void CustomerCard::setCustomer(const std::optional<Core::Customer> &customer,
    const std::optional<Core::Organisation> &organisation)
{
    if (!customer) {
        m_name->setText(tr("No customer"));
        m_contact->setText(tr("This ticket was logged without a customer."));
        m_organisation->clear();
        m_organisation->hide();
        return;
    }
    const Core::Customer &c = *customer;
    m_name->setText(c.name);
    QStringList lines;
    const QString email = c.email;
    const QString phone = c.phone;
    const QString language = c.language;
    if (!email.isEmpty())
        lines << QStringLiteral("<a href=\"mailto:%1\">%2</a>")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(email, "@+")),
                         email.toHtmlEscaped());
    if (!phone.isEmpty()) {
        QString dial = phone;
        dial.remove(QLatin1Char(' '));
        lines << QStringLiteral("<a href=\"tel:%1\">%2</a>")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(dial, "+")),
                         phone.toHtmlEscaped());
    }
    if (!language.isEmpty()) {
        // What the customer is written to in, named in the agent's language.
        lines << tr("Language: %1").arg(Labels::language(language)).toHtmlEscaped();
    }
    m_contact->setText(lines.isEmpty() ? tr("No contact data").toHtmlEscaped()
                                       : lines.join(QStringLiteral("<br>")));
    if (organisation) {
        const QString domain = organisation->domain;
        const QString name = organisation->name;
        m_organisation->setText(domain.isEmpty() ? name : tr("%1 (%2)").arg(name, domain));
        m_organisation->show();
    } else {
        m_organisation->clear();
        m_organisation->hide();
    }
}

void CustomerCard::setHistory(
    const QList<Core::Ticket> &history, qint64 customerId, qint64 currentTicketId)
{
    // Rebuilding keeps the row the agent is on (keyboard users walk this list).
    const qint64 current
        = m_history->currentItem() ? m_history->currentItem()->data(0, kIdRole).toLongLong() : 0;
    m_history->clear();
    m_listed.clear();
    const qint64 now = m_clock();
    auto *own = new QTreeWidgetItem(m_history);
    auto *organisation = new QTreeWidgetItem(m_history);
    int ownCount = 0, ownOpen = 0, orgCount = 0;
    QTreeWidgetItem *restore = nullptr;
    for (const Core::Ticket &t : history) {
        const qint64 id = t.id;
        if (id == currentTicketId)
            continue;
        const bool mine = t.customerId == customerId;
        const Core::TicketStatus status = t.status;
        const bool open
            = status != Core::TicketStatus::Resolved && status != Core::TicketStatus::Closed;
        const qint64 created = t.createdAt;
        const QString number = t.number;
        auto *item = new QTreeWidgetItem(mine ? own : organisation);
        const QString shownNumber = number.isEmpty() ? tr("(new)") : number;
        const QString subject = t.subject;
        const QString date = Labels::when(created, now);
        item->setData(0, NumberRole, shownNumber);
        item->setData(0, SubjectRole, subject);
        item->setData(0, StatusRole, Labels::status(status));
        item->setData(0, DateRole, date);
        item->setData(0, OpenRole, open);
        // What screen readers and type-ahead read: the whole entry in one line.
        item->setText(
            0, tr("%1, %2, %3: %4").arg(shownNumber, Labels::status(status), date, subject));
        item->setToolTip(0,
            tr("%1 — %2\n%3, created %4")
                .arg(shownNumber, subject, Labels::status(status), Labels::instant(created)));
        item->setData(0, kIdRole, id);
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
    // Short enough for a narrow pane; the whole sentence in the tooltip.
    own->setText(0,
        ownCount ? tr("Customer: %n more, %1 open", nullptr, ownCount).arg(ownOpen)
                 : tr("Customer: no other tickets"));
    own->setToolTip(0,
        ownCount ? tr("This customer: %n other ticket(s), %1 open", nullptr, ownCount).arg(ownOpen)
                 : tr("This customer: no other tickets"));
    organisation->setText(0, tr("Organisation: %n more", nullptr, orgCount));
    organisation->setToolTip(
        0, tr("Their organisation: %n ticket(s) of colleagues", nullptr, orgCount));
    for (QTreeWidgetItem *section : { own, organisation }) {
        section->setData(0, SectionRole, true);
        section->setFirstColumnSpanned(true);
        section->setFlags(Qt::ItemIsEnabled);
        section->setExpanded(true);
    }
    organisation->setHidden(orgCount == 0);
    if (restore)
        m_history->setCurrentItem(restore);
}

} // namespace Atiende::Ui
