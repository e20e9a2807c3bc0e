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

QColor statusColour(const QString &status)
{
    if (status == QLatin1String("new"))
        return QColor(0x3b, 0x82, 0xf6);
    if (status == QLatin1String("assigned"))
        return QColor(0x14, 0xb8, 0xa6);
    if (status == QLatin1String("in_progress"))
        return QColor(0x63, 0x66, 0xf1);
    if (status == QLatin1String("pending_customer"))
        return QColor(0xf5, 0x9e, 0x0b);
    return QColor(0x9c, 0xa3, 0xaf); // pending_third_party
}

} // namespace

BacklogChart::BacklogChart(QWidget *parent)
    : DashboardChart(parent)
    , m_series(new QStackedBarSeries)
    , m_x(new QBarCategoryAxis)
    , m_y(new QValueAxis)
    , m_statuses{QStringLiteral("new"), QStringLiteral("assigned"), QStringLiteral("in_progress"), QStringLiteral("pending_customer"),
                 QStringLiteral("pending_third_party")}
    , m_priorities(Labels::priorities())
{
    for (const QString &status : std::as_const(m_statuses)) {
        auto *set = new QBarSet(Labels::status(status));
        for (int i = 0; i < m_priorities.size(); ++i)
            set->append(0);
        m_sets << set;
        m_series->append(set);
        connect(set, &QBarSet::hovered, this, [this, set, status](bool on, int index) {
            if (!on || index < 0 || index >= m_priorities.size()) {
                QToolTip::hideText();
                return;
            }
            QToolTip::showText(QCursor::pos(), tr("%1, %2: %3").arg(Labels::priority(m_priorities.at(index)), Labels::status(status)).arg(int(set->at(index))), this);
        });
    }
    m_series->setBarWidth(0.6);
    chart()->addSeries(m_series);
    for (const QString &p : std::as_const(m_priorities))
        m_x->append(Labels::priority(p));
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    setCountRange(m_y, 1);
    applyPalette();
}

void BacklogChart::setFigures(const QJsonObject &figures)
{
    const QJsonObject table = figures.value(QStringLiteral("backlog")).toObject().value(QStringLiteral("byPriorityAndStatus")).toObject();
    double highest = 0;
    for (int p = 0; p < m_priorities.size(); ++p) {
        const QJsonObject byStatus = table.value(m_priorities.at(p)).toObject();
        double total = 0;
        for (int s = 0; s < m_statuses.size(); ++s) {
            const double v = byStatus.value(m_statuses.at(s)).toDouble();
            total += v;
            if (m_sets.at(s)->at(p) != v)
                m_sets.at(s)->replace(p, v);
        }
        highest = std::max(highest, total);
    }
    setCountRange(m_y, highest);
}

int BacklogChart::value(const QString &priority, const QString &status) const
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
    for (const QString &p : std::as_const(m_priorities))
        labels << (full ? Labels::priority(p) : Labels::priorityShort(p));
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
