#pragma once
// The {{placeholders}} of canned responses: which names exist, checking a template before it
// is saved, and filling one in for a ticket. Pure text work, so the server renders and the
// console can preview with the same rules.

#include <QHash>
#include <QString>
#include <QStringList>

namespace Atiende::Core {

class Placeholders
{
public:
    // customer.name, customer.firstName, ticket.number, ticket.subject, agent.name,
    // agent.firstName, organisation.name.
    static const QStringList &known();
    static bool isKnown(const QString &name) { return known().contains(name); }

    struct Rendered
    {
        QString text;
        QStringList unknown; // names not in known(): left in the text as written
        QStringList missing; // known names without a (non-empty) value: rendered as nothing
    };

    // Replaces every {{name}} (spaces inside the braces allowed) by values[name]. Values go in
    // as they are, not Markdown-escaped: the agent reviews the reply before it is sent, and a
    // name like "Peña_Ruiz" must not come out with backslashes. Braces around anything that
    // is not a name ("{{}}", "{{ a b }}", "{x}") are ordinary text. Each name is reported once.
    static Rendered render(const QString &text, const QHash<QString, QString> &values);

    // The distinct placeholder names a text uses, known or not, in order of first use.
    static QStringList namesIn(const QString &text);

    // For saving a template: false with a message naming every unknown placeholder.
    static bool validate(const QString &text, QString *error);

    // "Núria Peña" -> "Núria": what {{...firstName}} shows, for people stored with one name field.
    static QString firstNameOf(const QString &fullName);
};

} // namespace Atiende::Core
