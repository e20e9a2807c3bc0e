#pragma once
// The value of one ticket field where the protocol carries values of any field in one place:
// the from and to of a change event, yours and theirs of a conflict, the fields of an edit.
// Such a value is nothing (null), text (a subject, or a wire name such as "in_progress"), a
// number (an id), a list of ids (linked KB articles) or a list of texts (a ticket's CC
// addresses); what it means is the field's business.

#include "enums.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Atiende::Core {

struct FieldValue
{
    enum class Kind { Null, Text, Number, List, Texts };
    Kind kind = Kind::Null;
    QString text;
    double number = 0;
    QList<qint64> list;
    QStringList texts;

    static FieldValue fromText(const QString &text);
    static FieldValue fromId(qint64 id); // 0: null, as ids travel
    static FieldValue fromIds(const QList<qint64> &ids);
    static FieldValue fromTexts(const QStringList &texts);

    // Null, empty text and an empty list: the agent reads "none".
    bool isEmpty() const;
    qint64 id() const { return kind == Kind::Number ? qint64(number) : 0; }

    QJsonValue toJson() const;
    // Booleans and objects have no meaning as a ticket field: they read as their text form
    // (true/false) and null.
    static FieldValue fromJson(const QJsonValue &v);
    bool operator==(const FieldValue &o) const;
    bool operator!=(const FieldValue &o) const { return !(*this == o); }
};

// One field's change, or one field of an edit (then only `to` counts). fieldName is the wire
// name as it came; field is empty for a field this console does not know.
struct FieldChange
{
    std::optional<TicketField> field;
    QString fieldName;
    FieldValue from;
    FieldValue to;

    static FieldChange of(TicketField field, const FieldValue &from, const FieldValue &to);
    // {"field", "from", "to"} (a change event's entry).
    QJsonObject toJson() const;
    static FieldChange fromJson(const QJsonObject &o);
    bool operator==(const FieldChange &o) const
    {
        return fieldName == o.fieldName && from == o.from && to == o.to;
    }
};

} // namespace Atiende::Core
