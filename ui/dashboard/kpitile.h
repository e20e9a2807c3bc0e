#pragma once
// A headline figure of the dashboard: what it is, its value (large), how it moved against
// the previous period (an arrow and the change, green when that is good, red when bad) and a
// line of detail. Texts are set only when they change, so live updates do not flicker.

#include "kpiformat.h"

#include "dashboardcard.h"

class QLabel;

namespace Atiende::Ui {

class KpiTile : public DashboardCard
{
    Q_OBJECT
public:
    explicit KpiTile(const QString &title, QWidget *parent = nullptr);

    // accent: the value's colour when it says something by itself (breaches: red); invalid:
    // the palette's text colour.
    void setValue(const QString &text, const QColor &accent = QColor());
    void setTrend(const KpiFormat::Trend &trend);
    void setDetail(const QString &text);

    QString value() const;
    QString trend() const;
    QString detail() const;
    KpiFormat::Judgement judgement() const { return m_trend.judgement; }

protected:
    void paletteChanged() override;

private:
    void colour();

    QLabel *m_value = nullptr;
    QLabel *m_trendLabel = nullptr;
    QLabel *m_detail = nullptr;
    QColor m_accent;
    KpiFormat::Trend m_trend;
};

} // namespace Atiende::Ui
