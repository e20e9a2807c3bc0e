#include "flowchart.h"

#include <QCategoryAxis>
#include <QLineSeries>
#include <QValueAxis>

namespace Atiende::Ui {

namespace {
const QColor kCreated(0x3b, 0x82, 0xf6);
const QColor kResolved(0x2e, 0x9d, 0x4f);

void styleLine(QLineSeries *series, const QColor &colour)
{
    QPen pen(colour, 2.2);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    series->setPen(pen);
    series->setColor(colour);
    series->setPointsVisible(true); // one hour of data is one point: it must show
    series->setMarkerSize(6);
}
} // namespace

FlowChart::FlowChart(QWidget *parent)
    : DashboardChart(parent)
    , m_created(new QLineSeries)
    , m_resolved(new QLineSeries)
    , m_x(new QCategoryAxis)
    , m_y(new QValueAxis)
{
    m_created->setName(tr("Created"));
    m_resolved->setName(tr("Resolved"));
    chart()->addSeries(m_created);
    chart()->addSeries(m_resolved);
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries *s : { m_created, m_resolved }) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    setCountRange(m_y, 1);
    applyPalette();
}

void FlowChart::setFigures(const Core::DashboardFigures &figures)
{
    const QList<Core::KpiSeriesPoint> &points = figures.series.points;
    QList<QPointF> created, resolved;
    created.reserve(points.size());
    resolved.reserve(points.size());
    double highest = 0;
    for (int i = 0; i < points.size(); ++i) {
        const double c = double(points.at(i).created);
        const double r = double(points.at(i).resolved);
        created << QPointF(i, c);
        resolved << QPointF(i, r);
        highest = std::max({ highest, c, r });
    }
    if (created != m_created->points())
        m_created->replace(created);
    if (resolved != m_resolved->points())
        m_resolved->replace(resolved);
    setTimeAxis(m_x, figures);
    setCountRange(m_y, highest);
}

void FlowChart::applyPalette()
{
    DashboardChart::applyPalette();
    styleLine(m_created, kCreated);
    styleLine(m_resolved, kResolved);
}

} // namespace Atiende::Ui
