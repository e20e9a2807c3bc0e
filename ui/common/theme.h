#pragma once
// The console's few colours with a meaning, in one place: SLA states, conversation kinds,
// unread and pending marks. Picked to read on light and dark palettes alike (mid tones,
// text on them in the palette's own text colour).

#include <QColor>
#include <QPalette>
#include <QString>

namespace Atiende::Ui::Theme {

// SLA countdown: green while on track, amber from the warning mark, red once breached.
QColor slaOnTrack();
QColor slaWarning();
QColor slaBreached();
QColor slaInactive(const QPalette &palette); // paused, met, none

// Conversation entries: public replies, internal notes, system events.
QColor replyBackground(const QPalette &palette);
QColor noteBackground(const QPalette &palette);
QColor eventForeground(const QPalette &palette);

QColor unreadMark();
QColor pendingMark();

// The colour an SLA state and due time give, at a moment.
QColor forSla(
    const QString &state, qint64 dueAt, qint64 warnAt, qint64 now, const QPalette &palette);

// Mixes a with b: 0 gives a, 1 gives b.
QColor mix(const QColor &a, const QColor &b, double amount);

} // namespace Atiende::Ui::Theme
