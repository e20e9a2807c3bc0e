#include "fieldvalue.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Atiende::Core {

FieldValue FieldValue::fromText(const QString &text)
{
    FieldValue v;
    v.kind = Kind::Text;
    v.text = text;
    return v;
}

FieldValue FieldValue::fromId(qint64 id)
{
    FieldValue v;
    if (id != 0) {
        v.kind = Kind::Number;
        v.number = double(id);
    }
    return v;
}

FieldValue FieldValue::fromIds(const QList<qint64> &ids)
{
    FieldValue v;
    v.kind = Kind::List;
    v.list = ids;
    return v;
}

FieldValue FieldValue::fromTexts(const QStringList &texts)
{
    FieldValue v;
    v.kind = Kind::Texts;
    v.texts = texts;
    return v;
}

bool FieldValue::isEmpty() const
{
    switch (kind) {
    case Kind::Null:
        return true;
    case Kind::Text:
        return text.isEmpty();
    case Kind::Number:
        return false;
    case Kind::List:
        return list.isEmpty();
    case Kind::Texts:
        return texts.isEmpty();
    }
    return true;
}

QJsonValue FieldValue::toJson() const
{
    switch (kind) {
    case Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Kind::Text:
        return text;
    case Kind::Number:
        return number;
    case Kind::List: {
        QJsonArray a;
        for (qint64 id : list)
            a.append(double(id));
        return a;
    }
    case Kind::Texts:
        return QJsonArray::fromStringList(texts);
    }
    return QJsonValue(QJsonValue::Null);
}

FieldValue FieldValue::fromJson(const QJsonValue &v)
{
    FieldValue out;
    if (v.isString()) {
        out = fromText(v.toString());
    } else if (v.isDouble()) {
        out.kind = Kind::Number;
        out.number = v.toDouble();
    } else if (v.isBool()) {
        out = fromText(v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else if (v.isArray()) {
        // A list of texts when its first item is one (an empty list reads as ids).
        const QJsonArray a = v.toArray();
        if (!a.isEmpty() && a.first().isString()) {
            out.kind = Kind::Texts;
            for (const QJsonValue &item : a)
                out.texts.append(item.toString());
        } else {
            out.kind = Kind::List;
            for (const QJsonValue &item : a)
                out.list.append(qint64(item.toDouble()));
        }
    }
    return out;
}

bool FieldValue::operator==(const FieldValue &o) const
{
    if (kind != o.kind)
        return false;
    switch (kind) {
    case Kind::Null:
        return true;
    case Kind::Text:
        return text == o.text;
    case Kind::Number:
        return number == o.number;
    case Kind::List:
        return list == o.list;
    case Kind::Texts:
        return texts == o.texts;
    }
    return false;
}

FieldChange FieldChange::of(TicketField field, const FieldValue &from, const FieldValue &to)
{
    return FieldChange { field, wireName(field), from, to };
}

QJsonObject FieldChange::toJson() const
{
    return { { QStringLiteral("field"), fieldName }, { QStringLiteral("from"), from.toJson() },
        { QStringLiteral("to"), to.toJson() } };
}

FieldChange FieldChange::fromJson(const QJsonObject &o)
{
    FieldChange c;
    c.fieldName = o.value(QStringLiteral("field")).toString();
    c.field = fromString<TicketField>(c.fieldName);
    c.from = FieldValue::fromJson(o.value(QStringLiteral("from")));
    c.to = FieldValue::fromJson(o.value(QStringLiteral("to")));
    return c;
}

} // namespace Atiende::Core
