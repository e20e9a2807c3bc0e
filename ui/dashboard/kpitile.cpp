#include "kpitile.h"

#include "ui/common/theme.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Atiende::Ui {

namespace {

void setTextColour(QLabel *label, const QColor &colour)
{
    QPalette p = label->palette();
    if (p.color(QPalette::WindowText) == colour)
        return;
    p.setColor(QPalette::WindowText, colour);
    label->setPalette(p);
}

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

KpiTile::KpiTile(const QString &title, QWidget *parent)
    : DashboardCard(title, parent)
{
    auto *body = new QWidget(this);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_value = plainLabel(QStringLiteral("value"), body);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    m_value->setFont(big);
    m_trendLabel = plainLabel(QStringLiteral("trend"), body);
    m_detail = plainLabel(QStringLiteral("detail"), body);
    m_detail->setWordWrap(true);
    QFont small = m_detail->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_detail->setFont(small);
    m_trendLabel->setFont(small);
    // Every tile keeps the same three lines, empty or not, so a row of tiles stays aligned.
    m_trendLabel->setMinimumHeight(m_trendLabel->fontMetrics().height());
    m_detail->setMinimumHeight(m_detail->fontMetrics().height());
    layout->addWidget(m_value);
    layout->addWidget(m_trendLabel);
    layout->addWidget(m_detail);
    layout->addStretch(1);
    setBody(body);
    setValue(KpiFormat::none());
    setMinimumWidth(170);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    colour();
}

void KpiTile::setValue(const QString &text, const QColor &accent)
{
    m_value->setText(text);
    if (m_accent != accent) {
        m_accent = accent;
        colour();
    }
}

void KpiTile::setTrend(const KpiFormat::Trend &trend)
{
    m_trendLabel->setText(trend.text);
    m_trendLabel->setToolTip(trend.toolTip);
    if (m_trend.judgement != trend.judgement) {
        m_trend = trend;
        colour();
    } else {
        m_trend = trend;
    }
}

void KpiTile::setDetail(const QString &text)
{
    m_detail->setText(text);
    m_detail->setToolTip(text);
}

QString KpiTile::value() const
{
    return m_value->text();
}
QString KpiTile::trend() const
{
    return m_trendLabel->text();
}
QString KpiTile::detail() const
{
    return m_detail->text();
}

void KpiTile::paletteChanged()
{
    DashboardCard::paletteChanged();
    colour();
}

void KpiTile::colour()
{
    if (!m_value)
        return;
    setTextColour(m_value, m_accent.isValid() ? m_accent : palette().color(QPalette::WindowText));
    switch (m_trend.judgement) {
    case KpiFormat::Judgement::Good:
        setTextColour(m_trendLabel, Theme::slaOnTrack());
        break;
    case KpiFormat::Judgement::Bad:
        setTextColour(m_trendLabel, Theme::slaBreached());
        break;
    case KpiFormat::Judgement::Neutral:
        setTextColour(m_trendLabel, mutedText(palette()));
        break;
    }
    setTextColour(m_detail, mutedText(palette()));
}

} // namespace Atiende::Ui
