#include "slatrendchart.h"

#include <QCategoryAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <optional>

namespace Atiende::Ui {

namespace {
const QColor kFirstResponse(0x8b, 0x5c, 0xf6);
const QColor kResolution(0x0e, 0xa5, 0xe9);

void styleLine(QLineSeries *series, const QColor &colour)
{
    QPen pen(colour, 2.2);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    series->setPen(pen);
    series->setColor(colour);
    series->setPointsVisible(true);
    series->setMarkerSize(6);
}

// The share of clocks met in one point, in percent; nothing when no clock stopped.
std::optional<double> compliance(qint64 met, qint64 breached)
{
    const double m = double(met);
    const double b = double(breached);
    if (m + b <= 0)
        return std::nullopt;
    return 100.0 * m / (m + b);
}
} // namespace

SlaTrendChart::SlaTrendChart(QWidget *parent)
    : DashboardChart(parent)
    , m_firstResponse(new QLineSeries)
    , m_resolution(new QLineSeries)
    , m_x(new QCategoryAxis)
    , m_y(new QValueAxis)
{
    m_firstResponse->setName(tr("First response"));
    m_resolution->setName(tr("Resolution"));
    chart()->addSeries(m_firstResponse);
    chart()->addSeries(m_resolution);
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart()->addAxis(m_x, Qt::AlignBottom);
    chart()->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries *s : { m_firstResponse, m_resolution }) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_y->setRange(0, 100);
    m_y->setTickCount(5);
    m_y->setLabelFormat(QStringLiteral("%.0f%%"));
    applyPalette();
}

void SlaTrendChart::setFigures(const Core::DashboardFigures &figures)
{
    const QList<Core::KpiSeriesPoint> &points = figures.series.points;
    QList<QPointF> first, resolution;
    for (int i = 0; i < points.size(); ++i) {
        const Core::KpiSeriesPoint &p = points.at(i);
        if (const auto v = compliance(p.firstResponseMet, p.firstResponseBreached))
            first << QPointF(i, *v);
        if (const auto v = compliance(p.resolutionMet, p.resolutionBreached))
            resolution << QPointF(i, *v);
    }
    if (first != m_firstResponse->points())
        m_firstResponse->replace(first);
    if (resolution != m_resolution->points())
        m_resolution->replace(resolution);
    setTimeAxis(m_x, figures);
}

bool SlaTrendChart::hasData() const
{
    return m_firstResponse->count() > 0 || m_resolution->count() > 0;
}

void SlaTrendChart::applyPalette()
{
    DashboardChart::applyPalette();
    styleLine(m_firstResponse, kFirstResponse);
    styleLine(m_resolution, kResolution);
}

} // namespace Atiende::Ui
