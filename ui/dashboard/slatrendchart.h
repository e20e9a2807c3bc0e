#pragma once
// SLA compliance over the period, per hour of today or per day: the share of first-response
// and of resolution clocks that stopped within their target (met / (met + breached)). An
// hour or day in which no clock stopped has no point: nothing to count is not 0%.

#include "dashboardchart.h"

class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace Atiende::Ui {

class SlaTrendChart : public DashboardChart
{
    Q_OBJECT
public:
    explicit SlaTrendChart(QWidget *parent = nullptr);

    void setFigures(const Core::DashboardFigures &figures);
    // Whether any clock stopped in the period (otherwise there is nothing to draw).
    bool hasData() const;
    QLineSeries *firstResponse() const { return m_firstResponse; }
    QLineSeries *resolution() const { return m_resolution; }

protected:
    void applyPalette() override;

private:
    QLineSeries *m_firstResponse;
    QLineSeries *m_resolution;
    QCategoryAxis *m_x;
    QValueAxis *m_y;
};

} // namespace Atiende::Ui
