#include "dashboardcard.h"

#include "ui/common/theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QStackedLayout>
#include <QVBoxLayout>

namespace Atiende::Ui {

DashboardCard::DashboardCard(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_note(new QLabel(this))
    , m_emptyLabel(new QLabel(this))
    , m_stack(new QStackedLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(6);
    auto *head = new QHBoxLayout;
    head->setSpacing(8);
    m_title->setObjectName(QStringLiteral("cardTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_note->setObjectName(QStringLiteral("cardNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    head->addWidget(m_title);
    head->addStretch(1);
    head->addWidget(m_note);
    layout->addLayout(head);
    m_emptyLabel->setObjectName(QStringLiteral("cardEmpty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_stack->addWidget(m_emptyLabel);
    layout->addLayout(m_stack, 1);
    paletteChanged();
}

QString DashboardCard::title() const
{
    return m_title->text();
}
void DashboardCard::setTitle(const QString &title)
{
    m_title->setText(title);
}
QString DashboardCard::note() const
{
    return m_note->text();
}

void DashboardCard::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void DashboardCard::setBody(QWidget *body)
{
    if (m_body) {
        m_stack->removeWidget(m_body);
        m_body->deleteLater();
    }
    m_body = body;
    if (m_body) {
        m_stack->addWidget(m_body);
        m_stack->setCurrentWidget(m_empty ? static_cast<QWidget *>(m_emptyLabel) : m_body);
    }
}

void DashboardCard::setEmptyText(const QString &text)
{
    m_emptyLabel->setText(text);
}

void DashboardCard::setEmpty(bool empty)
{
    m_empty = empty;
    // A stacked layout is as large as its largest page: the card keeps its size either way,
    // so a figure going to zero and back does not make the tab jump.
    m_stack->setCurrentWidget(empty || !m_body ? static_cast<QWidget *>(m_emptyLabel) : m_body);
}

QColor DashboardCard::mutedText(const QPalette &palette)
{
    return Theme::mix(palette.color(QPalette::WindowText), palette.color(QPalette::Base), 0.45);
}

void DashboardCard::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.setPen(QPen(Theme::mix(pal.color(QPalette::Base), pal.color(QPalette::WindowText), 0.14), 1));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
}

void DashboardCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        paletteChanged();
}

void DashboardCard::paletteChanged()
{
    for (QLabel *label : { m_note, m_emptyLabel }) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, mutedText(palette()));
        label->setPalette(p);
    }
}

} // namespace Atiende::Ui
