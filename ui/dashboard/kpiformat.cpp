#include "kpiformat.h"

#include "models/labels/labels.h"

#include "core/kpi/durationrounding.h"

#include <QLocale>

#include <cmath>

namespace Atiende::Ui {

namespace {

const QChar kUp(0x25B2); // ▲
const QChar kDown(0x25BC); // ▼

KpiFormat::Judgement judge(double delta, KpiFormat::Better better)
{
    if (delta == 0 || better == KpiFormat::Better::Neither)
        return KpiFormat::Judgement::Neutral;
    const bool up = delta > 0;
    return up == (better == KpiFormat::Better::Higher) ? KpiFormat::Judgement::Good
                                                       : KpiFormat::Judgement::Bad;
}

} // namespace

QString KpiFormat::none()
{
    return QStringLiteral("\u2014");
}

bool KpiFormat::isFigure(const Figure &value)
{
    return value && std::isfinite(*value);
}

QString KpiFormat::count(const Figure &value)
{
    if (!isFigure(value))
        return none();
    return QLocale().toString(qint64(std::llround(*value)));
}

QString KpiFormat::share(const Figure &fraction)
{
    if (!isFigure(fraction))
        return none();
    // One decimal tells 93.3% from 93.8%; a whole number needs none ("100%", "50%").
    const double percent = std::round(*fraction * 1000.0) / 10.0;
    const bool whole = percent == std::floor(percent);
    return tr("%1%", "a share in percent; add a space before % where the language wants one")
        .arg(QLocale().toString(percent, 'f', whole ? 0 : 1));
}

QString KpiFormat::duration(const Figure &milliseconds)
{
    if (!isFigure(milliseconds))
        return none();
    return Models::Labels::duration(Core::roundDurationForReading(*milliseconds));
}

KpiFormat::Trend KpiFormat::shareTrend(
    const Figure &current, const Figure &previous, Better better, const QString &previousName)
{
    Trend t;
    if (!isFigure(current))
        return t;
    if (!isFigure(previous)) {
        t.text = tr("nothing to compare");
        t.toolTip = tr("%1: nothing to count").arg(previousName);
        return t;
    }
    t.toolTip = tr("%1: %2").arg(previousName, share(previous));
    const double points = std::round((*current - *previous) * 1000.0) / 10.0;
    if (points == 0) {
        t.text = tr("= no change");
        return t;
    }
    const double size = std::abs(points);
    t.text = tr("%1 %2 pts", "arrow, change in percentage points")
                 .arg(points > 0 ? kUp : kDown)
                 .arg(QLocale().toString(size, 'f', size == std::floor(size) ? 0 : 1));
    t.judgement = judge(points, better);
    return t;
}

KpiFormat::Trend KpiFormat::durationTrend(
    const Figure &current, const Figure &previous, Better better, const QString &previousName)
{
    Trend t;
    if (!isFigure(current))
        return t;
    if (!isFigure(previous)) {
        t.text = tr("nothing to compare");
        t.toolTip = tr("%1: nothing to count").arg(previousName);
        return t;
    }
    t.toolTip = tr("%1: %2").arg(previousName, duration(previous));
    // Durations are shown to the second at best; a smaller change is no change to a reader.
    const qint64 delta = std::llround(*current) - std::llround(*previous);
    if (std::abs(delta) < 1000) {
        t.text = tr("= no change");
        return t;
    }
    t.text = tr("%1 %2", "arrow, change of a duration")
                 .arg(delta > 0 ? kUp : kDown)
                 .arg(Models::Labels::duration(
                     Core::roundDurationForReading(double(std::abs(delta)))));
    t.judgement = judge(double(delta), better);
    return t;
}

KpiFormat::Trend KpiFormat::countTrend(const Figure &current, const Figure &previous, Better better,
    const QString &previousName, bool partial)
{
    Trend t;
    if (!isFigure(current) || !isFigure(previous))
        return t;
    t.toolTip = tr("%1: %2").arg(previousName, count(previous));
    if (partial) {
        t.text = t.toolTip;
        t.toolTip = tr("The period is still running: its count grows until its end, so it is not "
                       "compared with the whole of the previous one.");
        return t;
    }
    const qint64 delta = std::llround(*current) - std::llround(*previous);
    if (delta == 0) {
        t.text = tr("= no change");
        return t;
    }
    t.text = tr("%1 %2", "arrow, change of a count")
                 .arg(delta > 0 ? kUp : kDown)
                 .arg(QLocale().toString(std::abs(delta)));
    t.judgement = judge(double(delta), better);
    return t;
}

QString KpiFormat::previousPeriodName(const QString &period)
{
    if (period == QLatin1String("7d"))
        return tr("The 7 days before");
    if (period == QLatin1String("30d"))
        return tr("The 30 days before");
    return tr("Yesterday");
}

} // namespace Atiende::Ui
