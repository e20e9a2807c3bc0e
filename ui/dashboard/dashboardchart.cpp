#include "dashboardchart.h"

#include "models/labels/labels.h"
#include "ui/common/theme.h"

#include <QAbstractAxis>
#include <QCategoryAxis>
#include <QChart>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLocale>
#include <QTimeZone>
#include <QValueAxis>

#include <cmath>

namespace Atiende::Ui {

DashboardChart::DashboardChart(QWidget *parent)
    : QChartView(parent)
{
    // The view comes with a chart of its own: that one is set up. setChart() with another
    // would leave this one to nobody (it "releases ownership"): a whole chart leaked per view.
    QChart *chart = this->chart();
    chart->setAnimationOptions(QChart::NoAnimation); // live data: moving bars would never rest
    chart->setBackgroundRoundness(0);
    chart->setMargins(
        QMargins(2, 4, 30, 2)); // room for the last label of a time axis, centred on its point
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void DashboardChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void DashboardChart::applyPalette()
{
    const QPalette pal = palette();
    QChart *c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setBackgroundPen(Qt::NoPen);
    c->setPlotAreaBackgroundVisible(false);
    c->setTitleBrush(pal.color(QPalette::Text));
    c->legend()->setLabelColor(pal.color(QPalette::Text));
    c->legend()->setFont(font());
    setBackgroundBrush(pal.color(QPalette::Base));
    const auto axes = c->axes();
    for (QAbstractAxis *axis : axes)
        styleAxis(axis);
}

void DashboardChart::styleAxis(QAbstractAxis *axis)
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor base = pal.color(QPalette::Base);
    axis->setLabelsColor(Theme::mix(text, base, 0.25));
    axis->setLabelsFont(font());
    axis->setLinePenColor(Theme::mix(base, text, 0.35));
    axis->setGridLineColor(Theme::mix(base, text, 0.12));
    axis->setMinorGridLineVisible(false);
    axis->setTitleVisible(false);
}

void DashboardChart::setCountRange(QValueAxis *axis, double max)
{
    // Steps of 1, 2 or 5 times a power of ten, at most five of them: 0-4 shows 0,1,2,3,4,
    // 0-37 shows 0,10,20,30,40.
    max = std::max(max, 1.0);
    double step = 1;
    for (double magnitude = 1;; magnitude *= 10) {
        bool found = false;
        for (double m : { 1.0, 2.0, 5.0 }) {
            if (max / (m * magnitude) <= 5) {
                step = m * magnitude;
                found = true;
                break;
            }
        }
        if (found)
            break;
    }
    const double top = std::ceil(max / step) * step;
    axis->setRange(0, top);
    axis->setTickCount(int(std::lround(top / step)) + 1);
    axis->setLabelFormat(QStringLiteral("%.0f"));
}

DashboardChart::TimeLabels DashboardChart::timeLabels(
    const Core::DashboardFigures &figures, int maxLabels)
{
    maxLabels = std::max(2, maxLabels);
    TimeLabels t;
    const QList<Core::KpiSeriesPoint> &points = figures.series.points;
    const QTimeZone zone(figures.timeZone.toUtf8());
    const QTimeZone shown = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    const QLocale locale;
    auto local = [&](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, shown); };
    if (figures.series.unit == Core::KpiSeries::Unit::Hour) {
        // The whole day from midnight, so the line grows across it as the hours pass.
        const qint64 from = figures.from;
        const int hours = std::max(24, int(points.size()));
        t.max = hours - 1;
        if (from <= 0)
            return t;
        int step = 1;
        for (int s : { 1, 2, 3, 4, 6, 12 }) {
            step = s;
            if ((hours + s - 1) / s <= maxLabels)
                break;
        }
        for (int h = 0; h < hours; h += step)
            t.labels.append(
                { Models::Labels::timeOfDay(local(from + qint64(h) * 3600000)), double(h) });
        return t;
    }
    const int n = int(points.size());
    t.max = std::max(1, n - 1);
    // Every day when they fit, otherwise every so many counted back from today's.
    const int step = std::max(1, (n + maxLabels - 1) / maxLabels);
    const QString format = n <= 10 ? tr("ddd d", "days on the dashboard's charts, a week")
                                   : tr("d MMM", "days on the dashboard's charts, a month");
    for (int i = n - 1; i >= 0; i -= step) {
        const qint64 start = points.at(i).start;
        if (start > 0)
            t.labels.prepend({ locale.toString(local(start).date(), format), double(i) });
    }
    return t;
}

void DashboardChart::setTimeAxis(QCategoryAxis *axis, const Core::DashboardFigures &figures)
{
    m_timeAxis = axis;
    m_timeFigures = Core::DashboardFigures();
    m_timeFigures.series = figures.series;
    m_timeFigures.from = figures.from;
    m_timeFigures.timeZone = figures.timeZone;
    relabel();
}

void DashboardChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if (m_timeAxis)
        relabel();
}

void DashboardChart::relabel()
{
    // About one label per 70 pixels of plot (the view less its value axis): "Wed 18",
    // "10:00" and "18 Nov" stay whole.
    const TimeLabels labels = timeLabels(m_timeFigures, (width() - 60) / 70);
    QList<QPair<QString, double>> held;
    const QStringList names = m_timeAxis->categoriesLabels();
    for (const QString &name : names)
        held.append({ name, m_timeAxis->endValue(name) });
    if (held != labels.labels) {
        for (const QString &name : names)
            m_timeAxis->remove(name);
        for (const auto &[text, x] : labels.labels)
            m_timeAxis->append(
                text, x); // a repeated text (the hour repeated when clocks go back) is skipped
    }
    m_timeAxis->setStartValue(0);
    m_timeAxis->setRange(0, labels.max);
}

} // namespace Atiende::Ui
