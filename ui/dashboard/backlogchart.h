#pragma once
// The open backlog by priority, each bar stacked by status (dashboard figures' `backlog`).

#include "dashboardchart.h"

class QBarCategoryAxis;
class QBarSet;
class QStackedBarSeries;
class QValueAxis;

namespace Atiende::Ui {

class BacklogChart : public DashboardChart
{
    Q_OBJECT
public:
    explicit BacklogChart(QWidget *parent = nullptr);

    void setFigures(const Core::DashboardFigures &figures);
    // The open tickets of a priority and status the chart shows now.
    int value(Core::Priority priority, Core::TicketStatus status) const;

protected:
    void applyPalette() override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QStackedBarSeries *m_series;
    QBarCategoryAxis *m_x;
    QValueAxis *m_y;
    QList<QBarSet *> m_sets; // one per open status, in m_statuses' order
    QList<Core::TicketStatus> m_statuses;
    QList<Core::Priority> m_priorities;
};

} // namespace Atiende::Ui
