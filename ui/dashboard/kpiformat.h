#pragma once
// How the dashboard writes a KPI figure and its trend: counts, shares and business-time
// durations as a person reads them, "—" for a figure with nothing to count (the protocol's
// null, docs/kpis.md, std::nullopt in Core::DashboardFigures), and the change against the
// previous period with whether it is good. Pure functions of the figures, so the tiles and
// the tests agree on every text.

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Atiende::Ui {

class KpiFormat
{
    Q_DECLARE_TR_FUNCTIONS(KpiFormat)
public:
    // Which way a figure should move.
    enum class Better { Higher, Lower, Neither };
    // How a change reads: an improvement, a worsening, or neither.
    enum class Judgement { Neutral, Good, Bad };

    struct Trend
    {
        QString text; // "▲ 4.2 pts", "▼ 12 min", "= no change"; empty: no trend to show
        Judgement judgement = Judgement::Neutral;
        QString toolTip; // the previous period's figure, in words
    };

    // A figure: a count, a share or a duration; std::nullopt when there is nothing to count.
    using Figure = std::optional<double>;

    // The placeholder for a figure with nothing to count.
    static QString none();
    // A figure that holds a real number: there, and finite.
    static bool isFigure(const Figure &value);

    static QString count(const Figure &value); // "1,234"
    static QString share(const Figure &fraction); // 0.9333 -> "93.3%" (one decimal below 100)
    static QString duration(const Figure &milliseconds); // business time, Labels::duration

    // The change of a share, in percentage points.
    static Trend shareTrend(
        const Figure &current, const Figure &previous, Better better, const QString &previousName);
    // The change of a business-time duration.
    static Trend durationTrend(
        const Figure &current, const Figure &previous, Better better, const QString &previousName);
    // The change of a count. partial: the current period is still running while the previous
    // one is whole (today against all of yesterday), so an arrow would mislead; the trend
    // then just says what the previous period had.
    static Trend countTrend(const Figure &current, const Figure &previous, Better better,
        const QString &previousName, bool partial);

    // "yesterday", "the 7 days before", "the 30 days before" for the protocol's periods.
    static QString previousPeriodName(const QString &period);
};

} // namespace Atiende::Ui
