#pragma once
// Load per agent: open tickets and tickets resolved today, one pair of horizontal bars per
// agent with their presence beside the name, the busiest at the top. Agents who are offline
// and hold nothing are left out, and at most maxAgents() are drawn (the server lists up to
// 500): hiddenAgents() says how many did not fit.

#include "dashboardchart.h"

class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QValueAxis;

namespace Atiende::Ui {

class AgentLoadChart : public DashboardChart
{
    Q_OBJECT
public:
    explicit AgentLoadChart(QWidget *parent = nullptr);

    static constexpr int maxAgents() { return 20; }

    void setFigures(const Core::DashboardFigures &figures);
    // The agents' labels as drawn, top first ("Ana · Available").
    QStringList agents() const;
    int hiddenAgents() const { return m_hidden; }
    int shownAgents() const { return int(m_labels.size()); }

protected:
    void applyPalette() override;

private:
    QHorizontalBarSeries *m_series;
    QBarSet *m_open;
    QBarSet *m_resolved;
    QBarCategoryAxis *m_y;
    QValueAxis *m_x;
    QStringList m_labels; // bottom first, as the axis holds them
    int m_hidden = 0;
};

} // namespace Atiende::Ui
