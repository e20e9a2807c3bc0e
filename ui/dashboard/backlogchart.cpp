#include "backlogchart.h"

#include "models/labels/labels.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QStackedBarSeries>
#include <QToolTip>
#include <QValueAxis>

namespace Atiende::Ui {

using Models::Labels;

namespace {

using Core::Priority;
using Core::TicketStatus;

QColor statusColour(TicketStatus status)
{
    switch (status) {
    case TicketStatus::New:
        return QColor(0x3b, 0x82, 0xf6);
    case TicketStatus::Assigned:
        return QColor(0x14, 0xb8, 0xa6);
    case TicketStatus::InProgress:
        return QColor(0x63, 0x66, 0xf1);
    case TicketStatus::PendingCustomer:
        return QColor(0xf5, 0x9e, 0x0b);
    default:
        return QColor(0x9c, 0xa3, 0xaf); // pending_third_party
    }
}

} // namespace

BacklogChart::BacklogChart(QWidget *parent)
    : DashboardChart(parent)
    , m_series(new QStackedBarSeries)
    , m_x(new QBarCategoryAxis)
    , m_y(new QValueAxis)
    , m_statuses { TicketStatus::New, TicketStatus::Assigned, TicketStatus::InProgress,
        TicketStatus::PendingCustomer, TicketStatus::PendingThirdParty }
    , m_priorities { Priority::P1, Priority::P2, Priority::P3, Priority::P4 }
{
    for (TicketStatus status : std::as_const(m_statuses)) {
        auto *set = new QBarSet(Labels::status(Core::wireName(status)));
        for (int i = 0; i < m_priorities.size(); ++i)
            set->append(0);
        m_sets << set;
        m_series->append(set);
        connect(set, &QBarSet::hovered, this, [this, set, status](bool on, int index) {
            if (!on || index < 0 || index >= m_priorities.size()) {
                QToolTip::hideText();
                return;
            }
            QToolTip::showText(QCursor::pos(),
                tr("%1, %2: %3")
                    .arg(Labels::priority(Core::wireName(m_priorities.at(index))),
                        Labels::status(Core::wireName(status)))
                    .arg(int(set->at(index))),
                this);
        });
    }
    m_series->setBarWidth(0.6);
    chart()->addSeries(m_series);
    for (Priority p : std::as_const(m_priorities))
        m_x->append(Labels::priority(Core::wireName(p)));
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    setCountRange(m_y, 1);
    applyPalette();
}

void BacklogChart::setFigures(const Core::DashboardFigures &figures)
{
    double highest = 0;
    for (int p = 0; p < m_priorities.size(); ++p) {
        double total = 0;
        for (int s = 0; s < m_statuses.size(); ++s) {
            const double v = double(figures.backlog.open(m_priorities.at(p), m_statuses.at(s)));
            total += v;
            if (m_sets.at(s)->at(p) != v)
                m_sets.at(s)->replace(p, v);
        }
        highest = std::max(highest, total);
    }
    setCountRange(m_y, highest);
}

int BacklogChart::value(Priority priority, TicketStatus status) const
{
    const int p = int(m_priorities.indexOf(priority));
    const int s = int(m_statuses.indexOf(status));
    return p >= 0 && s >= 0 ? int(m_sets.at(s)->at(p)) : 0;
}

void BacklogChart::resizeEvent(QResizeEvent *event)
{
    DashboardChart::resizeEvent(event);
    // "P1 · Critical" where it fits, "P1" where it would be cut.
    const bool full = width() >= 480;
    QStringList labels;
    for (Priority p : std::as_const(m_priorities))
        labels << (full ? Labels::priority(Core::wireName(p))
                        : Labels::priorityShort(Core::wireName(p)));
    if (labels != m_x->categories())
        m_x->setCategories(labels);
}

void BacklogChart::applyPalette()
{
    DashboardChart::applyPalette();
    for (int s = 0; s < m_sets.size(); ++s) {
        m_sets.at(s)->setColor(statusColour(m_statuses.at(s)));
        m_sets.at(s)->setBorderColor(palette().color(QPalette::Base));
    }
}

} // namespace Atiende::Ui
