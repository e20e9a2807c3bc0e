#include "theme.h"

namespace Atiende::Ui::Theme {

QColor slaOnTrack()
{
    return QColor(0x2e, 0x9d, 0x4f);
}
QColor slaWarning()
{
    return QColor(0xd9, 0x8a, 0x00);
}
QColor slaBreached()
{
    return QColor(0xd0, 0x31, 0x2d);
}
QColor slaInactive(const QPalette &palette)
{
    return palette.color(QPalette::Disabled, QPalette::Text);
}

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
        float(a.greenF() + (b.greenF() - a.greenF()) * t),
        float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor replyBackground(const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), QColor(0x3b, 0x82, 0xf6), 0.08);
}
QColor noteBackground(const QPalette &palette)
{
    return mix(palette.color(QPalette::Base), QColor(0xf5, 0xc5, 0x18), 0.22);
}
QColor eventForeground(const QPalette &palette)
{
    return palette.color(QPalette::Disabled, QPalette::Text);
}

QColor unreadMark()
{
    return QColor(0x25, 0x63, 0xeb);
}
QColor pendingMark()
{
    return QColor(0x8b, 0x5c, 0xf6);
}

QColor forSla(
    const QString &state, qint64 dueAt, qint64 warnAt, qint64 now, const QPalette &palette)
{
    if (state == QLatin1String("breached") || (dueAt > 0 && now >= dueAt))
        return slaBreached();
    if (state == QLatin1String("warning") || (warnAt > 0 && now >= warnAt))
        return slaWarning();
    if (dueAt > 0)
        return slaOnTrack();
    return slaInactive(palette);
}

} // namespace Atiende::Ui::Theme
