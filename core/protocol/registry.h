#pragma once
// The protocol's methods and notifications in one table (docs/protocol.md as data): name,
// direction, who may call it, whether it is an edit with an opId, and the params and result as
// field names with their JSON types. Tests check the document, the golden samples
// (core/protocol/samples) and a real atiended against it; a client or tool may use it to check
// a message's shape. Describing a shape is all it does: no method is dispatched from here.

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace Atiende::Core::Protocol {

// One field of a params, result or entity object, parsed from "name:type" ("name?:type" when
// optional). A type is one or more of, separated by '|': id (positive integer), int, number,
// string, bool, instant (ISO 8601 UTC with milliseconds), object, array, null, any, an entity
// shape's name (Ticket, Agent...: see Registry::shape), and any of those followed by "[]" for
// a list of them.
struct FieldSpec
{
    QString name;
    QStringList types; // alternatives, as written
    bool required = true;

    static FieldSpec parse(const QString &spec);
};

struct MessageSpec
{
    enum class Kind { Method, Notification };
    // Who may call a method: before signing in (hello, auth.*, surveys.answer), any signed-in
    // agent, leads and admins, admins only. Notifications are for the signed-in connections
    // the text names.
    enum class Caller { BeforeSignIn, Any, Lead, Admin };
    enum class OpId { None, Optional, Required };

    QString name;
    Kind kind = Kind::Method;
    Caller caller = Caller::Any;
    OpId opId = OpId::None; // an edit the server applies once per opId
    QList<FieldSpec> params;
    QList<FieldSpec> result; // methods only

    // Direction on the wire: methods go client to server, notifications server to client.
    bool fromClient() const { return kind == Kind::Method; }
};

class Registry
{
public:
    static const QList<MessageSpec> &all();
    static const MessageSpec *find(const QString &name);
    static QStringList methodNames();
    static QStringList notificationNames();

    // The fields of an entity shape (Ticket, Article, Customer, Organisation, Agent, Group,
    // Category, KbArticle, CannedResponse, Change, Viewer...); empty for an unknown name.
    static const QList<FieldSpec> &shape(const QString &name);
    static QStringList shapeNames();

    // What is wrong with an object against fields (empty: it conforms): a required field
    // missing, a value of another type, and, when strict, a field the description lacks.
    // Entity shapes are checked all the way down; `where` prefixes the messages.
    static QStringList check(const QList<FieldSpec> &fields, const QJsonObject &object, bool strict,
        const QString &where = QString());
    static QStringList checkValue(
        const QStringList &types, const QJsonValue &value, bool strict, const QString &where);

    static QString callerName(MessageSpec::Caller caller);
};

} // namespace Atiende::Core::Protocol
