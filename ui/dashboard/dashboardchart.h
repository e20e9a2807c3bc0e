#pragma once
// What the dashboard's charts share: a QChartView whose chart follows the widget's palette
// (background, text, axes and grid, re-applied when the palette changes), never animates (the
// figures change live, several times a minute) and updates its series in place. Helpers give
// count axes whole-number ticks and time axes labels in the desk's time zone.

#include "core/kpi/kpifigures.h"

#include <QChartView>
#include <QList>
#include <QPair>

class QAbstractAxis;
class QCategoryAxis;
class QValueAxis;

namespace Atiende::Ui {

class DashboardChart : public QChartView
{
    Q_OBJECT
public:
    explicit DashboardChart(QWidget *parent = nullptr);

    // The axis labels for the points of the dashboard figures' series (hours of today, or
    // days; point i is at x = i), in the desk's time zone, at most maxLabels of
    // them (every 2nd, 3rd... hour or day, always ending with the latest day).
    struct TimeLabels
    {
        QList<QPair<QString, double>> labels; // text and x position
        double max = 1; // the axis' end: the whole day for hours
    };
    static TimeLabels timeLabels(const Core::DashboardFigures &figures, int maxLabels);

    // A count axis from 0 to a round number at or above max, ticks on whole numbers.
    static void setCountRange(QValueAxis *axis, double max);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    // Colours of the chart from the palette; subclasses add their series' own.
    virtual void applyPalette();
    void styleAxis(QAbstractAxis *axis);
    // Makes axis the time axis of these figures; its labels follow the chart's width.
    void setTimeAxis(QCategoryAxis *axis, const Core::DashboardFigures &figures);

private:
    void relabel();

    QCategoryAxis *m_timeAxis = nullptr;
    Core::DashboardFigures
        m_timeFigures; // what the labels need of the figures: series, from, timeZone
};

} // namespace Atiende::Ui
