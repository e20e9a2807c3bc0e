#pragma once
// Tickets created and resolved over the period: per hour of today, per day otherwise
// (dashboard figures' `series`). Two lines whose points are replaced in place on each update.

#include "dashboardchart.h"

class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace Atiende::Ui {

class FlowChart : public DashboardChart
{
    Q_OBJECT
public:
    explicit FlowChart(QWidget *parent = nullptr);

    void setFigures(const Core::DashboardFigures &figures);
    QLineSeries *created() const { return m_created; }
    QLineSeries *resolved() const { return m_resolved; }

protected:
    void applyPalette() override;

private:
    QLineSeries *m_created;
    QLineSeries *m_resolved;
    QCategoryAxis *m_x;
    QValueAxis *m_y;
};

} // namespace Atiende::Ui
