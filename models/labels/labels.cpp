#include "labels.h"

#include <QDateTime>
#include <QLocale>

namespace Atiende::Models {

QString Labels::status(const QString &w)
{
    if (w == QLatin1String("new"))
        return tr("New");
    if (w == QLatin1String("assigned"))
        return tr("Assigned");
    if (w == QLatin1String("in_progress"))
        return tr("In progress");
    if (w == QLatin1String("pending_customer"))
        return tr("Pending customer");
    if (w == QLatin1String("pending_third_party"))
        return tr("Pending third party");
    if (w == QLatin1String("resolved"))
        return tr("Resolved");
    if (w == QLatin1String("closed"))
        return tr("Closed");
    return w;
}

QString Labels::priorityShort(const QString &w)
{
    return w;
}

QString Labels::priority(const QString &w)
{
    if (w == QLatin1String("P1"))
        return tr("P1 · Critical");
    if (w == QLatin1String("P2"))
        return tr("P2 · High");
    if (w == QLatin1String("P3"))
        return tr("P3 · Medium");
    if (w == QLatin1String("P4"))
        return tr("P4 · Low");
    return w;
}

QString Labels::type(const QString &w)
{
    if (w == QLatin1String("incident"))
        return tr("Incident");
    if (w == QLatin1String("service_request"))
        return tr("Service request");
    return w;
}

QString Labels::channel(const QString &w)
{
    if (w == QLatin1String("email"))
        return tr("E-mail");
    if (w == QLatin1String("portal"))
        return tr("Web portal");
    if (w == QLatin1String("phone"))
        return tr("Phone");
    if (w == QLatin1String("chat"))
        return tr("Chat");
    if (w == QLatin1String("console"))
        return tr("Console");
    return w;
}

QString Labels::level(const QString &w)
{
    if (w == QLatin1String("high"))
        return tr("High");
    if (w == QLatin1String("medium"))
        return tr("Medium");
    if (w == QLatin1String("low"))
        return tr("Low");
    return w;
}

QString Labels::slaState(const QString &w)
{
    if (w == QLatin1String("none"))
        return tr("No target");
    if (w == QLatin1String("running"))
        return tr("Running");
    if (w == QLatin1String("paused"))
        return tr("Paused");
    if (w == QLatin1String("warning"))
        return tr("About to breach");
    if (w == QLatin1String("breached"))
        return tr("Breached");
    if (w == QLatin1String("met"))
        return tr("Met");
    return w;
}

QString Labels::articleKind(const QString &w)
{
    if (w == QLatin1String("reply"))
        return tr("Reply");
    if (w == QLatin1String("note"))
        return tr("Internal note");
    if (w == QLatin1String("event"))
        return tr("Event");
    return w;
}

QString Labels::role(const QString &w)
{
    if (w == QLatin1String("agent"))
        return tr("Agent");
    if (w == QLatin1String("lead"))
        return tr("Team lead");
    if (w == QLatin1String("admin"))
        return tr("Administrator");
    return w;
}

QString Labels::presence(const QString &w)
{
    if (w == QLatin1String("available"))
        return tr("Available");
    if (w == QLatin1String("busy"))
        return tr("Busy");
    if (w == QLatin1String("away"))
        return tr("Away");
    if (w == QLatin1String("offline"))
        return tr("Offline");
    return w;
}

QString Labels::field(const QString &w)
{
    if (w == QLatin1String("status"))
        return tr("Status");
    if (w == QLatin1String("priority"))
        return tr("Priority");
    if (w == QLatin1String("impact"))
        return tr("Impact");
    if (w == QLatin1String("urgency"))
        return tr("Urgency");
    if (w == QLatin1String("subject"))
        return tr("Subject");
    if (w == QLatin1String("categoryId"))
        return tr("Category");
    if (w == QLatin1String("groupId"))
        return tr("Group");
    if (w == QLatin1String("assigneeId"))
        return tr("Assignee");
    if (w == QLatin1String("customerId"))
        return tr("Customer");
    if (w == QLatin1String("type"))
        return tr("Type");
    if (w == QLatin1String("channel"))
        return tr("Channel");
    if (w == QLatin1String("cc"))
        return tr("CC", "the addresses a ticket's e-mail also goes to");
    return w;
}

QStringList Labels::statuses()
{
    return { QStringLiteral("new"), QStringLiteral("assigned"), QStringLiteral("in_progress"),
        QStringLiteral("pending_customer"), QStringLiteral("pending_third_party"),
        QStringLiteral("resolved"), QStringLiteral("closed") };
}

QStringList Labels::levels()
{
    return { QStringLiteral("high"), QStringLiteral("medium"), QStringLiteral("low") };
}
QStringList Labels::priorities()
{
    return { QStringLiteral("P1"), QStringLiteral("P2"), QStringLiteral("P3"),
        QStringLiteral("P4") };
}

QString Labels::duration(qint64 ms)
{
    const bool negative = ms < 0;
    qint64 s = (negative ? -ms : ms) / 1000;
    const qint64 d = s / 86400;
    const qint64 h = (s % 86400) / 3600;
    const qint64 m = (s % 3600) / 60;
    QString text;
    if (d > 0)
        text = tr("%1 d %2 h").arg(d).arg(h);
    else if (h > 0)
        text = tr("%1 h %2 min").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    else if (m > 0)
        text = tr("%1 min").arg(m);
    else
        text = tr("%1 s").arg(s % 60);
    return negative ? QStringLiteral("-") + text : text;
}

QString Labels::language(const QString &code)
{
    const QLocale locale(code);
    switch (locale.language()) {
    case QLocale::Spanish:
        return tr("Spanish");
    case QLocale::English:
        return tr("English");
    case QLocale::Catalan:
        return tr("Catalan");
    case QLocale::Basque:
        return tr("Basque");
    case QLocale::Galician:
        return tr("Galician");
    case QLocale::Portuguese:
        return tr("Portuguese");
    case QLocale::French:
        return tr("French");
    case QLocale::German:
        return tr("German");
    case QLocale::Italian:
        return tr("Italian");
    case QLocale::C:
    case QLocale::AnyLanguage:
        return code;
    default:
        return locale.nativeLanguageName();
    }
}

QString Labels::timeOfDay(const QDateTime &t)
{
    return QLocale().toString(t.time(), QLocale::ShortFormat);
}

QString Labels::date(QDate day)
{
    return QLocale().toString(day, tr("d MMM yyyy", "date format for earlier years"));
}

QString Labels::when(qint64 ms, qint64 now)
{
    if (ms <= 0)
        return QString();
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    const QDateTime n = QDateTime::fromMSecsSinceEpoch(now);
    const QLocale locale;
    if (t.date() == n.date())
        return timeOfDay(t);
    if (t.date().daysTo(n.date()) < 7 && t.date() < n.date())
        return locale.dayName(t.date().dayOfWeek(), QLocale::ShortFormat) + QLatin1Char(' ')
            + timeOfDay(t);
    if (t.date().year() == n.date().year())
        return locale.toString(t.date(), tr("d MMM", "date format for this year"));
    return date(t.date());
}

QString Labels::instant(qint64 ms)
{
    if (ms <= 0)
        return QString();
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    return tr("%1, %2", "an instant in full: the date (long), then the time of day")
        .arg(QLocale().toString(t.date(), QLocale::LongFormat), timeOfDay(t));
}

} // namespace Atiende::Models
