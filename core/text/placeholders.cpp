#include "placeholders.h"

#include <QRegularExpression>

namespace Atiende::Core {

namespace {
// A name is dotted identifiers; anything else between braces is text someone typed.
const QRegularExpression &pattern()
{
    static const QRegularExpression re(QStringLiteral(
        "\\{\\{[ \\t]*([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*)[ \\t]*\\}\\}"));
    return re;
}

void addOnce(QStringList *list, const QString &name)
{
    if (!list->contains(name))
        list->append(name);
}
} // namespace

const QStringList &Placeholders::known()
{
    static const QStringList names {
        QStringLiteral("customer.name"),
        QStringLiteral("customer.firstName"),
        QStringLiteral("ticket.number"),
        QStringLiteral("ticket.subject"),
        QStringLiteral("agent.name"),
        QStringLiteral("agent.firstName"),
        QStringLiteral("organisation.name"),
    };
    return names;
}

Placeholders::Rendered Placeholders::render(
    const QString &text, const QHash<QString, QString> &values)
{
    Rendered r;
    r.text.reserve(text.size());
    qsizetype copied = 0;
    auto it = pattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        r.text += QStringView(text).mid(copied, m.capturedStart() - copied);
        copied = m.capturedEnd();
        if (!isKnown(name)) {
            addOnce(&r.unknown, name);
            r.text += m.captured(0);
            continue;
        }
        const QString value = values.value(name);
        if (value.isEmpty())
            addOnce(&r.missing, name);
        r.text += value;
    }
    r.text += QStringView(text).mid(copied);
    return r;
}

QStringList Placeholders::namesIn(const QString &text)
{
    QStringList names;
    auto it = pattern().globalMatch(text);
    while (it.hasNext())
        addOnce(&names, it.next().captured(1));
    return names;
}

bool Placeholders::validate(const QString &text, QString *error)
{
    QStringList unknown;
    for (const QString &name : namesIn(text)) {
        if (!isKnown(name))
            unknown << QStringLiteral("{{%1}}").arg(name);
    }
    if (unknown.isEmpty())
        return true;
    if (error) {
        *error = QStringLiteral("Unknown placeholder%1 %2; the known ones are %3.")
                     .arg(unknown.size() == 1 ? QString() : QStringLiteral("s"),
                         unknown.join(QStringLiteral(", ")), known().join(QStringLiteral(", ")));
    }
    return false;
}

QString Placeholders::firstNameOf(const QString &fullName)
{
    const QString trimmed = fullName.trimmed();
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
        if (trimmed.at(i).isSpace())
            return trimmed.left(i);
    }
    return trimmed;
}

} // namespace Atiende::Core
